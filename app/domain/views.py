"""One family unit as every reader shows it (``family show``, the app, the registry): people with
their bands, custody and photos (never the image), links with their events, and the history.
Built from plain rows, so that the station store and the registry's replica render it alike."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from . import bandnumber, clock
from .changes import Change
from .model import BINARY_FIELDS

Row = dict[str, Any]
PERSON_KEYS = ("id", "role", "given_names", "family_names", "sex", "birth_date", "age_estimate_years",
               "nationality", "languages", "preverbal", "description", "documents", "arrived_without_adult",
               "carried_by", "merged_into")
PHOTO_KEYS = ("id", "taken_at", "width", "height", "source")  # what a view shows of a photo: never its bytes


@dataclass(frozen=True)
class FamilyRows:
    """The records of one family unit, in any order."""

    family: Row
    encounter: Row | None
    people: list[Row]
    bands: list[Row]
    custody: list[Row]
    links: list[Row]
    events: list[Row]
    photos: list[Row]
    # Per person, the band numbers of the records merged into it (one held elsewhere shows only these).
    merged_bands: dict[str, list[str]] = field(default_factory=dict)


def family_document(rows: FamilyRows, history: Iterable[Change]) -> dict[str, Any]:
    family = rows.family
    # Sort keys hold up to any value a signed record may carry (the registry shows what stations sent).
    people = sorted(rows.people, key=lambda p: (str(p["role"] or ""), p["id"]))
    bands = sorted(rows.bands, key=lambda b: (str(b["issued_on"] or ""), str(b["number"] or "")))
    custody = sorted(rows.custody, key=lambda c: (str(c["since"] or ""), c["id"]))
    photos = sorted(rows.photos, key=lambda r: (str(r["taken_at"] or ""), r["id"]))
    return {
        "id": family["id"],
        "number": family["number"],
        "status": family["status"],
        "encounter": {"id": family["encounter_id"],
                      **{k: v for k, v in (rows.encounter or {}).items() if k != "id"}},
        "people": [_person_view(p, bands, custody, photos) | {"merged_from": sorted(
            display_band(b) for b in rows.merged_bands.get(p["id"], []))} for p in people],
        "links": [_link_view(x, rows.events) for x in sorted(rows.links, key=lambda r: r["id"])],
        # In clock order, which every replica shares (the order changes arrived in differs).
        "history": [_history_entry(c) for c in sorted(history, key=lambda c: (clock.sort_key(c.hlc), c.hlc, c.id))],
    }


def display_band(number: Any) -> Any:
    """A band number as people read it; anything else a record may hold, as it is."""
    if not isinstance(number, str):
        return number
    try:
        return bandnumber.format_band_number(number)
    except bandnumber.InvalidBandNumber:
        return number


def _person_view(p: Row, bands: list[Row], custody: list[Row], photos: list[Row]) -> dict[str, Any]:
    own_bands = [b for b in bands if b["person_id"] == p["id"]]
    own_custody = [{k: v for k, v in c.items() if k != "person_id"} for c in custody if c["person_id"] == p["id"]]
    issued = [display_band(b["number"]) for b in own_bands if b["status"] == "issued"]
    return {
        **{k: p[k] for k in PERSON_KEYS},
        "band": issued[0] if issued else None,
        "bands": [{"number": display_band(b["number"]), "status": b["status"], "reprints": b["reprints"],
                   "void_reason": b["void_reason"], "issued_on": b["issued_on"],
                   "printed_at": b["printed_at"], "attached_at": b["attached_at"]} for b in own_bands],
        "custody": own_custody[-1] if own_custody else None,
        "custody_history": own_custody,
        "photos": [{k: ph[k] for k in PHOTO_KEYS} for ph in photos if ph["person_id"] == p["id"]],
    }


def _link_view(link: Row, events: list[Row]) -> dict[str, Any]:
    history = sorted((e for e in events if e["link_id"] == link["id"]),
                     key=lambda e: (str(e["occurred_at"] or ""), e["id"]))
    return {
        "id": link["id"], "from": link["from_person"], "to": link["to_person"],
        "relationship": link["relationship"], "provenance": link["provenance"], "state": link["state"],
        "events": [{k: v for k, v in e.items() if k != "link_id"} for e in history],
    }


def _history_entry(change: Change) -> dict[str, Any]:
    return {
        "change": change.id, "at": change.hlc, "station": change.station, "user": change.user,
        "entity": change.entity, "entity_id": change.entity_id, "created": change.created,
        "reason": change.reason,
        "fields": {k: {"old": old, "new": _shown(change.entity, k, new)}
                   for k, (old, new) in sorted(change.fields.items())},
    }


def _shown(entity: str, name: str, value: Any) -> Any:
    """A field's value as history shows it: a photo's image is named, not repeated."""
    if (entity, name) in BINARY_FIELDS and value is not None:
        return "(image)"
    return value
