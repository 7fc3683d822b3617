"""Inactivity: the session locks after a set time without keyboard or mouse use (docs/design.md,
security defaults: default 10 minutes, at most 30)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

# What counts as use: a key, a click, a wheel turn, a touch, or the pointer moving over the app.
_ACTIVITY = frozenset({
    QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
    QEvent.Type.TouchBegin, QEvent.Type.TabletPress, QEvent.Type.ShortcutOverride,
})


class IdleWatcher(QObject):
    """Emits ``idle`` once when the app has seen no use for ``timeout_ms``; any use restarts the
    count. Watches every window of the application through an event filter."""

    idle = Signal()

    def __init__(self, timeout_ms: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(timeout_ms)
        self._timer.timeout.connect(self.idle)
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        self._timer.start()

    def set_timeout(self, timeout_ms: int) -> None:
        self._timer.setInterval(timeout_ms)
        self.restart()

    def timeout_ms(self) -> int:
        return self._timer.interval()

    def restart(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def is_counting(self) -> bool:
        return self._timer.isActive()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() in _ACTIVITY and self._timer.isActive():
            self._timer.start()
        return False

    def dispose(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._timer.stop()
