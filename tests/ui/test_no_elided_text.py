"""No table of the main window cuts a text short at 1366x768 (issue 16, item 8: band numbers, the link
state and the custody were cut off): the README's family open, a person and a link chosen, the search
results and today's family units listed, in English and in Spanish. A text is cut short when the
column is narrower than the text and the cell's margins (Qt then elides it with "…")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyle, QTreeWidget, QWidget

from app import services
from tests.ui.conftest import family_window


def elided(window: QWidget) -> list[str]:
    """Each visible cell whose text its column cuts short: 'table, column: text (width < needed)'."""
    found = []
    for tree in window.findChildren(QTreeWidget):
        if not tree.isVisible():
            continue
        metrics = tree.fontMetrics()
        margins = 2 * (tree.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, tree) + 1)
        for row in range(tree.topLevelItemCount()):
            item = tree.topLevelItem(row)
            for column in range(tree.columnCount()):
                text, width = item.text(column), tree.columnWidth(column) - margins
                if text and metrics.elidedText(text, Qt.TextElideMode.ElideRight, width) != text:
                    found.append(f"{tree.accessibleName()}, {column}: {text} ({width} < "
                                 f"{metrics.horizontalAdvance(text)})")
    return found


def test_no_table_cuts_a_text_short(qtbot: Any, agent: services.Session, station: Path, example_document: bytes,
                                    language: str) -> None:
    window = family_window(qtbot, agent, station, example_document)
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(window.search_box, "garcia")
    qtbot.keyClick(window.search_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.results.topLevelItemCount() == 1, timeout=5000)
    qtbot.keyClick(window.search_box, Qt.Key.Key_Down)  # into the results: the family opens again
    qtbot.waitUntil(lambda: window.family_view.people.topLevelItemCount() == 2, timeout=5000)
    assert window.today.topLevelItemCount() == 1
    assert elided(window) == [], language
