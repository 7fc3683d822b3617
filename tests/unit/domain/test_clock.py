"""The hybrid logical clock: monotonic when the wall clock goes back, later than anything received,
and its text form sorts like the clock."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from app.domain.clock import MAX_COUNTER, Hlc, now_ms, receive, tick

T = 1_795_000_000_000  # 2026-11-18, in ms

walls = st.integers(min_value=T - 10_000, max_value=T + 10_000)
counters = st.integers(min_value=0, max_value=MAX_COUNTER)
nodes = st.sampled_from(["A5EVH", "B7KQZ", "C2MNP-2"])
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
