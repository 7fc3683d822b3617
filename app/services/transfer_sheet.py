"""A child's transfer sheet (docs/exports.md): what goes on it, and the audit record of each one made.
Permission: print bands (the sheet carries the child's band and its signed QR code).

Drawing it needs Qt, so the PDF is made in ``app/ui/transfer_sheet.py``, which calls
:func:`transfer_sheet` for the content and :func:`record_sheet` for the audit, as the band outputs
do with ``printing``. Audit records carry ids, band numbers and the file's digest: never a name or
a file path (a file name may be a person's name).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from app.bands.content import content_of
from app.bands.layout import BandDrawing, band_drawing
from app.domain import transfer_sheet as sheet
from app.domain.errors import ValidationError
from app.security import audit
from app.security.roles import Permission
from app.store import queries

from .bands import band_payload
from .custody import person_named
from .session import Session, now_iso

SHEET_DPI = 300  # the child's band is drawn on the sheet as printed on a 300 dpi band printer


@dataclass(frozen=True)
class TransferSheet:
    """Everything a transfer sheet shows. ``band``: the child's band as printed, with its signed QR
    code (None when this station cannot sign it: no valid band, or a band another station issued;
    ``band_note`` says which). ``photo``: the JPEG of a pre-verbal child's latest photo."""

    content: sheet.SheetContent
    band: BandDrawing | None
    band_note: str | None
    photo: bytes | None
    station: str
    made_at: str

    @property
    def child_id(self) -> str:
        return self.content.child["id"]

    @property
    def title(self) -> str:
        """The document's name for print queues: the band or family number, never a name."""
        return f"Kinlink transfer sheet {self.content.child['band'] or self.content.family_number}"


def transfer_sheet(*, session: Session, person: str, today: date | None = None) -> TransferSheet:
    """The sheet of the child ``person`` (a band number or id). An adult, or no such person:
    ValidationError / NotFound (nothing is recorded but the refusal's permission check)."""
    session.require(Permission.PRINT, action="custody.sheet", target=person[:40])
    with session.engine.connect() as conn:
        row = person_named(conn, person)
        view = queries.family_view(conn, queries.find_family_id(conn, row["id"]))
        content = sheet.sheet_content(view, row["id"])
        child = content.child
        photo = None
        if child["preverbal"] and child["photos"]:
            found = queries.photo_data(conn, child["photos"][-1]["id"])  # the latest (by when it was taken)
            photo = found[1] if found else None
    drawing, note = _band(session, view, content, today or datetime.now(UTC).date())
    return TransferSheet(content=content, band=drawing, band_note=note, photo=photo, station=session.identity.code,
                         made_at=now_iso())


def _band(session: Session, view: Any, content: sheet.SheetContent,
          today: date) -> tuple[BandDrawing | None, str | None]:
    child = content.child
    if not child["band"]:
        return None, "no valid band: issue a new band"
    try:
        payload = band_payload(session=session, band=child["band"])
    except ValidationError as refused:
        return None, str(refused.problems[0].message if refused.problems else refused)
    return band_drawing(content_of(view, child, today), payload, dpi=SHEET_DPI), None


def record_sheet(*, session: Session, sheet_made: TransferSheet, ok: bool, detail: dict[str, Any],
                 data: bytes | None = None) -> None:
    """The audit record of one sheet made (``custody.sheet``): for whom (the child's id and band), which
    transfer, the paper and language, and the file's SHA-256 and size (so that a sheet found later
    can be matched to its record); a failure with the kind of error."""
    content = sheet_made.content
    transfer = content.transfer.record["id"] if content.transfer else None
    facts: dict[str, Any] = {"band": content.child["band"], "family": content.family_number, "transfer": transfer,
                             "qr": sheet_made.band is not None, "photo": sheet_made.photo is not None, **detail}
    if data is not None:
        facts |= {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
    with session.engine.begin() as conn:
        session.audit(conn, "custody.sheet", sheet_made.child_id, audit.Outcome.OK if ok else audit.Outcome.FAILED,
                      facts)
