"""The main window as a new desk first sees it (main-window-empty.png: New family unit) and the search
when more people match than it lists (search-more.png: the count and Show more under the results),
in docs/screenshots/, each also in Spanish (es-). Run under Xvfb at 1366x768 from the
checkout: ``xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb .venv/bin/python
scripts/screenshots_search.py``. Invented people."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.screenshots import agent_at_new_station, in_each_language, settle, shoot  # noqa: E402

GIVEN = ("Ana", "Bety", "Carla", "Dora", "Elsa", "Fina", "Gala", "Hilda", "Inés", "Juana", "Karla", "Lucía")
FAMILY = ("Tzoc Ajú", "Tzoc Batz'ín", "Tzoc Chávez", "Tzoc Quixabé", "Tzoc Yat")


def take(work: Path, prefix: str) -> None:
    from app import services
    from app.ui.main_window import MainWindow
    from tests.conftest import adult, document

    session = agent_at_new_station(work / "station")
    services.register_family(session=session, document=document(*(
        {"people": [adult(f"a{f}-{i}", given, family) for i, given in enumerate(GIVEN)], "links": []}
        for f, family in enumerate(FAMILY))))
    window = MainWindow(session, work / "station")
    window.resize(1366, 768)
    window.show()
    shoot(window, f"{prefix}main-window-empty.png")
    window.search_box.setText("tzoc")
    window.search()
    settle(until=lambda: window.search_more.isVisible())
    window.results.setFocus()
    window.results.setCurrentItem(window.results.topLevelItem(0))
    settle(until=lambda: window.family_view.people.topLevelItemCount() > 0)
    shoot(window, f"{prefix}search-more.png")
    window.close()
    session.close()


if __name__ == "__main__":
    raise SystemExit(in_each_language(take))
