"""The search's count and Show more (issue 16, item 15), by key presses at 1366x768 in English and
Spanish: a common family name matches more people than the first page lists; the count says so,
Alt+M lists the next page with the first new person selected, and Down goes on from there. Down
from the search box goes into the results. A search that lists everyone says no count."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app import services
from app.ui import i18n
from app.ui.search_more import PAGE
from tests.conftest import adult, document
from tests.ui.conftest import show_main_window

GIVEN = ("Ana", "Bety", "Carla", "Dora", "Elsa", "Fina", "Gala", "Hilda", "Inés", "Juana", "Karla")


@pytest.fixture
def many(agent: services.Session) -> int:
    """55 adults called Tzoc (five families of eleven) and one Yat."""
    families = [{"people": [adult(f"a{f}-{i}", f"{GIVEN[i]} {chr(65 + f)}", "Tzoc") for i in range(len(GIVEN))],
                 "links": []} for f in range(5)]
    services.register_family(session=agent, document=document(*families))
    services.register_family(session=agent, document=document({"people": [adult("y", "Rosa", "Yat")], "links": []}))
    return 5 * len(GIVEN)


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_count_and_show_more_by_keys(qtbot, agent: services.Session, station: Path, many: int,
                                         language: str) -> None:
    if language == "es":
        i18n.switch("es")
    try:
        window = show_main_window(qtbot, agent, station)
        window.resize(1366, 768)
        qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(window.search_box, "tzoc")
        qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.results.topLevelItemCount() == PAGE, timeout=5000)
        more = window.search_more
        assert more.isVisible() and more.button.isVisible()
        assert more.count.text() == {"en": f"{PAGE} of {many} people who match are shown, best match first.",
                                     "es": f"Se muestran {PAGE} de las {many} personas que coinciden, las que "
                                           "mejor coinciden primero."}[language]
        assert more.button.text() == {"en": "Show &more", "es": "Mostrar &más"}[language]
        qtbot.keyClick(window.search_box, Qt.Key.Key_Down)  # into the results, the first selected
        assert window.focusWidget() is window.results and window.results.currentItem() is window.results.topLevelItem(0)
        qtbot.keyClick(window, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda: window.results.topLevelItemCount() == many, timeout=5000)
        assert window.focusWidget() is window.results
        assert window.results.indexOfTopLevelItem(window.results.currentItem()) == PAGE  # the first new one
        qtbot.keyClick(window.results, Qt.Key.Key_Down)
        assert window.results.indexOfTopLevelItem(window.results.currentItem()) == PAGE + 1
        assert not more.isVisible()  # every one listed
        assert all("Tzoc" in window.results.topLevelItem(i).text(0) for i in range(many))
        qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(window.search_box, "yat")
        qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: window.results.topLevelItemCount() == 1, timeout=5000)
        assert not more.isVisible() and window.focusWidget() is window.search_box  # a new search: no jump
        qtbot.keyClick(window.search_box, Qt.Key.Key_Down)
        assert window.focusWidget() is window.results
        qtbot.waitUntil(lambda: window.family_view.people.topLevelItemCount() == 1, timeout=5000)
    finally:
        i18n.switch("en")
