"""Exporting the family shown as FHIR R4 from the app, by keyboard only: Ctrl+Shift+E (or the family
view's Alt+X), the file, who it is for (Alt+W), the photos (Alt+P), Enter; the status bar says where
it went, and an agent's export is audited with who it is for."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from app import services
from app.ui.export_dialog import ExportDialog
from tests.ui.conftest import show_main_window
from tests.ui.test_i18n import clipped, pseudo  # noqa: F401 - pseudo: the pseudo-language fixture

CTRL, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.AltModifier


def _focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def test_an_agent_exports_the_family_shown_by_keyboard(qtbot, agent: services.Session, supervisor: services.Session,
                                                       station: Path, example_document: bytes, tmp_path: Path) -> None:
    family = services.register_family(session=agent, document=example_document)["families"][0]
    window = show_main_window(qtbot, agent, station)
    qtbot.keyClick(window, Qt.Key.Key_E, CTRL | Qt.KeyboardModifier.ShiftModifier)
    assert not window.findChildren(ExportDialog), "no family shown yet: nothing to export"
    window.open_family(family["id"])
    qtbot.waitUntil(lambda: window.family_view.family() is not None, timeout=5000)
    qtbot.keyClick(window, Qt.Key.Key_E, CTRL | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(ExportDialog)), timeout=5000)
    [dialog] = [d for d in window.findChildren(ExportDialog) if d.isVisible()]
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.path.text().endswith(f"family-{family['number']}.fhir.json") and _focus() is dialog.path
    out = tmp_path / "for-the-shelter.json"
    qtbot.keyClick(_focus(), Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(_focus(), str(out))
    qtbot.keyClick(_focus(), Qt.Key.Key_W, ALT)
    assert _focus() is dialog.recipient
    qtbot.keyClicks(_focus(), "ORR shelter, Brownsville")
    with qtbot.waitSignal(dialog.photos.toggled, timeout=2000):  # a mnemonic clicks after a short animation
        qtbot.keyClick(_focus(), Qt.Key.Key_P, ALT)
    assert dialog.photos.isChecked() and dialog.path.text() == str(out)
    with qtbot.waitSignal(dialog.recorded, timeout=10_000):
        qtbot.keyClick(_focus(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "exported to" in window.statusBar().currentMessage(), timeout=5000)
    assert str(out) in window.statusBar().currentMessage() and (out.stat().st_mode & 0o777) == 0o600
    records = services.audit_trail(session=supervisor, action="export.fhir")["records"]
    assert [(r["detail"]["for"], r["detail"]["photos"]) for r in records] == [("ORR shelter, Brownsville", True)]


def test_a_refused_file_keeps_the_dialog_and_what_was_typed(qtbot, agent: services.Session, station: Path,
                                                            example_document: bytes, tmp_path: Path) -> None:
    family = services.register_family(session=agent, document=example_document)["families"][0]
    window = show_main_window(qtbot, agent, station)
    window.open_family(family["id"])
    qtbot.waitUntil(lambda: window.family_view.family() is not None, timeout=5000)
    qtbot.keyClick(window, Qt.Key.Key_X, ALT)  # the family view's E&xport FHIR… button
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(ExportDialog)), timeout=5000)
    [dialog] = [d for d in window.findChildren(ExportDialog) if d.isVisible()]
    qtbot.waitUntil(dialog.isActiveWindow)
    planted = tmp_path / "planted.json"
    planted.symlink_to(tmp_path / "elsewhere.json")
    qtbot.keyClick(_focus(), Qt.Key.Key_A, CTRL)
    qtbot.keyClicks(_focus(), str(planted))
    qtbot.keyClick(_focus(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "symbolic link" in dialog.form_message.text(), timeout=5000)
    assert dialog.isVisible() and dialog.path.text() == str(planted) and not (tmp_path / "elsewhere.json").exists()


@pytest.mark.usefixtures("pseudo")
def test_the_export_dialog_clips_nothing_in_the_pseudo_language(qtbot, agent: services.Session, station: Path,
                                                                example_document: bytes) -> None:
    answer = services.register_family(session=agent, document=example_document)["families"][0]
    dialog = ExportDialog(agent, station, services.show_family(session=agent, ident=answer["id"]))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.wait(20)  # let layouts settle
    assert dialog.save_button.text() not in ("", "&Export"), "the texts are the pseudo-language's"
    assert clipped(dialog) == []
