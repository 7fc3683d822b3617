"""Step 2 of the intake wizard: the people of the family unit, one form each.

The list on the left names everyone added (adults first, then children); the form of the person
selected is on the right. Each person's form is its own widget, kept until the wizard is saved
or discarded, so moving between people (or steps) never loses what was typed. A new child is
offered defaults from the adults already entered (``defaults.child_defaults``).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..forms import InlineMessage, Retranslating, hint
from .defaults import child_defaults
from .document_builder import ADULT, CHILD, PersonEntry
from .person_form import PersonForm
from .station_memory import StationMemory

KEY = Qt.ItemDataRole.UserRole


class PeoplePage(Retranslating, QWidget):
    """Add adults and children, fill in each, remove one (the wizard confirms)."""

    remove_asked = Signal(object)  # the PersonForm whose "remove" was pressed
    people_changed = Signal()

    def __init__(self, memory: StationMemory | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._memory = memory
        self._counters = {ADULT: 0, CHILD: 0}
        self._forms: dict[str, PersonForm] = {}
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14pt; font-weight: 600;")
        self.intro = hint("")
        self.add_adult_button, self.add_child_button = QPushButton(), QPushButton()
        self.add_adult_button.clicked.connect(lambda: self.add_person(ADULT))
        self.add_child_button.clicked.connect(lambda: self.add_person(CHILD))
        self.list_label = QLabel()
        self.people_list = QListWidget()
        self.people_list.currentItemChanged.connect(self._selected)
        self.people_list.setMinimumWidth(260)
        self.message = InlineMessage("")
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.forms = QStackedWidget()
        self.forms.addWidget(self.empty)
        self.scroll_area = QScrollArea()
        self.scroll_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to the fields in it
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(self.forms)
        self._lay_out()
        self.retranslate()

    def _lay_out(self) -> None:
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_adult_button)
        buttons.addWidget(self.add_child_button)
        left = QVBoxLayout()
        left.addLayout(buttons)
        left.addWidget(self.list_label)
        left.addWidget(self.people_list, 1)
        left.addWidget(self.message)
        self.list_label.setBuddy(self.people_list)
        row = QHBoxLayout()
        row.addLayout(left, 0)
        row.addSpacing(12)
        row.addWidget(self.scroll_area, 1)
        column = QVBoxLayout(self)
        column.addWidget(self.heading)
        column.addWidget(self.intro)
        column.addLayout(row, 1)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("People"))
        self.intro.setText(self.tr("Everyone apprehended together who says they belong together. "
                                   "Ctrl+Shift+A adds an adult, Ctrl+Shift+C a child."))
        self.add_adult_button.setText(self.tr("Add &adult"))
        self.add_child_button.setText(self.tr("Add &child"))
        self.add_adult_button.setToolTip(self.tr("Add an adult (Ctrl+Shift+A)"))
        self.add_child_button.setToolTip(self.tr("Add a child (Ctrl+Shift+C)"))
        self.add_adult_button.setAccessibleName(self.tr("Add an adult"))
        self.add_child_button.setAccessibleName(self.tr("Add a child"))
        self.list_label.setText(self.tr("&In this family unit"))
        self.people_list.setAccessibleName(self.tr("People in this family unit"))
        self.message.setAccessibleName(self.tr("Problem with the people"))
        self.empty.setText(self.tr("No one yet. Add an adult (Ctrl+Shift+A) or a child (Ctrl+Shift+C)."))
        for form in self._forms.values():
            self._refresh_item(form)

    def add_person(self, role: str) -> PersonForm:
        """A new form for an adult or a child (a child's with the defaults the adults give), selected,
        its first field focused."""
        self._counters[role] += 1
        number = self._counters[role]
        form = PersonForm(f"{role[0]}{number}", role, number, self._memory)
        if role == CHILD:
            form.offer(child_defaults(self.entries()))
        self._forms[form.key] = form
        self.forms.addWidget(form)
        chain = [self.people_list, *form.tab_chain()]  # from the list, Tab goes into the person's form
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)
        form.changed.connect(lambda: self._refresh_item(form))
        form.remove_requested.connect(lambda: self.remove_asked.emit(form))
        item = QListWidgetItem()
        item.setData(KEY, form.key)
        row = self._first_child_row() if role == ADULT else self.people_list.count()
        self.people_list.insertItem(row, item)
        self._refresh_item(form)
        self.people_list.setCurrentItem(item)
        self.message.clear_message()
        self._refresh_adults()
        form.given_names.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.people_changed.emit()
        return form

    def _first_child_row(self) -> int:
        for row in range(self.people_list.count()):
            if self._forms[self.people_list.item(row).data(KEY)].role == CHILD:
                return row
        return self.people_list.count()

    def remove_person(self, form: PersonForm) -> None:
        row = self._row_of(form.key)
        self.people_list.takeItem(row)
        self.forms.removeWidget(form)
        del self._forms[form.key]
        form.deleteLater()
        if self.people_list.count():
            self.people_list.setCurrentRow(min(row, self.people_list.count() - 1))
            self.people_list.setFocus()
        else:
            self.forms.setCurrentWidget(self.empty)
            self.add_adult_button.setFocus()
        self._refresh_adults()
        self.people_changed.emit()

    def _row_of(self, key: str) -> int:
        return next(r for r in range(self.people_list.count()) if self.people_list.item(r).data(KEY) == key)

    def _refresh_item(self, form: PersonForm) -> None:
        if form.key not in self._forms:
            return
        item = self.people_list.item(self._row_of(form.key))
        item.setText(form.list_text())
        if form.role == ADULT:
            self._refresh_adults()

    def _refresh_adults(self) -> None:
        """Each child's "Carried by" offers the adults entered so far."""
        forms = self.person_forms()
        adults = [(f.key, f.display_name()) for f in forms if f.role == ADULT]
        for child in (f for f in forms if f.role == CHILD):
            child.bundle.set_adults(adults)

    def loading_photo(self) -> bool:
        return any(form.bundle.loading for form in self._forms.values())

    def _selected(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if current is None:
            self.forms.setCurrentWidget(self.empty)
            return
        self.forms.setCurrentWidget(self._forms[current.data(KEY)])
        self.scroll_area.verticalScrollBar().setValue(0)

    def person_forms(self) -> list[PersonForm]:
        """In list order (adults first): the order of the people in the document."""
        return [self._forms[self.people_list.item(r).data(KEY)] for r in range(self.people_list.count())]

    def form(self, key: str) -> PersonForm | None:
        return self._forms.get(key)

    def show_person(self, key: str) -> PersonForm | None:
        form = self._forms.get(key)
        if form is not None:
            self.people_list.setCurrentRow(self._row_of(key))
        return form

    def entries(self) -> list[PersonEntry]:
        return [form.entry() for form in self.person_forms()]

    def has_input(self) -> bool:
        return bool(self._forms)

    def clear_messages(self) -> None:
        self.message.clear_message()
        for form in self._forms.values():
            form.clear_messages()

    def first_input(self) -> QWidget:
        current = self.forms.currentWidget()
        return current.first_input() if isinstance(current, PersonForm) else self.add_adult_button

    def reset(self) -> None:
        for form in list(self._forms.values()):
            self.remove_person(form)
        self._counters = {ADULT: 0, CHILD: 0}
