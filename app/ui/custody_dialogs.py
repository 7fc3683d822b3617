"""Recording what happens at the station: a custody transfer of one person, and a separation,
contact or reunification on one family link. The link is never removed: a separation is a record
on it that names where each side went (docs/design.md, invariant 1)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app import services
from app.domain.custody import NAMES_A_FACILITY
from app.domain.model import CONTACT, CUSTODY_KINDS, LINK_TRANSITIONS, MAX_FACILITY_LENGTH, ContactKind, LinkState

from . import labels, transfer_sheet
from .forms import FormDialog, InlineMessage, Retranslating, field_box, hint, text_edit
from .settings import SHEET_PRINTER, Settings
from .worker import Operation


class RecordDialog(Retranslating, FormDialog):
    """A small form that runs one service call; ``recorded`` carries its answer."""

    recorded = Signal(dict)

    def __init__(self, session: services.Session, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(data_dir, parent)
        self._session = session
        self.setMinimumWidth(480)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.heading.setWordWrap(True)  # it may name a person: any length
        self.subject = hint("")
        self.form = QFormLayout()
        self.form.setVerticalSpacing(8)
        self.problems: dict[QWidget, InlineMessage] = {}
        self.save_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def _finish_layout(self) -> None:
        column = QVBoxLayout(self)
        column.addWidget(self.heading)
        column.addWidget(self.subject)
        column.addLayout(self.form)
        self.add_footer(column)

    def _row(self, label: QLabel, field: QWidget) -> None:
        label.setBuddy(field)
        self.problems[field] = InlineMessage("")
        self.form.addRow(label, field_box(field, self.problems[field]))
        self._inputs.append(field)

    def _path_row(self, label: QLabel, path: QLineEdit, button: QPushButton) -> None:
        """A file path with its chooser button beside it as one row: the label focuses the path, and
        "Required." is said under the path."""
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(path, 1)
        line.addWidget(button)
        self._row(label, row)
        label.setBuddy(path)
        self.problems[path] = self.problems.pop(row)

    def _require(self, fields: list[QLineEdit]) -> bool:
        """Each empty field gets "Required." under it (the first one the focus); True when none is."""
        empty = [f for f in fields if not f.text().strip()]
        for field in empty:
            self.problems[field].show_message(self.tr("Required."))
        if empty:
            empty[0].setFocus()
        return not empty

    def retranslate(self) -> None:
        self.save_button.setText(self.tr("&Record"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.form_message.setAccessibleName(self.tr("Form message"))

    def _run(self, call: Any, busy: str) -> None:
        self.clear_messages()
        self.set_busy(True, busy)
        Operation(self, call).success(self._done).failure(self._refused).run()

    def _done(self, answer: dict[str, Any]) -> None:
        self.set_busy(False)
        self.recorded.emit(answer)
        self.accept()

    def _refused(self, error: BaseException) -> None:
        self.set_busy(False)
        self.show_failure(error)


class CustodyDialog(RecordDialog):
    """Where one person goes now: another Kinlink station (in transit until it scans their arrival),
    ICE, an HHS/ORR shelter, a sponsor, removal, or not known; with the reason. Once a child's
    transfer is recorded, the dialog's second step prints the transfer sheet that goes with the child
    (``transfer_sheet``) on a printer of the print system (the one used last for sheets, else the
    system's default) or saves it as a PDF file; ``sheet_made`` carries its answer."""

    sheet_made = Signal(dict)

    def __init__(self, session: services.Session, data_dir: Path, person: dict[str, Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(session, data_dir, parent)
        self._person = person
        self._printing = False  # the second step: the transfer is recorded, the sheet may be printed
        self._sheet_went: tuple[str, str] | None = None  # ("printer" or "file", its name or path)
        self._sheet_failed = False
        self.location = QComboBox()
        for kind in CUSTODY_KINDS:
            self.location.addItem("", kind)
        self.location.setCurrentIndex(CUSTODY_KINDS.index("hhs_orr"))
        self.station, self.receiving_party = text_edit("", 5), text_edit("", MAX_FACILITY_LENGTH)
        self.reference, self.reason = text_edit("", 100), text_edit("", 200)
        self.location_label, self.station_label, self.party_label = QLabel(), QLabel(), QLabel()
        self.reference_label, self.reason_label = QLabel(), QLabel()
        self._row(self.location_label, self.location)
        self._row(self.station_label, self.station)
        self._row(self.party_label, self.receiving_party)
        self._row(self.reference_label, self.reference)
        self._row(self.reason_label, self.reason)
        self.sheet_to, self.sheet_to_label = QComboBox(), QLabel()
        for name in QPrinterInfo.availablePrinterNames():
            self.sheet_to.addItem(name, name)
        self.sheet_to.addItem("", "")  # a PDF file
        self.sheet_to.setCurrentIndex(max(0, self.sheet_to.findData(self._sheet_printer() or None)))
        self._sheet_row = self.form.rowCount()
        self._row(self.sheet_to_label, self.sheet_to)
        self.form.setRowVisible(self._sheet_row, False)  # the second step's
        self._finish_layout()
        self.sheet_to.currentIndexChanged.connect(self._retranslate_print_step)
        self.location.currentIndexChanged.connect(self._kind_changed)
        self.retranslate()
        self._kind_changed()
        self.location.setFocus()

    def _kind_changed(self) -> None:
        at_station = self.location.currentData() == "station"
        self.station.setEnabled(at_station)
        self.station_label.setEnabled(at_station)

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(self.tr("Kinlink — custody transfer"))
        self.heading.setText(self.tr("Record a custody transfer"))
        self.subject.setText(self.tr("Person: %1 (band %2). Their family links stay as they are.")
                             .replace("%1", labels.person_name(self._person))
                             .replace("%2", self._person.get("band") or labels.MISSING))
        self._retranslate_print_step()
        for index in range(self.location.count()):
            self.location.setItemText(index, labels.word("location", self.location.itemData(index)))
        for label, edit, text, name in (
                (self.location_label, self.location, self.tr("&Goes to"), self.tr("Goes to")),
                (self.station_label, self.station, self.tr("Kinlink s&tation"), self.tr("Receiving station code")),
                (self.party_label, self.receiving_party, self.tr("Fa&cility"), self.tr("Facility")),
                (self.reference_label, self.reference, self.tr("Re&ference"), self.tr("Reference number")),
                (self.reason_label, self.reason, self.tr("Rea&son"), self.tr("Reason")),
                (self.sheet_to_label, self.sheet_to, self.tr("Print t&o"), self.tr("Print the sheet to"))):
            label.setText(text)
            edit.setAccessibleName(name)
        self.station.setPlaceholderText(self.tr("5 characters, e.g. 7QXKM"))
        self.receiving_party.setPlaceholderText(self.tr("Office, shelter or sponsor"))
        self.reason.setPlaceholderText(self.tr("e.g. placement order"))

    def _sheet_printer(self) -> str:
        """The printer the sheet goes to unless the agent chooses: the one used last for sheets, else
        the system's default (else the first in the list)."""
        return str(Settings(self._data_dir).get(SHEET_PRINTER)) or QPrinterInfo.defaultPrinterName()

    def _retranslate_print_step(self) -> None:
        self.sheet_to.setItemText(self.sheet_to.count() - 1, self.tr("Save as a PDF file"))
        if not self._printing:
            return
        self.heading.setText(self.tr("Transfer recorded"))
        to_file = not self.sheet_to.currentData()
        if self._sheet_went is None:
            self.subject.setText(self.tr("Print the transfer sheet that goes with the child: one page with their "
                                         "band's QR code, the adults they arrived with, their links and custody, "
                                         "and this transfer."))
        elif self._sheet_went[0] == "printer":
            self.subject.setText(self.tr("The transfer sheet went to the printer %1. Give it to whoever takes the "
                                         "child.").replace("%1", self._sheet_went[1]))
        else:
            self.subject.setText(self.tr("The transfer sheet is saved in %1. Print it and give it to whoever takes "
                                         "the child.").replace("%1", self._sheet_went[1]))
        self.save_button.setText(self.tr("&Save transfer sheet…") if to_file else
                                 self.tr("&Print again") if self._sheet_failed else self.tr("&Print transfer sheet"))
        self.cancel_button.setText(self.tr("&Close"))

    def _done(self, answer: dict[str, Any]) -> None:
        """A child's transfer goes on to the transfer sheet step; anyone else's closes the dialog."""
        if self._person.get("role") != "child":
            super()._done(answer)
            return
        self.set_busy(False)
        self.recorded.emit(answer)
        self._printing = True
        for row in range(self.form.rowCount()):
            self.form.setRowVisible(row, False)  # recorded: nothing left to change here
        self.form.setRowVisible(self._sheet_row, True)
        self.retranslate()
        self.save_button.setFocus()

    def ask_sheet_file(self) -> Path | None:
        """Where to save the sheet (a file dialog); None when the user cancels."""
        band = str(self._person.get("band") or "child").replace("-", "")
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Save the transfer sheet"),
                                                str(Path.home() / f"transfer-sheet-{band}.pdf"),
                                                self.tr("PDF files (*.pdf)"))
        return Path(chosen) if chosen else None

    def print_sheet(self) -> None:
        """The transfer sheet, in the app's language, to the printer chosen (drawn here, in the app's
        thread: its family picture is a widget) or to a PDF file chosen by the user. A printer that
        refuses it is said in the form; Print again tries once more."""
        printer = str(self.sheet_to.currentData())
        chosen = None if printer else self.ask_sheet_file()
        if not printer and chosen is None:
            return
        self.clear_messages()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            answer = transfer_sheet.render_transfer_sheet(session=self._session, person=self._person["id"],
                                                          out=chosen) if chosen is not None else \
                transfer_sheet.print_transfer_sheet(session=self._session, person=self._person["id"],
                                                    printer_name=printer)
        except Exception as error:  # noqa: BLE001 - a known condition is said in the form, a bug reported
            self._sheet_failed = bool(printer)
            self._retranslate_print_step()
            self.show_failure(error)
            self.save_button.setFocus()
            return
        finally:
            QApplication.restoreOverrideCursor()
        if printer:
            Settings(self._data_dir).set(SHEET_PRINTER, printer)
        self._sheet_went, self._sheet_failed = ("printer", printer) if printer else ("file", str(chosen)), False
        self._retranslate_print_step()
        self.cancel_button.setDefault(True)  # done: Enter closes, a second Enter does not print twice
        self.cancel_button.setFocus()
        self.sheet_made.emit(answer)

    def save(self) -> None:
        if self._printing:
            self.print_sheet()
            return
        self.clear_messages()
        kind = str(self.location.currentData())
        required = [self.reason] + ([self.station] if kind == "station" else []) + \
            ([self.receiving_party] if kind in NAMES_A_FACILITY else [])
        if not self._require(required):
            return
        session, person_id = self._session, self._person["id"]
        station = self.station.text().strip() or None if kind == "station" else None
        party, reference = self.receiving_party.text().strip() or None, self.reference.text().strip() or None
        reason = self.reason.text().strip()
        self._run(lambda: services.transfer_custody(session=session, person=person_id, to=kind, station=station,
                                                    facility=party, reference=reference, reason=reason),
                  self.tr("Recording the transfer…"))


class LinkStateDialog(RecordDialog):
    """A separation (with the reason, the authorising officer and where each side goes), a contact
    between a separated child and adult (a call, video call or visit: an event on the link that may
    repeat and leaves it separated; the note goes in Reason) or a reunification, on one link."""

    def __init__(self, session: services.Session, data_dir: Path, link: dict[str, Any], sentence: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(session, data_dir, parent)
        self._link, self._sentence = link, sentence
        self.state = QComboBox()
        # (closing a pair is a supervisor's; "in contact" is a contact now, not a state)
        for state in sorted(LINK_TRANSITIONS[LinkState(link["state"])] - {LinkState.CLOSED, LinkState.IN_CONTACT}):
            self.state.addItem("", state.value)
        self._pair = self._child_and_adult(link)
        if self._pair is not None and link["state"] in (LinkState.SEPARATED.value, LinkState.IN_CONTACT.value):
            for kind in ContactKind:
                self.state.addItem("", f"{CONTACT}:{kind.value}")
        self.reason, self.officer = text_edit("", 500), text_edit("", 200)
        self.from_side, self.to_side = text_edit("", 200), text_edit("", 200)
        self.labels = [QLabel() for _ in range(5)]
        for label, field in zip(self.labels, (self.state, self.reason, self.officer, self.from_side, self.to_side),
                                strict=True):
            self._row(label, field)
        self._finish_layout()
        self.state.currentIndexChanged.connect(self._state_changed)
        self.retranslate()
        self._state_changed()
        self.state.setFocus()

    def set_busy(self, busy: bool, text: str = "") -> None:
        super().set_busy(busy, text)
        if not busy:
            self._state_changed()  # (not busy enables every field again)

    def _state_changed(self) -> None:
        """A contact is recorded by the user signed in, with a note: no officer, no sides to fill."""
        contact = str(self.state.currentData()).startswith(f"{CONTACT}:")
        for label, field in zip(self.labels[2:], (self.officer, self.from_side, self.to_side), strict=True):
            label.setEnabled(not contact)
            field.setEnabled(not contact)

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(self.tr("Kinlink — family link"))
        self.heading.setText(self.tr("Record a separation, contact or reunification"))
        self.subject.setText(self.tr("Link: %1. Now: %2. The link itself is kept; this is a record on it.")
                             .replace("%1", self._sentence)
                             .replace("%2", labels.word("state", self._link["state"])))
        for index in range(self.state.count()):
            value = str(self.state.itemData(index))
            self.state.setItemText(index, self.tr("contact: %1").replace("%1", labels.word("contact", value[8:]))
                                   if value.startswith(f"{CONTACT}:") else labels.word("state", value))
        texts = ((self.tr("&New state"), self.tr("New state")), (self.tr("Rea&son"), self.tr("Reason")),
                 (self.tr("Authorising &officer"), self.tr("Authorising officer")),
                 (self._where(self._link.get("from_name", "1")),) * 2,
                 (self._where(self._link.get("to_name", "2")),) * 2)
        for label, field, (text, name) in zip(self.labels, self._inputs, texts, strict=True):
            label.setText(text)
            field.setAccessibleName(name)

    def _where(self, name: str) -> str:
        return self.tr("Where %1 goes").replace("%1", name)

    @staticmethod
    def _child_and_adult(link: dict[str, Any]) -> tuple[str, str] | None:
        roles = {link.get("from_role"): link["from"], link.get("to_role"): link["to"]}
        return (roles["child"], roles["adult"]) if "child" in roles and "adult" in roles else None

    def save(self) -> None:
        self.clear_messages()
        state = str(self.state.currentData())
        if state.startswith(f"{CONTACT}:") and self._pair is not None:  # by the signed-in user, the note as reason
            child, adult = self._pair
            session, kind, note = self._session, state.split(":", 1)[1], self.reason.text().strip() or None
            self._run(lambda: services.contact(session=session, child=child, adult=adult, kind=kind, note=note),
                      self.tr("Recording…"))
            return
        needed = [self.reason, self.officer] + ([self.from_side, self.to_side] if state == "separated" else [])
        if not self._require(needed):
            return
        session, link_id = self._session, self._link["id"]
        reason, officer = self.reason.text().strip(), self.officer.text().strip()
        sides = {"from_side": self.from_side.text().strip() or None, "to_side": self.to_side.text().strip() or None}
        self._run(lambda: services.change_link_state(session=session, link_id=link_id, state=state, reason=reason,
                                                     officer=officer, **sides),
                  self.tr("Recording…"))
