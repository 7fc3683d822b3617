"""Is this person registered already? Scoring a new person against a person on record, from names
(accents, case, word order, two family names in either order, typos), birth date or age, sex,
nationality and family context, with the reasons in words. Pure: the store finds the candidates.

A score of 100 means everything that can be compared agrees; ``THRESHOLD`` and above is shown to the
agent before saving. Names dominate: without similar names nothing else makes a match.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz

from app.domain.names import fold

THRESHOLD = 75
NAME_FLOOR = 70  # names less alike than this are never a candidate
DROPPED_GIVEN_NAME = 0.92  # "Rosa" against "Rosa Elvira": 92, as alike as a typo in a short name


@dataclass(frozen=True)
class Likeness:
    """``reasons``: (what, detail) pairs, for the caller to put in words: ("names_alike", 92),
    ("same_birth_date", None), ("same_age", None), ("ages_apart", 7), ("different_sex", None),
    ("same_nationality", None), ("different_nationality", None), ("similar_relative", "Rosa Tzul")."""

    score: int
    reasons: tuple[tuple[str, Any], ...]


# A check scores hundreds of people sharing a few names: each name is folded once, not per comparison.
_fold = lru_cache(maxsize=8192)(fold)


def _part(person: Mapping[str, Any], key: str) -> str:
    value = person.get(key)
    return _fold(value) if isinstance(value, str) else ""


def _names(person: Mapping[str, Any]) -> str:
    return " ".join(p for p in (_part(person, "given_names"), _part(person, "family_names")) if p)


def name_likeness(a: Mapping[str, Any], b: Mapping[str, Any]) -> int:
    """0-100: given names with given names (word order, small typos and a second given name left out
    cost little, but "José" is not "María José"), family names with family names (one of two left out still scores high:
    "García" against "García López"), also with the two put in each other's place; when either side
    lacks a given or a family name, the whole names, less surely."""
    ga, fa, gb, fb = (_part(p, k) for p in (a, b) for k in ("given_names", "family_names"))
    if not (ga or fa) or not (gb or fb):
        return 0

    def families(x: str, y: str) -> float:
        return max(_words_likeness(x, y), 0.95 * fuzz.token_set_ratio(x, y))

    if ga and fa and gb and fb:
        straight = min(_given_likeness(ga, gb), families(fa, fb))
        swapped = min(_given_likeness(ga, fb), families(fa, gb))
        return int(round(max(straight, swapped)))
    return int(round(0.9 * fuzz.token_sort_ratio(_names(a), _names(b))))


def _words_likeness(a: str, b: str) -> float:
    """Words with words, in either order; as written too, since sorting them is thrown by a typo in a
    first letter ("wuxubel xerquiz" sorts otherwise than "wuqubel perquiz")."""
    return max(fuzz.ratio(a, b), fuzz.token_sort_ratio(a, b))


def _given_likeness(a: str, b: str) -> float:
    """Given names (folded) with given names: word order and typos cost little; a second given name
    dropped or added ("Rosa" for "Rosa Elvira", one typo allowed: "Rsa") costs a little more, but
    only the *first* words count then, so "José" is not "María José"."""
    straight = _words_likeness(a, b)
    short, long_ = sorted((a.split(), b.split()), key=len)
    if len(short) == len(long_):
        return straight
    return max(straight, DROPPED_GIVEN_NAME * fuzz.ratio(" ".join(short), " ".join(long_[:len(short)])))


def _age_on(person: Mapping[str, Any], today: date) -> float | None:
    born = person.get("birth_date")
    if isinstance(born, str):
        try:
            day = date.fromisoformat(born)
        except ValueError:
            day = None
        if day is not None:
            return (today - day).days / 365.25
    years = person.get("age_estimate_years")
    return float(years) if isinstance(years, (int, float)) and not isinstance(years, bool) else None


def likeness(new: Mapping[str, Any], known: Mapping[str, Any], *, today: date,
             new_family: Iterable[Mapping[str, Any]] = (), known_family: Iterable[Mapping[str, Any]] = ()) -> Likeness:
    """How likely ``known`` (on record) is ``new`` (being registered), and why."""
    names = name_likeness(new, known)
    if names < NAME_FLOOR:
        return Likeness(0, ())
    score = names
    reasons: list[tuple[str, Any]] = [("names_alike", names)]
    if new.get("birth_date") and new.get("birth_date") == known.get("birth_date"):
        score += 15
        reasons.append(("same_birth_date", None))
    else:
        ages = _age_on(new, today), _age_on(known, today)
        if ages[0] is not None and ages[1] is not None:
            gap = abs(ages[0] - ages[1])
            if gap <= 2:
                score += 5
                reasons.append(("same_age", None))
            elif gap > 5:
                score -= int(min(40, 4 * gap))
                reasons.append(("ages_apart", round(gap)))
    sexes = new.get("sex"), known.get("sex")
    if all(s in {"female", "male"} for s in sexes) and sexes[0] != sexes[1]:
        score -= 25
        reasons.append(("different_sex", None))
    nations = new.get("nationality"), known.get("nationality")
    if all(nations):
        if nations[0] == nations[1]:
            score += 5
            reasons.append(("same_nationality", None))
        else:
            score -= 10
            reasons.append(("different_nationality", None))
    relatives = [k for k in known_family if k.get("id") != known.get("id")]
    kin = [k for k in relatives if any(name_likeness(n, k) >= 85 for n in new_family if n is not new)]
    if kin:
        score += 10
        shown = " ".join(str(p) for p in (kin[0].get("given_names"), kin[0].get("family_names")) if p)
        reasons.append(("similar_relative", shown or None))
    return Likeness(max(0, min(100, score)), tuple(reasons))
