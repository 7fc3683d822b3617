"""Errors people see (docs/conventions.md §4).

Known conditions (wrong passphrase, a locked account, a full disk, a refused permission) become
clear messages; anything else is a bug: it goes to the bug log with a trace and no message text
(``app.bugreport``), and the user sees "Something went wrong" with the log's reference.
"""

from __future__ import annotations

import errno
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app import bugreport, services
from app.domain.errors import NotFound, ValidationError
from app.security.passphrase import WeakPassphrase
from app.security.roles import Permission

_CONTEXT = "Messages"

_PERMISSIONS = {  # the words of security.roles.Permission, for translation
    Permission.REGISTER: QT_TRANSLATE_NOOP("Messages", "register families"),
    Permission.READ: QT_TRANSLATE_NOOP("Messages", "read family records"),
    Permission.PRINT: QT_TRANSLATE_NOOP("Messages", "print bands"),
    Permission.RECORD_CUSTODY: QT_TRANSLATE_NOOP("Messages", "record custody and separations"),
    Permission.PROPOSE_CORRECTION: QT_TRANSLATE_NOOP("Messages", "propose corrections"),
    Permission.CORRECT: QT_TRANSLATE_NOOP("Messages", "correct records"),
    Permission.RESOLVE_CONFLICTS: QT_TRANSLATE_NOOP("Messages", "resolve conflicts"),
    Permission.MERGE: QT_TRANSLATE_NOOP("Messages", "merge records"),
    Permission.VOID_BAND: QT_TRANSLATE_NOOP("Messages", "void bands"),
    Permission.RELEASE_USERS: QT_TRANSLATE_NOOP("Messages", "release locked users"),
    Permission.RELEASE_ADMINS: QT_TRANSLATE_NOOP("Messages", "release locked admins"),
    Permission.MANAGE_USERS: QT_TRANSLATE_NOOP("Messages", "manage users"),
    Permission.STATION_SETTINGS: QT_TRANSLATE_NOOP("Messages", "change station settings"),
    Permission.ENROL: QT_TRANSLATE_NOOP("Messages", "enrol the station"),
    Permission.VERIFY_AUDIT: QT_TRANSLATE_NOOP("Messages", "check the audit chain"),
}

_FIXED: tuple[tuple[type[BaseException], str], ...] = (
    (services.WrongPassphrase, QT_TRANSLATE_NOOP("Messages", "Wrong user name or passphrase.")),
    (services.AccountLocked, QT_TRANSLATE_NOOP(
        "Messages", "This account is locked after repeated failed sign-ins. A supervisor or admin must release it.")),
    (services.SlotNotCurrent, QT_TRANSLATE_NOOP(
        "Messages", "This account's key in the station's key file is not the one the station last gave it (a "
                    "copy was put back?). Ask an admin to set a new passphrase for it.")),
    (services.AccountDisabled, QT_TRANSLATE_NOOP(
        "Messages", "This account is disabled. Ask an admin of this station.")),
    (services.StoreMissing, QT_TRANSLATE_NOOP("Messages", "There is no station store in this data folder.")),
    (services.StoreExists, QT_TRANSLATE_NOOP(
        "Messages", "A station store already exists in this data folder. Nothing was changed.")),
    (services.KeySlotError, QT_TRANSLATE_NOOP(
        "Messages", "The station's key file is damaged or belongs to another store. Nothing was changed.")),
    (services.WrongKey, QT_TRANSLATE_NOOP(
        "Messages", "The station store could not be opened: the store or its key file is damaged.")),
    (NotFound, QT_TRANSLATE_NOOP("Messages", "That record is not in this station's records.")),
)


def tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def sentence(text: str) -> str:
    """A message from the services layer as a sentence: capital first letter, final full stop."""
    text = text.strip()
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


def known_message(error: BaseException) -> str | None:
    """The message for a known condition, or ``None`` for a bug."""
    if isinstance(error, services.StoreDamaged):
        return QCoreApplication.translate(
            "Messages", "The station store %1 is damaged or was replaced: it does not open with this station's "
                        "key. Nothing was changed. Put it back from a backup of the data folder, or ask support "
                        "about the copy kept before the last upgrade.").replace("%1", str(error.path))
    if isinstance(error, services.LogonStateUnusable):
        return QCoreApplication.translate(
            "Messages", "The sign-in lock file in the data folder cannot be used: %1") \
            .replace("%1", sentence(str(error)))
    for kind, text in _FIXED:
        if isinstance(error, kind):
            return tr(text)
    if isinstance(error, services.SchemaTooNew):
        return QCoreApplication.translate(
            "Messages", "This station store was written by a newer version of Kinlink (store version %1; this "
                        "version reads up to %2). Update Kinlink; the store is unchanged.") \
            .replace("%1", str(error.found)).replace("%2", str(error.understood))
    if isinstance(error, services.NotPermitted):
        return not_permitted(error)
    if isinstance(error, ValidationError):
        return " ".join(sentence(problem.message) for problem in error.problems)
    if isinstance(error, WeakPassphrase):
        return sentence(str(error))
    if isinstance(error, services.PrinterError):  # the print system's own words, in English
        return QCoreApplication.translate("Messages", "Nothing was printed: %1").replace(
            "%1", sentence(str(error)))
    if isinstance(error, services.OutputError):
        return QCoreApplication.translate("Messages", "The file was not written: %1").replace(
            "%1", sentence(str(error)))
    if isinstance(error, OSError) and error.errno is not None:
        return _environment(error)
    return None


def upgraded(upgrade: dict[str, object]) -> str:
    """What a sign-in that upgraded the store did (``Session.upgraded``)."""
    return QCoreApplication.translate(
        "Messages", "Station store upgraded from version %1 to %2; the copy from before is %3 in the "
                    "data folder.") \
        .replace("%1", str(upgrade["from"])).replace("%2", str(upgrade["to"])).replace("%3", str(upgrade["copy"]))


def not_permitted(error: services.NotPermitted) -> str:
    action = _PERMISSIONS.get(error.permission)
    what = tr(action) if action else str(error.permission.value)
    return QCoreApplication.translate("Messages", "Not permitted: your role may not %1.").replace("%1", what)


def _environment(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return QCoreApplication.translate("Messages", "The disk is full. Free some space, then try again.")
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return QCoreApplication.translate(
            "Messages", "Kinlink may not write to its data folder. Ask an admin to check its permissions.")
    text = QCoreApplication.translate("Messages", "The station's files could not be read or written (%1).")
    return text.replace("%1", error.strerror or "")


def show_error(parent: QWidget | None, title: str, text: str) -> None:
    """Tell the user about an error in a message box (tests replace this one function)."""
    QMessageBox.critical(parent, title, text)


def report_unexpected(parent: QWidget | None, error: BaseException, data_dir: Path) -> str:
    """Log a bug under a fresh reference and tell the user; returns the reference."""
    reference = bugreport.record(error, data_dir / "logs")
    text = QCoreApplication.translate(
        "Messages", "Something went wrong. Kinlink recorded what happened under the reference %1; "
                    "quote it when you report the problem.").replace("%1", reference)
    show_error(parent, QCoreApplication.translate("Messages", "Something went wrong"), text)
    return reference


def report(parent: QWidget | None, error: BaseException, data_dir: Path) -> str:
    """A known condition as its message, anything else as a bug; returns what was shown."""
    message = known_message(error)
    if message is None:
        return report_unexpected(parent, error, data_dir)
    show_error(parent, QCoreApplication.translate("Messages", "Kinlink"), message)
    return message
