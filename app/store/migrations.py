"""The ladder of migrations of the station store: ``MIGRATIONS[n]`` takes a store from schema
version n - 1 to n (``schema.migrate`` runs them, each in the caller's transaction). The tables as
they are now: ``schema``.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, bindparam, insert, select, update

from app.domain import clock
from app.domain.changes import Change, utc_date_of
from app.domain.merge import writes_of

from .schema import (
    CUSTODY_MOVED,
    audit,
    backfill_ack,
    band,
    change,
    custody,
    field_write,
    metadata,
    outbox_refusal,
    pending_follow,
    photo,
    policy,
    proposal,
    quarantine,
    resolution,
    station,
    sync_state,
    trusted_key,
)

# Changes are never updated or deleted: the database refuses it, not only the code.
_APPEND_ONLY = """
CREATE TRIGGER change_no_delete BEFORE DELETE ON change
BEGIN SELECT RAISE(ABORT, 'change records are append-only'); END;
CREATE TRIGGER change_no_update BEFORE UPDATE OF id, entity, entity_id, hlc, body, signature ON change
BEGIN SELECT RAISE(ABORT, 'change records are append-only'); END;
CREATE TRIGGER link_no_delete BEFORE DELETE ON link
BEGIN SELECT RAISE(ABORT, 'links are never deleted'); END;
CREATE TRIGGER link_event_no_delete BEFORE DELETE ON link_event
BEGIN SELECT RAISE(ABORT, 'link history is never deleted'); END;
"""


V1_TABLES = ("station", "users", "encounter", "family", "person", "link", "link_event", "custody", "band",
             "name_token", "change")


def _triggers(conn: Connection, sql: str) -> None:
    for statement in sql.split(";\n"):
        if statement.strip():
            conn.exec_driver_sql(statement.strip() + (";" if not statement.strip().endswith(";") else ""))


def _to_v1(conn: Connection) -> None:
    metadata.create_all(conn, tables=[metadata.tables[name] for name in V1_TABLES])
    _triggers(conn, _APPEND_ONLY)


def _to_v2(conn: Connection) -> None:
    """Schema 2 adds the audit chain."""
    audit.create(conn)


def _to_v3(conn: Connection) -> None:
    """Schema 3 adds the trusted-keys table, with the station's own key as its first entry."""
    trusted_key.create(conn)
    row = conn.execute(select(station.c.code, station.c.public_key, station.c.name, station.c.created_at)).first()
    if row is not None:
        conn.execute(insert(trusted_key).values(station=row[0], public_key=row[1], name=row[2], source="self",
                                                added_at=row[3]))


def _to_v4(conn: Connection) -> None:
    """Schema 4 adds each band's issue date. A band issued before was issued on the UTC date of the
    change record that created it (the rule replay applies to those records too)."""
    if "issued_on" not in {row[1] for row in conn.exec_driver_sql("PRAGMA table_info(band)")}:
        conn.exec_driver_sql("ALTER TABLE band ADD COLUMN issued_on TEXT")  # a v1 made today already has it
    first_clock: dict[str, str] = {}
    for band_id, hlc in conn.execute(select(change.c.entity_id, change.c.hlc).where(change.c.entity == "band")
                                     .order_by(change.c.seq)):
        first_clock.setdefault(band_id, hlc)  # an entity's first change record is its creation
    dates = [{"band_id": band_id, "date": utc_date_of(hlc)} for band_id, hlc in first_clock.items()]
    if dates:
        conn.execute(update(band).where((band.c.id == bindparam("band_id")) & band.c.issued_on.is_(None))
                     .values(issued_on=bindparam("date")), dates)


def _to_v5(conn: Connection) -> None:
    """Schema 5 records when a band was first printed and when a scan confirmed it on its person's
    wrist. Bands from before have neither (NULL): nobody confirmed them."""
    present = {row[1] for row in conn.exec_driver_sql("PRAGMA table_info(band)")}
    for column in ("printed_at", "attached_at"):
        if column not in present:  # a v1 made today already has them
            conn.exec_driver_sql(f"ALTER TABLE band ADD COLUMN {column} TEXT")


def _to_v6(conn: Connection) -> None:
    """Schema 6 adds a pre-verbal child's identity bundle: the adult who carried the child
    (``person.carried_by``) and the child's photos. People from before have neither (NULL, none)."""
    if "carried_by" not in {row[1] for row in conn.exec_driver_sql("PRAGMA table_info(person)")}:
        conn.exec_driver_sql("ALTER TABLE person ADD COLUMN carried_by TEXT")  # a v1 made today already has it
    photo.create(conn, checkfirst=True)


def _to_v7(conn: Connection) -> None:
    """Schema 7 prepares sync: the writes of every field, rebuilt from the change log, and the
    registry this station is enrolled with. Records from before name no base (never concurrent)."""
    field_write.create(conn)
    sync_state.create(conn)
    rows: list[dict[str, Any]] = []
    for change_id, entity, entity_id, hlc, body in conn.execute(
            select(change.c.id, change.c.entity, change.c.entity_id, change.c.hlc, change.c.body)
            .order_by(change.c.seq)):
        record = Change.from_body(json.loads(body))
        rows.extend({"entity": entity, "entity_id": entity_id, "field": name, "hlc": hlc, "change_id": change_id,
                     "base": write.base, "digest": write.digest} for name, write in writes_of(record))
    if rows:
        conn.execute(insert(field_write), rows)


def _to_v8(conn: Connection) -> None:
    """Schema 8 lets a supervisor resolve a conflict: the writes each resolution settles. Records from
    before name none (no resolution existed), but the log is read anyway so the table equals it."""
    resolution.create(conn)
    rows = [{"change_id": change_id, "resolved_id": resolved}
            for change_id, body in conn.execute(select(change.c.id, change.c.body))
            for resolved in json.loads(body).get("resolves") or ()]
    if rows:
        conn.execute(insert(resolution), rows)


def _to_v9(conn: Connection) -> None:
    """Schema 9 keeps the corrections agents propose until a supervisor decides."""
    proposal.create(conn)


def _to_v10(conn: Connection) -> None:
    """Schema 10 lets a supervisor merge two records of the same person (``person.merged_into``).
    People from before are merged into nobody (NULL)."""
    if "merged_into" not in {row[1] for row in conn.exec_driver_sql("PRAGMA table_info(person)")}:
        conn.exec_driver_sql("ALTER TABLE person ADD COLUMN merged_into TEXT")  # a v1 made today already has it


def _to_v11(conn: Connection) -> None:
    """Schema 11: the registry accepts or refuses a station transaction whole. Change records carry
    the transaction that wrote them (records waiting to be sent from before are grouped as they were
    written: one user, one reason, written within two seconds of each other); refused transactions,
    quarantined pulls, pending follows and history acknowledgements get their tables; a custody
    record may name the Kinlink station holding the person."""
    present = {row[1] for row in conn.exec_driver_sql("PRAGMA table_info(change)")}
    if "tx" not in present:
        conn.exec_driver_sql("ALTER TABLE change ADD COLUMN tx TEXT")
    if "station" not in {row[1] for row in conn.exec_driver_sql("PRAGMA table_info(custody)")}:
        conn.exec_driver_sql("ALTER TABLE custody ADD COLUMN station TEXT")
    for table in (outbox_refusal, quarantine, pending_follow, backfill_ack):
        table.create(conn, checkfirst=True)
    conn.exec_driver_sql("CREATE INDEX IF NOT EXISTS ix_field_write_field ON field_write (field, entity_id)")
    groups: list[dict[str, str]] = []
    last: tuple[str, Any, int] | None = None
    tx = ""
    for change_id, body in conn.execute(select(change.c.id, change.c.body).where(change.c.registry_seq.is_(None),
                                                                                 change.c.tx.is_(None))
                                        .order_by(change.c.seq)):
        record = Change.from_body(json.loads(body))
        wall = clock.sort_key(record.hlc)[0]
        if last is None or (record.user, record.reason) != last[:2] or wall - last[2] > 2000:
            tx = uuid.uuid4().hex
        last = (record.user, record.reason, wall)
        groups.append({"cid": change_id, "tx": tx})
    if groups:
        conn.execute(update(change).where(change.c.id == bindparam("cid")).values(tx=bindparam("tx")), groups)


def _to_v12(conn: Connection) -> None:
    """Schema 12: contacts between a separated child and adult are events on their link with a kind
    (call, video, visit). Events from before are changes of state (kind NULL)."""
    if "kind" not in {row[1] for row in conn.exec_driver_sql("PRAGMA table_info(link_event)")}:
        conn.exec_driver_sql("ALTER TABLE link_event ADD COLUMN kind TEXT")


def _to_v13(conn: Connection) -> None:
    """Schema 13: custody records say who holds the person in today's terms (kind, station, agency,
    facility), which station wrote them, and which transfer an arrival scan closes; the trusted
    stations carry their agency, facility and oversight as the registry lists them; separations
    record the reunification policy they are judged by, whose signed versions are kept here. A custody record
    from before was written by the station that signed it (``changes.created_values`` says the same
    for the replay); its relative kind stays as signed and is read as custody at a station."""
    _add_columns(conn, "custody", ("agency", "writer", "writer_agency", "writer_facility", "arrival_of"))
    _add_columns(conn, "trusted_key", ("agency", "facility", "oversight"))
    _add_columns(conn, "link_event", ("policy_version",))
    policy.create(conn, checkfirst=True)
    conn.exec_driver_sql(f"CREATE INDEX IF NOT EXISTS ix_custody_moved ON custody (person_id) WHERE {CUSTODY_MOVED}")
    fw, ch = field_write.c, change.c
    writers = [{"cid": entity_id, "writer": json.loads(body).get("station")} for entity_id, body in conn.execute(
        select(fw.entity_id, ch.body).join(change, ch.id == fw.change_id)
        .where(fw.entity == "custody", fw.field == "*"))]
    if writers:
        conn.execute(update(custody).where(custody.c.id == bindparam("cid")).values(writer=bindparam("writer")),
                     writers)


def _add_columns(conn: Connection, table: str, names: tuple[str, ...]) -> None:
    present = {row[1] for row in conn.exec_driver_sql(f"PRAGMA table_info({table})")}
    for name in names:
        if name not in present:
            kind = "INTEGER" if name in ("oversight", "policy_version") else "TEXT"
            conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {name} {kind}")


def _to_v14(conn: Connection) -> None:
    """Schema 14 (station hardening): each user's account keeps who added it (``created_by``; NULL
    for the first admin and for accounts from before) and the digest of its current key slot
    (``slot_digest``: NULL until its first sign-in on a store from before, then recorded; empty
    once the account's slot is removed); the station keeps who set its recovery key, when, and
    the key's fingerprint (NULL: set before schema 14, or never)."""
    _add_columns(conn, "users", ("created_by", "slot_digest"))
    _add_columns(conn, "station", ("recovery_set_by", "recovery_set_at", "recovery_key"))


MIGRATIONS: dict[int, Callable[[Connection], None]] = {1: _to_v1, 2: _to_v2, 3: _to_v3, 4: _to_v4, 5: _to_v5,
                                                       6: _to_v6, 7: _to_v7, 8: _to_v8, 9: _to_v9, 10: _to_v10,
                                                       11: _to_v11, 12: _to_v12, 13: _to_v13,
                                                       14: _to_v14}
