"""What cannot be (refused) and what is merely unusual (confirmed) in a new entry's people and links."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import pytest

from app.domain import plausibility
from app.domain.document import EncounterDraft, parse_document
from app.domain.errors import ValidationError
from tests.conftest import adult, child, link

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
ENCOUNTER = {"occurred_at": "2026-11-24T14:05:00-07:00", "place": "Test crossing"}


def parse(people: list[dict[str, Any]], links: list[dict[str, Any]] | None = None) -> EncounterDraft:
    raw = json.dumps({"encounter": ENCOUNTER, "families": [{"people": people, "links": links or []}]})
    return parse_document(raw.encode(), now=NOW)


def refused(people: list[dict[str, Any]], links: list[dict[str, Any]] | None = None) -> list[tuple[str, str]]:
    with pytest.raises(ValidationError) as caught:
        parse(people, links)
    return [(p.where, p.message) for p in caught.value.problems]


def unusual(people: list[dict[str, Any]], links: list[dict[str, Any]] | None = None) -> list[tuple[str, str]]:
    draft = parse(people, links)
    return [(f.where, f.message) for f in plausibility.unusual(draft.families, draft.encounter)]


def mother(age: dict[str, Any], of: dict[str, Any], relationship: str = "mother") -> tuple[list[dict[str, Any]],
                                                                                            list[dict[str, Any]]]:
    return [adult("m", **age), child("c", **of)], [link("m", "c", relationship)]


# --- refused: what cannot be -----------------------------------------------------------------------

def test_a_four_year_old_mother_of_a_three_year_old_is_refused() -> None:
    people, links = mother({"age_estimate_years": 4}, {"age_estimate_years": 3})
    assert refused(people, links) == [
        ("families[0].people[0].age_estimate_years", "'m' is an adult about 4 years old: an adult is at least 12; "
                                                     "check the age, or register them as a child"),
        ("families[0].links[0]", "'m' is the mother of 'c', but is not 10 years older ('m' about 4 years old, "
                                 "'c' about 3 years old); check the ages or the relationship")]


def test_an_adult_aged_two_is_refused() -> None:
    assert [w for w, _ in refused([adult("a", age_estimate_years=2)])] == ["families[0].people[0].age_estimate_years"]


def test_a_child_born_in_1950_is_refused() -> None:
    (where, message), = refused([child("c", birth_date="1950-05-01", arrived_without_adult=True)])
    assert where == "families[0].people[0].birth_date" and "'c' is a child 76 years old" in message


def test_a_father_with_birth_dates_eight_years_older_is_refused() -> None:
    people, links = mother({"birth_date": "2004-01-01"}, {"birth_date": "2012-01-01"}, "father")
    assert [w for w, _ in refused(people, links)] == ["families[0].links[0]"]


def test_a_grandmother_fifteen_years_older_is_refused() -> None:
    people, links = mother({"birth_date": "1995-01-01"}, {"birth_date": "2010-01-01"}, "grandparent")
    assert [w for w, _ in refused(people, links)] == ["families[0].links[0]"]


@pytest.mark.parametrize(("name", "said"), [
    ('"Ana"', '"Ana" is written in quotes: give the name without them'),
    ('["Ana"]', '["Ana"] is a list, not a name: give the name as text'),
    ('{"a":1}', '{"a":1} is an object, not a name: give the name as text'),
    ("12", "12 is a number, not a name"),
])
def test_a_name_written_as_json_or_a_number_is_refused(name: str, said: str) -> None:
    assert refused([adult("a", given=name)]) == [("families[0].people[0].given_names", said)]


# --- unusual: confirmed by the agent -----------------------------------------------------------------

def test_an_adult_marked_preverbal_is_unusual() -> None:
    assert unusual([adult("a", age_estimate_years=30, preverbal=True)]) == [
        ("families[0].people[0].preverbal", "'a' is an adult marked pre-verbal (cannot yet say who they are)")]


def test_a_parent_twelve_years_older_is_unusual() -> None:
    people, links = mother({"birth_date": "1999-01-01"}, {"birth_date": "2011-01-01"})
    assert unusual(people, links) == [
        ("families[0].links[0]", "'m' is the mother of 'c', only 12 years older ('m' 27 years old, 'c' 15 years old)")]


def test_a_child_aged_seventeen_as_a_mother_is_unusual() -> None:
    people = [child("t", birth_date="2009-06-01", arrived_without_adult=True),
              child("b", age_estimate_years=0.5, arrived_without_adult=True)]
    assert unusual(people, [link("t", "b")]) == [
        ("families[0].links[0]", "'t' is the mother of 'b', but is registered as a child")]


@pytest.mark.parametrize(("person", "where"), [
    (adult("a", age_estimate_years=15), "families[0].people[0].age_estimate_years"),  # a minor as an adult
    (adult("a", age_estimate_years=11), "families[0].people[0].age_estimate_years"),  # 11 may be 13 by sight
    (child("c", age_estimate_years=19, arrived_without_adult=True), "families[0].people[0].age_estimate_years"),
    (child("c", age_estimate_years=8, preverbal=True, arrived_without_adult=True), "families[0].people[0].preverbal"),
])
def test_ages_at_the_edge_of_the_role_are_unusual(person: dict[str, Any], where: str) -> None:
    assert [w for w, _ in unusual([person])] == [where]


def test_estimates_near_the_limit_are_unusual_not_refused() -> None:
    people, links = mother({"age_estimate_years": 20}, {"age_estimate_years": 12})  # 8 apart, by sight
    assert [w for w, _ in unusual(people, links)] == ["families[0].links[0]"]


# --- what must pass without a word ------------------------------------------------------------------

@pytest.mark.parametrize(("elder", "younger", "relationship"), [
    ({"age_estimate_years": 30}, {"age_estimate_years": 14}, "mother"),  # estimated ages
    ({"age_estimate_years": 55}, {"age_estimate_years": 6}, "grandparent"),
    ({"age_estimate_years": 19}, {"age_estimate_years": 17}, "sibling"),  # close in age
    ({"age_estimate_years": 20}, {"age_estimate_years": 17}, "aunt_uncle"),
    ({}, {"age_estimate_years": 3}, "mother"),  # an age not known is not judged
])
def test_real_families_pass(elder: dict[str, Any], younger: dict[str, Any], relationship: str) -> None:
    people, links = mother(elder, younger, relationship)
    assert unusual(people, links) == []


def test_a_sixteen_year_old_mother_of_a_newborn_is_no_impossible_mother() -> None:
    people, links = mother({"birth_date": "2010-06-01"}, {"birth_date": "2026-10-01"})
    assert unusual(people, links) == [("families[0].people[0].birth_date",  # (as an adult: a minor, to confirm)
                                       "'m' is an adult 16 years old: a minor registered as an adult")]


def test_the_documented_examples_pass() -> None:
    people = [adult("m", age_estimate_years=30), adult("p", given="Tomás"),
              child("t", birth_date="2012-06-01"), child("b", age_estimate_years=0.5, preverbal=True)]
    links = [link("m", "t"), link("m", "b"), link("p", "t", "father"), link("p", "b", "unknown"),
             link("t", "b", "sibling")]
    assert unusual(people, links) == []


def test_a_correction_is_refused_only_for_what_it_brings() -> None:
    on = date(2026, 11, 24)
    rows = [{"id": "m", "role": "adult", "age_estimate_years": 4}, {"id": "c", "role": "child",
                                                                    "age_estimate_years": 3}]  # (written before)
    links = plausibility.record_links([{"from_person": "m", "to_person": "c", "relationship": "mother"}])
    before = plausibility.findings(plausibility.record_people(rows, on, lambda r: r["id"]), links)
    renamed = plausibility.findings(plausibility.record_people(rows, on, lambda r: r["id"]), links)
    assert plausibility.brought(before, renamed) == []  # an old impossible record can still be corrected
    grown = [{"id": "m", "role": "adult", "birth_date": "2000-01-01"}, {"id": "c", "role": "child",
                                                                         "birth_date": "2008-01-01"}]
    after = plausibility.findings(plausibility.record_people(grown, on, lambda r: r["id"]), links)
    assert [f.rule for f in plausibility.brought([], after)] == ["age_gap"]
