"""What cannot be, and what is merely unusual, in the people and links of a new entry.

Every value may be valid on its own (an age of 4, the relationship "mother") and the whole still be
nonsense: a 4-year-old mother of a 3-year-old, an "adult" aged 2, a child born in 1950. Findings are
of two kinds: **impossible** (refused, with the place of the problem, as other validation
problems are) and **unusual** (real but rare: a 13-year-old mother, an adult marked pre-verbal; the
agent confirms it after checking with the family).

These checks judge new entries only: an encounter document being registered (``document``), a
correction or a value a supervisor enters (``services``). A record already written (before these
rules, at another station, pulled from the registry, replayed from the change log, shown in the
history) is never judged by them: the record rules (``records``) do not call this module, and a
correction is refused only for an impossibility it brings, not for one the record already had.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from .errors import Problem, ValidationError
from .model import Relationship, Role

if TYPE_CHECKING:
    from .document import FamilyDraft

# --- the thresholds, in years, in one place ---------------------------------------------------------
# An age from a birth date is exact. An age estimate is a guess by sight and may be off: by up to a
# fifth of itself, and at least a year (a toddler's age is guessed closer than an adult's). A value
# is refused only when it stays impossible with every estimate off that much in the favourable
# direction; when only that margin saves it, it is unusual and the agent confirms it.
ESTIMATE_SLACK_SHARE = 0.2
MIN_ESTIMATE_SLACK = 1.0
# A mother or father is at least 10 years older than the child: anything less is not a birth. Below
# 14 years it is real but rare (a 12-year-old mother), so unusual; a 16-year-old mother of a newborn
# passes without a word, and so do an "about 30" mother and her "about 14" son.
MIN_PARENT_GAP = 10.0
USUAL_PARENT_GAP = 14.0
# A grandparent spans two generations.
MIN_GRANDPARENT_GAP = 2 * MIN_PARENT_GAP
USUAL_GRANDPARENT_GAP = 2 * USUAL_PARENT_GAP
# An "adult" (the grown-up a child travels with) under 12 is a child; from 12 to 17 a minor
# registered as an adult: real (a 17-year-old mother travelling with her baby) but to confirm.
MIN_ADULT_AGE = 12.0
ADULT_AGE = 18.0
# A "child" is a minor; 18 to 21 may be a birth date off by a year or two, or a birthday on the way:
# unusual; from 22 on, not a child.
LEAST_NOT_CHILD_AGE = 22.0
# Most children say who they are by 3 or 4; a pre-verbal child older than 6 may be real (a child who
# cannot speak) but is unusual, and so is a pre-verbal adult.
USUAL_PREVERBAL_AGE = 6.0

PARENTS = frozenset({Relationship.MOTHER.value, Relationship.FATHER.value})
# What an adult is to a child: a child holding one of these towards someone is unusual.
ADULT_RELATIONSHIPS = PARENTS | {Relationship.LEGAL_GUARDIAN.value, Relationship.GRANDPARENT.value,
                                 Relationship.UNRELATED_ADULT.value}
NAME_FIELDS = ("given_names", "family_names")
_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)?")
_QUOTES = (('"', '"'), ("“", "”"), ("'", "'"))
_DAYS_PER_YEAR = 365.2425


class Unusual(ValidationError):
    """Unusual findings that were not confirmed: nothing is saved until the agent confirms them."""


@dataclass(frozen=True)
class Age:
    """A person's age in years on the day judged; ``field`` is where it came from."""

    years: float
    field: str  # "birth_date" or "age_estimate_years"

    @property
    def estimated(self) -> bool:
        return self.field == "age_estimate_years"

    @property
    def slack(self) -> float:
        return max(MIN_ESTIMATE_SLACK, ESTIMATE_SLACK_SHARE * self.years) if self.estimated else 0.0

    def shown(self) -> str:
        years = f"{self.years:g}" if self.estimated else str(int(self.years))
        return f"about {years} years old" if self.estimated else f"{years} years old"


@dataclass(frozen=True)
class Person:
    """What the checks need of a person: a key (ref or id), how messages name them, where problems
    about them go (``families[0].people[1]``, or a field name), role, age and the pre-verbal mark."""

    key: str
    label: str
    where: str
    role: str
    age: Age | None
    preverbal: bool = False


@dataclass(frozen=True)
class Link:
    """``from_key`` is the ``relationship`` of ``to_key``; ``where`` is the place of the link."""

    from_key: str
    to_key: str
    relationship: str
    where: str


@dataclass(frozen=True)
class Finding:
    """One thing found; ``rule`` and ``keys`` name it apart from its wording (to tell whether a
    correction brings it or the record already had it)."""

    rule: str
    keys: tuple[str, ...]
    where: str
    message: str
    impossible: bool

    @property
    def problem(self) -> Problem:
        return Problem(self.where, self.message)


def age_of(values: Mapping[str, Any], on: date) -> Age | None:
    """The age on ``on`` from a birth date (``YYYY-MM-DD``), else from an estimate; None if neither."""
    born = values.get("birth_date")
    if isinstance(born, str):
        try:
            return Age(max(0.0, (on - date.fromisoformat(born)).days / _DAYS_PER_YEAR), "birth_date")
        except ValueError:
            return None
    estimate = values.get("age_estimate_years")
    if isinstance(estimate, (int, float)) and not isinstance(estimate, bool) and 0 <= estimate <= 1000:
        return Age(float(estimate), "age_estimate_years")
    return None


def day_of(moment: Any, fallback: date) -> date:
    """The date of an ISO 8601 time (an encounter's), or ``fallback``."""
    try:
        return datetime.fromisoformat(str(moment)).date()
    except ValueError:
        return fallback


# --- the checks ----------------------------------------------------------------------------------------

def findings(people: Iterable[Person], links: Iterable[Link]) -> list[Finding]:
    """Everything impossible or unusual in one family unit's people and links."""
    by_key = {p.key: p for p in people}
    found = [finding for p in by_key.values() for finding in _person_findings(p)]
    for link in links:
        ends = by_key.get(link.from_key), by_key.get(link.to_key)
        if ends[0] is not None and ends[1] is not None:
            found.extend(_link_findings(link, ends[0], ends[1]))
    return found


def _person_findings(person: Person) -> list[Finding]:
    found: list[Finding] = []
    age, who = person.age, person.label

    def add(rule: str, field: str, message: str, impossible: bool) -> None:
        found.append(Finding(rule, (person.key,), _at(person.where, field), message, impossible))

    if age is not None and person.role == Role.ADULT.value:
        if age.years + age.slack < MIN_ADULT_AGE:
            add("adult_age", age.field, f"{who} is an adult {age.shown()}: an adult is at least "
                                        f"{MIN_ADULT_AGE:g}; check the age, or register them as a child", True)
        elif age.years < ADULT_AGE:
            add("adult_age", age.field, f"{who} is an adult {age.shown()}: a minor registered as an adult", False)
    if age is not None and person.role == Role.CHILD.value:
        if age.years - age.slack >= LEAST_NOT_CHILD_AGE:
            add("child_age", age.field, f"{who} is a child {age.shown()}: a child is under {ADULT_AGE:g}; check "
                                        "the birth date or the age, or register them as an adult", True)
        elif age.years >= ADULT_AGE:
            add("child_age", age.field, f"{who} is a child {age.shown()}: an adult registered as a child", False)
    if person.preverbal and person.role == Role.ADULT.value:
        add("preverbal", "preverbal", f"{who} is an adult marked pre-verbal (cannot yet say who they are)", False)
    elif person.preverbal and age is not None and age.years >= USUAL_PREVERBAL_AGE:
        add("preverbal", "preverbal", f"{who} is marked pre-verbal at {age.shown()}", False)
    return found


def _link_findings(link: Link, elder: Person, younger: Person) -> list[Finding]:
    found: list[Finding] = []
    keys = (elder.key, younger.key)
    said = f"{elder.label} is the {link.relationship.replace('_', ' ')} of {younger.label}"
    if elder.role == Role.CHILD.value and link.relationship in ADULT_RELATIONSHIPS:
        found.append(Finding("child_as_adult", keys, link.where,
                             f"{said}, but is registered as a child", False))
    least, usual = ((MIN_PARENT_GAP, USUAL_PARENT_GAP) if link.relationship in PARENTS else
                    (MIN_GRANDPARENT_GAP, USUAL_GRANDPARENT_GAP) if link.relationship == Relationship.GRANDPARENT.value
                    else (None, None))
    if least is None or usual is None or elder.age is None or younger.age is None:
        return found
    gap = elder.age.years - younger.age.years
    best = gap + elder.age.slack + younger.age.slack
    ages = f"{elder.label} {elder.age.shown()}, {younger.label} {younger.age.shown()}"
    if best < least:
        found.append(Finding("age_gap", keys, link.where, f"{said}, but is not {least:g} years older ({ages}); "
                                                          "check the ages or the relationship", True))
    elif gap < usual:
        found.append(Finding("age_gap", keys, link.where, f"{said}, only {max(gap, 0):.0f} years older ({ages})",
                             False))
    return found


def name_problem(value: Any) -> str | None:
    """What is wrong with a name's text that only looks like a name: a value written as JSON (in
    quotes, a list, an object) or a number. None for a name (or null)."""
    if not isinstance(value, str):
        return None
    text = value.strip()
    if len(text) >= 2 and any(text.startswith(a) and text.endswith(b) for a, b in _QUOTES):
        return f"{text} is written in quotes: give the name without them"
    if text[:1] in "[{" and text[-1:] in "]}":
        kind = "a list" if text.startswith("[") else "an object"
        return f"{_cut(text)} is {kind}, not a name: give the name as text"
    if _NUMBER.fullmatch(text):
        return f"{text} is a number, not a name"
    return None


def _cut(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "…"


def _at(where: str, field: str) -> str:
    return f"{where}.{field}" if where else field


# --- an encounter document -------------------------------------------------------------------------------

def draft_findings(families: Sequence[FamilyDraft | None], on: date,
                   label: Callable[[str], str] = repr) -> list[Finding]:
    """Every finding of an encounter document's families (ages on ``on``, the encounter's day), with
    places in the document (``families[0].people[1].age_estimate_years``, ``families[0].links[2]``);
    ``label`` names a person by their ref."""
    found: list[Finding] = []
    for i, family in enumerate(families):
        if family is None:  # (could not be read; its problems are reported already)
            continue
        people = [Person(p.ref, label(p.ref), f"families[{i}].people[{j}]", str(p.values.get("role")),
                         age_of(p.values, on), bool(p.values.get("preverbal")))
                  for j, p in enumerate(family.people)]
        for person, draft in zip(people, family.people, strict=True):
            for field in NAME_FIELDS:
                problem = name_problem(draft.values.get(field))
                if problem is not None:
                    found.append(Finding("name", (person.key, field), f"{person.where}.{field}", problem, True))
        links = [Link(x.from_ref, x.to_ref, x.relationship, f"families[{i}].links[{k}]")
                 for k, x in enumerate(family.links)]
        found.extend(findings(people, links))
    return found


# --- a correction of records already written ----------------------------------------------------------------

def record_people(rows: Iterable[Mapping[str, Any]], on: date, label: Callable[[Mapping[str, Any]], str],
                  where: str = "") -> list[Person]:
    """Stored person rows as the checks see them (``where``: the field a correction names)."""
    return [Person(str(r["id"]), label(r), where, str(r.get("role")), age_of(r, on), bool(r.get("preverbal")))
            for r in rows]


def record_links(rows: Iterable[Mapping[str, Any]], where: str = "") -> list[Link]:
    return [Link(str(r["from_person"]), str(r["to_person"]), str(r.get("relationship")), where) for r in rows]


def brought(before: Iterable[Finding], after: Iterable[Finding]) -> list[Finding]:
    """The impossible findings of ``after`` that ``before`` did not have (by rule and people): what a
    correction would bring. An impossibility the record had already does not stop a correction."""
    had = {(f.rule, f.keys) for f in before if f.impossible}
    return [f for f in after if f.impossible and (f.rule, f.keys) not in had]


def unusual(families: Sequence[FamilyDraft], encounter: Mapping[str, Any],
            label: Callable[[str], str] = repr) -> list[Finding]:
    """What is unusual in a parsed document (its impossibilities were refused by the parser): for the
    agent to confirm before the families are registered."""
    on = day_of(encounter.get("occurred_at"), date.today())
    return [finding for finding in draft_findings(families, on, label) if not finding.impossible]
