"""A supervisor's forms never act on a typed number blind (issue 16, item 10): Merge and Move show
whom the number names before their button does anything, a correction picks a nationality or
languages by name (the code is stored), the audit log names its targets, and the conflict queue
names the stations that wrote each value. Real key presses, at the station's 1366x768."""

from __future__ import annotations

import uuid
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app import services
from app.domain import clock
from app.domain.changes import Change
from app.security.identity import StationIdentity
from app.store import accounts, syncing
from app.store.changelog import load_changes
from app.ui.audit_viewer import AuditDialog
from app.ui.conflicts_dialog import ConflictsDialog
from app.ui.correction_dialog import CorrectionDialog
from app.ui.merge_dialog import MergeDialog
from app.ui.move_dialog import MoveDialog
from tests.conftest import adult, child, document, link
from tests.ui.conftest import show_main_window, shown_dialog

AGAIN = document({"people": [adult("m", "Maria Jose", "Lopez Garcia", birth_date="1990-03-02")]})
PEREZ = document({"people": [adult("p", "Lucía", "Pérez"), child("k", "Juan", "Pérez", birth_date="2018-06-01")],
                  "links": [link("p", "k")]})


@pytest.fixture
def family(agent: services.Session, example_document: bytes) -> Any:
    answer = services.register_family(session=agent, document=example_document)["families"][0]
    return services.show_family(session=agent, ident=answer["id"])


def _shown(qtbot: Any, dialog: QDialog) -> Any:
    return shown_dialog(qtbot, dialog, fitted=True)


def _retype(qtbot: Any, edit: Any, text: str) -> None:
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


def test_merge_shows_whom_the_band_names_and_stays_disabled_for_a_bad_number(
        qtbot: Any, agent: services.Session, supervisor: services.Session, station: Path, family: Any) -> None:
    again = services.register_family(session=agent, document=AGAIN)["families"][0]
    twice = services.show_family(session=supervisor, ident=again["id"])["people"][0]
    dialog = _shown(qtbot, MergeDialog(supervisor, station, twice))
    assert dialog.focusWidget() is dialog.keep and not dialog.save_button.isEnabled()
    mother = family["people"][0]
    qtbot.keyClicks(dialog.keep, mother["band"])
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=5000)
    said = dialog.preview.text().splitlines()
    assert said[:3] == ["No photo on record", "María José García López",
                        f"band {mother['band']} · family unit {family['number']} · born 1990-03-02 · female"]
    assert said[-1].startswith("Custody: station ")
    _retype(qtbot, dialog.keep, "ZZZZZ-0000-0")
    assert not dialog.save_button.isEnabled(), "disabled at once: the new number names nobody yet"
    qtbot.waitUntil(lambda: "No person or band" in dialog.preview.text(), timeout=5000)
    assert dialog.preview.text() == "No person or band “ZZZZZ-0000-0” at this station."
    assert not dialog.save_button.isEnabled()
    _retype(qtbot, dialog.keep, twice["band"])  # the record being merged itself
    qtbot.waitUntil(lambda: "this record itself" in dialog.preview.text(), timeout=5000)
    assert not dialog.save_button.isEnabled()
    _retype(qtbot, dialog.keep, mother["band"])
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=5000)
    qtbot.keyClick(dialog.keep, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.reason
    qtbot.keyClicks(dialog.reason, "same passport")
    with qtbot.waitSignal(dialog.recorded, timeout=5000) as merged:
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert merged.args[0]["kept"] == mother["id"] and merged.args[0]["merged"] == twice["id"]


def test_move_shows_the_family_unit_the_number_names(qtbot: Any, agent: services.Session,
                                                     supervisor: services.Session, station: Path, family: Any,
                                                     language: str) -> None:
    perez = services.register_family(session=agent, document=PEREZ)["families"][0]
    baby = family["people"][1]
    dialog = _shown(qtbot, MoveDialog(supervisor, station, baby))
    assert dialog.focusWidget() is dialog.family and not dialog.save_button.isEnabled()
    qtbot.keyClicks(dialog.family, perez["number"].lower())
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=5000)
    lines = dialog.preview.text().splitlines()
    assert perez["number"] in lines[0] and len(lines) == 3
    lucia = next(line for line in lines if "Lucía Pérez" in line)
    assert perez["people"][0]["band"] in lucia and ("female" if language == "en" else "femenino") in lucia
    assert ("born 2018-06-01" if language == "en" else "nació el 2018-06-01") in dialog.preview.text()
    _retype(qtbot, dialog.family, "XX-99")
    qtbot.waitUntil(lambda: not dialog.save_button.isEnabled() and "XX-99" in dialog.preview.text(), timeout=5000)
    _retype(qtbot, dialog.family, family["people"][0]["band"])  # the mother's band: the baby's own unit
    qtbot.waitUntil(lambda: family["number"] in dialog.preview.text(), timeout=5000)
    assert not dialog.save_button.isEnabled()
    _retype(qtbot, dialog.family, perez["people"][1]["band"])  # Juan's band: the Pérez unit
    qtbot.waitUntil(dialog.save_button.isEnabled, timeout=5000)
    qtbot.keyClick(dialog.family, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.reason, "his mother is Lucia")
    with qtbot.waitSignal(dialog.recorded, timeout=5000) as moved:
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert moved.args[0]["to"] == perez["id"]


def test_an_answer_for_a_number_since_changed_is_dropped(qtbot: Any, supervisor: services.Session,
                                                        station: Path, family: Any) -> None:
    dialog = _shown(qtbot, MoveDialog(supervisor, station, family["people"][1]))
    qtbot.keyClicks(dialog.family, "XX-1")
    qtbot.waitUntil(lambda: "XX-1" in dialog.preview.text(), timeout=5000)
    stale = dialog.preview._asked
    qtbot.keyClicks(dialog.family, "2")  # XX-12 now: an answer for XX-1 arriving late is not shown
    dialog.preview._answered(stale, "XX-1", services.show_family(session=supervisor, ident=family["id"]))
    assert family["number"] not in dialog.preview.text() and not dialog.save_button.isEnabled()
    qtbot.waitUntil(lambda: "XX-12" in dialog.preview.text(), timeout=5000)


def _choose_field(qtbot: Any, dialog: CorrectionDialog, name: str) -> None:
    assert dialog.focusWidget() is dialog.field
    while dialog.field.currentData() != name:
        qtbot.keyClick(dialog.field, Qt.Key.Key_Down)


def test_a_nationality_is_corrected_by_its_name_and_stored_as_its_code(
        qtbot: Any, supervisor: services.Session, station: Path, family: Any, language: str) -> None:
    mother = family["people"][0]
    dialog = _shown(qtbot, CorrectionDialog(supervisor, station, "person", mother, "María José"))
    _choose_field(qtbot, dialog, "nationality")
    assert dialog.now.text() == ("Now: Guatemala (GT)" if language == "en" else "Ahora: Guatemala (GT)")
    qtbot.keyClick(dialog.field, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.value.country
    assert dialog.value.country.currentText() == "Guatemala (GT)"
    qtbot.keyClicks(dialog.value.country, "M")
    assert dialog.value.country.currentText() == ("Mexico (MX)" if language == "en" else "México (MX)")
    qtbot.keyClick(dialog.value.country, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.reason
    qtbot.keyClicks(dialog.reason, "her passport")
    with qtbot.waitSignal(dialog.recorded, timeout=5000):
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert services.show_family(session=supervisor, ident=mother["id"])["people"][0]["nationality"] == "MX"


def test_languages_are_ticked_by_name(qtbot: Any, supervisor: services.Session, station: Path, family: Any) -> None:
    mother = family["people"][0]
    dialog = _shown(qtbot, CorrectionDialog(supervisor, station, "person", mother, "María José"))
    _choose_field(qtbot, dialog, "languages")
    assert dialog.now.text() == "Now: Spanish (es), K'iche' (quc)"
    qtbot.keyClick(dialog.field, Qt.Key.Key_Tab)
    chooser = dialog.value.languages
    assert dialog.focusWidget() is chooser.list
    assert chooser.chosen.text() == "Chosen: Spanish, K'iche'"
    qtbot.keyClicks(chooser.list, "Ma")
    qtbot.keyClick(chooser.list, Qt.Key.Key_Space)
    assert chooser.chosen.text() == "Chosen: Spanish, K'iche', Mam"
    qtbot.keyClick(chooser.list, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.reason, "she speaks Mam too")
    with qtbot.waitSignal(dialog.recorded, timeout=5000):
        qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert services.show_family(session=supervisor, ident=mother["id"])["people"][0]["languages"] == [
        "es", "quc", "mam"]


def test_the_audit_log_names_its_targets(qtbot: Any, supervisor: services.Session, station: Path,
                                         family: Any, tmp_path: Path) -> None:
    mother, baby = family["people"]
    for person in (mother, baby):
        services.correct_record(session=supervisor, ident=person["id"], field="description", value="blue scarf",
                                reason="seen at the desk")
    services.export_audit(session=supervisor, path=tmp_path / "oversight.csv")
    window = show_main_window(qtbot, supervisor, station)
    qtbot.keyClick(window, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = next(d for d in window.findChildren(AuditDialog) if d.isVisible())
    qtbot.waitUntil(lambda: dialog.records.topLevelItemCount() > 0, timeout=5000)
    rows = [dialog.records.topLevelItem(i) for i in range(dialog.records.topLevelItemCount())]
    targets = {(row.text(2), row.text(3), row.toolTip(3)) for row in rows}
    assert ("person.correct", "María José García López", mother["id"]) in targets
    assert ("person.correct", f"Name unknown (boy, age about 1, band {baby['band']})", baby["id"]) in targets
    assert ("family.register", f"family unit {family['number']}", family["id"]) in targets
    assert ("audit.export", "oversight.csv", "oversight.csv") in targets, "naming no record, it stays as it is"


def test_the_conflict_queue_names_the_stations(qtbot: Any, supervisor: services.Session, station: Path,
                                               family: Any) -> None:
    person_id = family["people"][0]["id"]
    services.correct_record(session=supervisor, ident=person_id, field="given_names", value="Majo",
                            reason="what she is called")
    other = StationIdentity.generate("Lukeville")
    with supervisor.engine.begin() as conn:
        accounts.trust(conn, other.code, {"public_key": other.public_key, "name": "Lukeville Port",
                                          "source": "registry", "added_at": "2026-11-24T00:00:00Z",
                                          "agency": "cbp", "facility": "Lukeville processing center"})
        created = next(c for c in load_changes(conn, [person_id]) if c.created)
        theirs = Change(uuid.uuid4().hex, "person", person_id, {"given_names": ("María José", "María Josefa")},
                        False, str(clock.Hlc(clock.now_ms() + 5000, 0, other.code)), other.code, "luis",
                        "her passport", base={"given_names": created.hlc})
        syncing.apply_pulled(conn, [(replace(theirs, signature=other.sign(theirs.signing_bytes())), 7)],
                             supervisor.identity.code)
    window = show_main_window(qtbot, supervisor, station)
    qtbot.keyClick(window, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = next(d for d in window.findChildren(ConflictsDialog) if d.isVisible())
    qtbot.waitUntil(lambda: dialog.writes.topLevelItemCount() == 2, timeout=5000)
    stations = sorted(dialog.writes.topLevelItem(i).text(1) for i in range(2))
    assert stations == [f"Lukeville Port — CBP, Lukeville processing center ({other.code})",
                        f"Test Station ({supervisor.identity.code})"]
