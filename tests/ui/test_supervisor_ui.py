"""A supervisor's screens: correcting a person or a link from the family view (a reason required,
the old value kept in the history), and the conflict queue (keep one value, or enter another). An
agent sees neither."""

from __future__ import annotations

import uuid
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app import services
from app.domain import clock
from app.domain.changes import Change
from app.security.identity import StationIdentity
from app.store import syncing
from app.store.changelog import load_changes
from app.ui.band_reason_dialog import BandReasonDialog
from app.ui.conflicts_dialog import ConflictsDialog
from app.ui.correction_dialog import CorrectionDialog
from app.ui.main_window import MainWindow
from app.ui.merge_dialog import MergeDialog
from app.ui.move_dialog import MoveDialog
from tests.ui.conftest import show_main_window


def _window(qtbot, session: services.Session, station: Path) -> MainWindow:
    window = show_main_window(qtbot, session, station, active=False)
    if window.pages.currentWidget() is window.board:  # a supervisor's main view: Esc goes to the family units
        qtbot.keyClick(window.board, Qt.Key.Key_Escape)
    assert window.pages.currentWidget() is window.work
    qtbot.waitUntil(lambda: window.today.topLevelItemCount() == 1, timeout=5000)
    window.today.setCurrentItem(window.today.topLevelItem(0))
    qtbot.waitUntil(lambda: window.family_view.people.topLevelItemCount() == 2, timeout=5000)
    return window


@pytest.fixture
def family(agent: services.Session, example_document: bytes) -> dict:
    return services.register_family(session=agent, document=example_document)["families"][0]


def _dialog(window: MainWindow, kind: type) -> CorrectionDialog | ConflictsDialog:
    found = [d for d in window.findChildren(kind) if d.isVisible()]
    assert len(found) == 1
    return found[0]


def test_an_agent_proposes_and_a_supervisor_accepts_or_rejects(qtbot, agent: services.Session,
                                                                supervisor: services.Session, station: Path,
                                                                family: dict) -> None:
    window = _window(qtbot, agent, station)
    view = window.family_view
    assert view.correct_person_button.text() == "P&ropose a correction…"
    assert not window.conflicts_action.isEnabled() and not window.proposals_action.isEnabled()
    view.people.setCurrentItem(view.people.topLevelItem(0))
    view.correct_person_button.click()
    dialog = _dialog(window, CorrectionDialog)
    assert dialog.heading.text() == "Propose a correction"
    dialog.field.setCurrentIndex(dialog.field.findData("nationality"))
    dialog.value.country.setCurrentIndex(dialog.value.country.findData("HN"))
    qtbot.keyClicks(dialog.reason, "her passport is Honduran")
    with qtbot.waitSignal(dialog.recorded, timeout=5000):
        dialog.save_button.click()
    assert view.people.topLevelItem(0).text(0) == "María José García López", "nothing changed yet"
    services.propose_correction(session=agent, ident=family["people"][0]["id"], field="description",
                                value="blue scarf", reason="seen at the desk")
    boss = _window(qtbot, supervisor, station)
    queue = boss.show_proposals()
    qtbot.waitUntil(lambda: queue.list.topLevelItemCount() == 2, timeout=5000)
    first = [queue.list.topLevelItem(0).text(c) for c in range(6)]
    assert first == ["María José García López", "nationality", "GT", "HN", "ana", "her passport is Honduran"]
    with qtbot.waitSignal(queue.decided, timeout=5000):
        queue.accept_button.click()
    qtbot.waitUntil(lambda: queue.list.topLevelItemCount() == 1, timeout=5000)
    queue.reject_button.click()
    assert queue.reason_problem.text() == "Say why, for the agent."
    qtbot.keyClicks(queue.reason, "not what she wore")
    with qtbot.waitSignal(queue.decided, timeout=5000):
        queue.reject_button.click()
    qtbot.waitUntil(lambda: queue.list.topLevelItemCount() == 0 and queue.empty.isVisible(), timeout=5000)
    shown = services.show_family(session=supervisor, ident=family["people"][0]["id"])
    assert shown["people"][0]["nationality"] == "HN" and shown["people"][0]["description"] is None
    mine = services.list_proposals(session=agent, status="all")["proposals"]
    assert sorted((p["status"], p["decision"]) for p in mine) == [("accepted", None),
                                                                  ("rejected", "not what she wore")]


def test_an_agent_sees_no_conflict_tools(qtbot, agent: services.Session, station: Path, family: dict) -> None:
    window = _window(qtbot, agent, station)
    assert not window.conflicts_action.isEnabled()


def test_a_supervisor_corrects_a_name_with_a_reason(qtbot, supervisor: services.Session, station: Path,
                                                    family: dict) -> None:
    window = _window(qtbot, supervisor, station)
    view = window.family_view
    assert view.correct_person_button.isVisibleTo(window) and not view.correct_person_button.isEnabled()
    view.people.setCurrentItem(view.people.topLevelItem(0))
    view.correct_person_button.click()
    dialog = _dialog(window, CorrectionDialog)
    assert dialog.field.currentData() == "given_names" and dialog.value.text.text() == "María José"
    assert dialog.now.text() == "Now: María José"
    dialog.value.text.setText("María Josefa")  # QTest types ASCII only
    dialog.save_button.click()
    assert dialog.problems[dialog.reason].text() == "Required." and dialog.isVisible(), "nothing was saved"
    qtbot.keyClicks(dialog.reason, "her passport")
    with qtbot.waitSignal(dialog.recorded, timeout=5000):
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: view.people.topLevelItem(0).text(0) == "María Josefa García López", timeout=5000)
    newest = view.history.topLevelItem(0)
    assert newest.text(3) == "her passport" and newest.text(1) == "sofia"
    assert "María José" in newest.child(0).text(2) and "María Josefa" in newest.child(0).text(2)


def test_a_value_the_field_cannot_take_is_said_in_place(qtbot, supervisor: services.Session, station: Path,
                                                        family: dict) -> None:
    window = _window(qtbot, supervisor, station)
    view = window.family_view
    view.people.setCurrentItem(view.people.topLevelItem(1))
    view.correct_person_button.click()
    dialog = _dialog(window, CorrectionDialog)
    dialog.field.setCurrentIndex(dialog.field.findData("age_estimate_years"))
    dialog.value.text.clear()
    qtbot.keyClicks(dialog.value.text, "seven")
    qtbot.keyClicks(dialog.reason, "asked the mother")
    dialog.save_button.click()
    assert dialog.problems[dialog.value].text() == "Enter a number of years, such as 7 or 0.5."
    dialog.field.setCurrentIndex(dialog.field.findData("birth_date"))
    qtbot.keyClicks(dialog.value.text, "2035-01-01")
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.form_message.text() != "", timeout=5000)
    assert "future" in dialog.form_message.text()
    assert dialog.isVisible() and view.people.topLevelItem(1).text(3) == "age about 1", "nothing changed"


def test_a_supervisor_corrects_a_relationship_from_a_list(qtbot, supervisor: services.Session, station: Path,
                                                          family: dict) -> None:
    window = _window(qtbot, supervisor, station)
    view = window.family_view
    view.links.setCurrentItem(view.links.topLevelItem(0))
    view.correct_link_button.click()
    dialog = _dialog(window, CorrectionDialog)
    assert dialog.heading.text() == "Correct a link"
    assert dialog.value.currentWidget() is dialog.value.choice and dialog.value.choice.currentData() == "mother"
    dialog.value.choice.setCurrentIndex(dialog.value.choice.findData("legal_guardian"))
    qtbot.keyClicks(dialog.reason, "guardianship papers")
    with qtbot.waitSignal(dialog.recorded, timeout=5000):
        dialog.save_button.click()
    qtbot.waitUntil(lambda: view.links.topLevelItem(0).text(1) == "legal guardian", timeout=5000)


def _conflict(supervisor: services.Session, person_id: str) -> None:
    """Another station's supervisor renamed the same person differently, as a sync would bring it."""
    services.correct_record(session=supervisor, ident=person_id, field="given_names", value="Majo",
                            reason="what she is called")
    with supervisor.engine.begin() as conn:
        created = next(c for c in load_changes(conn, [person_id]) if c.created)
        other = StationIdentity.generate("Lukeville")
        theirs = Change(uuid.uuid4().hex, "person", person_id, {"given_names": ("María José", "María Josefa")},
                        False, str(clock.Hlc(clock.now_ms() + 5000, 0, other.code)), other.code, "luis",
                        "her passport", base={"given_names": created.hlc})
        syncing.apply_pulled(conn, [(replace(theirs, signature=other.sign(theirs.signing_bytes())), 7)],
                             supervisor.identity.code)


def test_the_conflict_queue_keeps_the_chosen_value(qtbot, supervisor: services.Session, station: Path,
                                                   family: dict) -> None:
    _conflict(supervisor, family["people"][0]["id"])
    window = _window(qtbot, supervisor, station)
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = _dialog(window, ConflictsDialog)
    qtbot.waitUntil(lambda: dialog.queue.topLevelItemCount() == 1, timeout=5000)
    row = [dialog.queue.topLevelItem(0).text(c) for c in range(3)]
    assert row == ["María Josefa García López", "given names", "María Josefa"]
    values = sorted(dialog.writes.topLevelItem(i).text(0) for i in range(dialog.writes.topLevelItemCount()))
    assert values == ["Majo", "María Josefa"] and not dialog.empty.isVisible()
    kept = next(i for i in range(2) if dialog.writes.topLevelItem(i).text(0) == "Majo")
    dialog.writes.setCurrentItem(dialog.writes.topLevelItem(kept))
    with qtbot.waitSignal(dialog.resolved, timeout=5000):
        dialog.keep_button.click()
    qtbot.waitUntil(lambda: dialog.queue.topLevelItemCount() == 0 and dialog.empty.isVisible(), timeout=5000)
    assert dialog.empty.text() == "No conflicts: every station agrees."
    qtbot.waitUntil(lambda: window.family_view.people.topLevelItem(0).text(0) == "Majo García López", timeout=5000)
    assert services.sync_status(session=supervisor)["conflicts"] == 0


def test_a_new_value_in_the_queue_needs_a_reason(qtbot, supervisor: services.Session, station: Path,
                                                 family: dict) -> None:
    _conflict(supervisor, family["people"][0]["id"])
    window = _window(qtbot, supervisor, station)
    dialog = window.show_conflicts()
    qtbot.waitUntil(lambda: dialog.queue.topLevelItemCount() == 1, timeout=5000)
    dialog.new_value.text.setText("María José")
    dialog.enter_button.click()
    assert dialog.problems[dialog.reason].text() == "Required for a new value."
    assert services.sync_status(session=supervisor)["conflicts"] == 1
    dialog.reason.setText("her documents say María José")
    with qtbot.waitSignal(dialog.resolved, timeout=5000):
        dialog.enter_button.click()
    qtbot.waitUntil(lambda: dialog.queue.topLevelItemCount() == 0, timeout=5000)
    shown = services.show_family(session=supervisor, ident=family["people"][0]["band"])
    assert shown["people"][0]["given_names"] == "María José"
    assert shown["history"][-1]["reason"] == "her documents say María José"


def test_enter_in_the_reason_saves_the_new_value_not_the_selected_one(qtbot, supervisor: services.Session,
                                                                     station: Path, family: dict) -> None:
    _conflict(supervisor, family["people"][0]["id"])
    window = _window(qtbot, supervisor, station)
    dialog = window.show_conflicts()
    qtbot.waitUntil(lambda: dialog.queue.topLevelItemCount() == 1 and not dialog.is_busy, timeout=5000)
    dialog.new_value.text.setText("Maria Jose")
    dialog.reason.setFocus()
    qtbot.keyClicks(dialog.reason, "her documents")
    with qtbot.waitSignal(dialog.resolved, timeout=5000):
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.queue.topLevelItemCount() == 0 and not dialog.is_busy, timeout=5000)
    shown = services.show_family(session=supervisor, ident=family["people"][0]["band"])
    assert shown["people"][0]["given_names"] == "Maria Jose" and dialog.reason.text() == ""


def test_a_supervisor_voids_a_band_and_issues_a_new_one(qtbot, supervisor: services.Session, station: Path,
                                                        family: dict) -> None:
    window = _window(qtbot, supervisor, station)
    view = window.family_view
    old_band = family["people"][1]["band"]
    payload = services.band_payload(session=supervisor, band=old_band)  # as printed on the band
    window.void_action.trigger()
    assert window.statusBar().currentMessage() == "Select a person in the family shown first."
    row = next(i for i in range(2) if old_band in view.people.topLevelItem(i).text(2))
    view.people.setCurrentItem(view.people.topLevelItem(row))
    window.reissue_action.trigger()
    assert "is still valid: void it first" in window.statusBar().currentMessage()
    window.void_action.trigger()
    dialog = _dialog(window, BandReasonDialog)
    assert dialog.heading.text() == f"Void band {old_band}"
    dialog.save_button.click()
    assert dialog.problems[dialog.reason].text() == "Required." and dialog.isVisible()
    qtbot.keyClicks(dialog.reason, "torn at the clasp")
    with qtbot.waitSignal(dialog.recorded, timeout=5000):
        dialog.save_button.click()
    check = services.verify_bands(session=supervisor, payloads=[payload])
    assert check["bands"][0]["valid"] is False and "torn at the clasp" in check["bands"][0]["reason"]
    qtbot.waitUntil(lambda: old_band not in view.people.topLevelItem(row).text(2), timeout=5000)
    view.people.setCurrentItem(view.people.topLevelItem(row))
    window.reissue_action.trigger()
    dialog = _dialog(window, BandReasonDialog)
    qtbot.keyClicks(dialog.reason, "replacing the torn band")
    with qtbot.waitSignal(dialog.recorded, timeout=5000) as issued:
        dialog.save_button.click()
    new_band = issued.args[0]["band"]
    assert new_band != old_band
    qtbot.waitUntil(lambda: new_band in view.people.topLevelItem(row).text(2), timeout=5000)


def test_an_agent_cannot_void_or_reissue(qtbot, agent: services.Session, station: Path, family: dict) -> None:
    window = _window(qtbot, agent, station)
    assert not window.void_action.isEnabled() and not window.reissue_action.isEnabled()


def test_a_supervisor_merges_a_record_registered_twice_and_splits_it(qtbot, agent: services.Session,
                                                                     supervisor: services.Session, station: Path,
                                                                     family: dict) -> None:
    from tests.integration.test_merge_split import AGAIN

    window = _window(qtbot, supervisor, station)
    again = services.register_family(session=agent, document=AGAIN)["families"][0]
    view = window.family_view
    window.open_family(again["id"])
    qtbot.waitUntil(lambda: view.family_id() == again["id"] and view.people.topLevelItemCount() == 2, timeout=5000)
    view.people.setCurrentItem(view.people.topLevelItem(0))  # the mother, registered twice
    window.merge_action.trigger()
    dialog = _dialog(window, MergeDialog)
    qtbot.keyClicks(dialog.reason, "same passport")
    assert not dialog.save_button.isEnabled(), "no number: nobody to merge into"
    qtbot.keyClicks(dialog.keep, family["people"][0]["band"])
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=5000)
    with qtbot.waitSignal(dialog.recorded, timeout=5000):
        dialog.save_button.click()
    qtbot.waitUntil(lambda: view.people.topLevelItem(0).text(0).endswith("(merged into another record)"),
                    timeout=5000)
    assert services.show_family(session=supervisor, ident=again["people"][0]["band"])["id"] == family["id"]
    view.people.setCurrentItem(view.people.topLevelItem(0))
    window.merge_action.trigger()
    splitting = _dialog(window, MergeDialog)
    assert splitting.save_button.text() == "&Split"
    qtbot.keyClicks(splitting.reason, "two women after all")
    with qtbot.waitSignal(splitting.recorded, timeout=5000):
        splitting.save_button.click()
    qtbot.waitUntil(lambda: not view.people.topLevelItem(0).text(0).endswith("(merged into another record)"),
                    timeout=5000)


def test_a_supervisor_moves_a_person_to_another_family_unit(qtbot, agent: services.Session,
                                                             supervisor: services.Session, station: Path,
                                                             family: dict) -> None:
    from tests.integration.test_move_person import TWO

    window = _window(qtbot, supervisor, station)
    units = services.register_family(session=agent, document=TWO)["families"]
    view = window.family_view
    window.open_family(units[0]["id"])
    qtbot.waitUntil(lambda: view.family_id() == units[0]["id"] and view.people.topLevelItemCount() == 3,
                    timeout=5000)
    row = next(i for i in range(3) if view.people.topLevelItem(i).text(0) == "Juan Pérez")
    view.people.setCurrentItem(view.people.topLevelItem(row))
    window.move_action.trigger()
    dialog = _dialog(window, MoveDialog)
    qtbot.keyClicks(dialog.family, units[1]["number"])
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=5000)
    dialog.save_button.click()
    assert dialog.problems[dialog.reason].text() == "Required."
    qtbot.keyClicks(dialog.reason, "his parents are the Perez")
    with qtbot.waitSignal(dialog.recorded, timeout=5000):
        dialog.save_button.click()
    qtbot.waitUntil(lambda: view.people.topLevelItemCount() == 2, timeout=5000)
    moved = services.show_family(session=supervisor, ident=units[1]["id"])
    assert "Juan" in [p["given_names"] for p in moved["people"]]
