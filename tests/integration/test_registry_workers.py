"""``kinlink registry serve --workers N``: several processes on one PostgreSQL database, each
answering with TCP_NODELAY (uvicorn's shared listening socket would leave Nagle's algorithm on)."""

from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol
from uvicorn.server import ServerState

from sync.registry.serving import NoDelayH11
from tests.syncing import RunningRegistry, TestStation


def _nodelay_of_accepted(protocol: type[H11Protocol]) -> int:
    """TCP_NODELAY of a connection accepted on a listening socket made as uvicorn's workers make it
    (``socket.socket(family=AF_INET)``, no protocol number), served by ``protocol``."""
    seen: list[int] = []

    class Probe(protocol):  # type: ignore[valid-type,misc]
        def connection_made(self, transport: asyncio.Transport) -> None:
            super().connection_made(transport)
            sock = transport.get_extra_info("socket")
            seen.append(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))

    async def app(scope: object, receive: object, send: object) -> None:
        return None

    async def run() -> None:
        config = uvicorn.Config(app, http=Probe, log_level="warning")
        config.load()
        listener = socket.socket(family=socket.AF_INET)
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        server = await asyncio.get_running_loop().create_server(lambda: Probe(config, ServerState(), {}), sock=listener)
        _, writer = await asyncio.open_connection(*listener.getsockname())
        for _ in range(100):
            if seen:
                break
            await asyncio.sleep(0.01)
        writer.close()
        server.close()

    asyncio.run(run())
    assert seen, "the connection was never accepted"
    return seen[0]


def test_worker_connections_get_nodelay() -> None:
    assert _nodelay_of_accepted(H11Protocol) == 0, "uvicorn alone leaves Nagle on here (the reason for NoDelayH11)"
    assert _nodelay_of_accepted(NoDelayH11) != 0


@pytest.mark.parametrize("registry_db", ["postgresql"], indirect=True)
def test_two_worker_processes_serve_one_database(registry_db: str, tmp_path: Path,
                                                 make_station: Callable[..., TestStation],
                                                 registry: RunningRegistry, example_document: bytes) -> None:
    north = make_station("north")
    south = make_station("south")
    registry.stop()  # the fixture's one-process registry; the stations enrolled with its address
    workers = RunningRegistry(registry_db, registry.data_dir, port=registry.port, workers=2)
    workers.start()
    try:
        children = subprocess.run(["pgrep", "-P", str(workers.process.pid if workers.process else 0)],
                                  capture_output=True, text=True, check=False).stdout.split()
        assert len(children) >= 2, "two worker processes (and uvicorn's own helper) under the registry"
        band = north.register(example_document)["families"][0]["people"][0]["band"]
        for _ in range(3):  # several requests each: both workers answer some of them
            assert north.sync()["pending"] == 0
        followed = south.sync(follow=[north.payload(band)])
        assert followed["follow_errors"] == [] and followed["pulled"] == 9
        assert south.show(band)["people"][0]["given_names"] == "María José"
    finally:
        workers.stop()


@pytest.mark.parametrize("args, message", [
    (["--workers", "2"], "several --workers need a PostgreSQL database"),
    (["--workers", "0"], "--workers must be a whole number from 1 to 64"),
])
def test_bad_worker_counts_are_refused(tmp_path: Path, args: list[str], message: str) -> None:
    done = subprocess.run([str(Path(sys.executable).parent / "kinlink"), "--data-dir", str(tmp_path), "registry",
                           "serve", "--port", "0", *args], capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2 and message in done.stderr
