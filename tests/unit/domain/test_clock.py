"""The hybrid logical clock: monotonic when the wall clock goes back, later than anything received;
its text form is strict and sorts like the clock while it has 13 digits, and readings are compared as
numbers (a 14-digit clock is later, in the replica and in history too)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.changes import Change
from app.domain.clock import (
    DEFAULT_SKEW_MS,
    EARLIEST_MS,
    MAX_COUNTER,
    Hlc,
    clock_problem,
    duration,
    now_ms,
    receive,
    sort_key,
    tick,
)
from app.domain.merge import Replica
from app.domain.views import FamilyRows, family_document

T = 1_795_000_000_000  # 2026-11-18, in ms

walls = st.integers(min_value=T - 10_000, max_value=T + 10_000)
counters = st.integers(min_value=0, max_value=MAX_COUNTER)
nodes = st.sampled_from(["A5EVH", "B7KQZ", "C2MNP2", "Z", "0123456789ABCDEF"])
clocks = st.builds(Hlc, walls, counters, nodes)


def test_first_tick_uses_the_wall_clock() -> None:
    assert tick(None, "A5EVH", T) == Hlc(T, 0, "A5EVH")
    before = now_ms()
    assert before <= tick(None, "A5EVH").wall_ms <= now_ms()


def test_tick_moves_with_the_wall_clock_and_resets_the_counter() -> None:
    assert tick(Hlc(T, 7, "A5EVH"), "A5EVH", T + 5) == Hlc(T + 5, 0, "A5EVH")


def test_tick_in_the_same_millisecond_counts_up() -> None:
    assert tick(Hlc(T, 7, "A5EVH"), "A5EVH", T) == Hlc(T, 8, "A5EVH")


def test_tick_after_the_wall_clock_went_back_stays_ahead() -> None:
    assert tick(Hlc(T, 7, "A5EVH"), "A5EVH", T - 3_600_000) == Hlc(T, 8, "A5EVH")


def test_a_full_counter_moves_to_the_next_millisecond_so_text_order_holds() -> None:
    last = Hlc(T, MAX_COUNTER, "A5EVH")
    after = tick(last, "A5EVH", T - 1_000)
    assert after > last
    assert str(after) > str(last)
    received = receive(last, Hlc(T, MAX_COUNTER, "B7KQZ"), "A5EVH", T - 1_000)
    assert received > last and str(received) > str(last) and str(received) > str(Hlc(T, MAX_COUNTER, "B7KQZ"))


@given(st.integers(T, T + 1_000), st.lists(st.integers(-5_000, 5_000), min_size=1, max_size=200))
def test_ticks_are_strictly_increasing_whatever_the_wall_clock_does(start: int, jumps: list[int]) -> None:
    last = tick(None, "A5EVH", start)
    physical = start
    for jump in jumps:
        physical += jump
        new = tick(last, "A5EVH", physical)
        assert new > last
        assert str(new) > str(last)
        assert new.wall_ms >= physical
        last = new


def test_many_ticks_with_a_stuck_wall_clock_keep_text_order() -> None:
    last = Hlc(T, MAX_COUNTER - 3, "A5EVH")
    for _ in range(10):
        new = tick(last, "A5EVH", T - 60_000)
        assert str(new) > str(last)
        last = new
    assert last.wall_ms == T + 1


@given(st.none() | clocks, clocks, walls)
def test_receive_is_later_than_both_clocks(last: Hlc | None, remote: Hlc, physical: int) -> None:
    new = receive(last, remote, "A5EVH", physical)
    assert (new.wall_ms, new.counter) > (remote.wall_ms, remote.counter)
    if last is not None:
        assert (new.wall_ms, new.counter) > (last.wall_ms, last.counter)
    assert new.wall_ms >= physical
    assert new.node == "A5EVH"


def test_receive_from_a_station_ahead_of_us_adopts_its_time() -> None:
    assert receive(Hlc(T, 2, "A5EVH"), Hlc(T + 500, 4, "B7KQZ"), "A5EVH", T + 10) == Hlc(T + 500, 5, "A5EVH")


def test_receive_when_our_own_wall_clock_is_ahead() -> None:
    assert receive(Hlc(T, 2, "A5EVH"), Hlc(T - 5, 9, "B7KQZ"), "A5EVH", T + 10) == Hlc(T + 10, 0, "A5EVH")


def test_receive_on_a_tie_takes_the_larger_counter() -> None:
    assert receive(Hlc(T, 2, "A5EVH"), Hlc(T, 9, "B7KQZ"), "A5EVH", T - 10) == Hlc(T, 10, "A5EVH")
    assert receive(Hlc(T, 12, "A5EVH"), Hlc(T, 9, "B7KQZ"), "A5EVH", T - 10) == Hlc(T, 13, "A5EVH")


@given(clocks, clocks)
def test_text_form_sorts_like_the_clock(a: Hlc, b: Hlc) -> None:
    assert (str(a) < str(b)) == (a < b)
    assert (str(a) == str(b)) == (a == b)


@given(clocks)
def test_text_form_round_trips(value: Hlc) -> None:
    assert Hlc.parse(str(value)) == value
    assert str(Hlc(T, 3, "A5EVH")) == f"{T}-00003-A5EVH"


# --- strict readings, plausible readings, numeric order -----------------------------------------------

@pytest.mark.parametrize("text", [
    "179500000000-00003-A5EVH",  # 12 digits
    "17950000000000-00003-A5EVH",  # 14 digits: the year 2286, when text order stops being clock order
    "1795000000000-0003-A5EVH", "1795000000000-000003-A5EVH",  # 4 or 6 counter digits
    "1795000000000-00003-a5evh", "1795000000000-00003-A5EV-H", "1795000000000-00003-",
    "1795000000000-00003-0123456789ABCDEFG",  # a node of 17 characters
    "1795000000000-00003-A5EVH\n", " 1795000000000-00003-A5EVH", "1795000000000-00003",
    "١٧٩٥٠٠٠٠٠٠٠٠٠-00003-A5EVH",  # other scripts' digits
    "", "-", "--", "x-y-z"])
def test_parse_accepts_only_the_exact_form(text: str) -> None:
    with pytest.raises(ValueError, match="is not a clock reading"):
        Hlc.parse(text)


def test_parse_refuses_what_is_not_text() -> None:
    with pytest.raises(ValueError, match="is not a clock reading"):
        Hlc.parse(12345)  # type: ignore[arg-type]


def test_parse_reads_the_exact_form() -> None:
    assert Hlc.parse("1795000000000-00003-A5EVH") == Hlc(1_795_000_000_000, 3, "A5EVH")
    assert Hlc.parse("0000000000000-00000-0") == Hlc(0, 0, "0")
    assert Hlc.parse("9999999999999-99999-0123456789ABCDEF") == Hlc(9_999_999_999_999, 99_999, "0123456789ABCDEF")


def test_the_earliest_plausible_reading_is_2020() -> None:
    assert EARLIEST_MS == 1_577_836_800_000
    assert DEFAULT_SKEW_MS == 600_000


NOW = T + 3_600_000


@pytest.mark.parametrize("reading", [Hlc(NOW, 0, "A5EVH"), Hlc(NOW - 86_400_000 * 365, 7, "A5EVH"),
                                     Hlc(NOW + DEFAULT_SKEW_MS, 99_999, "A5EVH"), Hlc(EARLIEST_MS, 0, "A5EVH")])
def test_plausible_readings_have_no_problem(reading: Hlc) -> None:
    assert clock_problem(str(reading), now_ms=NOW) is None


def test_a_reading_too_far_ahead_says_by_how_much() -> None:
    ahead = str(Hlc(NOW + (3 * 60 + 12) * 60_000, 0, "A5EVH"))
    assert clock_problem(ahead, now_ms=NOW) == (
        f"the clock reading {ahead} is 3 hours 12 minutes ahead of the registry's time (at most 10 minutes "
        "allowed): the station's clock is wrong")
    just_over = str(Hlc(NOW + DEFAULT_SKEW_MS + 1, 0, "A5EVH"))
    assert "is 10 minutes 1 second ahead" in str(clock_problem(just_over, now_ms=NOW))
    assert clock_problem(ahead, now_ms=NOW, skew_ms=4 * 3_600_000) is None
    assert "ahead of this station's time (at most 1 minute allowed)" in str(
        clock_problem(ahead, now_ms=NOW, skew_ms=60_000, checker="this station"))


def test_a_reading_before_2020_is_a_wrong_clock() -> None:
    old = str(Hlc(EARLIEST_MS - 1, 0, "A5EVH"))
    assert clock_problem(old, now_ms=NOW) == f"the clock reading {old} is before 2020: the station's clock is wrong"


@pytest.mark.parametrize("text", ["17950000000000-00003-A5EVH", "yesterday", "", "x" * 500])
def test_what_is_no_reading_is_said_so_shortly(text: str) -> None:
    problem = clock_problem(text, now_ms=NOW)
    assert problem is not None and problem.endswith("is not a clock reading") and len(problem) < 80


@pytest.mark.parametrize(("ms", "words"), [(0, "0 seconds"), (1, "1 second"), (61_000, "1 minute 1 second"),
                                           (600_000, "10 minutes"), (11_520_000, "3 hours 12 minutes"),
                                           (86_400_000 * 2 + 3_600_000 * 4 + 60_000, "2 days 4 hours"),
                                           (86_400_000 * 95_000, "95,000 days")])
def test_durations_in_words(ms: int, words: str) -> None:
    assert duration(ms) == words


@given(clocks, clocks)
def test_sort_key_orders_like_the_clock(a: Hlc, b: Hlc) -> None:
    assert (sort_key(str(a)) < sort_key(str(b))) == (a < b)
    assert sort_key(str(a)) == (a.wall_ms, a.counter, a.node)


def test_sort_key_puts_a_14_digit_clock_after_a_13_digit_one() -> None:
    late, early = "10000000000000-00000-BBBBB", "9999999999999-99999-AAAAA"
    assert late < early  # as text: wrong
    assert sort_key(late) > sort_key(early)  # as numbers: right
    assert sort_key("not a clock") < sort_key("0000000000000-00000-A")


def _person(change_id: str, hlc: str, name: str, created: bool = False) -> Change:
    fields = {"given_names": (None if created else "Ana", name)}
    if created:
        fields["family_id"] = (None, "f1")
    base = {} if created else {"given_names": "1790000000000-00000-AAAAA"}
    return Change(change_id * 32, "person", "p1", fields, created, hlc, hlc.rsplit("-", 1)[1], "u", None, base=base)


def test_the_replica_shows_the_write_of_a_14_digit_clock_over_a_13_digit_one() -> None:
    creation = _person("0", "1790000000000-00000-AAAAA", "Ana", created=True)
    earlier = _person("a", "9999999999999-00000-AAAAA", "Rosa")
    later = _person("b", "10000000000000-00000-BBBBB", "Lucía")
    for order in ([creation, earlier, later], [later, creation, earlier], [earlier, later, creation]):
        replica = Replica()
        replica.merge_all(order)
        assert replica.state["person"]["p1"]["given_names"] == "Lucía"
        [conflict] = replica.conflicts()  # the same base: concurrent, oldest clock first
        assert conflict.change_ids == (earlier.id, later.id)


def test_a_14_digit_update_is_later_than_its_records_creation() -> None:
    replica = Replica()
    replica.merge_all([_person("0", "1790000000000-00000-AAAAA", "Ana", created=True),
                       _person("b", "10000000000000-00000-BBBBB", "Lucía")])
    assert replica.state["person"]["p1"]["given_names"] == "Lucía"


def test_history_is_shown_in_clock_order_read_as_numbers() -> None:
    creation = _person("0", "1790000000000-00000-AAAAA", "Ana", created=True)
    later = _person("b", "10000000000000-00000-BBBBB", "Lucía")
    earlier = _person("a", "9999999999999-00000-AAAAA", "Rosa")
    rows = FamilyRows({"id": "f1", "number": "AAAAA-1", "status": "open", "encounter_id": "e1"}, None, [], [], [], [],
                      [], [])
    history = family_document(rows, [later, earlier, creation])["history"]
    assert [entry["change"] for entry in history] == [creation.id, earlier.id, later.id]
