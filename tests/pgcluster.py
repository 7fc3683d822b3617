"""A real, throwaway PostgreSQL cluster for the tests (a pytest plugin: tests/conftest.py loads it).

The first test that asks for one of these fixtures starts a cluster of its own (initdb + pg_ctl
start, about 1.5 s) with its data directory under pytest's temporary directory, on a free TCP port
of 127.0.0.1, trust authentication, no Unix socket and no fsync (nothing in it outlives the session);
it is stopped and deleted at the end of the session.

Fixtures:

* ``pg_url`` (function): a SQLAlchemy URL ``postgresql+psycopg://postgres@127.0.0.1:<port>/<db>``
  to a fresh, empty database of its own, dropped after the test (connections still open then are
  cut; dispose of engines anyway, an engine left open warns and warnings are errors here);
* ``pg_server`` (session): a :class:`PgServer` (``host``, ``port``, ``user``, ``password``) with
  ``url(dbname)``, ``connect()``, ``create_database()`` / ``drop_database()`` and ``database()``,
  for benchmarks and tests that manage databases themselves;
* ``pg_proc`` (session): pytest-postgresql's executor, should a test need the server process.

Outside pytest (the benchmarks, scripts/check_registry_unit.py), :func:`pg_cluster` starts and stops
a cluster of the same kind.

As root (CI, the dev container) ``tests/tools/pg_ctl`` runs the server as the ``postgres`` user.
Missing PostgreSQL binaries fail the tests that need them, naming the package to install.
"""

from __future__ import annotations

import gc
import os
import pwd
import re
import shutil
import socket
import subprocess
import sys
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
import pytest
from psycopg import sql
from pytest_postgresql import factories
from pytest_postgresql.executors import PostgreSQLExecutor
from sqlalchemy import URL

PG_CTL = Path(__file__).resolve().parent / "tools" / "pg_ctl"
"""The wrapper around pg_ctl given to pytest-postgresql (runs the server as ``postgres`` when we are root)."""

PG_PACKAGE = "postgresql"
INSTALL_HINT = f"install the Debian package '{PG_PACKAGE}' (apt-get install -y {PG_PACKAGE})"
SERVER_BINARIES = ("pg_ctl", "initdb", "postgres")
MIN_SERVER_VERSION = 150000


def pg_bindir() -> Path | None:
    """Where the PostgreSQL server binaries are, found as tests/tools/pg_ctl finds them, else None.

    ``pg_config --bindir`` first (it can name a directory holding only client programs, so the
    server binaries are checked), then the highest ``/usr/lib/postgresql/<version>/bin``.
    """
    candidates: list[Path] = []
    pg_config = shutil.which("pg_config")
    if pg_config is not None:
        try:
            done = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, timeout=60, check=False)
        except (OSError, subprocess.SubprocessError):
            pass
        else:
            if done.returncode == 0 and done.stdout.strip():
                candidates.append(Path(done.stdout.strip()))

    def version(path: Path) -> tuple[int, ...]:
        return tuple(int(part) for part in re.findall(r"\d+", path.parent.name))

    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=version, reverse=True)
    for candidate in candidates:
        if all(os.access(candidate / name, os.X_OK) for name in SERVER_BINARIES):
            return candidate
    return None


def require_pg_binaries() -> None:
    """Fail (never skip) the test at hand when the cluster cannot be started here, saying what to install."""
    if pg_bindir() is None:
        pytest.fail(
            "PostgreSQL server binaries (pg_ctl, initdb, postgres) not found, neither where `pg_config --bindir` "
            f"points nor in /usr/lib/postgresql/*/bin: {INSTALL_HINT}",
            pytrace=False,
        )
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            pytest.fail(f"running the tests as root needs the 'postgres' user: {INSTALL_HINT}", pytrace=False)
        if shutil.which("runuser") is None:
            pytest.fail("running the tests as root needs runuser: install the package util-linux", pytrace=False)
    if not os.access(PG_CTL, os.X_OK):
        pytest.fail(f"{PG_CTL} is not executable (chmod +x it)", pytrace=False)


def free_port() -> int:
    """A TCP port of 127.0.0.1 that nothing listens on now (for a server or a registry process)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass(frozen=True)
class PgServer:
    """The running test cluster: where it listens and who may do anything there."""

    host: str
    port: int
    user: str
    password: str | None = None

    def url(self, dbname: str) -> str:
        """SQLAlchemy URL (psycopg 3 driver) of a database of this server."""
        url = URL.create(
            "postgresql+psycopg",
            username=self.user,
            password=self.password,
            host=self.host,
            port=self.port,
            database=dbname,
        )
        return url.render_as_string(hide_password=False)

    def connect(self, dbname: str = "postgres", **kwargs: Any) -> psycopg.Connection[Any]:
        """A psycopg connection (as the superuser) to a database of this server; close it (``with``)."""
        return psycopg.connect(
            host=self.host, port=self.port, user=self.user, password=self.password, dbname=dbname, **kwargs
        )

    def create_database(self, prefix: str = "test") -> str:
        """Create an empty database with a name of its own (made from ``template0``); return the name."""
        name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        with self.connect(autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE template0").format(sql.Identifier(name)))
        return name

    def drop_database(self, name: str) -> None:
        """Drop a database, cutting connections still open to it."""
        with self.connect(autocommit=True) as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))

    @contextmanager
    def database(self, prefix: str = "test") -> Iterator[str]:
        """A fresh, empty database for the ``with`` block: yields its SQLAlchemy URL, drops it afterwards."""
        name = self.create_database(prefix)
        try:
            yield self.url(name)
        finally:
            self.drop_database(name)


@contextmanager
def pg_cluster(root: Path, options: str = "") -> Iterator[PgServer]:
    """initdb + pg_ctl start in ``root`` (through tests/tools/pg_ctl), TCP on 127.0.0.1 only, trust
    authentication for ``postgres``, ``options`` for the server (``-c name=value ...``); stopped (fast)
    at the end. For code that runs outside pytest; ``root`` is left for the caller to remove."""
    if pg_bindir() is None:
        raise RuntimeError(f"PostgreSQL server binaries (pg_ctl, initdb, postgres) not found: {INSTALL_HINT}")
    root.mkdir()
    datadir, logfile, port = root / "data", root / "server.log", free_port()

    def pg_ctl(*args: str, timeout: float = 120) -> None:
        done = subprocess.run([str(PG_CTL), *args], capture_output=True, text=True, timeout=timeout, check=False)
        if done.returncode != 0:
            detail = (done.stderr or done.stdout).strip()
            if logfile.exists():
                detail += "\n" + logfile.read_text(errors="replace")[-2000:]
            raise RuntimeError(f"pg_ctl {args[0]} failed ({done.returncode}): {detail}")

    pg_ctl("initdb", "-s", "-D", str(datadir), "-o", "--username=postgres --auth=trust --encoding=UTF8 --no-sync")
    try:
        pg_ctl("start", "-s", "-w", "-t", "60", "-D", str(datadir), "-l", str(logfile),
               "-o", f"-p {port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='' {options}".rstrip())
        yield PgServer(host="127.0.0.1", port=port, user="postgres")
    finally:
        if (datadir / "postmaster.pid").exists():  # also after a start that failed half-way
            try:
                pg_ctl("stop", "-s", "-w", "-m", "fast", "-D", str(datadir), timeout=60)
            except (RuntimeError, subprocess.SubprocessError) as exc:
                print(f"stopping the PostgreSQL cluster in {root} failed: {exc}", file=sys.stderr)


# pytest-postgresql's process fixture; used only through pg_proc, which first checks for the binaries.
_kinlink_pg_proc = factories.postgresql_proc(
    executable=str(PG_CTL),
    host="127.0.0.1",
    port=None,  # a free port, chosen at start
    user="postgres",
    # Throwaway data: no durability needed. unix_socket_directories='' (after the plugin's own setting,
    # so it wins): TCP only, so no socket directory that `postgres` must be able to write to.
    postgres_options="-c unix_socket_directories='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off",
)


@pytest.fixture(scope="session")
def pg_proc(request: pytest.FixtureRequest) -> PostgreSQLExecutor:
    """The session's PostgreSQL server process (pytest-postgresql's executor), started on first use."""
    require_pg_binaries()
    return request.getfixturevalue("_kinlink_pg_proc")


@pytest.fixture(scope="session")
def pg_server(pg_proc: PostgreSQLExecutor) -> PgServer:
    """Host, port and superuser of the session's PostgreSQL server, to make databases with."""
    return PgServer(host=pg_proc.host, port=pg_proc.port, user=pg_proc.user, password=pg_proc.password or None)


@pytest.fixture
def pg_url(pg_server: PgServer) -> Iterator[str]:
    """SQLAlchemy URL of a fresh, empty database for this test alone, dropped afterwards."""
    with pg_server.database() as url:
        yield url
        # An engine the test did not dispose of sits in a reference cycle with its pool: collect it now, so
        # that psycopg's "connection deleted while still open" warning fails this test, not a later one.
        gc.collect()
