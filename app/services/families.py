"""Families: register an encounter, show a family unit, search people, and the events of
custody, separation and correction. Each runs in one transaction with its change records and
its audit record."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import Connection

from app.domain import bandnumber, commands, plausibility
from app.domain.document import parse_document
from app.domain.errors import NotFound, Problem, ValidationError
from app.security.roles import Permission
from app.store import accounts, queries, schema
from app.store.changelog import ChangeWriter, load_row, load_rows

from .answers import FamilyDocument, PersonShown, SearchAnswer
from .identity_bundle import IdentityBundle, photo_records, write_bundle
from .merge_proposals import add_merge_proposals, merge_reason
from .plausibility import refuse_impossible
from .reunification import policy_in_force
from .session import Session, now_iso, required_text

_T = TypeVar("_T")


def register_family(*, session: Session, document: bytes, now: datetime | None = None,
                    bundles: Mapping[str, IdentityBundle] | None = None,
                    confirm_unusual: bool = False, same_as: Mapping[str, str] | None = None,
                    same_as_reason: str | None = None) -> dict[str, Any]:
    """Register an encounter document: every family unit, person, link, custody record and band; and,
    in the same transaction, the identity bundle of each pre-verbal child named by its ``ref`` in
    ``bundles`` (who carried the child, by the adult's ``ref``, and photos). Anything refused, in the
    document or in a bundle, and nothing is saved. What is impossible (a 4-year-old mother) is
    refused; what is merely unusual (a 13-year-old mother) is refused too (``plausibility.Unusual``)
    unless the agent has checked it and says so with ``confirm_unusual``. ``same_as``: the people the
    agent says are on record already (``ref`` → that person's id or band), each registered with a
    proposal for a supervisor to merge them (``merge_proposals``; the answer's ``merge_proposals``),
    for ``same_as_reason``."""
    session.require(Permission.REGISTER, action="family.register")
    if same_as:
        session.require(Permission.PROPOSE_CORRECTION, action="proposal.add")
        reason = merge_reason(same_as_reason)
    moment = now or datetime.now(UTC)
    draft = parse_document(document, now=moment)
    unusual = plausibility.unusual(draft.families, draft.encounter)
    if unusual and not confirm_unusual:
        raise plausibility.Unusual([finding.problem for finding in unusual])
    photos = {ref: _naming(ref, photo_records, bundle.photos) for ref, bundle in (bundles or {}).items()}  # first
    with session.writing() as (conn, writer):
        alloc = allocators(conn, session.identity.code)
        registration = commands.register(draft, alloc=alloc, agent=session.user, station=session.identity.code,
                                         recorded_at=moment.isoformat(), place=session.place(conn))
        writer.write(registration.mutations)
        answer = registration.answer
        for family in answer["families"]:
            session.audit(conn, "family.register", family["id"],
                          detail={"encounter": answer["encounter"], "people": len(family["people"]),
                                  **({"unusual_confirmed": len(unusual)} if unusual else {})})
        if bundles:
            ids = {p["ref"]: p["id"] for family in answer["families"] for p in family["people"]}
            answer = {**answer, "bundles": [
                _bundle(conn, writer, session, ids, ref, bundle, photos[ref]) for ref, bundle in bundles.items()]}
        if same_as:
            ids = {p["ref"]: p["id"] for family in answer["families"] for p in family["people"]}
            answer = {**answer, "merge_proposals": add_merge_proposals(conn, session, ids, same_as, reason)}
    return answer


def _bundle(conn: Connection, writer: ChangeWriter, session: Session, ids: Mapping[str, str], ref: str,
            bundle: IdentityBundle, photos: list[commands.PhotoRecord]) -> dict[str, Any]:
    """One child's bundle at registration, its refs turned into the new ids; a refusal names the ref."""
    if ref not in ids:
        raise ValidationError.one(f"bundle {ref}", "no person has this ref in the encounter document")
    if bundle.carried_by is not None and bundle.carried_by not in ids:
        raise ValidationError.one(f"bundle {ref}", f"no person has the ref {bundle.carried_by!r} (carried by) "
                                                   "in the encounter document")
    carrier = ids[bundle.carried_by] if bundle.carried_by is not None else None
    return {"ref": ref, **_naming(ref, write_bundle, conn, writer, session, ids[ref], carrier, photos)}


def _naming(ref: str, work: Callable[..., _T], *args: Any) -> _T:
    """``work(*args)``, its refusals saying which child's bundle they are about."""
    try:
        return work(*args)
    except ValidationError as error:
        raise ValidationError([Problem(f"bundle {ref}: {p.where}", p.message) for p in error.problems]) from None


def show_family(*, session: Session, ident: str) -> FamilyDocument:
    session.require(Permission.READ, action="family.view")
    with session.engine.begin() as conn:
        view = queries.family_view(conn, queries.find_family_id(conn, ident))
        session.audit(conn, "family.view", view["id"], detail={"people": len(view["people"])})
        return view


def show_person(*, session: Session, ident: str) -> PersonShown:
    """The person an id or band number names as ``merge_people`` reads it (a band leads to the record
    it is on, merged or not), as the family view shows them, with their unit's number: a supervisor's
    form shows whom a typed number names before anything is done to them. Audited as a view."""
    session.require(Permission.READ, action="person.view")
    with session.engine.begin() as conn:
        row = _person_record(conn, ident)
        unit, = queries.family_views(conn, [row["family_id"]])
        person = next(p for p in unit["people"] if p["id"] == row["id"])
        session.audit(conn, "person.view", row["id"], detail={"via": "preview"})
        return {"person": person, "family": {"id": unit["id"], "number": unit["number"]}}


MAX_SEARCH_RESULTS = 1000


def search(*, session: Session, text: str, limit: int = 50) -> SearchAnswer:
    """People by name or band number, best match first: the first ``limit`` (1 to 1000) of them, and
    how many matched in all (the agent asks for more when the one they look for is not among them)."""
    session.require(Permission.READ, action="search")
    if not text.strip():
        raise ValidationError.one("search", "type a name or a band number")
    if not 1 <= limit <= MAX_SEARCH_RESULTS:
        raise ValidationError.one("limit", f"show between 1 and {MAX_SEARCH_RESULTS} people, not {limit}")
    with session.engine.begin() as conn:
        hits = queries.search_people(conn, text, limit=limit)
        people = hits["people"]
        # The query text may be a name: it is not recorded; the people shown are.
        session.audit(conn, "search", detail={"results": len(people), "people": [p["id"] for p in people]})
        return {"query": text, "people": people, "matched": hits["matched"]}


def change_link_state(*, session: Session, link_id: str, state: str, reason: str, officer: str,
                      from_side: str | None = None, to_side: str | None = None) -> dict[str, Any]:
    """Record a separation, contact or reunification on a link. The link itself stays."""
    session.require(Permission.RECORD_CUSTODY, action="link.state", target=link_id)
    with session.writing() as (conn, writer):
        link = _existing(conn, "link", link_id)
        mutations = commands.change_link_state(
            link_id, link, state=state, reason=reason, officer=officer, from_side=from_side,
            to_side=to_side, occurred_at=now_iso(), event_id=uuid.uuid4().hex,
            policy_version=policy_in_force(conn).version)
        writer.write(mutations, reason=reason)
        session.audit(conn, "link.state", link_id, detail={"state": state})
    return {"link": link_id, "state": state}


def correct_record(*, session: Session, ident: str, field: str, value: Any, reason: str) -> dict[str, Any]:
    """A supervisor's correction of one field of a person (by id or band number), link, custody
    record or encounter, with a mandatory reason. The old value stays in the history."""
    session.require(Permission.CORRECT, action="record.correct", target=ident)
    reason_text = correction_reason(reason)
    with session.writing() as (_, writer):
        return write_correction(writer, session, ident, field, value, reason_text)


def correction_reason(reason: str | None) -> str:
    return required_text(reason, where="reason", why="a correction needs a reason")


def checked_correction(conn: Connection, ident: str, field: str, value: Any) -> tuple[str, dict[str, Any], Any]:
    """The record ``ident`` names, and the change a correction of ``field`` to ``value`` would make
    (checked as the correction itself: the value, invariant 1), without writing anything."""
    entity, row = _correctable(conn, ident)
    people, links = family_context(conn, entity, row)
    mutation = commands.correct(entity, row, field, value, now=datetime.now(UTC), family_people=people,
                                family_links=links)
    refuse_impossible(conn, entity, row, field, mutation.fields[field][1])  # what the correction would bring
    return entity, row, mutation


def family_context(conn: Connection, entity: str, row: dict[str, Any]) -> tuple[list[dict[str, Any]],
                                                                                 list[tuple[str, str]]]:
    """For a person, the people of their family unit and its (from, to) link pairs, which a change to
    them must keep invariant 1 in; nothing for the other kinds of record."""
    if entity != "person":
        return [], []
    people = load_rows(conn, "person", "family_id", [row["family_id"]])
    links = queries.links_of(conn, [p["id"] for p in people])
    return people, [(x["from_person"], x["to_person"]) for x in links]


def write_correction(writer: ChangeWriter, session: Session, ident: str, field: str, value: Any,
                     reason: str) -> dict[str, Any]:
    """Check and write one correction in the writer's transaction (audited)."""
    entity, row, mutation = checked_correction(writer.conn, ident, field, value)
    change, = writer.write([mutation], reason=reason)
    session.audit(writer.conn, f"{entity}.correct", row["id"], detail={"field": field})
    old, new = change.fields[field]
    return {"entity": entity, "id": row["id"], "field": field, "old": old, "new": new, "reason": reason,
            "change": change.id}


def merge_people(*, session: Session, keep: str, merge: str, reason: str) -> dict[str, Any]:
    """A supervisor records that two person records (ids or band numbers) are the same person:
    ``merge`` is merged into ``keep``. Both records, their links, bands, custody and history stay;
    the merged record's bands lead to the kept one. ``split_person`` undoes it."""
    session.require(Permission.MERGE, action="person.merge", target=merge)
    reason_text = correction_reason(reason)
    with session.writing() as (conn, writer):
        kept, merged = _person_record(conn, keep), _person_record(conn, merge)
        writer.write([commands.merge_people(kept, merged)],
                                                                 reason=reason_text)
        session.audit(conn, "person.merge", merged["id"], detail={"into": kept["id"]})
    return {"kept": kept["id"], "merged": merged["id"], "reason": reason_text}


def split_person(*, session: Session, person: str, reason: str) -> dict[str, Any]:
    """Undo a merge: the merged record (its id; a band number leads to the kept one) stands alone again."""
    session.require(Permission.MERGE, action="person.split", target=person)
    reason_text = correction_reason(reason)
    with session.writing() as (conn, writer):
        merged = load_row(conn, "person", person.strip())
        if merged is None:
            raise NotFound(f"no person {person!r} in this station's records (give the merged record's id)")
        kept = merged.get("merged_into")
        writer.write([commands.split_person(merged)], reason=reason_text)
        session.audit(conn, "person.split", merged["id"], detail={"from": kept})
    return {"person": merged["id"], "was_merged_into": kept, "reason": reason_text}


def move_person(*, session: Session, person: str, to_family: str, reason: str) -> dict[str, Any]:
    """A supervisor moves a person (id or band number) who was put in the wrong family unit into
    another (its id, number, or a band number of someone in it). Invariant 1 holds in both units:
    links are added (relationship "unknown", to be corrected when known), none is removed."""
    session.require(Permission.CORRECT, action="person.move", target=person)
    reason_text = correction_reason(reason)
    with session.writing() as (conn, writer):
        row = _person_record(conn, person)
        target = queries.find_family_id(conn, to_family)
        from_people = load_rows(conn, "person", "family_id", [row["family_id"]])
        to_people = load_rows(conn, "person", "family_id", [target])
        links = queries.links_of(conn, [p["id"] for p in (*from_people, *to_people)])
        alloc = allocators(conn, session.identity.code)
        mutations = commands.move_person(row, to_family=target, from_people=from_people, to_people=to_people,
                                         links=[(x["from_person"], x["to_person"]) for x in links],
                                         new_id=alloc.new_id)
        written = writer.write(mutations, reason=reason_text)
        session.audit(conn, "person.move", row["id"], detail={"from": row["family_id"], "to": target})
    return {"person": row["id"], "from": row["family_id"], "to": target,
            "new_links": [c.entity_id for c in written if c.entity == "link"], "reason": reason_text}


def _person_record(conn: Connection, ident: str) -> dict[str, Any]:
    """A person by id, or by band number without following merges (the record the band is on)."""
    row = queries.band_holder(conn, ident) or load_row(conn, "person", ident.strip())
    if row is None:
        raise NotFound(f"no person or band {ident!r} in this station's records")
    return row


def correct_person(*, session: Session, person: str, field: str, value: Any, reason: str) -> dict[str, Any]:
    """A correction of one field of a person (id or band number)."""
    answer = correct_record(session=session, ident=person, field=field, value=value, reason=reason)
    if answer["entity"] != "person":
        raise NotFound(f"no person or band {person!r} in this station's records")
    return {"person": answer["id"], "field": field}


def _correctable(conn: Connection, ident: str) -> tuple[str, dict[str, Any]]:
    """The record a correction names: a band number's person, or a person, link, custody record or
    encounter by its id."""
    person = queries.person_for_band(conn, ident)
    if person is not None:
        return "person", person
    for entity in (*commands.CORRECTABLE_FIELDS, *(e for e in schema.ENTITY_TABLES
                                                   if e not in commands.CORRECTABLE_FIELDS)):
        row = load_row(conn, entity, ident.strip())
        if row is not None:  # commands.correct says what a record it cannot correct is
            return entity, row
    raise NotFound(f"no band, person, link, custody record or encounter {ident!r} in this station's records")


def allocators(conn: Connection, code: str) -> commands.Allocators:
    def next_seq(column: str) -> int:
        return accounts.next_number(conn, column)

    return commands.Allocators(
        new_id=lambda: uuid.uuid4().hex,
        family_number=lambda: f"{code}-{next_seq('family_seq')}",
        band_number=lambda: bandnumber.make_band_number(code, next_seq("band_seq")),
    )


def _existing(conn: Connection, entity: str, entity_id: str) -> dict[str, Any]:
    row = load_row(conn, entity, entity_id)
    if row is None:
        raise NotFound(f"no {entity.replace('_', ' ')} {entity_id!r} in this station's records")
    return row
