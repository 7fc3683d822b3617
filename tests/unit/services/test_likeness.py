"""Scoring a person being registered against one on record (``services/likeness.py``, pure): the
issue's "Rosa Tzoc Aju" is "Rosa Elvira Tzoc Ajú" (a second given name dropped, an accent left
out), and so are typos in the first letters; people who only look alike stay apart. Invented people."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from app.services.likeness import THRESHOLD, likeness, name_likeness

TODAY = date(2026, 12, 1)
ROSA = {"given_names": "Rosa Elvira", "family_names": "Tzoc Ajú", "sex": "female", "birth_date": "1991-04-17",
        "nationality": "GT"}


def _score(**new: Any) -> int:
    return likeness({**ROSA, **new}, ROSA, today=TODAY).score


@pytest.mark.parametrize("given, family", [
    ("Rosa", "Tzoc Aju"),            # the example: a second given name dropped, no accent
    ("Rosa Elvira Tzoc", "Ajú"),     # (the whole name, split in another place: still her)
    ("Rosa", "Tzoc"),                # a second given name and a family name left out
    ("Rosa Elvira", "Tsoc Ajú"),     # a typo in the first letters of a family name
    ("Rsa Elvira", "Tzoc Ajú"),      # a letter left out of the first letters of a given name
    ("Rsa", "Tsoc Aju"),             # both, and a second given name dropped
    ("Rosa Elvira", "Tzoc Xjú"),     # a first letter wrong, which sorts the words otherwise
    ("ROSA ELVIRA", "Ajú Tzoc"),     # case, the family names swapped
])
def test_the_same_person_written_another_way_is_a_candidate(given: str, family: str) -> None:
    assert _score(given_names=given, family_names=family) >= THRESHOLD


def test_a_second_given_name_added_counts_as_much_as_one_dropped() -> None:
    short = {"given_names": "Rosa", "family_names": "Tzoc Ajú"}
    assert name_likeness(ROSA, short) == name_likeness(short, ROSA) >= 90


@pytest.mark.parametrize("given, family, other", [
    ("Elvira", "Tzoc Ajú", {"birth_date": "1985-06-01"}),  # her second given name, six years apart
    ("José", "García López", {}),                          # nothing alike
    ("Rosa Elvira", "Tzoc Ajú", {"sex": "male", "birth_date": "1960-01-01"}),   # another sex and age
    ("Rosa", "Tzul Batz", {}),                             # the same first name only
    ("Rosa Elvira", "Tzoc Ajú", {"birth_date": "2019-02-02", "nationality": "MX"}),  # a child of 7
])
def test_who_only_looks_alike_is_not_a_candidate(given: str, family: str, other: dict[str, Any]) -> None:
    assert _score(given_names=given, family_names=family, **other) < THRESHOLD


def test_maria_is_not_maria_jose_s_sister_jose() -> None:
    jose = {"given_names": "José", "family_names": "García López"}
    assert name_likeness(jose, {"given_names": "María José", "family_names": "García López"}) < 70
