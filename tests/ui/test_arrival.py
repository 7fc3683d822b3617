"""The shelter's arrival scan in the app, by keyboard: the border station sent a pre-verbal child to
the shelter (in transit); at the shelter the case manager opens the family, presses Alt+V, scans the
child's band (the scanner types it and presses Enter), is asked for a fresh photo, gives one, and
the child is held at the shelter. A band of another person is refused and nothing typed is lost."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image
from PySide6.QtCore import Qt

from app import services
from app.ui.arrival_dialog import ArrivalDialog
from tests.conftest import adult, child, document, link
from tests.syncing import TestStation
from tests.ui.conftest import show_main_window

pytestmark = pytest.mark.parametrize("registry_db", ["sqlite"], indirect=True)  # the app's side: one is enough
FAMILY = document({"people": [adult("m", "Rosa", "Tzul Ixcoy"),
                              child("b", None, None, age_estimate_years=1, preverbal=True,
                                    description="red cap, birthmark on the left wrist")],
                   "links": [link("m", "b")]})


def test_the_shelter_scans_the_childs_arrival_with_a_fresh_photo(
        qtbot, make_station: Callable[..., TestStation], tmp_path: Path) -> None:
    border = make_station("Border", agency="cbp", facility="Lukeville port (invented)")
    shelter = make_station("Shelter", agency="hhs_orr", facility="ORR shelter, Brownsville (invented)")
    answer = border.register(FAMILY)["families"][0]
    mother, baby = answer["people"]
    services.transfer_custody(session=border.agent, person=baby["id"], to="station",
                              station=shelter.agent.identity.code, reason="placement order 77")
    border.sync()
    shelter.sync()
    photo = tmp_path / "arrival.png"
    Image.new("RGB", (64, 48), (40, 120, 200)).save(photo)  # invented: colours, no person

    window = show_main_window(qtbot, shelter.agent, shelter.data_dir)
    window.open_family(answer["id"])
    view = window.family_view
    qtbot.waitUntil(lambda: view.people.topLevelItemCount() == 2, timeout=5000)
    view.people.setCurrentItem(view.people.topLevelItem(1))  # the baby
    assert view.people.topLevelItem(1).text(4).startswith(f"in transit to station {shelter.agent.identity.code}")
    qtbot.keyClick(window, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: any(d.isVisible() for d in window.findChildren(ArrivalDialog)), timeout=5000)
    [dialog] = [d for d in window.findChildren(ArrivalDialog) if d.isVisible()]
    assert "In transit to station" in dialog.subject.text()
    assert dialog.photo_label.text() == "Fresh &photo"

    qtbot.keyClicks(dialog.scan, border.payload(mother["band"]))  # the mother's band, by mistake
    qtbot.keyClick(dialog.scan, Qt.Key.Key_Return)
    assert dialog.problems[dialog.photo_path].text() == "Required.", "a fresh photo of a pre-verbal child"
    qtbot.keyClicks(dialog.photo_path, str(photo))
    qtbot.keyClick(dialog.photo_path, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "another person's" in dialog.form_message.text(), timeout=5000)
    assert dialog.isVisible() and dialog.photo_path.text() == str(photo), "nothing typed is lost"

    dialog.scan.clear()
    qtbot.keyClicks(dialog.scan, border.payload(baby["band"]))
    with qtbot.waitSignal(dialog.recorded, timeout=5000):
        qtbot.keyClick(dialog.scan, Qt.Key.Key_Return)
    expected = f"station {shelter.agent.identity.code} (HHS/ORR): ORR shelter, Brownsville (invented) since "
    qtbot.waitUntil(lambda: view.people.topLevelItem(1).text(4).startswith(expected), timeout=5000)
    shown = next(p for p in services.show_family(session=shelter.agent, ident=answer["id"])["people"]
                 if p["id"] == baby["id"])
    assert len(shown["photos"]) == 1 and shown["custody"]["in_transit"] is False
