"""The registry's use cases, below HTTP, as one object: the HTTP API (``sync.registry.api``) and the
command line (``kinlink registry ...``) both call these. Each is a function of the module that does
that job (enrolment, auth, push, pull, reading, auditing); this class only holds the database and
the registry's signing key between calls."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import func, select
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

from app.domain.reunification import Board
from sync import protocol

from . import auditing, auth, board, enrolment, holdings, identity, limits, policy, pull, push, reading
from . import tables as t
from .database import Database, database_url, iso, make_engine, now, redacted, upgrade
from .errors import Conflict, DatabaseUnusable, Forbidden, Invalid, NotFound, RegistryError, Unauthorized
from .identity import Identity

__all__ = ["Conflict", "DatabaseUnusable", "Forbidden", "Identity", "Invalid", "NotFound", "Registry",
           "RegistryError", "Unauthorized", "database_url", "iso", "now", "open_registry", "redacted"]


def open_registry(url: str, *, name: str = "Kinlink registry") -> Registry:
    """Connect, bring the schema to the newest migration, and make the registry's key on first use."""
    try:
        engine = make_engine(url)
        with engine.begin() as conn:
            upgrade(conn)
            identity.ensure(conn, name)
    except (ArgumentError, NoSuchModuleError, ImportError) as exc:
        raise DatabaseUnusable(f"the database URL {redacted(url)} is not one the registry can use (SQLite or "
                               f"postgresql://...): {str(exc).splitlines()[0]}") from None
    except OperationalError as exc:
        raise DatabaseUnusable(f"the database cannot be reached: {str(exc.orig).strip().splitlines()[0]}") from None
    return Registry(Database(engine))


class Registry:
    def __init__(self, db: Database) -> None:
        self.db = db
        key = identity.read(db).private_key  # the key pair never changes: read once
        self._signer = Ed25519PrivateKey.from_private_bytes(key)
        self.nonces = auth.Nonces(key)
        self.limits = limits.configured()
        self.keys = enrolment.Keys()
        self.documents = board.Documents()  # family units read for the reunification board, kept between reads

    @property
    def engine(self) -> Any:
        return self.db.engine

    def close(self) -> None:
        self.db.close()

    # --- identity and stations -------------------------------------------------------------

    @property
    def identity(self) -> Identity:
        return identity.read(self.db)

    def public(self) -> dict[str, Any]:
        me = self.identity
        return {"name": me.name, "public_key": protocol.b64(me.public_key),
                "recovery_public_key": me.recovery_public_key}

    def policy(self) -> dict[str, Any]:
        return policy.current(self.db)

    def policy_versions(self) -> list[dict[str, Any]]:
        return policy.versions(self.db)

    def set_policy(self, document: Any, *, who: str | None = None) -> dict[str, Any]:
        return policy.set_policy(self.db, document, signer=self.identity, who=who or auditing.operator())

    def set_recovery_key(self, public_text: str, *, who: str | None = None) -> None:
        identity.set_recovery_key(self.db, public_text, who=who or auditing.operator())

    def new_enrollment_code(self, *, valid_hours: float = 24, who: str | None = None, agency: str = "other",
                            facility: str | None = None, oversight: bool = False) -> dict[str, Any]:
        return enrolment.new_code(self.db, valid_hours=valid_hours, who=who or auditing.operator(), agency=agency,
                                  facility=facility, oversight=oversight)

    def enroll(self, payload: Mapping[str, Any], *, client: str = "local") -> dict[str, Any]:
        station = enrolment.enroll(self.db, payload, client=client, limit=self.limits["enroll"])
        return {"station": station, "registry": self.public(), "stations": self.stations()}

    def revoke(self, station: str, reason: str, *, who: str | None = None) -> dict[str, Any]:
        return enrolment.revoke(self.db, station, reason, who=who or auditing.operator())

    def stations(self) -> list[dict[str, Any]]:
        return enrolment.stations(self.db)

    def set_station(self, station: str, *, who: str | None = None, agency: str | None = None,
                    facility: str | None = None, oversight: bool | None = None) -> dict[str, Any]:
        return enrolment.set_station(self.db, station, who=who or auditing.operator(), agency=agency,
                                     facility=facility, oversight=oversight)

    # --- signed requests -------------------------------------------------------------------

    def issue_nonce(self, *, client: str = "local") -> dict[str, Any]:
        return auth.issue_nonce(self.db, self.nonces, client=client, limit=self.limits["nonce"])

    def authenticate(self, method: str, path: str, headers: Mapping[str, str], body: bytes,
                     client: str = "local") -> str:
        return auth.authenticate(self.db, self.nonces, method, path, headers, body, client=client,
                                 limit=self.limits["failed"])

    def sign_answer(self, nonce_value: str, body: bytes) -> tuple[str, str]:
        """The signature of an answer to the request signed over ``nonce_value``, and the nonce it hands
        out for the station's next request (covered by the signature)."""
        next_nonce = self.nonces.make()
        signature = self._signer.sign(protocol.answer_message(nonce_value, body, next_nonce))
        return protocol.b64(signature), next_nonce

    # --- records ---------------------------------------------------------------------------

    def push(self, station: str, items: Sequence[Any]) -> dict[str, Any]:
        return push.push(self.db, self.keys, station, items)

    def pull(self, station: str, cursor: Any, limit: Any = protocol.PULL_LIMIT, received: Any = ()) -> dict[str, Any]:
        return pull.pull(self.db, station, cursor, limit, received)

    def family(self, band: str, *, who: str | None = None, station: str | None = None) -> reading.RegistryFamily:
        """A unit by one of its bands: for an operator (``station`` None) any, for a station one it holds."""
        return reading.family(self.db, band, who=who or auditing.operator(), station=station)

    # --- the reunification board -----------------------------------------------------------

    def reunification(self, *, who: str | None = None, station: str | None = None, agency: str | None = None,
                      overdue: bool = False, as_of: datetime | None = None) -> Board:
        """The whole board: for an operator (``station`` None), or an oversight station."""
        return board.board(self.db, self.documents, who=who or auditing.operator(), station=station, agency=agency,
                           overdue=overdue, as_of=as_of)

    def reunification_row(self, band: str, *, who: str | None = None, station: str | None = None,
                          as_of: datetime | None = None) -> Board:
        """One child's row, by one of the child's bands (an oversight station, or an operator)."""
        return board.row(self.db, self.documents, band, who=who or auditing.operator(), station=station, as_of=as_of)

    def reunification_exported(self, fmt: str, children: int, *, who: str | None = None) -> None:
        board.exported(self.db, who=who or auditing.operator(), fmt=fmt, children=children)

    # --- need to know ----------------------------------------------------------------------

    def follow(self, station: str, payloads: Any) -> dict[str, Any]:
        return holdings.follow_payloads(self.db, station, payloads)

    def follow_number(self, station: str, band: Any, reason: Any) -> dict[str, Any]:
        return holdings.follow_number(self.db, station, band, reason)

    def holdings(self, station: str | None = None) -> list[dict[str, Any]]:
        return holdings.listing(self.db, station)

    def revoke_holding(self, station: str, family: str, reason: str, *, who: str | None = None) -> dict[str, Any]:
        return holdings.revoke(self.db, station, family, reason, who=who or auditing.operator())

    def number_follows(self) -> list[dict[str, Any]]:
        return holdings.follows(self.db)

    # --- audit -----------------------------------------------------------------------------

    def audit_verify(self, *, who: str | None = None) -> dict[str, Any]:
        return auditing.verify_use(self.db, who=who or auditing.operator())

    def audit_records(self, *, after: int = 0, limit: int = 100, who: str | None = None) -> list[dict[str, Any]]:
        return auditing.records(self.db, after=after, limit=limit, who=who or auditing.operator())

    def audit_held(self, station: str) -> dict[str, Any]:
        return auditing.held_use(self.db, station)

    def receive_audit(self, station: str, records: Any) -> dict[str, Any]:
        return auditing.receive_use(self.db, station, records)

    def forget_audit_divergence(self, station: str, *, who: str | None = None) -> dict[str, Any]:
        return auditing.forget_use(self.db, station, who=who or auditing.operator())

    def health(self) -> dict[str, Any]:
        """Up or down, and nothing an unsigned caller should learn (the database answers a query)."""
        with self.db.reading() as conn:
            conn.execute(select(1))
        return {"status": "ok"}

    def status(self) -> dict[str, Any]:
        """The database and the counts (for a signed request, or the operator)."""
        with self.db.reading() as conn:
            seq = int(conn.execute(select(func.coalesce(func.max(t.change.c.seq), 0))).scalar_one())
            stations = int(conn.execute(select(func.count()).select_from(t.station)).scalar_one())
            held = int(conn.execute(select(func.count()).select_from(t.holding)).scalar_one())
        return {"status": "ok", "database": self.db.dialect, "changes": seq, "stations": stations, "holdings": held,
                "failed_enrolments_this_hour": enrolment.failed_enrolments(self.db), "protocol": protocol.VERSION}
