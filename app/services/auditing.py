"""Checking the audit chain (itself an audited access to the audit log)."""

from __future__ import annotations

from typing import Any

from app.security import audit
from app.security.roles import Permission
from app.store import audit_log

from .session import Session


def verify_audit(*, session: Session) -> dict[str, Any]:
    """Walk the whole chain; report whether it is intact or the first record that is not."""
    session.require(Permission.VERIFY_AUDIT, action="audit.verify")
    with session.engine.begin() as conn:
        report = audit_log.verify(conn)
    with session.engine.begin() as conn:
        session.audit(conn, "audit.verify", outcome=audit.Outcome.OK if report.intact else audit.Outcome.FAILED,
                      detail={"records": report.records, "broken_at": report.broken_at})
    return report.as_dict()
