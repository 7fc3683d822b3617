"""The station's sync engine: enrol, push the outbox in chunks, pull others' changes (no Qt; the app
runs it in a worker thread, the command line directly).

Push sends the oldest unacknowledged change records; a change is marked sent only when the
registry's signed acknowledgement names it. Pull fetches pages after the station's cursor and
applies each page and the new cursor in one transaction. A failure anywhere leaves the station as
it was after the last completed step, so the next attempt simply carries on.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx
from sqlalchemy import Engine

from app.domain import bandnumber
from app.security.identity import StationIdentity, verify
from app.store import audit_log, syncing

from . import protocol

Progress = Callable[[str, int, int], None]  # phase ("push" / "pull"), done, total
TIMEOUT = httpx.Timeout(30.0, connect=5.0)
AUDIT_CHUNK = 1000  # audit records per request (the registry takes up to 2,000)
BACKOFF_FIRST, BACKOFF_MAX = 15.0, 15 * 60.0  # seconds


class SyncFailure(Exception):
    """Sync could not finish; the message says why in plain words. ``refused``: the registry said
    no to this station (revoked, not enrolled), which retrying will not fix."""

    def __init__(self, message: str, *, refused: bool = False) -> None:
        super().__init__(message)
        self.refused = refused


@dataclass
class Report:
    pushed: int = 0
    pulled: int = 0
    new_stations: int = 0
    followed: dict[str, str] = field(default_factory=dict)
    unknown_bands: list[str] = field(default_factory=list)
    cursor: int = 0
    audit_sent: int = 0  # audit records the registry now holds a copy of

    def as_dict(self) -> dict[str, Any]:
        return {"pushed": self.pushed, "pulled": self.pulled, "new_stations": self.new_stations,
                "followed": self.followed, "unknown_bands": self.unknown_bands, "cursor": self.cursor,
                "audit_sent": self.audit_sent}


def backoff_seconds(failures: int, *, jitter: float | None = None) -> float:
    """How long to wait after ``failures`` failed attempts in a row: 15 s doubling to 15 min, ±20 %."""
    if failures <= 0:
        return 0.0
    base = float(min(BACKOFF_FIRST * 2 ** (failures - 1), BACKOFF_MAX))
    return base * (1 + (random.uniform(-0.2, 0.2) if jitter is None else jitter))


class RegistryClient:
    """Signed requests to one registry, and checks of its signed answers."""

    def __init__(self, url: str, identity: StationIdentity, registry_key: bytes | None,
                 *, transport: httpx.BaseTransport | None = None) -> None:
        self.url = url.rstrip("/")
        self.identity = identity
        self.registry_key = registry_key
        self.http = httpx.Client(base_url=self.url, timeout=TIMEOUT, transport=transport)

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> RegistryClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def enroll(self, code: str) -> dict[str, Any]:
        proof = self.identity.sign(protocol.enrol_message(code, self.identity.code))
        payload = {"code": protocol.normalise_code(code), "station": self.identity.code, "name": self.identity.name,
                   "public_key": protocol.b64(self.identity.public_key), "proof": protocol.b64(proof)}
        response = self._send("POST", f"{protocol.API}/enroll", protocol.canonical(payload), {})
        answer: dict[str, Any] = _json(response)
        return answer

    def call(self, method: str, path: str, payload: Any = None) -> Any:
        """One signed request; the answer, once its registry signature is checked."""
        nonce = _json(self._send("POST", f"{protocol.API}/nonce", b"", {}))["nonce"]
        body = b"" if payload is None else protocol.canonical(payload)
        headers = protocol.sign_request(self.identity, method, path, nonce, body)
        response = self._send(method, path, body, headers)
        signature = response.headers.get(protocol.ANSWER_SIGNATURE_HEADER, "")
        assert self.registry_key is not None
        try:
            raw = protocol.unb64(signature, "the answer's signature")
        except protocol.ProtocolError:
            raw = b""
        if not verify(self.registry_key, raw, protocol.answer_message(nonce, response.content)):
            raise SyncFailure("an answer did not come from the registry this station is enrolled with (its "
                              "signature does not match); nothing was marked as sent")
        return _json(response)

    def _send(self, method: str, path: str, body: bytes, headers: dict[str, str]) -> httpx.Response:
        try:
            response = self.http.request(method, path, content=body,
                                         headers=headers or {"Content-Type": "application/json"})
        except httpx.TimeoutException:
            raise SyncFailure(f"the registry at {self.url} did not answer in time") from None
        except httpx.TransportError as exc:
            raise SyncFailure(f"the registry at {self.url} cannot be reached ({_reason(exc)})") from None
        if response.status_code < 300:
            return response
        detail = _detail(response)
        if response.status_code in (401, 403):
            raise SyncFailure(f"the registry refused this station: {detail}", refused=True)
        if response.status_code == 409:  # the registry's words are for the person at the station
            raise SyncFailure(detail)
        if response.status_code >= 500:
            raise SyncFailure(f"the registry had a problem ({response.status_code}): {detail}; it will be tried "
                              "again")
        if response.status_code < 400:
            raise SyncFailure(f"the registry's address redirects ({response.status_code}) to "
                              f"{response.headers.get('location', 'elsewhere')}; enrol with that address instead")
        raise SyncFailure(f"the registry did not accept the request ({response.status_code}): {detail}")


def run(engine: Engine, client: RegistryClient, *, follow: Sequence[str] = (),
        progress: Progress | None = None) -> Report:
    """Push everything pending, then pull everything new. Raises ``SyncFailure`` (what was done
    before the failure stays done)."""
    report = Report()
    tell = progress or (lambda _phase, _done, _total: None)
    _push(engine, client, report, tell)
    keys = refresh_keys(engine, client, report)
    if follow:
        _follow(engine, client, [bandnumber.normalize(b) for b in follow], keys, report)
    _pull(engine, client, keys, report, tell)
    _send_audit(engine, client, report)
    return report


def _push(engine: Engine, client: RegistryClient, report: Report, tell: Progress) -> None:
    with engine.connect() as conn:
        total = syncing.pending_count(conn)
    tell("push", 0, total)
    while True:
        with engine.connect() as conn:
            chunk = syncing.outbox(conn, limit=protocol.CHUNK_CHANGES, max_bytes=protocol.CHUNK_BYTES)
        if not chunk:
            return
        answer = client.call("POST", f"{protocol.API}/push",
                             {"changes": [protocol.encode_change(body, sig) for _, body, sig in chunk]})
        acknowledged = {a["id"]: int(a["seq"]) for a in answer.get("acknowledged", [])}
        missing = [cid for cid, _, _ in chunk if cid not in acknowledged]
        if missing:
            raise SyncFailure(f"the registry did not acknowledge {len(missing)} change record(s); they stay pending")
        with engine.begin() as conn:
            syncing.mark_sent(conn, {cid: acknowledged[cid] for cid, _, _ in chunk})
        report.pushed += len(chunk)
        tell("push", report.pushed, max(total, report.pushed))


def refresh_keys(engine: Engine, client: RegistryClient, report: Report) -> dict[str, bytes]:
    answer = client.call("GET", f"{protocol.API}/stations")
    checked: dict[str, bytes] = {}
    for entry in answer.get("stations", []):
        key = protocol.unb64(entry.get("public_key"), "a station's public key")
        if len(key) == 32 and bandnumber.station_code_from_key(key) == entry.get("station"):
            checked[entry["station"]] = key  # a key that does not hash to its code is ignored
    with engine.begin() as conn:
        report.new_stations = syncing.trust_registry_stations(
            conn, [e for e in answer.get("stations", []) if e.get("station") in checked], checked, _now())
        return syncing.station_keys(conn)


def _follow(engine: Engine, client: RegistryClient, bands: list[str], keys: dict[str, bytes],
            report: Report) -> None:
    answer = client.call("POST", f"{protocol.API}/follow", {"bands": bands})
    report.followed = dict(answer.get("families", {}))
    report.unknown_bands = list(answer.get("unknown", []))
    report.pulled += _apply(engine, client, answer.get("changes", []), keys, cursor=None)


def _pull(engine: Engine, client: RegistryClient, keys: dict[str, bytes], report: Report, tell: Progress) -> None:
    with engine.connect() as conn:
        state = syncing.enrolment(conn)
    assert state is not None
    cursor, done = int(state["cursor"]), 0
    while True:
        answer = client.call("POST", f"{protocol.API}/pull", {"cursor": cursor, "limit": protocol.PULL_LIMIT})
        items = answer.get("changes", [])
        next_cursor = int(answer["cursor"])
        report.pulled += _apply(engine, client, items, keys, cursor=next_cursor)
        done += len(items)
        tell("pull", done, done + int(answer.get("remaining", 0)))
        cursor = next_cursor
        report.cursor = cursor
        if not answer.get("more"):
            return


def _apply(engine: Engine, client: RegistryClient, items: list[Any], keys: dict[str, bytes],
           cursor: int | None) -> int:
    try:
        decoded = [(protocol.decode_change(item, keys)[0], item.get("seq")) for item in items]
    except protocol.ProtocolError as exc:
        raise SyncFailure(f"the registry sent a change record that does not check out: {exc}") from None
    with engine.begin() as conn:
        new = syncing.apply_pulled(conn, decoded, client.identity.code)
        if cursor is not None:
            syncing.set_cursor(conn, cursor)
    return new


def _send_audit(engine: Engine, client: RegistryClient, report: Report) -> None:
    """Send the audit records the registry has no copy of yet, starting again from the last one it
    holds: the registry checks each link, so a log rewritten on this station after it was sent
    (which the chain alone cannot show) is found there. Last in a sync: records and pulls go first."""
    held = int(client.call("GET", f"{protocol.API}/audit").get("seq", 0))
    while True:
        with engine.connect() as conn:
            last = audit_log.last_seq(conn)
            records = audit_log.chain_rows(conn, first=max(1, min(held, last)), limit=AUDIT_CHUNK)
        if not records:
            return
        # Sent even when nothing is new: the registry checks that its last record is still this one.
        held_now = int(client.call("POST", f"{protocol.API}/audit", {"records": records}).get("held", held))
        report.audit_sent += max(0, held_now - held)
        if held_now <= held or held_now >= last:
            return
        held = held_now


def _json(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        raise SyncFailure("the registry's answer is not JSON (is that URL a Kinlink registry?)") from None


def _detail(response: httpx.Response) -> str:
    try:
        detail = response.json().get("detail")
    except (ValueError, AttributeError):
        detail = None
    if isinstance(detail, list):  # FastAPI's validation errors
        detail = "; ".join(str(d.get("msg", d)) for d in detail if isinstance(d, dict)) or None
    return str(detail) if detail else response.reason_phrase or "no reason given"


def _reason(exc: Exception) -> str:
    text = str(exc).strip()
    if "CERTIFICATE_VERIFY_FAILED" in text or "certificate" in text.lower():
        return ("its TLS certificate is not trusted by this station: " + text.split("]")[-1].strip(" ()")
                + "; a private certificate authority goes in SSL_CERT_FILE")
    if "Connection refused" in text or "connect" in type(exc).__name__.lower():
        return "connection refused or no network"
    return text or type(exc).__name__


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")
