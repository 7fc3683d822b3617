"""Moving a person put in the wrong family unit into the one they belong to, with the reason (a
supervisor). The services check the role; the form only gathers them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from app import services

from . import labels
from .custody_dialogs import RecordDialog
from .forms import hint, text_edit


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
        self._row(self.family_label, self.family)
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
        if not self._require([self.family, self.reason]):
            return
        session, person_id = self._session, str(self._person["id"])
        target, reason = self.family.text().strip(), self.reason.text().strip()
        self._run(lambda: services.move_person(session=session, person=person_id, to_family=target, reason=reason),
                  self.tr("Moving…"))
