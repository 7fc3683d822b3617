"""Voiding a person's band, or issuing a new one after a void, with the reason (a supervisor). The
services check the role; the form only gathers the reason."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from app import services

from . import labels
from .custody_dialogs import RecordDialog
from .forms import hint, text_edit


class BandReasonDialog(RecordDialog):
    """Void a person's band (lost, torn, on the wrong wrist), or issue a new one after a void: either
    with the reason, which the history keeps. A voided band fails verification everywhere."""

    def __init__(self, session: services.Session, data_dir: Path, person: dict[str, Any], voiding: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(session, data_dir, parent)
        self._person, self._voiding = person, voiding
        self.reason = text_edit("", 500)
        self.reason_label = QLabel()
        self.warning = hint("")
        self._row(self.reason_label, self.reason)
        self.form.addRow("", self.warning)
        self._finish_layout()
        self.retranslate()
        self.reason.setFocus()

    def retranslate(self) -> None:
        super().retranslate()
        name = labels.person_label(self._person)
        if self._voiding:
            self.setWindowTitle(self.tr("Kinlink — void a band"))
            self.heading.setText(self.tr("Void band %1").replace("%1", self._person.get("band") or labels.MISSING))
            self.subject.setText(self.tr("Worn by %1.").replace("%1", name))
            self.warning.setText(self.tr("From now on this band fails verification at every station, with your "
                                         "reason. Its number is never used again. Issue a new band afterwards."))
            self.save_button.setText(self.tr("&Void band"))
            self.reason.setPlaceholderText(self.tr("e.g. torn, lost in transport, put on the wrong person"))
        else:
            self.setWindowTitle(self.tr("Kinlink — new band"))
            self.heading.setText(self.tr("Issue a new band"))
            self.subject.setText(self.tr("For %1, whose band was voided.").replace("%1", name))
            self.warning.setText(self.tr("The new band gets a new number. Print it and put it on afterwards."))
            self.save_button.setText(self.tr("&Issue band"))
            self.reason.setPlaceholderText(self.tr("e.g. replacing the torn band"))
        self.reason_label.setText(self.tr("&Reason"))
        self.reason.setAccessibleName(self.tr("Reason"))

    def save(self) -> None:
        self.clear_messages()
        if not self._require([self.reason]):
            return
        session, reason = self._session, self.reason.text().strip()
        if self._voiding:
            band = str(self._person["band"])
            self._run(lambda: services.void_band(session=session, band=band, reason=reason), self.tr("Voiding…"))
        else:
            person_id = str(self._person["id"])
            self._run(lambda: services.reissue_band(session=session, person=person_id, reason=reason),
                      self.tr("Issuing…"))
