"""The intake wizard on a real encrypted station store, and keyboard helpers for it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QApplication, QComboBox, QWidget

from app import services
from app.ui.intake.person_form import PersonForm
from app.ui.intake.wizard import IntakeWizard

ALT, CTRL, SHIFT = Qt.KeyboardModifier.AltModifier, Qt.KeyboardModifier.ControlModifier, \
    Qt.KeyboardModifier.ShiftModifier


def open_wizard(qtbot, session: services.Session, data_dir: Path) -> IntakeWizard:
    wizard = IntakeWizard(session, data_dir)
    qtbot.addWidget(wizard)
    wizard.resize(1180, 740)
    wizard.show()
    qtbot.waitExposed(wizard)
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow)
    return wizard


@pytest.fixture
def wizard(qtbot, agent: services.Session, station: Path) -> IntakeWizard:
    return open_wizard(qtbot, agent, station)


class Keyboard:
    """Keys to whatever has the focus, as an agent's keyboard would send them."""

    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot

    @staticmethod
    def focus() -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has the keyboard focus"
        return widget

    def type(self, text: str) -> None:
        """Type ``text``. QTest.keyClicks aborts this PySide6 on non-ASCII text: such text is inserted at
        the cursor, as an input method (or a dead-key sequence) would."""
        if text.isascii():
            self.qtbot.keyClicks(self.focus(), text)
        else:
            self.focus().insert(text)

    def key(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
            times: int = 1) -> None:
        for _ in range(times):
            self.qtbot.keyClick(self.focus(), key, modifiers)

    def tab(self, times: int = 1) -> None:
        self.key(Qt.Key.Key_Tab, times=times)

    def mnemonic(self, key: Qt.Key, button: QAbstractButton) -> None:
        """Alt+key; a button's mnemonic clicks it after a short animation, so wait for the click."""
        with self.qtbot.waitSignal(button.clicked, timeout=2000):
            self.key(key, ALT)

    def next(self, wizard: IntakeWizard) -> None:
        self.mnemonic(Qt.Key.Key_N, wizard.next_button)

    def back(self, wizard: IntakeWizard) -> None:
        self.mnemonic(Qt.Key.Key_B, wizard.back_button)


@pytest.fixture
def keyboard(qtbot) -> Keyboard:
    return Keyboard(qtbot)


def fill_encounter(wizard: IntakeWizard, place: str = "Test crossing, mile 12") -> None:
    wizard.encounter_page.place.setText(place)


def add(wizard: IntakeWizard, role: str, given: str = "", family: str = "", *, sex: str = "female",
        unknown: bool = False, **fields: str) -> PersonForm:
    """A person filled in directly (tests of other things than typing)."""
    form = wizard.people_page.add_person(role)
    form.given_names.setText(given)
    form.family_names.setText(family)
    form.name_unknown.setChecked(unknown)
    form.sex.setCurrentIndex(form.sex.findData(sex))
    form.birth_date.setText(fields.get("birth_date", ""))
    form.age.setText(fields.get("age", ""))
    return form


def choose(combo: QComboBox, value: str) -> None:
    combo.setCurrentIndex(combo.findData(value))
