"""The registry's use cases, below HTTP: enrolment, authentication, push, pull, reading a family.

The HTTP API (``sync.registry.api``) and the command line (``kinlink registry ...``) both call
these. Every write happens in one transaction; a push chunk is stored whole or not at all, and a
change already held is acknowledged again with the sequence it got the first time.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import threading
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import (
    ARRAY,
    Connection,
    Engine,
    LargeBinary,
    Text,
    any_,
    bindparam,
    create_engine,
    delete,
    event,
    func,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.dialects import sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, NoSuchModuleError, OperationalError

from app.domain import bandnumber, views
from app.domain.changes import Change
from app.domain.merge import Replica
from app.security.audit import Outcome
from app.security.identity import verify
from sync import protocol

from . import auditing
from . import tables as t

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
CODE_ALPHABET = bandnumber.ALPHABET
PUSH_LOCK = 7_340_157  # PostgreSQL advisory lock: pushes commit in sequence order
REFS = ("person_id", "from_person", "to_person", "link_id")  # fields that name the record a record belongs with
SETUP_LOCK = 7_340_158  # ... and migrations run once when several processes start together


class RegistryError(Exception):
    """A refusal with its HTTP status; the message says what is wrong in plain words."""

    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class Unauthorized(RegistryError):
    status = 401


class Forbidden(RegistryError):
    status = 403


class NotFound(RegistryError):
    status = 404


class Invalid(RegistryError):
    status = 422


class Conflict(RegistryError):
    status = 409


class DatabaseUnusable(Exception):
    """The database URL is malformed, or the database cannot be reached."""


def now() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    return moment.isoformat(timespec="milliseconds")


def database_url(data_dir: Path, url: str | None) -> str:
    """The given URL, or the embedded default: a SQLite file in the registry's data directory."""
    if url:
        return url.replace("postgresql://", "postgresql+psycopg://", 1) if url.startswith("postgresql://") else url
    data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    return f"sqlite:///{data_dir / 'registry.db'}"


def open_registry(url: str, *, name: str = "Kinlink registry") -> Registry:
    """Connect, bring the schema to the newest migration, and make the registry's key on first use."""
    try:
        engine = _engine(url)
        with engine.begin() as conn:
            if conn.dialect.name == "postgresql":  # several processes may start at once on a new database
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": SETUP_LOCK})
            upgrade(conn)
            _ensure_identity(conn, name)
    except (ArgumentError, NoSuchModuleError, ImportError) as exc:
        raise DatabaseUnusable(f"the database URL {redacted(url)} is not one the registry can use (SQLite or "
                               f"postgresql://...): {str(exc).splitlines()[0]}") from None
    except OperationalError as exc:
        raise DatabaseUnusable(f"the database cannot be reached: {str(exc.orig).strip().splitlines()[0]}") from None
    return Registry(engine)


def redacted(url: str) -> str:
    """A database URL fit for a message or a log: without its password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(not a URL)"


def _ensure_identity(conn: Connection, name: str) -> None:
    """The registry's key pair, made on first use."""
    if conn.execute(select(t.identity.c.id)).first() is None:
        key = Ed25519PrivateKey.generate()
        conn.execute(insert(t.identity).values(id=1, name=name, private_key=key.private_bytes_raw(),
                                               public_key=key.public_key().public_bytes_raw(),
                                               recovery_public_key=None, created_at=iso(now())))


def _engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.close()
            dbapi_conn.isolation_level = None  # transactions begin below, not when the driver guesses

        @event.listens_for(engine, "begin")
        def _begin(conn: Connection) -> None:
            # Take the write lock at the start: a transaction that reads the audit chain's last record
            # and then appends cannot interleave with another process's append (the SQLite file is a
            # demo database; PostgreSQL serialises the same steps with an advisory lock).
            conn.exec_driver_sql("BEGIN IMMEDIATE")

        return engine
    # As many connections as uvicorn's thread pool runs requests (40), so that none waits for one.
    return create_engine(url, pool_size=10, max_overflow=30, pool_pre_ping=True)


def upgrade(conn: Connection) -> None:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = conn
    command.upgrade(config, "head")


@dataclass(frozen=True)
class Identity:
    name: str
    private_key: bytes
    public_key: bytes
    recovery_public_key: str | None

    def sign(self, message: bytes) -> bytes:
        return Ed25519PrivateKey.from_private_bytes(self.private_key).sign(message)


class Registry:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sqlite_lock = threading.Lock()
        self._signer: Ed25519PrivateKey | None = None

    def close(self) -> None:
        self.engine.dispose()

    # --- identity and stations -------------------------------------------------------------

    @property
    def identity(self) -> Identity:
        """Read afresh each time: an operator's change (a new recovery key) reaches running processes."""
        with self.engine.connect() as conn:
            row = conn.execute(select(t.identity)).mappings().one()
        return Identity(row["name"], bytes(row["private_key"]), bytes(row["public_key"]), row["recovery_public_key"])

    def set_recovery_key(self, public_text: str, *, who: str | None = None) -> None:
        with self.engine.begin() as conn:
            conn.execute(update(t.identity).values(recovery_public_key=public_text))
            auditing.append(conn, user=who or auditing.operator(), action="recovery-key.set")

    def new_enrollment_code(self, *, valid_hours: float = 24, who: str | None = None) -> dict[str, str]:
        if not 0 < valid_hours <= 24 * 14:
            raise Invalid("an enrolment code is valid for more than 0 and at most 336 hours (14 days)")
        raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(16))
        code = "-".join(raw[i:i + 4] for i in range(0, 16, 4))
        created = now()
        expires = created + timedelta(hours=valid_hours)
        with self.engine.begin() as conn:
            conn.execute(insert(t.enrollment_code).values(digest=_digest(code), created_at=iso(created),
                                                          expires_at=iso(expires)))
            auditing.append(conn, user=who or auditing.operator(), action="enrollment-code.issue",
                            target=_digest(code)[:12], detail={"expires_at": iso(expires)})
        return {"code": code, "expires_at": iso(expires)}

    def enroll(self, payload: Mapping[str, Any]) -> dict[str, Any]:
        """Enrol a station with a one-time code; every attempt that names a station is audited."""
        try:
            answer = self._enroll(payload)
        except RegistryError as exc:
            station = payload.get("station") if isinstance(payload.get("station"), str) else ""
            self._audit(str(station)[:16] or "unknown", "enroll", target=str(station)[:16], outcome=Outcome.DENIED,
                        detail={"status": exc.status})
            raise
        return answer

    def _enroll(self, payload: Mapping[str, Any]) -> dict[str, Any]:
        code, station, name = (payload.get(k) for k in ("code", "station", "name"))
        if not all(isinstance(v, str) and v for v in (code, station, name)):
            raise Invalid("enrolment needs 'code', 'station', 'name', 'public_key' and 'proof'")
        assert isinstance(code, str) and isinstance(station, str) and isinstance(name, str)
        try:
            key = protocol.unb64(payload.get("public_key"), "the public key")
            proof = protocol.unb64(payload.get("proof"), "the proof")
        except protocol.ProtocolError as exc:
            raise Invalid(str(exc)) from None
        if len(key) != 32 or bandnumber.station_code_from_key(key) != station:
            raise Invalid(f"the public key does not belong to station {station!r}")
        if not verify(key, proof, protocol.enrol_message(code, station)):
            raise Unauthorized("the enrolment request is not signed by the station's key")
        with self.engine.begin() as conn:
            row = conn.execute(select(t.enrollment_code).where(t.enrollment_code.c.digest == _digest(code))
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
                conn.execute(update(t.enrollment_code).where(t.enrollment_code.c.digest == _digest(code))
                             .values(used_at=iso(now()), used_by=station))
                if known is None:
                    conn.execute(insert(t.station).values(code=station, name=name[:200], public_key=key,
                                                          enrolled_at=iso(now())))
                auditing.append(conn, user=station, action="enroll", target=station,
                                detail={"code": _digest(code)[:12]})
        return {"station": station, "registry": self.public(), "stations": self.stations()}

    def public(self) -> dict[str, Any]:
        identity = self.identity
        return {"name": identity.name, "public_key": protocol.b64(identity.public_key),
                "recovery_public_key": identity.recovery_public_key}

    def revoke(self, station: str, reason: str, *, who: str | None = None) -> dict[str, Any]:
        if not reason.strip():
            raise Invalid("say why the station is revoked (--reason)")
        with self.engine.begin() as conn:
            found = conn.execute(update(t.station).where(t.station.c.code == station, t.station.c.revoked_at.is_(None))
                                 .values(revoked_at=iso(now()), revoked_reason=reason.strip())).rowcount
            if not found:
                exists = conn.execute(select(t.station.c.code).where(t.station.c.code == station)).first()
                raise (Invalid(f"station {station} is revoked already") if exists
                       else NotFound(f"no station {station!r} is enrolled here"))
            auditing.append(conn, user=who or auditing.operator(), action="station.revoke", target=station)
        return {"station": station, "revoked": True}

    def stations(self) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(t.station).order_by(t.station.c.code)).mappings().all()
            diverged = {d["station"]: {"seq": int(d["seq"]), "found_at": d["found_at"], "reason": d["reason"]}
                        for d in conn.execute(select(t.audit_divergence)).mappings()}
        return [{"station": r["code"], "name": r["name"], "public_key": protocol.b64(bytes(r["public_key"])),
                 "enrolled_at": r["enrolled_at"], "revoked_at": r["revoked_at"],
                 "revoked_reason": r["revoked_reason"], "audit_diverged": diverged.get(r["code"])} for r in rows]

    # --- authentication --------------------------------------------------------------------

    def issue_nonce(self) -> dict[str, Any]:
        value = secrets.token_hex(16)
        moment = now()
        with self.engine.begin() as conn:
            conn.execute(delete(t.nonce).where(t.nonce.c.expires_at < iso(moment)))
            conn.execute(insert(t.nonce).values(value=value,
                                                expires_at=iso(moment + timedelta(seconds=protocol.NONCE_SECONDS))))
        return {"nonce": value, "expires_in": protocol.NONCE_SECONDS}

    def authenticate(self, method: str, path: str, headers: Mapping[str, str], body: bytes) -> str:
        """The station that signed this request; refuses an unsigned, altered, replayed, unknown or
        revoked one. The nonce is used up here, so the same request is never accepted twice."""
        station, nonce_value, signature = (headers.get(h) for h in (protocol.STATION_HEADER, protocol.NONCE_HEADER,
                                                                    protocol.SIGNATURE_HEADER))
        if not station or not nonce_value or not signature:
            raise Unauthorized("the request is not signed (it needs the X-Kinlink-Station, -Nonce and -Signature "
                               "headers)")
        with self.engine.begin() as conn:
            row = conn.execute(select(t.station).where(t.station.c.code == station)).mappings().first()
            if row is None:
                raise Unauthorized(f"station {station!r} is not enrolled with this registry")
            try:
                raw = protocol.unb64(signature, "the signature")
            except protocol.ProtocolError:
                raw = b""
            if not verify(bytes(row["public_key"]), raw,
                          protocol.request_message(method, path, nonce_value, station, body)):
                raise Unauthorized(f"the request's signature does not match (altered, or not signed by {station})")
            if row["revoked_at"] is None:
                used = conn.execute(delete(t.nonce).where(t.nonce.c.value == nonce_value,
                                                          t.nonce.c.expires_at > iso(now()))).rowcount
                if used != 1:
                    raise Unauthorized("the request's nonce was used before or has expired (a replayed request?)")
                return station
        # a revoked station's device (its key signed this) is still trying
        self._audit(station, "request", target=f"{method} {path}", outcome=Outcome.DENIED,
                    detail={"status": Forbidden.status})
        raise Forbidden(f"station {station} was revoked on {row['revoked_at'][:10]}: {row['revoked_reason']}")

    def sign_answer(self, nonce_value: str, body: bytes) -> str:
        if self._signer is None:  # the key pair never changes: read once
            self._signer = Ed25519PrivateKey.from_private_bytes(self.identity.private_key)
        return protocol.b64(self._signer.sign(protocol.answer_message(nonce_value, body)))

    # --- push ------------------------------------------------------------------------------

    def push(self, station: str, items: Sequence[Any]) -> dict[str, Any]:
        """Store a chunk of the station's change records, all or none; acknowledge each with its sequence."""
        if not isinstance(items, Sequence) or isinstance(items, (str, bytes)):
            raise Invalid("'changes' must be a list of change records")
        if len(items) > protocol.CHUNK_CHANGES * 5:
            raise Invalid(f"a push carries at most {protocol.CHUNK_CHANGES * 5} change records")
        keys = self._station_keys()
        try:  # the signature checks release the GIL: the chunk is checked on every core
            checked = list(_checkers().map(lambda part: [protocol.decode_change(item, keys) for item in part],
                                           [items[i:i + _CHECK_SLICE] for i in range(0, len(items), _CHECK_SLICE)]))
        except protocol.ProtocolError as exc:
            raise Invalid(str(exc)) from None
        decoded: list[tuple[Change, str, bytes]] = []
        for change, body in (pair for part in checked for pair in part):
            if change.station != station:
                raise Invalid(f"change {change.id} was written by station {change.station}; a station pushes only "
                              "its own")
            decoded.append((change, body, change.signature))
        for attempt in range(3):
            try:
                with self._write_lock(), self.engine.begin() as conn:
                    self._lock_pushes(conn)
                    acknowledged, new = self._store(conn, station, decoded)
                    auditing.append(conn, user=station, action="push", detail={"records": len(acknowledged),
                                                                               "new": new})
                    return {"acknowledged": acknowledged}
            except IntegrityError:  # another request stored some of them meanwhile: acknowledge those
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def _station_keys(self) -> dict[str, bytes]:
        with self.engine.connect() as conn:
            return {code: bytes(key) for code, key in conn.execute(select(t.station.c.code, t.station.c.public_key))}

    def _write_lock(self) -> threading.Lock | _NoLock:
        return self._sqlite_lock if self.engine.dialect.name == "sqlite" else _NoLock()

    def _lock_pushes(self, conn: Connection) -> None:
        if conn.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PUSH_LOCK})

    def _store(self, conn: Connection, station: str,
               decoded: list[tuple[Change, str, bytes]]) -> tuple[list[dict[str, Any]], int]:
        """Store the records not held yet; each record's acknowledgement, and how many were new."""
        ids = [c.id for c, _, _ in decoded]
        held = dict(conn.execute(select(t.change.c.id, t.change.c.seq).where(_among(conn, t.change.c.id, ids))).all())
        fresh = [(c, body, sig) for c, body, sig in decoded if c.id not in held]
        fresh = list({c.id: (c, body, sig) for c, body, sig in fresh}.values())  # the same record twice in a chunk
        if fresh:
            received = iso(now())
            held.update(_insert(conn, t.change, [
                {"id": c.id, "station": c.station, "entity": c.entity, "entity_id": c.entity_id, "hlc": c.hlc,
                 "body": body, "signature": sig, "received_at": received} for c, body, sig in fresh],
                returning=("id", "seq")))
            self._index(conn, station, [c for c, _, _ in fresh])
        return [{"id": i, "seq": int(held[i])} for i in dict.fromkeys(ids)], len(fresh)

    def _index(self, conn: Connection, station: str, changes: list[Change]) -> None:
        """Record which family unit each new record belongs to, band numbers, and that the pushing
        station holds those units. A record that names one not seen yet (chunks out of order) waits
        as an orphan and is indexed when that one arrives."""
        held: set[str] = set()
        while changes:
            mappings, bands, orphans = self._families_of(conn, changes)
            self._insert_ignore(conn, t.entity_family, [{"entity_id": e, "family_id": f} for e, f in sorted(mappings)])
            self._insert_ignore(conn, t.band_index, [{"number": n, "family_id": f} for n, f in sorted(bands.items())])
            self._insert_ignore(conn, t.orphan, [{"ref_id": r, "change_id": c} for r, c in sorted(orphans)])
            held |= {f for _, f in mappings}
            mapped = sorted({e for e, _ in mappings})
            waiting = sorted({r[0] for r in conn.execute(select(t.orphan.c.change_id)
                                                         .where(_among(conn, t.orphan.c.ref_id, mapped)))}) \
                if mapped else []
            if not waiting:
                break
            conn.execute(delete(t.orphan).where(t.orphan.c.change_id.in_(waiting)))
            changes = [Change.from_body(json.loads(body)) for (body,) in
                       conn.execute(select(t.change.c.body).where(t.change.c.id.in_(waiting)).order_by(t.change.c.seq))]
        self._insert_ignore(conn, t.subscription, [{"station": station, "family_id": f} for f in sorted(held)])

    def _families_of(self, conn: Connection, changes: list[Change]) -> tuple[set[tuple[str, str]], dict[str, str],
                                                                             set[tuple[str, str]]]:
        refs = {c.entity_id for c in changes}
        for c in changes:
            refs.update(v for name, (_, v) in c.fields.items() if name in REFS and isinstance(v, str))
        families: dict[str, set[str]] = {}
        for entity_id, family_id in conn.execute(select(t.entity_family.c.entity_id, t.entity_family.c.family_id)
                                                 .where(_among(conn, t.entity_family.c.entity_id, refs))):
            families.setdefault(entity_id, set()).add(family_id)
        mappings: set[tuple[str, str]] = set()
        bands: dict[str, str] = {}
        orphans: set[tuple[str, str]] = set()
        for c in changes:
            found = set(families.get(c.entity_id, ()))
            new = {name: v for name, (_, v) in c.fields.items()}
            if c.entity == "family" and c.created:
                found.add(c.entity_id)
            if c.entity == "family" and isinstance(new.get("encounter_id"), str):
                mappings.add((new["encounter_id"], c.entity_id))
            if c.entity == "person" and isinstance(new.get("family_id"), str):
                found.add(new["family_id"])
            named = [new[ref] for ref in REFS if isinstance(new.get(ref), str)]
            for ref in named:
                found |= families.get(ref, set())
            if not found:
                orphans.update((ref, c.id) for ref in named)
            for family_id in found:
                mappings.add((c.entity_id, family_id))
            families[c.entity_id] = found
            if c.entity == "band" and isinstance(new.get("number"), str) and found:
                bands[new["number"]] = min(found)
        return mappings, bands, orphans

    @staticmethod
    def _insert_ignore(conn: Connection, table: Any, rows: list[dict[str, Any]]) -> None:
        _insert(conn, table, rows, ignore=True)

    # --- pull ------------------------------------------------------------------------------

    def pull(self, station: str, cursor: Any, limit: Any = protocol.PULL_LIMIT) -> dict[str, Any]:
        """Others' change records for the family units this station holds, after its cursor."""
        if not isinstance(cursor, int) or isinstance(cursor, bool) or not 0 <= cursor < 2**63:
            raise Invalid("'cursor' must be a whole number from 0 to 2^63 - 1")
        if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= 5000:
            raise Invalid("'limit' must be a whole number from 1 to 5000")
        held = (select(t.entity_family.c.entity_id)
                .join(t.subscription, t.subscription.c.family_id == t.entity_family.c.family_id)
                .where(t.subscription.c.station == station))
        with self.engine.connect() as conn:
            high = int(conn.execute(select(func.coalesce(func.max(t.change.c.seq), 0))).scalar_one())
            wanted = (t.change.c.seq > cursor, t.change.c.seq <= high, t.change.c.station != station,
                      t.change.c.entity_id.in_(held))
            rows = conn.execute(select(t.change.c.seq, t.change.c.body, t.change.c.signature).where(*wanted)
                                .order_by(t.change.c.seq).limit(limit)).all()
            more = len(rows) == limit
            remaining = 0
            if more:
                remaining = int(conn.execute(select(func.count()).select_from(t.change)
                                             .where(*wanted, t.change.c.seq > rows[-1][0])).scalar_one())
        if rows:  # records of people went to this station
            self._audit(station, "pull", detail={"records": len(rows), "from": cursor, "to": int(rows[-1][0])})
        return {"changes": [protocol.encode_change(body, bytes(sig), int(seq)) for seq, body, sig in rows],
                "cursor": int(rows[-1][0]) if more else max(cursor, high), "more": more, "remaining": remaining}

    def follow(self, station: str, bands: Any) -> dict[str, Any]:
        """Start holding the family units of these band numbers; their whole history comes back."""
        if not isinstance(bands, list) or not all(isinstance(b, str) for b in bands) or not 1 <= len(bands) <= 100:
            raise Invalid("'bands' must be a list of 1 to 100 band numbers")
        found: dict[str, str] = {}
        with self._write_lock(), self.engine.begin() as conn:
            for band in bands:
                family_id = conn.execute(select(t.band_index.c.family_id)
                                         .where(t.band_index.c.number == bandnumber.normalize(band))).scalar()
                if family_id:
                    found[band] = family_id
            self._insert_ignore(conn, t.subscription, [{"station": station, "family_id": f}
                                                       for f in sorted(set(found.values()))])
            rows = self._family_changes(conn, set(found.values()))
            auditing.append(conn, user=station, action="follow", target=",".join(sorted(set(found.values())))[:2000],
                            detail={"bands": len(bands), "found": len(found), "records": len(rows)})
        return {"families": found, "unknown": [b for b in bands if b not in found],
                "changes": [protocol.encode_change(body, bytes(sig), int(seq)) for seq, body, sig in rows]}

    def _family_changes(self, conn: Connection, family_ids: Iterable[str]) -> list[Any]:
        ids = sorted(family_ids)
        if not ids:
            return []
        entities = select(t.entity_family.c.entity_id).where(t.entity_family.c.family_id.in_(ids))
        return list(conn.execute(select(t.change.c.seq, t.change.c.body, t.change.c.signature)
                                 .where(t.change.c.entity_id.in_(entities)).order_by(t.change.c.seq)).all())

    # --- reading ---------------------------------------------------------------------------

    def family(self, band: str, *, who: str | None = None) -> dict[str, Any]:
        """A family unit as the registry holds it (the same document as ``kinlink family show``); the
        read is audited, and so is a search for a band the registry does not hold."""
        number = bandnumber.normalize(band)
        with self._write_lock(), self.engine.begin() as conn:
            family_id = conn.execute(select(t.band_index.c.family_id).where(t.band_index.c.number == number)).scalar()
            auditing.append(conn, user=who or auditing.operator(), action="family.show", target=family_id or "",
                            outcome=Outcome.OK if family_id else Outcome.FAILED, detail={"band": number[:32]})
        if family_id is None:
            raise NotFound(f"the registry holds no band {band!r}")
        with self.engine.connect() as conn:
            rows = self._family_changes(conn, [family_id])
        changes = [Change.from_body(json.loads(body), bytes(sig)) for _, body, sig in rows]
        replica = Replica()
        replica.merge_all(changes)
        state = replica.state
        people = [p | {"id": i} for i, p in state["person"].items() if p["family_id"] == family_id]
        person_ids = {p["id"] for p in people}

        def of(entity: str, key: str, ids: set[str]) -> list[dict[str, Any]]:
            return [r | {"id": i} for i, r in state[entity].items() if r.get(key) in ids]

        links = [r | {"id": i} for i, r in state["link"].items()
                 if r["from_person"] in person_ids or r["to_person"] in person_ids]
        family = state["family"][family_id] | {"id": family_id}
        encounter = state["encounter"].get(family["encounter_id"])
        rows_ = views.FamilyRows(family, encounter | {"id": family["encounter_id"]} if encounter else None, people,
                                 of("band", "person_id", person_ids), of("custody", "person_id", person_ids), links,
                                 of("link_event", "link_id", {x["id"] for x in links}),
                                 of("photo", "person_id", person_ids))
        document = views.family_document(rows_, changes)
        document["conflicts"] = [{"entity": c.entity, "entity_id": c.entity_id, "field": c.field,
                                  "changes": list(c.change_ids)} for c in replica.conflicts()]
        return document

    # --- audit -----------------------------------------------------------------------------

    def audit_verify(self, *, who: str | None = None) -> dict[str, Any]:
        """Walk the registry's own chain (an audited access to the log)."""
        with self.engine.connect() as conn:
            report = auditing.verify(conn)
        self._audit(who or auditing.operator(), "audit.verify", outcome=Outcome.OK if report.intact else Outcome.FAILED,
                    detail={"records": report.records, "broken_at": report.broken_at})
        return report.as_dict()

    def audit_records(self, *, after: int = 0, limit: int = 100, who: str | None = None) -> list[dict[str, Any]]:
        """The registry's audit records after ``after`` (an audited access to the log)."""
        if not 1 <= limit <= 10_000 or after < 0:
            raise Invalid("--limit must be from 1 to 10000 and --after 0 or more")
        with self.engine.connect() as conn:
            found = [{k: (json.loads(v) if k == "detail" else v) for k, v in row.items()}
                     for row in auditing.rows(conn, after=after, limit=limit)]
        self._audit(who or auditing.operator(), "audit.read", detail={"after": after, "records": len(found)})
        return found

    def _audit(self, user: str, action: str, **record: Any) -> None:
        """One record in the registry's chain, in a write transaction of its own: for a read or a
        refusal, which has no transaction of its own to commit it with."""
        with self._write_lock(), self.engine.begin() as conn:
            auditing.append(conn, user=user, action=action, **record)

    def audit_held(self, station: str) -> dict[str, Any]:
        """Where the registry's copy of ``station``'s audit chain ends (the station sends what follows)."""
        with self.engine.connect() as conn:
            state = auditing.held(conn, station)
        if state["diverged"]:
            raise Conflict(_diverged_message(state["diverged"]["seq"], state["diverged"]["reason"]))
        return {"seq": state["seq"], "hash": state["hash"]}

    def receive_audit(self, station: str, records: Any) -> dict[str, Any]:
        """Take the next records of the station's audit chain, checked against the copy held (409 and
        remembered when the station's chain differs from what it sent before)."""
        if not isinstance(records, list) or len(records) > auditing.MAX_RECORDS:
            raise Invalid(f"'records' must be a list of at most {auditing.MAX_RECORDS} audit records")
        at = iso(now())
        try:
            with self._write_lock(), self.engine.begin() as conn:
                held = auditing.receive(conn, station, records, at)
        except ValueError as exc:
            raise Invalid(str(exc)) from None
        except IntegrityError:  # the same station sent the same records twice at once: the other one took them
            raise Invalid("these audit records were being stored by another request; sync again") from None
        except auditing.Diverged as found:
            with self._write_lock(), self.engine.begin() as conn:
                auditing.record_divergence(conn, station, found, at)
                auditing.append(conn, user=station, action="station.audit.diverged", target=station,
                                outcome=Outcome.FAILED, detail={"seq": found.seq})
            raise Conflict(_diverged_message(found.seq, found.reason)) from None
        return {"held": held}

    def forget_audit_divergence(self, station: str, *, who: str | None = None) -> dict[str, Any]:
        """The operator has looked into a station whose audit chain differed: take it afresh."""
        with self._write_lock(), self.engine.begin() as conn:
            if not auditing.forget_divergence(conn, station):
                raise NotFound(f"station {station!r} has no audit divergence on record")
            auditing.append(conn, user=who or auditing.operator(), action="station.audit.reset", target=station)
        return {"station": station, "audit_diverged": None}

    def health(self) -> dict[str, Any]:
        with self.engine.connect() as conn:
            seq = int(conn.execute(select(func.coalesce(func.max(t.change.c.seq), 0))).scalar_one())
            stations = int(conn.execute(select(func.count()).select_from(t.station)).scalar_one())
        return {"status": "ok", "database": self.engine.dialect.name, "changes": seq, "stations": stations}


class _NoLock:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def _among(conn: Connection, column: Any, values: Iterable[str]) -> Any:
    """``column IN values``: on PostgreSQL one array parameter (= ANY), not one parameter per value."""
    listed = sorted(set(values))
    if conn.dialect.name == "postgresql":
        return column == any_(bindparam(None, listed, type_=ARRAY(Text)))
    return column.in_(listed)


def _insert(conn: Connection, table: Any, rows: list[dict[str, Any]], *, ignore: bool = False,
            returning: tuple[str, ...] = ()) -> list[Any]:
    """Insert ``rows`` (all with the same keys), skipping those already there when ``ignore``. On
    PostgreSQL one statement whatever the count (``INSERT ... SELECT FROM unnest(arrays)``, a
    parameter per column): a statement per row cost most of a push."""
    if not rows:
        return []
    if conn.dialect.name != "postgresql":
        statement = sqlite.insert(table).on_conflict_do_nothing() if ignore else insert(table)
        if returning:
            return list(conn.execute(statement.returning(*(table.c[n] for n in returning)), rows).all())
        conn.execute(statement, rows)
        return []
    names = list(rows[0])
    quote = conn.dialect.identifier_preparer.quote
    arrays = ", ".join(f"%({n})b::{'bytea' if isinstance(table.c[n].type, LargeBinary) else 'text'}[]" for n in names)
    sql = (f"INSERT INTO {quote(table.name)} ({', '.join(map(quote, names))}) SELECT * FROM unnest({arrays})"
           + (" ON CONFLICT DO NOTHING" if ignore else "")
           + (f" RETURNING {', '.join(map(quote, returning))}" if returning else ""))
    # psycopg's binary format: text arrays in text format are escaped value by value in Python
    with conn.connection.dbapi_connection.cursor() as cursor:  # type: ignore[union-attr]
        cursor.execute(sql, {n: [row[n] for row in rows] for n in names})
        return list(cursor.fetchall()) if returning else []


_CHECK_SLICE = 50  # change records per signature-checking task
_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()


def _checkers() -> ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=os.cpu_count() or 2, thread_name_prefix="kinlink-check")
        return _pool


def _diverged_message(seq: int, reason: str) -> str:
    return (f"this station's audit log no longer matches the copy the registry holds ({reason}). "
            "Someone may have altered this station's records: tell your administrator. The registry's operator "
            "sees it too")


def _digest(code: str) -> str:
    return hashlib.sha256(protocol.normalise_code(code).encode()).hexdigest()
