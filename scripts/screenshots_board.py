"""Screenshots of the reunification board, in docs/screenshots/{,es-}reunification-board.png.

Run under Xvfb (like scripts/screenshots.py)::

    xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb .venv/bin/python scripts/screenshots_board.py

It makes a station with the invented family of ``scripts/screenshots.make_station`` and two more
invented units, separates three children from an adult (one 20 days ago, without contact; one 3 days
ago; one a week ago, the adult then removed from the country), and shoots the board as an agent sees
it over the main window. Nothing here is real.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from app import services  # noqa: E402
from app.ui import worker  # noqa: E402
from app.ui.main_window import MainWindow  # noqa: E402
from scripts.screenshots import PASSPHRASE, in_each_language, make_station, settle, shoot  # noqa: E402
from tests.conftest import adult, child, document, link  # noqa: E402


def _separate(ana: services.Session, family_id: str, days_ago: float) -> dict:
    family = services.show_family(session=ana, ident=family_id)
    kid = min((p for p in family["people"] if p["role"] == "child"), key=lambda p: p["age_estimate_years"] or 0)
    grown = next(p for p in family["people"] if p["role"] == "adult")
    at = (datetime.now(UTC) - timedelta(days=days_ago)).isoformat()
    services.separate(session=ana, child=kid["id"], adult=grown["id"], reason="adult taken to hospital", at=at)
    return grown


def take(work: Path, prefix: str) -> None:
    make_station(work)
    ana = services.sign_in(data_dir=work, user="ana", passphrase=PASSPHRASE)
    first = services.todays_families(session=ana)["families"][0]["id"]
    _separate(ana, first, 20)
    more = services.register_family(session=ana, document=document(
        {"people": [adult("b1", given="Elena", family="Xol Caal"),
                    child("d1", given="Iker", family="Xol Caal", age_estimate_years=9)], "links": [link("b1", "d1")]},
        {"people": [adult("e1", given="Juan Pablo", family="Cux Tum", sex="male"),
                    child("f1", given="Dulce", family="Cux", birth_date="2023-03-14")],
         "links": [link("e1", "f1", "father")]}))
    _separate(ana, more["families"][0]["id"], 3)
    father = _separate(ana, more["families"][1]["id"], 7)
    services.transfer_custody(session=ana, person=father["id"], to="removed",
                              facility="Removed to Guatemala (invented)", reason="removal order carried out")
    window = MainWindow(ana, work)
    window.resize(1366, 768)
    window.show()
    settle(until=lambda: window.today.topLevelItemCount() > 0)
    board = window.show_board()
    assert board is not None
    settle(until=lambda: board.rows.topLevelItemCount() == 3)
    shoot(window, f"{prefix}reunification-board.png")
    window.close()
    worker.wait_for_idle()
    ana.close()


if __name__ == "__main__":
    sys.exit(in_each_language(take))
