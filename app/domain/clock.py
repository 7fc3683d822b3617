"""Hybrid logical clock (Kulkarni et al.): wall time in ms, a counter, and the station code.

The text form (``1795575562220-00000-HNN4X``) sorts like the clock only while the wall time has 13
digits (until the year 2286), so readings are compared as numbers: ``Hlc.parse`` or ``sort_key``.
``clock_problem`` says why a reading a station sent cannot be right (its clock is wrong).
"""

from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime

# The string form has room for five counter digits; past that the clock moves to the next
# millisecond instead.
MAX_COUNTER = 99_999
MAX_NODE_LENGTH = 16
# No station wrote a record before 2020; a reading before that comes from a clock that is wrong.
EARLIEST_MS = int(datetime(2020, 1, 1, tzinfo=UTC).timestamp() * 1000)
# How far ahead of the checker's clock a station's clock may be (clocks drift; a station is offline).
DEFAULT_SKEW_MS = 10 * 60 * 1000

# [0-9], not \d: \d also matches other scripts' digits.
_READING = re.compile(rf"([0-9]{{13}})-([0-9]{{5}})-([0-9A-Z]{{1,{MAX_NODE_LENGTH}}})")
# Any digits: how ``sort_key`` reads a reading of another length (a clock past 2286, or an old record).
# Bounded, because Python refuses to turn very long digit strings into numbers.
_ANY_READING = re.compile(r"([0-9]{1,30})-([0-9]{1,30})-(.*)", re.DOTALL)
_SHOWN_LENGTH = 40


@dataclass(frozen=True, order=True)
class Hlc:
    wall_ms: int
    counter: int
    node: str

    def __str__(self) -> str:
        return f"{self.wall_ms:013d}-{self.counter:05d}-{self.node}"

    @classmethod
    def parse(cls, text: str) -> Hlc:
        """The reading ``text`` names: exactly 13 digits, a dash, 5 digits, a dash and the station code
        (1 to 16 of 0-9 and A-Z); ValueError saying so otherwise."""
        match = _READING.fullmatch(text) if isinstance(text, str) else None
        if match is None:
            raise ValueError(f"{_shown(text)} is not a clock reading (13 digits, a dash, 5 digits, a dash and the "
                             "station code)")
        return cls(int(match[1]), int(match[2]), match[3])


def sort_key(text: str) -> tuple[int, int, str]:
    """A reading as numbers (wall_ms, counter, node), for comparing readings: text order puts a 14-digit
    clock before a 13-digit one. Text that is no reading at all (the registry refuses those) sorts
    before every reading."""
    match = _ANY_READING.fullmatch(text)
    if match is None:
        return (-1, -1, text)
    return (int(match[1]), int(match[2]), match[3])


def clock_problem(text: str, *, now_ms: int, skew_ms: int = DEFAULT_SKEW_MS,
                  checker: str = "the registry") -> str | None:
    """Why the clock reading ``text`` of a record cannot be right, in an operator's words, or None.
    ``now_ms`` is the checker's own time; a reading may be up to ``skew_ms`` ahead of it."""
    try:
        reading = Hlc.parse(text)
    except ValueError:
        return f"{_shown(text)} is not a clock reading"
    if reading.wall_ms < EARLIEST_MS:
        return f"the clock reading {text} is before 2020: the station's clock is wrong"
    ahead = reading.wall_ms - now_ms
    if ahead > skew_ms:
        return (f"the clock reading {text} is {duration(ahead)} ahead of {checker}'s time (at most "
                f"{duration(skew_ms)} allowed): the station's clock is wrong")
    return None


def duration(ms: int) -> str:
    """A length of time in words, to the second, by its two largest units: "3 hours 12 minutes"."""
    seconds = math.ceil(ms / 1000)
    parts = []
    for unit, size in (("day", 86_400), ("hour", 3_600), ("minute", 60), ("second", 1)):
        count, seconds = divmod(seconds, size)
        if count:
            parts.append(f"{count:,} {unit}{'' if count == 1 else 's'}")
    return " ".join(parts[:2]) or "0 seconds"


def _shown(text: object) -> str:
    """``text`` as a message shows it: quoted, and cut short when it is long."""
    shown = repr(text)
    return shown if len(shown) <= _SHOWN_LENGTH else shown[:_SHOWN_LENGTH] + "…"


def now_ms() -> int:
    return time.time_ns() // 1_000_000


def tick(last: Hlc | None, node: str, physical_ms: int | None = None) -> Hlc:
    """The clock of a new local event: never earlier than the last one, even if the wall clock went back."""
    physical = now_ms() if physical_ms is None else physical_ms
    if last is None or physical > last.wall_ms:
        return Hlc(physical, 0, node)
    return _bounded(last.wall_ms, last.counter + 1, node)


def receive(last: Hlc | None, remote: Hlc, node: str, physical_ms: int | None = None) -> Hlc:
    """The clock after seeing a remote event: later than both the local and the remote clock."""
    physical = now_ms() if physical_ms is None else physical_ms
    last_wall = last.wall_ms if last else -1
    wall = max(physical, last_wall, remote.wall_ms)
    if wall == last_wall == remote.wall_ms and last is not None:
        counter = max(last.counter, remote.counter) + 1
    elif wall == last_wall and last is not None:
        counter = last.counter + 1
    elif wall == remote.wall_ms:
        counter = remote.counter + 1
    else:
        counter = 0
    return _bounded(wall, counter, node)


def _bounded(wall_ms: int, counter: int, node: str) -> Hlc:
    if counter > MAX_COUNTER:
        return Hlc(wall_ms + 1, 0, node)
    return Hlc(wall_ms, counter, node)
