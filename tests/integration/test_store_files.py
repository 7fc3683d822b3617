"""The station store on disk: encrypted, private, and opened only with the right key."""

from __future__ import annotations

import os
import sqlite3
import stat
import unicodedata
from pathlib import Path

import pytest

from app import services
from app.store import engine as store_engine
from app.store import keyslots, paths

INVENTED_NAMES = ["María José", "García López", "Maria", "Garcia", "Lopez", "red cap, birthmark"]


def _encodings(name: str) -> list[bytes]:
    forms = {unicodedata.normalize(form, name) for form in ("NFC", "NFD")}
    return [f.encode(enc) for f in forms for enc in ("utf-8", "utf-16-le")]


def _files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def test_plain_sqlite_cannot_read_the_store_or_its_wal(agent: services.Session, example_document: bytes) -> None:
    services.register_family(session=agent, document=example_document)
    store = paths.store_path(agent.data_dir)
    wal = store.with_name(store.name + "-wal")
    assert wal.exists(), "the session is open, so the WAL holds the latest pages"
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        sqlite3.connect(store).execute("SELECT count(*) FROM sqlite_master").fetchall()


def test_no_invented_name_appears_in_any_file_of_the_data_dir(agent: services.Session,
                                                              example_document: bytes) -> None:
    services.register_family(session=agent, document=example_document)
    assert services.search(session=agent, text="garcia")["people"], "the names are in the store"
    files = _files(agent.data_dir)
    assert {p.name for p in files} >= {"station.db", "keyslots.json", "station.db-wal"}
    for path in files:
        content = path.read_bytes()
        for name in INVENTED_NAMES:
            for encoded in _encodings(name):
                assert encoded not in content, f"{name!r} readable in {path.name}"


def test_a_wrong_key_does_not_open_the_store(station: Path) -> None:
    engine = store_engine.open_engine(paths.store_path(station), os.urandom(32))
    with pytest.raises(store_engine.WrongKey):
        store_engine.check_key(engine)


def test_the_right_key_opens_it_as_sqlcipher_4(station: Path) -> None:
    from tests.conftest import ADMIN, PASSPHRASES

    key = keyslots.load(paths.keyslot_path(station)).unwrap(ADMIN, PASSPHRASES[ADMIN])
    engine = store_engine.open_engine(paths.store_path(station), key)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA cipher_version").scalar().startswith("4.")
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA cache_size").scalar() == -store_engine.CACHE_KIB
    engine.dispose()


def test_files_and_directory_are_private(agent: services.Session, example_document: bytes) -> None:
    services.register_family(session=agent, document=example_document)
    assert stat.S_IMODE(agent.data_dir.stat().st_mode) == 0o700
    for path in _files(agent.data_dir):
        assert stat.S_IMODE(path.stat().st_mode) & 0o077 == 0, f"{path.name} is readable by others"


def test_init_refuses_an_existing_store_and_changes_nothing(station: Path) -> None:
    before = {p.name: p.read_bytes() for p in _files(station)}
    with pytest.raises(services.StoreExists, match="already exists"):
        services.init_station(data_dir=station, station_name="Other", admin="root2", passphrase="long enough 1")
    assert {p.name: p.read_bytes() for p in _files(station)} == before
