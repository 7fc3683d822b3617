"""Whom a number typed in a supervisor's form names, shown under the field while it is typed (issue
16, item 10): a merge or a move acts on a record the supervisor has seen, never on a number alone.

The lookup runs on the worker once the typing pauses (a scanner's burst is one lookup); an answer
to a text since changed is dropped, so what is shown is always what the field says now. ``named``
tells the form whether the text names a record its action may take: the form's button follows it,
and the form acts on the record shown (its id), not on the text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from app import services
from app.domain.errors import NotFound

from . import labels, messages
from .family_view import custody_text
from .forms import ERROR_STYLE, Retranslating, grow_to_fit
from .person_pane import PersonPane
from .worker import Operation

PAUSE_MS = 250  # after the last key: a lookup per pause, not per key
PHOTO_SIDE = 96  # the preview's photo: large enough to tell two babies apart, small enough for the form


def person_facts(person: dict[str, Any], family_number: str | None) -> str:
    """What tells one person from another besides the name, in one line: "band GT4RQ-0001-A · family
    unit GT4RQ-1 · born 1990-03-02 · female" (what is not known is left out)."""
    parts = [labels.band(person["band"]) if person.get("band") else None,
             labels.family_unit(family_number) if family_number else None,
             labels.age(person), labels.word("sex", person["sex"]) if person.get("sex") else None]
    return " · ".join(part for part in parts if part and part != labels.MISSING)


class NumberPreview(Retranslating, QWidget):
    """Under ``field``: what the typed text names (``_render``), or that it names nothing here. A
    subclass says how to look the text up (``_lookup``) and what may be done with what it found."""

    named = Signal(bool)  # the text names a record the form's action may take (or no longer does)

    def __init__(self, session: services.Session, data_dir: Path, field: QLineEdit,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session, self._data_dir, self._field = session, data_dir, field
        self._asked = 0  # counts the lookups: only the latest one's answer is shown
        self._text = ""  # the text the answer shown is for
        self._answer: Any = None
        self._problem: str | None = None  # a known refusal other than "not found", in words
        self._actionable = False
        self.note, self.warning = QLabel(), QLabel()  # what is named; why the form cannot act on it
        for label in (self.note, self.warning):
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.PlainText)  # it may quote what was typed
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.warning.setStyleSheet(ERROR_STYLE)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.note)
        column.addWidget(self.warning)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PAUSE_MS)
        self._timer.timeout.connect(self._look_up)
        field.textChanged.connect(self._typed)

    @property
    def answer(self) -> Any:
        """What the text shown names (as the service gave it), or None."""
        return self._answer

    def is_named(self) -> bool:
        return self._actionable

    def text(self) -> str:
        """Everything the preview says, line by line."""
        return "\n".join(label.text() for label in self._shown())

    def _shown(self) -> list[QLabel]:
        return [label for label in (self.note, self.warning) if label.isVisibleTo(self) and label.text()]

    def _typed(self) -> None:
        self._asked += 1  # an answer on its way is for a text since changed
        self.setEnabled(False)  # what is shown is greyed until the answer for the new text
        self._set_named(False)
        self._timer.start()

    def _look_up(self) -> None:
        self._asked += 1
        asked, text = self._asked, self._field.text().strip()
        if not text:
            self._show("", None, None)
            return
        Operation(self, self._lookup(text)) \
            .success(lambda answer: self._answered(asked, text, answer)) \
            .failure(lambda error: self._refused(asked, text, error)).run()

    def _answered(self, asked: int, text: str, answer: Any) -> None:
        if asked == self._asked:
            self._show(text, answer, None)

    def _refused(self, asked: int, text: str, error: BaseException) -> None:
        if asked != self._asked:
            return
        if isinstance(error, NotFound):
            self._show(text, None, None)
            return
        known = messages.known_message(error)
        if known is None:
            messages.report_unexpected(self, error, self._data_dir)
        self._show(text, None, known or "")

    def _show(self, text: str, answer: Any, problem: str | None) -> None:
        self._text, self._answer, self._problem = text, answer, problem
        self.setEnabled(True)
        self.retranslate()
        grow_to_fit(self)

    def _set_named(self, named: bool) -> None:
        if named != self._actionable:
            self._actionable = named
            self.named.emit(named)

    def retranslate(self) -> None:
        """The note (and the subclass's view of what was found) in the current language."""
        self._say(self.note, "")
        if self._answer is not None and self._problem is None:
            why_not = self._render(self._answer)
            self._say(self.warning, why_not or "")
            self._set_named(why_not is None)
            return
        self._render(None)
        if self._problem is not None:
            self._say(self.warning, self._problem)
        elif not self._text:
            self._say(self.note, self._empty_text())
            self._say(self.warning, "")
        else:
            self._say(self.warning, self._missing_text().replace("%1", self._text))
        self._set_named(False)

    @staticmethod
    def _say(label: QLabel, text: str) -> None:
        label.setText(text)
        label.setVisible(bool(text))

    # --- what a subclass says ----------------------------------------------------------------------

    def _lookup(self, text: str) -> Callable[[], Any]:
        raise NotImplementedError

    def _empty_text(self) -> str:
        raise NotImplementedError

    def _missing_text(self) -> str:
        raise NotImplementedError

    def _render(self, answer: Any) -> str | None:
        """Show ``answer`` (None: nothing found, clear the view); returns why the form's action cannot
        take it, or None when it can."""
        raise NotImplementedError


class PersonPreview(NumberPreview):
    """The person a band number or id names, as ``merge_people`` reads it, with their photo and
    description (``PersonPane``); a merge into the record itself, or into a merged one, is not offered."""

    def __init__(self, session: services.Session, data_dir: Path, field: QLineEdit, acting_on: dict[str, Any],
                 parent: QWidget | None = None) -> None:
        self._acting_on = acting_on
        self.pane = PersonPane(session, data_dir, named=True, details=True, side=PHOTO_SIDE)
        super().__init__(session, data_dir, field, parent)
        self.pane.hide()
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, self.pane)
        self.retranslate()

    def text(self) -> str:
        shown = [self.pane.text()] if self.pane.isVisibleTo(self) else []
        return "\n".join([*shown, *(label.text() for label in self._shown())])

    def _lookup(self, text: str) -> Callable[[], Any]:
        session = self._session
        return lambda: services.show_person(session=session, ident=text)

    def _empty_text(self) -> str:
        return self.tr("Type or scan the number: whom it names shows here.")

    def _missing_text(self) -> str:
        return self.tr("No person or band “%1” at this station.")

    def _render(self, answer: Any) -> str | None:
        if answer is None:
            self.pane.hide()
            return None
        person = answer["person"]
        self.pane.show_person(person, custody=custody_text(person.get("custody")),
                              facts=person_facts(person, answer["family"]["number"]))
        self.pane.show()
        # As tall as its lines need at the form's width (the widest it is shown narrowest), not as its
        # word-wrapped labels' hints say: the form would spread the difference between the lines.
        self.pane.setMaximumHeight(max(self.pane.minimumSizeHint().height(), self.pane.heightForWidth(self.width())))
        if person["id"] == self._acting_on.get("id"):
            return self.tr("That is this record itself: give the other record's number.")
        if person.get("merged_into"):
            return self.tr("This record was itself merged into another: give that record's number.")
        return None


class FamilyPreview(NumberPreview):
    """The family unit a number names (its own number, an id, or a band of someone in it: as
    ``move_person`` reads it) with its people; the unit the person is in already is not offered."""

    def __init__(self, session: services.Session, data_dir: Path, field: QLineEdit, acting_on: dict[str, Any],
                 parent: QWidget | None = None) -> None:
        self._acting_on = acting_on
        super().__init__(session, data_dir, field, parent)
        self.retranslate()

    def _lookup(self, text: str) -> Callable[[], Any]:
        session = self._session
        return lambda: services.show_family(session=session, ident=text)

    def _empty_text(self) -> str:
        return self.tr("Type the unit's number or scan a band: the family unit it names shows here.")

    def _missing_text(self) -> str:
        return self.tr("No family unit, person or band “%1” at this station.")

    def _render(self, answer: Any) -> str | None:
        if answer is None:
            return None
        people = answer["people"]
        lines = [self.tr("Family unit %1:").replace("%1", str(answer["number"]))]
        for person in people:
            custody = person.get("custody")
            facts = [person_facts(person, None), *([QCoreApplication.translate("PersonPane", "Custody: %1")
                                                     .replace("%1", custody_text(custody))] if custody else [])]
            lines.append("• " + " — ".join([labels.person_label(dict(person)), *(f for f in facts if f)]))
        self._say(self.note, "\n".join(lines))
        if any(p["id"] == self._acting_on.get("id") for p in people):
            return self.tr("%1 is in this family unit already.").replace("%1", labels.person_label(self._acting_on))
        return None
