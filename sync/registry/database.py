"""The registry's database: connecting (PostgreSQL in production, a SQLite file for a demo),
migrations, write transactions, and the statement helpers every part of the registry uses."""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import ARRAY, Connection, Engine, LargeBinary, Text, any_, bindparam, create_engine, event, insert, text
from sqlalchemy.dialects import sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

if TYPE_CHECKING:
    import psycopg

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SETUP_LOCK = 7_340_158  # PostgreSQL advisory lock: migrations run once when several processes start together


def now() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds")


def database_url(data_dir: Path, url: str | None) -> str:
    """The given URL, or the embedded default: a SQLite file in the registry's data directory."""
    if url:
        return url.replace("postgresql://", "postgresql+psycopg://", 1) if url.startswith("postgresql://") else url
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    return f"sqlite:///{data_dir / 'registry.db'}"


def redacted(url: str) -> str:
    """A database URL fit for a message or a log: without its password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(not a URL)"


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.close()
            dbapi_conn.isolation_level = None  # transactions begin below, not when the driver guesses

        @event.listens_for(engine, "begin")
        def _begin(conn: Connection) -> None:
            # Take the write lock at the start: a transaction that reads the audit chain's last record
            # and then appends cannot interleave with another process's append (the SQLite file is a
            # demo database; PostgreSQL serialises the same steps with an advisory lock).
            conn.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    # As many connections as uvicorn's thread pool runs requests (40), so that none waits for one.
    return create_engine(url, pool_size=10, max_overflow=30, pool_pre_ping=True)


def upgrade(conn: Connection) -> None:
    """Bring the schema to the newest Alembic migration (several processes: see ``SETUP_LOCK``).
    Alembic is imported here, when a registry database is opened: a fifth of a second that every
    station command (which imports this module for its parsers) would pay for nothing."""
    from alembic import command
    from alembic.config import Config

    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": SETUP_LOCK})
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = conn
    command.upgrade(config, "head")


class Database:
    """The engine, and write transactions that also serialise this process's SQLite writers."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sqlite_lock = threading.Lock() if engine.dialect.name == "sqlite" else None

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @contextmanager
    def writing(self) -> Iterator[Connection]:
        """One write transaction (committed at the end, rolled back on an error)."""
        if self._sqlite_lock is None:
            with self.engine.begin() as conn:
                yield conn
            return
        with self._sqlite_lock, self.engine.begin() as conn:
            yield conn

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    def close(self) -> None:
        self.engine.dispose()


def advisory_lock(conn: Connection, key: int) -> None:
    """A PostgreSQL transaction-level advisory lock (SQLite's BEGIN IMMEDIATE serialises already)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})


def among(conn: Connection, column: Any, values: Iterable[str]) -> Any:
    """``column IN values``: on PostgreSQL one array parameter (= ANY), not one parameter per value."""
    listed = sorted(set(values))
    if conn.dialect.name == "postgresql":
        return column == any_(bindparam(None, listed, type_=ARRAY(Text)))
    return column.in_(listed)


def insert_rows(conn: Connection, table: Any, rows: list[dict[str, Any]], *, ignore: bool = False,
                returning: tuple[str, ...] = ()) -> list[Any]:
    """Insert ``rows`` (all with the same keys), skipping those already there when ``ignore``. On
    PostgreSQL one statement whatever the count (``INSERT ... SELECT FROM unnest(arrays)``, a
    parameter per column): a statement per row cost most of a push."""
    if not rows:
        return []
    if conn.dialect.name != "postgresql":
        statement = sqlite.insert(table).on_conflict_do_nothing() if ignore else insert(table)
        if returning:
            return list(conn.execute(statement.returning(*(table.c[n] for n in returning)), rows).all())
        conn.execute(statement, rows)
        return []
    names = list(rows[0])
    quote = conn.dialect.identifier_preparer.quote
    arrays = ", ".join(f"%({n})b::{_array_type(table.c[n].type)}[]" for n in names)
    sql = (f"INSERT INTO {quote(table.name)} ({', '.join(map(quote, names))}) SELECT * FROM unnest({arrays})"
           + (" ON CONFLICT DO NOTHING" if ignore else "")
           + (f" RETURNING {', '.join(map(quote, returning))}" if returning else ""))
    # psycopg's binary format: text arrays in text format are escaped value by value in Python
    driver = cast("psycopg.Connection[Any]", conn.connection.dbapi_connection)  # PostgreSQL is reached with psycopg
    with driver.cursor() as cursor:
        cursor.execute(sql, {n: [row[n] for row in rows] for n in names})
        return list(cursor.fetchall()) if returning else []


def _array_type(column_type: Any) -> str:
    """The PostgreSQL array type a column's values travel in."""
    if isinstance(column_type, LargeBinary):
        return "bytea"
    try:
        python = column_type.python_type
    except NotImplementedError:
        return "text"
    return {int: "bigint", bool: "boolean"}.get(python, "text")
