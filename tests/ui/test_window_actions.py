"""The main window's menus (``window_actions.py``): each action's text, mnemonic and shortcut, in
English and in Spanish (the texts keep the window's translation context), and which actions each
role may use, also after the window was locked and unlocked."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox

from app import __version__, services
from app.ui.main_window import MainWindow
from tests.conftest import AGENT, PASSPHRASES
from tests.ui.conftest import show_main_window

MENUS = {  # each menu's actions in order ("-": a separator), with their shortcuts
    "&Station": [("&Sync now", "F5"), ("&Conflicts…", "Ctrl+Shift+K"), ("&Proposed corrections…", ""),
                 ("&Audit log…", "Ctrl+Shift+U"), ("&Users…", ""), "-", ("&Lock", "Ctrl+L"),
                 ("Sign &out", "Ctrl+Shift+L"), ("&Language", ""),
                 ("A&bout Kinlink", ""), "-", ("&Quit", None)],
    "&Edit": [("&Find a person", "Ctrl+F")],
    "&Family": [("&New encounter…", "Ctrl+N"), ("&Check bands…", "Ctrl+K"), ("&Print bands…", "Ctrl+P"),
                ("Put bands &on…", "Ctrl+B"), ("&Reunification board…", "Ctrl+Shift+R"),
                ("&Export FHIR…", "Ctrl+Shift+E"), "-",
                ("&Void the selected person's band…", ""),
                ("&Issue a new band to the selected person…", ""),
                ("&Merge or split the selected person's record…", ""),
                ("Move the selected person to &another family unit…", "")],
}
GATED = ("board_action", "export_action", "conflicts_action", "proposals_action", "audit_action", "users_action",
         "void_action",
         "reissue_action",
         "merge_action", "move_action")
ENABLED = {  # the gated actions each role may use
    "agent": {"board_action", "export_action"},
    "supervisor": set(GATED),
    "admin": {"audit_action", "users_action"},
}


def _menus(window: MainWindow) -> dict[str, list[tuple[str, str] | str]]:
    found: dict[str, list[tuple[str, str] | str]] = {}
    for entry in window.menuBar().actions():
        menu = entry.menu()
        assert isinstance(menu, QMenu)
        found[entry.text()] = ["-" if a.isSeparator() else (a.text(), a.shortcut().toString()) for a in menu.actions()]
    return found


def _gated_enabled(window: MainWindow) -> set[str]:
    return {name for name in GATED if getattr(window, name).isEnabled()}


def test_the_menus_their_mnemonics_and_shortcuts(qtbot, supervisor: services.Session, station: Path) -> None:
    window = show_main_window(qtbot, supervisor, station)
    found = _menus(window)
    assert list(found) == list(MENUS)
    for title, expected in MENUS.items():
        shown = found[title]
        assert [e if e == "-" else e[0] for e in shown] == [e if e == "-" else e[0] for e in expected]
        for entry, wanted in zip(shown, expected, strict=True):
            if wanted != "-" and wanted[1] is not None:  # Quit's key is the platform's
                assert entry[1] == wanted[1], entry
    for action in window.actions():
        assert action.shortcutContext() == Qt.ShortcutContext.WindowShortcut


def test_the_menus_in_spanish_keep_their_shortcuts(qtbot, supervisor: services.Session, station: Path,
                                                   spanish: None) -> None:
    window = show_main_window(qtbot, supervisor, station)
    found = _menus(window)
    assert list(found) == ["&Estación", "E&dición", "&Familia"]
    english = [e for entries in MENUS.values() for e in entries if e != "-"]
    spanish_entries = [e for entries in found.values() for e in entries if e != "-"]
    for (text, shortcut), (source, keys) in zip(spanish_entries, english, strict=True):
        assert text != source and text.count("&") == 1, (source, text)  # translated, with a mnemonic
        if keys is not None:
            assert shortcut == keys
    assert found["&Estación"][0] == ("Sincronizar &ahora", "F5")
    assert window.lock_button.text() == "Bloquear"


@pytest.mark.parametrize("role", ["agent", "supervisor", "admin"])
def test_each_role_uses_only_the_actions_it_may(qtbot, role: str, request: pytest.FixtureRequest,
                                                station: Path) -> None:
    session = request.getfixturevalue(role)
    window = show_main_window(qtbot, session, station)
    assert _gated_enabled(window) == ENABLED[role]
    assert window.sync_action.isEnabled() and window.lock_action.isEnabled()
    button = window.family_view.correct_person_button  # a supervisor corrects, an agent proposes, an admin neither
    assert button.isHidden() == (role == "admin")
    if role != "admin":
        assert button.text() == ("Co&rrect person…" if role == "supervisor" else "P&ropose a correction…")
    assert window.proposes_corrections() == (role != "supervisor")


def test_unlocking_gives_back_only_the_actions_the_role_may_use(qtbot, agent: services.Session,
                                                                 station: Path) -> None:
    window = show_main_window(qtbot, agent, station)
    window.lock()
    assert not any(a.isEnabled() for a in window.actions() if isinstance(a, QAction))
    with qtbot.waitSignal(window.unlocked, timeout=10_000):
        qtbot.keyClicks(window.lock_screen.passphrase, PASSPHRASES[AGENT])
        qtbot.keyClick(window.lock_screen.passphrase, Qt.Key.Key_Return)
    assert _gated_enabled(window) == ENABLED["agent"]
    assert window.sync_action.isEnabled() and window.find_action.isEnabled()


@pytest.mark.qt_log_ignore("does not support grabbing the keyboard")  # offscreen: the open menu's grab
@pytest.mark.parametrize("language", ["en", "es"], indirect=True)
def test_about_says_the_version_and_the_station_by_keys(qtbot, agent: services.Session, station: Path,
                                                         language: str) -> None:
    window = show_main_window(qtbot, agent, station)
    window.resize(1366, 768)
    qtbot.keyClick(window, Qt.Key.Key_S if language == "en" else Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
    qtbot.keyClick(QApplication.activePopupWidget(), Qt.Key.Key_B if language == "en" else Qt.Key.Key_D)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QMessageBox))
    box = QApplication.activeModalWidget()
    assert f"Kinlink {__version__}" in box.text()
    details = box.informativeText()
    assert agent.identity.name in details and agent.identity.code in details and str(station) in details
    assert ("Sync protocol 2" if language == "en" else "Protocolo de sincronización 2") in details
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
