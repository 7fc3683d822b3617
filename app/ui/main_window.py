"""The main window: search people by name or band number, and read one family at a time.

The window title names the station only; personal data is never put in a title (titles reach
task bars, window lists and screen readers' history).

Locking (Ctrl+L, the status bar's Lock button, or inactivity) swaps the work for the lock screen
in the same window and hides the window's dialogs; the work stays as it was, in memory only, and
comes back when the same user types their passphrase (``window_lock.py``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import services
from app.domain.errors import ValidationError
from app.services import events

from . import labels, messages
from .arrival_dialog import ArrivalDialog
from .audit_viewer import AuditDialog
from .band_check import BandCheckDialog
from .band_desk import BandDesk
from .band_reason_dialog import BandReasonDialog
from .change_feed import ChangeFeed
from .conflicts_dialog import ConflictsDialog
from .correction_dialog import CorrectionDialog
from .custody_dialogs import CustodyDialog, LinkStateDialog
from .family_view import FamilyView
from .forms import InlineMessage
from .idle import IdleWatcher
from .intake.wizard import IntakeWizard
from .merge_dialog import MergeDialog
from .move_dialog import MoveDialog
from .proposals_dialog import ProposalsDialog
from .scanning import ScanCatcher, looks_like_payload
from .search_more import PAGE, SearchMore
from .settings import LOCK_AFTER_MINUTES, Settings
from .sync_panel import SyncScheduler
from .users_dialog import UsersDialog
from .window_actions import WindowActions
from .window_board import WindowBoard
from .window_lock import WindowLocking
from .worker import Operation

FAMILY_ID = Qt.ItemDataRole.UserRole


def _list(stretch: int) -> QTreeWidget:
    """A read-only list of rows; column ``stretch`` takes the room the others leave."""
    tree = QTreeWidget()
    tree.setRootIsDecorated(False)
    tree.setUniformRowHeights(True)
    tree.setAlternatingRowColors(True)
    tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    tree.header().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    tree.header().setStretchLastSection(False)
    return tree


def _heading(buddy: QWidget) -> QLabel:
    """A list's or a box's bold label (its mnemonic focuses ``buddy``)."""
    label = QLabel()
    label.setBuddy(buddy)
    label.setStyleSheet("font-weight: 600;")
    return label


class MainWindow(WindowActions, WindowBoard, WindowLocking, QMainWindow):
    """Search and family view for a signed-in session (which the caller owns and closes)."""

    sign_out_requested = Signal()  # the caller closes the session and shows the sign-in again
    closing = Signal()  # the user closed the window
    locked = Signal()
    unlocked = Signal()

    def __init__(self, session: services.Session, data_dir: Path, parent: QWidget | None = None, *,
                 idle_timeout_ms: int | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._data_dir = data_dir
        self._search_serial = 0  # answers to an older search or selection are dropped
        self._family_serial = 0
        self._family_asked: str | None = None  # the family unit on its way to the view, if one is
        self.intake: IntakeWizard | None = None  # made on first use; keeps an unsaved encounter
        self.band_check: BandCheckDialog | None = None
        self.resize(1180, 740)
        self._build_search()
        self._build_today()
        self.family_view = FamilyView(session, data_dir)
        self.family_view.custody_requested.connect(self.record_custody)
        self.family_view.arrival_requested.connect(
            lambda person: self._open_record_dialog(ArrivalDialog(self._session, self._data_dir, person, self)))
        self.family_view.link_state_requested.connect(self.record_link_state)
        self.family_view.correction_requested.connect(self.correct_record)
        self._gate_corrections()
        self.bands = BandDesk(session, data_dir, self)
        self.bands.changed.connect(self._say_recorded)
        self.bands.failed.connect(self._failed)
        self.family_view.print_requested.connect(self.bands.print_bands)
        self.family_view.put_on_requested.connect(self.bands.put_bands_on)
        self._build_central()
        self.sync = SyncScheduler(session, data_dir, self)  # in the background; F5 syncs now
        self.changes = ChangeFeed(self)  # what the services record, here or by a sync: the views follow
        self.changes.changed.connect(self._changed)
        self._build_board_page()
        self._build_actions()
        self._build_status_bar()
        self.retranslate()
        minutes = Settings(data_dir).get(LOCK_AFTER_MINUTES)
        self.idle = IdleWatcher(idle_timeout_ms if idle_timeout_ms is not None else minutes * 60_000, self)
        self.idle.idle.connect(lambda: self.lock(reason="inactivity"))
        self.scans = ScanCatcher(self)
        self.scans.scanned.connect(self.scanned)
        self.statusBar().showMessage(self.tr("Ready. Ctrl+N registers a family unit, Ctrl+F finds a person, Ctrl+L "
                                             "locks."), 8000)
        self.refresh_overview()
        self.sync.start()
        self.search_box.setFocus()

    def work_title(self) -> str:
        return self.tr("Kinlink — %1").replace("%1", self._session.identity.name)

    def retranslate(self) -> None:
        """Every text of the window in the current language (also on a language switch)."""
        self.setWindowTitle(self.work_title() if not self.is_locked() else self.tr("Kinlink — locked"))
        self.search_box.setAccessibleName(self.tr("Search people"))
        self.search_box.setPlaceholderText(self.tr("Name, band number or scan"))
        self.search_button.setText(self.tr("Search"))
        self.search_more.retranslate()
        self.search_message.setAccessibleName(self.tr("Search message"))
        self.results.setAccessibleName(self.tr("Search results"))
        self.results.setHeaderLabels([self.tr("Name"), self.tr("Band"), self.tr("Family")])
        self.find_label.setText(self.tr("F&ind a person"))
        self.today_label.setText(self.tr("Toda&y's family units"))
        self.today.setAccessibleName(self.tr("Today's family units"))
        self.today.setHeaderLabels([self.tr("Family"), self.tr("Time"), self.tr("People"), self.tr("Separated"),
                                    self.tr("Bands on"), self.tr("Place")])
        self._retranslate_actions()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
            if self.isVisible():  # (a window closed at sign-out keeps no session to ask)
                self.refresh_overview()  # today's units in the new words ("0 of 2" stayed English)
        super().changeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.idle.dispose()
        self.scans.dispose()
        self.sync.stop()
        self.changes.stop()
        self.closing.emit()
        super().closeEvent(event)

    # --- pages: the work, the new encounter wizard and the lock screen ---------------------------

    def _build_central(self) -> None:
        row = QHBoxLayout()
        row.addWidget(self.search_box, 1)
        row.addWidget(self.search_button)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.find_label)
        column.addLayout(row)
        column.addWidget(self.search_message)
        column.addWidget(self.results, 1)
        column.addWidget(self.search_more)
        column.addWidget(self.today_label)
        column.addWidget(self.today, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(self.family_view)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([440, 740])
        self.work = QWidget()
        outer = QVBoxLayout(self.work)
        outer.setContentsMargins(10, 8, 10, 4)
        outer.addWidget(splitter)
        self._build_lock_screen()
        self.pages = QStackedWidget()
        self.pages.addWidget(self.work)
        self.pages.addWidget(self.lock_screen)
        self.setCentralWidget(self.pages)

    def focus_search(self) -> None:
        self.pages.setCurrentWidget(self.work)  # an encounter being entered stays as it is
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def new_encounter(self) -> None:
        """Show the new encounter wizard (the one being filled in, if there is one)."""
        if self.intake is None:
            self.intake = IntakeWizard(self._session, self._data_dir)
            self.intake.cancelled.connect(self._intake_closed)
            self.intake.family_saved.connect(self._family_registered)
            self.connect_saved_page(self.intake.saved_page)
            self.pages.addWidget(self.intake)
            self.pages.setCurrentWidget(self.intake)
            self.intake.focus_step()
            return
        self.pages.setCurrentWidget(self.intake)
        (self.intake.focusWidget() or self.intake).setFocus(Qt.FocusReason.OtherFocusReason)  # where the agent was

    def _intake_closed(self) -> None:
        self.pages.setCurrentWidget(self.work)
        self.search_box.setFocus()

    def _family_registered(self, answer: dict[str, Any]) -> None:
        """Show the family unit saved (the lists follow the announcement), then print its bands."""
        families = answer.get("families") or []
        if families:
            self.open_family(str(families[0]["id"]))
            self.statusBar().showMessage(self.tr("Family unit %1 saved.").replace("%1", str(families[0]["number"])),
                                         10000)
            self.bands.after_registration(str(families[0]["id"]))  # print, then put the bands on

    # --- search: by name or band number, typed or scanned ----------------------------------------

    def _build_search(self) -> None:
        self.search_box = QLineEdit()
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMaxLength(200)
        self.search_box.returnPressed.connect(lambda: self.search())
        self.search_button = QPushButton()
        self.search_button.clicked.connect(lambda: self.search())
        self.search_message = InlineMessage("")
        self.find_label = _heading(self.search_box)
        self.results = _list(stretch=0)
        self.results.currentItemChanged.connect(self._person_selected)
        self.search_more = SearchMore()
        self.search_more.more.connect(self.search)
        self.search_box.installEventFilter(self.search_more.into(self.results))

    def search(self, limit: int = PAGE) -> None:
        text = self.search_box.text().strip()
        if looks_like_payload(self.search_box.text()):  # a band scanned into the search box
            self.search_box.clear()
            self.scanned(text)
            return
        self.search_message.clear_message()
        self.results.clear()
        self.search_more.clear(limit)
        self.family_view.show_placeholder()
        self._search_serial += 1
        serial, session = self._search_serial, self._session
        self.statusBar().showMessage(self.tr("Searching…"))
        Operation(self, lambda: services.search(session=session, text=text, limit=limit)) \
            .success(lambda answer: self._show_results(serial, answer)) \
            .failure(lambda error: self._search_failed(serial, error)).run()

    def _show_results(self, serial: int, answer: dict[str, Any]) -> None:
        if serial != self._search_serial:
            return
        people = answer["people"]
        for person in people:
            item = QTreeWidgetItem(self.results, [labels.person_name(person), person.get("band") or labels.MISSING,
                                                  person["family"]["number"] or labels.MISSING])
            item.setData(0, FAMILY_ID, person["family"]["id"])
        if not people:
            self.search_message.show_message(self.tr("No one found. Check the spelling, or try the band number."))
        self.search_more.show_count(len(people), answer["matched"], self.results)
        self.statusBar().showMessage(self.tr("Search results: %1").replace("%1", str(answer["matched"])), 8000)

    def _search_failed(self, serial: int, error: BaseException) -> None:
        if serial != self._search_serial:
            return
        self.statusBar().clearMessage()
        if isinstance(error, (services.NotPermitted, ValidationError)):
            text = messages.known_message(error) or ""
            self.search_message.show_message(text)
            self.statusBar().showMessage(text, 10000)
        else:
            self._failed(error)

    def _person_selected(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        if current is None:
            self._family_serial, self._family_asked = self._family_serial + 1, None
            self.family_view.show_placeholder()
            return
        self.open_family(str(current.data(0, FAMILY_ID)))

    def scanned(self, text: str) -> None:
        """A band scanned anywhere in the window: open its person's family; if the band does not
        check out (or the check-bands window is open), the check-bands window tells why."""
        if self.is_locked():
            return
        if self.band_check is not None and self.band_check.isVisible():
            self.band_check.scan_text(text)
            return
        session = self._session
        Operation(self, lambda: services.verify_bands(session=session, payloads=[text])) \
            .success(lambda answer: self._scan_checked(text, answer)).failure(self._failed).run()

    def _scan_checked(self, text: str, answer: dict[str, Any]) -> None:
        check = answer["bands"][0]
        family_id = (check.get("person") or {}).get("family_id")
        if check["valid"] and family_id:
            self.focus_search()
            self.open_family(str(family_id))
            self.statusBar().showMessage(self.tr("Band %1 scanned.").replace("%1", check["band"]), 8000)
        else:
            self.check_bands().scan_text(text)

    def check_bands(self) -> BandCheckDialog:
        """The check-bands window (one per main window; it stays open between checks)."""
        if self.band_check is None:
            self.band_check = BandCheckDialog(self._session, self._data_dir, self)
            self.band_check.person_opened.connect(self._open_from_check)
            self.band_check.followed.connect(self.sync.local_change)
        self.band_check.show()
        self.band_check.raise_()
        self.band_check.activateWindow()
        self.band_check.scan.setFocus()
        return self.band_check

    def _open_from_check(self, family_id: str) -> None:
        self.focus_search()
        self.open_family(family_id)
        self.activateWindow()

    # --- family: the one shown, read again when its records change -------------------------------

    def open_family(self, ident: str) -> None:
        """Show one family unit (by id, number, person id or band number)."""
        self._family_serial += 1
        self._family_asked, serial, session = ident, self._family_serial, self._session
        Operation(self, lambda: services.show_family(session=session, ident=ident)) \
            .success(lambda family: self._show_family(serial, family)) \
            .failure(lambda error: self._family_failed(serial, error)).run()

    def _show_family(self, serial: int, family: dict[str, Any]) -> None:
        if serial == self._family_serial:
            self._family_asked = None
            self.family_view.show_family(family)

    def _family_failed(self, serial: int, error: BaseException) -> None:
        if serial != self._family_serial:
            return
        self._family_asked = None
        text = messages.known_message(error)
        if text is None:
            self._failed(error)
        else:
            self.family_view.show_placeholder(text)
            self.statusBar().showMessage(text, 10000)

    def _changed(self, changed: events.Changed) -> None:
        """Records were written, here or by a sync: the family shown is read again if they touch it
        (a family on its way to the view is asked for again: it may have been read before), today's
        family units always; a change made here is synced soon."""
        shown = self.family_view.family_id()
        if self._family_asked is not None:
            self.open_family(self._family_asked)
        elif shown is not None and (changed.touches(shown) or self.family_view.shows_any(changed.entities)):
            self.open_family(shown)
        self.refresh_overview()
        if changed.source == "local":
            self.sync.local_change()

    # --- today's list ----------------------------------------------------------------------------

    def _build_today(self) -> None:
        self.today = _list(stretch=2)
        self.today.currentItemChanged.connect(self._family_selected)
        self.today_label = _heading(self.today)

    def refresh_overview(self) -> None:
        """Today's family units, fetched on the worker (the sync indicator shows what waits to be sent)."""
        session = self._session

        def fetch() -> dict[str, Any] | None:
            try:
                return services.todays_families(session=session)
            except services.NotPermitted:
                return None  # an admin reads no family records: the list stays hidden

        Operation(self, fetch).success(self._show_overview).failure(self._failed).run()

    def _show_overview(self, families: dict[str, Any] | None) -> None:
        self.today.setVisible(families is not None)
        self.today_label.setVisible(families is not None)
        self.today.clear()
        for family in (families or {}).get("families", []):
            item = QTreeWidgetItem(self.today, [
                family["number"], labels.local_time(family["occurred_at"]).split(" ", 1)[-1],
                str(family["people"]), str(family["separated"]) if family["separated"] else "",
                self.tr("%1 of %2").replace("%1", str(family["bands_on"])).replace("%2", str(family["bands"])),
                family["place"] or labels.MISSING])  # the place last: it is the long one
            item.setData(0, FAMILY_ID, family["id"])

    def _family_selected(self, current: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        if current is not None:
            self.open_family(str(current.data(0, FAMILY_ID)))

    # --- dialogs: opened window-modal, the status bar says what they recorded --------------------

    def record_custody(self, person: dict[str, Any]) -> CustodyDialog:
        dialog = CustodyDialog(self._session, self._data_dir, person, self)
        return self._open_record_dialog(dialog)

    def record_link_state(self, link: dict[str, Any], sentence: str) -> LinkStateDialog:
        dialog = LinkStateDialog(self._session, self._data_dir, link, sentence, self)
        return self._open_record_dialog(dialog)

    def correct_record(self, entity: str, record: dict[str, Any], subject: str) -> CorrectionDialog:
        """A supervisor's correction, or an agent's proposal of one."""
        dialog = CorrectionDialog(self._session, self._data_dir, entity, record, subject, self,
                                  propose=self.proposes_corrections())
        return self._open_record_dialog(dialog)

    def merge_person(self, person: dict[str, Any]) -> MergeDialog:
        """Merge the selected person's record into the one that stands, or split it again if it is merged."""
        return self._open_record_dialog(MergeDialog(self._session, self._data_dir, person, self))

    def move_person(self, person: dict[str, Any]) -> MoveDialog:
        """Move the selected person into the family unit they belong to (supervisors)."""
        return self._open_record_dialog(MoveDialog(self._session, self._data_dir, person, self))

    def void_band(self, person: dict[str, Any]) -> BandReasonDialog | None:
        if not person.get("band"):
            self.statusBar().showMessage(self.tr("%1 has no valid band to void.")
                                         .replace("%1", labels.person_label(person)), 8000)
            return None
        return self._open_record_dialog(BandReasonDialog(self._session, self._data_dir, person, True, self))

    def reissue_band(self, person: dict[str, Any]) -> BandReasonDialog | None:
        if person.get("band"):
            self.statusBar().showMessage(self.tr("%1's band %2 is still valid: void it first.")
                                         .replace("%1", labels.person_label(person)).replace("%2", person["band"]),
                                         8000)
            return None
        return self._open_record_dialog(BandReasonDialog(self._session, self._data_dir, person, False, self))

    def show_proposals(self) -> ProposalsDialog:
        """Corrections agents proposed (supervisors accept or reject them)."""
        dialog = ProposalsDialog(self._session, self._data_dir, self)
        return self._open_dialog(dialog, dialog.decided)

    def show_conflicts(self) -> ConflictsDialog:
        """What waits for a supervisor: conflicts, transactions the registry refused, records set aside.
        A decision syncs soon (a resent or withdrawn transaction records nothing, so nothing is
        announced, but the outbox changed); a sync that changes the queue refreshes it."""
        dialog = ConflictsDialog(self._session, self._data_dir, self)
        dialog.watch(self.sync)
        dialog.resolved.connect(lambda _answer: self.sync.local_change())
        return self._open_dialog(dialog, dialog.resolved)

    def show_users(self) -> UsersDialog:
        """The station's accounts (admins), or the locked ones to release (supervisors)."""
        return self._open_dialog(UsersDialog(self._session, self._data_dir, self))

    def show_audit(self) -> AuditDialog:
        """The audit log (supervisors and admins), filtered and exported to CSV."""
        return self._open_dialog(AuditDialog(self._session, self._data_dir, self))

    def _open_record_dialog(self, dialog: Any) -> Any:
        return self._open_dialog(dialog, dialog.recorded)

    def _open_dialog(self, dialog: Any, done: Any = None) -> Any:
        """Open ``dialog`` window-modal (never exec(): a lock hides it and brings it back), deleted on
        close; each time its ``done`` signal fires the status bar says so. What it recorded reaches
        the views through the services' announcement (``_changed``)."""
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if done is not None:
            done.connect(self._say_recorded)
        dialog.open()
        return dialog

    def _say_recorded(self, *_answer: Any) -> None:
        self.statusBar().showMessage(self.tr("Recorded."), 8000)

    def _failed(self, error: BaseException) -> None:
        reference = messages.report_unexpected(self, error, self._data_dir)
        self.statusBar().showMessage(self.tr("Something went wrong (reference %1).").replace("%1", reference))
