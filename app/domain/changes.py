"""Change records: the only way anything is created or changed, and the history and sync outbox.

A command produces ``Mutation``s (entity, id, field -> (old, new)); the store stamps each with a
clock, station and user, signs it, and writes it in the same transaction as its effect.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from . import clock
from .errors import InvariantViolation
from .model import BINARY_FIELDS, ENTITIES

FieldChanges = dict[str, tuple[Any, Any]]


@dataclass(frozen=True)
class Mutation:
    entity: str
    entity_id: str
    fields: FieldChanges
    created: bool = False


@dataclass(frozen=True)
class Change:
    """One signed, immutable record of one entity's mutation."""

    id: str
    entity: str
    entity_id: str
    fields: FieldChanges
    created: bool
    hlc: str
    station: str
    user: str
    reason: str | None
    signature: bytes = field(default=b"", compare=False)
    # For an update: per field, the clock of the write this one replaced as the writing replica saw
    # it (the record's creation when the field was not written since). Two writes of one field with
    # the same base are concurrent (see ``merge``). Records written before sync existed (schema < 7)
    # name no base and never count as concurrent.
    base: Mapping[str, str] = field(default_factory=dict)
    # A supervisor's resolution of a conflict names the concurrent writes it settles (their change
    # ids); the conflict is closed on every replica that holds this record (``merge``).
    resolves: tuple[str, ...] = ()

    def body(self) -> dict[str, Any]:
        """The record as JSON types, in the form that is signed and sent."""
        body = {
            "id": self.id,
            "entity": self.entity,
            "entity_id": self.entity_id,
            "fields": {k: [old, new] for k, (old, new) in sorted(self.fields.items())},
            "created": self.created,
            "hlc": self.hlc,
            "station": self.station,
            "user": self.user,
            "reason": self.reason,
        }
        if self.base:  # absent, not empty, so that records from before sync keep their signed form
            body["base"] = dict(sorted(self.base.items()))
        if self.resolves:  # likewise: only in a resolution's record
            body["resolves"] = sorted(self.resolves)
        return body

    def signing_bytes(self) -> bytes:
        return canonical_json(self.body())

    @classmethod
    def from_body(cls, body: Mapping[str, Any], signature: bytes = b"") -> Change:
        return cls(
            id=body["id"],
            entity=body["entity"],
            entity_id=body["entity_id"],
            fields={k: (v[0], v[1]) for k, v in body["fields"].items()},
            created=bool(body["created"]),
            hlc=body["hlc"],
            station=body["station"],
            user=body["user"],
            reason=body["reason"],
            signature=signature,
            base=dict(body.get("base") or {}),
            resolves=tuple(body.get("resolves") or ()),
        )


def canonical_json(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def create(entity: str, entity_id: str, values: Mapping[str, Any]) -> Mutation:
    spec = ENTITIES[entity]
    unknown = set(values) - set(spec.fields)
    if unknown:
        raise ValueError(f"{entity} has no field(s) {sorted(unknown)}")
    return Mutation(entity, entity_id, {f: (None, values.get(f)) for f in spec.fields}, created=True)


def update(entity: str, entity_id: str, current: Mapping[str, Any], new: Mapping[str, Any]) -> Mutation:
    """A mutation of the fields whose value differs; refuses fields that never change."""
    spec = ENTITIES[entity]
    changed: FieldChanges = {}
    for name, value in new.items():
        if name not in spec.fields:
            raise ValueError(f"{entity} has no field {name!r}")
        if current.get(name) == value:
            continue
        if name in spec.immutable:
            raise InvariantViolation(f"{entity} field {name!r} is fixed when the record is created")
        changed[name] = (current.get(name), value)
    return Mutation(entity, entity_id, changed)


State = dict[str, dict[str, dict[str, Any]]]


def empty_state() -> State:
    return {name: {} for name in ENTITIES}


def apply(state: State, change: Change | Mutation) -> None:
    """Apply one change to an in-memory replica (the reference the store's projection must equal)."""
    rows = state[change.entity]
    if change.created:
        if change.entity_id in rows:
            raise InvariantViolation(f"{change.entity} {change.entity_id} already exists")
        rows[change.entity_id] = created_values(change)
        return
    row = rows.get(change.entity_id)
    if row is None:
        raise InvariantViolation(f"{change.entity} {change.entity_id} does not exist")
    for name, (_, new) in change.fields.items():
        row[name] = stored_value(change.entity, name, new)


def stored_value(entity: str, name: str, value: Any) -> Any:
    """The value an entity row holds for a field as a change record carries it: the bytes of a
    binary field (base64 text in the record), anything else as it is."""
    if (entity, name) in BINARY_FIELDS and isinstance(value, str):
        try:
            return base64.b64decode(value.encode("ascii"), validate=True)
        except (binascii.Error, UnicodeEncodeError):
            raise InvariantViolation(f"{entity} field {name!r} is not base64 text") from None
    return value


def record_value(data: bytes) -> str:
    """Bytes as a change record carries them (base64 text)."""
    return base64.b64encode(data).decode("ascii")


def created_values(change: Change | Mutation) -> dict[str, Any]:
    """The fields of a newly created record. A record written before one of its entity's fields
    existed gets that field's legacy value: a band created before schema 4 was issued on the UTC
    date of its creation's clock, a custody record from before schema 13 was written by the station
    that signed it; any other missing field is None. Store and replay both read
    creations through here, so a migrated store still equals the replay of its log."""
    values = {f: stored_value(change.entity, f, new) for f, (_, new) in change.fields.items()}
    for name in ENTITIES[change.entity].fields:
        if name not in values:
            values[name] = _legacy_value(change, name)
    return values


def _legacy_value(change: Change | Mutation, name: str) -> Any:
    if (change.entity, name) == ("band", "issued_on") and isinstance(change, Change):
        return utc_date_of(change.hlc)
    if (change.entity, name) == ("custody", "writer") and isinstance(change, Change):
        return change.station  # a custody record from before schema 13: written by the station that signed it
    return None


def utc_date_of(hlc: str) -> str:
    """The ISO date (UTC) of a hybrid-logical-clock reading."""
    wall_ms = clock.Hlc.parse(hlc).wall_ms
    return (datetime(1970, 1, 1, tzinfo=UTC) + timedelta(milliseconds=wall_ms)).date().isoformat()


def replay(changes: Iterable[Change]) -> State:
    state = empty_state()
    for change in changes:
        apply(state, change)
    return state
