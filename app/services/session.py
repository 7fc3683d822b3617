"""A signed-in session, and the errors every use case shares."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine

from app.domain import fields as domain_fields
from app.domain.custody import StationPlace
from app.domain.errors import ValidationError
from app.security import audit
from app.security.identity import StationIdentity
from app.security.roles import NotPermitted, Permission, allowed
from app.store import accounts, audit_log, queries
from app.store.changelog import ChangeWriter

from . import events


class StoreMissing(Exception):
    """There is no station store in the data directory yet."""


class StoreExists(Exception):
    """``init`` was asked to create a store where one already is."""


class AccountDisabled(Exception):
    pass


class SlotNotCurrent(AccountDisabled):
    """The user's key slot opened, but it is not the one the store last recorded for them: a copy
    pasted back into keyslots.json (an old passphrase after a reset, a disabled account's slot)."""

    def __init__(self, user: str) -> None:
        super().__init__(f"the key slot of {user!r} in keyslots.json is not the one this station last gave them "
                         "(a copy put back?): an admin must set a new passphrase for them")


@dataclass
class Session:
    """An unlocked station store and the user signed in to it."""

    data_dir: Path
    engine: Engine
    identity: StationIdentity
    user: str
    role: str
    data_key: bytes
    upgraded: dict[str, Any] | None = None  # the store's schema upgrade done at this sign-in: from, to, copy

    def close(self) -> None:
        self.engine.dispose()

    def require(self, permission: Permission, *, action: str, target: str = "") -> None:
        """Refuse (and audit the refusal) unless the user's role carries ``permission``."""
        if allowed(self.role, permission):
            return
        with self.engine.begin() as conn:
            self.audit(conn, action, target, audit.Outcome.DENIED, {"needs": permission.name.lower()})
        raise NotPermitted(self.user, self.role, permission)

    @contextmanager
    def writing(self) -> Iterator[tuple[Connection, ChangeWriter]]:
        """One transaction that writes change records (signed by this station, as this user) with their
        effect: its connection and its writer. Once it is committed, the family units it changed are
        announced (``events``), so that every view showing them refreshes."""
        with self.engine.begin() as conn:
            writer = ChangeWriter(conn, self.identity, self.user)
            yield conn, writer
            touched = [(c.entity, c.entity_id) for c in writer.written]
            families = queries.families_of(conn, touched)
        events.announce(families, touched)

    def place(self, conn: Connection) -> StationPlace:
        """This station's code, agency and facility (as the registry last said; None before)."""
        return accounts.station_place(conn, self.identity.code)

    def audit(self, conn: Connection, action: str, target: str = "", outcome: str = audit.Outcome.OK,
              detail: Mapping[str, Any] | None = None) -> None:
        audit_log.append(conn, station=self.identity.code, user=self.user, action=action, target=target,
                         outcome=outcome, detail=detail)


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def required_text(value: str | None, *, where: str, why: str) -> str:
    """A reason (or other text) that must be given: refused, saying ``why``, when empty."""
    try:
        text = domain_fields.text(value)
    except domain_fields.FieldError as error:
        raise ValidationError.one(where, f"{error}: {why}") from None
    assert text is not None
    return text


def given_time(at: str | None) -> str:
    """When something happened: now, or ``at`` (ISO 8601 with its UTC offset, never in the future);
    a refusal names ``--at``."""
    if at is None:
        return now_iso()
    try:
        return domain_fields.occurred_at(at, now=datetime.now(UTC))
    except domain_fields.FieldError as error:
        raise ValidationError.one("--at", str(error)) from None
