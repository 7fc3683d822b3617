"""A guard against a reference-count bug of PySide6 6.12.0 on Python 3.11.

In PySide6 6.12.0 every Qt method that returns ``void`` hands ``None`` back to Python without
taking a reference to it (Python 3.12 made ``None`` immortal, where that is harmless). On Python
3.11 each such call lowers ``None``'s reference count by one; a process starts with about 22,000,
so after that many calls (``fillRect``, ``setPen``, ``save``... a few hundred per band drawn) the
interpreter aborts with "Fatal Python error: none_dealloc: deallocating None". PySide6 6.11.3
does not have the bug (measured), and requirements/lock.txt pins it; the guard stays for an
install that resolves to 6.12.0 anyway.

:func:`protect_none` detects the leak with a few harmless calls and, only when it is there, gives
``None`` a reference count so large that no run can exhaust it: what Python 3.12 does for every
immortal object. It is idempotent and costs microseconds.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QPoint

_IMMORTAL = 1 << 60
_PROBES = 8


def leaks_none() -> bool:
    """Whether a void Qt method call lowers ``None``'s reference count (the PySide6 6.12.0 bug)."""
    point = QPoint()
    before = sys.getrefcount(None)
    for _ in range(_PROBES):
        point.setX(1)
    return sys.getrefcount(None) <= before - _PROBES


_settled = False  # probed once in this process: protected, or found not to leak


def protect_none() -> bool:
    """Make ``None`` effectively immortal when this PySide6 leaks it; True when it did. Probes once
    per process (cheap to call before every band drawn)."""
    global _settled
    if _settled:
        return False
    _settled = True
    if sys.version_info >= (3, 12) or sys.getrefcount(None) > _IMMORTAL // 2 or not leaks_none():
        return False
    ctypes.c_ssize_t.from_address(id(None)).value += _IMMORTAL
    return True
