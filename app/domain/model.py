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


# Which state a link may move to from each state. A separation is always a record with a reason;
# a link never goes away.
LINK_TRANSITIONS: dict[LinkState, frozenset[LinkState]] = {
    LinkState.TOGETHER: frozenset({LinkState.SEPARATED}),
    LinkState.SEPARATED: frozenset({LinkState.IN_CONTACT, LinkState.REUNIFIED}),
    LinkState.IN_CONTACT: frozenset({LinkState.REUNIFIED, LinkState.SEPARATED}),
    LinkState.REUNIFIED: frozenset({LinkState.SEPARATED}),
}


# A contact between a separated child and adult (schema 12): an event on their link that repeats and
# does not change its state; its link_event has state ``CONTACT`` and one of these kinds.
CONTACT = "contact"


class ContactKind(StrEnum):
    CALL = "call"
    VIDEO = "video"
    VISIT = "visit"


class CustodyLocation(StrEnum):
    THIS_STATION = "this_station"
    OTHER_STATION = "other_station"
    ICE = "ice"
    HHS_ORR = "hhs_orr"
    RELEASED_TO_SPONSOR = "released_to_sponsor"
    REMOVED = "removed"


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
LINK_EVENT = _spec(
    "link_event",
    "link_id state reason officer from_side to_side occurred_at kind",
    "link_id state reason officer from_side to_side occurred_at kind",
)
# A custody record's details can be corrected by a supervisor; whose custody it is cannot.
# ``station`` (schema 11): the Kinlink station holding the person, when there is one; a record naming
# another station than its writer is a transfer, which grants that station the person's family unit (so it
# never changes: a transfer made by mistake is followed by another).
CUSTODY = _spec("custody", "person_id location receiving_party reference since station", "person_id station")
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
