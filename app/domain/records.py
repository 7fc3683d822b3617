"""The rules for every value a change record carries, stated once.

The registry checks each record a station pushes with them, a station each record it pulls, and a
station's own writes come from the same validators (``fields``, ``document``), so every record an
honest station writes passes. A rule takes the value as the record carries it (JSON types: dates
and times as ISO 8601 text, ``photo.data`` as base64 text) and ``now``, the checker's time (an aware
UTC datetime); it returns the clean value or raises ``FieldError`` saying what is wrong.

``record_problems`` applies them to one record, with what only a new record must keep: the fields
it cannot lack, the numbers only its own station gives out, and a photo that matches its digest.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any

from . import bands, names
from . import fields as f
from .bandnumber import ALPHABET, STATION_CODE_LENGTH, InvalidBandNumber, parse_band_number
from .changes import stored_value
from .document import read_document_ids
from .errors import InvariantViolation
from .model import (
    CONTACT,
    ENTITIES,
    MAX_FACILITY_LENGTH,
    Agency,
    BandStatus,
    ContactKind,
    CustodyLocation,
    FamilyStatus,
    LinkState,
    PhotoSource,
)

Rule = Callable[[Any, datetime], Any]

MAX_REFERENCE_LENGTH = 64  # a record's id (stations use 32 hex digits)
MAX_REPRINTS = 1_000_000
MAX_POLICY_VERSION = 1_000_000
# Photos are re-encoded to at most 1280 px a side (about 1.2 MB for the worst case, pure noise); as
# base64 text, 4 MB still fits a push chunk (sync.protocol.CHUNK_BYTES, 6 MB).
MAX_PHOTO_BYTES = 4 * 1024 * 1024
MAX_PHOTO_SIDE = 10_000
JPEG_START = b"\xff\xd8\xff"  # the start-of-image marker, then the next marker
MAX_PROBLEM_LENGTH = 300  # a problem quotes the value: a huge one is cut short

_FAMILY_NUMBER = re.compile(rf"([{ALPHABET}]{{{STATION_CODE_LENGTH}}})-[1-9][0-9]{{0,11}}")
_SHA256 = re.compile(r"[0-9a-f]{64}")
_MAX_PHOTO_TEXT = (MAX_PHOTO_BYTES + 2) // 3 * 4  # its base64 length


# --- single values ----------------------------------------------------------------------------------

def reference(value: Any, *, nullable: bool = False) -> str | None:
    """The id of another record (a person, family unit, link, encounter), or null where allowed."""
    if value is None and nullable:
        return None
    if not isinstance(value, str):
        either = " or null" if nullable else ""
        raise f.FieldError(f"must name a record (its id, as text){either}, not {f.describe(value)}")
    if not value.strip():
        raise f.FieldError("must not be empty: it names a record")
    if len(value) > MAX_REFERENCE_LENGTH:
        raise f.FieldError(f"is {len(value):,} characters long; a record's id has at most {MAX_REFERENCE_LENGTH}")
    if names.has_hidden_characters(value):
        raise f.FieldError(f.HIDDEN_CHARACTERS)
    return value


def station_code(value: Any) -> str:
    """A station's code: 5 symbols of the band number alphabet."""
    if not isinstance(value, str) or len(value) != STATION_CODE_LENGTH or any(c not in ALPHABET for c in value):
        raise f.FieldError(f"must be a station code (5 of the digits 2-9 and letters A-Z but I and O), "
                           f"not {f.shown(value)}")
    return value


def band_number(value: Any) -> str:
    """A valid band number in the form stations store it (no dashes, upper case)."""
    if not isinstance(value, str):
        raise f.FieldError(f"must be a band number (text), not {f.describe(value)}")
    try:
        canonical = parse_band_number(value).canonical
    except InvalidBandNumber as error:
        raise f.FieldError(str(error)) from None
    if canonical != value:
        raise f.FieldError(f"{value!r} is not written as stations store band numbers (no dashes or spaces, "
                           f"upper case: {canonical})")
    return value


def family_number(value: Any) -> str:
    """A family unit's number: its station's code, a dash and a number from 1 (``K7QXM-12``)."""
    if not isinstance(value, str) or not _FAMILY_NUMBER.fullmatch(value):
        raise f.FieldError(f"must be a family unit number such as K7QXM-12 (the station code, a dash and a "
                           f"number from 1), not {f.shown(value)}")
    return value


def count(value: Any, *, least: int = 0, most: int) -> int:
    """A whole number from ``least`` to ``most``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise f.FieldError(f"must be a whole number, not {f.describe(value)}")
    if not least <= value <= most:
        raise f.FieldError(f"{value} is out of range ({least} to {most:,})")
    return value


def sha256_hex(value: Any) -> str:
    if not isinstance(value, str) or not _SHA256.fullmatch(value):
        raise f.FieldError(f"must be a SHA-256 digest: 64 hex digits (0-9, a-f), not {f.shown(value)}")
    return value


def jpeg(value: Any) -> bytes:
    """A photo as a record carries it: base64 text of a JPEG of at most ``MAX_PHOTO_BYTES``; its bytes."""
    if not isinstance(value, str):
        raise f.FieldError(f"must be the photo as base64 text, not {f.describe(value)}")
    if len(value) > _MAX_PHOTO_TEXT:
        raise f.FieldError(f"is a photo of more than {MAX_PHOTO_BYTES // (1024 * 1024)} MB; kept photos are smaller")
    try:
        data = stored_value("photo", "data", value)
    except InvariantViolation:
        raise f.FieldError("is not base64 text") from None
    if not data.startswith(JPEG_START):
        raise f.FieldError("is not a JPEG image (photos are kept as JPEG)")
    return bytes(data)


# --- the rules of each field --------------------------------------------------------------------------

def _plain(check: Callable[[Any], Any]) -> Rule:
    """A rule that does not depend on the time."""
    return lambda value, now: check(value)


def _text(*, limit: int = f.MAX_TEXT_LENGTH, required: bool = False) -> Rule:
    return lambda value, now: f.text(value, limit=limit, required=required)


def _moment(value: Any, now: datetime) -> str:
    """A date and time with its UTC offset, from 2000, at most the allowance ahead of ``now``."""
    return f.occurred_at(value, now=now)


def _moment_or_null(value: Any, now: datetime) -> str | None:
    return None if value is None else _moment(value, now)


def _birth_date(value: Any, now: datetime) -> str | None:
    # The writing station's day may already be the next one if its clock is a little ahead.
    return f.birth_date(value, today=(now + f.FUTURE_ALLOWANCE).date())


def _document_ids(value: Any) -> list[dict[str, Any]]:
    clean, problems = read_document_ids(value)
    if problems:
        raise f.FieldError("; ".join(str(p) for p in problems))
    return clean


_REFERENCE = _plain(reference)
_REFERENCE_OR_NULL = _plain(lambda value: reference(value, nullable=True))
_PIXELS = _plain(lambda value: count(value, least=1, most=MAX_PHOTO_SIDE))
_STATION_OR_NULL = _plain(lambda value: None if value is None else station_code(value))

def _event_state(value: Any) -> str:
    """A link event is a change of the link's state, or a contact (which changes nothing)."""
    return CONTACT if value == CONTACT else f.choice(LinkState)(value)


FIELD_RULES: dict[str, dict[str, Rule]] = {
    "encounter": {
        "occurred_at": _moment,
        "place": _text(limit=f.MAX_PLACE_LENGTH),
        "latitude": _plain(lambda value: f.coordinate(value, limit=90)),
        "longitude": _plain(lambda value: f.coordinate(value, limit=180)),
        "agent": _text(required=True),
        "station": _plain(station_code),
        "recorded_at": _moment,
    },
    "family": {
        "encounter_id": _REFERENCE,
        "number": _plain(family_number),
        "status": _plain(f.choice(FamilyStatus)),
    },
    "person": {
        "family_id": _REFERENCE,
        "role": _plain(f.role),
        "given_names": _plain(f.name),
        "family_names": _plain(f.name),
        "sex": _plain(f.sex),
        "birth_date": _birth_date,
        "age_estimate_years": _plain(f.age_estimate),
        "nationality": _plain(f.nationality),
        "languages": _plain(f.languages),
        "preverbal": _plain(f.flag),
        "description": _text(limit=f.MAX_DESCRIPTION_LENGTH),
        "documents": _plain(_document_ids),
        "arrived_without_adult": _plain(f.flag),
        "carried_by": _REFERENCE_OR_NULL,
        "merged_into": _REFERENCE_OR_NULL,
    },
    "link": {
        "from_person": _REFERENCE,
        "to_person": _REFERENCE,
        "relationship": _plain(f.relationship),
        "provenance": _plain(f.provenance),
        "state": _plain(f.choice(LinkState)),
    },
    "link_event": {
        "link_id": _REFERENCE,
        "state": _plain(_event_state),
        "kind": _plain(lambda value: None if value is None else f.choice(ContactKind)(value)),
        "policy_version": _plain(lambda value: None if value is None else count(value, most=MAX_POLICY_VERSION)),
        "reason": _text(required=True),
        "officer": _text(required=True),
        "from_side": _text(),
        "to_side": _text(),
        "occurred_at": _moment,
    },
    "custody": {
        "person_id": _REFERENCE,
        "location": _plain(f.choice(CustodyLocation)),
        "receiving_party": _text(),
        "reference": _text(),
        "since": _moment,
        "station": _STATION_OR_NULL,
        "agency": _plain(lambda value: None if value is None else f.choice(Agency)(value)),
        "writer": _plain(station_code),
        "writer_agency": _plain(lambda value: None if value is None else f.choice(Agency)(value)),
        "writer_facility": _text(limit=MAX_FACILITY_LENGTH),
        "arrival_of": _REFERENCE_OR_NULL,
    },
    "band": {
        "person_id": _REFERENCE,
        "number": _plain(band_number),
        "status": _plain(f.choice(BandStatus)),
        "void_reason": _text(limit=bands.MAX_REASON),
        "reprints": _plain(lambda value: count(value, most=MAX_REPRINTS)),
        "issued_on": lambda value, now: f.event_date(value, now=now),
        "printed_at": _moment_or_null,
        "attached_at": _moment_or_null,
    },
    "photo": {
        "person_id": _REFERENCE,
        "taken_at": _moment,
        "source": _plain(f.choice(PhotoSource)),
        "width": _PIXELS,
        "height": _PIXELS,
        "sha256": _plain(sha256_hex),
        "data": _plain(jpeg),
    },
}

# What a new record cannot hold null (a later correction may clear some, such as encounter.place).
# A record created before a field existed lacks it altogether, which is fine.
REQUIRED_ON_CREATION: dict[str, frozenset[str]] = {
    "encounter": frozenset({"occurred_at", "place", "agent", "station", "recorded_at"}),
    "family": frozenset({"encounter_id", "number", "status"}),
    "person": frozenset({"family_id", "role", "sex", "preverbal", "arrived_without_adult"}),
    "link": frozenset({"from_person", "to_person", "relationship", "provenance", "state"}),
    "link_event": frozenset({"link_id", "state", "reason", "officer", "occurred_at"}),
    "custody": frozenset({"person_id", "location", "since", "writer"}),
    "band": frozenset({"person_id", "number", "status", "reprints", "issued_on"}),
    "photo": frozenset(ENTITIES["photo"].fields),
}


# --- one record -----------------------------------------------------------------------------------------

def record_problems(entity: str, fields: Mapping[str, Any], *, created: bool, station: str,
                    now: datetime) -> list[str]:
    """Every problem of one change record, each as ``entity.field: what is wrong``; an empty list when
    it may be stored. ``fields`` maps each field it writes to the new value, ``station`` is the code
    of the station that wrote it. Any JSON gives a list, never an exception."""
    spec = ENTITIES.get(entity) if isinstance(entity, str) else None
    if spec is None:
        return [f"{f.shown(entity)} is not a kind of record (known: {', '.join(ENTITIES)})"]
    if not isinstance(fields, Mapping):
        return [f"{entity}: the fields must be an object of field names and values, not {f.describe(fields)}"]
    problems: list[str] = []
    clean: dict[str, Any] = {}
    for name in sorted(fields, key=str):
        problem = _field_problem(entity, name, fields[name], created=created, now=now, clean=clean)
        if problem is not None:
            problems.append(f"{entity}.{name}: {problem}")
    if created:
        problems.extend(_creation_problems(entity, clean, station, fields))
    return [p if len(p) <= MAX_PROBLEM_LENGTH else p[:MAX_PROBLEM_LENGTH - 1] + "…" for p in problems]


def _field_problem(entity: str, name: Any, value: Any, *, created: bool, now: datetime,
                   clean: dict[str, Any]) -> str | None:
    """What is wrong with one field's new value, or None (its clean value then goes into ``clean``)."""
    rule = FIELD_RULES[entity].get(name) if isinstance(name, str) else None
    if rule is None:
        return f"a {entity.replace('_', ' ')} has no such field"
    if not created and name in ENTITIES[entity].immutable:
        return f"is fixed when the {entity.replace('_', ' ')} is created and never changes"
    if created and value is None and name in REQUIRED_ON_CREATION[entity]:
        return f"is required: a new {entity.replace('_', ' ')} cannot have it null"
    try:
        clean[name] = rule(value, now)
    except f.FieldError as error:
        return str(error)
    return None


# What a new record cannot leave out: the fields that make it what it is, which every Kinlink wrote
# from the first version on (a field added later may be missing from an older record).
PRESENT_ON_CREATION: dict[str, frozenset[str]] = {
    "encounter": frozenset({"occurred_at", "station"}),
    "family": frozenset({"encounter_id", "number"}),
    "person": frozenset({"family_id", "role"}),
    "link": frozenset({"from_person", "to_person", "relationship", "state"}),
    "link_event": frozenset({"link_id", "state"}),
    "custody": frozenset({"person_id", "location"}),
    "band": frozenset({"person_id", "number", "status"}),
    "photo": frozenset(ENTITIES["photo"].fields),
}


def _creation_problems(entity: str, clean: Mapping[str, Any], station: str, given: Mapping[str, Any]) -> list[str]:
    """What a new record must keep beyond its single values (given its valid, clean values)."""
    problems = [f"{entity}.{name}: is missing: a new {entity.replace('_', ' ')} must say it"
                for name in sorted(PRESENT_ON_CREATION[entity] - set(given))]
    for (kind, name), (owner_of, message) in _OWN_STATION.items():
        value = clean.get(name)
        if kind == entity and value is not None and owner_of(value) != station:
            problems.append(f"{entity}.{name}: " + message.format(owner=owner_of(value), station=station))
    if entity == "link_event" and "state" in clean and (clean["state"] == CONTACT) != (clean.get("kind") is not None):
        problems.append("link_event.kind: a contact says its kind (call, video, visit); a change of state has none")
    if entity == "link_event" and clean.get("policy_version") is not None and clean.get("state") != "separated":
        problems.append("link_event.policy_version: only a separation records the policy it is judged by")
    if entity == "custody" and clean.get("location") == CustodyLocation.STATION and clean.get("station") is None:
        problems.append("custody.station: custody at a station names the station (its code)")
    if entity == "photo" and _digest_differs(clean.get("data"), clean.get("sha256")):
        problems.append("photo.sha256: is not the SHA-256 of the photo's data: the image was altered or damaged")
    return problems


def _digest_differs(data: Any, digest: Any) -> bool:
    return isinstance(data, bytes) and isinstance(digest, str) and hashlib.sha256(data).hexdigest() != digest


# The fields of a new record that name the station that made it (how to read that station from the
# value, and what to say when another station wrote the record): only that station may write it.
_OWN_STATION: dict[tuple[str, str], tuple[Callable[[str], str], str]] = {
    ("band", "number"): (lambda number: parse_band_number(number).station_code,
                         "is a band number of station {owner}, but station {station} wrote this record: a "
                         "station issues only its own band numbers"),
    ("family", "number"): (lambda number: number.split("-", 1)[0],
                           "is a family unit number of station {owner}, but station {station} wrote this "
                           "record: a station numbers only its own family units"),
    ("encounter", "station"): (lambda code: code,
                               "names station {owner}, but station {station} wrote this record: a station "
                               "records only its own encounters"),
    ("custody", "writer"): (lambda code: code,
                            "names station {owner} as its writer, but station {station} wrote it"),
}
