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
- **Ranking**: ``ts_rank`` of the candidates (title or statement words weigh more), negated so that, as with
  SQLite's bm25, lower is better; with only common words, the newest first and no ranking.

Each statement carries the query as a parameter the planner sees (connections plan every statement for its
values: ``plan_cache_mode``), so a frequent word walks the primary key from the newest row and a rare one
reads the GIN index.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from sqlalchemy import text

from app.storage.postgres import render_tsquery as render
from app.storage.query import ParsedQuery, parse_query

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


def group_shares(conn: Connection, parsed: ParsedQuery, tops: dict[str, int]) -> list[float]:
    """For each group of the query: the share of all rows (sources, claims and actors) that match it."""
    rows = sum(tops.values())
    if rows <= 0:
        return [0.0 for _ in parsed.groups]
    queries = [render(ParsedQuery((group,), ())) for group in parsed.groups]
    params = {f"q{i}": q for i, q in enumerate(queries)}
    n = len(ENTITY_TABLES)
    exact = rows < EXACT_SHARE_BELOW  # few rows: count them (the GIN index answers in a few ms)
    branches = [
        f"SELECT {f'{i * n + k}, count(*)' if exact else '1'} FROM {table} "
        f"WHERE search_tsv @@ to_tsquery('simple'::regconfig, :q{i})"
        for i in range(len(queries))
        for k, table in enumerate(ENTITY_TABLES.values())
    ]
    if exact:
        found: dict[int, int] = dict(conn.execute(text(" UNION ALL ".join(branches)), params).all())
        counts = [float(found.get(k, 0)) for k in range(len(branches))]
    else:
        plan = conn.execute(text("EXPLAIN (FORMAT JSON) " + " UNION ALL ".join(branches)), params).scalar()
        doc = plan if isinstance(plan, list) else json.loads(str(plan))
        counts = _plan_rows(doc[0]["Plan"])
        if len(counts) != len(branches):  # a plan of another shape: say every part is informative
            return [0.0 for _ in parsed.groups]
    return [min(1.0, sum(counts[i * n : (i + 1) * n]) / rows) for i in range(len(queries))]


def _newest(
    conn: Connection, query: str, entities: tuple[str, ...], tops: dict[str, int], wanted: int
) -> list[tuple[int, int]]:
    """The newest ``wanted`` matches of ``query`` among ``entities``, in SQLite's rowid order, as
    (rowid, id) pairs, newest first. Kinds are searched from the one with the largest ids; once ``wanted``
    are found, the others are searched only above the last rowid found."""
    found: list[int] = []  # rowids
    for entity in sorted(entities, key=lambda e: -tops[e]):
        code = ENTITY_CODES[entity]
        low = 0
        if len(found) >= wanted:
            bound = found[wanted - 1]  # rowid of the last candidate so far: only rows above it count
            low = (bound - code) // 4 + 1  # ids with id * 4 + code > bound
        if low > tops[entity]:
            continue
        table = ENTITY_TABLES[entity]
        ids = conn.execute(
            text(
                f"SELECT id FROM {table} WHERE search_tsv @@ {_TSQ} AND id >= :low "
                f"ORDER BY id DESC LIMIT {int(wanted)}"
            ),
            {"q": query, "low": low},
        ).scalars()
        found = sorted([*found, *(int(i) * 4 + code for i in ids)], reverse=True)[:wanted]
    return [(rid, rid // 4) for rid in found]


def search_rows(
    conn: Connection, user_text: str, entities: tuple[str, ...], limit: int
) -> list[tuple[str, int, float, Any, Any]]:
    """(entity, id, score, title, body) of the best ``limit`` hits of ``user_text``; see the module."""
    parsed = parse_query(user_text)
    if parsed is None or limit <= 0:
        return []
    query = render(parsed)
    tops = _max_ids(conn)
    shares = group_shares(conn, parsed, tops)
    informative = tuple(g for g, share in zip(parsed.groups, shares, strict=True) if share <= COMMON_SHARE)
    codes = {code: entity for entity, code in ENTITY_CODES.items()}
    if not informative:  # only common words: the newest matches, unranked
        top = [(rid, 0.0) for rid, _id in _newest(conn, query, entities, tops, limit)]
    else:
        scoring = query if len(informative) == len(parsed.groups) else render(ParsedQuery(informative, ()))
        candidates = _newest(conn, query, entities, tops, SEARCH_CANDIDATES)
        scored: list[tuple[float, int]] = []
        for entity in entities:
            code = ENTITY_CODES[entity]
            ids = [i for rid, i in candidates if rid % 4 == code]
            if not ids:
                continue
            rows = conn.execute(
                text(
                    f"SELECT id, -ts_rank('{WEIGHTS}', search_tsv, {_TSQ}) FROM {ENTITY_TABLES[entity]} "
                    "WHERE id = ANY(:ids)"
                ),
                {"q": scoring, "ids": ids},
            ).all()
            scored += [(float(score), int(i) * 4 + code) for i, score in rows]
        scored.sort(key=lambda x: (x[0], -x[1]))
        top = [(rid, score) for score, rid in scored[:limit]]
    texts: dict[int, tuple[Any, Any]] = {}
    for entity in entities:
        code = ENTITY_CODES[entity]
        ids = [rid // 4 for rid, _score in top if rid % 4 == code]
        if not ids:
            continue
        title, body = TEXT_COLUMNS[entity]
        rows = conn.execute(
            text(
                f"SELECT id, left({title}, 2000), left({body}, {SNIPPET_SCAN_CHARS}) "
                f"FROM {ENTITY_TABLES[entity]} WHERE id = ANY(:ids)"
            ),
            {"ids": ids},
        ).all()
        texts.update({int(i) * 4 + code: (t, b) for i, t, b in rows})
    return [(codes[rid % 4], rid // 4, score, *texts[rid]) for rid, score in top if rid in texts]
