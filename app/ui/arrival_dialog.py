"""The receiving station's arrival scan (docs/reunification.md): the person's band is scanned as they
arrive, with a fresh photo of a pre-verbal child to compare with the one taken at intake; the
person is held at this station from then on, which closes a transfer to it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton, QWidget

from app import services

from . import labels
from .custody_dialogs import RecordDialog
from .forms import photo_file_dialog, text_edit


class ArrivalDialog(RecordDialog):
    """Scan the band of the person who arrived (the scanner types it and presses Enter)."""

    def __init__(self, session: services.Session, data_dir: Path, person: dict[str, Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(session, data_dir, parent)
        self._person = person
        self._needs_photo = person.get("role") == "child" and bool(person.get("preverbal"))
        self.scan = text_edit("", 2000)
        self.photo_path, self.browse_button = text_edit("", 1000), QPushButton()
        self.browse_button.setAutoDefault(False)  # Enter saves (the scanner ends with Enter); never browses
        self.browse_button.clicked.connect(self.browse)
        self.file_dialog: QFileDialog | None = None
        self.scan_label, self.photo_label = QLabel(), QLabel()
        self._row(self.scan_label, self.scan)
        self._path_row(self.photo_label, self.photo_path, self.browse_button)
        self._finish_layout()
        self.retranslate()
        self.scan.setFocus()

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(self.tr("Kinlink — arrival"))
        self.heading.setText(self.tr("Record an arrival"))
        now = self._person.get("custody") or {}
        where = (self.tr("In transit to station %1.").replace("%1", str(now.get("station")))
                 if now.get("in_transit") else self.tr("No transfer to this station is waiting; the arrival is "
                                                       "recorded all the same."))
        self.subject.setText(self.tr("Person: %1 (band %2). %3")
                             .replace("%1", labels.person_name(self._person))
                             .replace("%2", self._person.get("band") or labels.MISSING).replace("%3", where))
        self.scan_label.setText(self.tr("&Scan the band"))
        self.scan.setAccessibleName(self.tr("Band scan"))
        self.scan.setPlaceholderText(self.tr("Scan the QR code on the wristband (or type the band number)"))
        self.photo_label.setText(self.tr("Fresh &photo") if self._needs_photo else self.tr("&Photo (optional)"))
        self.photo_path.setAccessibleName(self.tr("Photo file"))
        self.photo_path.setPlaceholderText(self.tr("Needed for a pre-verbal child: taken now") if self._needs_photo
                                           else self.tr("A photo file, if one was taken"))
        self.browse_button.setText(self.tr("&Browse…"))

    def browse(self) -> None:
        self.file_dialog = photo_file_dialog(self, self.photo_path.setText)
        self.file_dialog.destroyed.connect(lambda *_: setattr(self, "file_dialog", None))

    def save(self) -> None:
        self.clear_messages()
        required = [self.scan] + ([self.photo_path] if self._needs_photo else [])
        if not self._require(required):
            return
        session, person_id, scan = self._session, self._person["id"], self.scan.text()  # a space is Base45
        path = self.photo_path.text().strip()

        def arrive() -> dict[str, Any]:
            photos = [services.read_photo_file(path=Path(path))] if path else []
            return services.arrive(session=session, person=scan, photos=photos, expected=person_id)

        self._run(arrive, self.tr("Recording the arrival…"))
