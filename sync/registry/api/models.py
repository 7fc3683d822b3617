"""The bodies the API takes (pydantic, extra keys refused) and the shape of its refusals."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr

from sync import protocol


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ChangeRecord(_Strict):
    body: StrictStr = Field(description="the change record's canonical JSON text, exactly as its station signed it")
    signature: StrictStr = Field(description="Ed25519 signature of `body` by the writing station, base64")
    tx: StrictStr | None = Field(default=None, min_length=1, max_length=64,
                                 description="the station transaction the record was written in: consecutive "
                                             "records of one transaction are accepted or refused together "
                                             "(absent: the record alone)")


class PushRequest(_Strict):
    changes: list[ChangeRecord] = Field(max_length=protocol.CHUNK_CHANGES * 5)


class Received(_Strict):
    family: StrictStr = Field(min_length=1, max_length=64)
    seq: StrictInt = Field(ge=0, le=2**63 - 1)


class PullRequest(_Strict):
    cursor: StrictInt = Field(ge=0, le=2**63 - 1, description="the last registry sequence this station has pulled")
    limit: StrictInt = Field(default=protocol.PULL_LIMIT, ge=1, le=5000)
    received: list[Received] = Field(default_factory=list, max_length=1000,
                                     description="the history pages of newly held units applied since the last "
                                                 "pull: the unit and the last sequence of the page")


class FollowRequest(_Strict):
    payloads: list[StrictStr] = Field(min_length=1, max_length=100,
                                      description="scanned band payloads (the QR code's text), signed by the "
                                                  "station that issued the band")


class FollowNumberRequest(_Strict):
    band: StrictStr = Field(min_length=1, max_length=40, description="a lost band's number")
    reason: StrictStr = Field(min_length=1, max_length=500, description="why the band cannot be scanned")


class AuditRecord(_Strict):
    seq: StrictInt = Field(ge=1, le=2**63 - 1)
    at: StrictStr
    station: StrictStr
    user: StrictStr
    action: StrictStr
    target: StrictStr
    outcome: StrictStr
    detail: StrictStr = Field(description="JSON text: ids and counts, never personal data")
    prev_hash: StrictStr
    hash: StrictStr


class AuditRequest(_Strict):
    records: list[AuditRecord] = Field(max_length=2000, description="the next records of this station's audit "
                                       "chain, in order, from the last one the registry holds (sent again)")


class EnrollRequest(_Strict):
    code: StrictStr = Field(max_length=64)
    station: StrictStr = Field(max_length=16)
    name: StrictStr = Field(max_length=200)
    public_key: StrictStr = Field(max_length=100, description="the station's Ed25519 public key, base64")
    proof: StrictStr = Field(max_length=200, description="the station's signature of the enrolment message")


class Refusal(BaseModel):
    detail: str | list[dict[str, Any]] = Field(
        description="what is wrong, in plain words (or, for a body that does not fit the request's schema, "
                    "FastAPI's list of validation errors)")


def refusals(*statuses: int, said_here: dict[int, str] | None = None) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI ``responses`` of a route: each refusal it can give, with what it means there."""
    said = {400: "the body is not JSON",
            408: "the body stalled, or took too long to arrive",
            401: "not signed, altered, replayed, or from a station this registry does not know",
            403: "the station was revoked, or the enrolment code cannot be used",
            404: "the registry holds no such band number",
            409: "this station's audit log no longer matches the copy the registry holds (altered on the station?)",
            413: f"the request is larger than {protocol.MAX_BODY // (1024 * 1024)} MB",
            422: "the request is malformed or holds a value that cannot be stored; nothing was stored",
            426: "the station's sync protocol version is not the registry's (update the older one)",
            429: "too many requests of this kind from this address or station; Retry-After says when to try again",
            503: "the registry's database is unavailable; try again shortly (nothing was half-stored)"}
    said |= said_here or {}
    return {status: {"model": Refusal, "description": said[status]} for status in statuses}


SIGNED = refusals(400, 401, 403, 408, 413, 422, 426, 429, 503)
