"""Issue 16, item 1: after Save the wizard's last page leads on to the bands. Print bands (Ctrl+P),
Put bands on (Ctrl+B) and Done (Esc) are on it, and Ctrl+P / Ctrl+B mean the family unit just
saved while no family unit is open in the window. Driven by real key presses at 1366x768, in
English and Spanish. (Invented people.)"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app import services
from app.ui.intake.wizard import IntakeWizard
from app.ui.main_window import MainWindow
from tests.conftest import adult, child, document, link
from tests.ui.test_i18n import clipped

from .conftest import CTRL, SHIFT, Keyboard, add, choose, fill_encounter

ESCAPE, RETURN, TAB = Qt.Key.Key_Escape, Qt.Key.Key_Return, Qt.Key.Key_Tab
TEXTS = {"en": {"print": "Print &bands… (Ctrl+P)", "put_on": "Put bands &on… (Ctrl+B)", "close": "Close"},
         "es": {"print": "Imprimir &brazaletes… (Ctrl+P)", "put_on": "Po&ner brazaletes… (Ctrl+B)", "close": "Cerrar"}}


@pytest.fixture(params=["en", "es"])
def language(request: pytest.FixtureRequest) -> str:
    if request.param == "es":
        request.getfixturevalue("spanish")
    return str(request.param)


def _activate(qtbot: Any, widget: Any) -> None:
    widget.activateWindow()
    qtbot.waitUntil(widget.isActiveWindow, timeout=5000)


def _focus() -> Any:
    return QApplication.focusWidget()


def _register(qtbot: Any, keyboard: Keyboard, window: MainWindow) -> dict[str, Any]:
    """Ctrl+N, then a mother and her daughter typed in, then Ctrl+Return to each step and to save
    (the keys and first letters are the same in English and Spanish: f/femenino, m/mother/madre)."""
    keyboard.key(Qt.Key.Key_N, CTRL)
    wizard = window.intake
    assert wizard is not None and keyboard.focus() is wizard.encounter_page.place
    keyboard.type("Sasabe port, sector Tucson")
    keyboard.key(RETURN, CTRL)
    for role, given, family, birth, age in (("adult", "Ixchel", "Batz Tum", "1991-04-12", ""),
                                            ("child", "Saqik", "Quixabe Batz", "", "7")):
        keyboard.key(Qt.Key.Key_A if role == "adult" else Qt.Key.Key_C, CTRL | SHIFT)
        keyboard.type(given)
        keyboard.tab()
        keyboard.type(family)
        keyboard.tab(2)  # past "Name unknown"
        keyboard.type(birth)
        keyboard.tab()
        keyboard.type(age)
        keyboard.tab()
        keyboard.type("f")
    keyboard.key(RETURN, CTRL)
    assert wizard.step() == "relationships", wizard.people_page.message.text()
    keyboard.type("m")
    keyboard.key(RETURN, CTRL)
    assert wizard.step() == "review"
    with qtbot.waitSignal(wizard.family_saved, timeout=10_000) as saved:
        keyboard.key(RETURN, CTRL)
    saved_family: dict[str, Any] = saved.args[0]["families"][0]
    return saved_family


def _dialog(qtbot: Any, window: MainWindow, attribute: str, number: str) -> Any:
    """The band dialog (``printing`` or ``attaching``) just opened, for family unit ``number``, active."""
    qtbot.waitUntil(lambda: getattr(window.bands, attribute) is not None
                    and getattr(window.bands, attribute).isVisible(), timeout=5000)
    dialog = getattr(window.bands, attribute)
    assert dialog.heading.text().endswith(number)
    _activate(qtbot, dialog)
    return dialog


def _close(qtbot: Any, keyboard: Keyboard, window: MainWindow, attribute: str) -> None:
    keyboard.key(ESCAPE)
    qtbot.waitUntil(lambda: getattr(window.bands, attribute) is None, timeout=5000)
    _activate(qtbot, window)


def test_from_the_saved_page_the_bands_are_printed_and_put_on_by_keyboard(
        qtbot: Any, agent: services.Session, station: Path, keyboard: Keyboard, tmp_path: Path,
        language: str) -> None:
    texts = TEXTS[language]
    window = MainWindow(agent, station)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    _activate(qtbot, window)
    number = _register(qtbot, keyboard, window)["number"]
    assert window.intake is not None
    page = window.intake.saved_page
    assert (page.print_button.text(), page.put_on_button.text()) == (texts["print"], texts["put_on"])
    assert page.done_button.text().endswith("(Esc)") and clipped(page) == []

    _dialog(qtbot, window, "printing", number)  # the pop-up after Save, closed without printing
    _close(qtbot, keyboard, window, "printing")
    assert window.pages.currentWidget() is window.intake and _focus() is page.print_button

    keyboard.key(Qt.Key.Key_P, CTRL)  # no family unit open: the one just saved
    printing = _dialog(qtbot, window, "printing", number)
    [pdf] = [i for i in range(printing.destination.count()) if printing.destination.itemData(i).kind == "pdf"]
    printing.destination.setCurrentIndex(pdf)
    out = tmp_path / "bands.pdf"
    printing.file_path.clear()
    qtbot.keyClicks(printing.file_path, str(out))
    keyboard.key(Qt.Key.Key_P, CTRL)
    qtbot.waitUntil(printing.done_message.isVisible, timeout=15_000)
    assert out.stat().st_size > 0 and printing.close_button.text() == texts["close"]
    _close(qtbot, keyboard, window, "printing")
    assert _focus() is page.put_on_button, "after printing, the next step has the focus"

    keyboard.key(Qt.Key.Key_P, CTRL)  # again
    _dialog(qtbot, window, "printing", number)
    _close(qtbot, keyboard, window, "printing")
    assert _focus() is page.put_on_button
    keyboard.key(RETURN)  # Enter on the focused button
    _dialog(qtbot, window, "attaching", number)
    _close(qtbot, keyboard, window, "attaching")
    keyboard.key(Qt.Key.Key_B, CTRL)
    _dialog(qtbot, window, "attaching", number)
    _close(qtbot, keyboard, window, "attaching")
    keyboard.key(TAB, SHIFT)
    assert _focus() is page.print_button
    keyboard.key(RETURN)
    _dialog(qtbot, window, "printing", number)
    _close(qtbot, keyboard, window, "printing")
    keyboard.key(TAB, times=3)
    assert _focus() is page.done_button

    keyboard.key(ESCAPE)  # Done: the window's work, showing the family unit just saved
    assert window.pages.currentWidget() is window.work and _focus() is window.search_box
    qtbot.waitUntil(lambda: (window.family_view.family() or {}).get("number") == number, timeout=5000)
    assert window.intake.step() == "encounter" and page.bands.topLevelItemCount() == 0, "a new encounter next"
    keyboard.type("Nobody Here")
    keyboard.key(RETURN)  # no one found: no family unit open
    qtbot.waitUntil(lambda: window.family_view.family() is None, timeout=5000)
    keyboard.key(Qt.Key.Key_P, CTRL)  # still the one just saved
    _dialog(qtbot, window, "printing", number)
    _close(qtbot, keyboard, window, "printing")

    other = services.register_family(session=agent, document=document({
        "people": [adult("a1", given="Nima", family="Sut"), child("c1", given="Kame", family="Sut",
                                                                  age_estimate_years=4)],
        "links": [link("a1", "c1")]}))["families"][0]
    window.open_family(other["id"])  # a family unit open: Ctrl+P and Ctrl+B mean that one, as before
    qtbot.waitUntil(lambda: window.family_view.family() is not None, timeout=5000)
    keyboard.key(Qt.Key.Key_P, CTRL)
    _dialog(qtbot, window, "printing", other["number"])
    _close(qtbot, keyboard, window, "printing")
    keyboard.key(Qt.Key.Key_B, CTRL)
    _dialog(qtbot, window, "attaching", other["number"])
    _close(qtbot, keyboard, window, "attaching")


def test_done_on_the_saved_page_by_enter_closes_the_wizard(qtbot: Any, wizard: IntakeWizard,
                                                           keyboard: Keyboard) -> None:
    fill_encounter(wizard)
    wizard.next()
    add(wizard, "adult", "Ana", "Sut", birth_date="1990-01-02")
    add(wizard, "child", "Kame", "Sut", age="4")
    wizard.next()
    choose(wizard.relationships_page.cells[("a1", "c1")][0], "mother")
    wizard.next()
    with qtbot.waitSignal(wizard.family_saved, timeout=10_000):
        wizard.save()
    page = wizard.saved_page
    assert _focus() is page.print_button
    keyboard.tab(3)
    assert _focus() is page.done_button
    with qtbot.waitSignal(wizard.cancelled, timeout=2000):
        keyboard.key(RETURN)
    assert wizard.step() == "encounter"
