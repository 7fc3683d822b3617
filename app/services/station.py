"""Creating a station, signing in (with lockout), and recovering a station whose passphrases are lost."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine

from app.domain import fields as domain_fields
from app.domain.errors import ValidationError
from app.files import ensure_private_dir, restrict_umask
from app.security import audit
from app.security import passphrase as passphrase_rules
from app.security.identity import StationIdentity
from app.security.lockout import AccountLocked, LogonState
from app.security.roles import Role
from app.store import accounts, audit_log, keyslots, paths, schema
from app.store import engine as store_engine

from .session import AccountDisabled, Session, StoreExists, StoreMissing, now_iso
from .users import check_user_name


def station_exists(*, data_dir: Path) -> bool:
    return paths.store_path(data_dir).exists() or paths.keyslot_path(data_dir).exists()


def init_station(*, data_dir: Path, station_name: str, admin: str, passphrase: str,
                 recovery_public_key: str | None = None, kdf: keyslots.KdfParams | None = None) -> dict[str, Any]:
    """Create the encrypted store, the station's key pair and code, the first admin, and (when a
    recovery public key is given) the recovery slot."""
    name = _station_name(station_name)
    check_user_name(admin)
    passphrase_rules.check(passphrase, context=(admin, name))
    if station_exists(data_dir=data_dir):
        raise StoreExists(f"a station store already exists in {data_dir}; nothing was changed")
    restrict_umask()
    ensure_private_dir(data_dir)
    data_key, store_id = keyslots.new_data_key(), uuid.uuid4().hex
    slots = keyslots.KeySlots(store_id)
    if recovery_public_key:
        slots.set_recovery(recovery_public_key, data_key)
    identity = StationIdentity.generate(name)
    engine = store_engine.open_engine(paths.store_path(data_dir), data_key)
    try:
        with engine.begin() as conn:
            schema.migrate(conn)
            accounts.create_station(conn, store_id=store_id, identity=identity, at=now_iso())
            accounts.add_user(conn, name=admin, role=Role.ADMIN.value, at=now_iso())
            audit_log.append(conn, station=identity.code, user=admin, action="station.init", target=identity.code,
                             detail={"recovery_slot": recovery_public_key is not None})
        slots.add_user(admin, passphrase, data_key, kdf)
        slots.save(paths.keyslot_path(data_dir))
    except BaseException:
        engine.dispose()
        _remove_partial_store(data_dir)
        raise
    engine.dispose()
    return {"station": identity.code, "name": name, "admin": admin, "data_dir": str(data_dir),
            "recovery_slot": recovery_public_key is not None}


def _remove_partial_store(data_dir: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        paths.store_path(data_dir).with_name(paths.STORE_FILE + suffix).unlink(missing_ok=True)


def sign_in(*, data_dir: Path, user: str, passphrase: str) -> Session:
    """Unwrap the data key with the user's passphrase and open the store. Failures are counted:
    5 within 15 minutes lock the account until a supervisor or admin releases it."""
    if not paths.store_path(data_dir).exists():
        raise StoreMissing(f"there is no station store in {data_dir}: run `kinlink init` first")
    slots = keyslots.load(paths.keyslot_path(data_dir))
    logons = LogonState.load(data_dir)
    if logons.is_locked(user):
        logons.refuse_locked(user)
        logons.save()
        raise AccountLocked(user)
    try:
        data_key = slots.unwrap(user, passphrase)
    except keyslots.WrongPassphrase:
        locked = logons.record_failure(user)
        logons.save()
        if locked:
            raise AccountLocked(user, just_now=True) from None
        raise
    session = open_session(data_dir, slots, data_key, user, logons)
    logons.succeeded(user)
    logons.save()
    return session


def open_session(data_dir: Path, slots: keyslots.KeySlots, data_key: bytes, user: str,
                 logons: LogonState) -> Session:
    """Open the store with the data key, bring its schema up to date, and record the logon."""
    restrict_umask()
    engine = store_engine.open_engine(paths.store_path(data_dir), data_key)
    try:
        store_engine.check_key(engine)
        copy = copy_before_upgrade(engine, data_dir, data_key)
        with engine.begin() as conn:
            upgraded = upgrade_store(conn, copy)
            station = accounts.station(conn)
            if station["store_id"] != slots.store_id:
                raise keyslots.KeySlotError("the key-slot file belongs to a different station store")
            account = accounts.user(conn, user)
            _flush_pending(conn, station["code"], logons)
            if upgraded is not None:
                audit_log.append(conn, station=station["code"], user=user, action="store.upgrade",
                                 target=station["code"], detail=upgraded)
            ok = account is not None and not account["disabled"]
            audit_log.append(conn, station=station["code"], user=user, action="logon",
                             outcome=audit.Outcome.OK if ok else audit.Outcome.DENIED,
                             detail={} if ok else {"reason": "disabled or not a user"})
    except BaseException:
        engine.dispose()
        raise
    if account is None or account["disabled"]:
        engine.dispose()
        raise AccountDisabled(f"user {user!r} is disabled or not a user of this station")
    identity = StationIdentity(station["code"], station["name"], station["private_key"], station["public_key"])
    return Session(data_dir, engine, identity, user, account["role"], data_key, upgraded)


def copy_before_upgrade(engine: Engine, data_dir: Path, data_key: bytes) -> Path | None:
    """A store from an older Kinlink is first copied, as it is, beside itself (``station.db.before-vN``,
    N the version it is brought to; encrypted, 0600), so that a failed upgrade never costs a record.
    The copy is taken just before the upgrade's write transaction (SQLite cannot back up from inside
    one). Returns the copy, or None (a new store, one up to date, or one ``migrate`` refuses)."""
    if not 0 < store_engine.stored_version(engine) < schema.SCHEMA_VERSION:
        return None
    copy = paths.store_path(data_dir).with_name(f"{paths.STORE_FILE}.before-v{schema.SCHEMA_VERSION}")
    store_engine.copy_store(engine, data_key, copy)
    return copy


def upgrade_store(conn: Connection, copy: Path | None) -> dict[str, Any] | None:
    """Bring the store's schema up to date in ``conn``'s write transaction (a store from a newer
    Kinlink is refused by ``schema.migrate``, unchanged); what was done (from, to, the copy
    ``copy_before_upgrade`` took), or None when nothing was (also when another process upgraded it
    meanwhile)."""
    found = schema.migrate(conn)
    if not 0 < found < schema.SCHEMA_VERSION:
        return None
    return {"from": found, "to": schema.SCHEMA_VERSION, "copy": copy.name if copy else None}


def _flush_pending(conn: Connection, station: str, logons: LogonState) -> None:
    for event in logons.take_pending():
        audit_log.append(conn, station=station, user=event["user"], action=event["action"],
                         outcome=event["outcome"], detail=event["detail"], at=event["at"])


def recover(*, data_dir: Path, private_key_pem: bytes, admin: str, new_passphrase: str,
            kdf: keyslots.KdfParams | None = None) -> dict[str, Any]:
    """Open a station with its recovery private key. Every passphrase slot is removed and ``admin``
    (an admin of this station) gets a new passphrase; the other users need a reset by that admin."""
    slot_file = paths.keyslot_path(data_dir)
    slots = keyslots.load(slot_file)
    data_key = slots.unwrap_recovery(private_key_pem)
    passphrase_rules.check(new_passphrase, context=(admin,))
    engine = store_engine.open_engine(paths.store_path(data_dir), data_key)
    try:
        store_engine.check_key(engine)
        copy = copy_before_upgrade(engine, data_dir, data_key)
        with engine.begin() as conn:
            upgraded = upgrade_store(conn, copy)
            account = accounts.user(conn, admin)
            if account is None or account["role"] != Role.ADMIN.value:
                raise ValidationError.one("admin", f"{admin!r} is not an admin of this station")
            accounts.set_user(conn, admin, disabled=False)
            code = accounts.station(conn)["code"]
            removed = [u for u in slots.users() if u != admin]
            audit_log.append(conn, station=code, user=admin, action="station.recover", target=code,
                             detail={"passphrases_removed": len(slots.users()), "upgraded": upgraded})
            slots.slots = []
            slots.add_user(admin, new_passphrase, data_key, kdf)
            slots.save(slot_file)
    finally:
        engine.dispose()
    logons = LogonState.load(data_dir)
    logons.users.clear()
    logons.save()
    return {"station": code, "admin": admin, "users_needing_reset": sorted(removed)}


def _station_name(value: str) -> str:
    try:
        return str(domain_fields.text(value, limit=100))
    except domain_fields.FieldError as error:
        raise ValidationError.one("station name", str(error)) from None
