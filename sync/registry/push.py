"""Storing a station's change records. Each record's form and signature is checked on every core;
then, under the push lock, the records not held yet are judged one station transaction at a time
(``authority``), the accepted ones stored in the order accepted (the registry sequence) with the
registry's current state, indexes and holdings, and every record answered: acknowledged with its
sequence, refused with its transaction's reason, or waiting (sent again later)."""

from __future__ import annotations

import json
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.exc import IntegrityError

from app.domain.changes import Change
from sync import protocol

from . import auditing, enrolment, holdings, indexing, state
from . import tables as t
from .authority import Authority, Verdict, transactions
from .database import Database, advisory_lock, among, insert_rows, iso, now
from .errors import Invalid

PUSH_LOCK = 7_340_157  # PostgreSQL advisory lock: pushes commit in sequence order
MAX_TX_LENGTH = 64
PUSHES_AT_ONCE = 2  # per process: one being stored, one being checked meanwhile
_at_once = threading.BoundedSemaphore(PUSHES_AT_ONCE)


@dataclass
class _Item:
    """One record of a push: its transaction, and the checked record or what is wrong with its form."""

    tx: str
    change: Change | None = None
    body: str = ""
    problem: str = ""
    said_id: str | None = None  # the id a record that does not check out says it has, to answer for it


def push(db: Database, keys: enrolment.Keys, station: str, items: Sequence[Any]) -> dict[str, Any]:
    """Judge and store a chunk of the station's change records; answer for every record. At most
    ``PUSHES_AT_ONCE`` pushes of one process run at once: pushes are stored one after the other
    anyway (the push lock), and the others wait here, not holding a database connection or taking
    the interpreter from the one being stored."""
    if not isinstance(items, Sequence) or isinstance(items, (str, bytes)):
        raise Invalid("'changes' must be a list of change records")
    if len(items) > protocol.CHUNK_CHANGES * 5:
        raise Invalid(f"a push carries at most {protocol.CHUNK_CHANGES * 5} change records")
    with _at_once:
        return _push(db, keys.of(db, station), station, items)


def _push(db: Database, keys: Mapping[str, bytes], station: str, items: Sequence[Any]) -> dict[str, Any]:
    decoded = [_check(item, at, keys, station) for at, item in enumerate(items)]
    for attempt in range(3):
        try:
            with db.writing() as conn:
                advisory_lock(conn, PUSH_LOCK)
                answer, counts = _judge_and_store(conn, station, decoded)
                auditing.append(conn, user=station, action="push", detail=counts)
                return answer
        except IntegrityError:  # another request stored some of them meanwhile: judge again
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _check(item: Any, at: int, keys: Mapping[str, bytes], station: str) -> _Item:
    """One record's form and signature checked (libsodium releases the interpreter meanwhile)."""
    tx = item.get("tx") if isinstance(item, dict) else None
    if tx is not None and (not isinstance(tx, str) or not 0 < len(tx) <= MAX_TX_LENGTH):
        raise Invalid(f"record {at + 1}: 'tx' must be text of 1 to {MAX_TX_LENGTH} characters")
    try:
        change, body = protocol.decode_change(item, keys)
    except protocol.ProtocolError as exc:
        return _Item(tx or f"#{at + 1}", problem=str(exc), said_id=_said_id(item))
    if change.station != station:
        return _Item(tx or change.id, change, body, f"change {change.id} was written by station {change.station}; "
                                                    "a station pushes only its own")
    return _Item(tx or change.id, change, body)


def _judge_and_store(conn: Connection, station: str, items: list[_Item]) -> tuple[dict[str, Any], dict[str, int]]:
    ids = [i.change.id for i in items if i.change is not None]
    seqs: dict[str, int] = {cid: int(seq) for cid, seq in conn.execute(
        select(t.change.c.id, t.change.c.seq).where(among(conn, t.change.c.id, ids)))} if ids else {}
    broken: dict[str, str] = {}
    for item in items:
        if item.problem and item.tx not in broken:
            broken[item.tx] = item.problem
    fresh = [(i.tx, i.change) for i in items if i.change is not None and i.change.id not in seqs]
    unique = list({change.id: (tx, change) for tx, change in fresh}.values())  # the same record twice in a chunk
    groups = [(tx, changes) for tx, changes in transactions(unique) if tx not in broken]
    known = state.load_known(conn, station, [c for _, changes in groups for c in changes])
    verdict = Authority(station, known, now=now()).judge(groups)
    if verdict.accepted:
        seqs.update(_store(conn, station, verdict, {i.change.id: i.body for i in items if i.change is not None},
                           known))
    refused = [{"tx": tx, "changes": [i.change.id if i.change else i.said_id for i in items
                                      if i.tx == tx and (i.change or i.said_id)],
                "reason": reason} for tx, reason in broken.items()] + verdict.refused
    answer = {"acknowledged": [{"id": cid, "seq": seqs[cid]} for cid in dict.fromkeys(ids) if cid in seqs],
              "refused": refused, "waiting": verdict.waiting}
    counts = {"records": len(items), "new": sum(len(c) for c in verdict.accepted), "refused": len(refused),
              "waiting": len(verdict.waiting)}
    return answer, counts


def _store(conn: Connection, station: str, verdict: Verdict, bodies: dict[str, str],
           known: state.Known) -> dict[str, int]:
    """Store the accepted records, their state and indexes, and the holdings they make; their sequences."""
    accepted = [c for changes in verdict.accepted for c in changes]
    received = iso(now())
    seqs = {cid: int(seq) for cid, seq in insert_rows(conn, t.change, [
        {"id": c.id, "station": c.station, "entity": c.entity, "entity_id": c.entity_id, "hlc": c.hlc,
         "body": bodies[c.id], "signature": c.signature, "received_at": received} for c in accepted],
        returning=("id", "seq"))}
    new: dict[str, state.Rec] = {}
    for c in accepted:
        if c.created:
            new[c.entity_id] = known.recs[c.entity_id]
            new[c.entity_id].created_seq = seqs[c.id]
    changed = {c.entity_id: known.recs[c.entity_id] for c in accepted if not c.created and c.entity_id not in new}
    state.save(conn, new, changed)
    indexing.place(conn, verdict)
    indexing.adopt_orphans(conn, list(new))
    holdings.take(conn, station, verdict.created_units, reason="created")
    for grant in verdict.grants:
        holdings.grant(conn, grant.station, grant.family_id, detail=grant.custody_id)
    for person, unit in verdict.moves:
        indexing.move(conn, person, unit)
        holdings.renew(conn, unit, keep=station)
    for change, unit in verdict.merges:  # the merged person's band records are older: sent to holders anew
        indexing.deliver_merge(conn, seqs[change.id], change.entity_id, unit)
        holdings.renew(conn, unit, keep=station)
    return seqs


def _said_id(item: Any) -> str | None:
    try:
        said = json.loads(item["body"]).get("id")
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    return said if isinstance(said, str) and len(said) <= 64 else None
