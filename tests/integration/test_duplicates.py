"""Search before create: people on record who may be the people being registered, found despite
accents, word order, a missing or swapped family name and typos, and weighed by birth date or age,
sex, nationality and family context; people who only share a common name are not shown."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app import services
from tests.conftest import AGENT, adult, child, document, link

ON_RECORD = document(
    {"people": [adult("m", "María José", "García López", nationality="GT", birth_date="1990-03-02"),
                child("c", "Ixchel", "Batz García", birth_date="2019-05-01")],
     "links": [link("m", "c")]},
    {"people": [adult("o", "María", "Pérez", nationality="MX", birth_date="1971-01-01")]},
    {"people": [adult("t", "José", "García López", sex="male", nationality="GT", birth_date="1991-07-07")]})


@pytest.fixture
def on_record(agent: services.Session) -> dict[str, Any]:
    families = services.register_family(session=agent, document=ON_RECORD)["families"]
    return {p["ref"]: p for f in families for p in f["people"]}


def _matches(agent: services.Session, **person: Any) -> list[dict[str, Any]]:
    answer = services.duplicate_candidates(session=agent, people=[{"ref": "new", **person}])
    return answer["matches"]["new"]


@pytest.mark.parametrize("given, family", [
    ("maria jose", "garcia lopez"),       # no accents, lower case
    ("María José", "López García"),       # the two family names swapped
    ("María José", "García"),             # one family name left out
    ("Maria Jose", "Garcia Lopes"),       # a typo
    ("García López", "María José"),       # given and family names in each other's place
])
def test_the_same_person_is_found_however_the_name_is_written(agent: services.Session, on_record: dict[str, Any],
                                                              given: str, family: str) -> None:
    found = _matches(agent, given_names=given, family_names=family, sex="female", birth_date="1990-03-02",
                     nationality="GT")
    assert [m["id"] for m in found][:1] == [on_record["m"]["id"]]
    best = found[0]
    whys = {r["why"] for r in best["reasons"]}
    assert {"names_alike", "same_birth_date", "same_nationality"} <= whys and best["score"] >= 90
    assert best["family"]["number"] and best["band"] == on_record["m"]["band"]


def test_a_different_person_with_a_similar_name_is_not_a_match(agent: services.Session,
                                                                on_record: dict[str, Any]) -> None:
    assert _matches(agent, given_names="María", family_names="Pérez Soto", sex="female", birth_date="2001-01-01",
                    nationality="HN") == [], "a common name, another age and nationality"
    brother = _matches(agent, given_names="María José", family_names="García López", sex="female",
                       birth_date="1990-03-02", nationality="GT")
    assert on_record["t"]["id"] not in [m["id"] for m in brother], "José García López is a man born 1991"
    assert _matches(agent, given_names="Tz'unun", family_names="Batz'ín", sex="male") == []
    assert _matches(agent, given_names=None, family_names=None, sex="unknown") == [], "no name: nothing to go on"


def test_family_context_and_age_count(agent: services.Session, on_record: dict[str, Any]) -> None:
    alone = _matches(agent, given_names="Ixchel", family_names="Batz", sex="male", age_estimate_years=6)
    answer = services.duplicate_candidates(session=agent, people=[
        {"ref": "c", "given_names": "Ixchel", "family_names": "Batz", "sex": "male", "age_estimate_years": 6},
        {"ref": "m", "given_names": "Maria Jose", "family_names": "Garcia", "sex": "female"}])
    with_mother = answer["matches"]["c"]
    assert with_mother[0]["id"] == on_record["c"]["id"] == alone[0]["id"]
    assert {"why": "similar_relative", "detail": "María José García López"} in with_mother[0]["reasons"]
    assert {"why": "same_age", "detail": None} in alone[0]["reasons"], "age about 6, born 2019"
    assert "similar_relative" not in {r["why"] for r in alone[0]["reasons"]}
    older = _matches(agent, given_names="Ixchel", family_names="Batz", sex="male", age_estimate_years=30)
    assert older == [], "the same name 23 years older is someone else"


def test_the_check_is_audited_and_an_admin_may_not(agent: services.Session, admin: services.Session,
                                                    supervisor: services.Session, on_record: dict[str, Any]) -> None:
    _matches(agent, given_names="María José", family_names="García", birth_date="1990-03-02")
    trail = services.audit_trail(session=supervisor, action="person.duplicates")["records"]
    assert trail[0]["user"] == AGENT and trail[0]["detail"]["candidates"] == [on_record["m"]["id"]]
    with pytest.raises(services.NotPermitted):
        services.duplicate_candidates(session=admin, people=[{"given_names": "María"}])


def test_the_command_line(cli: Any, station: Path) -> None:
    assert cli("family", "add", "-", user=AGENT, stdin=ON_RECORD).code == 0
    again = document({"people": [adult("x", "maria jose", "lopez garcia", nationality="GT",
                                       birth_date="1990-03-02")]})
    checked = cli("duplicates", "-", user=AGENT, stdin=again)
    assert checked.code == 0, checked.stderr
    assert [m["given_names"] for m in checked.json["matches"]["x"]] == ["María José"]
    broken = cli("duplicates", "-", user=AGENT, stdin=b"{not json")
    assert broken.code == 2


ROSA = document({"people": [adult("r", "Rosa Elvira", "Tzoc Ajú", nationality="GT", birth_date="1991-04-17")]})


@pytest.mark.parametrize("given, family", [
    ("Rosa", "Tzoc Aju"),      # issue 16: a second given name dropped, an accent left out
    ("Rosa Elvira", "Tsoc Ajú"),  # a typo in the first letters: "tso" is no prefix of hers
    ("Rsa", "Tsoc Jau"),       # a typo in the first letters of every word, a second given name dropped
])
def test_a_second_given_name_dropped_and_typos_in_the_first_letters_are_found(
        agent: services.Session, on_record: dict[str, Any], given: str, family: str) -> None:
    rosa = services.register_family(session=agent, document=ROSA)["families"][0]["people"][0]
    found = _matches(agent, given_names=given, family_names=family, sex="female", birth_date="1991-04-17",
                     nationality="GT")
    assert [m["id"] for m in found] == [rosa["id"]]
    assert (found[0]["sex"], found[0]["nationality"], found[0]["birth_date"]) == ("female", "GT", "1991-04-17")


def test_people_registered_after_a_check_are_found_by_a_typo_too(agent: services.Session,
                                                                 on_record: dict[str, Any]) -> None:
    assert _matches(agent, given_names="Rsa", family_names="Tsoc Jau", birth_date="1991-04-17") == []
    services.register_family(session=agent, document=ROSA)  # (the name words read before, and hers since)
    assert [m["given_names"] for m in _matches(agent, given_names="Rsa", family_names="Tsoc Jau",
                                               birth_date="1991-04-17")] == ["Rosa Elvira"]
    assert _matches(agent, given_names="Rosa", family_names="Tzul", birth_date="1991-04-17") == [], \
        "one family name wrong is another family"
