"""The sign-in dialog: user name and passphrase; ``sign_in`` runs on the worker."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from app import services

from .forms import FormDialog, Retranslating, password_edit, text_edit, typed_user_name
from .settings import STATION_NAME, Settings
from .worker import Operation


class LoginDialog(Retranslating, FormDialog):
    """Signs a user in. On success ``signed_in`` carries the open :class:`services.Session`, which
    the receiver owns (and closes)."""

    signed_in = Signal(object)

    def __init__(self, data_dir: Path, user: str = "", parent: QWidget | None = None) -> None:
        super().__init__(data_dir, parent)
        self.setMinimumWidth(420)
        self.session: services.Session | None = None
        self.user_name = text_edit("", max_length=64)
        self.user_name.setText(user)
        self.passphrase = password_edit("")
        self._inputs = [self.user_name, self.passphrase]
        self.login_message = self.form_message
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.user_label, self.passphrase_label = QLabel(), QLabel()
        self.sign_in_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.quit_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.sign_in_button.setDefault(True)
        self.buttons.accepted.connect(self.sign_in)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()
        self.retranslate()
        (self.passphrase if user else self.user_name).setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Kinlink — sign in"))
        name = str(Settings(self._data_dir).get(STATION_NAME))
        self.heading.setText(self.tr("Sign in to %1").replace("%1", name) if name else
                             self.tr("Sign in to this station"))
        self.user_label.setText(self.tr("&User name"))
        self.passphrase_label.setText(self.tr("&Passphrase"))
        self.user_name.setAccessibleName(self.tr("User name"))
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.login_message.setAccessibleName(self.tr("Sign-in problem"))
        self.sign_in_button.setText(self.tr("Sign in"))
        self.quit_button.setText(self.tr("Quit"))

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.setVerticalSpacing(10)
        for label, edit in ((self.user_label, self.user_name), (self.passphrase_label, self.passphrase)):
            label.setBuddy(edit)
            form.addRow(label, edit)
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        for widget in (self.login_message, self.busy_indicator, self.buttons):
            layout.addWidget(widget)

    def sign_in(self) -> None:
        self.clear_messages()
        data_dir, user, passphrase = self._data_dir, typed_user_name(self.user_name), self.passphrase.text()
        self.set_busy(True, self.tr("Unlocking the station store…"))
        Operation(self, lambda: services.sign_in(data_dir=data_dir, user=user, passphrase=passphrase)) \
            .success(self._signed_in).failure(self._refused).run()

    def _signed_in(self, session: services.Session) -> None:
        self.set_busy(False)
        Settings(self._data_dir).set(STATION_NAME, session.identity.name)  # named at the next sign-in
        self.passphrase.clear()
        self.session = session
        self.signed_in.emit(session)
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.set_busy(False)
        self.passphrase.clear()
        self.show_failure(error)
        if isinstance(error, services.WrongPassphrase) and self.user_name.text():
            self.passphrase.setFocus()
        else:
            self.user_name.setFocus()
