"""The reunification board at a station and at the registry (``./scripts/bench --only reunification``).

A station holding ``families`` family units (2 adults and 2 children each, registered through
``services.register_family``, 50 units per encounter document so that building the store is quick),
of which ``separated`` have a child separated from its mother (``services.separate``, back-dated so
that some are overdue). Measured: ``services.reunification_board`` as `kinlink reunification` and the
app call it (its audit record included), p50 and p95 over ``runs`` calls on one signed-in session.
Goal (issue 14): a station's board at 10,000 held families <= 100 ms.

The registry's board (``sync.registry.board``) at ``REGISTRY_SCALE`` times as many family units (100,000
with 3,000 separated children; 10,000 and 300 with --quick), in a throwaway PostgreSQL cluster
(``bench_sync.pg_cluster``, the registry's production database, default durability) made by
``open_registry``, with one enrolled station (CBP). Its change records are made by the domain's own
commands (``commands.register`` of invented small families, ``commands.change_link_state`` for the
separations, back-dated 0 to 39 days so that some are overdue, ``custody.transfer`` of every fifth
separated adult to ICE) and stamped as a station's change writer stamps them, but not signed (the board
never checks signatures; a push does); they are written straight into the registry's tables with the
registry's own code (``state.created``/``updated``/``save`` for the current state, ``indexing.index``
for which unit each record belongs to and the band index, ``holdings.take``), as a push would leave
them, a few thousand families per transaction, then ANALYZEd (as autovacuum would). Not measured
(about 2.5 minutes at 100,000). Measured on the registry's store (``Registry.reunification`` and
``Registry.reunification_row``, as `kinlink registry reunification` and ``GET /v1/reunification[/BAND]``
call them, their audit records included): the first read of the whole board (every unit read), for
information; then ``runs`` reads, each after ``TOUCHED`` separated children's units gained a contact
record (a push between two reads: those units are read again, the others kept), p50 and p95, goal p95
<= 1 s; and one child's row by one of its bands (a random separated child each time), p50 and p95 over
``ROW_READS`` reads, goal p95 <= 50 ms.
"""

from __future__ import annotations

import json
import random
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import text

from app import services
from app.domain import bandnumber, clock, commands, custody, document
from app.domain.changes import Change, Mutation
from app.domain.custody import StationPlace
from app.security.identity import StationIdentity
from sync import protocol
from sync.registry import holdings, indexing, state
from sync.registry import tables as t
from sync.registry.database import insert_rows, iso, now
from sync.registry.store import Registry, open_registry

from . import bench_sync, data
from .run import FAST_KDF, Figure, log, new_station, occurred_at, percentile, sign_in

BOARD_GOAL_MS = 100.0
PER_DOCUMENT = 50
REGISTRY_SCALE = 10  # the registry's board: 10x the station's families (100,000; 10,000 with --quick)
REGISTRY_BOARD_GOAL_MS = 1000.0
REGISTRY_ROW_GOAL_MS = 50.0
ROW_READS = 200
TOUCHED = 30  # separated children's units that gain a record between two reads of the whole board
FAMILIES_PER_TRANSACTION = 2000
PLACE = {"agency": "cbp", "facility": "Benchmark port of entry (invented)"}


def _documents(rng: random.Random, families: int) -> list[bytes]:
    """Encounter documents of ``PER_DOCUMENT`` family units each (refs made unique per unit)."""
    when = occurred_at()
    out = []
    for start in range(0, families, PER_DOCUMENT):
        units = []
        for n in range(start, min(start + PER_DOCUMENT, families)):
            unit = json.loads(data.family_document(rng, when))["families"][0]
            for person in unit["people"]:
                person["ref"] = f"u{n}{person['ref']}"
            for link in unit["links"]:
                link["from"], link["to"] = f"u{n}{link['from']}", f"u{n}{link['to']}"
            units.append(unit)
        out.append(json.dumps({"encounter": {"occurred_at": when, "place": "Benchmark crossing"},
                               "families": units}, ensure_ascii=False).encode("utf-8"))
    return out


def figures(work: Path, rng: random.Random, *, families: int, separated: int, runs: int = 20) -> list[Figure]:
    """The station's board, then the registry's at ``REGISTRY_SCALE`` times the size."""
    station = station_figures(work, rng, families=families, separated=separated, runs=runs)
    return station + registry_figures(work, random.Random(rng.getrandbits(64)), families=families * REGISTRY_SCALE,
                                      separated=separated * REGISTRY_SCALE, runs=runs)


def station_figures(work: Path, rng: random.Random, *, families: int, separated: int,
                    runs: int = 20) -> list[Figure]:
    data_dir = work / "reunification"
    new_station(data_dir, FAST_KDF)
    session = sign_in(data_dir)
    try:
        start = time.perf_counter()
        ids: list[str] = []
        for document in _documents(rng, families):
            ids += [f["id"] for f in services.register_family(session=session, document=document)["families"]]
        chosen = rng.sample(ids, min(separated, len(ids)))
        for n, family_id in enumerate(chosen):
            family = services.show_family(session=session, ident=family_id)
            kid = next(p for p in family["people"] if p["role"] == "child")
            mother = next(p for p in family["people"] if p["role"] == "adult" and p["sex"] == "female")
            at = (datetime.now(UTC) - timedelta(days=n % 40, minutes=5)).isoformat()
            services.separate(session=session, child=kid["id"], adult=mother["id"], reason="benchmark", at=at)
        log(f"reunification: {families:,} families, {len(chosen):,} separated, built in "
            f"{time.perf_counter() - start:.0f} s (not measured)")
        times, shown = [], 0
        for _ in range(runs):
            begin = time.perf_counter()
            board = services.reunification_board(session=session)
            times.append((time.perf_counter() - begin) * 1000)
            shown = len(board["children"])
    finally:
        session.close()
    p95 = percentile(times, 95)
    label = _label(families)
    return [
        Figure(f"station board p50 @ {label} families", percentile(times, 50), "ms",
               note=f"{shown} children on it, {runs} calls"),
        Figure(f"station board p95 @ {label} families", p95, "ms", f"<= {BOARD_GOAL_MS:g} ms", p95 <= BOARD_GOAL_MS),
    ]


def _label(families: int) -> str:
    return f"{families // 1000}k" if families % 1000 == 0 else f"{families:,}"


# ---------------------------------------------------------------------------------------------
# the registry's board


def registry_figures(work: Path, rng: random.Random, *, families: int, separated: int,
                     runs: int = 20) -> list[Figure]:
    with bench_sync.pg_cluster(work / "board-pg") as server:
        registry = open_registry(server.url(server.create_database("registry")))
        try:
            start = time.perf_counter()
            stamp, pairs = _fill(registry, rng, families, separated)
            log(f"reunification: the registry's tables with {families:,} families, {len(pairs):,} separated "
                f"children, written in {time.perf_counter() - start:.0f} s (not measured)")
            first, shown = _timed(registry.reunification)
            boards = []
            for _ in range(runs):
                _contacts(registry, stamp, rng.sample(pairs, min(TOUCHED, len(pairs))))
                boards.append(_timed(registry.reunification)[0])
            rows = [_timed(lambda band=pair.band: registry.reunification_row(band))[0]
                    for pair in rng.choices(pairs, k=ROW_READS)]
        finally:
            registry.close()
    label = _label(families)
    board_p95, row_p95 = percentile(boards, 95), percentile(rows, 95)
    return [
        Figure(f"registry board, first read @ {label} families", first, "ms",
               note=f"{len(shown['children']):,} children on it; every unit read (PostgreSQL)"),
        Figure(f"registry board p50 @ {label} families", percentile(boards, 50), "ms",
               note=f"{runs} calls, each after {TOUCHED} of the units gained a contact record (read again)"),
        Figure(f"registry board p95 @ {label} families", board_p95, "ms", f"<= {REGISTRY_BOARD_GOAL_MS:g} ms",
               board_p95 <= REGISTRY_BOARD_GOAL_MS),
        Figure(f"registry board, one child's row p50 @ {label}", percentile(rows, 50), "ms",
               note=f"{ROW_READS} reads by band"),
        Figure(f"registry board, one child's row p95 @ {label}", row_p95, "ms", f"<= {REGISTRY_ROW_GOAL_MS:g} ms",
               row_p95 <= REGISTRY_ROW_GOAL_MS),
    ]


def _timed(call: Callable[[], Any]) -> tuple[float, Any]:
    begin = time.perf_counter()
    answer = call()
    return (time.perf_counter() - begin) * 1000, answer


@dataclass(frozen=True)
class _Pair:
    """A separated child: its band number, and the link to the adult."""

    band: str
    link_id: str
    link: dict[str, Any]


def _fill(registry: Registry, rng: random.Random, families: int, separated: int) -> tuple[_Stamp, list[_Pair]]:
    """An enrolled station's ``families`` family units, ``separated`` of them with a child separated from
    its adult, written into the registry's tables (then ANALYZEd, as autovacuum would have done)."""
    identity = StationIdentity.generate("Benchmark border station")
    code = registry.new_enrollment_code(**PLACE)["code"]
    proof = identity.sign(protocol.enrol_message(code, identity.code))
    registry.enroll({"code": code, "station": identity.code, "name": identity.name,
                     "public_key": protocol.b64(identity.public_key), "proof": protocol.b64(proof)})
    stamp = _Stamp(identity.code)
    chosen = set(rng.sample(range(families), min(separated, families)))
    pairs: list[_Pair] = []
    for first in range(0, families, FAMILIES_PER_TRANSACTION):
        batch = range(first, min(first + FAMILIES_PER_TRANSACTION, families))
        numbers, mutations = {}, []
        for n in batch:
            unit, number, made, pair = _family(rng, stamp, n, n in chosen)
            numbers[number] = unit
            mutations += made
            pairs += [pair] if pair else []
        _store(registry, identity.code, stamp.changes(mutations), numbers)
        if (first // FAMILIES_PER_TRANSACTION) % 10 == 9:
            log(f"reunification: {batch.stop:,} of {families:,} families in the registry's tables")
    with registry.db.writing() as conn:
        conn.execute(text("ANALYZE"))
    return stamp, pairs


def _contacts(registry: Registry, stamp: _Stamp, pairs: list[_Pair]) -> None:
    """A call between each of these separated pairs, as the station writes it and a push stores it."""
    at = datetime.now(UTC).isoformat()
    made = [m for pair in pairs for m in commands.record_contact(pair.link_id, pair.link, kind="call", note=None,
                                                                 by="agent", occurred_at=at,
                                                                 event_id=uuid.uuid4().hex)]
    _store(registry, stamp.code, stamp.changes(made), {})


class _Stamp:
    """Numbers and clocks as the station's change writer gives them: band and family numbers in sequence,
    one clock reading per record (a millisecond apart, ending in the past), the base of each update."""

    def __init__(self, code: str) -> None:
        self.code = code
        self.ms = clock.now_ms() - 3 * 3600 * 1000
        self.bands = self.units = 0
        self.written: dict[str, str] = {}  # record id -> the clock of its creation

    def band(self) -> str:
        self.bands += 1
        return bandnumber.make_band_number(self.code, self.bands)

    def unit(self) -> str:
        self.units += 1
        return f"{self.code}-{self.units}"

    def changes(self, mutations: list[Mutation]) -> list[Change]:
        out = []
        for m in mutations:
            self.ms += 1
            hlc = str(clock.Hlc(self.ms, 0, self.code))
            base = {} if m.created else {name: self.written[m.entity_id] for name in m.fields}
            self.written.setdefault(m.entity_id, hlc)
            out.append(Change(uuid.uuid4().hex, m.entity, m.entity_id, m.fields, m.created, hlc, self.code, "agent",
                              "benchmark", base=base))
        return out


def _family(rng: random.Random, stamp: _Stamp, n: int,
            separate: bool) -> tuple[str, str, list[Mutation], _Pair | None]:
    """One registered family unit's records (and, for ``separate``, its first child's separation): its id,
    number, records, and the separated pair."""
    arrived = datetime.now(UTC) - timedelta(days=45)
    draft = document.parse_document(data.small_family_document(rng, arrived.isoformat(timespec="seconds"),
                                                               2 if n % 4 == 3 else 1), now=datetime.now(UTC))
    place = StationPlace(stamp.code, PLACE["agency"], PLACE["facility"])
    done = commands.register(draft, alloc=commands.Allocators(lambda: uuid.uuid4().hex, stamp.unit, stamp.band),
                             agent="agent", station=stamp.code, recorded_at=arrived.isoformat(), place=place)
    made = done.mutations
    unit = done.answer["families"][0]
    if not separate:
        return unit["id"], unit["number"], made, None
    values = {m.entity_id: {k: new for k, (_, new) in m.fields.items()} for m in made}
    link_id = next(m.entity_id for m in made if m.entity == "link")
    link, at = values[link_id], datetime.now(UTC) - timedelta(days=n % 40, minutes=5)
    made += commands.change_link_state(link_id, link, state="separated", reason="benchmark", officer="agent",
                                       from_side="at the port", to_side="at the port", occurred_at=at.isoformat(),
                                       event_id=uuid.uuid4().hex)
    if n % 5 == 0:  # the adult went to ICE
        adult = link["from_person"]
        held = next(dict(v, id=i) for i, v in values.items() if v.get("person_id") == adult and "location" in v)
        made += custody.transfer(adult, kind="ice", station=None, facility="ICE Eloy (invented)", reference=None,
                                 since=(at + timedelta(hours=1)).isoformat(), custody_id=uuid.uuid4().hex,
                                 writer=place, receiver=None, current=held)
    child = next(p["band"] for p in unit["people"] if p["id"] == link["to_person"])
    return unit["id"], unit["number"], made, _Pair(bandnumber.normalize(child), link_id,
                                                   {**link, "state": "separated"})


def _store(registry: Registry, station: str, changes: list[Change], numbers: dict[str, str]) -> None:
    """Write ``changes`` into the registry's tables as an accepted push leaves them."""
    with registry.db.writing() as conn:
        received = iso(now())
        seqs = dict(insert_rows(conn, t.change, [
            {"id": c.id, "station": station, "entity": c.entity, "entity_id": c.entity_id, "hlc": c.hlc,
             "body": c.signing_bytes().decode("utf-8"), "signature": b"\0" * 64, "received_at": received}
            for c in changes], returning=("id", "seq")))
        current: dict[str, state.Rec] = {}
        for c in changes:
            if c.created:
                current[c.entity_id] = state.created(c, int(seqs[c.id]))
            else:
                state.updated(current[c.entity_id], c)
        state.save(conn, current, {})
        indexing.index(conn, changes)
        insert_rows(conn, t.family_index, [{"number": k, "family_id": v} for k, v in numbers.items()])
        holdings.take(conn, station, numbers.values(), reason="created")
