"""A correction (or a value a supervisor enters to settle a conflict) that would make a record
impossible is refused (``domain.plausibility``): an age, birth date, role or pre-verbal mark of a
person, a link's relationship, a name written as JSON or a number. Only what the change brings is
refused: a record that was already impossible (written before these rules, or at a station that
had none) can still be corrected, and is never hidden or refused for it."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection

from app.domain import plausibility
from app.domain.errors import Problem, ValidationError
from app.store import queries
from app.store.changelog import load_row, load_rows

# What a change to these fields can make impossible.
_PERSON_FIELDS = frozenset({"role", "birth_date", "age_estimate_years", "preverbal"})


def refuse_impossible(conn: Connection, entity: str, row: Mapping[str, Any], field: str, value: Any) -> None:
    """Refuse (``ValidationError`` at ``field``, naming the people) when setting ``field`` of ``row``
    to the clean ``value`` brings an impossibility into its family unit."""
    if entity == "person" and field in plausibility.NAME_FIELDS:
        problem = plausibility.name_problem(value)
        if problem is not None:
            raise ValidationError.one(field, problem)
        return
    if not (entity == "person" and field in _PERSON_FIELDS or entity == "link" and field == "relationship"):
        return
    people, links, on = _unit(conn, entity, row)
    if entity == "person":
        after_people = [dict(p, **{field: value}) if p["id"] == row["id"] else p for p in people]
        after_links = links
    else:
        after_people = people
        after_links = [dict(x, **{field: value}) if x["id"] == row["id"] else x for x in links]
    before = _findings(people, links, on, field)
    brought = plausibility.brought(before, _findings(after_people, after_links, on, field))
    if brought:
        raise ValidationError([Problem(field, finding.message) for finding in brought])


def _unit(conn: Connection, entity: str, row: Mapping[str, Any]) -> tuple[list[dict[str, Any]],
                                                                          list[dict[str, Any]], Any]:
    """The people and links of the family unit the record belongs to, and the day of its encounter
    (ages are judged as they were then)."""
    person = row if entity == "person" else load_row(conn, "person", str(row["to_person"]))
    family_id = person.get("family_id") if person else None
    people = load_rows(conn, "person", "family_id", [family_id]) if family_id else []
    if entity == "link":  # (its two ends, wherever they are)
        known = {p["id"] for p in people}
        people += [p for p in (load_row(conn, "person", str(row[end])) for end in ("from_person", "to_person"))
                   if p is not None and p["id"] not in known]
    links = queries.links_of(conn, [p["id"] for p in people])
    family = load_row(conn, "family", str(family_id)) if family_id else None
    encounter = load_row(conn, "encounter", str(family["encounter_id"])) if family else None
    today = datetime.now(UTC).date()
    return people, links, plausibility.day_of((encounter or {}).get("occurred_at"), today)


def _findings(people: list[dict[str, Any]], links: list[dict[str, Any]], on: Any,
              field: str) -> list[plausibility.Finding]:
    return plausibility.findings(plausibility.record_people(people, on, _label, field),
                                 plausibility.record_links(links, field))


def _label(row: Mapping[str, Any]) -> str:
    names = " ".join(str(row[k]) for k in ("given_names", "family_names") if row.get(k))
    return names or f"the {row.get('role') or 'person'} whose name is not known"
