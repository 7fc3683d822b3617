"""One person of the family unit, as the agent types them in (step 2 of the intake wizard).

A new child may be offered defaults taken from the adults (``defaults.child_defaults``): family
names, nationality, languages. They are ordinary text and choices; a family name that is only a
default is not a name the person gave, so with no given names typed it is not saved (the wizard
asks for the names or "Name unknown", never saving a made-up name). Enter moves on as Tab, past
"Name unknown" once a name is typed and past the age once a whole birth date is.
"""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt, Signal
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.fields import MAX_DESCRIPTION_LENGTH
from app.domain.names import MAX_NAME_LENGTH

from ..forms import InlineMessage, Retranslating, field_box, hint
from . import choices
from .bundle_box import IdentityBundleBox
from .defaults import ChildDefaults, holds_offer, offer_choice, offer_text
from .document_builder import ADULT, CHILD, FEATURES, PersonEntry
from .enter_key import EnterMovesOn
from .inline import add_message
from .station_memory import StationMemory

CODE = Qt.ItemDataRole.UserRole
_DATE = QRegularExpression(r"^[0-9-]{0,10}$")
_WHOLE_DATE = QRegularExpression(r"^\d{4}-\d{2}-\d{2}$")
_AGE = QRegularExpression(r"^\d{0,3}([.,]\d{0,2})?$")
FIELDS = ("given_names", "family_names", "name", "birth_date", "age_estimate_years", "sex", "nationality",
          "languages", "description")


def parse_age(text: str) -> float | None:
    """A typed age in years ("6", "0,5"); None when empty; ValueError when not a number."""
    cleaned = text.strip().replace(",", ".")
    return float(cleaned) if cleaned else None


class LanguageList(QListWidget):
    """Checkable languages: type a name's first letters to move there, Space ticks or unticks it.
    Space also ends the search, so "s", Space, "k", Space ticks Spanish and K'iche'."""

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        item = self.currentItem()
        if event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Select) and item is not None \
                and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            checked = item.checkState() == Qt.CheckState.Checked
            item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)
            self.keyboardSearch("")  # a new search starts with the next letter
            event.accept()
            return
        super().keyPressEvent(event)


class PersonForm(Retranslating, QWidget):
    """The fields of one person. Everything typed stays in these widgets until saved or discarded."""

    changed = Signal()
    remove_requested = Signal()

    def __init__(self, key: str, role: str, number: int, memory: StationMemory | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key, self.role, self.number = key, role, number
        self._offered_languages: list[str] | None = None  # the languages offered, until the agent changes them
        self._offered_family_names = ""
        self._build_inputs(memory)
        self.messages = {name: InlineMessage("") for name in (*FIELDS, "person")}
        self.labels = {name: QLabel() for name in ("given_names", "family_names", "birth_date",
                                                   "age_estimate_years", "sex", "nationality", "languages",
                                                   "description", *FEATURES)}
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 13pt; font-weight: 600;")
        self.name_hint, self.age_hint, self.preverbal_hint = hint(""), hint(""), hint("")
        self.languages_chosen = hint("")
        for label in (self.name_hint, self.age_hint, self.preverbal_hint, self.languages_chosen):
            label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self._lay_out()
        self._connect()
        self.enter = EnterMovesOn(self, self._applies)
        self.enter.watch(self.given_names, self.family_names, self.birth_date, self.age, self.sex, self.nationality,
                         *self.features.values(), self.bundle.carried_by)
        self.retranslate()
        self._update_enabled()

    def _build_inputs(self, memory: StationMemory | None) -> None:
        self.given_names, self.family_names = QLineEdit(), QLineEdit()
        for edit in (self.given_names, self.family_names):
            edit.setMaxLength(MAX_NAME_LENGTH)
        self.name_unknown = QCheckBox()
        self.birth_date, self.age = QLineEdit(), QLineEdit()
        self.birth_date.setValidator(QRegularExpressionValidator(_DATE, self.birth_date))
        self.age.setValidator(QRegularExpressionValidator(_AGE, self.age))
        self.birth_date.setMaximumWidth(140)
        self.age.setMaximumWidth(80)
        self._build_choices()
        self.preverbal = QCheckBox()
        self.features = {name: QLineEdit() for name in FEATURES}
        for edit in self.features.values():
            edit.setMaxLength(300)
        self.description = QPlainTextEdit()
        self.description.setTabChangesFocus(True)
        self.description.setFixedHeight(self.description.fontMetrics().lineSpacing() * 3 + 14)
        self.bundle = IdentityBundleBox(memory)  # a pre-verbal child's: who carried them, a photo
        self.remove_button = QPushButton()

    def _build_choices(self) -> None:
        """Sex, nationality and languages: the texts are set by :meth:`retranslate`."""
        self.sex = QComboBox()
        self.sex.addItem("", None)
        for value in choices.SEXES:
            self.sex.addItem("", value)
        self.nationality = QComboBox()
        self.nationality.addItem("", None)
        for code, _text in choices.countries():
            self.nationality.addItem("", code)
        self.nationality.insertSeparator(1 + choices.common_country_count())
        self.nationality.setMaxVisibleItems(16)
        self.languages = LanguageList()
        self.languages.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for code, _text in choices.languages():
            item = QListWidgetItem("", self.languages)
            item.setData(CODE, code)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.languages.setCurrentRow(0)
        self.languages.setFixedHeight(self.languages.sizeHintForRow(0) * 7 + 2 * self.languages.frameWidth())

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.setVerticalSpacing(8)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._row(form, "given_names", self.given_names, self.messages["given_names"])
        self._row(form, "family_names", self.family_names, self.messages["family_names"])
        form.addRow(QWidget(), field_box(self.name_unknown, self.name_hint, self.messages["name"]))
        self._row(form, "birth_date", self._age_row(), self.age_hint, self.messages["birth_date"],
                  self.messages["age_estimate_years"], buddy=self.birth_date)
        self._row(form, "sex", self._sex_row(), self.messages["sex"], self.messages["nationality"], buddy=self.sex)
        self._row(form, "languages", self.languages, self.languages_chosen, self.messages["languages"])
        self.preverbal_row = field_box(self.preverbal, self.preverbal_hint)
        form.addRow(QWidget(), self.preverbal_row)  # (an empty text label breaks height-for-width)
        self.features_box = self._features_box()
        form.addRow(QWidget(), self.features_box)
        self.form = form
        self._row(form, "description", self.description, self.messages["description"])
        form.addRow(QWidget(), self.bundle)
        remove_row = QHBoxLayout()
        remove_row.addStretch(1)
        remove_row.addWidget(self.remove_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(4, 0, 4, 0)
        column.addWidget(self.heading)
        column.addWidget(self.messages["person"])
        column.addLayout(form)
        column.addLayout(remove_row)
        column.addStretch(1)
        form.setRowVisible(self.preverbal_row, self.role == CHILD)

    def _row(self, form: QFormLayout, name: str, field: QWidget, *below: QWidget, buddy: QWidget | None = None) -> None:
        self.labels[name].setBuddy(buddy or field)
        form.addRow(self.labels[name], field_box(field, *below))

    def _age_row(self) -> QWidget:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.birth_date)
        line.addSpacing(12)
        self.labels["age_estimate_years"].setBuddy(self.age)
        line.addWidget(self.labels["age_estimate_years"])
        line.addWidget(self.age)
        line.addStretch(1)
        return row

    def _sex_row(self) -> QWidget:
        row = QWidget()
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.sex)
        line.addSpacing(12)
        self.labels["nationality"].setBuddy(self.nationality)
        line.addWidget(self.labels["nationality"])
        line.addWidget(self.nationality, 1)
        return row

    def _features_box(self) -> QWidget:
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        for index, name in enumerate(FEATURES):
            self.labels[name].setBuddy(self.features[name])
            grid.addWidget(self.labels[name], index // 2, (index % 2) * 2)
            grid.addWidget(self.features[name], index // 2, (index % 2) * 2 + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        return box

    def _connect(self) -> None:
        for edit in (self.given_names, self.family_names):
            edit.textChanged.connect(self.changed)
        self.name_unknown.toggled.connect(self._update_enabled)
        self.name_unknown.toggled.connect(self._unknown_name_offer)
        self.name_unknown.toggled.connect(self.changed)
        self.preverbal.toggled.connect(self._update_enabled)
        self.preverbal.toggled.connect(self._preverbal_languages)
        self.languages.itemChanged.connect(self._languages_changed)
        self.remove_button.clicked.connect(self.remove_requested)

    def retranslate(self) -> None:
        for name, text in self._label_texts().items():
            self.labels[name].setText(text)
        self.heading.setText(self.role_title())
        self.birth_date.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.name_unknown.setText(self.tr("Name &unknown"))
        self.name_hint.setText(self.tr("An unknown name stays unknown: the band number identifies the person. "
                                       "Never type a placeholder such as “Baby Boy”."))
        self.age_hint.setText(self.tr("A birth date (YYYY-MM-DD) or an age estimate in years (0.5 for six months); "
                                      "either may stay empty."))
        self.preverbal.setText(self.tr("Pre-&verbal: cannot yet say who they are"))
        self.preverbal_hint.setText(self.tr("Describe the child below: hair, eyes, marks, clothing."))
        self.remove_button.setText(self.tr("Remove this person"))
        self._retranslate_choices()
        self._retranslate_accessible()
        self._show_languages()

    def _label_texts(self) -> dict[str, str]:
        return {"given_names": self.tr("&Given names"), "family_names": self.tr("Fa&mily names"),
                "birth_date": self.tr("Birth &date"), "age_estimate_years": self.tr("or age estimate in &years"),
                "sex": self.tr("Se&x"), "nationality": self.tr("Na&tionality"),
                "languages": self.tr("&Languages"), "description": self.tr("Descri&ption"),
                "hair": self.tr("Hair"), "eyes": self.tr("Eyes"), "marks": self.tr("Marks"),
                "clothing": self.tr("Clothing")}

    def _retranslate_choices(self) -> None:
        self.sex.setItemText(0, self.tr("— choose —"))
        for index, value in enumerate(choices.SEXES, start=1):
            self.sex.setItemText(index, choices.sex_word(value))
        self.nationality.setItemText(0, self.tr("— not known —"))
        country_texts = dict(choices.countries())
        for index in range(1, self.nationality.count()):
            code = self.nationality.itemData(index)
            if code:
                self.nationality.setItemText(index, country_texts.get(code, code))
        for item, (_code, text) in zip(self._language_items(), choices.languages(), strict=True):
            item.setText(text)

    def _retranslate_accessible(self) -> None:
        who = self.role_title()
        for widget, text in ((self.given_names, self.tr("Given names")), (self.family_names, self.tr("Family names")),
                             (self.name_unknown, self.tr("Name unknown")), (self.birth_date, self.tr("Birth date")),
                             (self.age, self.tr("Age estimate in years")), (self.sex, self.tr("Sex")),
                             (self.nationality, self.tr("Nationality")), (self.languages, self.tr("Languages")),
                             (self.preverbal, self.tr("Pre-verbal")), (self.description, self.tr("Description")),
                             (self.features["hair"], self.tr("Hair")), (self.features["eyes"], self.tr("Eyes")),
                             (self.features["marks"], self.tr("Marks")),
                             (self.features["clothing"], self.tr("Clothing")),
                             (self.remove_button, self.tr("Remove this person"))):
            widget.setAccessibleName(f"{text} — {who}")
        for name, message in self.messages.items():
            message.setAccessibleName(self.tr("Problem: %1").replace("%1", name.replace("_", " ")))

    def role_title(self) -> str:
        text = self.tr("Adult %1") if self.role == ADULT else self.tr("Child %1")
        return text.replace("%1", str(self.number))

    # --- defaults and Enter ---------------------------------------------------------------------

    def offer(self, defaults: ChildDefaults) -> None:
        """Defaults for this new (empty) person: shown as typed, changed as typed."""
        offer_text(self.family_names, defaults.family_names)
        self._offered_family_names = defaults.family_names
        offer_choice(self.nationality, defaults.nationality)
        if defaults.languages and not self.chosen_languages():
            self.set_languages(defaults.languages)
            self._offered_languages = list(defaults.languages)

    def _languages_changed(self) -> None:
        offered = self._offered_languages
        if offered is not None and self.chosen_languages() != ([] if self.preverbal.isChecked() else offered):
            self._offered_languages = None  # the agent ticked or unticked one
        self._show_languages()

    def _unknown_name_offer(self, unknown: bool) -> None:
        """"Name unknown": the family names offered (not the person's) go; unticked, they are back."""
        if unknown and holds_offer(self.family_names):
            self.family_names.clear()
        elif not unknown and not self.family_names.text():
            offer_text(self.family_names, self._offered_family_names)

    def _preverbal_languages(self, preverbal: bool) -> None:
        """A pre-verbal child speaks no language yet: the languages offered go while it is ticked."""
        if self._offered_languages is not None:
            self.set_languages([] if preverbal else self._offered_languages)

    def names_given(self) -> bool:
        """A name typed by the agent (a family name only offered as a default does not count)."""
        return bool(self.given_names.text().strip()
                    or (self.family_names.text().strip() and not holds_offer(self.family_names)))

    def _applies(self, widget: QWidget) -> bool:
        """Enter moves past "Name unknown" once a name is typed, past the age once a whole date is."""
        if widget is self.name_unknown:
            return not self.names_given()
        if widget is self.age:
            return not _WHOLE_DATE.match(self.birth_date.text()).hasMatch()
        return True

    def typed_name(self) -> str:
        """The names as typed, or "" when none is typed or "Name unknown" is ticked."""
        if self.name_unknown.isChecked():
            return ""
        return " ".join(part for part in (self.given_names.text().strip(), self.family_names.text().strip()) if part)

    def display_name(self) -> str:
        """The names as typed, or "Child 2 (name unknown)" — never a made-up name."""
        if self.name_unknown.isChecked():
            return self.tr("%1 (name unknown)").replace("%1", self.role_title())
        return self.typed_name() or self.role_title()

    def list_text(self) -> str:
        name = self.typed_name()
        return f"{self.role_title()} · {name}" if name else self.display_name()

    def _update_enabled(self) -> None:
        unknown = self.name_unknown.isChecked()
        for edit in (self.given_names, self.family_names):
            edit.setEnabled(not unknown)  # what was typed stays, greyed; it is not saved while ticked
        self.form.setRowVisible(self.features_box, self.role == CHILD and self.preverbal.isChecked())
        self.form.setRowVisible(self.bundle, self.role == CHILD and self.preverbal.isChecked())

    def _language_items(self) -> list[QListWidgetItem]:
        return [self.languages.item(i) for i in range(self.languages.count())]

    def chosen_languages(self) -> list[str]:
        return [item.data(CODE) for item in self._language_items() if item.checkState() == Qt.CheckState.Checked]

    def _show_languages(self) -> None:
        chosen = [choices.language_name(code) for code in self.chosen_languages()]
        self.languages_chosen.setText(self.tr("Chosen: %1").replace("%1", ", ".join(chosen)) if chosen else
                                      self.tr("Space ticks the language under the cursor; type to jump."))

    def set_languages(self, codes: list[str]) -> None:
        self.languages.blockSignals(True)  # (not the agent's change)
        for item in self._language_items():
            item.setCheckState(Qt.CheckState.Checked if item.data(CODE) in codes else Qt.CheckState.Unchecked)
        self.languages.blockSignals(False)
        self._show_languages()

    def entry(self) -> PersonEntry:
        try:
            age = parse_age(self.age.text())
        except ValueError:
            age = None  # reported by unreadable()
        return PersonEntry(
            key=self.key, role=self.role, given_names=self.given_names.text(),
            family_names=self.family_names.text() if self.names_given() else "",
            name_unknown=self.name_unknown.isChecked(), birth_date=self.birth_date.text(), age_estimate_years=age,
            sex=self.sex.currentData(), nationality=self.nationality.currentData(),
            languages=self.chosen_languages(), preverbal=self.role == CHILD and self.preverbal.isChecked(),
            features={name: edit.text() for name, edit in self.features.items()},
            description=self.description.toPlainText()[:MAX_DESCRIPTION_LENGTH + 1],
            carried_by=self.bundle.carrier(), photo=self.bundle.photo() is not None)

    def unreadable(self) -> dict[str, str]:
        try:
            parse_age(self.age.text())
        except ValueError:
            return {"age_estimate_years": self.tr("Type the age in years, for example 6 or 0.5.")}
        return {}

    def has_input(self) -> bool:
        """Something the agent typed or chose (defaults left as offered are not)."""
        texts = [self.given_names.text(), self.birth_date.text(), self.age.text(), self.description.toPlainText(),
                 *(edit.text() for edit in self.features.values())]
        return any(t.strip() for t in texts) or self.names_given() or self.sex.currentIndex() > 0 \
            or (self.nationality.currentIndex() > 0 and not holds_offer(self.nationality)) \
            or (bool(self.chosen_languages()) and self._offered_languages is None) \
            or self.name_unknown.isChecked() or self.bundle.has_input()

    def clear_messages(self) -> None:
        for message in self.messages.values():
            message.clear_message()

    def show_problem(self, field: str | None, text: str) -> QWidget:
        """Show ``text`` next to ``field`` (a document key, or "name"); returns the widget to focus."""
        name = field if field in self.messages else "person"
        add_message(self.messages[name], text)
        return self.field_widget(name)

    def field_widget(self, name: str | None) -> QWidget:
        widgets: dict[str, QWidget] = {
            "given_names": self.given_names, "family_names": self.family_names, "name": self.name_unknown,
            "birth_date": self.birth_date, "age_estimate_years": self.age, "sex": self.sex,
            "nationality": self.nationality, "languages": self.languages, "description": self.description,
            "preverbal": self.preverbal, "carried_by": self.bundle.carried_by, "photo": self.bundle.photo_path}
        fallback = self.name_unknown if self.name_unknown.isChecked() else self.given_names
        return widgets.get(name or "", fallback)

    def tab_chain(self) -> list[QWidget]:
        """The inputs in the order Tab visits them."""
        return [self.given_names, self.family_names, self.name_unknown, self.birth_date, self.age, self.sex,
                self.nationality, self.languages, self.preverbal, *self.features.values(), self.description,
                *self.bundle.tab_chain(), self.remove_button]

    def first_input(self) -> QWidget:
        return self.name_unknown if self.name_unknown.isChecked() else self.given_names
