"""Need to know: which family units each station holds (docs/registry.md, "Need to know").

A station holds a unit when it created it, presented the signed QR payload of a band of one of its
people, followed a lost band by number with a reason (a few a day), or was granted it by a custody
transfer from the person's custodian; operators list and revoke holdings. A new holding's whole
history reaches the station with its next pulls (the *backfill*): it is sent up to the station's
cursor at its first pull after the holding was made, and the holding is complete only once the
station has said, in a later pull, that it applied all of it. So an answer lost on the way, or a
station that stops half-way, only means the same records are sent again.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from app.bands import payload as band_payload
from app.domain import bandnumber, fields
from app.security.identity import verify
from sync import protocol

from . import auditing, enrolment, state
from . import tables as t
from .database import Database, among, insert_rows, iso, now
from .errors import Invalid, NotFound, TooMany

DEFAULT_NUMBER_FOLLOWS_PER_DAY = 20
BACKFILL_UNITS = 200  # new holdings looked at for one history page
MAX_REASON = 500


def take(conn: Connection, station: str, units: Iterable[str], *, reason: str, detail: str = "") -> None:
    """Holdings the station has all records of already (the units it created)."""
    insert_rows(conn, t.holding, [{"station": station, "family_id": u, "reason": reason, "detail": detail,
                                   "since": iso(now()), "backfill_to": None, "backfill_done": 0, "complete": True}
                                  for u in sorted(set(units))], ignore=True)


def start(conn: Connection, station: str, unit: str, *, reason: str, detail: str) -> bool:
    """A new holding whose history the station still needs; False when it held the unit already."""
    found = insert_rows(conn, t.holding, [{"station": station, "family_id": unit, "reason": reason,
                                           "detail": detail[:300], "since": iso(now()), "backfill_to": None,
                                           "backfill_done": 0, "complete": False}], ignore=True,
                        returning=("family_id",))
    return bool(found)


def grant(conn: Connection, station: str, unit: str, *, detail: str) -> None:
    """A custody transfer from the custodian: ``station`` holds the unit from now on (kept for a
    station that is not enrolled yet: its first pull brings the whole history)."""
    start(conn, station, unit, reason="custody", detail=detail)


def renew(conn: Connection, unit: str, *, keep: str) -> None:
    """The unit gained records its holders may lack (a person moved into it): its history goes to
    each holder again (what they have is skipped there), but to ``keep``, which made the change."""
    h = t.holding.c
    conn.execute(update(t.holding).where(h.family_id == unit, h.station != keep)
                 .values(complete=False, backfill_to=None, backfill_done=0))


def holds(conn: Connection, station: str, unit: str) -> bool:
    h = t.holding.c
    return conn.execute(select(h.family_id).where(h.station == station, h.family_id == unit)).first() is not None


def held_entities(station: str) -> Any:
    """The ids of every record of the units ``station`` holds (a subquery)."""
    return (select(t.entity_family.c.entity_id)
            .join(t.holding, t.holding.c.family_id == t.entity_family.c.family_id)
            .where(t.holding.c.station == station))


def delivered(station: str) -> Any:
    """Sequences delivered to the holders of a unit beyond its own records (merges), for ``station``."""
    return (select(t.change_delivery.c.seq)
            .join(t.holding, t.holding.c.family_id == t.change_delivery.c.family_id)
            .where(t.holding.c.station == station))


# --- the backfill of new holdings ----------------------------------------------------------------

def confirm(conn: Connection, station: str, received: Sequence[Any]) -> None:
    """The station applied the backfill of these units up to these sequences (it says so in a pull)."""
    h = t.holding.c
    for entry in received:
        conn.execute(update(t.holding).where(h.station == station, h.family_id == entry["family"],
                                             h.complete.is_(False), h.backfill_done < entry["seq"])
                     .values(backfill_done=entry["seq"]))


def backfill(conn: Connection, station: str, cursor: int, limit: int) -> dict[str, Any] | None:
    """The next page of new holdings' history for ``station`` (several units, up to ``limit`` records),
    or None when every holding is complete. The page lists, per unit, the last sequence sent (the
    station says it applied it in its next pull), and the records as pulls list them."""
    h = t.holding.c
    pending = conn.execute(select(h.family_id, h.backfill_to, h.backfill_done)
                           .where(h.station == station, h.complete.is_(False)).order_by(h.since, h.family_id)
                           .limit(BACKFILL_UNITS)).all()
    if not pending:
        return None
    starting = [unit for unit, to, _ in pending if to is None]
    if starting:
        conn.execute(update(t.holding).where(h.station == station, among(conn, h.family_id, starting))
                     .values(backfill_to=cursor))
    found = unit_rows(conn, [unit for unit, _, _ in pending], not_from=station)
    units: list[dict[str, Any]] = []
    rows: dict[int, Any] = {}
    finished: list[str] = []
    for unit, to, done in pending:
        upto = cursor if to is None else int(to)
        mine = [row for row in found.get(unit, []) if int(done) < int(row[0]) <= upto]
        if not mine:
            finished.append(unit)
            continue
        if len(rows) >= limit:
            break
        mine = mine[:max(1, limit - len(rows))]
        units.append({"family": unit, "to": int(mine[-1][0])})
        rows.update((int(row[0]), row) for row in mine)
    if finished:
        conn.execute(update(t.holding).where(h.station == station, among(conn, h.family_id, finished))
                     .values(complete=True))
    if not units:
        return backfill(conn, station, cursor, limit) if finished else None
    return {"units": units, "changes": [protocol.encode_change(body, bytes(sig), int(seq))
                                        for seq, body, sig in (rows[k] for k in sorted(rows))]}


def unit_rows(conn: Connection, units: Sequence[str], *, not_from: str | None = None) -> dict[str, list[Any]]:
    """Per unit, (seq, body, signature) of its records and of those delivered to it, in order (but
    those of station ``not_from``): one query for many units."""
    c, ef, cd = t.change.c, t.entity_family.c, t.change_delivery.c
    own = (select(ef.family_id, c.seq, c.body, c.signature).join(t.change, c.entity_id == ef.entity_id)
           .where(among(conn, ef.family_id, units)))
    sent = (select(cd.family_id, c.seq, c.body, c.signature).join(t.change, c.seq == cd.seq)
            .where(among(conn, cd.family_id, units)))
    if not_from is not None:
        own, sent = own.where(c.station != not_from), sent.where(c.station != not_from)
    found: dict[str, list[Any]] = {}
    for unit, seq, body, sig in conn.execute(own.union(sent).order_by("seq")):
        found.setdefault(unit, []).append((seq, body, sig))
    return found


# --- following a band ------------------------------------------------------------------------------

def follow_payloads(db: Database, station: str, payloads: Any) -> dict[str, Any]:
    """Hold the units of scanned bands: each payload's signature is checked with its issuing station's
    key, and its band and family numbers against what the registry holds."""
    if not isinstance(payloads, list) or not all(isinstance(p, str) for p in payloads) \
            or not 1 <= len(payloads) <= 100:
        raise Invalid("'payloads' must be a list of 1 to 100 scanned band payloads")
    keys = enrolment.station_keys(db)
    found: dict[str, str] = {}
    refused: list[dict[str, Any]] = []
    with db.writing() as conn:
        for at, text in enumerate(payloads):
            try:
                band, unit = _scanned(conn, text, keys)
            except Invalid as problem:
                refused.append({"payload": at, "reason": problem.message, "retry": isinstance(problem, _NotYet)})
                continue
            start(conn, station, unit, reason="payload", detail=band)
            found[bandnumber.format_band_number(band)] = unit
        auditing.append(conn, user=station, action="follow", target=",".join(sorted(set(found.values())))[:2000],
                        detail={"payloads": len(payloads), "found": len(found), "refused": len(refused)})
    return {"families": found, "refused": refused}


def _scanned(conn: Connection, text: str, keys: dict[str, bytes]) -> tuple[str, str]:
    try:
        scanned, signature = band_payload.parse(text)
    except band_payload.PayloadError as error:
        raise Invalid(f"not a band payload: {error}") from None
    key = keys.get(scanned.station)
    if key is None or not verify(key, signature, scanned.message()):
        raise Invalid(f"band {bandnumber.format_band_number(scanned.band)}: the payload's signature does not check "
                      "out (not issued by an enrolled station, or altered)")
    row = conn.execute(select(t.band_index.c.family_id, t.band_index.c.person_id)
                       .where(t.band_index.c.number == scanned.band)).first()
    unit = conn.execute(select(t.family_index.c.family_id).where(t.family_index.c.number == scanned.family)).scalar()
    if row is None or unit is None:
        raise _NotYet(f"band {bandnumber.format_band_number(scanned.band)} is not at the registry yet (its station "
                      "has not synced it); it is tried again at the next sync")
    person = row[1]
    bands = state.load(conn, state.naming(conn, [person]).get(person, set())) if person else {}
    if any(rec.entity == "band" and rec.data.get("number") == scanned.band and rec.data.get("status") == "voided"
           for rec in bands.values()):
        raise Invalid(f"band {bandnumber.format_band_number(scanned.band)} was voided; scan the person's new band")
    return scanned.band, str(row[0])


class _NotYet(Invalid):
    """A band the registry does not hold yet: its station has not synced it (the follow is tried again)."""


def follow_number(db: Database, station: str, band: Any, reason: Any,
                  *, per_day: int = DEFAULT_NUMBER_FOLLOWS_PER_DAY) -> dict[str, Any]:
    """A lost band, by its number with a reason: limited per station and day, each one kept for the
    operators' review (``registry follows``) and audited, found or not."""
    if not isinstance(band, str) or not bandnumber.looks_like_band_number(band):
        raise Invalid("'band' must be a band number")
    try:
        why = fields.text(reason, limit=MAX_REASON)
    except fields.FieldError as error:
        raise Invalid(f"'reason' {error}") from None
    number = bandnumber.normalize(band)
    moment = now()
    with db.writing() as conn:
        f = t.number_follow.c
        recent = [row[0] for row in conn.execute(select(f.at).where(f.station == station,
                                                                   f.at > iso(moment - timedelta(days=1)))
                                                 .order_by(f.at))]
        if len(recent) >= per_day:
            wait = _seconds_until(recent[len(recent) - per_day], moment)
            raise TooMany(f"this station has followed {len(recent)} band numbers in the last 24 hours (at most "
                          f"{per_day}); scan the band's QR code instead, or ask the registry's operator",
                          retry_after=wait)
        unit = conn.execute(select(t.band_index.c.family_id).where(t.band_index.c.number == number)).scalar()
        conn.execute(insert(t.number_follow).values(station=station, band=number, family_id=unit, reason=why,
                                                    at=iso(moment)))
        if unit is not None:
            start(conn, station, unit, reason="number", detail=f"{number}: {why}"[:300])
        auditing.append(conn, user=station, action="follow.number", target=unit or "",
                        outcome="ok" if unit else "failed", detail={"band": number})
    if unit is None:
        raise NotFound(f"the registry holds no band {bandnumber.format_band_number(number)} (the follow counts "
                       "towards the daily limit all the same)")
    return {"families": {bandnumber.format_band_number(number): unit}}


def _seconds_until(first: str, moment: datetime) -> int:
    return max(1, int((datetime.fromisoformat(first) + timedelta(days=1) - moment).total_seconds()) + 1)


# --- the operators' view -----------------------------------------------------------------------------

def listing(db: Database, station: str | None = None) -> list[dict[str, Any]]:
    h = t.holding.c
    query = select(t.holding, t.family_index.c.number).outerjoin(
        t.family_index, t.family_index.c.family_id == h.family_id).order_by(h.station, h.since, h.family_id)
    if station:
        query = query.where(h.station == station)
    with db.reading() as conn:
        return [{"station": r["station"], "family": r["family_id"], "number": r["number"], "reason": r["reason"],
                 "detail": r["detail"], "since": r["since"], "complete": bool(r["complete"])}
                for r in conn.execute(query).mappings()]


def follows(db: Database) -> list[dict[str, Any]]:
    f = t.number_follow.c
    with db.reading() as conn:
        return [{"station": r["station"], "band": bandnumber.format_band_number(r["band"]), "family": r["family_id"],
                 "reason": r["reason"], "at": r["at"]}
                for r in conn.execute(select(t.number_follow).order_by(f.seq.desc())).mappings()]


def revoke(db: Database, station: str, family: str, reason: str, *, who: str) -> dict[str, Any]:
    """An operator undoes a holding (the station keeps what it has, and receives nothing more of it)."""
    if not reason.strip():
        raise Invalid("say why the holding is revoked (--reason)")
    with db.writing() as conn:
        unit = conn.execute(select(t.family_index.c.family_id).where(t.family_index.c.number == family)).scalar() \
            or family
        h = t.holding.c
        gone = conn.execute(delete(t.holding).where(h.station == station, h.family_id == unit)).rowcount
        if not gone:
            raise NotFound(f"station {station!r} does not hold family unit {family!r}")
        auditing.append(conn, user=who, action="holding.revoke", target=unit,
                        detail={"station": station, "reason": reason.strip()[:MAX_REASON]})
    return {"station": station, "family": unit, "revoked": True}
