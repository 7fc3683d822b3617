"""One family unit as every reader shows it (``family show``, the app, the registry): people with
their bands, custody and photos (never the image), links with their events, and the history.
Built from plain rows, so that the station store and the registry's replica render it alike."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, TypedDict

from . import bandnumber, clock
from .changes import Change
from .custody import view as custody_view
from .model import BINARY_FIELDS

Row = dict[str, Any]
PHOTO_KEYS = ("id", "taken_at", "width", "height", "source")  # what a view shows of a photo: never its bytes


# The document's shape. Values are those of records that passed ``records.FIELD_RULES``; a field a
# record was created without (it did not exist yet) is None. Encounters, custody records and link
# events are shown as their table holds them (every column but the one naming the parent).

class BandView(TypedDict):
    number: str  # as people read it (``display_band``)
    status: str
    reprints: int | None
    void_reason: str | None
    issued_on: str | None
    printed_at: str | None
    attached_at: str | None


class PhotoView(TypedDict):
    """What is known of a photo, never the image."""

    id: str
    taken_at: str
    width: int
    height: int
    source: str


class PersonView(TypedDict):
    id: str
    role: str
    given_names: str | None
    family_names: str | None
    sex: str | None
    birth_date: str | None
    age_estimate_years: float | None
    nationality: str | None
    languages: list[str] | None
    preverbal: bool | None
    description: str | None
    documents: list[dict[str, Any]] | None
    arrived_without_adult: bool | None
    carried_by: str | None
    merged_into: str | None
    band: str | None  # the valid band, as people read it
    bands: list[BandView]
    custody: Row | None  # the latest custody record, in today's terms, with ``in_transit`` (app.domain.custody)
    custody_history: list[Row]
    photos: list[PhotoView]
    merged_from: list[str]  # the band numbers of the records merged into this one


# "from" is a keyword: the functional form.
LinkView = TypedDict("LinkView", {"id": str, "from": str, "to": str, "relationship": str, "provenance": str,
                                  "state": str, "events": list[Row]})


class FieldChange(TypedDict):
    old: Any
    new: Any  # a photo's image is "(image)"


class HistoryEntry(TypedDict):
    change: str
    at: str  # the record's hybrid logical clock
    station: str
    user: str
    entity: str
    entity_id: str
    created: bool
    reason: str | None
    fields: dict[str, FieldChange]


class FamilyDocument(TypedDict):
    id: str
    number: str
    status: str
    encounter: Row
    people: list[PersonView]
    links: list[LinkView]
    history: list[HistoryEntry]  # in clock order


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


def family_document(rows: FamilyRows, history: Iterable[Change]) -> FamilyDocument:
    family = rows.family
    # Sort keys hold up to any value a signed record may carry (the registry shows what stations sent).
    people = sorted(rows.people, key=lambda p: (str(p["role"] or ""), p["id"]))
    bands = sorted(rows.bands, key=lambda b: (str(b["issued_on"] or ""), str(b["number"] or "")))
    custody = rows.custody  # in the order they happened: app.domain.custody.view
    photos = sorted(rows.photos, key=lambda r: (str(r["taken_at"] or ""), r["id"]))
    return {
        "id": family["id"],
        "number": family["number"],
        "status": family["status"],
        "encounter": {"id": family["encounter_id"],
                      **{k: v for k, v in (rows.encounter or {}).items() if k != "id"}},
        "people": [_person_view(p, bands, custody, photos, sorted(
            display_band(b) for b in rows.merged_bands.get(p["id"], []))) for p in people],
        "links": [_link_view(x, rows.events) for x in sorted(rows.links, key=lambda r: r["id"])],
        # In clock order, which every replica shares (the order changes arrived in differs).
        "history": [_history_entry(c) for c in sorted(history, key=lambda c: (clock.sort_key(c.hlc), c.hlc, c.id))],
    }


def display_band(number: Any) -> Any:
    """A band number as people read it; anything else a record may hold, as it is."""
    return _displayed(number) if isinstance(number, str) else number


@lru_cache(maxsize=1 << 16)
def _displayed(number: str) -> str:
    """(Remembered: the board shows thousands of bands, each checked again on every reading.)"""
    try:
        return bandnumber.format_band_number(number)
    except bandnumber.InvalidBandNumber:
        return number


def _person_view(p: Row, bands: list[Row], custody: list[Row], photos: list[Row],
                 merged_from: list[str]) -> PersonView:
    own_bands = [b for b in bands if b["person_id"] == p["id"]]
    current, own_custody = custody_view([{k: v for k, v in c.items() if k != "person_id"}
                                         for c in custody if c["person_id"] == p["id"]])
    issued = [display_band(b["number"]) for b in own_bands if b["status"] == "issued"]
    return {
        "id": p["id"], "role": p["role"], "given_names": p["given_names"], "family_names": p["family_names"],
        "sex": p["sex"], "birth_date": p["birth_date"], "age_estimate_years": p["age_estimate_years"],
        "nationality": p["nationality"], "languages": p["languages"], "preverbal": p["preverbal"],
        "description": p["description"], "documents": p["documents"],
        "arrived_without_adult": p["arrived_without_adult"], "carried_by": p["carried_by"],
        "merged_into": p["merged_into"],
        "band": issued[0] if issued else None,
        "bands": [{"number": display_band(b["number"]), "status": b["status"], "reprints": b["reprints"],
                   "void_reason": b["void_reason"], "issued_on": b["issued_on"],
                   "printed_at": b["printed_at"], "attached_at": b["attached_at"]} for b in own_bands],
        "custody": current,
        "custody_history": own_custody,
        "photos": [photo_view(ph) for ph in photos if ph["person_id"] == p["id"]],
        "merged_from": merged_from,
    }


def photo_view(photo: Row) -> PhotoView:
    """What is known of a photo, never the image (``services.person_photo`` gives it)."""
    return {"id": photo["id"], "taken_at": photo["taken_at"], "width": photo["width"], "height": photo["height"],
            "source": photo["source"]}


def _link_view(link: Row, events: list[Row]) -> LinkView:
    history = sorted((e for e in events if e["link_id"] == link["id"]),
                     key=lambda e: (str(e["occurred_at"] or ""), e["id"]))
    return {
        "id": link["id"], "from": link["from_person"], "to": link["to_person"],
        "relationship": link["relationship"], "provenance": link["provenance"], "state": link["state"],
        "events": [{k: v for k, v in e.items() if k != "link_id"} for e in history],
    }


def _history_entry(change: Change) -> HistoryEntry:
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
