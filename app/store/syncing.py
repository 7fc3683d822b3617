"""The station's side of sync in SQL: the outbox, acknowledgements, the pull cursor, keys of other
stations, and applying the changes a pull brings (through ``changelog.merge_change``)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import Connection, bindparam, case, func, insert, select, update

from app.domain import clock
from app.domain.changes import Change

from . import schema
from .changelog import merge_changes


def enrolment(conn: Connection) -> dict[str, Any] | None:
    row = conn.execute(select(schema.sync_state)).mappings().first()
    return dict(row) if row is not None else None


def save_enrolment(conn: Connection, *, url: str, name: str, key: bytes, at: str) -> None:
    values = {"registry_url": url, "registry_name": name, "registry_key": key, "enrolled_at": at, "cursor": 0,
              "last_attempt": None, "last_success": None, "last_error": None, "failures": 0}
    if enrolment(conn) is None:
        conn.execute(insert(schema.sync_state).values(id=1, **values))
    else:
        conn.execute(update(schema.sync_state).values(**values))


def record_outcome(conn: Connection, *, at: str, error: str | None) -> None:
    st = schema.sync_state.c
    values: dict[str, Any] = {"last_attempt": at, "last_error": error}
    if error is None:
        values.update(last_success=at, failures=0)
    else:
        values["failures"] = st.failures + 1
    conn.execute(update(schema.sync_state).values(**values))


def set_cursor(conn: Connection, cursor: int) -> None:
    conn.execute(update(schema.sync_state).values(cursor=cursor))


def pending_count(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(schema.change)
                            .where(schema.change.c.registry_seq.is_(None))).scalar_one())


def outbox(conn: Connection, *, limit: int, max_bytes: int) -> list[tuple[str, str, bytes]]:
    """The oldest unacknowledged changes (id, signed text, signature): at most ``limit`` of them,
    and no more than ``max_bytes`` of text unless a single record is larger."""
    ch = schema.change.c
    out: list[tuple[str, str, bytes]] = []
    size = 0
    for change_id, body, signature in conn.execute(
            select(ch.id, ch.body, ch.signature).where(ch.registry_seq.is_(None)).order_by(ch.seq).limit(limit)):
        size += len(body)
        if out and size > max_bytes:
            break
        out.append((change_id, body, bytes(signature)))
    return out


def mark_sent(conn: Connection, acknowledged: Mapping[str, int]) -> None:
    """Record the registry's sequence for each acknowledged change: from now on it is sent."""
    ch = schema.change.c
    if acknowledged:  # one statement for the chunk (one per change was most of the station's push time)
        conn.execute(update(schema.change).where(ch.id == bindparam("cid"), ch.registry_seq.is_(None))
                     .values(registry_seq=bindparam("rseq")),
                     [{"cid": cid, "rseq": seq} for cid, seq in acknowledged.items()])


def station_keys(conn: Connection) -> dict[str, bytes]:
    """Every known station's public key (revoked ones too: what they signed before stays signed)."""
    return {code: bytes(key) for code, key in conn.execute(select(schema.trusted_key.c.station,
                                                                  schema.trusted_key.c.public_key))}


def trust_registry_stations(conn: Connection, stations: Iterable[Mapping[str, Any]], keys: Mapping[str, bytes],
                            at: str) -> int:
    """Add or refresh the keys the registry lists (already checked against their codes); returns how many were new."""
    tk = schema.trusted_key.c
    known = {code: (bytes(key), revoked) for code, key, revoked in
             conn.execute(select(tk.station, tk.public_key, tk.revoked_at))}
    added = 0
    for entry in stations:
        code, key, revoked = entry["station"], keys[entry["station"]], entry.get("revoked_at")
        if code not in known:
            conn.execute(insert(schema.trusted_key).values(station=code, public_key=key, name=entry["name"],
                                                           source="registry", added_at=at, revoked_at=revoked))
            added += 1
        elif known[code] != (key, revoked) and known[code][0] == key:
            conn.execute(update(schema.trusted_key).where(tk.station == code).values(revoked_at=revoked))
    return added


def apply_pulled(conn: Connection, changes: Iterable[tuple[Change, int | None]], node: str) -> int:
    """Merge changes from the registry (signatures checked by the caller); returns how many were new.
    The station's clock moves past the latest one, so its next change is later than all it has seen."""
    batch = list(changes)
    new = merge_changes(conn, batch)
    latest: clock.Hlc | None = None
    for change, _ in batch:
        remote = clock.Hlc.parse(change.hlc)
        latest = remote if latest is None or remote > latest else latest
    if latest is not None:
        last = conn.execute(select(schema.station.c.last_hlc)).scalar_one()
        moved = clock.receive(clock.Hlc.parse(last) if last else None, latest, node)
        conn.execute(update(schema.station).values(last_hlc=str(moved)))
    return new


def _open_groups() -> Any:
    """Per field, the writes made on the same base with different values that no resolution has
    settled: the open conflicts (``app.domain.merge.conflicts_among`` in SQL)."""
    fw = schema.field_write.c
    settled = select(schema.resolution.c.resolved_id)
    unresolved = func.sum(case((fw.change_id.in_(settled), 0), else_=1))
    return (select(fw.entity, fw.entity_id, fw.field, fw.base).where(fw.base.is_not(None))
            .group_by(fw.entity, fw.entity_id, fw.field, fw.base)
            .having(func.count(fw.digest.distinct()) > 1, unresolved > 0))


def conflict_count(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(_open_groups().subquery())).scalar_one())


def open_conflicts(conn: Connection, *, limit: int = 500, entity_id: str | None = None,
                   field: str | None = None) -> list[dict[str, Any]]:
    """The open conflicts (of one record's field, when given), oldest first: each with its writes
    (value, station, user, time, reason)."""
    fw, ch = schema.field_write.c, schema.change.c
    groups = _open_groups()
    if entity_id is not None:
        groups = groups.where(fw.entity_id == entity_id)
    if field is not None:
        groups = groups.where(fw.field == field)
    found = []
    for entity, entity_id, name, base in conn.execute(groups.order_by(fw.base).limit(limit)):
        writes = []
        for change_id, hlc, body in conn.execute(
                select(fw.change_id, fw.hlc, ch.body).join(schema.change, ch.id == fw.change_id)
                .where(fw.entity_id == entity_id, fw.field == name, fw.base == base).order_by(fw.hlc, fw.change_id)):
            record = Change.from_body(json.loads(body))
            writes.append({"change": change_id, "at": hlc, "station": record.station, "user": record.user,
                           "value": record.fields[name][1], "reason": record.reason})
        found.append({"entity": entity, "entity_id": entity_id, "field": name, "base": base, "writes": writes})
    return found
