"""Hybrid logical clock (Kulkarni et al.): wall time in ms, a counter, and the station code.

Its string form sorts in clock order, so the store and the registry can compare it as text.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

# The string form has room for five counter digits; past that the clock moves to the next
# millisecond instead, so that text order stays clock order.
MAX_COUNTER = 99_999


@dataclass(frozen=True, order=True)
class Hlc:
    wall_ms: int
    counter: int
    node: str

    def __str__(self) -> str:
        return f"{self.wall_ms:013d}-{self.counter:05d}-{self.node}"

    @classmethod
    def parse(cls, text: str) -> Hlc:
        wall, counter, node = text.split("-", 2)
        return cls(int(wall), int(counter), node)


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
