"""Two stations and a real registry process (uvicorn on 127.0.0.1) over the SQLite default and a
throwaway PostgreSQL: families flow both ways, concurrent corrections become one conflict shown the
same everywhere, and faults (a dropped acknowledgement, a registry killed mid-push) lose nothing and
apply nothing twice."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from app import services
from app.store import schema
from sync import protocol
from sync.registry import tables
from tests.conftest import adult, child, document, link
from tests.syncing import RunningRegistry, TestStation

FAMILY = document({"people": [adult("m", "Rosa", "Tzul Ixcoy"), child("c", "Ana", "Ixcoy", birth_date="2019-02-01")],
                   "links": [link("m", "c")]})


def _registered(station: TestStation, doc: bytes = FAMILY) -> dict[str, Any]:
    answer = station.register(doc)
    family = answer["families"][0]
    return {"family": family["id"], "bands": [p["band"] for p in family["people"]],
            "people": {p["ref"]: p["id"] for p in family["people"]}}


def _registry_changes(registry: RunningRegistry) -> list[str]:
    opened = registry.open()
    try:
        with opened.engine.connect() as conn:
            return [r[0] for r in conn.execute(select(tables.change.c.id))]
    finally:
        opened.close()


def _station_changes(station: TestStation) -> set[str]:
    with station.agent.engine.connect() as conn:
        return {r[0] for r in conn.execute(select(schema.change.c.id))}


def _same_everywhere(registry: RunningRegistry, band: str, *stations: TestStation) -> dict[str, Any]:
    shown = [s.show(band) for s in stations]
    opened = registry.open()
    try:
        held = opened.family(band)
    finally:
        opened.close()
    conflicts = held.pop("conflicts")
    for other in shown[1:]:
        assert json.dumps(other, sort_keys=True) == json.dumps(shown[0], sort_keys=True)
    assert json.dumps(held, sort_keys=True) == json.dumps(shown[0], sort_keys=True)
    return {"document": shown[0], "conflicts": conflicts}


def test_a_family_registered_at_one_station_is_read_at_another(registry: RunningRegistry, make_station: Any) -> None:
    nogales, lukeville = make_station("Nogales"), make_station("Lukeville")
    fam = _registered(nogales)
    assert services.sync_status(session=nogales.agent)["pending"] == 9
    pushed = nogales.sync()
    assert pushed["pushed"] == 9 and pushed["pending"] == 0 and pushed["last_error"] is None
    with pytest.raises(services.NotFound):
        lukeville.show(fam["bands"][0])  # not held until asked for
    pulled = lukeville.sync(follow=[nogales.payload(fam["bands"][1])])
    assert pulled["pulled"] == 9 and list(pulled["followed"].values()) == [fam["family"]]
    seen = _same_everywhere(registry, fam["bands"][0], nogales, lukeville)
    assert [p["given_names"] for p in seen["document"]["people"]] == ["Rosa", "Ana"] and seen["conflicts"] == []
    # Lukeville verifies Nogales' bands offline: the key came from the registry.
    payloads = [services.band_payload(session=nogales.agent, band=b) for b in fam["bands"]]
    assert services.verify_bands(session=lukeville.agent, payloads=payloads)["result"] == "MATCH"
    # Nogales sends the child to Lukeville; Lukeville's arrival scan (a change there) reaches Nogales.
    services.transfer_custody(session=nogales.agent, person=fam["people"]["c"], to="station",
                              station=lukeville.agent.identity.code, reference="UAC-2026-0001",
                              reason="placed at Lukeville")
    nogales.sync()
    lukeville.sync()
    services.arrive(session=lukeville.agent, person=nogales.payload(fam["bands"][1]))
    lukeville.sync()
    assert nogales.sync()["pulled"] >= 1
    seen = _same_everywhere(registry, fam["bands"][0], nogales, lukeville)
    child_view = next(p for p in seen["document"]["people"] if p["id"] == fam["people"]["c"])
    assert (child_view["custody"]["station"], child_view["custody"]["writer"]) == (lukeville.agent.identity.code,) * 2
    assert child_view["custody"]["in_transit"] is False and child_view["custody"]["reference"] == "UAC-2026-0001"
    assert sorted(_registry_changes(registry)) == sorted(_station_changes(nogales)) == sorted(
        _station_changes(lukeville))


def _conflicting(make_station: Any, ref: str, field: str,
                 values: tuple[tuple[str, str], tuple[str, str]]) -> tuple[TestStation, TestStation, dict[str, Any]]:
    """Two stations holding one family; each one's supervisor corrects ``field`` of person ``ref``
    (value, reason) before hearing of the other's; then both have synced."""
    one, two = make_station("One"), make_station("Two")
    fam = _registered(one)
    one.sync()
    two.sync(follow=[one.payload(fam["bands"][0])])
    for station, (value, reason) in zip((one, two), values, strict=True):
        services.correct_person(session=station.supervisor, person=fam["people"][ref], field=field, value=value,
                                reason=reason)
    for station in (one, two, one):
        station.sync()
    return one, two, fam


def test_concurrent_corrections_are_one_conflict_with_the_same_winner_everywhere(
        registry: RunningRegistry, make_station: Any) -> None:
    one, two, fam = _conflicting(make_station, "m", "given_names", (("Rosa Elvira", "as written on her ID"),
                                                                    ("Rosalía", "as she spelled it")))
    adult_id = fam["people"]["m"]
    seen = _same_everywhere(registry, fam["bands"][0], one, two)
    assert len(seen["conflicts"]) == 1 and seen["conflicts"][0]["field"] == "given_names"
    assert services.sync_status(session=one.agent)["conflicts"] == services.sync_status(
        session=two.agent)["conflicts"] == 1
    history = [h for h in seen["document"]["history"] if "given_names" in h["fields"] and not h["created"]]
    assert sorted(h["fields"]["given_names"]["new"] for h in history) == ["Rosa Elvira", "Rosalía"], \
        "both values are kept in the history"
    latest = max(history, key=lambda h: h["at"])  # the latest clock is the value shown, everywhere
    shown = next(p for p in seen["document"]["people"] if p["id"] == adult_id)["given_names"]
    assert shown == latest["fields"]["given_names"]["new"]


def test_a_conflict_resolved_at_one_station_closes_everywhere(registry: RunningRegistry, make_station: Any) -> None:
    one, two, fam = _conflicting(make_station, "m", "given_names", (("Rosa Elvira", "as written on her ID"),
                                                                    ("Rosalía", "as she spelled it")))
    adult_id = fam["people"]["m"]
    queue = services.list_conflicts(session=two.supervisor)["conflicts"]
    assert [(c["entity_id"], c["field"], c["family"]) for c in queue] == [(adult_id, "given_names", fam["family"])]
    written = {w["value"]: w for w in queue[0]["writes"]}
    assert set(written) == {"Rosa Elvira", "Rosalía"}
    assert (written["Rosa Elvira"]["station"], written["Rosa Elvira"]["user"], written["Rosa Elvira"]["reason"]) == (
        one.agent.identity.code, "sofia", "as written on her ID")
    with pytest.raises(services.NotPermitted):
        services.resolve_conflict(session=two.agent, entity_id=adult_id, field="given_names",
                                  keep=written["Rosa Elvira"]["change"])
    answer = services.resolve_conflict(session=two.supervisor, entity_id=adult_id, field="given_names",
                                       keep=written["Rosa Elvira"]["change"])
    assert answer["value"] == "Rosa Elvira" and answer["reason"] == f"kept the value from station " \
        f"{one.agent.identity.code} (sofia)"
    assert services.sync_status(session=two.agent)["conflicts"] == 0
    assert services.sync_status(session=one.agent)["conflicts"] == 1, "until the resolution reaches it"
    for station in (two, one):
        station.sync()
    seen = _same_everywhere(registry, fam["bands"][0], one, two)
    assert seen["conflicts"] == [], "closed at the registry too"
    assert services.sync_status(session=one.agent)["conflicts"] == 0
    assert services.list_conflicts(session=one.supervisor)["conflicts"] == []
    assert next(p for p in seen["document"]["people"] if p["id"] == adult_id)["given_names"] == "Rosa Elvira"
    with pytest.raises(services.NotFound, match="no open conflict"):
        services.resolve_conflict(session=one.supervisor, entity_id=adult_id, field="given_names", enter=True,
                                  value="Rosa", reason="again")


def test_a_conflict_resolved_with_a_new_value_needs_a_reason(registry: RunningRegistry, make_station: Any) -> None:
    one, two, fam = _conflicting(make_station, "c", "birth_date", (("2019-02-11", "school record"),
                                                                   ("2019-12-01", "mother said")))
    child_id = fam["people"]["c"]
    for bad, message in (({"value": "2019-02-21", "reason": " "}, "a new value needs a reason"),
                         ({"value": "2040-01-01", "reason": "x"}, "birth_date"),
                         ({"value": "2019-02-21", "reason": "x", "keep": "0" * 32}, "one of the two")):
        with pytest.raises(services.ValidationError, match=message):
            services.resolve_conflict(session=one.supervisor, entity_id=child_id, field="birth_date", enter=True,
                                      **bad)
    assert services.sync_status(session=one.agent)["conflicts"] == 1, "nothing changed"
    done = services.resolve_conflict(session=one.supervisor, entity_id=child_id, field="birth_date", enter=True,
                                     value="2019-02-21", reason="birth certificate seen")
    assert done["value"] == "2019-02-21" and len(done["resolves"]) == 2
    for station in (one, two):
        station.sync()
    seen = _same_everywhere(registry, fam["bands"][0], one, two)
    assert seen["conflicts"] == []
    entry = seen["document"]["history"][-1]
    assert (entry["reason"], entry["fields"]["birth_date"]["new"]) == ("birth certificate seen", "2019-02-21")


class _DropAnswers(httpx.HTTPTransport):
    """Forwards requests; for the first ``drops`` pushes, the registry commits but the answer is lost."""

    def __init__(self, drops: int) -> None:
        super().__init__()
        self.drops = drops

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = super().handle_request(request)
        if request.url.path.endswith("/push") and self.drops > 0:
            self.drops -= 1
            response.read()
            raise httpx.ReadError("connection reset after the registry committed")
        return response


def test_an_acknowledgement_lost_after_the_commit_loses_nothing_and_stores_nothing_twice(
        registry: RunningRegistry, make_station: Any) -> None:
    station = make_station("Sasabe")
    fam = _registered(station)
    with pytest.raises(services.SyncFailure, match="cannot be reached"):
        station.sync(transport=_DropAnswers(1))
    status = services.sync_status(session=station.agent)
    assert status["pending"] == 9 and "cannot be reached" in status["last_error"] and status["failures"] == 1
    assert len(_registry_changes(registry)) == 9, "the registry committed the chunk"
    station.sync()
    assert services.sync_status(session=station.agent)["pending"] == 0
    ids = _registry_changes(registry)
    assert len(ids) == len(set(ids)) == 9 and set(ids) == _station_changes(station)
    with station.agent.engine.connect() as conn:
        seqs = sorted(r[0] for r in conn.execute(select(schema.change.c.registry_seq)))
    assert seqs == list(range(1, 10)), "each change carries the sequence the registry gave it the first time"
    assert station.show(fam["bands"][0])["id"] == fam["family"]


class _KillDuringPush(httpx.HTTPTransport):
    """Kills the registry process (SIGKILL) just before the second push request reaches it."""

    def __init__(self, registry: RunningRegistry) -> None:
        super().__init__()
        self.registry, self.pushes = registry, 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/push"):
            self.pushes += 1
            if self.pushes == 2:
                self.registry.stop(kill=True)
        return super().handle_request(request)


@pytest.mark.slow
def test_a_registry_killed_mid_push_loses_nothing(registry: RunningRegistry, make_station: Any) -> None:
    station = make_station("Douglas")
    families = [{"people": [adult(f"a{f}", "Marta", "Chávez")] + [
                     child(f"c{f}.{i}", f"Niño{i}", "Chávez", birth_date="2018-01-01") for i in range(20)],
                 "links": [link(f"a{f}", f"c{f}.{i}") for i in range(20)]} for f in range(10)]
    for family in families:  # ten transactions: a chunk holds whole ones
        station.register(document(family))
    pending = services.sync_status(session=station.agent)["pending"]
    assert pending > protocol.CHUNK_CHANGES, "more than one chunk"
    with pytest.raises(services.SyncFailure):
        station.sync(transport=_KillDuringPush(registry))
    acknowledged = pending - services.sync_status(session=station.agent)["pending"]
    assert 0 < acknowledged < pending
    registry.start()
    station.sync()
    ids = _registry_changes(registry)
    assert len(ids) == len(set(ids)) == pending and set(ids) == _station_changes(station)
    assert services.sync_status(session=station.agent)["pending"] == 0


def test_the_registry_unreachable_is_said_plainly_and_nothing_changes(registry: RunningRegistry,
                                                                       make_station: Any) -> None:
    station = make_station("Ajo")
    _registered(station)
    registry.stop()
    with pytest.raises(services.SyncFailure, match=r"cannot be reached \(connection refused or no network\)"):
        station.sync()
    status = services.sync_status(session=station.agent)
    assert status["pending"] == 9 and status["failures"] == 1 and status["retry_after"] is not None
    with pytest.raises(services.SyncFailure):
        station.sync()
    assert services.sync_status(session=station.agent)["failures"] == 2, "the back-off grows"


class _Counting(httpx.HTTPTransport):
    def __init__(self) -> None:
        super().__init__()
        self.paths: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.paths.append(request.url.path)
        return super().handle_request(request)


def test_a_sync_asks_for_one_nonce_then_uses_those_the_answers_bring(registry: RunningRegistry,
                                                                     make_station: Any) -> None:
    station = make_station("Sasabe")
    _registered(station)
    counting = _Counting()
    station.sync(transport=counting)
    signed = [p for p in counting.paths if not p.endswith("/nonce")]
    assert counting.paths.count("/v1/nonce") == 1 and len(signed) >= 4, counting.paths


def test_more_follows_than_one_request_takes_are_made_in_batches(registry: RunningRegistry,
                                                                 make_station: Any) -> None:
    """A shelter that scanned 120 bands while offline: the registry takes 100 payloads a request."""
    border, shelter = make_station("Border"), make_station("Shelter")
    people = [adult(f"a{i}", "Rosa", f"Tzul {i}") for i in range(120)]
    bands = [p["band"] for p in border.register(document({"people": people}))["families"][0]["people"]]
    border.sync()
    answer = shelter.sync(follow=[border.payload(b) for b in bands])
    assert answer["follows_waiting"] == 0 and answer["follow_errors"] == []
    assert len(shelter.show(bands[0])["people"]) == 120


def test_a_separation_and_its_contacts_reach_the_other_station_and_the_registry_the_same(
        registry: RunningRegistry, make_station: Any) -> None:
    nogales, lukeville = make_station("Nogales"), make_station("Lukeville")
    fam = _registered(nogales)
    nogales.sync()
    lukeville.sync(follow=[nogales.payload(fam["bands"][1])])
    services.separate(session=nogales.agent, child=fam["people"]["c"], adult=fam["people"]["m"],
                      reason="mother taken to hospital")
    services.contact(session=nogales.agent, child=fam["people"]["c"], adult=fam["people"]["m"], kind="call")
    nogales.sync()
    lukeville.sync()
    services.contact(session=lukeville.agent, child=fam["people"]["c"], adult=fam["people"]["m"], kind="visit",
                     note="visit at the shelter")
    lukeville.sync()
    nogales.sync()
    seen = _same_everywhere(registry, fam["bands"][0], nogales, lukeville)
    events = seen["document"]["links"][0]["events"]
    assert [(e["state"], e["kind"]) for e in events] == [("separated", None), ("contact", "call"), ("contact", "visit")]
    boards = [services.reunification_board(session=s.agent)["children"] for s in (nogales, lukeville)]
    assert boards[0] == boards[1] and boards[0][0]["adults"][0]["last_contact_at"] is not None
    assert services.sync_status(session=nogales.agent)["refused"] == 0
