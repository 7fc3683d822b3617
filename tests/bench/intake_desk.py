"""The agent of ``bench_intake_keys``: registers the README's example family in the real main window
with real key presses to the focused widget, and prints its bands to a PDF. Every step asserts the
page, dialog or field it expects before typing, so that a changed screen stops the benchmark with
what it saw (``DeskFailure``) rather than counting keys that went somewhere else.

The family (invented people): the README's example mother and baby (``docs/examples/encounter.json``:
place, coordinates, her birth date, nationality and languages, the baby's description) with the
father and the daughter of the README's screenshots (``scripts/screenshots.py``); everyone who can
give one has a nationality and languages, as an agent records them; the baby's photo is
``docs/examples/photo.png`` as the desk's camera left it (the newest picture in its folder), and his
mother carried him.

It is the night's second family at the station (issue 16, item 9): ``intake_first_family`` registers
and prints another one first, at the same place, its photo from the camera's folder, uncounted;
so the counted one finds what a station remembers (the place, the photo folder, the print
destination), as a desk does at 3 a.m.
"""

from __future__ import annotations

import re
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFileDialog,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from app.ui.scanning import MAX_GAP_MS, SCAN_CHARACTERS

PHOTO = Path("docs/examples/photo.png")  # copied into the camera's folder (``camera_folder``)
PLACE, LATITUDE, LONGITUDE = "Sasabe port, sector Tucson", "31.3", "-110.9"
DESCRIPTION = "red cap, birthmark left wrist"
LINKS = [(("a1", "c1"), "m", "mother"), (("a2", "c1"), "f", "father"), (("a1", "c2"), "m", "mother"),
         (("a2", "c2"), "r", "unknown")]  # (adult, child) cells of the grid, row by row; each "claimed"
CTRL, SHIFT, ALT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier, \
    Qt.KeyboardModifier.AltModifier
WAIT_S = 30.0  # at most, for any one state the agent waits for


class DeskFailure(AssertionError):
    """The screens are not what the script expects: the benchmark stops with what it saw."""


SLOT_ERRORS: list[str] = []  # exceptions raised in the app's slots (Qt prints them and goes on)


def catch_slot_errors() -> None:
    """An exception in a slot is kept and named by the next failed expectation, and fails the run."""
    def keep(kind: type[BaseException], error: BaseException, trace: Any) -> None:
        SLOT_ERRORS.append("".join(traceback.format_exception(kind, error, trace)))
        sys.__excepthook__(kind, error, trace)

    sys.excepthook = keep


def expect(condition: bool, what: str) -> None:
    if not condition:
        raise DeskFailure(what + (f"\n(the app raised, in a slot:\n{SLOT_ERRORS[-1]})" if SLOT_ERRORS else ""))


def wait_until(ready: Callable[[], bool], what: str) -> None:
    """Run the event loop (answers from the worker arrive, timers fire) until ``ready()``: no pause of
    the script's own, the loop wakes at the next event or after a millisecond."""
    deadline = time.perf_counter() + WAIT_S
    while not ready():
        if time.perf_counter() > deadline:
            raise DeskFailure(f"waited {WAIT_S:g} s for {what}")
        loop = QEventLoop()
        QTimer.singleShot(1, loop.quit)
        loop.exec()


class Keyboard:
    """Real key events to the widget that has the focus, counted as an agent presses them (a
    character one key, a chord one key), by step and by the parts worth naming.

    A person types slower than a barcode scanner: the main window takes printable keys less than
    ``MAX_GAP_MS`` apart on a list, a box or a button for a scan and keeps them from the widget
    (``app.ui.scanning.ScanCatcher``). So the second of two such keys waits until a person's gap
    has passed; that pause is the agent's time, not the app's, and is kept apart (``paused``)."""

    def __init__(self) -> None:
        self.steps: Counter[str] = Counter()
        self.parts: dict[str, Counter[str]] = {}  # by step: the keys of each part, every key in one part
        self.seconds: dict[str, float] = {}  # by step
        self.paused = 0.0  # seconds
        self.pauses = 0
        self._step, self._parts = "", ["other"]
        self._burst_at: float | None = None  # when a printable key last went to a widget that is not a text field

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        """Keys and seconds (the app's: without the pauses) counted for step ``name``."""
        self._step, start, paused = name, time.perf_counter(), self.paused
        yield
        self.seconds[name] = time.perf_counter() - start - (self.paused - paused)
        self._step = ""

    @contextmanager
    def part(self, name: str) -> Iterator[None]:
        self._parts.append(name)
        yield
        self._parts.pop()

    def _count(self, keys: int, part: str | None = None) -> None:
        self.steps[self._step] += keys
        self.parts.setdefault(self._step, Counter())[part or self._parts[-1]] += keys

    @staticmethod
    def focus() -> QWidget:
        widget = QApplication.focusWidget()
        expect(widget is not None, "nothing has the keyboard focus")
        assert widget is not None
        return widget

    def type(self, text: str) -> None:
        """QTest.keyClicks aborts on non-ASCII text in this PySide6: an accented letter is sent as the
        key event an input method (or a dead key) gives, no key code and the letter as its text."""
        if not takes_text(self.focus()):
            for letter in text:
                self._human_gap(letter)
                QTest.keyClicks(self.focus(), letter)
                self._count(1)
            return
        self._burst_at = None
        for run in re.findall(r"[\x00-\x7f]+|[^\x00-\x7f]", text):
            if run.isascii():
                QTest.keyClicks(self.focus(), run)
            else:
                QTest.sendKeyEvent(QTest.KeyAction.Click, self.focus(), Qt.Key.Key_unknown, run,
                                   Qt.KeyboardModifier.NoModifier)
            self._count(len(run))

    def key(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
            times: int = 1) -> None:
        for _ in range(times):
            if key == Qt.Key.Key_Space and not modifiers and not takes_text(self.focus()):
                self._human_gap(" ")
            else:
                self._burst_at = None  # the scan catcher starts again after any other key
            QTest.keyClick(self.focus(), key, modifiers)
            self._count(1, "Tab" if key == Qt.Key.Key_Tab else None)

    def enter(self, times: int = 1) -> None:
        """Enter in a field: the next one (counted apart, as Tab is)."""
        for _ in range(times):
            self._burst_at = None
            QTest.keyClick(self.focus(), Qt.Key.Key_Return)
            self._count(1, "Enter")

    def _human_gap(self, typed: str) -> None:
        """Before a printable key to a widget that is not a text field: if the one before it was too
        close to pass for a person's, wait (out of the app's time) until it is not."""
        if typed not in SCAN_CHARACTERS:
            self._burst_at = None
            return
        now = time.perf_counter()
        if self._burst_at is not None and now - self._burst_at < (MAX_GAP_MS + 10) / 1000:
            until = self._burst_at + (MAX_GAP_MS + 10) / 1000
            while time.perf_counter() < until:
                loop = QEventLoop()
                QTimer.singleShot(1, loop.quit)
                loop.exec()
            self.paused += time.perf_counter() - now
            self.pauses += 1
        self._burst_at = time.perf_counter()

    def tab(self, times: int = 1) -> None:
        self.key(Qt.Key.Key_Tab, times=times)

    def at(self, widget: QWidget, what: str) -> None:
        expect(self.focus() is widget, f"the focus should be on {what}, it is on {describe(self.focus())}")


def window_manager_activates(window: QWidget) -> None:
    """What a window manager does when a dialog closes (or opens): make the window under it active,
    the keys going to its focused widget again. Xvfb has no window manager, and Qt leaves that to it."""
    window.activateWindow()
    wait_until(lambda: window.isActiveWindow() and focus_in(window), f"{describe(window)} active, with the focus")


def focus_in(window: QWidget) -> bool:
    focus = QApplication.focusWidget()
    return focus is not None and (focus is window or window.isAncestorOf(focus))


def takes_text(widget: QWidget) -> bool:
    """A text field (the scan catcher leaves keys to these alone)."""
    return isinstance(widget, (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox)) or \
        (isinstance(widget, QComboBox) and widget.isEditable())


def describe(widget: QWidget) -> str:
    return f"{type(widget).__name__} {widget.accessibleName() or widget.objectName()!r}"


def register_and_print(window: Any, keyboard: Keyboard, home: Path) -> Path:
    """From the main window to the family's bands in a PDF in ``home``; returns it."""
    with keyboard.step("encounter"):
        wizard = encounter(window, keyboard)
    with keyboard.step("people"):
        people(wizard, keyboard, home)
    with keyboard.step("relationships"):
        relationships(wizard, keyboard)
    with keyboard.step("review/save"):
        expect(wizard.step() == "review", f"the review step should show, not {wizard.step()}")
        wait_for_duplicate_check(wizard)
        keyboard.at(wizard.save_button, "Save family")
        with keyboard.part("save"):
            keyboard.key(Qt.Key.Key_Return, CTRL)
        expect(not wizard.review_page.confirming(), "the family should need no confirmation of the unusual")
        wait_until(lambda: wizard.step() == "saved", "the saved page")
    with keyboard.step("print"):
        return print_bands(window, keyboard, home)


def wait_for_duplicate_check(wizard: Any) -> None:
    """The review step looks on the worker for people registered already; the save waits for the
    answer (the agent reads the summary meanwhile)."""
    check = getattr(wizard, "duplicates", None)
    wait_until(lambda: not getattr(check, "_pending", False), "the review's search for people on record")


def encounter(window: Any, keyboard: Keyboard) -> Any:
    """Ctrl+N: the place and coordinates of the station's last family are there, selected; Next."""
    with keyboard.part("Ctrl+N"):
        keyboard.key(Qt.Key.Key_N, CTRL)
    wizard = window.intake
    expect(wizard is not None and window.pages.currentWidget() is wizard, "Ctrl+N should open the wizard")
    expect(wizard.step() == "encounter", f"the wizard should start at the encounter, not {wizard.step()}")
    page = wizard.encounter_page
    keyboard.at(page.place, "the place")
    expect((page.place.text(), page.latitude.text(), page.longitude.text()) == (PLACE, LATITUDE, LONGITUDE)
           and page.place.selectedText() == PLACE, "the last family's place and coordinates, the place selected")
    next_step(wizard, keyboard, "people")
    return wizard


def next_step(wizard: Any, keyboard: Keyboard, step: str) -> None:
    with keyboard.part("Next"):
        keyboard.key(Qt.Key.Key_Return, CTRL)  # Alt+N does the same, after the button's click animation
    expect(wizard.step() == step, f"Next should lead to {step}; the wizard is at {wizard.step()}: "
           f"{problems(wizard)}")


def problems(wizard: Any) -> str:
    """What the wizard shows as wrong, to say why a step did not go on."""
    from app.ui.forms import InlineMessage

    return "; ".join(m.text() for m in wizard.findChildren(InlineMessage) if m.isVisible() and m.text()) \
        or f"(no message; the focus is on {describe(Keyboard.focus())})"


def people(wizard: Any, keyboard: Keyboard, home: Path) -> None:
    person(wizard, keyboard, "adult", "María José", "García López", birth="1990-03-02", sex=("f", "female"),
           country=("g", "GT"), languages=(("s", "k"), ["es", "quc"]))
    person(wizard, keyboard, "adult", "Tz'unun", "Batz'ín Quixabé", age="34", sex=("m", "male"),
           country=("g", "GT"), languages=(("s", "k"), ["es", "quc"]))
    person(wizard, keyboard, "child", "Ixchel", None, age="6", sex=("f", "female"), country=None,
           languages=(("k",), ["es"]))  # her names and Guatemala as offered; K'iche' unticked
    baby(wizard, keyboard, home)
    expect([f.key for f in wizard.people_page.person_forms()] == ["a1", "a2", "c1", "c2"],
           "the people should be two adults and two children")
    next_step(wizard, keyboard, "relationships")


def person(wizard: Any, keyboard: Keyboard, role: str, given: str, family: str | None, *, birth: str = "",
           age: str = "", sex: tuple[str, str], country: tuple[str, str] | None,
           languages: tuple[tuple[str, ...], list[str]]) -> None:
    """Ctrl+Shift+A or C, then each field, Enter to the next (past "Name unknown" once a name is typed,
    past the age after a whole birth date); a choice by its first letter, checked. ``family`` and
    ``country`` None: the child's defaults kept."""
    form = add_person(wizard, keyboard, role)
    keyboard.at(form.given_names, "the given names")
    with keyboard.part("given names"):
        keyboard.type(given)
    keyboard.enter()
    keyboard.at(form.family_names, "the family names")
    if family is None:
        expect(form.family_names.text() == "Batz'ín García" and form.family_names.selectedText() == "Batz'ín García",
               f"the family names offered, selected: {form.family_names.text()!r}")
    with keyboard.part("family names"):
        keyboard.type(family or "")
    keyboard.enter()
    keyboard.at(form.birth_date, "the birth date (past Name unknown)")
    with keyboard.part("birth date or age"):
        keyboard.type(birth)
    keyboard.enter()
    if not birth:
        keyboard.at(form.age, "the age")
        with keyboard.part("birth date or age"):
            keyboard.type(age)
        keyboard.enter()
    choose(keyboard, form.sex, *sex, part="sex")
    keyboard.enter()
    if country is None:
        keyboard.at(form.nationality, "the nationality")
        expect(form.nationality.currentData() == "GT", "the nationality offered should be the mother's")
    else:
        choose(keyboard, form.nationality, *country, part="nationality")
    keyboard.enter()
    keyboard.at(form.languages, "the languages")
    letters, codes = languages
    with keyboard.part("languages"):
        for letter in letters:
            keyboard.type(letter)
            keyboard.key(Qt.Key.Key_Space)
    expect(form.chosen_languages() == codes, f"the languages should be {codes}, not {form.chosen_languages()}")


def add_person(wizard: Any, keyboard: Keyboard, role: str) -> Any:
    with keyboard.part("add a person"):
        keyboard.key(Qt.Key.Key_A if role == "adult" else Qt.Key.Key_C, CTRL | SHIFT)
    form = wizard.people_page.forms.currentWidget()
    expect(getattr(form, "role", None) == role, f"Ctrl+Shift+{role[0].upper()} should add a {role}")
    return form


def choose(keyboard: Keyboard, combo: QComboBox, letter: str, value: str, part: str) -> None:
    keyboard.at(combo, f"the list for {value}")
    with keyboard.part(part):
        keyboard.type(letter)
    expect(combo.currentData() == value, f"{letter!r} should choose {value}, not {combo.currentData()}")


def baby(wizard: Any, keyboard: Keyboard, home: Path) -> None:
    """The README's baby: name unknown, about 1, pre-verbal, described, carried by his mother, a photo."""
    form = add_person(wizard, keyboard, "child")
    keyboard.enter(2)  # the family names offered are no name of his: Enter stops at Name unknown
    keyboard.at(form.name_unknown, "Name unknown")
    with keyboard.part("name unknown, pre-verbal"):
        keyboard.key(Qt.Key.Key_Space)
    keyboard.tab()
    keyboard.at(form.birth_date, "the birth date (the greyed names are skipped)")
    keyboard.enter()
    with keyboard.part("birth date or age"):
        keyboard.type("1")
    keyboard.enter()
    choose(keyboard, form.sex, "m", "male", part="sex")
    keyboard.enter()
    keyboard.at(form.nationality, "the nationality")
    expect(form.nationality.currentData() == "GT", "the nationality offered should be the mother's")
    keyboard.enter()
    keyboard.tab()  # past the languages: he does not speak yet
    keyboard.at(form.preverbal, "Pre-verbal")
    with keyboard.part("name unknown, pre-verbal"):
        keyboard.key(Qt.Key.Key_Space)
    expect(form.description.isVisible() and form.bundle.isVisible(), "Pre-verbal should show the description")
    expect(form.chosen_languages() == [], "a pre-verbal child should not keep the languages offered")
    keyboard.tab(5)  # past hair, eyes, marks, clothing: the README's description is one text
    keyboard.at(form.description, "the description")
    with keyboard.part("description"):
        keyboard.type(DESCRIPTION)
    keyboard.tab()
    choose(keyboard, form.bundle.carried_by, "m", "a1", part="carried by")
    keyboard.enter()
    keyboard.at(form.bundle.photo_path, "the photo's path")
    folder = choose_photo(form.bundle, keyboard)
    expect(folder == home / "Pictures" / "camera", f"the file dialog should open in the camera's folder: {folder}")
    expect(Path(form.bundle.photo_path.text()).name == "IMG_0002.png", "the newest photo should be taken")


def choose_photo(bundle: Any, keyboard: Keyboard) -> Path:
    """Enter in the empty photo path opens the file dialog, on the newest photo of the folder the
    last one came from; Enter takes it. Returns the folder the dialog opened in."""
    keyboard.at(bundle.photo_path, "the photo's path")
    with keyboard.part("photo"):
        keyboard.key(Qt.Key.Key_Return)
        wait_until(lambda: isinstance(bundle.file_dialog, QFileDialog) and bundle.file_dialog.isVisible(),
                   "the file dialog")
        window_manager_activates(bundle.file_dialog)
        folder = Path(bundle.file_dialog.directory().absolutePath())
        expect(bundle.file_dialog.selectedFiles() == [str(folder / "IMG_0002.png")],
               f"the newest photo should be chosen in the dialog: {bundle.file_dialog.selectedFiles()}")
        keyboard.key(Qt.Key.Key_Return)
    wait_until(lambda: bundle.file_dialog is None or not bundle.file_dialog.isVisible(), "the file dialog to close")
    window_manager_activates(bundle.window())
    wait_until(lambda: bundle.photo() is not None and not bundle.loading, "the photo's preview")
    expect(bundle.thumbnail.isVisible(), "the photo's preview should show")
    return folder


def relationships(wizard: Any, keyboard: Keyboard) -> None:
    """Each cell: the relationship's first letter, Tab past "claimed", Tab to the next cell."""
    cells = wizard.relationships_page.cells
    for n, (pair, letter, value) in enumerate(LINKS):
        if n:
            keyboard.tab(2)
        choose(keyboard, cells[pair][0], letter, value, part="relationships")
    next_step(wizard, keyboard, "review")


def print_bands(window: Any, keyboard: Keyboard, home: Path, *, choose_pdf: bool = False) -> Path:
    """The print dialog opens on its own after the save. The station's first family: Print to (Alt+T)
    a PDF file, Enter; after it, the PDF file is remembered (a new file suggested): Enter."""
    wait_until(lambda: window.bands.printing is not None and window.bands.printing.isVisible(), "the print dialog")
    dialog = window.bands.printing
    window_manager_activates(dialog)
    keyboard.at(dialog.print_button, "Print")
    if choose_pdf:
        keyboard.key(Qt.Key.Key_T, ALT)
        keyboard.at(dialog.destination, "Print to")
        keyboard.type("p")
        for _ in range(dialog.destination.count()):  # a printer whose name starts with P comes first
            if dialog.chosen().kind == "pdf":
                break
            keyboard.key(Qt.Key.Key_Down)
    expect(dialog.chosen().kind == "pdf", "Print to should be a PDF file")
    pdf: Path | None = dialog.chosen().path
    expect(pdf is not None and pdf.parent == home and not pdf.exists(), f"the PDF suggested should be new in {home}")
    assert pdf is not None
    with keyboard.part("Enter"):
        keyboard.key(Qt.Key.Key_Return)
    wait_until(lambda: dialog.was_printed and pdf.exists(), "the bands in the PDF")
    return pdf


def check_saved(family: Mapping[str, Any]) -> None:
    """The family unit as stored (``services.show_family``) is the one typed, photo and links included."""
    people = {(p["given_names"], p["family_names"]): p for p in family["people"]}
    expect(set(people) == {("María José", "García López"), ("Tz'unun", "Batz'ín Quixabé"),
                           ("Ixchel", "Batz'ín García"), (None, None)}, f"the people saved: {sorted(map(str, people))}")
    mother, father, baby_saved = people["María José", "García López"], people["Tz'unun", "Batz'ín Quixabé"], \
        people[None, None]
    expect((mother["birth_date"], mother["nationality"], mother["languages"]) == ("1990-03-02", "GT", ["es", "quc"]),
           "the mother's birth date, nationality and languages")
    expect((baby_saved["preverbal"], baby_saved["description"], baby_saved["carried_by"], len(baby_saved["photos"]))
           == (True, DESCRIPTION, mother["id"], 1), "the baby: pre-verbal, described, carried by his mother, a photo")
    ids = {p["id"]: p for p in family["people"]}
    links = sorted((ids[link["from"]]["given_names"] or "", ids[link["to"]]["given_names"] or "the baby",
                    link["relationship"]) for link in family["links"])
    expect(links == [("María José", "Ixchel", "mother"), ("María José", "the baby", "mother"),
                     ("Tz'unun", "Ixchel", "father"), ("Tz'unun", "the baby", "unknown")], f"the links saved: {links}")
    expect(father["age_estimate_years"] == 34 and family["encounter"]["place"] == PLACE, "the father's age, the place")
