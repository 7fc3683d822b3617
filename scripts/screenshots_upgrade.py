"""Screenshots of a sign-in that upgraded the store (the status bar says so) and of the Family menu,
in docs/screenshots/{,es-}store-upgraded.png and {,es-}family-menu.png.

    xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb .venv/bin/python scripts/screenshots_upgrade.py

The store is a copy of the previous schema's fixture store (tests/fixtures), signed in as its admin
(who may not open the reunification board: it is greyed). Nothing here is real.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app import services  # noqa: E402
from app.store import schema  # noqa: E402
from app.ui import messages, worker  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402
from scripts.screenshots import in_each_language, settle, shoot  # noqa: E402
from tests.fixtures.make_store import PASSPHRASE  # noqa: E402


def take(work: Path, prefix: str) -> None:
    data = work / "station"
    shutil.copytree(ROOT / "tests" / "fixtures" / f"store-v{schema.SCHEMA_VERSION - 1}", data)
    session = services.sign_in(data_dir=data, user="admin", passphrase=PASSPHRASE)
    assert session.upgraded is not None
    window = MainWindow(session, data)
    window.resize(1366, 768)
    window.show()
    window.statusBar().showMessage(messages.upgraded(session.upgraded), 60_000)  # as app/ui/main.py does
    shoot(window, f"{prefix}store-upgraded.png")
    family = next(a.menu() for a in window.menuBar().actions() if window.board_action in a.menu().actions())
    family.popup(window.mapToGlobal(window.rect().topLeft()))
    settle(300)
    shoot(family, f"{prefix}family-menu.png")
    family.close()
    window.close()
    worker.wait_for_idle()
    session.close()


if __name__ == "__main__":
    sys.exit(in_each_language(take))
