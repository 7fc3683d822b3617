"""A pre-verbal child's identity bundle: the adult who carried the child, and photos.

Photos are processed (checked, turned upright, re-encoded as JPEG without any metadata) in memory
before anything is written; the re-encoded bytes go into the encrypted store, in the signed change
record and the photo table, in one transaction. Audit records name ids, never names or image bytes.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from app import photos as photo_files
from app.domain import commands
from app.domain.errors import NotFound, ValidationError
from app.security.roles import Permission
from app.store import queries
from app.store.changelog import ChangeWriter, load_row, load_rows

from .session import Session, now_iso

Photo = photo_files.Photo


def prepare_photo(*, data: bytes) -> Photo:
    """Check and re-encode a photo (no store, no permission: nothing is kept). Raises
    ``ValidationError`` with the reason when the photo is refused."""
    return photo_files.process(data)


def read_photo_file(*, path: Path) -> bytes:
    """The bytes of a photo file, refused before reading when it is larger than accepted.
    Read into memory only; the file is never copied."""
    try:
        photo_files.check_size(path.stat().st_size)
        return path.read_bytes()
    except FileNotFoundError:
        raise ValidationError.one("photo", "there is no such file") from None
    except IsADirectoryError:
        raise ValidationError.one("photo", "that is a folder, not a photo file") from None
    except PermissionError:
        raise ValidationError.one("photo", "the file cannot be read (no permission)") from None


@dataclass(frozen=True)
class IdentityBundle:
    """What is known of a pre-verbal child at intake, before the child has an id: the ``ref`` (in the
    encounter document) of the adult who carried the child, and photos as (bytes, "file"/"camera")."""

    carried_by: str | None = None
    photos: Sequence[tuple[bytes, str]] = ()


def add_identity_bundle(*, session: Session, person: str, carried_by: str | None = None,
                        photos: Sequence[tuple[bytes, str]] = ()) -> dict[str, Any]:
    """Record who carried a pre-verbal child (an adult of the same family unit) and the child's photos,
    each given as (file or camera bytes, ``"file"`` or ``"camera"``)."""
    session.require(Permission.REGISTER, action="person.bundle", target=person)
    records = photo_records(photos)  # every photo is checked before any write
    with session.writing() as (conn, writer):
        return write_bundle(conn, writer, session, person, carried_by, records)


def photo_records(photos: Sequence[tuple[bytes, str]]) -> list[commands.PhotoRecord]:
    """Photos checked and re-encoded, ready to write. Photos given together share one time; their ids
    are handed out in ascending order so that every replica shows them in the order they were given."""
    taken_at, ids = now_iso(), sorted(uuid.uuid4().hex for _ in photos)
    return [_record(data, source, photo_id, taken_at) for (data, source), photo_id in zip(photos, ids, strict=True)]


def write_bundle(conn: Connection, writer: ChangeWriter, session: Session, person: str, carried_by: str | None,
                 records: Sequence[commands.PhotoRecord]) -> dict[str, Any]:
    """The bundle's change records and audit record, in the caller's transaction."""
    row = load_row(conn, "person", person)
    if row is None:
        raise NotFound(f"no person {person!r} in this station's records")
    family_people = load_rows(conn, "person", "family_id", [row["family_id"]])
    writer.write(commands.add_identity_bundle(row, family_people=family_people, carried_by=carried_by,
                                              photos=records))
    session.audit(conn, "person.bundle", person, detail={"carried_by": carried_by, "photos": [r.id for r in records]})
    return {"person": person, "carried_by": carried_by if carried_by is not None else row.get("carried_by"),
            "photos": [{"id": r.id, "taken_at": r.taken_at, "source": r.source, "width": r.width,
                        "height": r.height} for r in records]}


def person_photo(*, session: Session, photo_id: str) -> bytes:
    """The JPEG of one photo, for display (audited as a view of the person)."""
    session.require(Permission.READ, action="photo.view", target=photo_id)
    with session.engine.begin() as conn:
        found = queries.photo_data(conn, photo_id)
        if found is None:
            raise NotFound(f"no photo {photo_id!r} in this station's records")
        person_id, data = found
        session.audit(conn, "photo.view", photo_id, detail={"person": person_id})
    return data


def _record(data: bytes, source: str, photo_id: str, taken_at: str) -> commands.PhotoRecord:
    photo = photo_files.process(data)  # the source is the domain's to check
    return commands.PhotoRecord(id=photo_id, taken_at=taken_at, source=source, width=photo.width,
                                height=photo.height, sha256=photo.sha256, data=photo.jpeg)
