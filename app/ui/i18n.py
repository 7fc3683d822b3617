"""The app's languages: English (the source texts) and Spanish, from Qt Linguist files.

``resources/translations/kinlink_es.ts`` is the source of the Spanish texts (edited with Qt
Linguist or by hand; refreshed from the code by ``make translations``); the set-up scripts build
``kinlink_es.qm`` from it. Switching language installs other translators; Qt then sends every
widget a LanguageChange event and each window re-sets its texts (``retranslate``), so open windows
switch in place with nothing typed lost.

A pseudo-language (``PseudoTranslator``) lengthens every text by 40% to find labels that clip.
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

TRANSLATIONS = Path(__file__).resolve().parents[2] / "resources" / "translations"
LANGUAGES = {"en": "English", "es": "Español"}  # each name in its own language
SOURCE_LANGUAGE = "en"

_installed: list[QTranslator] = []
_current = SOURCE_LANGUAGE


def current_language() -> str:
    return _current


def system_language() -> str:
    code = QLocale.system().name().split("_")[0]
    return code if code in LANGUAGES else SOURCE_LANGUAGE


def switch(code: str) -> str:
    """Use ``code`` (or the system's language for "") from now on; returns the language in use.
    A language whose translation file is missing falls back to English."""
    global _current
    app = QCoreApplication.instance()
    assert app is not None
    code = code or system_language()
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    _current = SOURCE_LANGUAGE
    if code != SOURCE_LANGUAGE and code in LANGUAGES:
        ours = QTranslator(app)
        if ours.load(f"kinlink_{code}", str(TRANSLATIONS)):
            _install(app, ours)
            qt = QTranslator(app)
            if qt.load(f"qtbase_{code}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
                _install(app, qt)
            _current = code
    return _current


def install_pseudo() -> PseudoTranslator:
    """The stretching pseudo-language, for layout tests (removed by the next ``switch``)."""
    app = QCoreApplication.instance()
    assert app is not None
    translator = PseudoTranslator(app)
    _install(app, translator)
    return translator


def _install(app: QCoreApplication, translator: QTranslator) -> None:
    app.installTranslator(translator)
    _installed.append(translator)


_KEEP = re.compile(r"(%\d|&&|&\w|\n)")  # placeholders, mnemonics and line breaks stay as they are


class PseudoTranslator(QTranslator):
    """Every text 40% longer (vowels doubled, then padding), placeholders and mnemonics kept."""

    STRETCH = 1.4

    def translate(self, context: str, source: str, disambiguation: str | None = None,  # noqa: ARG002
                  n: int = -1) -> str:  # noqa: ARG002
        if not source or source.startswith(("Ctrl+", "Alt+", "Shift+")):
            return source
        return "".join(part if _KEEP.fullmatch(part) else self.stretch(part) for part in _KEEP.split(source))

    @classmethod
    def stretch(cls, text: str) -> str:
        target = round(len(text) * cls.STRETCH)
        longer = re.sub(r"([aeiouAEIOU])", r"\1\1", text)
        return longer + "·" * max(0, target - len(longer)) if len(longer) < target else longer[: max(target, len(text))]

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return False
