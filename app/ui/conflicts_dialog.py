"""What waits for a supervisor (Station ▸ Conflicts…), one tab each, its count in the tab's title:

* **conflicts**: fields two stations changed differently before either heard of the other. For
  the one selected, every value written (station, user, time, reason); keep one, or enter another
  with a reason. The resolution syncs and closes the conflict at every station;
* **refused by the registry**: this station's transactions the registry did not accept (whole,
  with its reason). *Resend* puts them back in the outbox once the cause is put right; *Withdraw…*
  (a reason, then a confirmation: it is final) keeps them in this station's history only;
* **set aside**: records a pull brought that failed this station's checks, with the reason. They
  are kept and never merged; there is nothing to decide (read only).

The services check the role and the values; this dialog only gathers the decisions. Each decision
emits ``resolved`` (the main window syncs soon; what a decision recorded, the services announce to
the views) and reads the queue again; so does a sync that changes what waits (``watch``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import services

from . import labels, messages
from .forms import InlineMessage, field_box, hint, text_edit
from .list_dialog import ListDialog
from .refusal_words import moment, transaction_summary
from .sync_panel import SyncScheduler
from .value_input import ValueInput, ValueProblem, value_words
from .withdraw_dialog import WithdrawDialog

CONFLICTS, REFUSED, SET_ASIDE = range(3)  # the tabs, in order


def _page(about: QLabel, label: QLabel) -> tuple[QWidget, QVBoxLayout]:
    """A tab's page: what it holds, then its list's label (the caller adds the rest)."""
    page = QWidget()
    column = QVBoxLayout(page)
    column.addWidget(about)
    column.addSpacing(6)
    column.addWidget(label)
    return page, column


def _fit_columns(tree: QTreeWidget) -> None:
    """Each column as wide as its widest text, with room to spare; the last one takes the room left."""
    for column in range(tree.columnCount() - 1):
        tree.resizeColumnToContents(column)
        tree.setColumnWidth(column, tree.columnWidth(column) + 12)


def _detail() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)  # the registry's words, as it sent them
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ConflictsDialog(ListDialog):
    """The queue of what waits for a supervisor (see the module's text)."""

    resolved = Signal(dict)  # a decision was saved: a conflict resolved, a transaction resent or withdrawn

    def __init__(self, session: services.Session, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(session, data_dir, parent)
        self._conflicts: list[dict[str, Any]] = []
        self._refusals: list[dict[str, Any]] = []
        self._aside: list[dict[str, Any]] = []
        self._stations: dict[str, Any] = {}  # by code: the name, agency and facility known of each
        self._loaded_once = False
        self._scheduler: SyncScheduler | None = None
        self._counts: tuple[Any, ...] | None = None  # what the sync status said last (see ``watch``)
        self._stale = False  # the queue changed while it was being read: read it again
        self.withdrawing: WithdrawDialog | None = None
        self._focus_before: QWidget | None = None
        self.setMinimumSize(900, 560)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._conflicts_page(), "")
        self.tabs.addTab(self._refused_page(), "")
        self.tabs.addTab(self._aside_page(), "")
        self._inputs += [self.queue, self.writes, self.keep_button, self.new_value, self.reason, self.enter_button,
                         self.refused, self.resend_button, self.withdraw_button, self.aside]
        self.explanation.hide()  # each tab says what it holds
        column = QVBoxLayout(self)
        column.addWidget(self.heading)
        column.addWidget(self.tabs, 1)
        self.add_footer(column)
        for button in self.findChildren(QPushButton):
            button.setAutoDefault(False)  # see keyPressEvent
        self.ready()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        """Enter belongs to what has the focus: the button with the focus is pressed, the reason
        saves the new value (``returnPressed``); in a list it does nothing. No button is the
        dialog's default, so none is pressed from elsewhere (nor from a tab not shown)."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focused = self.focusWidget()
            if isinstance(focused, QPushButton) and focused.isEnabled():
                focused.click()
            event.accept()
            return
        super().keyPressEvent(event)

    def set_busy(self, busy: bool, text: str = "") -> None:
        """While busy the inputs are disabled, which takes the keyboard focus away: it comes back
        afterwards where it was (or to the list of the tab shown, if that is gone)."""
        if busy and not self.is_busy:
            self._focus_before = QApplication.focusWidget()
        super().set_busy(busy, text)
        if busy or not self._ready or not self.isVisible():
            return
        before, self._focus_before = self._focus_before, None
        focused = QApplication.focusWidget()
        if focused is not None and focused.window() is not self:
            return  # another window has it (the withdraw form)
        if before is not None and shiboken6.isValid(before) and before.isVisible() and before.isEnabled() \
                and self.isAncestorOf(before):
            before.setFocus()
        elif focused is None or focused is self.tabs.tabBar():
            (self.queue, self.refused, self.aside)[self.tabs.currentIndex()].setFocus()

    # --- the three pages ------------------------------------------------------------------------

    def _conflicts_page(self) -> QWidget:
        self.queue, self.writes = self.list_widget(), self.list_widget()
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.keep_button = QPushButton()
        self.new_value = ValueInput()
        self.reason = text_edit("", 500)
        self.new_label, self.reason_label = QLabel(), QLabel()
        self.enter_button = QPushButton()
        self.problems = {self.new_value: InlineMessage(""), self.reason: InlineMessage("")}
        self.keep_button.clicked.connect(self.keep)
        self.enter_button.clicked.connect(self.enter)
        self.reason.returnPressed.connect(self.enter)
        self.queue.currentItemChanged.connect(lambda *_: self._conflict_chosen())
        self.writes.currentItemChanged.connect(lambda *_: self.enable())
        self.queue_label, self.writes_label = QLabel(), QLabel()
        self.queue_label.setBuddy(self.queue)
        self.writes_label.setBuddy(self.writes)
        self.conflicts_about = hint("")
        page, column = _page(self.conflicts_about, self.queue_label)
        column.addWidget(self.queue, 2)
        column.addWidget(self.empty)
        column.addWidget(self.writes_label)
        column.addWidget(self.writes, 2)
        keep_row = QHBoxLayout()
        keep_row.addStretch(1)
        keep_row.addWidget(self.keep_button)
        column.addLayout(keep_row)
        enter_row = QHBoxLayout()
        for label, widget in ((self.new_label, self.new_value), (self.reason_label, self.reason)):
            label.setBuddy(widget)
            enter_row.addWidget(label)
            enter_row.addWidget(field_box(widget, self.problems[widget]), 1)
        enter_row.addWidget(self.enter_button, 0, Qt.AlignmentFlag.AlignTop)
        column.addLayout(enter_row)
        return page

    def _refused_page(self) -> QWidget:
        self.refused = self.list_widget()
        self.refused_label, self.refused_empty = QLabel(), QLabel()
        self.refused_label.setBuddy(self.refused)
        self.refused_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.refused_detail = _detail()
        self.refused_hint = hint("")
        self.resend_button, self.withdraw_button = QPushButton(), QPushButton()
        self.resend_button.clicked.connect(self.resend)
        self.withdraw_button.clicked.connect(self.withdraw)
        self.refused.currentItemChanged.connect(lambda *_: self._refusal_chosen())
        self.refused_about = hint("")
        page, column = _page(self.refused_about, self.refused_label)
        column.addWidget(self.refused, 1)
        column.addWidget(self.refused_empty)
        column.addWidget(self.refused_detail)
        row = QHBoxLayout()
        row.addWidget(self.refused_hint, 1)
        row.addWidget(self.resend_button, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.withdraw_button, 0, Qt.AlignmentFlag.AlignTop)
        column.addLayout(row)
        return page

    def _aside_page(self) -> QWidget:
        self.aside = self.list_widget()
        self.aside_label, self.aside_empty = QLabel(), QLabel()
        self.aside_label.setBuddy(self.aside)
        self.aside_empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.aside_detail = _detail()
        self.aside.currentItemChanged.connect(lambda *_: self._aside_chosen())
        self.aside_about = hint("")
        page, column = _page(self.aside_about, self.aside_label)
        column.addWidget(self.aside, 1)
        column.addWidget(self.aside_empty)
        column.addWidget(self.aside_detail)
        return page

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Kinlink — waiting for a supervisor"))
        self.heading.setText(self.tr("Waiting for a supervisor"))
        self.queue_label.setText(self.tr("&Open conflicts"))
        self.writes_label.setText(self.tr("&Values written"))
        self.queue.setHeaderLabels([self.tr("Record"), self.tr("Field"), self.tr("Shown now")])
        self.writes.setHeaderLabels([self.tr("Value"), self.tr("Station"), self.tr("User"), self.tr("When (UTC)"),
                                     self.tr("Reason")])
        self.queue.setAccessibleName(self.tr("Open conflicts"))
        self.writes.setAccessibleName(self.tr("Values written"))
        self.empty.setText(self.tr("No conflicts: every station agrees."))
        self.keep_button.setText(self.tr("&Keep the selected value"))
        self.new_label.setText(self.tr("Or a &new value"))
        self.reason_label.setText(self.tr("&Reason"))
        self.new_value.setAccessibleName(self.tr("New value"))
        self.reason.setAccessibleName(self.tr("Reason"))
        self.reason.setPlaceholderText(self.tr("Required for a new value"))
        self.enter_button.setText(self.tr("&Save the new value"))
        self.refused_label.setText(self.tr("&Transactions refused"))
        self.refused.setHeaderLabels([self.tr("What"), self.tr("Refused"), self.tr("The registry's reason")])
        self.refused.setAccessibleName(self.tr("Transactions refused"))
        self.refused_empty.setText(self.tr("Nothing was refused: the registry took every change of this station."))
        self.refused_hint.setText(self.tr("Resend once the cause is put right (for example, the station follows "
                                          "the family unit again by scanning a band); withdraw what should never "
                                          "be sent."))
        self.resend_button.setText(self.tr("&Resend"))
        self.withdraw_button.setText(self.tr("&Withdraw…"))
        self.aside_label.setText(self.tr("&Records set aside"))
        self.aside.setHeaderLabels([self.tr("Set aside"), self.tr("Why")])
        self.aside.setAccessibleName(self.tr("Records set aside"))
        self.aside_empty.setText(self.tr("No record was set aside."))
        self.close_button.setText(self.tr("Close"))
        self.conflicts_about.setText(self.tr(
            "Two stations changed the same field differently before either heard of the other. Every station "
            "shows the later value until you decide. Your decision syncs to every station."))
        self.refused_about.setText(self.tr(
            "The registry did not accept these changes of this station, each transaction whole, for the reason it "
            "gave. They are not sent again until you decide."))
        self.aside_about.setText(self.tr(
            "These records came from the registry but failed this station's checks. They are kept here and never "
            "merged; the rest of each sync went on. Nothing needs deciding: tell the registry's operator if they "
            "keep coming."))
        self.new_value.retranslate()
        self._fill()

    # --- reading ----------------------------------------------------------------------------------

    def load(self) -> None:
        session = self._session
        self.fetch(lambda: {**services.list_conflicts(session=session), **services.refused_queue(session=session)},
                   self.tr("Reading the queue…"), self._loaded)

    def _loaded(self, answer: dict[str, Any]) -> None:
        if self._stale:  # a sync changed the queue meanwhile
            self._stale = False
            self.load()
            return
        self._conflicts, self._refusals, self._aside = answer["conflicts"], answer["refused"], answer["quarantined"]
        self._stations = answer["stations"]
        first_time, self._loaded_once = not self._loaded_once, True
        self._fill()
        if first_time and not self._conflicts:  # open on what waits
            self.tabs.setCurrentIndex(REFUSED if self._refusals else SET_ASIDE if self._aside else CONFLICTS)

    def watch(self, scheduler: SyncScheduler) -> None:
        """Read the queue again whenever a sync changes what waits (a resent transaction refused again)."""
        self._scheduler = scheduler
        scheduler.changed.connect(self._sync_changed)

    @Slot()
    def _sync_changed(self) -> None:
        scheduler = self._scheduler
        status = scheduler.status if scheduler is not None else None
        if scheduler is None or scheduler.running or status is None:
            return
        counts = tuple(status.get(key) for key in ("conflicts", "refused", "quarantined"))
        seen, self._counts = self._counts, counts
        if seen is None or counts == seen:
            return
        if self.is_busy:
            self._stale = True
        else:
            self.load()

    def _fill(self) -> None:
        self._fill_conflicts()
        self._fill_refused()
        self._fill_aside()
        for index, text, count in ((CONFLICTS, self.tr("&Conflicts (%1)"), len(self._conflicts)),
                                   (REFUSED, self.tr("Refused by the re&gistry (%1)"), len(self._refusals)),
                                   (SET_ASIDE, self.tr("Set &aside (%1)"), len(self._aside))):
            self.tabs.setTabText(index, text.replace("%1", str(count)))
        self.enable()

    @staticmethod
    def _chosen_in(tree: QTreeWidget) -> dict[str, Any] | None:
        item = tree.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole) if item is not None else None

    @staticmethod
    def _refill(tree: QTreeWidget, rows: list[tuple[list[str], dict[str, Any]]], key: str) -> None:
        """``rows`` in ``tree``, the one chosen before chosen again (else the first)."""
        chosen = ConflictsDialog._chosen_in(tree)
        tree.clear()
        for texts, data in rows:
            item = QTreeWidgetItem(texts)
            item.setData(0, Qt.ItemDataRole.UserRole, data)
            item.setToolTip(tree.columnCount() - 1, texts[-1])
            tree.addTopLevelItem(item)
            if chosen is not None and chosen.get(key) == data.get(key):
                tree.setCurrentItem(item)
        if tree.currentItem() is None and tree.topLevelItemCount():
            tree.setCurrentItem(tree.topLevelItem(0))
        _fit_columns(tree)

    # --- conflicts --------------------------------------------------------------------------------

    def _fill_conflicts(self) -> None:
        chosen = self._chosen()
        self.queue.clear()
        for conflict in self._conflicts:
            item = QTreeWidgetItem([self._record_text(conflict), labels.field_name(conflict["field"]),
                                    value_words(conflict["field"], conflict.get("shown"))])
            item.setData(0, Qt.ItemDataRole.UserRole, conflict)
            self.queue.addTopLevelItem(item)
            if chosen and (conflict["entity_id"], conflict["field"]) == (chosen["entity_id"], chosen["field"]):
                self.queue.setCurrentItem(item)
        if self.queue.currentItem() is None and self.queue.topLevelItemCount():
            self.queue.setCurrentItem(self.queue.topLevelItem(0))
        _fit_columns(self.queue)
        self.empty.setVisible(not self._conflicts)
        self._conflict_chosen()

    def _record_text(self, conflict: dict[str, Any]) -> str:
        if conflict["entity"] == "person":
            return conflict.get("label") or labels.person_name({})
        what = labels.word("entity", conflict["entity"])
        return f"{what}: {conflict['label']}" if conflict.get("label") else what

    def _chosen(self) -> dict[str, Any] | None:
        return self._chosen_in(self.queue)

    def _conflict_chosen(self) -> None:
        conflict = self._chosen()
        self.writes.clear()
        if conflict is not None:
            for write in conflict["writes"]:
                item = QTreeWidgetItem([value_words(conflict["field"], write["value"]),
                                        labels.station(write["station"], self._stations.get(write["station"])),
                                        write["user"], labels.clock_time(write["at"]), write.get("reason") or ""])
                item.setData(0, Qt.ItemDataRole.UserRole, write)
                self.writes.addTopLevelItem(item)
            self.writes.setCurrentItem(self.writes.topLevelItem(0))
            _fit_columns(self.writes)
            self.new_value.set_field(conflict["field"], conflict.get("shown"))
        self.enable()

    def enable(self) -> None:
        busy = self.is_busy
        self.keep_button.setEnabled(not busy and self.writes.currentItem() is not None)
        self.enter_button.setEnabled(not busy and self._chosen() is not None)
        self.new_value.setEnabled(not busy and self._chosen() is not None)
        refusal = not busy and self.refused.currentItem() is not None
        self.resend_button.setEnabled(refusal)
        self.withdraw_button.setEnabled(refusal)

    def keep(self) -> None:
        conflict, item = self._chosen(), self.writes.currentItem()
        if conflict is None or item is None:
            return
        change = item.data(0, Qt.ItemDataRole.UserRole)["change"]
        session = self._session
        self._decide(lambda: services.resolve_conflict(session=session, entity_id=conflict["entity_id"],
                                                       field=conflict["field"], keep=change))

    def enter(self) -> None:
        conflict = self._chosen()
        if conflict is None or self.is_busy:
            return
        self.clear_messages()
        if not self.reason.text().strip():
            self.problems[self.reason].show_message(self.tr("Required for a new value."))
            self.reason.setFocus()
            return
        try:
            value = self.new_value.value()
        except ValueProblem as problem:
            self.problems[self.new_value].show_message(str(problem))
            return
        session, reason = self._session, self.reason.text().strip()
        self._decide(lambda: services.resolve_conflict(session=session, entity_id=conflict["entity_id"],
                                                       field=conflict["field"], enter=True, value=value,
                                                       reason=reason))

    # --- refused transactions ---------------------------------------------------------------------

    def _fill_refused(self) -> None:
        self._refill(self.refused, [([_about(t), moment(t["refused_at"]), t["reason"]], t)
                                    for t in self._refusals], "tx")
        self.refused_empty.setVisible(not self._refusals)
        self._refusal_chosen()

    def refusal(self) -> dict[str, Any] | None:
        """The refused transaction selected."""
        return self._chosen_in(self.refused)

    def _refusal_chosen(self) -> None:
        chosen = self.refusal()
        self.refused_detail.setVisible(chosen is not None)
        if chosen is not None:
            self.refused_detail.setText("\n".join([
                self.tr("The registry's reason: %1").replace("%1", messages.sentence(chosen["reason"])),
                self.tr("Refused %1 · transaction %2 · records in it: %3").replace("%1", moment(chosen["refused_at"]))
                .replace("%2", chosen["tx"]).replace("%3", str(len(chosen["records"])))]))
        self.enable()

    def resend(self) -> None:
        chosen = self.refusal()
        if chosen is None or self.is_busy:
            return
        session, tx = self._session, chosen["tx"]
        self.fetch(lambda: services.resend_refused(session=session, tx=tx), self.tr("Putting it back in the outbox…"),
                   self._decided)

    def withdraw(self) -> WithdrawDialog | None:
        """The small form that asks why, then confirms: a withdrawal is final."""
        chosen = self.refusal()
        if chosen is None or self.is_busy:
            return None
        dialog = WithdrawDialog(self._session, self._data_dir, chosen, transaction_summary(chosen["records"]), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.recorded.connect(self._decided)
        dialog.finished.connect(lambda _result: self._withdraw_closed())
        self.withdrawing = dialog
        dialog.open()
        return dialog

    def _withdraw_closed(self) -> None:
        self.withdrawing = None
        self.activateWindow()
        self.refused.setFocus()

    # --- records set aside ------------------------------------------------------------------------

    def _fill_aside(self) -> None:
        self._refill(self.aside, [([moment(r["at"]), r["reason"]], r)
                                  for r in self._aside], "change")
        self.aside_empty.setVisible(not self._aside)
        self._aside_chosen()

    def _aside_chosen(self) -> None:
        chosen = self._chosen_in(self.aside)
        self.aside_detail.setVisible(chosen is not None)
        if chosen is not None:
            self.aside_detail.setText("\n".join([
                self.tr("Why it was set aside: %1").replace("%1", chosen["reason"]),  # field by field, as checked
                self.tr("Set aside %1 · record %2 · number %3 at the registry").replace("%1", moment(chosen["at"]))
                .replace("%2", chosen["change"]).replace("%3", str(chosen["seq"]))]))

    # --- deciding ---------------------------------------------------------------------------------

    def _decide(self, call: Any) -> None:
        """A conflict's resolution; the reason typed for it is cleared once saved."""
        def resolved(answer: dict[str, Any]) -> None:
            self.reason.clear()
            self._decided(answer)

        self.fetch(call, self.tr("Saving the decision…"), resolved)

    def _decided(self, answer: dict[str, Any]) -> None:
        self.resolved.emit(answer)
        self.load()


def _about(refusal: dict[str, Any]) -> str:
    """What a refused transaction was, and whom it is about: "Change of a person · Rosa Tzul (SGSRP-3)"."""
    whom = ", ".join(refusal.get("about") or [])
    families = ", ".join(refusal.get("families") or [])
    return " · ".join(part for part in (transaction_summary(refusal["records"]),
                                        f"{whom} ({families})" if whom and families else whom or families) if part)
