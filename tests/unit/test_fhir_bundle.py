"""The FHIR R4 bundle from a family view, without a store (app/services/fhir_bundle.py, pure): the
relationship codes for every relationship, and what the integration tests' families do not have (a
link to a person of another unit, a merged record, a voided band, a person in transit)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B.bundle import Bundle

from app.domain import fhir_terms as t
from app.domain.model import Relationship
from app.services import fhir_bundle

CODES = {  # (relationship, the sex of FROM) -> (system, code)
    ("mother", "female"): (t.ROLE_CODE, "MTH"), ("father", "male"): (t.ROLE_CODE, "FTH"),
    ("legal_guardian", None): (t.ROLE_CODE, "GUARD"), ("grandparent", "female"): (t.ROLE_CODE, "GRMTH"),
    ("grandparent", "male"): (t.ROLE_CODE, "GRFTH"), ("grandparent", "unknown"): (t.ROLE_CODE, "GRPRN"),
    ("sibling", "male"): (t.ROLE_CODE, "SIB"), ("aunt_uncle", "female"): (t.ROLE_CODE, "AUNT"),
    ("aunt_uncle", "male"): (t.ROLE_CODE, "UNCLE"), ("aunt_uncle", "other"): (t.ROLE_CODE, "EXT"),
    ("other_relative", "female"): (t.ROLE_CODE, "EXT"), ("unrelated_adult", "male"): (t.V2_0131, "O"),
    ("unknown", "female"): (t.V2_0131, "U"),
}


@pytest.mark.parametrize(("relationship", "sex"), sorted(CODES, key=str))
def test_each_relationship_has_its_code(relationship: str, sex: str | None) -> None:
    code = t.relationship_code(relationship, sex)
    assert (code.system, code.code) == CODES[relationship, sex] and code.display


def test_every_relationship_is_in_the_table() -> None:
    assert {r for r, _ in CODES} == {r.value for r in Relationship}
    assert set(t.RELATIONSHIP_WORDS) == {r.value for r in Relationship}


def _person(pid: str, role: str, **values: Any) -> dict[str, Any]:
    return {"id": pid, "role": role, "given_names": None, "family_names": None, "sex": None, "birth_date": None,
            "age_estimate_years": None, "nationality": None, "languages": None, "preverbal": None,
            "description": None, "documents": None, "arrived_without_adult": None, "carried_by": None,
            "merged_into": None, "band": None, "bands": [], "custody": None, "custody_history": [], "photos": [],
            "merged_from": [], **values}


def test_links_out_of_the_unit_merged_records_voided_bands_and_transit() -> None:
    band = {"status": "issued", "reprints": 0, "void_reason": None, "issued_on": "2026-11-24", "printed_at": None,
            "attached_at": None}
    transfer = {"id": "c" * 32, "location": "station", "station": "7QXKM", "agency": None, "receiving_party": None,
                "reference": None, "since": "2026-11-25T10:00:00+00:00", "writer": "A5EVH", "in_transit": True}
    family = {"id": "f" * 32, "number": "A5EVH-1", "status": "open", "history": [],
              "encounter": {"id": "e" * 32, "occurred_at": "2026-11-24T14:05:00-07:00", "place": None},
              "people": [
                  _person("a" * 32, "adult", given_names="Elena", sex="female", band="A5EVH-2225-7",
                          bands=[{**band, "number": "A5EVH-2225-7"},
                                 {**band, "number": "A5EVH-2223-M", "status": "voided", "void_reason": "torn"}],
                          merged_from=["A5EVH-2230-4"], custody=transfer, custody_history=[transfer]),
                  _person("b" * 32, "adult", family_names="Tum", merged_into="a" * 32)],
              "links": [{"id": "1" * 32, "from": "a" * 32, "to": "9" * 32, "relationship": "aunt_uncle",
                         "provenance": "document_verified", "state": "reunified", "events": []}]}
    bundle = Bundle.model_validate_json(fhir_bundle.to_json(fhir_bundle.family_bundle(
        family, photos=None, generated_at=datetime(2026, 11, 26, tzinfo=UTC))))
    resources = {e.resource.get_resource_type() + ":" + str(e.resource.id): e.resource for e in bundle.entry}
    aunt = resources[f"RelatedPerson:{fhir_bundle.resource_id('1' * 32)}"]
    assert aunt.patient.reference is None and aunt.patient.identifier.value == "9" * 32  # not in this bundle
    assert [c.code for c in aunt.relationship[0].coding] == ["AUNT", "aunt_uncle"]
    elena = resources[f"Patient:{fhir_bundle.resource_id('a' * 32)}"]
    assert [(i.value, i.use) for i in elena.identifier if i.system == t.BAND_NUMBER] == [
        ("A5EVH-2225-7", "usual"), ("A5EVH-2223-M", "old"), ("A5EVH-2230-4", "secondary")]
    merged = resources[f"Patient:{fhir_bundle.resource_id('b' * 32)}"]
    assert merged.active is False and [(x.type, x.other.reference) for x in merged.link] == [
        ("replaced-by", f"urn:uuid:{elena.id}")]
    assert merged.name[0].family == "Tum" and merged.name[0].given__ext[0].extension[0].valueCode == "unknown"
    transit = resources[f"Encounter:{fhir_bundle.resource_id('c' * 32)}"]
    assert (transit.status, transit.location[0].status) == ("in-progress", "planned")
    assert [e.url for e in transit.extension] == [t.IN_TRANSIT]


def test_the_example_in_the_docs_is_a_bundle_of_the_readme_family() -> None:
    """docs/examples/fhir-bundle.json (scripts/fhir_example.py) reads back as docs/exports.md says."""
    example = Path(__file__).resolve().parents[2] / "docs" / "examples" / "fhir-bundle.json"
    bundle = Bundle.model_validate_json(example.read_bytes())
    kinds = sorted(e.resource.get_resource_type() for e in bundle.entry)
    assert kinds == ["Encounter"] * 3 + ["Group"] + ["Location"] * 2 + ["Patient"] * 2 + ["RelatedPerson"]
    names = [e.resource.name[0] for e in bundle.entry if e.resource.get_resource_type() == "Patient"]
    assert [n.text for n in names] == ["María José García López", None]
    assert names[1].extension[0].url == t.DATA_ABSENT_REASON
