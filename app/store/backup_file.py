"""A station backup file: the encrypted store and the key-slot file, with a manifest, in one tar.

The tar (uncompressed: the store is encrypted, so it would not shrink) holds exactly three regular
files, in this order: ``manifest.json`` (format, version, when, which station and store, the schema
version, and each member's size and SHA-256), ``station.db`` (a copy of the SQLCipher store, still
encrypted with the station's data key) and ``keyslots.json`` (the data key wrapped per user). Nothing
in it is readable without a passphrase valid when it was made (or the recovery key).

Reading is strict, so that a damaged, truncated or foreign file is refused before anything changes:
the members are streamed into files the caller provides (never ``tar.extract``, so no name in the
archive chooses a path), their digests checked against the manifest, and any other member, link,
size or order refused. The manifest is not signed (there is no key to sign it with that the restoring
side could check before a passphrase is typed): it catches damage, not forgery; the store's own page
HMACs and the key slots' authenticated encryption catch a forged store at the first sign-in.
"""

from __future__ import annotations

import hashlib
import io
import json
import tarfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from sqlalchemy import func, select

from . import accounts, keyslots, paths, schema
from . import engine as store_engine

FORMAT = "kinlink-backup"
VERSION = 1
MANIFEST = "manifest.json"
MEMBERS = (paths.STORE_FILE, paths.KEYSLOT_FILE)  # after the manifest, in this order
MAX_MANIFEST_BYTES = 64 * 1024
MAX_KEYSLOT_BYTES = 4 * 1024 * 1024
_CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup file that is not one, is damaged or truncated, or cannot be restored here; ``str()``
    names the file and what is wrong. Nothing was changed."""


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def describe_copy(copy: Path, key: bytes) -> dict[str, Any]:
    """What a fresh copy of the store holds, read from the copy itself: its schema version, station,
    users (with their current slot digests), how many family units, and SQLite's ``quick_check``
    (every page read, so every page's HMAC checked too). ``StoreDamaged`` when ``key`` does not open it."""
    engine = store_engine.open_engine(copy, key)
    try:
        store_engine.check_key(engine)
        version = store_engine.stored_version(engine)
        with engine.connect() as conn:
            check = [str(row[0]) for row in conn.exec_driver_sql("PRAGMA quick_check")]
            station = accounts.station(conn)
            users = accounts.users(conn)
            families = int(conn.execute(select(func.count()).select_from(schema.family)).scalar_one())
    finally:
        engine.dispose()
    return {"schema_version": version, "quick_check": check, "station": station, "users": users,
            "families": families}


def slots_match(slots: keyslots.KeySlots, description: dict[str, Any]) -> bool:
    """Whether the key-slot file belongs with the store copy: same store, each active user's slot the
    one the store recorded (a passphrase changed between the copy and reading the file fails this)."""
    if slots.store_id != description["station"]["store_id"]:
        return False
    for user in description["users"]:
        recorded = user["slot_digest"]
        if user["disabled"] or recorded is None:
            continue
        slot = slots.slot(user["name"])
        if slot is None or slot.digest() != recorded:
            return False
    return True


class _Hashing(io.RawIOBase):
    """A writable file that also hashes what is written (the archive's SHA-256, for the audit)."""

    def __init__(self, handle: IO[bytes]) -> None:
        super().__init__()
        self._handle, self._digest, self._offset = handle, hashlib.sha256(), 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        view = bytes(data)
        self._handle.write(view)
        self._digest.update(view)
        self._offset += len(view)
        return len(view)

    def tell(self) -> int:
        return self._offset

    def hexdigest(self) -> str:
        return self._digest.hexdigest()


def write_archive(target: Path, manifest: dict[str, Any], store_copy: Path, slot_bytes: bytes) -> str:
    """Write the backup to ``target`` (an empty private file the caller made); the archive's SHA-256."""
    with open(target, "wb") as handle:
        hashing = _Hashing(handle)
        with tarfile.open(fileobj=hashing, mode="w", format=tarfile.PAX_FORMAT) as tar:
            body = json.dumps(manifest, indent=1, sort_keys=True).encode()
            tar.addfile(_info(MANIFEST, len(body), manifest), io.BytesIO(body))
            with open(store_copy, "rb") as store:
                tar.addfile(_info(paths.STORE_FILE, store_copy.stat().st_size, manifest), store)
            tar.addfile(_info(paths.KEYSLOT_FILE, len(slot_bytes), manifest), io.BytesIO(slot_bytes))
        handle.flush()
    return hashing.hexdigest()


def _info(name: str, size: int, manifest: dict[str, Any]) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size, info.mode, info.mtime = size, 0o600, int(manifest["created_unix"])
    return info


def member_entry(name: str, path: Path | None = None, data: bytes | None = None) -> dict[str, Any]:
    """A member's line in the manifest: its name, size and SHA-256."""
    if data is not None:
        return {"name": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    assert path is not None
    return {"name": name, "size": path.stat().st_size, "sha256": sha256_file(path)}


def read_archive(backup: Path, targets: dict[str, Path]) -> dict[str, Any]:
    """Check the backup and stream its members into ``targets`` (member name -> an empty private file);
    the manifest. ``BackupError`` names what is wrong (the targets then hold partial data: the caller
    removes them)."""
    try:
        with tarfile.open(backup, mode="r:") as tar:
            members = _members(tar, backup)
            manifest = check_manifest(_read_small(tar, next(members), MAX_MANIFEST_BYTES), backup)
            for entry in manifest["members"]:
                member = next(members, None)
                if member is None or member.name != entry["name"]:
                    raise BackupError(f"{backup} is damaged: {entry['name']} is missing or out of place")
                _copy_member(tar, member, entry, targets[entry["name"]], backup)
            extra = next(members, None)
            if extra is not None:
                raise BackupError(f"{backup} holds {extra.name!r}, which a Kinlink backup does not")
    except FileNotFoundError:
        raise BackupError(f"there is no file {backup}") from None
    except IsADirectoryError:
        raise BackupError(f"{backup} is a folder, not a backup file") from None
    except PermissionError as error:
        raise BackupError(f"cannot read {backup}: {error.strerror}") from None
    except (tarfile.TarError, EOFError) as error:
        raise BackupError(f"{backup} is not a Kinlink backup, or it is damaged or cut short ({error})") from None
    return manifest


def _members(tar: tarfile.TarFile, backup: Path) -> Iterator[tarfile.TarInfo]:
    """The archive's members, each a plain file with a name a backup has, never twice."""
    seen: set[str] = set()
    for member in tar:
        if member.name in seen or member.name not in (MANIFEST, *MEMBERS):
            raise BackupError(f"{backup} holds {member.name!r}, which a Kinlink backup does not")
        if not member.isreg():
            raise BackupError(f"{backup} holds {member.name!r} as a link or folder: not a Kinlink backup")
        seen.add(member.name)
        yield member
    if not seen:
        raise BackupError(f"{backup} is empty: not a Kinlink backup")


def _read_small(tar: tarfile.TarFile, member: tarfile.TarInfo | None, limit: int) -> bytes:
    if member is None or member.name != MANIFEST or member.size > limit:
        raise BackupError("no manifest first")
    handle = tar.extractfile(member)
    assert handle is not None
    return handle.read()


def check_manifest(raw: bytes, backup: Path) -> dict[str, Any]:
    """The manifest, when it is one this Kinlink writes: format, version, and one entry per member."""
    try:
        manifest = json.loads(raw)
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise BackupError(f"{backup} is not a Kinlink backup (its manifest is not one)")
        if manifest.get("version") != VERSION:
            raise BackupError(f"{backup} is a backup of version {manifest.get('version')!r}; this Kinlink reads "
                              f"version {VERSION}: update Kinlink")
        members = manifest["members"]
        if [m["name"] for m in members] != list(MEMBERS) or \
                not all(isinstance(m["size"], int) and isinstance(m["sha256"], str) for m in members):
            raise BackupError(f"{backup} is damaged: its manifest does not list {' and '.join(MEMBERS)}")
        for key in ("station", "store_id", "created_at"):
            if not isinstance(manifest[key], str):
                raise TypeError(key)
        if not isinstance(manifest["schema_version"], int):
            raise TypeError("schema_version")
    except BackupError:
        raise
    except (ValueError, KeyError, TypeError) as error:
        raise BackupError(f"{backup} is damaged: its manifest is not readable ({type(error).__name__})") from None
    return manifest


def _copy_member(tar: tarfile.TarFile, member: tarfile.TarInfo, entry: dict[str, Any], target: Path,
                 backup: Path) -> None:
    if member.size != entry["size"] or (member.name == paths.KEYSLOT_FILE and member.size > MAX_KEYSLOT_BYTES):
        raise BackupError(f"{backup} is damaged: {member.name} is {member.size} bytes, its manifest says "
                          f"{entry['size']}")
    source = tar.extractfile(member)
    assert source is not None
    digest = hashlib.sha256()
    with open(target, "wb") as out:
        for chunk in iter(lambda: source.read(_CHUNK), b""):
            digest.update(chunk)
            out.write(chunk)
    if digest.hexdigest() != entry["sha256"]:
        raise BackupError(f"{backup} is damaged: {member.name} does not match the SHA-256 in its manifest")
