"""The audit chain's rows: appended in the caller's transaction, read in order for verification."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from sqlalchemy import Connection, func, insert, or_, select

from app.security import audit

from . import schema


def append(conn: Connection, *, station: str, user: str, action: str, target: str = "",
           outcome: str = audit.Outcome.OK, detail: Mapping[str, Any] | None = None,
           at: str | None = None) -> dict[str, Any]:
    """Append one record. ``detail`` must hold ids and counts only, never names or other personal data."""
    last = conn.execute(select(schema.audit.c.seq, schema.audit.c.hash)
                        .order_by(schema.audit.c.seq.desc()).limit(1)).first()
    row = audit.next_record((int(last[0]), str(last[1])) if last else None, station=station, user=user,
                            action=action, target=target, outcome=outcome, detail=detail, at=at)
    conn.execute(insert(schema.audit).values(**row))
    return row


def rows(conn: Connection) -> Iterator[dict[str, Any]]:
    for row in conn.execute(select(schema.audit).order_by(schema.audit.c.seq)).mappings():
        yield dict(row)


def verify(conn: Connection) -> audit.ChainReport:
    return audit.verify_chain(rows(conn))


def last_seq(conn: Connection) -> int:
    return int(conn.execute(select(func.coalesce(func.max(schema.audit.c.seq), 0))).scalar_one())


def chain_rows(conn: Connection, *, first: int, limit: int) -> list[dict[str, Any]]:
    """Records ``first`` onwards, at most ``limit``, as the chain hashes them (what sync sends)."""
    return [dict(row) for row in conn.execute(select(schema.audit).where(schema.audit.c.seq >= first)
                                              .order_by(schema.audit.c.seq).limit(limit)).mappings()]


def newest_first(conn: Connection, *, user: str | None = None, action: str | None = None,
                 since: str | None = None, until: str | None = None) -> Iterator[dict[str, Any]]:
    """Audit records, newest first, of one user, of an action or the actions under it (``band`` is
    also ``band.void``), from and to a time (as the log writes times)."""
    a = schema.audit.c
    query = select(schema.audit).order_by(a.seq.desc())
    if user:
        query = query.where(a.user == user)
    if action:
        query = query.where(or_(a.action == action, a.action.startswith(action + ".", autoescape=True)))
    if since:
        query = query.where(a.at >= since)
    if until:
        query = query.where(a.at <= until)
    for row in conn.execute(query).mappings():
        yield dict(row)
