"""A family unit as a FHIR R4 ``Bundle`` (type collection), built and validated with the
``fhir.resources`` models (their R4B package: these resources read the same in R4). Pure: from a
family view (``app.domain.views``) and, when asked for, its photos' bytes; what each resource carries
and what it leaves out: docs/exports.md.

This module imports ``fhir.resources`` (about a second): ``services.exports`` imports it on the first
export, so that starting the app or the command line never pays for it."""

from __future__ import annotations

import base64
import uuid
from collections.abc import Iterator, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from fhir.resources.R4B.age import Age
from fhir.resources.R4B.attachment import Attachment
from fhir.resources.R4B.bundle import Bundle, BundleEntry
from fhir.resources.R4B.codeableconcept import CodeableConcept
from fhir.resources.R4B.coding import Coding
from fhir.resources.R4B.encounter import Encounter, EncounterLocation
from fhir.resources.R4B.extension import Extension
from fhir.resources.R4B.group import Group, GroupMember
from fhir.resources.R4B.humanname import HumanName
from fhir.resources.R4B.identifier import Identifier
from fhir.resources.R4B.location import Location, LocationPosition
from fhir.resources.R4B.patient import Patient, PatientCommunication, PatientLink
from fhir.resources.R4B.period import Period
from fhir.resources.R4B.reference import Reference
from fhir.resources.R4B.relatedperson import RelatedPerson
from fhir.resources.R4B.resource import Resource

from app.domain import fhir_terms as t
from app.domain.views import FamilyDocument, LinkView, PersonView

Row = dict[str, Any]
ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"


def family_bundle(family: FamilyDocument, *, photos: Mapping[str, bytes] | None,
                  generated_at: datetime) -> Bundle:
    """The Bundle of one family unit: its Group, a Patient per person, a RelatedPerson per link, the
    apprehension Encounter and its Location, and a custody Encounter (with its Location) per custody
    record. ``photos`` (photo id → JPEG): each person's photos as ``Patient.photo``; None: none."""
    people = {p["id"]: p for p in family["people"]}
    resources: list[Resource] = [_group(family)]
    resources += [_patient(p, family, photos) for p in family["people"]]
    resources += [_related_person(link, people) for link in family["links"]]
    resources += list(_encounters(family))
    return Bundle(id=str(uuid.uuid4()), type="collection", timestamp=generated_at.replace(microsecond=0),
                  entry=[BundleEntry(fullUrl=f"urn:uuid:{r.id}", resource=r) for r in resources])


def to_json(bundle: Bundle) -> bytes:
    """The Bundle as FHIR JSON (UTF-8, indented: a person may read it)."""
    return bundle.model_dump_json(indent=2).encode("utf-8")


# --- identity of records in the bundle ----------------------------------------------------------

def resource_id(record_id: str) -> str:
    """A Kinlink record's id as a resource's id and ``urn:uuid:`` (the record's own UUID when it is one)."""
    try:
        return str(uuid.UUID(hex=record_id))
    except ValueError:
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{t.BASE}/record/{record_id}"))


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _ref(record_id: str, display: str | None = None) -> Reference:
    return Reference(reference=f"urn:uuid:{resource_id(record_id)}", display=display)


def _outside(person_id: str) -> Reference:
    """A person of another family unit, not in this bundle: by Kinlink's id of them."""
    return Reference(identifier=_record_id(person_id), display="a person of another family unit")


def _record_id(record_id: str) -> Identifier:
    return Identifier(system=t.RECORD_ID, value=record_id, use="secondary")


def _ext(url: str, **value: Any) -> Extension:
    return Extension(url=url, **value)


def _absent() -> Extension:
    return _ext(t.DATA_ABSENT_REASON, valueCode="unknown")


def _concept(code: t.Code, ours: tuple[str, str] | None = None, text: str | None = None) -> CodeableConcept:
    codings = [Coding(system=code.system, code=code.code, display=code.display)]
    if ours is not None:
        codings.append(Coding(system=ours[0], code=ours[1]))
    return CodeableConcept(coding=codings, text=text)


# --- the family unit ---------------------------------------------------------------------------

def _group(family: FamilyDocument) -> Group:
    return Group(
        id=resource_id(family["id"]), active=True, type="person", actual=True,
        identifier=[Identifier(system=t.FAMILY_NUMBER, value=family["number"], use="official"),
                    _record_id(family["id"])],
        code=CodeableConcept(text="family unit (people apprehended together who say they belong together)"),
        name=f"Family unit {family['number']}", quantity=len(family["people"]),
        member=[GroupMember(entity=_ref(p["id"])) for p in family["people"]])


# --- people ------------------------------------------------------------------------------------

def _names(given: str | None, family: str | None) -> list[HumanName]:
    """Names as given; an unknown name is absent, with the reason (never a placeholder)."""
    if given is None and family is None:
        return [HumanName(extension=[_absent()])]
    name: Row = {"text": " ".join(n for n in (given, family) if n), "use": "official"}
    if given is not None:
        name["given"] = [given]
    else:
        name["_given"] = [{"extension": [_absent().model_dump(exclude_none=True)]}]
    if family is not None:
        name["family"] = family
    else:
        name["_family"] = {"extension": [_absent().model_dump(exclude_none=True)]}
    return [HumanName.model_validate(name)]


def _identifiers(person: PersonView, family: FamilyDocument) -> list[Identifier]:
    found = [Identifier(system=t.BAND_NUMBER, value=b["number"],
                        use="usual" if b["status"] == "issued" else "old",
                        type=CodeableConcept(text="wristband number" if b["status"] == "issued"
                                             else f"wristband number, voided: {b['void_reason'] or 'no reason'}"))
             for b in person["bands"]]
    found += [Identifier(system=t.BAND_NUMBER, value=number, use="secondary",
                         type=CodeableConcept(text="wristband number of a record merged into this one"))
              for number in person["merged_from"]]
    found.append(Identifier(system=t.FAMILY_NUMBER, value=family["number"], use="secondary",
                            type=CodeableConcept(text="family unit number")))
    for document in person["documents"] or []:
        code, words = t.DOCUMENT_TYPES.get(str(document.get("type")), (None, str(document.get("type"))))
        kind = CodeableConcept(coding=[Coding(system=t.V2_0203, code=code)] if code else None, text=words)
        found.append(Identifier(
            system=t.A_NUMBER if document.get("type") == "a_number" else None, value=str(document.get("number")),
            type=kind, assigner=Reference(display=str(document["country"])) if document.get("country") else None))
    found.append(_record_id(person["id"]))
    return found


def _patient(person: PersonView, family: FamilyDocument, photos: Mapping[str, bytes] | None) -> Patient:
    return Patient(
        id=resource_id(person["id"]), active=person["merged_into"] is None,
        identifier=_identifiers(person, family),
        name=_names(person["given_names"], person["family_names"]),
        gender=person["sex"] if person["sex"] in ("female", "male", "other", "unknown") else None,
        birthDate=_date(person["birth_date"]),
        extension=_person_extensions(person, family) or None,
        communication=[PatientCommunication(language=CodeableConcept(
            coding=[Coding(system=t.BCP_47, code=code)], text=code)) for code in person["languages"] or []] or None,
        photo=_photos(person, photos) or None,
        link=_patient_links(person, family) or None)


def _photos(person: PersonView, photos: Mapping[str, bytes] | None) -> list[Attachment]:
    """The person's photos as JPEG attachments: none unless the export was asked for them."""
    return [Attachment(contentType="image/jpeg", data=base64.b64encode(photos[ph["id"]]),  # given as base64
                       creation=datetime.fromisoformat(ph["taken_at"]), size=len(photos[ph["id"]]),
                       title=f"photo ({ph['source']}, {ph['width']}×{ph['height']} pixels)")
            for ph in person["photos"] if photos is not None and ph["id"] in photos]


def _person_extensions(person: PersonView, family: FamilyDocument) -> list[Extension]:
    found = [_ext(t.ROLE, valueCode=person["role"])]
    if person["birth_date"] is None and person["age_estimate_years"] is not None:
        found.append(_ext(t.AGE_ESTIMATE, valueAge=Age(value=Decimal(str(person["age_estimate_years"])),
                                                       unit="years", system=t.UCUM, code="a")))
        if family["encounter"].get("occurred_at"):
            found.append(_ext(t.AGE_ASSESSED, valueDateTime=family["encounter"]["occurred_at"]))
    if person["nationality"]:
        found.append(_ext(t.NATIONALITY, extension=[_ext("code", valueCodeableConcept=CodeableConcept(
            coding=[Coding(system=t.ISO_3166, code=person["nationality"])]))]))
    if person["preverbal"]:
        found.append(_ext(t.PREVERBAL, valueBoolean=True))
    if person["description"]:
        found.append(_ext(t.DESCRIPTION, valueString=person["description"]))
    if person["carried_by"]:
        found.append(_ext(t.CARRIED_BY, valueReference=_ref(person["carried_by"])))
    if person["arrived_without_adult"]:
        found.append(_ext(t.ARRIVED_WITHOUT_ADULT, valueBoolean=True))
    return found


def _patient_links(person: PersonView, family: FamilyDocument) -> list[PatientLink]:
    """The RelatedPersons that are this person (as the adult, sibling, … of someone: ``seealso``), and
    the record this one was merged into (``replaced-by``)."""
    shown = {p["id"] for p in family["people"]}
    found = [PatientLink(other=_ref(x["id"]), type="seealso") for x in family["links"] if x["from"] == person["id"]]
    if person["merged_into"]:
        into = person["merged_into"]
        found.append(PatientLink(other=_ref(into) if into in shown else _outside(into), type="replaced-by"))
    return found


# --- links -------------------------------------------------------------------------------------

def _related_person(link: LinkView, people: Mapping[str, PersonView]) -> RelatedPerson:
    """"FROM is the RELATIONSHIP of TO" as FROM related to the Patient TO, with how the link was
    established, its state and each separation, contact and reunification."""
    source = people.get(link["from"])
    relationship = str(link["relationship"])
    return RelatedPerson(
        id=resource_id(link["id"]), active=True,
        identifier=[*([Identifier(system=t.BAND_NUMBER, value=source["band"], use="usual")]
                      if source is not None and source["band"] else []), _record_id(link["id"])],
        patient=_ref(link["to"]) if link["to"] in people else _outside(link["to"]),
        relationship=[_concept(t.relationship_code(relationship, source["sex"] if source else None),
                               (t.RELATIONSHIP_CODES, relationship), t.words(t.RELATIONSHIP_WORDS, relationship))],
        name=_names(source["given_names"], source["family_names"]) if source is not None else None,
        gender=source["sex"] if source is not None and source["sex"] in ("female", "male", "other", "unknown")
        else None,
        birthDate=_date(source["birth_date"]) if source is not None else None,
        extension=[
            _ext(t.LINK_PROVENANCE, valueCoding=Coding(system=t.PROVENANCE_CODES, code=link["provenance"],
                                                       display=t.words(t.PROVENANCE_WORDS, link["provenance"]))),
            _ext(t.LINK_STATE, valueCoding=Coding(system=t.STATE_CODES, code=link["state"],
                                                  display=t.words(t.STATE_WORDS, link["state"]))),
            *(_link_event(e) for e in link["events"])])


def _link_event(event: Row) -> Extension:
    parts = [_ext("state", valueCode=event["state"])]
    if event.get("kind"):
        parts.append(_ext("kind", valueCode=event["kind"]))
    if event.get("occurred_at"):
        parts.append(_ext("occurredAt", valueDateTime=event["occurred_at"]))
    for key, name in (("reason", "reason"), ("officer", "officer"), ("from_side", "fromSide"),
                      ("to_side", "toSide")):
        if event.get(key):
            parts.append(_ext(name, valueString=str(event[key])))
    return _ext(t.LINK_EVENT, extension=parts)


# --- the encounter and custody -----------------------------------------------------------------

def _encounters(family: FamilyDocument) -> Iterator[Resource]:
    encounter = family["encounter"]
    place = _apprehension_place(encounter)
    if place is not None:
        yield place
    yield Encounter(
        id=resource_id(encounter["id"]), status="finished", identifier=[_record_id(encounter["id"])],
        **_class(Coding(system=ACT_CODE, code="FLD", display="field")),
        type=[CodeableConcept(text="apprehension")], subject=_ref(family["id"]),
        period=Period(start=encounter["occurred_at"]) if encounter.get("occurred_at") else None,
        location=[EncounterLocation(location=_ref_to(place), status="completed")] if place is not None else None)
    places: dict[str, Location] = {}
    for person in family["people"]:
        history = person["custody_history"]
        for index, record in enumerate(history):
            later = history[index + 1] if index + 1 < len(history) else None
            location = _custody_place(record)
            if location is not None and str(location.id) not in places:
                places[str(location.id)] = location
                yield location
            yield _custody(person, record, later, location, in_transit=later is None and bool(
                (person["custody"] or {}).get("in_transit")))


def _apprehension_place(encounter: Row) -> Location | None:
    if not encounter.get("place"):
        return None
    position = None
    if encounter.get("latitude") is not None and encounter.get("longitude") is not None:
        position = LocationPosition(latitude=Decimal(str(encounter["latitude"])),
                                    longitude=Decimal(str(encounter["longitude"])))
    return Location(id=resource_id(f"place:{encounter['id']}"), status="active", name=str(encounter["place"]),
                    description="where the family unit was apprehended", position=position)


def _custody_place(record: Row) -> Location | None:
    """Where a custody record says the person is: a Kinlink station, or a facility (for a sponsor, the
    reference written instead of their name). None when the record names neither."""
    station, facility = record.get("station"), record.get("receiving_party")
    if not station and not facility:
        return None
    kind = str(record.get("location"))
    key = f"place:{kind}:{station or ''}:{record.get('agency') or ''}:{facility or ''}"
    name = str(facility) if facility else f"Kinlink station {station}"
    return Location(
        id=resource_id(key), status="active", name=name,
        identifier=[Identifier(system=t.STATION_CODE, value=str(station))] if station else None,
        description=", ".join(str(x) for x in (t.words(t.CUSTODY_WORDS, kind), record.get("agency")) if x))


def _custody(person: PersonView, record: Row, later: Row | None, location: Location | None, *,
             in_transit: bool) -> Encounter:
    """One custody record as an Encounter of its person: where, from when until the next record."""
    kind = str(record.get("location"))
    away = kind in ("released_to_sponsor", "removed")  # out of anyone's custody from then on
    status = "finished" if later is not None or away else "in-progress"
    where = "planned" if in_transit else "completed" if status == "finished" else "active"
    return Encounter(
        id=resource_id(str(record["id"])), status=status,
        identifier=[_record_id(str(record["id"])),
                    *([Identifier(system=t.CUSTODY_REFERENCE, value=str(record["reference"]))]
                      if record.get("reference") else [])],
        **_class(Coding(system=t.CUSTODY_CODES, code="custody", display="custody")),
        type=[_concept(t.Code(t.CUSTODY_CODES, kind, t.words(t.CUSTODY_WORDS, kind)))],
        subject=_ref(person["id"]),
        period=Period(start=record.get("since"), end=later.get("since") if later is not None else None),
        location=[EncounterLocation(location=_ref_to(location), status=where)] if location is not None else None,
        extension=[_ext(t.IN_TRANSIT, valueBoolean=True)] if in_transit else None)


def _class(coding: Coding) -> dict[str, Any]:
    """Encounter.class (a Python keyword: given by its FHIR name)."""
    return {"class": coding}


def _ref_to(location: Location) -> Reference:
    return Reference(reference=f"urn:uuid:{location.id}", display=location.name)
