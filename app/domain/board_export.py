"""The reunification board as a file (docs/reunification.md): JSON as shown, or CSV with one row per
child and adult pair under the rules of ``spreadsheet``. Pure, because the station
(``kinlink reunification``) and the registry (``kinlink registry reunification``) write the same
columns, and the registry may not import the station's services."""

from __future__ import annotations

import json
from typing import Any

from . import spreadsheet
from .reunification import Board, Custody

FORMATS = ("json", "csv")
CSV_HEADER = ("child_band", "child_given_names", "child_family_names", "child_age", "child_custody",
              "child_deadline", "child_overdue", "alerts", "adult_band", "adult_given_names",
              "adult_family_names", "relationship", "link_state", "separated_at", "deadline",
              "contact_deadline", "last_contact_at", "overdue", "adult_custody")


def board_text(board: Board, fmt: str) -> str:
    """The board in ``fmt`` (``json`` or ``csv``), as written to a file."""
    return board_csv(board) if fmt == "csv" else json.dumps(board, ensure_ascii=False, indent=2) + "\n"


def board_csv(board: Board) -> str:
    """One row per child and adult pair, under the CSV rules of ``spreadsheet``."""
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


def custody_text(custody: Custody) -> str:
    """A custody in one cell: the kind, then where (facility, station) and since when."""
    where = ", ".join(str(p) for p in (custody["facility"], custody["station"]) if p)
    since = f" since {custody['since']}" if custody["since"] else ""
    return f"{custody['kind']}{f' ({where})' if where else ''}{since}"
