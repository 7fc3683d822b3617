"""Typing less at the desk (issue 16, item 9), by real key presses at 1366x768: the place of the last
family saved at the station is the next encounter's default; a new child takes the adults' nationality,
languages and family names as defaults; Enter moves from field to field (Next in a step's last field);
the photo's file dialog opens where the last photo was chosen, the newest picture chosen. A default
never replaces what the agent typed. (Invented people.)"""

from __future__ import annotations

import os
import shutil
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from app import services
from app.ui.intake.defaults import first_family_name
from app.ui.intake.person_form import PersonForm
from app.ui.intake.station_memory import StationMemory
from app.ui.intake.wizard import IntakeWizard

from .conftest import CTRL, SHIFT, Keyboard, add, choose, open_wizard

ROOT = Path(__file__).resolve().parents[3]
ENTER, SPACE = Qt.Key.Key_Return, Qt.Key.Key_Space
PLACE = "Sasabe port, sector Tucson"


@pytest.fixture
def desk(qtbot, agent: services.Session, station: Path) -> IntakeWizard:
    wizard = open_wizard(qtbot, agent, station)
    wizard.resize(1366, 768)
    return wizard


def _encounter_by_keys(keyboard: Keyboard, place: str = PLACE, latitude: str = "31.3",
                       longitude: str = "-110.9") -> None:
    keyboard.type(place)
    keyboard.key(ENTER)
    keyboard.type(latitude)
    keyboard.key(ENTER)
    keyboard.type(longitude)
    keyboard.key(ENTER)  # the last field: Next


def _parents(keyboard: Keyboard, wizard: IntakeWizard) -> tuple[PersonForm, PersonForm]:
    """The README's mother and father, typed (Guatemala; Spanish and K'iche' for her)."""
    forms = []
    for given, family, sex, languages in (("María José", "García López", "f", "sk"),
                                          ("Tz'unun", "Batz'ín Quixabé", "m", "s")):
        keyboard.key(Qt.Key.Key_A, CTRL | SHIFT)
        form = wizard.people_page.forms.currentWidget()
        keyboard.type(given)
        keyboard.key(ENTER)
        keyboard.type(family)
        keyboard.key(ENTER)
        keyboard.type("1990-03-02")
        keyboard.key(ENTER)
        keyboard.type(sex)
        keyboard.key(ENTER)
        keyboard.type("g")
        keyboard.key(ENTER)
        assert keyboard.focus() is form.languages
        for letter in languages:
            keyboard.type(letter)
            keyboard.key(SPACE)
        forms.append(form)
    return forms[0], forms[1]


def _to_people(keyboard: Keyboard, wizard: IntakeWizard) -> None:
    _encounter_by_keys(keyboard)
    assert wizard.step() == "people"


# --- the place remembered ----------------------------------------------------------------------------


def test_the_place_of_the_last_family_saved_is_the_next_encounters_default(qtbot, desk: IntakeWizard,
                                                                         keyboard: Keyboard, agent: services.Session,
                                                                         station: Path) -> None:
    page = desk.encounter_page
    assert (page.place.text(), page.latitude.text(), page.longitude.text()) == ("", "", ""), "a new station"
    _to_people(keyboard, desk)
    add(desk, "adult", "Rosa Elena", "Pérez Mejía", sex="female", birth_date="1988-05-17")
    keyboard.key(ENTER, CTRL, times=2)  # Next, Next (no children: no relationships)
    with qtbot.waitSignal(desk.family_saved, timeout=10_000):
        keyboard.key(ENTER, CTRL)
    keyboard.key(Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)  # Register another family
    qtbot.waitUntil(lambda: desk.step() == "encounter")

    later = open_wizard(qtbot, agent, station)  # (as after a restart: it is in settings.ini)
    for wizard in (desk, later):
        page = wizard.encounter_page
        assert (page.place.text(), page.latitude.text(), page.longitude.text()) == (PLACE, "31.3", "-110.9")
        assert abs(page.occurred_at.dateTime().toSecsSinceEpoch() - datetime.now().timestamp()) < 120, "now"
    assert keyboard.focus() is later.encounter_page.place and later.encounter_page.place.selectedText() == PLACE
    settings = (station / "settings.ini").read_text(encoding="utf-8")
    assert "Sasabe" in settings and "Rosa" not in settings and "rez Mej" not in settings, "a place, no person"

    asked: list[str] = []
    later.ask = lambda question, _on_yes: asked.append(question)  # type: ignore[method-assign]
    with qtbot.waitSignal(later.cancelled, timeout=2000):
        keyboard.key(Qt.Key.Key_Escape)  # only defaults: nothing typed, nothing to ask
    assert asked == []


def test_typing_replaces_the_remembered_place_and_the_new_one_is_remembered(qtbot, keyboard: Keyboard,
                                                                            agent: services.Session,
                                                                            station: Path) -> None:
    StationMemory(station).remember_place(PLACE, "31.3", "-110.9")
    wizard = open_wizard(qtbot, agent, station)
    wizard.resize(1366, 768)
    page = wizard.encounter_page
    keyboard.type("Lukeville, gate 2")  # the place is selected: typing replaces it
    keyboard.key(Qt.Key.Key_Tab)
    assert keyboard.focus() is page.latitude and page.latitude.selectedText() == "31.3"
    keyboard.type("31.9")
    assert (page.place.text(), page.latitude.text(), page.longitude.text()) == ("Lukeville, gate 2", "31.9",
                                                                                "-110.9")
    assert wizard.has_input(), "a place typed is input"
    keyboard.key(ENTER, CTRL)
    add(wizard, "adult", "Rosa Elena", "Pérez Mejía", sex="female", birth_date="1988-05-17")
    keyboard.key(ENTER, CTRL, times=2)  # Next, Next (no children: no relationships)
    with qtbot.waitSignal(wizard.family_saved, timeout=10_000) as saved:
        keyboard.key(ENTER, CTRL)
    family = services.show_family(session=agent, ident=saved.args[0]["families"][0]["id"])
    assert family["encounter"]["place"] == "Lukeville, gate 2" and family["encounter"]["latitude"] == 31.9
    assert StationMemory(station).place() == ("Lukeville, gate 2", "31.9", "-110.9")


# --- a child's defaults ------------------------------------------------------------------------------


def test_a_new_child_takes_the_adults_nationality_languages_and_family_names(desk: IntakeWizard,
                                                                            keyboard: Keyboard) -> None:
    _to_people(keyboard, desk)
    _parents(keyboard, desk)
    keyboard.key(Qt.Key.Key_C, CTRL | SHIFT)
    child = desk.people_page.forms.currentWidget()
    assert child.family_names.text() == "Batz'ín García", "the father's first family name, the mother's first"
    assert child.nationality.currentData() == "GT" and child.chosen_languages() == ["es", "quc"], "the first adult's"
    assert not child.has_input(), "defaults are not typed"
    keyboard.type("Ixchel")
    keyboard.key(ENTER)
    assert keyboard.focus() is child.family_names and child.family_names.selectedText() == "Batz'ín García"
    keyboard.key(ENTER)  # kept; past "Name unknown" (a name is typed)
    assert keyboard.focus() is child.birth_date
    keyboard.key(ENTER)
    keyboard.type("6")
    keyboard.key(ENTER)
    keyboard.type("f")
    keyboard.key(ENTER)
    keyboard.key(ENTER)  # Guatemala kept
    keyboard.type("k")
    keyboard.key(SPACE)  # what is ticked is what is saved: K'iche' unticked
    person = child.entry()
    assert (person.given_names, person.family_names, person.nationality, person.languages) == \
        ("Ixchel", "Batz'ín García", "GT", ["es"])


def test_without_a_father_and_a_mother_the_child_takes_the_first_adults_family_names(desk: IntakeWizard,
                                                                                     keyboard: Keyboard) -> None:
    _to_people(keyboard, desk)
    add(desk, "adult", "Ana", "Tum Sic", sex="female")
    add(desk, "adult", "Lucía", "Tum Sic", sex="female")
    keyboard.key(Qt.Key.Key_C, CTRL | SHIFT)
    child = desk.people_page.forms.currentWidget()
    assert child.family_names.text() == "Tum Sic" and child.nationality.currentIndex() == 0
    assert first_family_name("de la Cruz Pérez") == "de la Cruz" and first_family_name("Batz'ín Quixabé") == "Batz'ín"


def test_a_default_never_replaces_what_the_agent_typed(desk: IntakeWizard, keyboard: Keyboard) -> None:
    _to_people(keyboard, desk)
    mother, father = _parents(keyboard, desk)
    keyboard.key(Qt.Key.Key_C, CTRL | SHIFT)
    child = desk.people_page.forms.currentWidget()
    keyboard.type("Saqik")
    keyboard.key(Qt.Key.Key_Tab)
    keyboard.type("Quixabé")  # replaces the default family names, selected when the field got the focus
    keyboard.tab(4)
    assert keyboard.focus() is child.sex
    keyboard.key(Qt.Key.Key_Tab)
    keyboard.type("h")  # from the top, as in an empty box: Honduras, not a country after Guatemala
    assert child.nationality.currentData() == "HN"
    keyboard.key(Qt.Key.Key_Tab)
    keyboard.key(SPACE)  # Spanish (under the cursor) unticked: the ticks are what is saved
    assert child.chosen_languages() == ["quc"]
    mother.family_names.setText("García")  # a later change of an adult does not reach the child
    choose(mother.nationality, "MX")
    keyboard.key(Qt.Key.Key_C, CTRL | SHIFT)
    second = desk.people_page.forms.currentWidget()
    assert second.family_names.text() == "Batz'ín García" and second.nationality.currentData() == "MX"
    entry = child.entry()
    assert (entry.family_names, entry.nationality, entry.languages) == ("Quixabé", "HN", ["quc"])
    assert child.has_input() and father.family_names.text() == "Batz'ín Quixabé"


def test_offered_family_names_alone_are_not_a_name(desk: IntakeWizard, keyboard: Keyboard) -> None:
    """A baby whose name is not known must not be saved under names made up from his parents'."""
    _to_people(keyboard, desk)
    _parents(keyboard, desk)
    keyboard.key(Qt.Key.Key_C, CTRL | SHIFT)
    baby = desk.people_page.forms.currentWidget()
    assert baby.entry().family_names == "" and not baby.entry().names_typed
    keyboard.key(ENTER)
    keyboard.key(ENTER)
    assert keyboard.focus() is baby.name_unknown, "no name typed: Enter stops at Name unknown"
    keyboard.key(ENTER, CTRL)
    assert desk.step() == "people" and "Name unknown" in baby.messages["name"].text()
    keyboard.key(SPACE)
    assert baby.family_names.text() == "", "Name unknown: the family names offered (not his) go"
    keyboard.key(SPACE)
    assert baby.family_names.text() == "Batz'ín García", "unticked: offered again"
    keyboard.key(SPACE)
    keyboard.key(Qt.Key.Key_Tab)
    assert keyboard.focus() is baby.birth_date


def test_a_pre_verbal_child_does_not_take_the_adults_languages(desk: IntakeWizard, keyboard: Keyboard) -> None:
    _to_people(keyboard, desk)
    _parents(keyboard, desk)
    keyboard.key(Qt.Key.Key_C, CTRL | SHIFT)
    baby = desk.people_page.forms.currentWidget()
    baby.preverbal.setFocus()
    keyboard.key(SPACE)
    assert baby.chosen_languages() == [] and baby.nationality.currentData() == "GT"
    keyboard.key(SPACE)
    assert baby.chosen_languages() == ["es", "quc"], "unticked: the default again"


def test_in_spanish_the_defaults_and_a_first_letter_read_as_in_an_empty_box(desk: IntakeWizard, keyboard: Keyboard,
                                                                           spanish: None) -> None:
    _to_people(keyboard, desk)
    _parents(keyboard, desk)
    keyboard.key(Qt.Key.Key_C, CTRL | SHIFT)
    child = desk.people_page.forms.currentWidget()
    assert child.nationality.currentText().startswith("Guatemala")
    assert child.languages_chosen.text().startswith("Elegidos: ")
    child.nationality.setFocus()
    keyboard.type("m")
    assert child.nationality.currentData() == "MX"


# --- Enter -------------------------------------------------------------------------------------------


def test_enter_moves_from_field_to_field_and_is_next_in_the_last_one(desk: IntakeWizard, keyboard: Keyboard) -> None:
    page = desk.encounter_page
    desk.encounter_page.occurred_at.setFocus()
    keyboard.key(ENTER)
    assert keyboard.focus() is page.place
    keyboard.type(PLACE)
    keyboard.key(ENTER)
    assert keyboard.focus() is page.latitude
    keyboard.key(ENTER)
    assert keyboard.focus() is page.longitude and desk.step() == "encounter"
    keyboard.key(Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)  # the keypad's Enter too
    assert desk.step() == "people"

    keyboard.key(Qt.Key.Key_A, CTRL | SHIFT)
    adult = desk.people_page.forms.currentWidget()
    keyboard.type("Tz'unun")
    keyboard.key(ENTER)
    assert keyboard.focus() is adult.family_names
    keyboard.key(ENTER)  # a name is typed: past "Name unknown"
    assert keyboard.focus() is adult.birth_date
    keyboard.key(ENTER)  # no birth date: the age
    assert keyboard.focus() is adult.age
    keyboard.key(Qt.Key.Key_Tab, SHIFT)
    keyboard.type("1988-11-30")
    keyboard.key(ENTER)  # a whole birth date: past the age
    assert keyboard.focus() is adult.sex
    keyboard.type("m")
    keyboard.key(ENTER)
    assert keyboard.focus() is adult.nationality and adult.sex.currentData() == "male"
    keyboard.key(ENTER)
    assert keyboard.focus() is adult.languages
    keyboard.key(ENTER, CTRL)
    assert desk.step() == "relationships"


def test_enter_in_the_grid_moves_on_and_is_next_in_the_last_box(desk: IntakeWizard, keyboard: Keyboard) -> None:
    _to_people(keyboard, desk)
    add(desk, "adult", "Ana", "Tum", sex="female")
    add(desk, "child", "Saqik", "Tum", sex="female", age="7")
    keyboard.key(ENTER, CTRL)
    relationship, provenance = desk.relationships_page.cells[("a1", "c1")]
    assert keyboard.focus() is relationship
    keyboard.type("m")
    keyboard.key(ENTER)
    assert keyboard.focus() is provenance and desk.step() == "relationships"
    keyboard.key(ENTER)
    assert desk.step() == "review"


def test_enter_in_the_pre_verbal_childs_fields(qtbot, desk: IntakeWizard, keyboard: Keyboard, tmp_path: Path) -> None:
    """The description keeps Enter (a new line); Carried by moves on to the photo's path, where
    Enter with no path opens the file dialog (and with a path loads it)."""
    _to_people(keyboard, desk)
    add(desk, "adult", "Ana", "Tum", sex="female")
    baby = add(desk, "child", unknown=True, sex="male", age="1")
    baby.preverbal.setChecked(True)
    baby.description.setFocus()
    keyboard.type("red cap")
    keyboard.key(ENTER)
    keyboard.type("birthmark")
    assert baby.description.toPlainText() == "red cap\nbirthmark"
    keyboard.key(Qt.Key.Key_Tab)
    keyboard.type("a")
    keyboard.key(ENTER)
    assert keyboard.focus() is baby.bundle.photo_path and baby.bundle.carrier() == "a1"
    keyboard.key(ENTER)
    dialog = baby.bundle.file_dialog
    assert isinstance(dialog, QFileDialog) and dialog.isVisible()
    dialog.reject()
    qtbot.waitUntil(lambda: baby.bundle.file_dialog is None)


# --- the photo's folder ------------------------------------------------------------------------------


@pytest.mark.qt_log_ignore("does not support grabbing the keyboard", extend=True)  # the path's offscreen completer
def test_the_file_dialog_opens_where_the_last_photo_was_chosen_with_the_newest_chosen(
        qtbot, desk: IntakeWizard, keyboard: Keyboard, tmp_path: Path) -> None:
    camera = tmp_path / "camera"
    camera.mkdir()
    older, newest = camera / "IMG_0007.png", camera / "IMG_0008.png"
    for n, path in enumerate((newest, older)):  # (the newest is not the last by name alone)
        shutil.copy(ROOT / "docs/examples/photo.png", path)
        os.utime(path, (1_700_000_000 - n * 600, 1_700_000_000 - n * 600))
    (camera / "notes.txt").write_text("not a photo")
    os.utime(camera / "notes.txt", (1_800_000_000, 1_800_000_000))
    _to_people(keyboard, desk)
    add(desk, "adult", "Ana", "Tum", sex="female")
    first, second = (add(desk, "child", unknown=True, sex="male", age="1") for _ in range(2))

    def choose_photo(baby: PersonForm, typed: str) -> Path:
        desk.activateWindow()  # (as a window manager does when a dialog closes)
        qtbot.waitUntil(desk.isActiveWindow)
        baby.preverbal.setChecked(True)
        desk.people_page.show_person(baby.key)
        baby.bundle.photo_path.setFocus()
        keyboard.key(ENTER)
        dialog = baby.bundle.file_dialog
        assert isinstance(dialog, QFileDialog)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is not None and dialog.isAncestorOf(
            QApplication.focusWidget()))
        folder = Path(dialog.directory().absolutePath())
        if typed:
            keyboard.type(typed)
        keyboard.key(ENTER)
        qtbot.waitUntil(lambda: baby.bundle.photo() is not None and not baby.bundle.loading, timeout=10_000)
        return folder

    choose_photo(first, str(older))  # the first time: the path typed in the dialog
    assert first.bundle.photo_path.text() == str(older)
    assert choose_photo(second, "") == camera, "the folder the last photo was chosen from"
    assert second.bundle.photo_path.text() == str(newest), "the newest photo there, taken with Enter"
