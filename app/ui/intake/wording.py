"""The domain's validation messages in the words of the desk, translated.

The domain states its problems for every caller (the command line shows them next to the JSON the
user wrote: "use null when the name is not known"). At the desk the same problem reads as what to
do on the screen ("tick Name unknown"). The known messages are recognised here by their stable
beginnings; anything else is shown as the domain said it, as a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from ..messages import sentence
from . import choices
from .problem_paths import Location

_CONTEXT = "Intake"


def tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


PLACEHOLDER = QT_TRANSLATE_NOOP("Intake", "“%1” is a placeholder, not a name. Leave the names empty and tick "
                                          "“Name unknown”: the band number identifies the person.")
TOO_LONG = QT_TRANSLATE_NOOP("Intake", "Too long: at most %1 characters.")
FUTURE = QT_TRANSLATE_NOOP("Intake", "%1 is in the future.")
TOO_OLD = QT_TRANSLATE_NOOP("Intake", "%1 is before %2: check the year.")
OUT_OF_RANGE = QT_TRANSLATE_NOOP("Intake", "%1 is out of range: from %2 to %3.")
AGE_RANGE = QT_TRANSLATE_NOOP("Intake", "An age estimate is between 0 and 120 years.")
DATE_FORMAT = QT_TRANSLATE_NOOP("Intake", "Write the date as YYYY-MM-DD, for example 2019-06-01.")
CHOOSE_ONE = QT_TRANSLATE_NOOP("Intake", "Choose one: %1.")
NOT_BOTH = QT_TRANSLATE_NOOP("Intake", "Give a birth date or an age estimate, not both.")
BOTH_COORDINATES = QT_TRANSLATE_NOOP("Intake", "Give both latitude and longitude, or neither.")
CONTROL = QT_TRANSLATE_NOOP("Intake", "Contains invisible control characters: type it again.")
NO_PLACE = QT_TRANSLATE_NOOP("Intake", "Say where the encounter happened.")
FUTURE_TIME = QT_TRANSLATE_NOOP("Intake", "This time is in the future: check the date and the time.")


def _words(text: object, *groups: int) -> Callable[[re.Match[str]], str]:
    """The translated ``text`` with %1, %2… replaced by the match's groups."""

    def say(match: re.Match[str]) -> str:
        result = tr(str(text))
        for number, group in enumerate(groups, start=1):
            result = result.replace(f"%{number}", match[group])
        return result

    return say


def _sex(_match: re.Match[str]) -> str:
    words = [choices.sex_word(value) for value in choices.SEXES]
    return tr(str(CHOOSE_ONE)).replace("%1", ", ".join(words))


_RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (re.compile(r'^"(.*)" is a placeholder, not a name'), _words(PLACEHOLDER, 1)),
    (re.compile(r"characters long; at most ([\d,]+)"), _words(TOO_LONG, 1)),
    (re.compile(r"^(\S+) is in the future$"), _words(FUTURE, 1)),
    (re.compile(r"^(\S+) is before (\d{4})"), _words(TOO_OLD, 1, 2)),
    (re.compile(r"^(\S+) is out of range \((\S+) to (\S+)\)$"), _words(OUT_OF_RANGE, 1, 2, 3)),
    (re.compile(r"^(\S+) is out of range: an age estimate"), _words(AGE_RANGE)),
    (re.compile(r"is not a date written YYYY-MM-DD"), _words(DATE_FORMAT)),
    (re.compile(r"is not one of: female, male"), _sex),
    (re.compile(r"^give either birth_date or age_estimate_years"), _words(NOT_BOTH)),
    (re.compile(r"^give both latitude and longitude"), _words(BOTH_COORDINATES)),
    (re.compile(r"^contains invisible control characters"), _words(CONTROL)),
)


def agent_message(location: Location, message: str) -> str:
    """``message`` (a domain problem at ``location``) as the desk says it."""
    if location.field == "place" and message == "must not be empty":
        return tr(str(NO_PLACE))
    if location.field == "occurred_at" and message.endswith("is in the future"):
        return tr(str(FUTURE_TIME))
    for pattern, words in _RULES:
        match = pattern.search(message)
        if match:
            return words(match)
    return sentence(message)
