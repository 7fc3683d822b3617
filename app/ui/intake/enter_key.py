"""Enter in a single-line field of the intake wizard moves on, as Tab does (issue 16, item 9): a field
finished with Enter goes to the next one, past a field that does not apply (the page says which:
"Name unknown" once a name is typed, the age once a whole birth date is); in the last field of a
step, Enter is Next, as Ctrl+Return. Where Enter means something already it is not watched: the
photo's path (Enter loads the photo), the multi-line description (a new line), lists and boxes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_PLAIN = (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)


def _applies(_widget: QWidget) -> bool:
    return True


class EnterMovesOn(QObject):
    """Watches the fields given to :meth:`watch`; ``applies(widget)`` is False for a field Enter
    moves past (Tab still stops there)."""

    def __init__(self, parent: QWidget, applies: Callable[[QWidget], bool] = _applies) -> None:
        super().__init__(parent)
        self._applies = applies
        self._last: dict[QObject, Callable[[], None]] = {}

    def watch(self, *widgets: QWidget) -> None:
        for widget in widgets:
            widget.installEventFilter(self)

    def finish(self, widget: QWidget, done: Callable[[], None]) -> None:
        """Enter in ``widget``, the last field of its step, calls ``done`` (Next)."""
        self._last = {widget: done}
        self.watch(widget)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent) \
                or event.key() not in _ENTER or event.modifiers() not in _PLAIN:
            return False
        if watched in self._last:
            self._last[watched]()
        elif isinstance(watched, QWidget):
            self.move_on(watched)
        return True

    def move_on(self, widget: QWidget) -> None:
        """The next field, as Tab goes (Qt's own focus chain: hidden and greyed fields are passed),
        then on past any that does not apply. (QWidget's own step: in the date and time, Tab steps
        through the sections; Enter leaves them.)"""
        for _ in range(8):  # (a step has no more fields in a row that do not apply)
            QWidget.focusNextPrevChild(widget, True)
            now = QApplication.focusWidget()
            if now is None or now is widget or self._applies(now):
                return
            widget = now
