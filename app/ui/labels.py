"""Record values in words: relationships, states, custody places, names, ages and times.

The words are marked for translation here (``QT_TRANSLATE_NOOP``) and translated when shown, so
that a language switch only has to redraw. Values the table does not know are shown as stored.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.domain import bandnumber
from app.domain.clock import Hlc

_CONTEXT = "Labels"
MISSING = "—"

_WORDS: dict[str, dict[str, str]] = {
    "relationship": {
        "mother": QT_TRANSLATE_NOOP("Labels", "mother"),
        "father": QT_TRANSLATE_NOOP("Labels", "father"),
        "legal_guardian": QT_TRANSLATE_NOOP("Labels", "legal guardian"),
        "grandparent": QT_TRANSLATE_NOOP("Labels", "grandparent"),
        "sibling": QT_TRANSLATE_NOOP("Labels", "sibling"),
        "aunt_uncle": QT_TRANSLATE_NOOP("Labels", "aunt or uncle"),
        "other_relative": QT_TRANSLATE_NOOP("Labels", "other relative"),
        "unrelated_adult": QT_TRANSLATE_NOOP("Labels", "unrelated adult"),
        "unknown": QT_TRANSLATE_NOOP("Labels", "relationship unknown"),
    },
    "state": {
        "together": QT_TRANSLATE_NOOP("Labels", "together"),
        "separated": QT_TRANSLATE_NOOP("Labels", "separated"),
        "in_contact": QT_TRANSLATE_NOOP("Labels", "in contact"),
        "reunified": QT_TRANSLATE_NOOP("Labels", "reunified"),
        "closed": QT_TRANSLATE_NOOP("Labels", "closed without reunification"),
        "contact": QT_TRANSLATE_NOOP("Labels", "contact"),  # a link event only (schema 12), never a link's state
    },
    "contact": {  # a contact's kind (schema 12)
        "call": QT_TRANSLATE_NOOP("Labels", "phone call"),
        "video": QT_TRANSLATE_NOOP("Labels", "video call"),
        "visit": QT_TRANSLATE_NOOP("Labels", "visit"),
    },
    "provenance": {
        "claimed": QT_TRANSLATE_NOOP("Labels", "claimed"),
        "observed": QT_TRANSLATE_NOOP("Labels", "observed at apprehension"),
        "document_verified": QT_TRANSLATE_NOOP("Labels", "document-verified"),
        "dna_verified": QT_TRANSLATE_NOOP("Labels", "DNA-verified"),
    },
    "location": {
        "ice": QT_TRANSLATE_NOOP("Labels", "ICE"),
        "hhs_orr": QT_TRANSLATE_NOOP("Labels", "HHS/ORR shelter"),
        "released_to_sponsor": QT_TRANSLATE_NOOP("Labels", "released to sponsor"),
        "removed": QT_TRANSLATE_NOOP("Labels", "removed"),
        "station": QT_TRANSLATE_NOOP("Labels", "a Kinlink station"),  # custody kinds: docs/reunification.md
        "unknown": QT_TRANSLATE_NOOP("Labels", "not known"),
    },
    "role": {
        "adult": QT_TRANSLATE_NOOP("Labels", "adult"),
        "child": QT_TRANSLATE_NOOP("Labels", "child"),
    },
    "user_role": {
        "agent": QT_TRANSLATE_NOOP("Labels", "agent"),
        "supervisor": QT_TRANSLATE_NOOP("Labels", "supervisor"),
        "admin": QT_TRANSLATE_NOOP("Labels", "admin"),
    },
    "sex": {
        "female": QT_TRANSLATE_NOOP("Labels", "female"),
        "male": QT_TRANSLATE_NOOP("Labels", "male"),
        "other": QT_TRANSLATE_NOOP("Labels", "other"),
        "unknown": QT_TRANSLATE_NOOP("Labels", "unknown"),
    },
    "person_kind": {  # role and sex in one word, where both are known
        "child:male": QT_TRANSLATE_NOOP("Labels", "boy"),
        "child:female": QT_TRANSLATE_NOOP("Labels", "girl"),
        "adult:male": QT_TRANSLATE_NOOP("Labels", "man"),
        "adult:female": QT_TRANSLATE_NOOP("Labels", "woman"),
    },
    "entity": {
        "encounter": QT_TRANSLATE_NOOP("Labels", "encounter"),
        "family": QT_TRANSLATE_NOOP("Labels", "family unit"),
        "person": QT_TRANSLATE_NOOP("Labels", "person"),
        "link": QT_TRANSLATE_NOOP("Labels", "link"),
        "link_event": QT_TRANSLATE_NOOP("Labels", "link event"),
        "custody": QT_TRANSLATE_NOOP("Labels", "custody"),
        "band": QT_TRANSLATE_NOOP("Labels", "band"),
    },
}
# Agencies by their usual initials (the same in both languages).
AGENCY_NAMES = {"cbp": "CBP", "ice": "ICE", "hhs_orr": "HHS/ORR", "other": "—"}

# The names of record fields, as the history and the supervisor's forms show them (marked here so
# that they are translated; ``field_name`` looks them up by the field's name with spaces).
FIELD_NAMES = (
    QT_TRANSLATE_NOOP("Labels", "occurred at"),
    QT_TRANSLATE_NOOP("Labels", "place"),
    QT_TRANSLATE_NOOP("Labels", "latitude"),
    QT_TRANSLATE_NOOP("Labels", "longitude"),
    QT_TRANSLATE_NOOP("Labels", "agent"),
    QT_TRANSLATE_NOOP("Labels", "station"),
    QT_TRANSLATE_NOOP("Labels", "recorded at"),
    QT_TRANSLATE_NOOP("Labels", "encounter id"),
    QT_TRANSLATE_NOOP("Labels", "number"),
    QT_TRANSLATE_NOOP("Labels", "status"),
    QT_TRANSLATE_NOOP("Labels", "family id"),
    QT_TRANSLATE_NOOP("Labels", "role"),
    QT_TRANSLATE_NOOP("Labels", "given names"),
    QT_TRANSLATE_NOOP("Labels", "family names"),
    QT_TRANSLATE_NOOP("Labels", "sex"),
    QT_TRANSLATE_NOOP("Labels", "birth date"),
    QT_TRANSLATE_NOOP("Labels", "age estimate years"),
    QT_TRANSLATE_NOOP("Labels", "nationality"),
    QT_TRANSLATE_NOOP("Labels", "languages"),
    QT_TRANSLATE_NOOP("Labels", "preverbal"),
    QT_TRANSLATE_NOOP("Labels", "description"),
    QT_TRANSLATE_NOOP("Labels", "documents"),
    QT_TRANSLATE_NOOP("Labels", "arrived without adult"),
    QT_TRANSLATE_NOOP("Labels", "carried by"),
    QT_TRANSLATE_NOOP("Labels", "merged into"),
    QT_TRANSLATE_NOOP("Labels", "from person"),
    QT_TRANSLATE_NOOP("Labels", "to person"),
    QT_TRANSLATE_NOOP("Labels", "relationship"),
    QT_TRANSLATE_NOOP("Labels", "kind"),  # a contact's kind (schema 12)
    QT_TRANSLATE_NOOP("Labels", "agency"),  # custody (schema 13)
    QT_TRANSLATE_NOOP("Labels", "writer"),
    QT_TRANSLATE_NOOP("Labels", "writer agency"),
    QT_TRANSLATE_NOOP("Labels", "writer facility"),
    QT_TRANSLATE_NOOP("Labels", "arrival of"),
    QT_TRANSLATE_NOOP("Labels", "policy version"),  # a separation's (schema 13)
    QT_TRANSLATE_NOOP("Labels", "provenance"),
    QT_TRANSLATE_NOOP("Labels", "state"),
    QT_TRANSLATE_NOOP("Labels", "link id"),
    QT_TRANSLATE_NOOP("Labels", "reason"),
    QT_TRANSLATE_NOOP("Labels", "officer"),
    QT_TRANSLATE_NOOP("Labels", "from side"),
    QT_TRANSLATE_NOOP("Labels", "to side"),
    QT_TRANSLATE_NOOP("Labels", "person id"),
    QT_TRANSLATE_NOOP("Labels", "location"),
    QT_TRANSLATE_NOOP("Labels", "receiving party"),
    QT_TRANSLATE_NOOP("Labels", "reference"),
    QT_TRANSLATE_NOOP("Labels", "since"),
    QT_TRANSLATE_NOOP("Labels", "void reason"),
    QT_TRANSLATE_NOOP("Labels", "reprints"),
    QT_TRANSLATE_NOOP("Labels", "issued on"),
    QT_TRANSLATE_NOOP("Labels", "printed at"),
    QT_TRANSLATE_NOOP("Labels", "attached at"),
    QT_TRANSLATE_NOOP("Labels", "taken at"),
    QT_TRANSLATE_NOOP("Labels", "source"),
    QT_TRANSLATE_NOOP("Labels", "width"),
    QT_TRANSLATE_NOOP("Labels", "height"),
    QT_TRANSLATE_NOOP("Labels", "sha256"),
    QT_TRANSLATE_NOOP("Labels", "data"),
)

# Fields whose values are themselves vocabulary words.
VALUE_KINDS = {"relationship": "relationship", "state": "state", "provenance": "provenance",
               "location": "location", "role": "role", "sex": "sex"}


def tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def word(kind: str, value: str | None) -> str:
    """The translated word for a stored value (``word("relationship", "aunt_uncle")``)."""
    if value is None:
        return MISSING
    known = _WORDS.get(kind, {}).get(value)
    return tr(known) if known else value.replace("_", " ")


def person_name(person: dict[str, Any]) -> str:
    """Names as given, or "Name unknown" (never a placeholder such as "Baby Boy")."""
    parts = [person.get("given_names"), person.get("family_names")]
    name = " ".join(p for p in parts if p)
    return name or QCoreApplication.translate("Labels", "Name unknown")


def person_kind(person: dict[str, Any]) -> str:
    """"boy", "girl", "man", "woman" where role and sex are known; else the role ("child")."""
    kind = _WORDS["person_kind"].get(f"{person.get('role')}:{person.get('sex')}")
    return tr(kind) if kind else word("role", person.get("role"))


def person_label(person: dict[str, Any]) -> str:
    """A name; for a person whose name is not known, what is known beside it, so that two unnamed
    children are never confused: "Name unknown (boy, age about 6 months, band GNDM2-2226-A)"."""
    name = person_name(person)
    if (person.get("given_names") or person.get("family_names")) or not person.get("band"):
        return name
    facts = [person_kind(person), age(person),
             QCoreApplication.translate("Labels", "band %1").replace("%1", person["band"])]
    return QCoreApplication.translate("Labels", "%1 (%2)").replace("%1", name) \
        .replace("%2", ", ".join(fact for fact in facts if fact != MISSING))


def station(code: str, known: dict[str, Any] | None) -> str:
    """A station as a supervisor recognises it: its name, its agency and facility when the registry
    has said them, and its code ("Nogales Station — CBP, Nogales processing center (7QXKM)"); the
    code alone for a station this one knows nothing of."""
    if not known or not known.get("name"):
        return code
    agency = AGENCY_NAMES.get(known.get("agency") or "", known.get("agency"))
    where = ", ".join(str(part) for part in (agency, known.get("facility")) if part and part != MISSING)
    name = f"{known['name']} — {where}" if where else str(known["name"])
    return QCoreApplication.translate("Labels", "%1 (%2)").replace("%1", name).replace("%2", code)


def family_unit(number: str) -> str:
    """"family unit GT4RQ-12": a unit named where a number alone could be anything."""
    return QCoreApplication.translate("Labels", "family unit %1").replace("%1", number)


def band(number: str) -> str:
    """"band GT4RQ-0001-A"."""
    return QCoreApplication.translate("Labels", "band %1").replace("%1", number)


def age(person: dict[str, Any]) -> str:
    if person.get("birth_date"):
        return QCoreApplication.translate("Labels", "born %1").replace("%1", person["birth_date"])
    years = person.get("age_estimate_years")
    if years is None:
        return MISSING
    try:
        number = float(years)  # (the intake's entries are text until saved)
    except (TypeError, ValueError):
        return QCoreApplication.translate("Labels", "age about %1").replace("%1", str(years))
    if 0 <= number < 1:  # a baby's age is said in months: "age about 6 months", not "age about 0.5"
        months = max(1, round(number * 12))
        return QCoreApplication.translate("Labels", "age about 1 month") if months == 1 else \
            QCoreApplication.translate("Labels", "age about %1 months").replace("%1", str(months))
    return QCoreApplication.translate("Labels", "age about %1").replace("%1", f"{number:g}")


def local_time(iso: str | None) -> str:
    """An ISO 8601 time as written at the place it happened: ``2026-11-24 14:05 (UTC-07:00)``."""
    if not iso:
        return MISSING
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        return iso
    if moment.utcoffset() is None:
        return moment.strftime("%Y-%m-%d %H:%M")
    return f"{moment:%Y-%m-%d %H:%M} ({_offset(moment)})"


def _offset(moment: datetime) -> str:
    offset = moment.utcoffset()
    assert offset is not None
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "−"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def clock_time(hlc: str | None) -> str:
    """The wall time of a change's hybrid logical clock, in UTC."""
    if not hlc:
        return MISSING
    try:
        wall_ms = Hlc.parse(hlc).wall_ms
    except ValueError:
        return hlc
    return datetime.fromtimestamp(wall_ms / 1000, UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


def value(field: str, raw: Any) -> str:
    """One stored field value in words (for the change history)."""
    if raw is None or raw == [] or raw == "":
        return MISSING
    if isinstance(raw, bool):
        return QCoreApplication.translate("Labels", "yes") if raw else QCoreApplication.translate("Labels", "no")
    if isinstance(raw, list):
        return ", ".join(value(field, item) for item in raw)
    if isinstance(raw, dict):
        return ", ".join(f"{k}: {value(k, v)}" for k, v in raw.items())
    if field in VALUE_KINDS and isinstance(raw, str):
        return word(VALUE_KINDS[field], raw)
    return str(raw)


def field_name(field: str) -> str:
    return tr(field.replace("_", " "))


def band_number(raw: Any) -> str:
    """A band number in its display form (``SSSSS-QQQQ-C``), or as stored if it is not one."""
    if not raw:
        return MISSING
    try:
        return bandnumber.format_band_number(str(raw))
    except ValueError:
        return str(raw)
