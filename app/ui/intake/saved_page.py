"""The end of the intake wizard: what was saved, with every person's band number.

This is where the wizard stops: it has emitted ``family_saved`` and the main window goes on to
print the bands (and later to the identity bundle and the attachment check).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .. import labels
from ..forms import Retranslating, hint


class SavedPage(Retranslating, QWidget):
    another_requested = Signal()

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
        self.another_button = QPushButton()
        self.another_button.clicked.connect(self.another_requested)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.another_button)
        column = QVBoxLayout(self)
        column.addWidget(self.heading)
        column.addWidget(self.summary)
        column.addWidget(self.bands, 1)
        column.addLayout(row)
        self.retranslate()

    def retranslate(self) -> None:
        self.bands.setHeaderLabels([self.tr("Person"), self.tr("Band number")])
        self.bands.setAccessibleName(self.tr("Band numbers of the family unit"))
        self.another_button.setText(self.tr("&Register another family"))
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

    def clear(self) -> None:
        """Forget the saved family (nobody's names stay on a page no longer shown)."""
        self._answer, self._names = None, {}
        self.bands.clear()
        self.heading.clear()
        self.summary.clear()
