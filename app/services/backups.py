"""Station backups: one file holding the encrypted store and its key slots, made while the station
works, and put back into an empty data directory or over the store (kept aside, never deleted).

Why SQLite's online backup: one ``backup`` step with every page (``copy_store``) reads the whole store
inside one read transaction of its connection; in WAL mode writers go on meanwhile and the copy is the
store as of that transaction's start, every committed transaction whole. (Several smaller steps would
start over at each write of another connection and might never finish; ``sqlcipher_export`` rebuilds
the store table by table instead of copying its pages.) The copy is made with the same data key, so it
is encrypted from its first byte, into a folder private to the data directory (0700) that is removed
afterwards; the backup file is written beside its destination under a random name and renamed.

What a backup does not carry, on purpose: ``logon-state.json`` (failed logons and locks are about now:
putting back an old one would release a lock taken since, and its queued failures belong to the
store in use at the time of the restore, where they stay and enter the chain at the next logon);
``settings.ini`` (the desk's printer, language and lock time belong to the machine, not the records;
nothing personal is in it); ``logs/`` and the ``.before-*`` copies.

A restore needs no passphrase: whoever may write the data directory can already put files there, and
the restored store opens only with a passphrase valid when the backup was made. It is recorded in the
restored store's audit chain at its next sign-in (``record_restore``), and the number sequences move on
so that a family or band number given after the backup is never given again.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from app import files
from app.bands.errors import OutputError
from app.security import audit
from app.security.roles import Permission
from app.store import accounts, audit_log, backup_file, keyslots, paths, schema
from app.store import engine as store_engine
from app.store.backup_file import BackupError

from .session import Session, StoreExists

RESTORE_MARKER = "restored.json"  # left by a restore, taken into the audit chain at the next sign-in
FAMILY_GAP, BAND_GAP = 10_000, 50_000  # numbers skipped after a restore (months of a busy station's work)
ATTEMPTS = 3  # copies tried when a passphrase changes while one is made
_AT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{2}Z")
_STORE_FILES = (paths.STORE_FILE, f"{paths.STORE_FILE}-wal", f"{paths.STORE_FILE}-shm", paths.KEYSLOT_FILE)

Confirm = Callable[[dict[str, Any]], bool]


def backup_station(*, session: Session, out: Path) -> dict[str, Any]:
    """Write a backup of the station to ``out`` (0600, atomic; a symbolic link there, a folder, or a
    place inside the data directory is refused): admins only, audited as ``station.backup`` (its size
    and SHA-256, never the path), a failed one too."""
    session.require(Permission.BACKUP, action="station.backup", target=session.identity.code)
    files.restrict_umask()
    try:
        _check_out(out, session.data_dir)
        answer = _write(session, out)
    except (OSError, OutputError, BackupError) as error:
        with session.engine.begin() as conn:
            session.audit(conn, "station.backup", session.identity.code, audit.Outcome.FAILED,
                          {"error": type(error).__name__, "symlink": getattr(error, "symlink", False)})
        if isinstance(error, OSError):
            raise OutputError(f"cannot write {out}: {error.strerror or error}; nothing was written") from None
        raise
    with session.engine.begin() as conn:
        session.audit(conn, "station.backup", session.identity.code,
                      detail={k: answer[k] for k in ("bytes", "sha256", "schema_version", "families", "seconds")})
    return answer


def _check_out(out: Path, data_dir: Path) -> None:
    if out.is_symlink():
        raise OutputError(f"{out} is a symbolic link; write to a plain file name; nothing was written", symlink=True)
    if out.is_dir():
        raise OutputError(f"{out} is a folder: give the backup file's name; nothing was written")
    if out.absolute().parent.resolve().is_relative_to(data_dir.resolve()):
        raise OutputError(f"{out} is inside the station's data directory {data_dir}: a backup there is lost with "
                          "it (and could take a station file's name); choose a place outside; nothing was written")


def _write(session: Session, out: Path) -> dict[str, Any]:
    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix=".backup-", dir=session.data_dir))  # 0700, removed below
    try:
        copy, slot_file = work / paths.STORE_FILE, work / paths.KEYSLOT_FILE
        described = _consistent_copy(session, copy, slot_file)
        slot_bytes = slot_file.read_bytes()
        manifest = _manifest(session, described, [backup_file.member_entry(paths.STORE_FILE, copy),
                                                  backup_file.member_entry(paths.KEYSLOT_FILE, data=slot_bytes)])
        with files.replacing(out) as tmp:
            digest = backup_file.write_archive(tmp, manifest, copy, slot_bytes)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return {"file": str(out), "bytes": out.stat().st_size, "sha256": digest, "station": manifest["station"],
            "store_id": manifest["store_id"], "schema_version": manifest["schema_version"],
            "families": manifest["families"], "created_at": manifest["created_at"],
            "seconds": round(time.monotonic() - started, 2)}


def _consistent_copy(session: Session, copy: Path, slot_file: Path) -> dict[str, Any]:
    """Copy the key-slot file and the store until the two belong together (a passphrase changed
    between the two copies: try again); what the copy holds and when it was taken."""
    for _ in range(ATTEMPTS):
        files.atomic_write(slot_file, paths.keyslot_path(session.data_dir).read_bytes())
        taken = datetime.now(UTC)  # the copy is the store as of its start
        store_engine.copy_store(session.engine, session.data_key, copy)
        described = {**backup_file.describe_copy(copy, session.data_key), "taken": taken}
        if described["quick_check"] != ["ok"]:
            raise BackupError(f"the copy of the station store fails SQLite's check ({described['quick_check'][0]}): "
                              "the store itself may be damaged; no backup was written")
        if backup_file.slots_match(keyslots.load(slot_file), described):
            return described
        time.sleep(0.2)
    raise BackupError("the key slots kept changing while the backup was made (passphrases being changed): run it "
                      "again; no backup was written")


def _manifest(session: Session, described: dict[str, Any], members: list[dict[str, Any]]) -> dict[str, Any]:
    now: datetime = described["taken"]
    station = described["station"]
    return {"format": backup_file.FORMAT, "version": backup_file.VERSION, "created_at": audit.timestamp(now),
            "created_unix": int(now.timestamp()), "created_by": session.user, "station": station["code"],
            "station_name": station["name"], "store_id": station["store_id"],
            "schema_version": described["schema_version"], "families": described["families"], "members": members}


def restore_station(*, data_dir: Path, backup: Path, replace: bool = False,
                    confirm: Confirm | None = None) -> dict[str, Any]:
    """Put a backup's store and key slots into ``data_dir``: one with no store (created, 0700, when
    missing), or with ``replace=True`` one whose store, its ``-wal``/``-shm`` and key slots are then
    kept aside as ``station.db.before-restore-<UTC time>`` (and likewise), never deleted. The file is
    checked whole first (``BackupError`` naming what is wrong; ``StoreExists`` without ``replace``:
    nothing changed either way); a store open in the app or a command is not replaced. ``confirm`` is
    asked, with what is about to happen, before a store is replaced: False (or raising) changes
    nothing. The next sign-in records the restore in the audit chain (``record_restore``)."""
    files.restrict_umask()
    present = [name for name in _STORE_FILES if (data_dir / name).exists() or (data_dir / name).is_symlink()]
    if present and not replace:
        raise StoreExists(f"there is a station store in {data_dir} already ({', '.join(present)}): `kinlink restore "
                          "--replace` keeps it aside and puts the backup in its place; nothing was changed")
    created = not data_dir.exists()
    try:
        files.ensure_private_dir(data_dir)
        return _restore(data_dir, backup, present, confirm)
    except BaseException as error:
        if created:
            with contextlib.suppress(OSError):
                data_dir.rmdir()  # as it was: no folder (the files.replacing temporaries are gone)
        if isinstance(error, OSError):
            raise BackupError(f"cannot restore into {data_dir}: {error.strerror or error}; nothing of the backup "
                              "was put in place") from None
        raise


def _restore(data_dir: Path, backup: Path, present: list[str], confirm: Confirm | None) -> dict[str, Any]:
    store = paths.store_path(data_dir)
    with files.replacing(store) as store_tmp, files.replacing(paths.keyslot_path(data_dir)) as slots_tmp:
        manifest = backup_file.read_archive(backup, {paths.STORE_FILE: store_tmp, paths.KEYSLOT_FILE: slots_tmp})
        _check_restorable(manifest, slots_tmp, backup)
        summary = {"station": manifest["station"], "station_name": manifest.get("station_name"),
                   "store_id": manifest["store_id"], "backup_created_at": manifest["created_at"],
                   "schema_version": manifest["schema_version"], "families": manifest.get("families"),
                   "data_dir": str(data_dir), "replaces": _current_store_id(data_dir) if present else None}
        kept: list[str] = []
        if present:
            _refuse_in_use(store)
            if confirm is not None and not confirm(summary):
                raise BackupError("the restore was not confirmed; nothing was changed")
            _refuse_in_use(store)
            kept = _keep_aside(data_dir, present)
        _write_marker(data_dir, manifest, replaced=bool(present))
    return {**summary, "restored": True, "kept_aside": kept}


def _check_restorable(manifest: dict[str, Any], slot_file: Path, backup: Path) -> None:
    try:
        slots = keyslots.load(slot_file)
    except keyslots.KeySlotError:
        raise BackupError(f"{backup} is damaged: its keyslots.json is not a key-slot file Kinlink reads") from None
    if slots.store_id != manifest["store_id"]:
        raise BackupError(f"{backup} is damaged: its key slots belong to another store than its manifest names")
    if manifest["schema_version"] > schema.SCHEMA_VERSION:
        raise BackupError(f"{backup} holds a store of schema version {manifest['schema_version']}; this Kinlink "
                          f"reads versions up to {schema.SCHEMA_VERSION}: update Kinlink; nothing was changed")


def _current_store_id(data_dir: Path) -> str | None:
    """The store id of the key slots in place (readable without a passphrase), to tell the same
    station's store from another's; None when there are none or they are damaged."""
    try:
        return keyslots.load(paths.keyslot_path(data_dir)).store_id
    except keyslots.KeySlotError:
        return None


def _refuse_in_use(store: Path) -> None:
    if store_engine.in_use(store):
        raise BackupError(f"the station store {store} is open (the app or a kinlink command is running): close it, "
                          "then restore; nothing was changed")


def _keep_aside(data_dir: Path, present: list[str]) -> list[str]:
    """Rename the store's files aside under one UTC time (the store's ``-wal`` and ``-shm`` after it, as
    SQLite looks for them, so that the kept store opens whole); the new names."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    while any((data_dir / _aside(name, stamp)).exists() for name in present):
        stamp += "x"  # two restores within a second
    for name in present:
        os.rename(data_dir / name, data_dir / _aside(name, stamp))
    return [_aside(name, stamp) for name in present]


def _aside(name: str, stamp: str) -> str:
    for suffix in ("-wal", "-shm"):
        if name == paths.STORE_FILE + suffix:
            return f"{paths.STORE_FILE}.before-restore-{stamp}{suffix}"
    return f"{name}.before-restore-{stamp}"


def _write_marker(data_dir: Path, manifest: dict[str, Any], *, replaced: bool) -> None:
    body = {"format": "kinlink-restore", "version": 1, "store_id": manifest["store_id"],
            "backup_created_at": manifest["created_at"], "restored_at": audit.timestamp(), "replaced": replaced}
    files.atomic_write(data_dir / RESTORE_MARKER, json.dumps(body).encode())


def record_restore(conn: Connection, data_dir: Path, station: dict[str, Any], user: str) -> bool:
    """At a sign-in, in its transaction: when a restore left its note, record ``station.restore`` (the
    backup's time, the restore's, whether a store was replaced) and move the number sequences on.
    Anyone at the desk can write the note, so only its fixed fields of the fixed shapes are taken; one
    that is not (or names another store) is recorded as such, its content left out. True when there
    was a note (``forget_restore`` removes it once this transaction is committed)."""
    try:
        fd = os.open(data_dir / RESTORE_MARKER, os.O_RDONLY | os.O_NOFOLLOW)
    except FileNotFoundError:
        return False
    except OSError:
        raw = b""
    else:
        with os.fdopen(fd, "rb") as handle:
            raw = handle.read(4096)
    detail = _marker_detail(raw, station["store_id"])
    accounts.skip_numbers(conn, families=FAMILY_GAP, bands=BAND_GAP)
    skipped = {"numbers_skipped": {"families": FAMILY_GAP, "bands": BAND_GAP}}
    audit_log.append(conn, station=station["code"], user=user, action="station.restore", target=station["code"],
                     outcome=audit.Outcome.OK if detail else audit.Outcome.FAILED,
                     detail={**(detail or {"note": "unreadable or of another store"}), **skipped})
    return True


def _marker_detail(raw: bytes, store_id: str) -> dict[str, Any] | None:
    try:
        note = json.loads(raw)
        ok = (isinstance(note, dict) and note.get("format") == "kinlink-restore" and note.get("store_id") == store_id
              and all(isinstance(note.get(k), str) and _AT.fullmatch(note[k])
                      for k in ("backup_created_at", "restored_at"))
              and isinstance(note.get("replaced"), bool))
    except ValueError:
        return None
    if not ok:
        return None
    return {"backup_at": note["backup_created_at"], "restored_at": note["restored_at"], "replaced": note["replaced"]}


def forget_restore(data_dir: Path) -> None:
    (data_dir / RESTORE_MARKER).unlink(missing_ok=True)
