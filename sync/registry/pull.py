"""What goes to a station: others' change records for the family units it holds, after its cursor,
and the whole history of the units it starts to hold."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, func, select

from app.domain import bandnumber
from sync import protocol

from . import auditing
from . import tables as t
from .database import Database, insert_rows
from .errors import Invalid


def pull(db: Database, station: str, cursor: Any, limit: Any = protocol.PULL_LIMIT) -> dict[str, Any]:
    """Others' change records for the family units this station holds, after its cursor."""
    if not isinstance(cursor, int) or isinstance(cursor, bool) or not 0 <= cursor < 2**63:
        raise Invalid("'cursor' must be a whole number from 0 to 2^63 - 1")
    if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= 5000:
        raise Invalid("'limit' must be a whole number from 1 to 5000")
    held = (select(t.entity_family.c.entity_id)
            .join(t.subscription, t.subscription.c.family_id == t.entity_family.c.family_id)
            .where(t.subscription.c.station == station))
    with db.reading() as conn:
        high = int(conn.execute(select(func.coalesce(func.max(t.change.c.seq), 0))).scalar_one())
        wanted = (t.change.c.seq > cursor, t.change.c.seq <= high, t.change.c.station != station,
                  t.change.c.entity_id.in_(held))
        rows = conn.execute(select(t.change.c.seq, t.change.c.body, t.change.c.signature).where(*wanted)
                            .order_by(t.change.c.seq).limit(limit)).all()
        more = len(rows) == limit
        remaining = 0
        if more:
            remaining = int(conn.execute(select(func.count()).select_from(t.change)
                                         .where(*wanted, t.change.c.seq > rows[-1][0])).scalar_one())
    if rows:  # records of people went to this station
        auditing.append_alone(db, user=station, action="pull",
                              detail={"records": len(rows), "from": cursor, "to": int(rows[-1][0])})
    return {"changes": [protocol.encode_change(body, bytes(sig), int(seq)) for seq, body, sig in rows],
            "cursor": int(rows[-1][0]) if more else max(cursor, high), "more": more, "remaining": remaining}


def follow(db: Database, station: str, bands: Any) -> dict[str, Any]:
    """Start holding the family units of these band numbers; their whole history comes back."""
    if not isinstance(bands, list) or not all(isinstance(b, str) for b in bands) or not 1 <= len(bands) <= 100:
        raise Invalid("'bands' must be a list of 1 to 100 band numbers")
    found: dict[str, str] = {}
    with db.writing() as conn:
        for band in bands:
            family_id = conn.execute(select(t.band_index.c.family_id)
                                     .where(t.band_index.c.number == bandnumber.normalize(band))).scalar()
            if family_id:
                found[band] = family_id
        insert_rows(conn, t.subscription, [{"station": station, "family_id": f} for f in sorted(set(found.values()))],
                    ignore=True)
        rows = family_changes(conn, set(found.values()))
        auditing.append(conn, user=station, action="follow", target=",".join(sorted(set(found.values())))[:2000],
                        detail={"bands": len(bands), "found": len(found), "records": len(rows)})
    return {"families": found, "unknown": [b for b in bands if b not in found],
            "changes": [protocol.encode_change(body, bytes(sig), int(seq)) for seq, body, sig in rows]}


def family_changes(conn: Connection, family_ids: Iterable[str]) -> list[Any]:
    """(seq, body, signature) of every record of these units, in registry order."""
    ids = sorted(family_ids)
    if not ids:
        return []
    entities = select(t.entity_family.c.entity_id).where(t.entity_family.c.family_id.in_(ids))
    return list(conn.execute(select(t.change.c.seq, t.change.c.body, t.change.c.signature)
                             .where(t.change.c.entity_id.in_(entities)).order_by(t.change.c.seq)).all())
