"""The change log of a real SQLCipher store: replaying it gives the tables; every record is signed by
the station; a refused command leaves no trace in either; the database refuses to lose history."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select, update
from sqlalchemy.exc import DBAPIError

from app import services
from app.domain import changes
from app.domain.changes import Change
from app.domain.errors import InvariantViolation, NotFound, ValidationError
from app.security.identity import StationIdentity, verify
from app.store import keyslots, schema
from app.store.changelog import load_changes, projection
from tests.conftest import PASSPHRASES, adult, child, document, link
from tests.unit.domain.test_properties import document_json, invariant_one_holds

Snapshot = tuple[list[Change], dict[str, dict[str, dict[str, Any]]]]


def snapshot(session: services.Session) -> Snapshot:
    with session.engine.begin() as conn:
        return load_changes(conn), projection(conn)


def assert_replay_matches(session: services.Session) -> list[Change]:
    log, tables = snapshot(session)
    assert changes.replay(log) == tables
    return log


def assert_signed_by_station(session: services.Session, log: list[Change]) -> None:
    public_key = session.identity.public_key
    for change in log:
        assert change.station == session.identity.code
        assert verify(public_key, change.signature, change.signing_bytes()), change.id


TWO_PARENTS = document({
    "people": [adult("m", "Rosa Elvira", "Tzul Ixcoy", age_estimate_years=30, languages=["quc", "es"]),
               {**adult("p", "Tomás", "Ixcoy"), "sex": "male"},
               child("t", "Ana Lucía", "Ixcoy Tzul", birth_date="2012-06-01"),
               child("b", None, None, age_estimate_years=0.5, preverbal=True, description="green blanket")],
    "links": [link("m", "t"), link("m", "b", provenance="observed"), link("p", "t", "father", "document_verified"),
              link("p", "b", "unknown"), link("t", "b", "sibling")]})
ALONE = document({"people": [child("k", "Wilmer", None, age_estimate_years=9, arrived_without_adult=True)]})
ACROSS = document({"people": [adult("g", "Juana", "Tum")]},
                  {"people": [adult("e", "Elena", "Tum"), child("n")], "links": [link("e", "n"),
                                                                                link("g", "n", "grandparent")]})


def ids(answer: dict[str, Any]) -> dict[str, str]:
    return {p["ref"]: p["id"] for f in answer["families"] for p in f["people"]}


def link_between(session: services.Session, a: str, b: str) -> str:
    view = services.show_family(session=session, ident=a)
    [found] = [x["id"] for x in view["links"] if {x["from"], x["to"]} == {a, b}]
    return str(found)


@pytest.fixture
def registered(agent: services.Session, example_document: bytes) -> dict[str, str]:
    people: dict[str, str] = {}
    for raw in (example_document, TWO_PARENTS, ALONE, ACROSS):
        people.update(ids(services.register_family(session=agent, document=raw)))
    return people


def a_days_work(agent: services.Session, supervisor: services.Session, people: dict[str, str]) -> None:
    """Separations, contact, reunification, custody transfers and corrections, by agent and supervisor."""
    mother_baby = link_between(agent, people["a1"], people["c1"])
    services.change_link_state(session=agent, link_id=mother_baby, state="separated", reason="mother hospitalised",
                               officer="Lt. Ramos #4411", from_side="Tucson Medical Center",
                               to_side="this station")
    services.transfer_custody(session=agent, person=people["a1"], to="unknown",
                              facility="Tucson Medical Center", reference="TMC-0042", reason="taken to hospital")
    services.change_link_state(session=agent, link_id=mother_baby, state="in_contact", reason="video call",
                               officer="Lt. Ramos #4411")
    services.change_link_state(session=agent, link_id=mother_baby, state="reunified", reason="mother discharged",
                               officer="Lt. Ramos #4411")
    services.arrive(session=agent, person=people["a1"])  # back from hospital
    father_baby = link_between(agent, people["p"], people["b"])
    services.change_link_state(session=supervisor, link_id=father_baby, state="separated", reason="ICE custody",
                               officer="SBPA Ortiz", from_side="ICE Florence", to_side="HHS/ORR shelter")
    services.transfer_custody(session=agent, person=people["b"], to="hhs_orr",
                              facility="Casa Tucson", reference="ORR-5521", reason="placed in an ORR shelter")
    services.correct_person(session=supervisor, person=people["b"], field="given_names", value="Mateo",
                            reason="mother gave the name")
    services.correct_person(session=supervisor, person=people["k"], field="birth_date", value="2007-03-09",
                            reason="birth certificate")
    with pytest.raises(ValidationError, match="is 'Ixcoy Tzul' already; nothing to correct"):
        services.correct_person(session=supervisor, person=people["t"], field="family_names", value="Ixcoy  Tzul",
                                reason="same value, spacing only")
    services.correct_person(session=supervisor, person=people["k"], field="role", value="adult",
                            reason="documents show age 19")


def test_replaying_the_change_log_gives_the_tables(agent: services.Session, supervisor: services.Session,
                                                   registered: dict[str, str]) -> None:
    assert_replay_matches(agent)
    a_days_work(agent, supervisor, registered)
    log = assert_replay_matches(supervisor)
    assert_signed_by_station(agent, log)

    kinds = [c.entity for c in log]
    assert kinds.count("link_event") == 4
    assert kinds.count("custody") == 10 + 3  # one for each of 10 people at registration, then 3 transfers
    hlcs = [c.hlc for c in log]
    assert hlcs == sorted(hlcs) and len(set(hlcs)) == len(hlcs), "clock order is log order"
    assert len({c.id for c in log}) == len(log)

    _, tables = snapshot(agent)
    assert tables["person"][registered["b"]]["given_names"] == "Mateo"
    assert tables["person"][registered["k"]]["role"] == "adult"
    corrections = [c for c in log if c.entity == "person" and not c.created]
    assert [(c.user, c.reason, sorted(c.fields)) for c in corrections] == [
        ("sofia", "mother gave the name", ["given_names"]),
        ("sofia", "birth certificate", ["birth_date"]),
        ("sofia", "documents show age 19", ["role"]),
    ], "a correction to the same value is refused and writes no change record"
    assert corrections[0].fields["given_names"] == (None, "Mateo")
    assert all(c.user == "ana" for c in log if c.entity in {"encounter", "family", "band"})
    assert invariant_one_holds(tables)


def test_a_changed_record_no_longer_verifies(agent: services.Session, registered: dict[str, str]) -> None:
    log, _ = snapshot(agent)
    public_key = agent.identity.public_key
    person = next(c for c in log if c.entity == "person")
    forged = replace(person, fields={**person.fields, "given_names": (None, "Someone Else")})
    assert verify(public_key, person.signature, person.signing_bytes())
    assert not verify(public_key, forged.signature, forged.signing_bytes())
    assert not verify(public_key, replace(person, user="mallory").signature,
                      replace(person, user="mallory").signing_bytes())
    other_station = StationIdentity.generate("Another Station").public_key
    assert not verify(other_station, person.signature, person.signing_bytes())


def _fail_cases(people: dict[str, str]) -> dict[str, tuple[str, Callable[..., Any], dict[str, Any], type]]:
    """name -> (who, service, arguments, expected error)."""
    return {
        "bad document": ("agent", services.register_family,
                         {"document": document({"people": [adult("a"), child("c", given="Baby Boy")]})},
                         ValidationError),
        "document breaking invariant 1": ("agent", services.register_family,
                                          {"document": document({"people": [adult("a"), child("c")]})},
                                          ValidationError),
        "only adult made a child": ("supervisor", services.correct_person,
                                    {"person": people["a1"], "field": "role", "value": "child", "reason": "typo"},
                                    InvariantViolation),
        "child with adults marked alone": ("supervisor", services.correct_person,
                                           {"person": people["c1"], "field": "arrived_without_adult",
                                            "value": True, "reason": "typo"}, InvariantViolation),
        "lone child unmarked": ("supervisor", services.correct_person,
                                {"person": people["k"], "field": "arrived_without_adult", "value": False,
                                 "reason": "typo"}, InvariantViolation),
        "one of two parents made a child": ("supervisor", services.correct_person,
                                            {"person": people["p"], "field": "role", "value": "child",
                                             "reason": "typo"}, InvariantViolation),
        "placeholder name": ("supervisor", services.correct_person,
                             {"person": people["c1"], "field": "given_names", "value": "Bebé", "reason": "x"},
                             ValidationError),
        "fixed field": ("supervisor", services.correct_person,
                        {"person": people["c1"], "field": "family_id", "value": "elsewhere", "reason": "x"},
                        ValidationError),
        "correction without reason": ("supervisor", services.correct_person,
                                      {"person": people["c1"], "field": "given_names", "value": "Mateo",
                                       "reason": " "}, ValidationError),
        "unknown person": ("supervisor", services.correct_person,
                           {"person": "nobody", "field": "given_names", "value": "Mateo", "reason": "x"}, NotFound),
        "together to reunified": ("agent", services.change_link_state,
                                  {"link_id": "MOTHER_BABY", "state": "reunified", "reason": "x", "officer": "y"},
                                  InvariantViolation),
        "separation without sides": ("agent", services.change_link_state,
                                     {"link_id": "MOTHER_BABY", "state": "separated", "reason": "x",
                                      "officer": "y"}, ValidationError),
        "unknown link": ("agent", services.change_link_state,
                         {"link_id": "nolink", "state": "separated", "reason": "x", "officer": "y",
                          "from_side": "a", "to_side": "b"}, NotFound),
        "custody without receiving party": ("agent", services.transfer_custody,
                                            {"person": people["c1"], "to": "hhs_orr", "facility": None,
                                             "reason": "x"}, ValidationError),
        "custody of nobody": ("agent", services.transfer_custody,
                              {"person": "nobody", "to": "unknown", "reason": "x"}, NotFound),
        "agent may not correct": ("agent", services.correct_person,
                                  {"person": people["c1"], "field": "given_names", "value": "Mateo", "reason": "x"},
                                  services.NotPermitted),
    }


FAIL_CASES = list(_fail_cases({k: k for k in ("a1", "c1", "k", "p")}))


@pytest.mark.parametrize("case", FAIL_CASES)
def test_a_refused_command_leaves_log_and_tables_as_they_were(case: str, agent: services.Session,
                                                              supervisor: services.Session,
                                                              registered: dict[str, str]) -> None:
    who, service, arguments, error = _fail_cases(registered)[case]
    if arguments.get("link_id") == "MOTHER_BABY":
        arguments["link_id"] = link_between(agent, registered["a1"], registered["c1"])
    session = {"agent": agent, "supervisor": supervisor}[who]
    before = snapshot(agent)
    with agent.engine.begin() as conn:
        station_before = conn.execute(select(schema.station)).mappings().one()
    with pytest.raises(error):
        service(session=session, **arguments)
    assert snapshot(agent) == before
    with agent.engine.begin() as conn:
        assert conn.execute(select(schema.station)).mappings().one() == station_before, \
            "sequence numbers and clock are untouched"


def test_refused_commands_leave_the_name_index_as_it_was(agent: services.Session, supervisor: services.Session,
                                                         registered: dict[str, str]) -> None:
    with pytest.raises(ValidationError):
        services.correct_person(session=supervisor, person=registered["a1"], field="given_names", value="N/N",
                                reason="x")
    assert [p["id"] for p in services.search(session=agent, text="maria garcia")["people"]] == [registered["a1"]]
    services.correct_person(session=supervisor, person=registered["a1"], field="given_names", value="Marta",
                            reason="spelling")
    assert services.search(session=agent, text="maria garcia")["people"] == []
    assert [p["id"] for p in services.search(session=agent, text="GARCÍA marta")["people"]] == [registered["a1"]]


def _sql_refused(session: services.Session, statement: str, message: str) -> None:
    with pytest.raises(DBAPIError, match=message):
        with session.engine.begin() as conn:
            conn.exec_driver_sql(statement)


def test_the_database_refuses_to_delete_or_rewrite_history(agent: services.Session, supervisor: services.Session,
                                                           registered: dict[str, str]) -> None:
    a_days_work(agent, supervisor, registered)
    before = snapshot(agent)
    _sql_refused(agent, "DELETE FROM change", "append-only")
    _sql_refused(agent, "DELETE FROM change WHERE seq = (SELECT max(seq) FROM change)", "append-only")
    _sql_refused(agent, "UPDATE change SET body = '{}'", "append-only")
    _sql_refused(agent, "UPDATE change SET signature = x'00'", "append-only")
    _sql_refused(agent, "UPDATE change SET entity_id = 'other', hlc = '0'", "append-only")
    _sql_refused(agent, "DELETE FROM link", "never deleted")
    _sql_refused(agent, f"DELETE FROM link WHERE from_person = '{registered['a1']}'", "never deleted")
    _sql_refused(agent, "DELETE FROM link_event", "never deleted")
    assert snapshot(agent) == before
    with agent.engine.begin() as conn:
        # The registry's acknowledgement is the one thing sync may add to a change record.
        conn.execute(update(schema.change).values(registry_seq=7))
    assert snapshot(agent) == before
    assert_replay_matches(agent)


def test_replay_detects_a_tampered_table(agent: services.Session, registered: dict[str, str]) -> None:
    """The comparison itself is meaningful: a row changed behind the log's back shows up."""
    with agent.engine.begin() as conn:
        conn.execute(update(schema.person).where(schema.person.c.id == registered["c1"]).values(given_names="X"))
    log, tables = snapshot(agent)
    assert changes.replay(log) != tables


# --- random work on fresh stores ------------------------------------------------------------------

CHEAP_KDF = keyslots.KdfParams(iterations=1, memory_kib=64, lanes=1)
STEP = st.one_of(
    st.tuples(st.just("link"), st.integers(0, 50), st.sampled_from(["separated", "in_contact", "reunified"])),
    st.tuples(st.just("custody"), st.integers(0, 50), st.sampled_from(["hhs_orr", "ice", "unknown"])),
    st.tuples(st.just("correct"), st.integers(0, 50),
              st.sampled_from([("role", "adult"), ("role", "child"), ("arrived_without_adult", True),
                               ("arrived_without_adult", False), ("given_names", "Ixchel"),
                               ("given_names", "Baby Girl"), ("age_estimate_years", 7)])),
)


def _open_station(data_dir: Path) -> tuple[services.Session, services.Session]:
    services.init_station(data_dir=data_dir, station_name="Random Station", admin="admin",
                          passphrase=PASSPHRASES["admin"], kdf=CHEAP_KDF)
    admin = services.sign_in(data_dir=data_dir, user="admin", passphrase=PASSPHRASES["admin"])
    try:
        services.add_user(session=admin, name="ana", role="agent", passphrase=PASSPHRASES["ana"], kdf=CHEAP_KDF)
        services.add_user(session=admin, name="sofia", role="supervisor", passphrase=PASSPHRASES["sofia"],
                          kdf=CHEAP_KDF)
    finally:
        admin.close()
    return (services.sign_in(data_dir=data_dir, user="ana", passphrase=PASSPHRASES["ana"]),
            services.sign_in(data_dir=data_dir, user="sofia", passphrase=PASSPHRASES["sofia"]))


def _run_step(agent: services.Session, supervisor: services.Session, step: tuple[Any, ...],
              tables: dict[str, dict[str, dict[str, Any]]]) -> None:
    kind, index = step[0], step[1]
    links, people = sorted(tables["link"]), sorted(tables["person"])
    if kind == "link" and links:
        services.change_link_state(session=agent, link_id=links[index % len(links)], state=step[2],
                                   reason="random", officer="Lt. Ramos", from_side="here", to_side="there")
    elif kind == "custody":
        services.transfer_custody(session=agent, person=people[index % len(people)], to=step[2],
                                  facility="Receiving party", reference=None, reason="random")
    elif kind == "correct":
        field, value = step[2]
        services.correct_person(session=supervisor, person=people[index % len(people)], field=field, value=value,
                                reason="random correction")


# Each example builds its own store in its own temporary directory; the function-scoped autouse
# fixture (a cheaper default KDF) is irrelevant here because the cost is passed explicitly.
@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(raw=document_json("d"), steps=st.lists(STEP, max_size=12))
def test_random_work_on_a_real_store_replays_to_its_tables(raw: bytes, steps: list[tuple[Any, ...]]) -> None:
    with tempfile.TemporaryDirectory() as directory:
        agent, supervisor = _open_station(Path(directory) / "station")
        try:
            answer = services.register_family(session=agent, document=raw)
            assert len(ids(answer)) == sum(len(f["people"]) for f in json.loads(raw)["families"])
            for step in steps:
                before = snapshot(agent)
                try:
                    _run_step(agent, supervisor, step, before[1])
                except (ValidationError, InvariantViolation):
                    assert snapshot(agent) == before, f"refused {step} left a trace"
                after_log, after_tables = snapshot(agent)
                assert invariant_one_holds(after_tables)
                assert after_log[:len(before[0])] == before[0], "the log only grows"
                assert set(before[1]["link"]) <= set(after_tables["link"])
                for link_id, row in before[1]["link"].items():
                    new = after_tables["link"][link_id]
                    assert (new["from_person"], new["to_person"]) == (row["from_person"], row["to_person"])
            log = assert_replay_matches(agent)
            assert_signed_by_station(agent, log)
        finally:
            agent.close()
            supervisor.close()
