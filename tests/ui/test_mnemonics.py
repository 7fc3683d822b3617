"""No two things in one window answer the same Alt+letter (issue 16, item 5): in English and in Spanish,
every screen an agent or a supervisor reaches at 1366x768 (the main window with a family unit and a
person selected, each step of the new encounter with an adult and a pre-verbal child, and the
dialogs of the desk) is checked for mnemonics that clash among what is visible and enabled, the
menu bar's included: Alt+F went to Find a person and the Family menu had no key; Alt+E, the Carried
by field's, opened the Edit menu."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QMainWindow, QWidget

from app import services
from app.ui.arrival_dialog import ArrivalDialog
from app.ui.band_reason_dialog import BandReasonDialog
from app.ui.correction_dialog import CorrectionDialog
from app.ui.custody_dialogs import CustodyDialog, LinkStateDialog
from app.ui.export_dialog import ExportDialog
from app.ui.intake import wizard as intake
from app.ui.merge_dialog import MergeDialog
from app.ui.move_dialog import MoveDialog
from app.ui.print_dialog import PrintBandsDialog
from tests.ui.conftest import family_window, show_main_window

MNEMONIC = re.compile(r"&([^&\s])")


def _letter(text: str) -> str | None:
    found = MNEMONIC.search(text.replace("&&", ""))
    return found[1].lower() if found else None


def clashes(root: QWidget) -> dict[str, list[str]]:
    """The Alt+letters that more than one visible, enabled widget of ``root``'s window answers (a
    button, a label's buddy, a group box, a menu of the menu bar), with their texts."""
    window = root.window()
    texts: dict[str, list[str]] = {}
    for widget in [window, *window.findChildren(QWidget)]:
        if not widget.isVisible() or not widget.isEnabled():
            continue
        if isinstance(widget, QAbstractButton):
            text = widget.text()
        elif isinstance(widget, QLabel) and widget.buddy() is not None and widget.buddy().isEnabled():
            text = widget.text()
        elif isinstance(widget, QGroupBox):
            text = widget.title()
        else:
            continue
        if (letter := _letter(text)) is not None:
            texts.setdefault(letter, []).append(text)
    if isinstance(window, QMainWindow):
        for action in window.menuBar().actions():
            if (letter := _letter(action.text())) is not None:
                texts.setdefault(letter, []).append(action.text())
    return {letter: found for letter, found in texts.items() if len(found) > 1}


@pytest.mark.parametrize("role", ["agent", "supervisor"])
def test_the_main_window_and_its_dialogs(qtbot: Any, request: pytest.FixtureRequest, role: str, station: Path,
                                        example_document: bytes, language: str) -> None:
    session = request.getfixturevalue(role)
    window = family_window(qtbot, session, station, example_document)
    found = {"main window": clashes(window)}
    if window.pages.currentWidget() is not window.work:  # a supervisor's first page: the board
        qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_Escape)
        assert window.pages.currentWidget() is window.work
        found["main window, family units"] = clashes(window)
    view = window.family_view
    family, baby = view.family(), view.selected_person()
    dialogs: list[QWidget] = [
        CustodyDialog(session, station, baby, window), PrintBandsDialog(session, station, family, window),
        LinkStateDialog(session, station, family["links"][0], "—", window), ArrivalDialog(session, station, baby),
        ExportDialog(session, station, family), BandReasonDialog(session, station, baby, True),
        CorrectionDialog(session, station, "person", baby, "—", window, propose=role == "agent")]
    if role == "supervisor":
        dialogs += [MoveDialog(session, station, baby, window), MergeDialog(session, station, baby, window)]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        found[type(dialog).__name__] = clashes(dialog)
        dialog.close()
    assert {screen: clash for screen, clash in found.items() if clash} == {}


def test_each_step_of_the_new_encounter(qtbot: Any, agent: services.Session, station: Path, language: str) -> None:
    window = show_main_window(qtbot, agent, station)
    window.resize(1366, 768)
    assert window.family_view.new_family_button.isVisible()
    empty = clashes(window)  # no family open: the big New family unit button
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)  # its mnemonic (Ctrl+N is the menu's)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.intake, timeout=2000)
    wizard = window.intake
    found = {"empty main window": empty, intake.ENCOUNTER: clashes(wizard)}
    wizard.encounter_page.place.setText("Test crossing, mile 12")
    wizard.next()
    wizard.people_page.add_person("adult")
    child = wizard.people_page.add_person("child")
    child.preverbal.setChecked(True)
    qtbot.wait(20)
    found[intake.PEOPLE] = clashes(wizard)
    for step in (intake.RELATIONSHIPS, intake.REVIEW):
        wizard._go(step)
        qtbot.wait(20)
        found[step] = clashes(wizard)
    assert {step: clash for step, clash in found.items() if clash} == {}
