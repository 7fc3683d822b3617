"""The SQLCipher engine: opened with the raw 256-bit data key, never a passphrase per connection.

Every connection gets WAL, full fsync on commit, a 64 MB page cache (encrypted lookups then stay
close to plain SQLite), foreign keys, temp storage in memory, and write transactions that start
with BEGIN IMMEDIATE so two writers never deadlock on a lock upgrade.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL
from sqlalchemy.exc import DatabaseError

from app import files

CACHE_KIB = 64 * 1024
PRAGMAS = (
    "PRAGMA cipher_log_level = NONE",
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    f"PRAGMA cache_size = -{CACHE_KIB}",
    "PRAGMA foreign_keys = ON",
    "PRAGMA temp_store = MEMORY",
    "PRAGMA busy_timeout = 10000",
)


class WrongKey(Exception):
    """The data key does not open this file (or the file is not a station store)."""


class StoreDamaged(WrongKey):
    """The store does not open with the data key its key slot gave: that key is right (the slot is
    authenticated encryption), so the file is damaged, truncated, emptied or replaced, or the key-slot
    file is another store's. The message names the file and what to do."""

    def __init__(self, path: Path, what: str) -> None:
        copies = sorted(p.name for p in path.parent.glob(f"{path.name}.before-v*"))
        copy = f" (or the copy taken before an upgrade: {', '.join(copies)}, beside it)" if copies else ""
        super().__init__(f"the station store {path} is damaged or was replaced ({what}): it does not open with the "
                         f"key from keyslots.json. Put back {path.name} from a backup of {path.parent}{copy}; if it "
                         "is keyslots.json that was replaced, put back the one that belongs with this store; "
                         "nothing was changed")
        self.path = path


# What SQLite (SQLCipher) says of a file that is not a store it can read with the key it was given.
_DAMAGE = ("not a database", "malformed", "encrypted", "corrupt")


def open_engine(path: Path, key: bytes | None, *, plain: bool = False) -> Engine:
    """An engine on ``path``. ``plain=True`` opens plain SQLite: for benchmarks and tests only."""
    if plain:
        url = URL.create("sqlite", database=str(path))
    else:
        assert key is not None and len(key) == 32, "the data key is 32 random bytes"
        url = URL.create("sqlite+pysqlcipher", password=f"x'{key.hex()}'", database=str(path))
    engine = create_engine(url, pool_pre_ping=False)
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _on_begin)
    return engine


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
    cursor = dbapi_connection.cursor()
    try:
        for pragma in PRAGMAS:
            if "cipher" in pragma and not _is_cipher(dbapi_connection):
                continue
            cursor.execute(pragma)
    finally:
        cursor.close()


def _is_cipher(dbapi_connection: Any) -> bool:
    return type(dbapi_connection).__module__.startswith("sqlcipher3")


def _on_begin(conn: Connection) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE")


def check_key(engine: Engine) -> None:
    """Fail with ``StoreDamaged`` now, the file untouched, rather than at the first real query: a file
    the key does not open (random bytes, another store), one cut short, or an empty one (which SQLite
    would take as a new database, and the schema ladder would fill)."""
    path = Path(str(engine.url.database))
    if path.exists() and path.stat().st_size == 0:
        raise StoreDamaged(path, "the file is empty")
    try:
        with engine.connect() as conn:
            tables = conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar_one()
    except DatabaseError as error:
        engine.dispose()
        if any(word in str(error.orig) for word in _DAMAGE):
            raise StoreDamaged(path, f"SQLite says: {error.orig}") from None
        if "unable to open" in str(error.orig):  # a folder, or a file it may not read, where a file belongs
            raise StoreDamaged(path, f"SQLite says: {error.orig}; check that it and the {path.name}-wal and "
                                     f"{path.name}-shm beside it are files this account may read and write") from None
        raise
    if not tables:
        engine.dispose()
        raise StoreDamaged(path, "it holds no tables")


def damage(error: BaseException, path: Path) -> StoreDamaged | None:
    """``StoreDamaged`` for an error SQLCipher raised reading a damaged page of the store at ``path``
    (one ``check_key`` could not see: it reads the first pages only), else None."""
    orig = getattr(error, "orig", None)
    if isinstance(error, DatabaseError) and type(orig).__module__.startswith("sqlcipher3") \
            and any(word in str(orig) for word in _DAMAGE):
        return StoreDamaged(path, f"SQLite says: {orig}")
    return None


@contextmanager
def transaction(engine: Engine) -> Iterator[Connection]:
    with engine.begin() as conn:
        yield conn


def copy_store(engine: Engine, key: bytes, dest: Path) -> None:
    """A consistent copy of the store at ``dest``, encrypted with the same key, private (0600), taken
    with SQLite's online backup on a connection outside any transaction (SQLite's backup waits forever
    on a source connection that holds a write transaction); ``dest`` is either the old file or the
    whole copy (``files.replacing``)."""
    import sqlcipher3  # the driver the engine's dialect loads

    with files.replacing(dest) as tmp:
        target = sqlcipher3.connect(str(tmp))
        try:
            target.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
            source = engine.raw_connection()  # the engine's connections begin no transaction by themselves
            try:
                source.driver_connection.backup(target)  # type: ignore[union-attr]
            finally:
                source.close()
        finally:
            target.close()


def in_use(path: Path) -> bool:
    """Whether a connection (of any process, this one too) has the store at ``path`` open: in WAL mode
    every open connection holds a shared lock on byte 128 of the ``-shm`` file (SQLite's "DMS" lock)
    for as long as it is open. Read from the kernel's lock table (``/proc/locks``, Linux) rather than
    by trying a lock: opening and closing the file here would drop this process's own SQLite locks on
    it (POSIX locks go with any close). Without ``/proc/locks``: False (nothing can be told)."""
    shm = path.with_name(path.name + "-shm")
    try:
        status = shm.stat()
        table = Path("/proc/locks").read_text()
    except OSError:
        return False
    where = f"{os.major(status.st_dev):02x}:{os.minor(status.st_dev):02x}:{status.st_ino}"
    return any(where in line.split() for line in table.splitlines())


def stored_version(engine: Engine) -> int:
    """The store's schema version (``user_version``), read outside any transaction."""
    raw = engine.raw_connection()
    try:
        return int(raw.driver_connection.execute("PRAGMA user_version").fetchone()[0])  # type: ignore[union-attr]
    finally:
        raw.close()
