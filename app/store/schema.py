"""The station store's tables, and the ladder of migrations between schema versions.

The version lives in SQLite's ``user_version``. ``migrations.MIGRATIONS[n]`` takes a store from
version n - 1 to n; each step runs in its own transaction. A store newer than this code is refused.
"""

from __future__ import annotations

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
    text,
)

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
    # schema 14: who set the recovery key, when, and its fingerprint (NULL: before schema 14, or none)
    Column("recovery_set_by", Text), Column("recovery_set_at", Text), Column("recovery_key", Text),
)

users = Table(
    "users", metadata,
    Column("name", Text, primary_key=True),
    Column("role", Text, nullable=False),
    Column("disabled", Boolean, nullable=False, default=False),
    Column("created_at", Text, nullable=False),
    # schema 14: the admin who added the account (NULL: the first admin, or added before); the SHA-256
    # of its current key slot (NULL: not yet recorded on a store from before; "": no slot)
    Column("created_by", Text), Column("slot_digest", Text),
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

SCHEMA_VERSION = 14  # the last step of migrations.MIGRATIONS (a test checks they agree)


class SchemaTooNew(Exception):
    def __init__(self, found: int) -> None:
        super().__init__(f"this station store was written by a newer Kinlink (schema version {found}; this "
                         f"version understands up to {SCHEMA_VERSION}). Update Kinlink; the store is unchanged")
        self.found, self.understood = found, SCHEMA_VERSION


def version(conn: Connection) -> int:
    return int(conn.exec_driver_sql("PRAGMA user_version").scalar_one())


def migrate(conn: Connection) -> int:
    """Bring the store to ``SCHEMA_VERSION`` one step at a time (``migrations.MIGRATIONS``); returns the
    version found."""
    from .migrations import MIGRATIONS  # the ladder imports these tables

    found = version(conn)
    if found > SCHEMA_VERSION:
        raise SchemaTooNew(found)
    for step in range(found + 1, SCHEMA_VERSION + 1):
        MIGRATIONS[step](conn)
        conn.exec_driver_sql(f"PRAGMA user_version = {step}")
    return found
