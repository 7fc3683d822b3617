"""The family unit of a person on record, read-only, beside the new encounter (the review step's
"Open the record"): the agent compares the person in front of them with the record (names, ages,
band, photo and marks, relatives) before saying "Same person" or "Not the same". Not modal: the
wizard keeps everything typed and its keys while it is open; Escape or Close closes it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QVBoxLayout, QWidget

from app import services

from ..family_view import FamilyView
from ..list_dialog import ListDialog


class RecordDialog(ListDialog):
    """``match``: the person on record, as ``services.duplicate_candidates`` gave them."""

    def __init__(self, session: services.Session, data_dir: Path, match: dict[str, Any],
                 parent: QWidget | None = None) -> None:
        super().__init__(session, data_dir, parent)
        self.match = match
        self.setModal(False)
        self.view = FamilyView(session, data_dir)
        self.view.set_can_correct(False)
        for button in (self.view.custody_button, self.view.arrival_button, self.view.link_button,
                       self.view.print_button, self.view.put_on_button, self.view.export_button):
            button.hide()  # read-only: what is recorded about them is recorded from the main window
        self._inputs.append(self.view)
        column = QVBoxLayout(self)
        for widget in (self.heading, self.explanation):
            column.addWidget(widget)
        column.addWidget(self.view, 1)
        self.add_footer(column)
        self._beside()
        self.ready()

    def _beside(self) -> None:
        """The right half of the screen, the wizard's form left in view as far as the screen allows."""
        screen = (self.parentWidget() or self).screen().availableGeometry()
        width = max(screen.width() // 2, min(screen.width(), 640))
        self.setGeometry(screen.right() - width + 1, screen.top(), width, screen.height())

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Kinlink — on record"))
        self.heading.setText(self.tr("On record: %1").replace("%1", " ".join(
            p for p in (self.match.get("given_names"), self.match.get("family_names")) if p)))
        self.explanation.setText(self.tr("Compare with the person in front of you, then choose Same person or "
                                         "Not the same in the new encounter. Nothing typed there is lost."))
        self.close_button.setText(self.tr("Close"))

    def load(self) -> None:
        session, family = self._session, str((self.match.get("family") or {}).get("id"))
        self.fetch(lambda: services.show_family(session=session, ident=family), self.tr("Reading the record…"),
                   self._loaded)

    def _loaded(self, family: dict[str, Any]) -> None:
        self.view.show_family(family)
        ids = [p["id"] for p in family["people"]]
        if self.match["id"] in ids:  # the person who may be registered again, chosen in the table
            self.view.people.setCurrentItem(self.view.people.topLevelItem(ids.index(self.match["id"])))
        self.view.people.setFocus()
