"""Creating a station, signing in (with lockout), and recovering a station whose passphrases are lost."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine

from app import __version__
from app.domain import fields as domain_fields
from app.domain.errors import ValidationError
from app.files import ensure_private_dir, restrict_umask
from app.security import audit, recovery
from app.security import passphrase as passphrase_rules
from app.security.identity import StationIdentity
from app.security.lockout import AccountLocked, LogonState
from app.security.roles import Role
from app.store import accounts, audit_log, keyslots, paths, schema
from app.store import engine as store_engine
from sync import protocol

from .backups import forget_restore, record_restore
from .session import AccountDisabled, Session, SlotNotCurrent, StoreExists, StoreMissing, now_iso
from .users import check_user_name


def about() -> dict[str, Any]:
    """Which Kinlink this is: its version (``app.__version__``) and the sync protocol it speaks, as
    ``kinlink --version`` and the app's About box say them (the first thing a support call asks)."""
    return {"version": __version__, "protocol": protocol.VERSION}


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
    slot = slots.add_user(admin, passphrase, data_key, kdf)
    engine = store_engine.open_engine(paths.store_path(data_dir), data_key)
    try:
        with engine.begin() as conn:
            schema.migrate(conn)
            accounts.create_station(conn, store_id=store_id, identity=identity, at=now_iso())
            accounts.add_user(conn, name=admin, role=Role.ADMIN.value, at=now_iso(), created_by=None,
                              slot_digest=slot.digest())
            if recovery_public_key:
                accounts.set_recovery_setter(conn, by=admin, at=now_iso(),
                                             key=recovery.fingerprint(recovery_public_key))
            audit_log.append(conn, station=identity.code, user=admin, action="station.init", target=identity.code,
                             detail={"recovery_slot": recovery_public_key is not None})
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
    5 within 15 minutes lock the account until a supervisor or admin releases it. The attempt is
    counted (under the logon state's lock) before the slow key derivation and cleared once the
    passphrase proved right, so that guesses made in parallel cannot outrun the count. A user name
    no station gives is refused first (not counted: nothing typed there is kept in the file)."""
    if not paths.store_path(data_dir).exists():
        raise StoreMissing(f"there is no station store in {data_dir}: run `kinlink init` first")
    check_user_name(user)
    slots = keyslots.load(paths.keyslot_path(data_dir))
    with LogonState.locked(data_dir) as logons:
        attempt = logons.start_attempt(user)
    if attempt is None:
        raise AccountLocked(user)
    try:
        data_key = slots.unwrap(user, passphrase)
    except keyslots.WrongPassphrase:
        with LogonState.locked(data_dir) as logons:
            locked = logons.attempt_failed(user, attempt)
        if locked:
            raise AccountLocked(user, just_now=True) from None
        raise
    with LogonState.locked(data_dir) as logons:
        try:
            session = open_session(data_dir, slots, data_key, user, logons)
        except AccountDisabled:
            logons.save()  # the refusal is in the chain, with the records the file held; the attempt counts
            raise
        except BaseException:
            # The passphrase was right: a store that does not open (damaged, from a newer Kinlink) is no
            # guess. The file is read again as it is (its queued records stay queued) without the attempt.
            kept = LogonState.load(data_dir)
            kept.withdraw_attempt(user, attempt)
            kept.save()
            raise
        logons.succeeded(user)
    return session


def open_session(data_dir: Path, slots: keyslots.KeySlots, data_key: bytes, user: str,
                 logons: LogonState) -> Session:
    """Open the store with the data key, bring its schema up to date, record a restore from a backup
    (``backups.record_restore``), and record the logon."""
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
            restored = record_restore(conn, data_dir, station, user)
            if upgraded is not None:
                audit_log.append(conn, station=station["code"], user=user, action="store.upgrade",
                                 target=station["code"], detail=upgraded)
            refusal = _logon_refusal(conn, account, slots.slot(user))
            audit_log.append(conn, station=station["code"], user=user, action="logon",
                             outcome=audit.Outcome.DENIED if refusal else audit.Outcome.OK,
                             detail={"reason": refusal} if refusal else {})
    except BaseException:
        engine.dispose()
        raise
    if restored:
        forget_restore(data_dir)  # recorded (and committed) once
    if refusal is not None:
        engine.dispose()
        if refusal == SLOT_NOT_CURRENT:
            raise SlotNotCurrent(user)
        raise AccountDisabled(f"user {user!r} is disabled or not a user of this station")
    assert account is not None
    identity = StationIdentity(station["code"], station["name"], station["private_key"], station["public_key"])
    return Session(data_dir, engine, identity, user, account["role"], data_key, upgraded)


SLOT_NOT_CURRENT = "key slot not current"


def _logon_refusal(conn: Connection, account: dict[str, Any] | None, slot: keyslots.Slot | None) -> str | None:
    """Why a user whose slot opened may not sign in, or None. The slot must be the one the store
    recorded when it was last written; a store from before schema 14 has no record yet: the slot that
    opens at the user's first sign-in is recorded then (trusted on first use)."""
    refusal = slot_refusal(account, slot)
    if refusal is None and account is not None and slot is not None and account["slot_digest"] is None:
        accounts.set_user(conn, account["name"], slot_digest=slot.digest())
    return refusal


def slot_refusal(account: dict[str, Any] | None, slot: keyslots.Slot | None) -> str | None:
    """Why a user whose slot opened is refused (at sign-in and at the unlock of a locked session), or
    None: not an active user, or a slot other than the one the store recorded (none recorded yet: any)."""
    if account is None or account["disabled"] or slot is None:
        return "disabled or not a user"
    if account["slot_digest"] not in (None, slot.digest()):
        return SLOT_NOT_CURRENT
    return None


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
    """Take the failures queued in the logon-state file into the chain, in the transaction of the
    logon. Anyone at the desk can edit that file: only failure events of the fixed shapes, in time
    order, not before the chain's last logon (the queue was emptied then) and not in the future are
    taken; the rest become one ``logon-state.rejected`` record that counts them (their content could
    hold personal data and is never stored)."""
    last_logon = next(audit_log.newest_first(conn, action="logon"), None)
    events, refused = logons.take_checked_pending(not_before=last_logon["at"] if last_logon else "")
    for event in events:
        audit_log.append(conn, station=station, user=event["user"], action=event["action"],
                         outcome=event["outcome"], detail=event["detail"], at=event["at"])
    if refused:
        audit_log.append(conn, station=station, user="", action="logon-state.rejected",
                         outcome=audit.Outcome.FAILED, detail={"refused": refused})


def recover(*, data_dir: Path, private_key_pem: bytes, admin: str, new_passphrase: str,
            kdf: keyslots.KdfParams | None = None) -> dict[str, Any]:
    """Open a station with its recovery private key. Every passphrase slot is removed and ``admin``
    (an active admin of this station: recovery never re-enables an account) gets a new passphrase;
    the other users need a reset by that admin. A recovery slot other than the one the station
    recorded (a copy put back after the key was replaced) is refused, and so is a disabled admin;
    both refusals are audited."""
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
            station = accounts.station(conn)
            passphrase_rules.check(new_passphrase, context=(admin, station["name"]))  # its name is known now
            code = station["code"]
            refusal = _recovery_refusal(station, account, slots)
            if refusal is not None:
                audit_log.append(conn, station=code, user=admin, action="station.recover", target=code,
                                 outcome=audit.Outcome.DENIED, detail={"reason": refusal[0]})
        if refusal is not None:
            raise ValidationError.one("admin" if refusal[0] == "admin disabled" else "--key", refusal[1])
        with engine.begin() as conn:
            removed = [u for u in slots.users() if u != admin]
            audit_log.append(conn, station=code, user=admin, action="station.recover", target=code,
                             detail={"passphrases_removed": len(slots.users()), "upgraded": upgraded})
            for name in removed:
                accounts.set_user(conn, name, slot_digest="")
            slots.slots = []
            slot = slots.add_user(admin, new_passphrase, data_key, kdf)
            accounts.set_user(conn, admin, slot_digest=slot.digest())
            slots.save(slot_file)
    finally:
        engine.dispose()
    with LogonState.locked(data_dir) as logons:
        logons.users.clear()
    return {"station": code, "admin": admin, "users_needing_reset": sorted(removed)}


def _recovery_refusal(station: dict[str, Any], account: dict[str, Any],
                      slots: keyslots.KeySlots) -> tuple[str, str] | None:
    """Why recovery is refused (the audit's reason, the message), or None."""
    if account["disabled"]:
        return ("admin disabled", f"{account['name']!r} is disabled: recovery gives the station to an active admin "
                                  "only (it never re-enables an account); name an active admin with --admin")
    recorded = station["recovery_key"]
    if recorded is not None and slots.recovery is not None and \
            recovery.fingerprint(slots.recovery["public_key"]) != recorded:
        return ("recovery slot not current", "the recovery slot in keyslots.json is not the one this station "
                "recorded (a copy put back after the key was replaced?): use the station's current recovery key")
    return None


def _station_name(value: str) -> str:
    try:
        return str(domain_fields.text(value, limit=100))
    except domain_fields.FieldError as error:
        raise ValidationError.one("station name", str(error)) from None
