"""Locking and unlocking an open session (inactivity or on demand). Unlocking checks the
passphrase against the user's own key slot and counts failures like a logon."""

from __future__ import annotations

from typing import Any, SupportsInt

from app.security import audit
from app.security.lockout import MAX_FAILURES, AccountLocked, LogonState
from app.store import accounts, keyslots, paths

from .session import Session, SlotNotCurrent
from .station import SLOT_NOT_CURRENT, slot_refusal

MAX_IDLE_MINUTES = 30
DEFAULT_IDLE_MINUTES = 10


def lock_session(*, session: Session, reason: str = "on demand") -> dict[str, Any]:
    with session.engine.begin() as conn:
        session.audit(conn, "session.lock", detail={"reason": reason})
    return {"user": session.user, "locked": True}


def unlock_session(*, session: Session, passphrase: str) -> dict[str, Any]:
    """Check the passphrase again; the attempt counts like a logon (``sign_in``): counted under the
    logon state's lock before the key derivation, cleared once right. The store is open, so the
    failures and a lock are audited now rather than queued."""
    with LogonState.locked(session.data_dir) as logons:
        attempt = logons.start_attempt(session.user, audit_later=False)
    if attempt is None:
        _audit_unlock(session, audit.Outcome.DENIED, "account locked")
        raise AccountLocked(session.user)
    refusal = _refusal(session, passphrase)
    if refusal is not None:
        with LogonState.locked(session.data_dir) as logons:
            locked = logons.attempt_failed(session.user, attempt, audit_later=False)
        _audit_unlock(session, audit.Outcome.FAILED, refusal)
        if locked:
            with session.engine.begin() as conn:
                session.audit(conn, "account.locked", detail={"failures": MAX_FAILURES})
            raise AccountLocked(session.user, just_now=True)
        if refusal == SLOT_NOT_CURRENT:
            raise SlotNotCurrent(session.user)
        raise keyslots.WrongPassphrase(session.user)
    with LogonState.locked(session.data_dir) as logons:
        logons.succeeded(session.user)
    _audit_unlock(session, audit.Outcome.OK, "")
    return {"user": session.user, "locked": False}


def _refusal(session: Session, passphrase: str) -> str | None:
    """Why ``passphrase`` does not unlock the session, or None: wrong, or it opens a slot that is not the
    one the store last recorded for the user (a copy pasted back: an old passphrase after a reset), as
    at sign-in (``station.slot_refusal``)."""
    slots = keyslots.load(paths.keyslot_path(session.data_dir))
    try:
        slots.unwrap(session.user, passphrase)
    except keyslots.WrongPassphrase:
        return "wrong passphrase"
    with session.engine.connect() as conn:
        account = accounts.user(conn, session.user)
    return slot_refusal(account, slots.slot(session.user))


def _audit_unlock(session: Session, outcome: str, reason: str) -> None:
    with session.engine.begin() as conn:
        session.audit(conn, "session.unlock", outcome=outcome, detail={"reason": reason} if reason else {})


def idle_minutes(value: object) -> int:
    """The inactivity timeout setting, kept within 1..30 minutes (default 10)."""
    if not isinstance(value, (str, bytes, SupportsInt)):  # QSettings gives back a string, a number or None
        return DEFAULT_IDLE_MINUTES
    try:
        minutes = int(value)
    except (TypeError, ValueError):
        return DEFAULT_IDLE_MINUTES
    return max(1, min(MAX_IDLE_MINUTES, minutes))
