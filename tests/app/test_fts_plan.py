"""Text filters of the claims and sources lists: every way of running them gives the rows of the plain query.

On SQLite a text filter is planned from how common its words are (app.storage.fts_plan: driven, walk or
probe). Here every plan is forced in turn, with the sample made small so that a few hundred rows reach each
branch, and the pages (every sort, both directions, offsets, with other filters) are compared with the rows
computed directly from the library.
"""

from __future__ import annotations

import datetime as dt

import pytest

from app.domain_lists import ClaimFilter, SourceFilter
from app.storage import fts_plan
from app.storage.query import parse_query

N = 240


def _words(i: int) -> str:
    words = ["alpha"]  # every claim
    if i % 3 == 0:
        words.append("beta")  # a third
    if i % 40 == 0:
        words.append("zeta")  # a few
    if i % 7 == 0:
        words.append("gamma-ray")  # a phrase of two words
    return " ".join(words)


@pytest.fixture(scope="module")
def texts(module_library_target):
    """N claims whose statements hold words of known frequency, over 12 sources; grades, dates, actors and
    statuses vary so that every sort has ties and gaps. Filled once per module and database: the tests below
    only read it."""
    from app.library import Library

    lib = Library.open(module_library_target)
    statuses = ["unverified", "corroborated", "disputed", "retracted"]
    with lib.transaction():
        sources = []
        for k in range(12):
            body = " ".join(f"Line {k}-{j} of the record." for j in range(N // 12 + 1))
            extra = " beta" if k % 2 else ""
            sources.append(
                lib.sources.create(
                    title=f"Record {k}{extra}",
                    body=body,
                    published=None if k == 5 else dt.date(2025, 1 + k % 12, 1 + k),
                    reliability="ABCDEF"[k % 6],
                    outlet=f"Outlet {k % 4}",
                ).id
            )
        for i in range(N):
            k = i % 12
            lib.claims.create(
                source_id=sources[k],
                quote=f"Line {k}-{i // 12} of the record.",
                statement=f"Claim {i}: {_words(i)}",
                actor=None if i % 11 == 0 else f"Speaker {i % 9}",
                said=None if i % 13 == 0 else dt.date(2024, 1 + i % 12, 1 + i % 27),
                credibility=1 + i % 6,
                status=statuses[i % 4],
                tags=["border"] if i % 5 == 0 else [],
            )
    yield lib
    lib.close()


MATCHES = {  # which claims (by their number i) each query finds
    "alpha": lambda i: True,
    "beta": lambda i: i % 3 == 0,
    "zeta": lambda i: i % 40 == 0,
    "gamma": lambda i: i % 7 == 0,  # in "gamma-ray"
    '"gamma ray"': lambda i: i % 7 == 0,
    "nowhere": lambda i: False,
}


def _expected_claims(lib, word: str, status: str | None, sort: str, desc: bool) -> list[int]:
    """The unfiltered list in the same order, keeping the claims that match: the rows of the plain query."""
    everything = lib.claims.list(ClaimFilter(), sort=sort, descending=desc, limit=10_000).items
    assert len(everything) == N
    number = {c.id: int(c.statement.split(":")[0].split()[1]) for c in everything}
    return [
        c.id
        for c in everything
        if MATCHES[word](number[c.id]) and (status is None or c.status.value == status)
    ]


@pytest.mark.parametrize("word", ["alpha", "beta", "zeta", "gamma", '"gamma ray"', "nowhere"])
@pytest.mark.parametrize("sort", ["said", "id", "credibility", "status"])
def test_claims_text_filter_gives_the_same_rows_whatever_the_plan(texts, word, sort, monkeypatch):
    lib = texts
    monkeypatch.setattr(fts_plan, "SAMPLE", 10)  # the words above are then "common" for the planner
    plans = ["driven", "walk", "probe"] if lib.dialect == "sqlite" else ["the database's own"]
    for status in (None, "disputed"):
        flt = ClaimFilter(text=word, status=status)
        for desc in (True, False):
            expected = _expected_claims(lib, word, status, sort, desc)
            for plan in plans:
                if lib.dialect == "sqlite":
                    monkeypatch.setattr(fts_plan, "choose", lambda _smp, _rows, p=plan: p)
                got = [c.id for c in lib.claims.list(flt, sort=sort, descending=desc, limit=1000).items]
                assert got == expected, (word, sort, desc, status, plan)
                paged = []
                for offset in range(0, len(expected) + 7, 7):
                    paged += lib.claims.ids(flt, sort=sort, descending=desc, offset=offset, limit=7)
                assert paged == expected, (word, sort, desc, status, plan, "paged")
                assert lib.claims.count(flt) == len(expected)


@pytest.mark.parametrize("sort", ["actor", "source"])
def test_claims_sorted_by_actor_or_source_with_a_text_filter(texts, sort, monkeypatch):
    lib = texts
    monkeypatch.setattr(fts_plan, "SAMPLE", 10)
    exact = [c.id for c in lib.claims.list(ClaimFilter(text="beta"), sort=sort, limit=1000).items]
    assert len(exact) == N // 3
    if lib.dialect == "sqlite":
        for plan in ("driven", "walk", "probe"):
            monkeypatch.setattr(fts_plan, "choose", lambda _smp, _rows, p=plan: p)
            got = [c.id for c in lib.claims.list(ClaimFilter(text="beta"), sort=sort, limit=1000).items]
            assert got == exact, plan


def test_the_planner_picks_by_how_common_the_words_are(texts, monkeypatch):
    lib = texts
    if lib.dialect != "sqlite":
        pytest.skip("the plans are SQLite's; PostgreSQL plans from its own statistics")
    monkeypatch.setattr(fts_plan, "SAMPLE", 10)
    with lib.reading() as s:
        rare = fts_plan.sample(s, "claim", '"zeta"')
        common = fts_plan.sample(s, "claim", '"alpha"')
        several = fts_plan.sample(s, "claim", '"alpha" AND "beta"', parse_query("alpha beta"))
    assert rare.complete and rare.matches == N // 40
    # a complete sample holds the matches' ids, which a first page then reads instead of the index again
    zeta = [c.id for c in lib.claims.list(ClaimFilter(text="zeta"), sort="id", limit=1000).items]
    assert sorted(rare.ids, reverse=True) == zeta and len(zeta) == N // 40
    assert common.ids == ()
    assert not common.complete and common.share == pytest.approx(1.0)
    assert common.estimate == N
    # the set of "alpha beta" reads both words' doclists: every claim and a third, and the 12 sources' titles
    assert several.words == 2 and several.entries == pytest.approx(N + N / 3 + 6, rel=0.25)
    assert fts_plan.choose(rare, 200) == "driven"
    assert fts_plan.choose(common, None) == "driven"  # a count reads every match once
    # at the benchmark's size: a word in 72 % of a million claims, one in 5 %, one in 0.5 %
    the = fts_plan.Sample(2001, False, 0.72, 1_000_000, entries=820_000)
    middle = fts_plan.Sample(2001, False, 0.05, 1_000_000, entries=55_000)
    some = fts_plan.Sample(2001, False, 0.001, 1_000_000, entries=1_100)
    six_common = fts_plan.Sample(2001, False, 0.005, 1_000_000, entries=2_200_000, words=6)
    assert fts_plan.choose(the, 200) == "probe"  # ~280 probes, no set of 720,000
    assert fts_plan.choose(middle, 200) == "walk"
    assert fts_plan.choose(some, 200) == "driven"
    assert fts_plan.choose(six_common, 200) == "walk"  # probing six doclists per row costs more


def test_a_sample_reads_every_match_oldest_first_when_the_newest_rows_hold_few(texts, monkeypatch):
    """When the newest ids hold few matches, the sample reads the whole index (oldest first, FTS5's cheaper
    direction): every match when they are few, else an estimate from the oldest ones. The pages stay the
    plain query's rows whatever the plan."""
    lib = texts
    if lib.dialect != "sqlite":
        pytest.skip("the plans are SQLite's")
    monkeypatch.setattr(fts_plan, "WINDOW", 24)  # the newest 24 of 240 claims hold no "zeta"
    monkeypatch.setattr(fts_plan, "SAMPLE", 10)
    zeta = [c.id for c in lib.claims.list(ClaimFilter(text="zeta"), sort="id", limit=1000).items]
    assert len(zeta) == N // 40
    with lib.querying() as s:
        every = fts_plan.sample(s, "claim", '"zeta"', parse_query("zeta"))
    assert every.complete and sorted(every.ids, reverse=True) == zeta
    monkeypatch.setattr(fts_plan, "SAMPLE", 4)  # now more than a sample: an estimate from the oldest four
    with lib.querying() as s:
        some = fts_plan.sample(s, "claim", '"zeta"', parse_query("zeta"))
    assert not some.complete and some.ids == () and 1 <= some.estimate <= 3 * len(zeta)
    for sort in ("said", "id", "credibility"):
        for desc in (True, False):
            expected = _expected_claims(lib, "zeta", None, sort, desc)
            got = lib.claims.list(ClaimFilter(text="zeta"), sort=sort, descending=desc, limit=1000).items
            assert [c.id for c in got] == expected


def test_a_complete_sample_walks_the_sort_index_when_its_rows_come_soon():
    """A complete sample (every match's id known) is looked up row by row when its rows are few among many
    ("the government": 298 of a million claims), and found by walking the sort index, keeping its ids, when
    they come soon enough ("pouka": 1,379 of 100,000 sources, a page of 60 within ~4,400 index entries)."""
    few = fts_plan.Sample(298, True, 298 / 1_000_000, 1_000_000, ids=tuple(range(298)))
    soon = fts_plan.Sample(1379, True, 1379 / 100_000, 100_000, ids=tuple(range(1379)))
    assert fts_plan.choose(few, 60) == "driven"
    assert fts_plan.choose(soon, 60) == "walk"
    assert fts_plan.choose(soon, None) == "driven"  # every row: a count, or a sort no index serves


def test_the_picker_samples_once_and_a_write_in_the_same_transaction_is_seen(texts, lib, monkeypatch):
    """The claim picker plans its page and estimates its total from one sample of the index (a phrase of
    common words is read whole, 25-50 ms a time); a write later in the same transaction is not hidden by it."""
    samples = []
    real = fts_plan._sample

    def counted(*args, **kwargs):
        samples.append(args[2])
        return real(*args, **kwargs)

    monkeypatch.setattr(fts_plan, "_sample", counted)
    page = texts.claims.list(ClaimFilter(text='"gamma ray"'), limit=5, with_total="estimate")
    assert page.total == len(range(0, N, 7)) and not page.estimated and len(page.items) == 5
    assert samples == (['"gamma ray"'] if texts.dialect == "sqlite" else [])
    src = lib.sources.create(title="Wire", body="One omega. Two omega.").id
    with lib.transaction():
        lib.claims.create(source_id=src, quote="One omega.", statement="One omega")
        first = lib.claims.list(ClaimFilter(text="omega"), limit=50, with_total="estimate")
        lib.claims.create(source_id=src, quote="Two omega.", statement="Two omega")
        second = lib.claims.list(ClaimFilter(text="omega"), limit=50, with_total="estimate")
    assert (len(first.items), first.total) == (1, 1)
    assert (len(second.items), second.total) == (2, 2)


def test_search_finds_the_same_with_every_match_or_the_newest_as_candidates(texts, monkeypatch):
    """A search whose rarest group holds few rows (its sample read them all) takes every match as a candidate,
    read oldest first; the newest SEARCH_CANDIDATES would be those same rows, so the hits are the same."""
    from app.storage import sqlite as sqlite_parts

    lib = texts
    if lib.dialect != "sqlite":
        pytest.skip("SQLite's search plan")
    queries = ["zeta", "alpha -zeta", '"gamma ray"', "alpha zeta", "zeta OR beta", '"record alpha" beta']
    with lib.querying() as s:
        plan = sqlite_parts.search_plan(s, "zeta", ("source", "claim", "actor"))
    assert plan is not None and sqlite_parts.NEWEST_CANDIDATES not in plan[0]
    every = [[(h.entity, h.id, h.rank) for h in lib.search(q, limit=500)] for q in queries]
    monkeypatch.setattr(sqlite_parts, "EVERY_MATCH", sqlite_parts.NEWEST_CANDIDATES)
    newest = [[(h.entity, h.id, h.rank) for h in lib.search(q, limit=500)] for q in queries]
    assert every == newest and all(every[:3])


def test_the_picker_total_is_exact_when_quick_and_an_estimate_otherwise(texts, monkeypatch):
    from app.storage import postgres

    lib = texts
    page = lib.claims.list(ClaimFilter(text="beta"), limit=50, with_total="estimate")
    assert page.total == N // 3 and not page.estimated and len(page.items) == 50
    monkeypatch.setattr(fts_plan, "EXACT_COUNT_BUDGET", 0.0)
    monkeypatch.setattr(fts_plan, "SAMPLE", 10)
    monkeypatch.setattr(postgres, "ESTIMATE_ABOVE", 20)
    page = lib.claims.list(ClaimFilter(text="alpha"), limit=50, with_total="estimate")
    if lib.dialect == "sqlite":
        assert page.estimated and N * 0.8 <= page.total <= N * 1.2  # "about 240"
    else:
        assert page.total >= 20 if page.estimated else page.total == N  # the planner's rows, or counted
    rare = lib.claims.list(ClaimFilter(text="zeta"), limit=50, with_total="estimate")
    assert rare.total == N // 40 and not rare.estimated
    other = lib.claims.list(ClaimFilter(text="alpha", status="disputed"), limit=5, with_total="estimate")
    assert other.total == N // 4 and not other.estimated  # other filters: always counted


@pytest.mark.parametrize("sort", ["published", "id", "title", "outlet", "kind", "reliability"])
def test_sources_text_filter_gives_the_same_rows_whatever_the_plan(texts, sort, monkeypatch):
    lib = texts
    monkeypatch.setattr(fts_plan, "SAMPLE", 2)
    everything = lib.sources.list(SourceFilter(), sort=sort, limit=1000).items
    for desc in (True, False):
        all_sorted = [
            s.id for s in lib.sources.list(SourceFilter(), sort=sort, descending=desc, limit=1000).items
        ]
        beta = {s.id for s in everything if "beta" in s.title}
        expected = [i for i in all_sorted if i in beta]
        for plan in ("driven", "walk", "probe") if lib.dialect == "sqlite" else ("own",):
            if lib.dialect == "sqlite":
                monkeypatch.setattr(fts_plan, "choose", lambda _smp, _rows, p=plan: p)
            page = lib.sources.list(SourceFilter(text="beta"), sort=sort, descending=desc, limit=1000)
            assert [s.id for s in page.items] == expected, (sort, desc, plan)
            assert page.total == len(expected) == lib.sources.count(SourceFilter(text="beta"))


def test_words_in_most_rows_match_but_do_not_rank(lib):
    """A search's very common words (in more than COMMON_SHARE of the rows) still decide which rows match,
    but the ranking comes from the other words; a query of common words alone lists the newest first.
    The same on a team library (app.storage.pg_search)."""
    body = " ".join(f"Report {j} on the crossing." for j in range(40))
    src = lib.sources.create(title="The wire", body=body).id
    ids = []
    for j in range(40):
        extra = {5: " zeta", 17: " zeta zeta zeta", 30: " zeta"}.get(j, "")
        ids.append(
            lib.claims.create(
                source_id=src, quote=f"Report {j} on the crossing.", statement=f"The report{extra}"
            ).id
        )
    with_common = lib.search("the zeta", entities=("claim",))
    alone = lib.search("zeta", entities=("claim",))
    assert [h.id for h in with_common] == [h.id for h in alone]  # the same rows, ranked by zeta alone
    assert {h.id for h in with_common} == {ids[5], ids[17], ids[30]} and with_common[0].id == ids[17]
    newest = lib.search("the", entities=("claim",), limit=5)
    assert [h.id for h in newest] == sorted(ids, reverse=True)[:5]
    excluded = lib.search("the -zeta", entities=("claim",), limit=100)
    assert {h.id for h in excluded} == set(ids) - {ids[5], ids[17], ids[30]}


def test_a_search_of_words_that_tell_no_match_apart_ranks_fewer_of_its_newest_matches(lib, monkeypatch):
    """A search whose every word is in more than NON_DISCRIMINATIVE_SHARE of the rows ranks only its newest
    COMMON_CANDIDATES matches; one word in fewer rows, and the search ranks its newest SEARCH_CANDIDATES as
    before. The same rule on a team library (app.storage.pg_search). The bound is made small here."""
    from app.storage import pg_search, query

    monkeypatch.setattr(query, "COMMON_CANDIDATES", 3)
    monkeypatch.setattr(pg_search, "COMMON_CANDIDATES", 3)
    gamma = {3: " gamma gamma gamma", 12: " gamma", 20: " gamma", 27: " gamma", 33: " gamma", 40: " gamma"}
    gamma |= {46: " gamma", 52: " gamma", 57: " gamma"}  # 9 claims and the source: 10 of 61 rows (16 %)
    zeta = {8: " zeta zeta", 21: " zeta", 44: " zeta", 50: " zeta"}  # 4 claims and the source: 5 of 61 (8 %)
    quotes = [f"Alpha report {j}{gamma.get(j, '')}{zeta.get(j, '')}." for j in range(60)]
    src = lib.sources.create(title="The wire", body=" ".join(quotes)).id
    ids = [
        lib.claims.create(source_id=src, quote=q, statement=f"Report {j}").id for j, q in enumerate(quotes)
    ]
    in_gamma = [ids[j] for j in sorted(gamma)]
    # "alpha" (every row) and "gamma" (16 %): no word tells the matches apart; the newest three claims holding
    # both are ranked, and claim 3, the best match of all ("gamma" three times), is not among them
    found = lib.search("alpha gamma", entities=("claim",))
    assert {h.id for h in found} == set(in_gamma[-3:])
    assert [h.id for h in lib.search("gamma", entities=("claim",))] == [h.id for h in found]
    assert [h.id for h in lib.search("alpha", entities=("claim",), limit=10)] == ids[::-1][:3]  # newest first
    # "zeta" (8 %) tells them apart: every one of its four matches is ranked, the best first
    assert [h.id for h in lib.search("alpha zeta", entities=("claim",))][0] == ids[8]
    assert {h.id for h in lib.search("alpha zeta", entities=("claim",))} == {ids[j] for j in zeta}
    monkeypatch.setattr(query, "NON_DISCRIMINATIVE_SHARE", 0.2)  # "gamma" now tells matches apart
    monkeypatch.setattr(pg_search, "NON_DISCRIMINATIVE_SHARE", 0.2)
    ranked = lib.search("alpha gamma", entities=("claim",))
    assert {h.id for h in ranked} == set(in_gamma) and ranked[0].id == ids[3]


def test_a_search_holding_a_prefix_ranks_fewer_of_its_newest_matches(lib, monkeypatch):
    """A prefix stands for every word that begins so: a search holding one ranks its newest PREFIX_CANDIDATES
    matches, on both engines; the same rows searched by a word rank every match, and a prefix that is only
    excluded changes nothing. The bound is made small here."""
    from app.storage import pg_search, query

    monkeypatch.setattr(query, "PREFIX_CANDIDATES", 3)
    monkeypatch.setattr(pg_search, "PREFIX_CANDIDATES", 3)
    kin = {2: " ministry ministry ministry ministers", 9: " minister", 15: " ministry", 23: " ministers"}
    kin |= {31: " ministry", 38: " minister"}  # six claims; claim 2 the best match of "minis*" by far
    quotes = [f"Delta note {j}{kin.get(j, '')}." for j in range(45)]
    src = lib.sources.create(title="The bulletin", body=" ".join(quotes)).id
    ids = [lib.claims.create(source_id=src, quote=q, statement=f"Note {j}").id for j, q in enumerate(quotes)]
    newest_three = {ids[j] for j in sorted(kin)[-3:]}
    found = lib.search("minis*", entities=("claim",))
    assert {h.id for h in found} == newest_three  # claim 2 is older than the newest three: not ranked
    assert {h.id for h in lib.search("delta minis*", entities=("claim",))} == newest_three
    # the same kind of rows found by a word: every match ranked, the best first
    by_word = lib.search("ministry", entities=("claim",))
    assert by_word[0].id == ids[2] and {h.id for h in by_word} == {ids[2], ids[15], ids[31]}
    # an excluded prefix only removes rows: the rest rank as a search without a prefix does
    others = lib.search("delta -minis*", entities=("claim",), limit=100)
    assert {h.id for h in others} == set(ids) - {ids[j] for j in kin}
    monkeypatch.setattr(query, "PREFIX_CANDIDATES", 4000)
    monkeypatch.setattr(pg_search, "PREFIX_CANDIDATES", 4000)
    assert lib.search("minis*", entities=("claim",))[0].id == ids[2]


def test_an_excluded_word_ranks_nothing_and_is_not_counted_to_rank(texts):
    """A row found by "zeta -beta" does not hold "beta": it ranks as it does for "zeta" alone, so on SQLite the
    words left rank the rows alone (bm25 would read the excluded word's whole doclist to count its rows)."""
    from app.storage import sqlite as sqlite_parts

    lib = texts
    if lib.dialect != "sqlite":
        pytest.skip("SQLite's search plan")
    excluding = [(h.entity, h.id, h.rank) for h in lib.search("zeta -beta", limit=500)]
    alone = [(h.entity, h.id, h.rank) for h in lib.search("zeta", limit=500)]
    found = {(e, i) for e, i, _r in excluding}
    statements = {i: lib.claims.get(i).statement for e, i, _r in alone}
    assert excluding == [h for h in alone if (h[0], h[1]) in found]  # the same scores, in the same order
    assert sorted(i for _e, i in found) == sorted(i for i, st in statements.items() if "beta" not in st)
    assert 0 < len(found) < len(alone)  # zeta's claims 0 and 120 hold beta too
    with lib.querying() as s:
        plan = sqlite_parts.search_plan(s, "zeta -beta", ("source", "claim", "actor"))
    assert plan is not None and plan[1].get("sq") == '"zeta"'


def test_a_probe_costs_more_in_an_index_of_many_b_trees():
    """A probe seeks each word in each b-tree of the index: a word in 13 % of a million claims is probed row
    by row in a merged index, and read once into a set in an index of 17 b-trees (a bulk load's)."""
    merged = fts_plan.Sample(2001, False, 0.13, 1_000_000, entries=144_000, segments=1)
    bulk = fts_plan.Sample(2001, False, 0.13, 1_000_000, entries=144_000, segments=17)
    assert fts_plan.choose(merged, 200) == "probe"
    assert fts_plan.choose(bulk, 200) == "walk"
    assert fts_plan.costs(bulk, 200)["probe"] > 4 * fts_plan.costs(merged, 200)["probe"]


def _many_b_trees(lib, n: int = 9) -> None:
    """n more b-trees in the full-text index: FTS5's own merging turned off, then one transaction each (each
    commit writes its rows as a new b-tree)."""
    with lib.writing() as s:
        s.connection().exec_driver_sql("INSERT INTO search_fts(search_fts, rank) VALUES ('automerge', 0)")
    src = lib.sources.create(title="Late wires", body=" ".join(f"Wire {j} about zeta." for j in range(n))).id
    for j in range(n):
        lib.claims.create(source_id=src, quote=f"Wire {j} about zeta.", statement=f"Late {j}: alpha zeta")


def test_tidying_the_index_merges_it_in_steps_and_every_query_finds_the_same(texts, monkeypatch):
    lib = texts
    if lib.dialect != "sqlite":
        assert lib.tidy_search_index() is False  # PostgreSQL keeps its own indexes
        return
    _many_b_trees(lib)
    with lib.querying() as s:
        before = fts_plan.segments(s)
        assert before == s.exec_driver_sql("SELECT count(DISTINCT segid) FROM search_fts_idx").scalar()
    assert before > fts_plan.TIDY_ABOVE

    def everything_found() -> list:
        found = [
            [(h.entity, h.id) for h in lib.search(q, limit=500)] for q in ("alpha", "zeta", '"gamma ray"')
        ]
        for word in ("alpha", "beta", "zeta", '"gamma ray"'):
            for plan in ("driven", "walk", "probe"):
                monkeypatch.setattr(fts_plan, "choose", lambda _smp, _rows, p=plan: p)
                flt = ClaimFilter(text=word)
                found.append([c.id for c in lib.claims.list(flt, sort="said", limit=1000).items])
                found.append(lib.claims.count(flt))
            found.append([x.id for x in lib.sources.list(SourceFilter(text=word), limit=1000).items])
        monkeypatch.undo()
        return found

    expected = everything_found()
    steps = 0
    while lib.tidy_search_index(pages=4):  # a few pages a step: several steps
        steps += 1
        assert steps < 10_000
    assert steps > 1
    with lib.querying() as s:
        assert fts_plan.segments(s) == 1
    assert lib.tidy_search_index() is False  # nothing left to do
    assert everything_found() == expected
    # a tidied index gains a few b-trees as rows are added: left alone under TIDY_ABOVE
    _many_b_trees(lib, n=2)
    assert lib.tidy_search_index() is False
    assert lib.tidy_search_index(above=1) is True


def test_a_read_only_library_is_not_tidied(texts, tmp_path):
    from app.library import Library

    lib = texts
    if lib.dialect != "sqlite":
        pytest.skip("a file opened read-only")
    _many_b_trees(lib)
    lib.close()
    ro = Library.open(lib.path, read_only=True)
    try:
        assert ro.tidy_search_index() is False
    finally:
        ro.close()


def test_a_phrase_with_common_words_finds_the_same_and_ranks_by_its_rare_words(lib):
    """A phrase holding a word in most rows ("the zeta") matches as a phrase, but ranks by its other words
    (bm25 of "zeta" among the phrase's rows): reading the common word's whole doclist to count the phrase's
    documents is what made such searches slow."""
    if lib.dialect != "sqlite":
        pytest.skip("PostgreSQL ranks with ts_rank over its candidates")
    body = " ".join(f"Report {j} on the crossing." for j in range(40))
    src = lib.sources.create(title="The wire", body=body).id
    ids = []
    for j in range(40):
        extra = {
            5: " the zeta",
            17: " the zeta zeta zeta",
            30: " zeta the",
            33: " the zeta and the zeta",
        }.get(j, "")
        ids.append(
            lib.claims.create(
                source_id=src, quote=f"Report {j} on the crossing.", statement=f"The report{extra}"
            ).id
        )
    phrase = [h.id for h in lib.search('"the zeta"', entities=("claim",))]
    assert set(phrase) == {ids[5], ids[17], ids[33]}  # not "zeta the": the phrase still decides the rows
    alone = [h.id for h in lib.search("zeta", entities=("claim",))]
    assert phrase == [i for i in alone if i in set(phrase)]  # ranked as "zeta" ranks them
    assert phrase[0] == ids[17]
    # a phrase of rare words only, or of common words only, ranks as a phrase: the same rows either way
    assert {h.id for h in lib.search('"report on"', entities=("claim",))} == set()
    assert {h.id for h in lib.search('"the report"', entities=("claim",), limit=100)} == set(ids)
