"""The words of Kinlink's FHIR R4 export (docs/exports.md, "FHIR R4"): which standard code each of our
values becomes, and the addresses of what no standard has a place for (our extensions, code systems
and identifier systems). Pure: the resources themselves are built in ``app.services.fhir_bundle``."""

from __future__ import annotations

from dataclasses import dataclass

from .model import CustodyLocation, DocumentType, Provenance, Relationship

BASE = "https://kinlink.example/fhir"
EXTENSION = f"{BASE}/StructureDefinition/"  # + a name: our extensions
CODE_SYSTEM = f"{BASE}/CodeSystem/"  # + a name: our own values, beside the standard code
NAMING_SYSTEM = f"{BASE}/NamingSystem/"  # + a name: identifier systems

ROLE_CODE = "http://terminology.hl7.org/CodeSystem/v3-RoleCode"
V2_0131 = "http://terminology.hl7.org/CodeSystem/v2-0131"  # contact role: U unknown, O other
V2_0203 = "http://terminology.hl7.org/CodeSystem/v2-0203"  # identifier type
DATA_ABSENT_REASON = "http://hl7.org/fhir/StructureDefinition/data-absent-reason"
DATA_ABSENT_CODES = "http://terminology.hl7.org/CodeSystem/data-absent-reason"
NATIONALITY = "http://hl7.org/fhir/StructureDefinition/patient-nationality"
ISO_3166 = "urn:iso:std:iso:3166"
BCP_47 = "urn:ietf:bcp:47"
UCUM = "http://unitsofmeasure.org"

# Our extensions, by what they carry.
AGE_ESTIMATE = EXTENSION + "age-estimate"  # valueAge: the estimate when no birth date is known
AGE_ASSESSED = EXTENSION + "age-estimate-assessed"  # valueDateTime: when it was estimated (the encounter)
ROLE = EXTENSION + "family-role"  # valueCode: adult | child
PREVERBAL = EXTENSION + "preverbal"  # valueBoolean
DESCRIPTION = EXTENSION + "physical-description"  # valueString
CARRIED_BY = EXTENSION + "carried-by"  # valueReference(Patient)
ARRIVED_WITHOUT_ADULT = EXTENSION + "arrived-without-adult"  # valueBoolean
LINK_PROVENANCE = EXTENSION + "link-provenance"  # valueCoding: how the link was established
LINK_STATE = EXTENSION + "link-state"  # valueCoding: together, separated, …
LINK_EVENT = EXTENSION + "link-event"  # complex: one separation, contact or reunification
IN_TRANSIT = EXTENSION + "in-transit"  # valueBoolean, on a custody Encounter

RELATIONSHIP_CODES = CODE_SYSTEM + "relationship"
PROVENANCE_CODES = CODE_SYSTEM + "link-provenance"
STATE_CODES = CODE_SYSTEM + "link-state"
CUSTODY_CODES = CODE_SYSTEM + "custody"

BAND_NUMBER = NAMING_SYSTEM + "band-number"
FAMILY_NUMBER = NAMING_SYSTEM + "family-number"
STATION_CODE = NAMING_SYSTEM + "station-code"
RECORD_ID = NAMING_SYSTEM + "record-id"  # Kinlink's own id of a record
A_NUMBER = NAMING_SYSTEM + "a-number"
CUSTODY_REFERENCE = NAMING_SYSTEM + "custody-reference"


@dataclass(frozen=True)
class Code:
    system: str
    code: str
    display: str


def relationship_code(relationship: str, sex: str | None) -> Code:
    """The standard code for "FROM is the RELATIONSHIP of TO", refined by FROM's sex where RoleCode
    has words for it (a grandmother, an aunt). RoleCode has no code for "not known" (a null flavour
    is no role) nor for an adult who is no relative (FRND, NBOR would claim what nobody said): those
    take v2 table 0131's U (unknown) and O (other), which R4's RelatedPerson.relationship value set
    includes beside RoleCode."""
    female, male = sex == "female", sex == "male"
    match relationship:
        case Relationship.MOTHER:
            return Code(ROLE_CODE, "MTH", "mother")
        case Relationship.FATHER:
            return Code(ROLE_CODE, "FTH", "father")
        case Relationship.LEGAL_GUARDIAN:
            return Code(ROLE_CODE, "GUARD", "guardian")
        case Relationship.GRANDPARENT:
            return Code(ROLE_CODE, "GRMTH", "grandmother") if female else \
                Code(ROLE_CODE, "GRFTH", "grandfather") if male else Code(ROLE_CODE, "GRPRN", "grandparent")
        case Relationship.SIBLING:
            return Code(ROLE_CODE, "SIB", "sibling")
        case Relationship.AUNT_UNCLE if female or male:
            return Code(ROLE_CODE, "AUNT", "aunt") if female else Code(ROLE_CODE, "UNCLE", "uncle")
        case Relationship.AUNT_UNCLE | Relationship.OTHER_RELATIVE:
            return Code(ROLE_CODE, "EXT", "extended family member")
        case Relationship.UNRELATED_ADULT:
            return Code(V2_0131, "O", "Other")
        case _:
            return Code(V2_0131, "U", "Unknown")


RELATIONSHIP_WORDS: dict[str, str] = {
    Relationship.MOTHER: "mother", Relationship.FATHER: "father", Relationship.LEGAL_GUARDIAN: "legal guardian",
    Relationship.GRANDPARENT: "grandparent", Relationship.SIBLING: "sibling", Relationship.AUNT_UNCLE: "aunt or uncle",
    Relationship.OTHER_RELATIVE: "other relative", Relationship.UNRELATED_ADULT: "unrelated adult",
    Relationship.UNKNOWN: "relationship unknown",
}

PROVENANCE_WORDS: dict[str, str] = {
    Provenance.CLAIMED: "claimed (declared by the people themselves)",
    Provenance.OBSERVED: "observed at apprehension",
    Provenance.DOCUMENT_VERIFIED: "verified with documents",
    Provenance.DNA_VERIFIED: "verified by DNA",
}

CUSTODY_WORDS: dict[str, str] = {
    CustodyLocation.STATION: "at a Kinlink station",
    CustodyLocation.ICE: "ICE custody",
    CustodyLocation.HHS_ORR: "HHS/ORR shelter",
    CustodyLocation.RELEASED_TO_SPONSOR: "released to a sponsor",
    CustodyLocation.REMOVED: "removed from the country",
    CustodyLocation.UNKNOWN: "custody unknown",
}

# Identity documents: v2 table 0203's type where it has one (an A-number has none).
DOCUMENT_TYPES: dict[str, tuple[str | None, str]] = {
    DocumentType.PASSPORT: ("PPN", "passport"),
    DocumentType.NATIONAL_ID: ("NI", "national identity document"),
    DocumentType.BIRTH_CERTIFICATE: ("BCT", "birth certificate"),
    DocumentType.A_NUMBER: (None, "A-number (Alien Registration Number)"),
    DocumentType.OTHER: (None, "other document"),
}


def words(table: dict[str, str], value: str | None) -> str:
    """The words for a stored value; a value from a newer station, as it is."""
    return table.get(str(value), str(value).replace("_", " ")) if value is not None else "not recorded"

STATE_WORDS: dict[str, str] = {
    "together": "together", "separated": "separated", "in_contact": "separated, in contact",
    "reunified": "reunified", "closed": "closed without reunification", "contact": "contact",
}
