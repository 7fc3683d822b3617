"""Reunification: `kinlink custody transfer|arrive|sheet`, `separate`, `contact`, `reunite`, `close-pair` and
the board, `kinlink reunification`."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app import services
from app.domain.model import CUSTODY_KINDS

from .common import CliError, Handlers, stdin_text, with_session


def add(commands: Any) -> None:
    board = commands.add_parser("reunification", help="this station's reunification board: every child separated "
                                "from an adult they arrived with, the court's deadlines, alerts; most urgent first")
    board.add_argument("--overdue", action="store_true", help="only the children past a deadline")
    board.add_argument("--format", choices=("json", "csv"), default="json",
                       help="json (default; on stdout without -o) or csv (needs -o)")
    board.add_argument("-o", "--out", type=Path, metavar="FILE", help="write the board to FILE (mode 0600)")
    separate = commands.add_parser("separate", help="record that a child and an adult they arrived with were "
                                   "separated (each side's custody at that moment is recorded with it)")
    _pair_arguments(separate)
    separate.add_argument("--officer", help="the authorising officer (default: you)")
    contact = commands.add_parser("contact", help="record a call, video call or visit between a separated child "
                                  "and adult (repeatable; the pair stays separated)")
    _pair_arguments(contact, reason=False, at="never before the separation")
    contact.add_argument("--kind", required=True, choices=("call", "video", "visit"))
    contact.add_argument("--note", help="what was said or arranged (optional; - reads it from stdin)")
    reunite = commands.add_parser("reunite", help="record that a separated child and adult are together again "
                                  "(from a station holding custody of one of them)")
    _pair_arguments(reunite)
    close = commands.add_parser("close-pair", help="supervisor: take a separated pair off the board without "
                                "reunification, with the reason (e.g. DNA shows no relation; the adult declined)")
    _pair_arguments(close, at=None)
    _custody(commands)


def _custody(commands: Any) -> None:
    custody = commands.add_parser("custody", help="where a person goes: transfers, and the receiver's arrival scan") \
        .add_subparsers(dest="action", metavar="ACTION", required=True)
    transfer = custody.add_parser("transfer", help="record where a person goes now (a transfer to another Kinlink "
                                  "station leaves them in transit until it scans their arrival)")
    transfer.add_argument("person", metavar="PERSON", help="their band number or id")
    transfer.add_argument("--to", required=True, choices=CUSTODY_KINDS, metavar="KIND",
                          help=f"one of: {', '.join(CUSTODY_KINDS)}")
    transfer.add_argument("--station", metavar="CODE", help="the receiving Kinlink station's code (with --to station)")
    transfer.add_argument("--facility", help="the facility (needed for ice, hhs_orr, released_to_sponsor: for a "
                          "sponsor, a reference, not their name)")
    transfer.add_argument("--reference", help="the receiving agency's case or file number")
    transfer.add_argument("--at", metavar="TIME", help="when, ISO 8601 with its UTC offset (default: now; never in "
                          "the future, never before their current custody)")
    transfer.add_argument("--reason", required=True)
    arrive = custody.add_parser("arrive", help="the receiving station's arrival scan: the person is held here from "
                                "now on (closes the transfer to this station)")
    arrive.add_argument("person", metavar="PERSON|PAYLOAD", help="the scanned band (its QR text), or a band number "
                        "or id; a scan beginning with - goes after --")
    arrive.add_argument("--photo", action="append", default=[], type=Path, metavar="FILE",
                        help="a fresh photo (needed for a pre-verbal child; repeatable)")
    sheet = custody.add_parser("sheet", help="the printed transfer sheet that goes with a child: one PDF page with "
                               "the child's band and its signed QR code, the adults they arrived with, their links "
                               "and custody, the latest transfer and the family picture")
    sheet.add_argument("person", metavar="PERSON", help="the child's band number or id")
    sheet.add_argument("-o", "--out", required=True, type=Path, metavar="FILE.pdf",
                       help="the PDF to write (mode 0600; a symbolic link there is refused)")
    sheet.add_argument("--paper", choices=("a4", "letter"),
                       help="the page size (default: letter where the locale measures in US units, else a4)")
    sheet.add_argument("--for", dest="for_whom", metavar="TEXT",
                       help="who the sheet goes to (an agency and office), for the audit log")
    sheet.add_argument("--language", choices=("en", "es"),
                       help="the sheet's language (default: the app's language setting, else the system's)")


def _pair_arguments(parser: Any, *, reason: bool = True,
                    at: str | None = "never before the pair's last record") -> None:
    parser.add_argument("child", metavar="CHILD", help="the child's band number or id")
    parser.add_argument("adult", metavar="ADULT", help="the adult's band number or id")
    if reason:
        parser.add_argument("--reason", required=True)
    if at is not None:
        parser.add_argument("--at", metavar="TIME", help=f"when, ISO 8601 with its UTC offset (default: now; never "
                            f"in the future, {at})")


def _board(session: services.Session, args: argparse.Namespace) -> Any:
    if args.format == "csv" and args.out is None:
        raise CliError("--format csv writes a file: add -o FILE")
    board = services.reunification_board(session=session, overdue=args.overdue)
    if args.out is None:
        return board
    return services.write_board(session=session, board=board, fmt=args.format, out=args.out)


def _sheet(session: services.Session, args: argparse.Namespace) -> Any:
    from app.ui import transfer_sheet  # Qt only for this command

    transfer_sheet.ensure_widget_application()
    return transfer_sheet.render_transfer_sheet(
        session=session, person=args.person, out=args.out, paper=args.paper,
        language=transfer_sheet.sheet_language(session, args.language), for_whom=args.for_whom)


MAX_NOTE_CHARACTERS = 10_000  # a note read from stdin (the domain takes at most 500 and says so)


def _stdin_or(value: str | None) -> str | None:
    """``-`` reads the value from standard input (personal data stays out of shell history and ps)."""
    return stdin_text("--note", MAX_NOTE_CHARACTERS) if value == "-" else value


HANDLERS: Handlers = {
    ("reunification", None): with_session(_board),
    ("separate", None): with_session(lambda s, a: services.separate(session=s, child=a.child, adult=a.adult,
                                                                     reason=a.reason, officer=a.officer, at=a.at)),
    ("contact", None): with_session(lambda s, a: services.contact(session=s, child=a.child, adult=a.adult, kind=a.kind,
                                                                   at=a.at, note=_stdin_or(a.note))),
    ("reunite", None): with_session(lambda s, a: services.reunite(session=s, child=a.child, adult=a.adult,
                                                                   reason=a.reason, at=a.at)),
    ("close-pair", None): with_session(lambda s, a: services.close_pair(session=s, child=a.child, adult=a.adult,
                                                                        reason=a.reason)),
    ("custody", "transfer"): with_session(lambda s, a: services.transfer_custody(
        session=s, person=a.person, to=a.to, station=a.station, facility=a.facility, reference=a.reference,
        at=a.at, reason=a.reason)),
    ("custody", "sheet"): with_session(_sheet),
    ("custody", "arrive"): with_session(lambda s, a: services.arrive(
        session=s, person=a.person, photos=[services.read_photo_file(path=p) for p in a.photo])),
}
