"""The desktop app: first run (when this data folder has no station store), sign-in, then the
main window; signing out returns to the sign-in. (Locking happens inside the main window.)"""

from __future__ import annotations

import sys
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from app import services

from . import i18n, messages, worker
from .first_run import FirstRunDialog
from .login import LoginDialog
from .none_guard import protect_none
from .settings import LANGUAGE, Settings
from .worker import Operation

if TYPE_CHECKING:
    from .main_window import MainWindow

RESOURCES = Path(__file__).resolve().parents[2] / "resources"


class Launcher(QObject):
    """Leads from first run to sign-in to the main window, and back to sign-in on sign-out. It owns
    the signed-in session and closes it on sign-out and on quit."""

    finished = Signal(int)  # the exit code

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.dialog: QDialog | None = None
        self.window: MainWindow | None = None
        self.session: services.Session | None = None

    def start(self) -> None:
        if services.station_exists(data_dir=self.data_dir):
            self.show_login()
        else:
            self.show_first_run()

    def show_first_run(self) -> None:
        dialog = FirstRunDialog(self.data_dir)
        dialog.station_created.connect(lambda answer: self.show_login(answer["admin"]))
        self._show_dialog(dialog)

    def show_login(self, user: str = "") -> None:
        dialog = LoginDialog(self.data_dir, user)
        dialog.signed_in.connect(self.open_main_window)
        self._show_dialog(dialog)

    def _show_dialog(self, dialog: QDialog) -> None:
        self._drop_dialog()
        self.dialog = dialog
        dialog.rejected.connect(self.quit)
        dialog.show()

    def _drop_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.rejected.disconnect(self.quit)
            self.dialog.hide()
            self.dialog.deleteLater()
            self.dialog = None

    def open_main_window(self, session: services.Session) -> None:
        self.session = session
        from .main_window import MainWindow  # imported once signed in: the sign-in window comes up sooner

        self.window = MainWindow(session, self.data_dir)
        self.window.sign_out_requested.connect(self.sign_out)
        self.window.closing.connect(self.quit)
        show_fitted(self.window)
        self._drop_dialog()
        if session.upgraded:
            self.window.statusBar().showMessage(messages.upgraded(session.upgraded), 60_000)

    def sign_out(self) -> None:
        """Hide everything the session showed, sign out on the worker, then ask for a sign-in."""
        session, window = self.session, self.window
        if session is None or window is None:
            return
        self.session, self.window = None, None
        window.closing.disconnect(self.quit)
        window.hide()
        window.deleteLater()
        Operation(self, lambda: _sign_out(session)) \
            .success(lambda _answer: self.show_login(session.user)) \
            .failure(lambda error: self._lock_failed(error, session.user)).run()

    def _lock_failed(self, error: BaseException, user: str) -> None:
        messages.report_unexpected(None, error, self.data_dir)
        self.show_login(user)

    def quit(self) -> None:
        worker.wait_for_idle()
        if self.session is not None:
            self.session.close()
            self.session = None
        self._drop_dialog()
        self.finished.emit(0)


def _sign_out(session: services.Session) -> None:
    """On the worker: record the lock in the audit chain and close the store."""
    try:
        services.lock_session(session=session, reason="signed out")
    finally:
        session.close()


class ExceptionReporter:
    """``sys.excepthook`` while the app runs: a bug anywhere becomes "Something went wrong" with a
    reference, and its trace goes to the bug log (never its message, which may hold personal data)."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self._reporting = False

    def __call__(self, kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt) or self._reporting:
            sys.__excepthook__(kind, error, trace)
            return
        self._reporting = True
        try:
            reference = messages.report_unexpected(QApplication.activeWindow(), error.with_traceback(trace),
                                                   self.data_dir)
            print(f"kinlink: something went wrong (reference {reference})", file=sys.stderr)
        finally:
            self._reporting = False


def run_app(*, data_dir: Path) -> int:
    """Open the desktop app on ``data_dir``; returns the exit code."""
    protect_none()  # PySide6 6.12.0 would abort after ~22k void Qt calls; see none_guard
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("Kinlink")
    app.setOrganizationName("Kinlink")
    app.setQuitOnLastWindowClosed(False)  # between dialogs no window is open; quitting is explicit
    icon = RESOURCES / "icons" / "kinlink.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    i18n.switch(Settings(data_dir).get(LANGUAGE))
    launcher = Launcher(data_dir)
    launcher.finished.connect(app.exit)
    previous_hook, sys.excepthook = sys.excepthook, ExceptionReporter(data_dir)
    try:
        launcher.start()
        return app.exec()
    finally:
        sys.excepthook = previous_hook
        worker.wait_for_idle()


ROOMY = (1600, 900)  # a screen at least this large shows the window at its own size; a laptop's, maximised


def show_fitted(window: QWidget) -> None:
    """Show ``window`` maximised on a laptop's screen (a station's is 1366x768: the window's own
    1180x740 left the family view's columns cut off and the pre-verbal child's form scrolling), at
    its own size on a large one."""
    screen = window.screen().availableGeometry()
    if screen.width() < ROOMY[0] or screen.height() < ROOMY[1]:
        window.showMaximized()
    else:
        window.show()
