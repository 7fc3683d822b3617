"""Stations joining and leaving: one-time enrolment codes, enrolment, revocation, the station list."""

from __future__ import annotations

import hashlib
import secrets
import threading
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from sqlalchemy import func, insert, select, update

from app.domain import bandnumber, fields
from app.domain.model import MAX_FACILITY_LENGTH, Agency
from app.security.audit import Outcome
from app.security.identity import verify
from sync import protocol

from . import auditing, limits
from . import tables as t
from .database import Database, iso, now
from .errors import Forbidden, Invalid, NotFound, RegistryError, Unauthorized

CODE_ALPHABET = bandnumber.ALPHABET


def new_code(db: Database, *, valid_hours: float, who: str, agency: str = Agency.OTHER.value,
             facility: str | None = None, oversight: bool = False) -> dict[str, Any]:
    """A one-time code; the station enrolled with it belongs to ``agency`` and ``facility`` and, with
    ``oversight``, may read the whole reunification board (docs/reunification.md)."""
    if not 0 < valid_hours <= 24 * 14:
        raise Invalid("an enrolment code is valid for more than 0 and at most 336 hours (14 days)")
    place = _place(agency, facility)
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(16))
    code = "-".join(raw[i:i + 4] for i in range(0, 16, 4))
    created = now()
    expires = created + timedelta(hours=valid_hours)
    with db.writing() as conn:
        conn.execute(insert(t.enrollment_code).values(digest=digest(code), created_at=iso(created),
                                                      expires_at=iso(expires), oversight=oversight, **place))
        auditing.append(conn, user=who, action="enrollment-code.issue", target=digest(code)[:12],
                        detail={"expires_at": iso(expires), "oversight": oversight, **place})
    return {"code": code, "expires_at": iso(expires), "oversight": oversight, **place}


def _place(agency: Any, facility: Any) -> dict[str, Any]:
    """A station's agency and facility, checked: the agency one of Agency, the facility free text."""
    try:
        return {"agency": fields.choice(Agency)(agency),
                "facility": fields.text(facility, limit=MAX_FACILITY_LENGTH, required=False)}
    except fields.FieldError as error:
        what = "agency" if agency not in {a.value for a in Agency} else "facility"
        raise Invalid(f"the {what} {error}") from None


def set_station(db: Database, station: str, *, who: str, agency: str | None = None, facility: str | None = None,
                oversight: bool | None = None) -> dict[str, Any]:
    """Set what an enrolled station is (for stations enrolled before agencies, or that moved); the
    station learns it at its next sync. Audited with the values before and after."""
    if agency is None and facility is None and oversight is None:
        raise Invalid("say what to set: --agency, --facility, --oversight or --no-oversight")
    with db.writing() as conn:
        row = conn.execute(select(t.station).where(t.station.c.code == station)).mappings().first()
        if row is None:
            raise NotFound(f"no station {station!r} is enrolled here")
        place = _place(agency if agency is not None else row["agency"],
                       facility if facility is not None else row["facility"])
        after = {**place, "oversight": bool(row["oversight"]) if oversight is None else oversight}
        before = {"agency": row["agency"], "facility": row["facility"], "oversight": bool(row["oversight"])}
        conn.execute(update(t.station).where(t.station.c.code == station).values(**after))
        auditing.append(conn, user=who, action="station.set", target=station,
                        detail={"before": before, "after": after})
    return {"station": station, **after}


def enroll(db: Database, payload: Mapping[str, Any], *, client: str, limit: limits.Limit) -> str:
    """Enrol a station with a one-time code (attempts per address limited); returns the station's code.
    Failed attempts are counted per address and hour; the first of each hour is audited with what
    failed (not every one: a flood would fill the audit log)."""
    limits.count(db, "enroll", client, limit)
    try:
        return _enroll(db, payload)
    except RegistryError as exc:
        failed = limits.count(db, "enroll-failed", client, limits.Limit(1, 3600), refuse_over=False)
        if failed == 1:
            station = payload.get("station") if isinstance(payload.get("station"), str) else ""
            auditing.append_alone(db, user=_printable(station) or "unknown", action="enroll",
                                  target=_printable(station), outcome=Outcome.DENIED,
                                  detail={"status": exc.status, "note": "the first failed enrolment from this "
                                          "address this hour; the others are counted, not recorded"})
        raise


def _enroll(db: Database, payload: Mapping[str, Any]) -> str:
    code, station, name = (payload.get(k) for k in ("code", "station", "name"))
    if not all(isinstance(v, str) and v for v in (code, station, name)):
        raise Invalid("enrolment needs 'code', 'station', 'name', 'public_key' and 'proof'")
    assert isinstance(code, str) and isinstance(station, str) and isinstance(name, str)
    try:
        name = fields.station_name(name)
    except fields.FieldError as error:
        raise Invalid(f"the station's name {error}") from None
    try:
        key = protocol.unb64(payload.get("public_key"), "the public key")
        proof = protocol.unb64(payload.get("proof"), "the proof")
    except protocol.ProtocolError as exc:
        raise Invalid(str(exc)) from None
    if len(key) != 32 or bandnumber.station_code_from_key(key) != station:
        raise Invalid(f"the public key does not belong to station {station!r}")
    if not verify(key, proof, protocol.enrol_message(code, station)):
        raise Unauthorized("the enrolment request is not signed by the station's key")
    with db.writing() as conn:
        row = conn.execute(select(t.enrollment_code).where(t.enrollment_code.c.digest == digest(code))
                           .with_for_update()).mappings().first()
        if row is None:
            raise Forbidden("that enrolment code is not one this registry issued (check it for typing mistakes)")
        known = conn.execute(select(t.station).where(t.station.c.code == station)).mappings().first()
        if row["used_at"] is not None and not (row["used_by"] == station and known is not None
                                               and bytes(known["public_key"]) == key):
            raise Forbidden("that enrolment code was used already; ask the registry operator for a new one")
        if row["used_at"] is None:
            if row["expires_at"] <= iso(now()):
                raise Forbidden("that enrolment code has expired; ask the registry operator for a new one")
            if known is not None and known["revoked_at"] is not None:
                raise Forbidden(f"station {station} was revoked and cannot enrol again with the same key")
            if known is not None and bytes(known["public_key"]) != key:
                raise Forbidden(f"another station with a different key is enrolled under the code {station} "
                                "(codes are short and can collide); set this station up anew (kinlink init in "
                                "a new data directory) before it issues bands, then enrol that one")
            conn.execute(update(t.enrollment_code).where(t.enrollment_code.c.digest == digest(code))
                         .values(used_at=iso(now()), used_by=station))
            if known is None:
                conn.execute(insert(t.station).values(code=station, name=name, public_key=key,
                                                      enrolled_at=iso(now()), agency=row["agency"],
                                                      facility=row["facility"], oversight=row["oversight"]))
            auditing.append(conn, user=station, action="enroll", target=station,
                            detail={"code": digest(code)[:12]})
    return station


def revoke(db: Database, station: str, reason: str, *, who: str) -> dict[str, Any]:
    if not reason.strip():
        raise Invalid("say why the station is revoked (--reason)")
    with db.writing() as conn:
        found = conn.execute(update(t.station).where(t.station.c.code == station, t.station.c.revoked_at.is_(None))
                             .values(revoked_at=iso(now()), revoked_reason=reason.strip())).rowcount
        if not found:
            exists = conn.execute(select(t.station.c.code).where(t.station.c.code == station)).first()
            raise (Invalid(f"station {station} is revoked already") if exists
                   else NotFound(f"no station {station!r} is enrolled here"))
        auditing.append(conn, user=who, action="station.revoke", target=station)
    return {"station": station, "revoked": True}


def stations(db: Database) -> list[dict[str, Any]]:
    with db.reading() as conn:
        rows = conn.execute(select(t.station).order_by(t.station.c.code)).mappings().all()
        diverged = {d["station"]: {"seq": int(d["seq"]), "found_at": d["found_at"], "reason": d["reason"]}
                    for d in conn.execute(select(t.audit_divergence)).mappings()}
    return [{"station": r["code"], "name": r["name"], "public_key": protocol.b64(bytes(r["public_key"])),
             "enrolled_at": r["enrolled_at"], "revoked_at": r["revoked_at"],
             "revoked_reason": r["revoked_reason"], "audit_diverged": diverged.get(r["code"]),
             "agency": r["agency"], "facility": r["facility"], "oversight": bool(r["oversight"])} for r in rows]


def station_keys(db: Database) -> dict[str, bytes]:
    with db.reading() as conn:
        return {code: bytes(key) for code, key in conn.execute(select(t.station.c.code, t.station.c.public_key))}


class Keys:
    """Every enrolled station's public key, read again only when a station it lacks pushes (a code's
    key never changes: the code is made from the key; a revocation is checked at each request)."""

    def __init__(self) -> None:
        self._keys: dict[str, bytes] = {}
        self._lock = threading.Lock()

    def of(self, db: Database, station: str) -> dict[str, bytes]:
        with self._lock:
            if station not in self._keys:
                self._keys = station_keys(db)
            return self._keys


def failed_enrolments(db: Database) -> int:
    """Failed enrolments counted in the last hour or so (all addresses)."""
    with db.reading() as conn:
        return int(conn.execute(select(func.coalesce(func.sum(t.rate_counter.c.count), 0)).where(
            t.rate_counter.c.key.like("enroll-failed:%"))).scalar_one())


def _printable(value: Any) -> str:
    """At most 16 characters of what a station sent as its code, without anything unprintable."""
    return "".join(ch for ch in str(value)[:16] if ch.isprintable()) if isinstance(value, str) else ""


def digest(code: str) -> str:
    return hashlib.sha256(protocol.normalise_code(code).encode()).hexdigest()
