"""Locking the main window in place (docs/design.md security defaults): Ctrl+L, the Lock button or
inactivity swap the work for the lock screen and hide the window's dialogs; the work stays as it
was, in memory only, and comes back when the same user types their passphrase. (So the app's
dialogs are opened with ``show()`` or ``open()``, never ``exec()``: hiding an ``exec()`` dialog
would end it.)"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QWidget

from app import services

from . import messages
from .lock_screen import LockScreen
from .worker import Operation

if TYPE_CHECKING:
    from .main_window import MainWindow

    _Base = MainWindow
else:
    _Base = object


class WindowLocking(_Base):
    """The locking half of :class:`MainWindow` (its widgets, signals and session are the window's)."""

    def _build_lock_screen(self) -> None:
        """The lock screen, a page of the window (the window adds it to its pages)."""
        self._hidden_while_locked: list[QWidget] = []
        self._focus_before_lock: QWidget | None = None
        self._page_before_lock: QWidget | None = None
        self.lock_screen = LockScreen(self._session.identity.name, self._session.user)
        self.lock_screen.unlock_requested.connect(self._unlock)
        self.lock_screen.sign_out_requested.connect(self._sign_out)

    def is_locked(self) -> bool:
        return self.pages.currentWidget() is self.lock_screen

    def lock(self, reason: str = "on demand") -> None:
        """Show the lock screen instead of the work, hide this window's dialogs, and record it."""
        if self.is_locked():
            return
        self._focus_before_lock = QApplication.focusWidget()
        self._hidden_while_locked = [w for w in QApplication.topLevelWidgets()
                                     if w is not self and w.isVisible() and self._owns(w)]
        for widget in self._hidden_while_locked:
            widget.hide()
        self._page_before_lock = self.pages.currentWidget()
        self.pages.setCurrentWidget(self.lock_screen)
        self._set_work_visible(False)
        self.lock_screen.reset()
        self.idle.stop()
        session = self._session
        Operation(self, lambda: services.lock_session(session=session, reason=reason)) \
            .failure(self._failed).run()
        self.locked.emit()

    def _owns(self, window: QWidget) -> bool:
        """Whether ``window`` (a dialog, a message box) was opened from this window."""
        parent = window.parentWidget()
        while parent is not None:
            if parent is self:
                return True
            parent = parent.parentWidget()
        return False

    def _set_work_visible(self, visible: bool) -> None:
        locked = QCoreApplication.translate("MainWindow", "Kinlink — locked")
        self.setWindowTitle(self.work_title() if visible else locked)
        self.menuBar().setVisible(visible)
        self.statusBar().setVisible(visible)
        self._enable_actions(visible)  # as the role allows when unlocked (window_actions.py)
        if not visible:
            self.statusBar().clearMessage()

    def _unlock(self, passphrase: str) -> None:
        self.lock_screen.set_busy(True)
        session = self._session
        Operation(self, lambda: services.unlock_session(session=session, passphrase=passphrase)) \
            .success(lambda _answer: self._unlocked()).failure(self._unlock_refused).run()

    def _unlocked(self) -> None:
        self.lock_screen.reset()
        self.pages.setCurrentWidget(self._page_before_lock or self.work)
        self._set_work_visible(True)
        for widget in self._hidden_while_locked:
            widget.show()
        self._hidden_while_locked = []
        focus, self._focus_before_lock = self._focus_before_lock, None
        if focus is not None and shiboken6.isValid(focus) and focus.isVisible():
            focus.window().activateWindow()
            focus.setFocus(Qt.FocusReason.OtherFocusReason)
        self.idle.restart()
        self.unlocked.emit()

    def _unlock_refused(self, error: BaseException) -> None:
        if isinstance(error, services.WrongPassphrase):
            self.lock_screen.refused(QCoreApplication.translate("MainWindow", "Wrong passphrase."))
        elif isinstance(error, services.AccountLocked):
            # Too many failures: the session ends; the sign-in says why and who may release it.
            self.lock_screen.set_busy(False)
            self._sign_out()
        else:
            self.lock_screen.set_busy(False)
            text = messages.known_message(error)
            if text is None:
                self._failed(error)
            else:
                self.lock_screen.refused(text)

    def _sign_out(self) -> None:
        """Leave for the sign-in: the caller closes the session; unsaved work is dropped."""
        for widget in self._hidden_while_locked:
            widget.close()
        self._hidden_while_locked = []
        self.idle.dispose()
        self.scans.dispose()
        self.sync.stop()
        self.changes.stop()
        self.sign_out_requested.emit()
