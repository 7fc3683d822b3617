"""A field's new value as a supervisor types or picks it, for a correction (``correction_dialog.py``)
or a conflict's resolution (``conflicts_dialog.py``): a list for fields with fixed words, yes/no for
flags, the intake's choosers for a nationality and languages (by name; the value stays the code:
``choosers``), text otherwise, read as the field's kind (``app.domain.commands.correction_kind``,
which the command line uses too). The service checks the value itself."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize
from PySide6.QtWidgets import QComboBox, QLineEdit, QSizePolicy, QStackedWidget, QWidget

from app.domain.commands import correction_kind
from app.domain.model import Provenance, Relationship, Role

from . import labels
from .choosers import CountryBox, LanguageChooser
from .forms import grow_to_fit
from .intake import choices

# The fields whose values are fixed words (text to the domain), offered as a list.
CHOICES: dict[str, list[str]] = {"sex": choices.SEXES, "role": [r.value for r in Role],
                                 "relationship": [r.value for r in Relationship],
                                 "provenance": [p.value for p in Provenance]}

# What to say when a "number" field's text is not a number: (translation context, text). An age in
# years has words of its own; the coordinates use the new encounter's words for them.
_NOT_A_NUMBER = {
    "age_estimate_years": ("CorrectionDialog", QT_TRANSLATE_NOOP("CorrectionDialog",
                                                                 "Enter a number of years, such as 7 or 0.5.")),
}
_NOT_A_COORDINATE = ("EncounterPage", QT_TRANSLATE_NOOP("EncounterPage", "Type a number such as 31.3 or -110.9."))


class ValueProblem(ValueError):
    """What the supervisor typed cannot be read as a value of the field (said in their language)."""


def typed_value(field: str, text: str) -> Any:
    """The value of ``field`` from what was typed, as its kind (``correction_kind``) reads it: a
    number, a list of codes, or text (empty: none). Flags are picked, never typed."""
    text = text.strip()
    kind = correction_kind(field)
    if kind == "number":
        if not text:
            return None
        try:
            number = float(text.replace(",", ".").replace("−", "-"))
        except ValueError:
            raise ValueProblem(QCoreApplication.translate(*_NOT_A_NUMBER.get(field, _NOT_A_COORDINATE))) from None
        return int(number) if number.is_integer() else number
    if kind == "list":
        return [code for code in re.split(r"[\s,;]+", text) if code]
    return text or None


def value_words(field: str, raw: Any) -> str:
    """A stored value in words, as ``labels.value`` says it; a nationality and languages by name too
    ("Guatemala (GT)", "Spanish (es), K'iche' (quc)"), as the choosers show them."""
    if field == "nationality" and isinstance(raw, str) and raw:
        return choices.country_name(raw)
    if field == "languages" and isinstance(raw, list) and raw:
        names = dict(choices.languages())
        return ", ".join(names.get(code, str(code)) for code in raw)
    return labels.value(field, raw)


class ValueInput(QStackedWidget):
    """A field's new value: a list for fields with fixed words, yes/no for flags, the intake's
    choosers for a nationality and languages, text otherwise."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QLineEdit()
        self.text.setMaxLength(500)
        self.choice = QComboBox()
        self.country = CountryBox()
        self.languages = LanguageChooser()
        for page in (self.text, self.choice, self.country, self.languages):
            self.addWidget(page)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.currentChanged.connect(self._page_shown)
        self._field = ""
        self._page_shown()

    def _page_shown(self, _index: int = 0) -> None:
        """The page shown takes the focus for the whole (the form label's mnemonic) and sets the height."""
        page = self.currentWidget()
        if page is not None:
            self.setFocusProxy(page)
        self.updateGeometry()
        grow_to_fit(self)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self.currentWidget().sizeHint()  # as tall as the one input shown, not the tallest of both

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self.currentWidget().minimumSizeHint()

    def set_field(self, field: str, current: Any) -> None:
        self._field = field
        flag = correction_kind(field) == "flag"
        if field == "nationality":
            self.country.set_code(current if isinstance(current, str) else None)
            self.setCurrentWidget(self.country)
        elif field == "languages":
            self.languages.set_codes([str(code) for code in current] if isinstance(current, list) else [])
            self.setCurrentWidget(self.languages)
        elif field in CHOICES or flag:
            self.choice.clear()
            options: list[Any] = [True, False] if flag else CHOICES[field]
            for option in options:
                self.choice.addItem(labels.value(field, option), option)
            at = self.choice.findData(current)
            self.choice.setCurrentIndex(at if at >= 0 else 0)
            self.setCurrentWidget(self.choice)
        else:
            shown = ", ".join(current) if isinstance(current, list) else "" if current is None else str(current)
            self.text.setText(shown)
            self.setCurrentWidget(self.text)

    def retranslate(self) -> None:
        for index in range(self.choice.count()):
            self.choice.setItemText(index, labels.value(self._field, self.choice.itemData(index)))
        self.country.retranslate()
        self.languages.retranslate()

    def value(self) -> Any:
        shown = self.currentWidget()
        if shown is self.choice:
            return self.choice.currentData()
        if shown is self.country:
            return self.country.code()
        if shown is self.languages:
            return self.languages.codes()
        return typed_value(self._field, self.text.text())

    def setFocus(self) -> None:  # noqa: N802 - Qt's name
        self.currentWidget().setFocus()
