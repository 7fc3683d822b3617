"""Station backups: `kinlink backup FILE` (admin; the global sign-in options) and `kinlink restore FILE
[--replace [--yes]]` (no sign-in: the restored store opens with the passphrases valid at backup time).
See docs/operations.md#backups."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from app import services

from .common import EXIT_USAGE, CliError, Handlers, data_dir, utf8, with_session


def add(commands: Any) -> None:
    backup = commands.add_parser("backup", help="write the encrypted store and its key slots to one file (admin; "
                                 "0600, a symbolic link refused), consistent while the station works")
    backup.add_argument("file", type=Path, metavar="FILE", help="the backup file to write (outside the data "
                        "directory)")
    restore = commands.add_parser("restore", help="put a backup into an empty data directory, or with --replace "
                                  "over the store (kept aside as station.db.before-restore-TIME)")
    restore.add_argument("file", type=Path, metavar="FILE", help="a file written by `kinlink backup`")
    restore.add_argument("--replace", action="store_true", help="replace the store in the data directory (asks "
                         "for the backup's station code on a terminal)")
    restore.add_argument("--yes", action="store_true", help="with --replace: do not ask (for scripts)")


def _restore(args: argparse.Namespace) -> Any:
    if args.yes and not args.replace:
        raise CliError("--yes goes with --replace only")
    return services.restore_station(data_dir=data_dir(args), backup=args.file, replace=args.replace,
                                    confirm=None if args.yes else _ask)


def _ask(summary: dict[str, Any]) -> bool:
    """On a terminal: say what is about to be replaced and have the backup's station code typed."""
    if not sys.stdin.isatty():
        raise CliError("replacing a station store needs confirmation: run the command in a terminal, or add --yes; "
                       "nothing was changed", EXIT_USAGE)
    which = {summary["store_id"]: "a later or earlier state of the same station", None: "its key slots are missing "
             "or damaged"}.get(summary["replaces"], "another station store than the one this backup was made of")
    print(f"This replaces the station store in {summary['data_dir']} ({which}) with the backup of station "
          f"{summary['station']} made at {summary['backup_created_at']}.\n"
          "The store in place is kept beside it as station.db.before-restore-TIME.", file=sys.stderr)
    print(f"Type the station code {summary['station']} to go on: ", end="", file=sys.stderr, flush=True)
    typed = utf8(sys.stdin.readline(), "the code typed")
    if typed.strip().upper().replace("-", "") != summary["station"].upper().replace("-", ""):
        raise CliError(f"the code typed is not {summary['station']}; nothing was changed")
    return True


HANDLERS: Handlers = {
    ("backup", None): with_session(lambda s, a: services.backup_station(session=s, out=a.file)),
    ("restore", None): _restore,
}
