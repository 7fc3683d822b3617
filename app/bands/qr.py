"""The QR matrix of a band payload: alphanumeric mode, error correction M, version 5 at most.

docs/design.md (Bands): the signed payload is Base45 text, written in QR alphanumeric mode so that a
keyboard-wedge scanner types it faithfully, at error correction M, in QR version 5 or below so
that it fits a 1-inch band at 4 printer dots per module on a 203 dpi printer. This module makes
that matrix (with ``segno``) and refuses anything that would break those rules: there is no
fallback to byte mode, a lower error correction level or a bigger symbol.
"""

from __future__ import annotations

from dataclasses import dataclass

import segno
from segno.encoder import DataOverflowError

ALPHANUMERIC = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")
ERROR_CORRECTION = "M"
MAX_VERSION = 5
QUIET_ZONE = 4  # modules of white on every side, as ISO/IEC 18004 asks
# Alphanumeric characters per version at error correction M (ISO/IEC 18004, table 7).
CAPACITY_M = {1: 20, 2: 38, 3: 61, 4: 90, 5: 122}


class QrError(ValueError):
    """A payload that cannot be a band's QR code; ``str()`` says why."""


@dataclass(frozen=True)
class QrMatrix:
    """The modules of one QR symbol, without its quiet zone: ``rows[y][x]`` is True when dark."""

    version: int
    rows: tuple[tuple[bool, ...], ...]

    @property
    def size(self) -> int:
        """Modules per side of the symbol (21 for version 1, 37 for version 5)."""
        return len(self.rows)

    @property
    def size_with_quiet_zone(self) -> int:
        return self.size + 2 * QUIET_ZONE

    def dark(self, x: int, y: int) -> bool:
        return self.rows[y][x]

    def runs(self) -> list[tuple[int, int, int]]:
        """The dark modules as horizontal runs ``(x, y, length)``: what a back end fills."""
        out = []
        for y, row in enumerate(self.rows):
            x = 0
            while x < len(row):
                if row[x]:
                    start = x
                    while x < len(row) and row[x]:
                        x += 1
                    out.append((start, y, x - start))
                else:
                    x += 1
        return out


def check_payload(payload: str) -> None:
    """Refuse text that is empty, outside the QR alphanumeric set, or too long for version 5-M."""
    if not payload:
        raise QrError("the band payload is empty")
    bad = sorted({ch for ch in payload if ch not in ALPHANUMERIC})
    if bad:
        shown = ", ".join(repr(ch) for ch in bad[:5])
        raise QrError(f"the band payload contains {shown}, outside the QR alphanumeric set "
                      "(0-9, A-Z, space and $%*+-./:); it must be Base45 text")
    if len(payload) > CAPACITY_M[MAX_VERSION]:
        raise QrError(f"the band payload has {len(payload)} characters; a band's QR code holds at most "
                      f"{CAPACITY_M[MAX_VERSION]} (version {MAX_VERSION} at error correction "
                      f"{ERROR_CORRECTION}), so it would not fit the band at 4 dots per module")


def qr_matrix(payload: str) -> QrMatrix:
    """The QR symbol of ``payload``: alphanumeric mode, error correction M, the smallest version
    that holds it (at most 5). QrError when the payload cannot be written that way."""
    check_payload(payload)
    try:
        code = segno.make_qr(payload, error=ERROR_CORRECTION, mode="alphanumeric", boost_error=False)
    except DataOverflowError as error:  # pragma: no cover - check_payload knows the capacity
        raise QrError(f"the band payload does not fit a QR code: {error}") from None
    version = code.version
    if not isinstance(version, int) or version > MAX_VERSION or code.error != ERROR_CORRECTION:
        raise QrError(f"the band payload needs QR version {version}; a band allows at most {MAX_VERSION}")
    rows = tuple(tuple(bool(v) for v in row) for row in code.matrix)
    return QrMatrix(version=version, rows=rows)
