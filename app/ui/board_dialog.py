"""The reunification board in the app (docs/reunification.md): each child separated from an adult
they arrived with, most urgent first, with the counts at the top; Enter on a row opens the child's
family unit. Read with ``services.reunification_board``, the same board as `kinlink reunification`."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import services
from app.domain import reunification
from app.domain.model import Agency

from . import labels
from .list_dialog import ListDialog

FAMILY = Qt.ItemDataRole.UserRole
AGENCIES = tuple(a.value for a in Agency)
OVERDUE = QColor("#b00020")


class BoardDialog(ListDialog):
    """The board; ``embedded``: a page of the main window (its main view for supervisors), which is
    read when shown and whose Esc (or Back) asks to ``leave`` instead of closing."""

    family_chosen = Signal(str)  # the family unit of the row the user opened
    leave = Signal()  # embedded: back to the family units

    def __init__(self, session: services.Session, data_dir: Path, parent: QWidget | None = None, *,
                 embedded: bool = False) -> None:
        super().__init__(session, data_dir, parent)
        self._embedded, self._stale = embedded, False
        if embedded:
            self.setWindowFlags(Qt.WindowType.Widget)
        self._answer: dict[str, Any] | None = None
        self._focus: QWidget | None = None
        self.setMinimumSize(1000, 560)
        self.counts = QLabel()
        self.counts.setStyleSheet("font-weight: 600;")
        self.overdue_only = QCheckBox()
        self.overdue_only.toggled.connect(lambda _on: self.load())
        # Filters of the board read (app.domain.reunification.select): whose custody, where, what age.
        self.agency, self.facility, self.age = QComboBox(), QComboBox(), QComboBox()
        for value in (None, *AGENCIES):
            self.agency.addItem("", value)
        self.facility.addItem("", None)
        for value in (None, True, False):
            self.age.addItem("", value)
        self.agency_label, self.facility_label, self.age_label = QLabel(), QLabel(), QLabel()
        for label, box in ((self.agency_label, self.agency), (self.facility_label, self.facility),
                           (self.age_label, self.age)):
            label.setBuddy(box)
            box.currentIndexChanged.connect(lambda _index: self._fill())
        self.rows = self.list_widget()
        self.rows.setRootIsDecorated(True)
        self.rows.itemActivated.connect(self._activated)
        self._inputs += [self.overdue_only, self.agency, self.facility, self.age, self.rows]
        column = QVBoxLayout(self)
        column.addWidget(self.heading)
        column.addWidget(self.explanation)
        top = QHBoxLayout()
        top.addWidget(self.counts, 1)
        for widget in (self.agency_label, self.agency, self.facility_label, self.facility, self.age_label, self.age,
                       self.overdue_only):
            top.addWidget(widget)
        column.addLayout(top)
        column.addWidget(self.rows, 1)
        for before, after in ((self.agency, self.facility), (self.facility, self.age), (self.age, self.overdue_only),
                              (self.overdue_only, self.rows)):
            QWidget.setTabOrder(before, after)  # the filters from left to right, then the board
        self.add_footer(column)
        self.ready()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Kinlink — reunification board"))
        self.heading.setText(self.tr("Reunification board"))
        self.explanation.setText(self.tr(
            "Each child separated from an adult they arrived with, most urgent first. Reunify within 14 days "
            "when the child was under 5 at the separation (30 days otherwise); first contact within 10 days. "
            "Press Enter on a row to open the family unit."))
        self.overdue_only.setText(self.tr("&Overdue only"))
        self.agency_label.setText(self.tr("A&gency"))
        self.facility_label.setText(self.tr("Fa&cility"))
        self.age_label.setText(self.tr("&Age"))
        agencies = [labels.AGENCY_NAMES[a] if a != "other" else self.tr("Other") for a in AGENCIES]
        for box, words in ((self.agency, [self.tr("All agencies"), *agencies]),
                           (self.age, [self.tr("All ages"), self.tr("Under 5"), self.tr("5 and over")])):
            for index, text in enumerate(words):
                box.setItemText(index, text)
            box.setAccessibleName(self.tr("Custody of this agency") if box is self.agency else self.tr("Age now"))
        self.facility.setItemText(0, self.tr("All facilities"))
        self.facility.setAccessibleName(self.tr("Custody in this facility"))
        self.close_button.setText(self.tr("&Back to family units (Esc)") if self._embedded else self.tr("Close"))
        self.rows.setHeaderLabels([self.tr("Child / adult"), self.tr("Band"), self.tr("Deadline (UTC)"),
                                   self.tr("Days left"), self.tr("Last contact"), self.tr("Custody"),
                                   self.tr("Alerts")])
        self.rows.setAccessibleName(self.tr("Children on the board"))
        self._fill()

    def load(self) -> None:
        if self._embedded and not self.isVisible():
            self._stale = True  # read when shown
            return
        # The inputs are disabled while the board is read, which takes the focus away: it comes back.
        focused = QApplication.focusWidget()
        self._focus = focused if focused is not None and self.isAncestorOf(focused) else self.rows
        session, overdue = self._session, self.overdue_only.isChecked()
        self.fetch(lambda: services.reunification_board(session=session, overdue=overdue),
                   self.tr("Reading the board…"), self._loaded)

    def refresh(self, *_changed: Any) -> None:
        """Read the board again (records were written or synced), unless a reading is under way."""
        if not self.is_busy:
            self.load()

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.load()

    def reject(self) -> None:
        if self._embedded:
            self.leave.emit()
        else:
            super().reject()

    def _loaded(self, answer: dict[str, Any]) -> None:
        """Show the board read; the row the user was on stays chosen (by its family unit)."""
        first = self._answer is None
        current = self.rows.currentItem()
        was = current.data(0, FAMILY) if current is not None else None
        self._answer = answer
        self._fill()
        items = [self.rows.topLevelItem(i) for i in range(self.rows.topLevelItemCount())]
        chosen = next((i for i in items if was is not None and i.data(0, FAMILY) == was), items[0] if items else None)
        if chosen is not None:
            self.rows.setCurrentItem(chosen)
        (self._focus if not first and self._focus is not None else self.rows).setFocus()

    def _fill(self) -> None:
        self.rows.clear()
        if self._answer is None:
            self.counts.clear()
            return
        self._offer_facilities(self._answer["children"])
        children = reunification.select(self._answer["children"], agency=self.agency.currentData(),
                                        facility=self.facility.currentData(), under_5=self.age.currentData())
        as_of = datetime.fromisoformat(self._answer["as_of"])
        overdue = sum(1 for e in children if e["overdue"])
        self.counts.setText(self.tr("%1 children · %2 adults apart · %3 overdue · %4 with alerts")
                            .replace("%1", str(len(children)))
                            .replace("%2", str(sum(len(e["adults"]) for e in children)))
                            .replace("%3", str(overdue))
                            .replace("%4", str(sum(1 for e in children if e["alerts"]))))
        if not children:
            self.rows.addTopLevelItem(QTreeWidgetItem([
                self.tr("No child on the board matches these filters.") if self._answer["children"] else
                self.tr("No child is separated from an adult they arrived with.")]))
        for entry in children:
            self.rows.addTopLevelItem(self._child_item(entry, as_of))
        self.rows.expandAll()
        for column in range(6):
            self.rows.resizeColumnToContents(column)

    def _offer_facilities(self, children: list[Any]) -> None:
        """The facilities of every custody on the board read, to choose from (the one chosen stays)."""
        found = sorted({c["facility"] for e in children for c in (e["child"]["custody"],
                                                                     *(a["custody"] for a in e["adults"]))
                        if c["facility"]}, key=str.casefold)
        chosen = self.facility.currentData()
        self.facility.blockSignals(True)
        while self.facility.count() > 1:
            self.facility.removeItem(1)
        for name in ([chosen] if chosen and chosen not in found else []) + found:
            self.facility.addItem(name, name)
        self.facility.setCurrentIndex(max(self.facility.findData(chosen), 0) if chosen else 0)
        self.facility.blockSignals(False)

    def _child_item(self, entry: dict[str, Any], as_of: datetime) -> QTreeWidgetItem:
        child = entry["child"]
        item = QTreeWidgetItem([labels.person_name(child), child["band"] or "", _time(entry["deadline"]),
                                self._days_left(entry["deadline"], as_of), "", self._custody(child["custody"]),
                                ", ".join(dict.fromkeys(self._alert(a["code"]) for a in entry["alerts"]))])
        item.setData(0, FAMILY, entry["family"])
        font = item.font(0)
        font.setBold(True)
        item.setFont(0, font)
        if entry["overdue"]:
            for column in (2, 3, 6):
                item.setForeground(column, QBrush(OVERDUE))
        for adult in entry["adults"]:
            relation = labels.word("relationship", adult["relationship"])
            row = QTreeWidgetItem([f"{relation}: {labels.person_name(adult)}", adult["band"] or "",
                                   _time(adult["deadline"]),
                                   self._days_left(adult["deadline"], as_of),
                                   _time(adult["last_contact_at"]) or self.tr("none"),
                                   self._custody(adult["custody"]), ""])
            row.setData(0, FAMILY, entry["family"])
            if adult["overdue"]:
                for column in (2, 3):
                    row.setForeground(column, QBrush(OVERDUE))
            item.addChild(row)
        return item

    def _days_left(self, deadline: str | None, as_of: datetime) -> str:
        if deadline is None:
            return ""
        days = (datetime.fromisoformat(deadline) - as_of).total_seconds() / 86400
        if days < 0:
            return self.tr("OVERDUE by %1 d").replace("%1", str(math.ceil(-days)))
        return self.tr("%1 d").replace("%1", str(math.ceil(days)))  # 6 days and 23 hours: "7 d"

    def _alert(self, code: str) -> str:
        """An alert in a few words of the user's language (the board's JSON says it in full, in English)."""
        words = {"overdue": self.tr("overdue"), "no_contact": self.tr("no contact yet"),
                 "adult_removed": self.tr("adult removed from the country"),
                 "adult_custody_unknown": self.tr("adult's whereabouts unknown"),
                 "released_while_separated": self.tr("released to a sponsor while separated"),
                 "custody_diverged": self.tr("apart with no separation on record")}
        return words.get(code, code)

    @staticmethod
    def _custody(custody: dict[str, Any]) -> str:
        place = ", ".join(str(p) for p in (custody["facility"], custody["station"]) if p)
        return f"{labels.word('location', custody['kind'])}{f' ({place})' if place else ''}"

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        family = item.data(0, FAMILY)
        if family:
            self.family_chosen.emit(str(family))
            if not self._embedded:
                self.accept()


def _time(value: str | None) -> str:
    if not value:
        return ""
    return datetime.fromisoformat(value).astimezone(UTC).strftime("%Y-%m-%d %H:%M")
