"""Session lock in the main window: on Ctrl+L, the Lock button or inactivity the window shows
nothing personal; the same user's passphrase brings back the work exactly as it was, and what was
typed never reaches the disk."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QDialog, QLabel, QLineEdit, QTreeWidget, QVBoxLayout, QWidget

from app import services
from app.store import audit_log
from app.ui import worker
from app.ui.main_window import MainWindow
from app.ui.settings import LOCK_AFTER_MINUTES, Settings
from tests.conftest import AGENT, PASSPHRASES
from tests.ui.conftest import show_main_window

TYPED = "Xochélia Tz'olín Ajpacajé"  # an invented name typed into an unsaved form


def _visible_text(root: QWidget) -> str:
    """Every text a person could read on the window (or a screen reader announce)."""
    parts = [root.windowTitle()]
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            parts.append(widget.text())
        elif isinstance(widget, QLineEdit):
            parts.append(widget.text())
        elif isinstance(widget, QTreeWidget):
            parts += [widget.topLevelItem(i).text(c) for i in range(widget.topLevelItemCount())
                      for c in range(widget.columnCount())]
        parts.append(widget.accessibleName())
    return "\n".join(parts)


def _show_family(qtbot, window: MainWindow) -> None:
    qtbot.keyClicks(window.search_box, "garcia")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.results.topLevelItemCount() == 1, timeout=5000)
    window.results.setCurrentItem(window.results.topLevelItem(0))
    qtbot.waitUntil(lambda: window.family_view.people.topLevelItemCount() == 2, timeout=5000)


def _open_form(qtbot, window: MainWindow) -> tuple[QDialog, QLineEdit]:
    """A dialog of the window with an unsaved field, as any form of the app would be."""
    dialog = QDialog(window)
    edit = QLineEdit(dialog)
    QVBoxLayout(dialog).addWidget(edit)
    dialog.show()
    qtbot.waitExposed(dialog)
    edit.insert(TYPED)  # as an input method would (QTest.keyClicks only types Latin-1 safely)
    return dialog, edit


def _unlock(qtbot, window: MainWindow, passphrase: str) -> None:
    qtbot.keyClicks(window.lock_screen.passphrase, passphrase)
    qtbot.keyClick(window.lock_screen.passphrase, Qt.Key.Key_Return)


def _actions(session: services.Session) -> list[tuple[str, str]]:
    with session.engine.connect() as conn:
        return [(r["action"], r["outcome"]) for r in audit_log.rows(conn) if r["action"].startswith("session.")]


@pytest.fixture
def registered(agent: services.Session, example_document: bytes) -> dict:
    return services.register_family(session=agent, document=example_document)


def test_ctrl_l_hides_everything_personal_and_unlocking_restores_the_work(
        qtbot, agent: services.Session, station: Path, registered: dict) -> None:
    window = show_main_window(qtbot, agent, station)
    _show_family(qtbot, window)
    dialog, edit = _open_form(qtbot, window)
    assert "María José" in _visible_text(window) and TYPED in _visible_text(dialog)

    window.activateWindow()
    with qtbot.waitSignal(window.locked, timeout=2000):
        qtbot.keyClick(window.search_box, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.is_locked() and not dialog.isVisible()
    shown = _visible_text(window)
    for personal in ("María", "García", registered["families"][0]["people"][0]["band"], TYPED):
        assert personal not in shown
    assert window.windowTitle() == "Kinlink — locked"
    assert window.lock_screen.passphrase.hasFocus()
    qtbot.keyClick(window.lock_screen.passphrase, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.is_locked(), "shortcuts of the work do nothing while locked"

    with qtbot.waitSignal(window.unlocked, timeout=10_000):
        _unlock(qtbot, window, PASSPHRASES[AGENT])
    assert not window.is_locked() and window.windowTitle() == "Kinlink — Test Station"
    assert dialog.isVisible() and edit.text() == TYPED, "the unsaved form is back as it was"
    assert window.search_box.text() == "garcia" and window.family_view.people.topLevelItemCount() == 2
    assert window.lock_screen.passphrase.text() == ""
    assert _actions(agent)[-2:] == [("session.lock", "ok"), ("session.unlock", "ok")]


def test_the_lock_button_locks(qtbot, agent: services.Session, station: Path) -> None:
    window = show_main_window(qtbot, agent, station)
    with qtbot.waitSignal(window.locked, timeout=2000):
        window.lock_button.click()
    assert window.is_locked() and not window.menuBar().isVisible()


def test_a_wrong_passphrase_keeps_it_locked_and_is_audited(qtbot, agent: services.Session, station: Path) -> None:
    window = show_main_window(qtbot, agent, station)
    window.lock()
    _unlock(qtbot, window, "not the passphrase")
    qtbot.waitUntil(window.lock_screen.message.isVisible, timeout=5000)
    assert window.lock_screen.message.text() == "Wrong passphrase."
    assert window.is_locked() and window.lock_screen.passphrase.text() == ""
    assert _actions(agent)[-1] == ("session.unlock", "failed")


def test_five_wrong_passphrases_end_the_session(qtbot, agent: services.Session, station: Path) -> None:
    window = show_main_window(qtbot, agent, station)
    window.lock()
    for _ in range(4):
        _unlock(qtbot, window, "not the passphrase")
        qtbot.waitUntil(lambda: window.lock_screen.passphrase.isEnabled(), timeout=5000)
    with qtbot.waitSignal(window.sign_out_requested, timeout=5000):
        _unlock(qtbot, window, "not the passphrase")
    with pytest.raises(services.AccountLocked):
        services.sign_in(data_dir=station, user=AGENT, passphrase=PASSPHRASES[AGENT])


def test_signing_in_as_someone_else_drops_the_unsaved_form(qtbot, agent: services.Session, station: Path) -> None:
    window = show_main_window(qtbot, agent, station)
    dialog, _edit = _open_form(qtbot, window)
    window.lock()
    with qtbot.waitSignal(window.sign_out_requested, timeout=2000):
        window.lock_screen.switch_button.click()
    assert not dialog.isVisible()


def test_inactivity_locks_and_use_postpones_it(qtbot, agent: services.Session, station: Path) -> None:
    window = show_main_window(qtbot, agent, station, idle_timeout_ms=400)
    for _ in range(6):  # 0.6 s of typing: never 0.4 s without use
        qtbot.keyClick(window.search_box, Qt.Key.Key_A)
        qtbot.wait(100)
    assert not window.is_locked()
    with qtbot.waitSignal(window.locked, timeout=3000):
        pass
    assert window.is_locked()
    assert worker.wait_for_idle()
    assert _actions(agent)[-1] == ("session.lock", "ok")


@pytest.mark.parametrize(("stored", "minutes"), [(None, 10), (3, 3), (30, 30), (45, 30), (0, 1), ("soon", 10)])
def test_the_inactivity_setting_is_read_and_bounded(qtbot, agent: services.Session, station: Path,
                                                    stored: object, minutes: int) -> None:
    if stored is not None:
        Settings(station)._store.setValue(LOCK_AFTER_MINUTES.key, stored)  # as a hand-edited file would hold it
    window = show_main_window(qtbot, agent, station)
    assert window.idle.timeout_ms() == minutes * 60_000


def test_what_was_typed_never_reaches_the_disk(qtbot, agent: services.Session, station: Path,
                                               private_tmp: Path) -> None:
    window = show_main_window(qtbot, agent, station)
    _open_form(qtbot, window)
    window.lock()
    with qtbot.waitSignal(window.unlocked, timeout=10_000):
        _unlock(qtbot, window, PASSPHRASES[AGENT])
    needle = TYPED.encode()
    for folder in (station, private_tmp):
        for path in folder.rglob("*"):
            if path.is_file() and not path.is_symlink():
                try:
                    assert needle not in path.read_bytes(), path
                except PermissionError:
                    continue


def test_an_encounter_being_entered_survives_a_lock(qtbot, agent: services.Session, station: Path) -> None:
    window = show_main_window(qtbot, agent, station)
    qtbot.keyClick(window.search_box, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.intake is not None and window.pages.currentWidget() is window.intake
    place = window.intake.encounter_page.place
    place.insert("Sasabe, near the Tz'unun gate")
    window.lock()
    assert window.is_locked() and "Tz'unun" not in _visible_text(window)
    with qtbot.waitSignal(window.unlocked, timeout=10_000):
        _unlock(qtbot, window, PASSPHRASES[AGENT])
    assert window.pages.currentWidget() is window.intake
    assert place.text() == "Sasabe, near the Tz'unun gate" and place.hasFocus()
