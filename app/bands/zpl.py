"""Bands in ZPL II for Zebra-compatible wristband printers, and the raw TCP sender (port 9100).

A wristband printer feeds the band lengthwise: its print head spans the band's width. The band's
own frame (``x`` along, ``y`` across, see ``layout``) is therefore turned a quarter turn clockwise
onto the printer's (``x'`` across the head, ``y'`` along the feed): ``x' = H - y``, ``y' = x``, text
with field orientation ``R``. The QR code is either the printer's own (``^BQN``, model 2, error
correction M, manual alphanumeric input ``MM,A``) or our exact matrix as a ``^GFA`` bitmap at whole
dots per module, which is what the tests decode.

Text goes in UTF-8 (``^CI28``) through ``^FH`` so that ``^``, ``~`` and ``_`` in a name cannot end
a field. The family's bands are one job: one connection, one label (``^XA``..``^XZ``) per band.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .layout import BandDrawing, QrBlock, Rule, TextRun, estimate_width

QR_MODES = ("graphic", "native")
_ESCAPED = {"^", "~", "_", "\\"}


@dataclass(frozen=True)
class _Frame:
    """The band's frame turned onto the printer's: boxes in band dots -> (x', y', w', h')."""

    height: int  # the band's width in dots: the print width

    def box(self, x: int, y: int, width: int, height: int) -> tuple[int, int, int, int]:
        return self.height - (y + height), x, height, width


def field_text(text: str) -> str:
    """``text`` for a ``^FH``-escaped field: ``^ ~ _ \\`` and control characters as _XX bytes."""
    out = []
    for ch in text:
        if ch in _ESCAPED or ord(ch) < 32:
            out.append("".join(f"_{b:02X}" for b in ch.encode("utf-8")))
        else:
            out.append(ch)
    return "".join(out)


def band_zpl(drawing: BandDrawing, *, qr: str = "graphic") -> str:
    """One label (``^XA`` .. ``^XZ``) for one band."""
    if qr not in QR_MODES:
        raise ValueError(f"QR mode {qr!r}: use one of {', '.join(QR_MODES)}")
    frame = _Frame(drawing.height)
    fields = [f"^XA^CI28^PW{drawing.height}^LL{drawing.width}^LH0,0^PON^FWN"]
    for item in drawing.items:
        if isinstance(item, QrBlock):
            fields.append(_qr_native(item, frame) if qr == "native" else _qr_graphic(item, frame))
        elif isinstance(item, TextRun):
            fields.append(_text(item, frame))
        elif isinstance(item, Rule):
            fields.append(_rule(item, frame))
    fields.append("^XZ")
    return "\n".join(fields) + "\n"


def job_zpl(drawings: Sequence[BandDrawing], *, qr: str = "graphic") -> bytes:
    """One job with a label per band, in UTF-8."""
    if not drawings:
        raise ValueError("there is no band to print")
    return "".join(band_zpl(d, qr=qr) for d in drawings).encode("utf-8")


def _qr_native(block: QrBlock, frame: _Frame) -> str:
    side = block.matrix.size * block.module
    sx, sy = block.symbol_origin
    x, y, _, _ = frame.box(sx, sy, side, side)
    return f"^FO{x},{y}^BQN,2,{block.module}^FDMM,A{block.payload}^FS"


def _qr_graphic(block: QrBlock, frame: _Frame) -> str:
    """The exact matrix, turned a quarter turn clockwise like the rest of the band, as ^GFA."""
    n, module = block.matrix.size, block.module
    side = n * module
    sx, sy = block.symbol_origin
    x, y, _, _ = frame.box(sx, sy, side, side)
    row_bytes = (side + 7) // 8
    rows = []
    for r in range(n):  # printer module row r, column c = band module (x=r, y=n-1-c)
        bits = "".join(("1" if block.matrix.dark(r, n - 1 - c) else "0") * module for c in range(n))
        bits = bits.ljust(row_bytes * 8, "0")
        line = int(bits, 2).to_bytes(row_bytes, "big").hex().upper()
        rows.extend([line] * module)
    total = row_bytes * side
    return f"^FO{x},{y}^GFA,{total},{total},{row_bytes},{''.join(rows)}^FS"


def zpl_text_size(run: TextRun) -> int:
    """The largest size (down to ``min_size``) at which the run fits its box by the width estimate,
    wrapped at spaces up to ``max_lines`` lines."""
    for size in range(run.size, run.min_size, -1):
        if _lines_needed(run.text, size, run.width, run.bold) <= min(run.max_lines, max(1, run.height // size)):
            return size
    return run.min_size


def _lines_needed(text: str, size: int, width: int, bold: bool) -> int:
    lines: list[str] = []
    for word in text.split() or [""]:
        if lines and estimate_width(f"{lines[-1]} {word}", size, bold) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return len(lines) if all(estimate_width(line, size, bold) <= width for line in lines) else 99


def _text(run: TextRun, frame: _Frame) -> str:
    size = zpl_text_size(run)
    lines = min(run.max_lines, max(1, _lines_needed(run.text, size, run.width, run.bold)))
    used = min(run.height, round(size * 1.1 * lines))
    top = run.y + (run.height - used) // 2
    x, y, _, _ = frame.box(run.x, top, run.width, used)
    return (f"^FO{x},{y}^A0R,{size},{size}^FB{run.width},{run.max_lines},0,L,0"
            f"^FH_^FD{field_text(run.text)}^FS")


def _rule(rule: Rule, frame: _Frame) -> str:
    left, top = min(rule.x1, rule.x2), min(rule.y1, rule.y2)
    width = max(rule.thickness, abs(rule.x2 - rule.x1))
    height = max(rule.thickness, abs(rule.y2 - rule.y1))
    x, y, w, h = frame.box(left, top, width, height)
    return f"^FO{x},{y}^GB{w},{h},{min(w, h)}^FS"
