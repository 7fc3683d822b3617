"""Search before create on the review step (``services.duplicate_candidates``, on the worker): who on
record may be someone of this family, shown in the review step's ``DuplicateBox``; the save waits
for the answer and for the agent's choice on each of them; "Same person" is saved as a merge
proposal of the new record (``register_family(same_as=...)``); "Open the record" opens the family
on record beside the wizard (``RecordDialog``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject

from app import services

from ..worker import Operation
from .document_builder import IntakeState
from .duplicate_box import DuplicateBox
from .record_dialog import RecordDialog


class DuplicateCheck(QObject):
    """The wizard's duplicate check; ``box`` shows its answer and gathers the choices."""

    def __init__(self, wizard: Any, session: services.Session, data_dir: Path, box: DuplicateBox) -> None:
        super().__init__(wizard)
        self._wizard, self._session, self._data_dir, self.box = wizard, session, data_dir, box  # (an IntakeWizard)
        self._serial = 0  # answers to an earlier visit of the review step are dropped
        self._pending = False
        self._then: Callable[[], None] | None = None  # a save pressed before the answer came
        self.dialogs: list[RecordDialog] = []
        box.open_requested.connect(self.open_record)

    def check(self, state: IntakeState, names: dict[str, str]) -> None:
        """Look for the people of ``state`` who have names (the box is empty until the answer)."""
        self.box.show_matches({}, names)
        self.stop()
        serial, session = self._serial, self._session
        people = [{"ref": p.key, "given_names": p.given_names.strip() or None,
                   "family_names": p.family_names.strip() or None, "birth_date": p.birth_date.strip() or None,
                   "age_estimate_years": p.age_estimate_years, "sex": p.sex, "nationality": p.nationality}
                  for p in state.people if p.names_typed and not p.name_unknown]
        self._pending = bool(people)
        if people:
            Operation(self._wizard, lambda: services.duplicate_candidates(session=session, people=people)) \
                .success(lambda answer: self._found(serial, names, answer["matches"])) \
                .failure(lambda _error: self._found(serial, names, {})).run()  # a failed check stops no one

    def _found(self, serial: int, names: dict[str, str], matches: dict[str, Any]) -> None:
        if serial == self._serial:
            self._pending, then, self._then = False, self._then, None
            self.box.show_matches(matches, names)
            if then is not None:
                self._wizard.set_busy(False)
                then()

    def stop(self) -> None:
        """The review step is left: an answer still to come is dropped."""
        self._serial += 1
        if self._then is not None:
            self._wizard.set_busy(False)
        self._pending, self._then = False, None

    def ready_to_save(self, save: Callable[[], None]) -> bool:
        """Whether the family unit may be saved now; if not, the box says why and focuses the choice
        to make. Before the answer has come, ``save`` is called again once it has."""
        if self._pending:
            self._then = save
            self._wizard.set_busy(True)  # (for the few milliseconds the answer takes)
            return False
        row = self.box.unchosen()
        if row is not None:
            self.box.show_problem(self.tr("Is %1 the person on record? Choose Same person or Not the same for "
                                          "each person who may be registered already.")
                                  .replace("%1", self.box.names.get(row.key, row.key)), row)
            return False
        twice = next((key for key, ids in self.box.same_as().items() if len(ids) > 1), None)
        if twice is not None:
            self.box.show_problem(self.tr("%1 can be the same person as only one record: choose Not the same "
                                          "for the others.").replace("%1", self.box.names.get(twice, twice)),
                                  next(r for r in self.box.rows if r.key == twice))
            return False
        return True

    def same_as(self) -> dict[str, str]:
        """For register_family: each person of this family said to be on record, and that record's id."""
        return {key: ids[0] for key, ids in self.box.same_as().items()}

    def reason(self) -> str:
        return self.tr("Registered again at intake: the agent checked with the person that this is the "
                       "same person as the record on file")

    def open_record(self, match: dict[str, Any]) -> RecordDialog:
        """The family on record, in a window of its own beside the wizard (not modal)."""
        self.dialogs = [d for d in self.dialogs if d.isVisible()]
        dialog = RecordDialog(self._session, self._data_dir, match, self._wizard)
        dialog.finished.connect(dialog.deleteLater)
        self.dialogs.append(dialog)
        dialog.show()
        return dialog

    def reset(self) -> None:
        """A new entry."""
        self.stop()
        self.box.reset()
