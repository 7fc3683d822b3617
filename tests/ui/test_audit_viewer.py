"""The audit log in the app (supervisors and admins): filtered by person, the chain's state, a CSV
export; an agent cannot open it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from sqlalchemy import text

from app import services
from app.ui.audit_viewer import AuditDialog
from tests.ui.conftest import show_main_window


def _actions(dialog: AuditDialog) -> list[str]:
    return [dialog.records.topLevelItem(i).text(2) for i in range(dialog.records.topLevelItemCount())]


def test_a_supervisor_reads_the_log_by_person_and_exports_it(qtbot, agent: services.Session,
                                                              supervisor: services.Session, station: Path,
                                                              example_document: bytes, tmp_path: Path) -> None:
    family = services.register_family(session=agent, document=example_document)["families"][0]
    services.register_family(session=agent, document=example_document.replace(b"Mar\xc3\xada", b"Marta"))
    window = show_main_window(qtbot, supervisor, station)
    qtbot.keyClick(window, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = next(d for d in window.findChildren(AuditDialog) if d.isVisible())
    qtbot.waitUntil(lambda: dialog.records.topLevelItemCount() > 0, timeout=5000)
    assert _actions(dialog).count("family.register") == 2
    assert dialog.chain.text().startswith("The chain is intact:")
    qtbot.keyClicks(dialog.person, family["people"][0]["band"])
    qtbot.keyClick(dialog.person, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _actions(dialog).count("family.register") == 1, timeout=5000)
    assert dialog.count.text() == f"{dialog.records.topLevelItemCount()} records match."
    out = tmp_path / "oversight.csv"
    with qtbot.waitSignal(dialog.exported, timeout=5000):
        dialog.export_to(out)
    assert out.read_text(encoding="utf-8").startswith("seq,at,station,user,action,target,outcome,detail")
    qtbot.waitUntil(lambda: "records written to" in dialog.note.text() and not dialog.is_busy, timeout=5000)
    assert services.audit_trail(session=supervisor, action="audit.export")["records"][0]["target"] == out.name


def test_a_bad_filter_is_said_and_a_broken_chain_is_shown(qtbot, supervisor: services.Session, station: Path) -> None:
    with supervisor.engine.begin() as conn:
        conn.execute(text("UPDATE audit SET action = 'nothing' WHERE seq = 1"))
    window = show_main_window(qtbot, supervisor, station)
    dialog = window.show_audit()
    qtbot.waitUntil(lambda: dialog.records.topLevelItemCount() > 0, timeout=5000)
    assert dialog.chain.text() == ("The chain is broken at record 1: record 1 was changed after it was written. "
                                   "Tell your administrator.")
    qtbot.keyClicks(dialog.since, "last week")
    dialog.show_button.click()
    qtbot.waitUntil(lambda: dialog.form_message.text() != "", timeout=5000)
    assert "'last week' is not a date" in dialog.form_message.text()


def test_an_agent_cannot_open_the_log(qtbot, agent: services.Session, station: Path) -> None:
    window = show_main_window(qtbot, agent, station)
    assert not window.audit_action.isEnabled()
    qtbot.keyClick(window, Qt.Key.Key_U, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert not [d for d in window.findChildren(AuditDialog) if d.isVisible()]
