"""The registry's audit: its own hash chain of what stations and operators did there, and the copy of
each station's audit chain sent at sync, which shows a station whose log was rewritten afterwards
(someone holding its data key can rewrite the whole tail so that the station's own check passes)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from app import services
from app.security import audit
from app.store import audit_log
from sync import protocol
from tests.conftest import ADMIN, CliResult, adult, document
from tests.syncing import ADMIN_PASS, AGENT_PASS, PROTOCOL, RunningRegistry, TestStation


def _registry_records(registry: RunningRegistry) -> list[dict[str, Any]]:
    opened = registry.open()
    try:
        return opened.audit_records(limit=10_000, who="test")
    finally:
        opened.close()


def _stations(registry: RunningRegistry) -> dict[str, dict[str, Any]]:
    opened = registry.open()
    try:
        return {s["station"]: s for s in opened.stations()}
    finally:
        opened.close()


def _rewrite_station_chain(station: TestStation, seq: int, user: str) -> None:
    """What someone holding the station's data key can do: change record ``seq`` and re-hash every
    record after it, so that the station's own chain check still passes."""
    with station.admin.engine.begin() as conn:
        rows = list(audit_log.rows(conn))
        prev = rows[seq - 2]["hash"] if seq > 1 else audit.GENESIS
        for row in rows[seq - 1:]:
            if row["seq"] == seq:
                row["user"] = user
            row["prev_hash"] = prev
            row["hash"] = audit.record_hash(prev, row)
            conn.execute(text('UPDATE audit SET "user" = :user, prev_hash = :prev_hash, hash = :hash WHERE seq = :seq'),
                         row)
            prev = row["hash"]


def test_the_registry_audits_what_stations_and_operators_do(registry: RunningRegistry,
                                                             make_station: Callable[..., TestStation]) -> None:
    north = make_station("north")
    south = make_station("south")
    band = north.register(document({"people": [adult("a", "Lucía", "Reyes")]}))["families"][0]["people"][0]["band"]
    north.sync()
    assert south.sync(follow=[north.payload(band)])["pulled"] > 0
    opened = registry.open()
    try:
        opened.family(band, who="operator:ana")
        with pytest.raises(Exception, match="holds no band"):
            opened.family("ZZZZZ-2222-2", who="operator:ana")
        opened.revoke(south.agent.identity.code, "lost", who="operator:ana")
    finally:
        opened.close()
    with pytest.raises(services.SyncFailure, match="revoked"):
        south.sync()
    records = _registry_records(registry)
    seen = [(r["user"], r["action"], r["outcome"]) for r in records]
    codes = {north.agent.identity.code: "north", south.agent.identity.code: "south"}
    named = [(codes.get(u, u), a, o) for u, a, o in seen]
    assert ("north", "enroll", "ok") in named and ("south", "enroll", "ok") in named
    assert ("north", "push", "ok") in named and ("south", "follow", "ok") in named
    assert ("operator:ana", "family.show", "ok") in named and ("operator:ana", "family.show", "failed") in named
    assert ("operator:ana", "station.revoke", "ok") in named
    assert ("south", "request", "denied") in named, "a revoked station still trying is recorded"
    assert sum(1 for _, a, _ in named if a == "enrollment-code.issue") == 2
    shown = next(r for r in records if r["action"] == "family.show" and r["outcome"] == "ok")
    assert shown["target"] and "Lucía" not in json.dumps(records), "ids and counts only: no names"
    again = _registry_records(registry)
    assert (again[-1]["user"], again[-1]["action"]) == ("test", "audit.read"), "reading the log is itself audited"
    assert [r["seq"] for r in records] == list(range(1, len(records) + 1))
    opened = registry.open()
    try:
        assert opened.audit_verify(who="test")["intact"]
        with opened.engine.begin() as conn:
            conn.execute(text("UPDATE audit SET target = 'someone else' WHERE seq = 3"))
        report = opened.audit_verify(who="test")
    finally:
        opened.close()
    assert not report["intact"] and report["broken_at"] == 3 and "changed" in report["reason"]


def test_each_sync_sends_the_station_audit_records_the_registry_lacks(registry: RunningRegistry,
                                                                     make_station: Callable[..., TestStation]) -> None:
    north = make_station("north")
    north.register(document({"people": [adult("a", "Lucía", "Reyes")]}))
    with north.agent.engine.connect() as conn:
        before = audit_log.last_seq(conn)
    first = north.sync()
    assert first["audit_sent"] == before, "every record up to the sync's own"
    second = north.sync()
    assert second["audit_sent"] == 1, "only the first sync's own record was new"
    opened = registry.open()
    try:
        with opened.engine.connect() as conn:
            held = conn.execute(text("SELECT seq, hash FROM station_audit WHERE station = :s ORDER BY seq"),
                                {"s": north.agent.identity.code}).all()
    finally:
        opened.close()
    with north.agent.engine.connect() as conn:
        mine = [(r["seq"], r["hash"]) for r in audit_log.rows(conn)]
    assert [tuple(h) for h in held] == mine[:len(held)] and len(held) == before + 1


def test_a_station_log_rewritten_after_it_was_sent_is_found_at_the_registry(
        registry: RunningRegistry, make_station: Callable[..., TestStation]) -> None:
    north = make_station("north")
    north.sync()
    with north.agent.engine.connect() as conn:
        sent = audit_log.last_seq(conn) - 1  # the sync's own record came after the sending
    _rewrite_station_chain(north, 3, "nobody")
    assert services.verify_audit(session=north.admin)["intact"], "the station's own check cannot see it"
    north.register(document({"people": [adult("a", "Lucía", "Reyes")]}))
    with pytest.raises(services.SyncFailure) as failure:
        north.sync()
    message = str(failure.value)
    assert message.startswith("this station's audit log no longer matches the copy the registry holds (record "
                              f"{sent} is not the one the station sent before: the log was changed after it was "
                              f"sent, at record {sent} or before it, or the station was restored from an older "
                              "backup)")
    assert "tell your administrator" in message
    status = services.sync_status(session=north.agent)
    assert status["pending"] == 0, "the family's records still went to the registry"
    assert "audit log no longer matches" in status["last_error"]
    flagged = _stations(registry)[north.agent.identity.code]["audit_diverged"]
    assert flagged is not None and flagged["seq"] == sent
    with pytest.raises(services.SyncFailure, match=f"record {sent} is not the one"):
        north.sync()  # it stays flagged until the operator has looked into it
    records = _registry_records(registry)
    assert sum(1 for r in records if r["action"] == "station.audit.diverged") == 1


def test_a_station_restored_from_an_older_backup_is_flagged_until_the_operator_resets_it(
        registry: RunningRegistry, make_station: Callable[..., TestStation], tmp_path: Path) -> None:
    north = make_station("north")
    north.sync()
    backup = services.backup_station(session=north.admin, out=tmp_path / "north.kinlink")  # `kinlink backup`
    north.sync()
    north.sync()
    for session in (north.agent, north.supervisor, north.admin):
        session.close()
    services.restore_station(data_dir=north.data_dir, backup=Path(backup["file"]), replace=True)
    north.agent = services.sign_in(data_dir=north.data_dir, user="agent", passphrase=AGENT_PASS)
    north.admin = services.sign_in(data_dir=north.data_dir, user="admin", passphrase=ADMIN_PASS)
    north.supervisor = north.admin
    with pytest.raises(services.SyncFailure, match="restored from an older backup"):
        north.sync()
    opened = registry.open()
    try:
        opened.forget_audit_divergence(north.agent.identity.code, who="operator:ana")
    finally:
        opened.close()
    assert north.sync()["audit_sent"] > 0, "taken afresh from record 1"
    assert _stations(registry)[north.agent.identity.code]["audit_diverged"] is None
    assert any(r["action"] == "station.audit.reset" for r in _registry_records(registry))


def _signed(registry: RunningRegistry, station: TestStation, method: str, path: str, payload: Any) -> httpx.Response:
    body = protocol.canonical(payload) if payload is not None else b""
    nonce = httpx.post(f"{registry.url}/v1/nonce", headers=PROTOCOL).json()["nonce"]
    headers = protocol.sign_request(station.agent.identity, method, path, nonce, body)
    return httpx.request(method, f"{registry.url}{path}", content=body, headers=headers)


def test_malformed_audit_records_are_refused_and_nothing_is_kept(registry: RunningRegistry,
                                                                 make_station: Callable[..., TestStation]) -> None:
    north, south = make_station("north"), make_station("south")
    with north.agent.engine.connect() as conn:
        chain = list(audit_log.rows(conn))
    bad = {
        "empty": ([], "at least that one"),
        "gap": ([chain[0], chain[2]], "does not follow record 1"),
        "someone else's": ([{**chain[0], "station": south.agent.identity.code}], "sends only its own"),
        "no hash": ([{k: v for k, v in chain[0].items() if k != "hash"}], "Field required"),
        "escape codes": ([{**chain[0], "user": "ana\x1b[2J"}], "must be printable text"),
        "a huge detail": ([{**chain[0], "detail": "x" * 30_000}], "must be printable text"),
    }
    for name, (records, reason) in bad.items():
        answer = _signed(registry, north, "POST", "/v1/audit", {"records": records})
        assert answer.status_code == 422 and reason in json.dumps(answer.json()["detail"]), (name, answer.text)
    assert _signed(registry, north, "GET", "/v1/audit", None).json()["seq"] == 0
    forged = {**chain[1], "action": "nothing happened"}  # its hash no longer matches
    answer = _signed(registry, north, "POST", "/v1/audit", {"records": [chain[0], forged]})
    assert answer.status_code == 409 and "record 2 was changed after it was written" in answer.json()["detail"]


def test_registry_audit_commands(cli: Any, station: Path, registry: RunningRegistry) -> None:
    def registry_cli(*args: str) -> CliResult:
        result: CliResult = cli("--data-dir", str(registry.data_dir), "registry", *args, "--database-url",
                                registry.database_url)
        return result

    code = registry_cli("enrollment-code").json["code"]
    assert cli("enroll", registry.url, code, user=ADMIN).code == 0
    verified = registry_cli("audit", "verify")
    assert verified.code == 0 and verified.json["intact"] and verified.json["records"] >= 2
    listed = registry_cli("audit", "list", "--after", "1", "--limit", "1")
    assert listed.code == 0 and [r["seq"] for r in listed.json["records"]] == [2]
    assert listed.json["records"][0]["action"] == "enroll"
    assert registry_cli("audit", "list", "--limit", "0").code == 2
    unknown = registry_cli("audit", "reset", "ZZZZZ")
    assert unknown.code == 2 and "no audit divergence" in unknown.stderr
    opened = registry.open()
    try:
        with opened.engine.begin() as conn:
            conn.execute(text("DELETE FROM audit WHERE seq = 2"))
    finally:
        opened.close()
    broken = registry_cli("audit", "verify")
    assert broken.code == 1 and broken.json["broken_at"] == 2 and "record 2 is missing" in broken.stderr


@pytest.fixture(params=["sqlite", "postgresql"])
def registry_db(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'registry.db'}"
    return str(request.getfixturevalue("pg_url"))
