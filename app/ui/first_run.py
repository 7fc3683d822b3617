"""The first-run dialog: create this station's encrypted store and its first admin."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from app import services
from app.domain.errors import ValidationError
from app.security.passphrase import WeakPassphrase

from .forms import FormDialog, InlineMessage, field_box, hint, password_edit, text_edit
from .messages import sentence
from .worker import Operation


class FirstRunDialog(FormDialog):
    """Station name, first admin and passphrase (twice); ``init_station`` runs on the worker."""

    station_created = Signal(dict)  # the answer of services.init_station

    def __init__(self, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(data_dir, parent)
        self.setWindowTitle(self.tr("Kinlink — set up this station"))
        self.setMinimumWidth(520)
        self.station_name = text_edit(self.tr("Station name"))
        self.admin_name = text_edit(self.tr("Admin user name"), max_length=64)
        self.passphrase = password_edit(self.tr("Passphrase"))
        self.repeat = password_edit(self.tr("Repeat passphrase"))
        self._inputs = [self.station_name, self.admin_name, self.passphrase, self.repeat]
        self.field_messages = {
            "station": InlineMessage(self.tr("Station name problem")),
            "admin": InlineMessage(self.tr("Admin user name problem")),
            "passphrase": InlineMessage(self.tr("Passphrase problem")),
            "repeat": InlineMessage(self.tr("Repeat passphrase problem")),
        }
        self.create_button = self.buttons.addButton(self.tr("Create station"),
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.tr("Quit"), QDialogButtonBox.ButtonRole.RejectRole)
        self.create_button.setDefault(True)
        self.buttons.accepted.connect(self.create)
        self.buttons.rejected.connect(self.reject)
        self._lay_out(data_dir)
        self.station_name.setFocus()

    def _lay_out(self, data_dir: Path) -> None:
        heading = QLabel(self.tr("Set up this station"))
        heading.setStyleSheet("font-size: 15pt; font-weight: 600;")
        intro = hint(self.tr("No station store was found in %1. Kinlink will create one there: it is "
                             "encrypted, and only the users of this station can open it. You become "
                             "its first admin.").replace("%1", str(data_dir)))
        form = QFormLayout()
        form.setVerticalSpacing(10)
        form.addRow(self._label(self.tr("&Station name"), self.station_name),
                    field_box(self.station_name, self.field_messages["station"]))
        form.addRow(self._label(self.tr("&Admin user name"), self.admin_name),
                    field_box(self.admin_name, hint(self.tr("Lower-case letters, digits, dots, dashes or "
                                                            "underscores.")), self.field_messages["admin"]))
        form.addRow(self._label(self.tr("&Passphrase"), self.passphrase),
                    field_box(self.passphrase, hint(self.tr("At least 8 characters; 12 or more recommended. "
                                                            "Spaces and whole sentences are welcome.")),
                              self.field_messages["passphrase"]))
        form.addRow(self._label(self.tr("&Repeat passphrase"), self.repeat),
                    field_box(self.repeat, self.field_messages["repeat"]))
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        for widget in (heading, intro):
            layout.addWidget(widget)
        layout.addLayout(form)
        for widget in (self.form_message, self.busy_indicator, self.buttons):
            layout.addWidget(widget)

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

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
                     "admin": self.admin_name.text().strip(), "passphrase": self.passphrase.text()}
        self.set_busy(True, self.tr("Creating the encrypted station store…"))
        Operation(self, lambda: services.init_station(**arguments)) \
            .success(self._created).failure(self._refused).run()

    def _created(self, answer: dict[str, Any]) -> None:
        self.set_busy(False)
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
        edit = {"station": self.station_name, "admin": self.admin_name, "passphrase": self.passphrase}.get(field)
        if edit is not None:
            edit.setFocus()


# Where services put a problem (ValidationError.problems[].where) -> the field that shows it.
_FIELDS = {"station name": "station", "user": "admin", "admin": "admin", "passphrase": "passphrase"}
