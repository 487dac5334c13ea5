"""Team library (PostgreSQL): undated claims and sources sort as on SQLite, and read from an index.

SQLite orders a missing date as the smallest value, so newest first an undated claim or source comes last;
PostgreSQL orders NULL as the largest, so a team library listed its undated claims first (19,891 of them on
the 1M-claim benchmark library, sorted by id for every first page). The lists now ask for SQLite's order
(``app.storage.postgres.ordered``), and these indexes hold it, with the id that breaks ties, so a first page
is read in order in either direction, also under a status or actor filter. They replace the indexes on the
same columns without that order. Three more serve other sorts whose ties PostgreSQL had to sort (see
INDEXES). Nothing changes on SQLite.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05
"""

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

# name: (table, the index's columns as SQL, the index it replaces or None, that index's columns)
INDEXES: dict[str, tuple[str, str, str | None, str | None]] = {
    "ix_claims_said_id": ("claims", "(said NULLS FIRST, id)", "ix_claims_said", "(said)"),
    "ix_claims_status_said_id": ("claims", "(status, said NULLS FIRST, id)", "ix_claims_status_said", "(status, said)"),
    "ix_claims_actor_said_id": ("claims", "(actor_id, said NULLS FIRST, id)", "ix_claims_actor_said", "(actor_id, said)"),
    "ix_sources_published_id": ("sources", "(published NULLS FIRST, id)", "ix_sources_published", "(published)"),
    "ix_sources_kind_published_id": (
        "sources",
        "(kind, published NULLS FIRST, id)",
        "ix_sources_kind_published",
        "(kind, published)",
    ),
    # sorted by status or kind, ties by id: without the id PostgreSQL sorted a quarter of the claims (340 ms)
    # or an eighth of the sources (190 ms) for a first page
    "ix_claims_status_id": ("claims", "(status, id)", None, None),
    "ix_sources_kind_id": ("sources", "(kind, id)", None, None),
    # sorted by credibility within a date range: the date in the index makes the walk index-only (each row
    # walked was read from the table: 60-290 ms for a month); replaces 0010's index on the same columns
    "ix_claims_credibility_id_said": (
        "claims",
        "(credibility, id) INCLUDE (said)",
        "ix_claims_credibility_id",
        "(credibility, id)",
    ),
}


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, (table, columns, old, _old_columns) in INDEXES.items():
        op.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} {columns}")
        if old is not None:
            op.execute(f"DROP INDEX IF EXISTS {old}")


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, (table, _columns, old, old_columns) in INDEXES.items():
        if old is not None:
            op.execute(f"CREATE INDEX IF NOT EXISTS {old} ON {table} {old_columns}")
        op.execute(f"DROP INDEX IF EXISTS {name}")
