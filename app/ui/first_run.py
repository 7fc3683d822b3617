"""The first-run dialog: create this station's encrypted store and its first admin."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app import services
from app.domain.errors import ValidationError
from app.security.passphrase import WeakPassphrase

from .forms import FormDialog, InlineMessage, Retranslating, field_box, hint, password_edit, text_edit, typed_user_name
from .messages import sentence
from .settings import STATION_NAME, Settings
from .worker import Operation


class FirstRunDialog(Retranslating, FormDialog):
    """Station name, first admin and passphrase (twice); ``init_station`` runs on the worker."""

    station_created = Signal(dict)  # the answer of services.init_station

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(data_dir, parent)
        self.setMinimumWidth(520)
        self.station_name = text_edit("")
        self.admin_name = text_edit("", max_length=64)
        self.passphrase = password_edit("")
        self.repeat = password_edit("")
        self._inputs = [self.station_name, self.admin_name, self.passphrase, self.repeat]
        self.field_messages = {name: InlineMessage("") for name in ("station", "admin", "passphrase", "repeat")}
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 15pt; font-weight: 600;")
        self.intro = hint("")
        self.admin_hint, self.passphrase_hint = hint(""), hint("")
        self.labels = {name: QLabel() for name in ("station", "admin", "passphrase", "repeat")}
        self.create_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.quit_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.create_button.setDefault(True)
        self.buttons.accepted.connect(self.create)
        self.buttons.rejected.connect(self.reject)
        self._lay_out()
        self.retranslate()
        self.station_name.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Kinlink — set up this station"))
        self.heading.setText(self.tr("Set up this station"))
        self.intro.setText(self.tr("No station store was found in %1. Kinlink will create one there: it is "
                                   "encrypted, and only the users of this station can open it. You become "
                                   "its first admin.").replace("%1", str(self._data_dir)))
        self.admin_hint.setText(self.tr("Lower-case letters, digits, dots, dashes or underscores."))
        self.passphrase_hint.setText(self.tr("At least 8 characters; 12 or more recommended. "
                                             "Spaces and whole sentences are welcome."))
        for name, text, edit_name, problem in (
                ("station", self.tr("&Station name"), self.tr("Station name"), self.tr("Station name problem")),
                ("admin", self.tr("&Admin user name"), self.tr("Admin user name"), self.tr("Admin user name problem")),
                ("passphrase", self.tr("&Passphrase"), self.tr("Passphrase"), self.tr("Passphrase problem")),
                ("repeat", self.tr("&Repeat passphrase"), self.tr("Repeat passphrase"),
                 self.tr("Repeat passphrase problem"))):
            self.labels[name].setText(text)
            self._edit(name).setAccessibleName(edit_name)
            self.field_messages[name].setAccessibleName(problem)
        self.create_button.setText(self.tr("Create station"))
        self.quit_button.setText(self.tr("Quit"))

    def _edit(self, name: str) -> QLineEdit:
        return {"station": self.station_name, "admin": self.admin_name, "passphrase": self.passphrase,
                "repeat": self.repeat}[name]

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.setVerticalSpacing(10)
        below = {"admin": [self.admin_hint], "passphrase": [self.passphrase_hint]}
        for name in ("station", "admin", "passphrase", "repeat"):
            self.labels[name].setBuddy(self._edit(name))
            form.addRow(self.labels[name],
                        field_box(self._edit(name), *below.get(name, []), self.field_messages[name]))
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        for widget in (self.heading, self.intro):
            layout.addWidget(widget)
        layout.addLayout(form)
        self.add_footer(layout)

    def create(self) -> None:
        """Check the two passphrases agree, then create the store on the worker."""
        self.clear_messages()
        if self.passphrase.text() != self.repeat.text():
            self.field_messages["repeat"].show_message(
                self.tr("The two passphrases differ. Type the same passphrase twice."))
            self.repeat.clear()
            self.repeat.setFocus()
            return
        arguments = {"data_dir": self._data_dir, "station_name": self.station_name.text().strip(),
                     "admin": typed_user_name(self.admin_name), "passphrase": self.passphrase.text()}
        self.set_busy(True, self.tr("Creating the encrypted station store…"))
        Operation(self, lambda: services.init_station(**arguments)) \
            .success(self._created).failure(self._refused).run()

    def _created(self, answer: dict[str, Any]) -> None:
        self.set_busy(False)
        Settings(self._data_dir).set(STATION_NAME, answer["name"])  # the sign-in names the station
        self.station_created.emit(answer)
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.set_busy(False)
        if isinstance(error, WeakPassphrase):
            self._field_problem("passphrase", str(error))
            self.repeat.clear()
            self.passphrase.selectAll()
        elif isinstance(error, ValidationError):
            for problem in error.problems:
                self._field_problem(_FIELDS.get(problem.where, ""), problem.message)
        else:
            self.show_failure(error)

    def _field_problem(self, field: str, text: str) -> None:
        message = self.field_messages.get(field, self.form_message)
        message.show_message(sentence(text))
        if field in ("station", "admin", "passphrase"):
            self._edit(field).setFocus()


# Where services put a problem (ValidationError.problems[].where) -> the field that shows it.
_FIELDS = {"station name": "station", "user": "admin", "admin": "admin", "passphrase": "passphrase"}
