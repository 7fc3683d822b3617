"""A supervisor's screens: correcting one field of a person or a link with a reason (or an agent's
proposal of one), the proposed corrections, voiding and reissuing a band, merging or splitting a
person's records, and moving a person to another family unit. The queue of conflicts, refused
transactions and records set aside is in ``conflicts_dialog.py``. The services check the role and
the values; these forms only gather them."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import services
from app.domain.model import Provenance, Relationship, Role, Sex

from . import labels
from .custody_dialogs import RecordDialog
from .forms import InlineMessage, field_box, hint, text_edit
from .list_dialog import ListDialog

# What the correction form offers, in the order a supervisor meets them.
PERSON_FIELDS = ("given_names", "family_names", "sex", "role", "birth_date", "age_estimate_years", "nationality",
                 "languages", "preverbal", "arrived_without_adult", "description")
LINK_FIELDS = ("relationship", "provenance")
CHOICES: dict[str, list[str]] = {"sex": [s.value for s in Sex], "role": [r.value for r in Role],
                                 "relationship": [r.value for r in Relationship],
                                 "provenance": [p.value for p in Provenance]}
FLAGS = ("preverbal", "arrived_without_adult")


class ValueProblem(ValueError):
    """What the supervisor typed cannot be read as a value of the field (said in their language)."""


def typed_value(field: str, text: str) -> Any:
    """The value of ``field`` from what was typed: a number of years, a list of language codes, or
    text (empty: none). The service checks the value itself."""
    text = text.strip()
    if field == "age_estimate_years":
        if not text:
            return None
        try:
            number = float(text.replace(",", "."))
        except ValueError:
            raise ValueProblem(QCoreApplication.translate(
                "CorrectionDialog", "Enter a number of years, such as 7 or 0.5.")) from None
        return int(number) if number.is_integer() else number
    if field == "languages":
        return [code for code in re.split(r"[\s,;]+", text) if code]
    return text or None


class ValueInput(QStackedWidget):
    """A field's new value: a list for fields with fixed words, yes/no for flags, text otherwise."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QLineEdit()
        self.text.setMaxLength(500)
        self.choice = QComboBox()
        self.addWidget(self.text)
        self.addWidget(self.choice)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.currentChanged.connect(lambda _index: self.updateGeometry())
        self._field = ""

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self.currentWidget().sizeHint()  # as tall as the one input shown, not the tallest of both

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self.currentWidget().minimumSizeHint()

    def set_field(self, field: str, current: Any) -> None:
        self._field = field
        if field in CHOICES or field in FLAGS:
            self.choice.clear()
            options: list[Any] = CHOICES.get(field) or [True, False]
            for option in options:
                self.choice.addItem(labels.value(field, option), option)
            at = self.choice.findData(current)
            self.choice.setCurrentIndex(at if at >= 0 else 0)
            self.setCurrentWidget(self.choice)
        else:
            shown = ", ".join(current) if isinstance(current, list) else "" if current is None else str(current)
            self.text.setText(shown)
            self.setCurrentWidget(self.text)

    def retranslate(self) -> None:
        for index in range(self.choice.count()):
            self.choice.setItemText(index, labels.value(self._field, self.choice.itemData(index)))

    def value(self) -> Any:
        if self.currentWidget() is self.choice:
            return self.choice.currentData()
        return typed_value(self._field, self.text.text())

    def setFocus(self) -> None:  # noqa: N802 - Qt's name
        self.currentWidget().setFocus()


class CorrectionDialog(RecordDialog):
    """One field of a person or a link, its new value and the reason (required). The old value stays
    in the history with who, when and why."""

    def __init__(self, session: services.Session, data_dir: Path, entity: str, record: dict[str, Any],
                 subject: str, parent: QWidget | None = None, *, propose: bool = False) -> None:
        super().__init__(session, data_dir, parent)
        self._entity, self._record, self._subject, self._propose = entity, record, subject, propose
        self.field = QComboBox()
        for name in PERSON_FIELDS if entity == "person" else LINK_FIELDS:
            self.field.addItem("", name)
        self.value = ValueInput()
        self.now = hint("")
        self.reason = text_edit("", 500)
        self.field_label, self.value_label, self.reason_label = QLabel(), QLabel(), QLabel()
        self._row(self.field_label, self.field)
        self._row(self.value_label, self.value)
        self.form.addRow("", self.now)
        self._row(self.reason_label, self.reason)
        self.field.currentIndexChanged.connect(self._field_chosen)
        self._finish_layout()
        self._field_chosen()
        self.retranslate()
        self.field.setFocus()

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(self.tr("Kinlink — correct a record"))
        if self._propose:
            self.heading.setText(self.tr("Propose a correction"))
            self.subject.setText(self.tr("%1. A supervisor accepts or rejects it; until then nothing changes.")
                                 .replace("%1", self._subject))
            self.save_button.setText(self.tr("&Propose"))
        else:
            self.heading.setText(self.tr("Correct a person") if self._entity == "person"
                                 else self.tr("Correct a link"))
            self.subject.setText(self.tr("%1. The old value stays in the history, with your name and reason.")
                                 .replace("%1", self._subject))
            self.save_button.setText(self.tr("&Correct"))
        for index in range(self.field.count()):
            self.field.setItemText(index, labels.field_name(self.field.itemData(index)))
        self.value.retranslate()
        self._show_current()
        for label, widget, text, name in (
                (self.field_label, self.field, self.tr("&Field"), self.tr("Field")),
                (self.value_label, self.value, self.tr("New &value"), self.tr("New value")),
                (self.reason_label, self.reason, self.tr("&Reason"), self.tr("Reason"))):
            label.setText(text)
            widget.setAccessibleName(name)
        self.reason.setPlaceholderText(self.tr("What you saw or were told, e.g. \"passport seen\""))

    def _field_chosen(self) -> None:
        name = str(self.field.currentData())
        self.value.set_field(name, self._record.get(name))
        self.value.text.setPlaceholderText(
            self.tr("Language codes, e.g. es, quc") if name == "languages"
            else self.tr("YYYY-MM-DD, or empty if not known") if name == "birth_date"
            else self.tr("Two-letter country code, e.g. GT") if name == "nationality" else "")
        self._show_current()

    def _show_current(self) -> None:
        name = str(self.field.currentData())
        self.now.setText(self.tr("Now: %1").replace("%1", labels.value(name, self._record.get(name))))

    def save(self) -> None:
        self.clear_messages()
        if not self._require([self.reason]):
            return
        try:
            value = self.value.value()
        except ValueProblem as problem:
            self.problems[self.value].show_message(str(problem))
            self.value.setFocus()
            return
        session, ident, field = self._session, str(self._record["id"]), str(self.field.currentData())
        reason = self.reason.text().strip()
        if self._propose:
            self._run(lambda: services.propose_correction(session=session, ident=ident, field=field, value=value,
                                                          reason=reason),
                      self.tr("Proposing…"))
        else:
            self._run(lambda: services.correct_record(session=session, ident=ident, field=field, value=value,
                                                      reason=reason),
                      self.tr("Correcting…"))


class BandReasonDialog(RecordDialog):
    """Void a person's band (lost, torn, on the wrong wrist), or issue a new one after a void: either
    with the reason, which the history keeps. A voided band fails verification everywhere."""

    def __init__(self, session: services.Session, data_dir: Path, person: dict[str, Any], voiding: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(session, data_dir, parent)
        self._person, self._voiding = person, voiding
        self.reason = text_edit("", 500)
        self.reason_label = QLabel()
        self.warning = hint("")
        self._row(self.reason_label, self.reason)
        self.form.addRow("", self.warning)
        self._finish_layout()
        self.retranslate()
        self.reason.setFocus()

    def retranslate(self) -> None:
        super().retranslate()
        name = labels.person_label(self._person)
        if self._voiding:
            self.setWindowTitle(self.tr("Kinlink — void a band"))
            self.heading.setText(self.tr("Void band %1").replace("%1", self._person.get("band") or labels.MISSING))
            self.subject.setText(self.tr("Worn by %1.").replace("%1", name))
            self.warning.setText(self.tr("From now on this band fails verification at every station, with your "
                                         "reason. Its number is never used again. Issue a new band afterwards."))
            self.save_button.setText(self.tr("&Void band"))
            self.reason.setPlaceholderText(self.tr("e.g. torn, lost in transport, put on the wrong person"))
        else:
            self.setWindowTitle(self.tr("Kinlink — new band"))
            self.heading.setText(self.tr("Issue a new band"))
            self.subject.setText(self.tr("For %1, whose band was voided.").replace("%1", name))
            self.warning.setText(self.tr("The new band gets a new number. Print it and put it on afterwards."))
            self.save_button.setText(self.tr("&Issue band"))
            self.reason.setPlaceholderText(self.tr("e.g. replacing the torn band"))
        self.reason_label.setText(self.tr("&Reason"))
        self.reason.setAccessibleName(self.tr("Reason"))

    def save(self) -> None:
        self.clear_messages()
        if not self._require([self.reason]):
            return
        session, reason = self._session, self.reason.text().strip()
        if self._voiding:
            band = str(self._person["band"])
            self._run(lambda: services.void_band(session=session, band=band, reason=reason), self.tr("Voiding…"))
        else:
            person_id = str(self._person["id"])
            self._run(lambda: services.reissue_band(session=session, person=person_id, reason=reason),
                      self.tr("Issuing…"))


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
            item = QTreeWidgetItem([record, labels.field_name(proposal["field"]),
                                    labels.value(proposal["field"], proposal.get("now")),
                                    labels.value(proposal["field"], proposal["value"]), proposal["proposed_by"],
                                    proposal["reason"]])
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


class MergeDialog(RecordDialog):
    """Merge the selected person into the record that stands (the same person registered twice), or
    split a merged record again; with the reason. Nothing else of either record changes."""

    def __init__(self, session: services.Session, data_dir: Path, person: dict[str, Any], parent: QWidget | None = None
                 ) -> None:
        super().__init__(session, data_dir, parent)
        self._person = person
        self._splitting = bool(person.get("merged_into"))
        self.keep, self.reason = text_edit("", 64), text_edit("", 500)
        self.keep_label, self.reason_label = QLabel(), QLabel()
        self.explanation = hint("")
        if not self._splitting:
            self._row(self.keep_label, self.keep)
        self._row(self.reason_label, self.reason)
        self.form.addRow("", self.explanation)
        self._finish_layout()
        self.retranslate()
        (self.reason if self._splitting else self.keep).setFocus()

    def retranslate(self) -> None:
        super().retranslate()
        name = labels.person_label(self._person)
        if self._splitting:
            self.setWindowTitle(self.tr("Kinlink — split a merged record"))
            self.heading.setText(self.tr("Split %1 from the record it was merged into").replace("%1", name))
            self.subject.setText(self.tr("This record stands alone again, exactly as it was before the merge."))
            self.save_button.setText(self.tr("&Split"))
            self.explanation.setText("")
        else:
            self.setWindowTitle(self.tr("Kinlink — merge two records"))
            self.heading.setText(self.tr("Merge %1 into another record").replace("%1", name))
            self.subject.setText(self.tr("For one person registered twice. Both records keep their links, bands, "
                                         "custody and history; this record's bands lead to the other."))
            self.save_button.setText(self.tr("&Merge"))
            self.explanation.setText(self.tr("A split undoes it."))
        for label, edit, text, accessible in (
                (self.keep_label, self.keep, self.tr("&Record that stays"), self.tr("Record that stays")),
                (self.reason_label, self.reason, self.tr("&Reason"), self.tr("Reason"))):
            label.setText(text)
            edit.setAccessibleName(accessible)
        self.keep.setPlaceholderText(self.tr("Its band number (scan it) or id"))

    def save(self) -> None:
        self.clear_messages()
        if not self._require([self.reason] if self._splitting else [self.keep, self.reason]):
            return
        session, person_id, reason = self._session, str(self._person["id"]), self.reason.text().strip()
        if self._splitting:
            self._run(lambda: services.split_person(session=session, person=person_id, reason=reason),
                      self.tr("Splitting…"))
        else:
            keep = self.keep.text().strip()
            self._run(lambda: services.merge_people(session=session, keep=keep, merge=person_id, reason=reason),
                      self.tr("Merging…"))


class MoveDialog(RecordDialog):
    """Move the selected person, put in the wrong family unit, into the one they belong to; with the
    reason. Links are added (relationship unknown), none is removed."""

    def __init__(self, session: services.Session, data_dir: Path, person: dict[str, Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(session, data_dir, parent)
        self._person = person
        self.family, self.reason = text_edit("", 64), text_edit("", 500)
        self.family_label, self.reason_label = QLabel(), QLabel()
        self.explanation = hint("")
        self._row(self.family_label, self.family)
        self._row(self.reason_label, self.reason)
        self.form.addRow("", self.explanation)
        self._finish_layout()
        self.retranslate()
        self.family.setFocus()

    def retranslate(self) -> None:
        super().retranslate()
        self.setWindowTitle(self.tr("Kinlink — move to another family unit"))
        self.heading.setText(self.tr("Move %1 to another family unit").replace("%1",
                                                                                labels.person_label(self._person)))
        self.subject.setText(self.tr("For a person put in the wrong family unit. Every link they have stays."))
        self.explanation.setText(self.tr("New links, relationship unknown, join them to the adults (or children) "
                                         "of the unit they move to: correct the relationships afterwards."))
        self.save_button.setText(self.tr("&Move"))
        for label, edit, text, accessible in (
                (self.family_label, self.family, self.tr("&Family unit"), self.tr("Family unit")),
                (self.reason_label, self.reason, self.tr("&Reason"), self.tr("Reason"))):
            label.setText(text)
            edit.setAccessibleName(accessible)
        self.family.setPlaceholderText(self.tr("Its number, or the band number of someone in it"))

    def save(self) -> None:
        self.clear_messages()
        if not self._require([self.family, self.reason]):
            return
        session, person_id = self._session, str(self._person["id"])
        target, reason = self.family.text().strip(), self.reason.text().strip()
        self._run(lambda: services.move_person(session=session, person=person_id, to_family=target, reason=reason),
                  self.tr("Moving…"))
