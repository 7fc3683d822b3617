"""CSV for people who open it in a spreadsheet (docs/reunification.md): UTF-8 with a byte-order mark
so that accents survive, a header row, ISO dates, and every cell that a spreadsheet would read as a
formula (one starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) written as text
with a leading apostrophe."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any) -> str:
    """One value as a cell: nothing for None, yes/no for a flag, text safe from formula injection."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([cell(h) for h in header])
    writer.writerows([cell(v) for v in row] for row in rows)
    return BOM + out.getvalue()
