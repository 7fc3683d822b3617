"""The reunification board: `kinlink reunification [--overdue] [--format json|csv] [-o FILE]`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app import services

from .common import CliError, Handlers, with_session


def add(commands: Any) -> None:
    board = commands.add_parser("reunification", help="this station's reunification board: every child separated "
                                "from an adult they arrived with, the court's deadlines, alerts; most urgent first")
    board.add_argument("--overdue", action="store_true", help="only the children past a deadline")
    board.add_argument("--format", choices=("json", "csv"), default="json",
                       help="json (default; on stdout without -o) or csv (needs -o)")
    board.add_argument("-o", "--out", type=Path, metavar="FILE", help="write the board to FILE (mode 0600)")


def _board(session: services.Session, args: argparse.Namespace) -> Any:
    if args.format == "csv" and args.out is None:
        raise CliError("--format csv writes a file: add -o FILE")
    board = services.reunification_board(session=session, overdue=args.overdue)
    if args.out is None:
        return board
    return services.write_board(session=session, board=board, fmt=args.format, out=args.out)


HANDLERS: Handlers = {("reunification", None): with_session(_board)}
