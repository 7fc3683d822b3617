"""An agent's word that a person is someone on record already, for a supervisor to merge the two
records (or not): what "Same person" on the intake's review step leaves behind, when the person is
registered all the same (``register_family(same_as=...)``), and ``propose_merge`` for records on
file. It is kept with the proposed corrections (``proposals.py``: listed, accepted or rejected
there) as a proposal of the field ``merged_into``; accepting it writes the merge itself, as
``merge_people`` does, so that ``split_person`` undoes it like any other merge."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection

from app.domain import commands
from app.domain.errors import NotFound, Problem, ValidationError
from app.security.roles import NotPermitted, Permission, allowed
from app.store import accounts, queries
from app.store.changelog import ChangeWriter, load_row

from .session import Session, now_iso, required_text

MERGE_FIELD = "merged_into"


def propose_merge(*, session: Session, person: str, into: str, reason: str) -> dict[str, Any]:
    """Propose that ``person`` (an id or band number) be merged into ``into``, the record that stands."""
    session.require(Permission.PROPOSE_CORRECTION, action="proposal.add", target=person)
    reason_text = merge_reason(reason)
    with session.engine.begin() as conn:
        return add_merge_proposal(conn, session, _person(conn, person)["id"], into, reason_text)


def merge_reason(reason: str | None) -> str:
    return required_text(reason, where="reason", why="say why they are the same person")


def add_merge_proposal(conn: Connection, session: Session, person_id: str, into: str, reason: str) -> dict[str, Any]:
    """The proposal, in the caller's transaction, checked as the merge itself would be (not a record
    with itself, nor an adult with a child); a record merged already stands for the one it was merged
    into, which is what the proposal names."""
    merged, kept = _person(conn, person_id), queries.merged_person(conn, _person(conn, into))
    assert kept is not None
    commands.merge_people(kept, merged)
    proposal = {"id": uuid.uuid4().hex, "entity": "person", "entity_id": merged["id"], "field": MERGE_FIELD,
                "value": json.dumps(kept["id"]), "reason": reason, "proposed_by": session.user,
                "proposed_at": now_iso(), "status": "open"}
    accounts.add_proposal(conn, proposal)
    session.audit(conn, "proposal.add", merged["id"], detail={"field": MERGE_FIELD, "proposal": proposal["id"],
                                                              "into": kept["id"]})
    return {**proposal, "value": kept["id"]}


def add_merge_proposals(conn: Connection, session: Session, ids: Mapping[str, str], same_as: Mapping[str, str],
                        reason: str) -> list[dict[str, Any]]:
    """At registration: each person the agent said is on record (``ref`` → that person's id or band)
    as a merge proposal of the new record (``ids``: ref → new id); a refusal names the ref."""
    proposals = []
    for ref, into in same_as.items():
        try:
            if ref not in ids:
                raise ValidationError.one("ref", "no person has this ref in the encounter document")
            proposals.append({"ref": ref, **add_merge_proposal(conn, session, ids[ref], into, reason)})
        except ValidationError as error:
            raise ValidationError([Problem(f"same_as {ref}: {p.where}", p.message) for p in error.problems]) from None
    return proposals


def accept_merge(writer: ChangeWriter, session: Session, proposal: dict[str, Any], reason: str) -> dict[str, Any]:
    """A supervisor accepts a merge proposal: the merge is written (audited as one) if the two records
    may still be merged."""
    if not allowed(session.role, Permission.MERGE):  # (the caller checked it may correct, before writing)
        raise NotPermitted(session.user, session.role, Permission.MERGE)
    merged = _person(writer.conn, proposal["entity_id"])
    kept = _person(writer.conn, json.loads(proposal["value"]))
    change, = writer.write([commands.merge_people(kept, merged)], reason=reason)
    session.audit(writer.conn, "person.merge", merged["id"], detail={"into": kept["id"], "proposal": proposal["id"]})
    return {"entity": "person", "id": merged["id"], "field": MERGE_FIELD, "old": None, "new": kept["id"],
            "reason": reason, "change": change.id}


def merged_into_whom(conn: Connection, proposal: dict[str, Any]) -> dict[str, Any] | None:
    """For a merge proposal, the record it would be merged into (its names and band), as it is now."""
    if proposal["field"] != MERGE_FIELD:
        return None
    row = load_row(conn, "person", json.loads(proposal["value"]))
    return dict(queries.summaries(conn, [row])[0]) if row is not None else None


def _person(conn: Connection, ident: str) -> dict[str, Any]:
    row = queries.band_holder(conn, ident) or load_row(conn, "person", ident.strip())
    if row is None:
        raise NotFound(f"no person or band {ident!r} in this station's records")
    return row
