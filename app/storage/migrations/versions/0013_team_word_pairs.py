"""Team library (PostgreSQL): a phrase's candidates are found by its adjacent word pairs.

A GIN index on ``search_tsv`` knows which words a row holds, not in which order, so for a phrase every row
holding all its words was read and checked against its tsvector: for "the government" the 7,248 sources and
~30,000 claims holding both words, each source's tsvector read from the TOAST table (75-190 ms a search on
the 1M-claim library, bench/RESULTS.md). This index holds, for each row, the pairs of words that stand next
to each other in its tsvector ("the government", "government said", ...) as lexemes, so a phrase's
candidates are the rows holding each of its pairs (app.storage.pg_search), and only those are checked for
the phrase itself, as before. The pairs are computed from ``search_tsv`` by ``briefdesk_word_pairs``: an
expression index, not a column, so no table is rewritten and every write (the app, imports, ``library
copy``) keeps it current through PostgreSQL itself.

The upgrade itself only creates the function: building the indexes reads every row's tsvector once (~5
minutes for the 1M-claim library), and inside the upgrade's transaction it held a SHARE lock on each table
until the commit, so other analysts' edits waited for all of it (bench/RESULTS.md, team section, seventh
run). The indexes are built after the upgrade has committed, with CREATE INDEX CONCURRENTLY, by the app or
``briefdesk library index`` (app.storage.pg_pairs); the search reads phrases by their words until they are
valid. A new library (its tables empty) gets them here at once: nothing to read, nobody to block.
Nothing changes on SQLite, whose FTS5 index reads a phrase's positions itself.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05
"""

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

# The pairs of lexemes at adjacent positions, "first second", as a tsvector of lexemes without positions.
# From the tsvector itself (not the text), so a row whose tsvector matches 'a' <-> 'b' holds the pair 'a b'
# whatever the parser made of its text. Each position holds one lexeme, except the last one a tsvector
# knows (16383), where every later word is put: the pairs into it are taken from a join, the others from
# the next position in order (a join of every position took 30 % longer to build).
PAIRS_FUNCTION = """
CREATE OR REPLACE FUNCTION briefdesk_word_pairs(v tsvector) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    WITH w AS (SELECT u.lexeme AS l, p FROM unnest(v) u, unnest(u.positions) p)
    SELECT coalesce(array_to_tsvector(array_agg(pair)), ''::tsvector) FROM (
        SELECT l || ' ' || nl AS pair
        FROM (SELECT l, p, lead(l) OVER o AS nl, lead(p) OVER o AS np FROM w WINDOW o AS (ORDER BY p)) s
        WHERE np = p + 1
        UNION ALL
        SELECT a.l || ' ' || b.l FROM w a, w b WHERE a.p = 16382 AND b.p = 16383
    ) x
$$
"""


def upgrade() -> None:
    from sqlalchemy import text

    from app.storage.pg_pairs import TABLES, create_sql

    bind = op.get_bind()
    if bind.dialect.name != "postgresql":
        return
    op.execute(PAIRS_FUNCTION)
    if any(bind.execute(text(f"SELECT EXISTS (SELECT 1 FROM {table})")).scalar() for table in TABLES):
        return  # built after the upgrade commits, concurrently (app.storage.pg_pairs)
    for table in TABLES:
        for statement in create_sql(table, concurrently=False):
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    from app.storage.pg_pairs import TABLES, index_name

    for table in TABLES:
        op.execute(f"DROP INDEX IF EXISTS {index_name(table)}")
    op.execute("DROP FUNCTION IF EXISTS briefdesk_word_pairs(tsvector)")
