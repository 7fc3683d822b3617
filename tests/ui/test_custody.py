"""At the station: a custody transfer and a separation recorded from the family view; the link
stays and shows "separated" with where each side went; a refused form keeps what was typed."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app import services
from app.ui.custody_dialogs import CustodyDialog, LinkStateDialog
from app.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, agent: services.Session, station: Path, example_document: bytes) -> MainWindow:
    services.register_family(session=agent, document=example_document)
    window = MainWindow(agent, station)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: window.today.topLevelItemCount() == 1, timeout=5000)
    window.today.setCurrentItem(window.today.topLevelItem(0))
    qtbot.waitUntil(lambda: window.family_view.people.topLevelItemCount() == 2, timeout=5000)
    return window


def _dialog(window: MainWindow, kind: type) -> CustodyDialog | LinkStateDialog:
    found = [d for d in window.findChildren(kind) if d.isVisible()]
    assert len(found) == 1
    return found[0]


def test_a_custody_transfer_is_recorded_and_shown(qtbot, window: MainWindow) -> None:
    view = window.family_view
    assert not view.custody_button.isEnabled(), "nobody chosen yet"
    view.people.setCurrentItem(view.people.topLevelItem(1))  # the baby
    view.custody_button.click()
    dialog = _dialog(window, CustodyDialog)
    assert "Name unknown" in dialog.subject.text()
    dialog.location.setCurrentIndex(dialog.location.findData("hhs_orr"))
    qtbot.keyClicks(dialog.receiving_party, "Shelter 12, case worker Ruiz")
    qtbot.keyClicks(dialog.reference, "ORR-555")
    assert not dialog.station.isEnabled(), "a station code only for custody at a Kinlink station"
    qtbot.keyClick(dialog.reference, Qt.Key.Key_Return)
    assert dialog.problems[dialog.reason].text() == "Required." and dialog.focusWidget() is dialog.reason
    qtbot.keyClicks(dialog.reason, "placement order 77")
    with qtbot.waitSignal(dialog.recorded, timeout=5000):
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "HHS/ORR" in view.people.topLevelItem(1).text(4), timeout=5000)
    assert view.people.topLevelItem(1).text(4).startswith("HHS/ORR shelter: Shelter 12, case worker Ruiz, "
                                                          "reference ORR-555 since ")
    assert view.links.topLevelItem(0).text(4) == "together", "the family link is untouched"


def test_a_transfer_to_another_station_by_keyboard_shows_the_person_in_transit(qtbot, window: MainWindow) -> None:
    view = window.family_view
    view.people.setCurrentItem(view.people.topLevelItem(0))  # the mother
    view.custody_button.click()
    dialog = _dialog(window, CustodyDialog)
    dialog.location.setCurrentIndex(dialog.location.findData("station"))
    assert dialog.station.isEnabled()
    qtbot.keyClicks(dialog.reason, "sent to the processing centre")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert dialog.problems[dialog.station].text() == "Required." and dialog.focusWidget() is dialog.station
    qtbot.keyClicks(dialog.station, "7QXK0")  # 0 is not in a station code's alphabet
    qtbot.keyClick(dialog.station, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "--station" in dialog.form_message.text(), timeout=5000)
    assert dialog.isVisible() and dialog.station.text() == "7QXK0", "nothing typed is lost"
    dialog.station.clear()
    qtbot.keyClicks(dialog.station, "7QXKM")
    with qtbot.waitSignal(dialog.recorded, timeout=5000):
        qtbot.keyClick(dialog.station, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "in transit" in view.people.topLevelItem(0).text(4), timeout=5000)
    assert view.people.topLevelItem(0).text(4).startswith("in transit to station 7QXKM since ")


def test_a_separation_keeps_the_link_and_says_where_each_side_went(qtbot, window: MainWindow) -> None:
    view = window.family_view
    view.links.setCurrentItem(view.links.topLevelItem(0))
    view.link_button.click()
    dialog = _dialog(window, LinkStateDialog)
    assert dialog.state.currentData() == "separated" and dialog.state.count() == 1
    qtbot.keyClicks(dialog.reason, "mother taken to hospital")
    qtbot.keyClicks(dialog.officer, "SBPA Ortiz 4471")
    qtbot.keyClicks(dialog.from_side, "Tucson Medical Center")
    qtbot.keyClicks(dialog.to_side, "this station, room 3")
    with qtbot.waitSignal(dialog.recorded, timeout=5000):
        dialog.save_button.click()
    qtbot.waitUntil(lambda: view.links.topLevelItem(0).text(4).startswith("separated"), timeout=5000)
    assert view.links.topLevelItemCount() == 1, "the link is still there"
    assert view.links.topLevelItem(0).text(4) == ("separated (María José García López: Tucson Medical Center; "
                                                  "Name unknown: this station, room 3)")
    qtbot.waitUntil(lambda: window.today.topLevelItemCount() == 1 and window.today.topLevelItem(0).text(3) == "1",
                    timeout=5000)


def test_a_call_is_recorded_as_a_contact_and_the_pair_stays_separated(qtbot, window: MainWindow,
                                                                      agent: services.Session) -> None:
    view = window.family_view
    link = view.family()["links"][0]  # type: ignore[index]
    services.separate(session=agent, child=link["to"], adult=link["from"], reason="mother taken to hospital")
    qtbot.waitUntil(lambda: view.links.topLevelItem(0).text(4).startswith("separated"), timeout=5000)
    view.links.setCurrentItem(view.links.topLevelItem(0))
    view.link_button.click()
    dialog = _dialog(window, LinkStateDialog)
    options = [dialog.state.itemText(i) for i in range(dialog.state.count())]
    assert options == ["reunified", "contact: phone call", "contact: video call", "contact: visit"]
    qtbot.keyClick(dialog.state, Qt.Key.Key_Down)  # contact: phone call
    qtbot.keyClicks(dialog.reason, "talked for ten minutes")
    with qtbot.waitSignal(dialog.recorded, timeout=5000):
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    shown = services.show_family(session=agent, ident=view.family()["id"])  # type: ignore[index]
    events = shown["links"][0]["events"]
    assert [(e["state"], e["kind"], e["reason"], e["officer"]) for e in events][-1] == (
        "contact", "call", "talked for ten minutes", "ana")
    assert shown["links"][0]["state"] == "separated", "a contact leaves the pair separated"


def test_a_separation_without_where_each_side_goes_is_refused_and_nothing_is_lost(
        qtbot, window: MainWindow, agent: services.Session) -> None:
    view = window.family_view
    view.links.setCurrentItem(view.links.topLevelItem(0))
    view.link_button.click()
    dialog = _dialog(window, LinkStateDialog)
    qtbot.keyClicks(dialog.reason, "court order")
    qtbot.keyClicks(dialog.officer, "Judge Q")
    dialog.save_button.click()
    problems = [dialog.problems[dialog.from_side], dialog.problems[dialog.to_side]]
    assert [p.text() for p in problems] == ["Required.", "Required."] and all(p.isVisible() for p in problems)
    assert not dialog.problems[dialog.reason].isVisible() and dialog.focusWidget() is dialog.from_side
    assert dialog.isVisible() and dialog.reason.text() == "court order" and dialog.officer.text() == "Judge Q"
    family = services.show_family(session=agent, ident=view.family_id() or "")
    assert family["links"][0]["state"] == "together" and family["links"][0]["events"] == []


def test_a_transfer_elsewhere_needs_the_receiving_party(qtbot, window: MainWindow) -> None:
    view = window.family_view
    view.people.setCurrentItem(view.people.topLevelItem(0))
    view.custody_button.click()
    dialog = _dialog(window, CustodyDialog)
    dialog.location.setCurrentIndex(dialog.location.findData("ice"))
    dialog.save_button.click()
    assert dialog.problems[dialog.receiving_party].text() == "Required." and dialog.isVisible()


def test_the_domain_still_refuses_what_the_form_lets_through(qtbot, window: MainWindow) -> None:
    view = window.family_view
    view.links.setCurrentItem(view.links.topLevelItem(0))
    view.link_button.click()
    dialog = _dialog(window, LinkStateDialog)
    for edit in (dialog.reason, dialog.officer, dialog.from_side, dialog.to_side):
        edit.setText("x\u0007y")  # a control character: the domain refuses it
    dialog.save_button.click()
    qtbot.waitUntil(dialog.form_message.isVisible, timeout=5000)
    assert "control characters" in dialog.form_message.text() and dialog.isVisible()
