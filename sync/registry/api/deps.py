"""What routes depend on: the registry, the station that signed the request, and signed answers."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from sync import protocol

from ..store import Registry


class Signed:
    """The station that signed the request, and the nonce its answer is signed over."""

    def __init__(self, station: str, nonce: str) -> None:
        self.station, self.nonce = station, nonce


def registry(request: Request) -> Registry:
    found: Registry = request.app.state.registry
    return found


RegistryDep = Annotated[Registry, Depends(registry)]


def client(request: Request) -> str:
    """The address a request came from, as the registry sees it (behind a proxy: as the proxy says)."""
    return request.client.host if request.client else "unknown"


Client = Annotated[str, Depends(client)]


async def signed(request: Request, registry: RegistryDep, address: Client) -> Signed:
    """The station that signed the request over its path and query as sent (``path?query``: a filter
    in the query cannot be changed on the way) and its body (read whole, within ``protocol.MAX_BODY``)."""
    query = request.url.query
    path = f"{request.url.path}?{query}" if query else request.url.path
    body = await request.body()
    station = await run_in_threadpool(registry.authenticate, request.method, path, request.headers, body, address)
    return Signed(station, request.headers[protocol.NONCE_HEADER])


Who = Annotated[Signed, Depends(signed)]


def answer(registry: Registry, who: Signed, payload: Any) -> Response:
    """A JSON answer signed by the registry over the request's nonce."""
    body = protocol.canonical(payload)
    signature, next_nonce = registry.sign_answer(who.nonce, body)
    return Response(body, media_type="application/json",
                    headers={protocol.ANSWER_SIGNATURE_HEADER: signature, protocol.NEXT_NONCE_HEADER: next_nonce})
