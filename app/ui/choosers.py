"""The intake's choosers of a nationality and of languages, for the supervisor's forms (a
correction, a conflict's new value: ``value_input``): a country or languages are picked by name, in
the user's language and searchable by typing, as the agent picked them at the desk, while the value
stored stays the code ("GT", ["es", "quc"]). The lists, their order and their words are the
intake's (``intake.choices``), the language list its own widget (``intake.person_form.LanguageList``:
type a name's first letters to jump, Space ticks). A code the lists do not hold (written by another
station, or before the lists grew) is kept and shown as it is, never dropped."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QListWidgetItem, QVBoxLayout, QWidget

from .forms import hint
from .intake import choices
from .intake.person_form import CODE, LanguageList

VISIBLE_LANGUAGES = 7  # rows of the language list, as at the intake


def _intake(text: str) -> str:
    """A text the intake's person form already says (and the translation has)."""
    return QCoreApplication.translate("PersonForm", text)


class CountryBox(QComboBox):
    """A nationality: "not known", the common countries, a separator, every other country by name."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.addItem("", None)
        for code, _text in choices.countries():
            self.addItem("", code)
        self.insertSeparator(1 + choices.common_country_count())
        self.setMaxVisibleItems(16)
        self.retranslate()

    def set_code(self, code: str | None) -> None:
        if code and self.findData(code) < 0:
            self.addItem(code, code)
        self.setCurrentIndex(max(0, self.findData(code)))

    def code(self) -> str | None:
        data = self.currentData()
        return str(data) if data else None

    def retranslate(self) -> None:
        self.setItemText(0, _intake("— not known —"))
        names = dict(choices.countries())
        for index in range(1, self.count()):
            code = self.itemData(index)
            if code:
                self.setItemText(index, names.get(code, code))


class LanguageChooser(QWidget):
    """Languages: the intake's checkable list, and under it what is ticked, by name."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = LanguageList()
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for code, _text in choices.languages():
            self._add(code)
        self.list.setCurrentRow(0)
        self.list.setFixedHeight(self.list.sizeHintForRow(0) * VISIBLE_LANGUAGES + 2 * self.list.frameWidth())
        self.chosen = hint("")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(3)
        column.addWidget(self.list)
        column.addWidget(self.chosen)
        self.setFocusProxy(self.list)
        self.list.itemChanged.connect(lambda _item: self._show_chosen())
        self.list.itemChanged.connect(lambda _item: self.changed.emit())
        self.retranslate()

    def _add(self, code: str) -> QListWidgetItem:
        item = QListWidgetItem("", self.list)
        item.setData(CODE, code)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        return item

    def _items(self) -> list[QListWidgetItem]:
        return [self.list.item(i) for i in range(self.list.count())]

    def set_codes(self, codes: list[str] | None) -> None:
        known = {item.data(CODE) for item in self._items()}
        for code in codes or []:
            if code not in known:
                self._add(code).setText(code)
        for item in self._items():
            item.setCheckState(Qt.CheckState.Checked if item.data(CODE) in (codes or [])
                               else Qt.CheckState.Unchecked)
        self.list.setCurrentRow(0)

    def codes(self) -> list[str]:
        return [str(item.data(CODE)) for item in self._items() if item.checkState() == Qt.CheckState.Checked]

    def retranslate(self) -> None:
        names = dict(choices.languages())
        for item in self._items():
            item.setText(names.get(item.data(CODE), item.data(CODE)))
        self._show_chosen()

    def _show_chosen(self) -> None:
        chosen = [choices.language_name(code) for code in self.codes()]
        self.chosen.setText(_intake("Chosen: %1").replace("%1", ", ".join(chosen)) if chosen
                            else _intake("Space ticks the language under the cursor; type to jump."))
