"""Routes of a station's sync: push its records, pull others', follow units, the station list, read a unit."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from sync import protocol

from ..deps import RegistryDep, Who, answer
from ..models import SIGNED, FollowRequest, PullRequest, PushRequest, refusals

router = APIRouter(prefix=protocol.API)


@router.post("/push", summary="Store a chunk of this station's change records", response_model=None,
             responses=SIGNED)
def push(request: PushRequest, who: Who, registry: RegistryDep) -> Response:
    return answer(registry, who, registry.push(who.station, [c.model_dump() for c in request.changes]))


@router.post("/pull", summary="Others' change records for the family units this station holds",
             response_model=None, responses=SIGNED)
def pull(request: PullRequest, who: Who, registry: RegistryDep) -> Response:
    return answer(registry, who, registry.pull(who.station, request.cursor, request.limit))


@router.post("/follow", summary="Hold the family units of these band numbers from now on", response_model=None,
             responses=SIGNED)
def follow(request: FollowRequest, who: Who, registry: RegistryDep) -> Response:
    return answer(registry, who, registry.follow(who.station, request.bands))


@router.get("/stations", summary="Enrolled stations, their public keys and revocations", response_model=None,
            responses=SIGNED)
def stations(who: Who, registry: RegistryDep) -> Response:
    return answer(registry, who, {"stations": registry.stations(), "registry": registry.public()})


@router.get("/families/{band}", summary="A family unit as the registry holds it", response_model=None,
            responses=SIGNED | refusals(404))
def family(band: str, who: Who, registry: RegistryDep) -> Response:
    return answer(registry, who, registry.family(band, who=who.station))
