"""The headless command line: the same services as the desktop app, JSON on stdout.

Exit codes: 0 done; 1 a negative answer; 2 bad input or usage, nothing changed;
3 not authenticated, locked or not permitted.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from app import bugreport, services
from app.domain.document import MAX_DOCUMENT_BYTES
from app.domain.errors import DomainError, NotFound, ValidationError
from app.security.passphrase import WeakPassphrase
from app.security.roles import NotPermitted, Permission
from app.store.engine import WrongKey
from app.store.keyslots import KeySlotError, WrongPassphrase
from app.store.paths import default_data_dir
from app.store.schema import SchemaTooNew

EXIT_OK, EXIT_NEGATIVE, EXIT_USAGE, EXIT_AUTH = 0, 1, 2, 3


class CliError(Exception):
    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


# Known conditions and the exit code each gets; anything else is a bug.
KNOWN: tuple[tuple[type[BaseException], int], ...] = (
    (CliError, EXIT_USAGE), (ValidationError, EXIT_USAGE), (NotFound, EXIT_USAGE), (DomainError, EXIT_USAGE),
    (WeakPassphrase, EXIT_USAGE), (services.StoreExists, EXIT_USAGE), (services.StoreMissing, EXIT_USAGE),
    (KeySlotError, EXIT_USAGE), (SchemaTooNew, EXIT_USAGE),
    (WrongPassphrase, EXIT_AUTH), (WrongKey, EXIT_AUTH), (NotPermitted, EXIT_AUTH),
    (services.AccountDisabled, EXIT_AUTH),
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="kinlink", description="Kinlink station: register families, "
                                     "print wristbands, find the rest of a family. With no command, opens the app.")
    parser.add_argument("--data-dir", type=Path, help="station data directory (default: $KINLINK_DATA_DIR or "
                        "~/.local/share/kinlink)")
    parser.add_argument("--user", help="user to act as (default: $KINLINK_USER, or the only user)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    init = commands.add_parser("init", help="create a station store and its first admin")
    init.add_argument("--station", required=True, help="the station's name")
    init.add_argument("--admin", required=True, help="user name of the first admin")

    user = commands.add_parser("user", help="manage users").add_subparsers(dest="action", metavar="ACTION",
                                                                         required=True)
    add = user.add_parser("add", help="add a user (admin only)")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=["agent", "supervisor", "admin"])

    family = commands.add_parser("family", help="family units").add_subparsers(dest="action", metavar="ACTION",
                                                                              required=True)
    fam_add = family.add_parser("add", help="register an encounter document (a file, or - for stdin)")
    fam_add.add_argument("file")
    show = family.add_parser("show", help="one family unit: people, links, bands, custody, history")
    show.add_argument("ident", metavar="ID|BAND")

    find = commands.add_parser("search", help="people by name (accent-, case-, order-insensitive) or band")
    find.add_argument("text")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        from app.ui.main import run_app

        return run_app(data_dir=_data_dir(args))
    handler = HANDLERS[(args.command, getattr(args, "action", None))]
    try:
        result = handler(args)
    except BaseException as error:  # noqa: BLE001 - every error becomes a message and an exit code
        return _report(error, _data_dir(args))
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return EXIT_OK


def _report(error: BaseException, data_dir: Path) -> int:
    if isinstance(error, KeyboardInterrupt):
        print("kinlink: interrupted; nothing was changed by the unfinished command", file=sys.stderr)
        return 130
    for kind, code in KNOWN:
        if isinstance(error, kind):
            code = error.code if isinstance(error, CliError) else code
            _print_error(error, code)
            return code
    reference = bugreport.record(error, data_dir / "logs")
    print(f"kinlink: something went wrong (reference {reference}). Nothing was saved by this command. "
          f"Details for support are in {data_dir / 'logs' / 'kinlink.log'}.", file=sys.stderr)
    return EXIT_USAGE if isinstance(error, SystemExit) else 70


def _print_error(error: BaseException, code: int) -> None:
    if isinstance(error, ValidationError) and len(error.problems) > 1:
        print(f"kinlink: {len(error.problems)} problems, nothing was saved:", file=sys.stderr)
        for problem in error.problems:
            print(f"  - {problem}", file=sys.stderr)
        return
    message = {WrongPassphrase: "wrong user name or passphrase",
               WrongKey: "the store cannot be opened with this key"}.get(type(error), str(error))
    suffix = "" if code == EXIT_AUTH or "nothing" in message else "; nothing was changed"
    print(f"kinlink: {message}{suffix}", file=sys.stderr)


def _data_dir(args: argparse.Namespace) -> Path:
    return Path(args.data_dir).expanduser() if args.data_dir else default_data_dir()


def _passphrase(variable: str, prompt: str, *, confirm: bool = False) -> str:
    value = os.environ.get(variable)
    if value is not None:
        return value
    if not sys.stdin.isatty():
        raise CliError(f"no passphrase: set {variable} or run the command in a terminal", EXIT_AUTH)
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Repeat it: ") != first:
        raise CliError("the two passphrases differ; nothing was changed")
    return first


def _user(args: argparse.Namespace) -> str:
    name = args.user or os.environ.get("KINLINK_USER")
    if name:
        return str(name)
    from app.store import keyslots, paths

    users = keyslots.load(paths.keyslot_path(_data_dir(args))).users()
    if len(users) == 1:
        return users[0]
    raise CliError("this station has several users: say which with --user NAME or KINLINK_USER")


def _session(args: argparse.Namespace) -> services.Session:
    data_dir = _data_dir(args)
    if not services.station_exists(data_dir=data_dir):
        raise services.StoreMissing(f"there is no station store in {data_dir}: run `kinlink init` first")
    user = _user(args)
    return services.sign_in(data_dir=data_dir, user=user,
                            passphrase=_passphrase("KINLINK_PASSPHRASE", f"Passphrase for {user}: "))


def _with_session(run: Callable[[services.Session, argparse.Namespace], Any]) -> Callable[..., Any]:
    def handler(args: argparse.Namespace) -> Any:
        session = _session(args)
        try:
            return run(session, args)
        finally:
            session.close()

    return handler


def _init(args: argparse.Namespace) -> Any:
    new = os.environ.get("KINLINK_NEW_PASSPHRASE") is not None
    passphrase = _passphrase("KINLINK_NEW_PASSPHRASE" if new else "KINLINK_PASSPHRASE",
                             f"New passphrase for {args.admin}: ", confirm=True)
    return services.init_station(data_dir=_data_dir(args), station_name=args.station, admin=args.admin,
                                 passphrase=passphrase)


def _user_add(session: services.Session, args: argparse.Namespace) -> Any:
    session.require(Permission.MANAGE_USERS, action="user.add", target=args.name)
    passphrase = _passphrase("KINLINK_NEW_PASSPHRASE", f"New passphrase for {args.name}: ", confirm=True)
    return services.add_user(session=session, name=args.name, role=args.role, passphrase=passphrase)


def _read_document(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read(MAX_DOCUMENT_BYTES + 1)
    try:
        with open(name, "rb") as handle:
            return handle.read(MAX_DOCUMENT_BYTES + 1)
    except OSError as error:
        raise CliError(f"cannot read {name}: {error.strerror}") from None


HANDLERS: dict[tuple[str, str | None], Callable[[argparse.Namespace], Any]] = {
    ("init", None): _init,
    ("user", "add"): _with_session(_user_add),
    ("family", "add"): _with_session(
        lambda s, a: services.register_family(session=s, document=_read_document(a.file))),
    ("family", "show"): _with_session(lambda s, a: services.show_family(session=s, ident=a.ident)),
    ("search", None): _with_session(lambda s, a: services.search(session=s, text=a.text)),
}


def entry() -> NoReturn:
    sys.exit(main())
