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

# What domain.plausibility finds (the people named as the wizard names them).
ADULT_TOO_YOUNG = QT_TRANSLATE_NOOP("Intake", "%1 is registered as an adult but is %2: an adult is at least %3. "
                                              "Check the age, or register them as a child.")
ADULT_MINOR = QT_TRANSLATE_NOOP("Intake", "%1 is registered as an adult but is %2: a minor.")
CHILD_TOO_OLD = QT_TRANSLATE_NOOP("Intake", "%1 is registered as a child but is %2: a child is under %3. Check the "
                                            "birth date or the age, or register them as an adult.")
CHILD_ADULT = QT_TRANSLATE_NOOP("Intake", "%1 is registered as a child but is %2: an adult.")
ADULT_PREVERBAL = QT_TRANSLATE_NOOP("Intake", "%1 is an adult marked pre-verbal (cannot yet say who they are).")
OLD_PREVERBAL = QT_TRANSLATE_NOOP("Intake", "%1 is marked pre-verbal at %2.")
CHILD_AS_ADULT = QT_TRANSLATE_NOOP("Intake", "%1 is the %2 of %3, but is registered as a child.")
GAP_IMPOSSIBLE = QT_TRANSLATE_NOOP("Intake", "%1 is the %2 of %3, but is not %4 years older. Check the ages or "
                                             "the relationship.")
GAP_UNUSUAL = QT_TRANSLATE_NOOP("Intake", "%1 is the %2 of %3, only %4 years older.")
AGE_EXACT = QT_TRANSLATE_NOOP("Intake", "%1 years old")
AGE_ABOUT = QT_TRANSLATE_NOOP("Intake", "about %1 years old")
NAME_QUOTED = QT_TRANSLATE_NOOP("Intake", "Type the name without quotes.")
NAME_NOT_TEXT = QT_TRANSLATE_NOOP("Intake", "This is not a name: type the name as it is given.")
_AGE = r"(?P<about>about )?(?P<age>[\d.]+) years old"
_LINK = r"^(?P<a>.+) is the (?P<rel>[a-z ]+) of (?P<b>.+?)"


def _person(text: object, *more: str) -> Callable[[re.Match[str]], str]:
    """The translated ``text``: %1 the person (group ``who`` or ``a``), then ``more`` groups (an age, a
    relationship word, the other person, a number)."""

    def say(match: re.Match[str]) -> str:
        values = [match.group("who") if "who" in match.groupdict() else match["a"]]
        for name in more:
            if name == "age":
                values.append(tr(str(AGE_ABOUT if match["about"] else AGE_EXACT)).replace("%1", match["age"]))
            elif name == "rel":
                values.append(choices.relationship_word(match["rel"].replace(" ", "_")))
            else:
                values.append(match[name])
        result = tr(str(text))
        for number, value in reversed(list(enumerate(values, start=1))):
            result = result.replace(f"%{number}", value)
        return result

    return say


_FINDINGS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], str]], ...] = (
    (re.compile(rf"^(?P<who>.+) is an adult {_AGE}: an adult is at least (?P<n>\d+);"),
     _person(ADULT_TOO_YOUNG, "age", "n")),
    (re.compile(rf"^(?P<who>.+) is an adult {_AGE}: a minor registered as an adult$"), _person(ADULT_MINOR, "age")),
    (re.compile(rf"^(?P<who>.+) is a child {_AGE}: a child is under (?P<n>\d+);"),
     _person(CHILD_TOO_OLD, "age", "n")),
    (re.compile(rf"^(?P<who>.+) is a child {_AGE}: an adult registered as a child$"), _person(CHILD_ADULT, "age")),
    (re.compile(r"^(?P<who>.+) is an adult marked pre-verbal"), _person(ADULT_PREVERBAL)),
    (re.compile(rf"^(?P<who>.+) is marked pre-verbal at {_AGE}$"), _person(OLD_PREVERBAL, "age")),
    (re.compile(_LINK + r", but is registered as a child$"), _person(CHILD_AS_ADULT, "rel", "b")),
    (re.compile(_LINK + r", but is not (?P<n>\d+) years older"), _person(GAP_IMPOSSIBLE, "rel", "b", "n")),
    (re.compile(_LINK + r", only (?P<n>\d+) years older"), _person(GAP_UNUSUAL, "rel", "b", "n")),
    (re.compile(r" is written in quotes: give the name without them$"), lambda _match: tr(str(NAME_QUOTED))),
    (re.compile(r" is (a list|an object|a number), not a name"), lambda _match: tr(str(NAME_NOT_TEXT))),
)


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
    for pattern, words in (*_RULES, *_FINDINGS):
        match = pattern.search(message)
        if match:
            return words(match)
    return sentence(message)
