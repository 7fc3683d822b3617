"""A child and an adult they arrived with: a separation and a reunification of the pair, as state
changes of the link between them (docs/reunification.md). The link itself never goes away."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from app.domain import commands, custody
from app.domain.errors import DomainError, NotFound, ValidationError
from app.security.roles import Permission
from app.store import queries
from app.store.changelog import load_rows

from .custody import current_custody, person_named
from .reunification import policy_in_force
from .session import Session, given_time, now_iso


def separate(*, session: Session, child: str, adult: str, reason: str, officer: str | None = None,
             at: str | None = None) -> dict[str, Any]:
    """Record that ``child`` and ``adult`` (ids or band numbers) were separated, by whom (default: the
    signed-in user), when (default: now; never in the future, never before the pair's last record),
    and where each side was at that moment (their custody)."""
    session.require(Permission.RECORD_CUSTODY, action="pair.separate", target=child)
    with session.writing() as (conn, writer):
        pair = _pair(conn, child, adult)
        moment = _moment(conn, pair["link"], at)
        sides = {p: _custody_now(conn, p) for p in (pair["link"]["from_person"], pair["link"]["to_person"])}
        mutations = commands.change_link_state(
            pair["link"]["id"], pair["link"], state="separated", reason=reason,
            officer=officer if officer is not None else session.user,
            from_side=sides[pair["link"]["from_person"]], to_side=sides[pair["link"]["to_person"]],
            occurred_at=moment, event_id=uuid.uuid4().hex,
            policy_version=policy_in_force(conn).version)
        writer.write(mutations, reason=reason)
        session.audit(conn, "pair.separate", pair["link"]["id"], detail={"child": pair["child"]["id"],
                                                                          "adult": pair["adult"]["id"]})
    return {"link": pair["link"]["id"], "child": pair["child"]["id"], "adult": pair["adult"]["id"],
            "state": "separated", "at": moment}


def reunite(*, session: Session, child: str, adult: str, reason: str, at: str | None = None) -> dict[str, Any]:
    """Record that a separated pair is together again. Only a station holding custody of the child or
    of the adult may say so."""
    session.require(Permission.RECORD_CUSTODY, action="pair.reunite", target=child)
    with session.writing() as (conn, writer):
        pair = _pair(conn, child, adult)
        if not any(_held_here(conn, session, p["id"]) for p in (pair["child"], pair["adult"])):
            raise DomainError("this station holds neither the child nor the adult: the station that has "
                              "custody of one of them records the reunification")
        moment = _moment(conn, pair["link"], at)
        mutations = commands.change_link_state(
            pair["link"]["id"], pair["link"], state="reunified", reason=reason, officer=session.user,
            from_side=None, to_side=None, occurred_at=moment, event_id=uuid.uuid4().hex)
        writer.write(mutations, reason=reason)
        session.audit(conn, "pair.reunite", pair["link"]["id"], detail={"child": pair["child"]["id"],
                                                                         "adult": pair["adult"]["id"]})
    return {"link": pair["link"]["id"], "child": pair["child"]["id"], "adult": pair["adult"]["id"],
            "state": "reunified", "at": moment}


def contact(*, session: Session, child: str, adult: str, kind: str, at: str | None = None,
            note: str | None = None) -> dict[str, Any]:
    """Record a contact (call, video, visit) between a separated child and adult, by the signed-in
    user; it may repeat and does not change the pair's state. ``at``: not in the future, not before
    the separation."""
    session.require(Permission.RECORD_CUSTODY, action="pair.contact", target=child)
    with session.writing() as (conn, writer):
        pair = _pair(conn, child, adult)
        moment = _moment(conn, pair["link"], at, after=("separated",))
        mutations = commands.record_contact(pair["link"]["id"], pair["link"], kind=kind, note=note, by=session.user,
                                            occurred_at=moment, event_id=uuid.uuid4().hex)
        writer.write(mutations, reason=note or f"{kind} contact")
        session.audit(conn, "pair.contact", pair["link"]["id"], detail={"child": pair["child"]["id"],
                                                                         "adult": pair["adult"]["id"], "kind": kind})
    return {"link": pair["link"]["id"], "child": pair["child"]["id"], "adult": pair["adult"]["id"],
            "contact": kind, "at": moment}


def _pair(conn: Connection, child: str, adult: str) -> dict[str, Any]:
    kid, grown = person_named(conn, child, "child"), person_named(conn, adult, "adult")
    if kid["role"] != "child":
        raise ValidationError.one("child", f"{child} is an adult's record, not a child's")
    if grown["role"] != "adult":
        raise ValidationError.one("adult", f"{adult} is a child's record, not an adult's")
    ends = {kid["id"], grown["id"]}
    link = next((x for x in queries.links_of(conn, [kid["id"]]) if {x["from_person"], x["to_person"]} == ends), None)
    if link is None:
        raise NotFound(f"{child} and {adult} are not linked: a pair is a child and an adult they arrived with")
    return {"child": kid, "adult": grown, "link": link}


def _moment(conn: Connection, link: dict[str, Any], at: str | None, *, after: tuple[str, ...] | None = None) -> str:
    """When it happened: now, or ``at`` (with its UTC offset; not in the future; not before the
    pair's last record, so that the board reads the records in the order they happened; with
    ``after``, not before its last event of those states: a contact is not before the separation)."""
    if at is None:
        return now_iso()
    moment = given_time(at)
    events = [e["occurred_at"] for e in load_rows(conn, "link_event", "link_id", [link["id"]])
              if isinstance(e["occurred_at"], str) and (after is None or e["state"] in after)]
    last = max(events, key=lambda t: datetime.fromisoformat(t), default=None)
    if last is not None and datetime.fromisoformat(moment) < datetime.fromisoformat(last):
        what = "the separation" if after == ("separated",) else "the pair's last record"
        raise ValidationError.one("--at", f"{at} is before {what} ({last})")
    return moment


def close_pair(*, session: Session, child: str, adult: str, reason: str) -> dict[str, Any]:
    """A supervisor takes a separated pair off the reunification board without reunifying them, with a
    reason (e.g. DNA shows no relation; the adult declined). The link and its history stay."""
    session.require(Permission.CORRECT, action="pair.close", target=child)
    with session.writing() as (conn, writer):
        pair = _pair(conn, child, adult)
        if pair["link"]["state"] not in ("separated", "in_contact"):
            raise DomainError(f"{child} and {adult} are {pair['link']['state'].replace('_', ' ')}, not separated: "
                              "only a separated pair is closed")
        mutations = commands.change_link_state(
            pair["link"]["id"], pair["link"], state="closed", reason=reason, officer=session.user,
            from_side=None, to_side=None, occurred_at=now_iso(), event_id=uuid.uuid4().hex)
        writer.write(mutations, reason=reason)
        session.audit(conn, "pair.close", pair["link"]["id"], detail={"child": pair["child"]["id"],
                                                                       "adult": pair["adult"]["id"]})
    return {"link": pair["link"]["id"], "child": pair["child"]["id"], "adult": pair["adult"]["id"],
            "state": "closed"}


def _custody_now(conn: Connection, person_id: str) -> str:
    current = current_custody(conn, person_id)
    return custody.describe(current) if current is not None else "no custody recorded"


def _held_here(conn: Connection, session: Session, person_id: str) -> bool:
    """Whether this station holds the person now (custody at this station, arrived)."""
    return custody.held_at(current_custody(conn, person_id), session.identity.code)
