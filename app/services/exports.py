"""A family unit exported for another agency's system (docs/exports.md): FHIR R4 for now. Reading the
family is what the export needs (``Permission.READ``, as ``family show``); every export is audited with
what went out and who it is for, a failed one too."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app.bands.errors import OutputError, write_output
from app.domain import fields as domain_fields
from app.domain.errors import NotFound, ValidationError
from app.security import audit
from app.security.roles import Permission
from app.store import queries

from .session import Session

FHIR_ACTION = "export.fhir"
MAX_RECIPIENT_LENGTH = 300


def export_fhir(*, session: Session, ident: str, out: Path, for_whom: str | None = None, photos: bool = False,
                now: datetime | None = None) -> dict[str, Any]:
    """Write the family unit ``ident`` names (its id or number, or the band number or id of anyone in
    it) to ``out`` as a FHIR R4 Bundle (0600; a symbolic link there is refused and nothing is written).
    ``for_whom``: who it goes to, for the audit log; ``photos``: the pre-verbal children's photos too."""
    session.require(Permission.READ, action=FHIR_ACTION, target=ident)
    recipient = export_recipient(for_whom)
    with session.engine.begin() as conn:
        family_id = queries.find_family_id(conn, ident)
        found = queries.family_views(conn, [family_id])  # (without its history: the bundle leaves it out)
        if not found:
            raise NotFound(f"no family unit {family_id!r} in this station's records")
        family = found[0]
        images = {ph["id"]: image[1] for p in family["people"] for ph in p["photos"]
                  if (image := queries.photo_data(conn, ph["id"])) is not None} if photos else None
    from . import fhir_bundle  # fhir.resources loads here, on the first export, never at start-up

    bundle = fhir_bundle.family_bundle(family, photos=images, generated_at=now or datetime.now(UTC))
    detail = {"format": "fhir-r4", "family": family["number"], "people": [p["id"] for p in family["people"]],
              "photos": photos, "photo_ids": sorted(images or {}), "for": recipient}
    try:
        write_output(out, fhir_bundle.to_json(bundle))
    except OutputError as error:
        with session.engine.begin() as conn:
            session.audit(conn, FHIR_ACTION, family["id"], audit.Outcome.FAILED, {**detail, "symlink": error.symlink})
        raise
    with session.engine.begin() as conn:
        session.audit(conn, FHIR_ACTION, family["id"], detail=detail)
    return {"written": str(out), "format": "fhir-r4", "family": {"id": family["id"], "number": family["number"]},
            "people": len(family["people"]), "links": len(family["links"]), "photos": len(images or {}),
            "resources": len(bundle.entry or []), "for": recipient}


def export_recipient(text: str | None) -> str | None:
    """Who an export is for (``--for``), as typed: optional, at most ``MAX_RECIPIENT_LENGTH`` characters; it
    goes into the export's audit record (an agency and office, not a person's name)."""
    try:
        return domain_fields.text(text, limit=MAX_RECIPIENT_LENGTH, required=False) if text and text.strip() \
            else None
    except domain_fields.FieldError as error:
        raise ValidationError.one("for (who the export is for)", str(error)) from None
