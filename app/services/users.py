"""Users of a station: add, disable, change role, change one's own passphrase, reset by an admin,
release a locked account. Every change is audited; passphrase changes rewrap one key slot and
never the data key."""

from __future__ import annotations

import re
from typing import Any

from app.domain.errors import NotFound, ValidationError
from app.security import passphrase as passphrase_rules
from app.security.lockout import LogonState
from app.security.roles import Permission, Role
from app.store import accounts, keyslots, paths

from .session import Session, now_iso

_USER_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")


def check_user_name(name: str) -> None:
    if not _USER_NAME.match(name or ""):
        raise ValidationError.one("user", f"{name!r} is not a valid user name: use 1-64 lower-case letters, "
                                          "digits, dots, dashes or underscores, starting with a letter or digit")


def _check_role(role: str) -> None:
    if role not in {r.value for r in Role}:
        raise ValidationError.one("role", f"{role!r} is not one of: {', '.join(r.value for r in Role)}")


def list_users(*, session: Session) -> dict[str, Any]:
    session.require(Permission.MANAGE_USERS, action="user.list")
    logons = LogonState.load(session.data_dir)
    with session.engine.begin() as conn:
        rows = accounts.users(conn)
        session.audit(conn, "user.list", detail={"users": len(rows)})
    return {"users": [{"name": r["name"], "role": r["role"], "disabled": r["disabled"],
                       "locked": logons.is_locked(r["name"])} for r in rows]}


def locked_users(*, session: Session) -> dict[str, Any]:
    """The accounts locked by failed sign-ins, for a supervisor or admin to release."""
    session.require(Permission.RELEASE_USERS, action="user.locked")
    logons = LogonState.load(session.data_dir)
    with session.engine.begin() as conn:
        locked = [{"name": u["name"], "role": u["role"], "disabled": False, "locked": True}
                  for u in accounts.users(conn, active_only=True) if logons.is_locked(u["name"])]
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
        accounts.add_user(conn, name=name, role=role, at=now_iso())
        session.audit(conn, "user.add", name, detail={"role": role})
        _rewrap(session, name, passphrase, kdf)
    return {"user": name, "role": role}


def disable_user(*, session: Session, name: str) -> dict[str, Any]:
    """Disable an account and remove its key slot (re-enable with a passphrase reset)."""
    session.require(Permission.MANAGE_USERS, action="user.disable", target=name)
    with session.engine.begin() as conn:
        account = _account(conn, name)
        if account["role"] == Role.ADMIN.value:
            _keep_an_admin(conn, name)
        accounts.set_user(conn, name, disabled=True)
        session.audit(conn, "user.disable", name)
        slot_file = paths.keyslot_path(session.data_dir)
        slots = keyslots.load(slot_file)
        slots.remove_user(name)
        slots.save(slot_file)
    return {"user": name, "disabled": True}


def set_role(*, session: Session, name: str, role: str) -> dict[str, Any]:
    session.require(Permission.MANAGE_USERS, action="user.role", target=name)
    _check_role(role)
    with session.engine.begin() as conn:
        account = _account(conn, name)
        if account["role"] == Role.ADMIN.value and role != Role.ADMIN.value:
            _keep_an_admin(conn, name)
        accounts.set_user(conn, name, role=role)
        session.audit(conn, "user.role", name, detail={"from": account["role"], "to": role})
    return {"user": name, "role": role}


def change_passphrase(*, session: Session, current: str, new: str,
                      kdf: keyslots.KdfParams | None = None) -> dict[str, Any]:
    """The signed-in user changes their own passphrase (the current one is checked again)."""
    slots = keyslots.load(paths.keyslot_path(session.data_dir))
    slots.unwrap(session.user, current)  # raises WrongPassphrase
    passphrase_rules.check(new, context=(session.user, session.identity.name))
    with session.engine.begin() as conn:
        session.audit(conn, "user.passphrase", session.user)
        _rewrap(session, session.user, new, kdf)
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
        _rewrap(session, name, new, kdf)
    logons = LogonState.load(session.data_dir)
    logons.release(name)
    logons.save()
    return {"user": name, "passphrase": "reset"}


def release_user(*, session: Session, name: str) -> dict[str, Any]:
    """A supervisor or admin unlocks an account locked by failed logons."""
    session.require(Permission.RELEASE_USERS, action="user.release", target=name)
    logons = LogonState.load(session.data_dir)
    was_locked = logons.release(name)
    with session.engine.begin() as conn:
        session.audit(conn, "user.release", name, detail={"was_locked": was_locked})
    logons.save()
    return {"user": name, "released": was_locked}


def set_recovery_key(*, session: Session, public_key: str) -> dict[str, Any]:
    """Seal the data key to a (new) recovery public key."""
    session.require(Permission.STATION_SETTINGS, action="station.recovery_key")
    slot_file = paths.keyslot_path(session.data_dir)
    slots = keyslots.load(slot_file)
    slots.set_recovery(public_key, session.data_key)
    with session.engine.begin() as conn:
        session.audit(conn, "station.recovery_key", session.identity.code)
        slots.save(slot_file)
    return {"station": session.identity.code, "recovery_slot": True}


def _rewrap(session: Session, name: str, passphrase: str, kdf: keyslots.KdfParams | None) -> None:
    slot_file = paths.keyslot_path(session.data_dir)
    slots = keyslots.load(slot_file)
    slots.add_user(name, passphrase, session.data_key, kdf)
    slots.save(slot_file)


def _account(conn: Any, name: str) -> Any:
    account = accounts.user(conn, name)
    if account is None:
        raise NotFound(f"no user {name!r} at this station")
    return account


def _keep_an_admin(conn: Any, leaving: str) -> None:
    if not accounts.other_active_admins(conn, leaving):
        raise ValidationError.one("user", f"{leaving!r} is the last active admin of this station")
