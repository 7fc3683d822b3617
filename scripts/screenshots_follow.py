"""Check bands at a station that does not hold the family of the band scanned, after Follow this family:
docs/screenshots/check-bands-follow.png and es-check-bands-follow.png. Run under ``xvfb-run`` from the
checkout (``xvfb-run -a .venv/bin/python scripts/screenshots_follow.py``): a registry in this process,
two stations, invented data."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import anyio.from_thread  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app import services  # noqa: E402
from app.store import keyslots  # noqa: E402
from tests.conftest import EXAMPLE_DOCUMENT, FAST_KDF  # noqa: E402
from tests.syncing import ADMIN_PASS, AGENT_PASS, SUPERVISOR_PASS  # noqa: E402

SHOTS = ROOT / "docs" / "screenshots"


def _station(home: Path, name: str) -> Path:
    data_dir = home / name
    services.init_station(data_dir=data_dir, station_name=name, admin="admin", passphrase=ADMIN_PASS)
    admin = services.sign_in(data_dir=data_dir, user="admin", passphrase=ADMIN_PASS)
    services.add_user(session=admin, name="agent", role="agent", passphrase=AGENT_PASS)
    services.add_user(session=admin, name="sofia", role="supervisor", passphrase=SUPERVISOR_PASS)
    admin.close()
    return data_dir


def _until(app: QApplication, done: Callable[[], bool]) -> None:
    for _ in range(250):
        app.processEvents()
        if done():
            return
        QTest.qWait(20)
    raise RuntimeError("the window did not get there in 5 s")


def main() -> int:
    keyslots.DEFAULT_KDF = FAST_KDF  # invented stations: a cheap key derivation
    app = QApplication(sys.argv)
    from app.ui import i18n
    from app.ui.band_check import BandCheckDialog
    from tests.integration.test_sync_convergence import Hub

    home = Path(tempfile.mkdtemp(prefix="kinlink-shots-"))
    with anyio.from_thread.start_blocking_portal() as portal:
        hub = Hub.open(home / "hub", portal)
        border, shelter = hub.add_station(_station(home, "Border")), hub.add_station(_station(home, "Shelter"))
        band = border.register(EXAMPLE_DOCUMENT.read_bytes())["families"][0]["people"][1]["band"]
        hub.sync(border)
        hub.sync(shelter)
        payload = border.payload(band)
        for language, prefix in (("en", ""), ("es", "es-")):
            i18n.switch(language)
            dialog = BandCheckDialog(shelter.agent, shelter.data_dir)
            dialog.show()
            QTest.qWaitForWindowExposed(dialog)
            dialog.scan_text(payload)
            _until(app, dialog.follow_button.isEnabled)
            dialog.follow()
            _until(app, dialog.follow_note.isVisible)
            dialog.grab().save(str(SHOTS / f"{prefix}check-bands-follow.png"))
            dialog.close()
        hub.close()
    print("screenshots: docs/screenshots/check-bands-follow.png, es-check-bands-follow.png")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
