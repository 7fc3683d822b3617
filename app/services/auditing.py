"""The audit log for oversight: checking the chain, reading it filtered by person, user, action and
time, and exporting what was read to CSV. Each of these is itself an audited access to the log."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from app.bands.errors import OutputError
from app.domain.errors import NotFound, ValidationError
from app.domain.views import display_band
from app.files import SymlinkTarget, write_private_file
from app.security import audit
from app.security.roles import Permission
from app.store import audit_log, queries
from app.store.changelog import load_row, load_rows

from .conflicts import record_label
from .session import Session

CSV_COLUMNS = ("seq", "at", "station", "user", "action", "target", "outcome", "detail", "prev_hash", "hash")
MAX_RECORDS = 100_000


def verify_audit(*, session: Session) -> dict[str, Any]:
    """Walk the whole chain; report whether it is intact or the first record that is not."""
    session.require(Permission.VERIFY_AUDIT, action="audit.verify")
    with session.engine.begin() as conn:
        report = audit_log.verify(conn)
    with session.engine.begin() as conn:
        session.audit(conn, "audit.verify", outcome=audit.Outcome.OK if report.intact else audit.Outcome.FAILED,
                      detail={"records": report.records, "broken_at": report.broken_at})
    return report.as_dict()


def audit_trail(*, session: Session, person: str | None = None, user: str | None = None,
                action: str | None = None, since: str | None = None, until: str | None = None,
                limit: int = 1000, name_targets: bool = False) -> dict[str, Any]:
    """The audit records that match every filter given, newest first (at most ``limit``), and the
    state of the whole chain. ``person``: a person's id or band number; it matches what was done to
    the person, their family unit, bands, links, custody and photos, and the searches and lists
    that showed them. ``action`` matches a whole action or its start ("band" matches band.void).
    With ``name_targets``, ``targets`` says what each target id names where this station holds it
    (``_target_names``): a supervisor reading the log on screen sees whom, not a bare id."""
    session.require(Permission.VERIFY_AUDIT, action="audit.read")
    if not 1 <= limit <= MAX_RECORDS:
        raise ValidationError.one("limit", f"must be from 1 to {MAX_RECORDS:,}")
    filters = {"person": person, "user": user, "action": action, "since": since, "until": until}
    with session.engine.begin() as conn:
        found = _matching(conn, filters, limit)
        report = audit_log.verify(conn)
        targets = _target_names(conn, sorted({r["target"] for r in found if r["target"]})) if name_targets else {}
        session.audit(conn, "audit.read", detail={**_shown_filters(filters), "records": len(found)})
    return {"records": found, "chain": report.as_dict(), "filters": _shown_filters(filters),
            **({"targets": targets} if name_targets else {})}


def export_audit(*, session: Session, path: Path, **filters: Any) -> dict[str, Any]:
    """Write the records ``audit_trail`` finds with these filters to a CSV file (atomically; it holds
    ids and user names, never personal data of the people registered)."""
    session.require(Permission.VERIFY_AUDIT, action="audit.export", target=str(path.name))
    trail = audit_trail(session=session, limit=MAX_RECORDS, **filters)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for record in trail["records"]:
        writer.writerow([record[c] if c != "detail" else json.dumps(record[c], sort_keys=True) for c in CSV_COLUMNS])
    try:
        write_private_file(path, out.getvalue().encode("utf-8"))
    except (OSError, SymlinkTarget) as error:
        with session.engine.begin() as conn:
            session.audit(conn, "audit.export", path.name, audit.Outcome.FAILED,
                          {"errno": getattr(error, "errno", None), "symlink": isinstance(error, SymlinkTarget)})
        told = str(error) if isinstance(error, SymlinkTarget) else f"cannot write {path}: {error.strerror or error}"
        raise OutputError(f"{told}; nothing was written") from None
    with session.engine.begin() as conn:
        session.audit(conn, "audit.export", path.name, detail={**trail["filters"], "records": len(trail["records"])})
    return {"path": str(path), "records": len(trail["records"]), "chain": trail["chain"]}


def _matching(conn: Connection, filters: dict[str, Any], limit: int) -> list[dict[str, Any]]:
    since = _moment(filters["since"], "since", end=False) if filters["since"] else None
    until = _moment(filters["until"], "until", end=True) if filters["until"] else None
    ids = _person_ids(conn, filters["person"]) if filters["person"] else None
    found: list[dict[str, Any]] = []
    for row in audit_log.newest_first(conn, user=(filters["user"] or "").strip() or None,
                                      action=(filters["action"] or "").strip() or None, since=since, until=until):
        if ids is not None and row["target"] not in ids and not any(i in row["detail"] for i in ids):
            continue
        found.append({**row, "detail": json.loads(row["detail"])})
        if len(found) >= limit:
            break
    return found


def _target_names(conn: Connection, ids: list[str]) -> dict[str, dict[str, Any]]:
    """What each id names, by ``entity``: a person (what their label is made of: names, role, sex,
    age, valid band), a family unit or a band (its ``number``), a link (``label``: its two people);
    ids of anything else, or of records not held here, are left out."""
    named: dict[str, dict[str, Any]] = {}
    people = load_rows(conn, "person", "id", ids)
    bands = {b["person_id"]: b["number"] for b in load_rows(conn, "band", "person_id", [p["id"] for p in people])
             if b["status"] == "issued"}
    for p in people:
        named[p["id"]] = {"entity": "person", **{k: p[k] for k in _LABEL_KEYS},
                          "band": display_band(bands[p["id"]]) if p["id"] in bands else None}
    for f in load_rows(conn, "family", "id", ids):
        named[f["id"]] = {"entity": "family", "number": f["number"]}
    for b in load_rows(conn, "band", "id", ids):
        named[b["id"]] = {"entity": "band", "number": display_band(b["number"])}
    for x in load_rows(conn, "link", "id", ids):
        label = record_label(conn, "link", x)
        if label:
            named[x["id"]] = {"entity": "link", "label": label}
    return named


_LABEL_KEYS = ("given_names", "family_names", "role", "sex", "birth_date", "age_estimate_years")


def _person_ids(conn: Connection, ident: str) -> set[str]:
    """Every id an audit record about this person may name."""
    person = queries.person_for_band(conn, ident) or load_row(conn, "person", ident.strip())
    if person is None:
        raise NotFound(f"no person or band {ident!r} in this station's records")
    return queries.ids_about(conn, person)


def _moment(text: str, name: str, *, end: bool) -> str:
    """A filter's date (YYYY-MM-DD: the whole day, UTC) or date and time, as the log writes times."""
    text = text.strip()
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            moment = datetime(day.year, day.month, day.day, 23, 59, 59, 999_999, UTC) if end else \
                datetime(day.year, day.month, day.day, tzinfo=UTC)
        else:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=UTC)
    except ValueError:
        raise ValidationError.one(name, f"{text!r} is not a date (YYYY-MM-DD) or a date and time "
                                        "(YYYY-MM-DDTHH:MM, UTC unless an offset is given)") from None
    return audit.timestamp(moment)


def _shown_filters(filters: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in filters.items() if v}
