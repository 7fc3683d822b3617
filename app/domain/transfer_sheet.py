"""What goes on a child's transfer sheet (docs/exports.md): the page that travels with a child at a
custody transfer. Pure: it reads one family unit as every reader shows it (``views``); drawing it is
the UI's (``app/ui/transfer_sheet.py``).

The sheet is for a child only (an adult carries their own band and can speak for themselves). It
names every adult the child arrived with (the adults linked to the child), each link's state and
provenance, each person's current custody, and the child's latest transfer: where to, when, the
station and user who recorded it and why, and the arrival scan that closed it when there is one. A
child with no transfer recorded gets a sheet all the same (its current custody instead).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .custody import STATION
from .errors import ValidationError
from .views import FamilyDocument, HistoryEntry, LinkView, PersonView

Row = dict[str, Any]


@dataclass(frozen=True)
class SheetAdult:
    """An adult the child arrived with, and the link between them (``relationship``: the adult's to
    the child, as the link says it; ``unknown`` when the link runs the other way or is not known)."""

    person: PersonView
    relationship: str
    provenance: str
    state: str


@dataclass(frozen=True)
class Transfer:
    """The child's latest transfer: its custody record in today's terms, who recorded it (user and
    station) and why, and the arrival scan that closed it (None while in transit, or away from
    Kinlink)."""

    record: Row
    recorded_by: str | None
    reason: str | None
    arrival: Row | None


@dataclass(frozen=True)
class SheetContent:
    family_id: str
    family_number: str
    encounter: Row
    child: PersonView
    adults: tuple[SheetAdult, ...]
    transfer: Transfer | None
    people: tuple[PersonView, ...]  # the whole unit, for its picture
    links: tuple[LinkView, ...]


def sheet_content(family: FamilyDocument, person_id: str) -> SheetContent:
    """The sheet of the child ``person_id`` of ``family``. An adult is refused (ValidationError)."""
    people = {p["id"]: p for p in family["people"]}
    child = people[person_id]
    if child["role"] != "child":
        raise ValidationError.one("person", f"{child['band'] or person_id} is an adult: a transfer sheet goes "
                                            "with a child (an adult carries their own band)")
    return SheetContent(
        family_id=family["id"], family_number=family["number"], encounter=dict(family["encounter"]),
        child=child, adults=tuple(adults_of(person_id, family["links"], people)),
        transfer=latest_transfer(child, family["history"]),
        people=tuple(family["people"]), links=tuple(family["links"]))


def adults_of(child_id: str, links: list[LinkView], people: Mapping[str, PersonView]) -> list[SheetAdult]:
    """The adults linked to the child, in the order of the unit's people (adults by id)."""
    found: dict[str, SheetAdult] = {}
    for link in links:
        if child_id not in (link["from"], link["to"]):
            continue
        other = link["to"] if link["from"] == child_id else link["from"]
        adult = people.get(other)
        if adult is None or adult["role"] != "adult" or other in found:
            continue
        relationship = link["relationship"] if link["from"] == other else "unknown"
        found[other] = SheetAdult(adult, str(relationship or "unknown"), str(link["provenance"] or ""),
                                  str(link["state"] or ""))
    return [found[p] for p in people if p in found]


def is_transfer(record: Mapping[str, Any]) -> bool:
    """A custody record (in today's terms) that sends the person somewhere: away from Kinlink, or to a
    station other than the one that wrote it. A registration or an arrival scan is none."""
    if record.get("location") != STATION:
        return True
    return bool(record.get("station")) and bool(record.get("writer")) and record["station"] != record["writer"]


def latest_transfer(person: PersonView, history: list[HistoryEntry]) -> Transfer | None:
    """The person's latest transfer, with its writer and reason from the unit's history."""
    records = person["custody_history"]  # in the order they happened
    sent = next((r for r in reversed(records) if is_transfer(r)), None)
    if sent is None:
        return None
    made = next((h for h in history if h["entity"] == "custody" and h["entity_id"] == sent["id"] and h["created"]),
                None)
    arrival = next((r for r in records if r.get("arrival_of") == sent["id"]), None)
    return Transfer(record=dict(sent), recorded_by=made["user"] if made else None,
                    reason=made["reason"] if made else None, arrival=dict(arrival) if arrival else None)
