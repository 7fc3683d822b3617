"""The new encounter wizard (issue 5, item 3): encounter → people → relationships → review → save.

A widget the main window embeds as a page (not a dialog run with ``exec()``): when the session
locks, the window hides it, and everything typed stays in its widgets, in memory only, until it is
saved or discarded. Next checks the step with the domain's own rules (the encounter document
parser) plus what the desk insists on (a name or "Name unknown"; every child × adult cell; the
"arrived without an adult" mark), shows each problem next to its field and focuses it. Save
registers the family unit on the worker (``services.register_family``); a refusal is mapped back
to the step and field, with nothing typed lost.

Extension point: on success the wizard shows what was saved and emits ``family_saved`` with the
service's answer (families, people with their refs and band numbers); the main window goes on to
printing the bands (and, later, the identity bundle and the attachment check).

Keys: Alt+N / Ctrl+Return next (on the review step Ctrl+Return saves; Enter in a step's last field), Alt+B back,
Alt+V save, Ctrl+Shift+A an adult, Ctrl+Shift+C a child, Escape cancel (back from confirming the unusual; Done).
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QMessageBox, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from app import services
from app.domain.document import parse_document
from app.domain.errors import Problem, ValidationError

from .. import messages
from ..forms import BusyIndicator, InlineMessage, Retranslating
from ..worker import Operation
from . import choices
from .document_builder import Gap, IntakeState, build_document, encode, gaps
from .duplicate_check import DuplicateCheck
from .encounter_page import EncounterPage
from .people_page import PeoplePage
from .problem_paths import ENCOUNTER, PEOPLE, RELATIONSHIPS, REVIEW, STEPS, Location, locate, unusual_findings
from .relationships_page import Member, RelationshipsPage
from .review_page import ReviewPage
from .saved_page import SavedPage
from .station_memory import StationMemory
from .wording import agent_message

Bundle = tuple[str | None, bytes | None, str]  # (carried by: a person key, photo bytes, "file"/"camera")


class IntakeWizard(Retranslating, QWidget):
    """Register one family unit. Owns no session: the caller's ``services.Session`` is used."""

    family_saved = Signal(dict)  # the answer of services.register_family
    cancelled = Signal()

    def __init__(self, session: services.Session, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._data_dir = data_dir
        self._busy = False
        memory = StationMemory(data_dir)  # the last place and photo folder: defaults (issue 16, item 9)
        self.encounter_page, self.people_page = EncounterPage(memory), PeoplePage(memory)
        self.relationships_page, self.review_page, self.saved_page = RelationshipsPage(), ReviewPage(), SavedPage()
        self.pages = QStackedWidget()
        for page in (self.encounter_page, self.people_page, self.relationships_page, self.review_page, self.saved_page):
            self.pages.addWidget(page)
        self._build_controls()
        self._lay_out()
        self._build_shortcuts()
        self.duplicates = DuplicateCheck(self, session, data_dir, self.review_page.matches)
        self.review_page.matches.remove_requested.connect(self._remove_from_entry)
        self.people_page.remove_asked.connect(self._remove_asked)
        for page in (self.encounter_page, self.relationships_page):
            page.next_asked.connect(self.next)  # Enter in the step's last field
        self.review_page.confirmed.connect(lambda: self._register(confirm_unusual=True))
        self.saved_page.another_requested.connect(self.start_over)
        self.saved_page.done_requested.connect(self._discard)  # (nothing typed is left to discard)
        self.retranslate()
        self._go(ENCOUNTER)

    def _build_controls(self) -> None:
        self.title = QLabel()
        self.title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.step_labels = {step: QLabel() for step in STEPS}
        self.cancel_button, self.back_button = QPushButton(), QPushButton()
        self.next_button, self.save_button = QPushButton(), QPushButton()
        for button, slot in ((self.cancel_button, self.cancel), (self.back_button, self.back),
                             (self.next_button, self.next), (self.save_button, self.save)):
            button.clicked.connect(slot)
        self.busy_indicator = BusyIndicator()
        self.form_message = InlineMessage("")

    def _lay_out(self) -> None:
        steps = QHBoxLayout()
        steps.addWidget(self.title)
        steps.addSpacing(24)
        for step in STEPS:
            steps.addWidget(self.step_labels[step])
        steps.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.busy_indicator, 1)
        buttons.addStretch(0)
        for button in (self.back_button, self.next_button, self.save_button):
            buttons.addWidget(button)
        column = QVBoxLayout(self)
        column.setContentsMargins(12, 8, 12, 8)
        column.addLayout(steps)
        column.addWidget(self.pages, 1)
        column.addWidget(self.form_message)
        column.addLayout(buttons)
        for first, second in ((self.back_button, self.next_button), (self.next_button, self.save_button),
                              (self.save_button, self.cancel_button)):
            QWidget.setTabOrder(first, second)

    def _build_shortcuts(self) -> None:
        def shortcut(keys: str, slot: Any) -> QShortcut:
            made = QShortcut(QKeySequence(keys), self, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
            made.activated.connect(slot)
            return made

        self.shortcuts = [shortcut("Ctrl+Return", self.advance), shortcut("Ctrl+Enter", self.advance),
                          shortcut("Ctrl+Shift+A", lambda: self._add_person("adult")),
                          shortcut("Ctrl+Shift+C", lambda: self._add_person("child")),
                          shortcut("Escape", self.cancel)]

    def retranslate(self) -> None:
        self.title.setText(self.tr("New encounter"))
        names = {ENCOUNTER: self.tr("1 Encounter"), PEOPLE: self.tr("2 People"),
                 RELATIONSHIPS: self.tr("3 Relationships"), REVIEW: self.tr("4 Review")}
        for step, label in self.step_labels.items():
            label.setText(names[step])
        self.cancel_button.setText(self.tr("Cancel"))
        self.back_button.setText(self.tr("&Back"))
        self.next_button.setText(self.tr("&Next"))
        self.save_button.setText(self.tr("Sa&ve family"))
        self.cancel_button.setToolTip(self.tr("Discard this encounter (Escape)"))
        self.next_button.setToolTip(self.tr("Next step (Alt+N or Ctrl+Return)"))
        self.back_button.setToolTip(self.tr("Previous step (Alt+B); nothing typed is lost"))
        self.save_button.setToolTip(self.tr("Register the family unit (Alt+V or Ctrl+Return)"))
        self.form_message.setAccessibleName(self.tr("Problem with the registration"))

    # --- steps -----------------------------------------------------------------------------

    def step(self) -> str:
        index = self.pages.currentIndex()
        return STEPS[index] if index < len(STEPS) else "saved"

    def _go(self, step: str) -> None:
        if step == RELATIONSHIPS:
            self._sync_relationships()
        elif step == REVIEW:
            self.review_page.show_state(self.state(), self.display_names())
            self.review_page.show_unusual(self._unusual())
            self.duplicates.check(self.state(), self.display_names())
        self.pages.setCurrentIndex(STEPS.index(step))
        self._mark_step(step)
        self.back_button.setEnabled(step != ENCOUNTER)
        self.next_button.setVisible(step != REVIEW)
        self.save_button.setVisible(step == REVIEW)
        self._focus(self._first_input(step))

    def _mark_step(self, step: str) -> None:
        for name, label in self.step_labels.items():
            current = name == step
            label.setStyleSheet("font-weight: 700; color: palette(highlight); padding: 0 8px;" if current
                                else "padding: 0 8px;")
            label.setAccessibleName(self.tr("%1 (current step)").replace("%1", label.text()) if current
                                    else label.text())

    def _first_input(self, step: str) -> QWidget:
        if step == ENCOUNTER:
            return self.encounter_page.first_input()
        if step == PEOPLE:
            return self.people_page.first_input()
        if step == RELATIONSHIPS:
            missing = self.relationships_page.missing_cells()
            return self.relationships_page.cells[missing[0]][0] if missing else self.relationships_page.first_input()
        return self.save_button

    def focus_step(self) -> None:
        """The focus on the first input of the step shown (where a newly opened wizard starts)."""
        self._focus(self._first_input(self.step()) if self.step() in STEPS else self.saved_page.first_button())

    @staticmethod
    def _focus(widget: QWidget) -> None:
        widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def next(self) -> None:
        """Check this step; when nothing is wrong, go to the next one."""
        step = self.step()
        if self._busy or step not in STEPS[:-1]:
            return
        if self._check(step):
            self._go(STEPS[STEPS.index(step) + 1])

    def back(self) -> None:
        step = self.step()
        if not self._busy and step in STEPS[1:]:
            self._clear_messages()
            self._go(STEPS[STEPS.index(step) - 1])

    def advance(self) -> None:
        """Ctrl+Return: the next step, or save on the review step."""
        if self.step() == REVIEW:
            self.save()
        else:
            self.next()

    def _add_person(self, role: str) -> None:
        if not self._busy and self.step() == PEOPLE:
            self.people_page.add_person(role)

    # --- what was typed --------------------------------------------------------------------

    def state(self) -> IntakeState:
        """Everything typed so far (read from the widgets; nothing is kept anywhere else)."""
        people = self.people_page.entries()
        alone = self.relationships_page.alone()
        for person in people:
            person.arrived_without_adult = alone.get(person.key, False)
        return IntakeState(self.encounter_page.entry(), people, self.relationships_page.links())

    def display_names(self) -> dict[str, str]:
        return {form.key: form.display_name() for form in self.people_page.person_forms()}

    def document(self) -> dict[str, Any]:
        return build_document(self.state(), choices.feature_words())

    def has_input(self) -> bool:
        return self.encounter_page.has_input() or self.people_page.has_input()

    def _sync_relationships(self) -> None:
        forms = self.people_page.person_forms()
        self.relationships_page.set_people([Member(f.key, f.display_name()) for f in forms if f.role == "adult"],
                                           [Member(f.key, f.display_name()) for f in forms if f.role == "child"])

    # --- checks and problems ---------------------------------------------------------------

    def _check(self, step: str) -> bool:
        """Show every problem of ``step`` and the steps before it; True when there is none."""
        self._clear_messages()
        upto = STEPS.index(step)
        state = self.state()
        shown = self._show_unreadable(upto)
        if upto >= STEPS.index(PEOPLE) and not state.people:
            self.people_page.message.show_message(self.tr("Add at least one person: an adult (Ctrl+Shift+A) or a "
                                                          "child (Ctrl+Shift+C)."))
            shown.append((PEOPLE, self.people_page.add_adult_button))
        shown += [self._show_gap(gap) for gap in gaps(state) if STEPS.index(_gap_step(gap)) <= upto]
        grid_gaps = any(gap.kind != "name" for gap in gaps(state))  # the domain says the same, less clearly
        shown += [self._show_problem(problem, where) for problem, where in self._domain_problems(state)
                  if STEPS.index(where.step) <= upto and where.step != REVIEW
                  and not (grid_gaps and where.step == RELATIONSHIPS)]
        if upto >= STEPS.index(RELATIONSHIPS):
            self.relationships_page.mark_missing()
        if not shown:
            return True
        self._reveal(shown)
        return False

    def _reveal(self, shown: list[tuple[str, QWidget]]) -> None:
        """Go to the first problem (in step order, then in the order found) and focus its field."""
        first_step, widget = min(shown, key=lambda item: STEPS.index(item[0]))
        if first_step != self.step():
            self._go(first_step)
        for form in self.people_page.person_forms() if first_step == PEOPLE else []:
            if form.isAncestorOf(widget):
                self.people_page.show_person(form.key)
        self._focus(widget)

    def _domain_problems(self, state: IntakeState) -> list[tuple[Problem, Location]]:
        try:
            parse_document(encode(build_document(state)), now=datetime.now(UTC))
        except ValidationError as error:
            return [(problem, locate(problem.where, state)) for problem in error.problems]
        return []

    def _show_unreadable(self, upto: int) -> list[tuple[str, QWidget]]:
        shown = [(ENCOUNTER, self.encounter_page.show_problem(field, text))
                 for field, text in self.encounter_page.unreadable().items()]
        if upto >= STEPS.index(PEOPLE):
            for form in self.people_page.person_forms():
                shown += [(PEOPLE, form.show_problem(field, text)) for field, text in form.unreadable().items()]
        return shown

    def _show_gap(self, gap: Gap) -> tuple[str, QWidget]:
        names = self.display_names()
        child = names.get(gap.person, gap.person)
        if gap.kind == "name":
            form = self.people_page.form(gap.person)
            assert form is not None
            self.people_page.show_person(gap.person)
            return PEOPLE, form.show_problem("name", self.tr("Type the names as given, or tick “Name unknown”."))
        if gap.kind == "alone":
            text = self.tr("Tick “Arrived without an adult” for %1 — or go back and add the adults this child "
                           "arrived with.").replace("%1", child)
            return RELATIONSHIPS, self.relationships_page.show_problem(gap.person, None, text)
        text = self.tr("Choose how %1 is related to %2 — or choose “%3”.").replace("%1", child) \
            .replace("%2", names.get(gap.other or "", "")).replace("%3", choices.relationship_word("unknown"))
        return RELATIONSHIPS, self._first_cell_problem(gap, text)

    def _first_cell_problem(self, gap: Gap, text: str) -> QWidget:
        """Only the first unchosen cell is named (the message stays readable); it gets the focus."""
        if not self.relationships_page.message.isHidden():  # (shown, though maybe on a page not current)
            return self.relationships_page.cells[(gap.other or "", gap.person)][0]
        return self.relationships_page.show_problem(gap.person, gap.other, text)

    def _show_problem(self, problem: Problem, where: Location) -> tuple[str, QWidget]:
        message = problem.message
        for key, name in self.display_names().items():  # the document's refs ('a1') as the wizard names them
            message = message.replace(repr(key), name)
        text = agent_message(where, message)
        if where.step == ENCOUNTER:
            return ENCOUNTER, self.encounter_page.show_problem(where.field, text)
        if where.step == PEOPLE and where.person is not None:
            form = self.people_page.show_person(where.person)
            assert form is not None
            field = where.field or ("birth_date" if "birth_date" in problem.message else None)
            return PEOPLE, form.show_problem(field, text)
        if where.step == RELATIONSHIPS:
            child = self.display_names().get(where.person or "", "")
            return RELATIONSHIPS, self.relationships_page.show_problem(where.person, where.other,
                                                                       f"{child}: {text}" if child else text)
        self.review_page.show_message(text)
        return REVIEW, self.save_button

    def _clear_messages(self) -> None:
        for page in (self.encounter_page, self.people_page, self.relationships_page, self.review_page):
            page.clear_messages()
        self.form_message.clear_message()

    # --- saving ----------------------------------------------------------------------------

    def save(self) -> None:
        """Check every step, have the agent confirm what is unusual (Enter on "Register anyway"; saving
        again only focuses it), then register the family unit on the worker."""
        if self._busy or self.step() != REVIEW:
            return
        if self.review_page.confirming():
            self.review_page.confirm_button.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        if not self._check(REVIEW):
            return
        if self.people_page.loading_photo():
            self.form_message.show_message(self.tr("A photo is still being loaded; save again in a moment."))
            return
        if not self.duplicates.ready_to_save(self.save):  # (someone who may be on record, not answered for)
            return
        if unusual := self._unusual():
            self.review_page.show_unusual(unusual)
            self.review_page.ask_confirmation()
            return
        self._register(confirm_unusual=False)

    def _register(self, *, confirm_unusual: bool) -> None:
        self.review_page.show_unusual(self._unusual())  # (the confirmation is over)
        raw = encode(self.document())
        session, bundles, same_as = self._session, self.bundles(), (self.duplicates.same_as(), self.duplicates.reason())
        self.set_busy(True)
        Operation(self, lambda: _register(session, raw, bundles, confirm_unusual, same_as)).success(self._saved) \
            .failure(self._refused).run()

    def _unusual(self) -> list[tuple[Location, str]]:
        return unusual_findings(self.state(), self.display_names(), datetime.now(UTC))

    def _back_to_unusual(self) -> None:
        """Escape on the confirmation: each unusual finding shown at its field, the first one focused."""
        found = self._unusual()
        self.review_page.show_unusual(found)
        self._reveal([self._show_problem(Problem(where.field or "", text), where) for where, text in found]
                     or [(REVIEW, self.save_button)])

    def bundles(self) -> dict[str, Bundle]:
        """Each pre-verbal child's identity bundle, by person key: (key of the adult who carried the
        child, photo bytes, "file" or "camera"). Only what is shown counts: a bundle of a child not
        (or no longer) ticked pre-verbal is not saved."""
        found: dict[str, Bundle] = {}
        for form in self.people_page.person_forms():
            entry = form.entry()
            if entry.role == "child" and entry.preverbal and (entry.carried_by or form.bundle.photo() is not None):
                found[form.key] = (entry.carried_by, form.bundle.photo(), form.bundle.photo_source())
        return found

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.pages.setEnabled(not busy)
        for button in (self.cancel_button, self.back_button, self.next_button, self.save_button):
            button.setEnabled(not busy)
        if not busy:
            self.back_button.setEnabled(self.step() != ENCOUNTER)
        self.busy_indicator.set_busy(busy, self.tr("Saving the family unit…") if busy else "")

    @property
    def is_busy(self) -> bool:
        return self._busy

    def _saved(self, answer: dict[str, Any]) -> None:
        self.set_busy(False)
        self.saved_page.show_answer(answer, self.display_names())
        self.encounter_page.remember()  # the next encounter's place
        self._reset_inputs()
        self.pages.setCurrentWidget(self.saved_page)
        self._mark_step("saved")
        for button in (self.back_button, self.next_button, self.save_button, self.cancel_button):
            button.setVisible(False)
        self._focus(self.saved_page.first_button())
        self.family_saved.emit(answer)

    def _refused(self, error: BaseException) -> None:
        self.set_busy(False)
        if isinstance(error, ValidationError):
            state = self.state()
            self._reveal([self._show_problem(p, locate(p.where, state)) for p in error.problems])
            return
        text = messages.known_message(error)
        if text is None:
            messages.report_unexpected(self, error, self._data_dir)
        else:
            self.form_message.show_message(text)

    # --- cancel and start over ---------------------------------------------------------------

    def cancel(self) -> None:
        if self._busy:
            return
        if self.step() == "saved":  # Escape on the saved page: Done
            self._discard()
        elif self.review_page.confirming():  # Escape: back to what is unusual, to change it
            self._back_to_unusual()
        elif not self.has_input():
            self.cancelled.emit()
        else:
            self.ask(self.tr("Discard this encounter? Everything typed for it will be lost."), self._discard)

    def _discard(self) -> None:
        self.start_over()
        self.cancelled.emit()

    def ask(self, question: str, on_yes: Any) -> None:
        """Ask a yes/no question without blocking (the window may lock meanwhile); tests replace this."""
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Kinlink"), question,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.buttonClicked.connect(
            lambda button: on_yes() if box.standardButton(button) == QMessageBox.StandardButton.Yes else None)
        box.open()

    def _remove_from_entry(self, key: str) -> None:
        """"Same person", and not to be registered again: back to the people step to remove them."""
        if (form := self.people_page.form(key)) is not None and not self._busy:
            self._go(PEOPLE)
            self.people_page.show_person(key)
            self._remove_asked(form)

    def _remove_asked(self, form: Any) -> None:
        if not form.has_input():
            self.people_page.remove_person(form)
            return
        question = self.tr("Remove %1 and everything typed for them?").replace("%1", form.display_name())
        self.ask(question, lambda: self.people_page.remove_person(form))

    def start_over(self) -> None:
        """An empty wizard at the first step (after a save, or when the encounter is discarded)."""
        self._reset_inputs()
        self.saved_page.clear()
        for button in (self.cancel_button, self.back_button, self.next_button):
            button.setVisible(True)
        self._go(ENCOUNTER)

    def _reset_inputs(self) -> None:
        self._clear_messages()
        self.duplicates.reset()
        for page in (self.encounter_page, self.people_page, self.relationships_page):
            page.reset()
        self.review_page.show_state(IntakeState(self.encounter_page.entry()), {})


def _register(session: services.Session, raw: bytes, bundles: dict[str, Bundle], confirm_unusual: bool,
              same_as: tuple[dict[str, str], str]) -> dict[str, Any]:
    """On the worker: the family unit, each pre-verbal child's identity bundle (keyed by the wizard's
    person keys, the document's refs) and a merge proposal for each "Same person", in one transaction."""
    given = {key: services.IdentityBundle(carried_by=carrier, photos=[(photo, source)] if photo is not None else [])
             for key, (carrier, photo, source) in bundles.items() if carrier is not None or photo is not None}
    return services.register_family(session=session, document=raw, bundles=given, confirm_unusual=confirm_unusual,
                                    same_as=same_as[0] or None, same_as_reason=same_as[1])


def _gap_step(gap: Gap) -> str:
    return PEOPLE if gap.kind == "name" else RELATIONSHIPS
