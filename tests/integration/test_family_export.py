"""`kinlink family show ID|BAND --format csv [-o FILE]`: one row per person, read back with Python's csv
module cell by cell (apostrophes, diacritics, a cell that would be a formula), written 0600, a
symbolic link refused, audited without names; stdout through the command line (in process)."""

from __future__ import annotations

import csv
import io
import json
import stat
from pathlib import Path
from typing import Any

import pytest

from app import cli as kinlink_cli
from app import services
from app.domain.family_csv import CSV_HEADER
from app.store import audit_log
from tests.conftest import AGENT, PASSPHRASES, adult, child, document, link

BOM = b"\xef\xbb\xbf"


@pytest.fixture
def family(agent: services.Session) -> dict[str, Any]:
    """An invented family: a mother, an adult of unknown relation whose name would be a formula, and a
    pre-verbal baby separated from the mother and sent to a shelter."""
    raw = document({"people": [
        adult("m", "Siobhán", "O'Brien-Núñez", birth_date="1991-07-15"),
        adult("x", "=Zoë", "+Amaru", sex="male", age_estimate_years=30),
        child("b", None, None, age_estimate_years=1, preverbal=True, description="gorra roja, lunar en la muñeca")],
        "links": [link("m", "b"), link("x", "b", "unknown", "observed")]})
    answer = services.register_family(session=agent, document=raw)["families"][0]
    bands = {p["ref"]: p["band"] for p in answer["people"]}
    services.separate(session=agent, child=bands["b"], adult=bands["m"], reason="mother taken to hospital")
    moved = services.transfer_custody(session=agent, person=bands["b"], to="hhs_orr",
                                      facility="Casa Ñandú, Brownsville", reason="placement order")
    return {"number": answer["number"], "bands": bands, "since": moved["since"]}


def _rows(data: bytes) -> dict[str, dict[str, str]]:
    assert data.startswith(BOM) and b"\r\n" in data
    rows = list(csv.reader(io.StringIO(data[len(BOM):].decode("utf-8"), newline="")))
    assert tuple(rows[0]) == CSV_HEADER
    return {r[1]: dict(zip(CSV_HEADER, r, strict=True)) for r in rows[1:]}


def test_the_csv_has_one_row_per_person_cell_by_cell(agent: services.Session, family: dict[str, Any],
                                                      tmp_path: Path) -> None:
    out = tmp_path / "family.csv"
    answer = services.write_family(session=agent, ident=family["bands"]["b"], fmt="csv", out=out)
    assert answer["written"] == str(out) and answer["people"] == 3 and answer["family"]["number"] == family["number"]
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    rows = _rows(out.read_bytes())
    m, x, b = (family["bands"][r] for r in "mxb")
    assert set(rows) == {m, x, b}
    station = agent.identity.code
    assert {k: v for k, v in rows[m].items() if k != "custody"} == {
        "family": family["number"], "band": m, "given_names": "Siobhán", "family_names": "O'Brien-Núñez",
        "role": "adult", "sex": "female", "birth_date": "1991-07-15", "age_estimate_years": "", "preverbal": "no",
        "description": "", "links": f"mother of {b} (separated, claimed)"}
    assert rows[m]["custody"].startswith(f"station ({station}) since 20")
    assert {k: v for k, v in rows[x].items() if k != "custody"} == {
        "family": family["number"], "band": x, "given_names": "'=Zoë", "family_names": "'+Amaru",
        "role": "adult", "sex": "male", "birth_date": "", "age_estimate_years": "30", "preverbal": "no",
        "description": "", "links": f"unknown relationship to {b} (together, observed)"}
    assert rows[b] | {"links": ""} == {
        "family": family["number"], "band": b, "given_names": "", "family_names": "", "role": "child",
        "sex": "male", "birth_date": "", "age_estimate_years": "1", "preverbal": "yes",
        "description": "gorra roja, lunar en la muñeca",
        "custody": f"hhs_orr (Casa Ñandú, Brownsville) since {family['since']}", "links": ""}
    assert sorted(rows[b]["links"].split("; ")) == sorted([f"mother: {m} (separated, claimed)",
                                                          f"unknown relationship: {x} (together, observed)"])


def test_a_symbolic_link_is_refused_and_an_export_is_audited_without_names(agent: services.Session,
                                                                          family: dict[str, Any],
                                                                          tmp_path: Path) -> None:
    victim, out = tmp_path / "victim.txt", tmp_path / "family.csv"
    victim.write_text("the planter's file")
    out.symlink_to(victim)
    with pytest.raises(services.OutputError, match="symbolic link"):
        services.write_family(session=agent, ident=family["bands"]["m"], fmt="csv", out=out)
    assert victim.read_text() == "the planter's file" and out.is_symlink()
    with agent.engine.connect() as conn:
        assert [r for r in audit_log.rows(conn) if r["action"] == "family.export"] == [], "nothing written, nothing"
    plain = tmp_path / "family.json"
    services.write_family(session=agent, ident=family["number"], fmt="json", out=plain, for_whom="ORR, Brownsville")
    assert json.loads(plain.read_text())["number"] == family["number"]
    with agent.engine.connect() as conn:
        record = list(audit_log.rows(conn))[-1]
    assert record["action"] == "family.export" and record["outcome"] == "ok"
    assert json.loads(record["detail"]) == {"format": "json", "to": "file", "people": 3, "for": "ORR, Brownsville"}
    assert "Siobhán" not in json.dumps(record) and "family.json" not in json.dumps(record)


def test_csv_on_stdout_and_bad_input(agent: services.Session, family: dict[str, Any], station: Path,
                                     monkeypatch: pytest.MonkeyPatch,
                                     capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    monkeypatch.setenv("KINLINK_DATA_DIR", str(station))
    monkeypatch.setenv("KINLINK_USER", AGENT)
    monkeypatch.setenv("KINLINK_PASSPHRASE", PASSPHRASES[AGENT])
    assert kinlink_cli.main(["family", "show", family["bands"]["m"], "--format", "csv"]) == 0
    shown = capsysbinary.readouterr().out
    rows = _rows(shown)
    assert rows[family["bands"]["m"]]["given_names"] == "Siobhán" and len(rows) == 3
    assert kinlink_cli.main(["family", "show", "ZZZZZ-9999-9", "--format", "csv"]) == 2
    assert b"no " in capsysbinary.readouterr().err
    with pytest.raises(SystemExit) as usage:
        kinlink_cli.main(["family", "show", family["bands"]["m"], "--format", "xml"])
    assert usage.value.code == 2
