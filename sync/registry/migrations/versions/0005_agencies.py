"""Partner agencies (docs/reunification.md): each station belongs to an agency (cbp, ice, hhs_orr,
other) and a facility, and may be an oversight station that reads the whole reunification board; an
enrolment code says what the station enrolled with it is. Stations enrolled before are "other", with
no facility, until an operator sets them (``kinlink registry stations set``).

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TABLES = ("station", "enrollment_code")


def upgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("agency", sa.Text, nullable=False, server_default="other"))
            batch.add_column(sa.Column("facility", sa.Text))
            batch.add_column(sa.Column("oversight", sa.Boolean, nullable=False, server_default=sa.false()))


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            for column in ("oversight", "facility", "agency"):
                batch.drop_column(column)
