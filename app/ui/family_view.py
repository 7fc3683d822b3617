"""A read-only view of one family unit, from ``services.show_family``: its people with bands,
roles and custody, the links between them with relationship and state, and the change history.
The person chosen in the people table is shown whole in the person pane below it: the photo, the
description and marks, who carried the child, the custody (``person_pane``)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStackedLayout,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import services
from app.bands.content import issued_band

from . import labels
from .forms import Retranslating
from .person_pane import PersonPane

PERSON_REFERENCES = {"person_id", "from_person", "to_person"}


def custody_text(custody: dict[str, Any] | None) -> str:
    """Where a person is (their latest custody record, as the family view gives it) in words: the
    family view's and the supervisor's previews' (``record_preview``)."""
    if not custody:
        return labels.MISSING
    place = labels.word("location", custody.get("location"))
    if custody.get("location") == "station" and custody.get("station"):
        place = (QCoreApplication.translate("FamilyView", "in transit to station %1") if custody.get("in_transit")
                 else QCoreApplication.translate("FamilyView", "station %1")).replace("%1", str(custody["station"]))
        if custody.get("agency"):  # whose station: what a shelter looking for a parent needs first
            place = f"{place} ({labels.AGENCY_NAMES.get(custody['agency'], custody['agency'])})"
    if custody.get("receiving_party"):
        place = f"{place}: {custody['receiving_party']}"
    if custody.get("reference"):
        place = QCoreApplication.translate("FamilyView", "%1, reference %2").replace("%1", place) \
            .replace("%2", custody["reference"])
    return QCoreApplication.translate("FamilyView", "%1 since %2").replace("%1", place) \
        .replace("%2", labels.local_time(custody.get("since")))


def _tree(*, flat: bool) -> QTreeWidget:
    tree = QTreeWidget()
    tree.setRootIsDecorated(not flat)
    tree.setAlternatingRowColors(True)
    tree.setUniformRowHeights(True)
    tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tree.header().setStretchLastSection(True)
    tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return tree


def _section() -> QLabel:
    label = QLabel()
    label.setStyleSheet("font-weight: 600; margin-top: 6px;")
    return label


class FamilyView(Retranslating, QWidget):
    """Shows one family, or a placeholder while there is none to show; asks (by signal) for the
    events an agent records on a person or a link."""

    custody_requested = Signal(dict)  # the person (as in the family view)
    arrival_requested = Signal(dict)  # the person
    link_state_requested = Signal(dict, str)  # the link (with from_name, to_name), and its sentence
    print_requested = Signal(dict)  # the family
    put_on_requested = Signal(dict)  # the family
    export_requested = Signal(dict)  # the family
    correction_requested = Signal(str, dict, str)  # "person" or "link", the record, who or what it is

    def __init__(self, session: services.Session, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._family: dict[str, Any] | None = None
        self.person_pane = PersonPane(session, data_dir)
        self.custody_button, self.link_button, self.arrival_button = QPushButton(), QPushButton(), QPushButton()
        self.custody_button.clicked.connect(self._ask_custody)
        self.arrival_button.clicked.connect(lambda: (person := self._selected(self.people, "people")) is not None
                                            and self.arrival_requested.emit(person))
        self.link_button.clicked.connect(self._ask_link_state)
        self.correct_person_button, self.correct_link_button = QPushButton(), QPushButton()
        self.correct_person_button.clicked.connect(self._ask_person_correction)
        self.correct_link_button.clicked.connect(self._ask_link_correction)
        self._can_correct = False
        self._proposing = False  # an agent proposes what a supervisor would correct
        self.print_button, self.put_on_button = QPushButton(), QPushButton()
        self.print_button.clicked.connect(lambda: self._family and self.print_requested.emit(self._family))
        self.put_on_button.clicked.connect(lambda: self._family and self.put_on_requested.emit(self._family))
        self.export_button = QPushButton()
        self.export_button.clicked.connect(lambda: self._family and self.export_requested.emit(self._family))
        self._placeholder_text: str | None = None
        self.placeholder = QLabel()
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.new_family_button = QPushButton()  # where a new desk looks first (the main window wires it)
        self.new_family_button.setAutoDefault(False)
        self.new_family_button.setStyleSheet("font-size: 13pt; font-weight: 600; padding: 12px 28px;")
        self.heading = QLabel()
        self.heading.setStyleSheet("font-size: 14pt; font-weight: 600;")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.people, self.links, self.history = _tree(flat=True), _tree(flat=True), _tree(flat=False)
        self.sections = [_section(), _section(), _section()]
        self._stack = QStackedLayout(self)
        self._stack.addWidget(self._placeholder_page())
        self._stack.addWidget(self._content())
        self.retranslate()

    def retranslate(self) -> None:
        self.placeholder.setText(self._placeholder_text or self._default_placeholder())
        for tree, name, headers in (
                (self.people, self.tr("People in this family"), [
                    self.tr("Name"), self.tr("Role"), self.tr("Band"), self.tr("Age"), self.tr("Custody")]),
                (self.links, self.tr("Family links"), [
                    self.tr("Person"), self.tr("Is the"), self.tr("Of"), self.tr("Provenance"), self.tr("State")]),
                (self.history, self.tr("Change history"), [
                    self.tr("When (UTC)"), self.tr("By"), self.tr("Change"), self.tr("Reason")])):
            tree.setAccessibleName(name)
            tree.setHeaderLabels(headers)
        for label, text in zip(self.sections, (self.tr("People"), self.tr("Links"), self.tr("History")), strict=True):
            label.setText(text)
        self.custody_button.setText(self.tr("Record custody &transfer…"))
        self.arrival_button.setText(self.tr("Record arri&val…"))
        self.link_button.setText(self.tr("Record se&paration or contact…"))
        self.retranslate_buttons()
        self.print_button.setText(self.tr("Print &bands… (Ctrl+P)"))
        self.put_on_button.setText(self.tr("Put bands &on… (Ctrl+B)"))
        self.export_button.setText(self.tr("E&xport FHIR… (Ctrl+Shift+E)"))
        self.new_family_button.setText(self.tr("&New family unit… (Ctrl+N)"))
        self.new_family_button.setAccessibleName(self.tr("Register a new family unit"))
        if self._family is not None:
            self.show_family(self._family)  # the words of the records, in the new language

    def _placeholder_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.addStretch(1)
        column.addWidget(self.new_family_button, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addSpacing(18)
        column.addWidget(self.placeholder)
        column.addStretch(2)
        return page

    def _default_placeholder(self) -> str:
        return self.tr("Search for a name or a band number, then select a person to see their family.")

    def _content(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.export_button)
        column.addLayout(top)
        column.addWidget(self.summary)
        buttons = {self.people: [self.print_button, self.put_on_button, self.custody_button, self.arrival_button,
                                 self.correct_person_button],
                   self.links: [self.link_button, self.correct_link_button]}
        for label, tree in zip(self.sections, (self.people, self.links, self.history), strict=True):
            column.addWidget(label)
            column.addWidget(tree, 1 if tree is self.history else 0)
            if tree is self.people:
                column.addWidget(self.person_pane)
            if tree in buttons:
                row = QHBoxLayout()
                row.addStretch(1)
                for button in buttons[tree]:
                    row.addWidget(button)
                column.addLayout(row)
        self.people.currentItemChanged.connect(self._show_chosen)
        self.links.currentItemChanged.connect(lambda *_: self._enable_buttons())
        return page

    def set_can_correct(self, allowed: bool, *, proposing: bool = False) -> None:
        """Corrections are a supervisor's, proposals an agent's: the buttons show only to those who may
        do one or the other (the services check too)."""
        self._can_correct, self._proposing = allowed, proposing and allowed
        for button in (self.correct_person_button, self.correct_link_button):
            button.setVisible(allowed)
        self.retranslate_buttons()
        self._enable_buttons()

    def retranslate_buttons(self) -> None:
        if self._proposing:
            self.correct_person_button.setText(self.tr("P&ropose a correction…"))
            self.correct_link_button.setText(self.tr("Propose a lin&k correction…"))
        else:
            self.correct_person_button.setText(self.tr("Co&rrect person…"))
            self.correct_link_button.setText(self.tr("Correct lin&k…"))

    def _enable_buttons(self) -> None:
        self.custody_button.setEnabled(self._selected(self.people, "people") is not None)
        self.arrival_button.setEnabled(self._selected(self.people, "people") is not None)
        self.link_button.setEnabled(self._selected(self.links, "links") is not None)
        self.correct_person_button.setEnabled(self._can_correct and self._selected(self.people, "people") is not None)
        self.correct_link_button.setEnabled(self._can_correct and self._selected(self.links, "links") is not None)

    def _show_chosen(self, *_items: object) -> None:
        """The person chosen in the table, in the pane: the carrier when of this family, the custody in words."""
        self._enable_buttons()
        person = self._selected(self.people, "people")
        if person is None:
            self.person_pane.show_person(None)
            return
        people = {p["id"]: p for p in (self._family or {}).get("people", [])}
        self.person_pane.show_person(person, carrier=people.get(person.get("carried_by") or ""),
                                     custody=self._custody_text(person.get("custody")))

    def _selected(self, tree: QTreeWidget, kind: str) -> dict[str, Any] | None:
        item = tree.currentItem()
        if item is None or self._family is None:
            return None
        index = tree.indexOfTopLevelItem(item)
        rows = self._family[kind]
        return rows[index] if 0 <= index < len(rows) else None

    def _ask_custody(self) -> None:
        person = self._selected(self.people, "people")
        if person is not None:
            self.custody_requested.emit(person)

    def _ask_link_state(self) -> None:
        link = self._selected(self.links, "links")
        if link is not None and self._family is not None:
            people = {p["id"]: p for p in self._family["people"]}
            named = {**link, "from_name": _who(people, link["from"]), "to_name": _who(people, link["to"]),
                     "from_role": (people.get(link["from"]) or {}).get("role"),
                     "to_role": (people.get(link["to"]) or {}).get("role")}
            self.link_state_requested.emit(named, self._link_sentence(link, people))

    def selected_person(self) -> dict[str, Any] | None:
        """The person chosen in the people list (as in the family view), if any."""
        return self._selected(self.people, "people")

    def _ask_person_correction(self) -> None:
        person = self._selected(self.people, "people")
        if person is not None:
            what = labels.person_label(person)
            self.correction_requested.emit("person", person, what)

    def _ask_link_correction(self) -> None:
        link = self._selected(self.links, "links")
        if link is not None and self._family is not None:
            people = {p["id"]: p for p in self._family["people"]}
            self.correction_requested.emit("link", link, self._link_sentence(link, people))

    def family(self) -> dict[str, Any] | None:
        """The family shown, as ``services.show_family`` gave it (None while the placeholder shows)."""
        return self._family if self._stack.currentIndex() == 1 else None

    def family_id(self) -> str | None:
        return str(self._family["id"]) if self._family else None

    def shows_any(self, records: Iterable[tuple[str, str]]) -> bool:
        """Whether one of these records (entity, id) is a person shown: a person moved to another unit
        belongs to that one now, but this view still shows them."""
        shown = {str(p["id"]) for p in self._family["people"]} if self._family else set()
        return any(entity == "person" and ident in shown for entity, ident in records)

    def show_placeholder(self, text: str | None = None) -> None:
        self._family, self._placeholder_text = None, text
        self.placeholder.setText(text or self._default_placeholder())
        for tree in (self.people, self.links, self.history):
            tree.clear()  # nobody's data stays behind a placeholder
        self.person_pane.clear()
        self._stack.setCurrentIndex(0)

    def show_family(self, family: dict[str, Any]) -> None:
        """Show ``family``; shown again (changed, or in another language), the chosen person stays chosen."""
        chosen = self.selected_person() if self._family and self._family["id"] == family["id"] else None
        if chosen is None:
            self.person_pane.clear()  # another family: no picture of the last one kept
        self._family = family
        people = {p["id"]: p for p in family["people"]}
        self.heading.setText(self.tr("Family %1").replace("%1", str(family["number"])))
        self.summary.setText(self._encounter_text(family.get("encounter") or {}))
        self._fill_people(family["people"])
        row = self.people.topLevelItem(list(people).index(chosen["id"])) if chosen and chosen["id"] in people else None
        if row is not None:
            self.people.setCurrentItem(row)
        self._fill_links(family["links"], people)
        self._fill_history(family["history"], people, family["links"])
        self._enable_buttons()
        self._stack.setCurrentIndex(1)

    def _encounter_text(self, encounter: dict[str, Any]) -> str:
        text = self.tr("Apprehended %1 at %2. Registered by %3 at station %4.")
        for number, part in enumerate((labels.local_time(encounter.get("occurred_at")), encounter.get("place"),
                                       encounter.get("agent"), encounter.get("station")), start=1):
            text = text.replace(f"%{number}", str(part or labels.MISSING))
        return text

    def _fill_people(self, people: list[dict[str, Any]]) -> None:
        self.people.clear()
        for person in people:
            role = labels.person_kind(person)  # "boy", "woman": the sex too, in the width of "child"
            if person.get("preverbal"):
                role = self.tr("%1, pre-verbal").replace("%1", role)
            name = labels.person_name(person)
            if person.get("merged_into"):  # registered twice: the other record stands
                name = self.tr("%1 (merged into another record)").replace("%1", name)
            custody = self._custody_text(person.get("custody"))
            item = QTreeWidgetItem(self.people, [name, role, self._band_text(person), labels.age(person), custody])
            item.setToolTip(4, custody)  # a long custody is shortened here: whole there and in the person pane
        _fit_rows(self.people, len(people))

    def _band_text(self, person: dict[str, Any]) -> str:
        """The valid band and how far it got: not printed yet, printed, or on the wrist."""
        band = issued_band(person)
        if band is None:
            return labels.MISSING
        state = self.tr("on the wrist") if band.get("attached_at") else \
            self.tr("printed") if band.get("printed_at") else self.tr("not printed")
        return self.tr("%1 (%2)").replace("%1", str(band["number"])).replace("%2", state)

    def _custody_text(self, custody: dict[str, Any] | None) -> str:
        return custody_text(custody)

    def _fill_links(self, links: list[dict[str, Any]], people: dict[str, dict[str, Any]]) -> None:
        self.links.clear()
        for link in links:
            state = self._state_text(link)
            item = QTreeWidgetItem(self.links, [
                _who(people, link["from"]), labels.word("relationship", link["relationship"]),
                _who(people, link["to"]), labels.word("provenance", link["provenance"]), state])
            item.setToolTip(4, state)  # the whole of a long separation record
            if link["state"] in STATE_COLOURS:
                item.setForeground(4, QBrush(QColor(STATE_COLOURS[link["state"]])))
        if not links:
            QTreeWidgetItem(self.links, [self.tr("No links recorded")])
        _fit_rows(self.links, max(1, len(links)))

    def _fill_history(self, history: list[dict[str, Any]], people: dict[str, dict[str, Any]],
                      links: list[dict[str, Any]]) -> None:
        """Newest first; the same change by the same user for the same reason within one minute (each
        band printed, each put on) is one row saying how many, their fields under it."""
        self.history.clear()
        link_text = {x["id"]: self._link_sentence(x, people) for x in links}
        rows: list[tuple[tuple[str, str, str, str], list[dict[str, Any]]]] = []
        for entry in reversed(history):
            text = self._change_text(entry, people, link_text)
            key = (labels.clock_time(entry.get("at"))[:16], entry.get("user") or "", text, entry.get("reason") or "")
            if rows and rows[-1][0] == key:
                rows[-1][1].append(entry)
            else:
                rows.append((key, [entry]))
        for (_minute, user, text, reason), entries in rows:
            shown = text if len(entries) == 1 else self.tr("%1 (×%2)").replace("%1", text).replace(
                "%2", str(len(entries)))
            item = QTreeWidgetItem(self.history, [labels.clock_time(entries[0].get("at")), user, shown, reason])
            for entry in entries:
                for field, values in sorted((entry.get("fields") or {}).items()):
                    QTreeWidgetItem(item, ["", "", self._field_text(entry, field, values, people)])

    def _state_text(self, link: dict[str, Any]) -> str:
        """The link's state; for a separation, where each side went (from the last record)."""
        state = labels.word("state", link["state"])
        last = (link.get("events") or [{}])[-1]
        if link["state"] != "separated" or not (last.get("from_side") or last.get("to_side")):
            return state
        people = {p["id"]: p for p in (self._family or {}).get("people", [])}
        return self.tr("%1 (%2: %3; %4: %5)").replace("%1", state) \
            .replace("%2", labels.person_name(people[link["from"]]) if link["from"] in people else "1") \
            .replace("%3", last.get("from_side") or labels.MISSING) \
            .replace("%4", labels.person_name(people[link["to"]]) if link["to"] in people else "2") \
            .replace("%5", last.get("to_side") or labels.MISSING)

    def _link_sentence(self, link: dict[str, Any], people: dict[str, dict[str, Any]]) -> str:
        sentence = self.tr("%1 and %3: relationship not known") if link["relationship"] == "unknown" else \
            self.tr("%1 is the %2 of %3")  # ("X is the relationship unknown of Y" read as nonsense)
        return sentence.replace("%1", _who(people, link["from"])) \
            .replace("%2", labels.word("relationship", link["relationship"])).replace("%3", _who(people, link["to"]))

    def _change_text(self, entry: dict[str, Any], people: dict[str, dict[str, Any]],
                     link_text: dict[str, str]) -> str:
        kind = labels.word("entity", entry.get("entity"))
        verb = self.tr("Created %1") if entry.get("created") else self.tr("Changed %1")
        text = verb.replace("%1", kind)
        target = _target(entry, people, link_text)
        return f"{text}: {target}" if target else text

    def _field_text(self, entry: dict[str, Any], field: str, values: dict[str, Any],
                    people: dict[str, dict[str, Any]]) -> str:
        def shown(raw: Any) -> str:
            if field in PERSON_REFERENCES and isinstance(raw, str):
                return _who(people, raw)
            if field == "number" and entry.get("entity") == "band":
                return labels.band_number(raw)
            return labels.value(field, raw)

        name = labels.field_name(field)
        if entry.get("created"):
            return f"{name}: {shown(values.get('new'))}"
        return f"{name}: {shown(values.get('old'))} → {shown(values.get('new'))}"


# A separated child and adult stand out in the links (as on the board): red apart, amber in contact,
# green together again.
STATE_COLOURS = {"separated": "#b71c1c", "in_contact": "#a84300", "reunited": "#1b5e20"}


def _who(people: dict[str, dict[str, Any]], person_id: str) -> str:
    person = people.get(person_id)
    return labels.person_label(person) if person else QCoreApplication.translate("Labels", "a person of another family")


def _target(entry: dict[str, Any], people: dict[str, dict[str, Any]], link_text: dict[str, str]) -> str:
    fields = entry.get("fields") or {}
    entity, entity_id = entry.get("entity"), entry.get("entity_id") or ""

    def new(field: str) -> Any:
        return (fields.get(field) or {}).get("new")

    if entity == "person":
        return _who(people, entity_id)
    if entity == "link":
        return link_text.get(entity_id, "")
    if entity == "link_event":  # a separation, contact or reunification: on which link
        return link_text.get(str(new("link_id")), "")
    if entity in ("band", "custody") and new("person_id"):
        owner = _who(people, new("person_id"))
        return f"{labels.band_number(new('number'))} ({owner})" if entity == "band" and new("number") else owner
    if entity == "family":
        return str(new("number") or "")
    if entity == "encounter":
        return str(new("place") or "")
    return ""


def _fit_rows(tree: QTreeWidget, rows: int, most: int = 8) -> None:
    """Size a short table to its rows, so that the history below gets the rest of the space."""
    row_height = max(tree.sizeHintForRow(0), tree.fontMetrics().height() + 6)
    height = tree.header().sizeHint().height() + row_height * min(max(rows, 1), most) + 2 * tree.frameWidth() + 2
    tree.setFixedHeight(height)
