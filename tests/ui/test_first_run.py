"""The first-run dialog creates the station store and its first admin, or says what to fix."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from app import services
from app.ui.first_run import FirstRunDialog
from app.ui.worker import wait_for_idle

PASSPHRASE = "a quiet river at dawn"


def _dialog(qtbot, data_dir: Path) -> FirstRunDialog:
    dialog = FirstRunDialog(data_dir)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def _fill(qtbot, dialog: FirstRunDialog, *, station: str = "Sasabe", admin: str = "chief",
          passphrase: str = PASSPHRASE, repeat: str | None = None) -> None:
    qtbot.keyClicks(dialog.station_name, station)
    qtbot.keyClicks(dialog.admin_name, admin)
    qtbot.keyClicks(dialog.passphrase, passphrase)
    qtbot.keyClicks(dialog.repeat, passphrase if repeat is None else repeat)


def test_creates_the_store_and_its_admin_can_sign_in(qtbot, data_dir: Path) -> None:
    dialog = _dialog(qtbot, data_dir)
    _fill(qtbot, dialog, admin=" Chief")  # user names are lower case: a capital means the same name
    with qtbot.waitSignal(dialog.station_created, timeout=10_000) as created:
        qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
        assert not dialog.create_button.isEnabled()  # disabled while the store is being created
        assert dialog.is_busy and not dialog.busy_indicator.isHidden()
    assert created.args[0]["admin"] == "chief" and created.args[0]["name"] == "Sasabe"
    assert services.station_exists(data_dir=data_dir)
    session = services.sign_in(data_dir=data_dir, user="chief", passphrase=PASSPHRASE)
    try:
        assert (session.role, session.identity.name) == ("admin", "Sasabe")
    finally:
        session.close()
    assert dialog.result() == FirstRunDialog.DialogCode.Accepted


def test_a_short_passphrase_is_refused_next_to_the_field(qtbot, data_dir: Path) -> None:
    dialog = _dialog(qtbot, data_dir)
    _fill(qtbot, dialog, passphrase="short")
    dialog.create_button.click()
    message = dialog.field_messages["passphrase"]
    qtbot.waitUntil(message.isVisible, timeout=5000)
    assert "too short" in message.text() and "8 characters" in message.text()
    assert dialog.create_button.isEnabled() and not dialog.is_busy
    assert dialog.isVisible()
    assert not services.station_exists(data_dir=data_dir)


def test_two_different_passphrases_are_refused_before_anything_runs(qtbot, data_dir: Path) -> None:
    dialog = _dialog(qtbot, data_dir)
    _fill(qtbot, dialog, repeat="a quiet river at dusk")
    dialog.create_button.click()
    message = dialog.field_messages["repeat"]
    assert message.isVisible() and "differ" in message.text()
    assert dialog.repeat.text() == "" and dialog.passphrase.text() == PASSPHRASE
    assert not dialog.is_busy
    wait_for_idle()
    assert not services.station_exists(data_dir=data_dir)


def test_an_invalid_user_name_is_shown_next_to_its_field(qtbot, data_dir: Path) -> None:
    dialog = _dialog(qtbot, data_dir)
    _fill(qtbot, dialog, admin="Chief Officer")
    dialog.create_button.click()
    message = dialog.field_messages["admin"]
    qtbot.waitUntil(message.isVisible, timeout=5000)
    assert "not a valid user name" in message.text()
    assert not dialog.field_messages["passphrase"].isVisible()
    assert not services.station_exists(data_dir=data_dir)


def test_an_empty_station_name_is_shown_next_to_its_field(qtbot, data_dir: Path) -> None:
    dialog = _dialog(qtbot, data_dir)
    _fill(qtbot, dialog, station="")
    dialog.create_button.click()
    message = dialog.field_messages["station"]
    qtbot.waitUntil(message.isVisible, timeout=5000)
    assert message.text() == "Must not be empty."


def test_messages_from_the_last_attempt_are_cleared(qtbot, data_dir: Path) -> None:
    dialog = _dialog(qtbot, data_dir)
    _fill(qtbot, dialog, repeat="something else")
    dialog.create_button.click()
    assert dialog.field_messages["repeat"].isVisible()
    qtbot.keyClicks(dialog.repeat, PASSPHRASE)
    with qtbot.waitSignal(dialog.station_created, timeout=10_000):
        dialog.create_button.click()
    assert not dialog.field_messages["repeat"].isVisible()


def test_inputs_have_accessible_names(qtbot, data_dir: Path) -> None:
    dialog = _dialog(qtbot, data_dir)
    names = [w.accessibleName() for w in (dialog.station_name, dialog.admin_name, dialog.passphrase, dialog.repeat)]
    assert names == ["Station name", "Admin user name", "Passphrase", "Repeat passphrase"]
