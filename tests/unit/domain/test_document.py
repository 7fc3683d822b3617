"""The encounter document (v1) parser: what an agent sees for every good and bad input."""

from __future__ import annotations

import json
import time
import unicodedata
from datetime import UTC, datetime
from typing import Any

import pytest

from app.domain.document import EncounterDraft, parse_document
from app.domain.errors import Problem, ValidationError
from tests.conftest import adult, child, document, link

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
ENCOUNTER = {"occurred_at": "2026-11-24T14:05:00-07:00", "place": "Test crossing"}


def parse(raw: bytes) -> EncounterDraft:
    return parse_document(raw, now=NOW)


def raw_of(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False).encode("utf-8")


def doc(*families: dict[str, Any], **encounter: Any) -> dict[str, Any]:
    """A document as a dict, so a test can add or remove keys anywhere before encoding it."""
    return {"encounter": {**ENCOUNTER, **encounter}, "families": list(families)}


def mother_and_child(**child_extra: Any) -> dict[str, Any]:
    return {"people": [adult("a1"), child("c1", **child_extra)], "links": [link("a1", "c1")]}


def problems(raw: bytes) -> list[Problem]:
    with pytest.raises(ValidationError) as caught:
        parse(raw)
    assert caught.value.problems, "a ValidationError must name at least one problem"
    return caught.value.problems


def only_problem(raw: bytes) -> Problem:
    found = problems(raw)
    assert len(found) == 1, found
    return found[0]


def person_values(draft: EncounterDraft, ref: str) -> dict[str, Any]:
    for family in draft.families:
        for person in family.people:
            if person.ref == ref:
                return person.values
    raise AssertionError(f"no person {ref!r} in the draft")


# --- the good cases -------------------------------------------------------------------------------

def test_the_published_example_parses(example_document: bytes) -> None:
    draft = parse(example_document)
    assert draft.encounter["place"] == "Sasabe port, sector Tucson"
    assert draft.encounter["latitude"] == pytest.approx(31.3)
    assert draft.encounter["longitude"] == pytest.approx(-110.9)
    [family] = draft.families
    assert [p.ref for p in family.people] == ["a1", "c1"]
    mother, baby = family.people
    assert mother.values["given_names"] == "María José"
    assert mother.values["family_names"] == "García López"
    assert mother.values["languages"] == ["es", "quc"]
    assert mother.values["nationality"] == "GT"
    assert baby.values["given_names"] is None and baby.values["family_names"] is None
    assert baby.values["preverbal"] is True
    assert baby.values["arrived_without_adult"] is False
    [only_link] = family.links
    assert (only_link.from_ref, only_link.to_ref, only_link.relationship, only_link.provenance) == (
        "a1", "c1", "mother", "claimed")


def test_kiche_names_keep_their_apostrophes_as_given() -> None:
    draft = parse(document({"people": [adult("a1", given="Xuan Tz'ul", family="Q'anjob'al K\u2019iche\u2019")]}))
    values = person_values(draft, "a1")
    assert values["given_names"] == "Xuan Tz'ul"
    assert values["family_names"] == "Q'anjob'al K\u2019iche\u2019"


def test_decomposed_accents_are_stored_in_nfc() -> None:
    decomposed = "Jose\u0301 Mari\u0301a"
    assert decomposed != "José María"
    draft = parse(document({"people": [adult("a1", given=decomposed, family="Pe\u0301rez")]}))
    values = person_values(draft, "a1")
    assert values["given_names"] == "José María"
    assert values["family_names"] == "Pérez"
    assert unicodedata.is_normalized("NFC", values["given_names"])


def test_surrounding_and_repeated_spaces_in_names_are_removed() -> None:
    draft = parse(document({"people": [adult("a1", given="  María   José ", family="García")]}))
    assert person_values(draft, "a1")["given_names"] == "María José"


def test_an_unknown_name_stays_null() -> None:
    draft = parse(document(mother_and_child(given=None, family=None)))
    values = person_values(draft, "c1")
    assert values["given_names"] is None and values["family_names"] is None


def test_a_child_who_arrived_without_an_adult_may_be_alone() -> None:
    draft = parse(document({"people": [child("k", "Wilmer", arrived_without_adult=True)]}))
    [family] = draft.families
    assert [p.ref for p in family.people] == ["k"]
    assert family.links == []
    assert family.people[0].values["arrived_without_adult"] is True


def test_an_adult_may_be_alone() -> None:
    draft = parse(document({"people": [adult("a1")]}))
    assert [p.ref for f in draft.families for p in f.people] == ["a1"]


def test_two_families_in_one_document_with_a_link_across_them() -> None:
    grandmother_family = {"people": [adult("g", "Rosa")]}
    mother_family = {"people": [adult("m", "Elena"), child("c")], "links": [link("m", "c")]}
    cousins = link("g", "c", "grandparent", "claimed")
    mother_family["links"].append(cousins)
    draft = parse(document(grandmother_family, mother_family))
    assert len(draft.families) == 2
    assert [(x.from_ref, x.to_ref, x.relationship) for x in draft.families[1].links] == [
        ("m", "c", "mother"), ("g", "c", "grandparent")]


def test_optional_keys_are_read() -> None:
    person = adult("a1", age_estimate_years=30, nationality="gt", languages=["quc", "es", "quc"],
                   description="green jacket", documents=[{"type": "passport", "number": "X123", "country": "GT"}])
    values = person_values(parse(document({"people": [person]})), "a1")
    assert values["age_estimate_years"] == 30
    assert values["nationality"] == "GT"
    assert values["languages"] == ["quc", "es"]
    assert values["description"] == "green jacket"
    assert values["documents"] == [{"type": "passport", "number": "X123", "country": "GT"}]


def test_a_null_birth_date_next_to_an_age_estimate_is_not_both() -> None:
    values = person_values(parse(document({"people": [adult("a1", birth_date=None, age_estimate_years=30)]})), "a1")
    assert values["birth_date"] is None and values["age_estimate_years"] == 30


# --- malformed input ------------------------------------------------------------------------------

def test_malformed_json_names_line_and_column() -> None:
    problem = only_problem(b'{"encounter": {\n  "place": "x",\n  oops}')
    assert problem.where == "document"
    assert "not valid JSON" in problem.message
    assert "line 3" in problem.message and "column 3" in problem.message


@pytest.mark.parametrize("raw", [b"", b"   \n\t "], ids=["empty", "whitespace"])
def test_empty_input(raw: bytes) -> None:
    problem = only_problem(raw)
    assert (problem.where, problem.message) == ("document", "is empty")


def test_invalid_utf8_names_the_byte_position() -> None:
    raw = b'{"encounter": "\xff\xfe"}'
    problem = only_problem(raw)
    assert problem.where == "document"
    assert "not UTF-8" in problem.message and "position 15" in problem.message


@pytest.mark.parametrize("value", [[], "text", 3, None], ids=["list", "string", "number", "null"])
def test_the_document_must_be_an_object(value: Any) -> None:
    problem = only_problem(raw_of(value))
    assert problem.where == "document"
    assert "must be an object" in problem.message


def test_a_ten_megabyte_string_is_refused_quickly_by_size() -> None:
    raw = raw_of(doc({"people": [adult("a1", description="x" * 10_000_000)]}))
    started = time.perf_counter()
    problem = only_problem(raw)
    elapsed = time.perf_counter() - started
    assert problem.where == "document"
    assert "10.0 MB" in problem.message and "at most 1 MB" in problem.message
    assert elapsed < 0.5


def test_too_deep_nesting_is_a_validation_error() -> None:
    problem = only_problem(b"[" * 200_000)
    assert problem.where == "document"
    assert "nested too deeply" in problem.message


# --- keys -----------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("mutate", "where", "key"),
    [
        (lambda d: d.update(version=1), "document", "version"),
        (lambda d: d["encounter"].update(agent="x"), "encounter", "agent"),
        (lambda d: d["families"][0].update(status="open"), "families[0]", "status"),
        (lambda d: d["families"][0]["people"][1].update(nickname="Nene"), "families[0].people[1]", "nickname"),
        (lambda d: d["families"][0]["links"][0].update(since="2020"), "families[0].links[0]", "since"),
        (lambda d: d["families"][0]["people"][0].update(documents=[{"type": "passport", "number": "1",
                                                                    "issued": "2020"}]),
         "families[0].people[0].documents[0]", "issued"),
    ],
    ids=["top", "encounter", "family", "person", "link", "document-entry"],
)
def test_unknown_keys_are_errors_at_every_level(mutate: Any, where: str, key: str) -> None:
    data = doc(mother_and_child())
    mutate(data)
    problem = only_problem(raw_of(data))
    assert problem.where == where
    assert f"unknown key {key!r}" in problem.message
    assert "allowed:" in problem.message


def test_a_misspelt_key_is_reported_both_as_unknown_and_as_missing() -> None:
    data = doc(mother_and_child())
    person = data["families"][0]["people"][0]
    person["given_name"] = person.pop("given_names")
    found = {(p.where, p.message.split(" (")[0]) for p in problems(raw_of(data))}
    assert found == {("families[0].people[0]", "unknown key 'given_name'"),
                     ("families[0].people[0]", "missing key 'given_names'")}


@pytest.mark.parametrize(
    ("mutate", "where", "key"),
    [
        (lambda d: d.pop("encounter"), "document", "encounter"),
        (lambda d: d.pop("families"), "document", "families"),
        (lambda d: d["encounter"].pop("occurred_at"), "encounter", "occurred_at"),
        (lambda d: d["encounter"].pop("place"), "encounter", "place"),
        (lambda d: [d["families"][0].pop(k) for k in ("people", "links")], "families[0]", "people"),
        (lambda d: d["families"][0]["people"][0].pop("sex"), "families[0].people[0]", "sex"),
        (lambda d: d["families"][0]["people"][0].pop("role"), "families[0].people[0]", "role"),
        (lambda d: d["families"][0]["people"][1].pop("given_names"), "families[0].people[1]", "given_names"),
        (lambda d: d["families"][0]["links"][0].pop("relationship"), "families[0].links[0]", "relationship"),
        (lambda d: d["families"][0]["links"][0].pop("provenance"), "families[0].links[0]", "provenance"),
    ],
)
def test_a_missing_required_key_is_reported_once(mutate: Any, where: str, key: str) -> None:
    data = doc(mother_and_child())
    mutate(data)
    problem = only_problem(raw_of(data))
    assert (problem.where, problem.message) == (where, f"missing key {key!r}")


@pytest.mark.parametrize("end", ["from", "to"])
def test_a_link_without_an_end_is_reported_once(end: str) -> None:
    data = {"encounter": ENCOUNTER, "families": [{"people": [adult("a1"), child("c1", arrived_without_adult=False)],
                                                   "links": [link("a1", "c1")]}]}
    data["families"][0]["links"][0].pop(end)
    found = problems(raw_of(data))
    assert Problem("families[0].links[0]", f"missing key {end!r}") in found
    # The missing key is not reported a second time as "must be the ref of a person".
    assert not [p for p in found if p.where == f"families[0].links[0].{end}"]


def test_a_person_without_role_or_ref_gives_no_false_link_problems() -> None:
    data = doc({"people": [adult("a1"), child("c1"), adult("a2")], "links": [link("a1", "c1"), link("a2", "c1")]})
    data["families"][0]["people"][0].pop("role")
    data["families"][0]["people"][2]["ref"] = 7
    found = problems(raw_of(data))
    assert [p.where for p in found] == ["families[0].people[0]", "families[0].people[2].ref",
                                        "families[0].links[1].from"]
    assert found[0].message == "missing key 'role'"


def test_a_person_with_no_keys_names_every_missing_key_once() -> None:
    found = problems(raw_of(doc({"people": [{}]})))
    assert sorted(p.message for p in found if p.where == "families[0].people[0]") == [
        "missing key 'family_names'", "missing key 'given_names'", "missing key 'ref'",
        "missing key 'role'", "missing key 'sex'"]
    assert len(found) == 5


@pytest.mark.parametrize(("families", "message"), [([], "must not be empty"), ({}, "must be a list")])
def test_families_must_be_a_non_empty_list(families: Any, message: str) -> None:
    problem = only_problem(raw_of({"encounter": ENCOUNTER, "families": families}))
    assert problem.where == "families"
    assert message in problem.message


def test_people_must_not_be_empty() -> None:
    problem = only_problem(raw_of(doc({"people": []})))
    assert (problem.where, problem.message) == ("families[0].people", "must not be empty")


# --- invariant 1 in the document ------------------------------------------------------------------

def test_a_child_without_a_link_or_mark_is_refused() -> None:
    problem = only_problem(raw_of(doc({"people": [child("c1")]})))
    assert problem.where == "families[0]: child 'c1'"
    assert "has no adult" in problem.message and "arrived_without_adult" in problem.message


def test_a_child_unlinked_to_the_adult_of_its_unit_is_refused() -> None:
    problem = only_problem(raw_of(doc({"people": [adult("a1"), child("c1")]})))
    assert problem.where == "families[0]: child 'c1'"
    assert "no link to adult(s) 'a1'" in problem.message
    assert '"unknown"' in problem.message


def test_a_child_marked_arrived_without_adult_while_its_unit_has_adults_is_refused() -> None:
    family = {"people": [adult("a1"), child("c1", arrived_without_adult=True)], "links": [link("a1", "c1")]}
    problem = only_problem(raw_of(doc(family)))
    assert problem.where == "families[0]: child 'c1'"
    assert 'marked "arrived_without_adult"' in problem.message and "'a1'" in problem.message


def test_a_child_linked_to_only_one_of_two_adults_names_the_other() -> None:
    family = {"people": [adult("m", "Rosa"), adult("p", "Tomás"), child("c")], "links": [link("m", "c")]}
    problem = only_problem(raw_of(doc(family)))
    assert problem.where == "families[0]: child 'c'"
    assert "no link to adult(s) 'p'" in problem.message
    assert "'m'" not in problem.message


def test_a_link_in_either_direction_counts() -> None:
    family = {"people": [adult("a1"), child("c1")], "links": [link("c1", "a1", "unknown")]}
    assert parse(raw_of(doc(family))).families[0].links[0].from_ref == "c1"


def test_a_link_to_an_unknown_ref_is_refused() -> None:
    family = {"people": [adult("a1"), child("c1")], "links": [link("a1", "c1"), link("a1", "ghost", "unknown")]}
    problem = only_problem(raw_of(doc(family)))
    assert problem.where == "families[0].links[1].to"
    assert problem.message == "'ghost' is not the ref of any person in this document"


def test_a_self_link_is_refused() -> None:
    family = {"people": [adult("a1"), child("c1")], "links": [link("a1", "c1"), link("a1", "a1", "unknown")]}
    problem = only_problem(raw_of(doc(family)))
    assert (problem.where, problem.message) == ("families[0].links[1]", "links a person to themselves")


@pytest.mark.parametrize("second", [link("a1", "c1", "unknown"), link("c1", "a1", "unknown")],
                         ids=["same-direction", "reverse-direction"])
def test_a_duplicate_link_is_refused(second: dict[str, Any]) -> None:
    family = {"people": [adult("a1"), child("c1")], "links": [link("a1", "c1"), second]}
    problem = only_problem(raw_of(doc(family)))
    assert problem.where == "families[0].links[1]"
    assert "linked twice" in problem.message


def test_duplicate_refs_are_refused_even_across_families() -> None:
    problem = only_problem(raw_of(doc({"people": [adult("x")]}, {"people": [adult("y"), adult("x", "Eva")]})))
    assert (problem.where, problem.message) == ("families[1].people[1].ref", "'x' is used twice")


@pytest.mark.parametrize(("relationship", "provenance", "where", "bad"), [
    ("cousin", "claimed", "relationship", "'cousin'"),
    ("mother", "rumour", "provenance", "'rumour'"),
])
def test_relationship_and_provenance_must_be_from_the_list(relationship: str, provenance: str, where: str,
                                                           bad: str) -> None:
    family = {"people": [adult("a1"), child("c1")], "links": [link("a1", "c1", relationship, provenance)]}
    found = problems(raw_of(doc(family)))
    assert found[0].where == f"families[0].links[0].{where}"
    assert found[0].message.startswith(f"{bad} is not one of:")


# --- person fields --------------------------------------------------------------------------------

def person_problem(**fields: Any) -> Problem:
    return only_problem(raw_of(doc({"people": [adult("a1", **fields)]})))


@pytest.mark.parametrize(("value", "message"), [
    ("2026-11-26", "2026-11-26 is in the future"),
    ("1899-12-31", "1899-12-31 is before 1900; check the year"),
    ("02/03/1990", "'02/03/1990' is not a date written YYYY-MM-DD"),
    ("1990-3-2", "'1990-3-2' is not a date written YYYY-MM-DD"),
    ("19900302", "'19900302' is not a date written YYYY-MM-DD"),
    ("1990-02-30", "'1990-02-30' is not a date written YYYY-MM-DD"),
    (19900302, "must be a date written YYYY-MM-DD, not a number"),
])
def test_bad_birth_dates(value: Any, message: str) -> None:
    problem = person_problem(birth_date=value)
    assert (problem.where, problem.message) == ("families[0].people[0].birth_date", message)


def test_a_birth_date_of_today_is_accepted() -> None:
    newborn = child("c1", birth_date="2026-11-25", arrived_without_adult=True)
    assert person_values(parse(raw_of(doc({"people": [newborn]}))), "c1")["birth_date"] == "2026-11-25"


@pytest.mark.parametrize(("value", "message"), [
    (-1, "-1 is out of range: an age estimate is between 0 and 120 years"),
    (121, "121 is out of range: an age estimate is between 0 and 120 years"),
    ("3", "must be a number of years, not text"),
    (True, "must be a number of years, not true/false"),
])
def test_bad_age_estimates(value: Any, message: str) -> None:
    problem = person_problem(age_estimate_years=value)
    assert (problem.where, problem.message) == ("families[0].people[0].age_estimate_years", message)


@pytest.mark.parametrize("value", [0, 0.5, 120])
def test_age_estimates_at_the_edges_are_accepted(value: float) -> None:
    person = adult("a1", age_estimate_years=value) if value >= 18 else \
        child("a1", age_estimate_years=value, arrived_without_adult=True)  # (an adult of 0 cannot be)
    assert person_values(parse(raw_of(doc({"people": [person]}))), "a1")["age_estimate_years"] == value


def test_birth_date_and_age_estimate_together_are_refused() -> None:
    problem = person_problem(birth_date="1990-03-02", age_estimate_years=30)
    assert (problem.where, problem.message) == ("families[0].people[0]",
                                                "give either birth_date or age_estimate_years, not both")


def test_a_300_character_name_is_refused() -> None:
    problem = only_problem(raw_of(doc({"people": [adult("a1", given="A" * 300)]})))
    assert problem.where == "families[0].people[0].given_names"
    assert "300 characters long; at most 200" in problem.message


@pytest.mark.parametrize("placeholder", ["Baby Boy", "bebé", "UNKNOWN", "N/N", "Bebé Niña", "  baby   girl "])
def test_placeholder_names_are_refused(placeholder: str) -> None:
    family = {"people": [adult("a1"), child("c1", given=placeholder)], "links": [link("a1", "c1")]}
    problem = only_problem(raw_of(doc(family)))
    assert problem.where == "families[0].people[1].given_names"
    assert "is a placeholder, not a name" in problem.message
    assert "use null" in problem.message


def test_a_placeholder_family_name_is_refused_too() -> None:
    problem = only_problem(raw_of(doc({"people": [adult("a1", family="Desconocido")]})))
    assert problem.where == "families[0].people[0].family_names"
    assert "placeholder" in problem.message


@pytest.mark.parametrize("name", ["Ana\u0000", "Ana\u0007Lucía", "Ana\u202eLucía", "Ana\nLucía"],
                         ids=["nul", "bell", "rtl-override", "newline"])
def test_control_characters_in_a_name_are_refused(name: str) -> None:
    problem = only_problem(raw_of(doc({"people": [adult("a1", given=name)]})))
    assert (problem.where, problem.message) == ("families[0].people[0].given_names",
                                                "contains invisible control characters")


@pytest.mark.parametrize("name", ["", "   "])
def test_an_empty_name_is_refused_in_favour_of_null(name: str) -> None:
    problem = only_problem(raw_of(doc({"people": [adult("a1", given=name)]})))
    assert problem.where == "families[0].people[0].given_names"
    assert "use null" in problem.message


def test_a_name_must_be_text() -> None:
    problem = only_problem(raw_of(doc({"people": [adult("a1", given=["Ana"])]})))
    assert (problem.where, problem.message) == ("families[0].people[0].given_names",
                                                "must be text or null, not a list")


@pytest.mark.parametrize("languages", [["spanish"], ["ES"], ["e"], [7], "es"])
def test_bad_language_codes_are_refused(languages: Any) -> None:
    problem = person_problem(languages=languages)
    assert problem.where == "families[0].people[0].languages"
    assert "language code" in problem.message


@pytest.mark.parametrize("nationality", ["GTM", "Guatemala", "G", 502, "G1"])
def test_bad_nationality_is_refused(nationality: Any) -> None:
    problem = person_problem(nationality=nationality)
    assert problem.where == "families[0].people[0].nationality"
    assert "two-letter country code" in problem.message


@pytest.mark.parametrize(("field", "value", "message"), [
    ("role", "parent", "'parent' is not one of: adult, child"),
    ("sex", "F", "'F' is not one of: female, male, other, unknown"),
    ("preverbal", "yes", "must be true or false, not text"),
])
def test_other_bad_person_fields(field: str, value: Any, message: str) -> None:
    problem = person_problem(**{field: value})
    assert (problem.where, problem.message) == (f"families[0].people[0].{field}", message)


def test_a_bad_ref_is_named() -> None:
    found = problems(raw_of(doc({"people": [{**adult("a1"), "ref": ""}]})))
    assert found[0].where == "families[0].people[0].ref"
    assert "non-empty text" in found[0].message


# --- encounter fields -----------------------------------------------------------------------------

@pytest.mark.parametrize("coordinates", [{"latitude": 31.3}, {"longitude": -110.9},
                                         {"latitude": 31.3, "longitude": None}],
                         ids=["latitude-only", "longitude-only", "longitude-null"])
def test_latitude_and_longitude_come_together(coordinates: dict[str, Any]) -> None:
    problem = only_problem(raw_of(doc(mother_and_child(), **coordinates)))
    assert (problem.where, problem.message) == ("encounter", "give both latitude and longitude, or neither")


@pytest.mark.parametrize(("key", "value", "message"), [
    ("latitude", 91, "91 is out of range (-90 to 90)"),
    ("latitude", -90.5, "-90.5 is out of range (-90 to 90)"),
    ("longitude", 180.1, "180.1 is out of range (-180 to 180)"),
    ("latitude", "31.3", "must be a number, not text"),
])
def test_coordinates_out_of_range(key: str, value: Any, message: str) -> None:
    coordinates = {"latitude": 31.3, "longitude": -110.9, key: value}
    problem = only_problem(raw_of(doc(mother_and_child(), **coordinates)))
    assert (problem.where, problem.message) == (f"encounter.{key}", message)


@pytest.mark.parametrize(("value", "fragment"), [
    ("2026-11-24T14:05:00", "has no UTC offset"),
    ("2026-11-24", "has no UTC offset"),
    ("2026-11-25T12:30:00+00:00", "is in the future"),
    ("2026-11-25T06:00:00-07:00", "is in the future"),
    ("1999-12-31T23:00:00+00:00", "is before 2000"),
    ("yesterday", "is not a date and time"),
    (1_700_000_000, "must be a date and time"),
])
def test_bad_occurred_at(value: Any, fragment: str) -> None:
    problem = only_problem(raw_of(doc(mother_and_child(), occurred_at=value)))
    assert problem.where == "encounter.occurred_at"
    assert fragment in problem.message


def test_occurred_at_a_few_minutes_ahead_is_tolerated_as_clock_skew() -> None:
    draft = parse(raw_of(doc(mother_and_child(), occurred_at="2026-11-25T12:05:00+00:00")))
    assert draft.encounter["occurred_at"] == "2026-11-25T12:05:00+00:00"


def test_place_must_not_be_empty_or_too_long() -> None:
    assert only_problem(raw_of(doc(mother_and_child(), place=" "))) == Problem("encounter.place", "must not be empty")
    problem = only_problem(raw_of(doc(mother_and_child(), place="p" * 501)))
    assert problem.where == "encounter.place"
    assert "at most 500" in problem.message


# --- all problems at once -------------------------------------------------------------------------

def test_every_problem_is_reported_together() -> None:
    data = doc({"people": [adult("a1", birth_date="2030-01-01"), child("c1", given="Baby Boy")]},
               occurred_at="2026-11-24T14:05:00", latitude=91)
    data["families"][0]["people"][0]["colour"] = "red"
    error_problems = problems(raw_of(data))
    wheres = [p.where for p in error_problems]
    assert set(wheres) == {
        "encounter.occurred_at",
        "encounter.latitude",
        "encounter",
        "families[0].people[0]",
        "families[0].people[0].birth_date",
        "families[0].people[1].given_names",
        "families[0]: child 'c1'",
    }
    assert len(error_problems) == 7
    with pytest.raises(ValidationError) as caught:
        parse(raw_of(data))
    text = str(caught.value)
    assert "families[0].people[0].birth_date: 2030-01-01 is in the future" in text
    assert "families[0].people[1].given_names: \"Baby Boy\" is a placeholder" in text


def test_problems_in_different_families_are_placed_in_their_family() -> None:
    found = problems(raw_of(doc({"people": [child("c1")]}, {"people": [adult("a2"), child("c2")]})))
    assert sorted(p.where for p in found) == ["families[0]: child 'c1'", "families[1]: child 'c2'"]
