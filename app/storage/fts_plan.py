"""How a full-text filter runs on SQLite's FTS5 index, chosen per query from how common its words are.

One FTS5 table (``search_fts``) indexes sources, claims and actors (rowid = id * 4 + entity code). A list
filtered by text ("claims that mention X, newest first") can be answered three ways, and which is fast depends
on how many rows match and how much of the index the query must read:

- **driven**: read every match from the index, look each row up, sort them. Cost grows with the matches
  (~15 µs a row on a first call, a page read each): right for a few thousand, 4-7 s for a word in 700,000
  claims.
- **walk**: materialise the matches once as a set of ids, then walk the list's own sort index (id, said,
  grade, ...) and keep the rows in the set until the page is full. Cost: the set, plus ``page / share``
  index entries: right for words in 0.3-20 % of the rows.
- **probe**: walk the sort index and ask the FTS index, row by row, whether that row matches
  (``rowid = id * 4 + code``: a seek in each word's doclist). Cost: ``page / share`` probes and no set:
  right for the commonest words ("the", in 72 % of claims: ~280 probes for a page of 200).

Building the set (and counting exactly) reads the doclist of every word of the query, whatever the result:
"the of and to a in" matches 0.5 % of claims but reads 2.2 million index entries. So each word's share of
the index is estimated too, and the costs below use both.

A probe seeks each word in every b-tree ("segment") the index is made of: the bulk-loaded benchmark library
has 17 and a probe there costs ~5x what it costs once they are merged into one. ``tidy_step`` merges them a
bounded step at a time (the app runs it when idle, and ``briefdesk tidy``); the probe's cost counts them.

Estimates come from **samples**: the newest matches of a query within the newest ``WINDOW`` ids, read in rowid
order (a bounded read: 1-5 ms whatever the words). A sample that finds more than ``SAMPLE`` matches gives
their share over the ids they span; fewer, their share of the window (and when that makes the matches few,
they are counted exactly). Every plan returns exactly the rows of the plain query (``id IN (all matches)``);
only the order of work differs (tests/app/test_fts_plan.py forces each plan and compares the rows).
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Integer, and_, bindparam, column, false, literal_column
from sqlalchemy import text as sa_text

from app.storage.query import ParsedQuery, Term

if TYPE_CHECKING:
    from sqlalchemy import ColumnElement
    from sqlalchemy.engine import Connection
    from sqlalchemy.orm import Session

ENTITY_CODES = {"source": 1, "claim": 2, "actor": 3}
ENTITY_TABLES = {"source": "sources", "claim": "claims", "actor": "actors"}

SAMPLE = 2000  # matches read at most by a sample
WINDOW = 20_000  # ids (the newest) a sample looks at when its matches are fewer than SAMPLE
# Costs in microseconds, first calls on the 1,000,000-claim benchmark library (bench/RESULTS.md): a match
# looked up and sorted; a match put in the set; an index entry walked; a probe, and per word probed; one
# doclist entry read by the FTS index.
COST_LOOKUP = 17.0
COST_SET = 0.3
COST_WALK = 0.5
COST_PROBE = 12.0
COST_PROBE_WORD = 3.4  # per word and per b-tree of the index: 17 b-trees, ~70 µs a one-word probe; one, ~15
COST_ENTRY = 0.08
EXACT_COUNT_BUDGET = 15_000.0  # µs: count_or_estimate counts exactly when that reads no more of the index


@dataclass(frozen=True, slots=True)
class Sample:
    """What a bounded read of a query's newest matches among one entity's rows says."""

    matches: int  # matches read
    complete: bool  # every match was read: ``matches`` is the exact count
    share: float  # estimated share of the entity's rows that match (0..1)
    rows: int  # the entity's rows (its largest id: ids are dense)
    entries: float = 0.0  # estimated doclist entries the index reads to produce every match
    words: int = 1  # words in the query (each is a doclist a probe seeks)
    segments: int = 1  # b-trees the index is made of (a probe seeks each word in each)
    ids: tuple[
        int, ...
    ] = ()  # when complete: the ids of every match (read once; not asked of the index again)

    @property
    def estimate(self) -> int:
        """Estimated number of matching rows (exact when ``complete``)."""
        return self.matches if self.complete else max(self.matches, round(self.share * self.rows))


def _conn(s: Session | Connection) -> Connection:
    from sqlalchemy.engine import Connection as _Connection  # not the ORM's Session: reading never loads it

    return s if isinstance(s, _Connection) else s.connection()


def max_id(s: Session | Connection, entity: str) -> int:
    """The entity's largest id (one index seek)."""
    value = _conn(s).execute(sa_text(f"SELECT max(id) FROM {ENTITY_TABLES[entity]}")).scalar()
    return int(value or 0)


@dataclass(frozen=True, slots=True)
class _Read:
    """What one bounded read of a query's matches found."""

    matches: int  # matches read (at most SAMPLE + 1)
    last: int  # the rowid of the last one read (the oldest when read newest first); 0 when none
    rowids: tuple[int, ...] = ()  # in reading order, when asked for and at most SAMPLE were read


def _read(
    conn: Connection,
    fts_query: str,
    low: int,
    high: int,
    code: int | None,
    *,
    newest_first: bool = True,
    want_rowids: bool = False,
) -> _Read:
    """The newest (or oldest) SAMPLE + 1 matching rowids in [low, high]: how many, the last, and (asked for,
    when no more than SAMPLE) every one. Counted in SQL: handing 2,001 rowids to Python one by one cost more
    than FTS5 reading them (a search of six common words sampled each: ~16 ms against ~3 ms counted)."""
    entity = f"AND rowid % 4 = {code} " if code is not None else ""
    order = "DESC" if newest_first else "ASC"
    last = "min" if newest_first else "max"
    listed = ", group_concat(rowid)" if want_rowids else ""
    row = conn.execute(
        sa_text(
            f"SELECT count(*), {last}(rowid){listed} FROM (SELECT rowid FROM search_fts "
            f"WHERE search_fts MATCH :q AND rowid BETWEEN :lo AND :hi {entity}"
            f"ORDER BY rowid {order} LIMIT {SAMPLE + 1})"
        ),
        {"q": fts_query, "lo": low, "hi": high},
    ).one()
    matches = int(row[0])
    rowids: tuple[int, ...] = ()
    if want_rowids and 0 < matches <= SAMPLE:
        rowids = tuple(sorted(map(int, str(row[2]).split(",")), reverse=newest_first))
    return _Read(matches, int(row[1] or 0), rowids)


def _share(
    conn: Connection,
    fts_query: str,
    tops: dict[str, int],
    code: int | None,
    *,
    want_rowids: bool = False,
    settle: bool = True,
) -> tuple[float, int, bool, tuple[int, ...]]:
    """(share of the rows that match, matches read, every match read, and then (asked for) their rowids) for
    one entity's rows (``code``) or, with code None, for every indexed row. ``tops``: the largest id of each
    entity."""
    top = max(tops.values(), default=0)
    if top <= 0:
        return 0.0, 0, True, ()
    rows = sum(tops.values())

    def rows_from(first_id: int) -> int:  # rows with an id >= first_id (ids are dense)
        return sum(max(0, t - first_id + 1) for t in tops.values())

    def rows_to(last_id: int) -> int:  # rows with an id <= last_id
        return sum(min(t, last_id) for t in tops.values())

    low_id = max(0, top - WINDOW + 1)
    found = _read(conn, fts_query, low_id * 4, top * 4 + 3, code, want_rowids=want_rowids and low_id == 0)
    matches = found.matches
    if matches > SAMPLE:
        return min(1.0, matches / max(1, rows_from(found.last // 4))), matches, False, ()
    if low_id == 0:
        return matches / rows, matches, True, found.rowids
    share = matches / max(1, rows_from(low_id))
    if settle and share * rows <= SAMPLE:  # few in the window: few at all, probably; read them all (bounded)
        # Oldest first: FTS5 walks a doclist forwards at about half the cost of backwards, and this read may
        # cover the whole index (a phrase of common words, "the government": its words' position lists at
        # every row holding its rarest word, 17-33 ms forwards against 33-43 ms backwards, bench/RESULTS.md).
        found = _read(conn, fts_query, 0, top * 4 + 3, code, newest_first=False, want_rowids=want_rowids)
        more = found.matches
        if more <= SAMPLE:
            return more / rows, more, True, found.rowids
        return min(1.0, more / max(1, rows_to(found.last // 4))), more, False, ()
    return share, matches, False, ()


def _word_queries(parsed: ParsedQuery) -> list[str]:
    """Each word of the query as its own FTS query (the doclists the full query reads)."""
    out: list[str] = []
    terms: list[Term] = [t for group in parsed.groups for t in group] + list(parsed.excluded)
    for term in terms:
        for i, word in enumerate(term.words):
            prefix = term.prefix and i == len(term.words) - 1
            out.append(f'"{word}"' + ("*" if prefix else ""))
    return list(dict.fromkeys(out))


def sample(
    s: Session | Connection,
    entity: str,
    fts_query: str,
    parsed: ParsedQuery | None = None,
    *,
    settle: bool = True,
) -> Sample:
    """Estimate how many of ``entity``'s rows match ``fts_query`` (and, given its parsed form, how much of the
    index producing all of them reads). Asked again in the same transaction with nothing written since (the
    claim picker plans its page, then estimates its total), the first answer is returned: a phrase of common
    words is read over the whole index, 25-50 ms a time. ``settle=False``: when the newest rows hold few
    matches, their share is the estimate, and the whole index is not read to find every one (a claims page
    the common-word bits can walk does not need them; a total does)."""
    conn = _conn(s)
    key = (entity, fts_query, parsed)
    state = _state(conn)
    if state is None:
        return _sample(conn, entity, fts_query, parsed, settle)
    remembered = conn.info.get(_MEMO)
    if remembered is not None and remembered[0] == state and remembered[1] == key:
        smp, settled = remembered[2], remembered[3]
        if isinstance(smp, Sample) and (settled or not settle):
            return smp
    found = _sample(conn, entity, fts_query, parsed, settle)
    conn.info[_MEMO] = (state, key, found, settle)
    return found


_MEMO = "fts_plan.sample"  # in the DB-API connection's info: (state, key, Sample, settled) of the last sample


def _state(conn: Connection) -> tuple[Any, int] | None:
    """What makes a remembered sample still true: the same transaction (a reader's snapshot of the file) and no
    row changed by this connection since (``total_changes()``). None outside a transaction: never remembered.
    The transaction is held weakly, so a later transaction can never pass for it."""
    txn = conn.get_transaction()
    if txn is None:
        return None
    changes = int(conn.execute(sa_text("SELECT total_changes()")).scalar() or 0)
    return _Same(txn), changes


class _Same:
    """Equal only to a marker of the same, still living, object (a weak reference: compares by identity)."""

    __slots__ = ("ref",)

    def __init__(self, obj: object) -> None:
        self.ref = weakref.ref(obj)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, _Same):
            return NotImplemented
        mine = self.ref()
        return mine is not None and mine is other.ref()

    def __hash__(self) -> int:
        return id(self.ref())


def _sample(
    conn: Connection, entity: str, fts_query: str, parsed: ParsedQuery | None, settle: bool = True
) -> Sample:
    tops = {e: max_id(conn, e) for e in ENTITY_TABLES}
    rows = tops[entity]
    if rows <= 0:
        return Sample(0, True, 0.0, 0)
    share, matches, complete, found = _share(
        conn, fts_query, {entity: rows}, ENTITY_CODES[entity], want_rowids=True, settle=settle
    )
    entries = 0.0
    words = 1
    if parsed is not None:
        word_queries = _word_queries(parsed)
        words = max(1, len(word_queries))
        if not complete:  # a complete sample read every match already: the set is cheap
            all_rows = sum(tops.values())
            entries = sum(_share(conn, q, tops, None)[0] * all_rows for q in word_queries)
    if complete:
        return Sample(matches, True, share, rows, entries, words, 1, tuple(r // 4 for r in found))
    return Sample(matches, False, share, rows, entries, words, segments(conn))


def segments(s: Session | Connection) -> int:
    """How many b-trees the full-text index is made of (each has rows in its ``_idx`` table): one index seek
    per b-tree (counting the distinct ids read the whole table: 4 ms on a first call at 1,000,000 claims)."""
    value = (
        _conn(s)
        .execute(
            sa_text(
                "WITH RECURSIVE seg(id) AS (SELECT min(segid) FROM search_fts_idx UNION ALL "
                "SELECT (SELECT min(segid) FROM search_fts_idx WHERE segid > seg.id) FROM seg "
                "WHERE seg.id IS NOT NULL) SELECT count(id) FROM seg"
            )
        )
        .scalar()
    )
    return max(1, int(value or 0))


TIDY_PAGES = 1000  # index pages merged by one tidy step: ~60 ms on the benchmark library (bench/RESULTS.md)
# Tidy only an index of more b-trees than this. FTS5 merges small b-trees as rows are added (its automerge),
# so a tidied index gains a few small ones, which cost a probe little; folding them into the large one would
# rewrite the whole index for a handful of rows. A bulk load leaves many large ones (17 on the benchmark).
TIDY_ABOVE = 6


def tidy_step(s: Session | Connection, pages: int = TIDY_PAGES, *, above: int = TIDY_ABOVE) -> bool:
    """Merge up to ``pages`` pages of the full-text index's b-trees towards one (FTS5's 'merge' command; a
    negative size lets every b-tree take part), when it is made of more than ``above`` b-trees (a merge under
    way keeps the count until it ends). Run in a write transaction of its own. True when it merged something
    (call again), False when there is nothing to do. The rows, and what every query finds, are unchanged."""
    conn = _conn(s)
    if segments(conn) <= above:
        return False
    before = int(conn.execute(sa_text("SELECT total_changes()")).scalar() or 0)
    conn.execute(
        sa_text("INSERT INTO search_fts(search_fts, rank) VALUES ('merge', :n)"), {"n": -max(1, int(pages))}
    )
    after = int(conn.execute(sa_text("SELECT total_changes()")).scalar() or 0)
    return after - before >= 2  # the command itself counts one change (FTS5's documented test)


def share_and_count(s: Session | Connection, fts_query: str) -> tuple[float, int | None]:
    """(estimated share of every indexed row that matches ``fts_query``, the exact number of matches when the
    sample read them all (at most SAMPLE), else None)."""
    conn = _conn(s)
    tops = {e: max_id(conn, e) for e in ENTITY_TABLES}
    share, matches, complete, _found = _share(conn, fts_query, tops, None)
    return share, matches if complete else None


def costs(smp: Sample, rows_wanted: int, *, bits: bool = False) -> dict[str, float]:
    """Estimated µs of each plan for a query needing its first ``rows_wanted`` rows in an index order;
    ``bits``: the claims' common-word bits can stand for the query (its words all in the list, the bits of
    every claim computed, the list sorted by date)."""
    n = smp.estimate
    walked = rows_wanted / max(smp.share, 1e-9)
    full_read = smp.entries * COST_ENTRY
    probe = COST_PROBE + COST_PROBE_WORD * smp.words * smp.segments
    out = {
        "driven": full_read + n * COST_LOOKUP,
        "walk": full_read + n * COST_SET + walked * COST_WALK,
        "probe": walked * probe,
    }
    if bits:  # the date index's entries tested in the index alone; only the rows holding every word probed
        out["bits"] = walked * COST_BITS + min(n, rows_wanted) * probe
    return out


COST_BITS = 0.35  # µs: an entry of ix_claims_said_words walked, its bits tested (first call; 0.14 repeated)


def choose(smp: Sample, rows_wanted: int | None, *, bits: bool = False) -> str:
    """'driven', 'walk' or 'probe' for a list that needs its first ``rows_wanted`` rows in an index order
    (None: every row, e.g. a count, or a sort no index serves: only 'driven' reads each row once). A complete
    sample holds every match's id: looking each up ('driven') or walking the sort index and keeping those ids
    ('walk': right when they are a large enough share that a page comes soon, e.g. 1,379 of 100,000 sources,
    where looking up each source's row cost 20-70 ms on a first call); probing asks the index again."""
    if rows_wanted is None:
        return "driven"
    est = costs(smp, rows_wanted, bits=bits)
    if smp.complete:
        del est["probe"]
    return min(est, key=lambda k: est[k])


def ids_subquery(entity: str, fts_query: str) -> Any:
    """``SELECT id`` of every row of ``entity`` that matches (a sub-select for ``IN``)."""
    code = ENTITY_CODES[entity]
    clause = sa_text(
        f"SELECT rowid / 4 AS id FROM search_fts WHERE search_fts MATCH :fq AND rowid % 4 = {code}"
    )
    return clause.bindparams(bindparam("fq", value=fts_query, unique=True)).columns(column("id", Integer))


def condition(
    s: Session | Connection,
    entity: str,
    fts_query: str,
    parsed: ParsedQuery,
    *,
    rows_wanted: int | None,
    by_date: bool = False,
) -> ColumnElement[bool]:
    """The WHERE term restricting ``entity``'s table (unaliased) to rows matching ``fts_query``, planned.
    ``by_date``: the list is sorted by date (claims: the bits plan may walk ``ix_claims_said_words``)."""
    table = ENTITY_TABLES[entity]
    smp: Sample | None = None
    bits_mask: int | None = None
    if rows_wanted is None:
        plan = "driven"
    else:
        if entity == "claim" and by_date:
            bits_mask = common_mask(s, parsed)
        # With the bits, a query whose newest rows hold few matches need not read the whole index to find
        # them all first ("that is was he", 0.09 % of claims: 73 ms): walking ~66,000 entries costs less.
        smp = sample(s, entity, fts_query, parsed, settle=bits_mask is None)
        if smp.complete and smp.matches == 0:
            return false()
        plan = choose(smp, rows_wanted, bits=True) if bits_mask is not None else choose(smp, rows_wanted)
    probe = sa_text(
        f"EXISTS (SELECT 1 FROM search_fts WHERE search_fts MATCH :fq "
        f"AND search_fts.rowid = {table}.id * 4 + {ENTITY_CODES[entity]})"
    ).bindparams(bindparam("fq", value=fts_query, unique=True))
    if plan == "bits" and bits_mask is not None:
        # Every row holding all the words has their bits (app.storage.common_words: computed from the text
        # as FTS5 tokenizes it), so the test never drops a match; FTS5 confirms the rows that pass, as the
        # probe plan does. '+' keeps the date index for the walk: the bits are in its entries.
        held = literal_column(f"+{table}.common_words", Integer).op("&")(bits_mask) == bits_mask
        return and_(held, probe)
    if plan == "probe":
        return probe  # type: ignore[return-value]  # a boolean SQL term
    id_col = literal_column(f"{table}.id", Integer)
    if plan == "walk":
        # '+' keeps the id out of the plan's index choice: the sort index is walked, the set only tested
        id_col = literal_column(f"+{table}.id", Integer)
    if smp is not None and smp.complete:
        # The sample read every match already (at most SAMPLE): the rows are those ids. Asking the index
        # again read the same doclists a second time: 50-100 ms for a rare phrase of common words.
        return id_col.in_(smp.ids)
    return id_col.in_(ids_subquery(entity, fts_query))


def common_mask(s: Session | Connection, parsed: ParsedQuery) -> int | None:
    """The claims' common-word bits standing for ``parsed`` (app.storage.common_words), or None: only for a
    query of plain words (no phrase, prefix, OR or excluded term) all in the list, once every claim's bits are
    computed (a library upgraded to 0014 is filled while idle). Mixed with a rarer word, a query keeps the
    other plans: the rarer word finds few rows by its own index, and the common ones would pass most rows."""
    from app.storage import common_words
    from app.storage.query import plain_words

    words = plain_words(parsed)
    if not words or parsed.excluded:
        return None
    found = common_words.mask(words)
    if found is None or common_words.unfilled(_conn(s)):
        return None
    return found


def count(s: Session | Connection, entity: str, fts_query: str) -> int:
    """The exact number of ``entity`` rows matching (read from the index alone)."""
    code = ENTITY_CODES[entity]
    value = (
        _conn(s)
        .execute(
            sa_text(f"SELECT count(*) FROM search_fts WHERE search_fts MATCH :q AND rowid % 4 = {code}"),
            {"q": fts_query},
        )
        .scalar()
    )
    return int(value or 0)


def count_or_estimate(
    s: Session | Connection, entity: str, fts_query: str, parsed: ParsedQuery
) -> tuple[int, bool]:
    """(matching rows, exact?): exact when the sample read them all or counting reads little of the index
    (within EXACT_COUNT_BUDGET), else the sample's estimate."""
    smp = sample(s, entity, fts_query, parsed)
    if smp.complete:
        return smp.matches, True
    if smp.entries * COST_ENTRY <= EXACT_COUNT_BUDGET:
        return count(s, entity, fts_query), True
    return smp.estimate, False
