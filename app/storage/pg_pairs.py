"""The team library's indexes of adjacent word pairs (migration 0013), built without stopping anyone's edits.

Migration 0013 creates ``briefdesk_word_pairs`` (the pairs of lexemes at adjacent positions of a tsvector);
the GIN indexes on it, one for each of sources, claims and actors, are built here, after the upgrade has
committed, with ``CREATE INDEX CONCURRENTLY``: other analysts go on reading and editing while it runs (it
waits for their transactions, never they for it). Built inside the upgrade, the sources' index held a SHARE
lock on the table for ~5 minutes on the 1M-claim library, refusing every source edit meanwhile
(bench/RESULTS.md, team section, seventh and eighth runs).

Who builds: a long-lived client, on a connection of its own outside any transaction: the desktop app, on a
background thread some time after a team library opens, and ``briefdesk library index`` (an administrator's
command, with progress). One at a time: a builder takes a session advisory lock with ``pg_try_advisory_lock``
and a second one finds it taken and does nothing. A build that died (cancelled, the server restarted, the
client gone) leaves an INVALID index behind; the next builder drops it and builds it again.

Until a table's index is valid, the search finds phrases as before 0013 (by their words, then the phrase
itself: the same rows, more slowly): ``PairIndexes`` says which tables have a valid index, read from
``pg_index.indisvalid`` once per open library and again after a build (and, while any is missing, at most
once every RECHECK_S, so that an app open during another client's build starts using it).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from app.errors import LibraryError

if TYPE_CHECKING:
    from sqlalchemy.engine import URL, Connection

TABLES = ("actors", "claims", "sources")  # the order they are built in: the quickest first
PAIRS_INDEXED = "briefdesk_word_pairs(search_tsv)"
# pg_try_advisory_lock key of a build ("BRFP" as a number; the upgrade's lock is "BRFD")
BUILD_LOCK_KEY = 0x42524650
# what a build may use (the default, 64 MB, makes the GIN build spill more often)
BUILD_MEMORY = "256MB"
RECHECK_S = 60.0
PROGRESS_EVERY_S = 1.0


def index_name(table: str) -> str:
    return f"ix_{table}_pairs"


def create_sql(table: str, *, concurrently: bool) -> list[str]:
    """The statements that build ``table``'s index (the migration builds it at once in a new library)."""
    how = "CONCURRENTLY " if concurrently else ""
    return [
        f"CREATE INDEX {how}IF NOT EXISTS {index_name(table)} ON {table} USING gin ({PAIRS_INDEXED})",
        # no statistics of the pairs: ANALYZE would compute them for its sample of each table (~40 s for the
        # sources of the 1M-claim library), and a phrase's pairs are always read from this index anyway
        f"ALTER INDEX {index_name(table)} ALTER COLUMN 1 SET STATISTICS 0",
    ]


def index_states(conn: Connection) -> dict[str, str]:
    """Each table's pairs index: "valid", "invalid" (being built, or left by a build that died) or
    "missing". One catalog query (well under a millisecond)."""
    from sqlalchemy import text

    rows = conn.execute(
        text(
            "SELECT c.relname, i.indisvalid FROM pg_catalog.pg_index i "
            "JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid "
            "WHERE c.relname = ANY(:names) AND c.relnamespace = current_schema()::regnamespace"
        ),
        {"names": [index_name(t) for t in TABLES]},
    ).all()
    found = {str(name): bool(valid) for name, valid in rows}
    return {
        t: "missing" if index_name(t) not in found else "valid" if found[index_name(t)] else "invalid"
        for t in TABLES
    }


class PairIndexes:
    """Which tables of an open team library have a valid pairs index (what the search may ask)."""

    def __init__(self) -> None:
        self._valid: frozenset[str] | None = None
        self._checked = 0.0
        self._lock = threading.Lock()

    def valid_tables(self, conn: Connection) -> frozenset[str]:
        now = time.monotonic()
        with self._lock:
            valid, checked = self._valid, self._checked
        if valid is None or (len(valid) < len(TABLES) and now - checked >= RECHECK_S):
            states = index_states(conn)
            valid = frozenset(t for t, state in states.items() if state == "valid")
            with self._lock:
                self._valid, self._checked = valid, now
        return valid

    def forget(self) -> None:
        """Read the catalog again at the next search (after a build)."""
        with self._lock:
            self._valid = None


# --- building ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class BuildProgress:
    """Where a build is: the table, PostgreSQL's phase ("building index: scanning table", "waiting for old
    snapshots", ...), and the blocks of the phase done and in all (0 and 0 when it counts none)."""

    table: str
    phase: str
    done: int
    total: int


@dataclass(frozen=True)
class BuildReport:
    """What a build did. ``status``: "built" (``built`` lists (table, seconds)), "ready" (every index was
    there already), "busy" (another client is building: ``holder`` says who) or "stopped" (asked to stop
    before a table, the ones before it built)."""

    status: str
    built: tuple[tuple[str, float], ...] = ()
    rebuilt: tuple[str, ...] = ()  # tables whose unfinished index was dropped and built again
    holder: str = ""


def build(
    url: URL,
    where: str,
    *,
    progress: Callable[[BuildProgress], None] | None = None,
    stop: Callable[[], bool] | None = None,
) -> BuildReport:
    """Build the pairs indexes that are not valid, one table at a time, on a connection of its own (see the
    module). ``stop``: asked before each table; the table under way is finished. LibraryError in plain words
    when a build fails (the unfinished index is left INVALID and rebuilt by the next build)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import DBAPIError
    from sqlalchemy.pool import NullPool

    from app.storage.postgres import CONNECT_TIMEOUT_S

    engine = create_engine(
        url,
        poolclass=NullPool,  # closing the connection ends the session and its advisory lock
        connect_args={"connect_timeout": CONNECT_TIMEOUT_S, "application_name": "briefdesk index build"},
    )
    try:
        with engine.connect() as raw:
            conn = raw.execution_options(isolation_level="AUTOCOMMIT")  # CONCURRENTLY: outside a transaction
            if not conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": BUILD_LOCK_KEY}).scalar():
                return BuildReport("busy", holder=_holder(conn))
            try:
                return _build_tables(conn, where, progress, stop)
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": BUILD_LOCK_KEY})
    except DBAPIError as exc:
        raise _build_error(where, exc) from None
    finally:
        engine.dispose()


def _build_tables(
    conn: Connection,
    where: str,
    progress: Callable[[BuildProgress], None] | None,
    stop: Callable[[], bool] | None,
) -> BuildReport:
    from sqlalchemy import text

    if conn.execute(text("SELECT to_regprocedure('briefdesk_word_pairs(tsvector)')")).scalar() is None:
        raise LibraryError(
            f"The team library {where} has no word pairs to index (its schema is older than 0013)."
        )
    states = index_states(conn)
    if all(state == "valid" for state in states.values()):
        return BuildReport("ready")
    # the build waits for other analysts' transactions as long as they last (they never wait for it)
    conn.execute(text("SET lock_timeout = 0"))
    conn.execute(text("SET statement_timeout = 0"))
    conn.execute(text(f"SET maintenance_work_mem = '{BUILD_MEMORY}'"))
    pid = int(conn.execute(text("SELECT pg_backend_pid()")).scalar_one())
    built: list[tuple[str, float]] = []
    rebuilt: list[str] = []
    for table in TABLES:
        if states[table] == "valid":
            continue
        if stop is not None and stop():
            return BuildReport("stopped", tuple(built), tuple(rebuilt))
        started = time.monotonic()
        if states[table] == "invalid":  # left by a build that died: PostgreSQL cannot resume it
            conn.execute(text(f"DROP INDEX CONCURRENTLY IF EXISTS {index_name(table)}"))
            rebuilt.append(table)
        create, statistics = create_sql(table, concurrently=True)
        with _Watch(conn, pid, table, progress):
            conn.execute(text(create))
        conn.execute(text(statistics))
        built.append((table, time.monotonic() - started))
    return BuildReport("built", tuple(built), tuple(rebuilt))


class _Watch:
    """While a build statement runs: its progress (pg_stat_progress_create_index), read every
    PROGRESS_EVERY_S on a second connection and given to ``progress``."""

    def __init__(
        self, conn: Connection, pid: int, table: str, progress: Callable[[BuildProgress], None] | None
    ) -> None:
        self.engine = conn.engine
        self.pid, self.table, self.progress = pid, table, progress
        self.done = threading.Event()
        self.thread: threading.Thread | None = None

    def __enter__(self) -> _Watch:
        if self.progress is not None:
            self.progress(BuildProgress(self.table, "starting", 0, 0))
            self.thread = threading.Thread(target=self._run, name="pairs-progress", daemon=True)
            self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.done.set()
        if self.thread is not None:
            self.thread.join()

    def _run(self) -> None:
        from sqlalchemy import text

        assert self.progress is not None
        sql = text(
            "SELECT phase, blocks_done, blocks_total FROM pg_stat_progress_create_index WHERE pid = :pid"
        )
        try:
            # autocommit: no transaction of its own that the build would wait for
            with self.engine.connect() as raw:
                conn = raw.execution_options(isolation_level="AUTOCOMMIT")
                while not self.done.wait(PROGRESS_EVERY_S):
                    row = conn.execute(sql, {"pid": self.pid}).first()
                    if row is not None and not self.done.is_set():
                        self.progress(
                            BuildProgress(self.table, str(row[0]), int(row[1] or 0), int(row[2] or 0))
                        )
        except Exception:  # noqa: BLE001 - progress is a courtesy: the build goes on without it
            return


def _holder(conn: Connection) -> str:
    """Who holds the build lock, as "user (application) since HH:MM UTC", or ""."""
    from sqlalchemy import text

    row = conn.execute(
        text(
            "SELECT a.usename, a.application_name, to_char(a.backend_start AT TIME ZONE 'UTC', 'HH24:MI') "
            "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE l.locktype = 'advisory' AND l.granted AND l.database = "
            "(SELECT oid FROM pg_database WHERE datname = current_database()) "
            "AND l.classid::bigint = :hi AND l.objid::bigint = :lo AND l.objsubid = 1 LIMIT 1"
        ),
        {"hi": BUILD_LOCK_KEY >> 32, "lo": BUILD_LOCK_KEY & 0xFFFFFFFF},
    ).first()
    if row is None:
        return ""
    return f"{row[0]} ({row[1] or 'another client'}) since {row[2]} UTC"


def _build_error(where: str, exc: Any) -> LibraryError:
    from app.storage.postgres import connection_problem

    problem = connection_problem(exc, where)
    text = str(getattr(exc, "orig", None) or exc)
    if problem is None and "must be owner" in text.lower():
        problem = (
            f"Only the owner of the team library {where}'s tables (the user that created it) can build its "
            "phrase index; ask that user to run `briefdesk library index`."
        )
    return LibraryError(
        (problem or f"Building the phrase index of the team library {where} failed ({text.strip()}).")
        + " Phrase searches work meanwhile, more slowly; an unfinished index is built again by the next build."
    )
