"""Custody transfers and arrival scans (docs/reunification.md): the sender writes the transfer, the
receiving station scans the person's band at arrival (with a fresh photo of a pre-verbal child),
and in between the person is in transit."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from app.bands import payload as band_payload_format
from app.domain import custody
from app.domain.errors import NotFound, ValidationError
from app.security.roles import Permission
from app.store import accounts, queries
from app.store.changelog import load_row, load_rows

from .bands import check_scan
from .identity_bundle import photo_records, write_bundle
from .session import Session, given_time, now_iso, required_text


def transfer_custody(*, session: Session, person: str, to: str, reason: str, station: str | None = None,
                     facility: str | None = None, reference: str | None = None,
                     at: str | None = None) -> dict[str, Any]:
    """Record where ``person`` (an id or band number) goes: to another Kinlink station (``station``:
    its code; in transit until it scans their arrival; the registry grants it the family unit), to
    ICE or HHS/ORR outside Kinlink (``facility`` says which), released to a sponsor, removed, or
    unknown. Only the station answerable for the person sends them to another station
    (``app.domain.custody.transfer``). ``at``: when (not in the future, not before their current
    custody)."""
    session.require(Permission.RECORD_CUSTODY, action="custody.transfer", target=person)
    why = required_text(reason, where="--reason", why="say why the person moves")
    with session.writing() as (conn, writer):
        row = person_named(conn, person)
        current = current_custody(conn, row["id"])
        code = station.strip().upper() if isinstance(station, str) else None
        mutations = custody.transfer(
            row["id"], kind=to, station=code, facility=facility, reference=reference,
            since=_when(at, current), custody_id=uuid.uuid4().hex, writer=session.place(conn),
            receiver=accounts.station_place(conn, code) if code else None, current=current)
        writer.write(mutations, reason=why)
        record = mutations[0].fields
        session.audit(conn, "custody.transfer", row["id"], detail={"kind": to, "station": code})
    return {"person": row["id"], "custody": mutations[0].entity_id, "kind": to, "station": code,
            "in_transit": custody.in_transit({k: v for k, (_, v) in record.items()}),
            "since": record["since"][1]}


def arrive(*, session: Session, person: str, photos: Sequence[bytes] = (),
           expected: str | None = None) -> dict[str, Any]:
    """The receiving station's arrival scan of ``person``: a band's scanned payload (checked: a valid
    band), or their id or band number; with ``expected`` (a person's id), it must be that person's.
    A pre-verbal child's arrival needs a fresh photo (``photos``: image files' bytes). Closes the
    transfer to this station."""
    session.require(Permission.RECORD_CUSTODY, action="custody.arrive", target=person[:40])
    records = photo_records([(data, "file") for data in photos])  # checked before anything is written
    with session.writing() as (conn, writer):
        row = _scanned(conn, session, person)
        if expected is not None and row["id"] != expected:
            raise ValidationError.one("scan", "this band is another person's: scan the band of the person "
                                              "who arrived")
        if row["role"] == "child" and row.get("preverbal") and not records:
            raise ValidationError.one("--photo", "a pre-verbal child's arrival needs a fresh photo (--photo FILE), "
                                                 "taken now, to be compared with the one taken at intake")
        mutation = custody.arrival(row["id"], custody_id=uuid.uuid4().hex, place=session.place(conn),
                                   since=now_iso(), current=current_custody(conn, row["id"]))
        writer.write([mutation], reason="arrival scan")
        if records:
            write_bundle(conn, writer, session, row["id"], None, records)
        session.audit(conn, "custody.arrive", row["id"], detail={"closes": mutation.fields["arrival_of"][1]})
    return {"person": row["id"], "custody": mutation.entity_id, "station": session.identity.code,
            "closes": mutation.fields["arrival_of"][1], "photos": [r.id for r in records]}


def person_named(conn: Connection, ident: str, what: str = "person") -> dict[str, Any]:
    """The person a band number or id names (one merged into another: the kept record)."""
    row = queries.person_for_band(conn, ident) or load_row(conn, "person", ident.strip())
    if row is None:
        raise NotFound(f"no person or band {ident!r} in this station's records (the {what})")
    return row


def current_custody(conn: Connection, person_id: str) -> dict[str, Any] | None:
    """A person's latest custody record as stored (``app.domain.custody`` reads it in today's terms)."""
    found = custody.latest(load_rows(conn, "custody", "person_id", [person_id]))
    return dict(found) if found is not None else None


def _scanned(conn: Connection, session: Session, text: str) -> dict[str, Any]:
    """The person a scan names: a band's payload must verify; an id or band number is taken as typed."""
    if not text.strip():
        raise ValidationError.one("person", "scan the person's band, or type their band number")
    if not band_payload_format.looks_like_payload(text):
        return person_named(conn, text)
    check = check_scan(conn, session, text)  # as scanned: a space is a character of a payload
    if not check["valid"]:
        raise ValidationError.one("scan", f"the band does not verify: {check['reason']}")
    holder = check.get("person")
    if holder is None:
        raise NotFound(f"band {check['band']} is valid, but this station does not hold its family unit yet: "
                       "sync first (the transfer grants it)")
    return person_named(conn, holder["id"])


def _when(at: str | None, current: dict[str, Any] | None) -> str:
    """Now, or ``at`` (not in the future; not before the person's current custody)."""
    moment = given_time(at)
    since = current.get("since") if at is not None and current else None
    if isinstance(since, str) and datetime.fromisoformat(moment) < datetime.fromisoformat(since):
        raise ValidationError.one("--at", f"{at} is before the person's current custody (since {since})")
    return moment
