"""Merging change records that come from other replicas (stations and the registry).

Per field, the write with the latest clock is the value shown, on every replica. Two writes of one
field that name the same base (the write each replaced) and differ in value are concurrent: both
are kept, and the pair is a conflict for a supervisor. Which changes a replica has applied decides
its state and its conflicts; the order they came in does not. So any two replicas that have
applied the same changes show the same state and the same conflicts.

``Replica`` is the reference, in memory: the registry reads a family through it, and the tests use
it as the model. The station store does the same in SQL (``app.store.changelog.merge_change``).
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from . import clock
from .changes import Change, State, canonical_json, created_values, empty_state, stored_value

CREATED = "*"  # a record's creation writes every field at once; it is kept under this name


@dataclass(frozen=True, order=True)
class Write:
    """One change's write of one field (or, under ``CREATED``, of a whole new record). Writes order
    by their clock read as numbers (``at``), then by its text and the change id."""

    at: tuple[int, int, str] = dataclasses.field(init=False, repr=False)  # clock.sort_key(hlc), compared first
    hlc: str
    change_id: str
    base: str | None
    digest: str  # of the value written: equal values are no conflict

    def __post_init__(self) -> None:
        object.__setattr__(self, "at", clock.sort_key(self.hlc))


@dataclass(frozen=True)
class Conflict:
    entity: str
    entity_id: str
    field: str
    base: str
    change_ids: tuple[str, ...]  # oldest clock first; the field shows the latest write overall


def value_digest(value: Any) -> str:
    return hashlib.sha256(canonical_json(value)).hexdigest()[:32]


def writes_of(change: Change) -> list[tuple[str, Write]]:
    """The (field, write) pairs that a change adds to its record's history."""
    if change.created:
        return [(CREATED, Write(change.hlc, change.id, None, ""))]
    return [(name, Write(change.hlc, change.id, change.base.get(name), value_digest(new)))
            for name, (_, new) in sorted(change.fields.items())]


def conflicts_among(entity: str, entity_id: str, field: str, writes: Iterable[Write],
                    resolved: Collection[str] = frozenset()) -> list[Conflict]:
    """Writes of one field grouped by base; a group holding different values is a conflict, open
    until a resolution names every write of the group (``resolved``: the ids resolutions name)."""
    groups: dict[str, list[Write]] = defaultdict(list)
    for write in writes:
        if write.base is not None:
            groups[write.base].append(write)
    return [Conflict(entity, entity_id, field, base, tuple(w.change_id for w in sorted(group)))
            for base, group in sorted(groups.items(), key=lambda item: (clock.sort_key(item[0]), item[0]))
            if len({w.digest for w in group}) > 1 and not {w.change_id for w in group} <= set(resolved)]


class Replica:
    """A replica's records built from the change records it has applied, in any order."""

    def __init__(self) -> None:
        self.state: State = empty_state()
        self.changes: dict[str, Change] = {}
        self._writes: dict[tuple[str, str], dict[str, list[Write]]] = {}

    def merge(self, change: Change) -> bool:
        """Apply one change; False when it was applied before (delivery is at least once)."""
        if change.id in self.changes:
            return False
        self.changes[change.id] = change
        fields = self._writes.setdefault((change.entity, change.entity_id), {})
        for name, write in writes_of(change):
            fields.setdefault(name, []).append(write)
        self._settle(change.entity, change.entity_id)
        return True

    def merge_all(self, changes: Iterable[Change]) -> int:
        return sum(self.merge(c) for c in changes)

    def _settle(self, entity: str, entity_id: str) -> None:
        fields = self._writes[(entity, entity_id)]
        if CREATED not in fields:
            return  # an update that came before its record's creation waits for it
        first = min(fields[CREATED])
        row = created_values(self.changes[first.change_id])
        for name, writes in fields.items():
            latest = max(writes)
            if name != CREATED and latest.at > first.at:
                row[name] = stored_value(entity, name, self.changes[latest.change_id].fields[name][1])
        self.state[entity][entity_id] = row

    def merged_into(self, kept: Collection[str]) -> dict[str, list[str]]:
        """For each person of ``kept``, the person records merged into it now: those held here, and
        those known only by the merge record (their own unit is held elsewhere)."""
        found: dict[str, list[str]] = {}
        for (entity, entity_id), fields in sorted(self._writes.items()):
            writes = fields.get("merged_into")
            if entity != "person" or not writes:
                continue
            row = self.state["person"].get(entity_id)
            value = row["merged_into"] if row is not None else \
                self.changes[max(writes).change_id].fields["merged_into"][1]
            if value in kept:
                found.setdefault(value, []).append(entity_id)
        return found

    def conflicts(self) -> list[Conflict]:
        """The open conflicts: those no resolution this replica holds has closed."""
        resolved = {cid for change in self.changes.values() for cid in change.resolves}
        found: list[Conflict] = []
        for (entity, entity_id), fields in sorted(self._writes.items()):
            for name, writes in sorted(fields.items()):
                if name != CREATED:
                    found.extend(conflicts_among(entity, entity_id, name, writes, resolved))
        return found
