"""Which family unit each stored record belongs to, band number -> unit, and which units each
station holds: what pulls and family reads select by."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, delete, select

from app.domain.changes import Change

from . import tables as t
from .database import among, insert_rows

REFS = ("person_id", "from_person", "to_person", "link_id")  # fields that name the record a record belongs with


def index(conn: Connection, station: str, changes: list[Change]) -> None:
    """Record which family unit each new record belongs to, band numbers, and that the pushing
    station holds those units. A record that names one not seen yet (chunks out of order) waits
    as an orphan and is indexed when that one arrives."""
    held: set[str] = set()
    while changes:
        mappings, bands, orphans = _families_of(conn, changes)
        insert_rows(conn, t.entity_family, [{"entity_id": e, "family_id": f} for e, f in sorted(mappings)],
                    ignore=True)
        insert_rows(conn, t.band_index, [{"number": n, "family_id": f} for n, f in sorted(bands.items())],
                    ignore=True)
        insert_rows(conn, t.orphan, [{"ref_id": r, "change_id": c} for r, c in sorted(orphans)], ignore=True)
        held |= {f for _, f in mappings}
        mapped = sorted({e for e, _ in mappings})
        waiting = sorted({r[0] for r in conn.execute(select(t.orphan.c.change_id)
                                                     .where(among(conn, t.orphan.c.ref_id, mapped)))}) \
            if mapped else []
        if not waiting:
            break
        conn.execute(delete(t.orphan).where(t.orphan.c.change_id.in_(waiting)))
        changes = [Change.from_body(json.loads(body)) for (body,) in
                   conn.execute(select(t.change.c.body).where(t.change.c.id.in_(waiting)).order_by(t.change.c.seq))]
    insert_rows(conn, t.subscription, [{"station": station, "family_id": f} for f in sorted(held)], ignore=True)


def _families_of(conn: Connection, changes: list[Change]) -> tuple[set[tuple[str, str]], dict[str, str],
                                                                  set[tuple[str, str]]]:
    refs = {c.entity_id for c in changes}
    for c in changes:
        refs.update(v for name, (_, v) in c.fields.items() if name in REFS and isinstance(v, str))
    families: dict[str, set[str]] = {}
    for entity_id, family_id in conn.execute(select(t.entity_family.c.entity_id, t.entity_family.c.family_id)
                                             .where(among(conn, t.entity_family.c.entity_id, refs))):
        families.setdefault(entity_id, set()).add(family_id)
    mappings: set[tuple[str, str]] = set()
    bands: dict[str, str] = {}
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
            bands[new["number"]] = min(found)
    return mappings, bands, orphans
