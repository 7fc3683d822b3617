"""The reunification board's rules: deadlines by age at separation, contacts, alerts, who leaves the
board, and the same board whatever order the records came in."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain import policy
from app.domain import reunification as r
from app.domain.errors import ValidationError
from app.domain.policy import Policy

SEPARATED = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


def _person(pid: str, role: str, *, birth: str | None = None, age: float | None = None,
            custody: dict[str, Any] | None = None, band: str | None = None) -> dict[str, Any]:
    return {"id": pid, "role": role, "given_names": pid.title(), "family_names": "Invented",
            "birth_date": birth, "age_estimate_years": age, "merged_into": None, "band": band,
            "custody": custody if custody is not None else {"location": "this_station", "station": None,
                                                             "since": "2026-10-30T00:00:00+00:00"}}


def _event(state: str, at: datetime, n: int = 0) -> dict[str, Any]:
    return {"id": f"{state}-{n}-{at.isoformat()}", "state": state, "occurred_at": at.isoformat()}


def _family(child: dict[str, Any], adults: list[tuple[dict[str, Any], str, list[dict[str, Any]]]],
            fid: str = "fam-1") -> Any:
    def state(events: list[dict[str, Any]]) -> str:
        return max(events, key=lambda e: e["occurred_at"])["state"] if events else "together"

    links = [{"id": f"link-{a['id']}", "from": a["id"], "to": child["id"], "relationship": relation,
              "provenance": "claimed", "state": state(events), "events": events}
             for a, relation, events in adults]
    return {"id": fid, "number": "F1", "status": "open",
            "encounter": {"occurred_at": "2026-10-30T08:00:00-07:00"},
            "people": [child, *(a for a, _, _ in adults)], "links": links, "history": []}


def test_a_child_under_5_at_separation_has_14_days_and_an_older_child_30() -> None:
    baby = _family(_person("baby", "child", birth="2024-05-01"), [(_person("mom", "adult"), "mother",
                                                                    [_event("separated", SEPARATED)])])
    older = _family(_person("teen", "child", birth="2014-05-01"), [(_person("dad", "adult"), "father",
                                                                     [_event("separated", SEPARATED)])], "fam-2")
    board = r.board([baby, older], as_of=SEPARATED + timedelta(days=1))
    deadlines = {e["child"]["id"]: e["adults"][0]["deadline"] for e in board["children"]}
    assert deadlines == {"baby": "2026-11-15T12:00:00Z", "teen": "2026-12-01T12:00:00Z"}
    assert board["policy"] == {"version": 0, "under_5_days": 14, "other_days": 30, "contact_days": 10}


def test_each_separation_keeps_the_deadlines_of_the_policy_it_recorded() -> None:
    """A policy set later (version 2: 7 days) does not move a deadline already given under version 1
    (10 days); a separation that recorded no version (or one not known here) gets the policy in force."""
    first, later = Policy(1, 10, 20, 5), Policy(2, 7, 21, 3)

    def separated(version: int | None, n: int) -> dict[str, Any]:
        return {**_event("separated", SEPARATED, n), "policy_version": version}

    families = [_family(_person(f"kid{n}", "child", birth="2024-05-01"),
                        [(_person(f"mom{n}", "adult"), "mother", [separated(version, n)])], f"fam-{n}")
                for n, version in enumerate((1, 2, None, 9))]
    board = r.board(families, as_of=SEPARATED, policy=later, versions={1: first, 2: later})
    deadlines = {e["child"]["id"]: e["adults"][0]["deadline"] for e in board["children"]}
    assert deadlines == {"kid0": "2026-11-11T12:00:00Z", "kid1": "2026-11-08T12:00:00Z",
                         "kid2": "2026-11-08T12:00:00Z", "kid3": "2026-11-08T12:00:00Z"}
    contact = {e["child"]["id"]: e["adults"][0]["contact_deadline"] for e in board["children"]}
    assert contact["kid0"] == "2026-11-06T12:00:00Z" and contact["kid1"] == "2026-11-04T12:00:00Z"
    assert board["policy"] == later.as_dict()


@pytest.mark.parametrize(("document", "says"), [
    ({"under_5_days": 0, "other_days": 30, "contact_days": 10}, "policy.under_5_days: must be a whole number of "
                                                                "days from 1 to 365, not 0"),
    ({"under_5_days": 14, "other_days": 30}, "policy.contact_days: is missing"),
    ({"under_5_days": 14, "other_days": 30, "contact_days": 10, "grace": 2}, "policy.grace: is not a field"),
    ({"under_5_days": 14.5, "other_days": 30, "contact_days": 10}, "must be a whole number of days"),
    ({"under_5_days": True, "other_days": 30, "contact_days": 10}, "must be a whole number of days"),
    ({"under_5_days": 40, "other_days": 30, "contact_days": 10}, "is later than other_days"),
    ({"under_5_days": 14, "other_days": 30, "contact_days": 15}, "is later than a reunification deadline"),
    ({"under_5_days": 14, "other_days": 366, "contact_days": 10}, "from 1 to 365, not 366"),
    ([14, 30, 10], "must be a JSON object"),
])
def test_a_policy_that_is_not_sensible_is_refused_with_what_is_wrong(document: Any, says: str) -> None:
    with pytest.raises(ValidationError) as refused:
        policy.proposed(document)
    assert says in str(refused.value)


def test_a_signed_policy_reads_back_only_in_its_canonical_form() -> None:
    signed = policy.signed_bytes(Policy(3, 14, 30, 10)).decode()
    assert policy.from_signed(signed) == Policy(3, 14, 30, 10)
    with pytest.raises(ValidationError, match="names its version"):
        policy.from_signed('{"under_5_days": 14, "other_days": 30, "contact_days": 10}')


def test_age_unknown_counts_as_under_5_and_an_estimate_ages_from_the_encounter() -> None:
    unknown = _family(_person("kid", "child"), [(_person("aunt", "adult"), "aunt_uncle",
                                                  [_event("separated", SEPARATED)])])
    # 4.99 at the encounter, 5 by the separation a year later: the older children's 30 days.
    grew = _family(_person("kid2", "child", age=4.5), [(_person("gran", "adult"), "grandparent",
                                                        [_event("separated", SEPARATED + timedelta(days=365))])],
                   "fam-2")
    board = r.board([unknown, grew], as_of=SEPARATED + timedelta(days=366))
    entries = {e["child"]["id"]: e["adults"][0] for e in board["children"]}
    assert entries["kid"]["deadline"] == "2026-11-15T12:00:00Z"
    assert entries["kid2"]["deadline"] == "2027-12-01T12:00:00Z"


def test_overdue_and_no_contact_alerts_then_a_contact_clears_one() -> None:
    events = [_event("separated", SEPARATED)]
    family = _family(_person("kid", "child", age=3), [(_person("mom", "adult", band="ABC"), "mother", events)])
    late = r.board([family], as_of=SEPARATED + timedelta(days=15))["children"][0]
    assert late["overdue"] and late["adults"][0]["overdue"]
    assert [a["code"] for a in late["alerts"]] == ["overdue", "no_contact"]
    assert "the mother (band ABC)" in late["alerts"][0]["text"]
    events.append(_event("in_contact", SEPARATED + timedelta(days=2)))
    called = r.board([family], as_of=SEPARATED + timedelta(days=15))["children"][0]
    assert [a["code"] for a in called["alerts"]] == ["overdue"]
    assert called["adults"][0]["last_contact_at"] == "2026-11-03T12:00:00Z"


def test_a_reunified_or_closed_pair_leaves_and_a_new_separation_returns() -> None:
    events = [_event("separated", SEPARATED), _event("reunified", SEPARATED + timedelta(days=3))]
    family = _family(_person("kid", "child", age=3), [(_person("mom", "adult"), "mother", events)])
    assert r.board([family], as_of=SEPARATED + timedelta(days=4))["children"] == []
    events.append(_event("separated", SEPARATED + timedelta(days=5), 2))
    back = r.board([family], as_of=SEPARATED + timedelta(days=6))["children"]
    assert back[0]["adults"][0]["separated_at"] == "2026-11-06T12:00:00Z"
    events.append(_event("closed", SEPARATED + timedelta(days=7)))
    assert r.board([family], as_of=SEPARATED + timedelta(days=8))["children"] == []


def test_custody_that_diverged_without_a_separation_is_the_2018_failure() -> None:
    child = _person("kid", "child", age=6, custody={"location": "hhs_orr", "station": None,
                                                     "receiving_party": "Shelter (invented)", "since": "x"})
    together = _family(child, [(_person("dad", "adult"), "father", [])])
    entry = r.board([together], as_of=SEPARATED)["children"][0]
    assert [a["code"] for a in entry["alerts"]] == ["custody_diverged"]
    assert entry["adults"][0]["link_state"] == "together" and entry["deadline"] is None
    same_place = _family(_person("kid", "child", age=6), [(_person("dad", "adult"), "father", [])])
    assert r.board([same_place], as_of=SEPARATED)["children"] == []


def test_an_adult_removed_while_the_child_is_held_and_a_child_released_while_separated() -> None:
    removed = _person("mom", "adult", custody={"location": "removed", "station": None, "since": "x"})
    family = _family(_person("kid", "child", age=2), [(removed, "mother", [_event("separated", SEPARATED)])])
    codes = [a["code"] for a in r.board([family], as_of=SEPARATED)["children"][0]["alerts"]]
    assert codes == ["adult_removed"]
    released = _person("kid", "child", age=2, custody={"location": "released_to_sponsor", "station": None,
                                                        "since": "x"})
    family = _family(released, [(_person("mom", "adult"), "mother", [_event("separated", SEPARATED)])])
    codes = [a["code"] for a in r.board([family], as_of=SEPARATED)["children"][0]["alerts"]]
    assert codes == ["released_while_separated"]


def test_the_most_urgent_child_comes_first_and_filters_keep_what_they_say() -> None:
    def one(name: str, days_ago: int, age: float) -> Any:
        return _family(_person(name, "child", age=age), [(_person(f"{name}-mom", "adult"), "mother",
                                                          [_event("separated", SEPARATED - timedelta(days=days_ago))])],
                       f"fam-{name}")
    board = r.board([one("a", 0, 8), one("b", 20, 2), one("c", 10, 2)], as_of=SEPARATED)
    assert [e["child"]["id"] for e in board["children"]] == ["b", "c", "a"]
    assert [e["child"]["id"] for e in r.select(board["children"], overdue=True)] == ["b"]
    assert [e["child"]["id"] for e in r.select(board["children"], under_5=False)] == ["a"]
    # c is at its contact deadline to the second: not late yet, so only b has alerts.
    assert r.counts(board["children"]) == {"children": 3, "pairs": 3, "overdue": 1, "alerts": 1}


@given(st.randoms(use_true_random=False))
def test_the_board_does_not_depend_on_the_order_records_arrive(rnd: random.Random) -> None:
    events = [_event("separated", SEPARATED), _event("in_contact", SEPARATED + timedelta(days=1)),
              _event("reunified", SEPARATED + timedelta(days=2)), _event("separated", SEPARATED + timedelta(days=3), 1),
              _event("in_contact", SEPARATED + timedelta(days=4), 1)]
    adults = [(_person("mom", "adult"), "mother", list(events)), (_person("dad", "adult"), "father", list(events[:1]))]
    expected = r.board([_family(_person("kid", "child", age=1), adults)], as_of=SEPARATED + timedelta(days=20))
    for _, _, own in adults:
        rnd.shuffle(own)
    rnd.shuffle(adults)
    assert r.board([_family(_person("kid", "child", age=1), adults)], as_of=SEPARATED + timedelta(days=20)) == expected
