"""Band files and printing through the services: one family unit per file or job, real signed
payloads, the print permission, an audit record with ids only, clear errors for missing printers."""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from app import services
from app.store import audit_log
from app.ui import band_output, cups_job, none_guard
from app.ui.settings import DEFAULT_PRINTER, Settings
from tests.band_images import band_family_document, decode, rasterise_pdf, zpl_graphic, zpl_labels

NAMES = ("Ixchel", "Batz", "Quixab", "Tzunun")


@pytest.fixture
def family(agent: services.Session) -> dict[str, Any]:
    return services.register_family(session=agent, document=band_family_document())["families"][0]


def _payloads(session: services.Session, family: dict[str, Any]) -> dict[str, str]:
    return {p["band"]: services.band_payload(session=session, band=p["band"]) for p in family["people"]}


def _audit(session: services.Session, action: str) -> list[dict[str, Any]]:
    with session.engine.connect() as conn:
        return [r for r in audit_log.rows(conn) if r["action"] == action]


def test_family_pdf_has_every_band_adults_first_and_decodes(agent: services.Session, family: dict[str, Any],
                                                           tmp_path: Path) -> None:
    out = tmp_path / "family.pdf"
    answer = band_output.render_family_bands(session=agent, family=family["number"], fmt="pdf", out=out)
    assert [b["layout"] for b in answer["bands"]] == ["adult", "adult", "child", "infant"]
    assert answer["without_band"] == [] and answer["file"] == str(out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    payloads = _payloads(agent, family)
    pages = rasterise_pdf(out, tmp_path)
    assert [decode(p) for p in pages] == [[payloads[b["band"]]] for b in answer["bands"]]
    (record,) = _audit(agent, "band.render")
    assert (record["target"], record["outcome"]) == (family["id"], "ok")
    detail = json.loads(record["detail"])
    assert detail["format"] == "pdf" and len(detail["bands"]) == 4
    assert not any(name in record["detail"] for name in NAMES) and str(tmp_path) not in record["detail"]


@pytest.mark.parametrize("fmt", ["png", "zpl"])
def test_one_band_by_its_number(agent: services.Session, family: dict[str, Any], tmp_path: Path, fmt: str) -> None:
    baby = family["people"][3]["band"]
    out = tmp_path / f"baby.{fmt}"
    answer = band_output.render_family_bands(session=agent, family=baby, band=baby, fmt=fmt, out=out, dpi=300)
    assert [(b["band"], b["layout"], b["dpi"]) for b in answer["bands"]] == [(baby, "infant", 300)]
    payload = services.band_payload(session=agent, band=baby)
    if fmt == "png":
        assert decode(Image.open(out)) == [payload]
    else:
        (label,) = zpl_labels(out.read_text())
        assert decode(zpl_graphic(label)) == [payload]


def test_the_adults_band_lists_the_childrens_numbers(agent: services.Session, family: dict[str, Any]) -> None:
    job = services.band_job(session=agent, family=family["id"])
    mother = job.drawings[0]
    children = [t.text for t in mother.texts if t.kind == "children"]
    assert children == [family["people"][2]["band"], family["people"][3]["band"]]
    unknown_adult = job.drawings[1]
    assert [t.text for t in unknown_adult.texts if t.kind == "name"] == ["unknown"]
    text = " ".join(t.text for d in job.drawings for t in d.texts)
    for not_on_a_band in ("GT", "female", "male", "green blanket", "1997"):
        assert not_on_a_band not in text


def test_a_voided_band_is_not_printed(agent: services.Session, supervisor: services.Session,
                                      family: dict[str, Any], tmp_path: Path) -> None:
    child = family["people"][2]["band"]
    services.void_band(session=supervisor, band=child, reason="torn off")
    with pytest.raises(services.ValidationError, match="voided"):
        band_output.render_family_bands(session=agent, family=child, band=child, fmt="png", out=tmp_path / "x.png")
    answer = services.band_job(session=agent, family=family["number"])
    assert len(answer.drawings) == 3 and answer.without_band == (family["people"][2]["id"],)
    assert not (tmp_path / "x.png").exists()


def test_an_admin_may_not_print_bands_and_the_refusal_is_audited(admin: services.Session,
                                                                 family: dict[str, Any], tmp_path: Path) -> None:
    with pytest.raises(services.NotPermitted):
        band_output.render_family_bands(session=admin, family=family["number"], fmt="png", out=tmp_path / "x.png")
    assert [r["outcome"] for r in _audit(admin, "band.print")] == ["denied"]
    assert not (tmp_path / "x.png").exists()


def test_a_printer_that_is_not_there_is_a_clear_error_and_nothing_is_recorded_as_printed(
        agent: services.Session, family: dict[str, Any]) -> None:
    with pytest.raises(services.PrinterError, match="there is no printer 'Bands-Nowhere' on this station"):
        band_output.print_family_bands(session=agent, family=family["number"], printer_name="Bands-Nowhere")
    assert _audit(agent, "band.print") == []
    assert Settings(agent.data_dir).get(DEFAULT_PRINTER) == ""


def test_private_spool_is_a_private_folder_in_memory_removed_afterwards(monkeypatch: pytest.MonkeyPatch,
                                                                        tmp_path: Path) -> None:
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    with cups_job.private_spool() as folder:
        assert folder is not None and os.environ["TMPDIR"] == str(folder)
        assert cups_job.in_memory(folder) and stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert not folder.exists() and os.environ["TMPDIR"] == str(tmp_path)
    assert not cups_job.in_memory(tmp_path)  # the test's own folder is on disk here


def test_none_survives_any_number_of_void_qt_calls(qapp: object) -> None:
    from PySide6.QtCore import QPoint

    none_guard.protect_none()  # a no-op on the pinned PySide6 6.11.3; needed on 6.12.0
    assert not none_guard.protect_none()  # idempotent
    point = QPoint()
    for _ in range(50_000):  # more than a fresh process has references to None
        point.setX(1)
    assert sys.getrefcount(None) > 10_000, "None is still well referenced (a leak would have aborted)"
