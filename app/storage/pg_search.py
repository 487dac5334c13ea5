"""Ranked search on a team library (PostgreSQL), giving the rows SQLite's search gives (app.storage.sqlite).

SQLite keeps sources, claims and actors in one full-text index whose rowid is ``id * 4 + code``; a search
ranks only the newest SEARCH_CANDIDATES matches in that order, and words in more than COMMON_SHARE of all
rows decide which rows match but not how they rank (a query of such words alone lists the newest matches).
Here each kind has its own ``tsvector`` column and GIN index, and the same rules are followed:

- **How common each part of the query is** comes from the planner's statistics (``EXPLAIN`` of the part's
  matches in each table: the lexeme frequencies ``ANALYZE`` keeps), or from exact counts in a small library
  (or one never analysed, where the estimates say nothing).
- **Candidates**: the newest matches in rowid order, found kind by kind, the kind with the largest ids
  first. Once SEARCH_CANDIDATES are found, a row of another kind can only be a candidate if its rowid is
  above the last one found, so its search is bounded by an id range; on the 1M-claim library the newest
  4,000 claims that say "ceasefire" rule out every source (sources' ids end at 100,000), so the sources'
  large tsvectors are neither scanned nor ranked (they were 250-350 ms of each such search).
- **Phrases**: the rows holding each of a phrase's adjacent word pairs (migration 0013's index of
  ``briefdesk_word_pairs(search_tsv)``, app.storage.postgres.pairs_tsquery), then checked for the phrase
  itself; the GIN index of ``search_tsv`` alone gave every row holding the words, in any order (for
  "the government" 7,248 sources, each tsvector read from the TOAST table to check the order). A table's
  pairs are asked only once its index is valid (built after the upgrade: app.storage.pg_pairs); until
  then, and for a phrase without a pair, phrases are read by their words as before 0013.
- **Ranking**: ``ts_rank`` of the candidates (title or statement words weigh more), negated so that, as with
  SQLite's bm25, lower is better; with only common words, the newest first and no ranking.
- **A query of words that tell no match apart** (each in more than NON_DISCRIMINATIVE_SHARE of the newest
  rows, app.storage.query) ranks its newest COMMON_CANDIDATES matches, as on SQLite. SQLite's samples
  measure a word among the newest rows (on the 1M-claim library, the newest claims: "in" 19 %, against 27 %
  of every row, sources being long), so the share here is the planner's estimate spread over the newest
  ids of each kind (``newest_share``): the two agree within a few per cent for the commonest words.
- **A query holding a prefix** ranks its newest PREFIX_CANDIDATES matches, as on SQLite (app.storage.query).

Each statement carries the query as a parameter the planner sees (connections plan every statement for its
values: ``plan_cache_mode``), so a frequent word walks the primary key from the newest row and a rare one
reads the GIN index.
"""

from __future__ import annotations

import bisect
import heapq
import json
import math
import operator
import re
from typing import TYPE_CHECKING, Any

from sqlalchemy import text

from app._gc import paused_gc
from app.storage.postgres import PAIRS_SQL, TITLE_INDEX_CHARS, pairs_tsquery
from app.storage.postgres import render_tsquery as render
from app.storage.query import (
    COMMON_CANDIDATES,
    NON_DISCRIMINATIVE_SHARE,
    PREFIX_CANDIDATES,
    ParsedQuery,
    has_prefix,
    parse_query,
    plain_words,
)

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

ENTITY_CODES = {"source": 1, "claim": 2, "actor": 3}
ENTITY_TABLES = {"source": "sources", "claim": "claims", "actor": "actors"}
TEXT_COLUMNS = {
    "source": ("title", "body"),
    "claim": ("statement", "quote"),
    "actor": ("name", "role || ' ' || affiliation"),
}
# As on SQLite (app.storage.sqlite): the candidates ranked, the share of all rows above which a term does not
# rank, and how much of a body is read for the snippet.
SEARCH_CANDIDATES = 4000
COMMON_SHARE = 0.2
SNIPPET_SCAN_CHARS = 200_000
# Below this many rows in all (the largest ids), how common a term is is counted, not estimated.
EXACT_SHARE_BELOW = 50_000
NEWEST_IDS = 20_000  # SQLite's samples look at the newest ids (app.storage.fts_plan.WINDOW)
WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"  # ts_rank's weights of D, C, B, A (A: titles and statements, B: bodies)
_TSQ = "to_tsquery('simple'::regconfig, :q)"


def _max_ids(conn: Connection) -> dict[str, int]:
    row = conn.execute(
        text(", ".join(f"(SELECT max(id) FROM {t})" for t in ENTITY_TABLES.values()).join(("SELECT ", "")))
    ).one()
    return {e: int(v or 0) for e, v in zip(ENTITY_TABLES, row, strict=True)}


def _plan_rows(node: dict[str, Any]) -> list[float]:
    """The estimated rows of each branch of a plan made of UNION ALL branches, in order."""
    if node.get("Node Type") == "Append":
        return [r for child in node.get("Plans", []) for r in _plan_rows(child)]
    return [float(node.get("Plan Rows", 0))]


def _estimates(conn: Connection, queries: list[str], tops: dict[str, int]) -> list[dict[str, float]]:
    """For each query: how many rows of each kind match it, estimated by the planner from the statistics
    ``ANALYZE`` keeps (counted instead in a library of fewer than EXACT_SHARE_BELOW rows)."""
    unique = list(dict.fromkeys(queries))  # a query of one group is that group too: planned once, not twice
    if len(unique) < len(queries):
        by_query = dict(zip(unique, _estimates(conn, unique, tops), strict=True))
        return [by_query[q] for q in queries]
    params = {f"q{i}": q for i, q in enumerate(queries)}
    kinds = list(ENTITY_TABLES)
    exact = sum(tops.values()) < EXACT_SHARE_BELOW  # few rows: count them (a few ms with the GIN index)
    branches = [
        f"SELECT {f'{i * len(kinds) + k}, count(*)' if exact else '1'} FROM {ENTITY_TABLES[kind]} "
        f"WHERE search_tsv @@ to_tsquery('simple'::regconfig, :q{i})"
        for i in range(len(queries))
        for k, kind in enumerate(kinds)
    ]
    if exact:
        found: dict[int, int] = dict(conn.execute(text(" UNION ALL ".join(branches)), params).all())
        counts = [float(found.get(k, 0)) for k in range(len(branches))]
    else:
        plan = conn.execute(text("EXPLAIN (FORMAT JSON) " + " UNION ALL ".join(branches)), params).scalar()
        doc = plan if isinstance(plan, list) else json.loads(str(plan))
        counts = _plan_rows(doc[0]["Plan"])
        if len(counts) != len(branches):  # a plan of another shape: say nothing matches (every part ranks)
            counts = [0.0] * len(branches)
    return [
        {kind: min(counts[i * len(kinds) + k], float(tops[kind])) for k, kind in enumerate(kinds)}
        for i in range(len(queries))
    ]


def newest_share(estimate: dict[str, float], tops: dict[str, int]) -> float:
    """The share of the newest rows (ids in the newest NEWEST_IDS, of every kind) that match, from a query's
    estimated matches of each kind spread evenly over its ids: what SQLite's sample of the newest rows
    measures (a word's share among a library's newest claims can be half its share of every row: sources
    are long)."""
    low = max(tops.values(), default=0) - NEWEST_IDS + 1
    rows = {k: n if low <= 1 else max(0, n - low + 1) for k, n in tops.items()}
    every = sum(rows.values())
    return sum(estimate.get(k, 0.0) * r / max(1, tops[k]) for k, r in rows.items()) / every if every else 0.0


def group_shares(conn: Connection, parsed: ParsedQuery, tops: dict[str, int]) -> list[float]:
    """For each group of the query: the share of all rows (sources, claims and actors) that match it."""
    rows = sum(tops.values())
    if rows <= 0:
        return [0.0 for _ in parsed.groups]
    queries = [render(ParsedQuery((group,), ())) for group in parsed.groups]
    return [sum(est.values()) / rows for est in _estimates(conn, queries, tops)]


# Costs in microseconds of the two ways of finding a kind's newest matches, first calls on the 1M-claim
# library (bench/RESULTS.md): walking the primary key from the newest row, per row tested (a source's large
# tsvector is read from its TOAST table; a claim's is in the row), and a bitmap scan of the GIN index, per
# match (a heap page each; a source's row is narrow, its text stored apart; a phrase is checked again
# against the tsvector itself).
COST_WALK = {"source": 40.0, "claim": 2.5, "actor": 2.5}
COST_MATCH = {"source": 5.0, "claim": 50.0, "actor": 50.0}
COST_RECHECK = 35.0


# A kind read by a bitmap scan visits a heap page for every match it reads, and only the newest ``room`` of
# them can be candidates: reading them in an id window (the GIN index ANDed with a range of the key) visits
# about ``room`` pages instead of every match's. Putting a range of the key in the bitmap costs about as much
# per id as KEY_PER_MATCH-th of a page visit (bench/RESULTS.md, sixth run), so a window is used only when it
# spares more than it costs. Its size comes from the matches' density: the planner's estimate, with a margin;
# a prefix's estimate can be several times too low (``ce*``: 6,554 estimated, 24,126 real), so for a prefix
# a first window expecting PROBE_MATCHES at UNSURE_DENSITY times the estimate measures the density, and the
# next window is sized from what it found. A window that holds too few is followed by the next one below it
# (its rows are kept), and after MAX_WINDOWS by the rest at once. A phrase is read at once: its words are
# often common (a long GIN scan for each read: "the government" took twice as long in windows), and its
# estimate says little about how many rows hold the phrase.
WINDOW_MARGIN = 1.2
KEY_PER_MATCH = 50.0
UNSURE_DENSITY = 3.0
PROBE_MATCHES = 300
MAX_WINDOWS = 2


def _window_ids(low: int, high: int, need: int, density: float, probe: bool) -> int:
    """The lowest id of the next window of [low, high] to read for ``need`` more matches."""
    span = high - low + 1
    if density <= 0:
        return low
    if probe and density * UNSURE_DENSITY * span >= 3 * need:  # many more matches than needed, perhaps
        size = math.ceil(min(need, PROBE_MATCHES) / (density * UNSURE_DENSITY))
    else:
        size = math.ceil(need * WINDOW_MARGIN / density)
    spared = density * (span - size)  # the matches a window would not read
    if size >= span or size > spared * KEY_PER_MATCH:
        return low
    return high - size + 1


# A bitmap read of many matches visits a heap page for each, ranks each from its tsvector and sorts them: work
# PostgreSQL can share among parallel workers (a Parallel Bitmap Heap Scan: the leader reads the GIN index,
# the workers the heap pages, each ranking and sorting its share). Its planner charges a worker's start-up
# (parallel_setup_cost, 1,000 by default: several times these reads' whole cost) and never shares them, so a
# read expected to visit more than PARALLEL_MATCHES rows is planned with the start-up free. Whether workers run
# stays the server's decision (max_parallel_workers_per_gather; 0 turns this off) and the rows are the same.
PARALLEL_MATCHES = 1500.0
_SHARED = {"parallel_setup_cost": "0", "parallel_tuple_cost": "0", "min_parallel_table_scan_size": "0"}
_WALKS = "enable_indexscan"


class _Planning:
    """Planner settings a search changes for its statements, for the rest of its transaction, and puts back
    once done (the transaction may go on). **Key walks**: a window's id range must be ANDed with the GIN index,
    never walked: walking it reads every row's tsvector (a source's from its TOAST table), a cost the planner
    does not see; a kind read by a key walk needs it allowed. **Shared reads**: see PARALLEL_MATCHES."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.saved: dict[str, str] = {}  # each setting before the search changed it
        self.now: dict[str, str] = {}  # what the search set
        self.allowed = True
        self.shared = False

    def _set(self, values: dict[str, str]) -> None:
        fresh = [k for k in values if k not in self.saved]
        parts = [f"current_setting('{k}')" for k in fresh]
        parts += [f"set_config('{k}', :v{i}, true)" for i, k in enumerate(values)]
        row = self.conn.execute(
            text("SELECT " + ", ".join(parts)), {f"v{i}": v for i, v in enumerate(values.values())}
        ).one()
        self.saved.update(zip(fresh, map(str, row[: len(fresh)]), strict=True))
        self.now.update(values)

    def allow(self, allowed: bool) -> None:
        if allowed != self.allowed:
            self._set({_WALKS: "on" if allowed else "off"})
            self.allowed = allowed

    def share(self, matches: float) -> None:
        """Plan the next read as one of ``matches`` rows: shared among workers above PARALLEL_MATCHES."""
        shared = matches > PARALLEL_MATCHES
        if shared != self.shared:
            self._set(_SHARED if shared else {k: self.saved[k] for k in _SHARED})
            self.shared = shared

    def restore(self) -> None:
        back = {k: v for k, v in self.saved.items() if self.now.get(k) != v}
        if back:
            self._set(back)


def _read_newest(
    conn: Connection,
    walks: _Planning,
    sql: str,
    params: dict[str, Any],
    low: int,
    high: int,
    room: int,
    density: float,
    unsure: bool,
) -> list[Any]:
    """The newest ``room`` rows of ``sql`` (a bitmap read of one kind, with :lo and :hi bounding its ids and
    :n its LIMIT) in [low, high], read window by window (see above), newest first."""
    rows: list[Any] = []
    probe = unsure
    reads = 0
    while len(rows) < room and high >= low:
        need = room - len(rows)
        # each read scans the GIN index again: after MAX_WINDOWS windows, the rest is read at once
        lo = low if reads >= MAX_WINDOWS else _window_ids(low, high, need, density, probe)
        reads += 1
        if lo > low:
            walks.allow(False)
        walks.share(density * (high - lo + 1))
        got = list(conn.execute(text(sql), {**params, "lo": lo, "hi": high, "n": need}).all())
        rows += got
        density = max(len(got), 1) / (high - lo + 1)  # what the window held
        probe = False
        high = lo - 1
    return rows


def _newest(
    conn: Connection,
    query: str,
    entities: tuple[str, ...],
    tops: dict[str, int],
    wanted: int,
    estimate: dict[str, float],
    scoring: str | None,
    pairs: dict[str, str] | None = None,
) -> list[tuple[int, float | None]]:
    """The newest ``wanted`` matches of ``query`` among ``entities`` in SQLite's rowid order, newest first:
    (rowid, score), the score ranking by ``scoring`` for claims and actors (read with the row). A source's
    score is read with the row only for a query of one word and a source with the word in its title (see
    _source_ranks), else None (ranked apart, once the candidates are known: their tsvectors are large).

    Kinds are searched from the one with the largest ids. A kind is asked only for as many rows as can still
    be among the newest (the rows found above its largest rowid come first), and, once ``wanted`` are found,
    only above the last rowid found. Each is read by the cheaper of a key walk and a bitmap scan, the latter
    in id windows; a phrase, by its word pairs (``pairs``: postgres.pairs_tsquery, for each kind whose
    index of pairs is valid) when it has some."""
    found: list[tuple[int, float | None]] = []
    walks = _Planning(conn)
    _read_kinds(conn, walks, query, entities, tops, wanted, estimate, scoring, pairs or {}, found)
    walks.restore()  # (after an error the transaction is rolled back, and the setting with it)
    return found


def _read_kinds(
    conn: Connection,
    walks: _Planning,
    query: str,
    entities: tuple[str, ...],
    tops: dict[str, int],
    wanted: int,
    estimate: dict[str, float],
    scoring: str | None,
    pairs: dict[str, str],
    found: list[tuple[int, float | None]],
) -> None:
    for entity in sorted(entities, key=lambda e: -tops[e]):
        code = ENTITY_CODES[entity]
        top_rid = tops[entity] * 4 + code
        room = wanted - bisect.bisect_left(found, -top_rid, key=_newest_first)  # those above top_rid
        low = 1
        if len(found) >= wanted:
            low = (found[wanted - 1][0] - code) // 4 + 1  # ids with id * 4 + code > the last rowid
        if room <= 0 or low > tops[entity]:
            continue
        in_range = tops[entity] - low + 1
        matches = estimate.get(entity, 0.0) * in_range / max(1, tops[entity])
        share = max(matches / in_range, 1e-9)
        per_match = COST_MATCH[entity] + (COST_RECHECK if "<->" in query else 0.0)
        # A prefix is read in windows, the first a probe (see PROBE_MATCHES): it visits about a page per row it
        # keeps, not one per match, and the walk it is weighed against tests rows the whole way down to the
        # ``room``-th match ("minis*" and "ce*" ranking 1,000: a walk of 80-300 ms on a first call, against
        # 16-28 ms read in windows). A word is charged for every match, as measured: the planner multiplies
        # the shares of a query's words, so for "the of and to a in" it expects a few thousand matches where
        # the walk finds its 500 in 8 ms.
        visited = min(matches, room * WINDOW_MARGIN) if ":*" in query and "<->" not in query else matches
        bitmap = visited * per_match < min(in_range, room / share) * COST_WALK[entity]
        score, params = _score_sql(entity, scoring)
        # "+ 0": the key's order cannot be used, so the GIN index is read first
        sql = (
            f"SELECT id, {score} FROM {ENTITY_TABLES[entity]} WHERE search_tsv @@ {_TSQ} "
            f"AND id >= :lo AND id <= :hi ORDER BY id{' + 0' if bitmap else ''} DESC LIMIT :n"
        )
        params["q"] = query
        # a phrase read by the index: the rows holding its pairs, checked for the phrase itself (a phrase in
        # most rows is still walked from the newest row: its pairs' list is as long as a common word's)
        if entity in pairs and bitmap:
            walks.allow(False)  # (never by walking the key: each row's pairs would be computed)
            sql = (
                f"SELECT id, {score} FROM {ENTITY_TABLES[entity]} WHERE {PAIRS_SQL} "
                f"AND ts_match_vq(search_tsv, {_TSQ}) AND id >= :lo AND id <= :hi ORDER BY id + 0 DESC LIMIT :n"
            )
            params["pq"] = pairs[entity]
            walks.share(matches)
            rows = list(conn.execute(text(sql), {**params, "lo": low, "hi": tops[entity], "n": room}).all())
        elif bitmap and "<->" not in query:
            rows = _read_newest(conn, walks, sql, params, low, tops[entity], room, share, ":*" in query)
        else:
            walks.allow(True)
            walks.share(matches if bitmap else 0.0)
            rows = list(conn.execute(text(sql), {**params, "lo": low, "hi": tops[entity], "n": room}).all())
        found += [(int(i) * 4 + code, None if v is None else float(v)) for i, v in rows]
        found.sort(key=_ROWID, reverse=True)
        del found[wanted:]


_ROWID = operator.itemgetter(0)


def _newest_first(row: tuple[int, float | None]) -> int:
    return -row[0]


# ts_rank of one word found only in a source's body (weight B, 0.4): at most 0.4, however often the word
# occurs (each further occurrence adds 0.4 / n^2, the sum divided by pi^2 / 6); in a title (A, 1.0) at least
# 0.6. The float4 arithmetic is allowed a margin.
BODY_ONLY_RANK = 0.401
_SINGLE_WORD = re.compile(r"'[^'\s]+'")
_RANK = f"-ts_rank('{WEIGHTS}', search_tsv, to_tsquery('simple'::regconfig, :sq))"


def _score_sql(entity: str, scoring: str | None) -> tuple[str, dict[str, Any]]:
    """What a candidate's score is read as with its row, and its parameters: the rank of a claim or an actor;
    of a source, for a query of one word, the rank when its title holds the word (a word in a title's
    tsvector is in the lower-cased title: ILIKE rules most titles out before parsing), else NULL."""
    if scoring is None:
        return "NULL", {}
    if entity != "source":
        return _RANK, {"sq": scoring}
    if _SINGLE_WORD.fullmatch(scoring) is None:
        return "NULL", {}
    title = f"left(title, {TITLE_INDEX_CHARS})"
    in_title = f"{title} ILIKE :like AND to_tsvector('simple'::regconfig, {title}) @@ to_tsquery('simple'::regconfig, :sq)"
    word = scoring[1:-1].replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"CASE WHEN {in_title} THEN {_RANK} END", {"sq": scoring, "like": f"%{word}%"}


def _source_ranks(
    conn: Connection, scoring: str, ids: list[int], scored: list[tuple[float, int]], limit: int
) -> list[tuple[float, int]]:
    """(score, id) of the candidate sources ``ids`` that were not scored with their rows. Ranking one reads
    its tsvector from the TOAST table (~4 KB; 2,000 sources took 30-110 ms). For a query of one word these
    are the sources whose title lacks the word, which rank at most BODY_ONLY_RANK: they are ranked only when
    fewer than ``limit`` candidates (``scored``) rank above that bound, so the hits are the same."""
    above = sum(1 for v, _i in scored if v < -BODY_ONLY_RANK)
    if _SINGLE_WORD.fullmatch(scoring) is not None and above >= limit:
        return []
    sql = f"SELECT id, -ts_rank('{WEIGHTS}', search_tsv, {_TSQ}) FROM sources WHERE id = ANY(:ids)"
    return [(float(v), int(i)) for i, v in conn.execute(text(sql), {"q": scoring, "ids": ids}).all()]


def search_rows(
    conn: Connection,
    user_text: str,
    entities: tuple[str, ...],
    limit: int,
    pair_tables: frozenset[str] = frozenset(),
) -> list[tuple[str, int, float, Any, Any]]:
    """(entity, id, score, title, body) of the best ``limit`` hits of ``user_text``; see the module.
    ``pair_tables``: the tables whose index of word pairs is valid (app.storage.pg_pairs.PairIndexes); a
    phrase is read by its pairs only there, elsewhere by its words (the same rows, more slowly)."""
    with paused_gc():
        return _search_rows(conn, user_text, entities, limit, pair_tables)


def _search_rows(
    conn: Connection, user_text: str, entities: tuple[str, ...], limit: int, pair_tables: frozenset[str]
) -> list[tuple[str, int, float, Any, Any]]:
    parsed = parse_query(user_text)
    if parsed is None or limit <= 0:
        return []
    query = render(parsed)
    asked = pairs_tsquery(parsed)
    pairs = {} if asked is None else {e: asked for e in entities if ENTITY_TABLES[e] in pair_tables}
    tops = _max_ids(conn)
    every = max(1, sum(tops.values()))
    groups = [render(ParsedQuery((group,), ())) for group in parsed.groups]
    *per_group, estimate = _estimates(conn, [*groups, query], tops)
    informative = tuple(
        g
        for g, est in zip(parsed.groups, per_group, strict=True)
        if sum(est.values()) / every <= COMMON_SHARE
    )
    codes = {code: entity for entity, code in ENTITY_CODES.items()}
    # only words in more than NON_DISCRIMINATIVE_SHARE of the newest rows: the newest COMMON_CANDIDATES
    common = plain_words(parsed) is not None and all(
        newest_share(est, tops) > NON_DISCRIMINATIVE_SHARE for est in per_group
    )
    bound = COMMON_CANDIDATES if common else PREFIX_CANDIDATES if has_prefix(parsed) else SEARCH_CANDIDATES
    if not informative:  # only common words: the newest matches, unranked
        wanted = min(limit, bound) if common else limit
        top = [(rid, 0.0) for rid, _s in _newest(conn, query, entities, tops, wanted, estimate, None, pairs)]
    else:
        scoring = query if len(informative) == len(parsed.groups) else render(ParsedQuery(informative, ()))
        candidates = _newest(conn, query, entities, tops, bound, estimate, scoring, pairs)
        scored = [(score, rid) for rid, score in candidates if score is not None]
        unscored = [rid // 4 for rid, score in candidates if score is None]
        if unscored:  # sources: ranked now, only the candidates
            code = ENTITY_CODES["source"]
            scored += [(s, i * 4 + code) for s, i in _source_ranks(conn, scoring, unscored, scored, limit)]
        # the best ``limit`` (as sorting all of them would give them: the newest first among equal scores)
        best = heapq.nsmallest(limit, scored, key=lambda x: (x[0], -x[1]))
        top = [(rid, score) for score, rid in best]
    texts: dict[int, tuple[Any, Any]] = {}
    for entity in entities:
        code = ENTITY_CODES[entity]
        ids = [rid // 4 for rid, _score in top if rid % 4 == code]
        if not ids:
            continue
        title, body = TEXT_COLUMNS[entity]
        found = conn.execute(
            text(
                f"SELECT id, left({title}, 2000), left({body}, {SNIPPET_SCAN_CHARS}) "
                f"FROM {ENTITY_TABLES[entity]} WHERE id = ANY(:ids)"
            ),
            {"ids": ids},
        ).all()
        texts.update({int(i) * 4 + code: (t, b) for i, t, b in found})
    return [(codes[rid % 4], rid // 4, score, *texts[rid]) for rid, score in top if rid in texts]
