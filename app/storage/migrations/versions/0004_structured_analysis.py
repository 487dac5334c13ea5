"""Structured analysis: competing hypotheses, the ACH matrix's claims and ratings, key assumptions.

New tables only; nothing already stored changes. Each belongs to a brief and goes when the brief goes
(ON DELETE CASCADE); a matrix row and its ratings go when their claim is deleted (the claim's undo puts them
back, see ClaimService.restore).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hypotheses",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("brief_id", sa.Integer, sa.ForeignKey("briefs.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("created", sa.DateTime, nullable=False),
        sa.Column("updated", sa.DateTime, nullable=False),
    )
    op.create_index("ix_hypotheses_brief", "hypotheses", ["brief_id", "position"])
    op.create_table(
        "ach_claims",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("brief_id", sa.Integer, sa.ForeignKey("briefs.id", ondelete="CASCADE"), nullable=False),
        sa.Column("claim_id", sa.Integer, sa.ForeignKey("claims.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("created", sa.DateTime, nullable=False),
        sa.UniqueConstraint("brief_id", "claim_id", name="uq_ach_claims_brief_claim"),
    )
    op.create_index("ix_ach_claims_claim", "ach_claims", ["claim_id"])
    op.create_table(
        "ach_ratings",
        sa.Column(
            "hypothesis_id",
            sa.Integer,
            sa.ForeignKey("hypotheses.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("claim_id", sa.Integer, sa.ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("rating", sa.String(2), nullable=False),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.Column("updated", sa.DateTime, nullable=False),
        sa.CheckConstraint("rating IN ('CC','C','N','I','II','NA')", name="ck_ach_ratings_rating"),
    )
    op.create_index("ix_ach_ratings_claim", "ach_ratings", ["claim_id"])
    op.create_table(
        "assumptions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("brief_id", sa.Integer, sa.ForeignKey("briefs.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("rating", sa.String(16), nullable=False),
        sa.Column("why", sa.Text, nullable=False, server_default=""),
        sa.Column("judgment", sa.Integer, nullable=True),
        sa.Column("created", sa.DateTime, nullable=False),
        sa.Column("updated", sa.DateTime, nullable=False),
        sa.CheckConstraint("rating IN ('solid','caveated','unsupported')", name="ck_assumptions_rating"),
        sa.CheckConstraint("judgment IS NULL OR judgment >= 1", name="ck_assumptions_judgment"),
    )
    op.create_index("ix_assumptions_brief", "assumptions", ["brief_id", "position"])


def downgrade() -> None:
    op.drop_index("ix_assumptions_brief", "assumptions")
    op.drop_table("assumptions")
    op.drop_index("ix_ach_ratings_claim", "ach_ratings")
    op.drop_table("ach_ratings")
    op.drop_index("ix_ach_claims_claim", "ach_claims")
    op.drop_table("ach_claims")
    op.drop_index("ix_hypotheses_brief", "hypotheses")
    op.drop_table("hypotheses")
