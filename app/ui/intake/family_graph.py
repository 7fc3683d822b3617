"""The family graph picture of the review step: adults in the top row, children in the bottom
row, one labelled line for each link ("mother", "relationship unknown"), drawn with QPainter.

Each adult's lines have their own colour, a link whose relationship is unknown is dashed, and the
labels are placed along their lines where they do not cover another label or a person. A child
who arrived without an adult says so under its box.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

NODE_WIDTH = 200.0
NODE_GAP = 36.0
ROW_GAP = 190.0
MAX_ROW_GAP = 280.0
MARGIN = 24.0
PADDING = 8.0
ADULT_COLOURS = ("#1f5fa8", "#b04a00", "#2e7d32", "#7b1fa2", "#c62828", "#00796b", "#5d4037", "#455a64")
_T_CANDIDATES = (0.5, 0.38, 0.62, 0.27, 0.73, 0.44, 0.56, 0.32, 0.68, 0.2, 0.8)


@dataclass(frozen=True)
class GraphNode:
    key: str
    name: str  # as typed, or "Child 2 (name unknown)"
    detail: str  # "adult · female · born 1990-03-02"
    role: str  # "adult" | "child"
    name_known: bool = True
    alone_text: str = ""  # for a child who arrived without an adult


@dataclass(frozen=True)
class GraphEdge:
    adult: str
    child: str
    label: str
    unknown: bool = False  # drawn dashed


@dataclass(frozen=True)
class Placed:
    """Where everything goes, in widget coordinates."""

    nodes: dict[str, QRectF]
    labels: list[tuple[GraphEdge, QRectF]]


class FamilyGraph(QWidget):
    """Paints one family unit: set it with :meth:`set_family`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._nodes: list[GraphNode] = []
        self._edges: list[GraphEdge] = []
        self._empty_text = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # a screen reader reaches its description

    def set_family(self, nodes: list[GraphNode], edges: list[GraphEdge], empty_text: str = "") -> None:
        self._nodes, self._edges, self._empty_text = list(nodes), list(edges), empty_text
        self.updateGeometry()
        self.update()

    def _rows(self) -> tuple[list[GraphNode], list[GraphNode]]:
        return [n for n in self._nodes if n.role == "adult"], [n for n in self._nodes if n.role != "adult"]

    def _node_height(self) -> float:
        metrics = QFontMetricsF(self.font())
        return PADDING * 2 + metrics.lineSpacing() * 4 + 4

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        adults, children = self._rows()
        columns = max(len(adults), len(children), 1)
        width = MARGIN * 2 + columns * NODE_WIDTH + (columns - 1) * NODE_GAP
        rows = (1 if adults else 0) + (1 if children else 0)
        height = MARGIN * 2 + rows * (self._node_height() + 24) + (ROW_GAP if rows == 2 else 0)
        return QSize(int(width), int(max(height, 160)))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self.sizeHint()

    def place(self) -> Placed:
        """Node boxes centred in their rows, then each edge's label where it overlaps nothing."""
        adults, children = self._rows()
        height = self._node_height()
        spare = self.height() - 2 * MARGIN - 2 * height - 24  # 24: room for "arrived without an adult"
        gap = min(max(ROW_GAP, spare), MAX_ROW_GAP)
        used = (height + gap if adults and children else 0) + height
        top = max(MARGIN, (self.height() - used - 24) / 2)
        bottom = top + (height + gap if adults else 0)
        nodes = {**self._row_rects(adults, top, height), **self._row_rects(children, bottom, height)}
        labels: list[tuple[GraphEdge, QRectF]] = []
        metrics = QFontMetricsF(self._label_font())
        for edge in self._edges:
            if edge.adult in nodes and edge.child in nodes:
                start, end = _bottom_centre(nodes[edge.adult]), _top_centre(nodes[edge.child])
                size = QSize(int(metrics.horizontalAdvance(edge.label) + 12), int(metrics.height() + 6))
                labels.append((edge, _free_spot(start, end, size, [r for _e, r in labels], list(nodes.values()))))
        return Placed(nodes, labels)

    def _row_rects(self, row: list[GraphNode], y: float, height: float) -> dict[str, QRectF]:
        if not row:
            return {}
        used = len(row) * NODE_WIDTH + (len(row) - 1) * NODE_GAP
        x = max(MARGIN, (self.width() - used) / 2)
        return {node.key: QRectF(x + i * (NODE_WIDTH + NODE_GAP), y, NODE_WIDTH, height) for i, node in enumerate(row)}

    def _label_font(self) -> QFont:
        font = QFont(self.font())
        font.setPointSizeF(max(font.pointSizeF() * 0.92, 7.0))
        return font

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        if not self._nodes:
            painter.setPen(self.palette().color(self.palette().ColorRole.PlaceholderText))
            painter.drawText(QRectF(self.rect()), Qt.AlignmentFlag.AlignCenter, self._empty_text)
            painter.end()
            return
        placed = self.place()
        colours = {node.key: QColor(ADULT_COLOURS[i % len(ADULT_COLOURS)])
                   for i, node in enumerate(self._rows()[0])}
        for edge, _rect in placed.labels:
            self._draw_line(painter, placed.nodes, edge, colours[edge.adult])
        for node in self._nodes:
            self._draw_node(painter, node, placed.nodes[node.key], colours.get(node.key))
        painter.setFont(self._label_font())
        for edge, rect in placed.labels:
            self._draw_label(painter, edge, rect, colours[edge.adult])
        painter.end()

    def _draw_line(self, painter: QPainter, nodes: dict[str, QRectF], edge: GraphEdge, colour: QColor) -> None:
        pen = QPen(colour, 2.0)
        if edge.unknown:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawLine(_bottom_centre(nodes[edge.adult]), _top_centre(nodes[edge.child]))

    def _draw_node(self, painter: QPainter, node: GraphNode, rect: QRectF, colour: QColor | None) -> None:
        text_colour = self.palette().color(self.palette().ColorRole.Text)
        painter.setPen(QPen(colour or text_colour, 2.0 if colour else 1.2))
        painter.setBrush(QColor("#f3f6fa") if node.role == "adult" else QColor("#fbf7ef"))
        painter.drawRoundedRect(rect, 8, 8)
        inner = rect.adjusted(PADDING, PADDING, -PADDING, -PADDING)
        font = QFont(self.font())
        font.setBold(node.name_known)
        font.setItalic(not node.name_known)
        painter.setFont(font)
        painter.setPen(text_colour)
        metrics = QFontMetricsF(font)
        name_rect = QRectF(inner.left(), inner.top(), inner.width(), metrics.lineSpacing() * 2 + 2)
        name = metrics.elidedText(node.name, Qt.TextElideMode.ElideRight, inner.width() * 1.9)
        painter.drawText(name_rect, Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap, name)
        painter.setFont(self._label_font())
        detail_rect = QRectF(inner.left(), name_rect.bottom() + 2, inner.width(), inner.bottom() - name_rect.bottom())
        painter.setPen(self.palette().color(self.palette().ColorRole.PlaceholderText).darker(130))
        painter.drawText(detail_rect, Qt.AlignmentFlag.AlignHCenter | Qt.TextFlag.TextWordWrap, node.detail)
        if node.alone_text:
            painter.setPen(QColor("#b3261e"))
            painter.drawText(QRectF(rect.left() - NODE_GAP / 2, rect.bottom() + 4, rect.width() + NODE_GAP, 20),
                             Qt.AlignmentFlag.AlignHCenter, node.alone_text)

    def _draw_label(self, painter: QPainter, edge: GraphEdge, rect: QRectF, colour: QColor) -> None:
        painter.setPen(QPen(colour, 1.2))
        painter.setBrush(self.palette().base())
        painter.drawRoundedRect(rect, 4, 4)
        painter.setPen(colour.darker(115))
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, edge.label)


def _bottom_centre(rect: QRectF) -> QPointF:
    return QPointF(rect.center().x(), rect.bottom())


def _top_centre(rect: QRectF) -> QPointF:
    return QPointF(rect.center().x(), rect.top())


def _free_spot(start: QPointF, end: QPointF, size: QSize, labels: list[QRectF], nodes: list[QRectF]) -> QRectF:
    """A label box on the line from ``start`` to ``end`` that covers no other label and no person:
    the first free one of a few spots along the line, from the middle outwards."""
    best: QRectF | None = None
    for t in _T_CANDIDATES:
        point = start + (end - start) * t
        rect = QRectF(point.x() - size.width() / 2, point.y() - size.height() / 2, size.width(), size.height())
        grown = rect.adjusted(-3, -2, 3, 2)
        if not any(grown.intersects(other) for other in (*labels, *nodes)):
            return rect
        best = best or rect
    assert best is not None
    return best
