"""The registry's first schema: its identity, stations and enrolment codes, nonces, the change
records it accepted, and the indexes from records and band numbers to family units.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

SEQ = sa.BigInteger().with_variant(sa.Integer, "sqlite")


def upgrade() -> None:
    op.create_table("registry_identity",
                    sa.Column("id", sa.Integer, primary_key=True),
                    sa.Column("name", sa.Text, nullable=False),
                    sa.Column("private_key", sa.LargeBinary, nullable=False),
                    sa.Column("public_key", sa.LargeBinary, nullable=False),
                    sa.Column("recovery_public_key", sa.Text),
                    sa.Column("created_at", sa.Text, nullable=False))
    op.create_table("station",
                    sa.Column("code", sa.Text, primary_key=True),
                    sa.Column("name", sa.Text, nullable=False),
                    sa.Column("public_key", sa.LargeBinary, nullable=False),
                    sa.Column("enrolled_at", sa.Text, nullable=False),
                    sa.Column("revoked_at", sa.Text),
                    sa.Column("revoked_reason", sa.Text))
    op.create_table("enrollment_code",
                    sa.Column("digest", sa.Text, primary_key=True),
                    sa.Column("created_at", sa.Text, nullable=False),
                    sa.Column("expires_at", sa.Text, nullable=False),
                    sa.Column("used_at", sa.Text),
                    sa.Column("used_by", sa.Text))
    op.create_table("nonce",
                    sa.Column("value", sa.Text, primary_key=True),
                    sa.Column("expires_at", sa.Text, nullable=False))
    op.create_index("ix_nonce_expires_at", "nonce", ["expires_at"])
    op.create_table("change",
                    sa.Column("seq", SEQ, primary_key=True, autoincrement=True),
                    sa.Column("id", sa.Text, nullable=False, unique=True),
                    sa.Column("station", sa.Text, nullable=False),
                    sa.Column("entity", sa.Text, nullable=False),
                    sa.Column("entity_id", sa.Text, nullable=False),
                    sa.Column("hlc", sa.Text, nullable=False),
                    sa.Column("body", sa.Text, nullable=False),
                    sa.Column("signature", sa.LargeBinary, nullable=False),
                    sa.Column("received_at", sa.Text, nullable=False))
    op.create_index("ix_change_entity_id", "change", ["entity_id"])
    op.create_table("entity_family",
                    sa.Column("entity_id", sa.Text, primary_key=True),
                    sa.Column("family_id", sa.Text, primary_key=True))
    op.create_index("ix_entity_family_family", "entity_family", ["family_id"])
    op.create_table("band_index",
                    sa.Column("number", sa.Text, primary_key=True),
                    sa.Column("family_id", sa.Text, nullable=False))
    op.create_table("subscription",
                    sa.Column("station", sa.Text, primary_key=True),
                    sa.Column("family_id", sa.Text, primary_key=True))


def downgrade() -> None:
    for table in ("subscription", "band_index", "entity_family", "change", "nonce", "enrollment_code", "station",
                  "registry_identity"):
        op.drop_table(table)
