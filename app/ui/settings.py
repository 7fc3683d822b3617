"""The app's settings, declared once (docs/conventions.md §5): key, default, type and a translated
description. They live in ``settings.ini`` in the data folder (QSettings, INI format), so that a
station's settings travel with its store and a test's settings stay in its temporary folder.
Settings never hold personal data: only numbers, language codes, printer names, and what the intake
desk remembers between families (the place of the last one, the folder of the last photo).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSettings

from app import services


@dataclass(frozen=True)
class Setting:
    key: str
    default: Any
    kind: Callable[[Any], Any]  # turns what QSettings gives back (often a string) into the value
    description: str  # translated with the "Settings" context

    def title(self) -> str:
        return QCoreApplication.translate("Settings", self.description)


LOCK_AFTER_MINUTES = Setting(
    "session/lock_after_minutes", services.DEFAULT_IDLE_MINUTES, services.idle_minutes,
    QT_TRANSLATE_NOOP("Settings", "Lock the station after this many minutes without use (1 to 30)"))
LANGUAGE = Setting(
    "ui/language", "", str, QT_TRANSLATE_NOOP("Settings", "Language of the app (empty: the system's)"))
STATION_NAME = Setting(
    "station/name", "", str, QT_TRANSLATE_NOOP("Settings", "This station's name, shown before sign-in"))
DEFAULT_PRINTER = Setting(
    "printing/default_printer", "", str, QT_TRANSLATE_NOOP("Settings", "Printer for wristbands"))

PRINT_DESTINATION = Setting(
    "printing/destination", "printer:", str,
    QT_TRANSLATE_NOOP("Settings", "Where wristbands go: a printer, a network printer (ZPL) or a file"))
SHEET_PRINTER = Setting(
    "printing/sheet_printer", "", str, QT_TRANSLATE_NOOP("Settings", "Printer for transfer sheets (paper)"))
PRINT_DPI = Setting(
    "printing/dpi", 203, lambda value: 300 if int(value) == 300 else 203,
    QT_TRANSLATE_NOOP("Settings", "Resolution of the wristband printer (203 or 300 dpi)"))

# What the intake wizard remembers between families (issue 16, item 9): the next encounter's defaults.
# A place and coordinates are the station's, not a person's; kept as the agent typed them.
LAST_PLACE = Setting(
    "intake/last_place", "", str,
    QT_TRANSLATE_NOOP("Settings", "Place of the last family unit saved here (the next encounter's default)"))
LAST_LATITUDE = Setting(
    "intake/last_latitude", "", str, QT_TRANSLATE_NOOP("Settings", "Latitude of the last family unit saved here"))
LAST_LONGITUDE = Setting(
    "intake/last_longitude", "", str, QT_TRANSLATE_NOOP("Settings", "Longitude of the last family unit saved here"))
PHOTO_FOLDER = Setting(
    "intake/photo_folder", "", str,
    QT_TRANSLATE_NOOP("Settings", "Folder of the last photo loaded from a file (where the photo's file dialog opens)"))

ALL = (LOCK_AFTER_MINUTES, LANGUAGE, STATION_NAME, DEFAULT_PRINTER, PRINT_DESTINATION, PRINT_DPI, SHEET_PRINTER,
       LAST_PLACE, LAST_LATITUDE, LAST_LONGITUDE, PHOTO_FOLDER)


class Settings:
    """Read and write the declared settings of one data folder."""

    def __init__(self, data_dir: Path) -> None:
        self._store = QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat)

    def get(self, setting: Setting) -> Any:
        raw = self._store.value(setting.key, setting.default)
        try:
            return setting.kind(raw)
        except (TypeError, ValueError):
            return setting.default

    def set(self, setting: Setting, value: Any) -> None:
        self._store.setValue(setting.key, setting.kind(value))
        self._store.sync()
