"""The sign-in dialog: a wrong passphrase is refused in place, the right one opens a session."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from app import services
from app.ui.login import LoginDialog
from tests.conftest import AGENT, PASSPHRASES


def _dialog(qtbot, data_dir: Path, user: str = "") -> LoginDialog:
    dialog = LoginDialog(data_dir, user)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_a_wrong_passphrase_shows_the_message_and_clears_the_field(qtbot, station: Path) -> None:
    dialog = _dialog(qtbot, station)
    qtbot.keyClicks(dialog.user_name, AGENT)
    qtbot.keyClicks(dialog.passphrase, "not my passphrase")
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.login_message.isVisible, timeout=5000)
    assert dialog.login_message.text() == "Wrong user name or passphrase."
    assert dialog.passphrase.text() == ""
    assert dialog.user_name.text() == AGENT
    assert dialog.sign_in_button.isEnabled() and dialog.isVisible()
    assert dialog.session is None


def test_an_unknown_user_gets_the_same_message(qtbot, station: Path) -> None:
    dialog = _dialog(qtbot, station)
    qtbot.keyClicks(dialog.user_name, "nobody")
    qtbot.keyClicks(dialog.passphrase, PASSPHRASES[AGENT])
    dialog.sign_in_button.click()
    qtbot.waitUntil(dialog.login_message.isVisible, timeout=5000)
    assert dialog.login_message.text() == "Wrong user name or passphrase."


def test_the_right_passphrase_signs_in(qtbot, station: Path) -> None:
    dialog = _dialog(qtbot, station)
    qtbot.keyClicks(dialog.user_name, AGENT.capitalize() + " ")  # user names are lower case: "Ana" is ana
    qtbot.keyClicks(dialog.passphrase, PASSPHRASES[AGENT])
    with qtbot.waitSignal(dialog.signed_in, timeout=10_000) as signed_in:
        qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
        assert not dialog.sign_in_button.isEnabled()
    session = signed_in.args[0]
    try:
        assert isinstance(session, services.Session)
        assert (session.user, session.role) == (AGENT, "agent")
        assert dialog.passphrase.text() == "" and not dialog.login_message.isVisible()
        assert dialog.result() == LoginDialog.DialogCode.Accepted
    finally:
        session.close()


def test_a_wrong_passphrase_then_the_right_one(qtbot, station: Path) -> None:
    dialog = _dialog(qtbot, station, user=AGENT)
    assert dialog.focusWidget() is dialog.passphrase  # the user name is already there
    qtbot.keyClicks(dialog.passphrase, "wrong passphrase")
    dialog.sign_in_button.click()
    qtbot.waitUntil(dialog.login_message.isVisible, timeout=5000)
    qtbot.keyClicks(dialog.passphrase, PASSPHRASES[AGENT])
    with qtbot.waitSignal(dialog.signed_in, timeout=10_000) as signed_in:
        dialog.sign_in_button.click()
    signed_in.args[0].close()
    assert not dialog.login_message.isVisible()


def test_a_locked_account_is_explained(qtbot, station: Path) -> None:
    dialog = _dialog(qtbot, station, user=AGENT)
    for _ in range(5):
        qtbot.keyClicks(dialog.passphrase, "wrong passphrase")
        dialog.sign_in_button.click()
        qtbot.waitUntil(lambda: not dialog.is_busy, timeout=5000)
    assert "locked" in dialog.login_message.text()
    assert "supervisor or admin" in dialog.login_message.text()


def test_the_dialog_cannot_be_closed_while_signing_in(qtbot, station: Path) -> None:
    dialog = _dialog(qtbot, station, user=AGENT)
    qtbot.keyClicks(dialog.passphrase, PASSPHRASES[AGENT])
    with qtbot.waitSignal(dialog.signed_in, timeout=10_000) as signed_in:
        dialog.sign_in_button.click()
        dialog.reject()
        dialog.close()
        assert dialog.isVisible()
    signed_in.args[0].close()


def test_a_damaged_store_is_named_at_sign_in_not_called_a_wrong_passphrase(qtbot, station: Path) -> None:
    (station / "station.db").write_bytes(b"")
    dialog = _dialog(qtbot, station, user=AGENT)
    qtbot.keyClicks(dialog.passphrase, PASSPHRASES[AGENT])
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.login_message.isVisible, timeout=5000)
    said = dialog.login_message.text()
    assert str(station / "station.db") in said and "damaged or was replaced" in said
    assert "from a backup" in said and dialog.session is None
