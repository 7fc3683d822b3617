"""Signed requests: one-time nonces, and the check that a request was signed by an enrolled station
that has not been revoked (``sync.protocol`` says what is signed).

A nonce is made, not stored: its expiry and 16 random bytes, with an HMAC under a secret derived from
the registry's key (the same in every process). It is stored only when a request uses it, until it
would have expired, so that the same nonce is never accepted twice. A signed answer brings the nonce
for the station's next request, so a station asks ``/nonce`` once a session.
"""

from __future__ import annotations

import hashlib
import hmac
import random
import secrets
import time
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, delete, select

from app.security.audit import Outcome
from app.security.identity import verify
from sync import protocol

from . import auditing, limits
from . import tables as t
from .database import Database, insert_rows, iso, now
from .errors import Forbidden, Unauthorized

NOT_SIGNED = ("the request's signature does not match the key of an enrolled station (altered, not signed by that "
              "station, or a station this registry does not know)")
USED = "the request's nonce was used before, has expired, or is not one this registry made (a replayed request?)"


class Nonces:
    """Makes and checks nonces with a secret derived from the registry's private key."""

    def __init__(self, private_key: bytes) -> None:
        self._secret = hashlib.sha256(b"kinlink-nonce-v1" + private_key).digest()

    def make(self) -> str:
        expires = int(time.time()) + protocol.NONCE_SECONDS
        body = f"{expires:x}.{secrets.token_hex(16)}"
        return f"{body}.{self._mac(body)}"

    def expiry(self, value: str) -> int | None:
        """When a nonce this registry made expires (Unix seconds), or None for one it did not make."""
        body, _, mac = value.rpartition(".")
        expires = body.partition(".")[0]
        if not mac or not hmac.compare_digest(mac, self._mac(body)):
            return None
        try:
            return int(expires, 16)
        except ValueError:
            return None

    def _mac(self, body: str) -> str:
        return hmac.new(self._secret, body.encode(), hashlib.sha256).hexdigest()[:32]


def issue_nonce(db: Database, nonces: Nonces, *, client: str, limit: limits.Limit) -> dict[str, Any]:
    limits.count(db, "nonce", client, limit)
    return {"nonce": nonces.make(), "expires_in": protocol.NONCE_SECONDS}


def authenticate(db: Database, nonces: Nonces, method: str, path: str, headers: Mapping[str, str], body: bytes,
                 *, client: str, limit: limits.Limit) -> str:
    """The station that signed this request; refuses an unsigned, altered, replayed, unknown or
    revoked one (an address that fails too often is refused for a while). The nonce is used up
    here, so the same request is never accepted twice."""
    try:
        with db.writing() as conn:
            limits.check_in(conn, "failed", client, limit)
            return _authenticate(conn, nonces, method, path, headers, body)
    except Unauthorized:
        limits.count(db, "failed", client, limit, refuse_over=False)
        raise
    except _Revoked as revoked:  # its device (its key signed this) is still trying
        auditing.append_alone(db, user=revoked.station, action="request", target=f"{method} {path}",
                              outcome=Outcome.DENIED, detail={"status": Forbidden.status})
        raise Forbidden(f"station {revoked.station} was revoked on {revoked.at[:10]}: {revoked.reason}") from None


class _Revoked(Exception):
    def __init__(self, station: str, at: str, reason: str) -> None:
        super().__init__(station)
        self.station, self.at, self.reason = station, at, reason


def _authenticate(conn: Connection, nonces: Nonces, method: str, path: str, headers: Mapping[str, str],
                  body: bytes) -> str:
    station, nonce_value, signature = (headers.get(h) for h in (protocol.STATION_HEADER, protocol.NONCE_HEADER,
                                                                protocol.SIGNATURE_HEADER))
    if not station or not nonce_value or not signature:
        raise Unauthorized("the request is not signed (it needs the X-Kinlink-Station, -Nonce and -Signature "
                           "headers)")
    row = conn.execute(select(t.station).where(t.station.c.code == station)).mappings().first()
    if row is None:  # said as a bad signature is: an unsigned request learns nothing of which codes exist
        raise Unauthorized(NOT_SIGNED)
    try:
        raw = protocol.unb64(signature, "the signature")
    except protocol.ProtocolError:
        raw = b""
    if not verify(bytes(row["public_key"]), raw, protocol.request_message(method, path, nonce_value, station, body)):
        raise Unauthorized(NOT_SIGNED)
    if row["revoked_at"] is not None:
        raise _Revoked(station, row["revoked_at"], row["revoked_reason"])
    _use(conn, nonces, nonce_value)
    return station


def _use(conn: Connection, nonces: Nonces, value: str) -> None:
    """Store a nonce as used (until it would have expired); refuse one used before, expired, or forged."""
    expires = nonces.expiry(value)
    if expires is None or expires < time.time() or len(value) > 128:
        raise Unauthorized(USED)
    if random.random() < 0.02:  # now and then, forget the nonces that have expired anyway
        conn.execute(delete(t.nonce).where(t.nonce.c.expires_at < iso(now())))
    stored = insert_rows(conn, t.nonce, [{"value": value, "expires_at": iso(datetime.fromtimestamp(expires, UTC))}],
                         ignore=True, returning=("value",))
    if not stored:
        raise Unauthorized(USED)
