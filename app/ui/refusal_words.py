"""What the supervisor's queue says of a refused transaction (its kind of records, for one and for
many: "Registration of 3 people", "Change of a person") and of a time the station wrote (in this
computer's time zone). The words are translated in the queue's context, ``ConflictsDialog``."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from . import labels

_CONTEXT = "ConflictsDialog"

# What a refused transaction holds, in words: one phrase per kind of record, for one and for many.
_REGISTRATION = (QT_TRANSLATE_NOOP("ConflictsDialog", "registration of one person"),
                 QT_TRANSLATE_NOOP("ConflictsDialog", "registration of %1 people"))
_PHRASES: dict[tuple[str, bool], tuple[str, str]] = {  # (entity, created) -> (one, many)
    ("person", False): (QT_TRANSLATE_NOOP("ConflictsDialog", "change of a person"),
                        QT_TRANSLATE_NOOP("ConflictsDialog", "changes of %1 people")),
    ("person", True): (QT_TRANSLATE_NOOP("ConflictsDialog", "a new person"),
                       QT_TRANSLATE_NOOP("ConflictsDialog", "%1 new people")),
    ("link", False): (QT_TRANSLATE_NOOP("ConflictsDialog", "change of a family link"),
                      QT_TRANSLATE_NOOP("ConflictsDialog", "changes of %1 family links")),
    ("link", True): (QT_TRANSLATE_NOOP("ConflictsDialog", "a new family link"),
                     QT_TRANSLATE_NOOP("ConflictsDialog", "%1 new family links")),
    ("link_event", True): (QT_TRANSLATE_NOOP("ConflictsDialog", "a separation, contact or reunification"),
                           QT_TRANSLATE_NOOP("ConflictsDialog", "%1 separations, contacts or reunifications")),
    ("custody", True): (QT_TRANSLATE_NOOP("ConflictsDialog", "a custody transfer"),
                        QT_TRANSLATE_NOOP("ConflictsDialog", "%1 custody transfers")),
    ("custody", False): (QT_TRANSLATE_NOOP("ConflictsDialog", "change of a custody record"),
                         QT_TRANSLATE_NOOP("ConflictsDialog", "changes of %1 custody records")),
    ("band", True): (QT_TRANSLATE_NOOP("ConflictsDialog", "a new band"),
                     QT_TRANSLATE_NOOP("ConflictsDialog", "%1 new bands")),
    ("band", False): (QT_TRANSLATE_NOOP("ConflictsDialog", "change of a band"),
                      QT_TRANSLATE_NOOP("ConflictsDialog", "changes of %1 bands")),
    ("photo", True): (QT_TRANSLATE_NOOP("ConflictsDialog", "a photo"),
                      QT_TRANSLATE_NOOP("ConflictsDialog", "%1 photos")),
    ("encounter", False): (QT_TRANSLATE_NOOP("ConflictsDialog", "change of an encounter"),
                           QT_TRANSLATE_NOOP("ConflictsDialog", "changes of %1 encounters")),
    ("family", False): (QT_TRANSLATE_NOOP("ConflictsDialog", "change of a family unit"),
                        QT_TRANSLATE_NOOP("ConflictsDialog", "changes of %1 family units")),
}
_OTHER = QT_TRANSLATE_NOOP("ConflictsDialog", "%1: %2 records")


def _tr(text: str) -> str:
    return QCoreApplication.translate(_CONTEXT, text)


def transaction_summary(records: list[dict[str, Any]]) -> str:
    """What a transaction recorded, in a few words: "Registration of 3 people", "Change of a person",
    "Change of a person, 2 new family links"."""
    if any(r["entity"] == "family" and r["created"] for r in records):
        people = len({r["entity_id"] for r in records if r["entity"] == "person" and r["created"]})
        text = _tr(_REGISTRATION[0]) if people == 1 else _tr(_REGISTRATION[1]).replace("%1", str(people))
    else:
        groups: dict[tuple[str, bool], set[str]] = {}
        for record in records:
            groups.setdefault((record["entity"], bool(record["created"])), set()).add(record["entity_id"])
        parts = []
        for (entity, created), ids in groups.items():
            one, many = _PHRASES.get((entity, created), ("", ""))
            if not one:
                parts.append(_tr(_OTHER).replace("%1", labels.word("entity", entity)).replace("%2", str(len(ids))))
            else:
                parts.append(_tr(one) if len(ids) == 1 else _tr(many).replace("%1", str(len(ids))))
        text = ", ".join(parts)
    return text[:1].upper() + text[1:]


def moment(iso: str | None) -> str:
    """A time the station wrote (an ISO 8601 time), in this computer's time zone."""
    if not iso:
        return labels.MISSING
    try:
        return labels.local_time(datetime.fromisoformat(iso).astimezone().isoformat())
    except ValueError:
        return iso
