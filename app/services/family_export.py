"""A family unit as a file (docs/exports.md): ``kinlink family show ID|BAND --format json|csv [-o FILE]``.
The JSON is ``family show``'s; the CSV has one row per person (``app.domain.family_csv``). Audited as
an export (``family.export``: the format, where it went, how many people; never a name or a path)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app.bands.errors import OutputError, write_output
from app.domain.family_csv import family_csv
from app.security.roles import Permission
from app.store import accounts, queries

from .exports import export_recipient
from .session import Session

FORMATS = ("json", "csv")


def family_text(*, session: Session, ident: str, fmt: str, for_whom: str | None = None) -> tuple[str, dict[str, Any]]:
    """The family unit named by ``ident`` (a family id or number, a person id or a band number) in
    ``fmt`` for standard output, and what an answer says of it; audited as an export (``for_whom``: who
    it goes to)."""
    recipient = export_recipient(for_whom)
    text, answer = _read(session, ident, fmt)
    _audit(session, answer, "stdout", recipient)
    return text, answer


def write_family(*, session: Session, ident: str, fmt: str, out: Path,
                 for_whom: str | None = None) -> dict[str, Any]:
    """The family unit in ``fmt`` written to ``out`` (0600; a symbolic link there is refused and
    nothing is written), then audited as an export (as the board's, ``write_board``)."""
    recipient = export_recipient(for_whom)
    text, answer = _read(session, ident, fmt)
    write_output(out, text.encode("utf-8"))
    _audit(session, answer, "file", recipient)
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


def _audit(session: Session, answer: dict[str, Any], where: str, recipient: str | None) -> None:
    with session.engine.begin() as conn:
        session.audit(conn, "family.export", answer["family"]["id"],
                      detail={"format": answer["format"], "to": where, "people": answer["people"], "for": recipient})
