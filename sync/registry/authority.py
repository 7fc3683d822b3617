"""What the registry accepts from a station (docs/registry.md, "What the registry accepts"): every
enrolled station is trusted to say what happened at that station, and nothing more.

A push is judged one station transaction at a time, in order, against the registry's current state
(``state``) and what the push's earlier transactions did: a transaction is accepted or refused whole,
with the reason; one whose clock is ahead of the registry's waits, and so does everything after it
(it may build on it). The checks:

* one creation per record id (the first accepted fixes its origin); an update names a record that
  exists, of the kind it says;
* every value checked by the domain's own rules (``app.domain.records``): types, lists, lengths,
  fixed fields; a created band or family number carries the pushing station's code and is new;
* what a record names exists (a band's person, a link's two people, ...);
* need to know: a station writes only to the family units it holds (a new unit is its own);
* invariant 1 on every unit a transaction changes the shape of: a transaction may not add a problem
  (a unit that broke it before the rule existed is not refused for that);
* a custody record naming another station is a transfer: only the person's custodian may make it,
  and it grants that station the person's family unit (kept for a station not enrolled yet);
* clocks are numbers, from 2020, at most ``skew_ms`` ahead of the registry's time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from app.domain import clock, custody, records
from app.domain.changes import Change
from app.domain.rules import Member, family_problems

from .state import NAMES, Known, Rec, created, updated

# Updates of these fields can break invariant 1 (who is a child or adult, of which unit, marked alone).
SHAPING = {"role", "family_id", "arrived_without_adult"}


class Refused(Exception):
    """A transaction the registry does not accept; the reason in an operator's words."""


class Waits(Exception):
    """A transaction that cannot be accepted yet (its station's clock is ahead); it is sent again later."""


@dataclass
class Grant:
    station: str
    family_id: str
    custody_id: str


@dataclass
class Verdict:
    accepted: list[list[Change]] = field(default_factory=list)
    refused: list[dict[str, Any]] = field(default_factory=list)
    waiting: list[dict[str, Any]] = field(default_factory=list)
    created_units: set[str] = field(default_factory=set)
    grants: list[Grant] = field(default_factory=list)
    moves: list[tuple[str, str]] = field(default_factory=list)  # (person, new unit)
    merges: list[tuple[Change, str]] = field(default_factory=list)  # (the merge record, the kept person's unit)
    placed: dict[str, set[str]] = field(default_factory=dict)  # each new record's family units
    bands: list[tuple[str, str, str]] = field(default_factory=list)  # new band numbers: (number, unit, person)
    family_numbers: list[tuple[str, str]] = field(default_factory=list)  # new units' numbers: (number, unit)


class Authority:
    def __init__(self, station: str, known: Known, *, now: datetime, skew_ms: int = clock.DEFAULT_SKEW_MS) -> None:
        self.station = station
        self.known = known
        self.now = now
        self.now_ms = int(now.timestamp() * 1000)
        self.skew_ms = skew_ms

    def judge(self, transactions: Sequence[tuple[str, list[Change]]]) -> Verdict:
        verdict = Verdict()
        for at, (tx, changes) in enumerate(transactions):
            ids = [c.id for c in changes]
            try:
                view = _View(self.known)
                self._check(view, changes)
            except Waits as wait:
                for later_tx, later in transactions[at:]:
                    reason = str(wait) if later_tx == tx else f"waits behind transaction {tx}: {wait}"
                    verdict.waiting.append({"tx": later_tx, "changes": [c.id for c in later], "reason": reason})
                return verdict
            except Refused as refusal:
                verdict.refused.append({"tx": tx, "changes": ids, "reason": str(refusal)})
                continue
            view.commit(verdict)
            verdict.accepted.append(changes)
        return verdict

    # --- one transaction ---------------------------------------------------------------------

    def _check(self, view: _View, changes: list[Change]) -> None:
        for change in changes:
            self._clock(change)
        shaped: set[str] = set()
        for change in changes:
            shaped |= self._record(view, change)
        for unit in sorted(shaped):
            before, after = self._problems(self.known, view, unit, before=True), self._problems(self.known, view,
                                                                                                unit, before=False)
            new = [p for p in after if p not in before]
            if new:
                raise Refused(f"family unit {_short(unit)} would break the family rule: {'; '.join(new)}")
        for change in changes:
            if change.entity == "custody" and change.created:
                self._transfer(view, change)

    def _clock(self, change: Change) -> None:
        """A clock ahead of the registry's waits (the station's clock is wrong; its records keep);
        one that is no reading, or before 2020, is refused."""
        problem = clock.clock_problem(change.hlc, now_ms=self.now_ms, skew_ms=self.skew_ms)
        if problem is None:
            return
        wall = clock.sort_key(change.hlc)[0]
        if self.now_ms + self.skew_ms < wall < 10**13:  # a reading, only too early for the registry
            raise Waits(problem)
        raise Refused(f"{_what(change)}: {problem}")

    def _record(self, view: _View, change: Change) -> set[str]:
        """Check one record against the state so far and apply it to ``view``; the units whose shape it
        changes (for invariant 1)."""
        new = {name: value for name, (_, value) in change.fields.items()}
        problems = records.record_problems(change.entity, new, created=change.created, station=self.station,
                                           now=self.now)
        if problems:
            raise Refused(f"{_what(change)}: {'; '.join(problems)}")
        for (entity, name), kind in NAMES.items():
            if entity == change.entity and isinstance(new.get(name), str):
                named = view.rec(new[name])
                if named is None or named.entity != kind:
                    raise Refused(f"{_what(change)}: {name} names {kind} {_short(new[name])}, which the registry "
                                  "does not hold (it must be sent first, or it was refused)")
        return self._created(view, change) if change.created else self._updated(view, change)

    def _created(self, view: _View, change: Change) -> set[str]:
        existing = view.rec(change.entity_id)
        if existing is not None:
            raise Refused(f"{_what(change)}: a record with this id was created already, by station {existing.station}; "
                          "a record is created once")
        rec = created(change, 0)
        number = rec.data.get("number")
        if change.entity == "band" and isinstance(number, str):
            view.take_number(view.known.bands, view.bands, number, "band number")
        if change.entity == "family" and isinstance(number, str):
            view.take_number(view.known.family_numbers, view.family_numbers, number, "family number")
        view.add(change.entity_id, rec)
        if change.entity in ("family", "encounter"):
            if change.entity == "family":
                view.created_units.add(change.entity_id)
                if isinstance(rec.data.get("encounter_id"), str):
                    view.encounter_units.setdefault(rec.data["encounter_id"], set()).add(change.entity_id)
            return set()
        units = view.units_of(change.entity_id)
        self._require_all(view, units, change)
        return units if change.entity in ("person", "link") else set()

    def _updated(self, view: _View, change: Change) -> set[str]:
        rec = view.rec(change.entity_id)
        if rec is None:
            raise Refused(f"{_what(change)}: updates a record the registry does not hold")
        if rec.entity != change.entity:
            raise Refused(f"{_what(change)}: {change.entity_id} is a {rec.entity.replace('_', ' ')}, not a "
                          f"{change.entity.replace('_', ' ')}")
        before = view.units_of(change.entity_id)
        if not before and rec.station != self.station:
            raise Refused(f"{_what(change)}: the record belongs to no family unit; only station {rec.station}, "
                          "which created it, changes it")
        self._require_any(view, before, change)
        kept_before = rec.data.get("merged_into")
        after_rec = view.changed(change.entity_id)
        shown = updated(after_rec, change)
        shaped: set[str] = set()
        if change.entity == "person" and shown & SHAPING:
            shaped = before | view.units_of(change.entity_id)
            if "family_id" in shown:
                self._require_all(view, view.units_of(change.entity_id), change)
                view.moves.append((change.entity_id, after_rec.data["family_id"]))
        for name in ("merged_into", "carried_by"):  # naming a person of another unit writes to it too
            if change.entity == "person" and name in shown and isinstance(after_rec.data[name], str):
                self._require_all(view, view.units_of(after_rec.data[name]), change)
        if change.entity == "person" and "merged_into" in shown:  # a merge, or its split: to the kept one's unit
            for kept in {kept_before, after_rec.data["merged_into"]} - {None}:
                for unit in view.units_of(str(kept)) - before:
                    view.merges.append((change, unit))
        return shaped

    def _require_all(self, view: _View, units: set[str], change: Change) -> None:
        missing = sorted(u for u in units if not view.holds(u))
        if missing:
            raise Refused(f"{_what(change)}: this station does not hold family unit {_short(missing[0])} (a station "
                          "writes only to the units it created, scanned a band of, or was given by a custody "
                          "transfer)")

    def _require_any(self, view: _View, units: set[str], change: Change) -> None:
        if units and not any(view.holds(u) for u in units):
            self._require_all(view, units, change)

    def _transfer(self, view: _View, change: Change) -> None:
        """A custody record naming another station: the custodian hands the person over (a grant)."""
        receiver = change.fields.get("station", (None, None))[1]
        if not isinstance(receiver, str) or receiver == self.station:
            return
        person = change.fields["person_id"][1]
        custodian = view.custodian(person, before=change.entity_id)
        if custodian != self.station:
            raise Refused(f"{_what(change)}: only the person's custodian ({custodian or 'no Kinlink station'}) can "
                          f"transfer them to station {receiver}")
        for unit in sorted(view.units_of(person)):
            view.grants.append(Grant(receiver, unit, change.entity_id))

    # --- invariant 1 -------------------------------------------------------------------------

    def _problems(self, known: Known, view: _View, unit: str, *, before: bool) -> list[str]:
        recs = known.recs.get if before else view.rec
        people = {pid: rec for pid in (known.members.get(unit, set()) if before else view.members(unit))
                  if (rec := recs(pid)) is not None and rec.entity == "person"}
        if not before:
            people = {pid: rec for pid, rec in people.items() if rec.data.get("family_id") == unit}
        pairs = []
        for pid in people:
            for link_id in (known.links_of.get(pid, set()) if before else view.links(pid)):
                link = recs(link_id)
                if link is not None:
                    pairs.append((link.data.get("from_person"), link.data.get("to_person")))
        members = [Member(pid, _short(pid), str(rec.data.get("role")), bool(rec.data.get("arrived_without_adult")))
                   for pid, rec in sorted(people.items())]
        return [str(p) for p in family_problems(members, [(a, b) for a, b in pairs if a and b])]


class _View:
    """The state as one transaction sees it: the known state with this transaction's records on top,
    folded into it only when the transaction is accepted."""

    def __init__(self, known: Known) -> None:
        self.known = known
        self.recs: dict[str, Rec] = {}
        self.new_ids: set[str] = set()
        self.bands: set[str] = set()
        self.family_numbers: set[str] = set()
        self.created_units: set[str] = set()
        self.encounter_units: dict[str, set[str]] = {}
        self.grants: list[Grant] = []
        self.moves: list[tuple[str, str]] = []
        self.merges: list[tuple[Change, str]] = []
        self._units: dict[str, set[str]] = {}  # units_of, until a record changes

    def rec(self, entity_id: str) -> Rec | None:
        return self.recs.get(entity_id) or self.known.recs.get(entity_id)

    def add(self, entity_id: str, rec: Rec) -> None:
        self.recs[entity_id] = rec
        self.new_ids.add(entity_id)
        if rec.entity == "family":
            self._units.clear()  # an encounter's units grow

    def changed(self, entity_id: str) -> Rec:
        """This transaction's own copy of a record, to update."""
        self._units.clear()  # a person may move
        if entity_id not in self.recs:
            held = self.known.recs[entity_id]
            self.recs[entity_id] = Rec(held.entity, held.station, held.created_seq, held.created_hlc, dict(held.data),
                                       {k: list(v) for k, v in held.clocks.items()})
        return self.recs[entity_id]

    def take_number(self, taken: set[str], mine: set[str], number: str, what: str) -> None:
        if number in taken or number in mine:
            raise Refused(f"{what} {number} is in use already: a number is never given twice")
        mine.add(number)

    def holds(self, unit: str) -> bool:
        return unit in self.known.held or unit in self.created_units

    def units_of(self, entity_id: str) -> set[str]:
        """The family units a record belongs to now."""
        found = self._units.get(entity_id)
        if found is None:
            found = self._units[entity_id] = self._units_now(entity_id)
        return found

    def _units_now(self, entity_id: str) -> set[str]:
        rec = self.rec(entity_id)
        if rec is None:
            return set()
        if rec.entity == "family":
            return {entity_id}
        if rec.entity == "person":
            return {rec.data["family_id"]} if isinstance(rec.data.get("family_id"), str) else set()
        if rec.entity == "encounter":
            return self.known.units.get(entity_id, set()) | self.encounter_units.get(entity_id, set())
        return set().union(*(self.units_of(ref) for ref in rec.refs()))

    def members(self, unit: str) -> set[str]:
        found = set(self.known.members.get(unit, set()))
        found |= {pid for pid, rec in self.recs.items() if rec.entity == "person"}
        return found

    def links(self, person: str) -> set[str]:
        found = set(self.known.links_of.get(person, set()))
        found |= {lid for lid, rec in self.recs.items() if rec.entity == "link" and person in rec.refs()}
        return found

    def _place(self, verdict: Verdict) -> None:
        """Where the transaction's new records go: their units, and the numbers of new bands and units."""
        for entity_id in self.new_ids:
            rec = self.recs[entity_id]
            units = self.units_of(entity_id)
            verdict.placed[entity_id] = units
            number = rec.data.get("number")
            if rec.entity == "band" and isinstance(number, str) and units:
                verdict.bands.append((number, min(units), str(rec.data.get("person_id"))))
            if rec.entity == "family" and isinstance(number, str):
                verdict.family_numbers.append((number, entity_id))

    def custodian(self, person: str, *, before: str) -> str | None:
        """The station answerable for ``person`` (``app.domain.custody.custodian``) by their latest
        custody record (by clock): the station holding them, else the station that recorded custody
        away from any station."""
        ids = set(self.known.custody_of.get(person, set()))
        ids |= {cid for cid, rec in self.recs.items()
                if rec.entity == "custody" and rec.data.get("person_id") == person}
        ids.discard(before)
        latest = max((r for cid in ids if (r := self.rec(cid)) is not None),
                     key=lambda r: clock.sort_key(r.created_hlc), default=None)
        if latest is None:
            return None
        return custody.custodian({"writer": latest.station, **latest.data})

    def commit(self, verdict: Verdict) -> None:
        self._place(verdict)
        known = self.known
        for entity_id, rec in self.recs.items():
            old = known.recs.get(entity_id)
            if old is not None and old.entity == "person" and old.data.get("family_id") != rec.data.get("family_id"):
                known.members.get(str(old.data.get("family_id")), set()).discard(entity_id)
            known.recs[entity_id] = rec
            if rec.entity == "person" and isinstance(rec.data.get("family_id"), str):
                known.members.setdefault(rec.data["family_id"], set()).add(entity_id)
            if rec.entity == "link" and entity_id in self.new_ids:
                for person in rec.refs():
                    known.links_of.setdefault(person, set()).add(entity_id)
            if rec.entity == "custody" and entity_id in self.new_ids:
                known.custody_of.setdefault(str(rec.data.get("person_id")), set()).add(entity_id)
        known.bands |= self.bands
        known.family_numbers |= self.family_numbers
        known.held |= self.created_units
        for encounter, units in self.encounter_units.items():
            known.units.setdefault(encounter, set()).update(units)
        verdict.created_units |= self.created_units
        verdict.grants += self.grants
        verdict.moves += self.moves
        verdict.merges += self.merges


def _what(change: Change) -> str:
    kind = change.entity.replace("_", " ")
    return f"{'creation of ' if change.created else 'change of '}{kind} {_short(change.entity_id)}"


def _short(entity_id: str) -> str:
    return entity_id[:8]


def transactions(items: Iterable[tuple[str, Change]]) -> list[tuple[str, list[Change]]]:
    """Consecutive records with the same transaction id, as (id, records) in order."""
    grouped: list[tuple[str, list[Change]]] = []
    for tx, change in items:
        if grouped and grouped[-1][0] == tx:
            grouped[-1][1].append(change)
        else:
            grouped.append((tx, [change]))
    return grouped
