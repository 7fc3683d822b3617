"""Wristbands: verify scans, signed payloads, reprint, void, reissue, and draw them to files."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app import services
from app.services.answers import Verification

from .common import CliError, Handlers, NegativeAnswer, stdin_lines, with_session


def add(commands: Any) -> None:
    band = commands.add_parser("band", help="wristbands: verify scans, payloads, reprint, void, reissue") \
        .add_subparsers(dest="action", metavar="ACTION", required=True)
    verify = band.add_parser("verify", help="one scanned payload: valid or not; two: MATCH or NO MATCH (exit 1)")
    verify.add_argument("payloads", nargs="+", metavar="PAYLOAD", help="scanned text; - reads one per line from stdin")
    band.add_parser("payload", help="the signed QR text of one of this station's bands").add_argument("band")
    for name, who in (("reprint", "record a reprint of a band (same number)"),
                      ("void", "void a band: it fails verification from now on (supervisor)")):
        sub = band.add_parser(name, help=who)
        sub.add_argument("band")
        sub.add_argument("--reason", required=True)
    reissue = band.add_parser("reissue", help="a new band number for a person whose band was voided (supervisor)")
    reissue.add_argument("person", metavar="ID|BAND")
    reissue.add_argument("--reason", required=True)
    render = band.add_parser("render", help="draw a band (or, with --family, the bands of its family unit) "
                             "to a PNG, PDF or ZPL file")
    render.add_argument("band", metavar="BAND")
    render.add_argument("--format", required=True, choices=["png", "pdf", "zpl"])
    render.add_argument("--dpi", type=int, default=203, choices=[203, 300], help="printer resolution (default 203)")
    render.add_argument("--layout", choices=["adult", "child", "infant"],
                        help="band layout (default: from the person's role and age; pre-verbal or under 2: infant)")
    render.add_argument("--family", action="store_true", help="every band of the family unit, as one file (one job)")
    render.add_argument("--qr", choices=["graphic", "native"], default="graphic",
                        help="ZPL only: the QR code as an exact bitmap (default) or the printer's own ^BQ")
    render.add_argument("-o", "--out", required=True, type=Path, metavar="FILE", help="the file to write (mode 0600)")


def _render(session: services.Session, args: argparse.Namespace) -> Any:
    band = None if args.family else args.band
    if args.format == "zpl":
        return services.render_family_zpl(session=session, family=args.band, out=args.out, dpi=args.dpi,
                                          layout=args.layout, band=band, qr=args.qr)
    from app.ui import band_output  # Qt only for PNG and PDF

    band_output.ensure_gui_application()
    return band_output.render_family_bands(session=session, family=args.band, fmt=args.format, out=args.out,
                                           dpi=args.dpi, layout=args.layout, band=band)


def _verify(args: argparse.Namespace) -> Any:
    """Usage is checked before the passphrase is asked: three payloads are exit 2 for anyone."""
    payloads = stdin_lines(args.payloads)
    if len(payloads) not in (1, 2):
        raise CliError(f"give one or two scanned payloads, not {len(payloads)} (nothing was checked)")
    return with_session(lambda session, _: _verdict(services.verify_bands(session=session, payloads=payloads)))(args)


def _verdict(answer: Verification) -> Verification:
    """Exit 1 (the JSON still on stdout) for NO MATCH or a band that is not valid."""
    if "result" in answer and answer["result"] != "MATCH":
        raise NegativeAnswer(answer, "NO MATCH: " + "; ".join(answer["reasons"]))
    if "result" not in answer and not answer["bands"][0]["valid"]:
        raise NegativeAnswer(answer, "not a valid band: " + answer["bands"][0]["reason"])
    return answer


HANDLERS: Handlers = {
    ("band", "verify"): _verify,
    ("band", "render"): with_session(_render),
    ("band", "payload"): with_session(lambda s, a: {"band": a.band, "payload": services.band_payload(
        session=s, band=a.band)}),
    ("band", "reprint"): with_session(lambda s, a: services.record_reprint(session=s, band=a.band, reason=a.reason)),
    ("band", "void"): with_session(lambda s, a: services.void_band(session=s, band=a.band, reason=a.reason)),
    ("band", "reissue"): with_session(
        lambda s, a: services.reissue_band(session=s, person=a.person, reason=a.reason)),
}
