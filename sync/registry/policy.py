"""The reunification policy at the registry (app.domain.policy): operators set its deadlines, the
registry numbers each version and signs it with its own key, and stations receive every version at
sync and verify it. Setting one is audited with the policy before and after."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, func, insert, select

from app.domain import policy as domain_policy
from app.domain.errors import ValidationError
from app.domain.policy import DEFAULT_POLICY, Policy
from sync import protocol

from . import auditing
from . import tables as t
from .database import Database, iso, now
from .errors import Invalid
from .identity import Identity


def current(db: Database) -> dict[str, Any]:
    """The policy in force (``built_in`` when none was set)."""
    with db.reading() as conn:
        row = conn.execute(select(t.policy.c.document).order_by(t.policy.c.version.desc()).limit(1)).first()
    found = domain_policy.from_signed(row[0]) if row else DEFAULT_POLICY
    return {**found.as_dict(), "built_in": row is None}


def versions_in(conn: Connection) -> dict[int, Policy]:
    """Every version set, by version (the registry's own records: signed by it, read as they are)."""
    return {p.version: p for p in (domain_policy.from_signed(d) for d in conn.execute(
        select(t.policy.c.document)).scalars())}


def versions(db: Database) -> list[dict[str, Any]]:
    """Every version set, oldest first, with the registry's signature (what stations receive)."""
    with db.reading() as conn:
        rows = conn.execute(select(t.policy.c.version, t.policy.c.document, t.policy.c.signature)
                            .order_by(t.policy.c.version)).all()
    return [{"version": v, "document": d, "signature": protocol.b64(bytes(s))} for v, d, s in rows]


def set_policy(db: Database, document: Any, *, signer: Identity, who: str) -> dict[str, Any]:
    """A new version of the policy from ``document`` (its days; refused whole when not sensible)."""
    try:
        days = domain_policy.proposed(document)
    except ValidationError as error:
        raise Invalid(f"{error}; the policy is unchanged") from None
    before = current(db)
    with db.writing() as conn:
        version = int(conn.execute(select(func.coalesce(func.max(t.policy.c.version), 0))).scalar_one()) + 1
        made = Policy(version=version, **days)
        text = domain_policy.signed_bytes(made)
        conn.execute(insert(t.policy).values(version=version, document=text.decode("ascii"),
                                             signature=signer.sign(text), set_at=iso(now()), set_by=who))
        auditing.append(conn, user=who, action="policy.set", target=str(version),
                        detail={"before": before, "after": made.as_dict()})
    return {**made.as_dict(), "built_in": False}
