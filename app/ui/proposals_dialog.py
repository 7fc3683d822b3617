"""The corrections agents proposed, for a supervisor to accept or reject (``correction_dialog.py``
makes them). The services check the role; the dialog only gathers the decisions."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTreeWidgetItem, QVBoxLayout, QWidget

from app import services

from . import labels
from .forms import InlineMessage, field_box, text_edit
from .list_dialog import ListDialog


class ProposalsDialog(ListDialog):
    """Corrections agents proposed, oldest first: accept one (it is written, naming the agent) or
    reject it with a reason the agent will read."""

    decided = Signal(dict)

    def __init__(self, session: services.Session, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(session, data_dir, parent)
        self._proposals: list[dict[str, Any]] = []
        self.setMinimumSize(820, 440)
        self.list = self.list_widget()
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.accept_button, self.reject_button = QPushButton(), QPushButton()
        self.reason = text_edit("", 500)
        self.reason_label = QLabel()
        self.reason_problem = InlineMessage("")
        self.accept_button.clicked.connect(lambda: self.decide(True))
        self.reject_button.clicked.connect(lambda: self.decide(False))
        self.list.currentItemChanged.connect(lambda *_: self.enable())
        self._inputs += [self.list, self.accept_button, self.reject_button, self.reason]
        column = QVBoxLayout(self)
        for widget in (self.heading, self.explanation, self.list, self.empty):
            column.addWidget(widget)
        row = QHBoxLayout()
        self.reason_label.setBuddy(self.reason)
        row.addWidget(self.reason_label)
        row.addWidget(field_box(self.reason, self.reason_problem), 1)
        row.addWidget(self.reject_button, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.accept_button, 0, Qt.AlignmentFlag.AlignTop)
        column.addLayout(row)
        self.add_footer(column)
        self.ready()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Kinlink — proposed corrections"))
        self.heading.setText(self.tr("Proposed corrections"))
        self.explanation.setText(self.tr("Agents proposed these. Accepting one writes the correction, with the "
                                         "agent's reason and name; rejecting one needs a reason the agent will read."))
        self.list.setHeaderLabels([self.tr("Record"), self.tr("Field"), self.tr("Now"), self.tr("Proposed"),
                                   self.tr("By"), self.tr("Reason")])
        self.list.setAccessibleName(self.tr("Proposed corrections"))
        self.empty.setText(self.tr("No correction is waiting."))
        self.accept_button.setText(self.tr("&Accept"))
        self.reject_button.setText(self.tr("Re&ject"))
        self.reason_label.setText(self.tr("&Reason"))
        self.reason.setAccessibleName(self.tr("Reason"))
        self.reason.setPlaceholderText(self.tr("Required to reject"))
        self.close_button.setText(self.tr("Close"))
        self._fill()

    def load(self) -> None:
        session = self._session
        self.fetch(lambda: services.list_proposals(session=session), self.tr("Reading the proposals…"),
                   self._loaded)

    def _loaded(self, answer: dict[str, Any]) -> None:
        self._proposals = answer["proposals"]
        self._fill()

    def _fill(self) -> None:
        self.list.clear()
        for proposal in self._proposals:
            record = proposal.get("label") or labels.word("entity", proposal["entity"])
            proposed = labels.value(proposal["field"], proposal["value"])
            if proposal.get("into"):  # a merge: whom into, as the agent saw them at intake
                into = proposal["into"]
                proposed = self.tr("the same person as %1 (band %2)").replace("%1", labels.person_name(into)) \
                    .replace("%2", into.get("band") or labels.MISSING)
            item = QTreeWidgetItem([record, labels.field_name(proposal["field"]),
                                    labels.value(proposal["field"], proposal.get("now")), proposed,
                                    proposal["proposed_by"], proposal["reason"]])
            item.setData(0, Qt.ItemDataRole.UserRole, proposal)
            self.list.addTopLevelItem(item)
        if self.list.topLevelItemCount():
            self.list.setCurrentItem(self.list.topLevelItem(0))
        for column in range(5):
            self.list.resizeColumnToContents(column)
        self.empty.setVisible(not self._proposals)
        self.enable()

    def selected(self) -> dict[str, Any] | None:
        item = self.list.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    def enable(self) -> None:
        chosen = not self.is_busy and self.selected() is not None
        self.accept_button.setEnabled(chosen)
        self.reject_button.setEnabled(chosen)

    def decide(self, accept: bool) -> None:
        proposal = self.selected()
        if proposal is None:
            return
        self.clear_messages()
        reason = self.reason.text().strip() or None
        if not accept and reason is None:
            self.reason_problem.show_message(self.tr("Say why, for the agent."))
            self.reason.setFocus()
            return
        session, ident = self._session, proposal["id"]
        self.fetch(lambda: services.decide_proposal(session=session, proposal_id=ident, accept=accept, reason=reason),
                   self.tr("Saving the decision…"), self._decided)

    def _decided(self, answer: dict[str, Any]) -> None:
        self.reason.clear()
        self.decided.emit(answer)
        self.load()
