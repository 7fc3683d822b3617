"""Shared fixtures: a fresh encrypted station store per test, signed-in sessions, the real CLI.

Key slots made by tests use a cheap Argon2id cost so that a store per test stays fast; the cost
is stored in each slot, so unlocking (in-process or through the real ``kinlink`` process) reads it
from the file. Tests of the real cost use ``KdfParams()`` explicitly.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402

from app import services  # noqa: E402
from app.store import keyslots  # noqa: E402

pytest_plugins = ["tests.pgcluster", "tests.syncing"]

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_DOCUMENT = ROOT / "docs" / "examples" / "encounter.json"
FAST_KDF = keyslots.KdfParams(iterations=1, memory_kib=64, lanes=1)

ADMIN, AGENT, SUPERVISOR = "admin", "ana", "sofia"
PASSPHRASES = {ADMIN: "admin passphrase 1", AGENT: "agent passphrase 1", SUPERVISOR: "supervisor pass 1"}


@pytest.fixture(autouse=True)
def fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(keyslots, "DEFAULT_KDF", FAST_KDF)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "station"


@pytest.fixture
def station(data_dir: Path) -> Path:
    """An initialised station with an admin, an agent and a supervisor."""
    services.init_station(data_dir=data_dir, station_name="Test Station", admin=ADMIN,
                          passphrase=PASSPHRASES[ADMIN])
    admin = services.sign_in(data_dir=data_dir, user=ADMIN, passphrase=PASSPHRASES[ADMIN])
    try:
        services.add_user(session=admin, name=AGENT, role="agent", passphrase=PASSPHRASES[AGENT])
        services.add_user(session=admin, name=SUPERVISOR, role="supervisor", passphrase=PASSPHRASES[SUPERVISOR])
    finally:
        admin.close()
    return data_dir


def _session(data_dir: Path, user: str) -> Iterator[services.Session]:
    session = services.sign_in(data_dir=data_dir, user=user, passphrase=PASSPHRASES[user])
    yield session
    ui_worker = sys.modules.get("app.ui.worker")
    if ui_worker is not None:  # a UI test's operations may still use the session: let them finish first
        assert ui_worker.wait_for_idle(), "an operation was still running when the session closed"
    session.close()


@pytest.fixture
def admin(station: Path) -> Iterator[services.Session]:
    yield from _session(station, ADMIN)


@pytest.fixture
def agent(station: Path) -> Iterator[services.Session]:
    yield from _session(station, AGENT)


@pytest.fixture
def supervisor(station: Path) -> Iterator[services.Session]:
    yield from _session(station, SUPERVISOR)


@pytest.fixture
def example_document() -> bytes:
    return EXAMPLE_DOCUMENT.read_bytes()


def document(*families: dict[str, Any], occurred_at: str = "2026-11-24T14:05:00-07:00") -> bytes:
    """An encounter document (v1) from family dicts, as bytes."""
    return json.dumps({"encounter": {"occurred_at": occurred_at, "place": "Test crossing"},
                       "families": list(families)}).encode()


def adult(ref: str, given: str | None = "Ana", family: str | None = "Pérez", **extra: Any) -> dict[str, Any]:
    return {"ref": ref, "role": "adult", "given_names": given, "family_names": family, "sex": "female", **extra}


def child(ref: str, given: str | None = None, family: str | None = None, **extra: Any) -> dict[str, Any]:
    return {"ref": ref, "role": "child", "given_names": given, "family_names": family, "sex": "male", **extra}


def link(src: str, dst: str, relationship: str = "mother", provenance: str = "claimed") -> dict[str, Any]:
    return {"from": src, "to": dst, "relationship": relationship, "provenance": provenance}


@dataclass
class CliResult:
    code: int
    stdout: str
    stderr: str

    @property
    def json(self) -> Any:
        return json.loads(self.stdout)


def kinlink_executable() -> str:
    return str(Path(sys.executable).parent / "kinlink")


@pytest.fixture
def cli(data_dir: Path) -> Any:
    """Run the real ``kinlink`` process against the test's data directory."""

    def run(*args: str, user: str | None = None, passphrase: str | None = None,
            new_passphrase: str | None = None, stdin: bytes | None = None, timeout: float = 60) -> CliResult:
        env = {k: v for k, v in os.environ.items() if not k.startswith("KINLINK_")}
        env["KINLINK_DATA_DIR"] = str(data_dir)
        if user is not None:
            env["KINLINK_USER"] = user
            env["KINLINK_PASSPHRASE"] = PASSPHRASES.get(user, "")
        if passphrase is not None:
            env["KINLINK_PASSPHRASE"] = passphrase
        if new_passphrase is not None:
            env["KINLINK_NEW_PASSPHRASE"] = new_passphrase
        done = subprocess.run([kinlink_executable(), *args], input=stdin if stdin is not None else b"",
                              capture_output=True, env=env, timeout=timeout, check=False)
        return CliResult(done.returncode, done.stdout.decode(), done.stderr.decode())

    return run
