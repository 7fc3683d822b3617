"""The intake wizard's state, and the encounter document (v1) built from it.

Pure Python, no Qt: the wizard reads its widgets into an :class:`IntakeState`, and
:func:`build_document` turns that into exactly the document of docs/encounter-document.md, which
``services.register_family`` validates (the domain is the one judge of what is valid). What the
document format cannot say, but the desk must insist on, is found by :func:`gaps`: a person with
no name typed and "name unknown" not ticked, a child × adult cell not chosen, a child alone
without the "arrived without an adult" mark.

A person's ``key`` ("a1", "c2") is their ``ref`` in the document; the people are written in the
wizard's order, so that ``families[0].people[i]`` in a problem is ``state.people[i]``.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

ADULT, CHILD = "adult", "child"
FEATURES = ("hair", "eyes", "marks", "clothing")  # a pre-verbal child's description, in this order
FEATURE_WORDS = {"hair": "hair", "eyes": "eyes", "marks": "marks", "clothing": "clothing"}


@dataclass
class EncounterEntry:
    occurred_at: str  # ISO 8601 with its UTC offset, e.g. 2026-11-24T14:05:00-07:00
    place: str = ""
    latitude: float | None = None
    longitude: float | None = None


@dataclass
class PersonEntry:
    """One person as typed. Texts are as typed (empty when not given); ``sex`` is None until chosen."""

    key: str
    role: str
    given_names: str = ""
    family_names: str = ""
    name_unknown: bool = False
    birth_date: str = ""
    age_estimate_years: float | None = None
    sex: str | None = None
    nationality: str | None = None
    languages: list[str] = field(default_factory=list)
    preverbal: bool = False
    features: dict[str, str] = field(default_factory=dict)  # FEATURES -> text (pre-verbal children)
    description: str = ""
    arrived_without_adult: bool = False
    # A pre-verbal child's identity bundle (not part of the encounter document: saved after it by
    # ``services.add_identity_bundle``): the key of the adult who carried the child, a photo loaded.
    carried_by: str | None = None
    photo: bool = False

    @property
    def names_typed(self) -> bool:
        return bool(self.given_names.strip() or self.family_names.strip())


@dataclass
class LinkEntry:
    """One cell of the child × adult grid: "adult is the RELATIONSHIP of child"."""

    adult: str
    child: str
    relationship: str | None = None  # None: not chosen yet
    provenance: str = "claimed"


@dataclass
class IntakeState:
    encounter: EncounterEntry
    people: list[PersonEntry] = field(default_factory=list)
    links: list[LinkEntry] = field(default_factory=list)

    def adults(self) -> list[PersonEntry]:
        return [p for p in self.people if p.role == ADULT]

    def children(self) -> list[PersonEntry]:
        return [p for p in self.people if p.role == CHILD]

    def person(self, key: str) -> PersonEntry | None:
        return next((p for p in self.people if p.key == key), None)

    def link(self, adult: str, child: str) -> LinkEntry | None:
        return next((x for x in self.links if (x.adult, x.child) == (adult, child)), None)


@dataclass(frozen=True)
class Gap:
    """Something the agent still has to say. ``kind`` is one of ``name`` (person), ``cell``
    (person = the child, other = the adult) or ``alone`` (person = a child of a unit with no adult)."""

    kind: str
    person: str
    other: str | None = None


def gaps(state: IntakeState) -> list[Gap]:
    """What is still unsaid, in the wizard's order: names first, then the grid row by row."""
    found = [Gap("name", p.key) for p in state.people if not p.name_unknown and not p.names_typed]
    adults = state.adults()
    for child in state.children():
        if not adults:
            if not child.arrived_without_adult:
                found.append(Gap("alone", child.key))
            continue
        for adult in adults:
            cell = state.link(adult.key, child.key)
            if cell is None or not cell.relationship:
                found.append(Gap("cell", child.key, adult.key))
    return found


def build_document(state: IntakeState, feature_words: Mapping[str, str] = FEATURE_WORDS) -> dict[str, Any]:
    """The encounter document (v1) for one family unit, as a JSON-ready dict."""
    return {"encounter": _encounter(state.encounter),
            "families": [{"people": [_person(p, state, feature_words) for p in state.people],
                          "links": [_link(x) for x in emitted_links(state)]}]}


def encode(document: Mapping[str, Any]) -> bytes:
    """The bytes ``services.register_family`` takes (UTF-8 JSON, names kept as typed)."""
    return json.dumps(document, ensure_ascii=False).encode("utf-8")


def emitted_links(state: IntakeState) -> list[LinkEntry]:
    """The cells written as links, in document order (``families[0].links[k]`` is item k): chosen
    cells between an adult and a child both still in the unit."""
    adults = {p.key for p in state.adults()}
    children = {p.key for p in state.children()}
    return [x for x in state.links if x.relationship and x.adult in adults and x.child in children]


def _encounter(entry: EncounterEntry) -> dict[str, Any]:
    result: dict[str, Any] = {"occurred_at": entry.occurred_at, "place": entry.place.strip()}
    if entry.latitude is not None:
        result["latitude"] = _number(entry.latitude)
    if entry.longitude is not None:
        result["longitude"] = _number(entry.longitude)
    return result


def _person(person: PersonEntry, state: IntakeState, feature_words: Mapping[str, str]) -> dict[str, Any]:
    unknown = person.name_unknown
    result: dict[str, Any] = {
        "ref": person.key, "role": person.role,
        "given_names": None if unknown else _text_or_none(person.given_names),
        "family_names": None if unknown else _text_or_none(person.family_names),
        "sex": person.sex,
    }
    if person.birth_date.strip():
        result["birth_date"] = person.birth_date.strip()
    if person.age_estimate_years is not None:
        result["age_estimate_years"] = _number(person.age_estimate_years)
    if person.nationality:
        result["nationality"] = person.nationality
    if person.languages:
        result["languages"] = list(dict.fromkeys(person.languages))
    if person.role == CHILD and person.preverbal:
        result["preverbal"] = True
    description = describe(person, feature_words)
    if description:
        result["description"] = description
    if person.role == CHILD and person.arrived_without_adult and not state.adults():
        result["arrived_without_adult"] = True
    return result


def describe(person: PersonEntry, feature_words: Mapping[str, str] = FEATURE_WORDS) -> str:
    """The document's one description text: a pre-verbal child's features ("hair: black; eyes:
    brown; …"), then whatever else was written. Features count only while "pre-verbal" is ticked
    (they are shown only then: what is saved is what the agent sees)."""
    parts = []
    if person.role == CHILD and person.preverbal:
        for name in FEATURES:
            text = " ".join(person.features.get(name, "").split())
            if text:
                parts.append(f"{feature_words.get(name, name)}: {text}")
    free = person.description.strip()
    if free:
        parts.append(free)
    return "; ".join(parts)


def _link(entry: LinkEntry) -> dict[str, Any]:
    return {"from": entry.adult, "to": entry.child, "relationship": entry.relationship,
            "provenance": entry.provenance}


def _text_or_none(text: str) -> str | None:
    return text.strip() or None


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value
