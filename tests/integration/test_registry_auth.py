"""Requests to a real registry process that must be refused — unsigned, altered, replayed, from an
unenrolled or revoked station, wrongly signed records, oversized bodies, used or expired enrolment
codes — and in every case nothing is stored (of the request, or of the station transaction a bad
record is in). (The SQLite default; test_sync and test_registry_trust cover PostgreSQL.)"""

from __future__ import annotations

import json
import time
import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from app import services
from app.domain import clock
from app.domain.changes import Change
from app.security.identity import StationIdentity
from sync import protocol
from sync.client import RegistryClient
from sync.registry import tables
from tests.conftest import adult, document
from tests.syncing import PROTOCOL, RunningRegistry, TestStation

pytestmark = pytest.mark.parametrize("registry_db", ["sqlite"], indirect=True)


def _stored(registry: RunningRegistry) -> int:
    opened = registry.open()
    try:
        with opened.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(tables.change)).scalar_one())
    finally:
        opened.close()


def _outbox(station: TestStation) -> list[dict[str, Any]]:
    from app.store import syncing

    with station.agent.engine.connect() as conn:
        return [protocol.encode_change(body, sig) | {"tx": tx}
                for _, body, sig, tx in syncing.outbox(conn, limit=50, max_bytes=10**7)]


def _nonce(registry: RunningRegistry) -> str:
    return str(httpx.post(f"{registry.url}/v1/nonce", headers=PROTOCOL).json()["nonce"])


def _signed_push(registry: RunningRegistry, identity: StationIdentity, changes: list[dict[str, Any]],
                 *, send: bytes | None = None) -> httpx.Response:
    body = protocol.canonical({"changes": changes})
    headers = protocol.sign_request(identity, "POST", "/v1/push", _nonce(registry), body)
    return httpx.post(f"{registry.url}/v1/push", content=send if send is not None else body, headers=headers)


@pytest.fixture
def station(make_station: Any) -> TestStation:
    made = make_station("Naco")
    made.register(document({"people": [adult("a", "Lucía", "Reyes")]}))
    return made


def test_a_signed_push_is_stored_and_acknowledged(registry: RunningRegistry, station: TestStation) -> None:
    changes = _outbox(station)
    answer = _signed_push(registry, station.agent.identity, changes)
    assert answer.status_code == 200 and len(answer.json()["acknowledged"]) == len(changes) == _stored(registry)
    assert answer.json()["refused"] == answer.json()["waiting"] == []
    assert answer.headers[protocol.PROTOCOL_HEADER] == str(protocol.VERSION)


def test_an_unsigned_request_is_refused(registry: RunningRegistry, station: TestStation) -> None:
    answer = httpx.post(f"{registry.url}/v1/push", json={"changes": _outbox(station)}, headers=PROTOCOL)
    assert answer.status_code == 401 and "not signed" in answer.json()["detail"]
    assert _stored(registry) == 0


def test_an_altered_request_is_refused(registry: RunningRegistry, station: TestStation) -> None:
    changes = _outbox(station)
    tampered = protocol.canonical({"changes": changes[:1]})
    answer = _signed_push(registry, station.agent.identity, changes, send=tampered)
    assert answer.status_code == 401 and "signature does not match" in answer.json()["detail"]
    assert _stored(registry) == 0


def test_a_replayed_request_is_refused(registry: RunningRegistry, station: TestStation) -> None:
    body = protocol.canonical({"changes": _outbox(station)})
    headers = protocol.sign_request(station.agent.identity, "POST", "/v1/push", _nonce(registry), body)
    assert httpx.post(f"{registry.url}/v1/push", content=body, headers=headers).status_code == 200
    again = httpx.post(f"{registry.url}/v1/push", content=body, headers=headers)
    assert again.status_code == 401 and "used before" in again.json()["detail"]


def test_an_unenrolled_station_is_refused_as_a_bad_signature_is(registry: RunningRegistry,
                                                                   station: TestStation) -> None:
    """An unsigned caller learns nothing of which station codes exist."""
    stranger = StationIdentity.generate("Stranger")
    unknown = _signed_push(registry, stranger, [])
    impostor = StationIdentity(station.agent.identity.code, "Impostor", stranger.private_key, stranger.public_key)
    forged = _signed_push(registry, impostor, [])
    assert unknown.status_code == forged.status_code == 401
    assert unknown.json() == forged.json()
    assert "enrolled station" in unknown.json()["detail"]


def test_a_revoked_station_is_refused_and_told_why(registry: RunningRegistry, station: TestStation) -> None:
    opened = registry.open()
    try:
        opened.revoke(station.agent.identity.code, "laptop reported stolen")
    finally:
        opened.close()
    with pytest.raises(services.SyncFailure, match="revoked .*laptop reported stolen") as refused:
        station.sync()
    assert refused.value.refused and _stored(registry) == 0
    assert services.sync_status(session=station.agent)["pending"] == len(_outbox(station))


def test_a_record_with_a_bad_signature_stores_nothing_of_its_transaction(registry: RunningRegistry,
                                                                          station: TestStation) -> None:
    changes = _outbox(station)
    at = next(i for i, c in enumerate(changes) if json.loads(c["body"])["entity"] == "person")
    body = json.loads(changes[at]["body"])
    body["fields"]["given_names"] = [None, "Someone Else"]
    changes[at] = {**changes[at], "body": protocol.canonical(body).decode()}
    answer = _signed_push(registry, station.agent.identity, changes)
    assert answer.status_code == 200 and answer.json()["acknowledged"] == []
    [refused] = answer.json()["refused"]
    assert refused["tx"] == changes[0]["tx"] and "bad signature" in refused["reason"]
    assert _stored(registry) == 0


@pytest.mark.parametrize(("entity", "field", "value", "problem"), [
    ("photo", "data", "issued", "photo.data: is not base64 text"),
    ("band", "number", "", "band.number: "),
    ("band", "number", "UC5R8-2342-V", "band.number: "),
])
def test_a_value_no_replica_could_show_is_refused(registry: RunningRegistry, station: TestStation, entity: str,
                                                  field: str, value: str, problem: str) -> None:
    """Found by the OpenAPI fuzzing: such a record, once stored, broke the family's view (a 500) and
    every station that pulled it. Refused at push instead, naming the field."""
    changes = _outbox(station)
    person = next(json.loads(c["body"]) for c in changes if json.loads(c["body"])["entity"] == "person")
    identity = station.agent.identity
    hlc = str(clock.Hlc(clock.now_ms(), 0, identity.code))
    odd = Change(uuid.uuid4().hex, entity, uuid.uuid4().hex,
                 {"person_id": (None, person["entity_id"]), field: (None, value)}, True, hlc, identity.code,
                 "agent", None)
    record = protocol.encode_change(odd.signing_bytes().decode(), identity.sign(odd.signing_bytes()))
    answer = _signed_push(registry, identity, [*changes, record])
    assert answer.status_code == 200 and len(answer.json()["acknowledged"]) == len(changes)
    [refused] = answer.json()["refused"]
    assert refused["changes"] == [odd.id] and problem in refused["reason"], refused
    assert _stored(registry) == len(changes)


@pytest.mark.parametrize(("resolves", "created", "problem"), [
    (["nope"], False, "'resolves' must list 1 to 100 distinct change ids"),
    (["a" * 32, "a" * 32], False, "'resolves' must list 1 to 100 distinct change ids"),
    ([], False, "'resolves' must list 1 to 100 distinct change ids"),
    (["a" * 32], True, "only an update resolves a conflict"),
])
def test_a_malformed_resolution_is_refused(registry: RunningRegistry, station: TestStation, resolves: list[str],
                                           created: bool, problem: str) -> None:
    changes = _outbox(station)
    person = next(json.loads(c["body"]) for c in changes if json.loads(c["body"])["entity"] == "person")
    identity = station.agent.identity
    body = {"id": uuid.uuid4().hex, "entity": "person", "entity_id": uuid.uuid4().hex if created else
            person["entity_id"], "fields": {"given_names": [None, "Lucía María"]}, "created": created,
            "hlc": str(clock.Hlc(clock.now_ms(), 0, identity.code)), "station": identity.code, "user": "sofia",
            "reason": "settled", "resolves": resolves}
    if created:
        body["fields"]["family_id"] = [None, person["fields"]["family_id"][1]]
    text_ = protocol.canonical(body)
    answer = _signed_push(registry, identity, [*changes, protocol.encode_change(text_.decode(),
                                                                                 identity.sign(text_))])
    assert answer.status_code == 200 and len(answer.json()["acknowledged"]) == len(changes)
    [refused] = answer.json()["refused"]
    assert problem in refused["reason"], answer.text
    assert _stored(registry) == len(changes)


def test_a_station_cannot_push_another_stations_records(registry: RunningRegistry, station: TestStation,
                                                        make_station: Any) -> None:
    other = make_station("Other")
    answer = _signed_push(registry, other.agent.identity, _outbox(station))
    assert answer.status_code == 200 and answer.json()["acknowledged"] == []
    assert all("pushes only its own" in r["reason"] for r in answer.json()["refused"])
    assert _stored(registry) == 0


def test_malformed_and_oversized_bodies_are_refused(registry: RunningRegistry, station: TestStation) -> None:
    identity = station.agent.identity
    for bad in (b"not json", b'{"changes": "none"}', b'{"changes": [{"body": 1, "signature": "x"}]}'):
        headers = protocol.sign_request(identity, "POST", "/v1/push", _nonce(registry), bad)
        answer = httpx.post(f"{registry.url}/v1/push", content=bad, headers=headers)
        assert answer.status_code == 422, bad
    huge = b'{"changes": [' + b" " * (protocol.MAX_BODY + 10) + b"]}"
    headers = protocol.sign_request(identity, "POST", "/v1/push", _nonce(registry), huge)
    answer = httpx.post(f"{registry.url}/v1/push", content=huge, headers=headers)
    assert answer.status_code == 413 and "larger than" in answer.json()["detail"]
    assert _stored(registry) == 0


def test_an_answer_not_signed_by_the_registry_marks_nothing_sent(registry: RunningRegistry,
                                                                 station: TestStation) -> None:
    impostor_key = StationIdentity.generate("impostor").public_key
    pending = len(_outbox(station))
    with RegistryClient(registry.url, station.agent.identity, impostor_key) as client:
        with pytest.raises(services.SyncFailure, match="did not come from the registry"):
            client.call("POST", "/v1/push", {"changes": _outbox(station)})
    assert len(_outbox(station)) == pending


def test_enrolment_codes_work_once_and_expire(registry: RunningRegistry, make_station: Any) -> None:
    first, second = make_station("First", enrol=False), make_station("Second", enrol=False)
    code = registry.enrollment_code()
    services.enroll_station(session=first.admin, url=registry.url, code=code.lower().replace("-", " "))
    with pytest.raises(services.SyncFailure, match="used already") as used:
        services.enroll_station(session=second.admin, url=registry.url, code=code)
    assert used.value.refused
    with pytest.raises(services.SyncFailure, match="not one this registry issued"):
        services.enroll_station(session=second.admin, url=registry.url, code="2345-6789-ABCD-EFGH")
    opened = registry.open()
    try:
        short = opened.new_enrollment_code(valid_hours=0.0002)["code"]  # 0.72 s
    finally:
        opened.close()
    time.sleep(1)
    with pytest.raises(services.SyncFailure, match="expired"):
        services.enroll_station(session=second.admin, url=registry.url, code=short)
    assert services.sync_status(session=second.agent)["enrolled"] is False


def test_enrolment_is_an_admins_and_the_input_is_checked(registry: RunningRegistry, make_station: Any) -> None:
    station = make_station("Checked", enrol=False)
    with pytest.raises(services.NotPermitted):
        services.enroll_station(session=station.agent, url=registry.url, code=registry.enrollment_code())
    with pytest.raises(services.ValidationError, match="http:// or https://"):
        services.enroll_station(session=station.admin, url="registry.example", code=registry.enrollment_code())
    with pytest.raises(services.ValidationError, match="16 letters and digits"):
        services.enroll_station(session=station.admin, url=registry.url, code="1234")
    with pytest.raises(services.NotEnrolled):
        station.sync()
