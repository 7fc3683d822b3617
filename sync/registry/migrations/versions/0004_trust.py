"""The registry trusts each station with its own records only (need to know, current state, limits):
the current state of every record (``record``, ``record_ref``, ``family_index``, band -> person), the
units each station holds (``holding``, taking over ``subscription`` as "legacy" holdings), follows by
number, deliveries beyond a record's own unit, and rate-limit counters. The state of what is stored
already is built from the stored records (``sync.registry.state.rebuild``), refusing none of them.

Revision ID: 0004
Revises: 0003
"""

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

SEQ = sa.BigInteger().with_variant(sa.Integer, "sqlite")


def upgrade() -> None:
    op.create_table("record",
                    sa.Column("entity_id", sa.Text, primary_key=True),
                    sa.Column("entity", sa.Text, nullable=False),
                    sa.Column("station", sa.Text, nullable=False),
                    sa.Column("created_seq", sa.BigInteger, nullable=False),
                    sa.Column("created_hlc", sa.Text, nullable=False),
                    sa.Column("family_id", sa.Text),
                    sa.Column("data", sa.Text, nullable=False),
                    sa.Column("clocks", sa.Text, nullable=False))
    op.create_index("ix_record_family", "record", ["family_id"])
    op.create_table("record_ref",
                    sa.Column("ref_id", sa.Text, primary_key=True),
                    sa.Column("entity_id", sa.Text, primary_key=True))
    op.create_table("family_index",
                    sa.Column("number", sa.Text, primary_key=True),
                    sa.Column("family_id", sa.Text, nullable=False))
    op.create_table("holding",
                    sa.Column("station", sa.Text, primary_key=True),
                    sa.Column("family_id", sa.Text, primary_key=True),
                    sa.Column("reason", sa.Text, nullable=False),
                    sa.Column("detail", sa.Text, nullable=False),
                    sa.Column("since", sa.Text, nullable=False),
                    sa.Column("backfill_to", sa.BigInteger),
                    sa.Column("backfill_done", sa.BigInteger, nullable=False),
                    sa.Column("complete", sa.Boolean, nullable=False))
    op.create_index("ix_holding_family", "holding", ["family_id"])
    op.create_table("number_follow",
                    sa.Column("seq", SEQ, primary_key=True, autoincrement=True),
                    sa.Column("station", sa.Text, nullable=False),
                    sa.Column("band", sa.Text, nullable=False),
                    sa.Column("family_id", sa.Text),
                    sa.Column("reason", sa.Text, nullable=False),
                    sa.Column("at", sa.Text, nullable=False))
    op.create_index("ix_number_follow_station", "number_follow", ["station", "at"])
    op.create_table("change_delivery",
                    sa.Column("seq", sa.BigInteger, primary_key=True),
                    sa.Column("family_id", sa.Text, primary_key=True))
    op.create_index("ix_change_delivery_family", "change_delivery", ["family_id"])
    op.create_table("rate_counter",
                    sa.Column("key", sa.Text, primary_key=True),
                    sa.Column("window", sa.BigInteger, primary_key=True),
                    sa.Column("count", sa.Integer, nullable=False))
    with op.batch_alter_table("band_index") as batch:
        batch.add_column(sa.Column("person_id", sa.Text))
    since = datetime.now(UTC).isoformat(timespec="milliseconds")
    op.get_bind().execute(sa.text(
        "INSERT INTO holding (station, family_id, reason, detail, since, backfill_to, backfill_done, complete) "
        "SELECT station, family_id, 'legacy', '', :since, NULL, 0, :complete FROM subscription"),
        {"since": since, "complete": True})
    op.drop_table("subscription")
    _current_state()


def _current_state() -> None:
    from sync.registry import state  # the rule the code applies, so the state built here equals it

    conn = op.get_bind()
    state.rebuild(conn)
    op.execute("INSERT INTO family_index (number, family_id) SELECT DISTINCT "
               + _json_text("data", "number") + ", entity_id FROM record WHERE entity = 'family' AND "
               + _json_text("data", "number") + " IS NOT NULL ON CONFLICT DO NOTHING")
    op.execute("UPDATE band_index SET person_id = (SELECT " + _json_text("r.data", "person_id")
               + " FROM record r WHERE r.entity = 'band' AND " + _json_text("r.data", "number")
               + " = band_index.number LIMIT 1)")


def _json_text(column: str, key: str) -> str:
    """A top-level text value of a JSON column, on either database."""
    if op.get_bind().dialect.name == "postgresql":
        return f"(({column})::json ->> '{key}')"
    return f"json_extract({column}, '$.{key}')"


def downgrade() -> None:
    with op.batch_alter_table("band_index") as batch:
        batch.drop_column("person_id")
    op.create_table("subscription",
                    sa.Column("station", sa.Text, primary_key=True),
                    sa.Column("family_id", sa.Text, primary_key=True))
    op.execute("INSERT INTO subscription (station, family_id) SELECT station, family_id FROM holding")
    for name in ("rate_counter", "change_delivery", "number_follow", "holding", "family_index", "record_ref",
                 "record"):
        op.drop_table(name)
