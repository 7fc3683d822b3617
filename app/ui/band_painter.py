"""The one drawing function for bands, and the Qt outputs built on it: PNG, PDF and printers.

:func:`paint_band` draws a :class:`~app.bands.layout.BandDrawing` on any QPainter (a QImage, a
QPdfWriter, a QPrinter). The QR code is filled rectangles at whole device pixels, with no
antialiasing and no smooth transforms; text is shrunk (and, where the layout allows, wrapped) to
stay inside its box, and elided only as a last resort.

The outputs write nothing but the file they are asked for: PNG and PDF are made in memory and
written atomically with mode 0600 (``app.files.write_private_file``: a symbolic link is refused). Printing through CUPS
goes through Qt, which spools a temporary PDF; ``band_output`` points that at a private folder
in memory (see there).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRect, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)
from PySide6.QtPrintSupport import QPrinter

from app.bands.errors import OutputError, write_output
from app.bands.layout import BandDrawing, QrBlock, Rule, TextRun

from .none_guard import protect_none

FONT_FAMILIES = ["DejaVu Sans", "Noto Sans", "Liberation Sans", "Sans Serif"]
PNG_GAP_DOTS = 24  # white between the bands of one PNG
PNG_QUALITY = 80
BLACK, WHITE = QColor(0, 0, 0), QColor(255, 255, 255)


def paint_band(painter: QPainter, drawing: BandDrawing, *, scale: float = 1.0) -> None:
    """Draw one band with its top-left corner at the painter's origin; ``scale`` device pixels per
    printer dot (1 when the device's resolution is the band's dpi)."""
    protect_none()
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
    for item in drawing.items:
        if isinstance(item, QrBlock):
            _paint_qr(painter, item, scale)
        elif isinstance(item, TextRun):
            _paint_text(painter, item, scale)
        elif isinstance(item, Rule):
            _paint_rule(painter, item, scale)
    painter.restore()


def _paint_qr(painter: QPainter, qr: QrBlock, scale: float) -> None:
    module = max(1, round(qr.module * scale))
    side = qr.side * module // qr.module
    left, top = round(qr.x * scale), round(qr.y * scale)
    painter.fillRect(QRect(left, top, side, side), WHITE)
    x0, y0 = left + qr.quiet * module, top + qr.quiet * module
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(BLACK)
    # With no pen, each rectangle fills exactly its own whole pixels: one call for the symbol.
    painter.drawRects([QRect(x0 + x * module, y0 + y * module, length * module, module)
                       for x, y, length in qr.matrix.runs()])


def _font(run: TextRun, size: float) -> QFont:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPixelSize(max(1, round(size)))
    font.setBold(run.bold)
    return font


def _wrap(text: str, metrics: QFontMetricsF, width: float, max_lines: int) -> list[str] | None:
    """``text`` broken at spaces into at most ``max_lines`` lines no wider than ``width``, or None."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and metrics.horizontalAdvance(candidate) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    if len(lines) > max_lines or any(metrics.horizontalAdvance(line) > width for line in lines):
        return None
    return lines


def fit_text(run: TextRun, scale: float = 1.0) -> tuple[QFont, list[str]]:
    """The largest font from ``run.size`` down to ``run.min_size`` at which the text fits its box
    (wrapped up to ``run.max_lines``); at the smallest size, the text elided to one line."""
    width, height = run.width * scale, run.height * scale
    for size in range(run.size, run.min_size - 1, -1):
        font = _font(run, size * scale)
        metrics = QFontMetricsF(font)
        for lines_allowed in range(1, run.max_lines + 1):
            lines = _wrap(run.text, metrics, width, lines_allowed)
            if lines and metrics.lineSpacing() * (len(lines) - 1) + metrics.height() <= height + 1:
                return font, lines
    font = _font(run, run.min_size * scale)
    return font, [QFontMetricsF(font).elidedText(run.text, Qt.TextElideMode.ElideRight, width)]


def _paint_text(painter: QPainter, run: TextRun, scale: float) -> None:
    font, lines = fit_text(run, scale)
    box = QRectF(run.x * scale, run.y * scale, run.width * scale, run.height * scale)
    painter.setFont(font)
    painter.setPen(BLACK)
    painter.setClipRect(box)
    painter.drawText(box, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), "\n".join(lines))
    painter.setClipping(False)


def _paint_rule(painter: QPainter, rule: Rule, scale: float) -> None:
    pen = QPen(BLACK)
    pen.setWidthF(max(1.0, rule.thickness * scale))
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)  # ends where the rule ends
    painter.setPen(pen)
    painter.drawLine(QPointF(rule.x1 * scale, rule.y1 * scale), QPointF(rule.x2 * scale, rule.y2 * scale))


# --- outputs --------------------------------------------------------------------------------------


def band_image(drawings: Sequence[BandDrawing]) -> QImage:
    """The bands one under the other on a white grayscale image, one pixel per printer dot."""
    if not drawings:
        raise OutputError("there is no band to draw")
    width = max(d.width for d in drawings)
    height = sum(d.height for d in drawings) + PNG_GAP_DOTS * (len(drawings) - 1)
    image = QImage(width, height, QImage.Format.Format_Grayscale8)
    image.fill(WHITE)
    per_metre = round(drawings[0].dpi / 0.0254)
    image.setDotsPerMeterX(per_metre)
    image.setDotsPerMeterY(per_metre)
    painter = QPainter(image)
    try:
        for drawing in drawings:
            paint_band(painter, drawing)
            painter.translate(0, drawing.height + PNG_GAP_DOTS)
    finally:
        painter.end()
    return image


def png_bytes(drawings: Sequence[BandDrawing]) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    # Qt's PNG "quality" 80 is a lighter zlib level: half the encoding time of the default for a
    # file ~20% larger (bands are mostly white); measured in tests/bench/bench_bands.py.
    if not band_image(drawings).save(buffer, "PNG", PNG_QUALITY):  # type: ignore[call-overload]  # stub says bytes
        raise OutputError("the band image could not be encoded as PNG")
    buffer.close()
    return bytes(data.data())


def render_png(drawings: Sequence[BandDrawing], path: Path) -> None:
    """One PNG with every band of ``drawings`` (one under the other), at the bands' dpi."""
    write_output(path, png_bytes(drawings))


def page_layout(drawings: Sequence[BandDrawing], *, along_feed: bool = False) -> QPageLayout:
    """One page size for a whole job: the longest band's printed area, no margins. A print system
    applies one media size to a job (CUPS takes the last page's), and a printer holds one band
    stock, so shorter bands are drawn from the start of the same page. ``along_feed``: portrait,
    the band's width across the page (how a wristband printer feeds it); else landscape."""
    length, width = max((d.size_mm() for d in drawings), key=lambda size: size[0])
    size = QSizeF(width, length) if along_feed else QSizeF(length, width)
    page = QPageSize(size, QPageSize.Unit.Millimeter, "", QPageSize.SizeMatchPolicy.ExactMatch)
    return QPageLayout(page, QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))


def paint_pages(device: QPagedPaintDevice, drawings: Sequence[BandDrawing], *, along_feed: bool = False) -> None:
    """Every band on its own page of ``device``, whose resolution is the bands' dpi (whole dots).
    ``along_feed`` turns each band a quarter turn clockwise onto a portrait page."""
    if not drawings:
        raise OutputError("there is no band to print")
    device.setPageLayout(page_layout(drawings, along_feed=along_feed))
    painter = QPainter()
    if not painter.begin(device):
        raise OutputError("the printer or file could not be opened for drawing")
    try:
        for n, drawing in enumerate(drawings):
            if n and not device.newPage():
                raise OutputError("the printer did not accept a new page")
            scale = _scale(device, drawing)
            painter.save()
            if along_feed:
                painter.translate(drawing.height * scale, 0)
                painter.rotate(90)
            paint_band(painter, drawing, scale=scale)
            painter.restore()
    finally:
        ended = painter.end()
    if not ended:
        raise OutputError("the print job could not be finished")


def _scale(device: QPagedPaintDevice, drawing: BandDrawing) -> float:
    return device.logicalDpiX() / drawing.dpi


def pdf_bytes(drawings: Sequence[BandDrawing], *, title: str = "Kinlink wristbands") -> bytes:
    """A PDF with one page per band (pages the size of the longest band), drawn at the bands' dpi."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(drawings[0].dpi if drawings else 203)
    writer.setTitle(title)
    writer.setCreator("Kinlink")
    paint_pages(writer, drawings)
    del writer  # flushes the PDF into the buffer
    buffer.close()
    return bytes(data.data())


def render_pdf(drawings: Sequence[BandDrawing], path: Path, *, title: str = "Kinlink wristbands") -> None:
    """One PDF, one page per band: one file per family unit, as one print job."""
    write_output(path, pdf_bytes(drawings, title=title))




def print_bands(drawings: Sequence[BandDrawing], printer: QPrinter, *, title: str = "Kinlink wristbands") -> None:
    """Every band on its own page of one job on ``printer``, fed lengthwise (portrait pages the
    band's width wide). The printer draws at the bands' dpi so that QR modules are whole dots."""
    if not drawings:
        raise OutputError("there is no band to print")
    printer.setFullPage(True)
    printer.setResolution(drawings[0].dpi)
    printer.setDocName(title)
    paint_pages(printer, drawings, along_feed=True)
