"""Indexes found missing by the scale benchmark (bench/bench_scale.py, bench/RESULTS.md).

- claims(actor_id): an actor's claims in id order, and the claims without an actor in id order (the
  claims list sorted by actor, or by id, filtered to one actor).
- claims(actor_id, credibility): an actor's claims sorted by credibility without a sort of all of them
  (650 ms for an actor with 41,000 claims).
- sources(kind): the sources list sorted by kind ((kind, published) left a sort by id inside each kind).

And representative planner statistics (app.storage.sqlite.PLANNER_STATS): without any, SQLite picked plans
that sort hundreds of thousands of claims for one page.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from alembic import op

from app.storage import sqlite as sqlite_parts

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_claims_actor", "claims", ["actor_id"])
    op.create_index("ix_claims_actor_credibility", "claims", ["actor_id", "credibility"])
    op.create_index("ix_sources_kind", "sources", ["kind"])
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":  # PostgreSQL keeps its own statistics (autovacuum's ANALYZE)
        sqlite_parts.seed_planner_stats(lambda sql, params: conn.exec_driver_sql(sql, params or ()))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DELETE FROM sqlite_stat1")
    op.drop_index("ix_sources_kind", "sources")
    op.drop_index("ix_claims_actor_credibility", "claims")
    op.drop_index("ix_claims_actor", "claims")
