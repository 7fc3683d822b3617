"""The locked station: what the window shows while its session is locked. Nothing personal is
on it: the station's name, who locked it, a passphrase field, and a way to sign in as someone
else (which closes the locked session and drops its unsaved work)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from .forms import BusyIndicator, InlineMessage, password_edit


class LockScreen(QWidget):
    unlock_requested = Signal(str)  # the passphrase typed
    sign_out_requested = Signal()

    def __init__(self, station: str, user: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Station locked"))
        self.heading = QLabel(self.tr("This station is locked"))
        self.heading.setStyleSheet("font-size: 18pt; font-weight: 600;")
        self.explanation = QLabel(self.tr("Locked by %1. Type the passphrase of %1 to go back to the work "
                                          "as it was left.").replace("%1", user))
        self.explanation.setWordWrap(True)
        self.station = QLabel(self.tr("Station: %1").replace("%1", station))
        self.passphrase = password_edit(self.tr("Passphrase"))
        self.passphrase.returnPressed.connect(self._unlock)
        self.message = InlineMessage(self.tr("Unlock problem"))
        self.busy = BusyIndicator()
        self.unlock_button = QPushButton(self.tr("&Unlock"))
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self._unlock)
        self.switch_button = QPushButton(self.tr("Sign in as &someone else"))
        self.switch_button.setToolTip(self.tr("Closes the locked session; its unsaved work is dropped."))
        self.switch_button.clicked.connect(self.sign_out_requested)
        self._lay_out()

    def _lay_out(self) -> None:
        label = QLabel(self.tr("&Passphrase"))
        label.setBuddy(self.passphrase)
        buttons = QHBoxLayout()
        buttons.addWidget(self.switch_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        panel = QWidget()
        panel.setFixedWidth(480)
        column = QVBoxLayout(panel)
        column.setSpacing(10)
        for widget in (self.heading, self.station, self.explanation, label, self.passphrase, self.message,
                       self.busy):
            column.addWidget(widget)
        column.addLayout(buttons)
        centred = QHBoxLayout()  # stretches, not an alignment flag: that would break the wrapped text's height
        centred.addStretch(1)
        centred.addWidget(panel)
        centred.addStretch(1)
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        outer.addLayout(centred)
        outer.addStretch(2)

    def reset(self) -> None:
        """Ready for a new unlock: empty passphrase with the focus, no message."""
        self.set_busy(False)
        self.passphrase.clear()
        self.message.clear_message()
        self.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)

    def set_busy(self, busy: bool) -> None:
        for widget in (self.passphrase, self.unlock_button, self.switch_button):
            widget.setEnabled(not busy)
        self.busy.set_busy(busy, self.tr("Checking the passphrase…") if busy else "")

    def refused(self, text: str) -> None:
        self.set_busy(False)
        self.passphrase.clear()
        self.message.show_message(text)
        self.passphrase.setFocus(Qt.FocusReason.OtherFocusReason)

    def _unlock(self) -> None:
        if self.unlock_button.isEnabled():
            self.unlock_requested.emit(self.passphrase.text())
