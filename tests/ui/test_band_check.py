"""Scanning bands in the app: the check-bands window answers MATCH or NO MATCH, and a band scanned
anywhere in the main window (a keyboard-wedge scanner: fast keys, then Enter) opens its family."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.exceptions import TimeoutError as WaitTimeout

from app import services
from app.ui.main_window import MainWindow
from tests.conftest import adult, child, document, link
from tests.ui.conftest import show_main_window


@pytest.fixture
def scans(agent: services.Session, example_document: bytes) -> dict[str, Any]:
    family = services.register_family(session=agent, document=example_document)["families"][0]
    other = services.register_family(session=agent, document=document({
        "people": [adult("a1", given="Rosmérix", family="Tepéxol"), child("c1", given="Ánxelo", family="Tepéxol")],
        "links": [link("a1", "c1", "father")]}))["families"][0]
    mother, baby = (p["band"] for p in family["people"])
    return {"mother": services.band_payload(session=agent, band=mother),
            "baby": services.band_payload(session=agent, band=baby),
            "stranger": services.band_payload(session=agent, band=other["people"][1]["band"]),
            "family": family, "baby_band": baby}


def _scan(qtbot, widget, text: str) -> None:  # noqa: ANN001
    """What a keyboard-wedge scanner sends: the characters, fast, then Enter."""
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_two_bands_of_one_family_match(qtbot, agent: services.Session, station: Path, scans: dict) -> None:
    window = show_main_window(qtbot, agent, station)
    qtbot.keyClick(window.search_box, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    dialog = window.band_check
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(dialog.scan.hasFocus)
    _scan(qtbot, dialog.scan, scans["mother"])
    qtbot.waitUntil(dialog.first.isVisible, timeout=5000)
    assert "María José García López" in dialog.first.text() and not dialog.result.isVisible()
    _scan(qtbot, dialog.scan, scans["baby"])
    qtbot.waitUntil(dialog.result.isVisible, timeout=5000)
    assert dialog.result.text() == "MATCH"
    assert dialog.reasons.text() == f"Same family unit: {scans['family']['number']}"
    assert "Name unknown" in dialog.second.text()

    _scan(qtbot, dialog.scan, scans["mother"])  # a third scan starts a new check
    qtbot.waitUntil(lambda: not dialog.result.isVisible(), timeout=5000)
    _scan(qtbot, dialog.scan, scans["stranger"])
    qtbot.waitUntil(dialog.result.isVisible, timeout=5000)
    assert dialog.result.text() == "NO MATCH"
    assert dialog.reasons.text().startswith("Different family units")


def test_a_voided_band_says_so(qtbot, agent: services.Session, supervisor: services.Session, station: Path,
                               scans: dict) -> None:
    services.void_band(session=supervisor, band=scans["baby_band"], reason="wrong wrist")
    window = show_main_window(qtbot, agent, station)
    dialog = window.check_bands()
    _scan(qtbot, dialog.scan, scans["baby"])
    qtbot.waitUntil(dialog.first.isVisible, timeout=5000)
    assert dialog.first.text().endswith("not valid: Voided: wrong wrist.")


def test_a_scan_while_a_list_has_the_focus_opens_the_family(qtbot, agent: services.Session, station: Path,
                                                           scans: dict) -> None:
    window = show_main_window(qtbot, agent, station)
    qtbot.waitUntil(lambda: window.today.topLevelItemCount() == 2, timeout=5000)
    window.today.setFocus()
    _scan(qtbot, window.today, scans["baby"])
    expected = f"Family {scans['family']['number']}"
    qtbot.waitUntil(lambda: window.family_view.heading.text() == expected, timeout=5000)
    assert window.family_view.people.topLevelItemCount() == 2
    assert window.band_check is None and window.statusBar().currentMessage().startswith("Band ")


def _family_opens(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    """Wait for the scanned band's family; if it does not come, say what the window shows instead
    (this has failed twice in full CI runs and never alone: the next failure should tell why)."""
    try:
        qtbot.waitUntil(lambda: window.family_view.people.topLevelItemCount() == 2, timeout=5000)
    except WaitTimeout as timeout:
        check = window.band_check
        raise AssertionError(
            f"the family did not open: status bar {window.statusBar().currentMessage()!r}; locked "
            f"{window.is_locked()}; check window {'open' if check and check.isVisible() else 'closed'}"
            f"{': ' + check.first.text() if check and check.isVisible() else ''}; family view "
            f"{window.family_view.placeholder.text()!r}; search box {window.search_box.text()[:20]!r}") from timeout


def test_a_scan_into_the_search_box_opens_the_family(qtbot, agent: services.Session, station: Path,
                                                    scans: dict) -> None:
    window = show_main_window(qtbot, agent, station)
    _scan(qtbot, window.search_box, scans["mother"])
    _family_opens(qtbot, window)
    assert window.search_box.text() == "" and window.results.topLevelItemCount() == 0


def test_a_damaged_scan_opens_the_check_window_with_the_reason(qtbot, agent: services.Session, station: Path,
                                                              scans: dict) -> None:
    window = show_main_window(qtbot, agent, station)
    damaged = scans["baby"][:50] + ("A" if scans["baby"][50] != "A" else "B") + scans["baby"][51:]
    _scan(qtbot, window.search_box, damaged)
    qtbot.waitUntil(lambda: window.band_check is not None and window.band_check.first.isVisible(), timeout=5000)
    assert window.band_check is not None
    assert "not valid" in window.band_check.first.text().lower()
