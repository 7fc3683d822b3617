"""The intake wizard's state → the encounter document (v1), and domain problems → wizard places.

Pure Python: no Qt is imported (checked below), the document is judged by the domain's own parser.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime

import pytest

from app.domain.document import parse_document
from app.domain.errors import ValidationError
from app.ui.intake.document_builder import (
    EncounterEntry,
    Gap,
    IntakeState,
    LinkEntry,
    PersonEntry,
    build_document,
    describe,
    emitted_links,
    encode,
    gaps,
)
from app.ui.intake.problem_paths import ENCOUNTER, PEOPLE, RELATIONSHIPS, REVIEW, Location, locate
from tests.conftest import EXAMPLE_DOCUMENT

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
WHEN = "2026-11-24T14:05:00-07:00"


def mother_and_baby() -> IntakeState:
    """The family of docs/examples/encounter.json, as the wizard would hold it."""
    mother = PersonEntry("a1", "adult", given_names=" María José ", family_names="García López", sex="female",
                         birth_date="1990-03-02", nationality="GT", languages=["es", "quc"])
    baby = PersonEntry("c1", "child", name_unknown=True, sex="male", age_estimate_years=1.0, preverbal=True,
                       description="red cap, birthmark left wrist")
    return IntakeState(EncounterEntry(WHEN, "Sasabe port, sector Tucson", 31.3, -110.9), [mother, baby],
                       [LinkEntry("a1", "c1", "mother", "claimed")])


def family_of_five() -> IntakeState:
    adults = [PersonEntry("a1", "adult", "Ixchel", "Batz'ín", sex="female"),
              PersonEntry("a2", "adult", "Tz'unun", "Quixabé", sex="male")]
    children = [PersonEntry(f"c{i}", "child", f"Niño{i}" if i < 3 else "", sex="unknown", name_unknown=i == 3)
                for i in (1, 2, 3)]
    links = [LinkEntry(a.key, c.key, "unknown") for c in children for a in adults]
    return IntakeState(EncounterEntry(WHEN, "Test crossing"), [*adults, *children], links)


def test_the_example_family_builds_the_documented_example() -> None:
    built = build_document(mother_and_baby())
    example = json.loads(EXAMPLE_DOCUMENT.read_text())
    assert built == example
    parse_document(encode(built), now=NOW)  # and the domain accepts it


def test_names_are_kept_as_typed_and_an_unknown_name_is_null_even_if_something_was_typed() -> None:
    state = mother_and_baby()
    state.people[1].given_names = "Baby Boy"  # typed, then "Name unknown" ticked: not saved
    people = build_document(state)["families"][0]["people"]
    assert (people[0]["given_names"], people[0]["family_names"]) == ("María José", "García López")
    assert (people[1]["given_names"], people[1]["family_names"]) == (None, None)
    assert "María José" in encode(build_document(state)).decode("utf-8")  # UTF-8, not \\u escapes


def test_one_name_may_be_unknown_while_the_other_is_known() -> None:
    state = mother_and_baby()
    state.people[0].family_names = "  "
    assert build_document(state)["families"][0]["people"][0]["family_names"] is None


def test_optional_keys_are_left_out_when_empty() -> None:
    person = build_document(IntakeState(EncounterEntry(WHEN, "x"), [PersonEntry("a1", "adult", "Ana", sex="other")]))
    assert person["families"][0]["people"][0] == {"ref": "a1", "role": "adult", "given_names": "Ana",
                                                 "family_names": None, "sex": "other"}
    assert person["encounter"] == {"occurred_at": WHEN, "place": "x"}
    assert person["families"][0]["links"] == []


def test_a_preverbal_childs_features_go_into_the_description_in_the_words_given() -> None:
    baby = PersonEntry("c1", "child", preverbal=True, description=" found with a blue bottle ",
                       features={"hair": "black,  short", "eyes": "", "marks": "mole on the chin",
                                 "clothing": "red cap"})
    assert describe(baby) == "hair: black, short; marks: mole on the chin; clothing: red cap; found with a blue bottle"
    words = {"hair": "pelo", "eyes": "ojos", "marks": "marcas", "clothing": "ropa"}
    assert describe(baby, words).startswith("pelo: black, short; marcas: mole on the chin; ropa: red cap")
    baby.preverbal = False  # the features are shown only for a pre-verbal child, so only then saved
    assert describe(baby) == "found with a blue bottle"


def test_ages_are_numbers_and_whole_years_are_integers() -> None:
    state = mother_and_baby()
    state.people[1].age_estimate_years = 0.5
    assert build_document(state)["families"][0]["people"][1]["age_estimate_years"] == 0.5
    state.people[1].age_estimate_years = 3.0
    assert build_document(state)["families"][0]["people"][1]["age_estimate_years"] == 3


def test_arrived_without_adult_is_written_only_for_a_unit_without_adults() -> None:
    alone = PersonEntry("c1", "child", "Wilmer", sex="male", arrived_without_adult=True)
    state = IntakeState(EncounterEntry(WHEN, "Nogales"), [alone])
    assert build_document(state)["families"][0]["people"][0]["arrived_without_adult"] is True
    parse_document(encode(build_document(state)), now=NOW)
    state.people.insert(0, PersonEntry("a1", "adult", "Ana", sex="female"))
    assert "arrived_without_adult" not in build_document(state)["families"][0]["people"][1]


def test_links_read_adult_is_the_relationship_of_child_and_unchosen_cells_are_not_written() -> None:
    state = family_of_five()
    state.links[0].relationship = "mother"
    state.links[0].provenance = "observed"
    state.links[1].relationship = None
    links = build_document(state)["families"][0]["links"]
    assert links[0] == {"from": "a1", "to": "c1", "relationship": "mother", "provenance": "observed"}
    assert len(links) == 5 and ("a2", "c1") not in [(x["from"], x["to"]) for x in links]


def test_links_of_removed_people_are_not_written() -> None:
    state = family_of_five()
    state.people = [p for p in state.people if p.key != "c2"]
    assert {x.child for x in emitted_links(state)} == {"c1", "c3"}


def test_gaps_name_what_is_still_unsaid_in_the_wizards_order() -> None:
    state = family_of_five()
    state.people[3].given_names = ""  # c2: nothing typed, "name unknown" not ticked
    state.links[3].relationship = None  # a2 × c2
    del state.links[5]  # a2 × c3: never chosen
    assert gaps(state) == [Gap("name", "c2"), Gap("cell", "c2", "a2"), Gap("cell", "c3", "a2")]
    state.people = [p for p in state.people if p.role == "child"]
    assert gaps(state) == [Gap("name", "c2"), Gap("alone", "c1"), Gap("alone", "c2"), Gap("alone", "c3")]


def test_a_complete_state_has_no_gaps_and_the_domain_accepts_it() -> None:
    state = family_of_five()
    assert gaps(state) == []
    parse_document(encode(build_document(state)), now=NOW)


def _problems(state: IntakeState) -> list[Location]:
    with pytest.raises(ValidationError) as caught:
        parse_document(encode(build_document(state)), now=NOW)
    return [locate(problem.where, state) for problem in caught.value.problems]


def test_domain_problems_map_back_to_the_step_person_and_field() -> None:
    state = mother_and_baby()
    state.people[0].given_names = "Baby Girl"
    state.people[1].birth_date = "2030-01-01"
    state.people[1].sex = None
    state.encounter.place = ""
    state.encounter.latitude = 95
    assert set(_problems(state)) == {
        Location(PEOPLE, "a1", "given_names"), Location(PEOPLE, "c1", "birth_date"), Location(PEOPLE, "c1", "sex"),
        Location(PEOPLE, "c1", None),  # birth date and age estimate both given
        Location(ENCOUNTER, field="place"), Location(ENCOUNTER, field="latitude")}


def test_missing_links_map_to_the_child_in_the_grid() -> None:
    state = family_of_five()
    state.links = [x for x in state.links if x.child != "c2"]
    assert _problems(state) == [Location(RELATIONSHIPS, "c2")]


def test_a_link_problem_maps_to_its_cell_and_anything_else_to_the_review() -> None:
    state = family_of_five()
    state.links[0].relationship = "mother"
    assert locate("families[0].links[0].relationship", state) == Location(RELATIONSHIPS, "c1", "relationship", "a1")
    assert locate("families[0].people[9].sex", state) == Location(REVIEW)
    assert locate("document", state) == Location(REVIEW)
    assert locate("families[0]: child 'zz'", state) == Location(REVIEW)


def test_the_builder_loads_without_qt() -> None:
    code = ("import sys; import app.ui.intake.document_builder, app.ui.intake.problem_paths; "
            "sys.exit(any(m.startswith('PySide6') for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
