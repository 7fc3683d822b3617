"""The registry's Alembic migrations: they make exactly the tables the code expects, on SQLite and
PostgreSQL, and a registry made by an older version keeps what it holds when it is upgraded."""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from sqlalchemy import Connection, create_engine, func, insert, select, text

from app import services
from app.domain import clock
from app.domain.changes import Change
from app.store import changelog, syncing
from sync import protocol
from sync.registry import tables
from sync.registry.database import MIGRATIONS, iso, now
from sync.registry.store import open_registry


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'registry.db'}"
    return str(request.getfixturevalue("pg_url"))


def _upgrade(conn: Connection, revision: str) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = conn
    command.upgrade(config, revision)


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
            _upgrade(conn, "0002")  # the schema of an earlier release
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


def test_an_upgrade_builds_the_state_of_what_is_stored_and_keeps_each_stations_holdings(
        database: str, agent: Any, example_document: bytes) -> None:
    """A registry of the previous version holding a station's family: the upgrade (0004) builds the
    current state of every stored record, turns the station's holding into a "legacy" one, and from
    then on the rules hold: the station's correction is accepted, a second creation refused."""
    answer = services.register_family(session=agent, document=example_document)
    family = answer["families"][0]
    with agent.engine.connect() as conn:
        outbox = syncing.outbox(conn, limit=1000, max_bytes=10**8)
    code = agent.identity.code
    engine = create_engine(database)
    try:
        with engine.begin() as conn:
            _upgrade(conn, "0003")  # the schema of the previous release
            conn.execute(insert(tables.station).values(code=code, name="North", public_key=agent.identity.public_key,
                                                       enrolled_at=iso(now())))
            for change_id, body, signature, _ in outbox:
                record = json.loads(body)
                conn.execute(insert(tables.change).values(id=change_id, station=code, entity=record["entity"],
                                                          entity_id=record["entity_id"], hlc=record["hlc"],
                                                          body=body, signature=signature, received_at=iso(now())))
            conn.execute(text("INSERT INTO subscription (station, family_id) VALUES (:s, :f)"),
                         {"s": code, "f": family["id"]})
    finally:
        engine.dispose()
    registry = open_registry(database)
    try:
        with registry.engine.connect() as conn:
            kinds = {kind: n for kind, n in conn.execute(select(tables.record.c.entity, func.count())
                                                         .group_by(tables.record.c.entity))}
            numbers = list(conn.execute(select(tables.family_index.c.number)).scalars())
        assert kinds == {"encounter": 1, "family": 1, "person": 2, "custody": 2, "band": 2, "link": 1}
        assert numbers == [family["number"]]
        assert [(h["station"], h["reason"], h["complete"]) for h in registry.holdings()] == [(code, "legacy", True)]
        mother = family["people"][0]["id"]
        with agent.engine.connect() as conn:
            current = changelog.load_row(conn, "person", mother)
        assert current is not None
        created_at = next(json.loads(b)["hlc"] for _, b, _, _ in outbox if json.loads(b)["entity_id"] == mother)
        base = {"description": created_at}
        for created, fields, verdict in ((False, {"description": "green scarf"}, "acknowledged"),
                                         (True, {**current, "given_names": "Karla"}, "refused")):
            change = Change(uuid.uuid4().hex, "person", mother, {k: (None, v) for k, v in fields.items() if k != "id"},
                            created, str(clock.Hlc(clock.now_ms(), 0, code)), code, "agent", None,
                            base={} if created else base)
            text_ = change.signing_bytes()
            signed = protocol.encode_change(text_.decode(), agent.identity.sign(text_))
            pushed = registry.push(code, [signed])
            assert pushed[verdict], pushed
    finally:
        registry.close()
