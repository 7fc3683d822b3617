"""The life of a band after registration: reprint (same number, counted), void (with a reason;
a voided band fails verification) and reissue (a new number for the same person). A band number
is never reused: voiding keeps the record, reissuing allocates a fresh number."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from . import fields
from .changes import Mutation, create, update
from .errors import InvariantViolation, ValidationError
from .model import BandStatus

MAX_REASON = 500


def reason_text(reason: object) -> str:
    """A reason as given, or a ValidationError naming what is wrong with it."""
    try:
        text = fields.text(reason, limit=MAX_REASON)
    except fields.FieldError as error:
        raise ValidationError.one("reason", f"{error}: this needs a reason") from None
    assert text is not None  # required text is never None
    return text


def reprint(band: Mapping[str, Any]) -> Mutation:
    _require_issued(band, "reprinted")
    return update("band", band["id"], band, {"reprints": int(band["reprints"] or 0) + 1})


def void(band: Mapping[str, Any], reason: str) -> Mutation:
    _require_issued(band, "voided again")
    return update("band", band["id"], band, {"status": BandStatus.VOIDED.value, "void_reason": reason})


def printed(band: Mapping[str, Any], at: str) -> Mutation | None:
    """The first print of a band, at ``at`` (ISO 8601 UTC); None when it was printed before (a later
    print is a reprint, counted by :func:`reprint`)."""
    _require_issued(band, "printed")
    return None if band.get("printed_at") else update("band", band["id"], band, {"printed_at": at})


def attached(band: Mapping[str, Any], at: str) -> Mutation | None:
    """A scan confirmed the band on its person's wrist at ``at``; None when that was confirmed
    before. A band confirmed attached counts as printed."""
    _require_issued(band, "attached")
    if band.get("attached_at"):
        return None
    values = {"attached_at": at} if band.get("printed_at") else {"attached_at": at, "printed_at": at}
    return update("band", band["id"], band, values)


def reissue(person_id: str, band_id: str, number: str, issued_on: date) -> Mutation:
    """A new issued band for a person whose band was voided."""
    return create("band", band_id, {"person_id": person_id, "number": number, "status": BandStatus.ISSUED.value,
                                    "reprints": 0, "issued_on": issued_on.isoformat()})


def _require_issued(band: Mapping[str, Any], what: str) -> None:
    if band["status"] == BandStatus.VOIDED.value:
        raise InvariantViolation(f"band is voided ({band.get('void_reason') or 'no reason given'}) "
                                 f"and cannot be {what}; issue a new band instead")
