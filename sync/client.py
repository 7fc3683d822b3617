"""The wire from a station to its registry: signed requests, and checks of the registry's signed
answers (no Qt, no store: the station's side of a sync is ``app.services.sync_engine``).

Every request carries the sync protocol version and is signed with the station's key over a nonce
the registry handed out; every answer must be signed by the registry the station enrolled with and
say the same protocol version, or nothing in it is believed.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from app.security.identity import StationIdentity, verify

from . import protocol

if TYPE_CHECKING:  # httpx is imported by the first client, not by every command that might sync
    import httpx

TIMEOUT, CONNECT_TIMEOUT = 30.0, 5.0  # seconds


class SyncFailure(Exception):
    """Sync could not finish; the message says why in plain words. ``refused``: the registry said
    no to this station (revoked, not enrolled, another protocol version), which retrying will not fix."""

    def __init__(self, message: str, *, refused: bool = False, status: int | None = None) -> None:
        super().__init__(message)
        self.refused = refused
        self.status = status


class RegistryClient:
    """Signed requests to one registry, and checks of its signed answers."""

    def __init__(self, url: str, identity: StationIdentity, registry_key: bytes | None,
                 *, transport: httpx.BaseTransport | None = None) -> None:
        self.url = url.rstrip("/")
        self.identity = identity
        self.registry_key = registry_key
        import httpx

        self.http = httpx.Client(base_url=self.url, timeout=httpx.Timeout(TIMEOUT, connect=CONNECT_TIMEOUT),
                                 transport=transport)
        self._next: tuple[str, float] | None = None  # the nonce the last answer brought, and when

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
        """One signed request; the answer, once its registry signature is checked. The nonce is the one
        the last answer brought (fresh enough), else one asked for."""
        nonce = self._nonce()
        body = b"" if payload is None else protocol.canonical(payload)
        headers = protocol.sign_request(self.identity, method, path, nonce, body)
        response = self._send(method, path, body, headers)
        signature = response.headers.get(protocol.ANSWER_SIGNATURE_HEADER, "")
        next_nonce = response.headers.get(protocol.NEXT_NONCE_HEADER, "")
        assert self.registry_key is not None
        try:
            raw = protocol.unb64(signature, "the answer's signature")
        except protocol.ProtocolError:
            raw = b""
        if not verify(self.registry_key, raw, protocol.answer_message(nonce, response.content, next_nonce)):
            raise SyncFailure("an answer did not come from the registry this station is enrolled with (its "
                              "signature does not match); nothing was marked as sent")
        self._next = (next_nonce, time.monotonic()) if next_nonce else None
        return _json(response)

    def _nonce(self) -> str:
        kept, self._next = self._next, None  # a nonce is used once, whatever becomes of the request
        if kept is not None and time.monotonic() - kept[1] < protocol.NONCE_SECONDS - 60:
            return kept[0]
        return str(_json(self._send("POST", f"{protocol.API}/nonce", b"", {}))["nonce"])

    def _send(self, method: str, path: str, body: bytes, headers: dict[str, str]) -> httpx.Response:
        import httpx

        sent = {"Content-Type": "application/json", protocol.PROTOCOL_HEADER: str(protocol.VERSION), **headers}
        try:
            response = self.http.request(method, path, content=body, headers=sent)
        except httpx.TimeoutException:
            raise SyncFailure(f"the registry at {self.url} did not answer in time") from None
        except httpx.TransportError as exc:
            raise SyncFailure(f"the registry at {self.url} cannot be reached ({_reason(exc)})") from None
        if response.status_code < 300:
            _same_protocol(response)
            return response
        raise _refusal(response, self.url)


def _same_protocol(response: httpx.Response) -> None:
    theirs = response.headers.get(protocol.PROTOCOL_HEADER)
    if theirs == str(protocol.VERSION):
        return
    newer = theirs is not None and theirs.isdigit() and int(theirs) > protocol.VERSION
    raise SyncFailure(f"the registry runs {'a newer' if newer else 'an older'} Kinlink (sync protocol {theirs or 1}; "
                      f"this station speaks {protocol.VERSION}): "
                      + ("update Kinlink on this station" if newer else "the registry's operator updates it first"),
                      refused=True)


def _refusal(response: httpx.Response, url: str) -> SyncFailure:
    detail, status = _detail(response), response.status_code
    if status in (401, 403, 426):
        return SyncFailure(f"the registry refused this station: {detail}", refused=True, status=status)
    if status == 409:  # the registry's words are for the person at the station
        return SyncFailure(detail, status=status)
    if status == 429:
        return SyncFailure(f"the registry is busy with this station: {detail}", status=status)
    if status >= 500:
        return SyncFailure(f"the registry had a problem ({status}): {detail}; it will be tried again", status=status)
    if status < 400:
        return SyncFailure(f"the registry's address redirects ({status}) to "
                           f"{response.headers.get('location', 'elsewhere')}; enrol with that address instead")
    return SyncFailure(f"the registry did not accept the request ({status}): {detail}", status=status)


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
