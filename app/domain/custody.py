"""Where a person is (docs/reunification.md): custody records read in today's terms, who holds the
person, and whether they are in transit between two stations.

A custody record names a kind (``station``, ``ice``, ``hhs_orr``, ``released_to_sponsor``,
``removed``, ``unknown``), the Kinlink station holding the person when there is one, the agency and
facility, and the station that wrote it. A transfer to another station is written by the sender; the
receiver's arrival scan writes a record that closes it (``arrival_of``); between the two the person
is in transit. Records written before schema 13 said where relative to their writer
(``this_station``, ``other_station``); they are read as custody at a station, never shown as
"this station".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from . import fields as f
from .changes import Mutation, create
from .errors import InvariantViolation, Problem, ValidationError
from .model import CUSTODY_KINDS, MAX_FACILITY_LENGTH, CustodyLocation
from .records import station_code

Row = dict[str, Any]

STATION = CustodyLocation.STATION.value
LEGACY_AT_STATION = (CustodyLocation.THIS_STATION.value, CustodyLocation.OTHER_STATION.value)
AGENCY_OF_KIND = {CustodyLocation.ICE.value: "ice", CustodyLocation.HHS_ORR.value: "hhs_orr"}
# Custody away from a station that must say where (the facility, or the sponsor's reference).
NAMES_A_FACILITY = (CustodyLocation.ICE.value, CustodyLocation.HHS_ORR.value,
                    CustodyLocation.RELEASED_TO_SPONSOR.value)


@dataclass(frozen=True)
class StationPlace:
    """What a station is: its code, agency and facility (None until the registry has said)."""

    code: str
    agency: str | None = None
    facility: str | None = None


def order_key(row: Mapping[str, Any]) -> tuple[str, bool, str]:
    """Custody records in the order they happened: by ``since``, an arrival after the transfer it
    closes at the same instant, then by id (the same at every reader)."""
    return (str(row.get("since") or ""), bool(row.get("arrival_of")), str(row.get("id") or ""))


def latest(rows: Iterable[Mapping[str, Any]]) -> Mapping[str, Any] | None:
    return max(rows, key=order_key, default=None)


def normalized(row: Mapping[str, Any]) -> Row:
    """A custody record in today's terms: a legacy ``this_station`` is custody at its writer, a legacy
    ``other_station`` custody at the station it names; nothing else changes."""
    out = dict(row)
    if out.get("location") in LEGACY_AT_STATION:
        if out["location"] == CustodyLocation.THIS_STATION.value and not out.get("station"):
            out["station"] = out.get("writer")
        if out.get("receiving_party") in (out.get("station"), out.get("writer")):
            out["receiving_party"] = None  # registration named its station there: it is no facility
        out["location"] = STATION
    return out


def in_transit(row: Mapping[str, Any] | None) -> bool:
    """True when ``row`` (a person's latest record) is a transfer to a station that has not scanned the
    person's arrival yet. Legacy records are never in transit (arrival scans did not exist)."""
    return (row is not None and row.get("location") == STATION and bool(row.get("station"))
            and row.get("writer") is not None and row.get("station") != row.get("writer"))


def custodian(row: Mapping[str, Any] | None) -> str | None:
    """The Kinlink station answerable for where the person goes next: the station holding them, or
    for custody away from any station, the station that recorded it. None when no record says."""
    if row is None:
        return None
    current = normalized(row)
    if current.get("station"):  # (a record from before schema 13 may name one with any kind)
        return str(current["station"])
    writer = current.get("writer")
    return str(writer) if writer and current.get("location") != STATION else None


def held_at(row: Mapping[str, Any] | None, code: str) -> bool:
    """Whether ``row`` (a person's latest record) says they are held at station ``code`` now: custody
    at that station, arrived (not in transit to it)."""
    return (row is not None and not in_transit(row) and custodian(row) == code
            and normalized(row).get("location") == STATION)


def view(rows: Iterable[Mapping[str, Any]]) -> tuple[Row | None, list[Row]]:
    """A person's custody as readers show it: the latest record (with ``in_transit``) and every record
    in order, each in today's terms."""
    history = [normalized(r) for r in sorted(rows, key=order_key)]
    if not history:
        return None, []
    current = dict(history[-1])
    current["in_transit"] = in_transit(current)
    return current, history


# --- commands: the records a custody change writes -------------------------------------------------

def at_station(person_id: str, *, custody_id: str, place: StationPlace, since: str) -> Mutation:
    """The first custody record of a person registered at ``place``: held there."""
    return create("custody", custody_id, {
        "person_id": person_id, "location": STATION, "station": place.code, "agency": place.agency,
        "receiving_party": place.facility, "reference": None, "since": since, **_writer(place),
        "arrival_of": None})


def transfer(person_id: str, *, kind: Any, station: Any, facility: Any, reference: Any, since: str,
             custody_id: str, writer: StationPlace, receiver: StationPlace | None,
             current: Mapping[str, Any] | None) -> list[Mutation]:
    """A transfer: to another station (in transit until its arrival scan; only the station answerable
    for the person, ``custodian``, may send them, as the registry checks), to an agency outside
    Kinlink, released, removed, or unknown (any station holding the family may record what it
    learns; records that disagree show on the board). ``receiver``: what is known of the receiving
    station (its agency and facility). Custody at the writing station itself is an arrival scan."""
    problems: list[str] = []
    kind = _checked(problems, "--to", kind, f.choice_of(CUSTODY_KINDS))
    if kind == STATION and station is None:
        problems.append("--station: a transfer to a Kinlink station names it (its 5-character code)")
    if kind not in (None, STATION) and station is not None:
        problems.append(f"--station: only custody at a Kinlink station names one, not custody of kind {kind}")
    code = _checked(problems, "--station", station, lambda v: None if v is None else station_code(v))
    needs_place = kind in NAMES_A_FACILITY
    if needs_place and (facility is None or (isinstance(facility, str) and not facility.strip())):
        problems.append(f"--facility: custody of kind {kind} says where (the facility, or the sponsor's reference)")
        facility = None
    place = _checked(problems, "--facility", facility,
                     lambda v: f.text(v, limit=MAX_FACILITY_LENGTH, required=False))
    ref = _checked(problems, "--reference", reference, lambda v: f.text(v, required=False))
    if problems:
        raise ValidationError([Problem("", p) for p in problems])
    holder = custodian(current)
    if kind == STATION and code != writer.code and holder is not None and holder != writer.code:
        raise InvariantViolation(f"the person is in the custody of station {holder}"
                                 f"{' (in transit to it)' if in_transit(current) else ''}: only that station "
                                 "transfers them to another station")
    if kind == STATION and code == writer.code:
        raise InvariantViolation("custody at this station is recorded by scanning the person's arrival")
    known = receiver if receiver is not None and receiver.code == code else None
    agency = (known.agency if known else None) if kind == STATION else AGENCY_OF_KIND.get(kind)
    return [create("custody", custody_id, {
        "person_id": person_id, "location": kind, "station": code, "agency": agency,
        "receiving_party": place if place is not None or known is None else known.facility,
        "reference": ref, "since": since, **_writer(writer), "arrival_of": None})]


def arrival(person_id: str, *, custody_id: str, place: StationPlace, since: str,
            current: Mapping[str, Any] | None) -> Mutation:
    """The receiving station's arrival scan: the person is held at ``place`` from now on. It closes the
    transfer to ``place`` when ``current`` is one (``arrival_of``); a person received with no transfer
    recorded (the sender was offline, or never wrote it) is recorded all the same."""
    if current is not None and held_at(current, place.code):
        raise InvariantViolation(f"the person is held at this station already ({describe(current)})")
    sent = current if current is not None and in_transit(current) and current.get("station") == place.code else None
    return create("custody", custody_id, {
        "person_id": person_id, "location": STATION, "station": place.code, "agency": place.agency,
        "receiving_party": place.facility, "reference": sent.get("reference") if sent else None,
        "since": since, **_writer(place), "arrival_of": sent.get("id") if sent else None})


def describe(row: Mapping[str, Any]) -> str:
    """A custody in a few words (English, for records and messages): where, and since when."""
    current = normalized(row)
    kind = str(current.get("location") or "unknown")
    facility = f" ({current['receiving_party']})" if current.get("receiving_party") else ""
    if kind == STATION:
        where = f"{'in transit to' if in_transit(current) else 'at'} station {current.get('station') or '?'}"
    else:
        where = kind.replace("_", " ")
    since = f" since {current['since']}" if current.get("since") else ""
    return f"{where}{facility}{since}"


def _writer(place: StationPlace) -> dict[str, Any]:
    return {"writer": place.code, "writer_agency": place.agency, "writer_facility": place.facility}


def _checked(problems: list[str], name: str, value: Any, check: Any) -> Any:
    try:
        return check(value)
    except f.FieldError as error:
        problems.append(f"{name}: {error}")
        return None
