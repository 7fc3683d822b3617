"""Step 4 of the intake wizard: everything as it will be saved, in words and as a family graph."""

from __future__ import annotations

import html
from collections.abc import Mapping

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget

from .. import labels
from ..forms import InlineMessage, Retranslating, hint
from . import choices
from .document_builder import ADULT, CHILD, IntakeState, PersonEntry, describe, emitted_links
from .duplicate_box import DuplicateBox
from .family_graph import FamilyGraph, GraphEdge, GraphNode
from .problem_paths import Location
from .wording import agent_message


class ConfirmButton(QPushButton):
    """A button that Enter presses (outside a dialog too), but not a key held down: a confirmation is
    one deliberate press, never the repeat of the key that asked for it."""

    def __init__(self) -> None:
        super().__init__()
        self.setAutoDefault(True)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        if event.isAutoRepeat():
            event.accept()
            return
        super().keyPressEvent(event)


class ReviewPage(Retranslating, QWidget):
    """A summary on the left, the family graph on the right, and any problem the save found. What is
    unusual (``domain.plausibility``) is listed above them; when the agent saves, it asks them to
    confirm it: Enter on "Register anyway", or Escape to go back (the wizard's). Who may be registered
    already is in ``matches`` (``duplicate_box``), filled by the wizard's duplicate check."""

    confirmed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.unusual = QFrame()  # what is unusual, to check with the family; the confirmation
        self.unusual.setObjectName("unusual")
        self.unusual.setStyleSheet("#unusual { background: #fff4e5; border: 1px solid #e0a040; }")
        self.unusual_text = QLabel()
        self.unusual_text.setTextFormat(Qt.TextFormat.RichText)  # every text in it is escaped (_section)
        self.unusual_text.setWordWrap(True)
        self.confirm_button = ConfirmButton()
        self.confirm_button.setStyleSheet("font-weight: 600;")
        self.confirm_button.clicked.connect(self.confirmed)
        self.confirm_hint = hint("")
        self.unusual.hide()
        self._unusual: list[tuple[Location, str]] = []
        self._confirming = False
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14pt; font-weight: 600;")
        self.intro = hint("")
        self.message = InlineMessage("")
        self.summary = QLabel()
        self.summary.setTextFormat(Qt.TextFormat.RichText)  # every text in it is escaped (_section)
        self.summary.setWordWrap(True)
        self.summary.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                             | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.graph = FamilyGraph()
        self.matches = DuplicateBox()  # people on record who may be these people (search before create)
        self._state: IntakeState | None = None
        self._names: dict[str, str] = {}
        self._lay_out()
        self.retranslate()

    def _lay_out(self) -> None:
        summary_scroll = QScrollArea()
        summary_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields in it
        summary_scroll.setWidgetResizable(True)
        summary_scroll.setFrameShape(QFrame.Shape.NoFrame)
        summary_scroll.setWidget(self.summary)
        summary_scroll.setMinimumWidth(320)
        summary_scroll.setMaximumWidth(440)
        graph_scroll = QScrollArea()
        graph_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields in it
        graph_scroll.setWidgetResizable(True)
        graph_scroll.setWidget(self.graph)
        box = QVBoxLayout(self.unusual)
        box.addWidget(self.unusual_text)
        confirm = QHBoxLayout()
        confirm.addWidget(self.confirm_button)
        confirm.addWidget(self.confirm_hint, 1)
        box.addLayout(confirm)
        row = QHBoxLayout()
        row.addWidget(summary_scroll, 0)
        row.addWidget(graph_scroll, 1)
        column = QVBoxLayout(self)
        column.addWidget(self.heading)
        column.addWidget(self.intro)
        column.addWidget(self.message)
        column.addWidget(self.unusual)
        column.addWidget(self.matches)
        column.addLayout(row, 1)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Review"))
        self.intro.setText(self.tr("Check everything with the family. Back changes anything; Save registers the "
                                   "family unit and gives every person a band number."))
        self.message.setAccessibleName(self.tr("Problem with the registration"))
        self.summary.setAccessibleName(self.tr("Summary of the registration"))
        self.graph.setAccessibleName(self.tr("Family graph"))
        self.unusual_text.setAccessibleName(self.tr("Unusual, to check with the family"))
        self.confirm_button.setText(self.tr("&Register anyway"))
        self.confirm_hint.setText(self.tr("Checked with the family? Enter registers the family unit as it is; "
                                          "Escape goes back to change it."))
        confirming = self._confirming
        self.show_unusual(self._unusual)
        if confirming:
            self.ask_confirmation()
        if self._state is not None:
            self.show_state(self._state, self._names)

    def show_state(self, state: IntakeState, names: Mapping[str, str]) -> None:
        """Fill the summary and the graph from the wizard's state; ``names`` are the people's
        display names (names as typed, or "Child 2 (name unknown)")."""
        self._state, self._names = state, dict(names)
        links = [self._link_sentence(x.adult, x.relationship or "", x.child) for x in emitted_links(state)]
        people = [self._person_line(p) for p in state.people]
        self.summary.setText("".join([
            _section(self.tr("Encounter"), self._encounter_lines(state)),
            _section(self.tr("People (%1)").replace("%1", str(len(people))), people),
            _section(self.tr("Links (%1)").replace("%1", str(len(links))), links)]))
        self.graph.set_family(self._nodes(state), self._edges(state), self.tr("No one in this family unit yet."))
        self.graph.setAccessibleDescription("; ".join(links))

    def _encounter_lines(self, state: IntakeState) -> list[str]:
        entry = state.encounter
        lines = [self.tr("When: %1").replace("%1", labels.local_time(entry.occurred_at)),
                 self.tr("Where: %1").replace("%1", entry.place.strip() or labels.MISSING)]
        if entry.latitude is not None and entry.longitude is not None:
            lines.append(self.tr("Coordinates: %1, %2").replace("%1", f"{entry.latitude:g}")
                         .replace("%2", f"{entry.longitude:g}"))
        return lines

    def _person_line(self, person: PersonEntry) -> str:
        parts = [self._detail(person)]
        if person.nationality:
            parts.append(choices.country_name(person.nationality))
        if person.languages:
            parts.append(", ".join(choices.language_name(code) for code in person.languages))
        description = describe(person, choices.feature_words())
        if description:
            parts.append(description)
        if person.role == CHILD and person.preverbal:
            if person.carried_by and person.carried_by in self._names:
                parts.append(self.tr("carried by %1").replace("%1", self._names[person.carried_by]))
            if person.photo:
                parts.append(self.tr("photo ✓"))
        return f"{self._names.get(person.key, person.key)} — " + "; ".join(p for p in parts if p)

    def _detail(self, person: PersonEntry) -> str:
        parts = [labels.word("role", person.role)]
        if person.sex:
            parts.append(choices.sex_word(person.sex))
        if person.birth_date.strip():
            parts.append(labels.age({"birth_date": person.birth_date.strip()}))
        elif person.age_estimate_years is not None:
            parts.append(labels.age({"age_estimate_years": f"{person.age_estimate_years:g}"}))
        if person.role == CHILD and person.preverbal:
            parts.append(self.tr("pre-verbal"))
        return " · ".join(parts)

    def _link_sentence(self, adult: str, relationship: str, child: str) -> str:
        if relationship == "unknown":
            text = self.tr("How %1 is related to %3 is not known yet")
        else:
            text = self.tr("%1 is the %2 of %3").replace("%2", choices.relationship_word(relationship))
        return text.replace("%1", self._names.get(adult, adult)).replace("%3", self._names.get(child, child))

    def _nodes(self, state: IntakeState) -> list[GraphNode]:
        alone = not state.adults()
        return [GraphNode(p.key, self._names.get(p.key, p.key), self._detail(p), p.role,
                          name_known=bool(p.names_typed and not p.name_unknown),
                          alone_text=self.tr("arrived without an adult")
                          if alone and p.role == CHILD and p.arrived_without_adult else "")
                for p in state.people if p.role in (ADULT, CHILD)]

    def _edges(self, state: IntakeState) -> list[GraphEdge]:
        return [GraphEdge(x.adult, x.child, choices.relationship_word(x.relationship or ""),
                          unknown=x.relationship == "unknown") for x in emitted_links(state)]

    def show_unusual(self, found: list[tuple[Location, str]]) -> None:
        """List what is unusual (each the domain's finding and its place), hidden when nothing is; any
        confirmation asked for ends."""
        self._unusual, self._confirming = list(found), False
        lines = [agent_message(where, message) for where, message in self._unusual]
        self.unusual_text.setText(_section(self.tr("Unusual: check with the family before saving"), lines)
                                  if lines else "")
        self.unusual.setVisible(bool(lines))
        self.confirm_button.hide()
        self.confirm_hint.hide()

    def ask_confirmation(self) -> None:
        """The agent saves what is unusual: "Register anyway" appears and takes the focus."""
        self._confirming = True
        self.confirm_button.show()
        self.confirm_hint.show()
        self.confirm_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def confirming(self) -> bool:
        return self._confirming

    def show_message(self, text: str) -> None:
        self.message.show_message(text)

    def clear_messages(self) -> None:
        self.message.clear_message()


def _section(title: str, lines: list[str]) -> str:
    """A bold title and its lines, as escaped rich text (names are shown, never interpreted)."""
    items = "".join(f"<li>{html.escape(line, quote=False)}</li>" for line in lines)
    body = f"<ul style='margin-left: -24px;'>{items}</ul>" if lines else ""
    return f"<p style='margin-top: 6px; margin-bottom: 2px;'><b>{html.escape(title, quote=False)}</b></p>{body}"
