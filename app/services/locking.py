"""Locking and unlocking an open session (inactivity or on demand). Unlocking checks the
passphrase against the user's own key slot and counts failures like a logon."""

from __future__ import annotations

from typing import Any, SupportsInt

from app.security import audit
from app.security.lockout import AccountLocked, LogonState
from app.store import keyslots, paths

from .session import Session

MAX_IDLE_MINUTES = 30
DEFAULT_IDLE_MINUTES = 10


def lock_session(*, session: Session, reason: str = "on demand") -> dict[str, Any]:
    with session.engine.begin() as conn:
        session.audit(conn, "session.lock", detail={"reason": reason})
    return {"user": session.user, "locked": True}


def unlock_session(*, session: Session, passphrase: str) -> dict[str, Any]:
    logons = LogonState.load(session.data_dir)
    if logons.is_locked(session.user):
        _audit_unlock(session, audit.Outcome.DENIED, "account locked")
        raise AccountLocked(session.user)
    try:
        keyslots.load(paths.keyslot_path(session.data_dir)).unwrap(session.user, passphrase)
    except keyslots.WrongPassphrase:
        locked = logons.record_failure(session.user)
        logons.pending_audit.clear()  # the store is open: audit now, not at the next logon
        logons.save()
        _audit_unlock(session, audit.Outcome.FAILED, "wrong passphrase")
        if locked:
            raise AccountLocked(session.user, just_now=True) from None
        raise
    logons.succeeded(session.user)
    logons.save()
    _audit_unlock(session, audit.Outcome.OK, "")
    return {"user": session.user, "locked": False}


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
