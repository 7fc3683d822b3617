"""A family unit as the registry holds it: its records merged the way a station merges them, as the
same document as ``kinlink family show``."""

from __future__ import annotations

import json
from typing import Any, TypedDict

from sqlalchemy import select

from app.domain import bandnumber, views
from app.domain.changes import Change
from app.domain.merge import Replica
from app.security.audit import Outcome

from . import auditing, holdings
from . import tables as t
from .database import Database
from .errors import NotFound


class RegistryConflict(TypedDict):
    """Concurrent writes of one field that no resolution has settled yet."""

    entity: str
    entity_id: str
    field: str
    changes: list[str]


class RegistryFamily(views.FamilyDocument):
    conflicts: list[RegistryConflict]


def family(db: Database, band: str, *, who: str, station: str | None = None) -> RegistryFamily:
    """The family unit of ``band``; the read is audited, and so is a search for a band the registry
    does not hold. A ``station`` reads only a unit it holds (an operator, ``station`` None, any):
    one that does not is told the same as for a band the registry does not hold."""
    number = bandnumber.normalize(band)
    with db.writing() as conn:
        family_id = conn.execute(select(t.band_index.c.family_id).where(t.band_index.c.number == number)).scalar()
        allowed = family_id is not None and (station is None or holdings.holds(conn, station, family_id))
        auditing.append(conn, user=who, action="family.show", target=family_id or "",
                        outcome=Outcome.OK if allowed else Outcome.DENIED if family_id else Outcome.FAILED,
                        detail={"band": number[:32]})
    if not allowed:
        raise NotFound(f"the registry holds no band {band!r}" if station is None else
                       f"no family unit this station holds has band {band!r} (scan one of its bands to hold it)")
    assert family_id is not None
    with db.reading() as conn:
        rows = holdings.unit_rows(conn, [family_id]).get(family_id, [])
        own = set(conn.execute(select(t.entity_family.c.entity_id).where(t.entity_family.c.family_id == family_id))
                  .scalars())
    return document(family_id, [Change.from_body(json.loads(body), bytes(sig)) for _, body, sig in rows], own)


def document(family_id: str, changes: list[Change], own: set[str]) -> RegistryFamily:
    """The ``family show`` document of one unit, from the change records that concern it. ``own``: the
    ids of its records (its history); the others were delivered to its holders (a person of another
    unit merged into one of its people, shown by band number)."""
    replica = Replica()
    replica.merge_all(changes)
    state = replica.state
    people = [p | {"id": i} for i, p in state["person"].items() if p["family_id"] == family_id]
    person_ids = {p["id"] for p in people}

    def of(entity: str, key: str, ids: set[str]) -> list[dict[str, Any]]:
        return [r | {"id": i} for i, r in state[entity].items() if r.get(key) in ids]

    links = [r | {"id": i} for i, r in state["link"].items()
             if r["from_person"] in person_ids or r["to_person"] in person_ids]
    unit = state["family"][family_id] | {"id": family_id}
    encounter = state["encounter"].get(unit["encounter_id"])
    merged = replica.merged_into(person_ids)
    merged_bands = {kept: [b["number"] for b in of("band", "person_id", set(ids))] for kept, ids in merged.items()}
    rows = views.FamilyRows(unit, encounter | {"id": unit["encounter_id"]} if encounter else None, people,
                            of("band", "person_id", person_ids), of("custody", "person_id", person_ids), links,
                            of("link_event", "link_id", {x["id"] for x in links}),
                            of("photo", "person_id", person_ids), merged_bands)
    shown = views.family_document(rows, [c for c in changes if c.entity_id in own])
    return {**shown, "conflicts": [{"entity": c.entity, "entity_id": c.entity_id, "field": c.field,
                                    "changes": list(c.change_ids)} for c in replica.conflicts()]}
