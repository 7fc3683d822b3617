"""Defaults the intake wizard offers so that the agent types less (issue 16, item 9).

A new child takes the first adult's nationality and languages, and family names built as a
Spanish-speaking family builds them (the README's Ixchel *Batz'ín García*: the father's first family
name, then the mother's first); the next encounter takes the place of the last one saved at the
station (``station_memory``). An offered default is ordinary text or an ordinary choice, which the
agent sees and may keep; it is selected whenever its field gets the focus, so typing replaces it.
It never replaces what the agent typed: it is given once, when the field is empty (a new child, an
empty encounter), and a field the agent has changed no longer holds an offer. A field that still
holds its offer counts as not typed (Escape on an encounter holding only defaults asks nothing).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from .document_builder import ADULT, PersonEntry

# Words that begin a family name without being all of it: "de la Cruz", "del Valle", "van der Berg".
PARTICLES = frozenset({"de", "del", "la", "las", "los", "da", "das", "do", "dos", "di", "van", "von", "der",
                       "den", "san", "santa"})
_CHORDS = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier
_OFFER = "kinlinkOffer"  # a widget's dynamic property: the default it shows, until the agent changes it


def first_family_name(family_names: str) -> str:
    """The first of a person's family names: "Batz'ín" of "Batz'ín Quixabé", "de la Cruz" of
    "de la Cruz Pérez" (its particles kept with it)."""
    words = family_names.split()
    for index, word in enumerate(words):
        if word.casefold() not in PARTICLES:
            return " ".join(words[:index + 1])
    return " ".join(words)


@dataclass(frozen=True)
class ChildDefaults:
    nationality: str | None = None
    languages: list[str] = field(default_factory=list)
    family_names: str = ""


def child_defaults(people: Sequence[PersonEntry]) -> ChildDefaults:
    """What a new child of these people is offered: the first adult's nationality and languages; as
    family names, the first male adult's first family name and the first female adult's first
    (both named), else the first adult's family names."""
    adults = [p for p in people if p.role == ADULT]
    if not adults:
        return ChildDefaults()
    named = [p for p in adults if not p.name_unknown and p.family_names.strip()]
    father = next((p for p in named if p.sex == "male"), None)
    mother = next((p for p in named if p.sex == "female"), None)
    if father is not None and mother is not None:
        names = f"{first_family_name(father.family_names)} {first_family_name(mother.family_names)}"
    else:
        first = adults[0]
        names = "" if first.name_unknown else " ".join(first.family_names.split())
    return ChildDefaults(adults[0].nationality, list(adults[0].languages), names)


# --- a default in a field ---------------------------------------------------------------------------


def offer_text(edit: QLineEdit, text: str) -> None:
    """Show ``text`` in an empty ``edit`` as a default: selected whenever the field gets the focus
    (typing replaces it), until the agent edits it."""
    if edit.text():
        return
    edit.setText(text)
    edit.selectAll()
    _offered(edit, text or None)


def offer_choice(combo: QComboBox, value: Any) -> None:
    """Choose ``value`` in a combo box still at its first entry, as a default: the first letter
    typed then searches from the top (as in an empty box: "g" is Guatemala, not the next country
    after it); any key or choice of the agent's ends the offer."""
    index = combo.findData(value) if value is not None else -1
    if combo.currentIndex() != 0 or index <= 0:
        return
    combo.setCurrentIndex(index)
    _offered(combo, value)


def holds_offer(widget: QWidget) -> bool:
    """The field shows the default it was offered, unchanged by the agent (or by anyone)."""
    offered = widget.property(_OFFER)
    if offered is None:
        return False
    if isinstance(widget, QLineEdit):
        return bool(widget.text() == offered)
    return not isinstance(widget, QComboBox) or bool(widget.currentData() == offered)


def _offered(widget: QLineEdit | QComboBox, value: Any) -> None:
    widget.setProperty(_OFFER, value)
    if widget.findChild(_OfferWatch) is None:
        widget.installEventFilter(_OfferWatch(widget))


class _OfferWatch(QObject):
    """Ends the offer when the agent edits the field; selects a line edit's default when it gets
    the focus; lets a combo box's first typed letter search from the top."""

    def __init__(self, widget: QLineEdit | QComboBox) -> None:
        super().__init__(widget)
        if isinstance(widget, QLineEdit):
            widget.textEdited.connect(lambda _text: widget.setProperty(_OFFER, None))
        else:
            widget.activated.connect(lambda _index: widget.setProperty(_OFFER, None))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if not holds_offer(watched):  # type: ignore[arg-type]
            return False
        if isinstance(watched, QLineEdit) and event.type() == QEvent.Type.FocusIn:
            watched.selectAll()  # (QLineEdit keeps a selection it finds when it gets the focus)
        elif isinstance(watched, QComboBox) and event.type() == QEvent.Type.KeyPress:
            return self._typed_in_combo(watched, event)  # type: ignore[arg-type]
        return False

    @staticmethod
    def _typed_in_combo(combo: QComboBox, event: QKeyEvent) -> bool:
        if not event.text().strip() or event.modifiers() & _CHORDS:
            return False
        combo.setProperty(_OFFER, None)
        offered = combo.currentIndex()
        combo.blockSignals(True)
        combo.setCurrentIndex(0)
        combo.blockSignals(False)
        combo.keyPressEvent(event)
        if combo.currentIndex() == 0:  # no entry starts with what was typed: the default stays
            combo.setCurrentIndex(offered)
        return True
