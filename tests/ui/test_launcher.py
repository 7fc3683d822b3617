"""The whole desktop app, as ``kinlink`` opens it: first run, sign-in, the main window, lock and
unlock, sign-out back to the sign-in, and quit; then no invented name is anywhere on disk."""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import Qt

from app import services
from app.ui.first_run import FirstRunDialog
from app.ui.login import LoginDialog
from app.ui.main import Launcher
from app.ui.main_window import MainWindow
from tests.conftest import adult, child, document, link

PASSPHRASE = "a quiet river at dawn"
NAMES = ["Tz'unun", "Ixquic", "Balamku"]  # invented; the child's name is typed nowhere but the store


def _register_a_family(data_dir: Path) -> None:
    session = services.sign_in(data_dir=data_dir, user="chief", passphrase=PASSPHRASE)
    try:
        services.add_user(session=session, name="ana", role="agent", passphrase="ana passphrase 1")
    finally:
        session.close()
    session = services.sign_in(data_dir=data_dir, user="ana", passphrase="ana passphrase 1")
    try:
        services.register_family(session=session, document=document({
            "people": [adult("a1", given=NAMES[0], family=NAMES[1]), child("c1", given=NAMES[2], family=NAMES[1])],
            "links": [link("a1", "c1")]}))
    finally:
        session.close()


def test_first_run_sign_in_lock_sign_out_and_quit(qtbot, data_dir: Path, private_tmp: Path) -> None:
    launcher = Launcher(data_dir)
    launcher.start()
    first_run = launcher.dialog
    assert isinstance(first_run, FirstRunDialog)
    qtbot.keyClicks(first_run.station_name, "Lukeville")
    qtbot.keyClicks(first_run.admin_name, "chief")
    qtbot.keyClicks(first_run.passphrase, PASSPHRASE)
    qtbot.keyClicks(first_run.repeat, PASSPHRASE)
    qtbot.keyClick(first_run.repeat, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: isinstance(launcher.dialog, LoginDialog), timeout=10_000)
    login = launcher.dialog
    assert isinstance(login, LoginDialog) and login.user_name.text() == "chief"
    assert login.heading.text() == "Sign in to Lukeville"  # the station it opens, named before sign-in
    _register_a_family(data_dir)

    login.user_name.clear()
    qtbot.keyClicks(login.user_name, "ana")
    qtbot.keyClicks(login.passphrase, "ana passphrase 1")
    qtbot.keyClick(login.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: launcher.window is not None, timeout=10_000)
    window = launcher.window
    assert isinstance(window, MainWindow) and window.windowTitle() == "Kinlink — Lukeville"
    qtbot.waitExposed(window)
    assert window.isMaximized()  # this screen is smaller than a desk's roomy one: the whole of it
    qtbot.keyClicks(window.search_box, "tzunun")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.results.topLevelItemCount() == 1, timeout=5000)
    window.results.setCurrentItem(window.results.topLevelItem(0))
    qtbot.waitUntil(lambda: window.family_view.people.topLevelItemCount() == 2, timeout=5000)

    window.lock()
    with qtbot.waitSignal(window.unlocked, timeout=10_000):
        qtbot.keyClicks(window.lock_screen.passphrase, "ana passphrase 1")
        qtbot.keyClick(window.lock_screen.passphrase, Qt.Key.Key_Return)
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.search_box, Qt.Key.Key_L, ctrl_shift)
    qtbot.waitUntil(lambda: isinstance(launcher.dialog, LoginDialog), timeout=10_000)
    assert launcher.window is None and launcher.session is None
    qtbot.waitUntil(lambda: not shiboken6.isValid(window))  # the signed-out window is gone, with its data
    assert launcher.dialog.user_name.text() == "ana"

    with qtbot.waitSignal(launcher.finished, timeout=5000) as finished:
        launcher.dialog.reject()
    assert finished.args == [0]
    _assert_no_name_on_disk(data_dir, private_tmp)


def _assert_no_name_on_disk(data_dir: Path, tmp: Path) -> None:
    """The data folder (store, key slots, settings, logs) and the temp folder hold no name in the clear."""
    needles = [name.encode() for name in NAMES] + [name.lower().encode() for name in NAMES]
    for folder in (data_dir, tmp):
        for path in folder.rglob("*"):
            if not path.is_file() or path.is_symlink():
                continue
            try:
                content = path.read_bytes()
            except OSError:
                continue
            found = [n for n in needles if n in content]
            assert not found, f"{found} in {path}"
