"""JSON read from people and files (an encounter document, a ``--value``, a station's exported key, a
policy), strictly: the standard library takes a key given twice (the last one wins, silently), NaN and
Infinity (which JSON does not have), numbers too large for a float (read as infinity) or too long for
an int (an error that is not a ``JSONDecodeError``), nesting deep enough to overflow the stack, and
escapes of half a UTF-16 pair that no UTF-8 text can hold. Each is refused here with what is wrong."""

from __future__ import annotations

import json
import math
from typing import Any

MAX_DIGITS = 50  # more than any number a field takes, far under Python's limit for int() (4,300)


class JSONRefused(ValueError):
    """Text that is not JSON, or JSON Kinlink does not take; the message says what (and where, when known)."""


class NotJSON(JSONRefused):
    """Not JSON at all: ``msg`` at ``lineno``, ``colno`` (as ``json.JSONDecodeError`` says it)."""

    def __init__(self, error: json.JSONDecodeError) -> None:
        super().__init__(f"is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}")
        self.msg, self.lineno, self.colno = error.msg, error.lineno, error.colno


def loads(text: str | bytes) -> Any:
    """``text`` as JSON, or ``JSONRefused`` naming what is wrong."""
    try:
        value = json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_no_constant,
                           parse_float=_finite, parse_int=_integer)
    except json.JSONDecodeError as error:
        raise NotJSON(error) from None
    except RecursionError:
        raise JSONRefused("is nested too deeply") from None
    _check_text(value)
    return value


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise JSONRefused(f"has the key {_short(key)!r} twice in one object; give each key once")
        found[key] = value
    return found


def _no_constant(name: str) -> Any:
    raise JSONRefused(f"holds {name}, which is not a number JSON has")


def _finite(literal: str) -> float:
    value = float(literal)
    if not math.isfinite(value):
        raise JSONRefused(f"holds the number {_short(literal)}, too large to be read")
    return value


def _integer(literal: str) -> int:
    digits = len(literal.lstrip("-"))
    if digits > MAX_DIGITS:
        raise JSONRefused(f"holds a number of {digits:,} digits; no field takes one of more than {MAX_DIGITS}")
    return int(literal)


def _check_text(value: Any) -> None:
    """Half a surrogate pair (``"\\ud800"``) reads as a string no file, database or screen can hold."""
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, str):
            try:
                item.encode("utf-8")
            except UnicodeEncodeError:
                raise JSONRefused("holds a \\u escape of half a character (a lone UTF-16 surrogate such as "
                                  "\\ud800); write the character itself") from None


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "..."
