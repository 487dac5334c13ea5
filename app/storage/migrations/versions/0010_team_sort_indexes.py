"""Indexes a team library (PostgreSQL) needs for the claims list sorted by credibility.

The list sorts by credibility and breaks ties by id. A SQLite index on (credibility) carries the rowid, so it
gives that order as it is; a PostgreSQL one does not, and PostgreSQL sorted a sixth of the claims for one
page (0.4-1.0 s on 1M claims, bench/RESULTS.md "Team library"). With the id in the index the first page is
read in order (30-60 ms there), also under a status filter. Nothing changes on SQLite.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04
"""

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_claims_credibility_id": ["credibility", "id"],
    "ix_claims_status_credibility_id": ["status", "credibility", "id"],
}


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, columns in INDEXES.items():
        op.create_index(name, "claims", columns, if_not_exists=True)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name in INDEXES:
        op.drop_index(name, "claims", if_exists=True)
