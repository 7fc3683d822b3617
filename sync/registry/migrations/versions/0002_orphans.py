"""Records that name a record the registry has not seen yet wait here, to be indexed when it comes
(chunks delivered out of order).

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("orphan",
                    sa.Column("ref_id", sa.Text, primary_key=True),
                    sa.Column("change_id", sa.Text, primary_key=True))


def downgrade() -> None:
    op.drop_table("orphan")
