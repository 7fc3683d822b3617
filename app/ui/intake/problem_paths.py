"""Where a problem the domain found belongs in the wizard: its step, person and field.

Pure Python, no Qt. The domain names each problem's place in the encounter document
(``families[0].people[1].birth_date``, ``encounter.place``, ``families[0]: child 'c1'``); the
document was built by :mod:`document_builder` from the wizard's state, so each place maps back
to the step and the field the agent typed it in.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from app.domain import plausibility
from app.domain.document import parse_document
from app.domain.errors import ValidationError

from .document_builder import IntakeState, build_document, emitted_links, encode

ENCOUNTER, PEOPLE, RELATIONSHIPS, REVIEW = "encounter", "people", "relationships", "review"
STEPS = (ENCOUNTER, PEOPLE, RELATIONSHIPS, REVIEW)

_ENCOUNTER = re.compile(r"^encounter(?:\.(?P<field>\w+))?$")
_PERSON = re.compile(r"^families\[0\]\.people\[(?P<index>\d+)\](?:\.(?P<field>\w+))?")
_LINK = re.compile(r"^families\[0\]\.links\[(?P<index>\d+)\]")
_CHILD = re.compile(r"^families\[0\]: child '(?P<ref>[^']+)'$")


@dataclass(frozen=True)
class Location:
    """A step; for the people step the person's key and the field; for the grid the child's key
    and (for a cell) the adult's key. ``field`` is a document key (``birth_date``) or None."""

    step: str
    person: str | None = None
    field: str | None = None
    other: str | None = None


def locate(where: str, state: IntakeState) -> Location:
    """The place in the wizard of a problem at ``where``; the review step when nothing fits."""
    if match := _ENCOUNTER.match(where):
        return Location(ENCOUNTER, field=match["field"])
    if match := _PERSON.match(where):
        index = int(match["index"])
        if index < len(state.people):
            return Location(PEOPLE, state.people[index].key, match["field"])
    if match := _LINK.match(where):
        links = emitted_links(state)
        index = int(match["index"])
        if index < len(links):
            return Location(RELATIONSHIPS, links[index].child, "relationship", links[index].adult)
    if (match := _CHILD.match(where)) and state.person(match["ref"]) is not None:
        return Location(RELATIONSHIPS, match["ref"])
    return Location(REVIEW)


def unusual_findings(state: IntakeState, names: Mapping[str, str], now: datetime) -> list[tuple[Location, str]]:
    """What is unusual in what was typed (``domain.plausibility``), each finding with its place in the
    wizard and the people named as the wizard names them (``names`` by key); nothing while the
    document has problems (those are shown first)."""
    try:
        draft = parse_document(encode(build_document(state)), now=now)
    except ValidationError:
        return []
    return [(locate(f.where, state), f.message)
            for f in plausibility.unusual(draft.families, draft.encounter, lambda ref: names.get(ref, ref))]
