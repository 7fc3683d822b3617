"""The reunification policy (docs/reunification.md): operators set its deadlines; each version is
numbered and signed by the registry, and stations receive every version at sync. A registry without
one uses the built-in default (the 2018 court order's 14/30/10 days), version 0.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("policy",
                    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
                    sa.Column("document", sa.Text, nullable=False),
                    sa.Column("signature", sa.LargeBinary, nullable=False),
                    sa.Column("set_at", sa.Text, nullable=False),
                    sa.Column("set_by", sa.Text, nullable=False))


def downgrade() -> None:
    op.drop_table("policy")
