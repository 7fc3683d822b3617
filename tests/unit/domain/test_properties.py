"""Property tests of the domain, in memory: random encounter documents are registered, then random
commands (link state changes, custody transfers, corrections, more registrations) run against them.

After every step the invariants hold: every child is linked to every adult of its unit or marked as
arrived without one; no link disappears or changes its ends; link history only grows. A refused
command changes nothing. At the end, replaying the change records gives the same state.
"""

from __future__ import annotations

import copy
import itertools
import json
from datetime import UTC, date, datetime
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from app.domain import bandnumber, clock, custody
from app.domain.changes import Change, Mutation, State, apply, empty_state, replay
from app.domain.commands import (
    CORRECTABLE_PERSON_FIELDS,
    Allocators,
    change_link_state,
    correct_person,
    register,
)
from app.domain.document import parse_document
from app.domain.errors import InvariantViolation, ValidationError
from app.domain.model import CUSTODY_KINDS, LINK_TRANSITIONS, LinkState, Provenance, Relationship

STATION = "K7QXM"
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
TODAY = NOW.date()
WHEN = "2026-11-25T12:00:00.000+00:00"

# --- documents ------------------------------------------------------------------------------------

GIVEN_WORDS = ["María", "José", "Ana", "Lucía", "Tomás", "Xuan", "Tz'ul", "K\u2019iche\u2019", "Wilmer",
               "Rosa", "Elvira", "Jose\u0301", "Nguyễn", "Ñusta", "Çelik", "李", "Ixchel"]
FAMILY_WORDS = ["García", "López", "Ixcoy", "Tzul", "Pérez", "Q'anjob'al", "Chávez", "Hernández", "Tum"]


def name_of(words: list[str]) -> st.SearchStrategy[str | None]:
    return st.none() | st.lists(st.sampled_from(words), min_size=1, max_size=3).map(" ".join)


# Ages an adult and a child may have together in any relationship without a word from
# domain.plausibility (a mother younger than her child is refused, a grandparent 25 years older is
# unusual): adults 46 and over, children under 18, pre-verbal ones under 6.
BIRTHS = {
    "adult": st.one_of(st.just({}),
                       st.dates(date(1930, 1, 1), date(1980, 11, 1)).map(lambda d: {"birth_date": d.isoformat()}),
                       st.sampled_from([46, 62, 120]).map(lambda a: {"age_estimate_years": a})),
    "child": st.one_of(st.just({}),
                       st.dates(date(2009, 12, 1), date(2026, 11, 20)).map(lambda d: {"birth_date": d.isoformat()}),
                       st.sampled_from([0, 0.5, 1, 4, 9, 15]).map(lambda a: {"age_estimate_years": a})),
}
relationships = st.sampled_from([r.value for r in Relationship])
# What a child may be to an adult (a link written child to adult).
CHILD_TO_ADULT = st.sampled_from(["sibling", "aunt_uncle", "other_relative", "unknown"])
provenances = st.sampled_from([p.value for p in Provenance])


@st.composite
def person_json(draw: st.DrawFn, ref: str, role: str, alone: bool) -> dict[str, Any]:
    person: dict[str, Any] = {"ref": ref, "role": role, "given_names": draw(name_of(GIVEN_WORDS)),
                              "family_names": draw(name_of(FAMILY_WORDS)),
                              "sex": draw(st.sampled_from(["female", "male", "other", "unknown"])),
                              **draw(BIRTHS[role])}
    if draw(st.booleans()):
        person["languages"] = draw(st.lists(st.sampled_from(["es", "quc", "mam", "kjb", "en"]), max_size=3))
    young = person.get("age_estimate_years", 0) < 5 and person.get("birth_date", "2026") >= "2021-12-01"
    if role == "child" and young and draw(st.booleans()):
        person["preverbal"] = True
    if alone or (role == "child" and draw(st.booleans())):
        person["arrived_without_adult"] = alone
    return person


@st.composite
def family_json(draw: st.DrawFn, prefix: str) -> dict[str, Any]:
    adults = draw(st.integers(0, 3))
    children = draw(st.integers(0 if adults else 1, 4))
    people = [draw(person_json(f"{prefix}a{i}", "adult", False)) for i in range(adults)]
    people += [draw(person_json(f"{prefix}c{i}", "child", adults == 0)) for i in range(children)]
    links = []
    for c in range(children):
        for a in range(adults):
            ends = [f"{prefix}a{a}", f"{prefix}c{c}"]
            reverse = draw(st.booleans())
            if reverse:
                ends.reverse()
            links.append({"from": ends[0], "to": ends[1],
                          "relationship": draw(CHILD_TO_ADULT if reverse else relationships),
                          "provenance": draw(provenances)})
    for c1, c2 in itertools.combinations(range(children), 2):
        if draw(st.booleans()):
            links.append({"from": f"{prefix}c{c1}", "to": f"{prefix}c{c2}", "relationship": "sibling",
                          "provenance": draw(provenances)})
    draw(st.randoms(use_true_random=False)).shuffle(links)
    return {"people": people, "links": links}


@st.composite
def document_json(draw: st.DrawFn, prefix: str) -> bytes:
    families = [draw(family_json(f"{prefix}f{i}")) for i in range(draw(st.integers(1, 3)))]
    if len(families) > 1 and draw(st.booleans()):  # a relative registered in another unit
        first, second = draw(st.sampled_from(list(itertools.permutations(range(len(families)), 2))))
        a = draw(st.sampled_from([p["ref"] for p in families[first]["people"]]))
        b = draw(st.sampled_from([p["ref"] for p in families[second]["people"]]))
        families[first]["links"].append({"from": a, "to": b, "relationship": "other_relative",
                                         "provenance": "claimed"})
    encounter = {"occurred_at": "2026-11-24T14:05:00-07:00", "place": "Sásabe, sector Tucson"}
    if draw(st.booleans()):
        encounter |= {"latitude": 31.48, "longitude": -111.54}
    return json.dumps({"encounter": encounter, "families": families}, ensure_ascii=draw(st.booleans())).encode()


# --- the replica under test -----------------------------------------------------------------------

class Replica:
    """An in-memory station: the state built change by change, and the change log."""

    def __init__(self) -> None:
        self.state: State = empty_state()
        self.changes: list[Change] = []
        self._ids = itertools.count(1)
        self._families = itertools.count(1)
        self._bands = itertools.count(1)
        self._clock: clock.Hlc | None = None
        self.alloc = Allocators(new_id=lambda: f"id{next(self._ids):05d}",
                                family_number=lambda: f"{STATION}-{next(self._families)}",
                                band_number=lambda: bandnumber.make_band_number(STATION, next(self._bands)))

    def new_id(self) -> str:
        return self.alloc.new_id()

    def write(self, mutations: list[Mutation], reason: str | None = None) -> None:
        for mutation in mutations:
            if not mutation.fields:
                continue
            rows = self.state[mutation.entity]
            if mutation.created:
                assert mutation.entity_id not in rows
            else:  # an update names the values it starts from, as the store checks
                current = rows[mutation.entity_id]
                assert all(current[name] == old for name, (old, _) in mutation.fields.items()), mutation
            self._clock = clock.tick(self._clock, STATION)
            change = Change(f"ch{len(self.changes):06d}", mutation.entity, mutation.entity_id,
                            copy.deepcopy(mutation.fields), mutation.created, str(self._clock), STATION, "ana",
                            reason)
            apply(self.state, mutation)
            self.changes.append(change)

    def people_of(self, family_id: str) -> list[dict[str, Any]]:
        return [{"id": pid, **row} for pid, row in sorted(self.state["person"].items())
                if row["family_id"] == family_id]

    def links_touching(self, person_ids: set[str]) -> list[tuple[str, str]]:
        return [(x["from_person"], x["to_person"]) for _, x in sorted(self.state["link"].items())
                if x["from_person"] in person_ids or x["to_person"] in person_ids]


def invariant_one_holds(state: State, people: dict[str, dict[str, Any]] | None = None) -> bool:
    """Invariant 1, written out independently of ``app.domain.rules``."""
    people = state["person"] if people is None else people
    linked = {frozenset((x["from_person"], x["to_person"])) for x in state["link"].values()}
    for family_id in state["family"]:
        members = {pid: p for pid, p in people.items() if p["family_id"] == family_id}
        adults = [pid for pid, p in members.items() if p["role"] == "adult"]
        for pid, p in members.items():
            if p["role"] != "child":
                continue
            if not adults:
                if p["arrived_without_adult"] is not True:
                    return False
            elif p["arrived_without_adult"] or any(frozenset((pid, a)) not in linked for a in adults):
                return False
    return True


def check_step(before: State, after: State) -> None:
    assert invariant_one_holds(after)
    for link_id, old in before["link"].items():
        assert link_id in after["link"], "a link disappeared"
        new = after["link"][link_id]
        assert (new["from_person"], new["to_person"]) == (old["from_person"], old["to_person"])
    assert len(after["link_event"]) >= len(before["link_event"])
    for event_id, row in before["link_event"].items():
        assert after["link_event"][event_id] == row, "link history changed"
    for kind in ("person", "custody", "band", "family", "encounter"):
        assert set(before[kind]) <= set(after[kind]), f"a {kind} disappeared"
    # A link's state is the state of its latest event (or "together" before any).
    latest: dict[str, str] = {}
    for _, row in sorted(after["link_event"].items()):
        latest[row["link_id"]] = row["state"]
    for link_id, row in after["link"].items():
        assert row["state"] == latest.get(link_id, LinkState.TOGETHER.value)


# --- the commands ---------------------------------------------------------------------------------

# Mostly good arguments, so that long histories build up; sometimes bad ones, which must be refused.
TEXTS = ["medical transfer"] * 6 + ["", None, "  "]
OFFICERS = ["Lt. Ramos #4411"] * 8 + [None]
SIDES = [("this station", "HHS/ORR shelter")] * 6 + [(None, "HHS/ORR shelter"), ("this station", ""), (None, None)]
CORRECTION_VALUES: dict[str, list[Any]] = {
    "role": ["adult", "child", "adult", "child", "parent"],
    "arrived_without_adult": [True, False, True, False, "yes"],
    "given_names": [None, "Ana Lucía", "K'iche'", "Baby Boy", "bebé", ""],
    "family_names": [None, "Ixcoy Tzul", "N/N"],
    "sex": ["female", "male", "unknown", "F"],
    "birth_date": ["2001-05-06", "2030-01-01", "1899-01-01", "5/6/2001", None],
    "age_estimate_years": [0, 0.5, 17, 120, 121, -1, "3", True, None],
    "nationality": ["GT", "hn", "Guatemala", None],
    "languages": [["es"], ["quc", "es"], ["ES"], "es", None],
    "preverbal": [True, False, None],
    "description": ["red cap", None, "x\u0000"],
    "family_id": ["id99999"],
    "documents": [[]],
}
assert set(CORRECTABLE_PERSON_FIELDS) <= set(CORRECTION_VALUES)


def do_link(replica: Replica, data: st.DataObject) -> None:
    if not replica.state["link"]:
        return
    link_id = data.draw(st.sampled_from(sorted(replica.state["link"])), label="link")
    row = {"id": link_id, **replica.state["link"][link_id]}
    next_states = sorted(s.value for s in LINK_TRANSITIONS[LinkState(row["state"])])
    target = data.draw(st.sampled_from(next_states) | st.sampled_from([s.value for s in LinkState] + ["deleted"]),
                       label="target")
    reason = data.draw(st.sampled_from(TEXTS), label="reason")
    officer = data.draw(st.sampled_from(OFFICERS), label="officer")
    from_side, to_side = data.draw(st.sampled_from(SIDES), label="sides")
    valid = (target in {s.value for s in LinkState} and bool(reason and reason.strip()) and officer is not None
             and (target != "separated" or (bool(from_side) and bool(to_side))))
    allowed = valid and LinkState(target) in LINK_TRANSITIONS[LinkState(row["state"])]
    events_before = len(replica.state["link_event"])
    try:
        mutations = change_link_state(link_id, row, state=target, reason=reason, officer=officer,  # type: ignore[arg-type]
                                      from_side=from_side, to_side=to_side, occurred_at=WHEN,
                                      event_id=replica.new_id())
    except ValidationError:
        assert not valid
        event("link: invalid arguments refused")
        return
    except InvariantViolation:
        assert valid and not allowed
        event("link: transition refused")
        return
    assert allowed
    event(f"link: {row['state']} -> {target}")
    replica.write(mutations, reason=reason)
    assert len(replica.state["link_event"]) == events_before + 1
    assert replica.state["link"][link_id]["state"] == target


def do_custody(replica: Replica, data: st.DataObject) -> None:
    person_id = data.draw(st.sampled_from(sorted(replica.state["person"])), label="person")
    kind = data.draw(st.sampled_from([*CUSTODY_KINDS, "this_station", "shelter"]), label="kind")
    station = data.draw(st.sampled_from([None, STATION, "7QXKM", "bad!"]), label="station")
    party = data.draw(st.sampled_from(["Casa Tucson", None, ""]), label="party")
    reference = data.draw(st.sampled_from(["ORR-5521", None]), label="reference")
    valid = (kind in CUSTODY_KINDS and (station is not None) == (kind == "station") and station != "bad!"
             and (kind not in custody.NAMES_A_FACILITY or bool(party)))
    current = custody.latest([{"id": i, **r} for i, r in replica.state["custody"].items()
                              if r["person_id"] == person_id])
    refused = kind == "station" and (station == STATION or custody.custodian(current) not in (None, STATION))
    try:
        mutations = custody.transfer(person_id, kind=kind, station=station, facility=party, reference=reference,
                                     since=WHEN, custody_id=replica.new_id(), writer=custody.StationPlace(STATION),
                                     receiver=None, current=current)
    except ValidationError:
        assert not valid
        return
    except InvariantViolation:
        assert valid and refused
        return
    assert valid and not refused
    replica.write(mutations)
    assert mutations[0].entity_id in replica.state["custody"]


def do_correct(replica: Replica, data: st.DataObject) -> None:
    person_id = data.draw(st.sampled_from(sorted(replica.state["person"])), label="person")
    field = data.draw(st.sampled_from(["role", "arrived_without_adult"]) | st.sampled_from(sorted(CORRECTION_VALUES)),
                      label="field")
    value = data.draw(st.sampled_from(CORRECTION_VALUES[field]), label="value")
    family_id = replica.state["person"][person_id]["family_id"]
    people = replica.people_of(family_id)
    links = replica.links_touching({p["id"] for p in people})
    try:
        mutation = correct_person(person_id, field, copy.deepcopy(value), family_people=people,
                                  family_links=links, today=TODAY)
    except ValidationError:
        assert field not in {"role", "arrived_without_adult"} or value not in ("adult", "child", True, False)
        return
    except InvariantViolation:
        assert field in {"role", "arrived_without_adult"}, "only role and mark can break invariant 1"
        event(f"correct: {field} refused by invariant 1")
        hypothetical = copy.deepcopy(replica.state["person"])
        hypothetical[person_id][field] = value
        assert not invariant_one_holds(replica.state, hypothetical), "a harmless correction was refused"
        return
    assert field in CORRECTABLE_PERSON_FIELDS
    assert set(mutation.fields) <= {field}
    assert (mutation.entity, mutation.entity_id, mutation.created) == ("person", person_id, False)
    if field in {"role", "arrived_without_adult"}:
        hypothetical = copy.deepcopy(replica.state["person"])
        hypothetical[person_id][field] = value
        assert invariant_one_holds(replica.state, hypothetical)
    event(f"correct: {field} accepted" if mutation.fields else "correct: no change")
    replica.write([mutation], reason="supervisor correction")


def do_register(replica: Replica, raw: bytes) -> None:
    draft = parse_document(raw, now=NOW)
    registration = register(draft, alloc=replica.alloc, agent="ana", station=STATION, recorded_at=WHEN)
    replica.write(registration.mutations)
    refs = [p["ref"] for f in registration.answer["families"] for p in f["people"]]
    assert len(refs) == sum(len(f.people) for f in draft.families)
    for family in registration.answer["families"]:
        for person in family["people"]:
            assert replica.state["person"][person["id"]]["family_id"] == family["id"]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(first=document_json("d0"), data=st.data())
def test_random_commands_never_break_the_invariants(first: bytes, data: st.DataObject) -> None:
    replica = Replica()
    do_register(replica, first)
    check_step(empty_state(), replica.state)
    steps = data.draw(st.lists(st.sampled_from(["link", "link", "custody", "correct", "correct", "register"]),
                               min_size=3, max_size=25), label="steps")
    for number, step in enumerate(steps, start=1):
        before = copy.deepcopy(replica.state)
        changes_before = len(replica.changes)
        if step == "link":
            do_link(replica, data)
        elif step == "custody":
            do_custody(replica, data)
        elif step == "correct":
            do_correct(replica, data)
        else:
            do_register(replica, data.draw(document_json(f"d{number}"), label="document"))
        check_step(before, replica.state)
        if len(replica.changes) == changes_before:
            assert replica.state == before, "a refused command changed the state"
    assert replay(replica.changes) == replica.state
    hlcs = [c.hlc for c in replica.changes]
    assert hlcs == sorted(hlcs) and len(set(hlcs)) == len(hlcs)


@settings(max_examples=60, deadline=None)
@given(raw=document_json("d"))
def test_every_generated_document_registers_with_a_band_for_everyone(raw: bytes) -> None:
    replica = Replica()
    do_register(replica, raw)
    people = replica.state["person"]
    bands = replica.state["band"].values()
    assert sorted(b["person_id"] for b in bands) == sorted(people)
    assert len({b["number"] for b in bands}) == len(people)
    assert all(bandnumber.is_valid_checksum(b["number"]) for b in bands)
    assert all(x["state"] == "together" for x in replica.state["link"].values())
    assert invariant_one_holds(replica.state)
    # The document's links all arrive, with their ends intact.
    document = json.loads(raw)
    assert len(replica.state["link"]) == sum(len(f["links"]) for f in document["families"])
