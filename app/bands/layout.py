"""Band layouts in printer dots: where the QR code and each line of text go, for every back end.

A band is drawn in its own frame: ``x`` along the band (its printed length), ``y`` across it (the
band's width, 1 inch). The QR code sits at the left end, square to the band's width, at a whole
number of dots per module (at least 4) with a quiet zone of 4 modules; the text runs to its right.
Three layouts share that plan on stocks of different lengths: adult (with the band numbers of the
adult's children), child, and infant, the shortest band stock.

The result is a :class:`BandDrawing`: a list of primitives (a QR block, text runs in boxes, rules)
that the Qt painter (``app/ui/band_painter.py``) and the ZPL writer (``app/bands/zpl.py``) both
draw. Text sizes are chosen here from a conservative width estimate; a back end never draws text
outside its box (Qt shrinks to fit with real font metrics; ZPL wraps in a field block).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .content import LAYOUTS, BandContent
from .qr import QUIET_ZONE, QrMatrix, qr_matrix

DPIS = (203, 300)
MIN_DOTS_PER_MODULE = 4
MM_PER_INCH = 25.4


@dataclass(frozen=True)
class Stock:
    """A band stock: its width (across the band) and the length of its printed area, in mm."""

    width_mm: float
    length_mm: float


STOCKS = {
    "adult": Stock(width_mm=25.4, length_mm=152.4),   # 1 in x 6 in printed on a 1 in x 11 in band
    "child": Stock(width_mm=25.4, length_mm=101.6),   # 1 in x 4 in
    "infant": Stock(width_mm=25.4, length_mm=76.2),   # 1 in x 3 in, the smallest band stock
}


class LayoutError(ValueError):
    """A layout that cannot be drawn as asked (unknown name or dpi, QR too big for the stock)."""


@dataclass(frozen=True)
class QrBlock:
    """The QR symbol with its quiet zone: top-left corner of the quiet zone at (x, y)."""

    x: int
    y: int
    module: int
    matrix: QrMatrix
    payload: str  # the text the matrix encodes (no personal data: a signed Base45 statement)
    quiet: int = QUIET_ZONE

    @property
    def side(self) -> int:
        return (self.matrix.size + 2 * self.quiet) * self.module

    @property
    def symbol_origin(self) -> tuple[int, int]:
        """Top-left corner of the first module (inside the quiet zone)."""
        return self.x + self.quiet * self.module, self.y + self.quiet * self.module


@dataclass(frozen=True)
class TextRun:
    """Text in a box. ``size`` is the font's em in dots; a back end may go down to ``min_size``
    and up to ``max_lines`` lines to fit the box, and never draws outside it."""

    x: int
    y: int
    width: int
    height: int
    text: str
    size: int
    kind: str  # name, family, band, age, with, caption, children: what the text is (tests, back ends)
    bold: bool = False
    min_size: int = 0
    max_lines: int = 1

    def __post_init__(self) -> None:
        if not self.min_size:
            object.__setattr__(self, "min_size", max(1, self.size * 2 // 3))


@dataclass(frozen=True)
class Rule:
    """A straight line from (x1, y1) to (x2, y2), ``thickness`` dots wide."""

    x1: int
    y1: int
    x2: int
    y2: int
    thickness: int


Primitive = QrBlock | TextRun | Rule


@dataclass(frozen=True)
class BandDrawing:
    """One band, ready for any back end: ``width`` along the band, ``height`` across, in dots."""

    layout: str
    dpi: int
    width: int
    height: int
    band_number: str
    items: tuple[Primitive, ...] = field(default_factory=tuple)

    @property
    def qr(self) -> QrBlock:
        return next(i for i in self.items if isinstance(i, QrBlock))

    @property
    def texts(self) -> list[TextRun]:
        return [i for i in self.items if isinstance(i, TextRun)]

    def size_mm(self) -> tuple[float, float]:
        return self.width * MM_PER_INCH / self.dpi, self.height * MM_PER_INCH / self.dpi


def dots(mm: float, dpi: int) -> int:
    return round(mm * dpi / MM_PER_INCH)


# Average advance of DejaVu Sans (the widest font we draw with) per em, a little generous, so that
# text chosen to fit here fits on paper; the painter measures exactly and shrinks if needed.
_NARROW = set("iljtfrI.,:;!'|() -")
_WIDE = set("MWmw@%")


def estimate_width(text: str, size: int, bold: bool = False) -> float:
    per_em = sum(0.36 if c in _NARROW else 0.95 if c in _WIDE else 0.68 for c in text)
    return per_em * size * (1.08 if bold else 1.0)


def fitting_size(text: str, width: int, size: int, minimum: int, bold: bool = False) -> int:
    """The largest size from ``size`` down to ``minimum`` at which ``text`` fits ``width``."""
    while size > minimum and estimate_width(text, size, bold) > width:
        size -= 1
    return size


@dataclass(frozen=True)
class _Box:
    x: int
    y: int
    width: int
    height: int


def band_drawing(content: BandContent, payload: str, *, dpi: int, layout: str | None = None) -> BandDrawing:
    """The drawing of one band: ``layout`` defaults to the content's (from role and age)."""
    layout = layout or content.default_layout
    if layout not in LAYOUTS:
        raise LayoutError(f"unknown band layout {layout!r}: use one of {', '.join(LAYOUTS)}")
    if dpi not in DPIS:
        raise LayoutError(f"bands are laid out for {' or '.join(map(str, DPIS))} dpi printers, not {dpi}")
    stock = STOCKS[layout]
    width, height = dots(stock.length_mm, dpi), dots(stock.width_mm, dpi)
    margin = round(dpi * 0.03)
    qr = _qr_block(payload, height, margin)
    left = qr.x + qr.side + qr.module
    box = _Box(left, margin, width - margin - left, height - 2 * margin)
    unit = height / 203  # sizes below are given in dots of a 203 dpi band, scaled to this one
    items: list[Primitive] = [qr]
    if layout == "adult" and content.children:
        main = _Box(box.x, box.y, round(box.width * 0.52), box.height)
        items += _main_column(content, main, unit, infant=False)
        items += _children_column(content.children, main, box, unit)
    else:
        items += _main_column(content, box, unit, infant=layout == "infant")
    return BandDrawing(layout=layout, dpi=dpi, width=width, height=height,
                       band_number=content.band_number, items=tuple(items))


def _qr_block(payload: str, height: int, margin: int) -> QrBlock:
    """The largest whole number of dots per module that fits the band's width within its margins."""
    matrix = qr_matrix(payload)
    modules = matrix.size_with_quiet_zone
    module = (height - 2 * margin) // modules
    if module < MIN_DOTS_PER_MODULE:
        raise LayoutError(f"a QR code of version {matrix.version} ({modules} modules with its quiet zone) "
                          f"needs {modules * MIN_DOTS_PER_MODULE} dots at {MIN_DOTS_PER_MODULE} dots per module; "
                          f"this band has {height - 2 * margin}")
    return QrBlock(x=margin, y=(height - modules * module) // 2, module=module, matrix=matrix, payload=payload)


# (kind, size, row height, max lines) per row of the main column, in dots at 203 dpi; captions
# ("FAMILY", "BAND") sit at the left of the family and band numbers.
_ROWS = {
    False: (("name", 28, 36, 1), ("family", 50, 58, 1), ("band", 26, 32, 1), ("age", 24, 30, 1)),
    True: (("name", 24, 50, 2), ("family", 46, 52, 1), ("band", 24, 30, 1), ("age", 22, 28, 1)),
}
_CAPTIONS = {"family": "FAMILY", "band": "BAND", "with": "WITH"}
_WITH_ROW = ("with", 22, 28, 1)  # a child's band: the band of an adult the child arrived with
_CAPTION_SIZE = 18  # (15 read as specks on a wrist: issue 16, item 13)


def _main_column(content: BandContent, box: _Box, unit: float, *, infant: bool) -> list[TextRun]:
    rows = _ROWS[infant] + ((_WITH_ROW,) if content.adults else ())
    more = f" +{len(content.adults) - 1}" if len(content.adults) > 1 else ""
    texts = {"name": content.name, "family": content.family_number, "band": content.band_number,
             "age": f"{content.role} \u00b7 {content.age}",
             "with": f"{content.adults[0]}{more}" if content.adults else ""}
    heights = [round(h * unit) for _, _, h, _ in rows]
    gap = max(0, (box.height - sum(heights)) // (len(rows) + 1))
    y, runs = box.y + gap, []
    for (kind, size, _, lines), row_height in zip(rows, heights, strict=True):
        runs += _row(kind, texts[kind], _Box(box.x, y, box.width, row_height), round(size * unit), lines, unit)
        y += row_height + gap
    return runs


def _row(kind: str, text: str, box: _Box, size: int, lines: int, unit: float) -> list[TextRun]:
    bold = kind in ("name", "family", "band", "with")
    runs = []
    x, width = box.x, box.width
    caption = _CAPTIONS.get(kind)
    if caption:
        caption_size = round(_CAPTION_SIZE * unit)
        # one width for every caption, so that the numbers after them start in one column
        caption_width = round(max(estimate_width(c, caption_size) for c in _CAPTIONS.values()) * 0.9 + 4 * unit)
        runs.append(TextRun(x, box.y, caption_width, box.height, caption, caption_size, "caption",
                            min_size=caption_size))
        x, width = x + caption_width, width - caption_width
    minimum = max(round(12 * unit), size * 3 // 5)
    fitted = size if lines > 1 else fitting_size(text, width, size, minimum, bold)
    runs.append(TextRun(x, box.y, width, box.height, text, fitted, kind, bold=bold, min_size=minimum,
                        max_lines=lines))
    return runs


def _children_column(children: tuple[str, ...], main: _Box, box: _Box, unit: float) -> list[Primitive]:
    """The children's band numbers in columns to the right of the main column, after a rule."""
    gap = round(14 * unit)
    left = main.x + main.width + gap
    rule_x = left - gap // 2
    items: list[Primitive] = [Rule(rule_x, box.y, rule_x, box.y + box.height, max(1, round(2 * unit)))]
    caption_height, size, row = round(22 * unit), round(22 * unit), round(27 * unit)
    caption_size = round(_CAPTION_SIZE * unit)
    items.append(TextRun(left, box.y, box.x + box.width - left, caption_height, "CHILDREN'S BANDS",
                         caption_size, "caption", min_size=caption_size))
    text_width = round(estimate_width("K7QXM-2235-P", size, True) * 1.05)  # a band number, bold
    column_width = text_width + gap
    per_column = max(1, (box.height - caption_height) // row)
    columns = max(1, (box.x + box.width - left + gap) // column_width)
    slots = per_column * columns
    shown = list(children) if len(children) <= slots else [*children[:slots - 1], f"+{len(children) - slots + 1} more"]
    for n, number in enumerate(shown):
        col, line = divmod(n, per_column)
        items.append(TextRun(left + col * column_width, box.y + caption_height + line * row, text_width, row,
                             number, size, "children", bold=True))
    return items
