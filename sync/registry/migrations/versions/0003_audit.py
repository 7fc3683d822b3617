"""The registry's own audit chain, the copy of each station's audit chain sent at sync, and the
stations whose chain stopped matching that copy.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

SEQ = sa.BigInteger().with_variant(sa.Integer, "sqlite")
# Frozen as version 0003 created them (app.security.audit.COLUMNS, less seq and station, is the live
# declaration): a later change to the chain is a new migration, never an edit here.
CHAIN = ("at", "user", "action", "target", "outcome", "detail", "prev_hash", "hash")


def upgrade() -> None:
    op.create_table("audit",
                    sa.Column("seq", SEQ, primary_key=True),
                    sa.Column("station", sa.Text, nullable=False),
                    *(sa.Column(name, sa.Text, nullable=False) for name in CHAIN))
    op.create_table("station_audit",
                    sa.Column("station", sa.Text, primary_key=True),
                    sa.Column("seq", sa.BigInteger, primary_key=True),
                    *(sa.Column(name, sa.Text, nullable=False) for name in CHAIN),
                    sa.Column("received_at", sa.Text, nullable=False))
    op.create_table("audit_divergence",
                    sa.Column("station", sa.Text, primary_key=True),
                    sa.Column("seq", sa.BigInteger, nullable=False),
                    sa.Column("found_at", sa.Text, nullable=False),
                    sa.Column("reason", sa.Text, nullable=False))


def downgrade() -> None:
    for name in ("audit_divergence", "station_audit", "audit"):
        op.drop_table(name)
