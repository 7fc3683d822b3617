"""Print a family unit's wristbands: every band in one job, to a printer of the print system, a
Zebra-compatible printer on the network (ZPL) or a PDF / PNG file. The choice and the resolution
are remembered for the station. Bands printed before are a reprint: the dialog asks why. A printer
that does not take the job says so here; nothing is lost and Print tries again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app import services
from app.bands import zpl_send
from app.bands.content import issued_band, people_without_band
from app.domain.errors import ValidationError

from . import labels, messages
from .band_output import Destination, output_family_bands
from .forms import FormDialog, InlineMessage, Retranslating, field_box, hint, text_edit
from .settings import DEFAULT_PRINTER, PRINT_DESTINATION, PRINT_DPI, Settings
from .worker import Operation

SUCCESS_STYLE = "color: #1b5e20; font-weight: 600;"


def issued_bands(family: dict[str, Any]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(person, band) for each person's issued band, in the family's order."""
    return [(person, band) for person in family["people"] if (band := issued_band(person)) is not None]


class PrintBandsDialog(Retranslating, FormDialog):
    """One family unit's bands, one job. ``printed`` carries the job's answer when it went out."""

    printed = Signal(dict)

    def __init__(self, session: services.Session, data_dir: Path, family: dict[str, Any],
                 parent: QWidget | None = None, *, then_put_on: bool = False) -> None:
        super().__init__(data_dir, parent)
        self._session, self._family = session, family
        self._settings = Settings(data_dir)
        self._then_put_on = then_put_on  # after the job: Close reads "Next: put the bands on"
        self.was_printed = False
        self.setMinimumWidth(540)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.heading.setWordWrap(True)
        self.bands_list = QLabel()
        self.bands_list.setTextFormat(Qt.TextFormat.PlainText)
        self.bands_list.setWordWrap(True)
        self.without_band = hint("")
        self.destination = QComboBox()
        for name in QPrinterInfo.availablePrinterNames():
            self.destination.addItem(name, Destination("printer", printer=name))
        for kind in ("zpl", "pdf", "png"):
            self.destination.addItem("", Destination(kind))
        self.host, self.port = text_edit("", 200), QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(zpl_send.DEFAULT_PORT)
        self.file_path, self.browse_button = text_edit("", 1000), QPushButton()
        self.browse_button.setAutoDefault(False)
        self.browse_button.clicked.connect(self._browse)
        self.dpi = QComboBox()
        self.dpi.addItem("203 dpi", 203)
        self.dpi.addItem("300 dpi", 300)
        self.reason = text_edit("", 500)
        self.captions = {name: QLabel() for name in ("destination", "host", "port", "file", "dpi", "reason")}
        self.problems: dict[QWidget, InlineMessage] = {}
        self.form = QFormLayout()
        self._rows: dict[str, QWidget] = {}
        file_row = QWidget()
        file_layout = QHBoxLayout(file_row)
        file_layout.setContentsMargins(0, 0, 0, 0)
        file_layout.addWidget(self.file_path, 1)
        file_layout.addWidget(self.browse_button)
        for name, field, focus in (("destination", self.destination, self.destination),
                                   ("host", self.host, self.host), ("port", self.port, self.port),
                                   ("file", file_row, self.file_path), ("dpi", self.dpi, self.dpi),
                                   ("reason", self.reason, self.reason)):
            self.captions[name].setBuddy(focus)
            self.problems[focus] = InlineMessage("")
            self._rows[name] = field_box(field, self.problems[focus])
            self.form.addRow(self.captions[name], self._rows[name])
            self._inputs.append(field)
        self.done_message = QLabel()
        self.done_message.setStyleSheet(SUCCESS_STYLE)
        self.done_message.setWordWrap(True)
        self.done_message.setVisible(False)
        self.print_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.print_button.setDefault(True)
        self.buttons.accepted.connect(self.print_bands)
        self.buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+P"), self, self.print_bands)
        column = QVBoxLayout(self)
        for widget in (self.heading, self.bands_list, self.without_band):
            column.addWidget(widget)
        column.addLayout(self.form)
        for widget in (self.form_message, self.done_message, self.busy_indicator, self.buttons):
            column.addWidget(widget)
        self._asks_reason = any(band.get("printed_at") for _, band in issued_bands(family))  # a reprint
        self._restore()
        self.destination.currentIndexChanged.connect(self._show_rows)
        self.retranslate()
        self._show_rows()
        self.print_button.setFocus()

    # --- state -------------------------------------------------------------------------------

    def _restore(self) -> None:
        """The station's last choice: destination (a printer by name), network address, resolution."""
        remembered = Destination.from_setting(self._settings.get(PRINT_DESTINATION))
        if remembered.kind == "zpl":
            self.host.setText(remembered.host)
            self.port.setValue(remembered.port)
        printer = remembered.printer or self._settings.get(DEFAULT_PRINTER) or QPrinterInfo.defaultPrinterName()
        for index in range(self.destination.count()):
            choice: Destination = self.destination.itemData(index)
            if choice.kind == remembered.kind and (choice.kind != "printer" or choice.printer == printer):
                self.destination.setCurrentIndex(index)
                break
        self.dpi.setCurrentIndex(1 if self._settings.get(PRINT_DPI) == 300 else 0)

    def chosen(self) -> Destination:
        choice: Destination = self.destination.currentData()
        if choice.kind == "zpl":
            return Destination("zpl", host=self.host.text().strip(), port=self.port.value())
        if choice.kind in ("pdf", "png"):
            text = self.file_path.text().strip()
            return Destination(choice.kind, path=Path(text).expanduser() if text else None)
        return choice

    def _show_rows(self) -> None:
        kind = self.chosen().kind
        for name, visible in (("host", kind == "zpl"), ("port", kind == "zpl"), ("file", kind in ("pdf", "png")),
                              ("reason", self._asks_reason and kind in ("printer", "zpl"))):
            self.form.setRowVisible(self._rows[name], visible)
        if kind in ("pdf", "png"):
            self._suggest_file(kind)

    def _suggest_file(self, kind: str) -> None:
        text = self.file_path.text().strip()
        stem = f"bands-{self._family['number']}"
        if not text:
            self.file_path.setText(str(Path.home() / f"{stem}.{kind}"))
        elif Path(text).suffix.lower() in (".pdf", ".png"):
            self.file_path.setText(str(Path(text).with_suffix(f".{kind}")))

    def _browse(self) -> None:
        kind = self.chosen().kind
        dialog = QFileDialog(self, self.tr("Save the bands as"), self.file_path.text())
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setNameFilter(self.tr("PDF files (*.pdf)") if kind == "pdf" else self.tr("PNG images (*.png)"))
        dialog.setDefaultSuffix(kind)
        dialog.fileSelected.connect(self.file_path.setText)
        dialog.open()

    # --- text --------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Kinlink — print wristbands"))
        self.heading.setText(self.tr("Print the wristbands of family unit %1")
                             .replace("%1", str(self._family["number"])))
        lines = [self.tr("%1 — band %2").replace("%1", labels.person_name(person)).replace("%2", band["number"])
                 for person, band in issued_bands(self._family)]
        self.bands_list.setText("\n".join(lines) or self.tr("No band to print."))
        missing = len(people_without_band(self._family))
        self.without_band.setText(self.tr("%1 people have no valid band: a supervisor issues them new bands first.")
                                  .replace("%1", str(missing)) if missing else "")
        self.without_band.setVisible(bool(missing))
        for index in range(self.destination.count()):
            kind = self.destination.itemData(index).kind
            if kind != "printer":
                self.destination.setItemText(index, {
                    "zpl": self.tr("Zebra-compatible printer on the network (ZPL)"),
                    "pdf": self.tr("PDF file"), "png": self.tr("PNG image")}[kind])
        for name, text, accessible in (
                ("destination", self.tr("Print &to"), self.tr("Print to")),
                ("host", self.tr("Printer &address"), self.tr("Printer address")),
                ("port", self.tr("P&ort"), self.tr("Printer port")),
                ("file", self.tr("&File"), self.tr("File")),
                ("dpi", self.tr("&Resolution"), self.tr("Printer resolution")),
                ("reason", self.tr("Reprint rea&son"), self.tr("Reason for reprinting"))):
            self.captions[name].setText(text)
            self.captions[name].buddy().setAccessibleName(accessible)
        self.host.setPlaceholderText(self.tr("Host name or IP address, for example 192.168.1.40"))
        self.reason.setPlaceholderText(self.tr("These bands were printed before: why again? (for example: torn)"))
        self.browse_button.setText(self.tr("&Choose…"))
        self.print_button.setText(self.tr("&Print"))
        self.close_button.setText(self.tr("&Next: put the bands on") if self.was_printed and self._then_put_on
                                  else self.tr("Close"))
        self.form_message.setAccessibleName(self.tr("Form message"))

    # --- printing ----------------------------------------------------------------------------

    def print_bands(self) -> None:
        """Send the job on the worker; the form stays as it is whatever happens."""
        if self.is_busy or self.was_printed:
            return
        self.clear_messages()
        destination = self.chosen()
        if destination.kind == "zpl" and not destination.host:
            self.problems[self.host].show_message(self.tr("Required."))
            self.host.setFocus()
            return
        if destination.kind in ("pdf", "png") and destination.path is None:
            self.problems[self.file_path].show_message(self.tr("Required."))
            self.file_path.setFocus()
            return
        reason = self.reason.text().strip() or None
        if self._asks_reason and destination.kind in ("printer", "zpl") and reason is None:
            self.problems[self.reason].show_message(self.tr("These bands were printed before: say why they are "
                                                            "printed again."))
            self.reason.setFocus()
            return
        session, family, dpi = self._session, str(self._family["id"]), int(self.dpi.currentData())
        self.set_busy(True, self.tr("Printing…") if destination.kind in ("printer", "zpl") else self.tr("Writing…"))
        Operation(self, lambda: output_family_bands(session=session, family=family, destination=destination,
                                                    dpi=dpi, reason=reason)) \
            .success(lambda answer: self._printed(destination, dpi, answer)).failure(self._refused).run()

    def _printed(self, destination: Destination, dpi: int, answer: dict[str, Any]) -> None:
        self.set_busy(False)
        self.was_printed = True
        self._settings.set(PRINT_DESTINATION, destination.setting())
        self._settings.set(PRINT_DPI, dpi)
        count = len(answer.get("bands", []))
        where = answer.get("printer") or answer.get("file") or ""
        self.done_message.setText(self.tr("%1 bands sent to %2.").replace("%1", str(count)).replace("%2", str(where)))
        self.done_message.setVisible(True)
        self.print_button.setEnabled(False)
        self.retranslate()
        self.close_button.setDefault(True)
        self.close_button.setFocus()
        self.printed.emit(answer)

    def _refused(self, error: BaseException) -> None:
        self.set_busy(False)
        if isinstance(error, ValidationError) and any(p.where == "reason" for p in error.problems):
            self._asks_reason = True  # printed meanwhile (elsewhere): the service says it is a reprint
            self._show_rows()
            self.problems[self.reason].show_message(" ".join(messages.sentence(p.message) for p in error.problems))
            self.reason.setFocus()
            return
        self.show_failure(error)
        self.print_button.setText(self.tr("&Print again"))
        self.print_button.setFocus()
