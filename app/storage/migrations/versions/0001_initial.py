"""The first schema: sources, actors, claims, links, briefs, waivers, full-text index.

Revision ID: 0001
Revises:
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

from app.storage import sqlite as sqlite_parts

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.Text, nullable=False, server_default=""),
        sa.Column("kind", sa.String(32), nullable=False, server_default="other"),
        sa.Column("outlet", sa.Text, nullable=False, server_default=""),
        sa.Column("authors", sa.Text, nullable=False, server_default=""),
        sa.Column("url", sa.Text, nullable=False, server_default=""),
        sa.Column("published", sa.Date, nullable=True),
        sa.Column("accessed", sa.Date, nullable=True),
        sa.Column("language", sa.String(35), nullable=False, server_default=""),
        sa.Column("body", sa.Text, nullable=False, server_default=""),
        sa.Column("sha256", sa.String(64), nullable=False, unique=True),
        sa.Column("reliability", sa.String(1), nullable=False, server_default="F"),
        sa.Column("descriptor", sa.Text, nullable=False, server_default=""),
        sa.Column("notes", sa.Text, nullable=False, server_default=""),
        sa.Column("created", sa.DateTime, nullable=False),
        sa.Column("updated", sa.DateTime, nullable=False),
        sa.CheckConstraint("reliability IN ('A','B','C','D','E','F')", name="ck_sources_reliability"),
    )
    op.create_index("ix_sources_published", "sources", ["published"])
    op.create_index("ix_sources_url", "sources", ["url"])
    op.create_table(
        "source_originals",
        sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("data", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "actors",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("norm_name", sa.Text, nullable=False),
        sa.Column("role", sa.Text, nullable=False, server_default=""),
        sa.Column("affiliation", sa.Text, nullable=False, server_default=""),
        sa.Column("norm_affiliation", sa.Text, nullable=False, server_default=""),
        sa.Column("aliases", sa.Text, nullable=False, server_default="[]"),
        sa.Column("created", sa.DateTime, nullable=False),
        sa.Column("updated", sa.DateTime, nullable=False),
        sa.UniqueConstraint("norm_name", "norm_affiliation", name="uq_actors_name_affiliation"),
    )
    op.create_table(
        "claims",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id", ondelete="CASCADE"), nullable=False),
        sa.Column("actor_id", sa.Integer, sa.ForeignKey("actors.id", ondelete="SET NULL"), nullable=True),
        sa.Column("statement", sa.Text, nullable=False, server_default=""),
        sa.Column("quote", sa.Text, nullable=False, server_default=""),
        sa.Column("span_start", sa.Integer, nullable=False, server_default="0"),
        sa.Column("span_end", sa.Integer, nullable=False, server_default="0"),
        sa.Column("said", sa.Date, nullable=True),
        sa.Column("credibility", sa.Integer, nullable=False, server_default="6"),
        sa.Column("status", sa.String(16), nullable=False, server_default="unverified"),
        sa.Column("notes", sa.Text, nullable=False, server_default=""),
        sa.Column("created", sa.DateTime, nullable=False),
        sa.Column("updated", sa.DateTime, nullable=False),
        sa.CheckConstraint("credibility BETWEEN 1 AND 6", name="ck_claims_credibility"),
        sa.CheckConstraint("status IN ('unverified','corroborated','disputed','retracted')", name="ck_claims_status"),
    )
    op.create_index("ix_claims_source", "claims", ["source_id", "span_start"])
    op.create_index("ix_claims_actor_said", "claims", ["actor_id", "said"])
    op.create_index("ix_claims_said", "claims", ["said"])
    op.create_index("ix_claims_status_said", "claims", ["status", "said"])
    op.create_table(
        "claim_tags",
        sa.Column("claim_id", sa.Integer, sa.ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("tag", sa.Text, primary_key=True),
    )
    op.create_index("ix_claim_tags_tag", "claim_tags", ["tag", "claim_id"])
    op.create_table(
        "claim_links",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("from_claim_id", sa.Integer, sa.ForeignKey("claims.id", ondelete="CASCADE"), nullable=False),
        sa.Column("to_claim_id", sa.Integer, sa.ForeignKey("claims.id", ondelete="CASCADE"), nullable=False),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.Column("created", sa.DateTime, nullable=False),
        sa.CheckConstraint("kind IN ('denies','corroborates','qualifies')", name="ck_links_kind"),
        sa.CheckConstraint("from_claim_id <> to_claim_id", name="ck_links_not_self"),
        sa.UniqueConstraint("from_claim_id", "to_claim_id", name="uq_links_pair"),
    )
    op.create_index("ix_links_to_kind", "claim_links", ["to_claim_id", "kind"])
    op.create_table(
        "briefs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False, server_default=""),
        sa.Column("marking_scheme", sa.String(16), nullable=False, server_default="none"),
        sa.Column("default_marking", sa.Text, nullable=False, server_default=""),
        sa.Column("author", sa.Text, nullable=False, server_default=""),
        sa.Column("organisation", sa.Text, nullable=False, server_default=""),
        sa.Column("status", sa.String(16), nullable=False, server_default="draft"),
        sa.Column("created", sa.DateTime, nullable=False),
        sa.Column("updated", sa.DateTime, nullable=False),
    )
    op.create_table(
        "brief_revisions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("brief_id", sa.Integer, sa.ForeignKey("briefs.id", ondelete="CASCADE"), nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("reason", sa.String(16), nullable=False, server_default="save"),
        sa.Column("word_count", sa.Integer, nullable=False, server_default="0"),
        sa.Column("created", sa.DateTime, nullable=False),
    )
    op.create_index("ix_revisions_brief", "brief_revisions", ["brief_id", "id"])
    op.create_table(
        "brief_citations",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("brief_id", sa.Integer, sa.ForeignKey("briefs.id", ondelete="CASCADE"), nullable=False),
        sa.Column("kind", sa.String(8), nullable=False),
        sa.Column("ident", sa.Integer, nullable=False),
        sa.Column("line", sa.Integer, nullable=False),
        sa.Column("col", sa.Integer, nullable=False),
        sa.Column("section", sa.Text, nullable=False, server_default=""),
    )
    op.create_index("ix_citations_target", "brief_citations", ["kind", "ident"])
    op.create_index("ix_citations_brief", "brief_citations", ["brief_id"])
    op.create_table(
        "balance_waivers",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("brief_id", sa.Integer, sa.ForeignKey("briefs.id", ondelete="CASCADE"), nullable=False),
        sa.Column("claim_id", sa.Integer, sa.ForeignKey("claims.id", ondelete="CASCADE"), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("created", sa.DateTime, nullable=False),
        sa.UniqueConstraint("brief_id", "claim_id", name="uq_waivers_brief_claim"),
    )
    for statement in _fts().FTS_DDL:
        op.execute(statement)


def _fts():
    """The full-text index of this database: FTS5 on SQLite, tsvector columns on PostgreSQL."""
    if op.get_bind().dialect.name == "postgresql":
        from app.storage import postgres

        return postgres
    return sqlite_parts


def downgrade() -> None:
    for statement in _fts().FTS_DROP:
        op.execute(statement)
    for table in ("balance_waivers", "brief_citations", "brief_revisions", "briefs", "claim_links",
                  "claim_tags", "claims", "actors", "source_originals", "sources"):
        op.drop_table(table)
