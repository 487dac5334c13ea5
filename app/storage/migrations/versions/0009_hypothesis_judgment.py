"""A hypothesis may name the key judgment that states it (``hypotheses.judgment``, its 1-based number in the
brief's Key Judgments section), so the checks can hold that judgment's likelihood to the ACH ranking.

One nullable column; nothing stored changes (existing hypotheses are tied to no judgment). The CHECK is
added with the column, so SQLite needs no table rebuild.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("hypotheses", recreate="never") as batch:
        batch.add_column(
            sa.Column(
                "judgment",
                sa.Integer,
                sa.CheckConstraint("judgment IS NULL OR judgment >= 1", name="ck_hypotheses_judgment"),
                nullable=True,
            )
        )


def downgrade() -> None:
    with op.batch_alter_table("hypotheses") as batch:
        batch.drop_column("judgment")
