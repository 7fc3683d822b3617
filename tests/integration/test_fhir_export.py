"""The FHIR R4 export (docs/exports.md) on a real encrypted store: every exported bundle is parsed back
with ``fhir.resources`` and every person, band and link (relationship, provenance, state) checked;
unknown names are absent with their reason; photos only when asked for; every export audited with who
it is for; a symbolic link refused; the command line once through the real process."""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from fhir.resources.R4B.bundle import Bundle
from sqlalchemy import select

from app import services
from app.cli import main as cli_main
from app.domain import fhir_terms as t
from app.store import schema
from tests.conftest import AGENT, EXAMPLE_DOCUMENT, PASSPHRASES, ROOT, adult, child, document, link

PHOTO = (ROOT / "docs" / "examples" / "photo.png").read_bytes()
UNNAMED = document({
    "people": [adult("m", "Rosa Elvira", "Tzul Ixcoy", age_estimate_years=30, nationality="GT", languages=["quc", "es"],
                     documents=[{"type": "a_number", "number": "A123456789"}]),
               {**adult("p", "Tomás", None), "sex": "male"},
               child("b", None, None, sex="unknown", age_estimate_years=0.5, preverbal=True,
                     description="green blanket, no hair")],
    "links": [link("m", "b", "mother", "observed"), link("p", "b", "unknown")]})


def _export(session: services.Session, ident: str, out: Path, **options: Any) -> tuple[dict[str, Any], Bundle]:
    answer = services.export_fhir(session=session, ident=ident, out=out, **options)
    return answer, Bundle.model_validate_json(out.read_bytes())


def _by_type(bundle: Bundle) -> dict[str, list[Any]]:
    found: dict[str, list[Any]] = {}
    for entry in bundle.entry or []:
        found.setdefault(entry.resource.get_resource_type(), []).append(entry.resource)
    return found


def _record(resource: Any) -> str:
    """Kinlink's id of the record a resource comes from."""
    return next(i.value for i in resource.identifier if i.system == t.RECORD_ID)


def _values(resource: Any, system: str) -> list[str]:
    return [i.value for i in resource.identifier or [] if i.system == system]


def _extension(resource: Any, url: str) -> Any:
    found = [e for e in resource.extension or [] if e.url == url]
    return found[0] if found else None


def _references_resolve(bundle: Bundle) -> None:
    """Every reference to a resource in the bundle names one of its entries."""
    urls = {entry.fullUrl for entry in bundle.entry or []}
    text = bundle.model_dump_json()
    for part in text.split('"reference":"')[1:]:
        assert part.split('"', 1)[0] in urls


def _audit(session: services.Session, action: str) -> list[dict[str, Any]]:
    with session.engine.connect() as conn:
        rows = conn.execute(select(schema.audit).where(schema.audit.c.action == action)
                            .order_by(schema.audit.c.seq)).mappings()
        return [{**r, "detail": json.loads(r["detail"])} for r in rows]


def test_the_example_family_round_trips(agent: services.Session, example_document: bytes, tmp_path: Path) -> None:
    family = services.register_family(session=agent, document=example_document)["families"][0]
    ids = {p["ref"]: p["id"] for p in family["people"]}
    bands = {p["ref"]: p["band"] for p in family["people"]}
    out = tmp_path / "family.json"
    answer, bundle = _export(agent, bands["a1"], out, for_whom="ORR shelter, Brownsville")
    assert (out.stat().st_mode & 0o777) == 0o600
    assert answer["family"]["number"] == family["number"] and answer["people"] == 2 and answer["photos"] == 0
    assert bundle.type == "collection"
    _references_resolve(bundle)
    found = _by_type(bundle)
    patients = {_record(p): p for p in found["Patient"]}
    assert set(patients) == set(ids.values())
    mother, baby = patients[ids["a1"]], patients[ids["c1"]]
    assert (mother.name[0].given, mother.name[0].family) == (["María José"], "García López")
    assert (str(mother.birthDate), mother.gender) == ("1990-03-02", "female")
    assert [c.language.coding[0].code for c in mother.communication] == ["es", "quc"]
    for ref, person in (("a1", mother), ("c1", baby)):
        assert _values(person, t.BAND_NUMBER) == [bands[ref]]
        assert _values(person, t.FAMILY_NUMBER) == [family["number"]]
    # The baby's name is not known: absent, with the reason; never a placeholder.
    assert baby.name[0].given is None and baby.name[0].family is None and baby.name[0].text is None
    assert [(e.url, e.valueCode) for e in baby.name[0].extension] == [(t.DATA_ABSENT_REASON, "unknown")]
    assert baby.birthDate is None and float(_extension(baby, t.AGE_ESTIMATE).valueAge.value) == 1
    assert _extension(baby, t.PREVERBAL).valueBoolean is True
    assert _extension(baby, t.DESCRIPTION).valueString == "red cap, birthmark left wrist"
    assert baby.photo is None
    related, = found["RelatedPerson"]
    assert [(c.system, c.code) for c in related.relationship[0].coding] == [(t.ROLE_CODE, "MTH"),
                                                                           (t.RELATIONSHIP_CODES, "mother")]
    assert related.patient.reference == f"urn:uuid:{baby.id}" and _values(related, t.BAND_NUMBER) == [bands["a1"]]
    assert _extension(related, t.LINK_PROVENANCE).valueCoding.code == "claimed"
    assert _extension(related, t.LINK_STATE).valueCoding.code == "together"
    assert [x.other.reference for x in mother.link] == [f"urn:uuid:{related.id}"]
    group, = found["Group"]
    assert {m.entity.reference for m in group.member} == {f"urn:uuid:{p.id}" for p in patients.values()}
    assert _values(group, t.FAMILY_NUMBER) == [family["number"]]
    apprehension = next(e for e in found["Encounter"] if e.class_fhir.code == "FLD")
    assert apprehension.subject.reference == f"urn:uuid:{group.id}"
    place = next(x for x in found["Location"] if x.name == "Sasabe port, sector Tucson")
    assert (float(place.position.latitude), float(place.position.longitude)) == (31.3, -110.9)


def test_an_unnamed_child_with_photos_a_separation_and_a_transfer(agent: services.Session, tmp_path: Path) -> None:
    family = services.register_family(session=agent, document=UNNAMED, bundles={
        "b": services.IdentityBundle(carried_by="m", photos=[(PHOTO, "file")])})["families"][0]
    ids = {p["ref"]: p["id"] for p in family["people"]}
    services.separate(session=agent, child=ids["b"], adult=ids["p"], reason="adult to secondary inspection")
    services.transfer_custody(session=agent, person=ids["b"], to="hhs_orr", facility="ORR shelter, Brownsville",
                              reference="ORR-555", reason="placement order")
    _answer, without = _export(agent, family["number"], tmp_path / "without.json")
    assert all(p.photo is None for p in _by_type(without)["Patient"])
    answer, bundle = _export(agent, family["id"], tmp_path / "with.json", photos=True)
    _references_resolve(bundle)
    found = _by_type(bundle)
    patients = {_record(p): p for p in found["Patient"]}
    baby, father, mother = patients[ids["b"]], patients[ids["p"]], patients[ids["m"]]
    assert answer["photos"] == 1 and len(baby.photo) == 1 and baby.photo[0].contentType == "image/jpeg"
    raw = json.loads((tmp_path / "with.json").read_bytes())
    [data] = [a["data"] for e in raw["entry"] for a in e["resource"].get("photo", [])]
    assert base64.b64decode(data, validate=True).startswith(b"\xff\xd8")  # the re-encoded JPEG the store keeps
    assert father.photo is None and mother.photo is None
    assert _extension(baby, t.CARRIED_BY).valueReference.reference == f"urn:uuid:{mother.id}"
    assert baby.gender == "unknown" and float(_extension(baby, t.AGE_ESTIMATE).valueAge.value) == 0.5
    assert (father.name[0].given, father.name[0].family, father.name[0].text) == (["Tomás"], None, "Tomás")
    assert [e.valueCode for e in father.name[0].family__ext.extension] == ["unknown"]
    assert _extension(mother, t.NATIONALITY).extension[0].valueCodeableConcept.coding[0].code == "GT"
    assert _values(mother, t.A_NUMBER) == ["A123456789"]
    links = {_record(p): p for p in found["RelatedPerson"]}
    assert len(links) == 2
    unknown = next(r for r in links.values() if r.relationship[0].coding[1].code == "unknown")
    assert (unknown.relationship[0].coding[0].system, unknown.relationship[0].coding[0].code) == (t.V2_0131, "U")
    assert _extension(unknown, t.LINK_STATE).valueCoding.code == "separated"
    event = _extension(unknown, t.LINK_EVENT)
    parts = {e.url: e for e in event.extension}
    assert parts["state"].valueCode == "separated" and parts["reason"].valueString == "adult to secondary inspection"
    mothers = next(r for r in links.values() if r.relationship[0].coding[1].code == "mother")
    assert _extension(mothers, t.LINK_STATE).valueCoding.code == "together"
    assert _extension(mothers, t.LINK_PROVENANCE).valueCoding.code == "observed"
    custody = [e for e in found["Encounter"] if e.subject.reference == f"urn:uuid:{baby.id}"]
    assert [(e.type[0].coding[0].code, e.status) for e in custody] == [("station", "finished"),
                                                                      ("hhs_orr", "in-progress")]
    assert custody[0].period.end == custody[1].period.start
    assert _values(custody[1], t.CUSTODY_REFERENCE) == ["ORR-555"]
    assert custody[1].location[0].location.display == "ORR shelter, Brownsville"


def test_every_export_is_audited_and_a_symbolic_link_refused(agent: services.Session, supervisor: services.Session,
                                                             example_document: bytes, tmp_path: Path) -> None:
    family = services.register_family(session=agent, document=example_document)["families"][0]
    services.export_fhir(session=agent, ident=family["number"], out=tmp_path / "a.json", for_whom="ICE Port Isabel")
    services.export_fhir(session=agent, ident=family["number"], out=tmp_path / "b.json", photos=True)
    target = tmp_path / "elsewhere.json"
    target.write_text("kept")
    planted = tmp_path / "planted.json"
    planted.symlink_to(target)
    with pytest.raises(services.OutputError, match="symbolic link"):
        services.export_fhir(session=agent, ident=family["number"], out=planted)
    assert planted.is_symlink() and target.read_text() == "kept"
    records = _audit(agent, "export.fhir")
    assert [(r["outcome"], r["target"], r["user"]) for r in records] == [
        ("ok", family["id"], AGENT), ("ok", family["id"], AGENT), ("failed", family["id"], AGENT)]
    assert [(r["detail"]["for"], r["detail"]["photos"]) for r in records] == [
        ("ICE Port Isabel", False), (None, True), (None, False)]
    assert set(records[0]["detail"]["people"]) == {p["id"] for p in family["people"]}
    assert records[2]["detail"]["symlink"] is True
    trail = services.audit_trail(session=supervisor, person=family["people"][1]["band"], action="export")
    assert len(trail["records"]) == 3, "the person's audit trail shows each export of their family"


def test_refused_exports_write_nothing(agent: services.Session, admin: services.Session, example_document: bytes,
                                      tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    family = services.register_family(session=agent, document=example_document)["families"][0]
    out = tmp_path / "x.json"
    with pytest.raises(services.NotPermitted):  # an admin runs the station and reads no family
        services.export_fhir(session=admin, ident=family["number"], out=out)
    with pytest.raises(services.ValidationError, match="for"):
        services.export_fhir(session=agent, ident=family["number"], out=out, for_whom="x" * 301)
    assert not out.exists()
    assert [r["outcome"] for r in _audit(agent, "export.fhir")] == ["denied"]
    monkeypatch.setenv("KINLINK_PASSPHRASE", PASSPHRASES[AGENT])
    base = ["--data-dir", str(agent.data_dir), "--user", AGENT, "export", "fhir"]
    assert cli_main([*base, "NOPE9-1", "-o", str(out)]) == 2
    assert "no family unit, person or band 'NOPE9-1'" in capsys.readouterr().err
    out.symlink_to(tmp_path / "target.json")
    assert cli_main([*base, family["number"], "-o", str(out)]) == 2
    assert "symbolic link" in capsys.readouterr().err and not (tmp_path / "target.json").exists()


def test_the_command_line_exports_a_family(cli: Any, station: Path, tmp_path: Path) -> None:
    session = services.sign_in(data_dir=station, user=AGENT, passphrase=PASSPHRASES[AGENT])
    try:
        family = services.register_family(session=session, document=EXAMPLE_DOCUMENT.read_bytes())["families"][0]
    finally:
        session.close()
    out = tmp_path / "family.fhir.json"
    done = cli("export", "fhir", family["people"][1]["band"], "-o", str(out), "--for", "ORR shelter", "--photos",
               user=AGENT)
    assert done.code == 0, done.stderr
    assert done.json["written"] == str(out) and done.json["for"] == "ORR shelter" and done.json["people"] == 2
    assert len(_by_type(Bundle.model_validate_json(out.read_bytes()))["Patient"]) == 2


def test_starting_the_app_does_not_load_fhir_resources() -> None:
    code = ("import sys, app.cli, app.services, app.ui.main_window; "
            "sys.exit(any(m == 'fhir' or m.startswith('fhir.') for m in sys.modules))")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=False).returncode == 0
