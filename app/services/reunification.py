"""The reunification board at this station (docs/reunification.md): every child separated from an
adult they arrived with, in the family units this station holds, with the court's deadlines."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app import files
from app.bands.errors import OutputError
from app.domain import reunification, spreadsheet
from app.security.roles import Permission
from app.store import accounts, queries

from .session import Session

CSV_HEADER = ("child_band", "child_given_names", "child_family_names", "child_age", "child_custody",
              "child_deadline", "child_overdue", "alerts", "adult_band", "adult_given_names",
              "adult_family_names", "relationship", "link_state", "separated_at", "deadline",
              "contact_deadline", "last_contact_at", "overdue", "adult_custody")


def reunification_board(*, session: Session, overdue: bool = False, as_of: datetime | None = None,
                        policy: reunification.Policy = reunification.DEFAULT_POLICY) -> reunification.Board:
    """This station's board, most urgent first; ``overdue`` keeps the overdue children only."""
    session.require(Permission.READ, action="reunification.view")
    moment = as_of or datetime.now(UTC)
    with session.engine.begin() as conn:
        families = queries.family_views(conn, queries.board_family_ids(conn))
        board = reunification.board(families, as_of=moment, policy=policy, stations=accounts.station_places(conn))
        board["children"] = reunification.select(board["children"], overdue=overdue)
        session.audit(conn, "reunification.view", detail={
            "children": len(board["children"]), "overdue_only": overdue,
            "people": sorted({e["child"]["id"] for e in board["children"]})})
    return board


def board_csv(board: reunification.Board) -> str:
    """One row per child and adult pair, under the CSV rules of ``app.domain.spreadsheet``."""
    rows: list[list[Any]] = []
    for entry in board["children"]:
        child = entry["child"]
        alerts = "; ".join(f"{a['code']}: {a['text']}" for a in entry["alerts"])
        for adult in entry["adults"]:
            rows.append([child["band"], child["given_names"], child["family_names"], child["age"],
                         custody_text(child["custody"]), entry["deadline"], entry["overdue"], alerts,
                         adult["band"], adult["given_names"], adult["family_names"], adult["relationship"],
                         adult["link_state"], adult["separated_at"], adult["deadline"], adult["contact_deadline"],
                         adult["last_contact_at"], adult["overdue"], custody_text(adult["custody"])])
    return spreadsheet.csv_text(CSV_HEADER, rows)


def custody_text(custody: reunification.Custody) -> str:
    """A custody in one cell: the kind, then where (facility, station) and since when."""
    where = ", ".join(str(p) for p in (custody["facility"], custody["station"]) if p)
    since = f" since {custody['since']}" if custody["since"] else ""
    return f"{custody['kind']}{f' ({where})' if where else ''}{since}"


def write_board(*, session: Session, board: reunification.Board, fmt: str, out: Path) -> dict[str, Any]:
    """Write the board to ``out`` (0600; a symbolic link is refused), audited as an export."""
    text = board_csv(board) if fmt == "csv" else json.dumps(board, ensure_ascii=False, indent=2) + "\n"
    try:
        files.write_private_file(out, text.encode("utf-8"))
    except files.SymlinkTarget as refused:
        raise OutputError(f"{refused}; nothing was written") from None
    except OSError as error:
        raise OutputError(f"cannot write {out}: {error.strerror or error}; nothing was written") from None
    with session.engine.begin() as conn:
        session.audit(conn, "reunification.export", detail={"format": fmt, "children": len(board["children"])})
    return {"written": str(out), "format": fmt, "children": len(board["children"])}
