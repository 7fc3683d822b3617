"""Rate limits, counted in the database so that every registry process counts the same: requests
per client (its address as the registry sees it) and fixed window, refused with 429 and the seconds
until the window ends. The defaults suit a registry that a few hundred stations sync with; set
``KINLINK_REGISTRY_RATE_LIMITS`` (e.g. ``enroll=20/60,nonce=1200/60,failed=60/60``: requests per
seconds) to change them."""

from __future__ import annotations

import os
import time
from dataclasses import dataclass

from sqlalchemy import Connection, delete, select
from sqlalchemy.dialects import postgresql, sqlite

from . import tables as t
from .database import Database
from .errors import TooMany

VARIABLE = "KINLINK_REGISTRY_RATE_LIMITS"


@dataclass(frozen=True)
class Limit:
    count: int
    seconds: int


DEFAULTS = {"enroll": Limit(20, 60), "nonce": Limit(1200, 60), "failed": Limit(60, 60)}
SAID = {"enroll": "enrolment attempts", "nonce": "requests for a nonce", "failed": "requests that failed to sign in"}


def configured() -> dict[str, Limit]:
    """The limits in force: the defaults, with those ``KINLINK_REGISTRY_RATE_LIMITS`` names."""
    limits = dict(DEFAULTS)
    for part in filter(None, (p.strip() for p in os.environ.get(VARIABLE, "").split(","))):
        name, _, rule = part.partition("=")
        count, _, seconds = rule.partition("/")
        if name not in DEFAULTS or not count.isdigit() or not seconds.isdigit() or int(seconds) < 1:
            raise ValueError(f"{VARIABLE}: {part!r} is not NAME=COUNT/SECONDS with NAME one of "
                             f"{', '.join(DEFAULTS)}")
        limits[name] = Limit(int(count), int(seconds))
    return limits


def count(db: Database, kind: str, client: str, limit: Limit, *, refuse_over: bool = True) -> int:
    """Count one request of ``kind`` from ``client``; refused (TooMany) once over the limit. Returns
    the count in this window so far."""
    window, left = _window(limit)
    with db.writing() as conn:
        counted = _increment(conn, f"{kind}:{client}", window)
    if refuse_over and counted > limit.count:
        raise TooMany(f"too many {SAID.get(kind, kind)} from this address ({limit.count} in {limit.seconds} s); "
                      f"try again in {left} s", retry_after=left)
    return counted


def check_in(conn: Connection, kind: str, client: str, limit: Limit) -> None:
    """Refuse (TooMany) when ``client`` is over the limit already, without counting (in the caller's
    transaction)."""
    window, left = _window(limit)
    counted = conn.execute(select(t.rate_counter.c.count).where(t.rate_counter.c.key == f"{kind}:{client}",
                                                                t.rate_counter.c.window == window)).scalar()
    if counted is not None and counted >= limit.count:
        raise TooMany(f"too many {SAID.get(kind, kind)} from this address ({limit.count} in {limit.seconds} s); "
                      f"try again in {left} s", retry_after=left)


def _window(limit: Limit) -> tuple[int, int]:
    moment = time.time()
    window = int(moment // limit.seconds)
    return window, max(1, int((window + 1) * limit.seconds - moment) + 1)


def _increment(conn: Connection, key: str, window: int) -> int:
    rc = t.rate_counter
    insert = (postgresql.insert(rc) if conn.dialect.name == "postgresql" else sqlite.insert(rc)).values(
        key=key, window=window, count=1)
    counted = conn.execute(insert.on_conflict_do_update(index_elements=[rc.c.key, rc.c.window],
                                                        set_={"count": rc.c.count + 1})
                           .returning(rc.c.count)).scalar_one()
    if counted == 1:  # a new window: the ones before it are done with
        conn.execute(delete(rc).where(rc.c.key == key, rc.c.window < window))
    return int(counted)
