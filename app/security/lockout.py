"""Failed logons and account locks, kept outside the encrypted store (it cannot be opened without
a passphrase) in a small private file, so that counts and locks survive a restart.

5 failed logons within 15 minutes lock the account until a supervisor or admin releases it. The
failures are also queued as audit records and enter the audit chain at the next successful logon.
The file holds user names and times only, never personal data of the people registered.

Anyone with the station's operating-system account can edit the file, and many processes may sign
in at once, so:
- every load-check-save runs under an exclusive lock (``flock`` on ``logon-state.lock`` beside it,
  0600, never opened through a symbolic link): ``with LogonState.locked(data_dir) as state:``;
- an attempt is counted as a failure before the slow key derivation (``start_attempt``) and only
  cleared when the passphrase proved right, so parallel guesses cannot outrun the count: once 5
  are counted, further attempts are refused as locked, whatever the passphrase;
- the queued records are only failure events of a few fixed shapes; ``take_checked_pending`` gives
  those in time order and the number of entries refused, never their content (no MAC is possible:
  whoever writes a failure has no secret, the store being closed).
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from app.files import PRIVATE_FILE_MODE, atomic_write
from app.security import audit

STATE_FILE = "logon-state.json"
LOCK_FILE = "logon-state.lock"
MAX_FAILURES = 5
WINDOW = timedelta(minutes=15)
MAX_STATE_BYTES = 4 * 1024 * 1024
CLOCK_SKEW = timedelta(minutes=1)
# The user names a station gives (checked by services.users.check_user_name); "" only for the file's damage.
USER_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")
_AT = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{2}Z")
_EVENT_KEYS = {"at", "user", "action", "outcome", "detail"}
# The only records the file may queue for the audit chain: (action, outcome) and their exact detail.
_FIXED_DETAIL: dict[tuple[str, str], dict[str, Any]] = {
    ("logon", audit.Outcome.FAILED): {"reason": "wrong passphrase"},
    ("logon", audit.Outcome.DENIED): {"reason": "account locked"},
    ("logon-state.damaged", audit.Outcome.FAILED): {},
}


class AccountLocked(Exception):
    def __init__(self, user: str, *, just_now: bool = False) -> None:
        why = "after 5 failed logons within 15 minutes" if just_now else "after repeated failed logons"
        super().__init__(f"the account {user!r} is locked {why}; a supervisor or admin must release it")
        self.user = user


class LogonStateUnusable(Exception):
    """The lock file beside logon-state.json cannot be made a private plain file."""


@dataclass
class LogonState:
    path: Path
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    pending_audit: list[Any] = field(default_factory=list)

    @classmethod
    def load(cls, data_dir: Path) -> LogonState:
        """The state as on disk, without the lock: for reading only (``locked`` to change it)."""
        path = data_dir / STATE_FILE
        try:
            data = json.loads(_read_private(path))
            users, clean = _checked_users(data.get("users", {}))
            state = cls(path, users, list(data.get("pending_audit", [])))
        except FileNotFoundError:
            return cls(path)
        except (ValueError, AttributeError, TypeError, OSError):
            state, clean = cls(path), False
        if not clean:
            # Damaged (or edited to unlock someone): the counts are lost, so the damage itself
            # is put on record and enters the audit chain at the next logon.
            state.pending_audit.append(_event("", "logon-state.damaged", audit.Outcome.FAILED, {}))
        return state

    @classmethod
    @contextmanager
    def locked(cls, data_dir: Path) -> Iterator[LogonState]:
        """Load the state under an exclusive lock held until the block ends, and save it then (not
        when the block raises: the file stays as it was)."""
        with exclusive(data_dir):
            state = cls.load(data_dir)
            yield state
            state.save()

    def save(self) -> None:
        body = {"version": 1, "users": self.users, "pending_audit": self.pending_audit}
        atomic_write(self.path, json.dumps(body, indent=1).encode())

    def is_locked(self, user: str) -> bool:
        return bool(self.users.get(user, {}).get("locked_at"))

    def start_attempt(self, user: str, now: datetime | None = None, *, audit_later: bool = True) -> str | None:
        """Count an attempt as a failure before its passphrase is tried; None (and, with
        ``audit_later``, a queued refusal) when the account is locked or as many attempts as
        the lockout allows are counted already. Returns the attempt, for ``attempt_failed``."""
        moment = now or datetime.now(UTC)
        if self.is_locked(user) or len(self._recent(user, moment)) >= MAX_FAILURES:
            if audit_later:
                self.refuse_locked(user)
            return None
        attempt = moment.isoformat()
        self.users[user] = {"failures": [*self._recent(user, moment), attempt],
                            "locked_at": self.users.get(user, {}).get("locked_at")}
        return attempt

    def attempt_failed(self, user: str, attempt: str, now: datetime | None = None, *,
                       audit_later: bool = True) -> bool:
        """The passphrase of ``attempt`` was wrong (it stays counted); returns True when this locked
        the account. With ``audit_later`` the failure (and the lock) are queued for the chain."""
        moment = now or datetime.now(UTC)
        entry = self.users.setdefault(user, {"failures": [], "locked_at": None})
        if attempt not in entry["failures"]:  # released meanwhile: the failure still counts
            entry["failures"] = [*self._recent(user, moment), attempt]
        if audit_later:
            self.pending_audit.append(_event(user, "logon", audit.Outcome.FAILED, {"reason": "wrong passphrase"},
                                             moment))
        recent = self._recent(user, moment)
        if len(recent) >= MAX_FAILURES and not entry["locked_at"]:
            entry["locked_at"] = moment.isoformat()
            if audit_later:
                self.pending_audit.append(_event(user, "account.locked", audit.Outcome.OK,
                                                 {"failures": len(recent)}, moment))
            return True
        return False

    def record_failure(self, user: str, now: datetime | None = None) -> bool:
        """Count a failed logon; returns True when this failure locked the account."""
        moment = now or datetime.now(UTC)
        entry = self.users.setdefault(user, {"failures": [], "locked_at": None})
        entry["failures"] = [*self._recent(user, moment), moment.isoformat()]
        return self.attempt_failed(user, moment.isoformat(), moment)

    def withdraw_attempt(self, user: str, attempt: str) -> None:
        """Uncount ``attempt``: its passphrase was right, but the store could not be opened."""
        entry = self.users.get(user)
        if entry is None:
            return
        entry["failures"] = [t for t in entry["failures"] if t != attempt]
        if not entry["failures"] and not entry["locked_at"]:
            del self.users[user]

    def refuse_locked(self, user: str) -> None:
        self.pending_audit.append(_event(user, "logon", audit.Outcome.DENIED, {"reason": "account locked"}))

    def succeeded(self, user: str) -> None:
        self.users.pop(user, None)

    def release(self, user: str) -> bool:
        """Unlock ``user``; returns whether it was locked."""
        was_locked = self.is_locked(user)
        self.users.pop(user, None)
        return was_locked

    def take_pending(self) -> list[dict[str, Any]]:
        pending, self.pending_audit = self.pending_audit, []
        return pending

    def take_checked_pending(self, *, not_before: str, now: datetime | None = None) -> tuple[list[dict[str, Any]], int]:
        """Empty the queue: the records of a fixed shape, in time order, none before ``not_before``
        (the chain's last logon: the queue was emptied then) nor in the future; and how many
        entries were refused (edited in: their content is never kept)."""
        latest = audit.timestamp((now or datetime.now(UTC)) + CLOCK_SKEW)
        pending, taken = self.take_pending(), []
        for event in pending:
            if _fixed_shape(event) and not_before <= event["at"] <= latest:
                taken.append(event)
                not_before = event["at"]
        return taken, len(pending) - len(taken)

    def _recent(self, user: str, moment: datetime) -> list[str]:
        failures = self.users.get(user, {}).get("failures", [])
        return [t for t in failures if moment - datetime.fromisoformat(t) < WINDOW]


def _fixed_shape(event: Any) -> bool:
    if not isinstance(event, dict) or set(event) != _EVENT_KEYS:
        return False
    at, user, action, outcome, detail = (event[k] for k in ("at", "user", "action", "outcome", "detail"))
    if not (isinstance(at, str) and _AT.fullmatch(at) and _parses(at)) or not isinstance(user, str):
        return False
    if (action, outcome) == ("account.locked", audit.Outcome.OK):
        failures = detail.get("failures") if isinstance(detail, dict) and set(detail) == {"failures"} else None
        return type(failures) is int and MAX_FAILURES <= failures <= 100 and bool(USER_NAME.fullmatch(user))
    if not isinstance(action, str) or not isinstance(outcome, str) or (action, outcome) not in _FIXED_DETAIL:
        return False
    if type(detail) is not dict or detail != _FIXED_DETAIL[(action, outcome)]:
        return False
    return user == "" if action == "logon-state.damaged" else bool(USER_NAME.fullmatch(user))


def _parses(at: str) -> bool:
    try:
        datetime.strptime(at, "%Y-%m-%dT%H:%M:%S.%fZ")
    except ValueError:
        return False
    return True


def _checked_users(raw: Any) -> tuple[dict[str, dict[str, Any]], bool]:
    """The users' counts that are well formed, and whether all were."""
    if not isinstance(raw, dict):
        return {}, False
    users: dict[str, dict[str, Any]] = {}
    for name, entry in raw.items():
        try:
            failures, locked_at = entry["failures"], entry["locked_at"]
            if not isinstance(failures, list) or not (locked_at is None or isinstance(locked_at, str)):
                raise TypeError
            for moment in [*failures, *([locked_at] if locked_at else [])]:
                if datetime.fromisoformat(moment).tzinfo is None:
                    raise ValueError
        except (KeyError, TypeError, ValueError):
            continue
        users[name] = {"failures": list(failures), "locked_at": locked_at}
    return users, len(users) == len(raw)


def _read_private(path: Path) -> bytes:
    """The file's bytes, never through a link nor from a pipe or device, at most MAX_STATE_BYTES."""
    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise ValueError("not a plain file")
        data = handle.read(MAX_STATE_BYTES + 1)
    if len(data) > MAX_STATE_BYTES:
        raise ValueError("too large")
    return data


@contextmanager
def exclusive(data_dir: Path) -> Iterator[None]:
    """Hold the exclusive lock on the logon state (every process, every user of ``LogonState``)."""
    fd = _open_lock_file(data_dir / LOCK_FILE)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _open_lock_file(path: Path) -> int:
    """The lock file, private, opened without following a link; anything planted at its name that is
    not a plain file (a link, a pipe) is removed, never written through, and the file made anew."""
    flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
    for _ in range(3):
        try:
            fd = os.open(path, flags, PRIVATE_FILE_MODE)
        except OSError as error:
            if error.errno != errno.ELOOP:
                raise LogonStateUnusable(f"{path} cannot be opened ({error.strerror}): remove it and try again") \
                    from None
            os.unlink(path)
            continue
        if stat.S_ISREG(os.fstat(fd).st_mode):
            try:
                os.fchmod(fd, PRIVATE_FILE_MODE)
            except OSError as error:  # another account's file
                os.close(fd)
                raise LogonStateUnusable(f"{path} cannot be made private ({error.strerror}): remove it and "
                                         "try again") from None
            return fd
        os.close(fd)
        os.unlink(path)
    raise LogonStateUnusable(f"{path} keeps being replaced by something that is not a plain file: "
                             "remove it and try again")


def _event(user: str, action: str, outcome: str, detail: dict[str, Any],
           moment: datetime | None = None) -> dict[str, Any]:
    return {"at": audit.timestamp(moment), "user": user, "action": action, "outcome": outcome, "detail": detail}
