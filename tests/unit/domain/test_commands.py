"""Domain commands: registration, link state changes, custody transfers and corrections."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime
from typing import Any

import pytest

from app.domain import bandnumber
from app.domain.changes import Mutation, update
from app.domain.commands import (
    Allocators,
    change_link_state,
    correct_person,
    register,
)
from app.domain.document import parse_document
from app.domain.errors import InvariantViolation, NotFound, ValidationError
from app.domain.model import LINK_TRANSITIONS, LinkState
from tests.conftest import adult, child, document, link

STATION = "K7QXM"
TODAY = date(2026, 11, 25)
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
WHEN = "2026-11-25T12:00:00.000+00:00"


def allocators() -> Allocators:
    ids, families, bands = itertools.count(1), itertools.count(1), itertools.count(1)
    return Allocators(new_id=lambda: f"id{next(ids)}", family_number=lambda: f"{STATION}-{next(families)}",
                      band_number=lambda: bandnumber.make_band_number(STATION, next(bands)))


# --- register -------------------------------------------------------------------------------------

def test_register_creates_every_record_of_the_document(example_document: bytes) -> None:
    draft = parse_document(example_document, now=NOW)
    registration = register(draft, alloc=allocators(), agent="ana", station=STATION, recorded_at=WHEN)
    kinds = [m.entity for m in registration.mutations]
    assert kinds == ["encounter", "family", "person", "custody", "band", "person", "custody", "band", "link"]
    assert all(m.created for m in registration.mutations)
    assert all(old is None for m in registration.mutations for old, _ in m.fields.values())

    answer = registration.answer
    [family] = answer["families"]
    assert [p["ref"] for p in family["people"]] == ["a1", "c1"]
    assert family["number"] == f"{STATION}-1"
    for person in family["people"]:
        bandnumber.parse_band_number(person["band"])  # a valid, displayable band number
        assert person["band"].startswith(f"{STATION}-")

    by_entity = {(m.entity, m.entity_id): {k: new for k, (_, new) in m.fields.items()}
                 for m in registration.mutations}
    encounter = by_entity[("encounter", answer["encounter"])]
    assert (encounter["agent"], encounter["station"], encounter["recorded_at"]) == ("ana", STATION, WHEN)
    mother_id, baby_id = (p["id"] for p in family["people"])
    assert by_entity[("person", baby_id)]["family_id"] == family["id"]
    assert by_entity[("person", baby_id)]["preverbal"] is True
    [link_row] = [v for (kind, _), v in by_entity.items() if kind == "link"]
    assert link_row == {"from_person": mother_id, "to_person": baby_id, "relationship": "mother",
                        "provenance": "claimed", "state": "together"}
    custody = [v for (kind, _), v in by_entity.items() if kind == "custody"]
    assert {c["person_id"] for c in custody} == {mother_id, baby_id}
    # held at the registering station, which wrote it (no agency or facility before the registry says)
    assert all(c["location"] == "station" and c["station"] == c["writer"] == STATION and c["arrival_of"] is None
               for c in custody)
    assert all(c["since"] == "2026-11-24T14:05:00-07:00" for c in custody)


def test_register_links_people_across_families() -> None:
    raw = document({"people": [adult("g", "Rosa")]},
                   {"people": [adult("m", "Elena"), child("c")],
                    "links": [link("m", "c"), link("g", "c", "grandparent")]})
    registration = register(parse_document(raw, now=NOW), alloc=allocators(), agent="ana", station=STATION,
                            recorded_at=WHEN)
    ids = {p["ref"]: p["id"] for f in registration.answer["families"] for p in f["people"]}
    links = [{k: new for k, (_, new) in m.fields.items()} for m in registration.mutations if m.entity == "link"]
    assert {(x["from_person"], x["to_person"]) for x in links} == {(ids["m"], ids["c"]), (ids["g"], ids["c"])}
    assert len(registration.answer["families"]) == 2
    numbers = [f["number"] for f in registration.answer["families"]]
    assert len(set(numbers)) == 2
    bands = [p["band"] for f in registration.answer["families"] for p in f["people"]]
    assert len(set(bands)) == 3


# --- link states ----------------------------------------------------------------------------------

LINK = {"id": "L1", "from_person": "m", "to_person": "c", "relationship": "mother", "provenance": "claimed"}


def link_in(state: LinkState) -> dict[str, Any]:
    return {**LINK, "state": state.value}


def move(state: LinkState, target: str, **overrides: Any) -> list[Mutation]:
    arguments: dict[str, Any] = {"state": target, "reason": "medical transfer", "officer": "Lt. Ramos #4411",
                                 "from_side": "this station", "to_side": "HHS/ORR shelter Tucson",
                                 "occurred_at": WHEN, "event_id": "E1", **overrides}
    return change_link_state("L1", link_in(state), **arguments)


ALL_MOVES = [(a, b) for a in LinkState for b in LinkState]


@pytest.mark.parametrize(("current", "target"), [m for m in ALL_MOVES if m[1] in LINK_TRANSITIONS[m[0]]],
                         ids=lambda s: s.value)
def test_allowed_link_state_changes_record_an_event_and_move_the_link(current: LinkState, target: LinkState) -> None:
    row = link_in(current)
    event, link_update = move(current, target.value)
    assert link_in(current) == row  # the caller's row is not touched
    assert (event.entity, event.entity_id, event.created) == ("link_event", "E1", True)
    values = {k: new for k, (_, new) in event.fields.items()}
    assert values == {"link_id": "L1", "state": target.value, "reason": "medical transfer",
                      "officer": "Lt. Ramos #4411", "from_side": "this station",
                      "to_side": "HHS/ORR shelter Tucson", "occurred_at": WHEN, "kind": None,
                      "policy_version": None}
    assert (link_update.entity, link_update.entity_id, link_update.created) == ("link", "L1", False)
    assert link_update.fields == {"state": (current.value, target.value)}


def test_a_separation_records_the_policy_it_is_judged_by_and_nothing_else_does() -> None:
    event, _ = move(LinkState.TOGETHER, "separated", policy_version=3)
    assert event.fields["policy_version"] == (None, 3)
    back, _ = move(LinkState.SEPARATED, "reunified", policy_version=3)
    assert back.fields["policy_version"] == (None, None)


@pytest.mark.parametrize(("current", "target"), [m for m in ALL_MOVES if m[1] not in LINK_TRANSITIONS[m[0]]],
                         ids=lambda s: s.value)
def test_refused_link_state_changes(current: LinkState, target: LinkState) -> None:
    with pytest.raises(InvariantViolation, match=f"a link that is {current.value} cannot become {target.value}"):
        move(current, target.value)


def test_the_transition_table_allows_the_documented_path() -> None:
    assert LINK_TRANSITIONS[LinkState.TOGETHER] == {LinkState.SEPARATED}
    assert LinkState.REUNIFIED in LINK_TRANSITIONS[LinkState.SEPARATED]
    assert LinkState.REUNIFIED in LINK_TRANSITIONS[LinkState.IN_CONTACT]
    assert all(state not in targets for state, targets in LINK_TRANSITIONS.items())


@pytest.mark.parametrize("missing", ["reason", "officer", "from_side", "to_side"])
@pytest.mark.parametrize("empty", [None, "", "   "], ids=["null", "empty", "blank"])
def test_a_separation_needs_reason_officer_and_both_sides(missing: str, empty: str | None) -> None:
    with pytest.raises(ValidationError) as caught:
        move(LinkState.TOGETHER, "separated", **{missing: empty})
    assert str(caught.value).startswith(f"{missing} must")


def test_a_separation_without_anything_names_every_missing_part_at_once() -> None:
    with pytest.raises(ValidationError) as caught:
        move(LinkState.TOGETHER, "separated", reason="", officer=None, from_side=None, to_side="")
    text = str(caught.value)
    for name in ("reason", "officer", "from_side", "to_side"):
        assert f"{name} must" in text


def test_contact_and_reunification_need_reason_and_officer_but_not_sides() -> None:
    event, _ = move(LinkState.SEPARATED, "in_contact", from_side=None, to_side=None)
    assert event.fields["from_side"] == (None, None) and event.fields["to_side"] == (None, None)
    with pytest.raises(ValidationError, match="officer must not be empty"):
        move(LinkState.SEPARATED, "reunified", officer=" ")


@pytest.mark.parametrize("target", ["deleted", "SEPARATED", None])
def test_an_unknown_target_state_is_a_validation_error(target: str | None) -> None:
    with pytest.raises(ValidationError, match="state .* is not one of: together, separated, in_contact, reunified"):
        move(LinkState.TOGETHER, target)  # type: ignore[arg-type]


def test_a_link_update_cannot_change_its_ends() -> None:
    with pytest.raises(InvariantViolation, match="from_person"):
        update("link", "L1", link_in(LinkState.TOGETHER), {"from_person": "someone else"})
    with pytest.raises(InvariantViolation, match="to_person"):
        update("link", "L1", link_in(LinkState.TOGETHER), {"to_person": "someone else"})


# --- corrections ----------------------------------------------------------------------------------

def person(pid: str, role: str, **extra: Any) -> dict[str, Any]:
    row = {"id": pid, "family_id": "F1", "role": role, "given_names": None, "family_names": None, "sex": "female",
           "birth_date": None, "age_estimate_years": None, "nationality": None, "languages": [],
           "preverbal": False, "description": None, "documents": [], "arrived_without_adult": False}
    return {**row, **extra}


MOTHER = person("m", "adult", given_names="Rosa", family_names="Tzul")
FATHER = person("p", "adult", given_names="Tomás", family_names="Ixcoy", sex="male")
BABY = person("c", "child", preverbal=True, age_estimate_years=1)
FAMILY = [MOTHER, FATHER, BABY]
FAMILY_LINKS = [("m", "c"), ("p", "c")]


def correct(pid: str, field: str, value: Any, people: list[dict[str, Any]] | None = None,
            links: list[tuple[str, str]] | None = None) -> Mutation:
    return correct_person(pid, field, value, family_people=FAMILY if people is None else people,
                          family_links=FAMILY_LINKS if links is None else links, today=TODAY)


def test_a_correction_returns_only_the_changed_field() -> None:
    mutation = correct("c", "given_names", "Ana  Lucía")
    assert (mutation.entity, mutation.entity_id, mutation.created) == ("person", "c", False)
    assert mutation.fields == {"given_names": (None, "Ana Lucía")}


def test_a_name_can_be_corrected_to_unknown() -> None:
    assert correct("m", "given_names", None).fields == {"given_names": ("Rosa", None)}


def test_a_correction_to_the_same_value_changes_nothing() -> None:
    assert correct("m", "given_names", "Rosa").fields == {}
    assert correct("m", "given_names", "  Rosa ").fields == {}


@pytest.mark.parametrize(("field", "value", "clean"), [
    ("family_names", "Pe\u0301rez", "Pérez"),
    ("sex", "male", "male"),
    ("birth_date", "2025-11-02", "2025-11-02"),
    ("age_estimate_years", 1.5, 1.5),
    ("nationality", "hn", "HN"),
    ("languages", ["mam", "es"], ["mam", "es"]),
    ("preverbal", False, False),
    ("description", "blue blanket", "blue blanket"),
    ("given_names", "K'iche'", "K'iche'"),
])
def test_corrections_of_each_field_are_cleaned_like_the_document(field: str, value: Any, clean: Any) -> None:
    mutation = correct("c", field, value)
    assert mutation.fields == {field: (BABY[field], clean)}


@pytest.mark.parametrize(("field", "value", "fragment"), [
    ("given_names", "Baby Boy", "placeholder"),
    ("given_names", "x" * 201, "at most 200"),
    ("birth_date", "2027-01-01", "in the future"),
    ("birth_date", "1/2/2020", "YYYY-MM-DD"),
    ("age_estimate_years", 121, "out of range"),
    ("age_estimate_years", True, "must be a number"),
    ("sex", "f", "is not one of"),
    ("role", "infant", "is not one of"),
    ("nationality", "Honduras", "two-letter"),
    ("preverbal", "no", "true or false"),
])
def test_bad_correction_values_are_refused_with_the_field_named(field: str, value: Any, fragment: str) -> None:
    with pytest.raises(ValidationError) as caught:
        correct("c", field, value)
    [problem] = caught.value.problems
    assert problem.where == field
    assert fragment in problem.message


@pytest.mark.parametrize("field", ["family_id", "id", "band", "ref", "documents"])
def test_fields_that_cannot_be_corrected_this_way_are_refused(field: str) -> None:
    with pytest.raises(ValidationError, match="cannot be corrected this way"):
        correct("c", field, "F2")


def test_turning_the_only_adult_into_a_child_is_refused() -> None:
    with pytest.raises(InvariantViolation, match="has no adult"):
        correct("m", "role", "child", people=[MOTHER, BABY], links=[("m", "c")])


def test_turning_one_of_two_adults_into_a_child_is_refused_when_that_leaves_a_child_unlinked() -> None:
    with pytest.raises(InvariantViolation, match="no link to adult"):
        correct("p", "role", "child")


def test_turning_a_child_into_an_adult_is_refused_when_another_child_is_not_linked_to_it() -> None:
    sister = person("s", "child", given_names="Ana")
    people = [MOTHER, BABY, sister]
    with pytest.raises(InvariantViolation, match="no link to adult"):
        correct("s", "role", "adult", people=people, links=[("m", "c"), ("m", "s")])
    mutation = correct("s", "role", "adult", people=people, links=[("m", "c"), ("m", "s"), ("s", "c")])
    assert mutation.fields == {"role": ("child", "adult")}


def test_marking_a_child_with_adults_as_arrived_without_adult_is_refused() -> None:
    with pytest.raises(InvariantViolation, match='marked "arrived_without_adult"'):
        correct("c", "arrived_without_adult", True)


def test_removing_the_mark_of_a_child_alone_is_refused() -> None:
    alone = person("k", "child", given_names="Wilmer", arrived_without_adult=True)
    with pytest.raises(InvariantViolation, match="has no adult"):
        correct("k", "arrived_without_adult", False, people=[alone], links=[])


def test_corrections_that_keep_the_invariant_are_accepted() -> None:
    assert correct("c", "role", "adult").fields == {"role": ("child", "adult")}
    alone = person("k", "child", arrived_without_adult=True)
    assert correct("k", "role", "adult", people=[alone], links=[]).fields == {"role": ("child", "adult")}


def test_a_person_not_in_the_family_is_not_found() -> None:
    with pytest.raises(NotFound):
        correct("ghost", "given_names", "Ana")


def test_a_refused_correction_does_not_touch_the_rows() -> None:
    before = [dict(p) for p in FAMILY]
    with pytest.raises(InvariantViolation):
        correct("p", "role", "child")
    assert [dict(p) for p in FAMILY] == before


def test_bands_are_dated_by_the_utc_day_of_registration(example_document: bytes) -> None:
    draft = parse_document(example_document, now=NOW)
    evening = register(draft, alloc=allocators(), agent="ana", station=STATION,
                       recorded_at="2026-11-24T20:00:00-07:00")  # 03:00 the next day in UTC
    dates = {m.fields["issued_on"][1] for m in evening.mutations if m.entity == "band"}
    assert dates == {"2026-11-25"}
