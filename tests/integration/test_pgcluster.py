"""The throwaway PostgreSQL cluster of tests/pgcluster.py: a real server, an empty database per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import Engine, create_engine, inspect, text

from tests.pgcluster import MIN_SERVER_VERSION, PgServer

SEEN_DATABASES: list[str] = []


@pytest.fixture
def engine(pg_url: str) -> Iterator[Engine]:
    engine = create_engine(pg_url)
    try:
        yield engine
    finally:
        engine.dispose()


def test_a_table_written_reads_back(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE person (id serial PRIMARY KEY, name text NOT NULL)"))
        conn.execute(text("INSERT INTO person (name) VALUES (:name)"), [{"name": "Ana"}, {"name": "Sofía"}])
    with engine.connect() as conn:
        assert conn.execute(text("SELECT name FROM person ORDER BY id")).scalars().all() == ["Ana", "Sofía"]
        SEEN_DATABASES.append(conn.execute(text("SELECT current_database()")).scalar_one())


def test_each_test_gets_its_own_empty_database(engine: Engine) -> None:
    # runs after the test above (file order): its table is not here, and the database is another one
    assert inspect(engine).get_table_names() == []
    with engine.connect() as conn:
        name = conn.execute(text("SELECT current_database()")).scalar_one()
    assert name not in SEEN_DATABASES
    SEEN_DATABASES.append(name)


def test_databases_of_finished_tests_are_dropped(pg_server: PgServer) -> None:
    # after the two tests above (file order) when they ran: their databases are gone
    with pg_server.connect() as conn:
        names = conn.execute("SELECT datname FROM pg_database").fetchall()
    assert not set(SEEN_DATABASES) & {name for (name,) in names}


def test_server_is_postgresql_15_or_later(engine: Engine) -> None:
    with engine.connect() as conn:
        version = int(conn.execute(text("SHOW server_version_num")).scalar_one())
    assert version >= MIN_SERVER_VERSION
    assert engine.url.drivername == "postgresql+psycopg"


def test_server_lets_benchmarks_make_databases(pg_server: PgServer) -> None:
    with pg_server.database("bench") as url:
        engine = create_engine(url)
        try:
            with engine.begin() as conn:
                conn.execute(text("CREATE TABLE t (x int)"))
                conn.execute(text("INSERT INTO t SELECT generate_series(1, 1000)"))
                assert conn.execute(text("SELECT count(*) FROM t")).scalar_one() == 1000
        finally:
            engine.dispose()
    assert url.rsplit("/", 1)[1].startswith("bench_")
