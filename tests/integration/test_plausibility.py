"""Nonsense refused at registration and correction (a 4-year-old mother, a name written as JSON), the
unusual registered only once confirmed, and records written before these rules (at this station or
another, pulled from the registry) still read, shown, corrected and synced."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select

from app import services
from app.domain import changes, plausibility
from app.domain.errors import ValidationError
from app.store import schema
from app.store.changelog import load_changes, projection
from tests.conftest import adult, child, document, link
from tests.syncing import TestStation

FAMILY = document({"people": [adult("m", "Rosa", "Tzul", age_estimate_years=22),
                              child("c", "Ana", "Ixcoy", birth_date="2019-02-01")],
                   "links": [link("m", "c")]})
IMPOSSIBLE = document({"people": [adult("m", "Rosa", "Tzul", age_estimate_years=4),
                                  child("c", "Ana", "Ixcoy", age_estimate_years=3)],
                       "links": [link("m", "c")]})


def before_the_rule(monkeypatch: pytest.MonkeyPatch, register: Callable[[bytes], dict[str, Any]]) -> dict[str, Any]:
    """An impossible family registered as a version before these rules did (it found nothing)."""
    with monkeypatch.context() as patch:
        patch.setattr(plausibility, "draft_findings", lambda *args, **kwargs: [])
        return register(IMPOSSIBLE)


def _people(shown: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {p["role"]: p for p in shown["people"]}


def test_an_impossible_family_is_refused_and_nothing_is_saved(agent: services.Session) -> None:
    with pytest.raises(ValidationError) as caught:
        services.register_family(session=agent, document=IMPOSSIBLE, confirm_unusual=True)
    assert [p.where for p in caught.value.problems] == ["families[0].people[0].age_estimate_years",
                                                        "families[0].links[0]"]
    assert "'m' is the mother of 'c', but is not 10 years older" in str(caught.value)
    assert services.search(session=agent, text="Rosa Tzul")["people"] == []


def test_the_unusual_is_registered_once_confirmed_and_the_audit_says_so(agent: services.Session) -> None:
    unusual = document({"people": [adult("m", "Rosa", "Tzul", age_estimate_years=30, preverbal=True)]})
    with pytest.raises(plausibility.Unusual) as caught:
        services.register_family(session=agent, document=unusual)
    assert [(p.where, p.message) for p in caught.value.problems] == [
        ("families[0].people[0].preverbal", "'m' is an adult marked pre-verbal (cannot yet say who they are)")]
    assert services.search(session=agent, text="Rosa Tzul")["people"] == []
    answer = services.register_family(session=agent, document=unusual, confirm_unusual=True)
    assert services.search(session=agent, text="Rosa Tzul")["people"][0]["id"] == \
        answer["families"][0]["people"][0]["id"]
    with agent.engine.connect() as conn:
        audit = conn.execute(select(schema.audit.c.detail).where(schema.audit.c.action == "family.register")
                             .order_by(schema.audit.c.seq)).scalars().all()
    assert json.loads(audit[-1])["unusual_confirmed"] == 1


@pytest.mark.parametrize(("who", "field", "value", "says"), [
    ("m", "age_estimate_years", 2, "Rosa Tzul is an adult about 2 years old: an adult is at least 12"),
    ("c", "role", "adult", "Ana Ixcoy is an adult 7 years old"),
    ("c", "birth_date", "2009-01-01", "Rosa Tzul is the mother of Ana Ixcoy, but is not 10 years older"),
    ("c", "given_names", '"Ana"', '"Ana" is written in quotes: give the name without them'),
    ("m", "family_names", '["Tzul"]', '["Tzul"] is a list, not a name'),
    ("link", "relationship", "grandparent", "Rosa Tzul is the grandparent of Ana Ixcoy, but is not 20 years older"),
])
def test_a_correction_that_makes_the_record_impossible_is_refused(
        agent: services.Session, supervisor: services.Session, who: str, field: str, value: Any, says: str) -> None:
    answer = services.register_family(session=agent, document=FAMILY)
    shown = services.show_family(session=supervisor, ident=answer["families"][0]["id"])
    ident = shown["links"][0]["id"] if who == "link" else {p["ref"]: p["id"] for p in
                                                           answer["families"][0]["people"]}[who]
    for attempt in (services.correct_record, services.propose_correction):
        session = supervisor if attempt is services.correct_record else agent
        with pytest.raises(ValidationError) as caught:
            attempt(session=session, ident=ident, field=field, value=value, reason="typed at intake")
        assert {p.where for p in caught.value.problems} == {field} and says in str(caught.value), caught.value
    assert services.show_family(session=supervisor, ident=ident if who != "link" else shown["id"])["history"] == \
        shown["history"]


def test_a_family_written_before_the_rule_is_read_shown_and_corrected(
        agent: services.Session, supervisor: services.Session, monkeypatch: pytest.MonkeyPatch) -> None:
    answer = before_the_rule(monkeypatch, lambda raw: services.register_family(session=agent, document=raw))
    band = answer["families"][0]["people"][0]["band"]
    shown = services.show_family(session=supervisor, ident=band)
    assert _people(shown)["adult"]["age_estimate_years"] == 4 and shown["links"][0]["relationship"] == "mother"
    assert [p["given_names"] for p in services.search(session=agent, text="Tzul")["people"]] == ["Rosa"]


def test_an_old_impossible_record_can_still_be_corrected(agent: services.Session, supervisor: services.Session,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    answer = before_the_rule(monkeypatch, lambda raw: services.register_family(session=agent, document=raw))
    mother = answer["families"][0]["people"][0]["id"]
    services.correct_record(session=supervisor, ident=mother, field="given_names", value="Rosalía",
                            reason="her passport")  # the impossibility was there already: not this change's
    services.correct_record(session=supervisor, ident=mother, field="age_estimate_years", value=30,
                            reason="misread at intake")  # and it can be put right
    with supervisor.engine.begin() as conn:
        assert changes.replay(load_changes(conn)) == projection(conn)


@pytest.mark.parametrize("registry_db", ["sqlite"], indirect=True)  # judged in Python: the same on either
def test_an_impossible_family_from_before_the_rule_syncs_and_shows_at_another_station(
        make_station: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    nogales, lukeville = make_station("Nogales"), make_station("Lukeville")
    answer = before_the_rule(monkeypatch, nogales.register)
    bands = [p["band"] for p in answer["families"][0]["people"]]
    assert nogales.sync()["last_error"] is None
    pulled = lukeville.sync(follow=[nogales.payload(bands[1])])
    assert pulled["pulled"] == 9 and services.sync_status(session=lukeville.agent).get("quarantined", 0) == 0
    _same(nogales, lukeville, bands[0])


def _same(one: TestStation, two: TestStation, band: str) -> None:
    shown = [station.show(band) for station in (one, two)]
    assert shown[0]["people"] == shown[1]["people"] and _people(shown[1])["adult"]["age_estimate_years"] == 4
