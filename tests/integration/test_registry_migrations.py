"""The registry's Alembic migrations: they make exactly the tables the code expects, on SQLite and
PostgreSQL, and a registry made by an older version keeps what it holds when it is upgraded."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, func, insert, select

from sync.registry import tables
from sync.registry.database import MIGRATIONS, iso, now
from sync.registry.store import open_registry


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'registry.db'}"
    return str(request.getfixturevalue("pg_url"))


def test_the_migrations_make_the_tables_the_code_expects(database: str) -> None:
    registry = open_registry(database)
    try:
        with registry.engine.connect() as conn:
            differences = compare_metadata(MigrationContext.configure(conn), tables.metadata)
    finally:
        registry.close()
    assert differences == []


def test_a_registry_of_an_older_version_keeps_its_records_when_upgraded(database: str) -> None:
    engine = create_engine(database)
    try:
        with engine.begin() as conn:
            config = Config()
            config.set_main_option("script_location", str(MIGRATIONS))
            config.attributes["connection"] = conn
            command.upgrade(config, "0002")  # the schema the previous release made
            conn.execute(insert(tables.station).values(code="UC5R8", name="North", public_key=b"k" * 32,
                                                       enrolled_at=iso(now())))
            conn.execute(insert(tables.change).values(id="a" * 32, station="UC5R8", entity="family",
                                                      entity_id="f1", hlc="x", body="{}", signature=b"s",
                                                      received_at=iso(now())))
    finally:
        engine.dispose()
    registry = open_registry(database)
    try:
        assert [s["station"] for s in registry.stations()] == ["UC5R8"]
        assert registry.status()["changes"] == 1
        assert registry.audit_verify(who="test") == {"intact": True, "records": 0, "broken_at": None, "reason": ""}
        with registry.engine.connect() as conn:
            assert conn.execute(select(func.count()).select_from(tables.audit)).scalar_one() == 1
    finally:
        registry.close()
