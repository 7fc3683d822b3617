"""The reunification board at this station (docs/reunification.md): every child separated from an
adult they arrived with, in the family units this station holds, with the court's deadlines."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from app import files
from app.bands.errors import OutputError
from app.domain import reunification
from app.domain.board_export import board_csv, board_text
from app.domain.policy import Policy, in_force
from app.security.roles import Permission
from app.store import accounts, policies, queries, syncing

from .session import Session

__all__ = ["board_csv", "reunification_board", "write_board"]  # board_csv: the board's CSV, shared with the registry

def reunification_board(*, session: Session, overdue: bool = False,
                        as_of: datetime | None = None) -> reunification.Board:
    """This station's board, most urgent first, under the policy in force (each separation by the
    version it recorded); ``overdue`` keeps the overdue children only."""
    session.require(Permission.READ, action="reunification.view")
    moment = as_of or datetime.now(UTC)
    with session.engine.begin() as conn, reunification.collector_paused():
        families = queries.family_views(conn, queries.board_family_ids(conn), board=True)
        versions = policy_versions(conn)
        board = reunification.board(families, as_of=moment, policy=in_force(versions),
                                    versions=versions, stations=accounts.station_places(conn))
        board["children"] = reunification.select(board["children"], overdue=overdue)
        session.audit(conn, "reunification.view", detail={
            "children": len(board["children"]), "overdue_only": overdue,
            "people": sorted({e["child"]["id"] for e in board["children"]})})
    return board


def policy_versions(conn: Connection) -> dict[int, Policy]:
    """Every reunification policy received from the registry whose signature verifies, by version."""
    state = syncing.enrolment(conn)
    return policies.known(conn, bytes(state["registry_key"]) if state else None)


def policy_in_force(conn: Connection) -> Policy:
    """The policy a separation recorded now is judged by."""
    return in_force(policy_versions(conn))


def current_policy(*, session: Session) -> dict[str, Any]:
    """The policy in force at this station (``built_in`` when the registry has set none)."""
    session.require(Permission.READ, action="policy.view")
    with session.engine.connect() as conn:
        found = policy_in_force(conn)
    return {**found.as_dict(), "built_in": found.version == 0}


def write_board(*, session: Session, board: reunification.Board, fmt: str, out: Path) -> dict[str, Any]:
    """Write the board to ``out`` (0600; a symbolic link is refused), audited as an export."""
    try:
        files.write_private_file(out, board_text(board, fmt).encode("utf-8"))
    except files.SymlinkTarget as refused:
        raise OutputError(f"{refused}; nothing was written") from None
    except OSError as error:
        raise OutputError(f"cannot write {out}: {error.strerror or error}; nothing was written") from None
    with session.engine.begin() as conn:
        session.audit(conn, "reunification.export", detail={"format": fmt, "children": len(board["children"])})
    return {"written": str(out), "format": fmt, "children": len(board["children"])}
