"""What the supervisor's and admin's list dialogs share (the conflicts, the proposed corrections,
the accounts, the audit log): a heading and an explanation, lists that look alike, reading and
saving on the worker with the dialog busy meanwhile, and a refusal shown in the form's message."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialogButtonBox, QLabel, QTreeWidget, QWidget

from app import services

from .forms import FormDialog, Retranslating, hint
from .worker import Operation


class ListDialog(Retranslating, FormDialog):
    """Subclasses build their widgets, then call ``ready()``; ``enable()`` sets what may be pressed."""

    def __init__(self, session: services.Session, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(data_dir, parent)
        self._session = session
        self._ready = False
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.explanation = hint("")
        self.close_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.rejected.connect(self.reject)

    @staticmethod
    def list_widget() -> QTreeWidget:
        tree = QTreeWidget()
        tree.setRootIsDecorated(False)
        tree.setUniformRowHeights(True)
        tree.setAlternatingRowColors(True)
        return tree

    def ready(self) -> None:
        """The widgets are built: translate them and read the list."""
        self._ready = True
        self.retranslate()
        self.load()

    def load(self) -> None:
        raise NotImplementedError

    def enable(self) -> None:
        """What may be pressed now (called whenever the dialog stops or starts being busy)."""

    def set_busy(self, busy: bool, text: str = "") -> None:
        super().set_busy(busy, text)
        if self._ready:
            self.enable()

    def fetch(self, call: Callable[[], Any], busy_text: str, done: Callable[[Any], None]) -> None:
        """Run ``call`` on the worker (busy meanwhile); ``done`` gets its answer, a refusal is shown."""
        self.clear_messages()
        self.set_busy(True, busy_text)

        def finished(answer: Any) -> None:
            self.set_busy(False)
            done(answer)

        Operation(self, call).success(finished).failure(self._refused).run()

    def _refused(self, error: BaseException) -> None:
        self.set_busy(False)
        self.show_failure(error)
