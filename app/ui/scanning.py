"""Keyboard-wedge scanners: a barcode scanner "types" what it reads, fast, and ends with Enter.

A scan into a text field arrives like typing (the search box and the check-bands field take it as
it comes). A scan while the focus is on anything else (a list, a button) is caught here: fast
printable keys followed by Enter, as long as a band payload, become one ``scanned`` signal, and the
keys are not delivered to the widget (a list would otherwise jump around on every letter).
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit

from app.bands import base45, payload

MAX_GAP_MS = 60  # people type slower than this between keys; scanners much faster
_TEXT_INPUTS = (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox)


looks_like_payload = payload.looks_like_payload
SCAN_CHARACTERS = frozenset(base45.ALPHABET) | frozenset(base45.ALPHABET.lower())  # lower: Caps Lock on


class ScanCatcher(QObject):
    """Watches the key presses sent to ``window``'s widgets and emits ``scanned`` for a payload
    scanned while no text field has the focus."""

    scanned = Signal(str)

    def __init__(self, window: QObject) -> None:
        super().__init__(window)
        self._buffer = ""
        self._clock = QElapsedTimer()
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)

    def dispose(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        focus = QApplication.focusWidget()
        if watched is not focus:  # the same key again, on its way up to a parent
            return False
        if focus is None or not self._in_window(focus) or isinstance(focus, _TEXT_INPUTS) or \
                (isinstance(focus, QComboBox) and focus.isEditable()):
            self._buffer = ""
            return False
        return self._key(event)

    def _in_window(self, widget: QObject) -> bool:
        window = self.parent()
        return hasattr(widget, "window") and widget.window() is window

    def _key(self, event: QKeyEvent) -> bool:
        if self._clock.isValid() and self._clock.elapsed() > MAX_GAP_MS:
            self._buffer = ""
        self._clock.restart()
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            text, self._buffer = self._buffer, ""
            if looks_like_payload(text):
                self.scanned.emit(text)
                return True
            return False
        typed = event.text()
        if len(typed) == 1 and typed in SCAN_CHARACTERS and not event.modifiers() & ~Qt.KeyboardModifier.ShiftModifier:
            self._buffer += typed
            return len(self._buffer) > 1  # the first key may be a person's: let it through
        self._buffer = ""
        return False


def take_scan(field: QLineEdit) -> str | None:
    """What a scanner (or a person) typed into a scan field, without the scanner's Enter or Tab;
    the field is emptied for the next scan. None when nothing but white space was typed."""
    text = field.text().strip("\r\n\t")
    field.clear()
    return text if text.strip() else None
