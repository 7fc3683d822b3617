"""``kinlink registry ...``: run the registry and administer it on the machine that holds its database.

Its state lives in ``--data-dir`` (a SQLite file, ``registry.db``) unless ``--database-url`` (or
``KINLINK_REGISTRY_DATABASE_URL``) names a PostgreSQL database.
"""

from __future__ import annotations

import argparse
import os
import socket
import ssl
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.domain import jsontext
from app.domain.board_export import FORMATS, board_text
from app.domain.model import Agency
from app.files import SymlinkTarget, restrict_umask, write_private_file

from .errors import Invalid

if TYPE_CHECKING:  # the registry's store (its tables, PostgreSQL's dialect) is imported by a registry command
    from .store import Registry

URL_VARIABLE = "KINLINK_REGISTRY_DATABASE_URL"
Handler = Callable[[argparse.Namespace], Any]  # a command: its arguments in, its JSON answer out


def add_commands(commands: Any) -> None:
    registry = commands.add_parser("registry", help="the central registry (run it, enrol stations, read it)") \
        .add_subparsers(dest="action", metavar="ACTION", required=True)

    def sub(name: str, text: str) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = registry.add_parser(name, help=text)
        parser.add_argument("--database-url", help="PostgreSQL URL (postgresql://user@host/db; default: "
                            f"${URL_VARIABLE} or a SQLite file in --data-dir)")
        return parser

    serve = sub("serve", "run the registry's HTTP API (Ctrl+C stops it)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8443, help="port (default 8443)")
    serve.add_argument("--certfile", type=Path, help="TLS certificate (PEM); with --keyfile, serves HTTPS")
    serve.add_argument("--keyfile", type=Path, help="TLS private key (PEM)")
    serve.add_argument("--name", default="Kinlink registry", help="the registry's name, on first start")
    serve.add_argument("--workers", type=int, default=1,
                       help="processes serving requests (PostgreSQL only; default 1): one per core")
    code = sub("enrollment-code", "a one-time code for a new station (valid 24 hours unless --valid-hours)")
    code.add_argument("--valid-hours", type=float, default=24.0)
    code.add_argument("--agency", choices=[a.value for a in Agency], default=Agency.OTHER.value,
                      help="the agency of the station enrolled with it (default other)")
    code.add_argument("--facility", help="its facility, free text (e.g. \"ORR shelter, Brownsville\")")
    code.add_argument("--oversight", action="store_true",
                      help="it may read the whole reunification board (an oversight station)")
    sub("show", "a family unit as the registry holds it").add_argument("band", metavar="BAND")
    board = sub("reunification", "the whole registry's reunification board: every child separated from an adult "
                "they arrived with, whichever station holds them; most urgent first")
    board.add_argument("--agency", choices=[a.value for a in Agency],
                       help="only children who, or one of whose adults, are in this agency's custody")
    board.add_argument("--overdue", action="store_true", help="only the children past a deadline")
    board.add_argument("--format", choices=FORMATS, default="json",
                       help="json (default; on stdout without -o) or csv (needs -o)")
    board.add_argument("-o", "--out", type=Path, metavar="FILE", help="write the board to FILE (mode 0600)")
    listing = sub("stations", "enrolled stations (agency, facility, oversight) and revocations; "
                  "`stations set CODE` sets what one is")
    setting = listing.add_subparsers(dest="stations_action", metavar="set").add_parser(
        "set", help="set an enrolled station's agency, facility or oversight (it learns them at its next sync)")
    setting.add_argument("station", metavar="CODE")
    setting.add_argument("--agency", choices=[a.value for a in Agency])
    setting.add_argument("--facility", help="free text; an empty text clears it")
    setting.add_argument("--oversight", action=argparse.BooleanOptionalAction, default=None,
                         help="whether it may read the whole reunification board")
    setting.add_argument("--database-url", default=argparse.SUPPRESS, help="as for `registry stations`")
    revoke = sub("revoke", "revoke a station: its requests are refused from now on")
    revoke.add_argument("station")
    revoke.add_argument("--reason", required=True)
    sub("holdings", "which family units each station holds, and why (need to know)").add_argument(
        "station", nargs="?", metavar="CODE", help="one station's holdings")
    undo = sub("revoke-holding", "a station stops receiving a family unit (it keeps what it has)")
    undo.add_argument("station", metavar="CODE")
    undo.add_argument("family", metavar="FAMILY", help="the family unit's number or id")
    undo.add_argument("--reason", required=True)
    sub("follows", "family units followed by a bare band number (a lost band), newest first, for review")
    sub("status", "the registry's database and counts")
    trail = registry.add_parser("audit", help="the registry's audit log: verify its chain, list records, or take a "
                                "station's chain afresh").add_subparsers(dest="audit_action", metavar="WHAT",
                                                                         required=True)
    verify = trail.add_parser("verify", help="check the registry's audit chain: exit 0 intact, 1 broken")
    listing = trail.add_parser("list", help="audit records, oldest first (JSON)")
    listing.add_argument("--after", type=int, default=0, help="records after this sequence number (default 0)")
    listing.add_argument("--limit", type=int, default=100, help="at most this many (default 100, up to 10000)")
    reset = trail.add_parser("reset", help="after looking into a station whose audit log stopped matching the "
                             "registry's copy (e.g. restored from a backup): take its chain afresh")
    reset.add_argument("station")
    for parser in (verify, listing, reset):
        parser.add_argument("--database-url", help="PostgreSQL URL (postgresql://user@host/db; default: "
                            f"${URL_VARIABLE} or a SQLite file in --data-dir)")
    recovery = sub("recovery-key", "give enrolling stations this recovery public key (from `kinlink recovery-key new`)")
    recovery.add_argument("public_key_file", type=Path)
    rules = registry.add_parser("policy", help="the reunification policy: the deadlines separations are judged "
                                "by (stations receive it at sync)").add_subparsers(dest="policy_action",
                                                                                   metavar="show|set", required=True)
    show_policy = rules.add_parser("show", help="the policy in force (built_in: the 2018 court order's default)")
    set_policy = rules.add_parser("set", help="a new version from a JSON file: {\"under_5_days\": 14, "
                                  "\"other_days\": 30, \"contact_days\": 10}; signed by the registry")
    set_policy.add_argument("file", type=Path, metavar="FILE")
    for parser in (show_policy, set_policy):
        parser.add_argument("--database-url", help="PostgreSQL URL (postgresql://user@host/db; default: "
                            f"${URL_VARIABLE} or a SQLite file in --data-dir)")


def handlers(data_dir: Callable[[argparse.Namespace], Path]) -> dict[tuple[str, str], Handler]:
    def opened(run: Callable[[Registry, argparse.Namespace], Any]) -> Handler:
        def handler(args: argparse.Namespace) -> Any:
            from .store import database_url, open_registry

            restrict_umask()  # the SQLite file and its WAL: 0600
            given = args.database_url or os.environ.get(URL_VARIABLE)
            url = database_url(data_dir(args), given)
            if not given:
                print(f"kinlink: registry database: the SQLite file in {data_dir(args)} (no --database-url or "
                      f"${URL_VARIABLE} given)", file=sys.stderr)
            registry = open_registry(url, name=getattr(args, "name", None) or "Kinlink registry")
            try:
                return run(registry, args)
            finally:
                registry.close()

        return handler

    return {
        ("registry", "serve"): opened(_serve),
        ("registry", "enrollment-code"): opened(lambda r, a: r.new_enrollment_code(
            valid_hours=a.valid_hours, agency=a.agency, facility=a.facility, oversight=a.oversight)),
        ("registry", "show"): opened(lambda r, a: r.family(a.band)),
        ("registry", "reunification"): opened(_reunification),
        ("registry", "stations"): opened(_stations),
        ("registry", "revoke"): opened(lambda r, a: r.revoke(a.station, a.reason)),
        ("registry", "holdings"): opened(lambda r, a: {"holdings": r.holdings(a.station)}),
        ("registry", "revoke-holding"): opened(lambda r, a: r.revoke_holding(a.station, a.family, a.reason)),
        ("registry", "follows"): opened(lambda r, a: {"follows": r.number_follows()}),
        ("registry", "status"): opened(lambda r, a: r.status()),
        ("registry", "recovery-key"): opened(_recovery_key),
        ("registry", "policy"): opened(_policy),
        ("registry", "audit"): opened(_audit),
    }


def _stations(registry: Registry, args: argparse.Namespace) -> Any:
    if getattr(args, "stations_action", None) == "set":
        return registry.set_station(args.station, agency=args.agency, facility=args.facility,
                                    oversight=args.oversight)
    return {"registry": registry.public(), "stations": registry.stations()}


def _reunification(registry: Registry, args: argparse.Namespace) -> Any:
    """The board on stdout, or written to a private file (a symbolic link there is refused), as the
    station's `kinlink reunification` does."""
    if args.format == "csv" and args.out is None:
        raise Invalid("--format csv writes a file: add -o FILE")
    board = registry.reunification(agency=args.agency, overdue=args.overdue)
    if args.out is None:
        return board
    try:
        write_private_file(args.out, board_text(board, args.format).encode("utf-8"))
    except SymlinkTarget as refused:
        raise Invalid(f"{refused}; nothing was written") from None
    except OSError as error:
        raise Invalid(f"cannot write {args.out}: {error.strerror or error}; nothing was written") from None
    registry.reunification_exported(args.format, len(board["children"]))
    return {"written": str(args.out), "format": args.format, "children": len(board["children"])}


def _serve(registry: Registry, args: argparse.Namespace) -> Any:
    import uvicorn

    from .api import create_app
    from .serving import NoDelayH11

    if bool(args.certfile) != bool(args.keyfile):
        raise Invalid("give both --certfile and --keyfile for HTTPS, or neither")
    for path in (args.certfile, args.keyfile):
        if path is not None and not path.is_file():
            raise Invalid(f"the TLS file {path} does not exist")
    if args.certfile:
        try:
            ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).load_cert_chain(args.certfile, args.keyfile)
        except (ssl.SSLError, OSError) as error:
            raise Invalid(f"the TLS certificate and key cannot be used together: {error}") from None
    if not 1 <= args.workers <= 64:
        raise Invalid("--workers must be a whole number from 1 to 64")
    if args.workers > 1 and registry.engine.dialect.name != "postgresql":
        raise Invalid("several --workers need a PostgreSQL database (--database-url); the SQLite file takes one")
    try:
        with socket.create_server((args.host, args.port)):
            pass
    except OSError as error:
        raise Invalid(f"cannot listen on {args.host}:{args.port}: {error.strerror or error}") from None
    scheme = "https" if args.certfile else "http"
    processes = f", {args.workers} processes" if args.workers > 1 else ""
    print(f"kinlink: registry {registry.identity.name!r} on {registry.engine.dialect.name}{processes}, listening on "
          f"{scheme}://{args.host}:{args.port} (Ctrl+C stops it)", file=sys.stderr, flush=True)
    tls: dict[str, Any] = {"ssl_certfile": str(args.certfile) if args.certfile else None,
                           "ssl_keyfile": str(args.keyfile) if args.keyfile else None}
    if args.workers == 1:
        uvicorn.run(create_app(registry), host=args.host, port=args.port, log_level="warning", **tls)
    else:  # each worker process opens the database itself (api.from_environment)
        os.environ[URL_VARIABLE] = registry.engine.url.render_as_string(hide_password=False)
        registry.close()
        uvicorn.run("sync.registry.api:from_environment", factory=True, workers=args.workers, http=NoDelayH11,
                    host=args.host, port=args.port, log_level="warning", **tls)
    return {"stopped": True}


def _audit(registry: Registry, args: argparse.Namespace) -> Any:
    if args.audit_action == "verify":
        return registry.audit_verify()
    if args.audit_action == "list":
        return {"records": registry.audit_records(after=args.after, limit=args.limit)}
    return registry.forget_audit_divergence(args.station)


def _policy(registry: Registry, args: argparse.Namespace) -> Any:
    if args.policy_action == "show":
        return registry.policy()
    try:
        document = jsontext.loads(args.file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise Invalid(f"cannot read {args.file}: {getattr(error, 'strerror', None) or error}") from None
    except jsontext.NotJSON as error:
        raise Invalid(f"{args.file} is not JSON: {error.msg} (line {error.lineno}); the policy is unchanged") from None
    except jsontext.JSONRefused as error:
        raise Invalid(f"{args.file} {error}; the policy is unchanged") from None
    return registry.set_policy(document)


def _recovery_key(registry: Registry, args: argparse.Namespace) -> Any:
    from app.security import recovery

    try:
        text = args.public_key_file.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as error:
        raise Invalid(f"cannot read {args.public_key_file}: {getattr(error, 'strerror', None) or error}") from None
    try:
        recovery.load_public(text)
    except recovery.RecoveryError as error:
        raise Invalid(f"{args.public_key_file} is not a recovery public key: {error}") from None
    registry.set_recovery_key(text)
    return {"recovery_public_key": text}

