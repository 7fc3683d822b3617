"""What ``kinlink registry serve`` hands uvicorn beyond the app."""

from __future__ import annotations

import socket
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol


class NoDelayH11(H11Protocol):
    """uvicorn's HTTP/1.1 protocol with TCP_NODELAY on each connection. uvicorn's worker processes
    (``--workers N``) share a listening socket made without the TCP protocol number, so asyncio
    leaves Nagle's algorithm on for the connections it accepts and each answer waits for the
    client's delayed ACK: about 100 ms more per push request, measured with two workers."""

    def connection_made(self, transport: Any) -> None:
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)
