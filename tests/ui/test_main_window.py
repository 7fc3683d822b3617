"""The main window: search by keyboard, read a family, and refusals shown in place."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTreeWidget

from app import services
from app.ui.main_window import MainWindow
from tests.ui.conftest import show_main_window


def _rows(tree: QTreeWidget) -> list[list[str]]:
    return [[tree.topLevelItem(i).text(c) for c in range(tree.columnCount())] for i in range(tree.topLevelItemCount())]


def _search(qtbot, window: MainWindow, text: str) -> None:
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.search_box.hasFocus()
    qtbot.keyClicks(window.search_box, text)
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)


@pytest.fixture
def registered(agent: services.Session, example_document: bytes) -> dict:
    return services.register_family(session=agent, document=example_document)


def test_search_then_select_shows_the_family(qtbot, agent: services.Session, station: Path, registered: dict) -> None:
    window = show_main_window(qtbot, agent, station)
    _search(qtbot, window, "garcia maria")
    qtbot.waitUntil(lambda: window.results.topLevelItemCount() == 1, timeout=5000)
    family = registered["families"][0]
    adult_band = family["people"][0]["band"]
    assert _rows(window.results) == [["María José García López", adult_band, family["number"]]]

    window.results.setFocus()
    qtbot.keyClick(window.results, Qt.Key.Key_Down)
    view = window.family_view
    qtbot.waitUntil(lambda: view.people.topLevelItemCount() == 2, timeout=5000)
    assert view.heading.text() == f"Family {family['number']}"
    people = _rows(view.people)
    assert [row[0] for row in people] == ["María José García López", "Name unknown"]
    assert [row[2] for row in people] == [f"{p['band']} (not printed)" for p in family["people"]]
    assert people[1][1] == "boy, pre-verbal" and people[1][3] == "age about 1"
    assert people[0][4].startswith(f"station {family['people'][0]['band'][:5]} since 2026-11-24 14:05")
    links = _rows(view.links)
    child_band = family["people"][1]["band"]
    assert links == [["María José García López", "mother", f"Name unknown (boy, age about 1, band {child_band})",
                      "claimed", "together"]]
    assert view.history.topLevelItemCount() >= 5
    assert any("mother" in row[2] for row in _rows(view.history))


def test_a_band_number_finds_its_holder(qtbot, agent: services.Session, station: Path, registered: dict) -> None:
    window = show_main_window(qtbot, agent, station)
    child_band = registered["families"][0]["people"][1]["band"]
    _search(qtbot, window, child_band.lower())
    qtbot.waitUntil(lambda: window.results.topLevelItemCount() == 1, timeout=5000)
    assert _rows(window.results)[0][:2] == ["Name unknown", child_band]


def test_no_match_is_said_in_place(qtbot, agent: services.Session, station: Path, registered: dict) -> None:
    window = show_main_window(qtbot, agent, station)
    _search(qtbot, window, "zzyzx")
    qtbot.waitUntil(window.search_message.isVisible, timeout=5000)
    assert window.search_message.text().startswith("No one found")
    assert window.results.topLevelItemCount() == 0


def test_an_admin_search_is_not_permitted(qtbot, admin: services.Session, station: Path) -> None:
    window = show_main_window(qtbot, admin, station)
    _search(qtbot, window, "garcia")
    qtbot.waitUntil(window.search_message.isVisible, timeout=5000)
    assert window.search_message.text() == "Not permitted: your role may not read family records."
    assert window.statusBar().currentMessage() == window.search_message.text()
    assert window.results.topLevelItemCount() == 0


def test_an_empty_search_asks_for_a_name(qtbot, agent: services.Session, station: Path) -> None:
    window = show_main_window(qtbot, agent, station)
    _search(qtbot, window, "   ")
    qtbot.waitUntil(window.search_message.isVisible, timeout=5000)
    assert window.search_message.text() == "Type a name or a band number."


def test_a_new_search_clears_the_family_shown(qtbot, agent: services.Session, station: Path, registered: dict) -> None:
    window = show_main_window(qtbot, agent, station)
    _search(qtbot, window, "garcia")
    qtbot.waitUntil(lambda: window.results.topLevelItemCount() == 1, timeout=5000)
    window.results.setCurrentItem(window.results.topLevelItem(0))
    qtbot.waitUntil(lambda: window.family_view.people.topLevelItemCount() == 2, timeout=5000)
    _search(qtbot, window, "nobody")
    assert window.family_view.people.topLevelItemCount() == 0
    assert window.family_view.placeholder.isVisible()


def test_title_names_the_station_and_the_status_bar_the_user(qtbot, agent: services.Session, station: Path,
                                                             registered: dict) -> None:
    window = show_main_window(qtbot, agent, station)
    assert window.windowTitle() == "Kinlink — Test Station"
    assert window.user_label.text() == "Signed in as ana (agent)"
    _search(qtbot, window, "garcia")
    qtbot.waitUntil(lambda: window.results.topLevelItemCount() == 1, timeout=5000)
    window.results.setCurrentItem(window.results.topLevelItem(0))
    qtbot.waitUntil(lambda: window.family_view.people.topLevelItemCount() == 2, timeout=5000)
    assert window.windowTitle() == "Kinlink — Test Station"  # no personal data in the title


def test_ctrl_shift_l_asks_to_sign_out(qtbot, agent: services.Session, station: Path) -> None:
    window = show_main_window(qtbot, agent, station)
    with qtbot.waitSignal(window.sign_out_requested, timeout=2000):
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)


def test_an_unexpected_error_is_reported_with_a_reference(qtbot, agent: services.Session, station: Path,
                                                          monkeypatch: pytest.MonkeyPatch,
                                                          error_boxes: list[tuple[str, str]]) -> None:
    def broken(**_kwargs: object) -> None:
        raise RuntimeError("María José García López")  # a message may hold personal data

    monkeypatch.setattr(services, "search", broken)
    window = show_main_window(qtbot, agent, station)
    _search(qtbot, window, "garcia")
    qtbot.waitUntil(lambda: len(error_boxes) == 1, timeout=5000)
    title, text = error_boxes.pop()
    assert title == "Something went wrong"
    reference = window.statusBar().currentMessage().split("reference ")[1].rstrip(").")
    assert reference in text
    log = (station / "logs" / "kinlink.log").read_text()
    assert f"reference {reference}: RuntimeError" in log
    assert "García" not in log


def test_inputs_have_accessible_names(qtbot, agent: services.Session, station: Path) -> None:
    window = show_main_window(qtbot, agent, station)
    view = window.family_view
    assert [w.accessibleName() for w in (window.search_box, window.results, view.people, view.links, view.history)] \
        == ["Search people", "Search results", "People in this family", "Family links", "Change history"]


def test_todays_family_units_are_listed_and_open_the_family(qtbot, agent: services.Session, station: Path,
                                                           registered: dict) -> None:
    window = show_main_window(qtbot, agent, station)
    qtbot.waitUntil(lambda: window.today.topLevelItemCount() == 1, timeout=5000)
    family = registered["families"][0]
    row = _rows(window.today)[0]
    assert row[0] == family["number"] and row[2] == "2" and row[3] == "" and row[4] == "0 of 2"
    qtbot.waitUntil(lambda: window.sync_indicator.label.text() == "Not enrolled", timeout=5000)
    window.today.setCurrentItem(window.today.topLevelItem(0))
    qtbot.waitUntil(lambda: window.family_view.people.topLevelItemCount() == 2, timeout=5000)
    assert window.family_view.heading.text() == f"Family {family['number']}"


def test_an_admin_sees_no_list_of_families(qtbot, admin: services.Session, station: Path) -> None:
    window = show_main_window(qtbot, admin, station)
    qtbot.waitUntil(lambda: not window.today.isVisible(), timeout=5000)
    assert not window.today_label.isVisible()
    assert not window.family_view.new_family_button.isVisible()  # an admin registers no one


def test_ctrl_n_opens_the_wizard_and_a_saved_family_is_shown(qtbot, agent: services.Session, station: Path) -> None:
    window = show_main_window(qtbot, agent, station)
    qtbot.keyClick(window.search_box, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    wizard = window.intake
    assert wizard is not None and window.pages.currentWidget() is wizard
    qtbot.keyClick(wizard, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget() is window.work and window.search_box.hasFocus()
    answer = services.register_family(session=agent, document=(Path("docs/examples/encounter.json")).read_bytes())
    wizard.family_saved.emit(answer)  # as the wizard does after its save
    qtbot.waitUntil(lambda: window.today.topLevelItemCount() == 1, timeout=5000)
    qtbot.waitUntil(lambda: window.family_view.people.topLevelItemCount() == 2, timeout=5000)
    assert window.family_view.heading.text() == f"Family {answer['families'][0]['number']}"


def test_escape_in_an_empty_wizard_goes_back_to_the_work(qtbot, agent: services.Session, station: Path) -> None:
    window = show_main_window(qtbot, agent, station)
    window.new_encounter()
    assert window.intake is not None
    window.intake.cancel()
    assert window.pages.currentWidget() is window.work


def test_a_closed_window_asks_nothing_when_the_language_changes(qtbot, agent: services.Session, station: Path,
                                                                registered: dict, spanish: None) -> None:
    """A window closed at sign-out (its session closed after) hears the next language switch too: it
    must not ask the store for today's units again (that was an error box over the next sign-in)."""
    from app.ui import i18n

    i18n.switch("en")
    window = show_main_window(qtbot, agent, station)
    qtbot.waitUntil(lambda: window.today.topLevelItemCount() == 1, timeout=5000)
    window.close()
    i18n.switch("es")
    qtbot.wait(300)  # an operation sent would have answered by now
    assert window.today_label.text() == "Unidades familiares de &hoy"  # its texts follow
    assert window.today.topLevelItem(0).text(4) == "0 of 2"  # but nothing was read again
