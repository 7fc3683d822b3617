"""What routes depend on: the registry, the station that signed the request, and signed answers."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from sync import protocol

from ..store import Registry


class TooLarge(Exception):
    """The request's body is over ``protocol.MAX_BODY``."""


class Signed:
    """The station that signed the request, and the nonce its answer is signed over."""

    def __init__(self, station: str, nonce: str) -> None:
        self.station, self.nonce = station, nonce


def registry(request: Request) -> Registry:
    found: Registry = request.app.state.registry
    return found


RegistryDep = Annotated[Registry, Depends(registry)]


async def signed(request: Request, registry: RegistryDep) -> Signed:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > protocol.MAX_BODY:
        raise TooLarge()
    body = await request.body()
    if len(body) > protocol.MAX_BODY:
        raise TooLarge()
    station = await run_in_threadpool(registry.authenticate, request.method, request.url.path, request.headers, body)
    return Signed(station, request.headers[protocol.NONCE_HEADER])


Who = Annotated[Signed, Depends(signed)]


def answer(registry: Registry, who: Signed, payload: Any) -> Response:
    """A JSON answer signed by the registry over the request's nonce."""
    body = protocol.canonical(payload)
    return Response(body, media_type="application/json",
                    headers={protocol.ANSWER_SIGNATURE_HEADER: registry.sign_answer(who.nonce, body)})
