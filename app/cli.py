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
from app.security.recovery import RecoveryError
from app.security.roles import NotPermitted, Permission
from app.store.engine import WrongKey
from app.store.keyslots import KeySlotError, WrongPassphrase
from app.store.paths import default_data_dir
from app.store.schema import SchemaTooNew
from sync.registry import cli as registry_cli
from sync.registry import store as registry_store

EXIT_OK, EXIT_NEGATIVE, EXIT_USAGE, EXIT_AUTH = 0, 1, 2, 3


class NegativeAnswer(Exception):
    """A command that ran and answers "no" (NO MATCH, a broken chain): its JSON still goes to stdout."""

    def __init__(self, result: Any, message: str) -> None:
        super().__init__(message)
        self.result = result


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
    (services.AccountDisabled, EXIT_AUTH), (services.AccountLocked, EXIT_AUTH), (RecoveryError, EXIT_AUTH),
    (services.PrinterError, EXIT_USAGE), (services.OutputError, EXIT_USAGE),
    (services.NotEnrolled, EXIT_USAGE), (services.SyncFailure, EXIT_NEGATIVE),
    (registry_store.DatabaseUnusable, EXIT_USAGE), (registry_store.Unauthorized, EXIT_AUTH),
    (registry_store.Forbidden, EXIT_AUTH), (registry_store.RegistryError, EXIT_USAGE),
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
    init.add_argument("--recovery-key", metavar="PUBLIC_KEY_FILE", type=Path,
                      help="recovery public key (from `kinlink recovery-key new`) to seal the store's key to")

    user = commands.add_parser("user", help="manage users").add_subparsers(dest="action", metavar="ACTION",
                                                                         required=True)
    add = user.add_parser("add", help="add a user (admin only)")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=["agent", "supervisor", "admin"])
    user.add_parser("list", help="users, roles, disabled and locked accounts (admin)")
    user.add_parser("disable", help="disable an account and remove its key slot (admin)").add_argument("name")
    role = user.add_parser("role", help="change a user's role (admin)")
    role.add_argument("name")
    role.add_argument("--role", required=True, choices=["agent", "supervisor", "admin"])
    user.add_parser("passphrase", help="change your own passphrase (new one from KINLINK_NEW_PASSPHRASE or prompt)")
    user.add_parser("reset", help="set a new passphrase for a user (admin)").add_argument("name")
    user.add_parser("release", help="unlock an account locked by failed logons (supervisor, admin)"
                    ).add_argument("name")

    stn = commands.add_parser("station", help="this station's key and the stations it trusts").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    stn.add_parser("key", help="this station's code, name and public key (give it to other stations)")
    trust = stn.add_parser("trust", help="trust another station's key (admin): FILE is its `station key` output")
    trust.add_argument("file", type=Path)
    stn.add_parser("trusted", help="the stations whose bands this station can verify")

    audit = commands.add_parser("audit", help="the audit chain").add_subparsers(dest="action", metavar="ACTION",
                                                                              required=True)
    audit.add_parser("verify", help="check the audit chain: exit 0 intact, 1 broken (names the first bad record)")
    listing = audit.add_parser("list", help="audit records, newest first, filtered (supervisor, admin)")
    export = audit.add_parser("export", help="the filtered audit records to a CSV file (supervisor, admin)")
    export.add_argument("file", type=Path)
    for trail in (listing, export):
        trail.add_argument("--person", metavar="ID|BAND", help="what was done to this person, their family unit, "
                           "bands, links, custody and photos, and the searches that showed them")
        trail.add_argument("--user", help="one user's actions")
        trail.add_argument("--action", dest="audit_action", metavar="ACTION",
                           help="an action, or the start of one (band, band.void, family.view)")
        trail.add_argument("--since", help="from this date (YYYY-MM-DD) or time (YYYY-MM-DDTHH:MM, UTC)")
        trail.add_argument("--until", help="up to this date (the whole day) or time")
    listing.add_argument("--limit", type=int, default=1000, help="at most this many records (default 1000)")

    rkey = commands.add_parser("recovery-key", help="the station recovery key").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    rnew = rkey.add_parser("new", help="make a recovery key pair: private key to FILE, public key on stdout")
    rnew.add_argument("--out", required=True, type=Path, help="where to write the private key (keep it offline)")
    rset = rkey.add_parser("set", help="seal this station's key to a recovery public key (admin)")
    rset.add_argument("public_key_file", type=Path)

    rec = commands.add_parser("recover", help="open a station whose passphrases are lost, with the recovery key")
    rec.add_argument("--key", required=True, type=Path, help="the recovery private key file")
    rec.add_argument("--admin", required=True, help="admin of this station who gets a new passphrase")

    family = commands.add_parser("family", help="family units").add_subparsers(dest="action", metavar="ACTION",
                                                                              required=True)
    fam_add = family.add_parser("add", help="register an encounter document (a file, or - for stdin)")
    fam_add.add_argument("file")
    show = family.add_parser("show", help="one family unit: people, links, bands, custody, history")
    show.add_argument("ident", metavar="ID|BAND")

    find = commands.add_parser("search", help="people by name (accent-, case-, order-insensitive) or band")
    find.add_argument("text")
    correct = commands.add_parser("correct", help="a supervisor's correction of one field of a person, link, custody "
                                  "record or encounter, with a reason (the old value stays in the history)")
    correct.add_argument("ident", metavar="ID|BAND", help="a band number (its person) or a record's id")
    correct.add_argument("--field", required=True, help="e.g. given_names, birth_date, relationship, place")
    correct.add_argument("--value", required=True, help="the new value; numbers, true/false, lists and null as "
                         'JSON for the fields that take them (e.g. --value \'["es","quc"]\' for languages)')
    correct.add_argument("--reason", required=True, help="why: shown in the history with who and when")
    move = commands.add_parser("move", help="move a person put in the wrong family unit into another (supervisor); "
                               "links to its adults (or children) are added, none removed")
    move.add_argument("person", metavar="ID|BAND")
    move.add_argument("--to", required=True, metavar="FAMILY", help="family id or number, or a band number in it")
    move.add_argument("--reason", required=True)
    merge = commands.add_parser("merge", help="record that two person records are the same person (supervisor); "
                                "both stay, the merged one's bands lead to the kept one; `split` undoes it")
    merge.add_argument("keep", metavar="KEEP", help="the record that stands: id or band number")
    merge.add_argument("merge", metavar="MERGED", help="the record merged into it: id or band number")
    merge.add_argument("--reason", required=True)
    split = commands.add_parser("split", help="undo a merge: the merged record stands alone again (supervisor)")
    split.add_argument("person", metavar="ID", help="the merged record's id")
    split.add_argument("--reason", required=True)
    dupes = commands.add_parser("duplicates", help="people on record who may be the people of an encounter "
                                "document, before `family add` (FILE, or - for stdin)")
    dupes.add_argument("file")
    dupes.add_argument("--limit", type=int, default=5, help="candidates per person (default 5)")
    propose = commands.add_parser("propose", help="propose a correction for a supervisor to accept (agent)")
    propose.add_argument("ident", metavar="ID|BAND")
    propose.add_argument("--field", required=True)
    propose.add_argument("--value", required=True, help="as for correct")
    propose.add_argument("--reason", required=True)
    proposals = commands.add_parser("proposals", help="proposed corrections: all of them for a supervisor, "
                                    "one's own for an agent")
    proposals.add_argument("--status", choices=["open", "accepted", "rejected", "all"], default="open")
    decide = commands.add_parser("proposal", help="accept or reject a proposed correction (supervisor)") \
        .add_subparsers(dest="action", metavar="ACTION", required=True)
    for verb, text in (("accept", "write the correction (its reason names who proposed it)"),
                       ("reject", "refuse it, saying why (--reason required)")):
        decided = decide.add_parser(verb, help=text)
        decided.add_argument("proposal", metavar="ID")
        decided.add_argument("--reason", help="why (required to reject)")
    commands.add_parser("conflicts", help="what waits for a supervisor: fields two stations changed differently at "
                        "the same time, transactions the registry refused, pulled records set aside")
    resolve = commands.add_parser("resolve", help="settle a conflict (supervisor): keep one value, or enter a new "
                                  "one with a reason; the resolution syncs and closes it everywhere")
    resolve.add_argument("ident", metavar="ID", help="the record's id, as `kinlink conflicts` lists it")
    resolve.add_argument("--field", required=True)
    chosen = resolve.add_mutually_exclusive_group(required=True)
    chosen.add_argument("--keep", metavar="CHANGE", help="the change whose value stays (from `kinlink conflicts`)")
    chosen.add_argument("--value", help="a new value (JSON for numbers, true/false, lists and null, as in correct)")
    resolve.add_argument("--reason", help="why (required with --value)")
    _band_commands(commands)
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
    registry_cli.add_commands(commands)
    return parser


def _band_commands(commands: Any) -> None:
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
    _band_render_command(band)


def _band_render_command(band: Any) -> None:
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


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command is None:
        from app.ui.main import run_app

        return run_app(data_dir=_data_dir(args))
    handler = HANDLERS[(args.command, getattr(args, "action", None))]
    try:
        result = handler(args)
    except NegativeAnswer as answer:
        print(json.dumps(answer.result, ensure_ascii=False, indent=2))
        print(f"kinlink: {answer}", file=sys.stderr)
        return EXIT_NEGATIVE
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
    return 70


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
    recovery_key = _read_text(args.recovery_key) if args.recovery_key else None
    return services.init_station(data_dir=_data_dir(args), station_name=args.station, admin=args.admin,
                                 passphrase=passphrase, recovery_public_key=recovery_key)


def _user_add(session: services.Session, args: argparse.Namespace) -> Any:
    session.require(Permission.MANAGE_USERS, action="user.add", target=args.name)
    passphrase = _passphrase("KINLINK_NEW_PASSPHRASE", f"New passphrase for {args.name}: ", confirm=True)
    return services.add_user(session=session, name=args.name, role=args.role, passphrase=passphrase)


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CliError(f"cannot read {path}: {getattr(error, 'strerror', None) or error}") from None


def _new(name: str) -> str:
    return _passphrase("KINLINK_NEW_PASSPHRASE", f"New passphrase for {name}: ", confirm=True)


def _change_own(session: services.Session, args: argparse.Namespace) -> Any:
    current = _passphrase("KINLINK_PASSPHRASE", "Current passphrase: ")
    return services.change_passphrase(session=session, current=current, new=_new(session.user))


# Fields whose value is not text: --value is read as JSON for these (the others take it as written).
JSON_VALUE_FIELDS = frozenset({"age_estimate_years", "languages", "preverbal", "arrived_without_adult",
                               "latitude", "longitude"})


def _field_value(field: str, text: str) -> Any:
    if field not in JSON_VALUE_FIELDS and text != "null":
        return text
    try:
        return json.loads(text)
    except ValueError:
        raise CliError(f"--value for {field} must be JSON (a number, true/false, a list such as [\"es\"], or "
                       f"null), not {text!r}") from None


def _audit_verify(session: services.Session, args: argparse.Namespace) -> Any:
    report = services.verify_audit(session=session)
    if not report["intact"]:
        raise NegativeAnswer(report, f"the audit chain is broken at record {report['broken_at']}: {report['reason']}")
    return report


def _recovery_new(args: argparse.Namespace) -> Any:
    from app.security import recovery
    from app.store.files import atomic_write, restrict_umask

    if args.out.exists():
        raise CliError(f"{args.out} already exists; choose another file (nothing was changed)")
    restrict_umask()
    private_pem, public = recovery.new_key_pair()
    atomic_write(args.out, private_pem)
    return {"public_key": public, "private_key_file": str(args.out)}


def _recover(args: argparse.Namespace) -> Any:
    try:
        pem = args.key.read_bytes()
    except OSError as error:
        raise CliError(f"cannot read {args.key}: {error.strerror}") from None
    return services.recover(data_dir=_data_dir(args), private_key_pem=pem, admin=args.admin,
                            new_passphrase=_new(args.admin))


def _band_render(session: services.Session, args: argparse.Namespace) -> Any:
    band = None if args.family else args.band
    if args.format == "zpl":
        return services.render_family_zpl(session=session, family=args.band, out=args.out, dpi=args.dpi,
                                          layout=args.layout, band=band, qr=args.qr)
    from app.ui import band_output  # Qt only for PNG and PDF

    band_output.ensure_gui_application()
    return band_output.render_family_bands(session=session, family=args.band, fmt=args.format, out=args.out,
                                           dpi=args.dpi, layout=args.layout, band=band)


def _band_verify(args: argparse.Namespace) -> Any:
    """Usage is checked before the passphrase is asked: three payloads are exit 2 for anyone."""
    payloads = [line for line in sys.stdin.read().splitlines() if line.strip()] if args.payloads == ["-"] \
        else list(args.payloads)
    if len(payloads) not in (1, 2):
        raise CliError(f"give one or two scanned payloads, not {len(payloads)} (nothing was checked)")
    return _with_session(lambda session, _: _verdict(services.verify_bands(session=session, payloads=payloads)))(args)


def _verdict(answer: dict[str, Any]) -> Any:
    """Exit 1 (the JSON still on stdout) for NO MATCH or a band that is not valid."""
    if "result" in answer and answer["result"] != "MATCH":
        raise NegativeAnswer(answer, "NO MATCH: " + "; ".join(answer["reasons"]))
    if "result" not in answer and not answer["bands"][0]["valid"]:
        raise NegativeAnswer(answer, "not a valid band: " + answer["bands"][0]["reason"])
    return answer


def _sync(session: services.Session, args: argparse.Namespace) -> Any:
    def progress(phase: str, done: int, total: int) -> None:
        if total and sys.stderr.isatty():
            print(f"\r{phase} {done}/{total}", end="", file=sys.stderr, flush=True)

    payloads = [line for line in sys.stdin.read().splitlines() if line.strip()] if args.follow == ["-"] \
        else list(args.follow)
    if args.reason and not args.follow_number:
        raise CliError("--reason goes with --follow-number (a lost band); nothing was changed")
    if args.follow_number:
        if not args.reason:
            raise CliError("--follow-number needs --reason: say why the band cannot be scanned; nothing was changed")
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
    ("user", "list"): _with_session(lambda s, a: services.list_users(session=s)),
    ("user", "disable"): _with_session(lambda s, a: services.disable_user(session=s, name=a.name)),
    ("user", "role"): _with_session(lambda s, a: services.set_role(session=s, name=a.name, role=a.role)),
    ("user", "passphrase"): _with_session(_change_own),
    ("user", "reset"): _with_session(lambda s, a: services.reset_passphrase(session=s, name=a.name, new=_new(a.name))),
    ("user", "release"): _with_session(lambda s, a: services.release_user(session=s, name=a.name)),
    ("audit", "verify"): _with_session(_audit_verify),
    ("audit", "list"): _with_session(lambda s, a: services.audit_trail(
        session=s, person=a.person, user=a.user, action=a.audit_action, since=a.since, until=a.until, limit=a.limit)),
    ("audit", "export"): _with_session(lambda s, a: services.export_audit(
        session=s, path=a.file, person=a.person, user=a.user, action=a.audit_action, since=a.since,
        until=a.until)),
    ("recovery-key", "new"): _recovery_new,
    ("recovery-key", "set"): _with_session(
        lambda s, a: services.set_recovery_key(session=s, public_key=_read_text(a.public_key_file))),
    ("recover", None): _recover,
    ("station", "key"): _with_session(lambda s, a: services.station_key(session=s)),
    ("station", "trust"): _with_session(lambda s, a: services.trust_station(session=s, exported=_read_text(a.file))),
    ("station", "trusted"): _with_session(lambda s, a: services.trusted_stations(session=s)),
    ("band", "verify"): _band_verify,
    ("band", "render"): _with_session(_band_render),
    ("band", "payload"): _with_session(lambda s, a: {"band": a.band, "payload": services.band_payload(
        session=s, band=a.band)}),
    ("band", "reprint"): _with_session(lambda s, a: services.record_reprint(session=s, band=a.band, reason=a.reason)),
    ("band", "void"): _with_session(lambda s, a: services.void_band(session=s, band=a.band, reason=a.reason)),
    ("band", "reissue"): _with_session(
        lambda s, a: services.reissue_band(session=s, person=a.person, reason=a.reason)),
    ("correct", None): _with_session(lambda s, a: services.correct_record(
        session=s, ident=a.ident, field=a.field, value=_field_value(a.field, a.value), reason=a.reason)),
    ("conflicts", None): _with_session(lambda s, a: services.list_conflicts(session=s) | services.refused_queue(
        session=s)),
    ("resend", None): _with_session(lambda s, a: services.resend_refused(session=s, tx=a.tx)),
    ("withdraw", None): _with_session(lambda s, a: services.withdraw_refused(session=s, tx=a.tx, reason=a.reason)),
    ("move", None): _with_session(lambda s, a: services.move_person(session=s, person=a.person, to_family=a.to,
                                                                    reason=a.reason)),
    ("merge", None): _with_session(lambda s, a: services.merge_people(session=s, keep=a.keep, merge=a.merge,
                                                                      reason=a.reason)),
    ("split", None): _with_session(lambda s, a: services.split_person(session=s, person=a.person, reason=a.reason)),
    ("duplicates", None): _with_session(lambda s, a: services.document_duplicates(
        session=s, document=_read_document(a.file), limit=a.limit)),
    ("propose", None): _with_session(lambda s, a: services.propose_correction(
        session=s, ident=a.ident, field=a.field, value=_field_value(a.field, a.value), reason=a.reason)),
    ("proposals", None): _with_session(lambda s, a: services.list_proposals(session=s, status=a.status)),
    ("proposal", "accept"): _with_session(lambda s, a: services.decide_proposal(
        session=s, proposal_id=a.proposal, accept=True, reason=a.reason)),
    ("proposal", "reject"): _with_session(lambda s, a: services.decide_proposal(
        session=s, proposal_id=a.proposal, accept=False, reason=a.reason)),
    ("resolve", None): _with_session(lambda s, a: services.resolve_conflict(
        session=s, entity_id=a.ident, field=a.field, keep=a.keep, enter=a.value is not None,
        value=None if a.value is None else _field_value(a.field, a.value), reason=a.reason)),
    ("enroll", None): _with_session(_enroll),
    ("sync", None): _with_session(_sync),
    ("sync-status", None): _with_session(lambda s, a: services.sync_status(session=s)),
    **registry_cli.handlers(_data_dir),
}
_registry_audit = HANDLERS[("registry", "audit")]


def _registry_audit_answer(args: argparse.Namespace) -> Any:
    """``registry audit verify`` answers like ``audit verify``: exit 1 when the chain is broken."""
    result = _registry_audit(args)
    if args.audit_action == "verify" and not result["intact"]:
        raise NegativeAnswer(result, f"the registry's audit chain is broken at record {result['broken_at']}: "
                                     f"{result['reason']}")
    return result


HANDLERS[("registry", "audit")] = _registry_audit_answer


def entry() -> NoReturn:
    sys.exit(main())
