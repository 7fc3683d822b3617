"""A family unit as the registry holds it: its records merged the way a station merges them, as the
same document as ``kinlink family show``."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select

from app.domain import bandnumber, views
from app.domain.changes import Change
from app.domain.merge import Replica
from app.security.audit import Outcome

from . import auditing
from . import tables as t
from .database import Database
from .errors import NotFound
from .pull import family_changes


def family(db: Database, band: str, *, who: str) -> dict[str, Any]:
    """The family unit of ``band``; the read is audited, and so is a search for a band the registry
    does not hold."""
    number = bandnumber.normalize(band)
    with db.writing() as conn:
        family_id = conn.execute(select(t.band_index.c.family_id).where(t.band_index.c.number == number)).scalar()
        auditing.append(conn, user=who, action="family.show", target=family_id or "",
                        outcome=Outcome.OK if family_id else Outcome.FAILED, detail={"band": number[:32]})
    if family_id is None:
        raise NotFound(f"the registry holds no band {band!r}")
    with db.reading() as conn:
        rows = family_changes(conn, [family_id])
    return document(family_id, [Change.from_body(json.loads(body), bytes(sig)) for _, body, sig in rows])


def document(family_id: str, changes: list[Change]) -> dict[str, Any]:
    """The ``family show`` document of one unit, from the change records that concern it."""
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
    rows = views.FamilyRows(unit, encounter | {"id": unit["encounter_id"]} if encounter else None, people,
                            of("band", "person_id", person_ids), of("custody", "person_id", person_ids), links,
                            of("link_event", "link_id", {x["id"] for x in links}),
                            of("photo", "person_id", person_ids))
    shown = views.family_document(rows, changes)
    shown["conflicts"] = [{"entity": c.entity, "entity_id": c.entity_id, "field": c.field,
                           "changes": list(c.change_ids)} for c in replica.conflicts()]
    return shown
