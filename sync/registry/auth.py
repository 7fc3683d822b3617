"""Signed requests: one-time nonces, and the check that a request was signed by an enrolled station
that has not been revoked (``sync.protocol`` says what is signed)."""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from sqlalchemy import delete, insert, select

from app.security.audit import Outcome
from app.security.identity import verify
from sync import protocol

from . import auditing, limits
from . import tables as t
from .database import Database, iso, now
from .errors import Forbidden, Unauthorized

NOT_SIGNED = ("the request's signature does not match the key of an enrolled station (altered, not signed by that "
              "station, or a station this registry does not know)")


def issue_nonce(db: Database, *, client: str, limit: limits.Limit) -> dict[str, Any]:
    limits.count(db, "nonce", client, limit)
    value = secrets.token_hex(16)
    moment = now()
    with db.writing() as conn:
        conn.execute(delete(t.nonce).where(t.nonce.c.expires_at < iso(moment)))
        conn.execute(insert(t.nonce).values(value=value,
                                            expires_at=iso(moment + timedelta(seconds=protocol.NONCE_SECONDS))))
    return {"nonce": value, "expires_in": protocol.NONCE_SECONDS}


def authenticate(db: Database, method: str, path: str, headers: Mapping[str, str], body: bytes, *, client: str,
                 limit: limits.Limit) -> str:
    """The station that signed this request; refuses an unsigned, altered, replayed, unknown or
    revoked one (an address that fails too often is refused for a while). The nonce is used up
    here, so the same request is never accepted twice."""
    limits.check(db, "failed", client, limit)
    try:
        return _authenticate(db, method, path, headers, body)
    except Unauthorized:
        limits.count(db, "failed", client, limit, refuse_over=False)
        raise


def _authenticate(db: Database, method: str, path: str, headers: Mapping[str, str], body: bytes) -> str:
    station, nonce_value, signature = (headers.get(h) for h in (protocol.STATION_HEADER, protocol.NONCE_HEADER,
                                                                protocol.SIGNATURE_HEADER))
    if not station or not nonce_value or not signature:
        raise Unauthorized("the request is not signed (it needs the X-Kinlink-Station, -Nonce and -Signature "
                           "headers)")
    with db.writing() as conn:
        row = conn.execute(select(t.station).where(t.station.c.code == station)).mappings().first()
        if row is None:  # said as a bad signature is: an unsigned request learns nothing of which codes exist
            raise Unauthorized(NOT_SIGNED)
        try:
            raw = protocol.unb64(signature, "the signature")
        except protocol.ProtocolError:
            raw = b""
        message = protocol.request_message(method, path, nonce_value, station, body)
        if not verify(bytes(row["public_key"]), raw, message):
            raise Unauthorized(NOT_SIGNED)
        if row["revoked_at"] is None:
            used = conn.execute(delete(t.nonce).where(t.nonce.c.value == nonce_value,
                                                      t.nonce.c.expires_at > iso(now()))).rowcount
            if used != 1:
                raise Unauthorized("the request's nonce was used before or has expired (a replayed request?)")
            return station
    # a revoked station's device (its key signed this) is still trying
    auditing.append_alone(db, user=station, action="request", target=f"{method} {path}", outcome=Outcome.DENIED,
                          detail={"status": Forbidden.status})
    raise Forbidden(f"station {station} was revoked on {row['revoked_at'][:10]}: {row['revoked_reason']}")
