"""Invariant 1, in one place: every child is linked to every adult of its unit, or arrived without one."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .errors import Problem
from .model import Role


@dataclass(frozen=True)
class Member:
    """What the rule needs to know of a person: an id, a label for messages, role and the mark."""

    key: str
    label: str
    role: str
    arrived_without_adult: bool = False


def family_problems(members: Iterable[Member], links: Iterable[tuple[str, str]]) -> list[Problem]:
    """Problems that make a family unit break invariant 1 (an empty list when it holds).

    ``links`` are (from, to) pairs of member keys; a link counts in either direction.
    """
    people = list(members)
    adults = [m for m in people if m.role == Role.ADULT]
    linked: dict[str, set[str]] = {m.key: set() for m in people}
    for a, b in links:
        linked.setdefault(a, set()).add(b)
        linked.setdefault(b, set()).add(a)
    problems: list[Problem] = []
    for child in (m for m in people if m.role == Role.CHILD):
        problems.extend(_child_problems(child, adults, linked[child.key]))
    return problems


def _child_problems(child: Member, adults: list[Member], linked: set[str]) -> list[Problem]:
    where = f"child {child.label}"
    if not adults:
        if child.arrived_without_adult:
            return []
        return [Problem(where, 'has no adult in its family unit: mark it "arrived_without_adult": true, '
                               "or add the adults it arrived with")]
    if child.arrived_without_adult:
        names = ", ".join(a.label for a in adults)
        return [Problem(where, f'is marked "arrived_without_adult" but its family unit has adult(s) {names}; '
                               "link the child to them (the relationship may be \"unknown\") instead")]
    missing = [a.label for a in adults if a.key not in linked]
    if missing:
        return [Problem(where, f"has no link to adult(s) {', '.join(missing)} of its family unit; "
                               'add a link to each (the relationship may be "unknown")')]
    return []


def members_from_rows(people: Iterable[Mapping[str, object]], id_key: str = "id") -> list[Member]:
    return [
        Member(str(p[id_key]), str(p[id_key]), str(p["role"]), bool(p.get("arrived_without_adult")))
        for p in people
    ]
