"""The accounts screen after the station hardening (issue 15): who added each account, a warning when
the recovery key was set by an account now disabled, and an admin releasing a locked admin."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from app import services
from app.security import recovery
from app.ui.users_dialog import UsersDialog
from tests.conftest import ADMIN, SUPERVISOR
from tests.ui.conftest import show_main_window


def _rows(dialog: UsersDialog) -> dict[str, list[str]]:
    tree = dialog.users
    return {tree.topLevelItem(i).text(0): [tree.topLevelItem(i).text(c) for c in range(1, 4)]
            for i in range(tree.topLevelItemCount())}


def _select(dialog: UsersDialog, name: str) -> None:
    dialog.users.setCurrentItem(next(dialog.users.topLevelItem(i) for i in range(dialog.users.topLevelItemCount())
                                     if dialog.users.topLevelItem(i).text(0) == name))


def test_an_admin_sees_who_added_whom_is_warned_about_the_recovery_key_and_releases_an_admin(
        qtbot, admin: services.Session, station: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    for name in ("boss", "chief"):
        services.add_user(session=admin, name=name, role="admin", passphrase=f"{name} passphrase one")
    boss = services.sign_in(data_dir=station, user="boss", passphrase="boss passphrase one")
    services.set_recovery_key(session=boss, public_key=recovery.new_key_pair()[1])
    boss.close()
    for _ in range(5):
        with pytest.raises((services.WrongPassphrase, services.AccountLocked)):
            services.sign_in(data_dir=station, user="chief", passphrase="not the passphrase")
    dialog = show_main_window(qtbot, admin, station).show_users()
    qtbot.waitUntil(lambda: not dialog.is_busy and dialog.users.topLevelItemCount() > 0, timeout=5000)
    rows = _rows(dialog)
    assert rows[ADMIN] == ["admin", "active", ""] and rows[SUPERVISOR] == ["supervisor", "active", ADMIN]
    assert rows["chief"] == ["admin", "locked", ADMIN] and not dialog.recovery_warning.isVisible()

    _select(dialog, "chief")
    assert dialog.release_button.isEnabled(), "an admin releases another admin"
    with qtbot.waitSignal(dialog.changed, timeout=5000):
        dialog.release_button.click()
    qtbot.waitUntil(lambda: _rows(dialog)["chief"][1] == "active", timeout=5000)
    services.sign_in(data_dir=station, user="chief", passphrase="chief passphrase one").close()

    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *_a: warned.append(text))
    _select(dialog, "boss")
    with qtbot.waitSignal(dialog.changed, timeout=5000):
        dialog.disable_button.click()
    qtbot.waitUntil(lambda: _rows(dialog)["boss"][1] == "disabled" and dialog.recovery_warning.isVisible(),
                    timeout=5000)
    assert warned and warned[0].startswith("The recovery key was set by boss, whose account is disabled")
    assert dialog.recovery_warning.text() == warned[0]
