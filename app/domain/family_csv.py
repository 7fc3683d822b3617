"""One family unit as CSV (docs/exports.md): one row per person with their links in one cell, under
the CSV rules of ``spreadsheet`` (a byte-order mark, a header row, ISO dates, formula-safe cells).
The custody cell is the board's (``board_export.custody_text``), so that a family's file and the
board's say the same thing in the same words."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import spreadsheet
from .board_export import custody_text
from .custody import StationPlace
from .reunification import custody_of
from .views import FamilyDocument, LinkView, PersonView

CSV_HEADER = ("family", "band", "given_names", "family_names", "role", "sex", "birth_date", "age_estimate_years",
              "preverbal", "description", "custody", "links")


def family_csv(family: FamilyDocument, stations: Mapping[str, StationPlace]) -> str:
    """The unit's people in the order ``family show`` lists them (adults first); ``stations``: what is
    known of each station's agency and facility, for the custody cells."""
    people = {p["id"]: p for p in family["people"]}
    rows: list[list[Any]] = [
        [family["number"], p["band"], p["given_names"], p["family_names"], p["role"], p["sex"], p["birth_date"],
         p["age_estimate_years"], p["preverbal"], p["description"], custody_text(custody_of(p["custody"], stations)),
         links_text(p["id"], family["links"], people)]
        for p in family["people"]]
    return spreadsheet.csv_text(CSV_HEADER, rows)


def links_text(person_id: str, links: list[LinkView], people: Mapping[str, PersonView]) -> str:
    """Every link of one person, from their side, with its state and provenance:
    ``mother of 7QXKM-0002-5 (separated, claimed)`` on the adult's row, ``mother: 7QXKM-0001-3
    (separated, claimed)`` on the child's; links are separated by ``; ``."""
    out: list[str] = []
    for link in links:
        if person_id not in (link["from"], link["to"]):
            continue
        relation = str(link["relationship"] or "unknown").replace("_", " ")
        state = f"({link['state']}, {str(link['provenance']).replace('_', ' ')})"
        if link["from"] == person_id:
            other = who(people.get(link["to"]), link["to"])
            said = f"unknown relationship to {other}" if relation == "unknown" else f"{relation} of {other}"
        else:
            other = who(people.get(link["from"]), link["from"])
            said = f"{'unknown relationship' if relation == 'unknown' else relation}: {other}"
        out.append(f"{said} {state}")
    return "; ".join(out)


def who(person: PersonView | None, person_id: str) -> str:
    """A person in a link cell: their band number, else their names, else their record's id."""
    if person is None:
        return person_id
    if person["band"]:
        return person["band"]
    names = " ".join(n for n in (person["given_names"], person["family_names"]) if n)
    return names or person_id
