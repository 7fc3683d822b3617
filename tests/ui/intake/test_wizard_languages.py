"""The wizard in the pseudo-language (40% longer texts: nothing clipped, at the main window's
size) and in Spanish (texts, the domain's refusals in the desk's words, mnemonics)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from app.ui import i18n
from app.ui.intake.wizard import IntakeWizard
from tests.ui.test_i18n import clipped

from .conftest import Keyboard, add, choose, fill_encounter


@pytest.fixture
def pseudo(qapp: object) -> Iterator[None]:
    i18n.install_pseudo()
    yield
    i18n.switch("en")


def _settled(qtbot, wizard: IntakeWizard) -> list[str]:
    qtbot.wait(20)  # the layouts' turn after the texts changed
    return clipped(wizard)


def test_no_step_clips_a_text_in_the_pseudo_language(qtbot, wizard: IntakeWizard, pseudo: None) -> None:
    wizard.encounter_page.latitude.setText("95")
    wizard.next()  # refused: messages shown too
    assert _settled(qtbot, wizard) == []
    fill_encounter(wizard)
    wizard.encounter_page.latitude.clear()
    wizard.next()
    add(wizard, "adult", "María José", "García López", sex="female").set_languages(["es", "quc"])
    add(wizard, "adult", "Tz'unun", "Batz'ín Quixabé", sex="male")
    baby = add(wizard, "child", unknown=True, sex="male", age="1")
    baby.preverbal.setChecked(True)
    assert _settled(qtbot, wizard) == []
    wizard.next()
    wizard.next()  # refused: the message names the child
    assert wizard.relationships_page.message.isVisible()
    assert _settled(qtbot, wizard) == []
    for adult in ("a1", "a2"):
        choose(wizard.relationships_page.cells[(adult, "c1")][0], "unknown")
    wizard.next()
    assert wizard.step() == "review"
    assert _settled(qtbot, wizard) == []


def test_in_spanish_a_placeholder_is_refused_in_spanish(qtbot, wizard: IntakeWizard, keyboard: Keyboard,
                                                        spanish: None) -> None:
    assert wizard.next_button.text() == "&Siguiente" and wizard.title.text() == "Nuevo registro"
    fill_encounter(wizard)
    keyboard.mnemonic(Qt.Key.Key_S, wizard.next_button)  # Alt+S: Siguiente
    assert wizard.step() == "people"
    form = add(wizard, "child", "Bebé", "", sex="male")
    wizard.next()
    assert form.messages["given_names"].text().startswith("«Bebé» es un marcador, no un nombre.")
    assert form.given_names.text() == "Bebé"
    assert form.role_title() == "Menor 1"
    assert _settled(qtbot, wizard) == []
