"""Merging a person registered twice into the record that stands, or splitting a merged record
again, with the reason (a supervisor). The services check the role; the form only gathers them,
and shows whom the typed number names before the merge can be recorded (``record_preview``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from app import services

from . import labels
from .custody_dialogs import RecordDialog
from .forms import hint, text_edit
from .record_preview import PersonPreview


class MergeDialog(RecordDialog):
    """Merge the selected person into the record that stands (the same person registered twice), or
    split a merged record again; with the reason. Nothing else of either record changes."""

    def __init__(self, session: services.Session, data_dir: Path, person: dict[str, Any], parent: QWidget | None = None
                 ) -> None:
        super().__init__(session, data_dir, parent)
        self._person = person
        self._splitting = bool(person.get("merged_into"))
        self.keep, self.reason = text_edit("", 64), text_edit("", 500)
        self.keep_label, self.reason_label = QLabel(), QLabel()
        self.explanation = hint("")
        self.preview = PersonPreview(session, data_dir, self.keep, person)
        if not self._splitting:
            self._row(self.keep_label, self.keep)
            self.form.addRow("", self.preview)
            self.preview.named.connect(self.save_button.setEnabled)
            self.save_button.setEnabled(False)  # until the number names the record that stays
        self._row(self.reason_label, self.reason)
        self.form.addRow("", self.explanation)
        self._finish_layout()
        self.retranslate()
        (self.reason if self._splitting else self.keep).setFocus()

    def retranslate(self) -> None:
        super().retranslate()
        name = labels.person_label(self._person)
        if self._splitting:
            self.setWindowTitle(self.tr("Kinlink — split a merged record"))
            self.heading.setText(self.tr("Split %1 from the record it was merged into").replace("%1", name))
            self.subject.setText(self.tr("This record stands alone again, exactly as it was before the merge."))
            self.save_button.setText(self.tr("&Split"))
            self.explanation.setText("")
        else:
            self.setWindowTitle(self.tr("Kinlink — merge two records"))
            self.heading.setText(self.tr("Merge %1 into another record").replace("%1", name))
            self.subject.setText(self.tr("For one person registered twice. Both records keep their links, bands, "
                                         "custody and history; this record's bands lead to the other."))
            self.save_button.setText(self.tr("&Merge"))
            self.explanation.setText(self.tr("A split undoes it."))
        for label, edit, text, accessible in (
                (self.keep_label, self.keep, self.tr("&Record that stays"), self.tr("Record that stays")),
                (self.reason_label, self.reason, self.tr("Rea&son"), self.tr("Reason"))):
            label.setText(text)
            edit.setAccessibleName(accessible)
        self.keep.setPlaceholderText(self.tr("Its band number (scan it) or id"))

    def save(self) -> None:
        self.clear_messages()
        if not self._require([self.reason] if self._splitting else [self.keep, self.reason]):
            return
        if not self._splitting and not self.preview.is_named():
            return  # (Enter in a field while the number names nobody: the button is disabled)
        session, person_id, reason = self._session, str(self._person["id"]), self.reason.text().strip()
        if self._splitting:
            self._run(lambda: services.split_person(session=session, person=person_id, reason=reason),
                      self.tr("Splitting…"))
        else:
            keep = str(self.preview.answer["person"]["id"])  # the record shown, whatever the field says since
            self._run(lambda: services.merge_people(session=session, keep=keep, merge=person_id, reason=reason),
                      self.tr("Merging…"))
