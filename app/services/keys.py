"""Station keys: this station's public key for others to trust, and the trusted-keys table that
band verification (and later sync) looks other stations up in. A station code is derived from its
public key, so a key that does not hash to the code it claims is refused."""

from __future__ import annotations

import base64
import binascii
from typing import Any

from app.domain import bandnumber, jsontext
from app.domain.errors import ValidationError
from app.security.roles import Permission
from app.store import accounts

from .session import Session, now_iso


def station_key(*, session: Session) -> dict[str, Any]:
    """This station's code, name and public key (public: anyone signed in may export it)."""
    return {"station": session.identity.code, "name": session.identity.name,
            "public_key": base64.b64encode(session.identity.public_key).decode()}


def trust_station(*, session: Session, exported: str) -> dict[str, Any]:
    """Add (or refresh) another station's key from the JSON that its ``station key`` printed."""
    session.require(Permission.STATION_SETTINGS, action="station.trust")
    code, name, key = _parse_exported(exported)
    if code == session.identity.code:
        raise ValidationError.one("station", "that is this station's own key")
    with session.engine.begin() as conn:
        known = accounts.trusted_key(conn, code) is not None
        accounts.trust(conn, code, {"public_key": key, "name": name, "source": "imported", "added_at": now_iso(),
                                    "revoked_at": None})
        session.audit(conn, "station.trust", code, detail={"replaced": known})
    return {"station": code, "name": name, "trusted": True}


def trusted_stations(*, session: Session) -> dict[str, Any]:
    with session.engine.begin() as conn:
        rows = accounts.trusted_keys(conn)
    return {"stations": [{"station": r["station"], "name": r["name"], "source": r["source"],
                          "added_at": r["added_at"], "revoked": r["revoked_at"] is not None} for r in rows]}


def _parse_exported(text: str) -> tuple[str, str, bytes]:
    try:
        data = jsontext.loads(text)
    except jsontext.JSONRefused as error:
        raise ValidationError.one("station key", f"{error}; it should be the JSON printed by `kinlink station key`") \
            from None
    try:
        code, name = str(data["station"]), str(data.get("name") or data["station"])
        key = base64.b64decode(data["public_key"], validate=True)
    except (ValueError, KeyError, TypeError, binascii.Error):
        raise ValidationError.one("station key", "is not the JSON printed by `kinlink station key` "
                                                 '({"station": ..., "name": ..., "public_key": ...})') from None
    if len(key) != 32:
        raise ValidationError.one("station key", "the public key is not a 32-byte Ed25519 key")
    if bandnumber.station_code_from_key(key) != code:
        raise ValidationError.one("station key", f"the public key does not belong to station {code!r} "
                                                 "(altered or mixed up)")
    return code, name, key
