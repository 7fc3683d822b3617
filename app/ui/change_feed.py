"""What the services announce (``services.events``: the records a committed transaction wrote, and
their family units), delivered on the main thread, so that a view refreshes itself instead of being
wired to each dialog that writes.

The services call their listeners on the thread that did the work (usually the worker's). A
:class:`ChangeFeed` keeps what it hears and tells its own thread by an argument-free queued signal,
as ``worker.Operation`` does; what arrives meanwhile is merged, one announcement per source, so a
busy main thread reads a view again once rather than once per transaction. A feed listens from its
creation until :meth:`stop` (a window closing or signing out) or its deletion, whichever comes first.
"""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal, Slot

from app.services import events


class ChangeFeed(QObject):
    """Every announcement of the services, on the thread the feed lives in (see the module's text)."""

    changed = Signal(object)  # an events.Changed, emitted on the feed's thread
    _arrived = Signal()  # any thread -> the feed's thread (queued); the news waits in ``_pending``

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._pending: list[events.Changed] = []
        self._stopped = False
        self._arrived.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        unsubscribe = events.subscribe(self._heard)
        self._unsubscribe = unsubscribe
        self.destroyed.connect(lambda *_: unsubscribe())  # not through self: it is going away

    def stop(self) -> None:
        """Hear nothing more, and drop what has not been delivered yet."""
        self._stopped = True
        self._unsubscribe()
        with self._lock:
            self._pending.clear()

    def is_stopped(self) -> bool:
        return self._stopped

    def _heard(self, changed: events.Changed) -> None:
        """On the thread that did the work."""
        if self._stopped:
            return
        if not shiboken6.isValid(self):  # deleted without a stop, and the signal never came
            self._unsubscribe()
            return
        with self._lock:
            first = not self._pending  # otherwise a delivery is on its way already
            self._pending.append(changed)
        if first:
            try:
                self._arrived.emit()
            except RuntimeError:  # deleted between the check and the emit
                pass

    @Slot()
    def _deliver(self) -> None:
        with self._lock:
            pending, self._pending = self._pending, []
        if self._stopped:
            return
        for changed in merged(pending):
            self.changed.emit(changed)


def merged(news: list[events.Changed]) -> list[events.Changed]:
    """The announcements as one per source (in the order the sources first came)."""
    by_source: dict[str, events.Changed] = {}
    for changed in news:
        seen = by_source.get(changed.source)
        by_source[changed.source] = changed if seen is None else events.Changed(
            seen.families | changed.families, seen.entities | changed.entities, changed.source)
    return list(by_source.values())
