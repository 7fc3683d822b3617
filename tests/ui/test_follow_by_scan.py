"""Following a family from the app: at a station that does not hold it (a shelter receiving a child),
the agent scans the band in Check bands and presses Alt+F (Alt+S in Spanish); the family arrives with the sync that
follows, and Open the family shows it. Against a real registry process, with key presses."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt

from app import services
from app.ui import i18n
from app.ui.main_window import MainWindow
from app.ui.sync_panel import SyncScheduler
from tests.syncing import RunningRegistry, TestStation

pytestmark = pytest.mark.parametrize("registry_db", ["sqlite"], indirect=True)
ALT = Qt.KeyboardModifier.AltModifier


@pytest.fixture
def scene(registry: RunningRegistry, make_station: Any, example_document: bytes,
          monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[TestStation, str, str]]:
    """A border station registered a family and synced; a shelter station that never held it."""
    monkeypatch.setattr(SyncScheduler, "START_MS", 3_600_000)  # this test says when to sync
    monkeypatch.setattr(SyncScheduler, "SOON_MS", 300)
    border, shelter = make_station("Border"), make_station("Shelter")
    band = border.register(example_document)["families"][0]["people"][1]["band"]
    border.sync()
    yield shelter, band, border.payload(band)


def _check_bands(qtbot: Any, shelter: TestStation, language: str) -> tuple[MainWindow, Any]:
    i18n.switch(language)
    window = MainWindow(shelter.agent, shelter.data_dir)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.search_box, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    dialog = window.band_check
    assert dialog is not None
    qtbot.waitUntil(dialog.scan.hasFocus)
    return window, dialog


@pytest.mark.parametrize("language", ["en", "es"])
def test_a_scanned_band_of_a_family_held_elsewhere_is_followed_and_arrives(
        qtbot: Any, scene: tuple[TestStation, str, str], language: str) -> None:
    shelter, band, payload = scene
    window, dialog = _check_bands(qtbot, shelter, language)
    try:
        qtbot.keyClicks(dialog.scan, payload)
        qtbot.keyClick(dialog.scan, Qt.Key.Key_Return)
        qtbot.waitUntil(dialog.first.isVisible, timeout=5000)
        held_elsewhere = {"en": "a person this station does not hold",
                          "es": "una persona que esta estación no tiene"}[language]
        assert held_elsewhere in dialog.first.text()
        assert not dialog.open_button.isEnabled() and dialog.follow_button.isEnabled()
        label = {"en": "&Follow this family", "es": "&Seguir a esta familia"}[language]
        assert dialog.follow_button.text() == label
        qtbot.keyClick(dialog.scan, {"en": Qt.Key.Key_F, "es": Qt.Key.Key_S}[language], ALT)  # its mnemonic
        qtbot.waitUntil(dialog.follow_note.isVisible, timeout=5000)
        assert not dialog.follow_button.isEnabled(), "followed once"
        assert dialog.scan.hasFocus(), "the next scan can come at once"
        # The follow asked for a sync soon; it brings the family.
        qtbot.waitUntil(lambda: services.sync_status(session=shelter.agent)["follows_waiting"] == 0
                        and not window.sync.running, timeout=15_000)
        assert shelter.show(band)["people"][1]["band"] == band
        qtbot.keyClick(dialog.scan, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)  # a new check
        qtbot.keyClicks(dialog.scan, payload)
        qtbot.keyClick(dialog.scan, Qt.Key.Key_Return)
        qtbot.waitUntil(dialog.open_button.isEnabled, timeout=5000)
        assert not dialog.follow_button.isEnabled(), "held now: open it, nothing to follow"
    finally:
        i18n.switch("en")


def test_a_bare_band_number_cannot_be_followed(qtbot: Any, scene: tuple[TestStation, str, str]) -> None:
    shelter, band, _ = scene
    _, dialog = _check_bands(qtbot, shelter, "en")
    qtbot.keyClicks(dialog.scan, band)
    qtbot.keyClick(dialog.scan, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.first.isVisible, timeout=5000)
    assert not dialog.follow_button.isEnabled(), "a typed number is not a scan of the band: no proof the person is here"
    assert services.sync_status(session=shelter.agent)["follows_waiting"] == 0
