"""The station and its registry: enrol, sync (with follows of scanned or lost bands), its status, and
what a supervisor does with transactions the registry refused."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from app import services

from .common import EXIT_AUTH, EXIT_NEGATIVE, CliError, Handlers, NegativeAnswer, stdin_lines, with_session


def add(commands: Any) -> None:
    enroll = commands.add_parser("enroll", help="enrol this station with a registry (admin), with a one-time code")
    enroll.add_argument("url", metavar="URL", help="the registry's address, e.g. https://registry.example:8443")
    enroll.add_argument("code", metavar="CODE", help="the code from `kinlink registry enrollment-code`")
    sync = commands.add_parser("sync", help="push and pull with the registry (exit 1 when it could not finish)")
    sync.add_argument("--follow", nargs="+", default=[], metavar="PAYLOAD",
                      help="also hold the family units of these scanned bands (the QR code's text; - reads one "
                           "per line from stdin); kept until the registry has answered")
    sync.add_argument("--follow-number", metavar="BAND", help="a lost band: hold its family unit by the number "
                      "(needs --reason; a few a day, each one reviewed at the registry)")
    sync.add_argument("--reason", help="why the band cannot be scanned (with --follow-number)")
    commands.add_parser("sync-status", help="enrolled where, last success, pending changes, last error, what waits "
                        "for a supervisor")
    resend = commands.add_parser("resend", help="send a transaction the registry refused again, once its cause is "
                                 "put right (supervisor; `kinlink conflicts` lists them)")
    resend.add_argument("tx", metavar="TX")
    withdraw = commands.add_parser("withdraw", help="never send a refused transaction again; it stays in this "
                                   "station's history (supervisor)")
    withdraw.add_argument("tx", metavar="TX")
    withdraw.add_argument("--reason", required=True)


def _sync(args: argparse.Namespace) -> Any:
    """Usage is checked before the passphrase is asked."""
    if args.reason and not args.follow_number:
        raise CliError("--reason goes with --follow-number (a lost band); nothing was changed")
    if args.follow_number and not args.reason:
        raise CliError("--follow-number needs --reason: say why the band cannot be scanned; nothing was changed")
    payloads = stdin_lines(args.follow)
    return with_session(lambda session, _: _synced(session, args, payloads))(args)


def _synced(session: services.Session, args: argparse.Namespace, payloads: list[str]) -> Any:
    def progress(phase: str, done: int, total: int) -> None:
        if total and sys.stderr.isatty():
            print(f"\r{phase} {done}/{total}", end="", file=sys.stderr, flush=True)

    if args.follow_number:
        services.follow_number(session=session, band=args.follow_number, reason=args.reason)
    try:
        return services.sync_now(session=session, follow=payloads, progress=progress)
    except services.SyncFailure as failure:
        if failure.refused:
            raise CliError(str(failure), EXIT_AUTH) from None
        raise NegativeAnswer(services.sync_status(session=session), f"sync did not finish: {failure}") from None


def _enroll(session: services.Session, args: argparse.Namespace) -> Any:
    try:
        return services.enroll_station(session=session, url=args.url, code=args.code)
    except services.SyncFailure as failure:
        raise CliError(f"enrolment failed: {failure}", EXIT_AUTH if failure.refused else EXIT_NEGATIVE) from None


HANDLERS: Handlers = {
    ("enroll", None): with_session(_enroll),
    ("sync", None): _sync,
    ("sync-status", None): with_session(lambda s, a: services.sync_status(session=s)),
    ("resend", None): with_session(lambda s, a: services.resend_refused(session=s, tx=a.tx)),
    ("withdraw", None): with_session(lambda s, a: services.withdraw_refused(session=s, tx=a.tx, reason=a.reason)),
}
