"""Corrections an agent proposes and a supervisor accepts or rejects. A proposal is checked like the
correction itself when it is made (a value the field cannot take, or one that would leave a child
without an adult, is refused at once) and again when it is accepted; an accepted proposal is an
ordinary correction whose reason names who proposed it. Proposals stay at this station."""

from __future__ import annotations

import json
import uuid
from typing import Any

from app.domain.errors import NotFound, ValidationError
from app.security.roles import Permission, allowed
from app.store import accounts
from app.store.changelog import load_row

from .conflicts import record_label
from .families import checked_correction, correction_reason, write_correction
from .merge_proposals import MERGE_FIELD, accept_merge, merged_into_whom
from .session import Session, now_iso


def propose_correction(*, session: Session, ident: str, field: str, value: Any, reason: str) -> dict[str, Any]:
    """An agent's proposed correction (a band number or a record's id, as ``correct_record`` takes)."""
    session.require(Permission.PROPOSE_CORRECTION, action="proposal.add", target=ident)
    reason_text = correction_reason(reason)
    with session.engine.begin() as conn:
        entity, row, mutation = checked_correction(conn, ident, field, value)
        proposal = {"id": uuid.uuid4().hex, "entity": entity, "entity_id": row["id"], "field": field,
                    "value": json.dumps(mutation.fields[field][1], ensure_ascii=False), "reason": reason_text,
                    "proposed_by": session.user, "proposed_at": now_iso(), "status": "open"}
        accounts.add_proposal(conn, proposal)
        session.audit(conn, "proposal.add", row["id"], detail={"field": field, "proposal": proposal["id"]})
    return _shown(proposal)


def list_proposals(*, session: Session, status: str = "open") -> dict[str, Any]:
    """The proposals with this status, oldest first: every one for a supervisor, an agent's own for
    an agent. Each with the record it names and what it shows now; a merge proposal (``merged_into``)
    with the person it would be merged into (``into``: as a search lists them)."""
    if status not in {"open", "accepted", "rejected", "all"}:
        raise ValidationError.one("status", f"{status!r} is not one of: open, accepted, rejected, all")
    everyone = allowed(session.role, Permission.CORRECT)
    if not everyone:
        session.require(Permission.PROPOSE_CORRECTION, action="proposals.view")
    with session.engine.begin() as conn:
        found = []
        for proposal in accounts.proposals(conn, status=None if status == "all" else status,
                                           proposed_by=None if everyone else session.user):
            row = load_row(conn, proposal["entity"], proposal["entity_id"])
            found.append({**_shown(dict(proposal)), "now": row.get(proposal["field"]) if row else None,
                          "label": record_label(conn, proposal["entity"], row),
                          "into": merged_into_whom(conn, dict(proposal))})
        session.audit(conn, "proposals.view", detail={"status": status, "proposals": len(found)})
    return {"proposals": found}


def decide_proposal(*, session: Session, proposal_id: str, accept: bool, reason: str | None = None) -> dict[str, Any]:
    """Accept (the correction is written, its reason naming the agent) or reject (a reason is
    required, so that the agent learns why) an open proposal."""
    session.require(Permission.CORRECT, action="proposal.decide", target=proposal_id)
    decision = (reason or "").strip() or None
    if not accept and decision is None:
        raise ValidationError.one("reason", "say why the proposal is rejected")
    with session.writing() as (conn, writer):
        proposal = accounts.proposal(conn, proposal_id)
        if proposal is None:
            raise NotFound(f"there is no proposal {proposal_id!r} at this station")
        if proposal["status"] != "open":
            raise ValidationError.one("proposal", f"was {proposal['status']} already by {proposal['decided_by']}")
        answer: dict[str, Any] = {}
        if accept:
            why = f"{proposal['reason']} (proposed by {proposal['proposed_by']})"
            answer = accept_merge(writer, session, proposal, why) if proposal["field"] == MERGE_FIELD else \
                write_correction(writer, session, proposal["entity_id"], proposal["field"],
                                 json.loads(proposal["value"]), why)
        status = "accepted" if accept else "rejected"
        accounts.decide_proposal(conn, proposal_id, status=status, decided_by=session.user, decided_at=now_iso(),
                                 decision=decision)
        session.audit(conn, f"proposal.{'accept' if accept else 'reject'}", proposal["entity_id"],
                      detail={"proposal": proposal_id, "field": proposal["field"]})
    return {"proposal": proposal_id, "status": status, "correction": answer or None}


def _shown(proposal: dict[str, Any]) -> dict[str, Any]:
    return {**proposal, "value": json.loads(proposal["value"])}
