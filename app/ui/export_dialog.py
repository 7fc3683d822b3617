"""Exporting the family shown as a FHIR R4 bundle for another agency's system: the file, who it is for
(kept in the audit log) and whether the pre-verbal children's photos go with it. The service
(``services.export_fhir``) checks the role, writes the file privately and audits the export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QFileDialog, QLabel, QPushButton, QWidget

from app import services

from .custody_dialogs import RecordDialog
from .forms import hint, text_edit


class ExportDialog(RecordDialog):
    """Export one family unit (``recorded`` carries the service's answer)."""

    def __init__(self, session: services.Session, data_dir: Path, family: dict[str, Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(session, data_dir, parent)
        self._family = family
        self.setMinimumWidth(560)
        self.path = text_edit("", 4096)
        self.path.setText(str(Path.home() / f"family-{family['number']}.fhir.json"))
        self.choose_button = QPushButton()
        self.choose_button.setAutoDefault(False)  # Enter exports; the chooser opens by its mnemonic or a click
        self.choose_button.clicked.connect(self._choose)
        self.recipient = text_edit("", 300)
        self.photos = QCheckBox()
        self.path_label, self.recipient_label = QLabel(), QLabel()
        self.explanation = hint("")
        self._path_row(self.path_label, self.path, self.choose_button)
        self._row(self.recipient_label, self.recipient)
        self.form.addRow("", self.photos)
        self._inputs.append(self.photos)
        self.form.addRow("", self.explanation)
        self._finish_layout()
        self.save_button.setDefault(True)
        self.file_dialog: QFileDialog | None = None
        self.retranslate()
        self.path.setFocus()

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(self.tr("Kinlink — export FHIR"))
        self.heading.setText(self.tr("Export family %1 as FHIR R4").replace("%1", str(self._family["number"])))
        self.subject.setText(self.tr("A FHIR R4 bundle for another agency's system: every person, band and "
                                     "family link, the encounter and custody. The export is recorded in the "
                                     "audit log."))
        self.path_label.setText(self.tr("&File"))
        self.path.setAccessibleName(self.tr("File"))
        self.choose_button.setText(self.tr("&Choose…"))
        self.recipient_label.setText(self.tr("For &whom"))
        self.recipient.setAccessibleName(self.tr("For whom"))
        self.recipient.setPlaceholderText(self.tr("Agency and office it goes to, e.g. ORR shelter, Brownsville"))
        self.photos.setText(self.tr("Include the pre-verbal children's &photos"))
        self.explanation.setText(self.tr("The file is readable by you only. Without photos, no image leaves "
                                         "the station."))
        self.save_button.setText(self.tr("&Export"))

    def _choose(self) -> None:
        """A file chooser, opened without blocking (the window may lock meanwhile)."""
        dialog = QFileDialog(self, self.tr("Export the family as FHIR"), self.path.text())
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilters([self.tr("FHIR JSON files (*.json)"), self.tr("All files (*)")])
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.fileSelected.connect(self.path.setText)
        dialog.open()
        self.file_dialog = dialog

    def save(self) -> None:
        self.clear_messages()
        if not self._require([self.path]):
            return
        session, ident = self._session, str(self._family["id"])
        out, recipient, photos = Path(self.path.text().strip()).expanduser(), self.recipient.text(), \
            self.photos.isChecked()
        self._run(lambda: services.export_fhir(session=session, ident=ident, out=out, for_whom=recipient,
                                               photos=photos), self.tr("Exporting…"))
