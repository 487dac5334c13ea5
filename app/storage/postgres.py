"""Everything PostgreSQL-specific, in one place (the counterpart of ``app.storage.sqlite``): team library
addresses, the engine, recognising a Briefdesk database, full-text search with ``tsvector`` columns, the
advisory lock that serialises schema upgrades, and plain words for connection failures.

A team library is one PostgreSQL database: ``postgresql://user@host:port/dbname``. Passwords come from the
standard PostgreSQL mechanisms (``PGPASSWORD``, ``~/.pgpass``, or the address itself); Briefdesk never stores
one (``display_url`` and ``storable_url`` drop it).
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError

from app.errors import LibraryError
from app.storage.address import SCHEMES as SCHEMES  # re-exported for the code that talks to a server
from app.storage.address import is_url as is_url
from app.storage.query import ParsedQuery, Term, parse_query

if TYPE_CHECKING:
    from sqlalchemy import ColumnElement, UnaryExpression
    from sqlalchemy.engine import Connection

# Marks a database as a Briefdesk library (SQLite libraries carry PRAGMA application_id instead).
META_TABLE = "briefdesk_library"
# pg_advisory_xact_lock key held while a library's schema is created or upgraded ("BRFD" as a number).
UPGRADE_LOCK_KEY = 0x42524644
CONNECT_TIMEOUT_S = 10
# how long a statement waits for another analyst's lock before it gives up (LibraryBusyError)
LOCK_TIMEOUT_MS = 15_000

ENTITY_CODES = {"source": 1, "claim": 2, "actor": 3}
CODE_ENTITIES = {v: k for k, v in ENTITY_CODES.items()}
ENTITY_TABLES = {"source": "sources", "claim": "claims", "actor": "actors"}


def parse_url(target: str) -> URL:
    """The address as SQLAlchemy's URL for psycopg 3, or LibraryError in plain words."""
    try:
        url = make_url(target.strip())
    except ArgumentError:
        raise LibraryError(
            f"'{_redact_text(target)}' is not a team library address; write it as "
            "postgresql://user@host:port/dbname."
        ) from None
    if url.get_backend_name() != "postgresql" and url.drivername not in SCHEMES:
        raise LibraryError(f"'{_redact_text(target)}' is not a PostgreSQL address.")
    if not url.database and not url.query.get("service"):
        raise LibraryError(
            f"The address {display_url(url)} names no database; write it as postgresql://user@host:port/dbname."
        )
    return url.set(drivername="postgresql+psycopg")


def _redact_text(text: str) -> str:
    """An address typed by a user, with any password replaced (for messages about an unparsable one)."""
    return re.sub(r"(://[^:/@]*):[^@/]*@", r"\1:***@", text)


def storable_url(url: URL | str) -> str:
    """The address without its password: what settings, the recent-libraries list and messages keep."""
    if isinstance(url, str):
        url = make_url(url)
    driver = "postgresql" if url.drivername == "postgresql+psycopg" else url.drivername
    # URL.set(password=None) would keep the password (None there means "unchanged"): build it anew
    bare = URL.create(driver, url.username, None, url.host, url.port, url.database, url.query)
    return bare.render_as_string(hide_password=False)


display_url = storable_url


def compose_url(
    *,
    host: str = "",
    port: int | None = None,
    database: str = "",
    user: str = "",
    password: str | None = None,
    service: str = "",
) -> str:
    """A team library's address from its parts (what File > Open team library asks for), with the password
    escaped into it when one is given. ``service``: a name in the user's libpq service file
    (``~/.pg_service.conf``), which then supplies whatever is left empty here."""
    query = {"service": service.strip()} if service.strip() else {}
    url = URL.create(
        "postgresql",
        username=user.strip() or None,
        password=password or None,
        host=host.strip() or None,
        port=port or None,
        database=database.strip() or None,
        query=query,
    )
    text = url.render_as_string(hide_password=False)
    parse_url(text)  # refuse now, in plain words, what could not be opened
    return text


def address_parts(address: str) -> dict[str, Any]:
    """The parts of an address (never its password): host, port, database, user, service."""
    url = make_url(address)
    return {
        "host": url.host or "",
        "port": url.port,
        "database": url.database or "",
        "user": url.username or "",
        "service": str(url.query.get("service") or ""),
    }


def make_engine(url: URL, *, application_name: str = "briefdesk") -> Engine:
    engine = create_engine(
        url,
        connect_args={"connect_timeout": CONNECT_TIMEOUT_S, "application_name": application_name},
        pool_size=4,
        max_overflow=4,
        pool_pre_ping=True,  # a connection the server dropped (restart, network) is replaced, not used
        pool_recycle=3600,
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: object) -> None:  # pragma: no cover - every PostgreSQL test
        with dbapi_conn.cursor() as cur:
            # a statement stuck behind another analyst's lock gives up instead of hanging the app
            cur.execute(f"SET lock_timeout = {int(LOCK_TIMEOUT_MS)}")
            cur.execute("SET idle_in_transaction_session_timeout = '10min'")
            # a search for "the" and one for a rare word want opposite plans: always plan for the values
            # given, never a generic plan cached for the statement (psycopg prepares repeated statements)
            cur.execute("SET plan_cache_mode = force_custom_plan")
            # a first page or a search reads a few hundred rows: starting parallel workers (fresh backends
            # that load their own catalog caches) and compiling with JIT cost more than they save (a
            # first page with a tag filter took 110-160 ms with two workers, 20 ms without)
            cur.execute("SET max_parallel_workers_per_gather = 0")
            cur.execute("SET jit = off")
        dbapi_conn.commit()

    return engine


def probe(conn: Connection) -> tuple[str, str | None]:
    """What the database holds: ("empty", None), ("briefdesk", revision) or ("other", None)."""
    from sqlalchemy import text

    tables = set(
        conn.execute(
            text("SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = current_schema()")
        ).scalars()
    )
    if META_TABLE in tables:
        revision = None
        if "alembic_version" in tables:
            revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        return "briefdesk", revision
    if not tables:
        return "empty", None
    return "other", None


def mark_as_library(conn: Connection) -> None:
    from sqlalchemy import text

    conn.execute(text(f"CREATE TABLE IF NOT EXISTS {META_TABLE} (key text PRIMARY KEY, value text NOT NULL)"))
    conn.execute(
        text(
            f"INSERT INTO {META_TABLE}(key, value) VALUES ('application', 'briefdesk'), "
            "('created', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')) ON CONFLICT DO NOTHING"
        )
    )


def lock_for_upgrade(conn: Connection) -> None:
    """Hold the upgrade lock until this transaction ends: two Briefdesks upgrading one library at once
    queue here, and the second finds the schema already current."""
    from sqlalchemy import text

    conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": UPGRADE_LOCK_KEY})


def upgrade_running(conn: Connection) -> bool:
    """Whether a Briefdesk holds the upgrade lock of this database right now (``lock_for_upgrade``)."""
    from sqlalchemy import text

    sql = (
        "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_locks WHERE locktype = 'advisory' AND granted "
        "AND database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database()) "
        "AND classid::bigint = :hi AND objid::bigint = :lo AND objsubid = 1)"
    )
    return bool(
        conn.execute(text(sql), {"hi": UPGRADE_LOCK_KEY >> 32, "lo": UPGRADE_LOCK_KEY & 0xFFFFFFFF}).scalar()
    )


# --- full-text search -------------------------------------------------------------------------------------
# Generated tsvector columns (title words weigh more than body words) with GIN indexes. The 'simple'
# configuration lower-cases words and keeps them as written (no stemming, no stop words), as the SQLite
# index does. A tsvector holds at most 1 MB, so a source's body is indexed up to its first BODY_INDEX_CHARS
# characters (a 60-page report); a longer body is still stored whole, and its later words are found by
# the source's title and its claims. Trade-off recorded in docs/ARCHITECTURE.md.
BODY_INDEX_CHARS = 100_000
TITLE_INDEX_CHARS = 2_000
_TSV = {
    "sources": (
        f"setweight(to_tsvector('simple'::regconfig, left(title, {TITLE_INDEX_CHARS})), 'A') || "
        f"setweight(to_tsvector('simple'::regconfig, left(body, {BODY_INDEX_CHARS})), 'B')"
    ),
    "claims": (
        f"setweight(to_tsvector('simple'::regconfig, left(statement, {TITLE_INDEX_CHARS * 10})), 'A') || "
        f"setweight(to_tsvector('simple'::regconfig, left(quote, {BODY_INDEX_CHARS})), 'B')"
    ),
    "actors": (
        "setweight(to_tsvector('simple'::regconfig, left(name, 1000)), 'A') || "
        "setweight(to_tsvector('simple'::regconfig, left(role || ' ' || affiliation || ' ' || aliases, 20000)), 'B')"
    ),
}
FTS_DDL = [
    stmt
    for table, expr in _TSV.items()
    for stmt in (
        f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS search_tsv tsvector GENERATED ALWAYS AS ({expr}) STORED",
        f"CREATE INDEX IF NOT EXISTS ix_{table}_search ON {table} USING gin (search_tsv)",
    )
]
FTS_DROP = [f"ALTER TABLE {table} DROP COLUMN IF EXISTS search_tsv" for table in _TSV]


def ts_term(term: Term) -> str:
    """One word, prefix or phrase of a query as ``to_tsquery`` text.

    A phrase matches within one column, as on SQLite, whose index keeps a title and a body (a statement and
    a quote) apart: the tsvector joins the two, so "Is spablax the" ending a statement and "is spablax"
    opening its quote made "the is spablax" a phrase. Each column's words carry its weight (A: title or
    statement, B: body or quote), and the phrase is asked within each weight."""
    if len(term.words) == 1:
        return _ts_word(term.words[0], term.prefix, "")
    last = len(term.words) - 1
    variants = [
        " <-> ".join(_ts_word(w, term.prefix and i == last, weight) for i, w in enumerate(term.words))
        for weight in "AB"
    ]
    return "((" + ") | (".join(variants) + "))"


def _ts_word(word: str, prefix: bool, weight: str) -> str:
    # \w+ words: no quote or backslash to escape. PostgreSQL's parser reads a number after a hyphen as a
    # signed integer ("Shahed-136" is 'shahed', '-136'; "2026-03-03" is '2026', '-03', '-03'), so a number
    # is looked for with and without the sign, as SQLite's tokenizer (which drops the hyphen) finds it.
    flags = ("*" if prefix else "") + weight
    suffix = f":{flags}" if flags else ""
    return f"('{word}'{suffix} | '-{word}'{suffix})" if word.isdecimal() else f"'{word}'{suffix}"


def to_tsquery_text(text: str) -> str | None:
    """What a user typed as a ``to_tsquery`` expression (same language as on SQLite), or None."""
    parsed = parse_query(text)
    return None if parsed is None else render_tsquery(parsed)


def render_tsquery(parsed: ParsedQuery) -> str:
    """A parsed query as a ``to_tsquery`` expression: groups joined by &, a group's terms by |."""
    parts = []
    for group in parsed.groups:
        terms = [ts_term(t) for t in group]
        parts.append(terms[0] if len(terms) == 1 else "(" + " | ".join(terms) + ")")
    query = " & ".join(parts)
    for term in parsed.excluded:
        query += f" & !{ts_term(term)}"
    return query


def fts_ids_clause(entity: str, text: str) -> Any:
    """A sub-select of the ids of ``entity`` rows matching ``text`` (search syntax), or None if empty."""
    from sqlalchemy import Integer, bindparam, column
    from sqlalchemy import text as sa_text

    from app._text import search_text

    query = to_tsquery_text(search_text(text))  # over-long text refused in plain words, as on SQLite
    if query is None:
        return None
    table = ENTITY_TABLES[entity]
    clause = sa_text(f"SELECT id FROM {table} WHERE search_tsv @@ to_tsquery('simple'::regconfig, :fq)")
    return clause.bindparams(bindparam("fq", value=query, unique=True)).columns(column("id", Integer))


# --- errors in plain words --------------------------------------------------------------------------------


def connection_problem(exc: BaseException, where: str) -> str | None:
    """A plain sentence for a failure to reach or log in to the server, or None if it is something else."""
    text = str(getattr(exc, "orig", None) or exc)
    low = text.lower()
    if "password authentication failed" in low or "no password supplied" in low:
        return (
            f"The team library {where} refused the login: wrong user name or password. Give the password "
            "with PGPASSWORD or ~/.pgpass (Briefdesk never stores it)."
        )
    if "does not exist" in low and "database" in low:
        return f"The team library {where} does not exist on that server (no such database)."
    if "role" in low and "does not exist" in low:
        return f"The team library {where} refused the login: the server has no such user."
    if "no pg_hba.conf entry" in low or "permission denied" in low:
        return f"The server of {where} does not allow this user or this computer to connect."
    markers = (
        "connection refused",
        "could not connect",
        "connection failed",
        "could not translate host name",
        "name or service not known",
        "timeout expired",
        "server closed the connection",
        "terminating connection",
        "connection is closed",
        "the connection is lost",
        "consuming input failed",
        "connection not open",
        "no route to host",
        "network is unreachable",
        "ssl syscall error",
        "server conn crashed",
        "admin_shutdown",
        "the database system is shutting down",
        "the database system is starting up",
        "the database system is in recovery mode",
    )
    if any(m in low for m in markers):
        return (
            f"The team library {where} cannot be reached (the server is down or the network is gone). "
            "Nothing was changed. The desktop app keeps what you are editing and reconnects by itself when the "
            "server is back; a command can be run again then."
        )
    return None


# --- full-text filters of lists ---------------------------------------------------------------------------
# The tsvector is a column of the row itself, so PostgreSQL's planner can test it row by row while walking a
# sort index (the commonest words) or read the GIN index first (rare ones), from its own statistics.


def _tsv_term(entity: str, query: str) -> Any:
    from sqlalchemy import bindparam
    from sqlalchemy import text as sa_text

    table = ENTITY_TABLES[entity]
    return sa_text(f"{table}.search_tsv @@ to_tsquery('simple'::regconfig, :fq)").bindparams(
        bindparam("fq", value=query, unique=True)
    )


def text_condition(s: Any, entity: str, text: str, *, rows_wanted: int | None, by_date: bool = False) -> Any:
    """A WHERE term keeping ``entity`` rows (its table unaliased) that match ``text`` (search syntax). The
    same term whatever the sort: PostgreSQL plans it from its own statistics, and does not use the claims'
    common-word bits (migration 0014; see bench/RESULTS.md for why it does not need them)."""
    from sqlalchemy import false

    query = to_tsquery_text(text)
    return false() if query is None else _tsv_term(entity, query)


def text_count(s: Any, entity: str, text: str) -> int:
    from sqlalchemy import text as sa_text

    query = to_tsquery_text(text)
    if query is None:
        return 0
    table = ENTITY_TABLES[entity]
    sql = f"SELECT count(*) FROM {table} WHERE search_tsv @@ to_tsquery('simple'::regconfig, :fq)"
    return int(s.execute(sa_text(sql), {"fq": query}).scalar() or 0)


# A list page filtered by a word alone and sorted by a column other than the id: the planner may walk the
# sort's index testing each row's tsvector, the rows in another order than the table's pages (a random page
# each), where reading the word's matches by the GIN index and sorting them is several times cheaper: on the
# 1M-claim library "government" (2,638 claims) sorted by credibility walked 130-160 ms on a first call, read by
# the index 35-41 ms (bench/RESULTS.md). A walk visits about rows_wanted / share rows, the index every match,
# each a page: the index is cheaper while matches^2 < rows_wanted * rows, and the page is then planned with
# index walks disallowed (for that query only; the caller's setting is put back).
@contextlib.contextmanager
def page_plan(s: Any, entity: str, text: str, rows_wanted: int) -> Iterator[None]:
    from sqlalchemy import text as sa_text

    query = to_tsquery_text(text)
    if query is None or rows_wanted <= 0:
        yield
        return
    table = ENTITY_TABLES[entity]
    plan = s.execute(
        sa_text(
            f"EXPLAIN (FORMAT JSON) SELECT 1 FROM {table} WHERE search_tsv @@ to_tsquery('simple'::regconfig, :fq)"
        ),
        {"fq": query},
    ).scalar()
    import json

    doc = plan if isinstance(plan, list) else json.loads(plan)
    matches = float(doc[0]["Plan"].get("Plan Rows", 0))
    rows = float(
        s.execute(sa_text(f"SELECT reltuples FROM pg_class WHERE oid = '{table}'::regclass")).scalar() or 0
    )
    if rows <= 0 or matches * matches >= rows_wanted * rows:
        yield
        return
    saved = s.execute(
        sa_text("SELECT current_setting('enable_indexscan'), set_config('enable_indexscan', 'off', true)")
    ).scalar()
    try:
        yield
    finally:
        s.execute(sa_text("SELECT set_config('enable_indexscan', :v, true)"), {"v": saved})


ESTIMATE_ABOVE = 20_000


def text_estimate(s: Any, entity: str, text: str) -> tuple[int, bool]:
    """(number of matching rows, exact?): the planner's row estimate when it is ESTIMATE_ABOVE or more, else
    an exact count (the contract of app.storage.sqlite.text_estimate; the GIN index counts quickly below)."""
    from sqlalchemy import text as sa_text

    query = to_tsquery_text(text)
    if query is None:
        return 0, True
    table = ENTITY_TABLES[entity]
    plan = s.execute(
        sa_text(
            f"EXPLAIN (FORMAT JSON) SELECT 1 FROM {table} WHERE search_tsv @@ to_tsquery('simple'::regconfig, :fq)"
        ),
        {"fq": query},
    ).scalar()
    import json

    doc = plan if isinstance(plan, list) else json.loads(plan)
    estimate = int(doc[0]["Plan"].get("Plan Rows", 0))
    if estimate < ESTIMATE_ABOVE:
        return text_count(s, entity, text), True
    return estimate, False


# --- sort order of lists ----------------------------------------------------------------------------------


def ordered(column: ColumnElement[Any], descending: bool) -> UnaryExpression[Any]:
    """A list's sort term, a missing value (NULL) ordered as the smallest, as on SQLite: undated claims and
    sources come last newest first (PostgreSQL's default puts NULL first there). Migration 0011's indexes
    hold the nullable sort columns in that order, so a first page is read from an index either way."""
    if not getattr(column, "nullable", False):
        return column.desc() if descending else column.asc()
    return column.desc().nulls_last() if descending else column.asc().nulls_first()


# --- a list page filtered by a phrase ---------------------------------------------------------------------
# The GIN index cannot check word order (nor a column's weight): for a phrase every row holding its words is
# read and checked against its tsvector, which for a source is ~4 KB kept in the TOAST table (10 us a row
# warm, 40 us after a restart). "the government": 7,248 sources hold both words, 871 hold the phrase; a
# first page walked the sort's index checking 11,000 rows (85-670 ms), a bitmap scan checked all 7,248.
# Here the index finds the rows holding the words (no recheck: words without order or weight), they are
# sorted by the list's order without reading a tsvector, and only as many are checked as the page needs.
PHRASE_PAGE_MAX = 30_000  # rows holding the words above which the usual plan is left to the planner


def words_tsquery(parsed: ParsedQuery) -> str | None:
    """The query with each phrase as its words in any order and any column, and no exclusion: the index
    decides it alone (no recheck), and every row matching ``parsed`` matches it. None: ``parsed`` has no
    phrase (the index decides it already)."""
    if not any(len(t.words) > 1 for group in parsed.groups for t in group):
        return None
    parts = []
    for group in parsed.groups:
        terms = []
        for term in group:
            last = len(term.words) - 1
            words = [_ts_word(w, term.prefix and i == last, "") for i, w in enumerate(term.words)]
            terms.append(words[0] if len(words) == 1 else "(" + " & ".join(words) + ")")
        parts.append(terms[0] if len(terms) == 1 else "(" + " | ".join(terms) + ")")
    return " & ".join(parts)


# --- a phrase's candidates by its word pairs (migration 0013) --------------------------------------------
# Each table has a GIN index on briefdesk_word_pairs(search_tsv): the pairs of lexemes standing next to each
# other, as the lexemes "first second". A row matching the phrase 'a' <-> 'b' <-> 'c' holds the pairs "a b"
# and "b c", so the rows holding every pair of a phrase are its candidates (a superset: the pairs may stand
# apart, or across a title and a body), checked against the phrase itself as before. A pair is asked only
# when both words are lexemes written as the user wrote them, lower-cased (ASCII letters, then letters or
# digits: one token for the parser, and no number, which is also looked for with a sign); a phrase of other
# words is found by its words, as before.
PAIRS_EXPR = "briefdesk_word_pairs(search_tsv)"
_PAIR_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]{0,199}")


def _term_pairs(term: Term) -> list[str]:
    pairs = []
    last = len(term.words) - 1
    for i in range(last):
        first, second = term.words[i], term.words[i + 1]
        if _PAIR_WORD.fullmatch(first) and _PAIR_WORD.fullmatch(second):
            pairs.append(f"'{first} {second}'" + (":*" if term.prefix and i + 1 == last else ""))
    return pairs


def pairs_tsquery(parsed: ParsedQuery) -> str | None:
    """A tsquery (its text, to be lower-cased by the server and cast, not parsed: see PAIRS_SQL) that every
    row matching ``parsed`` matches on its word pairs, or None when no group of the query can be asked by
    its pairs (a group of terms joined by OR can only when each of its terms is a phrase with a pair)."""
    parts = []
    for group in parsed.groups:
        terms = [_term_pairs(term) for term in group]
        if not all(terms):
            continue
        ands = [" & ".join(pairs) if len(pairs) == 1 else "(" + " & ".join(pairs) + ")" for pairs in terms]
        parts.append(ands[0] if len(ands) == 1 else "(" + " | ".join(ands) + ")")
    return " & ".join(parts) if parts else None


# the server lower-cases the pairs as its 'simple' dictionary lower-cases words (the database's own rules)
PAIRS_SQL = f"{PAIRS_EXPR} @@ CAST(lower(:pq) AS tsquery)"


def phrase_page_ids(
    s: Any,
    table: Any,
    text: str,
    where: Any,
    sort: Any,
    descending: bool,
    undated_last: bool,
    offset: int,
    limit: int,
) -> list[int] | None:
    """The ids of the page (``offset``, ``limit``) of ``table``'s rows matching ``where`` and ``text``,
    sorted by the column ``sort`` then the id (a missing value the smallest, or last with
    ``undated_last``), when ``text`` holds a phrase and at most PHRASE_PAGE_MAX rows hold its words; else
    None (the caller's usual query). See the comment above."""
    from sqlalchemy import bindparam, select
    from sqlalchemy import text as sa_text

    parsed = parse_query(text)
    loose = None if parsed is None else words_tsquery(parsed)
    if parsed is None or loose is None or limit <= 0:
        return None
    name = table.name
    plan = s.execute(
        sa_text(f"EXPLAIN (FORMAT JSON) SELECT 1 FROM {name} WHERE search_tsv @@ {_TSQ_OF}"), {"fq": loose}
    ).scalar()
    import json

    doc = plan if isinstance(plan, list) else json.loads(plan)
    if float(doc[0]["Plan"].get("Plan Rows", 0)) > PHRASE_PAGE_MAX:
        return None
    # the rows holding the words, with their sort value: read by the GIN index and the narrow heap rows
    # alone (MATERIALIZED: never by walking the sort's index, which would read each row's tsvector)
    holding = (
        select(table.c.id, sort.label("key"))
        .where(where, sa_text(f"{name}.search_tsv @@ {_TSQ_OF}").bindparams(bindparam("fq", value=loose)))
        .cte("holding")
        .prefix_with("MATERIALIZED")
    )
    key, ident = holding.c.key, holding.c.id
    if descending:
        order = [key.desc().nulls_last(), ident.desc()]
    else:
        order = [key.asc().nulls_last() if undated_last else key.asc().nulls_first(), ident.asc()]
    # OFFSET 0: sorted first, then the phrase is checked only until the page is full
    sub = select(ident).order_by(*order).offset(0).subquery("in_order")
    check = sa_text(
        f"(SELECT t.search_tsv @@ to_tsquery('simple'::regconfig, :sq) FROM {name} t WHERE t.id = in_order.id)"
    ).bindparams(bindparam("sq", value=render_tsquery(parsed)))
    rows = s.execute(select(sub.c.id).where(check).offset(offset).limit(limit)).scalars().all()
    return [int(i) for i in rows]


_TSQ_OF = "to_tsquery('simple'::regconfig, :fq)"
