"""The registry's tables (SQLAlchemy Core; PostgreSQL in production, a SQLite file for a demo).

The registry keeps the signed change records it has accepted, in the order it accepted them (the
registry sequence), and indexes that say which family unit each record belongs to. A family unit is
read by merging its records (``app.domain.merge``), exactly as a station does. Alembic migrations
(``sync/registry/migrations``) create and change these tables; this module is what the code expects.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, Column, Index, Integer, LargeBinary, MetaData, Table, Text, false

from app.security import audit as chain

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
    # 0005: the agency and facility the station belongs to (docs/reunification.md), and whether it
    # may read the whole reunification board (an oversight station).
    Column("agency", Text, nullable=False, server_default="other"),
    Column("facility", Text),
    Column("oversight", Boolean, nullable=False, server_default=false()),
)

enrollment_code = Table(
    "enrollment_code", metadata,
    Column("digest", Text, primary_key=True),  # SHA-256 of the code: the code itself is never stored
    Column("created_at", Text, nullable=False),
    Column("expires_at", Text, nullable=False),
    Column("used_at", Text),
    Column("used_by", Text),
    # 0005: what the station enrolled with this code is (given to it at enrolment)
    Column("agency", Text, nullable=False, server_default="other"),
    Column("facility", Text),
    Column("oversight", Boolean, nullable=False, server_default=false()),
)

# 0006: the reunification policies operators set (app.domain.policy), each version signed by the
# registry's key; stations receive every version at sync. None set: the built-in default (version 0).
policy = Table(
    "policy", metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("document", Text, nullable=False),  # the signed bytes, as text
    Column("signature", LargeBinary, nullable=False),
    Column("set_at", Text, nullable=False),
    Column("set_by", Text, nullable=False),
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
    Column("person_id", Text),  # migration 0004 (None for bands indexed before it and not seen since)
)

# Records that name one the registry has not seen yet (chunks out of order): indexed when it comes.
orphan = Table(
    "orphan", metadata,
    Column("ref_id", Text, primary_key=True),
    Column("change_id", Text, primary_key=True),
)

# Current state (migration 0004), updated in the push transaction: what the registry's checks read
# (one creation per id, unique numbers, invariant 1, who may write where) and what the reunification
# board will read. ``data`` is the JSON of each field's current value (a photo's image left out);
# ``clocks`` the [clock, change id] of the write shown per field, the same rule as ``app.domain.merge``.
record = Table(
    "record", metadata,
    Column("entity_id", Text, primary_key=True),
    Column("entity", Text, nullable=False),
    Column("station", Text, nullable=False),  # whose creation was accepted first: the record's origin
    Column("created_seq", BigInteger, nullable=False),
    Column("created_hlc", Text, nullable=False),
    Column("family_id", Text),  # a person's family unit now; a family unit's own id; None otherwise
    Column("data", Text, nullable=False),
    Column("clocks", Text, nullable=False),
    Index("ix_record_family", "family_id"),
)

# Which record names which (fixed at creation: a band, custody record or photo names its person, a link
# its two people, a link event its link): every record of a person, when the person moves.
record_ref = Table(
    "record_ref", metadata,
    Column("ref_id", Text, primary_key=True),
    Column("entity_id", Text, primary_key=True),
)

family_index = Table(
    "family_index", metadata,
    Column("number", Text, primary_key=True),
    Column("family_id", Text, nullable=False),
)

# The family units each station holds (need to know, migration 0004): the units it created, those of
# a band it scanned (its signed payload) or followed by number with a reason, those granted by a custody
# transfer from a person's custodian, and those held before the rule ("legacy"). A new holding's history
# goes to the station with its next pulls (``backfill_to``: up to which sequence; ``backfill_done``: how
# far the station has confirmed) until it is ``complete``. A grant to a station not enrolled yet waits here.
holding = Table(
    "holding", metadata,
    Column("station", Text, primary_key=True),
    Column("family_id", Text, primary_key=True),
    Column("reason", Text, nullable=False),  # created, payload, number, custody, legacy
    Column("detail", Text, nullable=False),  # the band scanned or followed, the custody record that granted it
    Column("since", Text, nullable=False),
    Column("backfill_to", BigInteger),
    Column("backfill_done", BigInteger, nullable=False),
    Column("complete", Boolean, nullable=False),
    Index("ix_holding_family", "family_id"),
)

# Follows by bare band number (a lost band), for the operators' review and the per-station daily limit.
number_follow = Table(
    "number_follow", metadata,
    Column("seq", SEQ, primary_key=True, autoincrement=True),
    Column("station", Text, nullable=False),
    Column("band", Text, nullable=False),
    Column("family_id", Text),  # None when the registry holds no such band
    Column("reason", Text, nullable=False),
    Column("at", Text, nullable=False),
    Index("ix_number_follow_station", "station", "at"),
)

# Records delivered to the holders of a unit beyond those of its own records: a merge of a person into
# one of another unit goes to that unit's holders too (with the merged person's bands).
change_delivery = Table(
    "change_delivery", metadata,
    Column("seq", BigInteger, primary_key=True),
    Column("family_id", Text, primary_key=True),
    Index("ix_change_delivery_family", "family_id"),
)

# Rate limits (migration 0004): requests counted per client and fixed window, in the database so that
# every registry process counts the same.
rate_counter = Table(
    "rate_counter", metadata,
    Column("key", Text, primary_key=True),
    Column("window", BigInteger, primary_key=True),
    Column("count", Integer, nullable=False),
)

# The registry's own audit chain (migration 0003): enrolments, revocations, codes issued, every push,
# pull, follow and family read, and each access to this log; hash-chained like a station's
# (``app.security.audit``). ``user`` is the station that asked, or "operator:<login>" at the command line.
audit = Table(
    "audit", metadata,
    Column("seq", SEQ, primary_key=True),
    *(Column(name, Text, nullable=False) for name in chain.COLUMNS if name != "seq"),  # station: "registry"
)

# Each station's audit chain as it sent it at sync (migration 0003): a station whose log is rewritten
# afterwards (by someone holding its data key) no longer matches this copy, and the registry says so.
station_audit = Table(
    "station_audit", metadata,
    Column("station", Text, primary_key=True),
    Column("seq", BigInteger, primary_key=True),
    *(Column(name, Text, nullable=False) for name in chain.COLUMNS if name not in ("seq", "station")),
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
