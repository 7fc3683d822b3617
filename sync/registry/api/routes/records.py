"""Routes of a station's sync: push its records, pull others', follow units, the station list, read a
unit it holds, the registry's counts."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from sync import protocol

from ..deps import RegistryDep, Who, answer
from ..models import SIGNED, FollowNumberRequest, FollowRequest, PullRequest, PushRequest, refusals

router = APIRouter(prefix=protocol.API)


@router.get("/policy", summary="Every version of the reunification policy, each signed by the registry",
            response_model=None, responses=SIGNED)
def policy(who: Who, registry: RegistryDep) -> Response:
    return answer(registry, who, {"policies": registry.policy_versions()})


@router.post("/push", summary="Judge and store a chunk of this station's change records", response_model=None,
             responses=SIGNED)
def push(request: PushRequest, who: Who, registry: RegistryDep) -> Response:
    return answer(registry, who, registry.push(who.station, [c.model_dump() for c in request.changes]))


@router.post("/pull", summary="The history of newly held units, then others' change records for the units this "
             "station holds", response_model=None, responses=SIGNED)
def pull(request: PullRequest, who: Who, registry: RegistryDep) -> Response:
    return answer(registry, who, registry.pull(who.station, request.cursor, request.limit,
                                               [r.model_dump() for r in request.received]))


@router.post("/follow", summary="Hold the family units of scanned bands (their signed payloads)", response_model=None,
             responses=SIGNED)
def follow(request: FollowRequest, who: Who, registry: RegistryDep) -> Response:
    return answer(registry, who, registry.follow(who.station, request.payloads))


@router.post("/follow-number", summary="Hold the family unit of a lost band by its number, with a reason (a few a "
             "day, each one reviewed)", response_model=None,
             responses=SIGNED | refusals(404, said_here={404: "the registry holds no such band number (the follow "
                                                             "counts towards the daily limit)"}))
def follow_number(request: FollowNumberRequest, who: Who, registry: RegistryDep) -> Response:
    return answer(registry, who, registry.follow_number(who.station, request.band, request.reason))


@router.get("/stations", summary="Enrolled stations, their public keys and revocations", response_model=None,
            responses=SIGNED)
def stations(who: Who, registry: RegistryDep) -> Response:
    return answer(registry, who, {"stations": registry.stations(), "registry": registry.public()})


@router.get("/families/{band}", summary="A family unit this station holds, as the registry holds it",
            response_model=None, responses=SIGNED | refusals(404, said_here={
                404: "no family unit this station holds has that band"}))
def family(band: str, who: Who, registry: RegistryDep) -> Response:
    return answer(registry, who, registry.family(band, who=who.station, station=who.station))


@router.get("/status", summary="The registry's database and counts", response_model=None, responses=SIGNED)
def status(who: Who, registry: RegistryDep) -> Response:
    return answer(registry, who, registry.status())
