"""Writing mutations: each becomes a signed change record, written with its effect in one transaction.

The entity tables are a projection of the change log: ``apply_change`` is the one place that turns
a change into rows, used for local writes and (later) for changes pulled from the registry.
"""

from __future__ import annotations

import json
import uuid
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, func, insert, literal_column, select, update

from app.domain import clock, names, records
from app.domain.changes import Change, Mutation, created_values, stored_value
from app.domain.errors import InvariantViolation
from app.domain.merge import CREATED, writes_of
from app.security.identity import StationIdentity

from . import schema


class ChangeWriter:
    """Stamps, signs, applies and records mutations inside the caller's transaction. Everything one
    writer writes is one station transaction: sent to the registry together, accepted or refused
    together."""

    def __init__(self, conn: Connection, identity: StationIdentity, user: str) -> None:
        self.conn = conn
        self.identity = identity
        self.user = user
        self.tx = uuid.uuid4().hex
        self.written: list[Change] = []  # everything this writer wrote, in order
        last = conn.execute(select(schema.station.c.last_hlc)).scalar_one()
        self._clock = clock.Hlc.parse(last) if last else None

    def write(self, mutations: Iterable[Mutation], *, reason: str | None = None,
              resolves: Sequence[str] = ()) -> list[Change]:
        """Sign, apply and record each mutation; ``resolves``: the concurrent writes these settle."""
        written = []
        now = datetime.now(UTC)
        if not clock.EARLIEST_MS <= int(now.timestamp() * 1000) < 10**13:
            raise InvariantViolation("this computer's clock is wrong (its date is before 2020 or far in the future): "
                                     "set the date and time, then save again")
        for mutation in mutations:
            if not mutation.fields:
                continue
            _check(mutation, self.identity.code, now)
            self._clock = clock.tick(self._clock, self.identity.code)
            base = {} if mutation.created else latest_writes(self.conn, mutation.entity_id, mutation.fields)
            change = Change(uuid.uuid4().hex, mutation.entity, mutation.entity_id, mutation.fields,
                            mutation.created, str(self._clock), self.identity.code, self.user, reason, base=base,
                            resolves=tuple(sorted(set(resolves))))
            signed = replace(change, signature=self.identity.sign(change.signing_bytes()))
            apply_change(self.conn, signed)
            record_changes(self.conn, [(signed, None)], tx=self.tx)
            written.append(signed)
        self.conn.execute(update(schema.station).values(last_hlc=str(self._clock)))
        self.written += written
        return written


def record_change(conn: Connection, change: Change, registry_seq: int | None = None) -> None:
    """Append a change to the log, with the writes of each of its fields."""
    record_changes(conn, [(change, registry_seq)])


def record_changes(conn: Connection, changes: Sequence[tuple[Change, int | None]], *, tx: str | None = None) -> None:
    """Append changes (each with its registry sequence, if acknowledged) to the log, with the writes of
    their fields and the conflicts they resolve: one statement per table, however many. ``tx``: the
    station transaction that wrote them here (None for records pulled from the registry)."""
    if not changes:
        return
    conn.execute(insert(schema.change), [
        {"id": c.id, "entity": c.entity, "entity_id": c.entity_id, "hlc": c.hlc,
         "body": c.signing_bytes().decode("utf-8"), "signature": c.signature, "registry_seq": seq, "tx": tx}
        for c, seq in changes])
    conn.execute(insert(schema.field_write), [
        {"entity": c.entity, "entity_id": c.entity_id, "field": name, "hlc": w.hlc, "change_id": c.id,
         "base": w.base, "digest": w.digest} for c, _ in changes for name, w in writes_of(c)])
    resolutions = [{"change_id": c.id, "resolved_id": r} for c, _ in changes for r in c.resolves]
    if resolutions:
        conn.execute(insert(schema.resolution), resolutions)


def _check(mutation: Mutation, station: str, now: datetime) -> None:
    """Refuse to write what the registry would refuse (a value no rule allows): a bug caught here, at
    the desk, instead of a transaction refused days later."""
    problems = records.record_problems(mutation.entity, {name: new for name, (_, new) in mutation.fields.items()},
                                       created=mutation.created, station=station, now=now)
    if problems:
        raise InvariantViolation("; ".join(problems))


def latest_writes(conn: Connection, entity_id: str, fields: Iterable[str]) -> dict[str, str]:
    """Per field, the clock of the write now shown: the field's latest write, or the record's creation."""
    fw = schema.field_write.c
    names = [*fields, CREATED]
    rows = conn.execute(select(fw.field, func.max(fw.hlc)).where(fw.entity_id == entity_id, fw.field.in_(names))
                        .group_by(fw.field)).all()
    latest = dict(rows)
    created = latest.pop(CREATED, None)
    return {name: max(filter(None, (latest.get(name), created))) for name in fields
            if latest.get(name) or created}


def merge_change(conn: Connection, change: Change, registry_seq: int | None) -> bool:
    """Apply a change from another replica (its signature already checked). False when this
    replica has it already. The outcome is the same in whatever order changes come
    (``app.domain.merge``): per field the latest clock shows, concurrent writes are kept."""
    if conn.execute(select(schema.change.c.seq).where(schema.change.c.id == change.id)).first() is not None:
        return False
    record_change(conn, change, registry_seq)
    current = load_row(conn, change.entity, change.entity_id)
    settled = change.created or current is None
    if settled:
        _settle(conn, change.entity, change.entity_id)
    else:
        shown = latest_writes(conn, change.entity_id, list(change.fields))
        wins = {name: stored_value(change.entity, name, new) for name, (_, new) in change.fields.items()
                if shown.get(name) == change.hlc}
        if wins:
            table = schema.ENTITY_TABLES[change.entity]
            conn.execute(update(table).where(table.c.id == change.entity_id).values(**wins))
    if change.entity == "person" and (settled or {"given_names", "family_names"} & set(change.fields)) \
            and load_row(conn, "person", change.entity_id) is not None:
        _reindex_names(conn, change.entity_id)
    return True


def merge_changes(conn: Connection, changes: Sequence[tuple[Change, int | None]]) -> list[Change]:
    """``merge_change`` for a batch (a pull page, a follow answer); returns those that were new. The
    common case, the creation of a record this replica has no write of and that nothing else in
    the batch touches (a family unit seen for the first time), is written in a few statements per
    batch instead of several per record; the outcome is the same as merging one by one."""
    ch, fw = schema.change.c, schema.field_write.c
    held: set[str] = set()
    ids = list(dict.fromkeys(c.id for c, _ in changes))
    for first in range(0, len(ids), _IN_CHUNK):
        held.update(r[0] for r in conn.execute(select(ch.id).where(ch.id.in_(ids[first:first + _IN_CHUNK]))))
    new: dict[str, tuple[Change, int | None]] = {}
    for change, seq in changes:
        if change.id not in held and change.id not in new:
            new[change.id] = (change, seq)
    touched = Counter(c.entity_id for c, _ in new.values())
    written: set[str] = set()
    entity_ids = list(touched)
    for first in range(0, len(entity_ids), _IN_CHUNK):
        written.update(r[0] for r in conn.execute(select(fw.entity_id).distinct()
                                                  .where(fw.entity_id.in_(entity_ids[first:first + _IN_CHUNK]))))
    fast = [(c, seq) for c, seq in new.values() if c.created and touched[c.entity_id] == 1
            and c.entity_id not in written]
    if fast:
        record_changes(conn, fast)
        rows: dict[str, list[dict[str, Any]]] = {}
        tokens: list[dict[str, str]] = []
        for c, _ in fast:
            row = created_values(c)
            rows.setdefault(c.entity, []).append({"id": c.entity_id, **row})
            if c.entity == "person":
                tokens += _name_tokens(c.entity_id, row)
        for entity, values in rows.items():
            conn.execute(insert(schema.ENTITY_TABLES[entity]), values)
        if tokens:
            conn.execute(insert(schema.name_token), tokens)
    done = {c.id for c, _ in fast}
    for change, seq in new.values():
        if change.id not in done:
            merge_change(conn, change, seq)
    return [change for change, _ in new.values()]


_IN_CHUNK = 5000  # values per IN (...): SQLite takes up to 32,766 parameters


def _settle(conn: Connection, entity: str, entity_id: str) -> None:
    """Rebuild one record from its writes: the earliest creation, then each field's latest write."""
    fw = schema.field_write.c
    writes = conn.execute(select(fw.field, fw.hlc, fw.change_id).where(fw.entity_id == entity_id)).all()
    creations = sorted((hlc, cid) for name, hlc, cid in writes if name == CREATED)
    if not creations:
        return  # an update that came before its record's creation waits for it
    creation_hlc, creation_id = creations[0]
    latest: dict[str, tuple[str, str]] = {}
    for name, hlc, cid in writes:
        if name != CREATED and hlc > creation_hlc and (name not in latest or (hlc, cid) > latest[name]):
            latest[name] = (hlc, cid)
    bodies = _bodies(conn, {creation_id, *(cid for _, cid in latest.values())})
    row = created_values(bodies[creation_id])
    for name, (_, cid) in latest.items():
        row[name] = stored_value(entity, name, bodies[cid].fields[name][1])
    table = schema.ENTITY_TABLES[entity]
    if load_row(conn, entity, entity_id) is None:
        conn.execute(insert(table).values(id=entity_id, **row))
    else:
        conn.execute(update(table).where(table.c.id == entity_id).values(**row))


def _bodies(conn: Connection, change_ids: set[str]) -> dict[str, Change]:
    rows = conn.execute(select(schema.change.c.id, schema.change.c.body).where(schema.change.c.id.in_(change_ids)))
    return {cid: Change.from_body(json.loads(body)) for cid, body in rows}


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
    tokens = _name_tokens(person_id, row)
    if tokens:
        conn.execute(insert(schema.name_token), tokens)


def _name_tokens(person_id: str, row: dict[str, Any]) -> list[dict[str, str]]:
    """The name index's rows for one person (the words of their names, folded)."""
    return [{"token": t, "person_id": person_id}
            for t in names.search_tokens(row.get("given_names"), row.get("family_names"))]


def load_row(conn: Connection, entity: str, entity_id: str) -> dict[str, Any] | None:
    table = schema.ENTITY_TABLES[entity]
    row = conn.execute(select(table).where(table.c.id == entity_id)).mappings().first()
    return _plain(row) if row is not None else None


def load_rows(conn: Connection, entity: str, column: str, values: Sequence[str],
              skip: Sequence[str] = ()) -> list[dict[str, Any]]:
    """The rows of ``entity`` whose ``column`` is one of ``values``; the columns in ``skip`` are not
    read (None in the rows)."""
    if not values:
        return []
    table = schema.ENTITY_TABLES[entity]
    read = [c for c in table.c if c.name not in skip]
    result = conn.execute(select(*read).where(table.c[column].in_(one_of(values))))
    keys, blanks = list(result.keys()), dict.fromkeys(skip)
    # (rows as tuples, made dicts here: the board reads thousands of them)
    return [{**blanks, **dict(zip(keys, row, strict=True))} for row in result.all()]


def one_of(values: Sequence[str]) -> Any:
    """What ``column.in_(...)`` takes for ``values``: a list when short; when long, the values as one
    JSON parameter read back by SQLite's ``json_each`` (a thousand bound parameters cost more to
    compile than the query takes to run)."""
    if len(values) <= 50:
        return list(values)
    return select(literal_column("value")).select_from(func.json_each(json.dumps(list(values))))


def _plain(row: Any) -> dict[str, Any]:
    return dict(row)


def load_changes(conn: Connection, entity_ids: Sequence[str] | None = None) -> list[Change]:
    query = select(schema.change.c.body, schema.change.c.signature).order_by(schema.change.c.seq)
    if entity_ids is not None:
        query = query.where(schema.change.c.entity_id.in_(list(entity_ids)))
    return [Change.from_body(json.loads(body), signature) for body, signature in conn.execute(query)]


def load_change(conn: Connection, change_id: str) -> Change:
    body, signature = conn.execute(select(schema.change.c.body, schema.change.c.signature)
                                   .where(schema.change.c.id == change_id)).one()
    return Change.from_body(json.loads(body), signature)


def projection(conn: Connection) -> dict[str, dict[str, dict[str, Any]]]:
    """Every entity row, keyed like the domain's in-memory ``State`` (for replay checks)."""
    state: dict[str, dict[str, dict[str, Any]]] = {}
    for name, table in schema.ENTITY_TABLES.items():
        rows = conn.execute(select(table)).mappings().all()
        state[name] = {r["id"]: {k: v for k, v in r.items() if k != "id"} for r in rows}
    return state
