"""Correcting one field of a person or a link, with a reason (a supervisor), or proposing the
correction (an agent: a supervisor accepts or rejects it in ``proposals_dialog.py``). The services
check the role and the value; the form only gathers them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from app import services
from app.domain.errors import ValidationError

from . import labels
from .custody_dialogs import RecordDialog
from .forms import hint, text_edit
from .intake.problem_paths import PEOPLE, Location
from .intake.wording import agent_message
from .value_input import ValueInput, ValueProblem, value_words

# What the correction form offers, in the order a supervisor meets them.
PERSON_FIELDS = ("given_names", "family_names", "sex", "role", "birth_date", "age_estimate_years", "nationality",
                 "languages", "preverbal", "arrived_without_adult", "description")
LINK_FIELDS = ("relationship", "provenance")


class CorrectionDialog(RecordDialog):
    """One field of a person or a link, its new value and the reason (required). The old value stays
    in the history with who, when and why."""

    def __init__(self, session: services.Session, data_dir: Path, entity: str, record: dict[str, Any],
                 subject: str, parent: QWidget | None = None, *, propose: bool = False) -> None:
        super().__init__(session, data_dir, parent)
        self._entity, self._record, self._subject, self._propose = entity, record, subject, propose
        self.field = QComboBox()
        for name in PERSON_FIELDS if entity == "person" else LINK_FIELDS:
            self.field.addItem("", name)
        self.value = ValueInput()
        self.now = hint("")
        self.reason = text_edit("", 500)
        self.field_label, self.value_label, self.reason_label = QLabel(), QLabel(), QLabel()
        self._row(self.field_label, self.field)
        self._row(self.value_label, self.value)
        self.form.addRow("", self.now)
        self._row(self.reason_label, self.reason)
        self.field.currentIndexChanged.connect(self._field_chosen)
        self._finish_layout()
        self._field_chosen()
        self.retranslate()
        self.field.setFocus()

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(self.tr("Kinlink — correct a record"))
        if self._propose:
            self.heading.setText(self.tr("Propose a correction"))
            self.subject.setText(self.tr("%1. A supervisor accepts or rejects it; until then nothing changes.")
                                 .replace("%1", self._subject))
            self.save_button.setText(self.tr("&Propose"))
        else:
            self.heading.setText(self.tr("Correct a person") if self._entity == "person"
                                 else self.tr("Correct a link"))
            self.subject.setText(self.tr("%1. The old value stays in the history, with your name and reason.")
                                 .replace("%1", self._subject))
            self.save_button.setText(self.tr("&Correct"))
        for index in range(self.field.count()):
            self.field.setItemText(index, labels.field_name(self.field.itemData(index)))
        self.value.retranslate()
        self._show_current()
        for label, widget, text, name in (
                (self.field_label, self.field, self.tr("&Field"), self.tr("Field")),
                (self.value_label, self.value, self.tr("New &value"), self.tr("New value")),
                (self.reason_label, self.reason, self.tr("&Reason"), self.tr("Reason"))):
            label.setText(text)
            widget.setAccessibleName(name)
        self.reason.setPlaceholderText(self.tr("What you saw or were told, e.g. \"passport seen\""))

    def _field_chosen(self) -> None:
        name = str(self.field.currentData())
        self.value.set_field(name, self._record.get(name))
        self.value.text.setPlaceholderText(self.tr("YYYY-MM-DD, or empty if not known") if name == "birth_date"
                                           else "")  # (a nationality and languages are chosen by name)
        self._show_current()

    def _show_current(self) -> None:
        name = str(self.field.currentData())
        self.now.setText(self.tr("Now: %1").replace("%1", value_words(name, self._record.get(name))))

    def _refused(self, error: BaseException) -> None:
        """A refused value in the desk's words where the intake has them (a correction that would make the
        record impossible: an adult aged 2, a mother younger than her child)."""
        if not isinstance(error, ValidationError):
            super()._refused(error)
            return
        self.set_busy(False)
        self.form_message.show_message(" ".join(agent_message(Location(PEOPLE), p.message) for p in error.problems))

    def save(self) -> None:
        self.clear_messages()
        if not self._require([self.reason]):
            return
        try:
            value = self.value.value()
        except ValueProblem as problem:
            self.problems[self.value].show_message(str(problem))
            self.value.setFocus()
            return
        session, ident, field = self._session, str(self._record["id"]), str(self.field.currentData())
        reason = self.reason.text().strip()
        if self._propose:
            self._run(lambda: services.propose_correction(session=session, ident=ident, field=field, value=value,
                                                          reason=reason),
                      self.tr("Proposing…"))
        else:
            self._run(lambda: services.correct_record(session=session, ident=ident, field=field, value=value,
                                                      reason=reason),
                      self.tr("Correcting…"))
