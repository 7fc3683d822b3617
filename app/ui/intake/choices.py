"""What the intake forms offer to choose from: countries, languages, and the domain's words.

The values are those the encounter document accepts (two-letter country codes, ISO 639 language
codes, the domain's sex / relationship / provenance values); the words shown are translated when
shown, so a language switch only has to refill the lists.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale

from app.domain.model import Provenance, Relationship, Sex

from .. import labels

_CONTEXT = "Intake"

# The nationalities seen most at the southern border, first in the list.
COMMON_COUNTRIES = {
    "GT": QT_TRANSLATE_NOOP("Intake", "Guatemala"),
    "HN": QT_TRANSLATE_NOOP("Intake", "Honduras"),
    "SV": QT_TRANSLATE_NOOP("Intake", "El Salvador"),
    "MX": QT_TRANSLATE_NOOP("Intake", "Mexico"),
    "EC": QT_TRANSLATE_NOOP("Intake", "Ecuador"),
    "NI": QT_TRANSLATE_NOOP("Intake", "Nicaragua"),
}
_NOT_COUNTRIES = {"EU", "EZ", "UN", "QO"}

# ISO 639 codes, as the document takes them. Spoken at the desk first, then the indigenous
# languages of Guatemala, Mexico and Honduras, then others heard at the border.
LANGUAGES = {
    "es": QT_TRANSLATE_NOOP("Intake", "Spanish"),
    "en": QT_TRANSLATE_NOOP("Intake", "English"),
    "pt": QT_TRANSLATE_NOOP("Intake", "Portuguese"),
    "fr": QT_TRANSLATE_NOOP("Intake", "French"),
    "ht": QT_TRANSLATE_NOOP("Intake", "Haitian Creole"),
    "quc": QT_TRANSLATE_NOOP("Intake", "K'iche'"),
    "mam": QT_TRANSLATE_NOOP("Intake", "Mam"),
    "kjb": QT_TRANSLATE_NOOP("Intake", "Q'anjob'al"),
    "kek": QT_TRANSLATE_NOOP("Intake", "Q'eqchi'"),
    "cak": QT_TRANSLATE_NOOP("Intake", "Kaqchikel"),
    "acr": QT_TRANSLATE_NOOP("Intake", "Achi"),
    "ixl": QT_TRANSLATE_NOOP("Intake", "Ixil"),
    "tzj": QT_TRANSLATE_NOOP("Intake", "Tz'utujil"),
    "poh": QT_TRANSLATE_NOOP("Intake", "Poqomchi'"),
    "cac": QT_TRANSLATE_NOOP("Intake", "Chuj"),
    "knj": QT_TRANSLATE_NOOP("Intake", "Akateko"),
    "jac": QT_TRANSLATE_NOOP("Intake", "Jakaltek (Popti')"),
    "tzh": QT_TRANSLATE_NOOP("Intake", "Tseltal"),
    "tzo": QT_TRANSLATE_NOOP("Intake", "Tsotsil"),
    "nah": QT_TRANSLATE_NOOP("Intake", "Nahuatl"),
    "mix": QT_TRANSLATE_NOOP("Intake", "Mixteco"),
    "zap": QT_TRANSLATE_NOOP("Intake", "Zapoteco"),
    "cab": QT_TRANSLATE_NOOP("Intake", "Garifuna"),
    "miq": QT_TRANSLATE_NOOP("Intake", "Miskito"),
    "ar": QT_TRANSLATE_NOOP("Intake", "Arabic"),
    "zh": QT_TRANSLATE_NOOP("Intake", "Chinese"),
    "hi": QT_TRANSLATE_NOOP("Intake", "Hindi"),
    "pa": QT_TRANSLATE_NOOP("Intake", "Punjabi"),
    "ru": QT_TRANSLATE_NOOP("Intake", "Russian"),
    "tr": QT_TRANSLATE_NOOP("Intake", "Turkish"),
    "uk": QT_TRANSLATE_NOOP("Intake", "Ukrainian"),
    "wo": QT_TRANSLATE_NOOP("Intake", "Wolof"),
}

# The words before each feature of a pre-verbal child's description, in the agent's language
# (the description is free text the agent writes: "hair: black; eyes: brown").
FEATURE_WORDS = {
    "hair": QT_TRANSLATE_NOOP("Intake", "hair"),
    "eyes": QT_TRANSLATE_NOOP("Intake", "eyes"),
    "marks": QT_TRANSLATE_NOOP("Intake", "marks"),
    "clothing": QT_TRANSLATE_NOOP("Intake", "clothing"),
}

SEXES = [s.value for s in Sex]
RELATIONSHIPS = [r.value for r in Relationship]
PROVENANCES = [p.value for p in Provenance]


def tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def countries() -> list[tuple[str, str]]:
    """(code, "Name (CODE)"): the common ones first, then every other country by name."""
    common = [(code, f"{tr(str(name))} ({code})") for code, name in COMMON_COUNTRIES.items()]
    others: dict[str, str] = {}
    for territory in QLocale.Country:
        code = QLocale.territoryToCode(territory)
        if len(code) == 2 and code.isalpha() and code not in COMMON_COUNTRIES and code not in _NOT_COUNTRIES:
            others[code] = f"{QLocale.territoryToString(territory)} ({code})"
    return common + sorted(others.items(), key=lambda item: item[1].casefold())


def common_country_count() -> int:
    return len(COMMON_COUNTRIES)


def languages() -> list[tuple[str, str]]:
    """(code, "Name (code)") in the order of :data:`LANGUAGES`."""
    return [(code, f"{tr(str(name))} ({code})") for code, name in LANGUAGES.items()]


def feature_words() -> dict[str, str]:
    return {name: tr(str(word)) for name, word in FEATURE_WORDS.items()}


def language_name(code: str) -> str:
    name = LANGUAGES.get(code)
    return tr(str(name)) if name else code


def sex_word(value: str) -> str:
    return labels.word("sex", value)


def relationship_word(value: str) -> str:
    return labels.word("relationship", value)


def provenance_word(value: str) -> str:
    return labels.word("provenance", value)


def country_name(code: str) -> str:
    """"Guatemala (GT)" for "GT"; the code itself when it is not a known country."""
    return dict(countries()).get(code, code)
