"""The family view's links and history read as sentences (issue 16, item 8): the same change to several
bands in one minute is one row saying how many (it was "Changed band" once per band, saying nothing);
an unknown relationship reads "X and Y: relationship not known" (it was "X is the relationship unknown
of Y"); a separation or contact names its link; a separated link stands out in red."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QTreeWidget

from app import services
from tests.conftest import adult, child, document, link
from tests.ui.conftest import show_main_window


def _rows(tree: QTreeWidget) -> list[str]:
    return [tree.topLevelItem(i).text(2) for i in range(tree.topLevelItemCount())]


def test_history_groups_repeats_and_links_read_right(qtbot: Any, agent: services.Session, station: Path) -> None:
    family = services.register_family(session=agent, document=document({
        "people": [adult("a1", "Rosa", "Tzoc"), child("c1", "Ixchel", "Tzoc", age_estimate_years=6),
                   child("c2", "Kawoq", "Tzoc", age_estimate_years=4)],
        "links": [link("a1", "c1"), link("a1", "c2", "unknown")]}))["families"][0]
    people = family["people"]
    for person in people:  # each band put on its wrist, in the same minute
        services.confirm_attachment(session=agent, person=person["id"],
                                    scan=services.band_payload(session=agent, band=person["band"]))
    services.separate(session=agent, child=people[1]["band"], adult=people[0]["band"], reason="hospital")
    window = show_main_window(qtbot, agent, station)
    window.resize(1366, 768)
    window.open_family(str(family["id"]))
    view = window.family_view
    qtbot.waitUntil(lambda: view.history.topLevelItemCount() > 0, timeout=5000)
    history = _rows(view.history)
    assert "Changed band (×3)" in history and history.count("Changed band") == 0
    grouped = view.history.topLevelItem(history.index("Changed band (×3)"))
    fields = [grouped.child(i).text(2).split(":")[0] for i in range(grouped.childCount())]
    assert fields == ["attached at", "printed at"] * 3  # (put on unprinted: printed too) each band's, under it
    assert "Created link: Rosa Tzoc and Kawoq Tzoc: relationship not known" in history
    assert "Created link event: Rosa Tzoc is the mother of Ixchel Tzoc" in history  # the separation's link
    states = {view.links.topLevelItem(i).text(2): view.links.topLevelItem(i) for i in range(2)}
    assert states["Ixchel Tzoc"].text(4).startswith("separated")
    assert states["Ixchel Tzoc"].foreground(4).color().name() == "#b71c1c"
    assert states["Kawoq Tzoc"].foreground(4).color().name() != "#b71c1c"
