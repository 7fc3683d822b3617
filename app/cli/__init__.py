"""The headless command line: the same services as the desktop app, JSON on stdout.

Exit codes: 0 done; 1 a negative answer; 2 bad input or usage, nothing changed;
3 not authenticated, locked or not permitted.

One module per area declares its commands' parsers and handlers together (``station``,
``families``, ``bands``, ``syncing``, ``reunification``, ``exports``, ``backups``; the registry's are
``sync.registry.cli``); this module puts them together and turns every answer into JSON and every
error into a message and an exit code.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from app import bugreport, services
from app.bands.payload import looks_like_payload
from app.domain.errors import DomainError, NotFound, ValidationError
from app.files import SymlinkTarget
from app.security.lockout import LogonStateUnusable
from app.security.passphrase import WeakPassphrase
from app.security.recovery import MalformedKey, RecoveryError
from app.security.roles import NotPermitted
from app.store import engine as store_engine
from app.store import paths as store_paths
from app.store.backup_file import BackupError
from app.store.engine import StoreDamaged, WrongKey
from app.store.keyslots import KeySlotError, WrongPassphrase
from app.store.schema import SchemaTooNew
from sync.registry import cli as registry_cli
from sync.registry import errors as registry_errors

from . import backups, bands, exports, families, reunification, station, syncing
from .common import (
    EXIT_AUTH,
    EXIT_NEGATIVE,
    EXIT_OK,
    EXIT_USAGE,
    CliError,
    Handlers,
    NegativeAnswer,
    RawOutput,
    data_dir,
    utf8,
)

__all__ = ["EXIT_AUTH", "EXIT_NEGATIVE", "EXIT_OK", "EXIT_USAGE", "CliError", "HANDLERS", "NegativeAnswer",
           "build_parser", "entry", "main"]

VERSION = "kinlink {version} (sync protocol {protocol})".format(**services.about())
# What the registry needs beyond the station; the station's Debian package leaves them out (scripts/package).
REGISTRY_MODULES = ("fastapi", "uvicorn", "psycopg", "alembic")

AREAS = (station, families, bands, syncing, reunification, exports, backups)

# Known conditions and the exit code each gets; anything else is a bug.
KNOWN: tuple[tuple[type[BaseException], int], ...] = (
    (CliError, EXIT_USAGE), (ValidationError, EXIT_USAGE), (NotFound, EXIT_USAGE), (DomainError, EXIT_USAGE),
    (WeakPassphrase, EXIT_USAGE), (services.StoreExists, EXIT_USAGE), (services.StoreMissing, EXIT_USAGE),
    (KeySlotError, EXIT_USAGE), (SchemaTooNew, EXIT_USAGE), (StoreDamaged, EXIT_USAGE), (MalformedKey, EXIT_USAGE),
    (LogonStateUnusable, EXIT_USAGE), (BackupError, EXIT_USAGE),
    (WrongPassphrase, EXIT_AUTH), (WrongKey, EXIT_AUTH), (NotPermitted, EXIT_AUTH),
    (services.AccountDisabled, EXIT_AUTH), (services.AccountLocked, EXIT_AUTH), (RecoveryError, EXIT_AUTH),
    (services.PrinterError, EXIT_USAGE), (services.OutputError, EXIT_USAGE), (SymlinkTarget, EXIT_USAGE),
    (services.NotEnrolled, EXIT_USAGE), (services.SyncFailure, EXIT_NEGATIVE),
    (registry_errors.DatabaseUnusable, EXIT_USAGE), (registry_errors.Unauthorized, EXIT_AUTH),
    (registry_errors.Forbidden, EXIT_AUTH), (registry_errors.RegistryError, EXIT_USAGE),
)


class _Parser(argparse.ArgumentParser):
    """A scanned band's text may begin with "-" (a Base45 character: one payload in 45 does). An argument
    with a payload's shape that is no option of the command is read as a value (``band verify``, ``custody
    arrive``, ``sync --follow``), so that nobody has to know to type ``--`` before it."""

    def _parse_optional(self, arg_string: str) -> Any:
        if arg_string.startswith("-") and arg_string not in self._option_string_actions \
                and looks_like_payload(arg_string):
            return None
        return super()._parse_optional(arg_string)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="kinlink", description="Kinlink station: register families, "
                                     "print wristbands, find the rest of a family. With no command, opens the app.")
    parser.add_argument("--data-dir", type=Path, help="station data directory (default: $KINLINK_DATA_DIR or "
                        "~/.local/share/kinlink)")
    parser.add_argument("--user", help="user to act as (default: $KINLINK_USER, or the only user)")
    parser.add_argument("--version", action="version", version=VERSION)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for area in AREAS:
        area.add(commands)
    registry_cli.add_commands(commands)
    return parser


def _registry_handlers() -> Handlers:
    handlers: Handlers = {key: handler for key, handler in registry_cli.handlers(data_dir).items()}
    audit = handlers[("registry", "audit")]

    def audit_answer(args: argparse.Namespace) -> Any:
        """``registry audit verify`` answers like ``audit verify``: exit 1 when the chain is broken."""
        result = audit(args)
        if args.audit_action == "verify" and not result["intact"]:
            raise NegativeAnswer(result, f"the registry's audit chain is broken at record {result['broken_at']}: "
                                         f"{result['reason']}")
        return result

    handlers[("registry", "audit")] = audit_answer
    return handlers


HANDLERS: Handlers = {key: handler for area in AREAS for key, handler in area.HANDLERS.items()} \
    | _registry_handlers()


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    for place, given in enumerate(argv, 1):
        try:
            utf8(given, f"argument {place}")
        except CliError as error:
            print(f"kinlink: {error}; nothing was changed", file=sys.stderr)
            return EXIT_USAGE
    args = build_parser().parse_args(argv)
    if args.command is None:
        from app.ui.main import run_app

        return run_app(data_dir=data_dir(args))
    if args.command == "registry" and (missing := _registry_missing()):
        print(f"kinlink: the registry is not part of this installation (it has no {', '.join(missing)}): "
              "this is the station's package; install the registry as docs/registry.md says. Nothing was changed",
              file=sys.stderr)
        return EXIT_USAGE
    handler = HANDLERS[(args.command, getattr(args, "action", None))]
    try:
        result = handler(args)
    except NegativeAnswer as answer:
        print(json.dumps(answer.result, ensure_ascii=False, indent=2))
        print(f"kinlink: {answer}", file=sys.stderr)
        return EXIT_NEGATIVE
    except BaseException as error:  # noqa: BLE001 - every error becomes a message and an exit code
        return _report(error, data_dir(args))
    if isinstance(result, RawOutput):  # a file's bytes (family show --format csv), as they are
        sys.stdout.flush()
        sys.stdout.buffer.write(result.data)
        sys.stdout.flush()
        return EXIT_OK
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return EXIT_OK


def _registry_missing() -> list[str]:
    return [name for name in REGISTRY_MODULES if importlib.util.find_spec(name) is None]


def _report(error: BaseException, directory: Path) -> int:
    if isinstance(error, KeyboardInterrupt):
        print("kinlink: interrupted; nothing was changed by the unfinished command", file=sys.stderr)
        return 130
    error = store_engine.damage(error, store_paths.store_path(directory)) or error
    for kind, code in KNOWN:
        if isinstance(error, kind):
            code = error.code if isinstance(error, CliError) else code
            _print_error(error, code)
            return code
    reference = bugreport.record(error, directory / "logs")
    print(f"kinlink: something went wrong (reference {reference}). Nothing was saved by this command. "
          f"Details for support are in {directory / 'logs' / 'kinlink.log'}.", file=sys.stderr)
    return 70


def _print_error(error: BaseException, code: int) -> None:
    if isinstance(error, ValidationError) and len(error.problems) > 1:
        print(f"kinlink: {len(error.problems)} problems, nothing was saved:", file=sys.stderr)
        for problem in error.problems:
            print(f"  - {problem}", file=sys.stderr)
        return
    plain: dict[type[BaseException], str] = {WrongPassphrase: "wrong user name or passphrase",
                                             WrongKey: "the store cannot be opened with this key"}
    message = plain.get(type(error), str(error))
    suffix = "" if code == EXIT_AUTH or "nothing" in message else "; nothing was changed"
    print(f"kinlink: {message}{suffix}", file=sys.stderr)


def entry() -> NoReturn:
    sys.exit(main())
