"""The station's own rows: its identity and number sequences, its users, the keys it trusts, and the
corrections agents propose. The services ask these for what they need instead of writing SQL."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Connection, func, insert, select, update

from app.domain.custody import StationPlace
from app.security.identity import StationIdentity

from . import schema

# --- the station ------------------------------------------------------------------------------

def create_station(conn: Connection, *, store_id: str, identity: StationIdentity, at: str) -> None:
    """The station's row (its key pair and numbering) and its own key among those it trusts."""
    conn.execute(insert(schema.station).values(
        id=1, store_id=store_id, code=identity.code, name=identity.name, private_key=identity.private_key,
        public_key=identity.public_key, family_seq=0, band_seq=0, created_at=at))
    conn.execute(insert(schema.trusted_key).values(station=identity.code, public_key=identity.public_key,
                                                   name=identity.name, source="self", added_at=at))


def station(conn: Connection) -> dict[str, Any]:
    return dict(conn.execute(select(schema.station)).mappings().one())


def skip_numbers(conn: Connection, *, families: int, bands: int) -> None:
    """Move the family and band number sequences on: a store restored from a backup does not know the
    numbers given after the backup was made (printed on bands people wear), and a number is never
    given twice."""
    s = schema.station.c
    conn.execute(update(schema.station).values(family_seq=s.family_seq + families, band_seq=s.band_seq + bands))


def next_number(conn: Connection, sequence: str) -> int:
    """The next of the station's family numbers (``family_seq``) or band numbers (``band_seq``)."""
    current = int(conn.execute(select(schema.station.c[sequence])).scalar_one())
    conn.execute(update(schema.station).values({sequence: current + 1}))
    return current + 1


# --- users ------------------------------------------------------------------------------------

def add_user(conn: Connection, *, name: str, role: str, at: str, created_by: str | None, slot_digest: str) -> None:
    """A new account: who added it (None: the first admin, made with the station) and the digest of
    its key slot (``keyslots.Slot.digest``)."""
    conn.execute(insert(schema.users).values(name=name, role=role, disabled=False, created_at=at,
                                             created_by=created_by, slot_digest=slot_digest))


def user(conn: Connection, name: str) -> dict[str, Any] | None:
    row = conn.execute(select(schema.users).where(schema.users.c.name == name)).mappings().first()
    return dict(row) if row is not None else None


def users(conn: Connection, *, active_only: bool = False) -> list[dict[str, Any]]:
    query = select(schema.users).order_by(schema.users.c.name)
    if active_only:
        query = query.where(schema.users.c.disabled.is_(False))
    return [dict(r) for r in conn.execute(query).mappings()]


def set_user(conn: Connection, name: str, **values: Any) -> None:
    """Change a user's ``role``, ``disabled`` or ``slot_digest`` (the digest of their current key slot;
    "" once it is removed)."""
    conn.execute(update(schema.users).where(schema.users.c.name == name).values(**values))


def other_active_admins(conn: Connection, leaving: str) -> int:
    u = schema.users.c
    return int(conn.execute(select(func.count()).select_from(schema.users).where(
        u.role == "admin", u.disabled.is_(False), u.name != leaving)).scalar_one())


def set_recovery_setter(conn: Connection, *, by: str, at: str, key: str) -> None:
    """Who set the station's recovery key, when, and its fingerprint (``recovery.fingerprint``)."""
    conn.execute(update(schema.station).values(recovery_set_by=by, recovery_set_at=at, recovery_key=key))


# --- keys of other stations ------------------------------------------------------------------

def trusted_key(conn: Connection, station_code: str) -> dict[str, Any] | None:
    row = conn.execute(select(schema.trusted_key).where(schema.trusted_key.c.station == station_code)) \
        .mappings().first()
    return dict(row) if row is not None else None


def station_place(conn: Connection, code: str) -> StationPlace:
    """What is known of one station's agency and facility (None each until the registry has said)."""
    tk = schema.trusted_key.c
    row = conn.execute(select(tk.agency, tk.facility).where(tk.station == code)).first()
    return StationPlace(code, row[0], row[1]) if row is not None else StationPlace(code)


def station_places(conn: Connection) -> dict[str, StationPlace]:
    """What is known of each station's agency and facility (the registry lists them at each sync)."""
    tk = schema.trusted_key.c
    return {code: StationPlace(code, agency, facility)
            for code, agency, facility in conn.execute(select(tk.station, tk.agency, tk.facility))}


def trusted_keys(conn: Connection) -> list[dict[str, Any]]:
    return [dict(r) for r in conn.execute(select(schema.trusted_key).order_by(schema.trusted_key.c.station))
            .mappings()]


def trust(conn: Connection, station_code: str, values: Mapping[str, Any]) -> None:
    """Add a station's key, or replace what is known of it."""
    tk = schema.trusted_key
    if trusted_key(conn, station_code) is None:
        conn.execute(insert(tk).values(station=station_code, **values))
    else:
        conn.execute(update(tk).where(tk.c.station == station_code).values(**values))


# --- proposed corrections --------------------------------------------------------------------

def add_proposal(conn: Connection, proposal: Mapping[str, Any]) -> None:
    conn.execute(insert(schema.proposal).values(**proposal))


def proposals(conn: Connection, *, status: str | None, proposed_by: str | None) -> list[dict[str, Any]]:
    p = schema.proposal.c
    query = select(schema.proposal).order_by(p.proposed_at, p.id)
    if status is not None:
        query = query.where(p.status == status)
    if proposed_by is not None:
        query = query.where(p.proposed_by == proposed_by)
    return [dict(r) for r in conn.execute(query).mappings()]


def proposal(conn: Connection, proposal_id: str) -> dict[str, Any] | None:
    row = conn.execute(select(schema.proposal).where(schema.proposal.c.id == proposal_id)).mappings().first()
    return dict(row) if row is not None else None


def decide_proposal(conn: Connection, proposal_id: str, **values: Any) -> None:
    conn.execute(update(schema.proposal).where(schema.proposal.c.id == proposal_id).values(**values))
