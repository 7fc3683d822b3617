"""Storing a station's change records: each checked (form, signature, writer), stored once in the
order accepted (the registry sequence), indexed, and acknowledged with its sequence."""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from sqlalchemy import Connection, select
from sqlalchemy.exc import IntegrityError

from app.domain.changes import Change
from sync import protocol

from . import auditing, enrolment, indexing
from . import tables as t
from .database import Database, advisory_lock, among, insert_rows, iso, now
from .errors import Invalid

PUSH_LOCK = 7_340_157  # PostgreSQL advisory lock: pushes commit in sequence order
_CHECK_SLICE = 50  # change records per signature-checking task
_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def push(db: Database, station: str, items: Sequence[Any]) -> dict[str, Any]:
    """Store a chunk of the station's change records, all or none; acknowledge each with its sequence."""
    if not isinstance(items, Sequence) or isinstance(items, (str, bytes)):
        raise Invalid("'changes' must be a list of change records")
    if len(items) > protocol.CHUNK_CHANGES * 5:
        raise Invalid(f"a push carries at most {protocol.CHUNK_CHANGES * 5} change records")
    keys = enrolment.station_keys(db)
    try:  # the signature checks release the GIL: the chunk is checked on every core
        checked = list(_checkers().map(lambda part: [protocol.decode_change(item, keys) for item in part],
                                       [items[i:i + _CHECK_SLICE] for i in range(0, len(items), _CHECK_SLICE)]))
    except protocol.ProtocolError as exc:
        raise Invalid(str(exc)) from None
    decoded: list[tuple[Change, str, bytes]] = []
    for change, body in (pair for part in checked for pair in part):
        if change.station != station:
            raise Invalid(f"change {change.id} was written by station {change.station}; a station pushes only "
                          "its own")
        decoded.append((change, body, change.signature))
    for attempt in range(3):
        try:
            with db.writing() as conn:
                advisory_lock(conn, PUSH_LOCK)
                acknowledged, new = _store(conn, station, decoded)
                auditing.append(conn, user=station, action="push", detail={"records": len(acknowledged),
                                                                           "new": new})
                return {"acknowledged": acknowledged}
        except IntegrityError:  # another request stored some of them meanwhile: acknowledge those
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _store(conn: Connection, station: str,
           decoded: list[tuple[Change, str, bytes]]) -> tuple[list[dict[str, Any]], int]:
    """Store the records not held yet; each record's acknowledgement, and how many were new."""
    ids = [c.id for c, _, _ in decoded]
    held = dict(conn.execute(select(t.change.c.id, t.change.c.seq).where(among(conn, t.change.c.id, ids))).all())
    fresh = [(c, body, sig) for c, body, sig in decoded if c.id not in held]
    fresh = list({c.id: (c, body, sig) for c, body, sig in fresh}.values())  # the same record twice in a chunk
    if fresh:
        received = iso(now())
        held.update(insert_rows(conn, t.change, [
            {"id": c.id, "station": c.station, "entity": c.entity, "entity_id": c.entity_id, "hlc": c.hlc,
             "body": body, "signature": sig, "received_at": received} for c, body, sig in fresh],
            returning=("id", "seq")))
        indexing.index(conn, station, [c for c, _, _ in fresh])
    return [{"id": i, "seq": int(held[i])} for i in dict.fromkeys(ids)], len(fresh)


def _checkers() -> ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=os.cpu_count() or 2, thread_name_prefix="kinlink-check")
        return _pool
