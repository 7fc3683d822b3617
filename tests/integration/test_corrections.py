"""A supervisor's corrections of a person, link, custody record or encounter: a reason is required,
the history keeps the old value with who, when and why, bad values and invariant 1 are refused with
nothing changed, and only supervisors may correct. The CLI (``kinlink correct``) exits 2 and 3."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app import services
from app.domain.errors import InvariantViolation, NotFound, ValidationError
from tests.conftest import AGENT, SUPERVISOR, adult, child, document, link

FAMILY = document({"people": [adult("m", "Rosa", "Tzul"), child("c", "Ana", "Ixcoy", birth_date="2019-02-01")],
                   "links": [link("m", "c")]})


@pytest.fixture
def family(agent: services.Session) -> dict[str, Any]:
    answer = services.register_family(session=agent, document=FAMILY)
    return services.show_family(session=agent, ident=answer["families"][0]["people"][0]["band"])


def _person(family: dict[str, Any], role: str) -> dict[str, Any]:
    return next(p for p in family["people"] if p["role"] == role)


def test_a_correction_keeps_the_old_value_in_the_history(supervisor: services.Session,
                                                         family: dict[str, Any]) -> None:
    mother = _person(family, "adult")
    answer = services.correct_record(session=supervisor, ident=mother["band"], field="given_names", value="Rosalía",
                                     reason="misspelled at intake; her passport says Rosalía")
    assert answer == {"entity": "person", "id": mother["id"], "field": "given_names", "old": "Rosa",
                      "new": "Rosalía", "reason": "misspelled at intake; her passport says Rosalía",
                      "change": answer["change"]}
    shown = services.show_family(session=supervisor, ident=mother["band"])
    assert _person(shown, "adult")["given_names"] == "Rosalía"
    last = shown["history"][-1]
    assert (last["user"], last["reason"], last["fields"]) == (
        SUPERVISOR, "misspelled at intake; her passport says Rosalía",
        {"given_names": {"old": "Rosa", "new": "Rosalía"}})
    first = next(h for h in shown["history"] if h["entity_id"] == mother["id"] and h["created"])
    assert first["fields"]["given_names"]["new"] == "Rosa", "the original stays in the history"
    assert len(shown["history"]) == len(family["history"]) + 1


def test_links_custody_and_encounters_are_corrected_too(supervisor: services.Session,
                                                        family: dict[str, Any]) -> None:
    child_ = _person(family, "child")
    cases = [
        (family["links"][0]["id"], "relationship", "legal_guardian", "link"),
        (family["links"][0]["id"], "provenance", "document_verified", "link"),
        (child_["custody"]["id"], "reference", "CBP-2026-118", "custody"),
        (family["encounter"]["id"], "place", "Nogales, gate 3", "encounter"),
        (family["encounter"]["id"], "latitude", 31.33, "encounter"),
    ]
    for ident, field, value, entity in cases:
        answer = services.correct_record(session=supervisor, ident=ident, field=field, value=value,
                                         reason="as the supervisor checked")
        assert (answer["entity"], answer["new"]) == (entity, value)
    shown = services.show_family(session=supervisor, ident=child_["band"])
    assert shown["links"][0]["relationship"] == "legal_guardian"
    assert shown["links"][0]["provenance"] == "document_verified"
    assert _person(shown, "child")["custody"]["reference"] == "CBP-2026-118"
    assert shown["encounter"]["place"] == "Nogales, gate 3" and shown["encounter"]["latitude"] == 31.33


@pytest.mark.parametrize(("field", "value", "reason", "message"), [
    ("given_names", "Rosalía", "  ", "a correction needs a reason"),
    ("birth_date", "2031-01-01", "typo", "birth_date"),
    ("sex", "femenino", "typo", "'femenino' is not one of"),
    ("given_names", "Rosa", "again", "is 'Rosa' already; nothing to correct"),
    ("family_id", "x", "move", "cannot be corrected on a person"),
])
def test_bad_corrections_are_refused_and_nothing_changes(supervisor: services.Session, family: dict[str, Any],
                                                         field: str, value: Any, reason: str, message: str) -> None:
    mother = _person(family, "adult")
    with pytest.raises(ValidationError, match=message):
        services.correct_record(session=supervisor, ident=mother["id"], field=field, value=value, reason=reason)
    assert services.show_family(session=supervisor, ident=mother["id"]) == family


def test_a_correction_cannot_leave_a_child_without_an_adult(supervisor: services.Session,
                                                            family: dict[str, Any]) -> None:
    mother = _person(family, "adult")
    with pytest.raises(InvariantViolation):
        services.correct_record(session=supervisor, ident=mother["id"], field="role", value="child",
                                reason="thought she was a minor")
    assert services.show_family(session=supervisor, ident=mother["id"]) == family


def test_only_supervisors_correct(agent: services.Session, admin: services.Session, family: dict[str, Any]) -> None:
    mother = _person(family, "adult")
    for session in (agent, admin):
        with pytest.raises(services.NotPermitted):
            services.correct_record(session=session, ident=mother["id"], field="given_names", value="Rosalía",
                                    reason="typo")
    assert services.show_family(session=agent, ident=mother["id"]) == family


def test_an_unknown_record_is_named(supervisor: services.Session, family: dict[str, Any]) -> None:
    with pytest.raises(NotFound, match="no band, person, link, custody record or encounter 'nope'"):
        services.correct_record(session=supervisor, ident="nope", field="place", value="x", reason="typo")
    with pytest.raises(ValidationError, match="a band cannot be corrected"):
        band = _person(family, "adult")["bands"][0]
        services.correct_record(session=supervisor, ident=_band_id(supervisor, band["number"]), field="status",
                                value="voided", reason="typo")


def _band_id(session: services.Session, number: str) -> str:
    from sqlalchemy import select

    from app.domain import bandnumber
    from app.store import schema

    with session.engine.connect() as conn:
        return str(conn.execute(select(schema.band.c.id)
                                .where(schema.band.c.number == bandnumber.normalize(number))).scalar_one())


def test_the_command_line(cli: Any, station: Path) -> None:
    people = cli("family", "add", "-", user=AGENT, stdin=FAMILY).json["families"][0]["people"]
    band, child_band = people[0]["band"], people[1]["band"]
    done = cli("correct", band, "--field", "languages", "--value", '["es", "quc"]', "--reason", "asked again",
               user=SUPERVISOR)
    assert done.code == 0, done.stderr
    assert done.json["new"] == ["es", "quc"]
    cleared = cli("correct", child_band, "--field", "birth_date", "--value", "null", "--reason", "not known",
                  user=SUPERVISOR)
    assert cleared.code == 0 and cleared.json["new"] is None
    no_reason = cli("correct", band, "--field", "given_names", "--value", "Rosalía", user=SUPERVISOR)
    assert no_reason.code == 2 and "--reason" in no_reason.stderr
    blank = cli("correct", band, "--field", "given_names", "--value", "Rosalía", "--reason", " ", user=SUPERVISOR)
    assert blank.code == 2 and "a correction needs a reason" in blank.stderr
    not_json = cli("correct", band, "--field", "languages", "--value", "es,quc", "--reason", "x", user=SUPERVISOR)
    assert not_json.code == 2 and "must be JSON" in not_json.stderr
    agent = cli("correct", band, "--field", "given_names", "--value", "Rosalía", "--reason", "typo", user=AGENT)
    assert agent.code == 3 and "not permitted to correct records" in agent.stderr
    shown = cli("family", "show", band, user=AGENT).json
    mother = next(p for p in shown["people"] if p["role"] == "adult")
    assert mother["given_names"] == "Rosa" and mother["languages"] == ["es", "quc"]
