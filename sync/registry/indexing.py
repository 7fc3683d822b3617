"""Which family unit each stored record belongs to, band and family numbers -> unit, and records
delivered beyond their own units: what pulls and family reads select by."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, delete, select, update

from app.domain.changes import Change

from . import state
from . import tables as t
from .database import among, insert_rows

REFS = ("person_id", "from_person", "to_person", "link_id")  # fields that name the record a record belongs with


def index(conn: Connection, changes: list[Change]) -> None:
    """Record which family unit each new record belongs to, and band numbers. A record that names one
    not seen yet waits as an orphan and is indexed when that one arrives (records stored before the
    registry refused those: chunks out of order)."""
    while changes:
        mappings, bands, orphans = _families_of(conn, changes)
        insert_rows(conn, t.entity_family, [{"entity_id": e, "family_id": f} for e, f in sorted(mappings)],
                    ignore=True)
        insert_rows(conn, t.band_index, [{"number": n, "family_id": f, "person_id": p}
                                         for n, (f, p) in sorted(bands.items())], ignore=True)
        insert_rows(conn, t.orphan, [{"ref_id": r, "change_id": c} for r, c in sorted(orphans)], ignore=True)
        mapped = sorted({e for e, _ in mappings})
        waiting = sorted({r[0] for r in conn.execute(select(t.orphan.c.change_id)
                                                     .where(among(conn, t.orphan.c.ref_id, mapped)))}) \
            if mapped else []
        if not waiting:
            break
        conn.execute(delete(t.orphan).where(t.orphan.c.change_id.in_(waiting)))
        changes = [Change.from_body(json.loads(body)) for (body,) in
                   conn.execute(select(t.change.c.body).where(t.change.c.id.in_(waiting)).order_by(t.change.c.seq))]


def _families_of(conn: Connection, changes: list[Change]) -> tuple[set[tuple[str, str]],
                                                                  dict[str, tuple[str, str | None]],
                                                                  set[tuple[str, str]]]:
    refs = {c.entity_id for c in changes}
    for c in changes:
        refs.update(v for name, (_, v) in c.fields.items() if name in REFS and isinstance(v, str))
    families: dict[str, set[str]] = {}
    for entity_id, family_id in conn.execute(select(t.entity_family.c.entity_id, t.entity_family.c.family_id)
                                             .where(among(conn, t.entity_family.c.entity_id, refs))):
        families.setdefault(entity_id, set()).add(family_id)
    mappings: set[tuple[str, str]] = set()
    bands: dict[str, tuple[str, str | None]] = {}
    orphans: set[tuple[str, str]] = set()
    for c in changes:
        found = set(families.get(c.entity_id, ()))
        new: dict[str, Any] = {name: v for name, (_, v) in c.fields.items()}
        if c.entity == "family" and c.created:
            found.add(c.entity_id)
        if c.entity == "family" and isinstance(new.get("encounter_id"), str):
            mappings.add((new["encounter_id"], c.entity_id))
        if c.entity == "person" and isinstance(new.get("family_id"), str):
            found.add(new["family_id"])
        named = [new[ref] for ref in REFS if isinstance(new.get(ref), str)]
        for ref in named:
            found |= families.get(ref, set())
        if not found:
            orphans.update((ref, c.id) for ref in named)
        for family_id in found:
            mappings.add((c.entity_id, family_id))
        families[c.entity_id] = found
        if c.entity == "band" and isinstance(new.get("number"), str) and found:
            person = new.get("person_id")
            bands[new["number"]] = (min(found), person if isinstance(person, str) else None)
    return mappings, bands, orphans


def place(conn: Connection, verdict: Any) -> None:
    """Index what a push's accepted transactions made, as the authority placed it: each new record's
    family units, and the numbers of new bands (their wearer's unit) and new units."""
    insert_rows(conn, t.entity_family, [{"entity_id": e, "family_id": f}
                                        for e, units in sorted(verdict.placed.items()) for f in sorted(units)],
                ignore=True)
    insert_rows(conn, t.band_index, [{"number": n, "family_id": f, "person_id": p} for n, f, p in verdict.bands],
                ignore=True)
    insert_rows(conn, t.family_index, [{"number": n, "family_id": f} for n, f in verdict.family_numbers], ignore=True)


def adopt_orphans(conn: Connection, created: list[str]) -> None:
    """Records stored before the registry refused those that name one it lacks (chunks out of order)
    wait as orphans: indexed now that what they name has come."""
    if not created:
        return
    waiting = sorted({r[0] for r in conn.execute(select(t.orphan.c.change_id)
                                                 .where(among(conn, t.orphan.c.ref_id, created)))})
    if waiting:
        conn.execute(delete(t.orphan).where(t.orphan.c.change_id.in_(waiting)))
        index(conn, [Change.from_body(json.loads(body)) for (body,) in conn.execute(
            select(t.change.c.body).where(t.change.c.id.in_(waiting)).order_by(t.change.c.seq))])


def move(conn: Connection, person: str, unit: str) -> None:
    """A person moved to another unit: every record of theirs (bands, custody, photos, links and the
    links' events) belongs to that unit too, and their bands lead there."""
    theirs = state.naming(conn, [person]).get(person, set())
    events = set().union(*state.naming(conn, theirs).values()) if theirs else set()
    insert_rows(conn, t.entity_family, [{"entity_id": e, "family_id": unit}
                                        for e in sorted({person} | theirs | events)], ignore=True)
    conn.execute(update(t.band_index).where(t.band_index.c.person_id == person).values(family_id=unit))


def deliver_merge(conn: Connection, seq: int, person: str, unit: str) -> None:
    """A person merged into one of another unit: the merge record, and the creations of the merged
    person's bands (the number it is shown by there), go to that unit's holders too."""
    bands = [i for i in state.naming(conn, [person]).get(person, set())]
    band_seqs = [row[0] for row in conn.execute(select(t.record.c.created_seq).where(
        t.record.c.entity == "band", among(conn, t.record.c.entity_id, bands)))] if bands else []
    insert_rows(conn, t.change_delivery, [{"seq": s, "family_id": unit} for s in sorted({seq, *band_seqs})],
                ignore=True)
