"""Under the search results: how many people matched and how many are shown, and Show more (Alt+M)
when there are more than shown (issue 16: a common family name matches hundreds; the one person the
agent looks for may be ranked below the first page). The search asks the services for a page more
each time, up to the services' most (``services.MAX_SEARCH_RESULTS``), best match first."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTreeWidget, QWidget

from app import services

PAGE = 50  # people shown at first, and added by each Show more


class DownIntoResults(QObject):
    """An event filter for the search box: Down goes into the results (the current row, else the
    first), as in a browser's address bar, so the agent never reaches for the mouse."""

    def __init__(self, results: QTreeWidget, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._results = results

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent) \
                or event.key() != Qt.Key.Key_Down or not self._results.topLevelItemCount():
            return False
        if self._results.currentItem() is None:
            self._results.setCurrentItem(self._results.topLevelItem(0))
        self._results.setFocus(Qt.FocusReason.OtherFocusReason)
        return True


class SearchMore(QWidget):
    """``more`` carries how many people to ask for next (the shown ones and a page more). Once they are
    listed, the first of the new ones is selected and the list has the focus: the agent goes on with
    Down from where the first page ended."""

    more = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.count = QLabel()
        self.button = QPushButton()
        self.button.setAutoDefault(False)
        self.button.clicked.connect(self._more)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.count, 1)
        row.addWidget(self.button)
        self._shown = self._matched = 0
        self._continue_at: int | None = None  # the first new row of the answer to Show more
        self.retranslate()
        self.clear()

    def into(self, results: QTreeWidget) -> DownIntoResults:
        """The search box's filter that takes Down into ``results``."""
        return DownIntoResults(results, self)

    def retranslate(self) -> None:
        self.button.setText(self.tr("Show &more"))
        self.button.setToolTip(self.tr("Show the next %1 people who match (Alt+M)").replace("%1", str(PAGE)))
        self._say()

    def clear(self, limit: int = PAGE) -> None:
        """A search for ``limit`` people begins: a new one (the first page) or more of the same."""
        if limit <= PAGE:
            self._continue_at = None
        self._shown = self._matched = 0
        self._say()

    def show_count(self, shown: int, matched: int, results: QTreeWidget) -> None:
        """``shown`` people listed in ``results`` of ``matched`` in all: said when some are not listed,
        with Show more while the services can list more; hidden when every one is listed."""
        self._shown, self._matched = shown, matched
        self._say()
        if self._continue_at is not None and results.topLevelItemCount() > self._continue_at:
            results.setCurrentItem(results.topLevelItem(self._continue_at))
            results.setFocus(Qt.FocusReason.OtherFocusReason)
        self._continue_at = None

    def _more(self) -> None:
        self._continue_at = self._shown
        self.more.emit(self.next_limit())

    def next_limit(self) -> int:
        return min(self._shown + PAGE, services.MAX_SEARCH_RESULTS)

    def _say(self) -> None:
        partial = self._matched > self._shown
        self.setVisible(partial)
        self.button.setVisible(partial and self._shown < services.MAX_SEARCH_RESULTS)
        self.count.setText(self.tr("%1 of %2 people who match are shown, best match first.")
                           .replace("%1", str(self._shown)).replace("%2", str(self._matched)) if partial else "")
