"""Writing mutations: each becomes a signed change record, written with its effect in one transaction.

The entity tables are a projection of the change log: ``apply_change`` is the one place that turns
a change into rows, used for local writes and (later) for changes pulled from the registry.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from app.domain import clock, names
from app.domain.changes import Change, Mutation, created_values, stored_value
from app.domain.errors import InvariantViolation
from app.security.identity import StationIdentity

from . import schema


class ChangeWriter:
    """Stamps, signs, applies and records mutations inside the caller's transaction."""

    def __init__(self, conn: Connection, identity: StationIdentity, user: str) -> None:
        self.conn = conn
        self.identity = identity
        self.user = user
        last = conn.execute(select(schema.station.c.last_hlc)).scalar_one()
        self._clock = clock.Hlc.parse(last) if last else None

    def write(self, mutations: Iterable[Mutation], *, reason: str | None = None) -> list[Change]:
        written = []
        for mutation in mutations:
            if not mutation.fields:
                continue
            self._clock = clock.tick(self._clock, self.identity.code)
            change = Change(uuid.uuid4().hex, mutation.entity, mutation.entity_id, mutation.fields,
                            mutation.created, str(self._clock), self.identity.code, self.user, reason)
            signed = replace(change, signature=self.identity.sign(change.signing_bytes()))
            apply_change(self.conn, signed)
            record_change(self.conn, signed)
            written.append(signed)
        self.conn.execute(update(schema.station).values(last_hlc=str(self._clock)))
        return written


def record_change(conn: Connection, change: Change) -> None:
    conn.execute(insert(schema.change).values(
        id=change.id, entity=change.entity, entity_id=change.entity_id, hlc=change.hlc,
        body=change.signing_bytes().decode("utf-8"), signature=change.signature))


def apply_change(conn: Connection, change: Change | Mutation) -> None:
    """Make the entity row say what the change says; an update must start from the values it names."""
    table = schema.ENTITY_TABLES[change.entity]
    new_values = {name: stored_value(change.entity, name, new) for name, (_, new) in change.fields.items()}
    if change.created:
        conn.execute(insert(table).values(id=change.entity_id, **created_values(change)))
    else:
        current = load_row(conn, change.entity, change.entity_id)
        if current is None:
            raise InvariantViolation(f"{change.entity} {change.entity_id} does not exist")
        stale = [n for n, (old, _) in change.fields.items()
                 if current.get(n) != stored_value(change.entity, n, old)]
        if stale:
            raise InvariantViolation(f"{change.entity} {change.entity_id} changed meanwhile ({', '.join(stale)})")
        conn.execute(update(table).where(table.c.id == change.entity_id).values(**new_values))
    if change.entity == "person" and ({"given_names", "family_names"} & set(change.fields)):
        _reindex_names(conn, change.entity_id)


def _reindex_names(conn: Connection, person_id: str) -> None:
    row = load_row(conn, "person", person_id)
    assert row is not None
    conn.execute(delete(schema.name_token).where(schema.name_token.c.person_id == person_id))
    tokens = names.search_tokens(row["given_names"], row["family_names"])
    if tokens:
        conn.execute(insert(schema.name_token), [{"token": t, "person_id": person_id} for t in tokens])


def load_row(conn: Connection, entity: str, entity_id: str) -> dict[str, Any] | None:
    table = schema.ENTITY_TABLES[entity]
    row = conn.execute(select(table).where(table.c.id == entity_id)).mappings().first()
    return _plain(row) if row is not None else None


def load_rows(conn: Connection, entity: str, column: str, values: Sequence[str]) -> list[dict[str, Any]]:
    if not values:
        return []
    table = schema.ENTITY_TABLES[entity]
    rows = conn.execute(select(table).where(table.c[column].in_(list(values)))).mappings().all()
    return [_plain(r) for r in rows]


def _plain(row: Any) -> dict[str, Any]:
    return {k: v for k, v in row.items()}


def load_changes(conn: Connection, entity_ids: Sequence[str] | None = None) -> list[Change]:
    query = select(schema.change.c.body, schema.change.c.signature).order_by(schema.change.c.seq)
    if entity_ids is not None:
        query = query.where(schema.change.c.entity_id.in_(list(entity_ids)))
    return [Change.from_body(json.loads(body), signature) for body, signature in conn.execute(query)]


def projection(conn: Connection) -> dict[str, dict[str, dict[str, Any]]]:
    """Every entity row, keyed like the domain's in-memory ``State`` (for replay checks)."""
    state: dict[str, dict[str, dict[str, Any]]] = {}
    for name, table in schema.ENTITY_TABLES.items():
        rows = conn.execute(select(table)).mappings().all()
        state[name] = {r["id"]: {k: v for k, v in r.items() if k != "id"} for r in rows}
    return state
