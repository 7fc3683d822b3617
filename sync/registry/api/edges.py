"""The registry's edges, below the routes (a pure ASGI middleware): every request but a health
check carries the protocol version (an older or newer station gets a plain answer), every answer
says the registry's; a body is read as it streams in and cut at ``protocol.MAX_BODY`` before it is
held whole, and one that stalls is cut too."""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import Awaitable, Callable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync import protocol

EXEMPT = (f"{protocol.API}/health", "/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc")
IDLE_VARIABLE = "KINLINK_REGISTRY_BODY_IDLE_SECONDS"  # how long a body may stall between two parts
IDLE_SECONDS = 30.0
TOTAL_SECONDS = 600.0  # a whole body, however it trickles in


class Edges:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.idle = float(os.environ.get(IDLE_VARIABLE) or IDLE_SECONDS)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        async def stamped(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"],
                                      (protocol.PROTOCOL_HEADER.lower().encode(), str(protocol.VERSION).encode())]
            await send(message)

        refusal = _version_refusal(scope["path"], headers.get(protocol.PROTOCOL_HEADER.lower().encode()))
        if refusal is None:
            declared = headers.get(b"content-length", b"")
            if declared and (not declared.isdigit() or int(declared) > protocol.MAX_BODY):
                refusal = (413, _too_large())
        if refusal is not None:
            await _answer(stamped, *refusal)
            return
        answered = False

        async def once(message: Message) -> None:
            if not answered:  # the edge answered already: what the app says after is dropped
                await stamped(message)

        async def cut(status: int, detail: str) -> Message:
            """Answer here, and tell the app the client went away (it stops reading the body)."""
            nonlocal answered
            await _answer(stamped, status, detail)
            answered = True
            return {"type": "http.disconnect"}

        await self.app(scope, self._limited(receive, cut), once)

    def _limited(self, receive: Receive, cut: Callable[[int, str], Awaitable[Message]]) -> Receive:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + TOTAL_SECONDS
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            wait = min(self.idle, deadline - loop.time())
            try:
                message = await asyncio.wait_for(receive(), timeout=max(wait, 0.001))
            except TimeoutError:
                return await cut(408, "the request's body stalled or took too long to arrive")
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > protocol.MAX_BODY:
                    return await cut(413, _too_large())
            return message

        return limited


def _version_refusal(path: str, said: bytes | None) -> tuple[int, str] | None:
    if path in EXEMPT or (said is not None and said == str(protocol.VERSION).encode()):
        return None
    theirs = said.decode("latin-1")[:20] if said else None
    if theirs is None or (theirs.isdigit() and int(theirs) < protocol.VERSION):
        return 426, (f"this station runs an older Kinlink (sync protocol {theirs or 1}) than the registry (protocol "
                     f"{protocol.VERSION}): update Kinlink on the station, then sync again")
    return 426, (f"this station runs a newer Kinlink (sync protocol {theirs}) than the registry (protocol "
                 f"{protocol.VERSION}): the registry's operator updates the registry first")


def _too_large() -> str:
    return f"the request is larger than {protocol.MAX_BODY // (1024 * 1024)} MB"


async def _answer(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})
