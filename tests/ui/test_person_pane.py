"""A pre-verbal child's identity bundle after intake (issue 16, item 3): the family view's person pane
shows the chosen person's photo, description, who carried the child and the custody; Check bands
and Put bands on show the photo and description beside the answer, for the agent to compare the
baby in front of them with the photo. Real key presses, at 1366x768, in English and in Spanish."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from app import services
from app.ui.main_window import MainWindow
from app.ui.person_pane import PersonPane
from tests.ui.conftest import show_main_window

PHOTO = Path(__file__).resolve().parents[2] / "docs" / "examples" / "photo.png"
DESCRIPTION = "red cap, birthmark left wrist"
MOTHER = "María José García López"
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def family(agent: services.Session, example_document: bytes) -> dict[str, Any]:
    """The README's family: a mother and her pre-verbal baby, whom she carried, with a photo."""
    answer = services.register_family(session=agent, document=example_document, bundles={
        "c1": services.IdentityBundle(carried_by="a1", photos=[(PHOTO.read_bytes(), "file")])})
    bands = {p["ref"]: p["band"] for p in answer["families"][0]["people"]}
    shown = services.show_family(session=agent, ident=bands["c1"])
    baby = next(p for p in shown["people"] if p["band"] == bands["c1"])
    return {"bands": bands, "payloads": {ref: services.band_payload(session=agent, band=band)
                                         for ref, band in bands.items()},
            "photo": baby["photos"][-1], "baby_row": shown["people"].index(baby)}


def _window(qtbot: Any, agent: services.Session, station: Path) -> MainWindow:
    window: MainWindow = show_main_window(qtbot, agent, station)
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: window.width() == 1366)
    return window


def _scan(qtbot: Any, widget: Any, text: str) -> None:
    """What a keyboard-wedge scanner sends: the characters, fast, then Enter."""
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def _has_photo(pane: PersonPane, photo: dict[str, Any]) -> bool:
    """A picture shows, of the photo's proportions (scaled, never stretched)."""
    pixmap = pane.photo.pixmap()
    if pixmap.isNull():
        return False
    slack: int = max(photo["width"], photo["height"])  # a pixel either way, from the scaling
    return bool(abs(pixmap.width() * photo["height"] - pixmap.height() * photo["width"]) <= slack)


def _nothing_lost(view: Any) -> bool:
    """No scroll bar hides a column, every column but the custody is as wide as its widest cell, and the
    chosen person's custody (a long one is shortened in the table) is whole in the pane."""
    tree, last = view.people, view.people.columnCount() - 1
    custody = tree.currentItem().text(last)
    return not tree.horizontalScrollBar().isVisible() and custody in view.person_pane.text() \
        and tree.currentItem().toolTip(last) == custody \
        and all(tree.header().sectionSize(c) >= tree.sizeHintForColumn(c) for c in range(last))


def _whole(widget: Any) -> bool:
    """Shown entirely: no part of it is clipped by the window or by the widgets around it, and a
    wrapped text has the height all its lines need."""
    tall_enough = not widget.hasHeightForWidth() or widget.height() >= widget.heightForWidth(widget.width())
    return widget.isVisible() and widget.visibleRegion().boundingRect() == widget.rect() and tall_enough


def _settled(qtbot: Any, check: Any) -> None:
    """``check()`` holds once the layout has caught up with the new texts (a pass of the event loop)."""
    qtbot.waitUntil(check, timeout=3000)


def _open_family(qtbot: Any, window: MainWindow) -> None:
    """Search for the mother (Ctrl+F, her names, Enter) and choose her (Down): her family shows."""
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    qtbot.keyClicks(window.search_box, "garcia maria")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.results.topLevelItemCount() == 1, timeout=5000)
    window.results.setFocus()
    qtbot.keyClick(window.results, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: window.family_view.people.topLevelItemCount() == 2, timeout=5000)


def _baby_in_family_view(qtbot: Any, window: MainWindow, family: dict[str, Any]) -> PersonPane:
    """Open the family, then Down in the people table to the baby."""
    _open_family(qtbot, window)
    view = window.family_view
    view.people.setFocus()
    qtbot.keyClick(view.people, Qt.Key.Key_Home)
    for _ in range(family["baby_row"]):
        qtbot.keyClick(view.people, Qt.Key.Key_Down)
    assert (view.selected_person() or {}).get("band") == family["bands"]["c1"]
    pane = view.person_pane
    qtbot.waitUntil(lambda: _has_photo(pane, family["photo"]), timeout=5000)
    return pane


def test_the_family_view_shows_the_babys_photo_description_and_carrier(
        qtbot: Any, agent: services.Session, station: Path, family: dict[str, Any]) -> None:
    window = _window(qtbot, agent, station)
    pane = _baby_in_family_view(qtbot, window, family)
    text = pane.text()
    assert DESCRIPTION in text
    assert f"Carried by: {MOTHER} (band {family['bands']['a1']})" in text
    assert "Custody: station " in text and "Name unknown" in text
    view = window.family_view
    headers = [view.people.headerItem().text(i) for i in range(view.people.columnCount())]
    assert "Description" not in headers, "the description is the pane's, not a cut-off column"
    _settled(qtbot, lambda: _nothing_lost(view))  # the table fits its width; the pane has the custody whole
    _settled(qtbot, lambda: _whole(pane) and all(_whole(label) for label in pane.shown_labels()))

    qtbot.keyClick(view.people, Qt.Key.Key_Home)  # the mother: no photo, and nobody carried her
    qtbot.waitUntil(lambda: pane.photo.pixmap().isNull(), timeout=5000)
    assert MOTHER in pane.text() and "Carried by" not in pane.text() and DESCRIPTION not in pane.text()


def test_the_person_pane_in_spanish(qtbot: Any, spanish: None, agent: services.Session, station: Path,
                                    family: dict[str, Any]) -> None:
    window = _window(qtbot, agent, station)
    pane = _baby_in_family_view(qtbot, window, family)
    text = pane.text()
    assert DESCRIPTION in text and f"{MOTHER} (brazalete {family['bands']['a1']})" in text
    assert "Nombre desconocido" in text and "estación " in text and " desde " in text
    _settled(qtbot, lambda: _nothing_lost(window.family_view))
    _settled(qtbot, lambda: _whole(pane) and all(_whole(label) for label in pane.shown_labels()))


@pytest.mark.parametrize("language", ["en", "es"])
def test_check_bands_shows_the_babys_photo_and_description_beside_the_match(
        qtbot: Any, request: pytest.FixtureRequest, agent: services.Session, station: Path,
        family: dict[str, Any], language: str) -> None:
    if language == "es":
        request.getfixturevalue("spanish")
    window = _window(qtbot, agent, station)
    qtbot.keyClick(window.search_box, Qt.Key.Key_K, CTRL)
    dialog = window.band_check
    assert dialog is not None
    qtbot.waitUntil(dialog.scan.hasFocus)
    _scan(qtbot, dialog.scan, family["payloads"]["a1"])
    qtbot.waitUntil(dialog.first.isVisible, timeout=5000)
    assert not dialog.first_pane.isVisible(), "nothing to compare for the mother: no photo, no description"
    _scan(qtbot, dialog.scan, family["payloads"]["c1"])
    qtbot.waitUntil(dialog.result.isVisible, timeout=5000)
    assert dialog.result.text() == {"en": "MATCH", "es": "COINCIDEN"}[language]
    qtbot.waitUntil(lambda: _has_photo(dialog.second_pane, family["photo"]), timeout=5000)
    assert DESCRIPTION in dialog.second_pane.text()
    _settled(qtbot, lambda: _whole(dialog.second_pane) and _whole(dialog.result))


def test_put_bands_on_shows_the_chosen_babys_photo_and_description(
        qtbot: Any, agent: services.Session, station: Path, family: dict[str, Any]) -> None:
    window = _window(qtbot, agent, station)
    _open_family(qtbot, window)
    window.family_view.people.setFocus()
    qtbot.keyClick(window.family_view.people, Qt.Key.Key_B, CTRL)
    qtbot.waitUntil(lambda: window.bands.attaching is not None and window.bands.attaching.isVisible())
    dialog = window.bands.attaching
    assert dialog is not None
    for _ in range(2):
        qtbot.keyClick(dialog.scan, Qt.Key.Key_Up)
    for _ in range(family["baby_row"]):
        qtbot.keyClick(dialog.scan, Qt.Key.Key_Down)
    assert (dialog.current_person() or {}).get("band") == family["bands"]["c1"]
    qtbot.waitUntil(lambda: _has_photo(dialog.person_pane, family["photo"]), timeout=5000)
    assert DESCRIPTION in dialog.person_pane.text()
    _scan(qtbot, dialog.scan, family["payloads"]["a1"])  # the mother's band on the baby's wrist
    qtbot.waitUntil(lambda: dialog.answer.text().startswith("WRONG PERSON"), timeout=5000)
    assert _has_photo(dialog.person_pane, family["photo"]), "the photo stays beside the WRONG PERSON answer"
    _settled(qtbot, lambda: _whole(dialog.person_pane) and _whole(dialog.answer))

