"""Moving a person put in the wrong family unit into another: invariant 1 holds in both units, links
are added (relationship unknown) and none is removed, and what would leave children without an adult
is refused with nothing changed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app import services
from app.domain.errors import InvariantViolation, ValidationError
from app.store.changelog import projection
from tests.conftest import AGENT, SUPERVISOR, adult, child, document, link
from tests.unit.domain.test_properties import invariant_one_holds

TWO = document(
    {"people": [adult("m", "Rosa", "Tzul"), child("c", "Ana", "Ixcoy", birth_date="2019-02-01"),
                child("k", "Juan", "Pérez", birth_date="2018-06-01")],
     "links": [link("m", "c"), link("m", "k")]},
    {"people": [adult("p", "Lucía", "Pérez"), adult("q", "Mario", "Pérez", sex="male")]},
    {"people": [child("w", "Nayeli", "Cruz", birth_date="2015-01-01", arrived_without_adult=True)]})


@pytest.fixture
def units(agent: services.Session) -> dict[str, Any]:
    families = services.register_family(session=agent, document=TWO)["families"]
    return {"rosa": families[0], "perez": families[1], "alone": families[2],
            "people": {p["ref"]: p for f in families for p in f["people"]}}


def _tables(session: services.Session) -> dict[str, Any]:
    with session.engine.connect() as conn:
        return projection(conn)


def test_a_child_moved_to_its_real_family_is_linked_to_each_adult_there(supervisor: services.Session,
                                                                        units: dict[str, Any]) -> None:
    juan = units["people"]["k"]
    answer = services.move_person(session=supervisor, person=juan["band"], to_family=units["perez"]["number"],
                                  reason="his parents are Lucía and Mario Pérez")
    assert answer["to"] == units["perez"]["id"] and len(answer["new_links"]) == 2
    shown = services.show_family(session=supervisor, ident=units["perez"]["id"])
    assert sorted(p["given_names"] for p in shown["people"]) == ["Juan", "Lucía", "Mario"]
    new = [x for x in shown["links"] if x["id"] in answer["new_links"]]
    assert {x["relationship"] for x in new} == {"unknown"} and {x["to"] for x in new} == {juan["id"]}
    assert any(x["from"] == units["people"]["m"]["id"] and x["to"] == juan["id"] for x in shown["links"]), \
        "his link to Rosa stays: a link is never removed"
    assert shown["history"][-1]["reason"] == "his parents are Lucía and Mario Pérez"
    assert invariant_one_holds(_tables(supervisor))


def test_an_adult_joining_a_child_who_came_alone(supervisor: services.Session, units: dict[str, Any]) -> None:
    services.move_person(session=supervisor, person=units["people"]["q"]["id"], to_family=units["alone"]["id"],
                         reason="he is her uncle; they were split at intake")
    shown = services.show_family(session=supervisor, ident=units["alone"]["id"])
    nayeli = next(p for p in shown["people"] if p["given_names"] == "Nayeli")
    assert nayeli["arrived_without_adult"] is False and len(shown["links"]) == 1
    assert invariant_one_holds(_tables(supervisor))


def test_a_child_who_came_alone_moved_to_adults(supervisor: services.Session, units: dict[str, Any]) -> None:
    services.move_person(session=supervisor, person=units["people"]["w"]["id"], to_family=units["perez"]["id"],
                         reason="found her parents")
    shown = services.show_family(session=supervisor, ident=units["perez"]["id"])
    nayeli = next(p for p in shown["people"] if p["given_names"] == "Nayeli")
    assert nayeli["arrived_without_adult"] is False and len(shown["links"]) == 2
    assert invariant_one_holds(_tables(supervisor))


def test_moves_that_would_break_invariant_one_are_refused(agent: services.Session, supervisor: services.Session,
                                                          units: dict[str, Any]) -> None:
    before = _tables(supervisor)
    with pytest.raises(InvariantViolation, match="only adult of its family unit"):
        services.move_person(session=supervisor, person=units["people"]["m"]["id"],
                             to_family=units["perez"]["id"], reason="wrong unit")
    with pytest.raises(ValidationError, match="in that family unit already"):
        services.move_person(session=supervisor, person=units["people"]["c"]["id"],
                             to_family=units["rosa"]["id"], reason="same")
    with pytest.raises(ValidationError, match="a correction needs a reason"):
        services.move_person(session=supervisor, person=units["people"]["c"]["id"],
                             to_family=units["perez"]["id"], reason="")
    with pytest.raises(services.NotPermitted):
        services.move_person(session=agent, person=units["people"]["c"]["id"], to_family=units["perez"]["id"],
                             reason="x")
    assert _tables(supervisor) == before


def test_the_command_line(cli: Any, station: Path) -> None:
    families = cli("family", "add", "-", user=AGENT, stdin=TWO).json["families"]
    juan = families[0]["people"][2]
    assert cli("move", juan["band"], "--to", families[1]["number"], "--reason", "x", user=AGENT).code == 3
    moved = cli("move", juan["band"], "--to", families[1]["number"], "--reason", "his parents", user=SUPERVISOR)
    assert moved.code == 0, moved.stderr
    assert len(moved.json["new_links"]) == 2
    nowhere = cli("move", juan["band"], "--to", "NOPE-9", "--reason", "x", user=SUPERVISOR)
    assert nowhere.code == 2 and "no family unit" in nowhere.stderr
