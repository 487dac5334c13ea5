"""Team libraries: a stable global id, an edit version and who/when on every record; brief locks; a
change log.

- sources, actors, claims, claim_links, briefs, brief_revisions get ``uuid`` (random v4, unique; filled for
  existing rows), ``version`` (1; services add one at every change), ``created_by``/``updated_by`` ('' for
  rows made before this revision). claim_links and brief_revisions also get ``updated`` (= created).
- brief_locks: who is editing a brief's text.
- change_log: one row per change, for open apps to pick up other analysts' changes.

Dialect-neutral except filling the uuids (SQLite: randomblob; PostgreSQL: gen_random_uuid()). On SQLite
``uuid`` stays nullable at the database level (ALTER TABLE cannot add a NOT NULL column without a constant
default, and rebuilding a million-row table would drop the full-text triggers); the unique index and the
services keep it filled. On PostgreSQL it is NOT NULL.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

TRACKED = ("sources", "actors", "claims", "claim_links", "briefs", "brief_revisions")

# A random version-4 UUID as 32 hex digits (how SQLAlchemy's Uuid type stores one on SQLite).
SQLITE_UUID4 = (
    "lower(hex(randomblob(6)) || '4' || substr(hex(randomblob(2)), 2) || "
    "substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(8)), 2))"
)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table in TRACKED:
        with op.batch_alter_table(table, recreate="never") as batch:
            batch.add_column(sa.Column("uuid", sa.Uuid(as_uuid=False), nullable=True))
            batch.add_column(sa.Column("version", sa.Integer, nullable=False, server_default="1"))
            batch.add_column(sa.Column("created_by", sa.Text, nullable=False, server_default=""))
            batch.add_column(sa.Column("updated_by", sa.Text, nullable=False, server_default=""))
            if table in ("claim_links", "brief_revisions"):
                batch.add_column(sa.Column("updated", sa.DateTime, nullable=True))
        if table in ("claim_links", "brief_revisions"):
            op.execute(f"UPDATE {table} SET updated = created")
            if dialect != "sqlite":
                op.alter_column(table, "updated", nullable=False)
        if dialect == "sqlite":
            op.execute(f"UPDATE {table} SET uuid = {SQLITE_UUID4}")
        else:
            op.execute(f"UPDATE {table} SET uuid = gen_random_uuid()")
            # NOT NULL, and a server default so that an older Briefdesk still connected while the library is
            # upgraded cannot insert a row without a global id
            op.alter_column(table, "uuid", nullable=False, server_default=sa.text("gen_random_uuid()"))
        op.create_index(f"uq_{table}_uuid", table, ["uuid"], unique=True)
    op.create_table(
        "brief_locks",
        sa.Column("brief_id", sa.Integer, sa.ForeignKey("briefs.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("holder", sa.Text, nullable=False),
        sa.Column("session", sa.String(64), nullable=False),
        sa.Column("acquired", sa.DateTime, nullable=False),
        sa.Column("heartbeat", sa.DateTime, nullable=False),
    )
    op.create_table(
        "change_log",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("entity", sa.String(16), nullable=False),
        sa.Column("entity_id", sa.Integer, nullable=False),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("changed_by", sa.Text, nullable=False, server_default=""),
        sa.Column("at", sa.DateTime, nullable=False),
        sa.Column("session", sa.String(64), nullable=False, server_default=""),
    )
    op.create_index("ix_change_log_at", "change_log", ["at"])


def downgrade() -> None:
    op.drop_index("ix_change_log_at", "change_log")
    op.drop_table("change_log")
    op.drop_table("brief_locks")
    for table in reversed(TRACKED):
        op.drop_index(f"uq_{table}_uuid", table)
        with op.batch_alter_table(table) as batch:
            for col in ("updated_by", "created_by", "version", "uuid"):
                batch.drop_column(col)
            if table in ("claim_links", "brief_revisions"):
                batch.drop_column("updated")
