"""What every command module shares: exit codes, the errors a command answers with, signing in, and
reading what a command is given (files, stdin, passphrases, typed values)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app import services
from app.domain import jsontext
from app.domain.commands import correction_kind
from app.domain.document import MAX_DOCUMENT_BYTES
from app.store.paths import default_data_dir

EXIT_OK, EXIT_NEGATIVE, EXIT_USAGE, EXIT_AUTH = 0, 1, 2, 3

Handler = Callable[[argparse.Namespace], Any]
Handlers = dict[tuple[str, str | None], Handler]


class NegativeAnswer(Exception):
    """A command that ran and answers "no" (NO MATCH, a broken chain): its JSON still goes to stdout."""

    def __init__(self, result: Any, message: str) -> None:
        super().__init__(message)
        self.result = result


class RawOutput:
    """An answer that goes to stdout as these bytes (a CSV file), not as JSON."""

    def __init__(self, data: bytes) -> None:
        self.data = data


class CliError(Exception):
    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


def data_dir(args: argparse.Namespace) -> Path:
    return Path(args.data_dir).expanduser() if args.data_dir else default_data_dir()


def utf8(text: str, what: str) -> str:
    """``text`` when it is UTF-8 text; bytes that are not (kept by Python as lone surrogates, from an
    argument, a variable or stdin) would fail at the first write or print: refused here, not shown."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise CliError(f"{what} is not UTF-8 text (check the terminal's or the file's encoding)") from None
    return text


def passphrase(variable: str, prompt: str, *, confirm: bool = False) -> str:
    value = os.environ.get(variable)
    if value is not None:
        return utf8(value, variable)
    if not sys.stdin.isatty():
        raise CliError(f"no passphrase: set {variable} or run the command in a terminal", EXIT_AUTH)
    first = utf8(getpass.getpass(prompt), "the passphrase")
    if confirm and getpass.getpass("Repeat it: ") != first:
        raise CliError("the two passphrases differ; nothing was changed")
    return first


def new_passphrase(name: str) -> str:
    return passphrase("KINLINK_NEW_PASSPHRASE", f"New passphrase for {name}: ", confirm=True)


def _user(args: argparse.Namespace) -> str:
    name = args.user or os.environ.get("KINLINK_USER")
    if name:
        return str(name)
    from app.store import keyslots, paths

    users = keyslots.load(paths.keyslot_path(data_dir(args))).users()
    if len(users) == 1:
        return users[0]
    raise CliError("this station has several users: say which with --user NAME or KINLINK_USER")


def _session(args: argparse.Namespace) -> services.Session:
    directory = data_dir(args)
    if not services.station_exists(data_dir=directory):
        raise services.StoreMissing(f"there is no station store in {directory}: run `kinlink init` first")
    user = _user(args)
    session = services.sign_in(data_dir=directory, user=user,
                               passphrase=passphrase("KINLINK_PASSPHRASE", f"Passphrase for {user}: "))
    if session.upgraded:
        print(upgrade_note(session.upgraded, directory), file=sys.stderr)
    return session


def upgrade_note(upgraded: dict[str, Any], directory: Path) -> str:
    return (f"kinlink: the station store was upgraded from version {upgraded['from']} to {upgraded['to']}; "
            f"a copy of it as it was is in {directory / upgraded['copy']}")


def with_session(run: Callable[[services.Session, argparse.Namespace], Any]) -> Handler:
    """A handler that signs in first (the user from --user or KINLINK_USER) and signs out after."""
    def handler(args: argparse.Namespace) -> Any:
        session = _session(args)
        try:
            return run(session, args)
        finally:
            session.close()

    return handler


MAX_KEY_FILE_BYTES = 64 * 1024  # a key file (station key, recovery public key) is a few hundred bytes


def read_text(path: Path) -> str:
    """A small text file (a key): read up to a limit, so that /dev/zero or a huge file is an answer."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_KEY_FILE_BYTES + 1)
        if len(raw) > MAX_KEY_FILE_BYTES:
            raise CliError(f"{path} is larger than {MAX_KEY_FILE_BYTES // 1024} KB: not a key file")
        return raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CliError(f"cannot read {path}: {getattr(error, 'strerror', None) or error}") from None


def read_document(name: str) -> bytes:
    """A file's bytes, or stdin's for ``-`` (one byte past the largest document, so that size is said)."""
    if name == "-":
        return sys.stdin.buffer.read(MAX_DOCUMENT_BYTES + 1)
    try:
        with open(name, "rb") as handle:
            return handle.read(MAX_DOCUMENT_BYTES + 1)
    except OSError as error:
        raise CliError(f"cannot read {name}: {error.strerror}") from None


def stdin_lines(values: list[str]) -> list[str]:
    """``-`` alone: the non-empty lines of stdin; otherwise the values as given."""
    if values == ["-"]:
        text = sys.stdin.read(MAX_DOCUMENT_BYTES + 1)
        if len(text) > MAX_DOCUMENT_BYTES:
            raise CliError(f"more than {MAX_DOCUMENT_BYTES:,} characters of scans on stdin")
        return [line for line in utf8(text, "stdin").splitlines() if line.strip()]
    return list(values)


def stdin_text(what: str, limit: int) -> str:
    """One value read from stdin (``-``: kept off the command line, where the shell's history and the
    process list would show it): at most ``limit`` characters, one line break at the end not part of it."""
    try:
        text = sys.stdin.read(limit + 1)
    except UnicodeDecodeError:
        raise CliError(f"{what}: stdin is not UTF-8 text") from None
    if len(text) > limit:
        raise CliError(f"{what}: more than {limit:,} characters on stdin")
    return utf8(text, f"{what}: stdin").removesuffix("\n").removesuffix("\r")


def field_value(field: str, text: str) -> Any:
    """--value as the field takes it: JSON for a number, a list or true/false (``commands.correction_kind``),
    and ``null`` for none; any other field's value as written."""
    if correction_kind(field) == "text" and text != "null":
        return text
    try:
        return jsontext.loads(text)
    except jsontext.JSONRefused as error:
        raise CliError(f"--value for {field} must be JSON (a number, true/false, a list such as [\"es\"], or "
                       f"null); this {error}") from None
