"""The station's side of sync in SQL: the outbox, acknowledgements, the pull cursor, keys of other
stations, and applying the changes a pull brings (through ``changelog.merge_change``)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypedDict

from sqlalchemy import Connection, bindparam, case, delete, func, insert, select, update

from app.domain import clock, fields
from app.domain.changes import Change
from app.domain.merge import CREATED
from app.domain.model import MAX_FACILITY_LENGTH, Agency

from . import schema
from .changelog import merge_changes


class RefusedRecord(TypedDict):
    change: str
    entity: str
    entity_id: str
    created: bool


class RefusedTransaction(TypedDict):
    tx: str
    reason: str  # the registry's
    refused_at: str
    records: list[RefusedRecord]
    decided_by: str | None
    decision: str | None  # a withdrawal's reason


class QuarantinedRecord(TypedDict):
    """A pulled record set aside."""

    change: str  # its id, or its registry sequence when unreadable
    seq: int | None
    reason: str
    at: str


class ConflictWrite(TypedDict):
    change: str
    at: str  # the record's hybrid logical clock
    station: str
    user: str
    value: Any
    reason: str | None


class OpenConflict(TypedDict):
    entity: str
    entity_id: str
    field: str
    base: str  # the change whose value the writes started from
    writes: list[ConflictWrite]


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


def _unsent() -> Any:
    """Change records still to send: not acknowledged, and not refused (those wait for a supervisor)."""
    ch = schema.change.c
    return (ch.registry_seq.is_(None), ch.id.not_in(select(schema.outbox_refusal.c.change_id)))


def pending_count(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(schema.change).where(*_unsent())).scalar_one())


def outbox(conn: Connection, *, limit: int, max_bytes: int) -> list[tuple[str, str, bytes, str]]:
    """The oldest changes still to send (id, signed text, signature, transaction), whole transactions
    only: at most ``limit`` records and ``max_bytes`` of text, unless a single transaction is larger
    (it then goes alone)."""
    ch = schema.change.c
    out: list[tuple[str, str, bytes, str]] = []
    size, tx_start, tx_size = 0, 0, 0
    rows = conn.execute(select(ch.id, ch.body, ch.signature, ch.tx).where(*_unsent()).order_by(ch.seq))
    for change_id, body, signature, tx in rows:
        tx = tx or change_id  # a record from before transactions were kept goes alone
        if not out or tx != out[-1][3]:
            if out and (len(out) >= limit or size >= max_bytes):
                break
            tx_start, tx_size = len(out), 0
        out.append((change_id, body, bytes(signature), tx))
        size += len(body)
        tx_size += len(body)
        if tx_start > 0 and (len(out) > limit or size > max_bytes):
            del out[tx_start:]  # the transaction does not fit: it starts the next chunk
            break
    rows.close()
    return out


def mark_refused(conn: Connection, refused: Sequence[tuple[str, str, str]], at: str) -> None:
    """Transactions the registry refused: (change id, transaction, reason) each. Out of the outbox
    until a supervisor resends or withdraws them."""
    if refused:
        conn.execute(insert(schema.outbox_refusal), [{"change_id": cid, "tx": tx, "reason": reason, "refused_at": at,
                                                      "status": "refused"} for cid, tx, reason in refused])


def refused_transactions(conn: Connection, *, status: str = "refused") -> list[RefusedTransaction]:
    """Refused transactions, oldest first: each with its reason and records (entity, id, created)."""
    r, ch = schema.outbox_refusal.c, schema.change.c
    found: dict[str, RefusedTransaction] = {}
    for tx, reason, at, cid, entity, entity_id, body, decided_by, decision in conn.execute(
            select(r.tx, r.reason, r.refused_at, r.change_id, ch.entity, ch.entity_id, ch.body, r.decided_by,
                   r.decision).join(schema.change, ch.id == r.change_id).where(r.status == status).order_by(ch.seq)):
        entry = found.setdefault(tx, {"tx": tx, "reason": reason, "refused_at": at, "records": [],
                                      "decided_by": decided_by, "decision": decision})
        entry["records"].append({"change": cid, "entity": entity, "entity_id": entity_id,
                                 "created": bool(json.loads(body).get("created"))})
    return list(found.values())


def resend(conn: Connection, tx: str) -> int:
    """Put a refused transaction back in the outbox; how many records."""
    r = schema.outbox_refusal.c
    return int(conn.execute(delete(schema.outbox_refusal).where(r.tx == tx, r.status == "refused")).rowcount)


def withdraw(conn: Connection, tx: str, *, by: str, at: str, reason: str) -> int:
    """Never send a refused transaction again (it stays in this station's log); how many records."""
    r = schema.outbox_refusal.c
    return int(conn.execute(update(schema.outbox_refusal).where(r.tx == tx, r.status == "refused")
                            .values(status="withdrawn", decided_by=by, decided_at=at, decision=reason)).rowcount)


def refused_count(conn: Connection) -> int:
    r = schema.outbox_refusal.c
    return int(conn.execute(select(func.count(r.tx.distinct())).where(r.status == "refused")).scalar_one())


# --- records set aside, follows waiting, history acknowledgements ------------------------------------

def set_aside(conn: Connection, entries: Sequence[dict[str, Any]], at: str) -> None:
    """Pulled records that fail the checks: kept with the reason, never merged (one already set aside
    is not added twice)."""
    q = schema.quarantine.c
    held = {r[0] for r in conn.execute(select(q.change_id).where(q.change_id.in_([e["change_id"] for e in entries])))}
    fresh = [e | {"at": at} for e in entries if e["change_id"] not in held]
    if fresh:
        conn.execute(insert(schema.quarantine), fresh)


def quarantined(conn: Connection, *, limit: int = 500) -> list[QuarantinedRecord]:
    q = schema.quarantine.c
    return [{"change": r.change_id, "seq": r.registry_seq, "reason": r.reason, "at": r.at}
            for r in conn.execute(select(q.change_id, q.registry_seq, q.reason, q.at).order_by(q.at).limit(limit))]


def quarantine_count(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(schema.quarantine)).scalar_one())


def add_follow(conn: Connection, *, kind: str, value: str, reason: str | None, by: str, at: str) -> None:
    f = schema.pending_follow.c
    if conn.execute(select(f.id).where(f.kind == kind, f.value == value)).first() is None:
        conn.execute(insert(schema.pending_follow).values(kind=kind, value=value, reason=reason, added_at=at,
                                                          added_by=by, attempts=0, last_error=None))


def pending_follows(conn: Connection) -> list[dict[str, Any]]:
    f = schema.pending_follow.c
    return [dict(r) for r in conn.execute(select(schema.pending_follow).order_by(f.id)).mappings()]


def follow_done(conn: Connection, follow_id: int) -> None:
    conn.execute(delete(schema.pending_follow).where(schema.pending_follow.c.id == follow_id))


def follow_failed(conn: Connection, follow_id: int, error: str) -> None:
    f = schema.pending_follow.c
    conn.execute(update(schema.pending_follow).where(f.id == follow_id)
                 .values(attempts=f.attempts + 1, last_error=error[:500]))


def backfill_acks(conn: Connection) -> list[dict[str, Any]]:
    a = schema.backfill_ack.c
    return [{"family": f, "seq": int(s)} for f, s in conn.execute(select(a.family_id, a.seq).order_by(a.family_id))]


def note_backfill(conn: Connection, family_id: str, seq: int) -> None:
    a = schema.backfill_ack.c
    conn.execute(delete(schema.backfill_ack).where(a.family_id == family_id))
    conn.execute(insert(schema.backfill_ack).values(family_id=family_id, seq=seq))


def forget_backfill_acks(conn: Connection, sent: Sequence[dict[str, Any]]) -> None:
    """The registry has these (its answer came back); a newer acknowledgement of a unit stays."""
    a = schema.backfill_ack.c
    for entry in sent:
        conn.execute(delete(schema.backfill_ack).where(a.family_id == entry["family"], a.seq <= entry["seq"]))


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
        place = _place(entry)
        if code not in known:
            conn.execute(insert(schema.trusted_key).values(station=code, public_key=key, name=entry["name"],
                                                           source="registry", added_at=at, revoked_at=revoked,
                                                           **place))
            added += 1
        elif known[code][0] == key and (values := {**place, **({"revoked_at": revoked}
                                                                  if known[code][1] != revoked else {})}):
            conn.execute(update(schema.trusted_key).where(tk.station == code).values(**values))
    return added


def _place(entry: Mapping[str, Any]) -> dict[str, Any]:
    """What the registry says a station is (agency, facility, oversight), what of it reads right; a
    registry of an earlier version says nothing and nothing is changed."""
    if "agency" not in entry:
        return {}
    agency = entry.get("agency") if entry.get("agency") in {a.value for a in Agency} else None
    try:
        facility = fields.text(entry.get("facility"), limit=MAX_FACILITY_LENGTH, required=False)
    except fields.FieldError:
        facility = None
    return {"agency": agency, "facility": facility, "oversight": 1 if entry.get("oversight") is True else 0}


def creations(conn: Connection, entity_ids: Sequence[str]) -> dict[str, tuple[str, str]]:
    """Per record id held here (of those given): its kind and the change that created it."""
    fw = schema.field_write.c
    found: dict[str, tuple[str, str]] = {}
    ids = sorted(set(entity_ids))
    for first in range(0, len(ids), 5000):
        for entity_id, entity, change_id in conn.execute(
                select(fw.entity_id, fw.entity, fw.change_id).where(fw.field == CREATED,
                                                                   fw.entity_id.in_(ids[first:first + 5000]))
                .order_by(fw.hlc)):
            found.setdefault(entity_id, (entity, change_id))
    return found


def apply_pulled(conn: Connection, changes: Iterable[tuple[Change, int | None]], node: str) -> list[Change]:
    """Merge changes from the registry (signatures checked by the caller); returns those new here.
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
                   field: str | None = None) -> list[OpenConflict]:
    """The open conflicts (of one record's field, when given), oldest first: each with its writes
    (value, station, user, time, reason)."""
    fw, ch = schema.field_write.c, schema.change.c
    groups = _open_groups()
    if entity_id is not None:
        groups = groups.where(fw.entity_id == entity_id)
    if field is not None:
        groups = groups.where(fw.field == field)
    found: list[OpenConflict] = []
    for entity, entity_id, name, base in conn.execute(groups.order_by(fw.base).limit(limit)):
        writes: list[ConflictWrite] = []
        for change_id, hlc, body in conn.execute(
                select(fw.change_id, fw.hlc, ch.body).join(schema.change, ch.id == fw.change_id)
                .where(fw.entity_id == entity_id, fw.field == name, fw.base == base).order_by(fw.hlc, fw.change_id)):
            record = Change.from_body(json.loads(body))
            writes.append({"change": change_id, "at": hlc, "station": record.station, "user": record.user,
                           "value": record.fields[name][1], "reason": record.reason})
        found.append({"entity": entity, "entity_id": entity_id, "field": name, "base": base, "writes": writes})
    return found
