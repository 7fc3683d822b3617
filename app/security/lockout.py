"""Failed logons and account locks, kept outside the encrypted store (it cannot be opened without
a passphrase) in a small private file, so that counts and locks survive a restart.

5 failed logons within 15 minutes lock the account until a supervisor or admin releases it. The
failures are also queued as audit records and enter the audit chain at the next successful logon.
The file holds user names and times only, never personal data of the people registered.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from app.files import atomic_write
from app.security import audit

STATE_FILE = "logon-state.json"
MAX_FAILURES = 5
WINDOW = timedelta(minutes=15)


class AccountLocked(Exception):
    def __init__(self, user: str, *, just_now: bool = False) -> None:
        why = "after 5 failed logons within 15 minutes" if just_now else "after repeated failed logons"
        super().__init__(f"the account {user!r} is locked {why}; a supervisor or admin must release it")
        self.user = user


@dataclass
class LogonState:
    path: Path
    users: dict[str, dict[str, Any]] = field(default_factory=dict)
    pending_audit: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def load(cls, data_dir: Path) -> LogonState:
        path = data_dir / STATE_FILE
        try:
            data = json.loads(path.read_text())
            return cls(path, dict(data.get("users", {})), list(data.get("pending_audit", [])))
        except FileNotFoundError:
            return cls(path)
        except (ValueError, AttributeError, TypeError):
            # Damaged (or edited to unlock someone): the counts are lost, so the damage itself
            # is put on record and enters the audit chain at the next logon.
            state = cls(path)
            state.pending_audit.append(_event("", "logon-state.damaged", audit.Outcome.FAILED, {}))
            return state

    def save(self) -> None:
        body = {"version": 1, "users": self.users, "pending_audit": self.pending_audit}
        atomic_write(self.path, json.dumps(body, indent=1).encode())

    def is_locked(self, user: str) -> bool:
        return bool(self.users.get(user, {}).get("locked_at"))

    def record_failure(self, user: str, now: datetime | None = None) -> bool:
        """Count a failed logon; returns True when this failure locked the account."""
        moment = now or datetime.now(UTC)
        entry = self.users.setdefault(user, {"failures": [], "locked_at": None})
        recent = [t for t in entry["failures"] if moment - datetime.fromisoformat(t) < WINDOW]
        entry["failures"] = [*recent, moment.isoformat()]
        self.pending_audit.append(_event(user, "logon", audit.Outcome.FAILED, {"reason": "wrong passphrase"},
                                         moment))
        if len(entry["failures"]) >= MAX_FAILURES and not entry["locked_at"]:
            entry["locked_at"] = moment.isoformat()
            self.pending_audit.append(_event(user, "account.locked", audit.Outcome.OK,
                                             {"failures": len(entry["failures"])}, moment))
            return True
        return False

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


def _event(user: str, action: str, outcome: str, detail: dict[str, Any],
           moment: datetime | None = None) -> dict[str, Any]:
    return {"at": audit.timestamp(moment), "user": user, "action": action, "outcome": outcome, "detail": detail}
