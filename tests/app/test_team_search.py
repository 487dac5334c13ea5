"""Search on a team library ranks the same candidates SQLite's search ranks (app.storage.pg_search).

SQLite's one full-text index orders every row by ``id * 4 + kind`` and ranks only the newest
SEARCH_CANDIDATES matches in that order; a word in more than COMMON_SHARE of all rows does not rank. These
tests hold PostgreSQL to the same rows, with the candidate count made small so that a handful of records
reaches the bound, and with the planner's estimates (what a large library uses) as well as exact counts.
"""

from __future__ import annotations

import datetime as dt

import pytest

from app.storage import pg_search
from app.storage.query import parse_query


@pytest.fixture
def team(lib):
    if lib.dialect != "postgresql":
        pytest.skip("about the team library's search (SQLite's is app.storage.sqlite)")
    return lib


def _stories(lib, n_sources: int, with_word: set[int]) -> list[int]:
    """Sources 1..n_sources; those in ``with_word`` mention the Kessel crossing."""
    ids = []
    for i in range(1, n_sources + 1):
        place = "the Kessel crossing" if i in with_word else "the harbour"
        body = f"Traffic at {place} on day {i}."  # bodies differ: an identical one is the same source
        ids.append(lib.sources.create(title=f"Wire {i}", body=body).after.id)
    return ids


def test_candidates_are_the_newest_in_the_order_sqlite_gives_them(team, monkeypatch):
    monkeypatch.setattr(pg_search, "SEARCH_CANDIDATES", 3)
    monkeypatch.setattr(pg_search, "COMMON_SHARE", 1.0)  # every word ranks (in a library this small)
    monkeypatch.setattr(pg_search, "NON_DISCRIMINATIVE_SHARE", 1.0)  # and tells matches apart
    sources = _stories(team, 6, {1, 6})
    claims = [
        team.claims.create(source_id=sources[0], quote="Traffic at the Kessel crossing").id for _ in range(3)
    ]
    # rowids: source 6 -> 25, claims 3, 2, 1 -> 14, 10, 6, source 1 -> 5: the newest three are source 6
    # and claims 3 and 2; claim 1 and source 1 match but are not ranked, so they are never found
    hits = {(h.entity, h.id) for h in team.search("kessel", limit=10)}
    assert hits == {("source", sources[5]), ("claim", claims[2]), ("claim", claims[1])}
    # a kind with smaller ids is searched after the bound is known, and one with larger ids before it
    only_claims = {h.id for h in team.search("kessel", entities=("claim",), limit=10)}
    assert only_claims == set(claims)


def test_common_words_list_the_newest_matches_across_kinds(team):
    sources = _stories(team, 3, {1, 2, 3})
    claim = team.claims.create(source_id=sources[0], quote="Traffic at the Kessel crossing").id
    # "traffic" is in every row: the newest matches in rowid order, unranked (source 3 -> 13, claim 1 -> 6,
    # source 2 -> 9, source 1 -> 5)
    hits = [(h.entity, h.id, h.rank) for h in team.search("traffic", limit=3)]
    assert hits == [("source", sources[2], 0.0), ("source", sources[1], 0.0), ("claim", claim, 0.0)]


def test_how_common_a_word_is_comes_from_the_statistics_in_a_large_library(team, monkeypatch):
    _stories(team, 60, {1, 21, 41})  # "traffic" in 60 of 60 rows, "kessel" in 3
    with team.engine.connect() as conn:
        conn.execute(pg_search.text("ANALYZE"))  # what autovacuum does: the lexemes' frequencies
        conn.commit()
    monkeypatch.setattr(pg_search, "EXACT_SHARE_BELOW", 0)  # as in a library of 50,000 rows or more
    parsed = parse_query("traffic kessel")
    with team.querying() as conn:
        tops = pg_search._max_ids(conn)
        common, rare = pg_search.group_shares(conn, parsed, tops)
    assert common > pg_search.COMMON_SHARE >= rare
    assert [h.id for h in team.search("traffic", limit=2)] == [60, 59]  # newest first, as with counts
    ranked = team.search("traffic kessel")
    assert {h.id for h in ranked} == {1, 21, 41} and all(h.rank < 0 for h in ranked)


def test_team_connections_plan_for_the_values_and_start_no_parallel_workers(team):
    with team.querying() as conn:
        settings = {
            name: conn.execute(pg_search.text(f"SHOW {name}")).scalar()
            for name in ("plan_cache_mode", "max_parallel_workers_per_gather", "jit", "lock_timeout")
        }
    assert settings == {
        "plan_cache_mode": "force_custom_plan",
        "max_parallel_workers_per_gather": "0",
        "jit": "off",
        "lock_timeout": "15s",
    }


def test_a_phrase_matches_within_one_column_on_both_databases(lib):
    """A title and its body (a statement and its quote) are apart, as in SQLite's index: a phrase that only
    runs from the end of one into the start of the other is not found, by a search or a list filter."""
    from app.domain_lists import ClaimFilter, SourceFilter

    src = lib.sources.create(
        title="Port of the", body="Is spablax the harbour? Officials said the harbour is open."
    ).after
    claim = lib.claims.create(
        source_id=src.id, quote="Officials said the harbour is open.", statement="Reported by the"
    ).id
    assert lib.search('"the is spablax"') == []  # "Port of the" + "Is spablax"
    assert lib.search('"by the officials"') == []  # "Reported by the" + "Officials said"
    assert lib.sources.list(SourceFilter(text='"the is spablax"')).total == 0
    assert lib.claims.list(ClaimFilter(text='"by the officials"')).total == 0
    assert {(h.entity, h.id) for h in lib.search('"the harbour is open"')} == {
        ("source", src.id),
        ("claim", claim),
    }
    assert [s.id for s in lib.sources.list(SourceFilter(text='"port of the"')).items] == [src.id]
    assert [c.id for c in lib.claims.list(ClaimFilter(text='"reported by"')).items] == [claim]


def _phrase_library(lib) -> dict[int, tuple[str, object, bool]]:
    """Sources with "the government" as a phrase (in a title or a body), with both words apart or across the
    title and the body, dated or not: {id: (title, published, holds the phrase)}."""
    import datetime as dt

    texts = [
        ("Budget", "Today the government spoke.", True),
        ("Government of the north", "Nothing said.", False),  # both words, wrong order
        ("Talks with the", "Government officials met.", False),  # across the title and the body
        ("The government falls", "A vote.", True),
        ("Roads", "Roads built by the government, the new one.", True),
        ("Ports", "The port and a government office.", False),
        ("Minister", "The government minister resigned.", True),
        ("Weather", "Rain.", False),
    ]
    found = {}
    for i, (title, body, holds) in enumerate(texts * 2):
        published = None if i % 5 == 0 else dt.date(2024, 1 + i % 4, 1 + i)  # ties on the date too
        src = lib.sources.create(title=title, body=f"{body} Day {i}.", published=published).after
        found[src.id] = (title, published, holds)
    return found


def _expected_order(found, sort: str, descending: bool) -> list[int]:
    ids = [i for i, (_t, _p, holds) in found.items() if holds]
    if sort == "title":
        return sorted(ids, key=lambda i: (found[i][0], i), reverse=descending)
    if sort == "id":
        return sorted(ids, reverse=descending)
    dated = sorted((i for i in ids if found[i][1]), key=lambda i: (found[i][1], i), reverse=descending)
    undated = sorted((i for i in ids if not found[i][1]), reverse=descending)
    return dated + undated  # undated sources last both ways, as SQLite lists them


@pytest.mark.parametrize("sort", ["published", "id", "title"])
@pytest.mark.parametrize("descending", [True, False])
def test_sources_filtered_by_a_phrase_page_in_every_order_on_both_databases(lib, sort, descending):
    from app.domain_lists import SourceFilter

    found = _phrase_library(lib)
    expected = _expected_order(found, sort, descending)
    flt = SourceFilter(text='"the government"')
    pages = [
        [s.id for s in lib.sources.list(flt, sort=sort, descending=descending, offset=o, limit=3).items]
        for o in range(0, len(expected) + 3, 3)
    ]
    assert [i for page in pages for i in page] == expected
    assert lib.sources.list(flt, sort=sort, descending=descending).total == len(expected)
    # an exclusion and another filter together with the phrase
    minister = {i for i, (title, _p, _h) in found.items() if title == "Minister"}
    dated = [i for i in expected if found[i][1] and i not in minister]
    flt = SourceFilter(text='"the government" -minister', published_from=dt.date(2024, 1, 1))
    page = lib.sources.list(flt, sort=sort, descending=descending)
    assert [s.id for s in page.items] == [i for i in expected if i in dated]


def test_a_phrase_page_is_read_by_its_own_plan_until_its_words_are_too_common(team, monkeypatch):
    """PostgreSQL reads a page filtered by a phrase from the rows holding its words, sorted before any
    tsvector is read; with more such rows than PHRASE_PAGE_MAX the usual query does it: the same rows."""
    from app.domain_lists import SourceFilter
    from app.storage import postgres

    found = _phrase_library(team)
    calls: list[list[int] | None] = []
    own_plan = postgres.phrase_page_ids

    def counted(*args):
        calls.append(own_plan(*args))
        return calls[-1]

    monkeypatch.setattr(postgres, "phrase_page_ids", counted)
    flt = SourceFilter(text='"the government"')
    first = [s.id for s in team.sources.list(flt, sort="title", limit=4).items]
    assert first == _expected_order(found, "title", True)[:4]
    assert calls == [first]
    monkeypatch.setattr(postgres, "PHRASE_PAGE_MAX", 0)
    assert [s.id for s in team.sources.list(flt, sort="title", limit=4).items] == first
    assert calls[-1] is None
    # words alone are decided by the index: no plan of its own
    assert postgres.words_tsquery(parse_query("government -minister")) is None
    assert postgres.words_tsquery(parse_query('"the government" OR cabinet -x')) == (
        "(('the' & 'government') | 'cabinet')"
    )


def test_sources_without_the_word_in_their_title_are_ranked_only_when_they_can_be_hits(team, monkeypatch):
    """For one word, a source with the word only in its body ranks below any record with it in a title or
    a statement: when enough of those rank above it, its large tsvector is not read, and the hits are the
    ones full ranking gives."""
    from sqlalchemy import event

    monkeypatch.setattr(pg_search, "COMMON_SHARE", 1.0)  # every word ranks (in a library this small)
    monkeypatch.setattr(pg_search, "NON_DISCRIMINATIVE_SHARE", 1.0)  # and tells matches apart
    sources = [
        team.sources.create(title=f"Note {i}", body=f"Convoy seen on road {i}.").after.id for i in range(6)
    ]
    titled = team.sources.create(title="Convoy seen", body="Convoy at dawn, convoy at dusk.").after.id
    for i in range(4):
        team.claims.create(source_id=sources[0], statement=f"A convoy moved {i}", quote="seen on road 0")
    statements: list[str] = []

    def seen(_conn, _cursor, statement, *_args):
        statements.append(statement)

    engine = team.engine
    event.listen(engine, "before_cursor_execute", seen)
    try:
        fast = [(h.entity, h.id, h.rank) for h in team.search("convoy", limit=5)]
        ranked = [s for s in statements if "ts_rank" in s and "FROM sources" in s]
        monkeypatch.setattr(pg_search, "BODY_ONLY_RANK", 10.0)  # nothing ranks above it: every source ranked
        statements.clear()
        full = [(h.entity, h.id, h.rank) for h in team.search("convoy", limit=5)]
        bodies = [s for s in statements if "ts_rank" in s and "FROM sources WHERE id = ANY" in s]
        every = [(h.entity, h.id) for h in team.search("convoy", limit=50)]
    finally:
        event.remove(engine, "before_cursor_execute", seen)
    assert fast == full
    # the four claims and the titled source outrank every body-only source: sources were ranked only where
    # their titles hold the word, as they were read, and no body was ranked; with the bound out of reach,
    # the bodies are ranked in a statement of their own
    assert len(ranked) == 1 and "ILIKE" in ranked[0] and "WHERE id = ANY" not in ranked[0]
    assert len(bodies) == 1 and "ILIKE" not in bodies[0]
    assert ("source", titled) in {(e, i) for e, i, _r in fast}
    assert len(every) == 11 and {("source", i) for i in sources} <= set(every)


def _claims_saying(lib, n_claims: int, with_word: set[int]) -> list[int]:
    """Claims 1..n_claims of one source; those in ``with_word`` mention the Kessel crossing."""
    with lib.transaction():
        source = lib.sources.create(title="Wire", body="Traffic report.").after.id
        return [
            lib.claims.create(
                source_id=source,
                quote="Traffic report.",
                statement=f"At {'the Kessel crossing' if i in with_word else 'the harbour'}, day {i}.",
            ).id
            for i in range(1, n_claims + 1)
        ]


@pytest.mark.parametrize("query", ["kessel", "kess*"])
def test_the_newest_matches_are_read_in_id_windows_and_are_the_same(team, monkeypatch, query):
    """A kind's matches are read newest first in windows of ids (the GIN index ANDed with a range of the
    key), as many windows as it takes: the candidates and hits are those read all at once. A prefix's
    window starts small (its estimate may be far too low): it measures how common the prefix is."""
    from sqlalchemy import event

    monkeypatch.setattr(pg_search, "SEARCH_CANDIDATES", 3)
    monkeypatch.setattr(pg_search, "PREFIX_CANDIDATES", 3)  # a prefix's bound, the same here
    monkeypatch.setattr(pg_search, "COMMON_SHARE", 1.0)  # every word ranks (in a library this small)
    monkeypatch.setattr(pg_search, "NON_DISCRIMINATIVE_SHARE", 1.0)  # and tells matches apart
    monkeypatch.setattr(pg_search, "PROBE_MATCHES", 1)
    monkeypatch.setattr(pg_search, "KEY_PER_MATCH", 1000.0)  # a window pays, even in a library this small
    # the newest match lies far above the others: the first window, sized from the density, holds only it
    claims = _claims_saying(team, 300, {10, 20, 30, 40, 290})
    reads: list[dict] = []

    def seen(_conn, _cursor, statement, params, *_args):
        if "FROM claims WHERE search_tsv" in statement and "ORDER BY id" in statement:
            reads.append(params)

    event.listen(team.engine, "before_cursor_execute", seen)
    try:
        with team.transaction(), team.querying() as conn:
            windowed = [(h.entity, h.id, h.rank) for h in team.search(query, limit=10)]
            after = conn.execute(pg_search.text("SHOW enable_indexscan")).scalar()
        monkeypatch.setattr(pg_search, "KEY_PER_MATCH", 0.0)  # a window never pays: all read at once
        reads_before = len(reads)
        whole = [(h.entity, h.id, h.rank) for h in team.search(query, limit=10)]
    finally:
        event.remove(team.engine, "before_cursor_execute", seen)
    # the newest three matches in rowid order, whatever the reads
    assert {(e, i) for e, i, _r in windowed} == {("claim", claims[i - 1]) for i in (290, 40, 30)}
    assert windowed == whole
    # more than one window was read, each bounded below, and read in one piece when a window never pays
    windows = reads[:reads_before]
    assert len(windows) >= 2 and windows[0]["lo"] > 1 and windows[-1]["lo"] >= 1
    assert [r["hi"] for r in windows[1:]] == [r["lo"] - 1 for r in windows[:-1]]
    assert [(r["lo"], r["hi"]) for r in reads[reads_before:]] == [(1, claims[-1])]
    assert after == "on"  # the key may be walked again once the search is done, in the same transaction


def test_a_search_reads_with_the_collector_paused_and_leaves_it_as_it_was(team, monkeypatch):
    """A search reads its candidates into Python as many short-lived rows; the cyclic collector is paused
    while it does (a full collection walks every object of the process, more than the search costs), and is
    left enabled or paused as the caller had it, also when the search fails."""
    import gc

    from sqlalchemy import event

    monkeypatch.setattr(pg_search, "COMMON_SHARE", 1.0)  # every word ranks (in a library this small)
    claims = _claims_saying(team, 40, set(range(1, 41)))
    enabled: list[bool] = []

    def seen(_conn, _cursor, statement, *_args):
        if "pg_catalog" not in statement:  # (which indexes of pairs are valid: read before the search)
            enabled.append(gc.isenabled())

    event.listen(team.engine, "before_cursor_execute", seen)
    try:
        assert gc.isenabled()
        hits = team.search("kessel", limit=50)
        during, enabled_after = list(enabled), gc.isenabled()
        gc.disable()  # as the command line's start-up has it: a search keeps it paused
        try:
            team.search("kessel", limit=5)
            paused_after = not gc.isenabled()
        finally:
            gc.enable()
        monkeypatch.setattr(pg_search, "_max_ids", lambda _conn: 1 / 0)
        with pytest.raises(ZeroDivisionError):
            team.search("kessel", limit=5)
        enabled_after_error = gc.isenabled()
    finally:
        event.remove(team.engine, "before_cursor_execute", seen)
    assert {h.id for h in hits} == set(claims)
    assert len(during) >= 3 and not any(during)  # every statement of the search ran with it paused
    assert enabled_after and paused_after and enabled_after_error


def test_a_words_share_of_the_newest_rows_is_what_sqlite_samples():
    """SQLite's samples look at the newest ids: in a large library only the kind with the largest ids is
    there (claims), so a word's share is its share of that kind's rows; in a small one, of every row."""
    tops = {"source": 100_000, "claim": 1_000_000, "actor": 5_000}
    assert pg_search.newest_share({"source": 90_000.0, "claim": 200_000.0}, tops) == pytest.approx(0.2)
    small = {"source": 10, "claim": 30, "actor": 0}
    assert pg_search.newest_share({"source": 10.0, "claim": 3.0}, small) == pytest.approx(13 / 40)


def test_the_planner_is_asked_once_for_each_distinct_part_of_a_query(team, monkeypatch):
    """How common a query and each of its groups are is one EXPLAIN; a query of one group is that group, so
    it is asked about once, not twice, and the search finds the same records either way."""
    from sqlalchemy import event

    _stories(team, 6, {1, 4})
    with team.engine.connect() as conn:
        conn.execute(pg_search.text("ANALYZE"))
        conn.commit()
    monkeypatch.setattr(pg_search, "EXACT_SHARE_BELOW", 0)  # estimated, as in a large library
    asked: list[dict] = []

    def seen(_conn, _cursor, statement, params, *_args):
        if statement.startswith("EXPLAIN"):
            asked.append(params)

    event.listen(team.engine, "before_cursor_execute", seen)
    try:
        one = {h.id for h in team.search("kessel")}
        two = {h.id for h in team.search("kessel traffic")}
        excluded = {h.id for h in team.search("traffic -kessel")}
    finally:
        event.remove(team.engine, "before_cursor_execute", seen)
    assert one == two == {1, 4} and excluded == {2, 3, 5, 6}
    assert [sorted(p.values()) for p in asked] == [
        ["'kessel'"],
        ["'kessel'", "'kessel' & 'traffic'", "'traffic'"],
        ["'traffic'", "'traffic' & !'kessel'"],
    ]


@pytest.mark.parametrize("query", ["kessel", "kess*", '"kessel crossing"'])
def test_a_read_of_many_matches_may_be_shared_among_workers_and_finds_the_same(team, monkeypatch, query):
    """A read expected to visit many rows is planned with a parallel worker's start-up free, so that the
    server may share it among its workers; the hits are the same, and the planner's settings are left as the
    caller had them, in the same transaction, once the search is done."""
    from sqlalchemy import event

    monkeypatch.setattr(pg_search, "COMMON_SHARE", 1.0)
    monkeypatch.setattr(pg_search, "NON_DISCRIMINATIVE_SHARE", 1.0)
    monkeypatch.setitem(pg_search.COST_WALK, "claim", 1e6)  # the claims read by the GIN index, not walked
    _claims_saying(team, 60, set(range(1, 61, 3)))
    statements: list[str] = []

    def seen(_conn, _cursor, statement, *_args):
        statements.append(statement)

    monkeypatch.setattr(pg_search, "PARALLEL_MATCHES", float("inf"))
    alone = [(h.entity, h.id, h.rank) for h in team.search(query, limit=10)]
    monkeypatch.setattr(pg_search, "PARALLEL_MATCHES", 0.0)
    event.listen(team.engine, "before_cursor_execute", seen)
    try:
        with team.transaction(), team.querying() as conn:
            conn.execute(pg_search.text("SET LOCAL parallel_setup_cost = 123"))
            shared = [(h.entity, h.id, h.rank) for h in team.search(query, limit=10)]
            after = conn.execute(pg_search.text("SHOW parallel_setup_cost")).scalar()
    finally:
        event.remove(team.engine, "before_cursor_execute", seen)
    assert shared == alone and len(alone) == 10
    reads = [i for i, s in enumerate(statements) if "FROM claims WHERE" in s and "ORDER BY id" in s]
    shared_from = min(i for i, s in enumerate(statements) if "set_config('parallel_setup_cost'" in s)
    assert reads and shared_from < reads[0]  # the read was planned with the start-up free
    assert after == "123"  # and the caller's setting is back


def test_a_page_filtered_by_a_word_alone_is_read_by_the_index_when_its_matches_are_few(team, monkeypatch):
    """A claims page filtered by a word alone and sorted by credibility: with few matches the page is planned
    without walking the sort's index (each walked row a random page), with many the planner chooses; the
    rows are the same either way, and the caller's setting is back after the page."""
    from sqlalchemy import event, text

    from app.domain_lists import ClaimFilter

    _claims_saying(team, 120, {3, 50, 77})  # "kessel" in 3 claims, "harbour" in 117
    with team.engine.begin() as conn:
        conn.execute(text("ANALYZE claims"))
    statements: list[str] = []

    def seen(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(team.engine, "before_cursor_execute", seen)
    try:
        pages = {}
        for word in ("kessel", "harbour"):
            statements.clear()
            with team.transaction(), team.querying() as conn:
                page = team.claims.list(
                    ClaimFilter(text=word), sort="credibility", limit=10, with_total=False
                )
                after = conn.execute(text("SHOW enable_indexscan")).scalar()
            pages[word] = (
                [c.id for c in page.items],
                any("'enable_indexscan', 'off'" in s for s in statements),
            )
            assert after == "on"
    finally:
        event.remove(team.engine, "before_cursor_execute", seen)
    import contextlib

    monkeypatch.setattr(team.storage, "page_plan", lambda *_a: contextlib.nullcontext())  # the planner alone
    walked = {
        word: [c.id for c in team.claims.list(ClaimFilter(text=word), sort="credibility", limit=10).items]
        for word in ("kessel", "harbour")
    }
    # few matches: read by the index; many: the planner's choice
    assert pages["kessel"] == (walked["kessel"], True) and len(walked["kessel"]) == 3
    assert pages["harbour"] == (walked["harbour"], False) and len(walked["harbour"]) == 10
