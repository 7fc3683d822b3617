"""Enter keeps working after a refusal (issue 16, item 2): a form disables its inputs and buttons while
its operation runs, and the focused default button losing the focus used to take the dialog's default
away for good (Enter then did nothing until a click), or hand it to Close, so that Enter after choosing
a printer by keyboard closed the print dialog without printing. Real key presses throughout."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit, QPushButton

from app import services
from app.ui.arrival_dialog import ArrivalDialog
from app.ui.band_reason_dialog import BandReasonDialog
from app.ui.custody_dialogs import CustodyDialog
from app.ui.export_dialog import ExportDialog
from app.ui.first_run import FirstRunDialog
from app.ui.forms import FormDialog
from app.ui.login import LoginDialog
from app.ui.move_dialog import MoveDialog
from app.ui.print_dialog import PrintBandsDialog
from app.ui.settings import PRINT_DESTINATION, Settings
from tests.band_images import band_family_document
from tests.conftest import AGENT, PASSPHRASES
from tests.ui.conftest import show_main_window, shown_dialog

WRONG = {"en": "Wrong user name or passphrase.", "es": "Usuario o frase de contraseña incorrectos."}
REQUIRED = {"en": "Required.", "es": "Obligatorio."}


@pytest.fixture
def registered(agent: services.Session) -> Any:
    answer = services.register_family(session=agent, document=band_family_document())["families"][0]
    return services.show_family(session=agent, ident=answer["id"])


def _shown(qtbot: Any, dialog: QDialog) -> Any:
    return shown_dialog(qtbot, dialog)


def _idle(qtbot: Any, dialog: FormDialog) -> None:
    qtbot.waitUntil(lambda: not dialog.is_busy, timeout=10_000)


def _retype(qtbot: Any, edit: QLineEdit, text: str) -> None:
    """Replace the field's text by keyboard, as a person fixing it would."""
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)


# --- sign-in, first run, unlock ---------------------------------------------------------------

def test_enter_signs_in_after_a_wrong_passphrase(qtbot: Any, station: Path, language: str) -> None:
    dialog = _shown(qtbot, LoginDialog(station))
    qtbot.keyClicks(dialog.user_name, AGENT)
    qtbot.keyClick(dialog.user_name, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.passphrase
    qtbot.keyClicks(dialog.passphrase, "not my passphrase")
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.login_message.isVisible, timeout=5000)
    _idle(qtbot, dialog)
    assert dialog.login_message.text() == WRONG[language]
    assert dialog.focusWidget() is dialog.passphrase and dialog.sign_in_button.isDefault()
    qtbot.keyClicks(dialog.passphrase, PASSPHRASES[AGENT])
    with qtbot.waitSignal(dialog.signed_in, timeout=10_000) as signed_in:
        qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    signed_in.args[0].close()
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_enter_signs_in_after_two_refusals_of_a_wrong_user_name(qtbot: Any, station: Path) -> None:
    dialog = _shown(qtbot, LoginDialog(station))
    qtbot.keyClicks(dialog.user_name, "nobody")
    qtbot.keyClick(dialog.user_name, Qt.Key.Key_Return)  # from the user name field, no passphrase yet
    qtbot.waitUntil(dialog.login_message.isVisible, timeout=5000)
    _idle(qtbot, dialog)
    assert dialog.focusWidget() is dialog.passphrase
    qtbot.keyClicks(dialog.passphrase, PASSPHRASES[AGENT])
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)  # still the wrong user name
    qtbot.waitUntil(lambda: dialog.passphrase.text() == "", timeout=5000)
    _idle(qtbot, dialog)
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Backtab)
    assert dialog.focusWidget() is dialog.user_name
    _retype(qtbot, dialog.user_name, AGENT)
    qtbot.keyClick(dialog.user_name, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.passphrase, PASSPHRASES[AGENT])
    with qtbot.waitSignal(dialog.signed_in, timeout=10_000) as signed_in:
        qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Return)
    signed_in.args[0].close()


def _fill_first_run(qtbot: Any, dialog: FirstRunDialog, admin: str, passphrase: str) -> None:
    qtbot.keyClicks(dialog.station_name, "Test Crossing")
    for edit, text in ((dialog.admin_name, admin), (dialog.passphrase, passphrase), (dialog.repeat, passphrase)):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        assert dialog.focusWidget() is edit
        qtbot.keyClicks(edit, text)


def test_enter_creates_the_station_after_a_passphrase_too_weak(qtbot: Any, data_dir: Path) -> None:
    dialog = _shown(qtbot, FirstRunDialog(data_dir))
    _fill_first_run(qtbot, dialog, "admin", "short")
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.field_messages["passphrase"].isVisible, timeout=5000)
    _idle(qtbot, dialog)
    assert dialog.focusWidget() is dialog.passphrase and dialog.create_button.isDefault()
    qtbot.keyClicks(dialog.passphrase, "a long enough passphrase")  # replaces the selected weak one
    qtbot.keyClick(dialog.passphrase, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.repeat, "a long enough passphrase")
    with qtbot.waitSignal(dialog.station_created, timeout=10_000):
        qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)


def test_enter_creates_the_station_after_a_bad_user_name(qtbot: Any, data_dir: Path) -> None:
    dialog = _shown(qtbot, FirstRunDialog(data_dir))
    _fill_first_run(qtbot, dialog, "Bad Name!", "a long enough passphrase")
    qtbot.keyClick(dialog.repeat, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.field_messages["admin"].isVisible, timeout=5000)
    _idle(qtbot, dialog)
    assert dialog.focusWidget() is dialog.admin_name
    _retype(qtbot, dialog.admin_name, "admin")
    with qtbot.waitSignal(dialog.station_created, timeout=10_000) as created:
        qtbot.keyClick(dialog.admin_name, Qt.Key.Key_Return)
    assert created.args[0]["admin"] == "admin"


def test_enter_unlocks_after_a_wrong_passphrase(qtbot: Any, agent: services.Session, station: Path) -> None:
    window = show_main_window(qtbot, agent, station)
    window.resize(1366, 768)
    window.lock()
    screen = window.lock_screen
    qtbot.keyClicks(screen.passphrase, "not the passphrase")
    qtbot.keyClick(screen.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.message.isVisible() and screen.passphrase.isEnabled(), timeout=5000)
    assert screen.passphrase.hasFocus()
    with qtbot.waitSignal(window.unlocked, timeout=10_000):
        qtbot.keyClicks(screen.passphrase, PASSPHRASES[AGENT])
        qtbot.keyClick(screen.passphrase, Qt.Key.Key_Return)
    assert not window.is_locked()


# --- the print dialog -------------------------------------------------------------------------

def _print_dialog(qtbot: Any, agent: services.Session, station: Path, family: dict[str, Any],
                  remembered: str) -> PrintBandsDialog:
    Settings(station).set(PRINT_DESTINATION, remembered)
    dialog: PrintBandsDialog = _shown(qtbot, PrintBandsDialog(agent, station, family))
    assert dialog.focusWidget() is dialog.print_button
    return dialog


def _to_destination(qtbot: Any, dialog: PrintBandsDialog, route: str) -> None:
    """From the Print button to the destination list, as a person would: Tab (by way of Close) or Alt+T."""
    if route == "tab":
        qtbot.keyClick(dialog.print_button, Qt.Key.Key_Tab)
        assert dialog.focusWidget() is dialog.close_button
        qtbot.keyClick(dialog.close_button, Qt.Key.Key_Tab)
    else:
        qtbot.keyClick(dialog.print_button, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    assert dialog.focusWidget() is dialog.destination


@pytest.mark.parametrize("route", ["tab", "alt_t"])
def test_choosing_the_destination_by_arrow_then_enter_prints(qtbot: Any, agent: services.Session, station: Path,
                                                            registered: dict[str, Any], tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch, route: str) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))  # the suggested file goes there
    dialog = _print_dialog(qtbot, agent, station, registered, "zpl")
    _to_destination(qtbot, dialog, route)
    qtbot.keyClick(dialog.destination, Qt.Key.Key_Down)  # the network printer -> PDF file
    assert dialog.chosen().kind == "pdf" and dialog.print_button.isDefault()
    with qtbot.waitSignal(dialog.printed, timeout=15_000):
        qtbot.keyClick(dialog.destination, Qt.Key.Key_Return)
    assert dialog.isVisible(), "Enter printed; it did not close the dialog"
    assert (tmp_path / f"bands-{registered['number']}.pdf").stat().st_size > 0


@pytest.mark.qt_log_ignore("does not support grabbing the keyboard", extend=True)  # the offscreen popup
def test_choosing_the_destination_from_the_popup_then_enter_prints(qtbot: Any, agent: services.Session,
                                                                  station: Path, registered: dict[str, Any],
                                                                  tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    dialog = _print_dialog(qtbot, agent, station, registered, "png")
    _to_destination(qtbot, dialog, "tab")
    qtbot.keyClick(dialog.destination, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    popup = dialog.destination.view()
    qtbot.waitUntil(popup.isVisible, timeout=5000)
    qtbot.keyClick(popup, Qt.Key.Key_Up)  # PNG image -> PDF file
    qtbot.keyClick(popup, Qt.Key.Key_Return)  # chooses: neither prints nor closes
    qtbot.waitUntil(lambda: not popup.isVisible(), timeout=5000)
    assert dialog.isVisible() and not dialog.was_printed and dialog.chosen().kind == "pdf"
    assert dialog.focusWidget() is dialog.destination
    with qtbot.waitSignal(dialog.printed, timeout=15_000):
        qtbot.keyClick(dialog.destination, Qt.Key.Key_Return)
    assert dialog.isVisible() and (tmp_path / f"bands-{registered['number']}.pdf").exists()


def test_enter_prints_once_a_missing_file_is_given(qtbot: Any, agent: services.Session, station: Path,
                                                  registered: dict[str, Any], tmp_path: Path) -> None:
    dialog = _print_dialog(qtbot, agent, station, registered, "pdf")
    qtbot.keyClick(dialog.print_button, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    assert dialog.focusWidget() is dialog.file_path
    _retype(qtbot, dialog.file_path, "")
    qtbot.keyClick(dialog.file_path, Qt.Key.Key_Return)
    assert dialog.problems[dialog.file_path].text() == "Required." and dialog.focusWidget() is dialog.file_path
    out = tmp_path / "family.pdf"
    qtbot.keyClicks(dialog.file_path, str(out))
    with qtbot.waitSignal(dialog.printed, timeout=15_000):
        qtbot.keyClick(dialog.file_path, Qt.Key.Key_Return)
    assert dialog.isVisible() and out.stat().st_size > 0


def test_enter_prints_again_after_a_failed_job(qtbot: Any, agent: services.Session, station: Path,
                                              registered: dict[str, Any], tmp_path: Path) -> None:
    dialog = _print_dialog(qtbot, agent, station, registered, "pdf")
    qtbot.keyClick(dialog.print_button, Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    _retype(qtbot, dialog.file_path, str(tmp_path / "no such folder" / "family.pdf"))
    qtbot.keyClick(dialog.file_path, Qt.Key.Key_Return)
    qtbot.waitUntil(dialog.form_message.isVisible, timeout=15_000)
    _idle(qtbot, dialog)
    assert not dialog.was_printed and dialog.print_button.isDefault()
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_F, Qt.KeyboardModifier.AltModifier)
    _retype(qtbot, dialog.file_path, str(tmp_path / "family.pdf"))
    with qtbot.waitSignal(dialog.printed, timeout=15_000):
        qtbot.keyClick(dialog.file_path, Qt.Key.Key_Return)


# --- every form dialog ------------------------------------------------------------------------

Factory = Callable[[services.Session, Path, dict[str, Any]], FormDialog]
FORMS: dict[str, Factory] = {
    "sign-in": lambda _session, station, _family: LoginDialog(station),
    "first run": lambda _session, station, _family: FirstRunDialog(station.parent / "new station"),
    "print": lambda session, station, family: PrintBandsDialog(session, station, family),
    "custody": lambda session, station, family: CustodyDialog(session, station, family["people"][0]),
    "export": lambda session, station, family: ExportDialog(session, station, family),
    "move": lambda session, station, family: MoveDialog(session, station, family["people"][0]),
    "band reason": lambda session, station, family: BandReasonDialog(session, station, family["people"][0], False),
    "arrival": lambda session, station, family: ArrivalDialog(session, station, family["people"][0]),
}


@pytest.mark.parametrize("form", FORMS)
def test_a_busy_spell_leaves_the_focus_and_the_default_button(qtbot: Any, agent: services.Session, station: Path,
                                                             registered: dict[str, Any], form: str) -> None:
    """What every form does around its operation: while busy, the focused field and the default
    button are disabled; once idle again, the focus is back where it was and Enter presses the
    default button (its own action disconnected here: only the key's path is under test)."""
    dialog = _shown(qtbot, FORMS[form](agent, station, registered))
    if isinstance(dialog, MoveDialog):  # its button waits for a number naming another unit (issue 16, item 10)
        other = services.register_family(session=agent, document=band_family_document())["families"][0]
        qtbot.keyClicks(dialog.family, other["number"])
        qtbot.waitUntil(dialog.save_button.isEnabled, timeout=5000)
    default = next(b for b in dialog.buttons.findChildren(QPushButton) if b.isDefault())
    field = next(w for w in dialog._inputs if isinstance(w, QLineEdit) and w.isVisible() and w.isEnabled())
    field.setFocus(Qt.FocusReason.TabFocusReason)
    assert dialog.focusWidget() is field
    dialog.set_busy(True, "")
    assert dialog.focusWidget() is not field  # Qt takes the focus off a disabled field
    dialog.set_busy(False)
    assert dialog.focusWidget() is field and default.isDefault()
    dialog.buttons.accepted.disconnect()
    dialog.buttons.rejected.disconnect()
    with qtbot.waitSignal(default.clicked, timeout=2000):
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert dialog.isVisible()
