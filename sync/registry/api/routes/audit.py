"""Routes of the stations' audit chains: where the registry's copy ends, and the next records."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from sync import protocol

from ..deps import RegistryDep, Who, answer
from ..models import SIGNED, AuditRequest, refusals

router = APIRouter(prefix=protocol.API)


@router.get("/audit", summary="Where the registry's copy of this station's audit chain ends", response_model=None,
            responses=SIGNED | refusals(409))
def audit_held(who: Who, registry: RegistryDep) -> Response:
    return answer(registry, who, registry.audit_held(who.station))


@router.post("/audit", summary="The next records of this station's audit chain, checked link by link",
             response_model=None, responses=SIGNED | refusals(409))
def audit_receive(request: AuditRequest, who: Who, registry: RegistryDep) -> Response:
    return answer(registry, who, registry.receive_audit(who.station, [r.model_dump() for r in request.records]))
