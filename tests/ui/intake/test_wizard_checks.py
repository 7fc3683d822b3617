"""What the wizard refuses, and how: next to the field, naming the person, nothing typed lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)

from app import services
from app.domain.errors import Problem, ValidationError
from app.ui.intake.wizard import IntakeWizard

from .conftest import Keyboard, add, choose, fill_encounter, open_wizard


def _to_people(wizard: IntakeWizard) -> None:
    fill_encounter(wizard)
    wizard.next()
    assert wizard.step() == "people"


def test_a_cell_left_unchosen_is_refused_naming_the_child(wizard: IntakeWizard, keyboard: Keyboard) -> None:
    _to_people(wizard)
    add(wizard, "adult", "María José", "García", sex="female")
    add(wizard, "adult", "Tz'unun", "Quixabé", sex="male")
    add(wizard, "child", "Ixchel", "Batz'ín", age="6")
    wizard.next()
    cells = wizard.relationships_page.cells
    choose(cells[("a1", "c1")][0], "mother")
    keyboard.next(wizard)
    assert wizard.step() == "relationships"
    message = wizard.relationships_page.message
    assert message.isVisible()
    assert message.text() == ("Choose how Ixchel Batz'ín is related to Tz'unun Quixabé — or choose "
                              "“relationship unknown”.")
    assert keyboard.focus() is cells[("a2", "c1")][0]
    keyboard.type("r")  # relationship unknown is a choice
    keyboard.next(wizard)
    assert wizard.step() == "review"


def test_save_is_refused_too_while_a_cell_is_unchosen(wizard: IntakeWizard) -> None:
    _to_people(wizard)
    add(wizard, "adult", "Ana", "Tum", sex="female")
    add(wizard, "child", unknown=True, sex="unknown", age="1")
    wizard.next()
    relationship = wizard.relationships_page.cells[("a1", "c1")][0]
    choose(relationship, "mother")
    wizard.next()
    assert wizard.step() == "review"
    relationship.setCurrentIndex(0)  # however a cell came to be unchosen, Save checks again
    wizard.save()
    assert not wizard.is_busy
    assert wizard.step() == "relationships"
    assert wizard.relationships_page.message.text().startswith("Choose how Child 1 (name unknown) is related to "
                                                               "Ana Tum")
    assert wizard.relationships_page.cells[("a1", "c1")][0] is relationship and relationship.hasFocus()


def test_a_child_alone_needs_the_arrived_without_an_adult_mark(qtbot, wizard: IntakeWizard, keyboard: Keyboard,
                                                               agent: services.Session) -> None:
    _to_people(wizard)
    add(wizard, "child", "Wilmer", "", sex="male", age="9")
    wizard.next()
    page = wizard.relationships_page
    assert page.cells == {} and list(page.alone_boxes) == ["c1"]
    keyboard.next(wizard)
    assert wizard.step() == "relationships"
    assert page.message.text().startswith("Tick “Arrived without an adult” for Wilmer")
    assert keyboard.focus() is page.alone_boxes["c1"]
    keyboard.key(Qt.Key.Key_Space)
    keyboard.next(wizard)
    assert wizard.step() == "review"
    with qtbot.waitSignal(wizard.family_saved, timeout=10_000) as saved:
        wizard.save()
    family = services.show_family(session=agent, ident=saved.args[0]["families"][0]["id"])
    assert family["people"][0]["arrived_without_adult"] is True and family["links"] == []


def test_a_placeholder_name_is_refused_next_to_the_field_and_kept(wizard: IntakeWizard, keyboard: Keyboard) -> None:
    _to_people(wizard)
    add(wizard, "adult", "Rosa", "Tzul", sex="female")
    baby = add(wizard, "child", "", "", sex="male", age="1")
    baby.given_names.setFocus()
    keyboard.type("Baby Boy")
    wizard.people_page.show_person("a1")
    keyboard.next(wizard)
    assert wizard.step() == "people"
    assert wizard.people_page.forms.currentWidget() is baby  # the person with the problem is shown
    message = baby.messages["given_names"]
    assert message.isVisible()
    assert message.text().startswith("“Baby Boy” is a placeholder, not a name. Leave the names empty and tick "
                                     "“Name unknown”")
    assert keyboard.focus() is baby.given_names
    assert baby.given_names.text() == "Baby Boy" and baby.age.text() == "1"  # nothing lost
    baby.name_unknown.setChecked(True)
    wizard.next()
    assert wizard.step() == "relationships"


def test_with_problems_in_two_people_the_first_is_shown_and_focused(wizard: IntakeWizard) -> None:
    _to_people(wizard)
    first = add(wizard, "adult", "N/N", "", sex="female")
    second = add(wizard, "adult", "Ana", "Tum", sex="male", birth_date="2099-12-31")
    wizard.next()
    assert wizard.people_page.forms.currentWidget() is first and first.given_names.hasFocus()
    assert first.messages["given_names"].isVisible()
    assert second.messages["birth_date"].text() == "2099-12-31 is in the future."


def test_tab_goes_from_the_list_of_people_into_the_form_shown(wizard: IntakeWizard, keyboard: Keyboard) -> None:
    _to_people(wizard)
    add(wizard, "adult", "Ana", "Tum", sex="female")
    child = add(wizard, "child", "Saqik", "Tum", sex="female")
    wizard.people_page.people_list.setFocus()
    keyboard.tab()
    assert keyboard.focus() is child.given_names
    keyboard.key(Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    keyboard.key(Qt.Key.Key_Up)
    keyboard.tab()
    assert keyboard.focus() is wizard.people_page.person_forms()[0].given_names


def test_no_name_and_no_name_unknown_mark_is_refused(wizard: IntakeWizard) -> None:
    _to_people(wizard)
    form = add(wizard, "child", "", "", sex="male")
    wizard.next()
    assert form.messages["name"].text() == "Type the names as given, or tick “Name unknown”."


def test_a_birth_date_in_the_future_is_refused_next_to_the_field(wizard: IntakeWizard, keyboard: Keyboard) -> None:
    _to_people(wizard)
    form = add(wizard, "adult", "Ana", "Tum", sex="female")
    form.birth_date.setFocus()
    keyboard.type("2099-01-01")
    keyboard.next(wizard)
    assert form.messages["birth_date"].text() == "2099-01-01 is in the future."
    assert keyboard.focus() is form.birth_date and form.birth_date.text() == "2099-01-01"
    form.birth_date.setText("2001-02-30")
    wizard.next()
    assert form.messages["birth_date"].text() == "Write the date as YYYY-MM-DD, for example 2019-06-01."
    form.birth_date.setText("2001-02-28")
    form.age.setText("25")
    wizard.next()
    assert form.messages["person"].text() == "" and form.messages["birth_date"].text() == \
        "Give a birth date or an age estimate, not both."


def test_the_encounter_step_checks_place_coordinates_and_time(wizard: IntakeWizard, keyboard: Keyboard) -> None:
    page = wizard.encounter_page
    page.latitude.setText("95")
    keyboard.next(wizard)
    assert wizard.step() == "encounter"
    assert page.messages["place"].text() == "Say where the encounter happened."
    assert page.messages["latitude"].text() == ("95 is out of range: from -90 to 90.\n"
                                                "Give both latitude and longitude, or neither.")
    assert keyboard.focus() is page.place
    page.occurred_at.setDateTime(page.occurred_at.dateTime().addDays(2))
    wizard.next()
    assert page.messages["occurred_at"].text() == "This time is in the future: check the date and the time."


def test_back_keeps_everything_typed(wizard: IntakeWizard, keyboard: Keyboard) -> None:
    fill_encounter(wizard, "Nogales, west fence")
    wizard.encounter_page.latitude.setText("31.33")
    wizard.encounter_page.longitude.setText("-110.94")
    wizard.next()
    adult = add(wizard, "adult", "Ixchel", "Batz'ín", sex="female", birth_date="1990-01-02")
    adult.set_languages(["kjb", "es"])
    baby = add(wizard, "child", unknown=True, sex="unknown", age="0.5")
    baby.preverbal.setChecked(True)
    baby.features["clothing"].setText("blue hat")
    wizard.next()
    relationship, provenance = wizard.relationships_page.cells[("a1", "c1")]
    choose(relationship, "grandparent")
    choose(provenance, "observed")
    wizard.next()
    for _ in range(3):
        keyboard.back(wizard)
    assert wizard.step() == "encounter"
    page = wizard.encounter_page
    assert (page.place.text(), page.latitude.text()) == ("Nogales, west fence", "31.33")
    for _ in range(2):
        keyboard.next(wizard)
    assert wizard.step() == "relationships"
    relationship, provenance = wizard.relationships_page.cells[("a1", "c1")]
    assert (relationship.currentData(), provenance.currentData()) == ("grandparent", "observed")
    state = wizard.state()
    assert [(p.given_names, p.birth_date, p.languages) for p in state.people][0] == ("Ixchel", "1990-01-02",
                                                                                     ["es", "kjb"])
    assert state.people[1].features["clothing"] == "blue hat" and state.people[1].age_estimate_years == 0.5


def test_a_refusal_at_save_is_shown_at_its_field_with_nothing_lost(qtbot, wizard: IntakeWizard,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    _to_people(wizard)
    add(wizard, "adult", "Ana", "Tum", sex="female")
    child = add(wizard, "child", "Saqik", "Tum", sex="female", birth_date="2015-01-01")
    wizard.next()
    choose(wizard.relationships_page.cells[("a1", "c1")][0], "mother")
    wizard.next()

    def refuse(**_kwargs: object) -> None:
        raise ValidationError([Problem("families[0].people[1].birth_date", "2015-01-01 is in the future")])

    monkeypatch.setattr(services, "register_family", refuse)
    wizard.save()
    qtbot.waitUntil(lambda: not wizard.is_busy, timeout=5000)
    assert wizard.step() == "people" and wizard.people_page.forms.currentWidget() is child
    assert child.messages["birth_date"].text() == "2015-01-01 is in the future."
    assert child.birth_date.hasFocus() and child.birth_date.text() == "2015-01-01"
    assert wizard.pages.isEnabled() and wizard.next_button.isEnabled()


def test_a_role_that_may_not_register_is_told_so(qtbot, admin: services.Session, station: Path) -> None:
    wizard = open_wizard(qtbot, admin, station)
    _to_people(wizard)
    add(wizard, "adult", "Ana", "Tum", sex="female")
    wizard.next()
    wizard.next()
    wizard.save()
    qtbot.waitUntil(wizard.form_message.isVisible, timeout=5000)
    assert wizard.form_message.text() == "Not permitted: your role may not register families."
    assert wizard.step() == "review" and wizard.save_button.isEnabled()


def test_cancel_asks_before_discarding(qtbot, wizard: IntakeWizard, monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    monkeypatch.setattr(wizard, "ask", lambda question, on_yes: (asked.append(question), on_yes()))
    with qtbot.waitSignal(wizard.cancelled, timeout=1000):
        wizard.cancel()  # nothing typed: no question
    assert asked == []
    fill_encounter(wizard)
    with qtbot.waitSignal(wizard.cancelled, timeout=1000):
        qtbot.keyClick(wizard.encounter_page.place, Qt.Key.Key_Escape)
    assert asked == ["Discard this encounter? Everything typed for it will be lost."]
    assert wizard.encounter_page.place.text() == "" and wizard.step() == "encounter"


def test_removing_a_person_with_typed_data_asks_first(wizard: IntakeWizard, monkeypatch: pytest.MonkeyPatch) -> None:
    answers: list[bool] = [False]
    monkeypatch.setattr(wizard, "ask", lambda _question, on_yes: on_yes() if answers.pop() else None)
    _to_people(wizard)
    typed = add(wizard, "adult", "Ana", "Tum", sex="female")
    typed.remove_button.click()
    assert [f.key for f in wizard.people_page.person_forms()] == ["a1"]
    answers.append(True)
    typed.remove_button.click()
    assert wizard.people_page.person_forms() == []


def test_every_input_has_an_accessible_name(wizard: IntakeWizard) -> None:
    _to_people(wizard)
    add(wizard, "adult", "Ana", "Tum", sex="female")
    add(wizard, "child", "Saqik", "Tum", sex="female").preverbal.setChecked(True)
    wizard.next()
    inputs = (QLineEdit, QComboBox, QCheckBox, QListWidget, QPlainTextEdit, QDateTimeEdit, QAbstractButton)
    found = [w for kind in inputs for w in wizard.findChildren(kind)
             if not isinstance(w.parent(), (QAbstractSpinBox, QComboBox))]  # not Qt's own inner parts
    assert len(found) > 40
    # A button is named by its text (what a screen reader reads); every other input by its accessible name.
    assert [w for w in found if not w.accessibleName() and not (isinstance(w, QAbstractButton) and w.text())] == []


def test_a_language_change_redraws_the_texts_and_keeps_everything_typed(wizard: IntakeWizard) -> None:
    _to_people(wizard)
    adult = add(wizard, "adult", "Ana", "Tum", sex="female")
    add(wizard, "child", unknown=True, sex="male", age="2")
    adult.set_languages(["mam"])  # (after the child: the child's languages stay empty, not the adult's default)
    wizard.next()
    choose(wizard.relationships_page.cells[("a1", "c1")][1], "observed")
    before = wizard.document()
    for widget in [wizard, *wizard.findChildren(QWidget)]:  # what installing a translator sends
        QApplication.sendEvent(widget, QEvent(QEvent.Type.LanguageChange))
    assert wizard.document() == before
    assert wizard.people_page.person_forms()[1].languages_chosen.text().startswith("Space ticks")
    assert wizard.relationships_page.cells[("a1", "c1")][1].currentData() == "observed"


def test_hidden_while_locked_it_keeps_what_was_typed_in_memory_only(qtbot, agent: services.Session, station: Path,
                                                                     private_tmp: Path) -> None:
    wizard = open_wizard(qtbot, agent, station)
    typed = "Xochélia Tz'olín Ajpacajé"  # invented; typed, never saved
    _to_people(wizard)
    form = add(wizard, "adult", sex="female")
    form.given_names.setFocus()
    form.given_names.insert(typed)
    wizard.hide()  # what the main window does on a lock
    wizard.show()
    assert form.given_names.text() == typed and wizard.step() == "people"
    needle = typed.encode()
    for folder in (station, private_tmp):
        for path in folder.rglob("*"):
            if path.is_file() and not path.is_symlink():
                assert needle not in path.read_bytes(), path


def test_the_question_is_a_window_modal_box_that_does_not_block(qtbot, wizard: IntakeWizard) -> None:
    fill_encounter(wizard)
    wizard.cancel()
    box = wizard.findChild(QMessageBox)
    assert box is not None and box.isVisible() and box.windowModality() == Qt.WindowModality.WindowModal
    assert wizard.encounter_page.place.text() != ""  # "No" is the default: nothing happens yet
    with qtbot.waitSignal(wizard.cancelled, timeout=1000):
        box.button(QMessageBox.StandardButton.Yes).click()
    assert wizard.encounter_page.place.text() == ""


def test_an_unexpected_failure_is_reported_with_a_reference_and_nothing_is_lost(
        qtbot, wizard: IntakeWizard, station: Path, monkeypatch: pytest.MonkeyPatch,
        error_boxes: list[tuple[str, str]]) -> None:
    def broken(**_kwargs: object) -> None:
        raise RuntimeError("Ixchel Batz'ín")  # a message may hold personal data

    monkeypatch.setattr(services, "register_family", broken)
    _to_people(wizard)
    add(wizard, "adult", "Ixchel", "Batz'ín", sex="female")
    wizard.next()
    wizard.next()
    wizard.save()
    qtbot.waitUntil(lambda: len(error_boxes) == 1, timeout=5000)
    assert error_boxes.pop()[0] == "Something went wrong"
    assert "Batz" not in (station / "logs" / "kinlink.log").read_text()
    assert wizard.step() == "review" and not wizard.is_busy
    assert wizard.state().people[0].family_names == "Batz'ín"


def test_the_review_step_shows_who_may_be_registered_already(qtbot, agent: services.Session, station: Path,
                                                              example_document: bytes) -> None:
    services.register_family(session=agent, document=example_document)
    wizard = open_wizard(qtbot, agent, station)
    fill_encounter(wizard)
    wizard.next()
    add(wizard, "adult", "maria jose", "lopez garcia", birth_date="1990-03-02")
    add(wizard, "adult", "Tz'unun", "Quixabé Sic", sex="male")
    wizard.next()
    wizard.next()
    assert wizard.step() == "review"
    review = wizard.review_page
    qtbot.waitUntil(review.matches.isVisible, timeout=5000)
    text = review.matches.text()
    assert "maria jose lopez garcia may be María José García López\nband " in text
    assert "names 100% alike" in text and "same birth date" in text
    assert "Tz&#x27;unun" not in text and "Tz'unun" not in text, "nobody like him is on record"
    wizard.back()
    assert not review.matches.isVisible(), "cleared until the step is shown again"
