"""The station's accounts in the app: an admin adds a user, changes a role, sets a new passphrase
and disables an account; a supervisor releases a locked one; an agent has no such screen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from app import services
from app.ui.main_window import MainWindow
from app.ui.users_dialog import AccountDialog, RoleDialog, UsersDialog
from tests.conftest import ADMIN, AGENT, PASSPHRASES, SUPERVISOR
from tests.ui.conftest import show_main_window


def _rows(dialog: UsersDialog) -> list[list[str]]:
    tree = dialog.users
    return [[tree.topLevelItem(i).text(c) for c in range(3)] for i in range(tree.topLevelItemCount())]


def _select(dialog: UsersDialog, name: str) -> None:
    dialog.users.setCurrentItem(next(dialog.users.topLevelItem(i) for i in range(dialog.users.topLevelItemCount())
                                     if dialog.users.topLevelItem(i).text(0) == name))


def _opened(qtbot, window: MainWindow) -> UsersDialog:
    dialog = window.show_users()
    qtbot.waitUntil(lambda: not dialog.is_busy and dialog.users.topLevelItemCount() > 0, timeout=5000)
    return dialog


def test_an_admin_adds_a_user_and_changes_a_role(qtbot, admin: services.Session, station: Path) -> None:
    dialog = _opened(qtbot, show_main_window(qtbot, admin, station))
    assert _rows(dialog) == [[ADMIN, "admin", "active"], [AGENT, "agent", "active"],
                             [SUPERVISOR, "supervisor", "active"]]
    form = dialog.add_user()
    assert isinstance(form, AccountDialog)
    qtbot.keyClicks(form.name, "luis")
    qtbot.keyClicks(form.passphrase, "a long border night")
    qtbot.keyClicks(form.repeat, "a long border nite")
    form.save_button.click()
    assert form.problems[form.repeat].text() == "The two passphrases differ. Type the same one twice."
    form.repeat.setText("")
    form.passphrase.setText("password")
    qtbot.keyClicks(form.repeat, "password")
    form.save_button.click()
    qtbot.waitUntil(lambda: form.form_message.text() != "", timeout=5000)
    assert form.isVisible() and "luis" not in [r[0] for r in _rows(dialog)]
    form.passphrase.setText("a long border night")
    form.repeat.setText("a long border night")
    with qtbot.waitSignal(dialog.changed, timeout=5000):
        form.save_button.click()
    qtbot.waitUntil(lambda: ["luis", "agent", "active"] in _rows(dialog), timeout=5000)
    services.sign_in(data_dir=station, user="luis", passphrase="a long border night").close()
    _select(dialog, AGENT)
    roles = dialog.change_role()
    assert isinstance(roles, RoleDialog)
    roles.role.setCurrentIndex(roles.role.findData("supervisor"))
    with qtbot.waitSignal(dialog.changed, timeout=5000):
        roles.save_button.click()
    qtbot.waitUntil(lambda: [AGENT, "supervisor", "active"] in _rows(dialog), timeout=5000)


def test_an_admin_sets_a_new_passphrase_and_disables_an_account(qtbot, admin: services.Session, station: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    dialog = _opened(qtbot, show_main_window(qtbot, admin, station))
    _select(dialog, ADMIN)
    assert not dialog.disable_button.isEnabled(), "not one's own account"
    _select(dialog, AGENT)
    form = dialog.reset_passphrase()
    assert form.heading.text() == f"New passphrase for {AGENT}"
    form.passphrase.setText("new desk night shift")
    form.repeat.setText("new desk night shift")
    with qtbot.waitSignal(dialog.changed, timeout=5000):
        form.save_button.click()
    services.sign_in(data_dir=station, user=AGENT, passphrase="new desk night shift").close()
    asked: list[str] = []

    def answer(_parent: object, title: str, _text: str, *_args: object) -> QMessageBox.StandardButton:
        asked.append(title)
        return QMessageBox.StandardButton.Cancel if len(asked) == 1 else QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer)
    qtbot.waitUntil(lambda: dialog.disable_button.isEnabled(), timeout=5000)
    dialog.disable_button.click()
    assert asked == [f"Disable {AGENT}?"] and [AGENT, "agent", "active"] in _rows(dialog), "cancelled: unchanged"
    with qtbot.waitSignal(dialog.changed, timeout=5000):
        dialog.disable_button.click()
    qtbot.waitUntil(lambda: [AGENT, "agent", "disabled"] in _rows(dialog), timeout=5000)
    with pytest.raises((services.WrongPassphrase, services.AccountDisabled)):  # its key slot is gone
        services.sign_in(data_dir=station, user=AGENT, passphrase="new desk night shift")


def test_a_supervisor_releases_a_locked_account(qtbot, supervisor: services.Session, station: Path) -> None:
    for _ in range(5):
        with pytest.raises((services.WrongPassphrase, services.AccountLocked)):
            services.sign_in(data_dir=station, user=AGENT, passphrase="wrong passphrase")
    dialog = _opened(qtbot, show_main_window(qtbot, supervisor, station))
    assert _rows(dialog) == [[AGENT, "agent", "locked"]] and not dialog.add_button.isVisibleTo(dialog)
    assert dialog.heading.text() == "Locked accounts"
    with qtbot.waitSignal(dialog.changed, timeout=5000):
        dialog.release_button.click()
    qtbot.waitUntil(lambda: dialog.users.topLevelItemCount() == 0 and dialog.empty.isVisible(), timeout=5000)
    services.sign_in(data_dir=station, user=AGENT, passphrase=PASSPHRASES[AGENT]).close()


def test_an_agent_has_no_users_screen(qtbot, agent: services.Session, station: Path) -> None:
    assert not show_main_window(qtbot, agent, station).users_action.isEnabled()
