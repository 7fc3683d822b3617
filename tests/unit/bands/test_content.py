"""What a band says: name or "unknown", band and family numbers, age, role; an adult's band lists
the children's band numbers. Nothing else (no nationality, no sex, no description)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from app.bands import content
from app.domain.bandnumber import format_band_number, make_band_number

TODAY = date(2026, 11, 24)


def person(pid: str, role: str, given: str | None, family: str | None, **extra: Any) -> dict[str, Any]:
    return {"id": pid, "role": role, "given_names": given, "family_names": family, "sex": "female",
            "birth_date": None, "age_estimate_years": None, "nationality": "GT", "preverbal": False,
            "description": "red cap, birthmark left wrist", "band": None, **extra}


def view(*people: dict[str, Any], links: list[tuple[str, str]] = ()) -> dict[str, Any]:  # type: ignore[assignment]
    return {"id": "f1", "number": "K7QXM-12", "people": list(people),
            "links": [{"from": a, "to": b, "relationship": "mother"} for a, b in links]}


def _band(key: str) -> str:
    return make_band_number("K7QXM", {"adult": 1, "child": 2, "baby": 3, "other": 4}[key])


def test_adult_band_lists_the_linked_childrens_band_numbers_and_nothing_personal() -> None:
    adult = person("a1", "adult", "Ixchel", "Batz'ín Quixabé", birth_date="1997-03-02", band=_band("adult"))
    child = person("c1", "child", "Tzunun", "Quixabé Batz", age_estimate_years=7, band=_band("child"))
    baby = person("c2", "child", None, None, age_estimate_years=1, preverbal=True, band=_band("baby"))
    stranger = person("c3", "child", "Kawok", None, age_estimate_years=9, band=_band("other"))
    family = view(adult, child, baby, stranger, links=[("a1", "c1"), ("c2", "a1")])
    first, *others = content.family_contents(family, TODAY)
    assert first.name == "Ixchel Batz'ín Quixabé"
    # in display form, in the family's order; c3 is not linked to a1
    assert first.children == (format_band_number(child["band"]), format_band_number(baby["band"]))
    assert first.children[0].count("-") == 2
    assert (first.age, first.role, first.default_layout) == ("age 29", "adult", "adult")
    assert [o.children for o in others] == [(), (), ()]
    # a child's band names the adult they arrived with, so the link reads from either wrist
    assert [o.adults for o in others] == [(format_band_number(adult["band"]),)] * 2 + [()]
    text = " ".join(str(v) for c in (first, *others) for v in vars(c).values())
    for personal in ("GT", "female", "red cap", "1997"):
        assert personal not in text


@pytest.mark.parametrize(("given", "family", "shown"), [
    (None, None, "unknown"),
    ("Baby Boy", None, "unknown"),  # a placeholder that got past the domain is still never printed
    ("Bebé", "NN", "unknown"),
    (None, "Quixabé", "Quixabé"),
    ("  Ixchel  ", " Batz'ín ", "Ixchel Batz'ín"),
])
def test_name_or_unknown_never_a_placeholder(given: str | None, family: str | None, shown: str) -> None:
    assert content.display_name({"given_names": given, "family_names": family}) == shown


@pytest.mark.parametrize(("fields", "text"), [
    ({"birth_date": "1997-11-25"}, "age 28"),
    ({"birth_date": "1997-11-24"}, "age 29"),
    ({"birth_date": "2026-04-10"}, "age 7 mo"),
    ({"birth_date": "2026-11-20"}, "age <1 mo"),
    ({"age_estimate_years": 1}, "age ~1"),
    ({"age_estimate_years": 1.5}, "age ~1.5"),
    ({"age_estimate_years": 0.5}, "age ~6 mo"),
    ({"age_estimate_years": 0}, "age <1"),
    ({}, "age unknown"),
])
def test_age_text(fields: dict[str, Any], text: str) -> None:
    assert content.age_text(fields, TODAY) == text


@pytest.mark.parametrize(("fields", "layout"), [
    ({"role": "adult"}, "adult"),
    ({"role": "adult", "age_estimate_years": 17}, "adult"),
    ({"role": "child", "age_estimate_years": 7}, "child"),
    ({"role": "child", "age_estimate_years": 7, "preverbal": True}, "infant"),
    ({"role": "child", "age_estimate_years": 1.9}, "infant"),
    ({"role": "child", "birth_date": "2024-11-25"}, "infant"),
    ({"role": "child", "birth_date": "2024-11-24"}, "child"),
    ({"role": "child"}, "child"),
])
def test_default_layout_from_role_and_age(fields: dict[str, Any], layout: str) -> None:
    assert content.default_layout(fields, TODAY) == layout


def test_people_without_an_issued_band_are_left_out_and_named_by_id() -> None:
    family = view(person("a1", "adult", "Ixchel", None, band=_band("adult")), person("c1", "child", None, None))
    assert [c.person_id for c in content.family_contents(family, TODAY)] == ["a1"]
    assert content.people_without_band(family) == ["c1"]
    with pytest.raises(ValueError, match="no issued band"):
        content.content_of(family, family["people"][1], TODAY)
