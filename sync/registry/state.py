"""The current state of every record the registry holds, kept in the push transaction: what its
checks read (one creation per id, unique numbers, invariant 1, who may write where).

The rule is the stations' own (``app.domain.merge``): a record is what its creation wrote, and per
field the write with the latest clock (then change id) later than the creation shows. One thing
differs on purpose: the first creation the registry accepted fixes a record's origin, and any other
creation of that id is refused, so "the earliest creation" never needs choosing here.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, bindparam, select, update

from app.domain import clock
from app.domain.changes import Change
from app.domain.model import BINARY_FIELDS

from . import tables as t
from .database import among, insert_rows

# The fields by which a record names the record it belongs with; fixed when it is created.
REF_FIELDS: dict[str, tuple[str, ...]] = {"band": ("person_id",), "custody": ("person_id",),
                                          "photo": ("person_id",), "link": ("from_person", "to_person"),
                                          "link_event": ("link_id",)}


# Fields that name another record, and the kind of record each must name.
NAMES: dict[tuple[str, str], str] = {
    ("person", "family_id"): "family", ("person", "carried_by"): "person", ("person", "merged_into"): "person",
    ("family", "encounter_id"): "encounter", ("band", "person_id"): "person", ("custody", "person_id"): "person",
    ("photo", "person_id"): "person", ("link", "from_person"): "person", ("link", "to_person"): "person",
    ("link_event", "link_id"): "link",
}
@dataclass
class Known:
    """What a push's checks need of the registry's state, loaded before (``load_known``) and
    kept up to date as transactions are accepted."""

    recs: dict[str, Rec] = field(default_factory=dict)
    units: dict[str, set[str]] = field(default_factory=dict)  # an encounter's family units
    held: set[str] = field(default_factory=set)  # units the pushing station holds
    bands: set[str] = field(default_factory=set)  # band numbers taken
    family_numbers: set[str] = field(default_factory=set)
    members: dict[str, set[str]] = field(default_factory=dict)  # unit -> its people's ids
    links_of: dict[str, set[str]] = field(default_factory=dict)  # person -> ids of links naming it
    custody_of: dict[str, set[str]] = field(default_factory=dict)  # person -> ids of its custody records


@dataclass
class Rec:
    """One record as it stands now."""

    entity: str
    station: str
    created_seq: int
    created_hlc: str
    data: dict[str, Any]
    clocks: dict[str, list[str]] = field(default_factory=dict)  # field -> [clock, change id] shown

    @property
    def family_id(self) -> str | None:
        if self.entity == "family":
            return None  # set by ``unit_of``: a family unit's own id
        value = self.data.get("family_id") if self.entity == "person" else None
        return value if isinstance(value, str) else None

    def refs(self) -> list[str]:
        return [v for name in REF_FIELDS.get(self.entity, ()) if isinstance(v := self.data.get(name), str)]


def created(change: Change, seq: int) -> Rec:
    """A record as its creation writes it (the image of a photo is not kept here)."""
    data = {name: (None if (change.entity, name) in BINARY_FIELDS else new)
            for name, (_, new) in change.fields.items()}
    return Rec(change.entity, change.station, seq, change.hlc, data)


def updated(rec: Rec, change: Change) -> set[str]:
    """Apply an update to ``rec`` by the merge rule; the fields whose shown value changed."""
    shown: set[str] = set()
    created_key = clock.sort_key(rec.created_hlc)
    mine = clock.sort_key(change.hlc)
    if mine <= created_key:
        return shown
    for name, (_, new) in change.fields.items():
        held = rec.clocks.get(name)
        if held is not None and (clock.sort_key(held[0]), held[1]) >= (mine, change.id):
            continue
        rec.clocks[name] = [change.hlc, change.id]
        value = None if (change.entity, name) in BINARY_FIELDS else new
        if rec.data.get(name) != value:
            shown.add(name)
        rec.data[name] = value
    return shown


def load(conn: Connection, ids: Iterable[str]) -> dict[str, Rec]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    r = t.record.c
    return {row.entity_id: Rec(row.entity, row.station, int(row.created_seq), row.created_hlc, json.loads(row.data),
                               json.loads(row.clocks))
            for row in conn.execute(select(r.entity_id, r.entity, r.station, r.created_seq, r.created_hlc, r.data,
                                           r.clocks).where(among(conn, r.entity_id, wanted)))}


def people_of(conn: Connection, family_ids: Iterable[str]) -> dict[str, Rec]:
    """The people of these units now."""
    wanted = sorted(set(family_ids))
    if not wanted:
        return {}
    ids = [row[0] for row in conn.execute(select(t.record.c.entity_id).where(
        t.record.c.entity == "person", among(conn, t.record.c.family_id, wanted)))]
    return load(conn, ids)


def naming(conn: Connection, ref_ids: Iterable[str]) -> dict[str, set[str]]:
    """For each id, the records that name it (its bands, custody records, photos, links; a link's events)."""
    wanted = sorted(set(ref_ids))
    found: dict[str, set[str]] = {}
    if wanted:
        for ref_id, entity_id in conn.execute(select(t.record_ref.c.ref_id, t.record_ref.c.entity_id)
                                              .where(among(conn, t.record_ref.c.ref_id, wanted))):
            found.setdefault(ref_id, set()).add(entity_id)
    return found


def save(conn: Connection, new: Mapping[str, Rec], changed: Mapping[str, Rec]) -> None:
    """Write new records and the new state of changed ones."""
    insert_rows(conn, t.record, [_row(entity_id, rec) for entity_id, rec in new.items()])
    insert_rows(conn, t.record_ref, [{"ref_id": ref, "entity_id": entity_id}
                                     for entity_id, rec in new.items() for ref in rec.refs()], ignore=True)
    if changed:
        r = t.record.c
        conn.execute(update(t.record).where(r.entity_id == bindparam("eid"))
                     .values(data=bindparam("d"), clocks=bindparam("c"), family_id=bindparam("f")),
                     [{"eid": entity_id, "d": _json(rec.data), "c": _json(rec.clocks), "f": _family(entity_id, rec)}
                      for entity_id, rec in changed.items()])


def _row(entity_id: str, rec: Rec) -> dict[str, Any]:
    return {"entity_id": entity_id, "entity": rec.entity, "station": rec.station, "created_seq": rec.created_seq,
            "created_hlc": rec.created_hlc, "family_id": _family(entity_id, rec), "data": _json(rec.data),
            "clocks": _json(rec.clocks) if rec.clocks else "{}"}


def _family(entity_id: str, rec: Rec) -> str | None:
    return entity_id if rec.entity == "family" else rec.family_id


def _json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


# --- once: the state of what was stored before the registry kept it (migration 0004) ----------

def rebuild(conn: Connection) -> None:
    """Build the state of every record from the change records stored so far. Records are never
    refused here (a rule added later never refuses what came before it): one that cannot be read is
    left out of the state, and stays stored and delivered as it was."""
    new: dict[str, Rec] = {}
    for entity_id, changes in _by_entity(conn):
        rec: Rec | None = None
        for seq, change in changes:
            if change.created and rec is None:
                rec = created(change, seq)
        if rec is None:
            continue
        for _, change in changes:
            if not change.created and change.entity == rec.entity:
                updated(rec, change)
        new[entity_id] = rec
        if len(new) >= 2000:
            save(conn, new, {})
            new = {}
    save(conn, new, {})


def _by_entity(conn: Connection) -> Iterator[tuple[str, list[tuple[int, Change]]]]:
    current: str | None = None
    group: list[tuple[int, Change]] = []
    rows = conn.execute(select(t.change.c.entity_id, t.change.c.seq, t.change.c.body)
                        .order_by(t.change.c.entity_id, t.change.c.seq).execution_options(yield_per=2000))
    for entity_id, seq, body in rows:
        if entity_id != current:
            if current is not None:
                yield current, group
            current, group = entity_id, []
        change = _readable(body)
        if change is not None and change.entity_id == entity_id:
            group.append((int(seq), change))
    if current is not None:
        yield current, group


def _readable(body: str) -> Change | None:
    try:
        change = Change.from_body(json.loads(body))
        clock.sort_key(change.hlc)
        return change
    except (ValueError, KeyError, TypeError, AttributeError, IndexError):
        return None


# --- what a push's checks need (``authority.Known``) -------------------------------------------

def load_known(conn: Connection, station: str, changes: Sequence[Change]) -> Known:
    """The state that ``changes`` (a push's new records) touch: the records they name and what those
    name in turn, the units involved with their people, links and custody records, the station's
    holdings of them, and which of their new numbers are taken."""
    known = Known()
    wanted = {c.entity_id for c in changes}
    for c in changes:
        wanted |= {v for (entity, name) in NAMES if entity == c.entity
                   if isinstance(v := c.fields.get(name, (None, None))[1], str)}
    _load_closure(conn, known, wanted)
    units = {c.fields["family_id"][1] for c in changes
             if c.entity == "person" and isinstance(c.fields.get("family_id", (None, None))[1], str)}
    units |= {rec.data["family_id"] for rec in known.recs.values()
              if rec.entity == "person" and isinstance(rec.data.get("family_id"), str)}
    units |= {i for i, rec in known.recs.items() if rec.entity == "family"}
    encounters = [i for i, rec in known.recs.items() if rec.entity == "encounter"]
    for encounter, unit in _mapped(conn, encounters):
        known.units.setdefault(encounter, set()).add(unit)
        units.add(unit)
    people = people_of(conn, units)
    known.recs.update(people)
    for pid, rec in people.items():
        known.members.setdefault(str(rec.data["family_id"]), set()).add(pid)
    persons = [i for i, rec in known.recs.items() if rec.entity == "person"]
    naming_persons = naming(conn, persons)
    known.recs.update(load(conn, set().union(*naming_persons.values()) - set(known.recs)))
    for person, ids in naming_persons.items():
        for entity_id in ids:
            kind = known.recs[entity_id].entity if entity_id in known.recs else None
            if kind == "link":
                known.links_of.setdefault(person, set()).add(entity_id)
            elif kind == "custody":
                known.custody_of.setdefault(person, set()).add(entity_id)
    known.held = _held(conn, station, units)
    known.bands = _taken(conn, t.band_index, [c.fields["number"][1] for c in changes if c.created and c.entity == "band"
                                             and isinstance(c.fields.get("number", (None, None))[1], str)])
    known.family_numbers = _taken(conn, t.family_index, [c.fields["number"][1] for c in changes if c.created
                                                         and c.entity == "family"
                                                         and isinstance(c.fields.get("number", (None, None))[1], str)])
    return known


def _load_closure(conn: Connection, known: Known, wanted: set[str]) -> None:
    """Load ``wanted`` and, a few levels deep, what the loaded records name (a link event's link, its people)."""
    for _ in range(4):
        fresh = wanted - set(known.recs)
        if not fresh:
            return
        found = load(conn, fresh)
        known.recs.update(found)
        wanted = set()
        for rec in found.values():
            wanted |= set(rec.refs())
            if rec.entity == "person" and isinstance(rec.data.get("merged_into"), str):
                wanted.add(rec.data["merged_into"])


def _mapped(conn: Connection, entity_ids: Sequence[str]) -> list[tuple[str, str]]:
    if not entity_ids:
        return []
    ef = t.entity_family.c
    return [(e, f) for e, f in conn.execute(select(ef.entity_id, ef.family_id).where(among(conn, ef.entity_id,
                                                                                          entity_ids)))]


def _held(conn: Connection, station: str, units: Iterable[str]) -> set[str]:
    wanted = sorted(set(units))
    if not wanted:
        return set()
    h = t.holding.c
    return {row[0] for row in conn.execute(select(h.family_id).where(h.station == station,
                                                                     among(conn, h.family_id, wanted)))}


def _taken(conn: Connection, table: Any, numbers: Sequence[str]) -> set[str]:
    if not numbers:
        return set()
    return {row[0] for row in conn.execute(select(table.c.number).where(among(conn, table.c.number, numbers)))}
