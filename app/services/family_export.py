"""A family unit as a file (docs/exports.md): ``kinlink family show ID|BAND --format json|csv [-o FILE]``.
The JSON is ``family show``'s; the CSV has one row per person (``app.domain.family_csv``). Audited as
an export (``family.export``: the format, where it went, how many people; never a name or a path)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app import files
from app.bands.errors import OutputError
from app.domain.family_csv import family_csv
from app.security.roles import Permission
from app.store import accounts, queries

from .session import Session

FORMATS = ("json", "csv")


def family_text(*, session: Session, ident: str, fmt: str) -> tuple[str, dict[str, Any]]:
    """The family unit named by ``ident`` (a family id or number, a person id or a band number) in
    ``fmt`` for standard output, and what an answer says of it; audited as an export."""
    text, answer = _read(session, ident, fmt)
    _audit(session, answer, "stdout")
    return text, answer


def write_family(*, session: Session, ident: str, fmt: str, out: Path) -> dict[str, Any]:
    """The family unit in ``fmt`` written to ``out`` (0600; a symbolic link there is refused and
    nothing is written), then audited as an export (as the board's, ``write_board``)."""
    text, answer = _read(session, ident, fmt)
    try:
        files.write_private_file(out, text.encode("utf-8"))
    except files.SymlinkTarget as refused:
        raise OutputError(f"{refused}; nothing was written") from None
    except OSError as error:
        raise OutputError(f"cannot write {out}: {error.strerror or error}; nothing was written") from None
    _audit(session, answer, "file")
    return {"written": str(out), **answer}


def _read(session: Session, ident: str, fmt: str) -> tuple[str, dict[str, Any]]:
    if fmt not in FORMATS:
        raise OutputError(f"unknown format {fmt!r}: use json or csv")
    session.require(Permission.READ, action="family.export", target=ident)
    with session.engine.connect() as conn:
        view = queries.family_view(conn, queries.find_family_id(conn, ident))
        text = family_csv(view, accounts.station_places(conn)) if fmt == "csv" else \
            json.dumps(view, ensure_ascii=False, indent=2) + "\n"
    return text, {"family": {"id": view["id"], "number": view["number"]}, "format": fmt,
                  "people": len(view["people"])}


def _audit(session: Session, answer: dict[str, Any], where: str) -> None:
    with session.engine.begin() as conn:
        session.audit(conn, "family.export", answer["family"]["id"],
                      detail={"format": answer["format"], "to": where, "people": answer["people"]})
