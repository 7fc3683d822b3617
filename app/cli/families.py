"""Family units and what supervisors do with them: register, show, search, correct, move, merge and
split, proposed corrections, and the queue of conflicts (with what the registry refused)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app import services
from app.domain.commands import correction_kind
from app.domain.errors import Problem, ValidationError
from app.domain.plausibility import Unusual

from .common import CliError, Handlers, RawOutput, field_value, read_document, stdin_text, with_session

MAX_VALUE_CHARACTERS = 100_000  # a value read from stdin (the longest field takes 2,000)
MAX_QUERY_CHARACTERS = 1_000  # a search read from stdin


def add(commands: Any) -> None:
    family = commands.add_parser("family", help="family units").add_subparsers(dest="action", metavar="ACTION",
                                                                              required=True)
    fam_add = family.add_parser("add", help="register an encounter document (a file, or - for stdin)")
    fam_add.add_argument("file")
    fam_add.add_argument("--photo", action="append", default=[], metavar="REF=IMAGE",
                         help="a photo of the pre-verbal child whose ref in the document is REF, from the image "
                              "file IMAGE (repeatable); registered in the same transaction")
    fam_add.add_argument("--confirm-unusual", action="store_true",
                         help="register what is unusual but real after checking it with the family (a minor "
                              "registered as an adult, a parent 10 to 13 years older than the child, an adult "
                              "marked pre-verbal); without it such a document is refused, naming each finding. "
                              "What cannot be (a 4-year-old mother) is refused either way")
    show = family.add_parser("show", help="one family unit: people, links, bands, custody, history")
    show.add_argument("ident", metavar="ID|BAND")
    show.add_argument("--for", dest="for_whom", metavar="TEXT",
                      help="who the export goes to (an agency and office), for the audit log")
    show.add_argument("--format", choices=("json", "csv"), default="json",
                      help="json (default) or csv: one row per person with their links (a byte-order mark, a "
                           "header row, ISO dates, formula-safe cells); on stdout without -o")
    show.add_argument("-o", "--out", type=Path, metavar="FILE", help="write it to FILE (mode 0600; a symbolic "
                      "link there is refused)")
    find = commands.add_parser("search", help="people by name (accent-, case-, order-insensitive) or band")
    find.add_argument("text", metavar="TEXT|-", help="a name or a band number; - reads it from stdin, so that a "
                      "name stays out of the shell's history and the process list")
    find.add_argument("--limit", type=int, default=50, metavar="N",
                      help="show the N best matches (default 50, at most 1000); `matched` says how many there are")
    dupes = commands.add_parser("duplicates", help="people on record who may be the people of an encounter "
                                "document, before `family add` (FILE, or - for stdin)")
    dupes.add_argument("file")
    dupes.add_argument("--limit", type=int, default=5, help="candidates per person (default 5)")
    _corrections(commands)
    _merges(commands)
    commands.add_parser("conflicts", help="what waits for a supervisor: fields two stations changed differently at "
                        "the same time, transactions the registry refused, pulled records set aside")
    resolve = commands.add_parser("resolve", help="settle a conflict (supervisor): keep one value, or enter a new "
                                  "one with a reason; the resolution syncs and closes it everywhere")
    resolve.add_argument("ident", metavar="ID", help="the record's id, as `kinlink conflicts` lists it")
    resolve.add_argument("--field", required=True)
    chosen = resolve.add_mutually_exclusive_group(required=True)
    chosen.add_argument("--keep", metavar="CHANGE", help="the change whose value stays (from `kinlink conflicts`)")
    chosen.add_argument("--value", help="a new value (JSON for numbers, true/false, lists and null, as in correct; "
                        "- reads it from stdin)")
    resolve.add_argument("--reason", help="why (required with --value)")


def _corrections(commands: Any) -> None:
    correct = commands.add_parser("correct", help="a supervisor's correction of one field of a person, link, custody "
                                  "record or encounter, with a reason (the old value stays in the history)")
    correct.add_argument("ident", metavar="ID|BAND", help="a band number (its person) or a record's id")
    correct.add_argument("--field", required=True, help="e.g. given_names, birth_date, relationship, place")
    correct.add_argument("--value", required=True, help="the new value; numbers, true/false, lists and null as "
                         'JSON for the fields that take them (e.g. --value \'["es","quc"]\' for languages); text '
                         'as it is (a JSON string such as \'"Ana"\' is read as Ana). - reads it from stdin, so that '
                         "a name stays out of the shell's history and the process list")
    correct.add_argument("--reason", required=True, help="why: shown in the history with who and when")
    propose = commands.add_parser("propose", help="propose a correction for a supervisor to accept (agent)")
    propose.add_argument("ident", metavar="ID|BAND")
    propose.add_argument("--field", required=True)
    propose.add_argument("--value", required=True, help="as for correct (- reads it from stdin)")
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


def _merges(commands: Any) -> None:
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
    proposal = commands.add_parser("propose-merge", help="propose that a person is someone on record already, for "
                                   "a supervisor to merge (agent): listed and decided with the proposals")
    proposal.add_argument("person", metavar="ID|BAND", help="the record to be merged")
    proposal.add_argument("--into", required=True, metavar="ID|BAND", help="the record that stands")
    proposal.add_argument("--reason", required=True)
    split = commands.add_parser("split", help="undo a merge: the merged record stands alone again (supervisor)")
    split.add_argument("person", metavar="ID", help="the merged record's id")
    split.add_argument("--reason", required=True)


HANDLERS: Handlers = {
    ("family", "add"): with_session(lambda s, a: _register(s, a)),
    ("family", "show"): with_session(lambda s, a: _show(s, a)),
    ("search", None): lambda a: _search(a),
    ("duplicates", None): with_session(lambda s, a: services.document_duplicates(
        session=s, document=read_document(a.file), limit=a.limit)),
    ("correct", None): with_session(lambda s, a: services.correct_record(
        session=s, ident=a.ident, field=a.field, value=_value(a.field, a.value), reason=a.reason)),
    ("propose", None): with_session(lambda s, a: services.propose_correction(
        session=s, ident=a.ident, field=a.field, value=_value(a.field, a.value), reason=a.reason)),
    ("proposals", None): with_session(lambda s, a: services.list_proposals(session=s, status=a.status)),
    ("proposal", "accept"): with_session(lambda s, a: services.decide_proposal(
        session=s, proposal_id=a.proposal, accept=True, reason=a.reason)),
    ("proposal", "reject"): with_session(lambda s, a: services.decide_proposal(
        session=s, proposal_id=a.proposal, accept=False, reason=a.reason)),
    ("move", None): with_session(lambda s, a: services.move_person(session=s, person=a.person, to_family=a.to,
                                                                   reason=a.reason)),
    ("merge", None): with_session(lambda s, a: services.merge_people(session=s, keep=a.keep, merge=a.merge,
                                                                     reason=a.reason)),
    ("propose-merge", None): with_session(lambda s, a: services.propose_merge(session=s, person=a.person,
                                                                              into=a.into, reason=a.reason)),
    ("split", None): with_session(lambda s, a: services.split_person(session=s, person=a.person, reason=a.reason)),
    ("conflicts", None): with_session(lambda s, a: {**services.list_conflicts(session=s), **services.refused_queue(
        session=s)}),
    ("resolve", None): with_session(lambda s, a: services.resolve_conflict(
        session=s, entity_id=a.ident, field=a.field, keep=a.keep, enter=a.value is not None,
        value=None if a.value is None else _value(a.field, a.value), reason=a.reason)),
}


def _value(field: str, given: str) -> Any:
    """--value as the field takes it (``field_value``); ``-``: read from stdin (one line break at the end
    is not part of it). A text field takes text: a JSON string is unwrapped (``"Ana"`` is Ana, as null
    is none), a JSON list or object is refused rather than kept as the characters typed."""
    text = stdin_text("--value", MAX_VALUE_CHARACTERS) if given == "-" else given
    if correction_kind(field) == "text":
        try:
            parsed = json.loads(text)
        except (ValueError, RecursionError):  # not JSON, or nested past the stack ('[[[[…'): kept as text
            parsed = None
        if isinstance(parsed, str):
            return parsed
        if isinstance(parsed, (list, dict)):
            kind = "a list" if isinstance(parsed, list) else "an object"
            raise CliError(f"--value for {field} must be text, not {kind} (JSON is for the fields that take "
                           "numbers, true/false or lists)")
    return field_value(field, text)


def _register(session: services.Session, args: Any) -> Any:
    """``family add``: an unusual finding not confirmed is refused with what to do once it is checked."""
    try:
        return services.register_family(session=session, document=read_document(args.file),
                                        bundles=_photo_bundles(args.photo), confirm_unusual=args.confirm_unusual)
    except Unusual as error:
        raise Unusual([Problem(p.where, f"{p.message} (unusual: if the family confirms it, run the command again "
                                        "with --confirm-unusual)") for p in error.problems]) from None


def _show(session: services.Session, args: Any) -> Any:
    """``family show``: JSON on stdout as always; CSV on stdout as it is; either to a file with -o."""
    if args.out is not None:
        return services.write_family(session=session, ident=args.ident, fmt=args.format, out=args.out,
                                     for_whom=args.for_whom)
    if args.format == "json":
        return services.show_family(session=session, ident=args.ident)
    text, _ = services.family_text(session=session, ident=args.ident, fmt=args.format, for_whom=args.for_whom)
    return RawOutput(text.encode("utf-8"))


def _search(args: Any) -> Any:
    """``search``; ``-``: the text from stdin, read before the passphrase is asked."""
    text = stdin_text("search", MAX_QUERY_CHARACTERS) if args.text == "-" else args.text
    return with_session(lambda s, a: services.search(session=s, text=text, limit=a.limit))(args)


def _photo_bundles(given: list[str]) -> dict[str, services.IdentityBundle]:
    """``--photo REF=IMAGE`` options as identity bundles, the images read (size-checked) in order."""
    photos: dict[str, list[tuple[bytes, str]]] = {}
    for option in given:
        ref, equals, image = option.partition("=")
        if not equals or not ref.strip() or not image.strip():
            raise CliError(f"--photo {option!r}: write it as REF=IMAGE, the child's ref in the document and the "
                           "image file (for example --photo b=baby.jpg)")
        try:
            data = services.read_photo_file(path=Path(image).expanduser())
        except ValidationError as error:
            raise CliError(f"--photo {option}: {error}") from None
        photos.setdefault(ref.strip(), []).append((data, "file"))
    return {ref: services.IdentityBundle(photos=images) for ref, images in photos.items()}
