"""The transfer sheet that goes with a child (docs/exports.md): one PDF page on A4 or letter, in English
or Spanish, whose QR code decodes to the child's band payload and verifies as the band does; refusals
(an adult, an unknown band, a symbolic link) with exit 2 and a message; the audit record; the
custody dialog's "Print transfer sheet" step driven by the keyboard; the real command without a
display."""

from __future__ import annotations

import hashlib
import json
import re
import stat
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from app import cli as kinlink_cli
from app import services
from app.store import audit_log
from app.ui import i18n
from app.ui.custody_dialogs import CustodyDialog
from app.ui.transfer_sheet import render_transfer_sheet
from tests.band_images import decode, rasterise_pdf
from tests.conftest import AGENT, PASSPHRASES, adult, child, document, link

PHOTO = Path(__file__).resolve().parents[2] / "docs" / "examples" / "photo.png"
POINTS = {"a4": (595, 842), "letter": (612, 792)}


@pytest.fixture
def family(agent: services.Session, example_document: bytes) -> dict[str, Any]:
    """The README's family (a mother and her pre-verbal baby, with a photo), separated, the baby sent
    to a shelter."""
    answer = services.register_family(session=agent, document=example_document, bundles={
        "c1": services.IdentityBundle(carried_by="a1", photos=[(PHOTO.read_bytes(), "file")])})
    bands = {p["ref"]: p["band"] for p in answer["families"][0]["people"]}
    services.separate(session=agent, child=bands["c1"], adult=bands["a1"], reason="mother taken to hospital")
    moved = services.transfer_custody(session=agent, person=bands["c1"], to="hhs_orr",
                                      facility="Casa Ñandú, Brownsville", reference="ORR-5521",
                                      reason="placement order")
    return {"bands": bands, "transfer": moved["custody"]}


def _text(pdf: Path) -> str:
    done = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, check=True, timeout=30)
    return " ".join(done.stdout.decode().split())


def _pages(pdf: Path) -> tuple[int, tuple[int, int]]:
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True, timeout=30).stdout.decode()
    size, pages = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info), re.search(r"Pages:\s+(\d+)", info)
    assert size is not None and pages is not None
    return int(pages[1]), (round(float(size[1])), round(float(size[2])))


def test_the_sheet_on_a4_in_english_carries_a_qr_that_verifies_as_the_band(
        qapp: object, agent: services.Session, family: dict[str, Any], tmp_path: Path) -> None:
    out = tmp_path / "sheet.pdf"
    baby = family["bands"]["c1"]
    answer = render_transfer_sheet(session=agent, person=baby, out=out, paper="a4", language="en",
                                   for_whom="HHS/ORR, Brownsville")
    assert answer["qr"] and answer["transfer"] == family["transfer"] and answer["language"] == "en"
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert _pages(out) == (1, POINTS["a4"])
    (page,) = rasterise_pdf(out, tmp_path, 200)
    (scanned,) = decode(page)
    assert scanned == services.band_payload(session=agent, band=baby)
    (check,) = services.verify_bands(session=agent, payloads=[scanned])["bands"]
    assert check["valid"] and check["band"] == baby
    text = _text(out)
    for expected in ("Custody transfer sheet", "HHS/ORR shelter (Casa Ñandú, Brownsville)", "placement order",
                     "ORR-5521", "ana, at Kinlink station", "María José García López", family["bands"]["a1"],
                     "mother · separated · claimed", "red cap, birthmark left wrist", "Photo taken",
                     "Adults the child arrived with (1)", "Received by"):
        assert expected in text, expected
    with agent.engine.connect() as conn:
        record = [r for r in audit_log.rows(conn) if r["action"] == "custody.sheet"][-1]
    assert record["outcome"] == "ok" and record["target"] == answer["person"]
    detail = json.loads(record["detail"])
    assert detail["sha256"] == hashlib.sha256(out.read_bytes()).hexdigest() and detail["bytes"] == out.stat().st_size
    assert detail["paper"] == "a4" and detail["language"] == "en" and detail["transfer"] == family["transfer"]
    assert detail["for"] == "HHS/ORR, Brownsville"
    assert "García" not in json.dumps(record) and "sheet.pdf" not in json.dumps(record)


def test_the_sheet_on_letter_in_spanish(spanish: None, agent: services.Session, family: dict[str, Any],
                                        tmp_path: Path) -> None:
    i18n.switch("en")  # (the fixture built the Spanish file; the sheet switches for its drawing only)
    out = tmp_path / "hoja.pdf"
    answer = render_transfer_sheet(session=agent, person=family["bands"]["c1"], out=out, paper="letter",
                                   language="es")
    assert answer["language"] == "es" and i18n.current_language() == "en"
    assert _pages(out) == (1, POINTS["letter"])
    text = _text(out)
    assert "madre · separados · declarado" in text and "Nombre desconocido" in text


def test_refusals_and_a_child_with_no_transfer(qapp: object, agent: services.Session, station: Path,
                                               family: dict[str, Any], tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    for name, value in (("KINLINK_DATA_DIR", str(station)), ("KINLINK_USER", AGENT),
                        ("KINLINK_PASSPHRASE", PASSPHRASES[AGENT])):
        monkeypatch.setenv(name, value)
    out = tmp_path / "sheet.pdf"
    assert kinlink_cli.main(["custody", "sheet", family["bands"]["a1"], "-o", str(out)]) == 2
    assert "is an adult: a transfer sheet goes with a child" in capsys.readouterr().err and not out.exists()
    assert kinlink_cli.main(["custody", "sheet", "ZZZZZ-9999-9", "-o", str(out)]) == 2
    assert "no person or band" in capsys.readouterr().err and not out.exists()
    victim = tmp_path / "victim.txt"
    victim.write_text("the planter's file")
    out.symlink_to(victim)
    assert kinlink_cli.main(["custody", "sheet", family["bands"]["c1"], "-o", str(out)]) == 2
    assert "symbolic link" in capsys.readouterr().err and victim.read_text() == "the planter's file"
    with agent.engine.connect() as conn:
        record = list(audit_log.rows(conn))[-1]
    assert record["action"] == "custody.sheet" and record["outcome"] == "failed"
    alone = services.register_family(session=agent, document=document({"people": [
        adult("a", "Ana", "D'Souza"), child("c", "Joël", "D'Souza", age_estimate_years=6)],
        "links": [link("a", "c", "aunt_uncle")]}))["families"][0]["people"][1]["band"]
    plain = tmp_path / "alone.pdf"
    assert kinlink_cli.main(["custody", "sheet", alone, "-o", str(plain), "--paper", "letter", "--language", "en"]) == 0
    assert json.loads(capsys.readouterr().out)["transfer"] is None
    text = _text(plain)
    assert "No transfer recorded" in text and "Joël D'Souza" in text and "aunt or uncle" in text


def test_the_custody_dialog_offers_the_sheet_once_a_child_is_transferred(
        qtbot: Any, agent: services.Session, station: Path, example_document: bytes, tmp_path: Path) -> None:
    answer = services.register_family(session=agent, document=example_document)["families"][0]
    baby = services.show_family(session=agent, ident=answer["people"][1]["band"])["people"][1]
    assert baby["role"] == "child"
    dialog = CustodyDialog(agent, station, dict(baby))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.location.setCurrentIndex(dialog.location.findData("hhs_orr"))
    qtbot.keyClicks(dialog.receiving_party, "Shelter 12")
    qtbot.keyClicks(dialog.reason, "placement order")
    with qtbot.waitSignal(dialog.recorded, timeout=5000):
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.heading.text() == "Transfer recorded"
    assert not dialog.reason.isVisible() and dialog.sheet_to.isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)  # Print to: the last choice, a file
    assert dialog.focusWidget() is dialog.sheet_to
    qtbot.keyClick(dialog.sheet_to, Qt.Key.Key_End)
    assert dialog.sheet_to.currentText() == "Save as a PDF file"
    assert dialog.save_button.text() == "&Save transfer sheet…"
    out = tmp_path / "chosen.pdf"
    dialog.ask_sheet_file = lambda: out  # type: ignore[method-assign]  # the file dialog's answer
    with qtbot.waitSignal(dialog.sheet_made, timeout=10000) as saved:
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert saved.args[0]["file"] == str(out) and out.read_bytes().startswith(b"%PDF")
    assert str(out) in dialog.subject.text() and dialog.focusWidget() is dialog.cancel_button
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_the_command_draws_without_a_display(spanish: None, cli: Any, agent: services.Session, family: dict[str, Any],
                                             tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("QT_QPA_PLATFORM", raising=False)
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    out = tmp_path / "sheet.pdf"
    done = cli("custody", "sheet", family["bands"]["c1"], "-o", str(out), "--paper", "letter", "--language", "es",
               user=AGENT)
    assert done.code == 0, done.stderr
    assert done.json["qr"] and done.json["paper"] == "letter" and done.json["language"] == "es"
    assert _pages(out) == (1, POINTS["letter"]) and "madre" in _text(out)


# Invented names, one per adult: a large extended family that arrived together.
MANY = ("Abril", "Benigna", "Celestino", "Dionisia", "Eusebio", "Fermina", "Gaudencio", "Hermelinda", "Isidro",
        "Jacinta", "Leoncio", "Macaria", "Nicanor", "Olegaria", "Primitivo", "Quintina", "Rosendo", "Saturnina",
        "Teodosio", "Ubaldina")


def _words(pdf: Path) -> list[list[tuple[str, float, float]]]:
    """Each page's words with their top and bottom (points from the top), as pdftotext -bbox reads them."""
    done = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, check=True, timeout=30)
    pages = done.stdout.decode().split("<page ")[1:]
    return [[(word, float(top), float(bottom)) for top, bottom, word in
             re.findall(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', page)]
            for page in pages]


# The words the test looks for, in each language: the table's title, the receiver's line, the second page's.
WORDS = {"en": ("Adults the child arrived with (20)", "Received", "(continued)", "Page 2 of 2"),
         "es": ("Adultos con los que llegó (20)", "Recibido", "(continuación)", "Página 2 de 2")}


@pytest.mark.parametrize(("paper", "language"), [("a4", "en"), ("letter", "es")])
def test_a_baby_who_arrived_with_twenty_adults_has_every_one_on_the_sheet(
        qapp: object, agent: services.Session, tmp_path: Path, paper: str, language: str) -> None:
    # the longest sheet: a pre-verbal child (band, photo), names long enough to wrap in the table
    people = [adult(f"a{n}", given, "Quispe Mamani de la Santísima Trinidad") for n, given in enumerate(MANY)]
    people.append(child("c", "Tomasito", "Quispe Mamani", age_estimate_years=1, preverbal=True,
                        description="blue blanket, small scar on the chin"))
    links = [link(f"a{n}", "c", "aunt_uncle" if n > 1 else ("mother", "father")[n]) for n in range(len(MANY))]
    answer = services.register_family(session=agent, document=document({"people": people, "links": links}), bundles={
        "c": services.IdentityBundle(carried_by="a0", photos=[(PHOTO.read_bytes(), "file")])})
    (boy,) = [p["band"] for p in answer["families"][0]["people"] if p["ref"] == "c"]
    out = tmp_path / "sheet.pdf"
    render_transfer_sheet(session=agent, person=boy, out=out, paper=paper, language=language)
    title, receiver, continued, last_page = WORDS[language]
    pages = _words(out)
    count, size = _pages(out)
    assert count == len(pages) == 2 and size == POINTS[paper]  # the adults go on over the page
    everything = [word for page in pages for word, _top, _bottom in page]
    for given in MANY:
        assert given in everything, given  # in the table (and in the family picture, space allowing)
    assert title in " ".join(everything) and last_page in _text(out)
    last = pages[-1]
    received = [top for word, top, _bottom in last if word == receiver]
    assert len(received) == 1 and receiver not in [word for word, *_ in pages[0]]
    # on each page, the table's rows end above the receiver's line and the footer: no row is drawn over them
    footer = min(top for word, top, _bottom in last if word == "QR")
    for page in pages:
        rows = [bottom for word, _top, bottom in page if word in MANY]
        floor = received[0] if page is last else footer
        assert rows and max(rows) < floor, (rows, floor)
    second = [word for word, *_ in pages[1]]
    assert continued in second and "Tomasito" in second  # which child, on the second page too
