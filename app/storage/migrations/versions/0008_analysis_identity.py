"""The structured-analysis records (0004) become tracked like every other record (0005): uuid, version,
created_by/updated_by on hypotheses, ach_claims, ach_ratings and assumptions; ach_claims gains ``updated``
and ach_ratings ``created`` (each set from the other for existing rows).

Follows 0005: uuids filled for existing rows (SQLite: randomblob; PostgreSQL: gen_random_uuid()), unique;
on SQLite ``uuid`` stays nullable at the database level, the services keep it filled.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

TABLES = ("hypotheses", "ach_claims", "ach_ratings", "assumptions")
SQLITE_UUID4 = (
    "lower(hex(randomblob(6)) || '4' || substr(hex(randomblob(2)), 2) || "
    "substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(8)), 2))"
)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    for table in TABLES:
        with op.batch_alter_table(table, recreate="never") as batch:
            batch.add_column(sa.Column("uuid", sa.Uuid(as_uuid=False), nullable=True))
            batch.add_column(sa.Column("version", sa.Integer, nullable=False, server_default="1"))
            batch.add_column(sa.Column("created_by", sa.Text, nullable=False, server_default=""))
            batch.add_column(sa.Column("updated_by", sa.Text, nullable=False, server_default=""))
            if table == "ach_claims":
                batch.add_column(sa.Column("updated", sa.DateTime, nullable=True))
            if table == "ach_ratings":
                batch.add_column(sa.Column("created", sa.DateTime, nullable=True))
        if table == "ach_claims":
            op.execute("UPDATE ach_claims SET updated = created")
        if table == "ach_ratings":
            op.execute("UPDATE ach_ratings SET created = updated")
        if dialect == "sqlite":
            op.execute(f"UPDATE {table} SET uuid = {SQLITE_UUID4}")
        else:
            op.execute(f"UPDATE {table} SET uuid = gen_random_uuid()")
            op.alter_column(table, "uuid", nullable=False)
            if table == "ach_claims":
                op.alter_column(table, "updated", nullable=False)
            if table == "ach_ratings":
                op.alter_column(table, "created", nullable=False)
        op.create_index(f"uq_{table}_uuid", table, ["uuid"], unique=True)


def downgrade() -> None:
    for table in reversed(TABLES):
        op.drop_index(f"uq_{table}_uuid", table)
        with op.batch_alter_table(table) as batch:
            for col in ("updated_by", "created_by", "version", "uuid"):
                batch.drop_column(col)
            if table == "ach_claims":
                batch.drop_column("updated")
            if table == "ach_ratings":
                batch.drop_column("created")
