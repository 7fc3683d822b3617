"""Background operations, in the Anki style (docs/conventions.md §3).

An :class:`Operation` runs one callable on the worker thread and delivers its result, or the
exception it raised, on the main thread, through Qt signals and the ``success`` / ``failure``
callbacks::

    Operation(self, lambda: services.sign_in(data_dir=d, user=u, passphrase=p)) \\
        .success(self._signed_in).failure(self._refused).run()

One worker thread runs the operations of a lane, in the order they were started, while the main
thread keeps drawing. The store lane serves everything the agent waits for (searches, saves,
prints); sync with the registry runs in its own lane, so that a slow network never holds a
search up. Nothing running on the
worker touches a widget: the callable gets no arguments and its answer crosses back by a queued
signal. When the ``parent`` object is destroyed before the answer arrives, the answer is
dropped (the callbacks would belong to a closed window).
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot


class _Worker:
    """One Python thread that runs queued operations in order, for the whole run.

    A plain thread rather than ``QThreadPool.start(callable)``: with PySide6 the latter, together
    with signals that carry Python objects across threads, corrupted reference counts at exit.
    Answers cross back by an argument-free queued signal; the answer itself stays on the Python
    object (see :class:`Operation`).
    """

    def __init__(self, name: str) -> None:
        self._jobs: queue.Queue[Operation] = queue.Queue()
        self._pending = 0
        self._idle = threading.Condition()
        self._thread = threading.Thread(target=self._loop, name=name, daemon=True)
        self._thread.start()

    def submit(self, operation: Operation) -> None:
        with self._idle:
            self._pending += 1
        self._jobs.put(operation)

    def wait_for_idle(self, msecs: int) -> bool:
        with self._idle:
            return self._idle.wait_for(lambda: self._pending == 0, timeout=msecs / 1000)

    def _loop(self) -> None:
        while True:
            operation = self._jobs.get()
            try:
                operation._work()
            finally:
                with self._idle:
                    self._pending -= 1
                    self._idle.notify_all()


STORE, SYNC = "store", "sync"  # the lanes
_THREAD_NAMES = {STORE: "kinlink-worker", SYNC: "kinlink-sync"}
_WORKERS: dict[str, _Worker] = {}
_WORKER_LOCK = threading.Lock()
_RUNNING: set[Operation] = set()  # keeps each operation alive until its answer is delivered


def _worker(lane: str = STORE) -> _Worker:
    with _WORKER_LOCK:
        if lane not in _WORKERS:
            _WORKERS[lane] = _Worker(_THREAD_NAMES[lane])
        return _WORKERS[lane]


def wait_for_idle(msecs: int = 30_000) -> bool:
    """Block until every started operation of every lane has finished running (answers may still be queued)."""
    deadline = time.monotonic() + msecs / 1000
    for lane in (SYNC, STORE, SYNC):  # a sync's answer may start store work, and store work a sync
        left = max(0, int((deadline - time.monotonic()) * 1000))
        if not _worker(lane).wait_for_idle(left):
            return False
    return True


class Operation(QObject):
    """One call on the worker thread. Connect callbacks (or the signals), then :meth:`run`."""

    succeeded = Signal(object)  # the callable's return value
    failed = Signal(object)  # the exception it raised
    finished = Signal()  # after either, once the callbacks have run
    _answered = Signal()  # worker -> main thread (queued); the answer is in ``_outcome``

    def __init__(self, parent: QObject, call: Callable[[], Any], *, lane: str = STORE) -> None:
        super().__init__()  # no Qt parent: lives until delivered, whatever happens to ``parent``
        self._owner: QObject | None = parent
        self._call = call
        self._lane = lane
        self._outcome: tuple[bool, Any] | None = None
        self._on_success: list[Callable[[Any], None]] = []
        self._on_failure: list[Callable[[BaseException], None]] = []
        self._answered.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def success(self, callback: Callable[[Any], None]) -> Operation:
        self._on_success.append(callback)
        return self

    def failure(self, callback: Callable[[BaseException], None]) -> Operation:
        self._on_failure.append(callback)
        return self

    def run(self) -> Operation:
        _RUNNING.add(self)
        _worker(self._lane).submit(self)
        return self

    def _work(self) -> None:
        """On the worker thread: call, keep the answer, tell the main thread."""
        try:
            self._outcome = (True, self._call())
        except Exception as error:  # noqa: BLE001 - every error is delivered to the main thread
            self._outcome = (False, error)
        if not shiboken6.isValid(self):
            return  # the application is shutting down and took the operation with it: nobody to tell
        try:
            self._answered.emit()
        except RuntimeError:  # deleted between the check and the emit, at shutdown
            pass

    @Slot()
    def _deliver(self) -> None:
        """On the main thread."""
        assert self._outcome is not None
        (ok, answer), self._outcome = self._outcome, None
        try:
            if self._owner is not None and shiboken6.isValid(self._owner):
                self._notify(ok, answer)
        finally:
            self._owner = None
            QTimer.singleShot(0, lambda: _RUNNING.discard(self))  # freed after this event, not inside it

    def _notify(self, ok: bool, answer: Any) -> None:
        if ok:
            for callback in self._on_success:
                callback(answer)
            self.succeeded.emit(answer)
        else:
            if not self._on_failure:
                raise answer  # nobody handles it: it reaches the application's excepthook
            for callback in self._on_failure:
                callback(answer)
            self.failed.emit(answer)
        self.finished.emit()
