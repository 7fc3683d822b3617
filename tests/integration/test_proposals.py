"""Corrections an agent proposes: checked when proposed, waiting for a supervisor, accepted as an
ordinary correction naming the agent, or rejected with a reason the agent can read."""

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
    return services.register_family(session=agent, document=FAMILY)["families"][0]


def test_an_accepted_proposal_is_a_correction_that_names_the_agent(agent: services.Session,
                                                                    supervisor: services.Session,
                                                                    family: dict[str, Any]) -> None:
    mother = family["people"][0]
    proposed = services.propose_correction(session=agent, ident=mother["band"], field="given_names",
                                           value="Rosalía", reason="she corrected it herself")
    assert proposed["status"] == "open" and proposed["value"] == "Rosalía"
    assert services.show_family(session=agent, ident=mother["band"])["people"][0]["given_names"] == "Rosa", \
        "nothing changes until a supervisor accepts"
    (waiting,) = services.list_proposals(session=supervisor)["proposals"]
    assert (waiting["label"], waiting["field"], waiting["now"], waiting["value"], waiting["proposed_by"]) == (
        "Rosa Tzul", "given_names", "Rosa", "Rosalía", AGENT)
    decided = services.decide_proposal(session=supervisor, proposal_id=proposed["id"], accept=True)
    assert decided["status"] == "accepted" and decided["correction"]["new"] == "Rosalía"
    shown = services.show_family(session=agent, ident=mother["band"])
    assert shown["people"][0]["given_names"] == "Rosalía"
    entry = shown["history"][-1]
    assert (entry["user"], entry["reason"]) == (SUPERVISOR, f"she corrected it herself (proposed by {AGENT})")
    assert services.list_proposals(session=supervisor)["proposals"] == []
    mine = services.list_proposals(session=agent, status="all")["proposals"]
    assert [(p["status"], p["decided_by"]) for p in mine] == [("accepted", SUPERVISOR)]
    with pytest.raises(ValidationError, match="was accepted already by sofia"):
        services.decide_proposal(session=supervisor, proposal_id=proposed["id"], accept=False, reason="no")


def test_a_rejection_needs_a_reason_and_the_agent_reads_it(agent: services.Session, supervisor: services.Session,
                                                           family: dict[str, Any]) -> None:
    proposed = services.propose_correction(session=agent, ident=family["people"][1]["id"], field="birth_date",
                                           value="2019-03-01", reason="the mother said")
    with pytest.raises(ValidationError, match="say why the proposal is rejected"):
        services.decide_proposal(session=supervisor, proposal_id=proposed["id"], accept=False, reason=" ")
    services.decide_proposal(session=supervisor, proposal_id=proposed["id"], accept=False,
                             reason="the birth certificate says 2019-02-01")
    (mine,) = services.list_proposals(session=agent, status="rejected")["proposals"]
    assert mine["decision"] == "the birth certificate says 2019-02-01"
    assert services.show_family(session=agent, ident=family["people"][1]["id"])["people"][1]["birth_date"] == \
        "2019-02-01"


def test_a_proposal_is_checked_when_it_is_made(agent: services.Session, family: dict[str, Any]) -> None:
    mother = family["people"][0]
    for field, value, reason, error, message in (
            ("birth_date", "2040-01-01", "typo", ValidationError, "in the future"),
            ("given_names", "Rosalía", " ", ValidationError, "a correction needs a reason"),
            ("given_names", "Rosa", "typo", ValidationError, "nothing to correct"),
            ("role", "child", "looks young", InvariantViolation, "adult")):
        with pytest.raises(error, match=message):
            services.propose_correction(session=agent, ident=mother["id"], field=field, value=value, reason=reason)
    with pytest.raises(NotFound):
        services.propose_correction(session=agent, ident="nobody", field="place", value="x", reason="typo")
    assert services.list_proposals(session=agent)["proposals"] == []


def test_roles(agent: services.Session, admin: services.Session, supervisor: services.Session,
               family: dict[str, Any]) -> None:
    proposed = services.propose_correction(session=agent, ident=family["people"][0]["id"], field="nationality",
                                           value="HN", reason="her passport")
    for session in (agent, admin):
        with pytest.raises(services.NotPermitted):
            services.decide_proposal(session=session, proposal_id=proposed["id"], accept=True)
    with pytest.raises(services.NotPermitted):
        services.propose_correction(session=admin, ident=family["people"][0]["id"], field="nationality",
                                    value="SV", reason="x")
    other = services.list_proposals(session=supervisor)["proposals"]
    assert [p["id"] for p in other] == [proposed["id"]]


def test_the_command_line(cli: Any, station: Path) -> None:
    band = cli("family", "add", "-", user=AGENT, stdin=FAMILY).json["families"][0]["people"][0]["band"]
    proposed = cli("propose", band, "--field", "languages", "--value", '["es", "quc"]', "--reason", "asked",
                   user=AGENT)
    assert proposed.code == 0, proposed.stderr
    listed = cli("proposals", user=SUPERVISOR).json["proposals"]
    assert [p["value"] for p in listed] == [["es", "quc"]]
    bad = cli("proposal", "reject", listed[0]["id"], user=SUPERVISOR)
    assert bad.code == 2 and "say why" in bad.stderr
    assert cli("proposal", "accept", listed[0]["id"], user=AGENT).code == 3
    accepted = cli("proposal", "accept", listed[0]["id"], user=SUPERVISOR)
    assert accepted.code == 0 and accepted.json["status"] == "accepted"
    assert cli("family", "show", band, user=AGENT).json["people"][0]["languages"] == ["es", "quc"]
