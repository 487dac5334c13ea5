"""Everything SQLite-specific, in one place: connection pragmas, the file probe, FTS5 and its triggers,
and turning whatever a user types into a safe FTS5 query.

A future PostgreSQL backend replaces this module (tsvector instead of FTS5), not the services.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Engine
from sqlalchemy.pool import QueuePool

if TYPE_CHECKING:
    from sqlalchemy import ColumnElement, Table, UnaryExpression
    from sqlalchemy.engine import Connection
    from sqlalchemy.orm import Session
    from sqlalchemy.sql.selectable import TextualSelect

    from app.storage.query import ParsedQuery, Term

# PRAGMA application_id marks a file as a Briefdesk library ("BRFD").
APPLICATION_ID = 0x42524644
SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000

# FTS rowids encode the entity so triggers can maintain one index for all three.
ENTITY_CODES = {"source": 1, "claim": 2, "actor": 3}
CODE_ENTITIES = {v: k for k, v in ENTITY_CODES.items()}
SNIPPET_OPEN = "\x02"
SNIPPET_CLOSE = "\x03"


def read_only_uri(path: Path) -> str:
    """How to open a library that cannot be written (a read-only folder or file, read-only media).

    A WAL library needs its -shm file: with -wal and -shm present SQLite reads them (``mode=ro``); without
    them, in a folder where they cannot be made, only ``immutable=1`` opens it (nothing else can be writing
    it: no writer could make them either)."""
    wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
    quoted = quote(path.as_posix())
    if wal.exists() and shm.exists():
        return f"file:{quoted}?mode=ro"
    return f"file:{quoted}?mode=ro&immutable=1"


def make_engine(path: Path, *, read_only: bool = False, check_pages: bool = False) -> Engine:
    """The library's engine. ``read_only``: opened through :func:`read_only_uri` (no write can happen).
    ``check_pages``: SQLite checks each page's cells as it reads the page (``PRAGMA cell_size_check``), for a
    library opened without the whole-file check (:func:`probe` with ``integrity=False``)."""
    if read_only:
        uri = read_only_uri(path)

        def connect() -> sqlite3.Connection:
            return sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)

        engine = create_engine(
            URL.create("sqlite+pysqlite"), creator=connect, poolclass=QueuePool, pool_size=4, max_overflow=4
        )
    else:
        # a URL object, not text: nothing in the path is read as URL syntax (a '?' or '#' in a folder's
        # name), and SQLAlchemy compiles no URL-parsing expression at start-up (~1 ms of a cold command)
        engine = create_engine(
            URL.create("sqlite+pysqlite", database=str(path)),
            connect_args={"check_same_thread": False, "timeout": BUSY_TIMEOUT_MS / 1000},
            pool_size=4,
            max_overflow=4,
        )

    @event.listens_for(engine, "connect")
    def _on_connect(
        dbapi_conn: sqlite3.Connection, _record: object
    ) -> None:  # pragma: no cover - exercised by every test
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (see _on_begin)
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys = ON")
        if check_pages:
            cur.execute("PRAGMA cell_size_check = ON")
        if not read_only:
            cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.execute("PRAGMA temp_store = MEMORY")
        cur.execute("PRAGMA cache_size = -32000")  # 32 MB page cache per connection
        # Memory-mapped pages count in the resident set: with 256 MB mapped, the benchmark process peaked at
        # ~340 MB (target 300 MB); 64 MB keeps most of the gain for the hot pages (bench/RESULTS.md).
        cur.execute("PRAGMA mmap_size = 67108864")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:  # pragma: no cover
        # Writers take the write lock up front so two writers queue on busy_timeout instead of
        # failing with SQLITE_BUSY on lock upgrade; readers use a deferred transaction.
        if conn.get_execution_options().get("sqlite_immediate"):
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            conn.exec_driver_sql("BEGIN")

    return engine


def probe(path: Path, *, integrity: bool = True) -> tuple[int, str | None, set[str]]:
    """Read a file's identity without writing to it: (application_id, alembic revision, table names).

    Raises sqlite3.DatabaseError for a file that is not SQLite or is corrupt. ``integrity``: also check the
    whole file (``PRAGMA quick_check``, or a spot check of a large file) before anything is done with it; a
    command that only reads passes False (:meth:`app.library.Library.open` with ``integrity_check=False``).
    """
    with open(path, "rb") as fh:
        head = fh.read(100)
    if len(head) < 100 or not head.startswith(SQLITE_MAGIC):
        raise sqlite3.DatabaseError("not an SQLite database")
    uri = f"file:{quote(path.as_posix())}?mode=ro"
    has_wal = Path(str(path) + "-wal").exists()
    if not has_wal:
        uri += "&immutable=1"
    conn = sqlite3.connect(uri, uri=True)
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table','view')")}
        revision = None
        if "alembic_version" in tables:
            row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
        if not integrity:
            pass
        elif path.stat().st_size <= QUICK_CHECK_MAX_BYTES:
            result = conn.execute("PRAGMA quick_check").fetchone()[0]
            if result != "ok":
                raise sqlite3.DatabaseError(f"integrity check failed: {result}")
        else:
            _spot_check(conn, tables)
        return app_id, revision, tables
    finally:
        conn.close()


# PRAGMA quick_check reads every page of the file: ~40 ms for a 20 MB library, but about 2 s per GB, so
# several seconds for the 1,000,000-claim benchmark library (bench/RESULTS.md), far over the 200 ms open
# target. Trade-off: files up to this size get the full check; larger ones get a spot check (the schema,
# and the first and last rows of every table, which reads each b-tree's root and its two edge paths).
# Damage elsewhere in a large file is then found when that page is read, and reported by the services as
# "the library is damaged" (app.storage.store._storage_error) instead of at open.
QUICK_CHECK_MAX_BYTES = 32 * 1024 * 1024


def _spot_check(conn: sqlite3.Connection, tables: set[str]) -> None:
    for name in sorted(tables):
        if name.startswith("sqlite_") or "fts" in name:
            continue
        quoted = '"' + name.replace('"', '""') + '"'
        for order in ("ASC", "DESC"):
            try:
                conn.execute(f"SELECT * FROM {quoted} ORDER BY rowid {order} LIMIT 1").fetchall()
            except sqlite3.OperationalError as exc:  # a WITHOUT ROWID table or a view: read a row instead
                if "rowid" not in str(exc):
                    raise
                conn.execute(f"SELECT * FROM {quoted} LIMIT 1").fetchall()
                break


# Planner statistics (sqlite_stat1) from ANALYZE of the benchmark library (100,000 sources, 1,000,000 claims;
# bench/bench_scale.py). A library filled through the services is never analysed, and without statistics
# SQLite guesses that "status = ?" or "actor_id = ?" picks ~10 rows: it then reads 250,000 disputed claims
# and sorts them for a page sorted by credibility (230 ms; 0.9 s for contested + tag + status sorted by
# source). Running ANALYZE at open costs ~2 s at that size (with analysis_limit its figures were far off),
# so the migration seeds these representative figures instead (see sqlite.org/optoverview.html, "manual
# control of query plans using sqlite_stat tables"). They describe the shape of a library (how many claims
# share a status, an actor, a day), which is what the plans depend on; small libraries run fast either way.
PLANNER_STATS = [
    ("actors", "sqlite_autoindex_actors_1", "5000 1 1"),
    ("claim_links", "ix_links_to_kind", "250000 2 2"),
    ("claim_links", "sqlite_autoindex_claim_links_1", "250000 2 1"),
    ("claim_tags", "ix_claim_tags_tag", "1325703 42765 1"),
    ("claim_tags", "sqlite_autoindex_claim_tags_1", "1325703 2 1"),
    ("claims", "ix_claims_actor", "1000000 200"),
    ("claims", "ix_claims_actor_credibility", "1000000 200 34"),
    ("claims", "ix_claims_actor_said", "1000000 200 2"),
    ("claims", "ix_claims_credibility", "1000000 166667"),
    ("claims", "ix_claims_said", "1000000 253"),
    ("claims", "ix_claims_said_words", "1000000 253 1 1"),  # 0014
    ("claims", "ix_claims_words_unfilled", "1 1"),  # 0014: empty once every claim's bits are computed
    ("claims", "ix_claims_source", "1000000 10 2"),
    ("claims", "ix_claims_status", "1000000 250000"),  # 0012
    ("claims", "ix_claims_status_said", "1000000 250000 64"),
    ("sources", "ix_sources_kind", "100000 14286"),
    ("sources", "ix_sources_kind_published", "100000 14286 4"),
    ("sources", "ix_sources_outlet", "100000 127"),
    ("sources", "ix_sources_published", "100000 26"),
    ("sources", "ix_sources_reliability", "100000 16667"),
    ("sources", "ix_sources_title", "100000 1"),
    ("sources", "ix_sources_url", "100000 1"),
    ("sources", "sqlite_autoindex_sources_1", "100000 1"),
]


def seed_planner_stats(execute: Callable[[str, tuple[str, ...] | None], object]) -> None:
    """Write PLANNER_STATS into sqlite_stat1 (created by ANALYZE of the schema table, which is instant).

    ``execute(sql, params)`` runs one statement in the migration's transaction."""
    execute("ANALYZE sqlite_master", None)
    tables = sorted({t for t, _, _ in PLANNER_STATS})
    execute(f"DELETE FROM sqlite_stat1 WHERE tbl IN ({', '.join('?' for _ in tables)})", tuple(tables))
    for row in PLANNER_STATS:
        execute("INSERT INTO sqlite_stat1(tbl, idx, stat) VALUES (?, ?, ?)", row)


def backup_file(src: Path, dest: Path) -> None:
    """A consistent copy of a library (the SQLite online backup API), e.g. before a migration."""
    source = sqlite3.connect(f"file:{quote(src.as_posix())}?mode=ro", uri=True)
    target = sqlite3.connect(dest)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


PARTIAL = ".partial"


def backup_file_atomic(src: Path, dest: Path) -> None:
    """backup_file to ``dest + .partial``, then renamed: a kill mid-copy leaves no half backup under a name
    that looks whole (the next prune_backups removes the partial file)."""
    partial = dest.with_name(dest.name + PARTIAL)
    try:
        backup_file(src, partial)
        partial.replace(dest)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def prune_backups(path: Path, kind: str, keep: int) -> list[Path]:
    """Keep the newest ``keep`` backups of one kind beside a library (``<stem>.<kind>*``, e.g. the copies
    made before schema upgrades or repairs) and delete the older ones and any partial copies left by a kill.
    Returns what was deleted. Called after each new backup, so killing an upgrade again and again (each
    attempt backs up first) cannot fill the disk."""
    prefix = f"{path.stem}.{kind}"
    found = [p for p in path.parent.glob(f"{glob_escape(prefix)}*") if p.is_file()]
    removed = []
    for partial in (p for p in found if p.name.endswith(PARTIAL)):
        partial.unlink(missing_ok=True)
        removed.append(partial)
    whole = sorted((p for p in found if not p.name.endswith(PARTIAL)), key=lambda p: p.stat().st_mtime)
    for old in whole[: max(0, len(whole) - keep)]:
        old.unlink(missing_ok=True)
        removed.append(old)
    return removed


def library_bytes(path: Path) -> int:
    """The bytes a copy of the library needs: the file and its write-ahead log (changes not yet folded in)."""
    total = 0
    for part in (path, Path(f"{path}-wal")):
        try:
            total += part.stat().st_size
        except OSError:
            pass
    return total


def is_disk_full(exc: BaseException) -> bool:
    """An error that says the disk (or the user's quota) is full: ENOSPC/EDQUOT, or SQLite's SQLITE_FULL."""
    import errno

    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return True
    text = str(exc).lower()
    return "disk is full" in text or "no space left" in text or "quota exceeded" in text


def _megabytes(n: int) -> str:
    return f"{n / 1_000_000:,.1f} MB" if n >= 100_000 else f"{max(n, 0) / 1000:,.0f} KB"


def no_room_message(path: Path, purpose: str, need: int, free: int) -> str:
    return (
        f"There is not enough free space beside {path} to {purpose}: it needs about {_megabytes(need)} and "
        f"{_megabytes(free)} are free. Free some space on that disk (or copy the library to another one) and "
        "try again; the library was left untouched."
    )


def backup_with_room(path: Path, dest: Path, *, kind: str, keep: int, purpose: str, factor: int = 1) -> None:
    """Back ``path`` up to ``dest`` (``backup_file_atomic``) so that at most ``keep`` backups of ``kind``
    are beside it afterwards.

    The older backups are pruned *first* (a folder already holding ``keep`` copies does not need room for one
    more), then the free space is compared with what the copy needs (``factor`` times the library, plus 1 MB:
    an upgrade also rewrites tables through the write-ahead log) before a byte is written, and a disk that fills
    up anyway is said in plain words (``LibraryError``) with no partial copy left behind."""
    import shutil

    from app.errors import LibraryError

    prune_backups(path, kind, max(keep - 1, 0))
    size = library_bytes(path)
    need = factor * size + max(1_000_000, size // 20)
    try:
        free = shutil.disk_usage(path.parent).free
    except OSError:
        free = need  # cannot tell: try, and let a full disk say so below
    if free < need:
        raise LibraryError(no_room_message(path, purpose, need, free))
    try:
        backup_file_atomic(path, dest)
    except (sqlite3.Error, OSError) as exc:
        if is_disk_full(exc):
            raise LibraryError(no_room_message(path, purpose, need, _free(path.parent))) from None
        raise


def _free(folder: Path) -> int:
    import shutil

    try:
        return shutil.disk_usage(folder).free
    except OSError:
        return 0


def glob_escape(text: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in text)


# --- full-text search -------------------------------------------------------------------------------------

FTS_DDL = [
    """CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(
        title, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')""",
    # sources: rowid = id*4+1
    """CREATE TRIGGER IF NOT EXISTS trg_sources_fts_ins AFTER INSERT ON sources BEGIN
        INSERT INTO search_fts(rowid, title, body) VALUES (new.id*4+1, new.title, new.body); END""",
    """CREATE TRIGGER IF NOT EXISTS trg_sources_fts_del AFTER DELETE ON sources BEGIN
        DELETE FROM search_fts WHERE rowid = old.id*4+1; END""",
    """CREATE TRIGGER IF NOT EXISTS trg_sources_fts_upd AFTER UPDATE OF title, body ON sources BEGIN
        UPDATE search_fts SET title = new.title, body = new.body WHERE rowid = new.id*4+1; END""",
    # claims: rowid = id*4+2; title = statement, body = quote
    """CREATE TRIGGER IF NOT EXISTS trg_claims_fts_ins AFTER INSERT ON claims BEGIN
        INSERT INTO search_fts(rowid, title, body) VALUES (new.id*4+2, new.statement, new.quote); END""",
    """CREATE TRIGGER IF NOT EXISTS trg_claims_fts_del AFTER DELETE ON claims BEGIN
        DELETE FROM search_fts WHERE rowid = old.id*4+2; END""",
    """CREATE TRIGGER IF NOT EXISTS trg_claims_fts_upd AFTER UPDATE OF statement, quote ON claims BEGIN
        UPDATE search_fts SET title = new.statement, body = new.quote WHERE rowid = new.id*4+2; END""",
    # actors: rowid = id*4+3; title = name, body = role, affiliation and aliases
    """CREATE TRIGGER IF NOT EXISTS trg_actors_fts_ins AFTER INSERT ON actors BEGIN
        INSERT INTO search_fts(rowid, title, body)
        VALUES (new.id*4+3, new.name, new.role || ' ' || new.affiliation || ' ' || new.aliases); END""",
    """CREATE TRIGGER IF NOT EXISTS trg_actors_fts_del AFTER DELETE ON actors BEGIN
        DELETE FROM search_fts WHERE rowid = old.id*4+3; END""",
    """CREATE TRIGGER IF NOT EXISTS trg_actors_fts_upd AFTER UPDATE ON actors BEGIN
        UPDATE search_fts SET title = new.name, body = new.role || ' ' || new.affiliation || ' ' || new.aliases
        WHERE rowid = new.id*4+3; END""",
]

FTS_DROP = [
    "DROP TRIGGER IF EXISTS trg_sources_fts_ins",
    "DROP TRIGGER IF EXISTS trg_sources_fts_del",
    "DROP TRIGGER IF EXISTS trg_sources_fts_upd",
    "DROP TRIGGER IF EXISTS trg_claims_fts_ins",
    "DROP TRIGGER IF EXISTS trg_claims_fts_del",
    "DROP TRIGGER IF EXISTS trg_claims_fts_upd",
    "DROP TRIGGER IF EXISTS trg_actors_fts_ins",
    "DROP TRIGGER IF EXISTS trg_actors_fts_del",
    "DROP TRIGGER IF EXISTS trg_actors_fts_upd",
    "DROP TABLE IF EXISTS search_fts",
]


def _fts_term(term: Term) -> str:
    text = '"' + " ".join(term.words) + '"'
    return text + "*" if term.prefix else text


def to_fts_query(text: str) -> str | None:
    """Translate what a user typed into a valid FTS5 query, or None when nothing searchable remains.

    Supported: words (all must match), "exact phrases", prefix*, -excluded, OR between terms
    (``app.storage.query.parse_query``). A word such as "U.S." or "al-Assad" is a phrase of its parts.
    """
    from app.storage.query import parse_query

    parsed = parse_query(text)
    if parsed is None:
        return None
    return _render(parsed)


# Ranked search with a bounded candidate set: for a very common word, scoring every match would take
# time proportional to the match count; instead the newest CANDIDATES matches are scored with bm25.
# The scoring pass reads the match again only from the oldest candidate's rowid on (a rowid range FTS5
# honours), which is exactly the candidates: joining the candidates to a second full MATCH made FTS5 walk
# every match of the query (170 ms for "the" at 1,100,000 rows; 30 ms with the range). What remains for
# very common words is bm25's own document-frequency count over each term's whole doclist (~25 ms for a
# word in every row). Trade-off, measured in bench/RESULTS.md: a word in more than CANDIDATES rows ranks
# only its newest CANDIDATES matches; 1,000 instead of 4,000 saves only ~5 ms on one such word, so 4,000
# stays, but a query made only of words that tell no match apart ranks its newest 500 (query.
# COMMON_CANDIDATES): the 4,000th match of "the of and to a in" lies past 78 % of the index (~80 ms).
SEARCH_CANDIDATES = 4000

# snippet() in FTS5 is quadratic in the number of matches inside one document (43 s for a word repeated
# 70,000 times in a 1 MB body), so only bm25 and the columns' leading text come from SQL; the snippet is
# cut in Python (app.search.make_snippet), which is linear.
SNIPPET_SCAN_CHARS = 200_000

SEARCH_SQL = f"""
WITH hits AS (
    SELECT rowid AS rid FROM search_fts WHERE search_fts MATCH :q
    {{entity_filter}}
    {{candidates}}
),
ranked AS (
    SELECT rowid AS rid, bm25(search_fts, 4.0, 1.0) AS score
    FROM search_fts
    WHERE search_fts MATCH :q AND rowid >= (SELECT min(rid) FROM hits)
    {{entity_filter}}
    ORDER BY score, rowid DESC LIMIT :limit
)
SELECT ranked.rid, ranked.score, substr(f.title, 1, 2000), substr(f.body, 1, {SNIPPET_SCAN_CHARS})
FROM ranked JOIN search_fts AS f ON f.rowid = ranked.rid
ORDER BY ranked.score, ranked.rid DESC
"""


def _entity_filter(entities: tuple[str, ...]) -> str:
    codes = sorted(ENTITY_CODES[e] for e in entities)
    if len(codes) == 3:
        return ""
    return "AND (" + " OR ".join(f"(rowid % 4) = {c}" for c in codes) + ")"


# The candidates: the newest SEARCH_CANDIDATES matches. When the planner knows there are no more matches than
# that (a word of the query was read whole: at most fts_plan.SAMPLE rows hold it), the candidates are every
# match, read in FTS5's own order (oldest first), which walks the doclists forwards: about half the cost of
# backwards for a phrase or an exclusion of common words ("pouka -of", "according to the"), the same rows.
NEWEST_CANDIDATES = f"ORDER BY rowid DESC LIMIT {SEARCH_CANDIDATES}"
EVERY_MATCH = ""


# Words too common to rank. bm25 reads the whole doclist of every term of a query to count its documents:
# ~25-50 ms for a word in most rows, so "the of and to a in" took 150-190 ms. A term in more than COMMON_SHARE
# of the rows carries almost no weight anyway (bm25's idf is ln((N - n) / n): 1.4 at 20 %, 0 at 50 % and
# above, against ~9 for a word in one row in 10,000), so, as search engines do with a cutoff frequency, such
# terms still decide which rows match but not how they rank: the rows are ranked by the query's other terms,
# and a query made only of common terms lists its newest matches first. Measured in bench/RESULTS.md.
COMMON_SHARE = 0.2

# The candidates (as in SEARCH_SQL), ranked by bm25 of the informative terms only (:sq).
SEARCH_SQL_PARTIAL = f"""
WITH hits AS (
    SELECT rowid AS rid FROM search_fts WHERE search_fts MATCH :q
    {{entity_filter}}
    {{candidates}}
),
ranked AS (
    SELECT rowid AS rid, bm25(search_fts, 4.0, 1.0) AS score
    FROM search_fts
    WHERE search_fts MATCH :sq AND rowid >= (SELECT min(rid) FROM hits) AND +rowid IN (SELECT rid FROM hits)
    ORDER BY score, rowid DESC LIMIT :limit
)
SELECT ranked.rid, ranked.score, substr(f.title, 1, 2000), substr(f.body, 1, {SNIPPET_SCAN_CHARS})
FROM ranked JOIN search_fts AS f ON f.rowid = ranked.rid
ORDER BY ranked.score, ranked.rid DESC
"""

# Only common terms: the newest matches, unranked (score 0); at most COMMON_CANDIDATES of them when every
# term is a word in more than NON_DISCRIMINATIVE_SHARE of the rows (app.storage.query).
SEARCH_SQL_NEWEST = f"""
WITH hits AS (
    SELECT rowid AS rid FROM search_fts WHERE search_fts MATCH :q
    {{entity_filter}}
    ORDER BY rowid DESC LIMIT {{newest}}
)
SELECT hits.rid, 0.0, substr(f.title, 1, 2000), substr(f.body, 1, {SNIPPET_SCAN_CHARS})
FROM hits JOIN search_fts AS f ON f.rowid = hits.rid
ORDER BY hits.rid DESC
"""


def search_plan(
    s: Session | Connection, text: str, entities: tuple[str, ...]
) -> tuple[str, dict[str, str]] | None:
    """(SQL, parameters) for a ranked search of ``text``, or None when nothing searchable remains. Terms
    in more than COMMON_SHARE of the rows (estimated from a bounded sample of each) do not rank. A query of
    words that are each in more than NON_DISCRIMINATIVE_SHARE of the rows (the sample: of the newest rows)
    ranks its newest COMMON_CANDIDATES matches, one holding a prefix PREFIX_CANDIDATES, others SEARCH_CANDIDATES."""
    from app.storage import query as qm

    parsed = qm.parse_query(text)
    if parsed is None:
        return None
    query = to_fts_query(text)
    assert query is not None
    ef = _entity_filter(entities)
    shares = _Shares(s)
    informative = tuple(group for group in parsed.groups if shares.of_group(group) <= COMMON_SHARE)
    ranking = tuple(g for group in informative for g in _ranked_by(shares, group))
    words = qm.plain_words(parsed)
    common = words is not None and all(shares.of(f'"{w}"')[0] > qm.NON_DISCRIMINATIVE_SHARE for w in words)
    bound = (
        qm.COMMON_CANDIDATES
        if common
        else qm.PREFIX_CANDIDATES
        if qm.has_prefix(parsed)
        else SEARCH_CANDIDATES
    )
    # every match is a candidate when some group (a phrase: its rarest word) holds no more rows than that
    few = any(n is not None and n <= bound for n in map(shares.count_of_group, parsed.groups))
    candidates = EVERY_MATCH if few else f"ORDER BY rowid DESC LIMIT {bound}"  # NEWEST_CANDIDATES for 4,000

    def sql(template: str) -> str:
        return template.replace("{entity_filter}", ef).replace("{candidates}", candidates)

    # An excluded term is in none of the rows ranked, so it adds 0 to each bm25, but bm25 still counts its
    # rows over its whole doclist ("government -the": ~25 ms): the other terms rank alone, to the same scores.
    if len(informative) == len(parsed.groups) and ranking == informative and not parsed.excluded:
        return sql(SEARCH_SQL), {"q": query}
    if not informative:
        newest = f"min(:limit, {bound})" if common else ":limit"
        return SEARCH_SQL_NEWEST.replace("{entity_filter}", ef).replace("{newest}", newest), {"q": query}
    scoring = _render(qm.ParsedQuery(ranking, ()))
    return sql(SEARCH_SQL_PARTIAL), {"q": query, "sq": scoring}


class _Shares:
    """How common a search's groups and words are (fts_plan's bounded samples), each sampled once a search."""

    def __init__(self, s: Session | Connection) -> None:
        self._s = s
        self._seen: dict[str, tuple[float, int | None]] = {}

    def of(self, fts_query: str) -> tuple[float, int | None]:
        """(share of every indexed row that matches, their number when the sample read them all, else None)."""
        from app.storage import fts_plan

        if fts_query not in self._seen:
            self._seen[fts_query] = fts_plan.share_and_count(self._s, fts_query)
        return self._seen[fts_query]

    def words(self, group: tuple[Term, ...]) -> tuple[str, ...] | None:
        """The distinct words of a group that is one phrase of several words, else None."""
        term = group[0]
        if len(group) > 1 or term.prefix or len(set(term.words)) < 2:
            return None
        return tuple(dict.fromkeys(term.words))

    def of_group(self, group: tuple[Term, ...]) -> float:
        """The group's estimated share. A phrase is in no more rows than its rarest word: when that word is in
        at most COMMON_SHARE of the rows, so is the phrase, and the phrase itself is not read (a phrase of
        common words is read over the whole index: 30-90 ms for "according to the" on a first call)."""
        from app.storage.query import ParsedQuery

        words = self.words(group)
        if words is not None:
            rarest = min(self.of(f'"{w}"')[0] for w in words)
            if rarest <= COMMON_SHARE:
                return rarest
        return self.of(_render(ParsedQuery((group,), ())))[0]

    def count_of_group(self, group: tuple[Term, ...]) -> int | None:
        """An upper bound on the rows the group matches, when a sample read every match (else None)."""
        from app.storage.query import ParsedQuery

        words = self.words(group)
        counts = [self.of(f'"{w}"')[1] for w in words] if words is not None else []
        rendered = _render(ParsedQuery((group,), ()))
        if rendered in self._seen or words is None:
            counts.append(self.of(rendered)[1])
        known = [n for n in counts if n is not None]
        return min(known) if known else None


def _ranked_by(shares: _Shares, group: tuple[Term, ...]) -> tuple[tuple[Term, ...], ...]:
    """The groups that rank the rows a group matches. A phrase holding common words (in more than COMMON_SHARE of
    the rows) ranks by its other words: bm25 counts a phrase's documents by reading the doclists of all its words,
    90-230 ms for "according to the" or "the is spablax" at 1,000,000 claims, against a few ms for "according"
    or "spablax" alone, which every row the phrase matches holds (so the same rows are ranked). A phrase of
    common words only, or of none, an OR group or a prefix ranks as it is."""
    from app.storage.query import Term

    words = shares.words(group)
    if words is None:
        return (group,)
    rare = tuple(w for w in words if shares.of(f'"{w}"')[0] <= COMMON_SHARE)
    if not rare or len(rare) == len(words):
        return (group,)
    return tuple((Term((w,)),) for w in rare)


def _render(parsed: ParsedQuery) -> str:
    parts = []
    for group in parsed.groups:
        rendered = _fts_term(group[0])
        for term in group[1:]:
            rendered = f"({rendered} OR {_fts_term(term)})"
        parts.append(rendered)
    query = " AND ".join(parts)
    for term in parsed.excluded:
        query += f" NOT {_fts_term(term)}"
    return query


def fts_ids_clause(entity: str, text: str) -> TextualSelect | None:
    """A sub-select of the ids of ``entity`` rows matching ``text`` (search syntax), or None if empty."""
    from sqlalchemy import Integer, bindparam, column
    from sqlalchemy import text as sa_text

    from app._text import search_text

    query = to_fts_query(search_text(text))
    if query is None:
        return None
    code = ENTITY_CODES[entity]
    clause = sa_text(
        f"SELECT rowid / 4 AS id FROM search_fts WHERE search_fts MATCH :fq AND rowid % 4 = {code}"
    )
    return clause.bindparams(bindparam("fq", value=query, unique=True)).columns(column("id", Integer))


# --- full-text filters of lists (planned per query: app.storage.fts_plan) ---------------------------------


def text_condition(
    s: Session | Connection, entity: str, text: str, *, rows_wanted: int | None, by_date: bool = False
) -> ColumnElement[bool]:
    """A WHERE term keeping ``entity`` rows (its table unaliased) that match ``text`` (search syntax).

    ``rows_wanted``: how many rows the query needs in its index order (offset + limit of a page), or None
    when it reads them all (a count, or a sort no index serves). The plan is chosen from how common the
    words are (app.storage.fts_plan); every plan gives the same rows. ``by_date``: the list is sorted by date
    (a claims list filtered only by the commonest words then walks their bits: app.storage.common_words)."""
    from sqlalchemy import false

    from app._text import search_text
    from app.storage import fts_plan
    from app.storage.query import parse_query

    parsed = parse_query(search_text(text))
    if parsed is None:
        return false()
    return fts_plan.condition(s, entity, _render(parsed), parsed, rows_wanted=rows_wanted, by_date=by_date)


def phrase_page_ids(
    s: Session | Connection,
    table: Table,
    text: str,
    where: ColumnElement[bool],
    sort: ColumnElement[Any],
    descending: bool,
    undated_last: bool,
    offset: int,
    limit: int,
) -> list[int] | None:
    """None: FTS5 checks a phrase in its own index, so a phrase filter needs no plan of its own here."""
    return None


def text_count(s: Session | Connection, entity: str, text: str) -> int:
    """How many ``entity`` rows match ``text`` (exact; from the index alone)."""
    from app._text import search_text
    from app.storage import fts_plan

    query = to_fts_query(search_text(text))
    return 0 if query is None else fts_plan.count(s, entity, query)


def page_plan(
    s: Session | Connection, entity: str, text: str, rows_wanted: int
) -> AbstractContextManager[None]:
    """Nothing to plan here: the text filter's own plan (app.storage.fts_plan) weighs a walk of the sort's index
    against the full-text index's matches (PostgreSQL: app.storage.postgres.page_plan)."""
    return contextlib.nullcontext()


def text_estimate(s: Session | Connection, entity: str, text: str) -> tuple[int, bool]:
    """(number of ``entity`` rows matching ``text``, whether it is exact): counted when that reads little of
    the index, else estimated from bounded samples (an exact count of a word in 700,000 claims reads its
    whole doclist, 50-160 ms; of "the of and to a in", six of them)."""
    from app._text import search_text
    from app.storage import fts_plan
    from app.storage.query import parse_query

    parsed = parse_query(search_text(text))
    if parsed is None:
        return 0, True
    return fts_plan.count_or_estimate(s, entity, _render(parsed), parsed)


def ordered(column: ColumnElement[Any], descending: bool) -> UnaryExpression[Any]:
    """A list's sort term: SQLite orders a missing value (NULL) as the smallest by itself."""
    return column.desc() if descending else column.asc()
