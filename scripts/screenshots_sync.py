"""Screenshots of the sync indicator in the main window's status bar, in docs/screenshots/sync-*.png.

Run under Xvfb (like scripts/screenshots.py, which takes the other screens)::

    xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb .venv/bin/python scripts/screenshots_sync.py
    (add ``--language es`` for the Spanish ones, es-sync-*.png)

It starts a throw-away registry process (``kinlink registry serve``, as the tests do), makes a
station with an invented family (``scripts/screenshots.make_station``), enrols it, and shoots the
status bar: changes waiting, synced, a large sync's progress bar, a failed sync (the registry
stopped) and, the registry started again, a transaction it refused: a second station, Nogales,
registers a family unit that this station follows by a scan, the registry's operator revokes that
holding, and the agent here records a custody transfer of one of its people. The progress bar is set
on the scheduler by hand: a real sync of that size would be over before it could be shot. Nothing
here is real.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app import services  # noqa: E402
from app.ui import i18n, worker  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402
from app.ui.sync_panel import SyncScheduler  # noqa: E402
from scripts.screenshots import OUT, PASSPHRASE, make_station, settle  # noqa: E402
from tests.conftest import adult, child, document, link  # noqa: E402
from tests.syncing import RunningRegistry  # noqa: E402

MARGIN = 16  # pixels shot left of the sync indicator


def shoot_bar(window: MainWindow, name: str) -> None:
    """The status bar from the sync indicator to its right-hand end (the rest is room for passing messages)."""
    bar = window.statusBar()
    bar.clearMessage()
    settle(200)
    left = max(0, window.sync_indicator.geometry().x() - MARGIN)
    bar.grab(QRect(left, 0, bar.width() - left, bar.height())).save(str(OUT / name))
    print(f"screenshots: {OUT / name}")


def take_all(tmp: Path, prefix: str) -> None:
    registry = RunningRegistry(f"sqlite:///{tmp / 'registry.db'}", tmp / "registry-home")
    registry.data_dir.mkdir()
    registry.start()
    try:
        data_dir = tmp / "station"
        make_station(data_dir)
        chief = services.sign_in(data_dir=data_dir, user="chief", passphrase=PASSPHRASE)
        services.enroll_station(session=chief, url=registry.url, code=registry.enrollment_code())
        chief.close()
        session = services.sign_in(data_dir=data_dir, user="ana", passphrase=PASSPHRASE)
        try:
            shoot_window(MainWindow(session, data_dir), registry, session, tmp, prefix)
        finally:
            worker.wait_for_idle()
            session.close()
    finally:
        registry.stop()


def shoot_window(window: MainWindow, registry: RunningRegistry, session: services.Session, tmp: Path,
                 prefix: str) -> None:
    window.show()
    scheduler, label = window.sync, window.sync_indicator.label
    settle(until=lambda: label.text().endswith(("pending", "por enviar")))
    shoot_bar(window, f"{prefix}sync-pending.png")
    scheduler.sync_now()
    settle(until=lambda: not scheduler.running and scheduler.status is not None and scheduler.status["pending"] == 0)
    shoot_bar(window, f"{prefix}sync-synced.png")
    scheduler.running, scheduler.progress = True, ("pull", 240, 800)  # by hand: see the module's text
    scheduler.changed.emit()
    shoot_bar(window, f"{prefix}sync-progress.png")
    scheduler.running, scheduler.progress = False, None
    registry.stop()
    scheduler.sync_now()
    settle(until=lambda: not scheduler.running and scheduler.problem is not None)
    shoot_bar(window, f"{prefix}sync-failed.png")
    registry.start()
    a_refusal(registry, session, tmp)
    scheduler.sync_now()
    settle(until=lambda: not scheduler.running and scheduler.status is not None
           and scheduler.status.get("refused") == 1)
    shoot_bar(window, f"{prefix}sync-refused.png")
    window.close()


def a_refusal(registry: RunningRegistry, session: services.Session, tmp: Path) -> None:
    """A custody transfer here of a person of a unit this station no longer holds (see the module's text)."""
    nogales_dir = tmp / "nogales"
    services.init_station(data_dir=nogales_dir, station_name="Nogales Station", admin="boss", passphrase=PASSPHRASE)
    boss = services.sign_in(data_dir=nogales_dir, user="boss", passphrase=PASSPHRASE)
    try:
        services.enroll_station(session=boss, url=registry.url, code=registry.enrollment_code())
        services.add_user(session=boss, name="luis", role="agent", passphrase=PASSPHRASE)
        luis = services.sign_in(data_dir=nogales_dir, user="luis", passphrase=PASSPHRASE)
        try:
            family = services.register_family(session=luis, document=document({
                "people": [adult("a", given="Rosa Elvira", family="Tzul Ixcoy"),
                           child("b", given="Mateo", family="Tzul", age_estimate_years=4)],
                "links": [link("a", "b")]}))["families"][0]
            services.sync_now(session=luis)
            payload = services.band_payload(session=luis, band=family["people"][0]["band"])
        finally:
            luis.close()
    finally:
        boss.close()
    worker.wait_for_idle()
    services.sync_now(session=session, follow=[payload])
    opened = registry.open()
    try:
        opened.revoke_holding(session.identity.code, family["id"], "followed by mistake")
    finally:
        opened.close()
    services.transfer_custody(session=session, person=family["people"][1]["id"], to="hhs_orr",
                              facility="ORR shelter, Tucson", reason="placed in an ORR shelter")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", choices=["en", "es"], default="en")
    language = parser.parse_args().language
    app = QApplication(sys.argv[:1])
    OUT.mkdir(parents=True, exist_ok=True)
    SyncScheduler.START_MS = SyncScheduler.PERIOD_MS = 3_600_000  # each sync here is asked for
    i18n.switch(language)
    with tempfile.TemporaryDirectory() as tmp:
        take_all(Path(tmp), "" if language == "en" else f"{language}-")
    i18n.switch("en")
    app.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
