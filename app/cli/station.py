"""The station itself: ``init``, users, the keys it trusts, the recovery key, and its audit chain."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from app import services
from app.security.roles import Permission

from .common import CliError, Handlers, NegativeAnswer, data_dir, new_passphrase, passphrase, read_text, with_session


def add(commands: Any) -> None:
    init = commands.add_parser("init", help="create a station store and its first admin")
    init.add_argument("--station", required=True, help="the station's name")
    init.add_argument("--admin", required=True, help="user name of the first admin")
    init.add_argument("--recovery-key", metavar="PUBLIC_KEY_FILE", type=Path,
                      help="recovery public key (from `kinlink recovery-key new`) to seal the store's key to")
    _users(commands)
    stn = commands.add_parser("station", help="this station's key and the stations it trusts").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    stn.add_parser("key", help="this station's code, name and public key (give it to other stations)")
    trust = stn.add_parser("trust", help="trust another station's key (admin): FILE is its `station key` output")
    trust.add_argument("file", type=Path)
    stn.add_parser("trusted", help="the stations whose bands this station can verify")
    _audit(commands)
    rkey = commands.add_parser("recovery-key", help="the station recovery key").add_subparsers(
        dest="action", metavar="ACTION", required=True)
    rnew = rkey.add_parser("new", help="make a recovery key pair: private key to FILE, public key on stdout")
    rnew.add_argument("--out", required=True, type=Path, help="where to write the private key (keep it offline)")
    rset = rkey.add_parser("set", help="seal this station's key to a recovery public key (admin)")
    rset.add_argument("public_key_file", type=Path)
    rset.add_argument("--replace", action="store_true",
                      help="replace the recovery key the station has (refused without it: exit 2)")
    rec = commands.add_parser("recover", help="open a station whose passphrases are lost, with the recovery key")
    rec.add_argument("--key", required=True, type=Path, help="the recovery private key file")
    rec.add_argument("--admin", required=True, help="admin of this station who gets a new passphrase")


def _users(commands: Any) -> None:
    user = commands.add_parser("user", help="manage users").add_subparsers(dest="action", metavar="ACTION",
                                                                         required=True)
    add_user = user.add_parser("add", help="add a user (admin only)")
    add_user.add_argument("name")
    add_user.add_argument("--role", required=True, choices=["agent", "supervisor", "admin"])
    user.add_parser("list", help="users, roles, disabled and locked accounts, who added each, who set the "
                    "recovery key (admin)")
    user.add_parser("disable", help="disable an account and remove its key slot (admin)").add_argument("name")
    role = user.add_parser("role", help="change a user's role (admin)")
    role.add_argument("name")
    role.add_argument("--role", required=True, choices=["agent", "supervisor", "admin"])
    user.add_parser("passphrase", help="change your own passphrase (new one from KINLINK_NEW_PASSPHRASE or prompt)")
    user.add_parser("reset", help="set a new passphrase for a user (admin)").add_argument("name")
    user.add_parser("release", help="unlock an account locked by failed logons (supervisor, admin; an admin's: "
                    "admin)").add_argument("name")


def _audit(commands: Any) -> None:
    audit = commands.add_parser("audit", help="the audit chain").add_subparsers(dest="action", metavar="ACTION",
                                                                              required=True)
    audit.add_parser("verify", help="check the audit chain: exit 0 intact, 1 broken (names the first bad record)")
    listing = audit.add_parser("list", help="audit records, newest first, filtered (supervisor, admin)")
    export = audit.add_parser("export", help="the filtered audit records to a CSV file (supervisor, admin)")
    export.add_argument("file", type=Path)
    for trail in (listing, export):
        trail.add_argument("--person", metavar="ID|BAND", help="what was done to this person, their family unit, "
                           "bands, links, custody and photos, and the searches that showed them")
        trail.add_argument("--user", dest="audit_user", metavar="USER", help="one user's actions")
        trail.add_argument("--action", dest="audit_action", metavar="ACTION",
                           help="an action, or the start of one (band, band.void, family.view)")
        trail.add_argument("--since", help="from this date (YYYY-MM-DD) or time (YYYY-MM-DDTHH:MM, UTC)")
        trail.add_argument("--until", help="up to this date (the whole day) or time")
    listing.add_argument("--limit", type=int, default=1000, help="at most this many records (default 1000)")


def _init(args: argparse.Namespace) -> Any:
    new = os.environ.get("KINLINK_NEW_PASSPHRASE") is not None
    chosen = passphrase("KINLINK_NEW_PASSPHRASE" if new else "KINLINK_PASSPHRASE",
                        f"New passphrase for {args.admin}: ", confirm=True)
    recovery_key = read_text(args.recovery_key) if args.recovery_key else None
    return services.init_station(data_dir=data_dir(args), station_name=args.station, admin=args.admin,
                                 passphrase=chosen, recovery_public_key=recovery_key)


def _user_add(session: services.Session, args: argparse.Namespace) -> Any:
    session.require(Permission.MANAGE_USERS, action="user.add", target=args.name)
    return services.add_user(session=session, name=args.name, role=args.role, passphrase=new_passphrase(args.name))


def _change_own(session: services.Session, args: argparse.Namespace) -> Any:
    current = passphrase("KINLINK_PASSPHRASE", "Current passphrase: ")
    return services.change_passphrase(session=session, current=current, new=new_passphrase(session.user))


def _audit_verify(session: services.Session, args: argparse.Namespace) -> Any:
    report = services.verify_audit(session=session)
    if not report["intact"]:
        raise NegativeAnswer(report, f"the audit chain is broken at record {report['broken_at']}: {report['reason']}")
    return report


def _warned(answer: dict[str, Any]) -> dict[str, Any]:
    """The answer, its warning (the recovery key set by an account now disabled) also on stderr."""
    warning = answer.get("warning") or (answer.get("recovery") or {}).get("warning")
    if warning:
        print(f"kinlink: warning: {warning}", file=sys.stderr)
    return answer


def _recovery_new(args: argparse.Namespace) -> Any:
    from app.files import restrict_umask, write_private_file
    from app.security import recovery

    if args.out.exists() or args.out.is_symlink():
        raise CliError(f"{args.out} already exists; choose another file (nothing was changed)")
    restrict_umask()
    private_pem, public = recovery.new_key_pair()
    write_private_file(args.out, private_pem)
    return {"public_key": public, "private_key_file": str(args.out)}


def _recover(args: argparse.Namespace) -> Any:
    try:
        pem = args.key.read_bytes()
    except OSError as error:
        raise CliError(f"cannot read {args.key}: {error.strerror}") from None
    return services.recover(data_dir=data_dir(args), private_key_pem=pem, admin=args.admin,
                            new_passphrase=new_passphrase(args.admin))


HANDLERS: Handlers = {
    ("init", None): _init,
    ("user", "add"): with_session(_user_add),
    ("user", "list"): with_session(lambda s, a: _warned(services.list_users(session=s))),
    ("user", "disable"): with_session(lambda s, a: _warned(services.disable_user(session=s, name=a.name))),
    ("user", "role"): with_session(lambda s, a: services.set_role(session=s, name=a.name, role=a.role)),
    ("user", "passphrase"): with_session(_change_own),
    ("user", "reset"): with_session(lambda s, a: services.reset_passphrase(session=s, name=a.name,
                                                                          new=new_passphrase(a.name))),
    ("user", "release"): with_session(lambda s, a: services.release_user(session=s, name=a.name)),
    ("audit", "verify"): with_session(_audit_verify),
    ("audit", "list"): with_session(lambda s, a: services.audit_trail(
        session=s, person=a.person, user=a.audit_user, action=a.audit_action, since=a.since, until=a.until,
        limit=a.limit)),
    ("audit", "export"): with_session(lambda s, a: services.export_audit(
        session=s, path=a.file, person=a.person, user=a.audit_user, action=a.audit_action, since=a.since,
        until=a.until)),
    ("recovery-key", "new"): _recovery_new,
    ("recovery-key", "set"): with_session(
        lambda s, a: services.set_recovery_key(session=s, public_key=read_text(a.public_key_file),
                                               replace=a.replace)),
    ("recover", None): _recover,
    ("station", "key"): with_session(lambda s, a: services.station_key(session=s)),
    ("station", "trust"): with_session(lambda s, a: services.trust_station(session=s, exported=read_text(a.file))),
    ("station", "trusted"): with_session(lambda s, a: services.trusted_stations(session=s)),
}
