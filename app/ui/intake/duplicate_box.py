"""The review step's "Registered already?" box: each person on record who may be someone of this
family (``services.duplicate_candidates``), with what the agent compares (band, family unit, birth
date or age, sex, nationality) and why they look alike, and a choice the agent must make for each:
"Same person" or "Not the same" (the arrow keys move between them, Space chooses; the save is
refused until every one is made). "Same person" keeps the entry: the family unit is registered with a proposal for a
supervisor to merge the two records, or the agent removes that person from this entry. "Open the
record" shows the family on record beside the form. The choices outlive going back and forth
between the steps (by person and record), not a new entry."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QFrame, QHBoxLayout, QLabel, QPushButton, QRadioButton, QVBoxLayout, QWidget

from .. import labels
from ..forms import InlineMessage, Retranslating, hint
from . import choices

SAME, DIFFERENT = "same", "different"


# Words the review step said before this box was its own: translated in its context.
_REASONS = {"names_alike": QT_TRANSLATE_NOOP("ReviewPage", "names %1% alike"),
            "same_birth_date": QT_TRANSLATE_NOOP("ReviewPage", "same birth date"),
            "same_age": QT_TRANSLATE_NOOP("ReviewPage", "about the same age"),
            "ages_apart": QT_TRANSLATE_NOOP("ReviewPage", "ages %1 years apart"),
            "different_sex": QT_TRANSLATE_NOOP("ReviewPage", "different sex"),
            "same_nationality": QT_TRANSLATE_NOOP("ReviewPage", "same nationality"),
            "different_nationality": QT_TRANSLATE_NOOP("ReviewPage", "different nationality"),
            "similar_relative": QT_TRANSLATE_NOOP("ReviewPage", "a relative with a similar name: %1")}
_MAY_BE_REGISTERED = QT_TRANSLATE_NOOP("ReviewPage", "People who may be registered already")


def _tr(text: str) -> str:
    return QCoreApplication.translate("ReviewPage", text)


class CandidateRow(Retranslating, QFrame):
    """One person of this family and one person on record who may be them."""

    def __init__(self, box: DuplicateBox, key: str, match: dict[str, Any]) -> None:
        super().__init__()
        self.box, self.key, self.match = box, key, match
        self.setObjectName("candidate")
        self.setStyleSheet("#candidate { border-top: 1px solid #e0a040; }")
        self.text = QLabel()
        self.text.setTextFormat(Qt.TextFormat.RichText)  # every text in it is escaped
        self.text.setWordWrap(True)
        self.same, self.different = QRadioButton(), QRadioButton()
        self.group = QButtonGroup(self)  # (each row its own: the arrow keys stay within the row)
        for button in (self.same, self.different):
            self.group.addButton(button)
            button.toggled.connect(lambda _on: self._chosen())
        self.open_button, self.remove_button = QPushButton(), QPushButton()
        for button in (self.open_button, self.remove_button):
            button.setAutoDefault(True)  # Enter presses it (outside a dialog too)
        self.open_button.clicked.connect(lambda: box.open_requested.emit(self.match))
        self.remove_button.clicked.connect(lambda: box.remove_requested.emit(self.key))
        self.same_hint = hint("")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 4, 0, 4)
        column.addWidget(self.text)
        row = QHBoxLayout()
        for widget in (self.same, self.different):
            row.addWidget(widget)
        row.addStretch(1)
        row.addWidget(self.open_button)
        row.addWidget(self.remove_button)
        column.addLayout(row)
        column.addWidget(self.same_hint)
        self.retranslate()
        self._chosen()

    def retranslate(self) -> None:
        name = self.box.names.get(self.key, self.key)
        self.same.setText(self.tr("Same person"))
        self.different.setText(self.tr("Not the same"))
        for button in (self.same, self.different):
            button.setAccessibleDescription(self.tr("Is %1 %2?").replace("%1", name)
                                            .replace("%2", labels.person_name(self.match)))
        self.open_button.setText(self.tr("Open the record"))
        self.open_button.setToolTip(self.tr("The family unit on record, in a window beside this one; "
                                            "nothing typed here is lost"))
        self.remove_button.setText(self.tr("Remove %1 from this entry").replace("%1", name))
        self.same_hint.setText(self.tr("%1 will be registered with a proposal for a supervisor to merge the two "
                                       "records — or remove them from this entry.").replace("%1", name))
        self.text.setText(self._describe(name))

    def _describe(self, name: str) -> str:
        match = self.match
        facts = [self.tr("band %1").replace("%1", match.get("band") or labels.MISSING),
                 self.tr("family unit %1").replace("%1", str((match.get("family") or {}).get("number")
                                                             or labels.MISSING)),
                 labels.age(match)]
        if match.get("sex"):
            facts.append(choices.sex_word(match["sex"]))
        if match.get("nationality"):
            facts.append(choices.country_name(match["nationality"]))
        why = ", ".join(self._reason(r["why"], r.get("detail")) for r in match.get("reasons", []))
        lines = [self.tr("%1 may be %2").replace("%1", name).replace("%2", labels.person_name(match)),
                 " · ".join(facts), self.tr("Alike: %1").replace("%1", why)]
        escaped = [html.escape(line, quote=False) for line in lines]
        return f"<b>{escaped[0]}</b><br>{escaped[1]}<br>{escaped[2]}"

    @staticmethod
    def _reason(why: str, detail: Any) -> str:
        words = _REASONS.get(why)
        return (_tr(words) if words else why).replace("%1", str(detail) if detail is not None else "")

    def choice(self) -> str | None:
        return SAME if self.same.isChecked() else DIFFERENT if self.different.isChecked() else None

    def set_choice(self, choice: str | None) -> None:
        if choice is not None:
            (self.same if choice == SAME else self.different).setChecked(True)

    def _chosen(self) -> None:
        same = self.choice() == SAME
        self.remove_button.setVisible(same)
        self.same_hint.setVisible(same)
        if self.choice() is not None:
            self.box.remember(self)

    def plain_text(self) -> str:
        return html.unescape(self.text.text().replace("<br>", "\n").replace("<b>", "").replace("</b>", ""))


class DuplicateBox(Retranslating, QFrame):
    """Hidden while nobody on record looks like anyone of this family."""

    open_requested = Signal(dict)  # the person on record (as ``duplicate_candidates`` gave them)
    remove_requested = Signal(str)  # the key of the person of this family

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("matches")
        self.setStyleSheet("#matches { background: #fff4e5; border: 1px solid #e0a040; }")
        self.names: dict[str, str] = {}
        self.rows: list[CandidateRow] = []
        self._choices: dict[tuple[str, str], str] = {}  # (person key, record id) -> SAME or DIFFERENT
        self.title = QLabel()
        self.title.setStyleSheet("font-weight: 600;")
        self.title.setWordWrap(True)
        self.message = InlineMessage("")
        self.column = QVBoxLayout(self)
        self.column.addWidget(self.title)
        self.column.addWidget(self.message)
        self.hide()
        self.retranslate()

    def retranslate(self) -> None:
        self.setAccessibleName(_tr(_MAY_BE_REGISTERED))
        self.message.setAccessibleName(self.tr("Problem with the registration"))
        self.title.setText(self.tr("Registered already? Ask the person, open the record if need be, then choose "
                                   "Same person or Not the same for each (the arrow keys move, Space chooses)."))

    def show_matches(self, matches: Mapping[str, list[dict[str, Any]]], names: Mapping[str, str]) -> None:
        """The candidates by person key (none: the box hides); the choices made before are kept."""
        for row in self.rows:
            row.hide()
            self.column.removeWidget(row)
            row.deleteLater()
        self.names, self.rows = dict(names), []
        self.message.clear_message()
        for key, found in matches.items():
            for match in found:
                row = CandidateRow(self, key, match)
                row.set_choice(self._choices.get((key, match["id"])))
                self.rows.append(row)
                self.column.addWidget(row)
        previous: QWidget = self.title
        for row in self.rows:  # Tab from one row's choice to the next row's
            for widget in (row.same, row.different, row.open_button, row.remove_button):
                QWidget.setTabOrder(previous, widget)
                previous = widget
        self.setVisible(bool(self.rows))

    def remember(self, row: CandidateRow) -> None:
        choice = row.choice()
        if choice is not None:
            self._choices[(row.key, row.match["id"])] = choice

    def reset(self) -> None:
        """A new entry: nothing shown, no choice remembered."""
        self._choices.clear()
        self.show_matches({}, {})

    def unchosen(self) -> CandidateRow | None:
        return next((row for row in self.rows if row.choice() is None), None)

    def same_as(self) -> dict[str, list[str]]:
        """For each person of this family, the records the agent said are them."""
        found: dict[str, list[str]] = {}
        for row in self.rows:
            if row.choice() == SAME:
                found.setdefault(row.key, []).append(row.match["id"])
        return found

    def show_problem(self, text: str, row: CandidateRow) -> None:
        self.message.show_message(text)
        row.same.setFocus(Qt.FocusReason.OtherFocusReason)

    def text(self) -> str:
        """Everything the box says, as plain text (what a screen reader reads row by row)."""
        return "\n".join([self.title.text(), *(row.plain_text() for row in self.rows)])
