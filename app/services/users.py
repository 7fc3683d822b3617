"""Users of a station: add, disable, change role, change one's own passphrase, reset by an admin,
release a locked account. Every change is audited; passphrase changes rewrap one key slot and
never the data key."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from app.domain.errors import NotFound, ValidationError
from app.security import passphrase as passphrase_rules
from app.security import recovery
from app.security.lockout import USER_NAME, LogonState
from app.security.roles import Permission, Role, allowed
from app.store import accounts, keyslots, paths

from .session import Session, now_iso


def check_user_name(name: str) -> None:
    if not USER_NAME.fullmatch(name or ""):
        raise ValidationError.one("user", f"{name!r} is not a valid user name: use 1-64 lower-case letters, "
                                          "digits, dots, dashes or underscores, starting with a letter or digit")


def _check_role(role: str) -> None:
    if role not in {r.value for r in Role}:
        raise ValidationError.one("role", f"{role!r} is not one of: {', '.join(r.value for r in Role)}")


def list_users(*, session: Session) -> dict[str, Any]:
    """Every account (who added it: None for the first admin and accounts from before schema 14),
    and the recovery key: who set it, and a warning when that account is now disabled."""
    session.require(Permission.MANAGE_USERS, action="user.list")
    logons = LogonState.load(session.data_dir)
    with session.engine.begin() as conn:
        rows = accounts.users(conn)
        recovery_key = _recovery_key(conn, session)
        session.audit(conn, "user.list", detail={"users": len(rows)})
    return {"users": [{"name": r["name"], "role": r["role"], "disabled": r["disabled"],
                       "locked": logons.is_locked(r["name"]), "added_by": r["created_by"]} for r in rows],
            "recovery": recovery_key}


def _recovery_key(conn: Connection, session: Session) -> dict[str, Any] | None:
    """The station's recovery key as the store recorded it (None: no recovery slot), with a warning
    when the account that set it is disabled (it may still hold the private key)."""
    if keyslots.load(paths.keyslot_path(session.data_dir)).recovery is None:
        return None
    station = accounts.station(conn)
    setter = accounts.user(conn, station["recovery_set_by"]) if station["recovery_set_by"] else None
    warning = None
    if setter is not None and setter["disabled"]:
        warning = (f"the recovery key was set by {setter['name']!r}, whose account is disabled: if they kept its "
                   "private key they can still open this station; set the operators' key again "
                   "(kinlink recovery-key set --replace)")
    return {"set_by": station["recovery_set_by"], "set_at": station["recovery_set_at"],
            "fingerprint": station["recovery_key"], "warning": warning}


def locked_users(*, session: Session) -> dict[str, Any]:
    """The accounts locked by failed sign-ins that this user may release (a supervisor: not admins)."""
    session.require(Permission.RELEASE_USERS, action="user.locked")
    logons = LogonState.load(session.data_dir)
    with session.engine.begin() as conn:
        locked = [{"name": u["name"], "role": u["role"], "disabled": False, "locked": True}
                  for u in accounts.users(conn, active_only=True) if logons.is_locked(u["name"])
                  and (u["role"] != Role.ADMIN.value or allowed(session.role, Permission.RELEASE_ADMINS))]
        session.audit(conn, "user.locked", detail={"locked": len(locked)})
    return {"users": locked}


def add_user(*, session: Session, name: str, role: str, passphrase: str,
             kdf: keyslots.KdfParams | None = None) -> dict[str, Any]:
    session.require(Permission.MANAGE_USERS, action="user.add", target=name)
    check_user_name(name)
    _check_role(role)
    passphrase_rules.check(passphrase, context=(name, session.identity.name))
    with session.engine.begin() as conn:
        if accounts.user(conn, name) is not None:
            raise ValidationError.one("user", f"{name!r} already exists")
        slots, slot = _wrapped(session, name, passphrase, kdf)
        accounts.add_user(conn, name=name, role=role, at=now_iso(), created_by=session.user,
                          slot_digest=slot.digest())
        session.audit(conn, "user.add", name, detail={"role": role, "added_by": session.user,
                                                      "reads_personal_data": _reads(role)})
        slots.save(paths.keyslot_path(session.data_dir))
    return {"user": name, "role": role}


def _reads(role: str) -> bool:
    """Whether an account of ``role`` reads personal data: flagged in the audit when an admin (who
    does not) adds or promotes one, so that an admin's second account is on record as such."""
    return allowed(role, Permission.READ)


def disable_user(*, session: Session, name: str) -> dict[str, Any]:
    """Disable an account and remove its key slot (re-enable with a passphrase reset)."""
    session.require(Permission.MANAGE_USERS, action="user.disable", target=name)
    with session.engine.begin() as conn:
        account = _account(conn, name)
        if account["role"] == Role.ADMIN.value:
            _keep_an_admin(conn, name)
        accounts.set_user(conn, name, disabled=True, slot_digest="")
        recovery_key = _recovery_key(conn, session)
        set_it = recovery_key is not None and recovery_key["set_by"] == name
        session.audit(conn, "user.disable", name, detail={"set_the_recovery_key": True} if set_it else None)
        slot_file = paths.keyslot_path(session.data_dir)
        slots = keyslots.load(slot_file)
        slots.remove_user(name)
        slots.save(slot_file)
    answer: dict[str, Any] = {"user": name, "disabled": True}
    if set_it and recovery_key is not None:
        answer["warning"] = recovery_key["warning"]
    return answer


def set_role(*, session: Session, name: str, role: str) -> dict[str, Any]:
    session.require(Permission.MANAGE_USERS, action="user.role", target=name)
    _check_role(role)
    with session.engine.begin() as conn:
        account = _account(conn, name)
        if account["role"] == Role.ADMIN.value and role != Role.ADMIN.value:
            _keep_an_admin(conn, name)
        accounts.set_user(conn, name, role=role)
        session.audit(conn, "user.role", name, detail={"from": account["role"], "to": role,
                                                       "reads_personal_data": _reads(role)})
    return {"user": name, "role": role}


def change_passphrase(*, session: Session, current: str, new: str,
                      kdf: keyslots.KdfParams | None = None) -> dict[str, Any]:
    """The signed-in user changes their own passphrase (the current one is checked again)."""
    slots = keyslots.load(paths.keyslot_path(session.data_dir))
    slots.unwrap(session.user, current)  # raises WrongPassphrase
    passphrase_rules.check(new, context=(session.user, session.identity.name))
    with session.engine.begin() as conn:
        session.audit(conn, "user.passphrase", session.user)
        _rewrap(session, conn, session.user, new, kdf)
    return {"user": session.user, "passphrase": "changed"}


def reset_passphrase(*, session: Session, name: str, new: str,
                     kdf: keyslots.KdfParams | None = None) -> dict[str, Any]:
    """An admin sets a new passphrase for a user (also re-enables a disabled account)."""
    session.require(Permission.MANAGE_USERS, action="user.reset", target=name)
    passphrase_rules.check(new, context=(name, session.identity.name))
    with session.engine.begin() as conn:
        _account(conn, name)
        accounts.set_user(conn, name, disabled=False)
        session.audit(conn, "user.reset", name)
        _rewrap(session, conn, name, new, kdf)
    with LogonState.locked(session.data_dir) as logons:
        logons.release(name)
    return {"user": name, "passphrase": "reset"}


def release_user(*, session: Session, name: str) -> dict[str, Any]:
    """A supervisor or admin unlocks an account locked by failed logons; only an admin unlocks an
    admin (a supervisor may not give back the station's keys: least privilege)."""
    session.require(Permission.RELEASE_USERS, action="user.release", target=name)
    with session.engine.connect() as conn:
        account = _account(conn, name)
    if account["role"] == Role.ADMIN.value:
        session.require(Permission.RELEASE_ADMINS, action="user.release", target=name)
    with LogonState.locked(session.data_dir) as logons:
        was_locked = logons.release(name)
        with session.engine.begin() as conn:
            session.audit(conn, "user.release", name, detail={"was_locked": was_locked})
    return {"user": name, "released": was_locked}


def set_recovery_key(*, session: Session, public_key: str, replace: bool = False) -> dict[str, Any]:
    """Seal the data key to a recovery public key. One already there (the operators', say) is
    replaced only when asked (``replace``); the audit names the old key and the new by fingerprint,
    and the store records who set it."""
    session.require(Permission.STATION_SETTINGS, action="station.recovery_key")
    new = recovery.fingerprint(recovery.public_text(recovery.load_public(public_key)))
    slot_file = paths.keyslot_path(session.data_dir)
    slots = keyslots.load(slot_file)
    old = recovery.fingerprint(slots.recovery["public_key"]) if slots.recovery is not None else None
    if old is not None and not replace:
        with session.engine.connect() as conn:
            by = accounts.station(conn)["recovery_set_by"]
        raise ValidationError.one("recovery key", f"this station already has a recovery key ({old}, set by "
                                  f"{by or 'an earlier Kinlink'}): replacing it only when asked (--replace)")
    slots.set_recovery(public_key, session.data_key)
    with session.engine.begin() as conn:
        accounts.set_recovery_setter(conn, by=session.user, at=now_iso(), key=new)
        session.audit(conn, "station.recovery_key", session.identity.code, detail={"old": old, "new": new})
        slots.save(slot_file)
    return {"station": session.identity.code, "recovery_slot": True, "fingerprint": new, "replaced": old}


def _wrapped(session: Session, name: str, passphrase: str,
             kdf: keyslots.KdfParams | None) -> tuple[keyslots.KeySlots, keyslots.Slot]:
    """The key-slot file with a new slot for ``name`` (not yet saved), and that slot."""
    slots = keyslots.load(paths.keyslot_path(session.data_dir))
    return slots, slots.add_user(name, passphrase, session.data_key, kdf)


def _rewrap(session: Session, conn: Connection, name: str, passphrase: str, kdf: keyslots.KdfParams | None) -> None:
    """A new slot for ``name``, recorded in the store (in ``conn``'s transaction) and saved."""
    slots, slot = _wrapped(session, name, passphrase, kdf)
    accounts.set_user(conn, name, slot_digest=slot.digest())
    slots.save(paths.keyslot_path(session.data_dir))


def _account(conn: Any, name: str) -> Any:
    account = accounts.user(conn, name)
    if account is None:
        raise NotFound(f"no user {name!r} at this station")
    return account


def _keep_an_admin(conn: Any, leaving: str) -> None:
    if not accounts.other_active_admins(conn, leaving):
        raise ValidationError.one("user", f"{leaving!r} is the last active admin of this station")
