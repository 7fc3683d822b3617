"""Sync in the background, and its place in the status bar.

:class:`SyncScheduler` decides when the station syncs: soon after the window opens, then every
``PERIOD_MS`` while all is well, ``SOON_MS`` after each change saved here (the next change starts
the wait again), and after a failure when ``services.sync.backoff_seconds(failures)`` says (15 s
doubling to 15 min). "Sync now" (F5) syncs at once. One sync at a time, always on the worker
(``worker.Operation``), so the window keeps drawing. A station that is not enrolled with a registry
is never synced, only looked at again now and then (an admin may enrol it meanwhile).

:class:`SyncIndicator` shows it: "Synced 14:05 · 0 pending", "3 pending", "Sync failed: the registry
cannot be reached · retry at 14:12", "Not enrolled"; what waits for a supervisor after it ("· 2
refused · 1 set aside — see Conflicts"); the details in its tooltip; a progress bar while a large
sync runs. None of it is personal. While the station is locked the status bar is
hidden and background sync carries on; when the window closes or signs out, :meth:`stop` ends it.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt, QTimer, Signal, Slot
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QSizePolicy, QWidget

from app import bugreport, services
from app.security.roles import Permission, allowed
from app.services.sync import BACKOFF_MAX, backoff_seconds

from . import labels, messages
from .worker import SYNC, Operation

_CONTEXT = "SyncIndicator"

# The sync engine's reasons (plain English, with the registry's address) in a few short words; the
# first marker found in the engine's message wins (a protocol refusal also says "refused this station").
_STATION_OLDER = QT_TRANSLATE_NOOP("SyncIndicator", "Kinlink needs updating on this station")
_REGISTRY_OLDER = QT_TRANSLATE_NOOP("SyncIndicator", "Kinlink needs updating at the registry")
_REASONS = (
    ("cannot be reached", QT_TRANSLATE_NOOP("SyncIndicator", "the registry cannot be reached")),
    ("did not answer in time", QT_TRANSLATE_NOOP("SyncIndicator", "the registry did not answer in time")),
    ("wait at the registry", QT_TRANSLATE_NOOP("SyncIndicator", "this station's clock is ahead: records wait")),
    ("is busy with this station", QT_TRANSLATE_NOOP("SyncIndicator", "the registry is busy")),
    ("this station runs an older Kinlink", _STATION_OLDER),
    ("the registry runs a newer Kinlink", _STATION_OLDER),
    ("this station runs a newer Kinlink", _REGISTRY_OLDER),
    ("the registry runs an older Kinlink", _REGISTRY_OLDER),
    ("refused this station", QT_TRANSLATE_NOOP("SyncIndicator", "the registry refused this station")),
    ("had a problem", QT_TRANSLATE_NOOP("SyncIndicator", "the registry had a problem")),
    ("did not come from the registry", QT_TRANSLATE_NOOP(
        "SyncIndicator", "an answer did not come from this station's registry")),
)
_BUG = QT_TRANSLATE_NOOP("SyncIndicator", "something went wrong (reference %1)")
_NEVER = QT_TRANSLATE_NOOP("SyncIndicator", "never")
_LONGEST_REASON = 70  # characters of an unlisted reason shown in the status bar (all of it in the tooltip)


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


class SyncStopped(Exception):
    """Raised in the progress callback once syncing has stopped: the sync ends after the step it is
    on (each step is complete in the store, so nothing is half done)."""


@dataclass(frozen=True)
class Problem:
    """Why the last sync failed: ``sync`` (the engine's message), ``known`` (an error with a message
    of its own, such as a full disk) or ``bug`` (the bug log's reference). Put in words when shown,
    so a language switch applies."""

    kind: str
    value: Any

    def words(self) -> str:
        if self.kind == "sync":
            text = str(self.value)
            for marker, reason in _REASONS:
                if marker in text:
                    return _tr(reason)
            return text if len(text) <= _LONGEST_REASON else text[:_LONGEST_REASON - 1].rstrip() + "…"
        if self.kind == "known":
            return (messages.known_message(self.value) or "").rstrip(".")
        return _tr(_BUG).replace("%1", str(self.value))

    def detail(self) -> str:
        return messages.sentence(str(self.value)) if self.kind == "sync" else messages.sentence(self.words())


@dataclass
class _Outcome:
    status: dict[str, Any]
    report: dict[str, Any] | None = None
    failure: services.SyncFailure | None = None


def _sync(session: services.Session, progress: Any) -> _Outcome:
    """On the worker: sync if the station is enrolled; the sync status afterwards either way."""
    status = services.sync_status(session=session)
    if not status["enrolled"]:
        return _Outcome(status)  # nothing to sync with: no attempt
    try:
        report = services.sync_now(session=session, progress=progress)
    except services.SyncFailure as failure:
        return _Outcome(services.sync_status(session=session), failure=failure)
    except services.NotEnrolled:
        return _Outcome(services.sync_status(session=session))
    return _Outcome(report, report=report)  # the report carries the status too


class _ProgressRelay(QObject):
    """The sync's progress, from the worker to the main thread: the worker keeps the latest figures
    and emits an argument-free queued signal (as ``worker.Operation`` does); updates coalesce."""

    arrived = Signal()

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.stopped = False
        self._lock = threading.Lock()
        self._latest: tuple[str, int, int] | None = None

    def report(self, phase: str, done: int, total: int) -> None:
        """On the worker, between two steps of the sync."""
        if self.stopped:
            raise SyncStopped()
        with self._lock:
            self._latest = (phase, done, total)
        if shiboken6.isValid(self):
            try:
                self.arrived.emit()
            except RuntimeError:  # deleted between the check and the emit
                pass

    def take(self) -> tuple[str, int, int] | None:
        with self._lock:
            latest, self._latest = self._latest, None
        return latest


class SyncScheduler(QObject):
    """When the station syncs (see the module's text), and what the indicator shows."""

    changed = Signal()  # the state changed: show it again (what a sync brought, the services announce)

    START_MS = 2_000  # the first sync, after the window opens
    SOON_MS = 3_000  # after a change saved here
    PERIOD_MS = 120_000  # while all is well (and how often a station not enrolled is looked at)
    LARGE = 100  # change records: a sync of at least this many shows a progress bar
    backoff = staticmethod(backoff_seconds)  # seconds to wait after so many failures in a row

    def __init__(self, session: services.Session, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session, self._data_dir = session, data_dir
        self.may_resolve = allowed(session.role, Permission.RESOLVE_CONFLICTS)  # the user decides on refusals
        self.status: dict[str, Any] | None = None  # services.sync_status, once known
        self.running = False
        self.problem: Problem | None = None  # why the last attempt failed (None: it did not)
        self.next_at: datetime | None = None  # when the next sync is due
        self.progress: tuple[str, int, int] | None = None  # phase, done, total, for a large sync
        self._failures = 0
        self._again = False  # a change or "Sync now" came during a sync: another follows
        self._stopped = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._run)
        self._relay = _ProgressRelay(self)
        self._relay.arrived.connect(self._progressed, Qt.ConnectionType.QueuedConnection)

    def start(self) -> None:
        self._look()
        self._schedule(self.START_MS)

    def sync_now(self) -> None:
        """Sync at once (the user asked); during a sync, one more follows it."""
        if self._stopped:
            return
        if self.running:
            self._again = True
            return
        self._run()

    def local_change(self) -> None:
        """A change was saved here: count it as pending now, and sync a few seconds later (a
        further change starts the wait again; a back-off after a failure is not cut short)."""
        if self._stopped:
            return
        if self.running:
            self._again = True
            return
        self._look()
        self._soon()

    def stop(self) -> None:
        """No more syncs (the window closes or signs out); a running one ends after its current step."""
        self._stopped = True
        self._relay.stopped = True
        self._timer.stop()
        self.next_at = None

    def is_stopped(self) -> bool:
        return self._stopped

    def interval_ms(self) -> int | None:
        """Milliseconds the scheduled sync was set to wait (None: none is scheduled)."""
        return self._timer.interval() if self._timer.isActive() else None

    def _soon(self) -> None:
        wait = self.SOON_MS
        if self._failures and self._timer.isActive():
            wait = max(wait, self._timer.remainingTime())
        self._schedule(wait)

    def _schedule(self, ms: float) -> None:
        if self._stopped:
            return
        ms = max(0, int(ms))
        self._timer.start(ms)
        self.next_at = datetime.now().astimezone() + timedelta(milliseconds=ms)

    @Slot()
    def _run(self) -> None:
        if self._stopped or self.running:
            return
        self._timer.stop()
        self.running, self.progress, self.next_at = True, None, None
        self.changed.emit()
        session, progress = self._session, self._relay.report
        Operation(self, lambda: _sync(session, progress), lane=SYNC).success(self._done).failure(self._broke).run()

    def _done(self, outcome: _Outcome) -> None:
        self.running, self.progress, self.status = False, None, outcome.status
        if self._stopped:
            return
        if outcome.failure is not None:
            self._failed(Problem("sync", str(outcome.failure)), int(outcome.status.get("failures") or 1),
                         refused=outcome.failure.refused)
        else:
            self._failures, self.problem = 0, None
            self._schedule(self.PERIOD_MS)  # not enrolled: only a look at the status then
        self._follow_up()

    def _broke(self, error: BaseException) -> None:
        """Not a sync failure: a known condition (a full disk) or a bug (logged with a trace)."""
        self.running, self.progress = False, None
        if self._stopped:
            return
        if messages.known_message(error) is not None:
            problem = Problem("known", error)
        else:
            problem = Problem("bug", bugreport.record(error, self._data_dir / "logs"))
        self._failed(problem, self._failures + 1, refused=isinstance(error, services.NotPermitted))
        self._follow_up()

    def _failed(self, problem: Problem, failures: int, *, refused: bool) -> None:
        self.problem, self._failures = problem, max(1, failures)
        wait = self.backoff(self._failures)
        self._schedule(1000 * (max(wait, BACKOFF_MAX) if refused else wait))  # trying again soon would not help

    def _follow_up(self) -> None:
        if self._again:
            self._again = False
            self._soon()
        self.changed.emit()

    def _look(self) -> None:
        """The sync status (pending changes) on the worker, without syncing."""
        session = self._session
        Operation(self, lambda: services.sync_status(session=session), lane=SYNC).success(self._seen) \
            .failure(lambda error: None if self.running else self._broke(error)).run()

    def _seen(self, status: dict[str, Any]) -> None:
        if self.running:
            return  # the sync's own answer follows
        self.status = status
        if self.problem is None and status.get("last_error"):  # as the last run of the app left it
            self.problem, self._failures = Problem("sync", status["last_error"]), int(status["failures"])
        self.changed.emit()

    @Slot()
    def _progressed(self) -> None:
        latest = self._relay.take()
        if latest is None or not self.running:
            return
        self.progress = latest if latest[2] >= self.LARGE else None
        self.changed.emit()


def _clock(moment: datetime) -> str:
    """A moment in local time: the time of day today, the date too on another day."""
    local = moment.astimezone()
    return f"{local:%H:%M}" if local.date() == datetime.now().astimezone().date() else f"{local:%Y-%m-%d %H:%M}"


def _when(iso: str | None) -> str:
    if not iso:
        return _tr(_NEVER)
    try:
        return _clock(datetime.fromisoformat(iso))
    except ValueError:
        return iso


class SyncIndicator(QWidget):
    """The status bar's view of a :class:`SyncScheduler`: its words, a tooltip and a progress bar."""

    def __init__(self, scheduler: SyncScheduler, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._scheduler = scheduler
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setFixedWidth(220)
        self.bar.hide()
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)  # shrinks with its text
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 6, 0)  # a little room before the next item of the status bar
        row.addWidget(self.bar)
        row.addWidget(self.label)
        scheduler.changed.connect(self.show_state)
        self.show_state()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.show_state()
        super().changeEvent(event)

    @Slot()
    def show_state(self) -> None:
        self.label.setText(self.summary())
        self.setToolTip(self.details())
        self.label.setAccessibleName(self.tr("Sync status"))
        progress = self._scheduler.progress if self._scheduler.running else None
        self.bar.setVisible(progress is not None)
        if progress is not None:
            phase, done, total = progress
            text = self.tr("Sending %1 of %2") if phase == "push" else self.tr("Receiving %1 of %2")
            self.bar.setRange(0, max(total, 1))
            self.bar.setValue(min(done, total))
            self.bar.setFormat(text.replace("%1", str(done)).replace("%2", str(total)))
            self.bar.setAccessibleName(self.tr("Sync progress"))

    def summary(self) -> str:
        """The indicator's words."""
        scheduler = self._scheduler
        status = scheduler.status
        if scheduler.running:
            return self.tr("Syncing…")
        if status is None:
            return ""
        if not status["enrolled"]:
            return self.tr("Not enrolled")
        return self._waiting_for_supervisor(status, self._state(status))

    def _state(self, status: dict[str, Any]) -> str:
        scheduler, problem = self._scheduler, self._scheduler.problem
        if problem is not None and scheduler.next_at is not None:
            return self.tr("Sync failed: %1 · retry at %2").replace("%1", problem.words()).replace(
                "%2", _clock(scheduler.next_at))
        if problem is not None:
            return self.tr("Sync failed: %1").replace("%1", problem.words())
        if status.get("last_success"):
            return self.tr("Synced %1 · %2 pending").replace("%1", _when(status["last_success"])).replace(
                "%2", str(status["pending"]))
        return self.tr("%1 pending").replace("%1", str(status["pending"]))

    def _waiting_for_supervisor(self, status: dict[str, Any], text: str) -> str:
        """``text`` and, when the registry refused transactions or a pull set records aside, how many
        and where a supervisor sees them (an agent is told to ask one)."""
        parts = [text]
        if status.get("refused"):
            parts.append(self.tr("%1 refused").replace("%1", str(status["refused"])))
        if status.get("quarantined"):
            parts.append(self.tr("%1 set aside").replace("%1", str(status["quarantined"])))
        if len(parts) == 1:
            return text
        where = self.tr("%1 — see Conflicts") if self._scheduler.may_resolve else self.tr("%1 — tell a supervisor")
        return where.replace("%1", " · ".join(parts))

    def details(self) -> str:
        """The indicator's tooltip."""
        scheduler, status = self._scheduler, self._scheduler.status
        if status is None:
            return ""
        pending = self.tr("Changes waiting to be sent: %1").replace("%1", str(status["pending"]))
        if not status["enrolled"]:
            return "\n".join([self.tr("This station is not enrolled with a registry: its changes stay here "
                                       "until an admin enrols it."), pending])
        lines = [self.tr("Registry: %1").replace("%1", str(status.get("registry") or labels.MISSING)),
                 self.tr("Last successful sync: %1").replace("%1", _when(status.get("last_success"))), pending,
                 self.tr("Conflicts to resolve: %1").replace("%1", str(status.get("conflicts", 0))),
                 self.tr("Transactions the registry refused: %1").replace("%1", str(status.get("refused", 0))),
                 self.tr("Records set aside from a pull: %1").replace("%1", str(status.get("quarantined", 0)))]
        if status.get("refused") or status.get("quarantined"):
            lines.append(self.tr("A supervisor decides on them in Station ▸ Conflicts… (Ctrl+Shift+K)."))
        if scheduler.problem is not None:
            lines.append(self.tr("Last error: %1").replace("%1", scheduler.problem.detail()))
        if scheduler.next_at is not None:
            lines.append(self.tr("Next sync: %1").replace("%1", _clock(scheduler.next_at)))
        lines.append(self.tr("F5 syncs now."))
        return "\n".join(lines)
