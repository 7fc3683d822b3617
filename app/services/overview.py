"""The main window's overview: today's family units and the station's state (pending changes)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from app.security.roles import Permission
from app.store import overview

from .answers import TodaysFamilies
from .session import Session


def todays_families(*, session: Session, now: datetime | None = None, hours: int | None = None) -> TodaysFamilies:
    """Family units recorded since local midnight (or in the last ``hours``), newest first: number,
    time, place, how many people and children, separated links. No names: the list is a way in."""
    session.require(Permission.READ, action="family.list")
    moment = (now or datetime.now(UTC)).astimezone()
    start = moment - timedelta(hours=hours) if hours else moment.replace(hour=0, minute=0, second=0, microsecond=0)
    with session.engine.begin() as conn:
        families = overview.recent_families(conn, start.astimezone(UTC).isoformat())
        session.audit(conn, "family.list", detail={"families": [f["id"] for f in families]})
    return {"since": start.isoformat(), "families": families}


def station_status(*, session: Session) -> dict[str, Any]:
    """What the status bar shows: who, the station, and the changes waiting for the registry."""
    with session.engine.connect() as conn:
        pending = overview.pending_changes(conn)
    return {"user": session.user, "role": session.role, "station": session.identity.code,
            "station_name": session.identity.name, "pending_changes": pending, "last_sync": None}
