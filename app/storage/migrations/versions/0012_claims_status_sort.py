"""A file library (SQLite) lists claims sorted by status from an index.

The claims list sorted by status breaks ties by id. SQLite had only (status, said), so for a first page it
read every claim of the first status in said order and sorted them by id: 650 ms for the first page newest
first on the 1M-claim library (bench/bench_gui.py, "sort by Status desc"). An index on (status) carries the
rowid, which is the id: the page is read in order. A team library has had (status, id) since 0011.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05
"""

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

# what the planner assumes of it (app.storage.sqlite.PLANNER_STATS: four statuses in a million claims)
STAT = "1000000 250000"


def upgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "sqlite":
        return
    op.execute("CREATE INDEX IF NOT EXISTS ix_claims_status ON claims (status)")
    has_stats = conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").first()
    if has_stats is not None:
        conn.exec_driver_sql("DELETE FROM sqlite_stat1 WHERE tbl = 'claims' AND idx = 'ix_claims_status'")
        conn.exec_driver_sql(
            "INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('claims', 'ix_claims_status', ?)", (STAT,)
        )


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name != "sqlite":
        return
    op.execute("DROP INDEX IF EXISTS ix_claims_status")
    if conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").first() is not None:
        conn.exec_driver_sql("DELETE FROM sqlite_stat1 WHERE tbl = 'claims' AND idx = 'ix_claims_status'")
