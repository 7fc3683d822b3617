"""Read models for the main window's overview: the family units registered since a moment, with
what an agent checks at a glance (how many people, children, separations, valid bands printed and
on the wrist), and the outbox size."""

from __future__ import annotations

from typing import Any, TypedDict

from sqlalchemy import Connection, func, select

from . import schema
from .queries import links_of


class FamilySummary(TypedDict):
    """One family unit of the overview: no names (the list is a way in)."""

    id: str
    number: str
    status: str
    occurred_at: str | None  # the encounter's
    recorded_at: str
    place: str | None
    agent: str
    people: int
    children: int
    separated: int  # links
    bands: int  # valid bands
    bands_printed: int
    bands_on: int  # confirmed on the wrist


def recent_families(conn: Connection, since: str, *, limit: int = 200) -> list[FamilySummary]:
    """Family units whose encounter was recorded at or after ``since`` (ISO 8601 UTC), newest first."""
    enc, fam = schema.encounter.c, schema.family.c
    rows = conn.execute(
        select(fam.id, fam.number, fam.status, enc.occurred_at, enc.recorded_at, enc.place, enc.agent)
        .join(schema.encounter, fam.encounter_id == enc.id)
        .where(enc.recorded_at >= since).order_by(enc.recorded_at.desc(), fam.number.desc()).limit(limit)
    ).mappings().all()
    return [_summary(conn, dict(row)) for row in rows]


def _summary(conn: Connection, family: dict[str, Any]) -> FamilySummary:
    pc = schema.person.c
    people = conn.execute(select(pc.id, pc.role).where(pc.family_id == family["id"])).all()
    links = links_of(conn, [p.id for p in people])
    bc = schema.band.c
    bands = conn.execute(select(bc.printed_at, bc.attached_at).where(
        bc.person_id.in_([p.id for p in people]) & (bc.status == "issued"))).all()
    return {"id": family["id"], "number": family["number"], "status": family["status"],
            "occurred_at": family["occurred_at"], "recorded_at": family["recorded_at"], "place": family["place"],
            "agent": family["agent"],
            "people": len(people), "children": sum(1 for p in people if p.role == "child"),
            "separated": sum(1 for link in links if link["state"] == "separated"),
            "bands": len(bands), "bands_printed": sum(1 for b in bands if b.printed_at),
            "bands_on": sum(1 for b in bands if b.attached_at)}


def pending_changes(conn: Connection) -> int:
    """Change records the registry has not acknowledged yet (the sync outbox)."""
    return int(conn.execute(select(func.count()).select_from(schema.change)
                            .where(schema.change.c.registry_seq.is_(None))).scalar_one())
