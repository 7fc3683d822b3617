"""Put the bands on: the agent fastens each band on its person's wrist and scans it. The person is
ticked off; a band scanned for the wrong person (someone else of the unit, another family, a forged,
voided or unreadable band) is flagged in red and nothing is recorded. The row chosen in the list
is the person being banded; after a confirmation the next one without a band on is chosen. Beside
the list, the chosen person's photo and description: a baby's band goes on the baby of the photo."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import services
from app.bands.content import issued_band

from . import labels, messages
from .forms import Retranslating, hint
from .person_pane import PersonPane
from .scanning import take_scan
from .worker import Operation

GOOD, BAD = "#1b5e20", "#b3261e"
NAME, BAND, STATE = range(3)


class AttachBandsDialog(Retranslating, QDialog):
    """One family unit's people with their bands; ``attached`` fires after each confirmation."""

    attached = Signal(str)  # the person id

    def __init__(self, session: services.Session, data_dir: Path, family: dict[str, Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._data_dir, self._family = session, data_dir, family
        self._people = [p for p in family["people"] if p.get("band")]
        self._on_wrist = {p["id"] for p in self._people if (issued_band(p) or {}).get("attached_at")}
        self._flagged: set[str] = set()  # people for whom a wrong band was scanned last
        self._last: tuple[str, Callable[[], str]] | None = None  # the last answer: colour, and its words now
        self.setMinimumSize(760, 420)
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.heading.setWordWrap(True)
        self.explanation = hint("")
        self.people = QTreeWidget()
        self.people.setRootIsDecorated(False)
        self.people.setUniformRowHeights(True)
        self.people.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.people.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.people.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.people.header().setStretchLastSection(True)
        for person in self._people:
            QTreeWidgetItem(self.people, [labels.person_name(person), person["band"], ""])
        # The focus stays in the scan field, where a scanner types: Up and Down there choose the person.
        self.people.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.person_pane = PersonPane(session, data_dir, details=False, side=120)
        self.person_pane.setFixedWidth(300)
        self.people.currentItemChanged.connect(lambda *_: self.person_pane.show_person(self.current_person()))
        self.scan_label = QLabel()
        self.scan = QLineEdit()
        self.scan.setMaxLength(400)
        self.scan.installEventFilter(self)
        self.scan.returnPressed.connect(self._scanned)
        self.scan_label.setBuddy(self.scan)
        self.answer = QLabel()
        self.answer.setWordWrap(True)
        self.answer.setTextFormat(Qt.TextFormat.PlainText)
        self.answer.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.progress = QLabel()
        self.close_button = QPushButton()
        self.close_button.setAutoDefault(False)  # Enter belongs to the scan field: a scanner ends every scan with it
        self.close_button.clicked.connect(self.close)
        row = QHBoxLayout()
        row.addWidget(self.progress, 1)
        row.addWidget(self.close_button)
        chosen = QHBoxLayout()
        chosen.addWidget(self.people, 1)
        chosen.addWidget(self.person_pane, 0, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout(self)
        for widget in (self.heading, self.explanation):
            column.addWidget(widget)
        column.addLayout(chosen)
        for widget in (self.scan_label, self.scan, self.answer):
            column.addWidget(widget)
        column.addLayout(row)
        self.retranslate()
        self._choose_next()
        self.scan.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Kinlink — put the bands on"))
        self.heading.setText(self.tr("Put the bands on: family unit %1").replace("%1", str(self._family["number"])))
        self.explanation.setText(self.tr("Choose the person (Up and Down keys), fasten their band on the wrist and "
                                         "scan it. Each person is ticked off; a band for someone else is flagged."))
        self.people.setHeaderLabels([self.tr("Person"), self.tr("Band"), self.tr("On the wrist")])
        self.people.setAccessibleName(self.tr("People and their bands"))
        self.scan_label.setText(self.tr("&Scan the band"))
        self.scan.setAccessibleName(self.tr("Scanned band"))
        self.scan.setPlaceholderText(self.tr("Scan the band on the chosen person's wrist"))
        self.answer.setAccessibleName(self.tr("Result"))
        self.close_button.setText(self.tr("Close"))
        self._show_states()
        if self._last is not None:
            self._say(self._last[0], self._last[1])

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.scan and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) \
                and event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self._people:
            row = self.people.indexOfTopLevelItem(self.people.currentItem()) if self.people.currentItem() else 0
            row = max(0, min(len(self._people) - 1, row + (1 if event.key() == Qt.Key.Key_Down else -1)))
            self.people.setCurrentItem(self.people.topLevelItem(row))
            return True
        return super().eventFilter(watched, event)

    # --- state -------------------------------------------------------------------------------

    def _row(self, person_id: str) -> QTreeWidgetItem | None:
        for index, person in enumerate(self._people):
            if person["id"] == person_id:
                return self.people.topLevelItem(index)
        return None

    def current_person(self) -> dict[str, Any] | None:
        item = self.people.currentItem()
        index = self.people.indexOfTopLevelItem(item) if item is not None else -1
        return self._people[index] if 0 <= index < len(self._people) else None

    def all_on(self) -> bool:
        return all(p["id"] in self._on_wrist for p in self._people)

    def _choose_next(self) -> None:
        for index, person in enumerate(self._people):
            if person["id"] not in self._on_wrist:
                self.people.setCurrentItem(self.people.topLevelItem(index))
                return

    def _show_states(self) -> None:
        for index, person in enumerate(self._people):
            item = self.people.topLevelItem(index)
            item.setText(NAME, labels.person_name(person))  # "Name unknown" in the language of the moment
            if person["id"] in self._on_wrist:
                item.setText(STATE, self.tr("✓ On the wrist"))
                item.setForeground(STATE, QBrush(QColor(GOOD)))
            elif person["id"] in self._flagged:
                item.setText(STATE, self.tr("⚠ Wrong band scanned"))
                item.setForeground(STATE, QBrush(QColor(BAD)))
            else:
                item.setText(STATE, self.tr("Waiting"))
                item.setForeground(STATE, QBrush())
        done = len(self._on_wrist & {p["id"] for p in self._people})
        self.progress.setText(self.tr("%1 of %2 bands on the wrist").replace("%1", str(done))
                              .replace("%2", str(len(self._people))))

    # --- scanning ----------------------------------------------------------------------------

    def scan_text(self, text: str) -> None:
        """A scan from elsewhere in the app: as if scanned here."""
        self.scan.setText(text)
        self._scanned()

    def _scanned(self) -> None:
        text = take_scan(self.scan)
        person = self.current_person()
        if text is None:
            return
        if person is None:
            self._say(BAD, lambda: self.tr("Choose the person in the list first."))
            return
        session, person_id = self._session, str(person["id"])
        self.scan.setEnabled(False)
        Operation(self, lambda: services.confirm_attachment(session=session, person=person_id, scan=text)) \
            .success(lambda answer: self._answered(person, answer)).failure(self._failed).run()

    def _answered(self, person: dict[str, Any], answer: dict[str, Any]) -> None:
        self.scan.setEnabled(True)
        self.scan.setFocus()
        if answer["outcome"] in ("attached", "already_attached"):
            self._on_wrist.add(person["id"])
            self._flagged.discard(person["id"])
            if answer["outcome"] == "attached":
                self.attached.emit(person["id"])
            all_on = self.all_on()

            def confirmed() -> str:
                text = self.tr("Band %1 is on %2's wrist.").replace("%1", answer["band"]) \
                    .replace("%2", labels.person_label(person))
                return text + " " + self.tr("Every band of the family unit is on.") if all_on else text
            self._say(GOOD, confirmed)
            self._choose_next()
        else:
            self._flagged.add(person["id"])
            self._say(BAD, lambda: self._refusal(person, answer))
            QApplication.beep()  # a scanning desk sounds a wrong band: the agent's eyes are on the wrist
        self._show_states()

    def _refusal(self, person: dict[str, Any], answer: dict[str, Any]) -> str:
        outcome, name = answer["outcome"], labels.person_label(person)  # two unnamed children told apart
        if outcome == "wrong_person":
            owner = next((p for p in self._people if p["id"] == answer["belongs_to"]), None)
            owner_name = labels.person_label(owner) if owner else self.tr("someone else")
            return self.tr("WRONG PERSON: band %1 is %2's, not %3's. Take it off and put it on %2.") \
                .replace("%1", answer["band"]).replace("%2", owner_name).replace("%3", name)
        if outcome == "other_family":
            return self.tr("WRONG FAMILY: band %1 belongs to family unit %2. Take it off.") \
                .replace("%1", answer["band"]).replace("%2", str(answer.get("family") or labels.MISSING))
        if outcome == "not_a_scan":
            return self.tr("That was not a band's code. Scan the QR code on the band.")
        return self.tr("This band is not valid: %1 Take it off; a supervisor can void it and issue a new one.") \
            .replace("%1", messages.sentence(answer.get("reason") or ""))

    def _failed(self, error: BaseException) -> None:
        self.scan.setEnabled(True)
        self.scan.setFocus()
        text = messages.known_message(error)
        if text is None:
            messages.report_unexpected(self, error, self._data_dir)
        else:
            self._say(BAD, lambda: text)

    def _say(self, colour: str, words: Callable[[], str]) -> None:
        """Show an answer; ``words`` makes its text, again after a language switch."""
        self._last = (colour, words)
        self.answer.setText(words())
        self.answer.setStyleSheet(f"font-size: 13pt; font-weight: 600; color: {colour};")
