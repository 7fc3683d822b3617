"""UI test fixtures: error boxes recorded instead of shown, the worker drained after each test, and
the app in Spanish."""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app import services
from app.ui import i18n, messages, worker


@pytest.fixture(autouse=True)
def error_boxes(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, str]]]:
    """Every message box the app would show, as (title, text). A test that expects one empties the
    list; one left over fails the test."""
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(messages, "show_error", lambda _parent, title, text: shown.append((title, text)))
    yield shown
    worker.wait_for_idle()
    assert shown == [], f"unexpected message boxes: {shown}"


@pytest.fixture(autouse=True)
def drained_worker(qapp: object) -> Iterator[None]:
    yield
    assert worker.wait_for_idle(), "an operation was still running at the end of the test"


@pytest.fixture
def private_tmp(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A temp folder of the test's own (Python's and Qt's), to search afterwards for what leaked."""
    folder = tmp_path_factory.mktemp("tmpdir")
    monkeypatch.setenv("TMPDIR", str(folder))
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.fixture
def spanish(qapp: object) -> Iterator[None]:
    """The app in Spanish for the test (the .qm built from the .ts first, as the set-up does)."""
    ts = i18n.TRANSLATIONS / "kinlink_es.ts"
    qm = ts.with_suffix(".qm")
    if not qm.exists() or qm.stat().st_mtime < ts.stat().st_mtime:
        subprocess.run([str(Path(sys.executable).with_name("pyside6-lrelease")), "-silent", str(ts), "-qm", str(qm)],
                       check=True)
    assert i18n.switch("es") == "es"
    yield
    i18n.switch("en")


def shown_dialog(qtbot: Any, dialog: Any, *, fitted: bool = False) -> Any:
    """``dialog`` shown and active (real key presses reach it), at its size hint with ``fitted``,
    within the station's 1366x768 screen."""
    qtbot.addWidget(dialog)
    if fitted:
        dialog.resize(dialog.sizeHint())
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=5000)
    assert dialog.width() <= 1366 and dialog.height() <= 768
    return dialog


def show_main_window(qtbot: Any, session: Any, data_dir: Path, *, active: bool = True, **options: Any) -> Any:
    """A main window on ``session``, shown and exposed; with ``active`` the active window too, so
    that real key presses reach it."""
    from app.ui.main_window import MainWindow

    window = MainWindow(session, data_dir, **options)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    if active:
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow)
    return window


@pytest.fixture(params=["en", "es"])
def language(request: pytest.FixtureRequest, qapp: object) -> str:
    """The test once in English and once in Spanish (the app switched to it by ``spanish``)."""
    if request.param == "es":
        request.getfixturevalue("spanish")
    return str(request.param)


def family_window(qtbot: Any, session: Any, station: Path, example_document: bytes) -> Any:
    """A main window at 1366x768 with the README's family open, its baby and its first link chosen."""
    family = services.register_family(session=session, document=example_document)["families"][0]
    window = show_main_window(qtbot, session, station)
    window.resize(1366, 768)
    window.open_family(str(family["id"]))
    view = window.family_view
    qtbot.waitUntil(lambda: view.people.topLevelItemCount() == 2, timeout=5000)
    view.people.setCurrentItem(view.people.topLevelItem(1))
    view.links.setCurrentItem(view.links.topLevelItem(0))
    return window
