"""Withdrawing a transaction the registry refused: the reason (required), then a confirmation, since
it is final. The records stay in this station's history, marked withdrawn, and are never sent: no
other station will see what they recorded."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QMessageBox, QWidget

from app import services

from . import messages
from .custody_dialogs import RecordDialog
from .forms import hint, text_edit


class WithdrawDialog(RecordDialog):
    """Why ``refused`` (one of ``services.refused_queue``'s transactions) is withdrawn; ``recorded``
    carries the service's answer once it is."""

    def __init__(self, session: services.Session, data_dir: Path, refused: dict[str, Any], what: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(session, data_dir, parent)
        self._refused, self._what = refused, what
        self.setMinimumWidth(560)
        self.reason = text_edit("", 500)
        self.reason_label = QLabel()
        self.warning = hint("")
        self._row(self.reason_label, self.reason)
        self.form.addRow("", self.warning)
        self.confirmation: QMessageBox | None = None
        self._withdraw_button: QAbstractButton | None = None
        self._finish_layout()
        self.retranslate()
        self.reason.setFocus()

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(self.tr("Kinlink — withdraw a refused transaction"))
        self.heading.setText(self.tr("Withdraw: %1").replace("%1", self._what))
        self.subject.setText(self.tr("The registry's reason: %1").replace(
            "%1", messages.sentence(str(self._refused["reason"]))))
        self.warning.setText(self.tr("This is final. The records stay in this station's history, marked withdrawn, "
                                     "and are never sent: no other station will see them. Resend instead if the "
                                     "cause can be put right."))
        self.save_button.setText(self.tr("&Withdraw"))
        self.reason_label.setText(self.tr("&Reason"))
        self.reason.setAccessibleName(self.tr("Reason"))
        self.reason.setPlaceholderText(self.tr("Why it must never be sent, e.g. \"registered twice by mistake\""))

    def save(self) -> None:
        """Asks first (window-modal, never exec(): a lock hides it and brings it back)."""
        self.clear_messages()
        if self.is_busy or not self._require([self.reason]):
            return
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Withdraw for good?"),
                          self.tr("%1 will never reach the registry or any other station. This cannot be undone.")
                          .replace("%1", self._what), QMessageBox.StandardButton.NoButton, self)
        self._withdraw_button = box.addButton(self.tr("&Withdraw for good"), QMessageBox.ButtonRole.DestructiveRole)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        cancel.setText(self.tr("Cancel"))
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(lambda _result: self._answered(box.clickedButton()))
        self.confirmation = box
        box.open()

    def _answered(self, button: QAbstractButton | None) -> None:
        self.confirmation = None
        if button is None or button is not self._withdraw_button:
            self.activateWindow()  # back to the form, the reason still typed
            self.reason.setFocus()
            return
        session, tx, reason = self._session, str(self._refused["tx"]), self.reason.text().strip()
        self._run(lambda: services.withdraw_refused(session=session, tx=tx, reason=reason), self.tr("Withdrawing…"))
