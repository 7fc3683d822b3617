"""A family unit exported for another agency's system (docs/exports.md): FHIR R4 for now. Reading the
family is what the export needs (``Permission.READ``, as ``family show``); every export is audited with
what went out and who it is for, a failed one too."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app import files
from app.bands.errors import OutputError
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
    recipient = _recipient(for_whom)
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
        files.write_private_file(out, fhir_bundle.to_json(bundle))
    except (OSError, files.SymlinkTarget) as error:
        with session.engine.begin() as conn:
            session.audit(conn, FHIR_ACTION, family["id"], audit.Outcome.FAILED,
                          {**detail, "errno": getattr(error, "errno", None),
                           "symlink": isinstance(error, files.SymlinkTarget)})
        told = str(error) if isinstance(error, files.SymlinkTarget) else \
            f"cannot write {out}: {getattr(error, 'strerror', None) or error}"
        raise OutputError(f"{told}; nothing was written") from None
    with session.engine.begin() as conn:
        session.audit(conn, FHIR_ACTION, family["id"], detail=detail)
    return {"written": str(out), "format": "fhir-r4", "family": {"id": family["id"], "number": family["number"]},
            "people": len(family["people"]), "links": len(family["links"]), "photos": len(images or {}),
            "resources": len(bundle.entry or []), "for": recipient}


def _recipient(text: str | None) -> str | None:
    """Who the export is for, as typed (optional; at most ``MAX_RECIPIENT_LENGTH`` characters)."""
    try:
        return domain_fields.text(text, limit=MAX_RECIPIENT_LENGTH, required=False) if text and text.strip() \
            else None
    except domain_fields.FieldError as error:
        raise ValidationError.one("for (who the export is for)", str(error)) from None
