"""An enrolled station turned hostile, with its own real key, against a real registry process
(``kinlink registry serve`` over SQLite and PostgreSQL; the rules judged in Python alone, and the
edges, over SQLite only): every attack is refused with its reason,
nothing of it is stored, and the honest stations' replicas are unchanged and keep syncing.

The rules (docs/registry.md, "What the registry accepts"; docs/security.md): one creation per
record, values checked by the domain's rules, numbers of the writing station only and never twice,
fixed fields, invariant 1, need to know (a station writes to and reads only the units it holds),
custody grants from the custodian only, clocks as numbers and bounded, whole transactions.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from app import services
from app.domain import bandnumber, clock
from app.store import changelog
from sync import protocol
from sync.registry import tables
from tests.conftest import adult, child, document, link
from tests.syncing import PROTOCOL, Hostile, RunningRegistry, TestStation

FAMILY = document({"people": [adult("m", "Rosa", "Tzul Ixcoy"), child("c", "Ana", "Ixcoy", birth_date="2019-02-01"),
                              child("b", None, None, age_estimate_years=1, preverbal=True,
                                    description="red cap, birthmark on the left wrist")],
                   "links": [link("m", "c"), link("m", "b")]})
HOSTILE_FAMILY = document({"people": [adult("x", "Pedro", "Sam"), child("y", "Luis", "Sam", birth_date="2020-05-05")],
                           "links": [link("x", "y", "father")]})


@dataclass
class Family:
    id: str
    bands: list[str]
    people: dict[str, str]  # ref -> person id


def registered(station: TestStation, doc: bytes = FAMILY) -> Family:
    answer = station.register(doc)["families"][0]
    return Family(answer["id"], [p["band"] for p in answer["people"]], {p["ref"]: p["id"] for p in answer["people"]})


def stored(registry: RunningRegistry) -> set[str]:
    opened = registry.open()
    try:
        with opened.engine.connect() as conn:
            return {row[0] for row in conn.execute(select(tables.change.c.id))}
    finally:
        opened.close()


@dataclass
class Scene:
    registry: RunningRegistry
    honest: TestStation  # registered the family
    follower: TestStation  # holds it, by a scan of its band
    hostile: Hostile
    family: Family
    shown: dict[str, Any]  # the family as both honest stations show it before the attack
    before: set[str]  # the change records the registry held before the attack

    def unchanged(self) -> None:
        """Nothing of the attack was stored; both honest stations sync without trouble and show the
        family exactly as before."""
        assert stored(self.registry) == self.before
        for station in (self.honest, self.follower):
            answer = station.sync()
            assert answer["last_error"] is None and answer["failures"] == 0 and answer["quarantined"] == 0
            assert station.show(self.family.bands[0]) == self.shown


@pytest.fixture
def scene(registry: RunningRegistry, make_station: Callable[..., TestStation]) -> Iterator[Scene]:
    honest, follower, hostile = make_station("Honest"), make_station("Follower"), make_station("Hostile")
    family = registered(honest)
    honest.sync()
    follower.sync(follow=[honest.payload(family.bands[0])])
    registered(hostile, HOSTILE_FAMILY)
    hostile.sync()
    shown = honest.show(family.bands[0])
    assert follower.show(family.bands[0]) == shown
    yield Scene(registry, honest, follower, Hostile(hostile), family, shown, stored(registry))


# --- 1. one creation per record ------------------------------------------------------------------

def test_a_second_creation_of_another_stations_child_is_refused(scene: Scene) -> None:
    child_id = scene.family.people["b"]
    forged = {"family_id": scene.family.id, "role": "child", "given_names": "Karla", "family_names": "Mendez",
              "sex": "female", "preverbal": False, "arrived_without_adult": False}
    from_1970 = scene.hostile.record("person", child_id, {**forged, "given_names": "Karla"}, created=True, wall_ms=1)
    scene.hostile.refused(from_1970, says="before 2020")
    now = scene.hostile.record("person", child_id, {**forged, "given_names": "Karla"}, created=True)
    scene.hostile.refused(now, says=f"created already, by station {scene.honest.agent.identity.code}")
    scene.unchanged()


# --- 2. following and reading what the station has no right to ----------------------------------

def test_following_by_guessed_numbers_is_refused_limited_and_listed(scene: Scene) -> None:
    real = bandnumber.parse_band_number(scene.family.bands[0])
    guesses = [bandnumber.format_band_number(bandnumber.make_band_number(real.station_code, n))
               for n in range(real.sequence, real.sequence + 100)]
    with pytest.raises(services.ValidationError, match="--follow-number"):
        scene.hostile.station.sync(follow=guesses)  # a bare number is not a scan
    statuses = []
    for guess in guesses[:21]:
        try:
            scene.hostile.call("POST", f"{protocol.API}/follow-number", {"band": guess, "reason": "lost"})
            statuses.append(200)
        except services.SyncFailure as refused:
            statuses.append(refused.status)
    assert statuses.count(429) == 1 and statuses[-1] == 429, "20 a day, then refused"
    opened = scene.registry.open()
    try:
        follows = opened.number_follows()
        assert len(follows) == 20 and {f["station"] for f in follows} == {scene.hostile.code}
        held = {h["family"] for h in opened.holdings(scene.hostile.code) if h["reason"] == "number"}
        assert held == {scene.family.id}, "the guesses that hit are holdings the operators see"
        opened.revoke_holding(scene.hostile.code, scene.family.id, "followed by guessing")
        assert scene.family.id not in {h["family"] for h in opened.holdings(scene.hostile.code)}
    finally:
        opened.close()
    scene.unchanged()


@pytest.mark.parametrize("registry_db", ["sqlite"], indirect=True)  # judged in Python: the same on either
def test_a_family_is_read_only_by_a_station_that_holds_it(scene: Scene) -> None:
    band = scene.family.bands[0]
    with pytest.raises(services.SyncFailure) as not_held:
        scene.hostile.call("GET", f"{protocol.API}/families/{band}")
    nowhere = bandnumber.format_band_number(bandnumber.make_band_number(scene.hostile.code, 9999))
    with pytest.raises(services.SyncFailure) as unknown:
        scene.hostile.call("GET", f"{protocol.API}/families/{nowhere}")
    assert not_held.value.status == unknown.value.status == 404, "no way to tell a unit held elsewhere from none"
    follower = Hostile(scene.follower)
    assert follower.call("GET", f"{protocol.API}/families/{band}")["id"] == scene.family.id


@pytest.mark.parametrize("registry_db", ["sqlite"], indirect=True)  # judged in Python: the same on either
# --- 3. numbers, junk values and fixed fields ------------------------------------------------------

def test_numbers_of_another_station_or_used_already_are_refused(scene: Scene) -> None:
    hostile_family = scene.hostile.station.show(HOSTILE_FAMILY_BAND(scene))
    person = hostile_family["people"][0]["id"]
    honest_band = bandnumber.parse_band_number(scene.family.bands[0]).canonical
    scene.hostile.refused(scene.hostile.record("band", uuid.uuid4().hex, _band(person, honest_band), created=True),
                          says="a station issues only its own band numbers")
    own_used = bandnumber.parse_band_number(hostile_family["people"][0]["bands"][0]["number"]).canonical
    scene.hostile.refused(scene.hostile.record("band", uuid.uuid4().hex, _band(person, own_used), created=True),
                          says="in use already")
    future = f"{scene.honest.agent.identity.code}-99"  # another station's future family number
    encounter = hostile_family["encounter"]["id"]
    scene.hostile.refused(scene.hostile.record("family", uuid.uuid4().hex, {"encounter_id": encounter,
                                                                          "number": future, "status": "open"},
                                               created=True), says="numbers only its own family units")
    scene.hostile.refused(scene.hostile.record("family", uuid.uuid4().hex, {
        "encounter_id": encounter, "number": hostile_family["number"], "status": "open"}, created=True),
        says="in use already")
    scene.unchanged()


def HOSTILE_FAMILY_BAND(scene: Scene) -> str:  # noqa: N802 - reads as a constant of the scene
    found = services.search(session=scene.hostile.station.agent, text="Pedro Sam")["people"]
    return str(found[0]["band"])


def _band(person: str, number: str) -> dict[str, Any]:
    return {"person_id": person, "number": number, "status": "issued", "reprints": 0, "issued_on": "2026-12-01"}


JUNK = [("person", "role", "pirate", "is not one of"), ("person", "given_names", 123, "must be text"),
        ("person", "sex", "", "is not one of"), ("person", "birth_date", "2999-01-01", "future"),
        ("person", "age_estimate_years", 500, "out of range"),
        ("person", "languages", "es", "must be a list"), ("person", "nationality", "Guatemala", "two-letter"),
        ("person", "preverbal", "yes", "true or false"), ("person", "description", "x" * 5000, "characters long"),
        ("person", "given_names", "Ana\u202eLuis", "invisible"), ("person", "documents", [{"type": "x"}], "documents"),
        ("link", "relationship", "owner", "is not one of"), ("link", "state", "lost", "is not one of"),
        ("custody", "location", "moon", "is not one of"), ("custody", "since", "yesterday", "date and time"),
        ("custody", "station", "ab", "station code"), ("band", "reprints", -1, ""), ("band", "status", "lost", ""),
        ("photo", "sha256", "0" * 64, "SHA-256")]


def test_junk_values_of_every_kind_are_refused_naming_the_field(registry: RunningRegistry,
                                                                make_station: Callable[..., TestStation]) -> None:
    """Each junk value in its own push (one registry, one station, all of ``JUNK``: the rules run in
    Python, the same on either database)."""
    station = make_station("Hostile")
    family = registered(station, HOSTILE_FAMILY)
    station.sync()
    hostile = Hostile(station)
    before = stored(registry)
    with station.agent.engine.connect() as conn:
        ids = {"person": family.people["x"],
               "link": changelog.load_rows(conn, "link", "from_person", [family.people["x"]])[0]["id"],
               "custody": changelog.load_rows(conn, "custody", "person_id", [family.people["x"]])[0]["id"],
               "band": changelog.load_rows(conn, "band", "person_id", [family.people["x"]])[0]["id"]}
    for entity, name, value, says in JUNK:
        if entity in ids and name not in ("station",):
            record = hostile.record(entity, ids[entity], {name: value}, created=False)
        else:  # a new record (a custody transfer's station, a photo's digest: fixed once written)
            record = hostile.record(entity, uuid.uuid4().hex, {**_new(entity, family.people["x"]), name: value},
                                    created=True)
        hostile.refused(record, says=(f"{entity}.{name}: ", says))
    assert stored(registry) == before
    assert station.sync()["failures"] == 0


def _new(entity: str, person: str) -> dict[str, Any]:
    import base64
    import hashlib

    image = b"\xff\xd8\xff\xe0" + b"0" * 100
    return {"custody": {"person_id": person, "location": "hhs_orr", "receiving_party": "ORR shelter",
                        "reference": None, "since": "2026-12-01T10:00:00+00:00", "station": None},
            "photo": {"person_id": person, "taken_at": "2026-12-01T10:00:00+00:00", "source": "file", "width": 10,
                      "height": 10, "sha256": hashlib.sha256(image).hexdigest(),
                      "data": base64.b64encode(image).decode()}}[entity]


@pytest.mark.parametrize("registry_db", ["sqlite"], indirect=True)  # judged in Python: the same on either
def test_fields_that_never_change_are_refused(scene: Scene) -> None:
    station = scene.hostile.station
    with station.agent.engine.connect() as conn:
        person = services.search(session=station.agent, text="Pedro Sam")["people"][0]["id"]
        band = changelog.load_rows(conn, "band", "person_id", [person])[0]
        link_row = changelog.load_rows(conn, "link", "from_person", [person])[0]
    for entity, entity_id, name, value in (("band", band["id"], "number", band["number"][:-1] + "X"),
                                           ("band", band["id"], "person_id", scene.family.people["m"]),
                                           ("link", link_row["id"], "to_person", scene.family.people["c"])):
        scene.hostile.refused(scene.hostile.record(entity, entity_id, {name: value}, created=False),
                              says="never changes")
    scene.unchanged()


@pytest.mark.parametrize("registry_db", ["sqlite"], indirect=True)  # judged in Python: the same on either
# --- 4. clocks -------------------------------------------------------------------------------------

def test_clocks_are_numbers_bounded_below_and_ahead(scene: Scene) -> None:
    person = services.search(session=scene.hostile.station.agent, text="Pedro Sam")["people"][0]["id"]
    year_2286 = scene.hostile.record("person", person, {"description": "tall"}, created=False,
                                     hlc=f"10000000000000-00000-{scene.hostile.code}")
    scene.hostile.refused(year_2286, says="is not a clock reading")
    an_hour_ahead = scene.hostile.record("person", person, {"description": "tall"}, created=False,
                                         wall_ms=clock.now_ms() + 3_600_000)
    answer = scene.hostile.push(an_hour_ahead)
    assert answer["acknowledged"] == answer["refused"] == []
    [waits] = answer["waiting"]
    assert "ahead of the registry's time" in waits["reason"] and waits["changes"] == [an_hour_ahead.id]
    scene.unchanged()


@pytest.mark.parametrize("registry_db", ["sqlite"], indirect=True)  # judged in Python: the same on either
def test_a_station_whose_clock_is_ahead_is_told_and_its_records_wait(
        registry: RunningRegistry, make_station: Callable[..., TestStation], monkeypatch: pytest.MonkeyPatch) -> None:
    station = make_station("Fast")
    real = clock.now_ms
    monkeypatch.setattr(clock, "now_ms", lambda: real() + 2 * 3_600_000)  # two hours fast
    registered(station, HOSTILE_FAMILY)
    with pytest.raises(services.SyncFailure, match="clock") as waits:
        station.sync()
    assert "wait" in str(waits.value)
    status = services.sync_status(session=station.agent)
    assert status["pending"] > 0 and status["failures"] == 1 and "clock" in status["last_error"]
    assert stored(registry) == set(), "nothing stored: the records wait at the station"


# --- 5. the registry's edges ----------------------------------------------------------------------

def _peak_kib(registry: RunningRegistry) -> int:
    assert registry.process is not None
    status = Path(f"/proc/{registry.process.pid}/status").read_text()
    return int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM")))


@pytest.mark.parametrize("registry_db", ["sqlite"], indirect=True)  # the edges: the same process either way
@pytest.mark.slow
def test_a_huge_streamed_body_is_cut_at_the_limit_before_it_is_held(scene: Scene) -> None:
    before = _peak_kib(scene.registry)

    def body() -> Iterator[bytes]:
        block = b" " * (1024 * 1024)
        for _ in range(600):  # 600 MB, chunked: no Content-Length to refuse it by
            yield block

    try:
        answer = httpx.post(f"{scene.registry.url}/v1/push", content=body(), headers=PROTOCOL, timeout=60)
        assert answer.status_code == 413 and "larger than" in answer.json()["detail"]
    except httpx.TransportError:
        pass  # the registry answered and closed while the rest was still being sent
    grown_mib = (_peak_kib(scene.registry) - before) / 1024
    assert grown_mib < 200, f"the registry's memory peak grew by {grown_mib:.0f} MB"
    scene.unchanged()


@pytest.mark.parametrize("registry_db", ["sqlite"], indirect=True)  # the edges: the same process either way
def test_a_body_that_stalls_is_cut(registry: RunningRegistry) -> None:
    registry.restart(KINLINK_REGISTRY_BODY_IDLE_SECONDS="1")
    import socket

    with socket.create_connection(("127.0.0.1", registry.port), timeout=10) as sock:
        sock.sendall(b"POST /v1/push HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nX-Kinlink-Protocol: "
                     + str(protocol.VERSION).encode() + b"\r\nContent-Length: 1000\r\n\r\n{\"changes\": [")
        answer = sock.recv(4096)
    assert answer.startswith(b"HTTP/1.1 408"), answer


def test_floods_of_enrolments_nonces_and_bad_signatures_are_limited(registry: RunningRegistry,
                                                                    make_station: Callable[..., TestStation]) -> None:
    # Windows of an hour: the requests below never straddle two (a minute's window may).
    registry.restart(KINLINK_REGISTRY_RATE_LIMITS="enroll=5/3600,nonce=30/3600,failed=4/3600")
    station = make_station("Limited")  # enrolled (one enrolment)
    codes = []
    for _ in range(6):
        answer = httpx.post(f"{registry.url}/v1/enroll", headers=PROTOCOL, json={
            "code": "2345-6789-ABCD-EFGH", "station": "ABCDE", "name": "x", "public_key": "AAAA", "proof": "AAAA"})
        codes.append(answer.status_code)
    assert codes[-1] == 429 and codes.count(429) == 2, codes
    assert int(answer.headers["retry-after"]) > 0 and "try again in" in answer.json()["detail"]
    opened = registry.open()
    try:
        audited = [r for r in opened.audit_records(limit=1000, who="test") if r["action"] == "enroll"
                   and r["outcome"] == "denied"]
        assert len(audited) == 1, "failed enrolments are counted, the first of the hour recorded"
        assert opened.status()["failed_enrolments_this_hour"] == 4
    finally:
        opened.close()
    nonces = [httpx.post(f"{registry.url}/v1/nonce", headers=PROTOCOL).status_code for _ in range(40)]
    assert nonces.count(200) <= 30 and nonces[-10:] == [429] * 10, nonces  # the station used one or two
    registry.restart(KINLINK_REGISTRY_RATE_LIMITS="failed=4/3600")
    bad = [httpx.post(f"{registry.url}/v1/pull", json={"cursor": 0}, headers=PROTOCOL).status_code for _ in range(6)]
    assert bad[:4] == [401] * 4 and bad[4:] == [429, 429]
    with pytest.raises(services.SyncFailure, match="busy"):  # the address is refused for a while, signed or not
        station.sync()


@pytest.mark.parametrize("registry_db", ["sqlite"], indirect=True)  # the edges: the same process either way
@pytest.mark.parametrize("name", ["North\u202eStation", "North\nStation", "North\x1b[31mStation", "North\x00",
                                  "x" * 101], ids=["rtl-override", "newline", "ansi", "nul", "too-long"])
def test_a_station_name_that_is_not_plain_printable_text_is_refused(registry: RunningRegistry, name: str) -> None:
    from app.security.identity import StationIdentity

    identity = StationIdentity.generate(name)
    code = registry.enrollment_code()
    proof = identity.sign(protocol.enrol_message(code, identity.code))
    answer = httpx.post(f"{registry.url}/v1/enroll", headers=PROTOCOL, json={
        "code": code, "station": identity.code, "name": name, "public_key": protocol.b64(identity.public_key),
        "proof": protocol.b64(proof)})
    assert answer.status_code == 422 and "name" in answer.json()["detail"].lower(), answer.text
    opened = registry.open()
    try:
        assert opened.stations() == []
    finally:
        opened.close()


@pytest.mark.parametrize("registry_db", ["sqlite"], indirect=True)  # the edges: the same process either way
def test_health_says_up_and_nothing_more(scene: Scene) -> None:
    health = httpx.get(f"{scene.registry.url}/v1/health")
    assert health.status_code == 200 and health.json() == {"status": "ok"}
    assert httpx.get(f"{scene.registry.url}/v1/status", headers=PROTOCOL).status_code == 401
    status = scene.hostile.call("GET", f"{protocol.API}/status")
    assert status["stations"] == 3 and status["changes"] == len(scene.before)


# --- 6. need to know: writing ---------------------------------------------------------------------

def test_writes_to_a_unit_the_station_does_not_hold_are_refused(scene: Scene) -> None:
    child_id, mother = scene.family.people["c"], scene.family.people["m"]
    own = services.search(session=scene.hostile.station.agent, text="Pedro Sam")["people"][0]["id"]
    attacks = [
        scene.hostile.record("person", child_id, {"given_names": "Karla"}, created=False),
        scene.hostile.record("custody", uuid.uuid4().hex, _new("custody", child_id), created=True),
        scene.hostile.record("link", uuid.uuid4().hex, {"from_person": own, "to_person": child_id,
                                                        "relationship": "father", "provenance": "claimed",
                                                        "state": "together"}, created=True),
        scene.hostile.record("person", own, {"family_id": scene.family.id}, created=False),  # moving in
        scene.hostile.record("person", own, {"merged_into": mother}, created=False),
    ]
    for attack in attacks:
        scene.hostile.refused(attack, says="does not hold family unit")
    scene.unchanged()


@pytest.mark.parametrize("registry_db", ["sqlite"], indirect=True)  # judged in Python: the same on either
def test_updates_that_break_the_family_rule_are_refused(scene: Scene) -> None:
    own = {p["given_names"]: p["id"] for p in services.search(session=scene.hostile.station.agent,
                                                              text="Sam")["people"]}
    father, son = own["Pedro"], own["Luis"]
    scene.hostile.refused(scene.hostile.record("person", father, {"role": "child"}, created=False),
                          says="would break the family rule")
    scene.hostile.refused(scene.hostile.record("person", son, {"arrived_without_adult": True}, created=False),
                          says="would break the family rule")
    scene.unchanged()


@pytest.mark.parametrize("registry_db", ["sqlite"], indirect=True)  # judged in Python: the same on either
def test_a_registration_split_across_transactions_is_refused(scene: Scene) -> None:
    """A child sent without its links to the adults of its unit (in another transaction, or never)."""
    station = scene.hostile.station
    own = services.search(session=station.agent, text="Pedro Sam")["people"][0]
    unit = own["family_id"] if "family_id" in own else station.show(own["band"])["id"]
    new_child = scene.hostile.record("person", uuid.uuid4().hex, {
        "family_id": unit, "role": "child", "given_names": "Eva", "family_names": "Sam", "sex": "female",
        "preverbal": False, "arrived_without_adult": False}, created=True)
    scene.hostile.refused(new_child, says="would break the family rule")
    scene.unchanged()


# --- 7. custody grants -----------------------------------------------------------------------------

def test_only_the_custodian_grants_a_family_by_a_transfer(scene: Scene, make_station: Callable[..., TestStation],
                                                          registry: RunningRegistry) -> None:
    shelter = make_station("Shelter")
    shelter.sync()  # a partner that synced before anything happens
    child_id = scene.family.people["b"]
    # The follower holds the family (it scanned a band) but is not the child's custodian.
    follower = Hostile(scene.follower)
    forged = follower.record("custody", uuid.uuid4().hex, {**_new("custody", child_id),
                                                            "station": shelter.agent.identity.code}, created=True)
    follower.refused(forged, says="only the person's custodian")
    with pytest.raises(services.NotFound):
        shelter.show(scene.family.bands[0])
    # The custodian transfers the child: the shelter holds the family and its whole history arrives.
    services.transfer_custody(session=scene.honest.agent, person=child_id, to="station",
                              facility="ORR shelter, Brownsville", station=shelter.agent.identity.code,
                              reason="placed in an ORR shelter")
    scene.honest.sync()
    assert shelter.sync()["pulled"] > len(scene.shown["history"])
    assert shelter.show(scene.family.bands[0]) == scene.honest.show(scene.family.bands[0])


def test_a_transfer_to_a_station_not_enrolled_yet_waits_for_it(scene: Scene,
                                                               make_station: Callable[..., TestStation]) -> None:
    later = make_station("Later", enrol=False)
    code = later.agent.identity.code
    services.transfer_custody(session=scene.honest.agent, person=scene.family.people["c"], to="station",
                              facility="ORR shelter, El Paso", station=code, reason="placed in an ORR shelter")
    scene.honest.sync()
    opened = scene.registry.open()
    try:
        assert [h["reason"] for h in opened.holdings(code)] == ["custody"]
    finally:
        opened.close()
    services.enroll_station(session=later.admin, url=scene.registry.url, code=scene.registry.enrollment_code())
    later.sync()
    assert later.show(scene.family.bands[0]) == scene.honest.show(scene.family.bands[0])


# --- 8. a station that meets a bad record keeps syncing -----------------------------------------

def test_a_bad_record_stored_by_an_older_registry_is_set_aside_and_the_rest_merges(scene: Scene) -> None:
    """As if an older registry had stored it: written straight into the registry's tables."""
    child_id = scene.family.people["c"]
    bad = scene.hostile.record("person", child_id, {"role": "pirate", "given_names": 123}, created=False)
    fine = scene.hostile.record("person", child_id, {"description": "blue jacket"}, created=False)
    opened = scene.registry.open()
    try:
        with opened.engine.begin() as conn:
            for change in (bad, fine):
                conn.execute(tables.change.insert().values(
                    id=change.id, station=change.station, entity=change.entity, entity_id=change.entity_id,
                    hlc=change.hlc, body=change.signing_bytes().decode(), signature=change.signature,
                    received_at="2026-12-06T00:00:00+00:00"))
    finally:
        opened.close()
    answer = scene.honest.sync()
    assert answer["quarantined"] == 1 and answer["failures"] == 0 and answer["last_error"] is None
    child_view = next(p for p in scene.honest.show(scene.family.bands[0])["people"] if p["id"] == child_id)
    assert child_view["role"] == "child" and child_view["description"] == "blue jacket"
    queue = services.refused_queue(session=scene.honest.supervisor)
    [aside] = queue["quarantined"]
    assert aside["change"] == bad.id and "person.role" in aside["reason"]
    assert scene.honest.sync()["quarantined"] == 1, "set aside once, shown until a supervisor looks"


# --- 9. faults honest stations meet -------------------------------------------------------------

def test_a_moved_person_takes_every_record_to_the_new_unit(scene: Scene,
                                                           make_station: Callable[..., TestStation]) -> None:
    second = registered(scene.honest, document({"people": [adult("f", "Juan", "Tzul")]}))
    scene.honest.sync()
    watcher = make_station("Watcher")
    watcher.sync(follow=[scene.honest.payload(second.bands[0])])  # holds only the second unit
    moved = scene.family.people["c"]
    services.move_person(session=scene.honest.supervisor, person=moved, to_family=second.id,
                         reason="his father is Juan, not Rosa")
    scene.honest.sync()
    watcher.sync()
    seen = watcher.show(second.bands[0])
    person = next(p for p in seen["people"] if p["id"] == moved)
    assert person["bands"] and person["custody"], "the moved child's band and custody came too"
    assert seen == scene.honest.show(second.bands[0])
    opened = scene.registry.open()
    try:
        assert opened.family(scene.family.bands[1])["id"] == second.id, "the child's band leads to the new unit"
    finally:
        opened.close()


class _LoseFollowAnswer(httpx.HTTPTransport):
    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = super().handle_request(request)
        if request.url.path.endswith("/follow"):
            response.read()
            raise httpx.ReadError("connection reset after the registry answered")
        return response


def test_a_follow_whose_answer_was_lost_is_finished_by_the_next_sync(scene: Scene,
                                                                     make_station: Callable[..., TestStation]) -> None:
    late = make_station("Late")
    with pytest.raises(services.SyncFailure, match="cannot be reached"):
        late.sync(follow=[scene.honest.payload(scene.family.bands[0])], transport=_LoseFollowAnswer())
    assert services.sync_status(session=late.agent)["follows_waiting"] == 1
    answer = late.sync()  # a plain sync, as the app's background one
    assert answer["follows_waiting"] == 0 and answer["pulled"] > 0
    assert late.show(scene.family.bands[0]) == scene.shown


def test_the_first_pull_after_a_follow_brings_the_whole_history_to_a_station_that_synced_before(
        scene: Scene, make_station: Callable[..., TestStation]) -> None:
    old = make_station("Old")
    for _ in range(2):
        old.sync()  # its cursor is past the family's records
    assert services.sync_status(session=old.agent)["cursor"] >= max(_seqs(scene.registry))
    old.sync(follow=[scene.honest.payload(scene.family.bands[2])])
    assert old.show(scene.family.bands[0]) == scene.shown


def _seqs(registry: RunningRegistry) -> list[int]:
    opened = registry.open()
    try:
        with opened.engine.connect() as conn:
            return [int(r[0]) for r in conn.execute(select(tables.change.c.seq))]
    finally:
        opened.close()


def test_a_merge_across_units_reaches_the_holders_of_either(scene: Scene,
                                                           make_station: Callable[..., TestStation]) -> None:
    second = registered(scene.honest, document({"people": [adult("r", "Rosa", "Tzul Ixcoy")]}))
    scene.honest.sync()
    watcher = make_station("Watcher")
    watcher.sync(follow=[scene.honest.payload(second.bands[0])])  # holds only the unit of the record kept
    services.merge_people(session=scene.honest.supervisor, keep=second.people["r"], merge=scene.family.people["m"],
                          reason="the same woman, registered twice")
    scene.honest.sync()
    watcher.sync()
    merged_id = scene.family.people["m"]
    with watcher.agent.engine.connect() as conn:
        merges = [c for c in changelog.load_changes(conn) if c.entity == "person" and not c.created
                  and "merged_into" in c.fields]
        bands = changelog.load_rows(conn, "band", "person_id", [merged_id])
        person = changelog.load_row(conn, "person", merged_id)
    assert [c.fields["merged_into"][1] for c in merges] == [second.people["r"]], "the merge reached the watcher"
    assert [b["number"] for b in bands] == [bandnumber.parse_band_number(scene.family.bands[0]).canonical]
    assert person is None, "the merged record itself stays with the holders of its own unit: shown by its band"
    kept = next(p for p in watcher.show(second.bands[0])["people"] if p["id"] == second.people["r"])
    assert kept["merged_from"] == [scene.family.bands[0]]
    assert watcher.show(scene.family.bands[0])["id"] == second.id, "the merged record's band leads to the kept one"
    opened = scene.registry.open()
    try:
        held = opened.family(second.bands[0])
    finally:
        opened.close()
    held.pop("conflicts")
    assert held == watcher.show(second.bands[0]) == scene.honest.show(second.bands[0])


@pytest.mark.parametrize("registry_db", ["sqlite"], indirect=True)  # judged in Python: the same on either
# --- 10. what the registry holds and the counts ----------------------------------------------------

def test_every_attack_leaves_an_audit_record_and_stores_nothing(scene: Scene) -> None:
    scene.hostile.refused(scene.hostile.record("person", scene.family.people["c"], {"given_names": "K"},
                                               created=False), says="does not hold")
    opened = scene.registry.open()
    try:
        pushes = [r for r in opened.audit_records(limit=10_000, who="test") if r["action"] == "push"
                  and r["user"] == scene.hostile.code]
        assert pushes[-1]["detail"]["refused"] == 1 and pushes[-1]["detail"]["new"] == 0
        with opened.engine.connect() as conn:
            assert conn.execute(select(func.count()).select_from(tables.change)).scalar_one() == len(scene.before)
    finally:
        opened.close()
    assert json.dumps(scene.honest.show(scene.family.bands[0]), sort_keys=True) == json.dumps(scene.shown,
                                                                                              sort_keys=True)


# --- 11. a refused transaction waits for a supervisor at the station -----------------------------

def _refused_correction(scene: Scene) -> dict[str, Any]:
    """The operator revokes the follower's holding of the family; the follower's supervisor then
    corrects the mother's description and syncs: the registry refuses it. The sync's answer."""
    opened = scene.registry.open()
    try:
        opened.revoke_holding(scene.follower.agent.identity.code, scene.family.id, "no custody of anyone there")
    finally:
        opened.close()
    services.correct_person(session=scene.follower.supervisor, person=scene.family.people["m"], field="description",
                            value="green scarf", reason="seen at the desk")
    return scene.follower.sync()


def test_a_refused_transaction_waits_for_a_supervisor_who_resends_or_withdraws_it(scene: Scene) -> None:
    follower, mother = scene.follower, scene.family.people["m"]
    answer = _refused_correction(scene)
    assert answer["refused"] == 1 and answer["pending"] == 0, "out of the outbox: retrying would not help"
    [refused] = services.refused_queue(session=follower.supervisor)["refused"]
    assert "does not hold family unit" in refused["reason"] and refused["records"][0]["entity_id"] == mother
    with pytest.raises(services.NotPermitted):
        services.refused_queue(session=follower.agent)
    # The cause put right (the mother is in front of the agent: a scan of her band), it is resent.
    services.resend_refused(session=follower.supervisor, tx=refused["tx"])
    assert services.sync_status(session=follower.agent)["pending"] == 1
    answer = follower.sync(follow=[scene.honest.payload(scene.family.bands[0])])
    assert answer["refused"] == 0 and answer["pending"] == 0
    scene.honest.sync()
    assert next(p for p in scene.honest.show(scene.family.bands[0])["people"]
                if p["id"] == mother)["description"] == "green scarf"
    assert services.refused_queue(session=follower.supervisor)["refused"] == []


@pytest.mark.parametrize("registry_db", ["sqlite"], indirect=True)  # judged in Python: the same on either
def test_a_withdrawn_transaction_is_never_sent(scene: Scene) -> None:
    follower = scene.follower
    assert _refused_correction(scene)["refused"] == 1
    [refused] = services.refused_queue(session=follower.supervisor)["refused"]
    with pytest.raises(services.ValidationError, match="reason"):
        services.withdraw_refused(session=follower.supervisor, tx=refused["tx"], reason="  ")
    services.withdraw_refused(session=follower.supervisor, tx=refused["tx"], reason="written by mistake")
    with pytest.raises(services.NotFound):
        services.resend_refused(session=follower.supervisor, tx=refused["tx"])
    follower.sync(follow=[scene.honest.payload(scene.family.bands[0])])
    assert services.sync_status(session=follower.agent)["pending"] == 0
    assert stored(scene.registry) == scene.before, "withdrawn: never sent"
