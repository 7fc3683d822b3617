"""The registry's audit: its own hash chain (every enrolment, revocation, code issued, push, pull,
follow and family read, and each access to the log), and the copy of each station's chain that the
station sends at sync, checked link by link so that a station whose log was rewritten afterwards
(by someone holding its data key: the chain alone cannot show a consistent rewrite) is seen here.

Functions take the caller's connection: an action and its audit record commit together.
"""

from __future__ import annotations

import getpass
import json
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, delete, insert, select, text
from sqlalchemy.exc import IntegrityError

from app.domain import names
from app.security import audit

from . import tables as t
from .database import Database, iso, now
from .errors import Conflict, Invalid, NotFound

WHERE = "registry"
AUDIT_LOCK = 7_340_159  # PostgreSQL advisory lock: one append at a time, so the chain stays a chain
MAX_RECORDS = 2000  # station audit records per request
MAX_FIELD, MAX_DETAIL = 500, 20_000  # characters of a station audit record's fields (detail: JSON of ids)
CHAIN_FIELDS = ("seq", "at", "station", "user", "action", "target", "outcome", "detail", "prev_hash", "hash")


class Diverged(Exception):
    """The station's audit chain no longer matches the copy the registry holds."""

    def __init__(self, seq: int, reason: str) -> None:
        super().__init__(reason)
        self.seq, self.reason = seq, reason


def operator() -> str:
    """Who runs a registry command on the registry's machine."""
    try:
        return f"operator:{getpass.getuser()}"
    except (KeyError, OSError):
        return "operator"


def append(conn: Connection, *, user: str, action: str, target: str = "", outcome: str = audit.Outcome.OK,
           detail: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Append one record to the registry's chain (ids and counts in ``detail``, never names)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": AUDIT_LOCK})
    last = conn.execute(select(t.audit.c.seq, t.audit.c.hash).order_by(t.audit.c.seq.desc()).limit(1)).first()
    row = audit.next_record((int(last[0]), str(last[1])) if last else None, station=WHERE, user=user,
                            action=action, target=target, outcome=outcome, detail=detail)
    conn.execute(insert(t.audit).values(**row))
    return row


def rows(conn: Connection, *, after: int = 0, limit: int | None = None) -> Iterator[dict[str, Any]]:
    query = select(t.audit).where(t.audit.c.seq > after).order_by(t.audit.c.seq)
    for row in conn.execute(query.limit(limit) if limit else query).mappings():
        yield dict(row)


def verify(conn: Connection) -> audit.ChainReport:
    return audit.verify_chain(rows(conn))


# --- the stations' chains --------------------------------------------------------------------

def held(conn: Connection, station: str) -> dict[str, Any]:
    """The last record of ``station``'s chain the registry holds (seq 0 when none), and whether the
    station's chain was found to differ from it."""
    last = conn.execute(select(t.station_audit.c.seq, t.station_audit.c.hash)
                        .where(t.station_audit.c.station == station)
                        .order_by(t.station_audit.c.seq.desc()).limit(1)).first()
    diverged = conn.execute(select(t.audit_divergence).where(t.audit_divergence.c.station == station)) \
        .mappings().first()
    return {"seq": int(last[0]) if last else 0, "hash": last[1] if last else audit.GENESIS,
            "diverged": dict(diverged) if diverged else None}


def receive(conn: Connection, station: str, records: Sequence[Any], received_at: str) -> int:
    """Take the next records of ``station``'s audit chain; returns the last seq now held. A record the
    registry holds already must be the same record; a new one must follow the last one held and
    hash to what it says. Raises ``ValueError`` for a malformed record and ``Diverged`` when the
    station's chain is not the one it sent before."""
    state = held(conn, station)
    if state["diverged"]:
        raise Diverged(int(state["diverged"]["seq"]), state["diverged"]["reason"])
    last_seq, last_hash = int(state["seq"]), str(state["hash"])
    rows = [_checked_form(record, station) for record in records]
    if not rows:
        raise ValueError("send the audit records from the last one the registry holds (at least that one)")
    if rows[-1]["seq"] < last_seq:
        raise Diverged(rows[-1]["seq"] + 1, f"the station's audit log ends at record {rows[-1]['seq']}, but the "
                       f"registry holds records up to {last_seq}: records were removed, or the station was "
                       "restored from an older backup")
    fresh: list[dict[str, Any]] = []
    for row in rows:
        seq = row["seq"]
        if seq <= last_seq:
            kept = conn.execute(select(t.station_audit.c.hash).where(t.station_audit.c.station == station,
                                                                     t.station_audit.c.seq == seq)).scalar()
            if kept is not None and (kept != row["hash"] or audit.record_hash(row["prev_hash"], row) != kept):
                raise Diverged(seq, f"record {seq} is not the one the station sent before: the log was changed "
                                    f"after it was sent, at record {seq} or before it, or the station was restored "
                                    "from an older backup")
            continue
        if seq != last_seq + 1:
            raise ValueError(f"audit record {seq} does not follow record {last_seq} (records are sent in order)")
        if row["prev_hash"] != last_hash:
            raise Diverged(seq, f"record {seq} does not follow record {last_seq} as the station sent it before: "
                                "earlier records were changed, removed or reordered")
        if audit.record_hash(row["prev_hash"], row) != row["hash"]:
            raise Diverged(seq, f"record {seq} was changed after it was written (its hash does not match)")
        fresh.append(row | {"received_at": received_at})
        last_seq, last_hash = seq, row["hash"]
    if fresh:
        conn.execute(insert(t.station_audit), [{k: v for k, v in r.items() if k != "station"} | {"station": station}
                                               for r in fresh])
    return last_seq


def forget_divergence(conn: Connection, station: str) -> bool:
    """After the operator has looked into it: the station's chain is taken afresh from its next sync."""
    found = conn.execute(delete(t.audit_divergence).where(t.audit_divergence.c.station == station)).rowcount
    conn.execute(delete(t.station_audit).where(t.station_audit.c.station == station))
    return bool(found)


def record_divergence(conn: Connection, station: str, found: Diverged, at: str) -> None:
    """Remember that ``station``'s chain differs (the first time it is found): the station is told at
    each sync from now on, and the operator sees it in ``registry stations``."""
    if conn.execute(select(t.audit_divergence.c.station).where(t.audit_divergence.c.station == station)).first():
        return
    conn.execute(insert(t.audit_divergence).values(station=station, seq=found.seq, found_at=at, reason=found.reason))


def _checked_form(record: Any, station: str) -> dict[str, Any]:
    if not isinstance(record, Mapping) or set(record) != set(CHAIN_FIELDS):
        raise ValueError(f"an audit record must be an object with exactly {', '.join(CHAIN_FIELDS)}")
    seq = record["seq"]
    if not isinstance(seq, int) or isinstance(seq, bool) or not 1 <= seq < 2**63:
        raise ValueError("an audit record's 'seq' must be a whole number from 1")
    for name in CHAIN_FIELDS[1:]:
        value = record[name]
        limit = MAX_DETAIL if name == "detail" else MAX_FIELD
        if not isinstance(value, str) or len(value) > limit or names.has_hidden_characters(value):
            raise ValueError(f"audit record {seq}: {name!r} must be printable text of at most {limit:,} characters")
    if record["station"] != station:
        raise ValueError(f"audit record {seq} was written at station {record['station']}; a station sends only "
                         "its own")
    return dict(record)


def append_alone(db: Database, *, user: str, action: str, **record: Any) -> None:
    """One record in a write transaction of its own: for a read or a refusal, which has no
    transaction of its own to commit it with."""
    with db.writing() as conn:
        append(conn, user=user, action=action, **record)


# --- the use cases (the API and the command line call these) -----------------------------------

def verify_use(db: Database, *, who: str) -> dict[str, Any]:
    """Walk the registry's own chain (an audited access to the log)."""
    with db.reading() as conn:
        report = verify(conn)
    append_alone(db, user=who, action="audit.verify", outcome=audit.Outcome.OK if report.intact
                 else audit.Outcome.FAILED, detail={"records": report.records, "broken_at": report.broken_at})
    return report.as_dict()


def records(db: Database, *, after: int, limit: int, who: str) -> list[dict[str, Any]]:
    """The registry's audit records after ``after`` (an audited access to the log)."""
    if not 1 <= limit <= 10_000 or not 0 <= after < 2**63:  # past SQLite's integers: an overflow, not an answer
        raise Invalid("--limit must be from 1 to 10000 and --after a sequence number, 0 or more")
    with db.reading() as conn:
        found = [{k: (json.loads(v) if k == "detail" else v) for k, v in row.items()}
                 for row in rows(conn, after=after, limit=limit)]
    append_alone(db, user=who, action="audit.read", detail={"after": after, "records": len(found)})
    return found


def held_use(db: Database, station: str) -> dict[str, Any]:
    """Where the registry's copy of ``station``'s audit chain ends (the station sends what follows)."""
    with db.reading() as conn:
        state = held(conn, station)
    if state["diverged"]:
        raise Conflict(diverged_message(state["diverged"]["reason"]))
    return {"seq": state["seq"], "hash": state["hash"]}


def receive_use(db: Database, station: str, sent: Any) -> dict[str, Any]:
    """Take the next records of the station's audit chain, checked against the copy held (409 and
    remembered when the station's chain differs from what it sent before)."""
    if not isinstance(sent, list) or len(sent) > MAX_RECORDS:
        raise Invalid(f"'records' must be a list of at most {MAX_RECORDS} audit records")
    at = iso(now())
    try:
        with db.writing() as conn:
            last = receive(conn, station, sent, at)
    except ValueError as exc:
        raise Invalid(str(exc)) from None
    except IntegrityError:  # the same station sent the same records twice at once: the other one took them
        raise Invalid("these audit records were being stored by another request; sync again") from None
    except Diverged as found:
        with db.writing() as conn:
            record_divergence(conn, station, found, at)
            append(conn, user=station, action="station.audit.diverged", target=station,
                   outcome=audit.Outcome.FAILED, detail={"seq": found.seq})
        raise Conflict(diverged_message(found.reason)) from None
    return {"held": last}


def forget_use(db: Database, station: str, *, who: str) -> dict[str, Any]:
    """The operator has looked into a station whose audit chain differed: take it afresh."""
    with db.writing() as conn:
        if not forget_divergence(conn, station):
            raise NotFound(f"station {station!r} has no audit divergence on record")
        append(conn, user=who, action="station.audit.reset", target=station)
    return {"station": station, "audit_diverged": None}


def diverged_message(reason: str) -> str:
    return (f"this station's audit log no longer matches the copy the registry holds ({reason}). "
            "Someone may have altered this station's records: tell your administrator. The registry's operator "
            "sees it too")
