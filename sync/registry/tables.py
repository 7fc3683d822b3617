"""The registry's tables (SQLAlchemy Core; PostgreSQL in production, a SQLite file for a demo).

The registry keeps the signed change records it has accepted, in the order it accepted them (the
registry sequence), and indexes that say which family unit each record belongs to. A family unit is
read by merging its records (``app.domain.merge``), exactly as a station does. Alembic migrations
(``sync/registry/migrations``) create and change these tables; this module is what the code expects.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Index, Integer, LargeBinary, MetaData, Table, Text

metadata = MetaData()

# An integer that autoincrements on both back ends (SQLite only for INTEGER PRIMARY KEY).
SEQ = BigInteger().with_variant(Integer, "sqlite")

identity = Table(
    "registry_identity", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("private_key", LargeBinary, nullable=False),  # Ed25519: signs every answer
    Column("public_key", LargeBinary, nullable=False),
    Column("recovery_public_key", Text),  # X25519, base64: stations seal their recovery slot to it
    Column("created_at", Text, nullable=False),
)

station = Table(
    "station", metadata,
    Column("code", Text, primary_key=True),
    Column("name", Text, nullable=False),
    Column("public_key", LargeBinary, nullable=False),
    Column("enrolled_at", Text, nullable=False),
    Column("revoked_at", Text),
    Column("revoked_reason", Text),
)

enrollment_code = Table(
    "enrollment_code", metadata,
    Column("digest", Text, primary_key=True),  # SHA-256 of the code: the code itself is never stored
    Column("created_at", Text, nullable=False),
    Column("expires_at", Text, nullable=False),
    Column("used_at", Text),
    Column("used_by", Text),
)

nonce = Table(
    "nonce", metadata,
    Column("value", Text, primary_key=True),
    Column("expires_at", Text, nullable=False, index=True),
)

change = Table(
    "change", metadata,
    Column("seq", SEQ, primary_key=True, autoincrement=True),
    Column("id", Text, nullable=False, unique=True),
    Column("station", Text, nullable=False),
    Column("entity", Text, nullable=False),
    Column("entity_id", Text, nullable=False, index=True),
    Column("hlc", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("signature", LargeBinary, nullable=False),
    Column("received_at", Text, nullable=False),
)

# Which family unit(s) each record belongs to (a link across units belongs to both).
entity_family = Table(
    "entity_family", metadata,
    Column("entity_id", Text, primary_key=True),
    Column("family_id", Text, primary_key=True),
    Index("ix_entity_family_family", "family_id"),
)

band_index = Table(
    "band_index", metadata,
    Column("number", Text, primary_key=True),
    Column("family_id", Text, nullable=False),
)

# Records that name one the registry has not seen yet (chunks out of order): indexed when it comes.
orphan = Table(
    "orphan", metadata,
    Column("ref_id", Text, primary_key=True),
    Column("change_id", Text, primary_key=True),
)

# The family units each station holds: those it wrote to, and those it asked for by band number.
subscription = Table(
    "subscription", metadata,
    Column("station", Text, primary_key=True),
    Column("family_id", Text, primary_key=True),
)

# The registry's own audit chain (migration 0003): enrolments, revocations, codes issued, every push,
# pull, follow and family read, and each access to this log; hash-chained like a station's
# (``app.security.audit``). ``user`` is the station that asked, or "operator:<login>" at the command line.
audit = Table(
    "audit", metadata,
    Column("seq", SEQ, primary_key=True),
    Column("at", Text, nullable=False),
    Column("station", Text, nullable=False),  # where: "registry"
    Column("user", Text, nullable=False),
    Column("action", Text, nullable=False),
    Column("target", Text, nullable=False),
    Column("outcome", Text, nullable=False),
    Column("detail", Text, nullable=False),
    Column("prev_hash", Text, nullable=False),
    Column("hash", Text, nullable=False),
)

# Each station's audit chain as it sent it at sync (migration 0003): a station whose log is rewritten
# afterwards (by someone holding its data key) no longer matches this copy, and the registry says so.
station_audit = Table(
    "station_audit", metadata,
    Column("station", Text, primary_key=True),
    Column("seq", BigInteger, primary_key=True),
    Column("at", Text, nullable=False),
    Column("user", Text, nullable=False),
    Column("action", Text, nullable=False),
    Column("target", Text, nullable=False),
    Column("outcome", Text, nullable=False),
    Column("detail", Text, nullable=False),
    Column("prev_hash", Text, nullable=False),
    Column("hash", Text, nullable=False),
    Column("received_at", Text, nullable=False),
)

# A station whose audit chain stopped matching the registry's copy (migration 0003).
audit_divergence = Table(
    "audit_divergence", metadata,
    Column("station", Text, primary_key=True),
    Column("seq", BigInteger, nullable=False),  # the first record that differs
    Column("found_at", Text, nullable=False),
    Column("reason", Text, nullable=False),
)
