"""The band steps of the intake desk, driven by keyboard like an agent: print a family's bands in
one job (a PDF decoded back, a fake Zebra on 127.0.0.1), a reprint that asks why, a printer that
does not answer and a retry that keeps the form, then putting the bands on with scans: each person
ticked off, a band for someone else flagged, and a saved family flowing from save to print to
putting the bands on."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from app import services
from app.store import schema
from app.ui.attach_dialog import AttachBandsDialog
from app.ui.band_output import Destination
from app.ui.main_window import MainWindow
from app.ui.print_dialog import PrintBandsDialog
from app.ui.settings import PRINT_DESTINATION, PRINT_DPI, Settings
from tests.band_images import band_family_document, decode, rasterise_pdf
from tests.conftest import adult, child, document, link
from tests.integration.test_print_zpl import FakeZebra, _serve


@pytest.fixture
def printer() -> Iterator[FakeZebra]:
    yield from _serve(FakeZebra())


@pytest.fixture
def registered(agent: services.Session) -> dict[str, Any]:
    answer = services.register_family(session=agent, document=band_family_document())["families"][0]
    return services.show_family(session=agent, ident=answer["id"])  # people in the order the app shows them


def _window(qtbot: Any, session: services.Session, data_dir: Path, family: dict[str, Any]) -> MainWindow:
    window = MainWindow(session, data_dir)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.open_family(family["id"])
    qtbot.waitUntil(lambda: window.family_view.family() is not None, timeout=5000)
    return window


def _activate(qtbot: Any, widget: Any) -> None:
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow, timeout=5000)


def _by_shortcut(qtbot: Any, window: MainWindow, key: Qt.Key, attribute: str) -> Any:
    """Press Ctrl+``key`` in the main window; the band dialog it opens, active."""
    _activate(qtbot, window)
    qtbot.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: getattr(window.bands, attribute) is not None
                    and getattr(window.bands, attribute).isVisible(), timeout=5000)
    dialog = getattr(window.bands, attribute)
    _activate(qtbot, dialog)
    return dialog


def _print_dialog(qtbot: Any, window: MainWindow) -> PrintBandsDialog:
    dialog = _by_shortcut(qtbot, window, Qt.Key.Key_P, "printing")
    assert isinstance(dialog, PrintBandsDialog)
    return dialog


def _choose(dialog: PrintBandsDialog, kind: str) -> None:
    for index in range(dialog.destination.count()):
        if dialog.destination.itemData(index).kind == kind:
            dialog.destination.setCurrentIndex(index)
            return
    raise AssertionError(f"no destination {kind}")


def _bands(session: services.Session) -> dict[str, dict[str, Any]]:
    with session.engine.connect() as conn:
        return {row["person_id"]: dict(row) for row in conn.execute(select(schema.band)).mappings()}


def _rows(window: MainWindow) -> list[str]:
    tree = window.family_view.people
    return [tree.topLevelItem(i).text(2) for i in range(tree.topLevelItemCount())]


def test_print_to_a_pdf_file_decodes_and_the_choice_is_remembered(qtbot: Any, agent: services.Session,
                                                                  station: Path, registered: dict[str, Any],
                                                                  tmp_path: Path) -> None:
    window = _window(qtbot, agent, station, registered)
    dialog = _print_dialog(qtbot, window)
    assert [line.split(" — band ")[1] for line in dialog.bands_list.text().splitlines()] == \
        [p["band"] for p in registered["people"]]
    _choose(dialog, "pdf")
    assert dialog.file_path.isVisible() and not dialog.reason.isVisible() and not dialog.host.isVisible()
    out = tmp_path / "family.pdf"
    dialog.file_path.setText(str(out))
    dialog.dpi.setCurrentIndex(1)
    qtbot.keyClick(dialog, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.done_message.isVisible(), timeout=15000)
    assert dialog.done_message.text().startswith("4 bands sent to")
    pages = rasterise_pdf(out, tmp_path, dpi=300)
    found = sorted(text for page in pages for text in decode(page))
    assert found == sorted(services.band_payload(session=agent, band=p["band"]) for p in registered["people"])
    assert not dialog.print_button.isEnabled() and dialog.close_button.hasFocus()
    settings = Settings(station)
    assert (settings.get(PRINT_DESTINATION), settings.get(PRINT_DPI)) == ("pdf", 300)
    assert all(row["printed_at"] is None for row in _bands(agent).values()), "a file is not a print"
    dialog.close()
    qtbot.waitUntil(lambda: window.bands.printing is None, timeout=5000)

    again = _print_dialog(qtbot, window)
    assert again.chosen().kind == "pdf" and again.dpi.currentData() == 300


def test_print_to_a_network_printer_then_a_reprint_needs_a_reason(qtbot: Any, agent: services.Session,
                                                                  station: Path, registered: dict[str, Any],
                                                                  printer: FakeZebra) -> None:
    window = _window(qtbot, agent, station, registered)
    dialog = _print_dialog(qtbot, window)
    _choose(dialog, "zpl")
    qtbot.keyClick(dialog.print_button, Qt.Key.Key_Return)  # no address yet
    assert dialog.problems[dialog.host].text() == "Required." and dialog.host.hasFocus()
    qtbot.keyClicks(dialog.host, "127.0.0.1")
    dialog.port.setValue(printer.port)
    dialog.print_bands()
    qtbot.waitUntil(lambda: dialog.done_message.isVisible(), timeout=15000)
    assert len(printer.jobs) == 1 and printer.jobs[0].count(b"^XA") == 4, "one job, every band"
    assert all(row["printed_at"] for row in _bands(agent).values())
    qtbot.waitUntil(lambda: "(printed)" in _rows(window)[0], timeout=5000)
    assert Settings(station).get(PRINT_DESTINATION) == f"zpl:127.0.0.1:{printer.port}"
    dialog.close()
    qtbot.waitUntil(lambda: window.bands.printing is None, timeout=5000)

    reprint = _print_dialog(qtbot, window)
    assert reprint.chosen() == Destination("zpl", host="127.0.0.1", port=printer.port)
    assert reprint.reason.isVisible()
    reprint.print_bands()
    assert "printed before" in reprint.problems[reprint.reason].text() and reprint.reason.hasFocus()
    assert len(printer.jobs) == 1, "nothing sent without the reason"
    qtbot.keyClicks(reprint.reason, "bands soaked at the river")
    reprint.print_bands()
    qtbot.waitUntil(lambda: reprint.done_message.isVisible(), timeout=15000)
    assert len(printer.jobs) == 2 and all(row["reprints"] == 1 for row in _bands(agent).values())


def test_a_printer_that_does_not_answer_keeps_the_form_and_print_again_works(
        qtbot: Any, agent: services.Session, station: Path, registered: dict[str, Any], printer: FakeZebra) -> None:
    window = _window(qtbot, agent, station, registered)
    dialog = _print_dialog(qtbot, window)
    _choose(dialog, "zpl")
    dead = FakeZebra()
    dead.server_close()  # nobody listens there
    dialog.host.setText("127.0.0.1")
    dialog.port.setValue(dead.port)
    dialog.dpi.setCurrentIndex(1)
    dialog.print_bands()
    qtbot.waitUntil(lambda: dialog.form_message.isVisible(), timeout=20000)
    assert dialog.form_message.text().startswith("Nothing was printed:")
    assert dialog.print_button.text() == "&Print again" and dialog.print_button.isEnabled()
    assert (dialog.host.text(), dialog.dpi.currentData()) == ("127.0.0.1", 300), "what was chosen stays"
    assert all(row["printed_at"] is None for row in _bands(agent).values())
    dialog.port.setValue(printer.port)
    dialog.print_bands()
    qtbot.waitUntil(lambda: dialog.done_message.isVisible(), timeout=15000)
    assert not dialog.form_message.isVisible() and len(printer.jobs) == 1


def _put_on(qtbot: Any, window: MainWindow) -> AttachBandsDialog:
    dialog = _by_shortcut(qtbot, window, Qt.Key.Key_B, "attaching")
    assert isinstance(dialog, AttachBandsDialog)
    return dialog


def _scan(qtbot: Any, dialog: AttachBandsDialog, text: str) -> None:
    qtbot.keyClicks(dialog.scan, text)
    qtbot.keyClick(dialog.scan, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.scan.isEnabled, timeout=5000)


def test_putting_the_bands_on_ticks_each_person_and_flags_a_wrong_band(qtbot: Any, agent: services.Session,
                                                                      station: Path,
                                                                      registered: dict[str, Any]) -> None:
    window = _window(qtbot, agent, station, registered)
    dialog = _put_on(qtbot, window)
    people = registered["people"]
    payloads = [services.band_payload(session=agent, band=p["band"]) for p in people]
    assert dialog.current_person()["id"] == people[0]["id"] and dialog.scan.hasFocus()

    _scan(qtbot, dialog, payloads[1])  # the child's band, on the first adult's wrist
    assert dialog.answer.text().startswith("WRONG PERSON: band " + people[1]["band"])
    assert "#b3261e" in dialog.answer.styleSheet()
    assert dialog.people.topLevelItem(0).text(2) == "⚠ Wrong band scanned"
    assert all(row["attached_at"] is None for row in _bands(agent).values()), "nothing recorded"

    _scan(qtbot, dialog, people[0]["band"])  # typed, not scanned
    assert dialog.answer.text() == "That was not a band's code. Scan the QR code on the band."

    _scan(qtbot, dialog, payloads[0])
    assert dialog.people.topLevelItem(0).text(2) == "✓ On the wrist"
    assert dialog.current_person()["id"] == people[1]["id"], "the next person is chosen"
    qtbot.keyClick(dialog.scan, Qt.Key.Key_Down)  # the agent bands the baby before the other child
    qtbot.keyClick(dialog.scan, Qt.Key.Key_Down)
    assert dialog.current_person()["id"] == people[3]["id"]
    _scan(qtbot, dialog, payloads[3])
    for payload in (payloads[1], payloads[2]):
        _scan(qtbot, dialog, payload)
    assert dialog.all_on() and dialog.progress.text() == "4 of 4 bands on the wrist"
    assert dialog.answer.text().endswith("Every band of the family unit is on.")
    assert all(row["attached_at"] for row in _bands(agent).values())
    qtbot.waitUntil(lambda: all(text.endswith("(on the wrist)") for text in _rows(window)), timeout=5000)


def test_a_saved_family_goes_on_to_printing_then_to_putting_the_bands_on(
        qtbot: Any, agent: services.Session, station: Path, tmp_path: Path) -> None:
    window = MainWindow(agent, station)
    qtbot.addWidget(window)
    window.show()
    window.new_encounter()
    assert window.intake is not None
    answer = services.register_family(session=agent, document=band_family_document())
    window.intake.family_saved.emit(answer)  # what the wizard emits once its save is done
    qtbot.waitUntil(lambda: window.bands.printing is not None and window.bands.printing.isVisible(), timeout=5000)
    dialog = window.bands.printing
    assert dialog is not None
    _choose(dialog, "png")
    dialog.file_path.setText(str(tmp_path / "bands.png"))
    dialog.print_bands()
    qtbot.waitUntil(lambda: dialog.done_message.isVisible(), timeout=15000)
    assert dialog.close_button.text() == "&Next: put the bands on"
    qtbot.keyClick(dialog.close_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.bands.attaching is not None and window.bands.attaching.isVisible(), timeout=5000)
    assert window.bands.attaching is not None
    assert window.bands.attaching.heading.text().endswith(answer["families"][0]["number"])


def test_print_without_a_family_says_what_to_do(qtbot: Any, agent: services.Session, station: Path) -> None:
    window = MainWindow(agent, station)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    _activate(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert window.bands.printing is None
    assert window.statusBar().currentMessage().startswith("Open a family unit first")


def test_two_unnamed_children_are_never_confused_in_a_wrong_person(qtbot: Any, agent: services.Session,
                                                                   station: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """(issue 16, item 4) "band … is Name unknown's, not Name unknown's" told the agent nothing; and a
    wrong band beeps (item 13: the agent's eyes are on the wrist, not the screen)."""
    beeps: list[bool] = []
    monkeypatch.setattr(QApplication, "beep", staticmethod(lambda: beeps.append(True)))
    family = services.register_family(session=agent, document=document({"people": [
        adult("a", "Rosa", "Tzoc", birth_date="1990-01-01"),
        child("boy", None, None, sex="male", age_estimate_years=0.5, preverbal=True, description="blue cap"),
        child("girl", None, None, sex="female", age_estimate_years=2, preverbal=True, description="red shoes")],
        "links": [link("a", "boy"), link("a", "girl")]}))["families"][0]
    boy, girl = family["people"][1], family["people"][2]
    window = _window(qtbot, agent, station, family)
    dialog = _put_on(qtbot, window)
    rows = [dialog.people.topLevelItem(i).text(1) for i in range(dialog.people.topLevelItemCount())]
    for _ in range(rows.index(boy["band"])):
        qtbot.keyClick(dialog.people, Qt.Key.Key_Down)  # to the boy
    assert dialog.current_person()["id"] == boy["id"]
    dialog.scan.setFocus()
    _scan(qtbot, dialog, services.band_payload(session=agent, band=girl["band"]))
    assert dialog.answer.text() == (
        f"WRONG PERSON: band {girl['band']} is Name unknown (girl, age about 2, band {girl['band']})'s, not Name "
        f"unknown (boy, age about 6 months, band {boy['band']})'s. Take it off and put it on Name unknown (girl, "
        f"age about 2, band {girl['band']}).")
    assert beeps == [True]
