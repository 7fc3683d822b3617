"""What goes to a station: first the whole history of the family units it has just started to hold
(``holdings.backfill``), then others' change records for the units it holds, after its cursor."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, or_, select

from sync import protocol

from . import auditing, holdings
from . import tables as t
from .database import Database
from .errors import Invalid


def pull(db: Database, station: str, cursor: Any, limit: Any = protocol.PULL_LIMIT,
         received: Any = ()) -> dict[str, Any]:
    """The next page for ``station``. ``received``: the backfill pages it has applied since its last
    pull ([{"family", "seq"}]), which completes those holdings."""
    if not isinstance(cursor, int) or isinstance(cursor, bool) or not 0 <= cursor < 2**63:
        raise Invalid("'cursor' must be a whole number from 0 to 2^63 - 1")
    if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= 5000:
        raise Invalid("'limit' must be a whole number from 1 to 5000")
    with db.writing() as conn:
        holdings.confirm(conn, station, list(received))
        page = holdings.backfill(conn, station, cursor, limit)
        if page is not None:
            units = [u["family"] for u in page["units"]]
            auditing.append(conn, user=station, action="pull", target=",".join(units)[:2000],
                            detail={"records": len(page["changes"]), "backfill": True, "units": len(units)})
    if page is not None:
        return {"changes": [], "backfill": page, "cursor": cursor, "more": True, "remaining": 0}
    with db.reading() as conn:
        high = int(conn.execute(select(func.coalesce(func.max(t.change.c.seq), 0))).scalar_one())
        c = t.change.c
        wanted = (c.seq > cursor, c.seq <= high, c.station != station,
                  or_(c.entity_id.in_(holdings.held_entities(station)), c.seq.in_(holdings.delivered(station))))
        rows = conn.execute(select(c.seq, c.body, c.signature).where(*wanted).order_by(c.seq).limit(limit)).all()
        more = len(rows) == limit
        remaining = 0
        if more:
            remaining = int(conn.execute(select(func.count()).select_from(t.change)
                                         .where(*wanted, c.seq > rows[-1][0])).scalar_one())
    if rows:  # records of people went to this station
        auditing.append_alone(db, user=station, action="pull",
                              detail={"records": len(rows), "from": cursor, "to": int(rows[-1][0])})
    return {"changes": [protocol.encode_change(body, bytes(sig), int(seq)) for seq, body, sig in rows],
            "cursor": int(rows[-1][0]) if more else max(cursor, high), "more": more, "remaining": remaining}
