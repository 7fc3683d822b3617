"""Moving a person put in the wrong family unit into the one they belong to, with the reason (a
supervisor). The services check the role; the form only gathers them, and shows the unit the typed
number names before the move can be recorded (``record_preview``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from app import services

from . import labels
from .custody_dialogs import RecordDialog
from .forms import hint, text_edit
from .record_preview import FamilyPreview


class MoveDialog(RecordDialog):
    """Move the selected person, put in the wrong family unit, into the one they belong to; with the
    reason. Links are added (relationship unknown), none is removed."""

    def __init__(self, session: services.Session, data_dir: Path, person: dict[str, Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(session, data_dir, parent)
        self._person = person
        self.family, self.reason = text_edit("", 64), text_edit("", 500)
        self.family_label, self.reason_label = QLabel(), QLabel()
        self.explanation = hint("")
        self.preview = FamilyPreview(session, data_dir, self.family, person)
        self._row(self.family_label, self.family)
        self.form.addRow("", self.preview)
        self.preview.named.connect(self.save_button.setEnabled)
        self.save_button.setEnabled(False)  # until the number names a family unit
        self._row(self.reason_label, self.reason)
        self.form.addRow("", self.explanation)
        self._finish_layout()
        self.retranslate()
        self.family.setFocus()

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(self.tr("Kinlink — move to another family unit"))
        self.heading.setText(self.tr("Move %1 to another family unit").replace("%1",
                                                                                labels.person_label(self._person)))
        self.subject.setText(self.tr("For a person put in the wrong family unit. Every link they have stays."))
        self.explanation.setText(self.tr("New links, relationship unknown, join them to the adults (or children) "
                                         "of the unit they move to: correct the relationships afterwards."))
        self.save_button.setText(self.tr("&Move"))
        for label, edit, text, accessible in (
                (self.family_label, self.family, self.tr("&Family unit"), self.tr("Family unit")),
                (self.reason_label, self.reason, self.tr("&Reason"), self.tr("Reason"))):
            label.setText(text)
            edit.setAccessibleName(accessible)
        self.family.setPlaceholderText(self.tr("Its number, or the band number of someone in it"))

    def save(self) -> None:
        self.clear_messages()
        if not self._require([self.family, self.reason]) or not self.preview.is_named():
            return
        session, person_id = self._session, str(self._person["id"])
        target, reason = str(self.preview.answer["id"]), self.reason.text().strip()  # the unit shown
        self._run(lambda: services.move_person(session=session, person=person_id, to_family=target, reason=reason),
                  self.tr("Moving…"))
