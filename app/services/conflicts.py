"""The conflict queue: fields that two replicas changed from the same value to different values, and
a supervisor's resolution of each (keep one of the values, or enter a new one with a reason).

A resolution is an ordinary change record of the field that names the writes it settles
(``Change.resolves``); it syncs like any change and closes the conflict on every replica that
receives it (``app.domain.merge``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from app.domain import commands
from app.domain.errors import NotFound, ValidationError
from app.security.roles import Permission
from app.store import accounts, syncing
from app.store.changelog import load_row

from .answers import Conflict, ConflictQueue, StationName
from .families import correction_reason, family_context
from .plausibility import refuse_impossible
from .session import Session


def list_conflicts(*, session: Session) -> ConflictQueue:
    """The open conflicts, oldest first, each with what the record shows now and every value written
    (station, user, time, reason), and what this station knows of the stations that wrote them (a
    code alone tells a supervisor little). Reading it is audited: it shows personal data."""
    session.require(Permission.RESOLVE_CONFLICTS, action="conflicts.view")
    with session.engine.begin() as conn:
        found: list[Conflict] = []
        for conflict in syncing.open_conflicts(conn):
            row = load_row(conn, conflict["entity"], conflict["entity_id"])
            found.append({**conflict, "shown": row.get(conflict["field"]) if row else None,
                          "family": _family_of(conn, conflict["entity"], row),
                          "label": record_label(conn, conflict["entity"], row)})
        stations = station_names(session, conn, {w["station"] for c in found for w in c["writes"]})
        session.audit(conn, "conflicts.view", detail={"conflicts": len(found)})
    return {"conflicts": found, "stations": stations}


def station_names(session: Session, conn: Any, codes: set[str]) -> dict[str, StationName]:
    """The name, agency and facility of each of these stations that this station knows: itself, and
    the others whose keys it trusts (imported, or listed by the registry at a sync)."""
    known: dict[str, StationName] = {
        row["station"]: {"name": row["name"], "agency": row["agency"], "facility": row["facility"]}
        for row in accounts.trusted_keys(conn) if row["station"] in codes}
    if session.identity.code in codes:
        own = session.place(conn)
        known[session.identity.code] = {"name": session.identity.name, "agency": own.agency,
                                        "facility": own.facility}
    return known


def resolve_conflict(*, session: Session, entity_id: str, field: str, keep: str | None = None,
                     enter: bool = False, value: Any = None, reason: str | None = None) -> dict[str, Any]:
    """Settle the open conflict on one field of one record: ``keep`` names the change whose value stays,
    or ``enter`` a new ``value`` (then a reason is required). Every open conflict on that field closes."""
    session.require(Permission.RESOLVE_CONFLICTS, action="conflict.resolve", target=entity_id)
    if (keep is None) != enter:
        raise ValidationError.one("resolution", "keep one of the values, or enter a new value (one of the two)")
    reason_text = _reason(reason, required=enter)
    with session.writing() as (conn, writer):
        groups = syncing.open_conflicts(conn, limit=10_000, entity_id=entity_id, field=field)
        if not groups:
            raise NotFound(f"there is no open conflict on {field} of record {entity_id!r}")
        writes = {w["change"]: w for group in groups for w in group["writes"]}
        if keep is not None:
            if keep not in writes:
                raise ValidationError.one("keep", f"{keep!r} is not one of the conflicting changes "
                                                  f"({', '.join(sorted(writes))})")
            kept = writes[keep]
            value = kept["value"]
            reason_text = reason_text or f"kept the value from station {kept['station']} ({kept['user']})"
        entity = groups[0]["entity"]
        row = load_row(conn, entity, entity_id)
        if row is None:
            raise NotFound(f"record {entity_id!r} is not in this station's records")
        people, links = family_context(conn, entity, row)
        mutation = commands.resolve_conflict(entity, row, field, value, entered=enter, now=datetime.now(UTC),
                                             family_people=people, family_links=links)
        if enter:  # a value typed now is judged as a correction; a kept one was written already
            refuse_impossible(conn, entity, row, field, mutation.fields[field][1])
        change, = writer.write([mutation], reason=reason_text,
                                                                           resolves=sorted(writes))
        session.audit(conn, "conflict.resolve", entity_id, detail={"field": field, "settles": len(writes)})
    return {"entity": entity, "id": entity_id, "field": field, "value": change.fields[field][1],
            "reason": reason_text, "resolves": sorted(writes), "change": change.id}


def _reason(reason: str | None, *, required: bool) -> str | None:
    if reason is None or not reason.strip():
        if required:
            raise ValidationError.one("reason", "a new value needs a reason")
        return None
    return correction_reason(reason)


def record_context(conn: Any, entity: str, entity_id: str) -> tuple[str | None, str | None]:
    """Who a record is about (``record_label``) and its family unit's number, as this station holds
    them (None, None for a record it does not)."""
    row = load_row(conn, entity, entity_id)
    family_id = _family_of(conn, entity, row)
    family = load_row(conn, "family", family_id) if family_id else None
    return record_label(conn, entity, row), (str(family["number"]) if family else None)


def record_label(conn: Any, entity: str, row: dict[str, Any] | None) -> str | None:
    """Who a record is about, as the supervisor's queues name it: a person's names, or a link's two
    people ("Rosa Tzul → Ana Ixcoy"); None when there is no name to give."""
    if row is None:
        return None
    if entity == "person":
        return _names(row)
    if entity == "link":
        ends = [load_row(conn, "person", row[end]) for end in ("from_person", "to_person")]
        named = [_names(p) if p else None for p in ends]
        return " → ".join(n or "?" for n in named) if any(named) else None
    person = load_row(conn, "person", row["person_id"]) if row.get("person_id") else None
    return _names(person) if person else None


def _names(person: dict[str, Any]) -> str | None:
    text = " ".join(str(n) for n in (person.get("given_names"), person.get("family_names")) if n)
    return text or None


def _family_of(conn: Any, entity: str, row: dict[str, Any] | None) -> str | None:
    """The family unit a conflicting record belongs to, for the queue's context."""
    if row is None:
        return None
    if entity == "person":
        return str(row["family_id"])
    person_id = row.get("person_id") or row.get("from_person")
    if person_id:
        person = load_row(conn, "person", person_id)
        return str(person["family_id"]) if person else None
    if entity == "family":
        return str(row["id"])
    return None
