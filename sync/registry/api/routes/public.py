"""Routes anyone may call: health (up or down, nothing more), a nonce, enrolment with a one-time code."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from sync import protocol

from ..deps import Client, RegistryDep
from ..models import EnrollRequest, refusals

router = APIRouter(prefix=protocol.API)


@router.get("/health", summary="Is the registry up (its counts need a signed request: /status)",
            responses=refusals(503))
def health(registry: RegistryDep) -> dict[str, Any]:
    return registry.health()


@router.post("/nonce", summary="A one-time nonce to sign the next request with", responses=refusals(426, 429, 503))
def nonce(registry: RegistryDep, address: Client) -> dict[str, Any]:
    return registry.issue_nonce(client=address)


@router.post("/enroll", summary="Enrol a station with a one-time code",
             responses=refusals(400, 401, 403, 422, 426, 429, 503,
                                said_here={401: "the enrolment is not signed by the station's key"}))
def enroll(request: EnrollRequest, registry: RegistryDep, address: Client) -> dict[str, Any]:
    return registry.enroll(request.model_dump(), client=address)
