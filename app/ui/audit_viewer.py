"""The audit log for oversight (supervisors and admins): filter by person, user, action and time,
see whether the chain is intact, and export what is shown to a CSV file. Reading and exporting
are themselves recorded in the log (``services.audit_trail``, ``services.export_audit``). A target
this station holds is named (a person, a family unit, a band, a link), its id in the tooltip."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import services

from . import labels
from .forms import hint, text_edit
from .list_dialog import ListDialog


class AuditDialog(ListDialog):
    """Newest first, at most ``LIMIT`` records; the chain's state over the whole log."""

    LIMIT = 2000
    exported = Signal(dict)

    def __init__(self, session: services.Session, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(session, data_dir, parent)
        self._answer: dict[str, Any] | None = None
        self.setMinimumSize(940, 560)
        self.person, self.user, self.action = text_edit("", 64), text_edit("", 64), text_edit("", 64)
        self.since, self.until = text_edit("", 32), text_edit("", 32)
        self.filter_labels = [QLabel() for _ in range(5)]
        self.show_button, self.export_button = QPushButton(), QPushButton()
        self.chain = QLabel()
        self.chain.setWordWrap(True)
        self.count = QLabel()
        self.note = hint("")
        self.records = self.list_widget()
        self.show_button.clicked.connect(self._show_asked)
        self.export_button.clicked.connect(self._ask_export)
        for edit in (self.person, self.user, self.action, self.since, self.until):
            edit.returnPressed.connect(self._show_asked)
        self._inputs += [self.person, self.user, self.action, self.since, self.until, self.show_button,
                         self.export_button, self.records]
        self._layout()
        self.ready()

    def _layout(self) -> None:
        column = QVBoxLayout(self)
        column.addWidget(self.heading)
        column.addWidget(self.explanation)
        filters = QHBoxLayout()
        left, right = QFormLayout(), QFormLayout()
        for form, pairs in ((left, ((0, self.person), (1, self.user), (2, self.action))),
                            (right, ((3, self.since), (4, self.until)))):
            for index, edit in pairs:
                self.filter_labels[index].setBuddy(edit)
                form.addRow(self.filter_labels[index], edit)
        filters.addLayout(left, 3)
        filters.addLayout(right, 2)
        buttons = QVBoxLayout()
        buttons.addWidget(self.show_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        filters.addLayout(buttons)
        column.addLayout(filters)
        column.addWidget(self.chain)
        column.addWidget(self.count)
        column.addWidget(self.records, 1)
        column.addWidget(self.note)
        self.add_footer(column)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Kinlink — audit log"))
        self.heading.setText(self.tr("Audit log"))
        self.explanation.setText(self.tr(
            "Every sign-in, view, change, print, export and sync at this station, newest first. Reading and "
            "exporting the log are recorded in it too."))
        for label, edit, text, name in (
                (self.filter_labels[0], self.person, self.tr("&Person"), self.tr("Person: band number or id")),
                (self.filter_labels[1], self.user, self.tr("&User"), self.tr("User")),
                (self.filter_labels[2], self.action, self.tr("&Action"), self.tr("Action")),
                (self.filter_labels[3], self.since, self.tr("&From"), self.tr("From")),
                (self.filter_labels[4], self.until, self.tr("&To"), self.tr("To"))):
            label.setText(text)
            edit.setAccessibleName(name)
        self.person.setPlaceholderText(self.tr("Band number or person id"))
        self.action.setPlaceholderText(self.tr("e.g. band, family.view, sync"))
        for edit in (self.since, self.until):
            edit.setPlaceholderText(self.tr("YYYY-MM-DD or YYYY-MM-DDTHH:MM (UTC)"))
        self.show_button.setText(self.tr("&Show"))
        self.export_button.setText(self.tr("&Export CSV…"))
        self.close_button.setText(self.tr("Close"))
        self.records.setHeaderLabels([self.tr("When (UTC)"), self.tr("User"), self.tr("Action"), self.tr("Target"),
                                      self.tr("Outcome"), self.tr("Details")])
        self.records.setAccessibleName(self.tr("Audit records"))
        self._fill()

    def filters(self) -> dict[str, str | None]:
        return {"person": self.person.text().strip() or None, "user": self.user.text().strip() or None,
                "action": self.action.text().strip() or None, "since": self.since.text().strip() or None,
                "until": self.until.text().strip() or None}

    def _show_asked(self) -> None:
        self.note.clear()
        self.load()

    def load(self) -> None:
        session, filters, limit = self._session, self.filters(), self.LIMIT
        self.fetch(lambda: services.audit_trail(session=session, limit=limit, name_targets=True, **filters),
                   self.tr("Reading the audit log…"), self._loaded)

    def _loaded(self, answer: dict[str, Any]) -> None:
        self._answer = answer
        self._fill()

    def _fill(self) -> None:
        self.records.clear()
        if self._answer is None:
            self.chain.clear()
            self.count.clear()
            return
        chain = self._answer["chain"]
        if chain["intact"]:
            self.chain.setStyleSheet("color: #1b5e20;")
            self.chain.setText(self.tr("The chain is intact: %1 records, none changed, removed or reordered.")
                               .replace("%1", f"{chain['records']:,}"))
        else:
            self.chain.setStyleSheet("color: #b00020; font-weight: 600;")
            self.chain.setText(self.tr("The chain is broken at record %1: %2. Tell your administrator.")
                               .replace("%1", str(chain["broken_at"])).replace("%2", chain["reason"]))
        shown = self._answer["records"]
        self.count.setText(self.tr("%1 records match (at most %2 are shown).").replace("%1", f"{len(shown):,}")
                           .replace("%2", f"{self.LIMIT:,}") if len(shown) >= self.LIMIT
                           else self.tr("%1 records match.").replace("%1", f"{len(shown):,}"))
        for record in shown:
            detail = ", ".join(f"{k}: {json.dumps(v, ensure_ascii=False) if not isinstance(v, str) else v}"
                               for k, v in record["detail"].items())
            item = QTreeWidgetItem([record["at"].replace("T", " ").rstrip("Z"), record["user"], record["action"],
                                    self._target_text(record["target"]), record["outcome"], detail])
            item.setToolTip(3, record["target"])
            if record["outcome"] != "ok":
                item.setForeground(4, Qt.GlobalColor.darkRed)
            self.records.addTopLevelItem(item)
        for column in range(5):
            self.records.resizeColumnToContents(column)

    def _target_text(self, target: str) -> str:
        """What the target names where this station holds it; else the target as recorded."""
        named = (self._answer or {}).get("targets", {}).get(target)
        if named is None:
            return target
        if named["entity"] == "person":
            return labels.person_label(named)
        if named["entity"] == "family":
            return labels.family_unit(str(named["number"]))
        if named["entity"] == "band":
            return labels.band(str(named["number"]))
        return str(named.get("label") or target)

    def _ask_export(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Export the audit records"),
                                                str(Path.home() / "kinlink-audit.csv"), self.tr("CSV files (*.csv)"))
        if chosen:
            self.export_to(Path(chosen))

    def export_to(self, path: Path) -> None:
        """Write the records the filters match to ``path`` (as ``kinlink audit export`` does)."""
        session, filters = self._session, self.filters()
        self.fetch(lambda: services.export_audit(session=session, path=path, **filters), self.tr("Exporting…"),
                   self._exported)

    def _exported(self, answer: dict[str, Any]) -> None:
        self.note.setText(self.tr("%1 records written to %2.").replace("%1", f"{answer['records']:,}")
                          .replace("%2", answer["path"]))
        self.exported.emit(answer)
        self.load()  # the export itself is now in the log
