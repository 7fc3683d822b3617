"""The locked station: what the window shows while its session is locked. Nothing personal is
on it: the station's name, who locked it, a passphrase field, and a way to sign in as someone
else (which closes the locked session and drops its unsaved work)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from .forms import BusyIndicator, InlineMessage, Retranslating, password_edit


class LockScreen(Retranslating, QWidget):
    unlock_requested = Signal(str)  # the passphrase typed
    sign_out_requested = Signal()

    def __init__(self, station: str, user: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._station, self._user = station, user
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 18pt; font-weight: 600;")
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.station = QLabel()
        self.passphrase_label = QLabel()
        self.passphrase = password_edit("")
        self.passphrase.returnPressed.connect(self._unlock)
        self.message = InlineMessage("")
        self.busy = BusyIndicator()
        self.unlock_button = QPushButton()
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self._unlock)
        self.switch_button = QPushButton()
        self.switch_button.clicked.connect(self.sign_out_requested)
        self._lay_out()
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(self.tr("Station locked"))
        self.heading.setText(self.tr("This station is locked"))
        self.explanation.setText(self.tr("Locked by %1. Type the passphrase of %1 to go back to the work "
                                         "as it was left.").replace("%1", self._user))
        self.station.setText(self.tr("Station: %1").replace("%1", self._station))
        self.passphrase_label.setText(self.tr("&Passphrase"))
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.message.setAccessibleName(self.tr("Unlock problem"))
        self.unlock_button.setText(self.tr("&Unlock"))
        self.switch_button.setText(self.tr("Sign in as &someone else"))
        self.switch_button.setToolTip(self.tr("Closes the locked session; its unsaved work is dropped."))

    def _lay_out(self) -> None:
        self.passphrase_label.setBuddy(self.passphrase)
        buttons = QHBoxLayout()
        buttons.addWidget(self.switch_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        panel = QWidget()
        panel.setFixedWidth(480)
        column = QVBoxLayout(panel)
        column.setSpacing(10)
        for widget in (self.heading, self.station, self.explanation, self.passphrase_label, self.passphrase,
                       self.message, self.busy):
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
