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


class PushRequest(_Strict):
    changes: list[ChangeRecord] = Field(max_length=protocol.CHUNK_CHANGES * 5)


class PullRequest(_Strict):
    cursor: StrictInt = Field(ge=0, le=2**63 - 1, description="the last registry sequence this station has pulled")
    limit: StrictInt = Field(default=protocol.PULL_LIMIT, ge=1, le=5000)


class FollowRequest(_Strict):
    bands: list[StrictStr] = Field(min_length=1, max_length=100)


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
            401: "not signed, altered, replayed, or from a station this registry does not know",
            403: "the station was revoked, or the enrolment code cannot be used",
            404: "the registry holds no such band number",
            409: "this station's audit log no longer matches the copy the registry holds (altered on the station?)",
            413: f"the request is larger than {protocol.MAX_BODY // (1024 * 1024)} MB",
            422: "the request is malformed or holds a value that cannot be stored; nothing was stored",
            503: "the registry's database is unavailable; try again shortly (nothing was half-stored)"}
    said |= said_here or {}
    return {status: {"model": Refusal, "description": said[status]} for status in statuses}


SIGNED = refusals(400, 401, 403, 413, 422, 503)
