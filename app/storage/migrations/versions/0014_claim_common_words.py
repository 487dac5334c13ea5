"""Each claim's commonest words as bits, beside its date: a list filtered by them walks an index alone.

A claims list filtered only by the commonest words ("the of and to a in") and sorted by date found its first
page by testing ~16,000 claims against the full-text index, or by reading the six words' doclists whole:
125-150 ms of CPU on the 1M-claim library, whatever the plan (bench/RESULTS.md, "Issue 17"). ``common_words``
holds which of 63 commonest words (app.storage.common_words) each claim's statement or quote holds, and on a
file library the index ``ix_claims_said_words`` (said, id, common_words) lets the list walk the date order
testing ``common_words & mask = mask`` without reading a claim; FTS5 confirms the rows that pass.

The upgrade only adds the column (NULL: not computed) and the partial index ``ix_claims_words_unfilled`` of
the claims left (4.8 s with both indexes on the 1M-claim library): computing and writing the bits of a million
claims takes ~30 s, so it is done afterwards a batch at a time (``common_words.fill_step``, run by the app
while idle with the index upkeep, and by ``briefdesk tidy``), and the last step builds ``ix_claims_said_words``
(2.6 s; filling with it in place took twice as long). The lists use the bits only then. A new library (no
claims) gets both indexes at once. A team library (PostgreSQL) gets the column alone, kept by every write
and never filled for older claims: its lists do not use the bits (bench/RESULTS.md says why), and filling a
million claims would rewrite every row and index entry on the shared server.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None

# what the planner assumes of them (app.storage.sqlite.PLANNER_STATS)
STATS = (("ix_claims_said_words", "1000000 253 1 1"), ("ix_claims_words_unfilled", "1 1"))


def upgrade() -> None:
    conn = op.get_bind()
    op.add_column("claims", sa.Column("common_words", sa.BigInteger(), nullable=True))
    if conn.dialect.name != "sqlite":
        # a team library: the column only (a change of the catalogue, no row rewritten, while others work);
        # its lists do not use the bits, so old claims are never filled (1M updates would rewrite every row
        # and every index entry of the table on the shared server); new and edited claims get theirs
        return
    op.execute(
        "CREATE INDEX IF NOT EXISTS ix_claims_words_unfilled ON claims (id) WHERE common_words IS NULL"
    )
    if conn.exec_driver_sql("SELECT 1 FROM claims LIMIT 1").first() is None:  # a new library: at once
        op.execute("CREATE INDEX IF NOT EXISTS ix_claims_said_words ON claims (said, id, common_words)")
    if conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").first() is not None:
        for name, stat in STATS:
            conn.exec_driver_sql("DELETE FROM sqlite_stat1 WHERE tbl = 'claims' AND idx = ?", (name,))
            conn.exec_driver_sql(
                "INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('claims', ?, ?)", (name, stat)
            )


def downgrade() -> None:
    conn = op.get_bind()
    if conn.dialect.name == "sqlite":
        op.execute("DROP INDEX IF EXISTS ix_claims_words_unfilled")
        op.execute("DROP INDEX IF EXISTS ix_claims_said_words")
        if (
            conn.exec_driver_sql("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'").first()
            is not None
        ):
            for name, _stat in STATS:
                conn.exec_driver_sql("DELETE FROM sqlite_stat1 WHERE tbl = 'claims' AND idx = ?", (name,))
    op.drop_column("claims", "common_words")
