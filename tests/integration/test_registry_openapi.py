"""Schemathesis against the registry's OpenAPI (``sync.registry.api``), in-process: the ASGI app over
a SQLite registry in tmp_path that holds one family pushed by an enrolled station.

For every operation, generated requests (valid and invalid ones) never get a 5xx; answers that the
schema describes conform to it, and refusals are the promised ``{"detail": ...}``. A route behind the
signature refuses the unsigned request with 401; the same request signed with the enrolled station's
key over a fresh nonce (as ``sync.client`` signs) gets past the check, so the handlers behind it are
fuzzed too, and a 200 answer carries the registry's signature. Change records signed by the station
but holding values no station would write are fuzzed as well: the registry must refuse them or show
them, never fail.
"""

from __future__ import annotations

import itertools
import json
import secrets
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.core import NotSet
from schemathesis.python import asgi
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)
from starlette.datastructures import URL

from app import services
from app.domain import bandnumber, clock
from app.domain.changes import Change
from app.domain.model import ENTITIES
from app.security.identity import StationIdentity, verify
from app.store import audit_log, syncing
from sync import protocol
from sync.registry import limits
from sync.registry.api import create_app
from sync.registry.store import Registry, open_registry
from tests.conftest import adult, child, document, link
from tests.syncing import PROTOCOL

OPERATIONS = [("GET", "/v1/health"), ("POST", "/v1/nonce"), ("POST", "/v1/enroll"), ("POST", "/v1/push"),
              ("POST", "/v1/pull"), ("POST", "/v1/follow"), ("POST", "/v1/follow-number"), ("GET", "/v1/stations"),
              ("GET", "/v1/families/{band}"), ("GET", "/v1/audit"), ("POST", "/v1/audit"), ("GET", "/v1/status"),
              ("GET", "/v1/reunification"), ("GET", "/v1/reunification/{band}"), ("GET", "/v1/policy")]
OPEN = {"/v1/health", "/v1/nonce", "/v1/enroll"}  # every other route needs a signed request
EXAMPLES = 40  # per operation: the file runs in seconds
FAMILY = document({"people": [adult("m", "Rosa", "Tzul"), child("c", "Ana", "Ixcoy", birth_date="2019-02-01")],
                   "links": [link("m", "c")]})


@dataclass
class Api:
    registry: Registry
    app: Any
    schema: Any
    identity: StationIdentity  # enrolled; the station that pushed the family
    band: str
    changes: list[dict[str, Any]]  # the family's change records as pushed
    payload: str = ""  # the signed QR text of the family's first band
    enrolments: list[dict[str, Any]] = field(default_factory=list)  # properly signed enrolment requests
    audit: list[dict[str, Any]] = field(default_factory=list)  # the start of the station's audit chain
    child_band: str = ""  # the family's child, separated from its mother: on the reunification board


def _enrolment(registry: Registry, identity: StationIdentity, code: str | None = None,
               signed_code: str | None = None) -> dict[str, Any]:
    code = code or registry.new_enrollment_code()["code"]
    proof = identity.sign(protocol.enrol_message(signed_code or code, identity.code))
    return {"code": protocol.normalise_code(code), "station": identity.code, "name": identity.name,
            "public_key": protocol.b64(identity.public_key), "proof": protocol.b64(proof)}


@pytest.fixture
def api(tmp_path: Path, agent: services.Session, monkeypatch: pytest.MonkeyPatch) -> Iterator[Api]:
    """A registry with one enrolled oversight station (the ``agent`` fixture's), which pushed one family
    whose child was separated from its mother. Enrolments are not rate-limited here: with the default
    limit (20 a minute) the fuzzing's 40 attempts could use them up before the known enrolments were
    drawn, and no 200, 401 or 403 was reached (the limit has its own test)."""
    monkeypatch.setenv(limits.VARIABLE, "enroll=100000/60")
    registry = open_registry(f"sqlite:///{tmp_path / 'registry.db'}")
    registry.enroll(_enrolment(registry, agent.identity))
    registry.set_station(agent.identity.code, oversight=True)  # it may read the reunification board
    answer = services.register_family(session=agent, document=FAMILY)
    band = answer["families"][0]["people"][0]["band"]
    child_band = next(p["band"] for p in answer["families"][0]["people"] if p["ref"] == "c")
    services.separate(session=agent, child=child_band, adult=band, reason="the mother was taken to hospital")
    with agent.engine.connect() as conn:
        outbox = syncing.outbox(conn, limit=1000, max_bytes=protocol.CHUNK_BYTES)
    changes = [protocol.encode_change(body, signature) | {"tx": tx} for _, body, signature, tx in outbox]
    with agent.engine.connect() as conn:
        chain = list(audit_log.rows(conn))[:5]
    assert len(registry.push(agent.identity.code, changes)["acknowledged"]) == len(changes)
    app = create_app(registry)
    enrolments = [
        _enrolment(registry, StationIdentity.generate("New station")),  # 200 (again: 200, it is the same station)
        _enrolment(registry, StationIdentity.generate("Wrong proof"), signed_code="AAAA-BBBB-CCCC-DDDD"),  # 401
        _enrolment(registry, StationIdentity.generate("Unknown code"), code="ABCD-EFGH-JKLM-NPQR"),  # 403
    ]
    yield Api(registry, app, schemathesis.openapi.from_asgi("/openapi.json", app), agent.identity, band, changes,
              services.band_payload(session=agent, band=band), enrolments, chain, child_band)
    asgi.shutdown_lifespans()  # schemathesis keeps each app's lifespan running; ours closes the registry
    registry.close()


# --- signing what schemathesis sends ---------------------------------------------------------------

def _body(case: Any) -> bytes:
    """The exact bytes sent (and signed): the generated body as JSON, or raw bytes as generated."""
    if isinstance(case.body, NotSet):
        return b""
    if isinstance(case.body, bytes):
        return case.body
    return json.dumps(case.body).encode()


def _is_json(data: bytes) -> bool:
    try:
        json.loads(data)
    except ValueError:
        return False
    return True


def _server_path(case: Any) -> str:
    """The path the registry checks the signature over (``request.url.path``, and its query where a
    route takes one), as Starlette makes it from the request the test client sends."""
    sent = case.as_transport_kwargs(base_url=f"http://{asgi.HOST}")
    url = requests.Request("GET", sent["url"], params=sent.get("params")).prepare().url
    assert url is not None
    parts = urlsplit(url)
    scope = {"type": "http", "scheme": "http", "path": unquote(parts.path), "query_string": parts.query.encode(),
             "headers": [(b"host", asgi.HOST.encode())], "server": (asgi.HOST, 80)}
    signed = URL(scope=scope)
    return f"{signed.path}?{signed.query}" if signed.query else signed.path


def _call_signed(api: Api, case: Any, identity: StationIdentity | None = None) -> tuple[Any, str]:
    """Send the case signed by ``identity`` (the enrolled station) over a fresh nonce."""
    nonce = api.registry.issue_nonce()["nonce"]
    body = _body(case)
    headers = protocol.sign_request(identity or api.identity, case.method, _server_path(case), nonce, body)
    return case.call(headers=headers, data=body), nonce


def _call(case: Any) -> Any:
    """Send the case unsigned, saying the protocol version as every station does."""
    return case.call(headers=PROTOCOL)


def _answer_is_signed(api: Api, response: Any, nonce: str) -> bool:
    signature = protocol.unb64(response.headers[protocol.ANSWER_SIGNATURE_HEADER.lower()][0], "the signature")
    next_nonce = response.headers[protocol.NEXT_NONCE_HEADER.lower()][0]
    return verify(api.registry.identity.public_key, signature,
                  protocol.answer_message(nonce, response.content, next_nonce))


def _validate(case: Any, response: Any) -> None:
    """No 5xx, and invalid data is not accepted; every answer's status is one the OpenAPI document
    lists for the route, and its body and media type conform to what it documents there; a refusal
    is the JSON ``{"detail": ...}`` the API promises: text in plain words, or FastAPI's list of
    validation errors."""
    case.validate_response(response, checks=[not_a_server_error, negative_data_rejection, status_code_conformance,
                                             content_type_conformance, response_schema_conformance])
    if response.status_code < 400:
        return
    assert response.headers.get("content-type", [""])[0].startswith("application/json"), response.text
    detail = json.loads(response.content).get("detail")
    assert (isinstance(detail, str) and detail) or (isinstance(detail, list) and detail), response.text


def _strategy(api: Api, operation: Any) -> st.SearchStrategy[Any]:
    """Valid and invalid requests; for the routes that take band numbers, change records or enrolment
    proofs, also ones that name what the registry holds (random text would only meet 'unknown')."""
    cases = [operation.as_strategy(schemathesis.GenerationMode.POSITIVE),
             operation.as_strategy(schemathesis.GenerationMode.NEGATIVE)]
    known = {
        "/v1/families/{band}": [{"path_parameters": {"band": api.band}},
                                {"path_parameters": {"band": api.band.lower().replace("-", " ")}}],
        "/v1/reunification/{band}": [{"path_parameters": {"band": api.child_band}}],
        "/v1/follow": [{"body": {"payloads": [api.payload, "NOPE2-2222-2"]}}],
        "/v1/follow-number": [{"body": {"band": api.band, "reason": "the band was cut off at the clinic"}}],
        "/v1/push": [{"body": {"changes": api.changes[:3]}}],
        "/v1/pull": [{"body": {"cursor": 0, "limit": 2}}, {"body": {"cursor": 2**63}}],  # past any 64-bit integer
        "/v1/enroll": [{"body": enrolment} for enrolment in api.enrolments],
        "/v1/audit": [{"body": {"records": api.audit[:n]}} for n in (1, 3, 5)],
    }
    cases += [operation.as_strategy(**fixed) for fixed in known.get(operation.path, [])
              if operation.method.upper() != "GET" or "body" not in fixed]
    return st.one_of(cases)


def test_every_operation_is_fuzzed(api: Api) -> None:
    found = sorted((r.ok().method.upper(), r.ok().path) for r in api.schema.get_all_operations())
    assert found == sorted(OPERATIONS), "a new route: add it to OPERATIONS (and to OPEN if it is not signed)"


@pytest.mark.parametrize(("method", "path"), [op for op in OPERATIONS if op[1] != "/v1/health"],
                         ids=[f"{m} {p}" for m, p in OPERATIONS if p != "/v1/health"])
def test_a_station_of_another_protocol_version_is_told_plainly(api: Api, method: str, path: str) -> None:
    case = api.schema[path][method].Case(path_parameters={"band": api.band} if "{band}" in path else None)
    for said, words in ((None, "older Kinlink"), ("1", "older Kinlink"), ("3", "newer Kinlink")):
        response = case.call(headers={} if said is None else {protocol.PROTOCOL_HEADER: said})
        assert response.status_code == 426, response.text
        assert words in json.loads(response.content)["detail"]
        assert response.headers[protocol.PROTOCOL_HEADER.lower()] == [str(protocol.VERSION)]
    assert _call(api.schema["/v1/health"]["GET"].Case()).status_code == 200


@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_generated_requests_get_no_server_error(api: Api, method: str, path: str) -> None:
    operation = api.schema[path][method]
    statuses: dict[int, int] = {}

    @given(case=_strategy(api, operation))
    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
    def run(case: Any) -> None:
        response = _call(case)
        _validate(case, response)
        if path in OPEN:
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
            return
        if _is_json(_body(case)):
            assert response.status_code == 401, f"unsigned, answered {response.status_code}: {response.text}"
        else:  # FastAPI reads the body before the signature is checked: what is not JSON is 400 or 422
            assert response.status_code in (400, 401, 422), f"unsigned: {response.status_code} {response.text}"
        response, nonce = _call_signed(api, case)
        _validate(case, response)
        assert response.status_code != 401, f"the signature was refused: {response.text}"
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        if response.status_code == 200:
            assert _answer_is_signed(api, response, nonce)

    run()
    assert statuses.get(200), f"no generated request got through to the handler: {statuses}"
    if path == "/v1/enroll":
        assert {200, 401, 403, 422} <= set(statuses), f"enrolment's refusals were not all reached: {statuses}"


def test_signed_requests_are_refused_when_altered_replayed_or_from_a_stranger(api: Api) -> None:
    case = api.schema["/v1/pull"]["POST"].Case(body={"cursor": 0})
    body = _body(case)
    nonce = api.registry.issue_nonce()["nonce"]
    headers = protocol.sign_request(api.identity, "POST", "/v1/pull", nonce, body)
    assert case.call(headers=headers, data=body).status_code == 200
    assert case.call(headers=headers, data=body).status_code == 401, "a replayed request"
    headers = protocol.sign_request(api.identity, "POST", "/v1/pull", api.registry.issue_nonce()["nonce"], body)
    assert case.call(headers=headers, data=json.dumps({"cursor": 1}).encode()).status_code == 401, "altered"
    headers = protocol.sign_request(api.identity, "POST", "/v1/pull", secrets.token_hex(16), body)
    assert case.call(headers=headers, data=body).status_code == 401, "a nonce the registry never issued"
    assert _call_signed(api, case, StationIdentity.generate("Stranger"))[0].status_code == 401, "not enrolled"
    api.registry.revoke(api.identity.code, "lost")
    response = _call_signed(api, case)[0]
    assert response.status_code == 403 and "revoked" in json.loads(response.content)["detail"]


# --- change records signed by the station, holding values no station would write ----------------

REFERENCES = ("family_id", "encounter_id", "person_id", "from_person", "to_person", "link_id", "carried_by")
PARENT = {"person": ("family", "family_id"), "band": ("person", "person_id"), "custody": ("person", "person_id"),
          "photo": ("person", "person_id"), "link_event": ("link", "link_id")}  # how a new record joins a family
VALUES = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**70), 2**70), st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=12), st.sampled_from(["adult", "child", "issued", "voided", "together", "separated",
                                           "2026-01-02", "2026-01-02T03:04:05.000+00:00", "NOPE2-2222-2", ""]),
    st.lists(st.one_of(st.text(max_size=4), st.integers()), max_size=3),
    st.dictionaries(st.text(max_size=4), st.one_of(st.none(), st.text(max_size=4)), max_size=2),
)


def _fresh_family(api: Api, bands: Iterator[int]) -> tuple[str, list[tuple[str, str]], list[Change]]:
    """A new copy of the pushed family, signed by the station: new record ids, band numbers and change
    ids. Returns a band number, (id, entity) of each record in log order, and the changes."""
    code = api.identity.code
    template = [Change.from_body(json.loads(item["body"])) for item in api.changes]
    ids = {c.entity_id: uuid.uuid4().hex for c in template}
    changes = []
    for c in template:
        fields = {name: (old, ids.get(new, new) if name in REFERENCES else new)
                  for name, (old, new) in c.fields.items()}
        if c.entity == "band":
            fields["number"] = (None, bandnumber.make_band_number(code, next(bands)))
        changes.append(Change(uuid.uuid4().hex, c.entity, ids[c.entity_id], fields, c.created, c.hlc, code, c.user,
                              c.reason, base=c.base))
    band = next(c.fields["number"][1] for c in changes if c.entity == "band")
    return band, [(c.entity_id, c.entity) for c in changes if c.created], changes


def _encoded(api: Api, changes: list[Change], tx: str | None = None) -> list[dict[str, Any]]:
    return [protocol.encode_change(c.signing_bytes().decode("utf-8"), api.identity.sign(c.signing_bytes()))
            | ({"tx": tx} if tx else {}) for c in changes]


def test_odd_values_in_signed_change_records_get_no_server_error(api: Api) -> None:
    """Each example pushes a new copy of the family plus one record (an update of one of its records, or
    a new record that joins it) whose values are anything JSON, then reads the family. The registry may
    refuse the chunk (4xx) or store and show it; it never fails. Failures are reported as generated (no
    shrinking: each try costs three requests), with every draw labelled."""
    push, pull = api.schema["/v1/push"]["POST"], api.schema["/v1/pull"]["POST"]
    family = api.schema["/v1/families/{band}"]["GET"]
    bands = itertools.count(1000)

    @given(data=st.data())
    @settings(max_examples=EXAMPLES, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=[HealthCheck.too_slow])
    def run(data: st.DataObject) -> None:
        band, records, changes = _fresh_family(api, bands)
        new = data.draw(st.none() | st.sampled_from(sorted(PARENT)), label="new record of")
        if new is None:
            entity_id, entity = data.draw(st.sampled_from(records), label="update of")
        else:
            entity_id, entity = uuid.uuid4().hex, new
        names = data.draw(st.lists(st.sampled_from(ENTITIES[entity].fields), min_size=1, max_size=4, unique=True),
                          label="fields")
        fields = {name: (None, data.draw(VALUES, label=name)) for name in names}
        if new is not None:
            parent, reference = PARENT[new]
            fields[reference] = (None, next(i for i, e in records if e == parent))
        code = api.identity.code
        hlc = str(clock.Hlc(clock.now_ms() + data.draw(st.integers(-10**6, 10**6), label="ms from now"), 0, code))
        odd = Change(uuid.uuid4().hex, entity, entity_id, fields, new is not None, hlc, code, "agent", None,
                     base={} if new else {name: changes[0].hlc for name in names})
        alone = data.draw(st.booleans(), label="a transaction of its own")
        records = _encoded(api, changes, "family") + _encoded(api, [odd], None if alone else "family")
        response, _ = _call_signed(api, push.Case(body={"changes": records}))
        assert response.status_code < 500, response.text
        for case in (family.Case(path_parameters={"band": band}), pull.Case(body={"cursor": 0})):
            response, _ = _call_signed(api, case)
            assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.text} after {odd}"

    run()


def test_text_postgresql_cannot_store_is_refused_not_taken_for_an_outage(pg_url: str) -> None:
    """PostgreSQL text cannot hold a NUL character. A band number or a station name holding one is the
    client's mistake (4xx), not "the database is unavailable; try again" (503, which a station retries)."""
    registry = open_registry(pg_url)
    try:
        identity = StationIdentity.generate("Fuzz station")
        registry.enroll(_enrolment(registry, identity))
        app = create_app(registry)
        api = Api(registry, app, schemathesis.openapi.from_asgi("/openapi.json", app), identity, "", [])
        answers = {}
        for case in (api.schema["/v1/follow"]["POST"].Case(body={"payloads": ["AB\x00CD"]}),
                     api.schema["/v1/follow-number"]["POST"].Case(body={"band": "AB\x00CD", "reason": "x\x00"}),
                     api.schema["/v1/families/{band}"]["GET"].Case(path_parameters={"band": "AB\x00CD"})):
            answers[case.operation.label] = _call_signed(api, case)[0]
        enrolment = _enrolment(registry, StationIdentity.generate("Nul\x00station"))
        answers["POST /v1/enroll"] = _call(api.schema["/v1/enroll"]["POST"].Case(body=enrolment))
        assert {label: r.status_code for label, r in answers.items() if r.status_code >= 500} == {}, \
            {label: r.text for label, r in answers.items()}
    finally:
        asgi.shutdown_lifespans()
        registry.close()
