"""Validation of single field values, shared by the encounter document, corrections and the checks of
change records (``records``).

Each validator takes the raw value (JSON types) and returns the clean value, or raises
``FieldError`` with a message that says what is wrong and what is expected.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from . import clock, names
from .model import DocumentType, Provenance, Relationship, Role, Sex

MAX_PLACE_LENGTH = 500
MAX_DESCRIPTION_LENGTH = 2000
MAX_TEXT_LENGTH = 500
MAX_STATION_NAME_LENGTH = 100
MAX_AGE_YEARS = 120
EARLIEST_BIRTH_DATE = date(1900, 1, 1)
EARLIEST_ENCOUNTER = datetime(2000, 1, 1, tzinfo=UTC)
_LANGUAGE = re.compile(r"^[a-z]{2,3}$")
_COUNTRY = re.compile(r"^[A-Z]{2}$")
# How far in the future a time may be: the clock of the station that wrote it may be this far ahead.
FUTURE_ALLOWANCE = timedelta(milliseconds=clock.DEFAULT_SKEW_MS)
HIDDEN_CHARACTERS = "contains invisible control characters"


class FieldError(ValueError):
    """One field's value is wrong; the message says why, in the agent's words."""


def describe(value: Any) -> str:
    """What kind of JSON value ``value`` is, in words (for "must be ..., not ..." messages)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    return "an object"


def shown(value: Any) -> str:
    """``value`` as a message names it: text quoted, anything else by its kind."""
    return repr(value) if isinstance(value, str) else describe(value)


def figure(value: float) -> str:
    """A number as a message names it: NaN and infinity in words, one too long to print by its size."""
    if isinstance(value, float) and math.isnan(value):
        return "NaN"
    if isinstance(value, float) and math.isinf(value):
        return "infinity" if value > 0 else "minus infinity"
    if isinstance(value, int) and abs(value) >= 10**20:
        return f"a number of about {int(abs(value).bit_length() * math.log10(2)) + 1:,} digits"
    return str(value)


def _printable(value: Any, *, limit: int, allowed: str = "") -> str:
    """``value`` when it is text of at most ``limit`` characters that a reader sees as it is stored
    (``allowed``: the line breaks and tabs a longer text may hold)."""
    if not isinstance(value, str):
        raise FieldError(f"must be text, not {describe(value)}")
    if len(value) > limit:
        raise FieldError(f"is {len(value):,} characters long; at most {limit:,} are allowed")
    if names.has_hidden_characters(value.translate({ord(c): None for c in allowed})):
        raise FieldError(HIDDEN_CHARACTERS)
    return value


def text(value: Any, *, limit: int = MAX_TEXT_LENGTH, required: bool = True) -> str | None:
    if value is None and not required:
        return None
    value = _printable(value, limit=limit, allowed="\n\t")
    cleaned = names.clean(value) if "\n" not in value else value.strip()
    if required and not cleaned:
        raise FieldError("must not be empty")
    return cleaned or None


def name(value: Any) -> str | None:
    """A name as given, or null when unknown. Placeholders such as "Baby Boy" are refused."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise FieldError(f"must be text or null, not {describe(value)}")
    if len(value) > names.MAX_NAME_LENGTH:
        raise FieldError(f"is {len(value):,} characters long; at most {names.MAX_NAME_LENGTH} are allowed")
    if names.has_hidden_characters(value):
        raise FieldError(HIDDEN_CHARACTERS)
    cleaned = names.clean(value)
    if not cleaned:
        raise FieldError("is empty: use null when the name is not known")
    if names.is_placeholder(cleaned):
        raise FieldError(f'"{cleaned}" is a placeholder, not a name: use null when the name is not known '
                         "(the band number identifies the person)")
    return cleaned


def station_name(value: Any) -> str:
    """A station's name as operators read it in lists: one line of printable text, 1 to 100 characters."""
    cleaned = names.clean(_printable(value, limit=MAX_STATION_NAME_LENGTH))
    if not cleaned:
        raise FieldError("must not be empty")
    return cleaned


def choice(options: type[Any]) -> Callable[[Any], str]:
    return choice_of(tuple(o.value for o in options))


def choice_of(allowed: tuple[str, ...]) -> Callable[[Any], str]:
    """A check that a value is one of ``allowed``."""

    def check(value: Any) -> str:
        if value not in allowed:
            raise FieldError(f"{shown(value)} is not one of: {', '.join(allowed)}")
        return str(value)

    return check


role = choice(Role)
sex = choice(Sex)
relationship = choice(Relationship)
provenance = choice(Provenance)
document_type = choice(DocumentType)


def flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise FieldError(f"must be true or false, not {describe(value)}")
    return value


def _iso_date(value: Any, *, earliest: date, latest: date) -> str:
    """A date written YYYY-MM-DD, from ``earliest`` (else "check the year") to ``latest``."""
    if not isinstance(value, str):
        raise FieldError(f"must be a date written YYYY-MM-DD, not {describe(value)}")
    try:
        parsed = date.fromisoformat(value)
    except ValueError:
        raise FieldError(f"{value!r} is not a date written YYYY-MM-DD") from None
    if len(value) != 10:
        raise FieldError(f"{value!r} is not a date written YYYY-MM-DD")
    if parsed > latest:
        raise FieldError(f"{value} is in the future")
    if parsed < earliest:
        raise FieldError(f"{value} is before {earliest.year}; check the year")
    return parsed.isoformat()


def birth_date(value: Any, *, today: date) -> str | None:
    if value is None:
        return None
    return _iso_date(value, earliest=EARLIEST_BIRTH_DATE, latest=today)


def event_date(value: Any, *, now: datetime) -> str:
    """The date of something a station did (a band's issue date, in UTC): from 2000, and not later than
    the day it is ``now`` plus the allowance for a clock that is ahead."""
    return _iso_date(value, earliest=EARLIEST_ENCOUNTER.date(), latest=(now + FUTURE_ALLOWANCE).date())


def age_estimate(value: Any) -> float | int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise FieldError(f"must be a number of years, not {describe(value)}")
    if isinstance(value, float) and not math.isfinite(value):
        raise FieldError(f"{figure(value)} is not a number of years")
    if not 0 <= value <= MAX_AGE_YEARS:
        raise FieldError(f"{figure(value)} is out of range: an age estimate is between 0 and {MAX_AGE_YEARS} years")
    return value


def nationality(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _COUNTRY.match(value.upper()):
        raise FieldError("must be a two-letter country code such as GT, HN, SV or MX")
    return value.upper()


def languages(value: Any) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise FieldError(f"must be a list of language codes, not {describe(value)}")
    if len(value) > 20:
        raise FieldError("lists more than 20 languages")
    result: list[str] = []
    for code in value:
        if not isinstance(code, str) or not _LANGUAGE.match(code):
            raise FieldError(f"{code!r} is not a language code (ISO 639, e.g. es, en, quc for K'iche', "
                             "mam for Mam, kjb for Q'anjob'al)")
        if code not in result:
            result.append(code)
    return result


def occurred_at(value: Any, *, now: datetime) -> str:
    if not isinstance(value, str):
        raise FieldError(f"must be a date and time such as 2026-11-24T14:05:00-07:00, not {describe(value)}")
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise FieldError(f"{value!r} is not a date and time such as 2026-11-24T14:05:00-07:00") from None
    if parsed.tzinfo is None:
        raise FieldError(f"{value!r} has no UTC offset; write it like 2026-11-24T14:05:00-07:00")
    if parsed > now + FUTURE_ALLOWANCE:
        raise FieldError(f"{value} is in the future")
    if parsed < EARLIEST_ENCOUNTER:
        raise FieldError(f"{value} is before {EARLIEST_ENCOUNTER.year}; check the year")
    return parsed.isoformat()


def coordinate(value: Any, *, limit: float) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise FieldError(f"must be a number, not {describe(value)}")
    if isinstance(value, float) and not math.isfinite(value):
        raise FieldError(f"must be a number, not {figure(value)}")
    if not -limit <= value <= limit:
        raise FieldError(f"{figure(value)} is out of range (-{limit:g} to {limit:g})")
    return float(value)
