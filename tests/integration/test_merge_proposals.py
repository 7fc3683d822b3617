""""Same person" at intake, registered all the same: the new record comes with a proposal for a
supervisor to merge it into the one on record, in the same transaction; the supervisor sees it
with the proposed corrections and accepting it merges the two (a split undoes it). Invented people."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app import services
from tests.conftest import AGENT, SUPERVISOR, adult, child, document, link

ROSA = document({"people": [adult("r", "Rosa Elvira", "Tzoc Ajú", nationality="GT", birth_date="1991-04-17"),
                            child("c", "Mateo", "Tzoc", age_estimate_years=4)],
                 "links": [link("r", "c")]})
AGAIN = document({"people": [adult("a1", "Rosa", "Tzoc Aju", nationality="GT", birth_date="1991-04-17")]})


@pytest.fixture
def on_record(agent: services.Session) -> dict[str, Any]:
    people = services.register_family(session=agent, document=ROSA)["families"][0]["people"]
    return {p["ref"]: p for p in people}


def test_registered_again_with_a_merge_proposal_that_a_supervisor_accepts(
        agent: services.Session, supervisor: services.Session, on_record: dict[str, Any]) -> None:
    rosa = on_record["r"]
    answer = services.register_family(session=agent, document=AGAIN, same_as={"a1": rosa["band"]},
                                      same_as_reason="said at intake: the same person")
    new = answer["families"][0]["people"][0]
    made, = answer["merge_proposals"]
    assert (made["ref"], made["entity_id"], made["field"], made["value"]) == ("a1", new["id"], "merged_into",
                                                                              rosa["id"])
    assert [p["id"] for p in services.list_proposals(session=agent)["proposals"]] == [made["id"]], "the agent's own"
    waiting, = services.list_proposals(session=supervisor)["proposals"]
    assert (waiting["label"], waiting["proposed_by"], waiting["reason"]) == ("Rosa Tzoc Aju", AGENT,
                                                                           "said at intake: the same person")
    assert (waiting["into"]["id"], waiting["into"]["band"], waiting["into"]["given_names"]) == (
        rosa["id"], rosa["band"], "Rosa Elvira")
    with pytest.raises(services.NotPermitted):
        services.decide_proposal(session=agent, proposal_id=made["id"], accept=True)
    decided = services.decide_proposal(session=supervisor, proposal_id=made["id"], accept=True)
    assert decided["correction"]["new"] == rosa["id"]
    assert services.show_person(session=supervisor, ident=new["band"])["person"]["merged_into"] == rosa["id"]
    merges = services.audit_trail(session=supervisor, action="person.merge")["records"]
    assert merges[0]["user"] == SUPERVISOR and merges[0]["detail"]["proposal"] == made["id"]
    services.split_person(session=supervisor, person=new["id"], reason="not her after all")
    assert services.show_person(session=supervisor, ident=new["band"])["person"]["merged_into"] is None


def test_a_merge_that_cannot_be_is_refused_and_nothing_is_saved(agent: services.Session,
                                                                on_record: dict[str, Any]) -> None:
    with pytest.raises(services.ValidationError) as refused:  # an adult cannot be the child Mateo
        services.register_family(session=agent, document=AGAIN, same_as={"a1": on_record["c"]["id"]},
                                 same_as_reason="the same person")
    assert refused.value.problems[0].where.startswith("same_as a1")
    assert sorted(p["given_names"] for p in services.search(session=agent, text="Tzoc")["people"]) == [
        "Mateo", "Rosa Elvira"]
    with pytest.raises(services.ValidationError):
        services.register_family(session=agent, document=AGAIN, same_as={"a1": on_record["r"]["id"]})  # no reason


def test_a_merge_proposal_for_records_on_file(agent: services.Session, on_record: dict[str, Any]) -> None:
    again = services.register_family(session=agent, document=AGAIN)["families"][0]["people"][0]
    made = services.propose_merge(session=agent, person=again["band"], into=on_record["r"]["id"],
                                  reason="she says she was registered yesterday")
    assert (made["entity_id"], made["value"], made["status"]) == (again["id"], on_record["r"]["id"], "open")
    with pytest.raises(services.ValidationError):
        services.propose_merge(session=agent, person=again["id"], into=again["id"], reason="itself")


def test_the_command_line(cli: Any, station: Path, agent: services.Session, on_record: dict[str, Any]) -> None:
    again = services.register_family(session=agent, document=AGAIN)["families"][0]["people"][0]
    made = cli("propose-merge", again["band"], "--into", on_record["r"]["band"], "--reason", "same passport",
               user=AGENT)
    assert made.code == 0, made.stderr
    assert (made.json["entity_id"], made.json["field"], made.json["value"]) == (again["id"], "merged_into",
                                                                                on_record["r"]["id"])
    listed = cli("proposals", user=SUPERVISOR)
    assert listed.json["proposals"][0]["into"]["band"] == on_record["r"]["band"]
