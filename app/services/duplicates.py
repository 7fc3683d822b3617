"""Search before create: the people on record who may be the people being registered, shown to the
agent before saving (``likeness`` scores them; the store finds candidates by name, typos in the
first letters too: ``store/name_candidates.py``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from app.domain.document import parse_document
from app.security.roles import Permission
from app.store import name_candidates, queries
from app.store.changelog import load_rows

from . import likeness as duplicates
from .session import Session

CANDIDATES = 300  # people scored per person being registered


def duplicate_candidates(*, session: Session, people: Sequence[Mapping[str, Any]], limit: int = 5,
                         skip_family: str | None = None) -> dict[str, Any]:
    """For each person (``ref``, names, birth date or age, sex, nationality), the people on record
    who score ``duplicates.THRESHOLD`` or more, best first (at most ``limit``), with the reasons:
    each a ``queries.PersonSummary`` with their ``sex`` and ``nationality`` (for the agent to compare),
    ``score`` and ``reasons``. ``skip_family``: a family unit not to search (the one being corrected)."""
    session.require(Permission.READ, action="person.duplicates")
    today = datetime.now(UTC).date()
    matches: dict[str, list[dict[str, Any]]] = {}
    with session.engine.begin() as conn:
        for index, person in enumerate(people):
            ref = str(person.get("ref") or index)
            scored = []
            for known in name_candidates.people_named_like(conn, person.get("given_names"),
                                                           person.get("family_names"), limit=CANDIDATES):
                if known["family_id"] == skip_family:
                    continue
                rough = duplicates.likeness(person, known, today=today)
                if rough.score >= duplicates.THRESHOLD - 10:  # close: look at the family too
                    scored.append(known)
            families: dict[str, list[dict[str, Any]]] = {}
            for relative in load_rows(conn, "person", "family_id", sorted({k["family_id"] for k in scored}),
                                      skip=name_candidates.NOT_COMPARED):
                families.setdefault(relative["family_id"], []).append(relative)
            found = []
            for known in scored:
                full = duplicates.likeness(person, known, today=today, new_family=people,
                                           known_family=families.get(known["family_id"], []))
                if full.score >= duplicates.THRESHOLD:
                    found.append((full, known))
            found.sort(key=lambda pair: (-pair[0].score, pair[1]["id"]))
            summaries = {s["id"]: s for s in queries.summaries(conn, [k for _, k in found[:limit]])}
            matches[ref] = [{**summaries[k["id"]], "sex": k["sex"], "nationality": k["nationality"],
                             "score": like.score,
                             "reasons": [{"why": why, "detail": detail} for why, detail in like.reasons]}
                            for like, k in found[:limit]]
        session.audit(conn, "person.duplicates", detail={
            "people": len(people), "candidates": sorted({m["id"] for ms in matches.values() for m in ms})})
    return {"matches": matches}


def document_duplicates(*, session: Session, document: bytes, limit: int = 5) -> dict[str, Any]:
    """``duplicate_candidates`` for every person of an encounter document (before ``family add``)."""
    draft = parse_document(document, now=datetime.now(UTC))
    people = [{"ref": p.ref, **p.values} for family in draft.families for p in family.people]
    return duplicate_candidates(session=session, people=people, limit=limit)
