"""Indexes for sorted, filtered lists at a million claims; the brief's own source summary statement.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

from app.storage import sqlite as sqlite_parts

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("briefs") as batch:
        batch.add_column(sa.Column("summary_statement", sa.Text, nullable=False, server_default=""))
    with op.batch_alter_table("sources") as batch:
        batch.add_column(sa.Column("original_filename", sa.Text, nullable=False, server_default=""))
    op.create_index("ix_sources_kind_published", "sources", ["kind", "published"])
    op.create_index("ix_sources_reliability", "sources", ["reliability"])
    op.create_index("ix_sources_outlet", "sources", ["outlet"])
    op.create_index("ix_sources_title", "sources", ["title"])
    op.create_index("ix_claims_credibility", "claims", ["credibility"])
    # Table rebuilds in batch mode would drop triggers; make sure the full-text triggers are all there.
    if op.get_bind().dialect.name == "sqlite":
        for statement in sqlite_parts.FTS_DDL:
            op.execute(statement)


def downgrade() -> None:
    op.drop_index("ix_claims_credibility", "claims")
    op.drop_index("ix_sources_title", "sources")
    op.drop_index("ix_sources_outlet", "sources")
    op.drop_index("ix_sources_reliability", "sources")
    op.drop_index("ix_sources_kind_published", "sources")
    with op.batch_alter_table("sources") as batch:
        batch.drop_column("original_filename")
    with op.batch_alter_table("briefs") as batch:
        batch.drop_column("summary_statement")
