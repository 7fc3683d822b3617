"""The reunification board in the app, by keyboard: Ctrl+Shift+R opens it over the main window, the
separated child and its mother are listed with the deadline and the counts, "Overdue only" filters,
and Enter on the child's row opens its family unit; in English and in Spanish."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt

from app import services
from app.ui.board_dialog import BoardDialog
from tests.conftest import adult, child, document, link
from tests.ui.conftest import show_main_window

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _separated(agent: services.Session) -> dict[str, str]:
    answer = services.register_family(session=agent, document=document(
        {"people": [adult("a1", "Rosa", "Tzoc"), child("c1", "Mateo", "Tzoc", age_estimate_years=3)],
         "links": [link("a1", "c1")]},
        {"people": [adult("a2", "Elena", "Xol"), child("c2", "Iker", "Xol", age_estimate_years=9)],
         "links": [link("a2", "c2")]}))
    family = services.show_family(session=agent, ident=answer["families"][0]["id"])
    kid = next(p for p in family["people"] if p["role"] == "child")
    mother = next(p for p in family["people"] if p["role"] == "adult")
    at = (datetime.now(UTC) - timedelta(days=2, hours=1)).isoformat()  # 11 days and 23 hours left
    services.separate(session=agent, child=kid["id"], adult=mother["id"], reason="adult taken to hospital", at=at)
    return {"family": family["id"], "number": family["number"], "child_band": kid["band"]}


def _open_board(qtbot, window) -> BoardDialog:
    qtbot.keyClick(window, Qt.Key.Key_R, CTRL_SHIFT)
    board = window.board
    qtbot.waitUntil(lambda: window.pages.currentWidget() is board, timeout=5000)
    assert isinstance(board, BoardDialog)
    qtbot.waitUntil(lambda: board.rows.topLevelItemCount() > 0 and board.counts.text() != "", timeout=5000)
    return board


def test_the_board_by_keyboard_lists_the_pair_and_enter_opens_the_family(qtbot, agent: services.Session,
                                                                           station: Path) -> None:
    ids = _separated(agent)
    window = show_main_window(qtbot, agent, station)
    board = _open_board(qtbot, window)
    assert board.counts.text() == "1 children · 1 adults apart · 0 overdue · 0 with alerts"
    row = board.rows.topLevelItem(0)
    assert (row.text(0), row.text(1), row.text(3)) == ("Mateo Tzoc", ids["child_band"], "12 d")
    assert row.child(0).text(0) == "mother: Rosa Tzoc" and row.child(0).text(4) == "none"
    assert row.text(5).startswith("a Kinlink station (")
    qtbot.keyClick(board.overdue_only, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: board.overdue_only.isChecked() and board.counts.text().startswith("0 children"),
                    timeout=5000)
    qtbot.keyClick(board.overdue_only, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: board.counts.text().startswith("1 children"), timeout=5000)
    assert board.overdue_only.hasFocus()
    qtbot.keyClick(board.overdue_only, Qt.Key.Key_Tab)  # on to the list, its first row chosen
    assert board.rows.hasFocus() and board.rows.currentItem() is board.rows.topLevelItem(0)
    qtbot.keyClick(board.rows, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.work, timeout=5000)
    qtbot.waitUntil(lambda: window.family_view.heading.text() == f"Family {ids['number']}", timeout=5000)


def test_the_filters_by_keyboard_keep_the_agency_facility_and_age_chosen(qtbot, agent: services.Session,
                                                                         station: Path) -> None:
    _separated(agent)
    elena = next(p for p in services.search(session=agent, text="Elena Xol")["people"])
    iker = next(p for p in services.show_family(session=agent, ident=elena["id"])["people"] if p["role"] == "child")
    services.separate(session=agent, child=iker["id"], adult=elena["id"], reason="taken to detention")
    services.transfer_custody(session=agent, person=elena["id"], to="ice", facility="ICE Florence (invented)",
                              reason="detention order")
    window = show_main_window(qtbot, agent, station)
    board = _open_board(qtbot, window)
    assert board.counts.text().startswith("2 children")
    qtbot.keyClick(board, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)  # A&gency
    assert board.focusWidget() is board.agency
    for _ in range(2):
        qtbot.keyClick(board.agency, Qt.Key.Key_Down)  # All agencies, CBP, ICE
    assert board.agency.currentText() == "ICE"
    qtbot.waitUntil(lambda: board.counts.text().startswith("1 children"), timeout=5000)
    assert board.rows.topLevelItem(0).text(0) == "Iker Xol"
    qtbot.keyClick(board.agency, Qt.Key.Key_Home)
    qtbot.keyClick(board, Qt.Key.Key_C, Qt.KeyboardModifier.AltModifier)  # Fa&cility
    assert [board.facility.itemText(i) for i in range(board.facility.count())] == [
        "All facilities", "ICE Florence (invented)"]
    qtbot.keyClick(board.facility, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: board.counts.text().startswith("1 children"), timeout=5000)
    qtbot.keyClick(board.facility, Qt.Key.Key_Home)
    qtbot.keyClick(board, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # &Age
    qtbot.keyClick(board.age, Qt.Key.Key_Down)
    assert board.age.currentText() == "Under 5"
    qtbot.waitUntil(lambda: board.counts.text().startswith("1 children"), timeout=5000)
    assert board.rows.topLevelItem(0).text(0) == "Mateo Tzoc"
    qtbot.keyClick(board.age, Qt.Key.Key_Down)  # 5 and over, with the ICE agency: nobody
    qtbot.keyClick(board, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(board.agency, Qt.Key.Key_Down)  # CBP
    qtbot.waitUntil(lambda: board.counts.text().startswith("0 children"), timeout=5000)
    assert board.rows.topLevelItem(0).text(0) == "No child on the board matches these filters."


def test_the_board_in_spanish(qtbot, agent: services.Session, station: Path, spanish: None) -> None:
    _separated(agent)
    window = show_main_window(qtbot, agent, station)
    board = _open_board(qtbot, window)
    assert board.windowTitle() == "Kinlink — tablero de reunificación"
    assert board.counts.text() == "1 niños · 1 adultos separados · 0 vencidos · 0 con alertas"
    assert board.rows.topLevelItem(0).child(0).text(0) == "madre: Rosa Tzoc"
    assert board.overdue_only.text() == "Solo &vencidos"
    qtbot.keyClick(board, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.work, timeout=5000)


def test_supervisors_see_the_board_first_and_agents_their_family_units(
        qtbot, agent: services.Session, supervisor: services.Session, station: Path) -> None:
    _separated(agent)
    seen = show_main_window(qtbot, supervisor, station)
    assert seen.pages.currentWidget() is seen.board, "the supervisors' main view"
    qtbot.waitUntil(lambda: seen.board.counts.text().startswith("1 children"), timeout=5000)
    assert seen.board.close_button.text() == "&Back to family units (Esc)"
    qtbot.keyClick(seen.board, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: seen.pages.currentWidget() is seen.work, timeout=5000)
    seen.close()
    window = show_main_window(qtbot, agent, station)
    assert window.pages.currentWidget() is window.work
    assert window.board is not None and window.board.counts.text() == "", "not read until shown"


def test_the_open_board_follows_a_separation_recorded_meanwhile(qtbot, agent: services.Session,
                                                                station: Path) -> None:
    _separated(agent)
    window = show_main_window(qtbot, agent, station)
    board = _open_board(qtbot, window)
    assert board.counts.text().startswith("1 children")
    elena = next(p for p in services.search(session=agent, text="Elena Xol")["people"])
    family = services.show_family(session=agent, ident=elena["id"])
    iker = next(p for p in family["people"] if p["role"] == "child")
    services.separate(session=agent, child=iker["id"], adult=elena["id"], reason="taken to another facility")
    qtbot.waitUntil(lambda: board.counts.text().startswith("2 children"), timeout=5000)
    assert board.rows.currentItem() is board.rows.topLevelItem(0)
