"""Sync in the main window, against a real registry process (tests/syncing.py): the status bar's
indicator, "Sync now" (F5), a sync soon after a change, back-off after a failure, a progress bar for
large syncs, the worker doing the work, and a clean stop when the window closes."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt, QTimer

from app import services
from app.services.sync import BACKOFF_MAX
from app.ui import i18n, worker
from app.ui.main_window import MainWindow
from app.ui.sync_panel import SyncScheduler
from app.ui.worker import Operation
from tests.syncing import RunningRegistry, TestStation
from tests.ui.conftest import show_main_window
from tests.ui.test_i18n import TS, clipped

SOON_MS = 300
LONG_MS = 600_000  # "not within this test"


@pytest.fixture
def registry_db(tmp_path: Path) -> str:
    """The registry over SQLite only (the engine's tests cover PostgreSQL; the window's behaviour is the same)."""
    return f"sqlite:///{tmp_path / 'registry.db'}"


@pytest.fixture
def backoffs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Timers measured in tenths of a second: no sync on its own unless a test says so, a change
    synced after SOON_MS, and a back-off of 0.3 s after one failure, 0.5 s after more. Returns the
    failure counts the back-off was asked about."""
    asked: list[int] = []

    def backoff(failures: int) -> float:
        asked.append(failures)
        return 0.3 if failures == 1 else 0.5

    monkeypatch.setattr(SyncScheduler, "START_MS", LONG_MS)
    monkeypatch.setattr(SyncScheduler, "PERIOD_MS", LONG_MS)
    monkeypatch.setattr(SyncScheduler, "SOON_MS", SOON_MS)
    monkeypatch.setattr(SyncScheduler, "backoff", staticmethod(backoff))
    return asked


@pytest.fixture
def sync_calls(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The thread of each real sync the app started (the real ``services.sync_now`` still runs)."""
    calls: list[str] = []
    real = services.sync_now

    def counted(**kwargs: Any) -> dict[str, Any]:
        calls.append(threading.current_thread().name)
        return real(**kwargs)

    monkeypatch.setattr(services, "sync_now", counted)
    return calls


@pytest.fixture
def north(make_station: Any, example_document: bytes) -> TestStation:
    """An enrolled station with one family registered and not yet sent."""
    station = make_station("North")
    station.register(example_document)
    return station


@pytest.fixture
def open_window(qtbot: Any, backoffs: list[int]) -> Iterator[Any]:
    """Opens main windows; each is closed and the worker drained before the sessions close."""
    opened: list[MainWindow] = []

    def open_(session: services.Session, data_dir: Path) -> MainWindow:
        window = show_main_window(qtbot, session, data_dir)
        opened.append(window)
        return window

    yield open_
    for window in opened:
        window.close()
    assert worker.wait_for_idle(), "a sync was still running"


def _indicator(window: MainWindow) -> str:
    return window.sync_indicator.label.text()


def _pending(station: TestStation) -> int:
    assert worker.wait_for_idle()
    return int(services.sync_status(session=station.agent)["pending"])


def test_a_station_not_enrolled_says_so_and_is_never_synced(qtbot, open_window, agent: services.Session,
                                                             station: Path, sync_calls: list[str],
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(SyncScheduler, "START_MS", 50)
    window = open_window(agent, station)
    qtbot.waitUntil(lambda: window.sync.interval_ms() == LONG_MS, timeout=5000)  # the first round is over
    assert _indicator(window) == "Not enrolled"
    assert "not enrolled with a registry" in window.sync_indicator.toolTip()
    qtbot.keyClick(window.search_box, Qt.Key.Key_F5)
    window.sync.local_change()
    qtbot.wait(SOON_MS + 200)
    assert worker.wait_for_idle()
    qtbot.waitUntil(lambda: not window.sync.running, timeout=5000)
    assert _indicator(window) == "Not enrolled"
    assert sync_calls == [], "no sync is attempted without a registry"


def test_sync_now_sends_the_pending_changes_and_shows_the_time(qtbot, open_window, north: TestStation,
                                                               registry: RunningRegistry,
                                                               sync_calls: list[str]) -> None:
    pending = _pending(north)
    assert pending > 0
    window = open_window(north.agent, north.data_dir)
    qtbot.waitUntil(lambda: _indicator(window) == f"{pending} pending", timeout=5000)
    assert "F5 syncs now" in window.sync_indicator.toolTip()
    assert window.sync_action.shortcut().toString() == "F5"
    qtbot.keyClick(window.search_box, Qt.Key.Key_F5)
    qtbot.waitUntil(lambda: _indicator(window).startswith("Synced "), timeout=10_000)
    assert re.fullmatch(r"Synced \d\d:\d\d · 0 pending", _indicator(window)), _indicator(window)
    assert len(sync_calls) == 1
    assert _pending(north) == 0
    registry_side = registry.open()
    try:
        assert registry_side.status()["changes"] == pending
    finally:
        registry_side.close()
    tooltip = window.sync_indicator.toolTip()
    assert "Registry: " in tooltip and "Conflicts to resolve: 0" in tooltip
    assert "Changes waiting to be sent: 0" in tooltip
    assert window.sync.interval_ms() == LONG_MS, "the next one in a period"


def test_a_failure_is_said_plainly_and_retried_with_backoff(qtbot, open_window, north: TestStation,
                                                            registry: RunningRegistry, backoffs: list[int]) -> None:
    window = open_window(north.agent, north.data_dir)
    registry.stop()
    window.sync_action.trigger()
    qtbot.waitUntil(lambda: _indicator(window).startswith("Sync failed"), timeout=10_000)
    assert re.fullmatch(r"Sync failed: the registry cannot be reached · retry at \d\d:\d\d", _indicator(window)), \
        _indicator(window)
    assert backoffs[0] == 1 and window.sync.interval_ms() == 300
    tooltip = window.sync_indicator.toolTip()
    assert f"Last error: The registry at {registry.url} cannot be reached" in tooltip
    assert "Next sync: " in tooltip
    qtbot.waitUntil(lambda: len(backoffs) >= 2, timeout=5000)  # retried on its own, and failed again
    assert backoffs[:2] == [1, 2] and window.sync.interval_ms() == 500
    assert services.sync_status(session=north.agent)["failures"] >= 2  # recorded by the station, for the next start
    registry.start()
    qtbot.waitUntil(lambda: _indicator(window).startswith("Synced "), timeout=20_000)
    assert _indicator(window).endswith("· 0 pending")
    assert backoffs == list(range(1, len(backoffs) + 1)), "one more failure each time, none skipped"
    assert window.sync.interval_ms() == LONG_MS, "back to the usual period"


def test_a_refused_station_is_not_asked_again_soon(qtbot, open_window, north: TestStation,
                                                   registry: RunningRegistry) -> None:
    registry_side = registry.open()
    try:
        registry_side.revoke(north.agent.identity.code, "lost at the crossing")
    finally:
        registry_side.close()
    window = open_window(north.agent, north.data_dir)
    window.sync.sync_now()
    qtbot.waitUntil(lambda: _indicator(window).startswith("Sync failed"), timeout=10_000)
    assert _indicator(window).startswith("Sync failed: the registry refused this station · retry at ")
    assert window.sync.interval_ms() == int(BACKOFF_MAX * 1000)


def test_the_sync_runs_on_its_own_worker_while_the_window_keeps_working(qtbot, open_window, north: TestStation,
                                                                     registry: RunningRegistry,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The sync is held on the worker: the window still draws, takes keys and runs timers; more
    requests meanwhile start no second sync (one follows the first, for what came meanwhile)."""
    release, threads, times = threading.Event(), [], []
    real = services.sync_now

    def held(**kwargs: Any) -> dict[str, Any]:
        threads.append(threading.current_thread())
        times.append(time.monotonic())
        release.wait(timeout=20)
        try:
            return real(**kwargs)
        finally:
            times.append(time.monotonic())

    monkeypatch.setattr(services, "sync_now", held)
    window = open_window(north.agent, north.data_dir)
    try:
        window.sync.sync_now()
        qtbot.waitUntil(lambda: len(threads) == 1, timeout=5000)
        assert _indicator(window) == "Syncing…"
        ticked: list[bool] = []
        QTimer.singleShot(20, lambda: ticked.append(True))
        qtbot.waitUntil(lambda: ticked == [True], timeout=2000)
        qtbot.keyClicks(window.search_box, "garcia")
        assert window.search_box.text() == "garcia"
        found: list[Any] = []  # store work (a search) is not held up by the sync: it has a lane of its own
        Operation(window, lambda: services.search(session=north.agent, text="garcia")).success(found.append).run()
        qtbot.waitUntil(lambda: len(found) == 1, timeout=5000)
        qtbot.keyClick(window.search_box, Qt.Key.Key_F5)
        window.sync.local_change()
        qtbot.wait(SOON_MS + 200)
        assert len(threads) == 1, "one sync at a time"
    finally:
        release.set()
    qtbot.waitUntil(lambda: _indicator(window).startswith("Synced "), timeout=10_000)
    assert threads[0] is not threading.main_thread() and threads[0].name == "kinlink-sync"
    qtbot.waitUntil(lambda: len(threads) == 2, timeout=5000)  # the one asked for meanwhile
    qtbot.waitUntil(lambda: not window.sync.running, timeout=10_000)
    qtbot.wait(SOON_MS + 200)
    assert len(threads) == 2, "the requests made during the first sync led to one more, not one each"
    assert times[2] - times[1] >= 0.9 * SOON_MS / 1000, "it followed the first, it was not queued behind it"


def test_a_change_is_synced_soon_after(qtbot, open_window, north: TestStation, registry: RunningRegistry,
                                       sync_calls: list[str], example_document: bytes) -> None:
    window = open_window(north.agent, north.data_dir)
    window.sync.sync_now()
    qtbot.waitUntil(lambda: _indicator(window).startswith("Synced "), timeout=10_000)
    assert worker.wait_for_idle()
    family = north.register(example_document)["families"][0]
    window.bands.changed.emit(str(family["id"]))  # as the band desk does after a print
    pending = _pending(north)
    qtbot.waitUntil(lambda: _indicator(window).endswith(f"· {pending} pending"), timeout=5000)
    assert len(sync_calls) == 1 and window.sync.interval_ms() == SOON_MS
    window.bands.changed.emit(str(family["id"]))  # a second change starts the wait again
    qtbot.waitUntil(lambda: len(sync_calls) == 2, timeout=5000)
    qtbot.waitUntil(lambda: _indicator(window).endswith("· 0 pending"), timeout=10_000)
    qtbot.wait(SOON_MS + 200)
    assert len(sync_calls) == 2, "two changes close together: one sync"
    assert _pending(north) == 0


def test_a_large_sync_shows_its_progress(qtbot, open_window, north: TestStation, registry: RunningRegistry,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(SyncScheduler, "LARGE", 2)  # "large" from two change records
    pending = _pending(north)
    window = open_window(north.agent, north.data_dir)
    bar, seen = window.sync_indicator.bar, []
    window.sync.changed.connect(lambda: seen.append((bar.isVisible(), bar.format(), bar.maximum())))
    assert not bar.isVisible()
    window.sync.sync_now()
    qtbot.waitUntil(lambda: _indicator(window).startswith("Synced "), timeout=10_000)
    shown = [(text, maximum) for visible, text, maximum in seen if visible]
    assert (f"Sending {pending} of {pending}", pending) in shown
    assert not bar.isVisible(), "hidden once the sync is over"


def test_closing_the_window_stops_a_sync_after_its_current_step(qtbot, open_window, north: TestStation,
                                                                registry: RunningRegistry,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    release, started = threading.Event(), threading.Event()
    real = services.sync_now

    def held(**kwargs: Any) -> dict[str, Any]:
        started.set()
        release.wait(timeout=20)
        return real(**kwargs)

    monkeypatch.setattr(services, "sync_now", held)
    pending = _pending(north)
    window = open_window(north.agent, north.data_dir)
    window.sync.sync_now()
    assert started.wait(timeout=5)
    window.close()
    release.set()
    assert worker.wait_for_idle()
    assert window.sync.is_stopped() and window.sync.interval_ms() is None
    window.sync.sync_now()
    window.sync.local_change()
    assert worker.wait_for_idle()
    assert _pending(north) == pending, "stopped before sending anything"


def test_a_failure_fits_the_status_bar_in_spanish_and_the_pseudo_language(qtbot, open_window, north: TestStation,
                                                                         registry: RunningRegistry,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    qm = TS.with_suffix(".qm")
    if not qm.exists() or qm.stat().st_mtime < TS.stat().st_mtime:  # as the set-up does
        subprocess.run([str(Path(sys.executable).with_name("pyside6-lrelease")), "-silent", str(TS), "-qm", str(qm)],
                       check=True)
    window = open_window(north.agent, north.data_dir)
    monkeypatch.setattr(SyncScheduler, "backoff", staticmethod(lambda _failures: 600.0))  # the failure stays on show
    registry.stop()
    window.sync.sync_now()
    qtbot.waitUntil(lambda: _indicator(window).startswith("Sync failed"), timeout=10_000)
    try:
        assert i18n.switch("es") == "es"
        qtbot.waitUntil(lambda: re.fullmatch("Falló la sincronización: no se puede contactar con el registro central "
                                             r"· reintento a las \d\d:\d\d", _indicator(window)) is not None,
                        timeout=2000)
        qtbot.wait(50)  # the layouts' turn
        assert clipped(window.statusBar()) == []
        i18n.install_pseudo()
        qtbot.waitUntil(lambda: not _indicator(window).startswith("Falló"), timeout=2000)
        qtbot.wait(50)
        assert clipped(window.statusBar()) == []
    finally:
        i18n.switch("en")


def test_a_locked_window_shows_no_sync_state_and_syncs_on(qtbot, open_window, north: TestStation,
                                                          registry: RunningRegistry) -> None:
    window = open_window(north.agent, north.data_dir)
    window.lock()
    assert not window.sync_indicator.isVisible() and not window.sync_action.isEnabled()
    window.sync.sync_now()  # as its timer does
    qtbot.waitUntil(lambda: window.sync.status is not None and window.sync.status.get("last_success") is not None,
                    timeout=10_000)
    assert _pending(north) == 0
    assert not window.sync_indicator.isVisible()
