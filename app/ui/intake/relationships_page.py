"""Step 3 of the intake wizard: how each child is related to each adult of the unit.

A grid: one row per child, one column per adult; each cell a relationship ("— choose —" until
chosen; "relationship unknown" is a choice) and its provenance (claimed by default). A child of a
unit without adults has instead an "Arrived without an adult" box that must be ticked. The choices
are kept (in memory) by the pair of people, so going back to the people and returning keeps them.
Enter in a box moves to the next box, as Tab; in the last one it is Next.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..forms import InlineMessage, Retranslating, hint
from . import choices
from .document_builder import LinkEntry
from .enter_key import EnterMovesOn
from .inline import add_message

MISSING_STYLE = "QComboBox { border: 2px solid #b3261e; border-radius: 3px; padding: 1px 4px; }"


@dataclass(frozen=True)
class Member:
    key: str
    label: str


class RelationshipsPage(Retranslating, QWidget):
    """The child × adult grid."""

    next_asked = Signal()  # Enter in the last box

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.enter = EnterMovesOn(self)
        self._adults: list[Member] = []
        self._children: list[Member] = []
        self._choices: dict[tuple[str, str], tuple[str | None, str]] = {}  # (adult, child) -> (rel, provenance)
        self._alone: dict[str, bool] = {}
        self.cells: dict[tuple[str, str], tuple[QComboBox, QComboBox]] = {}
        self.alone_boxes: dict[str, QCheckBox] = {}
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14pt; font-weight: 600;")
        self.intro = hint("")
        self.message = InlineMessage("")
        self.grid_host = QWidget()
        self.scroll_area = QScrollArea()
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields in it
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(self.grid_host)
        column = QVBoxLayout(self)
        column.addWidget(self.heading)
        column.addWidget(self.intro)
        column.addWidget(self.message)
        column.addWidget(self.scroll_area, 1)
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Relationships"))
        self.intro.setText(self.tr("For every child (row) and every adult (column), choose what the adult is to "
                                   "the child, and how that is known. Every cell must be chosen; when it is not "
                                   "known yet, choose “%1”.").replace("%1", choices.relationship_word("unknown")))
        self.message.setAccessibleName(self.tr("Problem with the relationships"))
        if self._adults or self._children:
            self.set_people(self._adults, self._children, redraw=True)

    def set_people(self, adults: list[Member], children: list[Member], *, redraw: bool = False) -> None:
        """Rebuild the grid for these people, keeping every choice already made (nothing is rebuilt
        when the people are the same, unless ``redraw``: the cells, and the focus, stay)."""
        if not redraw and (adults, children) == (self._adults, self._children) and (self.cells or self.alone_boxes):
            return
        self._remember()
        self._adults, self._children = list(adults), list(children)
        old = self.scroll_area.takeWidget()
        if old is not None:
            old.deleteLater()
        self.cells, self.alone_boxes = {}, {}
        self.grid_host = QWidget()
        grid = QGridLayout(self.grid_host)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(10)
        self._fill(grid)
        grid.setColumnStretch(len(self._adults) + 1, 1)
        grid.setRowStretch(len(self._children) + 1, 1)
        self.scroll_area.setWidget(self.grid_host)
        self._chain_tab_order()

    def _fill(self, grid: QGridLayout) -> None:
        if not self._children:
            grid.addWidget(QLabel(self.tr("No children in this family unit: there are no relationships to "
                                          "choose.")), 0, 0)
            return
        for column, adult in enumerate(self._adults, start=1):
            grid.addWidget(self._header(self.tr("%1\nis the … of the child").replace("%1", adult.label)), 0, column)
        for row, child in enumerate(self._children, start=1):
            grid.addWidget(self._header(child.label), row, 0, Qt.AlignmentFlag.AlignVCenter)
            if not self._adults:
                grid.addWidget(self._alone_box(child), row, 1)
            for column, adult in enumerate(self._adults, start=1):
                grid.addWidget(self._cell(adult, child), row, column)

    @staticmethod
    def _header(text: str) -> QLabel:
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.PlainText)
        label.setStyleSheet("font-weight: 600;")
        label.setWordWrap(True)
        label.setMinimumWidth(160)
        label.setMaximumWidth(260)
        return label

    def _alone_box(self, child: Member) -> QCheckBox:
        box = QCheckBox(self.tr("Arrived without an adult"))
        box.setAccessibleName(self.tr("%1 arrived without an adult").replace("%1", child.label))
        box.setChecked(self._alone.get(child.key, False))
        box.toggled.connect(self.message.clear_message)
        self.alone_boxes[child.key] = box
        return box

    def _cell(self, adult: Member, child: Member) -> QWidget:
        relationship, provenance = QComboBox(), QComboBox()
        relationship.addItem(self.tr("— choose —"), None)
        for value in choices.RELATIONSHIPS:
            relationship.addItem(choices.relationship_word(value), value)
        for value in choices.PROVENANCES:
            provenance.addItem(choices.provenance_word(value), value)
        chosen, known = self._choices.get((adult.key, child.key), (None, "claimed"))
        relationship.setCurrentIndex(max(0, relationship.findData(chosen)) if chosen else 0)
        provenance.setCurrentIndex(max(0, provenance.findData(known)))
        relationship.setAccessibleName(self.tr("%1 is the … of %2").replace("%1", adult.label)
                                       .replace("%2", child.label))
        provenance.setAccessibleName(self.tr("How the link of %1 to %2 is known").replace("%1", adult.label)
                                     .replace("%2", child.label))
        relationship.currentIndexChanged.connect(lambda _i, combo=relationship: self._chosen(combo))
        self.cells[(adult.key, child.key)] = (relationship, provenance)
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(3)
        column.addWidget(relationship)
        column.addWidget(provenance)
        return box

    def _chosen(self, combo: QComboBox) -> None:
        if combo.currentData():
            combo.setStyleSheet("")
        if not self.missing_cells():
            self.message.clear_message()

    def _chain_tab_order(self) -> None:
        widgets: list[QWidget] = []
        for child in self._children:
            if child.key in self.alone_boxes:
                widgets.append(self.alone_boxes[child.key])
            for adult in self._adults:
                widgets.extend(self.cells[(adult.key, child.key)])
        for first, second in zip(widgets, widgets[1:], strict=False):
            QWidget.setTabOrder(first, second)
        last = widgets[-1] if widgets and isinstance(widgets[-1], QComboBox) else None
        self.enter.watch(*(widget for widget in widgets if isinstance(widget, QComboBox) and widget is not last))
        if last is not None:
            self.enter.finish(last, self.next_asked.emit)

    def _remember(self) -> None:
        for pair, (relationship, provenance) in self.cells.items():
            self._choices[pair] = (relationship.currentData(), provenance.currentData())
        for key, box in self.alone_boxes.items():
            self._alone[key] = box.isChecked()

    def links(self) -> list[LinkEntry]:
        """Every cell, row by row (chosen or not): the builder writes the chosen ones."""
        self._remember()
        return [LinkEntry(adult.key, child.key, *self._choices.get((adult.key, child.key), (None, "claimed")))
                for child in self._children for adult in self._adults]

    def alone(self) -> dict[str, bool]:
        self._remember()
        return dict(self._alone)

    def missing_cells(self) -> list[tuple[str, str]]:
        return [pair for pair, (relationship, _p) in self.cells.items() if not relationship.currentData()]

    def mark_missing(self) -> None:
        for relationship, _provenance in self.cells.values():
            relationship.setStyleSheet("" if relationship.currentData() else MISSING_STYLE)

    def show_problem(self, child: str | None, adult: str | None, text: str) -> QWidget:
        """Show ``text`` above the grid; returns the cell (or box) to focus."""
        add_message(self.message, text)
        if adult is not None and (adult, child or "") in self.cells:
            widget: QWidget = self.cells[(adult, child or "")][0]
        elif child in self.alone_boxes:
            widget = self.alone_boxes[child]
        else:
            widget = self.first_input()
        self.scroll_area.ensureWidgetVisible(widget)
        return widget

    def clear_messages(self) -> None:
        self.message.clear_message()

    def first_input(self) -> QWidget:
        for child in self._children:
            if child.key in self.alone_boxes:
                return self.alone_boxes[child.key]
            for adult in self._adults:
                return self.cells[(adult.key, child.key)][0]
        return self

    def reset(self) -> None:
        self.cells, self.alone_boxes = {}, {}
        self._choices, self._alone = {}, {}
        self.set_people([], [])
