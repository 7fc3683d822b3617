"""Registered already? (issue 16, item 6) On the review step each person on record who may be someone
of the family is shown with what to compare, and the agent must choose "Same person" or "Not the
same" for each: the save (Ctrl+Return too) is refused until then, nothing typed lost. "Same person"
opens the record beside the wizard and saves with a merge proposal a supervisor sees. Real key
presses at 1366x768, in English and in Spanish. (Invented people.)"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app import services
from app.ui import labels
from app.ui.intake.duplicate_box import CandidateRow
from app.ui.intake.wizard import IntakeWizard
from app.ui.proposals_dialog import ProposalsDialog
from tests.conftest import adult, child, document, link

from .conftest import CTRL, Keyboard, add, fill_encounter, open_wizard

ROSA = document({"people": [adult("r", "Rosa Elvira", "Tzoc Ajú", nationality="GT", birth_date="1991-04-17"),
                            child("c", "Mateo", "Tzoc", age_estimate_years=4)],
                 "links": [link("r", "c")]})


@pytest.fixture
def on_record(agent: services.Session) -> dict[str, Any]:
    people = services.register_family(session=agent, document=ROSA)["families"][0]["people"]
    return {p["ref"]: p for p in people}


def _at_review(qtbot: Any, agent: services.Session, station: Path) -> tuple[IntakeWizard, CandidateRow]:
    """Rosa registered again as "Rosa Tzoc Aju" (the issue's example), on the review step at 1366x768."""
    wizard = open_wizard(qtbot, agent, station)
    wizard.resize(1366, 768)
    fill_encounter(wizard)
    wizard.next()
    add(wizard, "adult", "Rosa", "Tzoc Aju", birth_date="1991-04-17")
    wizard.next()
    wizard.next()
    box = wizard.review_page.matches
    qtbot.waitUntil(lambda: box.isVisible() and len(box.rows) == 1, timeout=5000)
    return wizard, box.rows[0]


def _save_refused(qtbot: Any, wizard: IntakeWizard, keyboard: Keyboard, row: CandidateRow,
                  agent: services.Session) -> None:
    keyboard.key(Qt.Key.Key_Return, CTRL)
    box = wizard.review_page.matches
    assert wizard.step() == "review" and not wizard.is_busy and box.message.isVisible()
    assert keyboard.focus() is row.same, "the choice to make has the focus"
    assert wizard.people_page.form("a1").given_names.text() == "Rosa", "nothing typed is lost"
    assert len(services.search(session=agent, text="Tzoc")["people"]) == 2, "nothing saved"


def _saved(qtbot: Any, wizard: IntakeWizard, keyboard: Keyboard) -> dict[str, Any]:
    with qtbot.waitSignal(wizard.family_saved, timeout=10_000) as saved:
        keyboard.key(Qt.Key.Key_Return, CTRL)
    answer: dict[str, Any] = saved.args[0]
    return answer


def test_the_candidate_is_shown_and_not_the_same_is_chosen_before_saving(
        qtbot: Any, agent: services.Session, station: Path, on_record: dict[str, Any], keyboard: Keyboard) -> None:
    wizard, row = _at_review(qtbot, agent, station)
    text = wizard.review_page.matches.text()
    assert "Rosa Tzoc Aju may be Rosa Elvira Tzoc Ajú" in text
    for fact in (f"band {on_record['r']['band']}", "family unit ", labels.age({"birth_date": "1991-04-17"}),
                 "names 92% alike", "same birth date"):
        assert fact in text
    _save_refused(qtbot, wizard, keyboard, row, agent)
    assert "Is Rosa Tzoc Aju the person on record?" in wizard.review_page.matches.message.text()
    keyboard.key(Qt.Key.Key_Right)  # the arrow keys move within the row, Space chooses: Not the same
    keyboard.key(Qt.Key.Key_Space)
    assert row.choice() == "different" and not row.remove_button.isVisible()
    answer = _saved(qtbot, wizard, keyboard)
    assert "merge_proposals" not in answer
    assert services.list_proposals(session=agent)["proposals"] == []


def test_same_person_opens_the_record_beside_and_saves_a_merge_proposal(
        qtbot: Any, agent: services.Session, supervisor: services.Session, station: Path,
        on_record: dict[str, Any], keyboard: Keyboard) -> None:
    wizard, row = _at_review(qtbot, agent, station)
    _save_refused(qtbot, wizard, keyboard, row, agent)
    keyboard.key(Qt.Key.Key_Space)  # Same person
    assert row.choice() == "same" and row.remove_button.isVisible() and row.same_hint.isVisible()
    while keyboard.focus() is not row.open_button:
        keyboard.tab()
    keyboard.key(Qt.Key.Key_Space)  # Open the record
    dialog = wizard.duplicates.dialogs[-1]
    qtbot.waitUntil(lambda: dialog.view.people.topLevelItemCount() == 2, timeout=5000)
    assert not dialog.isModal() and dialog.isVisible()
    assert dialog.view.selected_person()["id"] == on_record["r"]["id"]
    assert dialog.geometry().right() > wizard.geometry().center().x(), "beside the form, on the right"
    assert wizard.step() == "review" and wizard.people_page.form("a1").family_names.text() == "Tzoc Aju"
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    keyboard.key(Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow)
    wizard.save_button.setFocus()
    answer = _saved(qtbot, wizard, keyboard)
    made, = answer["merge_proposals"]
    new = answer["families"][0]["people"][0]
    waiting, = services.list_proposals(session=supervisor)["proposals"]
    assert (waiting["id"], waiting["entity_id"], waiting["into"]["id"]) == (made["id"], new["id"], on_record["r"]["id"])
    listed = ProposalsDialog(supervisor, station)  # what the supervisor's list shows
    qtbot.addWidget(listed)
    qtbot.waitUntil(lambda: listed.list.topLevelItemCount() == 1, timeout=5000)
    band = on_record["r"]["band"]
    assert listed.list.topLevelItem(0).text(3) == f"the same person as Rosa Elvira Tzoc Ajú (band {band})"
    services.decide_proposal(session=supervisor, proposal_id=made["id"], accept=True)
    assert services.show_person(session=supervisor, ident=new["band"])["person"]["merged_into"] == on_record["r"]["id"]


def test_same_person_can_be_removed_from_the_entry_instead(
        qtbot: Any, agent: services.Session, station: Path, on_record: dict[str, Any], keyboard: Keyboard,
        monkeypatch: pytest.MonkeyPatch) -> None:
    wizard, row = _at_review(qtbot, agent, station)
    add(wizard, "child", "Ixchel", "Batz", age="6")  # (someone else of the family stays)
    row.same.setFocus()
    keyboard.key(Qt.Key.Key_Space)
    asked: list[str] = []
    monkeypatch.setattr(wizard, "ask", lambda question, on_yes: (asked.append(question), on_yes()))
    while keyboard.focus() is not row.remove_button:
        keyboard.tab()
    keyboard.key(Qt.Key.Key_Space)
    assert asked == ["Remove Rosa Tzoc Aju and everything typed for them?"]
    assert wizard.step() == "people" and [f.key for f in wizard.people_page.person_forms()] == ["c1"]


def test_in_spanish_the_choice_is_asked_for_too(qtbot: Any, spanish: None, agent: services.Session, station: Path,
                                               on_record: dict[str, Any], keyboard: Keyboard) -> None:
    wizard, row = _at_review(qtbot, agent, station)
    text = wizard.review_page.matches.text()
    assert labels.age({"birth_date": "1991-04-17"}) in text and "Rosa Elvira Tzoc Ajú" in text
    assert wizard.save_button.text() != "Sa&ve family", "the wizard is in Spanish"
    _save_refused(qtbot, wizard, keyboard, row, agent)
    keyboard.key(Qt.Key.Key_Right)
    keyboard.key(Qt.Key.Key_Space)
    assert row.choice() == "different"
    _saved(qtbot, wizard, keyboard)
    assert QApplication.focusWidget() is not None
