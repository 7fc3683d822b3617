"""The vocabulary of Kinlink records: roles, relationships, states, and the fields of each entity.

Entities are plain mappings of field name to value (JSON types). Every entity is created and
changed only through change records (see ``changes``); nothing is ever deleted.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    ADULT = "adult"
    CHILD = "child"


class Sex(StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    UNKNOWN = "unknown"


class Relationship(StrEnum):
    """A link reads "FROM is the RELATIONSHIP of TO"."""

    MOTHER = "mother"
    FATHER = "father"
    LEGAL_GUARDIAN = "legal_guardian"
    GRANDPARENT = "grandparent"
    SIBLING = "sibling"
    AUNT_UNCLE = "aunt_uncle"
    OTHER_RELATIVE = "other_relative"
    UNRELATED_ADULT = "unrelated_adult"
    UNKNOWN = "unknown"


class Provenance(StrEnum):
    CLAIMED = "claimed"
    OBSERVED = "observed"
    DOCUMENT_VERIFIED = "document_verified"
    DNA_VERIFIED = "dna_verified"


class LinkState(StrEnum):
    TOGETHER = "together"
    SEPARATED = "separated"
    IN_CONTACT = "in_contact"
    REUNIFIED = "reunified"
    # A supervisor took a separated pair off the reunification board without reunifying them, with a
    # reason (DNA shows no relation; the adult declined). Separated again if that was a mistake.
    CLOSED = "closed"


# Which state a link may move to from each state. A separation is always a record with a reason;
# a link never goes away.
LINK_TRANSITIONS: dict[LinkState, frozenset[LinkState]] = {
    LinkState.TOGETHER: frozenset({LinkState.SEPARATED}),
    LinkState.SEPARATED: frozenset({LinkState.IN_CONTACT, LinkState.REUNIFIED, LinkState.CLOSED}),
    LinkState.IN_CONTACT: frozenset({LinkState.REUNIFIED, LinkState.SEPARATED, LinkState.CLOSED}),
    LinkState.REUNIFIED: frozenset({LinkState.SEPARATED}),
    LinkState.CLOSED: frozenset({LinkState.SEPARATED}),
}


# A contact between a separated child and adult (schema 12): an event on their link that repeats and
# does not change its state; its link_event has state ``CONTACT`` and one of these kinds.
CONTACT = "contact"


class ContactKind(StrEnum):
    CALL = "call"
    VIDEO = "video"
    VISIT = "visit"


class CustodyLocation(StrEnum):
    """Where a person is (docs/reunification.md): at a Kinlink station (which one is the record's
    ``station``), with an agency outside Kinlink, released, removed from the country, or not known."""

    STATION = "station"
    ICE = "ice"
    HHS_ORR = "hhs_orr"
    RELEASED_TO_SPONSOR = "released_to_sponsor"
    REMOVED = "removed"
    UNKNOWN = "unknown"
    # Before schema 13 a record said where relative to its writer; stored and signed records keep
    # these, read as custody at a station. Nothing writes them any more.
    THIS_STATION = "this_station"
    OTHER_STATION = "other_station"


# The kinds a new custody record may name (the legacy relative ones are read, never written).
CUSTODY_KINDS = tuple(k.value for k in CustodyLocation if k not in (CustodyLocation.THIS_STATION,
                                                                     CustodyLocation.OTHER_STATION))


class Agency(StrEnum):
    """The agency a station belongs to, set when it is enrolled (docs/reunification.md)."""

    CBP = "cbp"
    ICE = "ice"
    HHS_ORR = "hhs_orr"
    OTHER = "other"


MAX_FACILITY_LENGTH = 120


class BandStatus(StrEnum):
    ISSUED = "issued"
    VOIDED = "voided"


class FamilyStatus(StrEnum):
    OPEN = "open"


class DocumentType(StrEnum):
    PASSPORT = "passport"
    NATIONAL_ID = "national_id"
    BIRTH_CERTIFICATE = "birth_certificate"
    A_NUMBER = "a_number"
    OTHER = "other"


@dataclass(frozen=True)
class EntitySpec:
    """The fields of one kind of record and which of them can never change after creation."""

    name: str
    fields: tuple[str, ...]
    immutable: frozenset[str]


def _spec(name: str, fields: str, immutable: str = "") -> EntitySpec:
    return EntitySpec(name, tuple(fields.split()), frozenset(immutable.split()))


ENCOUNTER = _spec("encounter", "occurred_at place latitude longitude agent station recorded_at",
                  "agent station recorded_at")
FAMILY = _spec("family", "encounter_id number status", "encounter_id number")
PERSON = _spec(
    "person",
    "family_id role given_names family_names sex birth_date age_estimate_years nationality "
    "languages preverbal description documents arrived_without_adult carried_by merged_into",
)
# ``person.merged_into`` (schema 10): the id of the record a supervisor merged this one into (the same
# person registered twice); None again when they split them. Nothing else of either record changes.
LINK = _spec("link", "from_person to_person relationship provenance state", "from_person to_person")
# ``kind`` (schema 12): a contact's kind (ContactKind), None for a change of the link's state.
# ``policy_version`` (schema 13): on a separation, the reunification policy it is judged by
# (app.domain.policy; 0 the built-in default).
LINK_EVENT = _spec(
    "link_event",
    "link_id state reason officer from_side to_side occurred_at kind policy_version",
    "link_id state reason officer from_side to_side occurred_at kind policy_version",
)
# A custody record's details can be corrected by a supervisor; whose custody it is cannot.
# ``station`` (schema 11): the Kinlink station holding the person, when there is one; a record naming
# another station than its writer is a transfer, which grants that station the person's family unit (so it
# never changes: a transfer made by mistake is followed by another).
# Schema 13 (docs/reunification.md): ``agency`` of whoever holds the person; ``receiving_party`` is the
# facility; ``writer``, ``writer_agency``, ``writer_facility``: the station that wrote the record, as
# it was then (a record from before has no writer field: its writer is the station that signed it);
# ``arrival_of``: on a receiver's arrival scan, the transfer record it closes (until then the person
# is in transit).
CUSTODY = _spec("custody", "person_id location receiving_party reference since station agency writer "
                "writer_agency writer_facility arrival_of",
                "person_id station writer writer_agency writer_facility arrival_of")
# issued_on (schema 4): the UTC date the band was issued, part of its signed QR payload.
# printed_at, attached_at (schema 5): when the band was first printed, and when a scan confirmed it on
# the person's wrist (UTC, ISO 8601); None until then.
BAND = _spec("band", "person_id number status void_reason reprints issued_on printed_at attached_at",
             "person_id number issued_on")

# A pre-verbal child's photo (schema 6): re-encoded JPEG, metadata stripped; never changed after it is
# taken (a new photo is a new record). ``person.carried_by`` (schema 6) is the id of the adult of the
# same family unit who carried or accompanied a pre-verbal child.
PHOTO = _spec("photo", "person_id taken_at source width height sha256 data",
              "person_id taken_at source width height sha256 data")

ENTITIES: dict[str, EntitySpec] = {
    s.name: s for s in (ENCOUNTER, FAMILY, PERSON, LINK, LINK_EVENT, CUSTODY, BAND, PHOTO)
}

# Fields whose value is bytes: a change record carries them as base64 text (JSON has no bytes),
# the entity table and the replayed state hold the bytes.
BINARY_FIELDS: frozenset[tuple[str, str]] = frozenset({("photo", "data")})


class PhotoSource(StrEnum):
    FILE = "file"
    CAMERA = "camera"
