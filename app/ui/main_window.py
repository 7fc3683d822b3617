"""The main window: search people by name or band number, and read one family at a time.

The window title names the station only; personal data is never put in a title (titles reach
task bars, window lists and screen readers' history).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app import services
from app.domain.errors import ValidationError

from . import labels, messages
from .family_view import FamilyView
from .forms import InlineMessage
from .worker import Operation

FAMILY_ID = Qt.ItemDataRole.UserRole


class MainWindow(QMainWindow):
    """Search and family view for a signed-in session (which the caller owns and closes)."""

    lock_requested = Signal()  # Ctrl+L: the caller signs out and shows the sign-in again
    closing = Signal()  # the user closed the window

    def __init__(self, session: services.Session, data_dir: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._data_dir = data_dir
        self._search_serial = 0  # answers to an older search or selection are dropped
        self._family_serial = 0
        self.setWindowTitle(self.tr("Kinlink — %1").replace("%1", session.identity.name))
        self.resize(1180, 740)
        self._build_search()
        self.family_view = FamilyView()
        self._build_central()
        self._build_actions()
        self._build_status_bar()
        self.search_box.setFocus()

    def _build_search(self) -> None:
        self.search_box = QLineEdit()
        self.search_box.setAccessibleName(self.tr("Search people"))
        self.search_box.setPlaceholderText(self.tr("Name or band number"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setMaxLength(200)
        self.search_box.returnPressed.connect(self.search)
        self.search_button = QPushButton(self.tr("Search"))
        self.search_button.clicked.connect(self.search)
        self.search_message = InlineMessage(self.tr("Search message"))
        self.results = QTreeWidget()
        self.results.setAccessibleName(self.tr("Search results"))
        self.results.setHeaderLabels([self.tr("Name"), self.tr("Band"), self.tr("Family")])
        self.results.setRootIsDecorated(False)
        self.results.setUniformRowHeights(True)
        self.results.setAlternatingRowColors(True)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.results.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.results.header().setStretchLastSection(False)
        self.results.currentItemChanged.connect(self._person_selected)

    def _build_central(self) -> None:
        label = QLabel(self.tr("&Find a person"))
        label.setBuddy(self.search_box)
        label.setStyleSheet("font-weight: 600;")
        row = QHBoxLayout()
        row.addWidget(self.search_box, 1)
        row.addWidget(self.search_button)
        left = QWidget()
        column = QVBoxLayout(left)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(label)
        column.addLayout(row)
        column.addWidget(self.search_message)
        column.addWidget(self.results, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(left)
        splitter.addWidget(self.family_view)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([380, 800])
        central = QWidget()
        outer = QVBoxLayout(central)
        outer.setContentsMargins(10, 8, 10, 4)
        outer.addWidget(splitter)
        self.setCentralWidget(central)

    def _build_actions(self) -> None:
        station = self.menuBar().addMenu(self.tr("&Station"))
        self.lock_action = self._action(self.tr("&Lock and sign out"), QKeySequence(self.tr("Ctrl+L")), self.lock)
        self.quit_action = self._action(self.tr("&Quit"), QKeySequence.StandardKey.Quit, self.close)
        station.addAction(self.lock_action)
        station.addSeparator()
        station.addAction(self.quit_action)
        edit = self.menuBar().addMenu(self.tr("&Edit"))
        self.find_action = self._action(self.tr("&Find a person"), QKeySequence.StandardKey.Find,
                                        self.focus_search)
        edit.addAction(self.find_action)

    def _action(self, text: str, shortcut: QKeySequence | QKeySequence.StandardKey, slot: Any) -> QAction:
        action = QAction(text, self)
        action.setShortcut(shortcut)
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_status_bar(self) -> None:
        role = labels.word("user_role", self._session.role)
        self.user_label = QLabel(self.tr("Signed in as %1 (%2)").replace("%1", self._session.user)
                                 .replace("%2", role))
        self.user_label.setAccessibleName(self.tr("Signed-in user"))
        self.statusBar().addPermanentWidget(self.user_label)
        self.statusBar().showMessage(self.tr("Ready. Ctrl+F finds a person; Ctrl+L locks."), 8000)

    # --- actions --------------------------------------------------------------------------

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def lock(self) -> None:
        self.lock_requested.emit()

    def search(self) -> None:
        text = self.search_box.text().strip()
        self.search_message.clear_message()
        self.results.clear()
        self.family_view.show_placeholder()
        self._search_serial += 1
        serial, session = self._search_serial, self._session
        self.statusBar().showMessage(self.tr("Searching…"))
        Operation(self, lambda: services.search(session=session, text=text)) \
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
        self.statusBar().showMessage(self.tr("Search results: %1").replace("%1", str(len(people))), 8000)

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
        self._family_serial += 1
        if current is None:
            self.family_view.show_placeholder()
            return
        serial, session, family_id = self._family_serial, self._session, current.data(0, FAMILY_ID)
        Operation(self, lambda: services.show_family(session=session, ident=family_id)) \
            .success(lambda family: self._show_family(serial, family)) \
            .failure(lambda error: self._family_failed(serial, error)).run()

    def _show_family(self, serial: int, family: dict[str, Any]) -> None:
        if serial == self._family_serial:
            self.family_view.show_family(family)

    def _family_failed(self, serial: int, error: BaseException) -> None:
        if serial != self._family_serial:
            return
        text = messages.known_message(error)
        if text is None:
            self._failed(error)
        else:
            self.family_view.show_placeholder(text)
            self.statusBar().showMessage(text, 10000)

    def _failed(self, error: BaseException) -> None:
        reference = messages.report_unexpected(self, error, self._data_dir)
        self.statusBar().showMessage(self.tr("Something went wrong (reference %1).").replace("%1", reference))

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        self.closing.emit()
        super().closeEvent(event)
