"""Station backups (issue 18): `services.backup_station` and `services.restore_station` on real
SQLCipher stores and real files.

The issue's own test is ``test_a_backup_taken_during_writes_restores_every_acknowledged_family``: a
writer process (tests/integration/crash_worker.py, the real services in a loop) registers families
and reports each one after its commit; a backup is taken meanwhile from this process; the restored
store passes SQLite's and SQLCipher's checks and holds every family reported before the backup began.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tarfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, select

from app import services
from app.store import audit_log, backup_file, keyslots, paths, schema
from app.store import engine as store_engine
from tests.conftest import AGENT, PASSPHRASES, SUPERVISOR, adult, document

WORKER = Path(__file__).with_name("crash_worker.py")
ROOT = Path(__file__).resolve().parents[2]


def _files(directory: Path) -> dict[str, bytes]:
    """Each file of ``directory`` and its content; not the ``-shm`` file's (SQLite's shared memory: reading
    it here would close it, and a close drops this process's locks on it, open sessions' included)."""
    return {p.name: b"" if p.name.endswith("-shm") else p.read_bytes()
            for p in sorted(directory.iterdir()) if p.is_file()}


def _check_pages(conn: Connection) -> None:
    assert conn.exec_driver_sql("PRAGMA integrity_check").scalars().all() == ["ok"]
    assert conn.exec_driver_sql("PRAGMA cipher_integrity_check").all() == [], "SQLCipher page HMAC failures"


def _audit(session: services.Session, action: str) -> list[dict[str, Any]]:
    with session.engine.connect() as conn:
        return [{**r, "detail": json.loads(r["detail"])} for r in audit_log.rows(conn) if r["action"] == action]


@pytest.fixture
def backup(admin: services.Session, agent: services.Session, example_document: bytes,
           tmp_path: Path) -> dict[str, Any]:
    """Two families registered, then a backup by the admin: the answer, and the families shown then."""
    ids = [services.register_family(session=agent, document=example_document)["families"][0]["id"],
           services.register_family(session=agent, document=document({"people": [adult("a", "Lúa", "Ferrín")]}))
           ["families"][0]["id"]]
    answer = services.backup_station(session=admin, out=tmp_path / "station.kinlink")
    return {**answer, "shown": {i: services.show_family(session=agent, ident=i) for i in ids}}


def _same(family: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in family.items() if k != "history"} | {"history": len(family["history"])}


def test_round_trip_into_an_empty_directory(station: Path, backup: dict[str, Any], admin: services.Session,
                                            tmp_path: Path) -> None:
    out = Path(backup["file"])
    assert out.stat().st_mode & 0o777 == 0o600
    assert (backup["families"], backup["schema_version"], backup["station"]) == (2, 14, admin.identity.code)
    assert not [p for p in station.iterdir() if p.name.startswith(".")], "the copy made in the data dir is gone"
    recorded = _audit(admin, "station.backup")[-1]
    assert recorded["outcome"] == "ok" and recorded["detail"]["sha256"] == backup["sha256"]
    assert "station.kinlink" not in json.dumps(recorded), "no path in the audit"
    services.reset_passphrase(session=admin, name=AGENT, new="a later passphrase 9")  # after the backup

    restored = tmp_path / "restored"
    answer = services.restore_station(data_dir=restored, backup=out)
    assert answer["kept_aside"] == [] and answer["backup_created_at"] == backup["created_at"]
    assert restored.stat().st_mode & 0o777 == 0o700
    with pytest.raises(services.WrongPassphrase):
        services.sign_in(data_dir=restored, user=AGENT, passphrase="a later passphrase 9")
    agent = services.sign_in(data_dir=restored, user=AGENT, passphrase=PASSPHRASES[AGENT])  # valid at backup time
    try:
        with agent.engine.connect() as conn:
            _check_pages(conn)
        for ident, shown in backup["shown"].items():
            assert _same(services.show_family(session=agent, ident=ident)) == _same(shown)
        note = _audit(agent, "station.restore")
        assert [(n["user"], n["outcome"]) for n in note] == [(AGENT, "ok")]
        assert note[0]["detail"]["backup_at"] == backup["created_at"] and note[0]["detail"]["replaced"] is False
        assert not (restored / "restored.json").exists(), "recorded once"
        new = services.register_family(session=agent, document=document({"people": [adult("b", "Iria", "Souto")]}))
        number = int(new["families"][0]["number"].rsplit("-", 1)[1])
        assert number > 2 + 10_000 - 1, "numbers given after the backup are never given again"
    finally:
        agent.close()


def test_only_an_admin_backs_up_and_a_refusal_is_audited(agent: services.Session, supervisor: services.Session,
                                                         tmp_path: Path) -> None:
    for session in (agent, supervisor):
        with pytest.raises(services.NotPermitted, match="back up the station"):
            services.backup_station(session=session, out=tmp_path / "b.kinlink")
        assert (_audit(session, "station.backup")[-1]["user"], _audit(session, "station.backup")[-1]["outcome"]) \
            == (session.user, "denied")
    assert list(tmp_path.glob("b.kinlink*")) == []


def test_a_symbolic_link_or_the_data_directory_is_refused(station: Path, admin: services.Session,
                                                          tmp_path: Path) -> None:
    owned = tmp_path / "owned.txt"
    owned.write_bytes(b"someone's file\n")
    link = tmp_path / "out" / "b.kinlink"
    link.parent.mkdir()
    link.symlink_to(owned)
    with pytest.raises(services.OutputError, match="symbolic link") as refused:
        services.backup_station(session=admin, out=link)
    assert refused.value.symlink and owned.read_bytes() == b"someone's file\n" and link.is_symlink()
    assert sorted(p.name for p in link.parent.iterdir()) == ["b.kinlink"], "no temporary file left"
    with pytest.raises(services.OutputError, match="inside the station's data directory"):
        services.backup_station(session=admin, out=station / paths.STORE_FILE)
    assert [r["outcome"] for r in _audit(admin, "station.backup")] == ["failed", "failed"]


def _rewrite(source: Path, target: Path, change: Any) -> None:
    """A copy of a backup whose members went through ``change(name, data) -> [(name, data), ...]``."""
    with tarfile.open(source) as tar:
        members = [(m.name, tar.extractfile(m).read()) for m in tar]  # type: ignore[union-attr]
    with tarfile.open(target, "w") as tar:
        for name, data in members:
            for new_name, new_data in change(name, data):
                info = tarfile.TarInfo(new_name)
                info.size = len(new_data)
                tar.addfile(info, io.BytesIO(new_data))


def _flip_store_byte(name: str, data: bytes) -> list[tuple[str, bytes]]:
    if name == paths.STORE_FILE:
        data = data[:5000] + bytes([data[5000] ^ 1]) + data[5001:]
    return [(name, data)]


def _extra_member(name: str, data: bytes) -> list[tuple[str, bytes]]:
    return [(name, data)] + ([("notes.txt", b"hello")] if name == paths.KEYSLOT_FILE else [])


def _renamed_member(name: str, data: bytes) -> list[tuple[str, bytes]]:
    return [("../station.db" if name == paths.STORE_FILE else name, data)]


DAMAGE = {
    "a flipped byte in the store": (_flip_store_byte, "station.db does not match the SHA-256"),
    "a member it does not have": (_extra_member, "holds 'notes.txt', which a Kinlink backup does not"),
    "a member named out of place": (_renamed_member, "holds '../station.db'"),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_backup_is_refused_and_nothing_changes(station: Path, backup: dict[str, Any], tmp_path: Path,
                                                         damage: str) -> None:
    change, said = DAMAGE[damage]
    bad = tmp_path / "bad.kinlink"
    _rewrite(Path(backup["file"]), bad, change)
    before = _files(station)
    with pytest.raises(backup_file.BackupError, match=said.replace("(", r"\(")):
        services.restore_station(data_dir=station, backup=bad, replace=True)
    assert _files(station) == before, "nothing changed, nothing left"
    with pytest.raises(backup_file.BackupError):
        services.restore_station(data_dir=tmp_path / "new", backup=bad)
    assert not (tmp_path / "new").exists()


@pytest.mark.parametrize("cut", ["in the store", "in the key slots", "a foreign file"])
def test_a_truncated_or_foreign_file_is_refused(station: Path, backup: dict[str, Any], tmp_path: Path,
                                                cut: str) -> None:
    data = Path(backup["file"]).read_bytes()
    with tarfile.open(backup["file"]) as tar:
        slots = tar.getmember(paths.KEYSLOT_FILE)
    bad = tmp_path / "bad.kinlink"
    bad.write_bytes({"in the store": data[:len(data) // 2], "in the key slots": data[:slots.offset_data + 10],
                     "a foreign file": os.urandom(len(data))}[cut])
    with pytest.raises(backup_file.BackupError, match=f"{bad} is not a Kinlink backup, or it is damaged or cut short"):
        services.restore_station(data_dir=tmp_path / "new", backup=bad)
    assert not (tmp_path / "new").exists()


def test_a_manifest_of_another_store_or_a_newer_kinlink_is_refused(backup: dict[str, Any], tmp_path: Path) -> None:
    bad = tmp_path / "bad.kinlink"

    def newer(name: str, data: bytes) -> list[tuple[str, bytes]]:
        return [(name, data.replace(b'"schema_version": 14', b'"schema_version": 99')
                 if name == backup_file.MANIFEST else data)]

    _rewrite(Path(backup["file"]), bad, newer)
    with pytest.raises(backup_file.BackupError, match="schema version 99; this Kinlink reads versions up to 14"):
        services.restore_station(data_dir=tmp_path / "new", backup=bad)

    def other_store(name: str, data: bytes) -> list[tuple[str, bytes]]:
        if name != backup_file.MANIFEST:
            return [(name, data)]
        manifest = json.loads(data)
        manifest["store_id"] = "f" * 32
        return [(name, json.dumps(manifest).encode())]

    _rewrite(Path(backup["file"]), bad, other_store)
    with pytest.raises(backup_file.BackupError, match="key slots belong to another store"):
        services.restore_station(data_dir=tmp_path / "new", backup=bad)


def test_restoring_over_a_store_needs_replace_and_keeps_the_old_one_aside(
        station: Path, backup: dict[str, Any], admin: services.Session, agent: services.Session,
        tmp_path: Path) -> None:
    file = Path(backup["file"])
    before = _files(station)
    with pytest.raises(services.StoreExists, match="--replace"):
        services.restore_station(data_dir=station, backup=file)
    with pytest.raises(backup_file.BackupError, match="is open"):  # this test's sessions hold it open
        services.restore_station(data_dir=station, backup=file, replace=True)
    assert _files(station) == before
    admin.close()
    agent.close()
    later = _writer_killed(station, tmp_path, families=3)  # registered after the backup, left in the WAL
    before = _files(station)
    assert "station.db-wal" in before
    asked: list[dict[str, Any]] = []
    with pytest.raises(backup_file.BackupError, match="not confirmed"):
        services.restore_station(data_dir=station, backup=file, replace=True,
                                 confirm=lambda summary: asked.append(summary) is None and False)
    assert _files(station) == before, "declined: nothing changed"
    assert asked[0]["replaces"] == asked[0]["store_id"] == backup["store_id"]

    kept = services.restore_station(data_dir=station, backup=file, replace=True, confirm=lambda s: True)["kept_aside"]
    stamp = kept[0].split(".before-restore-")[1]
    assert sorted(kept) == sorted([f"keyslots.json.before-restore-{stamp}", f"station.db.before-restore-{stamp}",
                                   f"station.db.before-restore-{stamp}-shm", f"station.db.before-restore-{stamp}-wal"])
    assert not (station / "station.db-wal").exists(), "the old store's WAL is never read as the new one's"
    restored = services.sign_in(data_dir=station, user=AGENT, passphrase=PASSPHRASES[AGENT])
    try:
        with restored.engine.connect() as conn:
            _check_pages(conn)
        with pytest.raises(services.NotFound):
            services.show_family(session=restored, ident=later[0]["id"])
    finally:
        restored.close()
    whole = tmp_path / "kept"  # the store kept aside, with its WAL, opens whole: nothing was lost
    whole.mkdir(mode=0o700)
    for name in kept:
        (whole / name.replace(f".before-restore-{stamp}", "")).write_bytes((station / name).read_bytes())
    session = services.sign_in(data_dir=whole, user=AGENT, passphrase=PASSPHRASES[AGENT])
    try:
        assert [services.show_family(session=session, ident=f["id"])["id"] for f in later] == [f["id"] for f in later]
    finally:
        session.close()


def _writer_killed(station: Path, tmp_path: Path, *, families: int) -> list[dict[str, Any]]:
    """Run the writer until it acknowledged ``families``, then kill it (-9, so its WAL stays)."""
    with _writer(station, tmp_path) as (writer, acknowledged):
        return _wait_for_lines(acknowledged, families, writer)


def test_a_forged_restore_note_is_recorded_as_such(station: Path, tmp_path: Path) -> None:
    (station / "restored.json").write_text(json.dumps({"format": "kinlink-restore", "store_id": "x",
                                                       "backup_created_at": "María José", "restored_at": "now",
                                                       "replaced": False}))
    session = services.sign_in(data_dir=station, user=SUPERVISOR, passphrase=PASSPHRASES[SUPERVISOR])
    try:
        [note] = _audit(session, "station.restore")
        assert note["outcome"] == "failed" and "María" not in json.dumps(note)
    finally:
        session.close()


def test_a_backup_taken_during_writes_restores_every_acknowledged_family(
        station: Path, admin: services.Session, tmp_path: Path) -> None:
    with _writer(station, tmp_path) as (writer, acknowledged):
        before = _wait_for_lines(acknowledged, 10, writer)
        answer = services.backup_station(session=admin, out=tmp_path / "during.kinlink")
        after = _wait_for_lines(acknowledged, len(before) + 10, writer)
    assert len(after) > len(before) + 5, "the writer went on during and after the backup"
    restored = tmp_path / "restored"
    services.restore_station(data_dir=restored, backup=tmp_path / "during.kinlink")
    session = services.sign_in(data_dir=restored, user=AGENT, passphrase=PASSPHRASES[AGENT])
    try:
        with session.engine.connect() as conn:
            _check_pages(conn)
            held = set(conn.execute(select(schema.family.c.id)).scalars())
        reported = {family["id"]: family for family in after}
        assert {f["id"] for f in before} <= held <= set(reported) and len(held) == answer["families"]
        for ident in held:  # each registration whole: the copy holds whole transactions only
            shown = services.show_family(session=session, ident=ident)
            assert {p["band"] for p in shown["people"]} == {p["band"] for p in reported[ident]["people"]}
    finally:
        session.close()


@contextmanager
def _writer(station: Path, tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], Path]]:
    """The writer process (crash_worker.py) registering families as the agent, each one written as a
    line of the file after its commit; killed (SIGKILL) at the end of the block."""
    acknowledged = tmp_path / f"acknowledged-{time.monotonic_ns()}.jsonl"
    env = {k: v for k, v in os.environ.items() if not k.startswith("KINLINK_")} | \
        {"KINLINK_PASSPHRASE": PASSPHRASES[AGENT]}
    with open(acknowledged, "wb") as out:
        writer = subprocess.Popen([sys.executable, str(WORKER), str(station), AGENT, "18"], cwd=ROOT, env=env,
                                  stdout=out, stderr=subprocess.PIPE)
    try:
        yield writer, acknowledged
    finally:
        writer.kill()
        writer.communicate(timeout=10)


def _wait_for_lines(path: Path, count: int, writer: subprocess.Popen[bytes]) -> list[dict[str, Any]]:
    """The families the writer acknowledged, once there are ``count`` (whole lines only)."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        lines = [line for line in path.read_text(encoding="utf-8").split("\n")[:-1] if line != "ready"]
        if len(lines) >= count:
            return [json.loads(line) for line in lines]
        assert writer.poll() is None, f"the writer stopped: {writer.stderr.read().decode() if writer.stderr else ''}"
        time.sleep(0.02)
    raise AssertionError(f"the writer acknowledged fewer than {count} families in 30 s")


def test_key_slots_from_before_a_passphrase_change_do_not_go_with_a_later_copy(
        station: Path, admin: services.Session, tmp_path: Path) -> None:
    """What makes a backup take its two copies again when a passphrase changed between them."""
    earlier = keyslots.load(paths.keyslot_path(station))
    services.reset_passphrase(session=admin, name=AGENT, new="a later passphrase 9")
    copy = tmp_path / "copy.db"
    store_engine.copy_store(admin.engine, admin.data_key, copy)
    described = backup_file.describe_copy(copy, admin.data_key)
    assert described["quick_check"] == ["ok"] and described["schema_version"] == 14
    assert not backup_file.slots_match(earlier, described)
    assert backup_file.slots_match(keyslots.load(paths.keyslot_path(station)), described)
