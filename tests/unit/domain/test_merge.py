"""Merging is order-free: any replica that has applied the same changes, in any order, shows the
same records and the same conflicts (property-tested), and the station store's SQL merge agrees
with the in-memory reference."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain import clock
from app.domain.changes import Change
from app.domain.merge import Replica, value_digest

STATIONS = ("AAAAA", "BBBBB", "CCCCC")
FIELDS = ("given_names", "nationality")


def _hlc(wall: int, counter: int, node: str) -> str:
    return str(clock.Hlc(1_790_000_000_000 + wall, counter, node))


def _creation() -> Change:
    return Change("0" * 32, "person", "p1", {f: (None, "x") for f in FIELDS} | {"family_id": (None, "f1")}, True,
                  _hlc(0, 0, "AAAAA"), "AAAAA", "u", None)


@st.composite
def histories(draw: Any) -> list[Change]:
    """A creation and updates; each update names as its base a write that existed before it, and
    some are resolutions that name earlier updates of their field as settled."""
    creation = _creation()
    changes, writes = [creation], {f: [creation.hlc] for f in FIELDS}
    updates: dict[str, list[str]] = {f: [] for f in FIELDS}
    for n in range(draw(st.integers(1, 8))):
        name = draw(st.sampled_from(FIELDS))
        station = draw(st.sampled_from(STATIONS))
        base = draw(st.sampled_from(writes[name]))
        wall = clock.Hlc.parse(base).wall_ms - 1_790_000_000_000 + draw(st.integers(1, 5))
        hlc = _hlc(wall, n, station)
        value = draw(st.sampled_from(["Ana", "Rosa", "Rosalía"]))
        settles = tuple(sorted(draw(st.sets(st.sampled_from(updates[name])))) if updates[name] else ())
        change_id = f"{n + 1:032x}"
        changes.append(Change(change_id, "person", "p1", {name: ("?", value)}, False, hlc, station, "u", None,
                              base={name: base}, resolves=settles))
        writes[name].append(hlc)
        updates[name].append(change_id)
    return changes


@settings(max_examples=200)
@given(histories(), st.randoms(use_true_random=False))
def test_any_order_of_the_same_changes_gives_the_same_state_and_conflicts(changes: list[Change],
                                                                          rnd: Any) -> None:
    in_order = Replica()
    in_order.merge_all(changes)
    shuffled = list(changes)
    rnd.shuffle(shuffled)
    other = Replica()
    other.merge_all(shuffled + shuffled[:3])  # and some delivered twice
    assert other.state == in_order.state
    assert other.conflicts() == in_order.conflicts()
    for name in FIELDS:
        latest = max((c for c in changes if name in c.fields), key=lambda c: (c.hlc, c.id))
        assert in_order.state["person"]["p1"][name] == latest.fields[name][1]


def test_two_writes_with_the_same_base_and_different_values_are_one_conflict() -> None:
    creation = _creation()
    a = Change("a" * 32, "person", "p1", {"given_names": ("x", "Ana")}, False, _hlc(5, 0, "AAAAA"), "AAAAA", "u",
               None, base={"given_names": creation.hlc})
    b = Change("b" * 32, "person", "p1", {"given_names": ("x", "Rosa")}, False, _hlc(6, 0, "BBBBB"), "BBBBB", "u",
               None, base={"given_names": creation.hlc})
    same = Change("c" * 32, "person", "p1", {"nationality": ("x", "GT")}, False, _hlc(7, 0, "AAAAA"), "AAAAA", "u",
                  None, base={"nationality": creation.hlc})
    agree = Change("d" * 32, "person", "p1", {"nationality": ("x", "GT")}, False, _hlc(7, 0, "BBBBB"), "BBBBB", "u",
                   None, base={"nationality": creation.hlc})
    replica = Replica()
    replica.merge_all([b, same, creation, a, agree])
    (conflict,) = replica.conflicts()
    assert (conflict.field, conflict.change_ids) == ("given_names", (a.id, b.id)), "equal values are no conflict"
    assert replica.state["person"]["p1"]["given_names"] == "Rosa", "the later clock shows"
    assert value_digest("Rosa") != value_digest("Ana")


def test_a_resolution_closes_the_conflicts_it_names_in_any_order() -> None:
    creation = _creation()
    a = Change("a" * 32, "person", "p1", {"given_names": ("x", "Ana")}, False, _hlc(5, 0, "AAAAA"), "AAAAA", "u",
               None, base={"given_names": creation.hlc})
    b = Change("b" * 32, "person", "p1", {"given_names": ("x", "Rosa")}, False, _hlc(6, 0, "BBBBB"), "BBBBB", "u",
               None, base={"given_names": creation.hlc})
    fix = Change("f" * 32, "person", "p1", {"given_names": ("Rosa", "Ana")}, False, _hlc(9, 0, "CCCCC"), "CCCCC",
                 "supervisor", "kept the value from station AAAAA", base={"given_names": b.hlc}, resolves=(a.id, b.id))
    partial = Change("e" * 32, "person", "p1", {"given_names": ("Ana", "Ana")}, False, _hlc(9, 1, "CCCCC"), "CCCCC",
                     "supervisor", None, base={"given_names": b.hlc}, resolves=(a.id,))
    for order in ([creation, a, b, fix], [fix, b, creation, a], [a, fix, creation, b]):
        replica = Replica()
        replica.merge_all(order)
        assert replica.conflicts() == [] and replica.state["person"]["p1"]["given_names"] == "Ana"
    replica = Replica()
    replica.merge_all([creation, a, b, partial])
    assert [c.change_ids for c in replica.conflicts()] == [(a.id, b.id)], "every write of it must be named"
    later = Change("9" * 32, "person", "p1", {"given_names": ("Ana", "Rosa")}, False, _hlc(10, 0, "AAAAA"), "AAAAA",
                   "u", None, base={"given_names": fix.hlc})
    other = Change("8" * 32, "person", "p1", {"given_names": ("Ana", "Ana María")}, False, _hlc(10, 0, "BBBBB"),
                   "BBBBB", "u", None, base={"given_names": fix.hlc})
    replica = Replica()
    replica.merge_all([creation, a, b, fix, later, other])
    assert [c.change_ids for c in replica.conflicts()] == [(later.id, other.id)], "a new conflict after it is new"
    assert Change.from_body(fix.body()) == fix and "resolves" not in a.body()


def test_an_update_before_its_creation_waits_for_it() -> None:
    creation = _creation()
    update = Change("e" * 32, "person", "p1", {"given_names": ("x", "Ana")}, False, _hlc(3, 0, "BBBBB"), "BBBBB",
                    "u", None, base={"given_names": creation.hlc})
    replica = Replica()
    replica.merge(update)
    assert replica.state["person"] == {}
    replica.merge(creation)
    assert replica.state["person"]["p1"]["given_names"] == "Ana"
    assert replica.merge(update) is False, "a change applied before is not applied again"
