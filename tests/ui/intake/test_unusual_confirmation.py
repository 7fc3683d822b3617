"""What is unusual (a minor registered as a mother) is shown on the review step and registered only
when the agent confirms it with Enter on "Register anyway"; Escape goes back to the field with
everything typed kept. What cannot be is refused at the field. (Invented people.)"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app import services
from app.ui.intake.wizard import IntakeWizard

from .conftest import ALT, Keyboard, add, choose, fill_encounter


def _people(wizard: IntakeWizard, mother_age: str) -> None:
    fill_encounter(wizard)
    wizard.next()
    add(wizard, "adult", "Rosa Elvira", "Tzul", age=mother_age)
    add(wizard, "child", "Ana", "Tzul", age="1")


def test_the_unusual_is_confirmed_with_enter_and_escape_goes_back(qtbot, wizard: IntakeWizard, keyboard: Keyboard,
                                                                  agent: services.Session) -> None:
    _people(wizard, "15")
    wizard.next()
    choose(wizard.relationships_page.cells[("a1", "c1")][0], "mother")
    keyboard.next(wizard)
    review = wizard.review_page
    assert wizard.step() == "review" and review.unusual.isVisible() and not review.confirm_button.isVisible()
    assert "Rosa Elvira Tzul is registered as an adult but is about 15 years old: a minor." in \
        review.unusual_text.text()
    keyboard.mnemonic(Qt.Key.Key_V, wizard.save_button)  # Alt+V: asks first
    assert review.confirm_button.isVisible() and keyboard.focus() is review.confirm_button
    keyboard.key(Qt.Key.Key_V, ALT)  # saving again only asks again
    assert review.confirming() and not wizard.is_busy

    keyboard.key(Qt.Key.Key_Escape)  # back to the age, nothing lost
    form = wizard.people_page.form("a1")
    assert wizard.step() == "people" and keyboard.focus() is form.age and form.age.text() == "15"
    assert services.search(session=agent, text="Rosa Tzul")["people"] == []

    keyboard.next(wizard)
    keyboard.next(wizard)
    keyboard.mnemonic(Qt.Key.Key_V, wizard.save_button)
    assert keyboard.focus() is review.confirm_button
    with qtbot.waitSignal(wizard.family_saved, timeout=10_000) as saved:
        keyboard.key(Qt.Key.Key_Return)  # Register anyway
    assert len(saved.args[0]["families"][0]["people"]) == 2
    assert sorted(p["given_names"] for p in services.search(session=agent, text="Tzul")["people"]) == [
        "Ana", "Rosa Elvira"]


def test_what_cannot_be_is_refused_at_the_field(wizard: IntakeWizard, keyboard: Keyboard) -> None:
    _people(wizard, "4")
    keyboard.next(wizard)
    form = wizard.people_page.form("a1")
    assert wizard.step() == "people" and keyboard.focus() is form.age
    assert "Rosa Elvira Tzul is registered as an adult but is about 4 years old: an adult is at least 12." in \
        " ".join(label.text() for label in form.findChildren(QLabel) if label.isVisible())
