"""Sync test fixtures (a pytest plugin: tests/conftest.py loads it): a real registry process
(``kinlink registry serve``: uvicorn on 127.0.0.1, a free port) over the SQLite default or a
throwaway PostgreSQL database, and stations enrolled with it.

* ``registry_db`` (function, parametrised ``sqlite`` / ``postgresql``): the registry's database URL;
* ``registry`` (function): a running registry process, as :class:`RunningRegistry` (``url``,
  ``open()`` for a ``Registry`` on the same database to look inside, ``stop()`` / ``start()``);
* ``make_station(name)`` (function): a new station with an admin and an agent, enrolled with
  ``registry``; returns a :class:`TestStation` with ``agent`` and ``admin`` sessions and ``sync()``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from app import services
from app.domain import clock
from app.domain.changes import Change
from app.store import syncing
from sync import protocol
from sync.client import RegistryClient
from sync.registry.store import Registry, open_registry
from tests.pgcluster import free_port

PROTOCOL = {protocol.PROTOCOL_HEADER: str(protocol.VERSION)}  # the header every request carries
ADMIN_PASS, AGENT_PASS, SUPERVISOR_PASS = "admin passphrase 1", "agent passphrase 1", "supervisor pass 1"


@dataclass
class RunningRegistry:
    database_url: str
    data_dir: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None
    workers: int = 1  # serve --workers (PostgreSQL only)
    env: dict[str, str] = field(default_factory=dict)  # KINLINK_REGISTRY_* settings for the process

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        env = {k: v for k, v in os.environ.items() if not k.startswith("KINLINK_")} | self.env
        log = open(self.data_dir / "serve.log", "ab")  # noqa: SIM115 - the process owns it
        self.process = subprocess.Popen(
            [str(Path(sys.executable).parent / "kinlink"), "--data-dir", str(self.data_dir), "registry", "serve",
             "--database-url", self.database_url, "--port", str(self.port),
             *(["--workers", str(self.workers)] if self.workers > 1 else [])],
            stdout=log, stderr=log, env=env)
        log.close()
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the registry exited: {(self.data_dir / 'serve.log').read_text()}")
            try:
                if httpx.get(f"{self.url}/v1/health", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                time.sleep(0.05)
        raise RuntimeError("the registry did not start in 30 s")

    def stop(self, *, kill: bool = False) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill() if kill else self.process.terminate()
            self.process.wait(timeout=30)
        self.process = None

    def open(self) -> Registry:
        return open_registry(self.database_url)

    def restart(self, **env: str) -> None:
        """Stop, and start again with these settings (``KINLINK_REGISTRY_...``)."""
        self.stop()
        self.env = dict(env)
        self.start()

    def enrollment_code(self, **place: Any) -> str:
        """A one-time code (``place``: agency, facility, oversight of the station enrolled with it)."""
        registry = self.open()
        try:
            return str(registry.new_enrollment_code(**place)["code"])
        finally:
            registry.close()


@dataclass
class TestStation:
    __test__ = False  # not a test class

    name: str
    data_dir: Path
    admin: services.Session
    agent: services.Session
    supervisor: services.Session

    def sync(self, **kwargs: Any) -> dict[str, Any]:
        return services.sync_now(session=self.agent, **kwargs)

    def register(self, document: bytes) -> dict[str, Any]:
        return services.register_family(session=self.agent, document=document)

    def show(self, ident: str) -> dict[str, Any]:
        return services.show_family(session=self.agent, ident=ident)

    def payload(self, band: str) -> str:
        """The signed QR text of one of this station's bands: what another station scans to follow it."""
        return services.band_payload(session=self.agent, band=band)


class Hostile:
    """An enrolled station that writes what it likes, signed with its own key, and pushes it."""

    def __init__(self, station: TestStation) -> None:
        self.station = station
        self.identity = station.agent.identity
        with station.agent.engine.connect() as conn:
            state = syncing.enrolment(conn)
        assert state is not None
        self.url, self.key = state["registry_url"], bytes(state["registry_key"])

    @property
    def code(self) -> str:
        return self.identity.code

    def record(self, entity: str, entity_id: str, fields: dict[str, Any], *, created: bool,
               wall_ms: int | None = None, hlc: str | None = None, base: dict[str, str] | None = None) -> Change:
        reading = hlc or str(clock.Hlc(clock.now_ms() if wall_ms is None else wall_ms, 0, self.code))
        change = Change(uuid.uuid4().hex, entity, entity_id, {k: (None, v) for k, v in fields.items()}, created,
                        reading, self.code, "agent", None, base=base or {})
        return Change(**{**change.__dict__, "signature": self.identity.sign(change.signing_bytes())})

    def push(self, *changes: Change, tx: str = "t") -> dict[str, Any]:
        with RegistryClient(self.url, self.identity, self.key) as client:
            answer: dict[str, Any] = client.call("POST", f"{protocol.API}/push", {"changes": [
                protocol.encode_change(c.signing_bytes().decode(), c.signature) | {"tx": tx} for c in changes]})
        return answer

    def call(self, method: str, path: str, payload: Any = None) -> Any:
        with RegistryClient(self.url, self.identity, self.key) as client:
            return client.call(method, path, payload)

    def refused(self, *changes: Change, says: str | tuple[str, ...]) -> None:
        """Push ``changes`` as one transaction: refused whole, for the reason ``says`` names."""
        answer = self.push(*changes)
        assert answer["acknowledged"] == [], answer
        [refusal] = answer["refused"]
        for fragment in (says,) if isinstance(says, str) else says:
            assert fragment in refusal["reason"], refusal["reason"]
        assert sorted(refusal["changes"]) == sorted(c.id for c in changes)


@pytest.fixture(params=["sqlite", "postgresql"])
def registry_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'registry.db'}"
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def registry(registry_db: str, tmp_path: Path) -> Iterator[RunningRegistry]:
    running = RunningRegistry(registry_db, tmp_path / "registry-home")
    running.data_dir.mkdir()
    running.start()
    yield running
    running.stop()


@pytest.fixture
def make_station(registry: RunningRegistry, tmp_path: Path) -> Iterator[Callable[..., TestStation]]:
    made: list[TestStation] = []

    def make(name: str, *, enrol: bool = True, **place: Any) -> TestStation:
        data_dir = tmp_path / name
        services.init_station(data_dir=data_dir, station_name=name, admin="admin", passphrase=ADMIN_PASS)
        admin = services.sign_in(data_dir=data_dir, user="admin", passphrase=ADMIN_PASS)
        services.add_user(session=admin, name="agent", role="agent", passphrase=AGENT_PASS)
        services.add_user(session=admin, name="sofia", role="supervisor", passphrase=SUPERVISOR_PASS)
        agent = services.sign_in(data_dir=data_dir, user="agent", passphrase=AGENT_PASS)
        supervisor = services.sign_in(data_dir=data_dir, user="sofia", passphrase=SUPERVISOR_PASS)
        station = TestStation(name, data_dir, admin, agent, supervisor)
        made.append(station)
        if enrol:
            services.enroll_station(session=admin, url=registry.url, code=registry.enrollment_code(**place))
        return station

    yield make
    for station in made:
        for session in (station.agent, station.supervisor, station.admin):
            session.close()
