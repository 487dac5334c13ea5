"""Provenance: sources derived from sources, claims reported from claims.

- source_derivations: source B <kind> source A (rewrites, quotes, translates, reposts, cites), with who
  recorded it and when. Cycles are refused by app.provenance, not by the schema.
- claim_reports: claim C reports claim D ("according to the ministry, ..."), or an original that did not
  survive (reported_from_id NULL, named by origin_name / origin_actor_id).
- Both carry uuid, version, created_by/updated_by and created/updated, like the records of a team library.

Existing libraries gain two empty tables: nothing already stored changes meaning (a claim with no report
and a source with no derivation is its own origin, as before).

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def _tracked() -> list[sa.Column]:
    """A global id, an edit version and who/when, as every record of a team library has them."""
    return [
        sa.Column("uuid", sa.Uuid(as_uuid=False), nullable=False),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
        sa.Column("created_by", sa.Text, nullable=False, server_default=""),
        sa.Column("updated_by", sa.Text, nullable=False, server_default=""),
        sa.Column("created", sa.DateTime, nullable=False),
        sa.Column("updated", sa.DateTime, nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        "source_derivations",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id", ondelete="CASCADE"), nullable=False),
        sa.Column(
            "derived_from_id", sa.Integer, sa.ForeignKey("sources.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("note", sa.Text, nullable=False),
        *_tracked(),
        sa.CheckConstraint(
            "kind IN ('rewrites','quotes','translates','reposts','cites')", name="ck_derivations_kind"
        ),
        sa.CheckConstraint("source_id <> derived_from_id", name="ck_derivations_not_self"),
        sa.UniqueConstraint("source_id", "derived_from_id", name="uq_derivations_pair"),
    )
    op.create_index("ix_derivations_from", "source_derivations", ["derived_from_id"])
    op.create_index("uq_source_derivations_uuid", "source_derivations", ["uuid"], unique=True)
    op.create_table(
        "claim_reports",
        sa.Column(
            "claim_id", sa.Integer, sa.ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column(
            "reported_from_id", sa.Integer, sa.ForeignKey("claims.id", ondelete="SET NULL"), nullable=True
        ),
        sa.Column("origin_name", sa.Text, nullable=False),
        sa.Column(
            "origin_actor_id", sa.Integer, sa.ForeignKey("actors.id", ondelete="SET NULL"), nullable=True
        ),
        sa.Column("note", sa.Text, nullable=False),
        *_tracked(),
        sa.CheckConstraint(
            "reported_from_id IS NULL OR reported_from_id <> claim_id", name="ck_reports_not_self"
        ),
    )
    op.create_index("ix_reports_from", "claim_reports", ["reported_from_id"])
    op.create_index("uq_claim_reports_uuid", "claim_reports", ["uuid"], unique=True)


def downgrade() -> None:
    op.drop_index("uq_claim_reports_uuid", "claim_reports")
    op.drop_index("ix_reports_from", "claim_reports")
    op.drop_table("claim_reports")
    op.drop_index("uq_source_derivations_uuid", "source_derivations")
    op.drop_index("ix_derivations_from", "source_derivations")
    op.drop_table("source_derivations")
