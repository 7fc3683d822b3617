"""The station store's tables, and the ladder of migrations between schema versions.

The version lives in SQLite's ``user_version``. ``MIGRATIONS[n]`` takes a store from version
n - 1 to n; each step runs in its own transaction. A store newer than this code is refused.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Connection,
    Float,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    Table,
    Text,
    bindparam,
    insert,
    select,
    text,
    update,
)

from app.domain import clock
from app.domain.changes import Change, utc_date_of
from app.domain.merge import writes_of
from app.security import audit as chain

metadata = MetaData()


def _id() -> Column[str]:
    return Column("id", Text, primary_key=True)


station = Table(
    "station", metadata,
    Column("id", Integer, primary_key=True),
    Column("store_id", Text, nullable=False),
    Column("code", Text, nullable=False),
    Column("name", Text, nullable=False),
    Column("private_key", LargeBinary, nullable=False),
    Column("public_key", LargeBinary, nullable=False),
    Column("family_seq", Integer, nullable=False),
    Column("band_seq", Integer, nullable=False),
    Column("last_hlc", Text),
    Column("created_at", Text, nullable=False),
)

users = Table(
    "users", metadata,
    Column("name", Text, primary_key=True),
    Column("role", Text, nullable=False),
    Column("disabled", Boolean, nullable=False, default=False),
    Column("created_at", Text, nullable=False),
)

encounter = Table(
    "encounter", metadata, _id(),
    Column("occurred_at", Text), Column("place", Text), Column("latitude", Float),
    Column("longitude", Float), Column("agent", Text), Column("station", Text), Column("recorded_at", Text),
)

family = Table(
    "family", metadata, _id(),
    Column("encounter_id", Text, index=True), Column("number", Text, unique=True), Column("status", Text),
)

person = Table(
    "person", metadata, _id(),
    Column("family_id", Text, index=True), Column("role", Text), Column("given_names", Text),
    Column("family_names", Text), Column("sex", Text), Column("birth_date", Text),
    Column("age_estimate_years", JSON), Column("nationality", Text), Column("languages", JSON),
    Column("preverbal", Boolean), Column("description", Text), Column("documents", JSON),
    Column("arrived_without_adult", Boolean),
    Column("carried_by", Text),  # schema 6: the adult of the unit who carried a pre-verbal child
    Column("merged_into", Text),  # schema 10: the record this one was merged into (same person)
)

link = Table(
    "link", metadata, _id(),
    Column("from_person", Text, index=True), Column("to_person", Text, index=True),
    Column("relationship", Text), Column("provenance", Text), Column("state", Text),
)

link_event = Table(
    "link_event", metadata, _id(),
    Column("link_id", Text, index=True), Column("state", Text), Column("reason", Text),
    Column("officer", Text), Column("from_side", Text), Column("to_side", Text), Column("occurred_at", Text),
    Column("kind", Text),  # schema 12: a contact's kind (call, video, visit); None for a change of state
    Column("policy_version", Integer),  # schema 13: on a separation, the policy it is judged by
)

custody = Table(
    "custody", metadata, _id(),
    Column("person_id", Text, index=True), Column("location", Text), Column("receiving_party", Text),
    Column("reference", Text), Column("since", Text),
    Column("station", Text),  # schema 11: the Kinlink station that holds the person (a transfer's receiver)
    # schema 13 (app.domain.custody): the holder's agency; the writing station as it was; the transfer
    # an arrival scan closes
    Column("agency", Text), Column("writer", Text), Column("writer_agency", Text), Column("writer_facility", Text),
    Column("arrival_of", Text),
)
# Custody records that are not a person held where they were registered (schema 13): the few the
# reunification board looks for among every person's (queries.board_family_ids says the same test).
CUSTODY_MOVED = "NOT (location = 'this_station' OR (location = 'station' AND station = writer))"
Index("ix_custody_moved", custody.c.person_id, sqlite_where=text(CUSTODY_MOVED))

band = Table(
    "band", metadata, _id(),
    Column("person_id", Text, index=True), Column("number", Text, unique=True), Column("status", Text),
    Column("void_reason", Text), Column("reprints", Integer),
    Column("issued_on", Text),  # schema 4: UTC date (ISO), signed into the band's QR payload
    Column("printed_at", Text), Column("attached_at", Text),  # schema 5: ISO 8601 UTC, or NULL
)

# A pre-verbal child's photos (schema 6): the re-encoded JPEG, no metadata; the store is encrypted.
photo = Table(
    "photo", metadata, _id(),
    Column("person_id", Text, index=True), Column("taken_at", Text), Column("source", Text),
    Column("width", Integer), Column("height", Integer), Column("sha256", Text), Column("data", LargeBinary),
)

# Derived index for name search: folded words of each person's names (rebuilt from person rows).
name_token = Table(
    "name_token", metadata,
    Column("token", Text, nullable=False), Column("person_id", Text, nullable=False),
    Index("ix_name_token_token", "token", "person_id"),
    Index("ix_name_token_person", "person_id"),
)

# The change log: append-only, signed; also the outbox that sync sends.
change = Table(
    "change", metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("id", Text, nullable=False, unique=True),
    Column("entity", Text, nullable=False),
    Column("entity_id", Text, nullable=False, index=True),
    Column("hlc", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("signature", LargeBinary, nullable=False),
    Column("registry_seq", Integer),
    Column("tx", Text),  # schema 11: the station transaction that wrote it (sent together; None when pulled)
)

# The audit chain (schema 2): every logon, view, change, print, export and security event.
audit = Table(
    "audit", metadata,
    Column("seq", Integer, primary_key=True),
    *(Column(name, Text, nullable=False) for name in chain.COLUMNS if name != "seq"),
)

# Public keys of stations whose bands and changes this station accepts (schema 3).
trusted_key = Table(
    "trusted_key", metadata,
    Column("station", Text, primary_key=True),
    Column("public_key", LargeBinary, nullable=False),
    Column("name", Text, nullable=False),
    Column("source", Text, nullable=False),
    Column("added_at", Text, nullable=False),
    Column("revoked_at", Text),
    # schema 13: what the registry says the station is (docs/reunification.md); NULL until it has said
    Column("agency", Text), Column("facility", Text), Column("oversight", Integer),
)

# Every write of a field by a change record (schema 7); a creation is one row under field "*".
# The latest clock per field is the value shown; rows of one field with the same base and different
# digests are a conflict (app.domain.merge). Derived from the change log, never edited.
field_write = Table(
    "field_write", metadata,
    Column("entity", Text, nullable=False), Column("entity_id", Text, nullable=False),
    Column("field", Text, nullable=False), Column("hlc", Text, nullable=False),
    Column("change_id", Text, nullable=False), Column("base", Text), Column("digest", Text, nullable=False),
    Index("ix_field_write_entity", "entity_id", "field", "hlc"),
    Index("ix_field_write_base", "base"),
    Index("ix_field_write_field", "field", "entity_id"),  # schema 11: merges, also of records not held here
)

# Which concurrent writes each resolution settles (schema 8): a conflict is open until every write
# of it is named here. Filled from the change records' ``resolves``.
resolution = Table(
    "resolution", metadata,
    Column("change_id", Text, primary_key=True), Column("resolved_id", Text, primary_key=True),
    Index("ix_resolution_resolved", "resolved_id"),
)

# Corrections proposed by agents, waiting for a supervisor (schema 9). Kept at this station (they
# do not sync): an accepted one becomes an ordinary correction, which does.
proposal = Table(
    "proposal", metadata,
    Column("id", Text, primary_key=True),
    Column("entity", Text, nullable=False), Column("entity_id", Text, nullable=False),
    Column("field", Text, nullable=False), Column("value", Text, nullable=False),  # JSON
    Column("reason", Text, nullable=False),
    Column("proposed_by", Text, nullable=False), Column("proposed_at", Text, nullable=False),
    Column("status", Text, nullable=False),  # open, accepted, rejected
    Column("decided_by", Text), Column("decided_at", Text), Column("decision", Text),
    Index("ix_proposal_status", "status"),
)

# This station's place in a registry (schema 7): one row once enrolled.
sync_state = Table(
    "sync_state", metadata,
    Column("id", Integer, primary_key=True),
    Column("registry_url", Text, nullable=False),
    Column("registry_name", Text, nullable=False),
    Column("registry_key", LargeBinary, nullable=False),  # Ed25519: the registry signs its answers
    Column("enrolled_at", Text, nullable=False),
    Column("cursor", Integer, nullable=False, default=0),  # the last registry sequence pulled
    Column("last_attempt", Text), Column("last_success", Text), Column("last_error", Text),
    Column("failures", Integer, nullable=False, default=0),  # in a row, for the back-off
)

# Transactions the registry refused (schema 11): out of the outbox until a supervisor resends or
# withdraws them. One row per change record of the transaction.
outbox_refusal = Table(
    "outbox_refusal", metadata,
    Column("change_id", Text, primary_key=True),
    Column("tx", Text, nullable=False, index=True),
    Column("reason", Text, nullable=False),
    Column("refused_at", Text, nullable=False),
    Column("status", Text, nullable=False),  # refused, withdrawn (resent: the row is gone)
    Column("decided_by", Text), Column("decided_at", Text), Column("decision", Text),
)

# Records pulled that fail the domain's checks (schema 11): set aside with the reason, never merged.
quarantine = Table(
    "quarantine", metadata,
    Column("change_id", Text, primary_key=True),  # the record's id, or its registry sequence when unreadable
    Column("body", Text, nullable=False),
    Column("signature", LargeBinary, nullable=False),
    Column("registry_seq", Integer),
    Column("reason", Text, nullable=False),
    Column("at", Text, nullable=False),
)

# Bands to follow at the registry (schema 11): a scanned payload, or a lost band's number with a
# reason; kept until the registry has answered, so a follow made offline or whose answer was lost
# is made at the next sync.
pending_follow = Table(
    "pending_follow", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", Text, nullable=False),  # payload, number
    Column("value", Text, nullable=False),  # the payload's text, or the band number
    Column("reason", Text),  # for a number
    Column("added_at", Text, nullable=False), Column("added_by", Text, nullable=False),
    Column("attempts", Integer, nullable=False), Column("last_error", Text),
)

# History pages of newly held units applied since the last pull (schema 11): told to the registry at
# the next pull, which then knows the station has them.
backfill_ack = Table(
    "backfill_ack", metadata,
    Column("family_id", Text, primary_key=True),
    Column("seq", Integer, nullable=False),
)

# Reunification policies the registry signed (schema 13; app.domain.policy), every version received by
# sync: each separation is judged by the version it recorded. Verified against the registry's key
# whenever read.
policy = Table(
    "policy", metadata,
    Column("version", Integer, primary_key=True),
    Column("document", Text, nullable=False),  # the signed bytes, as text
    Column("signature", LargeBinary, nullable=False),
    Column("received_at", Text, nullable=False),
)

ENTITY_TABLES: dict[str, Table] = {
    t.name: t for t in (encounter, family, person, link, link_event, custody, band, photo)
}

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


MIGRATIONS: dict[int, Callable[[Connection], None]] = {1: _to_v1, 2: _to_v2, 3: _to_v3, 4: _to_v4, 5: _to_v5,
                                                       6: _to_v6, 7: _to_v7, 8: _to_v8, 9: _to_v9, 10: _to_v10,
                                                       11: _to_v11, 12: _to_v12, 13: _to_v13}
SCHEMA_VERSION = max(MIGRATIONS)


class SchemaTooNew(Exception):
    def __init__(self, found: int) -> None:
        super().__init__(f"this station store was written by a newer Kinlink (schema version {found}; this "
                         f"version understands up to {SCHEMA_VERSION}). Update Kinlink; the store is unchanged")
        self.found, self.understood = found, SCHEMA_VERSION


def version(conn: Connection) -> int:
    return int(conn.exec_driver_sql("PRAGMA user_version").scalar_one())


def migrate(conn: Connection) -> int:
    """Bring the store to ``SCHEMA_VERSION`` one step at a time; returns the version found."""
    found = version(conn)
    if found > SCHEMA_VERSION:
        raise SchemaTooNew(found)
    for step in range(found + 1, SCHEMA_VERSION + 1):
        MIGRATIONS[step](conn)
        conn.exec_driver_sql(f"PRAGMA user_version = {step}")
    return found
