"""The night's first family at the bench's station (issue 16, item 9), registered and printed before
the counted one by the same agent (``intake_desk``), its keys not counted: what it leaves behind is
what any desk has after its first family (the place and coordinates, the photo's folder, the print
destination). Invented people.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from .intake_desk import (
    CTRL,
    LATITUDE,
    LONGITUDE,
    PHOTO,
    PLACE,
    Keyboard,
    add_person,
    expect,
    next_step,
    person,
    print_bands,
    problems,
    wait_for_duplicate_check,
    wait_until,
    window_manager_activates,
)


def camera_folder(home: Path) -> Path:
    """The desk camera's folder in the run's home: the first family's photo, then (newer) the
    README baby's, as the camera left them."""
    folder = home / "Pictures" / "camera"
    folder.mkdir(parents=True, exist_ok=True)
    for name, moment in (("IMG_0001.png", 1_700_000_000), ("IMG_0002.png", 1_700_000_600)):
        shutil.copy(PHOTO, folder / name)
        os.utime(folder / name, (moment, moment))
    return folder


def first_family(window: Any, home: Path) -> None:
    """The night's first family, before the counted one (its keys are not counted): the same place,
    a mother and her pre-verbal baby, the photo loaded from the camera's folder by its path, the
    bands printed to a PDF; then Escape (Done) back to the main window."""
    keyboard = Keyboard()
    with keyboard.step("first family"):
        keyboard.key(Qt.Key.Key_N, CTRL)
        wizard = window.intake
        page = wizard.encounter_page
        expect(page.place.text() == "", "a new station should remember no place")
        for text in (PLACE, LATITUDE, LONGITUDE):
            keyboard.type(text)
            keyboard.enter()  # in the longitude: Next
        expect(wizard.step() == "people", f"Enter in the longitude should be Next: {problems(wizard)}")
        person(wizard, keyboard, "adult", "Rosa Elena", "Pérez Mejía", birth="1995-07-21", sex=("f", "female"),
               country=("h", "HN"), languages=(("s",), ["es"]))
        form = add_person(wizard, keyboard, "child")
        keyboard.enter(2)
        keyboard.key(Qt.Key.Key_Space)  # Name unknown
        keyboard.tab()
        keyboard.enter()
        keyboard.type("0.5")
        keyboard.enter()
        keyboard.type("f")  # a girl
        form.preverbal.setFocus(Qt.FocusReason.TabFocusReason)  # (the way there is the counted family's)
        keyboard.key(Qt.Key.Key_Space)
        form.description.setFocus(Qt.FocusReason.TabFocusReason)
        keyboard.type("green blanket, no hair")
        form.bundle.photo_path.setFocus(Qt.FocusReason.TabFocusReason)
        keyboard.type(str(camera_folder(home) / "IMG_0001.png"))  # the station's first photo: its path typed
        keyboard.key(Qt.Key.Key_Return)
        wait_until(lambda: form.bundle.photo() is not None and not form.bundle.loading, "the first photo")
        next_step(wizard, keyboard, "relationships")
        keyboard.type("m")  # her baby: mother
        next_step(wizard, keyboard, "review")
        wait_for_duplicate_check(wizard)
        keyboard.key(Qt.Key.Key_Return, CTRL)
        expect(not wizard.review_page.confirming(), f"the first family should need no confirmation: {problems(wizard)}")
        wait_until(lambda: wizard.step() == "saved", "the first family saved")
        print_bands(window, keyboard, home, choose_pdf=True)
        keyboard.key(Qt.Key.Key_Escape)  # the print dialog stays, on "Next: put the bands on": closed
        wait_until(lambda: window.bands.attaching is not None and window.bands.attaching.isVisible(),
                   "Put bands on, after the print dialog")
        window_manager_activates(window.bands.attaching)
        keyboard.key(Qt.Key.Key_Escape)  # (the bands are put on later)
        wait_until(lambda: window.bands.attaching is None or not window.bands.attaching.isVisible(),
                   "Put bands on to close")
        window_manager_activates(window)
        keyboard.key(Qt.Key.Key_Escape)  # Done
        expect(window.pages.currentWidget() is window.work, "Escape on the saved page should be Done")
