"""Stations converge: whatever the interleaving of writes and syncs, once every station has synced
twice, every station shows every family unit exactly as the registry does, no change is lost or
stored twice, every station counts the same conflicts, and all of it equals the reference merge
(``app.domain.merge.Replica``) fed the same changes in any order. A hostile enrolled station attacks
in between (a second creation, junk values, a broken family rule, a custody grant it may not make,
a clock a day ahead, another station's band number): none of it is stored, and nothing changes that.

The model (hypothesis' stateful testing) runs 2-3 stations against a registry in this process (its
ASGI app behind an httpx transport, which is what ``sync_now(transport=...)`` takes; a fresh SQLite
registry per example; ``tests/integration/test_sync.py`` runs the real ``kinlink registry serve``).
So do the plain tests: a station whose clock is a day off; push chunks delivered out of order and
twice (over SQLite and PostgreSQL); records two stations make in the same millisecond; a signed
record holding a value no station writes.
"""

from __future__ import annotations

import itertools
import json
import random
import shutil
import sys
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import anyio.from_thread
import httpx
import pytest
from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, precondition, rule, run_state_machine_as_test
from sqlalchemy import func, select

from app import services
from app.domain import bandnumber, clock
from app.domain.changes import Change
from app.domain.merge import Replica
from app.domain.model import LINK_TRANSITIONS, CustodyLocation, LinkState
from app.security.identity import StationIdentity
from app.services import custody as custody_services
from app.services import families as family_services
from app.services import session as session_services
from app.store import changelog, syncing
from sync import protocol
from sync.client import RegistryClient
from sync.registry import tables
from sync.registry.api import create_app
from sync.registry.store import Registry, open_registry
from tests.conftest import adult, child, document, link
from tests.syncing import ADMIN_PASS, AGENT_PASS, SUPERVISOR_PASS, TestStation

DAY_MS = 24 * 60 * 60 * 1000
FAMILY = document({"people": [adult("m", "Rosa", "Tzul Ixcoy"), child("c", "Ana", "Ixcoy", birth_date="2019-02-01")],
                   "links": [link("m", "c")]})
FIRST_NAMES = ["Rosa", "Marta", "Juana"]
CORRECTIONS = {"given_names": ["Rosa Elvira", "Rosalía"], "description": ["green shirt", None]}
CUSTODY = [(CustodyLocation.HHS_ORR, "ORR shelter 12"), (CustodyLocation.ICE, "ICE El Paso"),
           (CustodyLocation.RELEASED_TO_SPONSOR, "Tía Marta"), (CustodyLocation.UNKNOWN, None)]


# --- a registry in this process, and stations enrolled with it ------------------------------------

class AppTransport(httpx.BaseTransport):
    """A synchronous httpx transport to an ASGI app, run on a blocking portal's event loop (what
    ``RegistryClient`` and the sync services take as ``transport=``)."""

    def __init__(self, app: Any, portal: anyio.from_thread.BlockingPortal) -> None:
        self.app = httpx.ASGITransport(app=app)
        self.portal = portal

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        body = request.read()

        async def send() -> tuple[int, httpx.Headers, bytes]:
            response = await self.app.handle_async_request(
                httpx.Request(request.method, request.url, headers=request.headers, content=body))
            return response.status_code, response.headers, await response.aread()

        status, headers, content = self.portal.call(send)
        return httpx.Response(status, headers=headers, content=content, request=request)


class LoseAnswerToPush(httpx.BaseTransport):
    """The registry stores a push, but its answer never reaches the station."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        if request.url.path.endswith("/push"):
            raise httpx.ReadError("connection reset after the registry committed")
        return response


@pytest.fixture
def portal() -> Iterator[anyio.from_thread.BlockingPortal]:
    with anyio.from_thread.start_blocking_portal() as running:
        yield running


@pytest.fixture
def templates(tmp_path: Path) -> list[Path]:
    """Three stations with an admin, an agent and a supervisor, not enrolled, closed: each example copies
    them (a store is its directory), which is quicker than making stations anew."""
    made = []
    for n in range(3):
        data_dir = tmp_path / "templates" / f"station-{n}"
        services.init_station(data_dir=data_dir, station_name=f"Station {n}", admin="admin", passphrase=ADMIN_PASS)
        admin = services.sign_in(data_dir=data_dir, user="admin", passphrase=ADMIN_PASS)
        try:
            services.add_user(session=admin, name="agent", role="agent", passphrase=AGENT_PASS)
            services.add_user(session=admin, name="sofia", role="supervisor", passphrase=SUPERVISOR_PASS)
        finally:
            admin.close()
        made.append(data_dir)
    return made


@dataclass
class Hub:
    """A fresh registry (SQLite unless told) served in this process, and the stations enrolled with it."""

    registry: Registry
    transport: AppTransport
    home: Path
    stations: list[TestStation] = field(default_factory=list)

    @classmethod
    def open(cls, home: Path, portal: anyio.from_thread.BlockingPortal, url: str | None = None) -> Hub:
        home.mkdir(parents=True)
        registry = open_registry(url or f"sqlite:///{home / 'registry.db'}")
        return cls(registry, AppTransport(create_app(registry), portal), home)

    def add_station(self, template: Path) -> TestStation:
        data_dir = self.home / template.name
        shutil.copytree(template, data_dir)
        sessions = [services.sign_in(data_dir=data_dir, user=user, passphrase=passphrase)
                    for user, passphrase in (("admin", ADMIN_PASS), ("agent", AGENT_PASS), ("sofia", SUPERVISOR_PASS))]
        station = TestStation(template.name, data_dir, *sessions)
        self.stations.append(station)
        services.enroll_station(session=station.admin, url="http://registry.test",  # no socket: the transport
                                code=self.registry.new_enrollment_code()["code"], transport=self.transport)
        return station

    def sync(self, station: TestStation, follow: Sequence[str] = (),
             transport: httpx.BaseTransport | None = None) -> dict[str, Any]:
        return station.sync(follow=list(follow), transport=transport or self.transport)

    def close(self) -> None:
        for station in self.stations:
            for session in (station.agent, station.supervisor, station.admin):
                session.close()
        self.registry.close()


# --- what every replica holds --------------------------------------------------------------------

def station_changes(station: TestStation) -> list[Change]:
    with station.agent.engine.connect() as conn:
        return changelog.load_changes(conn)


def registry_rows(registry: Registry) -> tuple[int, list[Change]]:
    """How many rows the registry's change table has, and its changes."""
    with registry.engine.connect() as conn:
        count = conn.execute(select(func.count()).select_from(tables.change)).scalar_one()
        bodies = conn.execute(select(tables.change.c.body).order_by(tables.change.c.seq)).scalars().all()
    return int(count), [Change.from_body(json.loads(body)) for body in bodies]


def creation_clock(station: TestStation, entity_id: str) -> str:
    """The clock of a record's creation (the base of its first update)."""
    return next(c.hlc for c in station_changes(station) if c.entity_id == entity_id and c.created)


def canonical(document: dict[str, Any]) -> str:
    return json.dumps(document, sort_keys=True)


def assert_converged(registry: Registry, bands: list[str], stations: list[TestStation], rng: random.Random) -> None:
    """Once every station has synced after the last write: nothing lost or doubled, every replica
    the same as the reference merge, every family unit read alike everywhere, the same conflicts."""
    count, held = registry_rows(registry)
    written = [{c.id for c in station_changes(s) if c.station == s.agent.identity.code} for s in stations]
    everything = set().union(*written)
    assert sum(len(w) for w in written) == len(everything), "two stations wrote a change with the same id"
    assert count == len(held) == len({c.id for c in held}), "the registry holds a change twice"
    assert {c.id for c in held} == everything, "a change written at a station is not at the registry"
    statuses = [services.sync_status(session=s.agent) for s in stations]
    assert [s["pending"] for s in statuses] == [0] * len(stations)
    # The reference merge, fed every change in two random orders (some twice), is one state, one set of conflicts.
    replicas = []
    for _ in range(2):
        shuffled = held + rng.sample(held, len(held) // 3)
        rng.shuffle(shuffled)
        replica = Replica()
        assert replica.merge_all(shuffled) == len(held), "a change applied again is a no-op"
        replicas.append(replica)
    merged, conflicts = replicas[0].state, replicas[0].conflicts()
    assert replicas[1].state == merged and replicas[1].conflicts() == conflicts
    for station in stations:
        assert {c.id for c in station_changes(station)} == everything, f"{station.name} misses changes"
        with station.agent.engine.connect() as conn:
            assert changelog.projection(conn) == merged, f"{station.name}'s records differ from the merge"
    shown_conflicts = 0
    for band in bands:
        document = registry.family(band)
        shown_conflicts += len(document.pop("conflicts"))
        for station in stations:
            assert canonical(station.show(band)) == canonical(document), f"{station.name} shows {band} otherwise"
    assert [s["conflicts"] for s in statuses] == [len(conflicts)] * len(stations)
    assert shown_conflicts == len(conflicts)


# --- the model -----------------------------------------------------------------------------------

@dataclass
class Family:
    band: str
    id: str
    people: dict[str, str]  # ref ("m", "c") -> person id
    link: str
    payload: str  # the band's QR text: what another station scans to follow the family


class Hostile:
    """An enrolled station that writes what no honest station would, signed with its own real key,
    and pushes it between the honest stations' work. It follows every family by a scan of its band
    (a legitimate holding), so its attacks meet the registry's rules, not only need to know."""

    def __init__(self, hub: Hub) -> None:
        self.identity = StationIdentity.generate("Hostile")
        self.hub = hub
        proof = self.identity.sign(protocol.enrol_message(code := hub.registry.new_enrollment_code()["code"],
                                                          self.identity.code))
        hub.registry.enroll({"code": code, "station": self.identity.code, "name": "Hostile",
                             "public_key": protocol.b64(self.identity.public_key), "proof": protocol.b64(proof)})
        self.key = hub.registry.identity.public_key

    def call(self, path: str, payload: Any) -> Any:
        with RegistryClient("http://registry.test", self.identity, self.key, transport=self.hub.transport) as client:
            return client.call("POST", f"{protocol.API}{path}", payload)

    def record(self, entity: str, entity_id: str, fields: dict[str, Any], *, created: bool,
               wall_ms: int | None = None) -> dict[str, Any]:
        reading = str(clock.Hlc(clock.now_ms() if wall_ms is None else wall_ms, 0, self.identity.code))
        change = Change(uuid.uuid4().hex, entity, entity_id, {k: (None, v) for k, v in fields.items()}, created,
                        reading, self.identity.code, "agent", None)
        return protocol.encode_change(change.signing_bytes().decode(), self.identity.sign(change.signing_bytes()))


def _next_band(band: str) -> str:
    """The next band number of the station that issued ``band``: one it will issue, not the attacker's."""
    number = bandnumber.parse_band_number(band)
    return bandnumber.make_band_number(number.station_code, number.sequence + 50)


ATTACKS = ["second creation", "junk value", "break the family rule", "custody grant", "far-future clock",
           "another station's band number"]


class Syncing(RuleBasedStateMachine):
    """2-3 stations and one registry; the stations write and sync in any order. A station that acts
    is drawn by index (modulo the number of stations), or among those that hold the family. A hostile
    station attacks in between; nothing it does may be stored, and the honest stations converge."""

    def __init__(self, home: Path, portal: anyio.from_thread.BlockingPortal, templates: list[Path]) -> None:
        super().__init__()
        self.hub = Hub.open(home, portal)
        self.templates = templates
        self.families: list[Family] = []
        self.rng = random.Random()
        self.hostile = Hostile(self.hub)

    @property
    def stations(self) -> list[TestStation]:
        return self.hub.stations

    @initialize(count=st.integers(2, 3), seed=st.integers(0, 2**32 - 1))
    def start(self, count: int, seed: int) -> None:
        """The first family is registered at one station and every station holds it: concurrent
        corrections of it are likely."""
        self.rng.seed(seed)
        for template in self.templates[:count]:
            self.hub.add_station(template)
        self.register(0, FIRST_NAMES[0])
        for at in range(count):
            self.sync(at, lose_answer=False)

    def _holders(self, family: Family) -> list[TestStation]:
        def holds(station: TestStation) -> bool:
            with station.agent.engine.connect() as conn:
                return changelog.load_row(conn, "family", family.id) is not None

        return [s for s in self.stations if holds(s)]  # the station it was registered at, at least

    def _family(self, data: st.DataObject) -> Family:
        band = data.draw(st.sampled_from([f.band for f in self.families]), label="family")
        return next(f for f in self.families if f.band == band)

    def _holder(self, data: st.DataObject, family: Family) -> TestStation:
        holders = {s.name: s for s in self._holders(family)}
        return holders[data.draw(st.sampled_from(sorted(holders)), label="station")]

    @precondition(lambda self: len(self.families) < 3)
    @rule(at=st.integers(0, 2), name=st.sampled_from(FIRST_NAMES))
    def register(self, at: int, name: str) -> None:
        station = self.stations[at % len(self.stations)]
        answer = station.register(document({
            "people": [adult("m", name, "Tzul"), child("c", "Ana", "Ixcoy", birth_date="2019-02-01")],
            "links": [link("m", "c")]}))["families"][0]
        band = answer["people"][0]["band"]
        self.families.append(Family(band, answer["id"], {p["ref"]: p["id"] for p in answer["people"]},
                                    station.show(band)["links"][0]["id"], station.payload(band)))

    @rule(data=st.data(), ref=st.sampled_from(["m", "c"]), what=st.sampled_from(sorted(CORRECTIONS)))
    def correct(self, data: st.DataObject, ref: str, what: str) -> None:
        """Supervisors at one or more stations holding the family correct one field of a person, none
        syncing in between: different values over the same base are a conflict."""
        family = self._family(data)
        holders = {s.name: s for s in self._holders(family)}
        for name in data.draw(st.lists(st.sampled_from(sorted(holders)), min_size=1, unique=True), label="stations"):
            try:
                services.correct_person(session=holders[name].supervisor, person=family.people[ref], field=what,
                                        value=data.draw(st.sampled_from(CORRECTIONS[what]), label="value"),
                                        reason="as the person said")
            except services.ValidationError as refused:  # the value it shows already: nothing is written
                assert "nothing to correct" in str(refused)

    @rule(data=st.data(), at=st.integers(0, 2))
    def resolve(self, data: st.DataObject, at: int) -> None:
        """A supervisor settles one conflict the station knows of: keeps one value, or enters another;
        other stations may meanwhile make new conflicts or resolve the same one."""
        station = self.stations[at % len(self.stations)]
        queue = services.list_conflicts(session=station.supervisor)["conflicts"]
        if not queue:
            return
        conflict = data.draw(st.sampled_from(queue), label="conflict")
        if data.draw(st.booleans(), label="keep one") or conflict["field"] != "given_names":
            keep = data.draw(st.sampled_from([w["change"] for w in conflict["writes"]]), label="kept")
            services.resolve_conflict(session=station.supervisor, entity_id=conflict["entity_id"],
                                      field=conflict["field"], keep=keep)
        else:
            services.resolve_conflict(session=station.supervisor, entity_id=conflict["entity_id"],
                                      field=conflict["field"], enter=True, value="Rosa María", reason="settled")
        assert all((c["entity_id"], c["field"]) != (conflict["entity_id"], conflict["field"])
                   for c in services.list_conflicts(session=station.supervisor)["conflicts"])

    @rule(data=st.data(), ref=st.sampled_from(["m", "c"]), where=st.sampled_from(CUSTODY))
    def transfer(self, data: st.DataObject, ref: str, where: tuple[CustodyLocation, str | None]) -> None:
        family = self._family(data)
        station = self._holder(data, family)
        services.transfer_custody(session=station.agent, person=family.people[ref], to=where[0].value,
                                  facility=where[1], reason="moved for the test")

    @rule(data=st.data())
    def change_link(self, data: st.DataObject) -> None:
        """A separation, contact or reunification, from the link's state as the station sees it."""
        family = self._family(data)
        station = self._holder(data, family)
        with station.agent.engine.connect() as conn:
            row = changelog.load_row(conn, "link", family.link)
        assert row is not None
        state = data.draw(st.sampled_from(sorted(LINK_TRANSITIONS[LinkState(row["state"])])), label="state")
        sides = ("bus to Tucson", "stays here") if state == LinkState.SEPARATED else (None, None)
        services.change_link_state(session=station.agent, link_id=family.link, state=state.value,
                                   reason="as recorded", officer="Officer Díaz", from_side=sides[0], to_side=sides[1])

    @rule(data=st.data(), attack=st.sampled_from(ATTACKS), ref=st.sampled_from(["m", "c"]))
    def attack(self, data: st.DataObject, attack: str, ref: str) -> None:
        """The hostile station follows a family it can see (a scan of a band), then attacks it: the
        registry refuses the attack (or lets it wait: a clock ahead), stores nothing of it."""
        family = self._family(data)
        self.hostile.call("/follow", {"payloads": [family.payload]})
        person, other = family.people[ref], family.people["c" if ref == "m" else "m"]
        forged = {
            "second creation": lambda: self.hostile.record("person", person, {
                "family_id": family.id, "role": "child", "given_names": "Karla", "family_names": None,
                "sex": "female", "preverbal": False, "arrived_without_adult": True}, created=True),
            "junk value": lambda: self.hostile.record("person", person, {"role": "pirate"}, created=False),
            "break the family rule": lambda: self.hostile.record("person", family.people["m"], {"role": "child"},
                                                                 created=False),
            "custody grant": lambda: self.hostile.record("custody", uuid.uuid4().hex, {
                "person_id": person, "location": "hhs_orr", "receiving_party": "shelter", "reference": None,
                "since": "2026-11-25T12:00:00+00:00", "station": self.hostile.identity.code[::-1]}, created=True),
            "far-future clock": lambda: self.hostile.record("person", other, {"description": "tall"},
                                                            created=False, wall_ms=clock.now_ms() + DAY_MS),
            "another station's band number": lambda: self.hostile.record("band", uuid.uuid4().hex, {
                "person_id": person, "number": _next_band(family.band),
                "status": "issued", "reprints": 0, "issued_on": "2026-11-25"}, created=True),
        }[attack]()
        before = registry_rows(self.hub.registry)[0]
        answer = self.hostile.call("/push", {"changes": [forged | {"tx": "attack"}]})
        assert answer["acknowledged"] == [], f"{attack} was accepted"
        assert answer["refused"] or answer["waiting"], answer
        assert registry_rows(self.hub.registry)[0] == before

    @rule(at=st.integers(0, 2), lose_answer=st.booleans())
    def sync(self, at: int, lose_answer: bool) -> None:
        """Push and pull, and follow (by a scan of its band) every family registered anywhere that the
        station does not hold yet (the registry may not know it yet either: the follow waits at the
        station). When the answer to a push is lost, the registry has stored it: the station sends it
        again."""
        station = self.stations[at % len(self.stations)]
        follow = [f.payload for f in self.families if station not in self._holders(f)]
        if not lose_answer:
            self.hub.sync(station, follow)
            return
        try:
            self.hub.sync(station, follow, transport=LoseAnswerToPush(self.hub.transport))
        except services.SyncFailure as failure:  # there was something to push
            assert "cannot be reached" in str(failure)
            assert services.sync_status(session=station.agent)["pending"] > 0

    def teardown(self) -> None:
        try:
            if sys.exc_info()[0] is None and self.families:  # the steps passed: settle, then check
                for _ in range(2):
                    for at in range(len(self.stations)):
                        self.sync(at, lose_answer=False)
                assert_converged(self.hub.registry, [f.band for f in self.families], self.stations, self.rng)
        finally:
            self.hub.close()


def test_stations_converge_whatever_the_interleaving(tmp_path: Path, portal: anyio.from_thread.BlockingPortal,
                                                     templates: list[Path]) -> None:
    """No shrinking: an example costs about a second, and shrinking one would outlast the test's
    timeout; a failure is reported as found (at most 12 steps, each draw labelled)."""
    examples = itertools.count()
    run_state_machine_as_test(
        lambda: Syncing(tmp_path / f"example-{next(examples)}", portal, templates),
        settings=settings(max_examples=10, stateful_step_count=12, deadline=None,
                          phases=[Phase.explicit, Phase.reuse, Phase.generate],
                          suppress_health_check=[HealthCheck.too_slow]))


# --- a station whose clock is a day off -----------------------------------------------------------

def shown(station: TestStation, band: str, person: str, name: str) -> Any:
    return next(p for p in station.show(band)["people"] if p["id"] == person)[name]


@pytest.mark.parametrize("skew", [9 * 60 * 1000, -DAY_MS], ids=["nine-minutes-ahead", "a-day-behind"])
def test_a_station_whose_clock_is_off_within_bounds_still_syncs_and_converges(
        tmp_path: Path, portal: anyio.from_thread.BlockingPortal, templates: list[Path],
        monkeypatch: pytest.MonkeyPatch, skew: int) -> None:
    """Behind by any amount since 2020, or ahead by less than the registry's allowance (10 minutes):
    the station syncs, and the latest clock wins everywhere. (Further ahead: test_registry_trust.)"""
    hub = Hub.open(tmp_path / "hub", portal)
    try:
        right, off = hub.add_station(templates[0]), hub.add_station(templates[1])
        real_now = clock.now_ms

        def as_off(action: Callable[[], Any]) -> Any:
            """What the station whose clock is off does (the clock of its change records)."""
            with monkeypatch.context() as patched:
                patched.setattr(clock, "now_ms", lambda: real_now() + skew)
                return action()

        answer = as_off(lambda: off.register(FAMILY))["families"][0]
        band, mother = answer["people"][0]["band"], answer["people"][0]["id"]
        as_off(lambda: hub.sync(off))
        hub.sync(right, [off.payload(band)])
        # Concurrent corrections of one field: the later clock shows everywhere; both are kept, a conflict.
        as_off(lambda: services.correct_person(session=off.supervisor, person=mother, field="given_names",
                                               value="Rosa Elvira", reason="her ID"))
        services.correct_person(session=right.supervisor, person=mother, field="given_names", value="Rosalía",
                                reason="as she said")
        as_off(lambda: hub.sync(off))
        hub.sync(right)
        as_off(lambda: hub.sync(off))
        assert_converged(hub.registry, [band], [right, off], random.Random(skew))
        assert shown(right, band, mother, "given_names") == ("Rosa Elvira" if skew > 0 else "Rosalía")
        assert services.sync_status(session=right.agent)["conflicts"] == 1
        # Having seen the other's change, each station writes after it, whatever its wall clock says.
        services.correct_person(session=right.supervisor, person=mother, field="given_names", value="Rosa",
                                reason="checked again")
        hub.sync(right)
        as_off(lambda: hub.sync(off))
        assert shown(off, band, mother, "given_names") == "Rosa"
        as_off(lambda: services.transfer_custody(session=off.agent, person=mother, to="hhs_orr",
                                                 facility="ORR shelter 12", reason="moved for the test"))
        as_off(lambda: services.correct_person(session=off.supervisor, person=mother, field="given_names",
                                               value="Rosa María", reason="her ID, again"))
        as_off(lambda: hub.sync(off))
        hub.sync(right)
        assert shown(right, band, mother, "given_names") == "Rosa María"
        assert shown(right, band, mother, "custody")["receiving_party"] == "ORR shelter 12"
        assert_converged(hub.registry, [band], [right, off], random.Random(skew))
        assert services.sync_status(session=off.agent)["conflicts"] == 1, "corrections in sequence are no conflict"
    finally:
        hub.close()


# --- a conflict resolved at two stations at once -------------------------------------------------

def test_a_conflict_resolved_differently_at_two_stations_is_a_new_conflict_then_settles(
        tmp_path: Path, portal: anyio.from_thread.BlockingPortal, templates: list[Path]) -> None:
    hub = Hub.open(tmp_path / "hub", portal)
    try:
        north, south, east = (hub.add_station(t) for t in templates[:3])
        answer = north.register(FAMILY)["families"][0]
        band, mother = answer["people"][0]["band"], answer["people"][0]["id"]
        hub.sync(north)
        for station in (south, east):
            hub.sync(station, [north.payload(band)])
        for station, value in ((north, "Rosa Elvira"), (south, "Rosalía")):
            services.correct_person(session=station.supervisor, person=mother, field="given_names", value=value,
                                    reason="as seen")
        for station in (north, south, east, north):
            hub.sync(station)
        assert_converged(hub.registry, [band], [north, south, east], random.Random(1))
        (conflict,) = services.list_conflicts(session=east.supervisor)["conflicts"]
        kept = {w["value"]: w["change"] for w in conflict["writes"]}
        # Two supervisors settle it at once, differently: their resolutions are concurrent writes.
        services.resolve_conflict(session=north.supervisor, entity_id=mother, field="given_names",
                                  keep=kept["Rosalía"])
        services.resolve_conflict(session=south.supervisor, entity_id=mother, field="given_names", enter=True,
                                  value="Rosa", reason="her ID says Rosa")
        for station in (north, south, east, north):
            hub.sync(station)
        assert_converged(hub.registry, [band], [north, south, east], random.Random(2))
        (again,) = services.list_conflicts(session=east.supervisor)["conflicts"]
        assert again["base"] != conflict["base"] and sorted(w["value"] for w in again["writes"]) == ["Rosa",
                                                                                                     "Rosalía"]
        services.resolve_conflict(session=east.supervisor, entity_id=mother, field="given_names",
                                  keep=next(w["change"] for w in again["writes"] if w["value"] == "Rosa"))
        for station in (east, north, south):
            hub.sync(station)
        assert_converged(hub.registry, [band], [north, south, east], random.Random(3))
        assert [services.sync_status(session=s.agent)["conflicts"] for s in (north, south, east)] == [0, 0, 0]
        assert shown(north, band, mother, "given_names") == "Rosa"
    finally:
        hub.close()


# --- push chunks out of order and twice, over SQLite and PostgreSQL ------------------------------

def test_push_chunks_delivered_out_of_order_and_twice_are_stored_once(
        registry_db: str, tmp_path: Path, portal: anyio.from_thread.BlockingPortal, templates: list[Path]) -> None:
    hub = Hub.open(tmp_path / "hub", portal, registry_db)
    try:
        sender, reader = hub.add_station(templates[0]), hub.add_station(templates[1])
        answer = sender.register(FAMILY)["families"][0]
        bands = [p["band"] for p in answer["people"]]
        services.correct_person(session=sender.supervisor, person=answer["people"][1]["id"], field="description",
                                value="green shirt", reason="seen")
        with sender.agent.engine.connect() as conn:
            outbox = syncing.outbox(conn, limit=1000, max_bytes=protocol.CHUNK_BYTES)
            enrolment = syncing.enrolment(conn)
        assert enrolment is not None
        records = [protocol.encode_change(body, signature) | {"tx": tx} for _, body, signature, tx in outbox]
        kinds = [json.loads(r["body"])["entity"] for r in records]
        assert kinds[:5] == ["encounter", "family", "person", "custody", "band"]
        first, second = records[:4], records[4:]  # the second starts with the first person's band
        sequences: dict[str, int] = {}
        with RegistryClient(enrolment["registry_url"], sender.agent.identity, bytes(enrolment["registry_key"]),
                            transport=hub.transport) as client:
            def push(chunk: list[dict[str, Any]]) -> bool:
                """False when the registry refuses the chunk (as it does, for records naming ones it lacks)."""
                answer = client.call("POST", f"{protocol.API}/push", {"changes": chunk})
                if answer["refused"]:
                    assert all("does not hold" in r["reason"] for r in answer["refused"]), answer["refused"]
                    assert answer["acknowledged"] == []
                    return False
                acknowledged = {a["id"]: a["seq"] for a in answer["acknowledged"]}
                assert list(acknowledged) == [json.loads(r["body"])["id"] for r in chunk]
                for change_id, seq in acknowledged.items():
                    assert sequences.setdefault(change_id, seq) == seq, "acknowledged again with another sequence"
                return True

            assert not push(second)  # before the records it refers to: refused, nothing stored
            assert push(first) and push(second) and push(second) and push(first)
        count, held = registry_rows(hub.registry)
        assert count == len(held) == len(records) and {c.id for c in held} == set(sequences)
        assert hub.sync(sender)["pushed"] == len(records), "acknowledged once more, and now marked sent"
        assert hub.sync(reader, [sender.payload(b) for b in bands[1:]])["follow_errors"] == []
        assert hub.sync(reader, [sender.payload(bands[0])])["follow_errors"] == [], "the registry knows every band"
        assert_converged(hub.registry, bands, [sender, reader], random.Random(3))
    finally:
        hub.close()


def test_what_two_stations_record_in_the_same_millisecond_reads_alike_everywhere(
        tmp_path: Path, portal: anyio.from_thread.BlockingPortal, templates: list[Path],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Link events and custody records are shown in time order; two of them at the same instant (two
    stations, one millisecond; or a coarse wall clock) are still shown in one order on every replica."""
    hub = Hub.open(tmp_path / "hub", portal)
    try:
        one, two = hub.add_station(templates[0]), hub.add_station(templates[1])
        answer = one.register(FAMILY)["families"][0]
        band, child_id = answer["people"][0]["band"], answer["people"][1]["id"]
        link_id = one.show(band)["links"][0]["id"]
        hub.sync(one)
        hub.sync(two, [one.payload(band)])
        for module in (family_services, custody_services, session_services):
            monkeypatch.setattr(module, "now_iso", lambda: "2026-11-25T12:00:00.000+00:00")
        for station, side in ((one, "bus to Tucson"), (two, "van to Yuma")):
            services.change_link_state(session=station.agent, link_id=link_id, state="separated",
                                       reason=f"seen at {station.name}", officer="Officer Díaz", from_side=side,
                                       to_side="stays here")
        # the child sent from one to two, and its arrival scanned there, in the same millisecond
        services.transfer_custody(session=one.agent, person=child_id, to="station", station=two.agent.identity.code,
                                  reason="placed at the other station")
        hub.sync(one)
        hub.sync(two)
        services.arrive(session=two.agent, person=child_id)
        for station in (one, two, one):
            hub.sync(station)
        shown = two.show(band)
        child = next(p for p in shown["people"] if p["id"] == child_id)
        assert [c["since"] for c in child["custody_history"]][-2:] == ["2026-11-25T12:00:00.000+00:00"] * 2
        assert_converged(hub.registry, [band], [one, two], random.Random(5))
    finally:
        hub.close()


@pytest.mark.parametrize(("entity", "name", "value"), [
    ("link", "provenance", {"as": "an object"}), ("person", "given_names", ["Rosa", "María"]),
    ("link", "from_person", 7), ("band", "number", 12345)], ids=["object", "list", "number-as-id", "number"])
def test_a_signed_record_with_a_value_no_station_writes_does_not_stop_the_others(
        tmp_path: Path, portal: anyio.from_thread.BlockingPortal, templates: list[Path],
        entity: str, name: str, value: Any) -> None:
    """A station signs an update holding a value its own code would never write (a bug, an older or
    newer version). The registry refuses it, with the reason, and every station that holds the family
    still syncs and reads the family as the registry does."""
    hub = Hub.open(tmp_path / "hub", portal)
    try:
        writer, other = hub.add_station(templates[0]), hub.add_station(templates[1])
        answer = writer.register(FAMILY)["families"][0]
        band, mother = answer["people"][0]["band"], answer["people"][0]["id"]
        hub.sync(writer)
        hub.sync(other, [writer.payload(band)])
        with writer.agent.engine.connect() as conn:
            ids = {"person": mother, "link": writer.show(band)["links"][0]["id"],
                   "band": changelog.load_rows(conn, "band", "person_id", [mother])[0]["id"]}
            current = changelog.load_row(conn, entity, ids[entity])
            enrolment = syncing.enrolment(conn)
        assert current is not None and enrolment is not None
        identity = writer.agent.identity
        odd = Change(uuid.uuid4().hex, entity, ids[entity], {name: (current[name], value)}, False,
                     str(clock.Hlc(clock.now_ms() + 10, 0, identity.code)), identity.code, "agent", None,
                     base={name: creation_clock(writer, ids[entity])})
        with RegistryClient("http://registry.test", identity, bytes(enrolment["registry_key"]),
                            transport=hub.transport) as client:
            answer = client.call("POST", f"{protocol.API}/push", {"changes": [
                protocol.encode_change(odd.signing_bytes().decode("utf-8"), identity.sign(odd.signing_bytes()))]})
        [refused] = answer["refused"]
        assert refused["changes"] == [odd.id] and f"{entity}.{name}" in refused["reason"], refused
        assert answer["acknowledged"] == []
        hub.sync(other)  # must not fail
        held = hub.registry.family(band)
        held.pop("conflicts")
        assert canonical(other.show(band)) == canonical(held)
    finally:
        hub.close()
