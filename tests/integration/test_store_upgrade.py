"""Upgrading a station store keeps a copy of it as it was: ``station.db.before-vN`` beside it,
encrypted with the same key, private, consistent, never written through a planted link; a failed
upgrade leaves the store as it was; a store from a newer Kinlink is refused naming both versions."""

from __future__ import annotations

import json
import shutil
import stat
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app import services
from app.store import engine as store_engine
from app.store import keyslots, migrations, paths, schema
from tests.fixtures.make_store import PASSPHRASE

FIXTURES = Path(__file__).parent.parent / "fixtures"
OLDER = FIXTURES / f"store-v{schema.SCHEMA_VERSION - 1}"
COPY = f"station.db.before-v{schema.SCHEMA_VERSION}"


def _station(tmp_path: Path, fixture: Path = OLDER) -> Path:
    data_dir = tmp_path / "station"
    shutil.copytree(fixture, data_dir)
    return data_dir


def _open(path: Path, data_dir: Path) -> tuple[int, int]:
    """The version and the number of change records of the store file at ``path``."""
    key = keyslots.load(paths.keyslot_path(data_dir)).unwrap("agent", PASSPHRASE)
    engine = store_engine.open_engine(path, key)
    try:
        with engine.connect() as conn:
            return schema.version(conn), int(conn.execute(select(func.count()).select_from(schema.change)).scalar_one())
    finally:
        engine.dispose()


def test_an_upgrade_keeps_a_private_copy_of_the_store_as_it_was(tmp_path: Path) -> None:
    data_dir = _station(tmp_path)
    before = _open(paths.store_path(data_dir), data_dir)
    assert before[0] == schema.SCHEMA_VERSION - 1 and before[1] > 0
    session = services.sign_in(data_dir=data_dir, user="agent", passphrase=PASSPHRASE)
    try:
        assert session.upgraded == {"from": schema.SCHEMA_VERSION - 1, "to": schema.SCHEMA_VERSION, "copy": COPY}
        with session.engine.connect() as conn:
            audited = [json.loads(row.detail) for row in conn.execute(
                select(schema.audit.c.detail).where(schema.audit.c.action == "store.upgrade"))]
    finally:
        session.close()
    assert audited == [session.upgraded]
    copy = data_dir / COPY
    assert stat.S_IMODE(copy.stat().st_mode) == 0o600
    assert _open(copy, data_dir) == before  # the old version, every record, readable with the same key
    assert _open(paths.store_path(data_dir), data_dir) == (schema.SCHEMA_VERSION, before[1])
    assert not [p.name for p in data_dir.iterdir() if ".tmp-" in p.name]

    again = services.sign_in(data_dir=data_dir, user="agent", passphrase=PASSPHRASE)
    again.close()
    assert again.upgraded is None  # nothing to do the second time, and the copy is kept as it was
    assert _open(copy, data_dir) == before


def test_the_copy_is_never_written_through_a_planted_link(tmp_path: Path) -> None:
    data_dir = _station(tmp_path)
    planted = tmp_path / "planted.txt"
    planted.write_text("the planter's file")
    (data_dir / COPY).symlink_to(planted)
    services.sign_in(data_dir=data_dir, user="agent", passphrase=PASSPHRASE).close()
    assert planted.read_text() == "the planter's file"
    assert not (data_dir / COPY).is_symlink() and _open(data_dir / COPY, data_dir)[0] == schema.SCHEMA_VERSION - 1


def test_a_failed_upgrade_leaves_the_store_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data_dir = _station(tmp_path)
    before = _open(paths.store_path(data_dir), data_dir)

    def broken(_conn: object) -> None:
        raise RuntimeError("a migration that fails half-way")

    monkeypatch.setitem(migrations.MIGRATIONS, schema.SCHEMA_VERSION, broken)
    with pytest.raises(RuntimeError, match="half-way"):
        services.sign_in(data_dir=data_dir, user="agent", passphrase=PASSPHRASE)
    assert _open(paths.store_path(data_dir), data_dir) == before
    assert _open(data_dir / COPY, data_dir) == before
    monkeypatch.undo()
    services.sign_in(data_dir=data_dir, user="agent", passphrase=PASSPHRASE).close()  # the next version works
    assert _open(paths.store_path(data_dir), data_dir)[0] == schema.SCHEMA_VERSION


def test_a_store_from_a_newer_kinlink_names_both_versions(tmp_path: Path) -> None:
    data_dir = _station(tmp_path, FIXTURES / f"store-v{schema.SCHEMA_VERSION}")
    key = keyslots.load(paths.keyslot_path(data_dir)).unwrap("agent", PASSPHRASE)
    engine = store_engine.open_engine(paths.store_path(data_dir), key)
    with engine.begin() as conn:
        conn.exec_driver_sql(f"PRAGMA user_version = {schema.SCHEMA_VERSION + 3}")
    engine.dispose()
    with pytest.raises(schema.SchemaTooNew) as refused:
        services.sign_in(data_dir=data_dir, user="agent", passphrase=PASSPHRASE)
    assert f"schema version {schema.SCHEMA_VERSION + 3}; this version understands up to {schema.SCHEMA_VERSION}" \
        in str(refused.value)
    assert not (data_dir / f"station.db.before-v{schema.SCHEMA_VERSION}").exists()


def test_the_command_line_says_the_store_was_upgraded(cli, data_dir: Path, tmp_path: Path) -> None:  # noqa: ANN001
    assert _station(tmp_path) == data_dir
    done = cli("--user", "agent", "search", "garcia", passphrase=PASSPHRASE)
    assert done.code == 0, done.stderr
    assert done.json["people"]
    assert f"upgraded from version {schema.SCHEMA_VERSION - 1} to {schema.SCHEMA_VERSION}; a copy of it as it was " \
           f"is in {data_dir / COPY}" in done.stderr
    again = cli("--user", "agent", "search", "garcia", passphrase=PASSPHRASE)
    assert again.code == 0 and "upgraded" not in again.stderr
