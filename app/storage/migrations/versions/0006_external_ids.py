"""External ids: a record's id in another system (STIX, MISP), so that importing the same bundle or event
twice adds nothing and an exported record keeps the id it came with.

One nullable foreign key per kind of record (sources, actors, claims, claim_links), exactly one set, each
deleting the row with its record. Dialect-neutral: a new table and indexes only.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

ONE_RECORD = (
    " + ".join(
        f"(CASE WHEN {c} IS NULL THEN 0 ELSE 1 END)" for c in ("source_id", "actor_id", "claim_id", "link_id")
    )
    + " = 1"
)


def upgrade() -> None:
    op.create_table(
        "external_ids",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("system", sa.String(16), nullable=False),
        sa.Column("external_id", sa.String(300), nullable=False),
        sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id", ondelete="CASCADE"), nullable=True),
        sa.Column("actor_id", sa.Integer, sa.ForeignKey("actors.id", ondelete="CASCADE"), nullable=True),
        sa.Column("claim_id", sa.Integer, sa.ForeignKey("claims.id", ondelete="CASCADE"), nullable=True),
        sa.Column("link_id", sa.Integer, sa.ForeignKey("claim_links.id", ondelete="CASCADE"), nullable=True),
        sa.Column("created", sa.DateTime, nullable=False),
        sa.UniqueConstraint("system", "external_id", name="uq_external_ids_system_id"),
        sa.CheckConstraint(ONE_RECORD, name="ck_external_ids_one_record"),
    )
    for column in ("source", "actor", "claim", "link"):
        op.create_index(f"ix_external_ids_{column}", "external_ids", [f"{column}_id"])


def downgrade() -> None:
    for column in ("source", "actor", "claim", "link"):
        op.drop_index(f"ix_external_ids_{column}", "external_ids")
    op.drop_table("external_ids")
