"""The end of the intake wizard: what was saved, with every person's band number, and the way on.

This is where the wizard stops: it has emitted ``family_saved`` and the main window goes on to
print the bands. Once that pop-up is closed the page still leads on (issue 16): Print bands
(Ctrl+P), Put bands on (Ctrl+B), Register another family, Done (Esc). The buttons only ask: the
main window's own Ctrl+P and Ctrl+B actions do the work, so a button and its key are one path, and
while no family unit is open those mean the family unit just saved (``WindowActions``). After the
bands are printed the focus moves on to putting them on. Done and Escape (the wizard's) close the
wizard for a new encounter next.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .. import labels
from ..forms import Retranslating, hint
from .review_page import ConfirmButton


class SavedPage(Retranslating, QWidget):
    another_requested = Signal()
    print_requested = Signal()  # the window's Ctrl+P
    put_on_requested = Signal()  # the window's Ctrl+B
    done_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._answer: dict[str, Any] | None = None
        self._names: dict[str, str] = {}
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14pt; font-weight: 600;")
        self.summary = hint("")
        self.bands = QTreeWidget()
        self.bands.setRootIsDecorated(False)
        self.bands.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.bands.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Enter presses the focused one (outside a dialog too), a key held down does not.
        self.print_button, self.put_on_button = ConfirmButton(), ConfirmButton()
        self.another_button, self.done_button = ConfirmButton(), ConfirmButton()
        row = QHBoxLayout()
        for button, signal in ((self.print_button, self.print_requested), (self.put_on_button, self.put_on_requested),
                               (self.another_button, self.another_requested), (self.done_button, self.done_requested)):
            button.clicked.connect(signal)
            row.addWidget(button)
            if button is self.put_on_button:
                row.addStretch(1)  # the band steps on the left; leaving the page on the right
        column = QVBoxLayout(self)
        column.addWidget(self.heading)
        column.addWidget(self.summary)
        column.addWidget(self.bands, 1)
        column.addLayout(row)
        for first, second in ((self.print_button, self.put_on_button), (self.put_on_button, self.another_button),
                              (self.another_button, self.done_button)):
            QWidget.setTabOrder(first, second)
        self.retranslate()

    def retranslate(self) -> None:
        self.bands.setHeaderLabels([self.tr("Person"), self.tr("Band number")])
        self.bands.setAccessibleName(self.tr("Band numbers of the family unit"))
        # The family view's words for the same two commands (one translation, one mnemonic each).
        self.print_button.setText(QCoreApplication.translate("FamilyView", "Print &bands… (Ctrl+P)"))
        self.put_on_button.setText(QCoreApplication.translate("FamilyView", "Put bands &on… (Ctrl+B)"))
        self.another_button.setText(self.tr("&Register another family"))
        self.done_button.setText(self.tr("&Done (Esc)"))
        self.done_button.setToolTip(self.tr("Back to the search and the family unit just saved"))
        if self._answer is not None:
            self.show_answer(self._answer, self._names)

    def show_answer(self, answer: dict[str, Any], names: Mapping[str, str]) -> None:
        """``answer`` from services.register_family; ``names`` by ref, as the wizard showed them."""
        self._answer, self._names = answer, dict(names)
        families = answer.get("families") or []
        numbers = ", ".join(str(f.get("number")) for f in families)
        self.heading.setText(self.tr("Family unit %1 saved").replace("%1", numbers))
        people = [p for f in families for p in f.get("people", [])]
        self.summary.setText(self.tr("%1 people, each with a band number. Next: print the bands of the whole "
                                     "unit in one job.").replace("%1", str(len(people))))
        self.bands.clear()
        for person in people:
            QTreeWidgetItem(self.bands, [self._names.get(person.get("ref", ""), person.get("ref", "")),
                                         labels.band_number(person.get("band"))])

    def first_button(self) -> ConfirmButton:
        """Where the focus starts on this page: the next step, printing the bands."""
        return self.print_button

    def bands_printed(self, family_id: str) -> None:
        """The bands of ``family_id`` went out: if it is the family unit saved here, the focus moves
        on to putting them on (given when the print dialog closes, if it is still open)."""
        families = (self._answer or {}).get("families") or []
        if any(str(family.get("id")) == family_id for family in families):
            self.put_on_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def clear(self) -> None:
        """Forget the saved family (nobody's names stay on a page no longer shown)."""
        self._answer, self._names = None, {}
        self.bands.clear()
        self.heading.clear()
        self.summary.clear()
