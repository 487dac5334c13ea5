"""Phrases on a team library are found by their adjacent word pairs (migration 0013) and give SQLite's rows.

A phrase's candidates on PostgreSQL are the rows holding each of its word pairs (an index on
``briefdesk_word_pairs(search_tsv)``), then checked for the phrase itself. These tests hold the search to the
same records on both databases for phrases of common words, repeated words, punctuation, numbers, and a
phrase whose pairs a row holds apart; and they check that every way a record is written (created, edited,
imported, copied in) keeps the pairs' index current.
"""

from __future__ import annotations

import pytest
from sqlalchemy import event, text

from app.library import Library
from app.storage import postgres
from app.storage.query import parse_query

SOURCES = {
    "A": ("Talks", "The government said the government would act."),  # the phrase twice
    "B": ("Port", "Government of the north, the port."),  # both words, the other order
    "C": ("Minister", "According to the minister, the the vaifrou was seen."),  # a word repeated
    "D": ("Report", "The government's officials, according to: the report."),  # punctuation between words
    "E": ("Meeting", "Then the government met. Government officials left."),  # both pairs, apart
    "F": ("Talks with the", "Government officials met on day 12."),  # "the government" across title and body
    "G": ("Notes", "Nothing more. Is spablax here?"),
}
# (statement, quote) of claims on source G
CLAIMS = {
    "c1": ("Reported: the is spablax", "Nothing more."),
    "c2": ("Reported by the", "Is spablax here"),  # "the is spablax" across the statement and the quote
}
EXPECTED = {
    '"the government"': {"A", "D", "E"},
    '"THE Government"': {"A", "D", "E"},
    '"according to the"': {"C", "D"},
    '"the the vaifrou"': {"C"},
    '"the government officials"': set(),
    '"government officials"': {"E", "F"},
    '"government s officials"': {"D"},
    '"the is spablax"': {"c1"},
    '"on day 12"': {"F"},
    '"day 12"': {"F"},
    '"north the port"': {"B"},
    '"the government would"': {"A"},
    '"the government" OR "according to the"': {"A", "C", "D", "E"},
    '"the government" officials': {"D", "E"},
    '"the government" -officials': {"A"},
    '"government" OR "the the vaifrou"': {"A", "B", "C", "D", "E", "F"},
    '"is spablax"': {"G", "c1", "c2"},
}


def _library(lib) -> dict[tuple[str, int], str]:
    names = {}
    for name, (title, body) in SOURCES.items():
        names[("source", lib.sources.create(title=title, body=body).after.id)] = name
    first = next(k[1] for k, v in names.items() if v == "G")
    for name, (statement, quote) in CLAIMS.items():
        names[("claim", lib.claims.create(source_id=first, statement=statement, quote=quote).id)] = name
    return names


@pytest.mark.parametrize("query", list(EXPECTED))
def test_phrases_find_the_same_records_on_both_databases(lib, query):
    names = _library(lib)
    hits = {names[(h.entity, h.id)] for h in lib.search(query, entities=("source", "claim"), limit=50)}
    assert hits == EXPECTED[query]


def test_a_phrase_is_asked_by_its_pairs_on_a_team_library(lib):
    if lib.dialect != "postgresql":
        pytest.skip("about the team library's index of word pairs")
    names = _library(lib)
    seen: list[dict] = []

    def statement(_conn, _cursor, sql, params, *_args):
        if "briefdesk_word_pairs(search_tsv)" in sql:
            seen.append(params)

    event.listen(lib.engine, "before_cursor_execute", statement)
    try:
        hits = {names[(h.entity, h.id)] for h in lib.search('"THE Government"', limit=50)}
        assert hits == {"A", "D", "E"}
        assert seen and all(p["pq"] == "'THE Government'" for p in seen)
        seen.clear()
        assert {names[(h.entity, h.id)] for h in lib.search('"day 12"', limit=50)} == {"F"}
        assert seen == []  # a number is looked for with and without a sign: by its words, as before
    finally:
        event.remove(lib.engine, "before_cursor_execute", statement)


def test_a_phrase_in_nearly_every_row_is_read_from_the_newest_row_not_by_its_pairs(lib):
    """A pair in most rows ("of the") has a long list in the index: reading it all to keep the newest took
    510 ms on the 1M-claim library; walking from the newest row and checking the phrase stops at once."""
    if lib.dialect != "postgresql":
        pytest.skip("about the team library's index of word pairs")
    src = lib.sources.create(title="Log", body=" ".join(f"Day {i} of the siege." for i in range(40))).after
    claims = [lib.claims.create(source_id=src.id, quote=f"Day {i} of the siege.").after.id for i in range(40)]
    seen: list[str] = []

    def statement(_conn, _cursor, sql, *_args):
        seen.append(sql)

    event.listen(lib.engine, "before_cursor_execute", statement)
    try:
        hits = [h.id for h in lib.search('"of the siege"', entities=("claim",), limit=5)]
    finally:
        event.remove(lib.engine, "before_cursor_execute", statement)
    assert hits == claims[::-1][:5]  # the newest, as SQLite lists them
    assert not any("briefdesk_word_pairs" in sql for sql in seen)


def test_which_phrases_have_pairs_to_ask():
    def pairs(q: str) -> str | None:
        parsed = parse_query(q)
        assert parsed is not None
        return postgres.pairs_tsquery(parsed)

    assert pairs('"according to the"') == "('according to' & 'to the')"
    assert pairs('"on day 12"') == "'on day'"
    assert pairs('"day 12"') is None
    assert pairs("government") is None
    assert pairs('"the government" officials') == "'the government'"
    assert pairs('"the government" OR "to the"') == "('the government' | 'to the')"
    assert pairs('"the government" OR officials') is None  # one term of the group has no pair
    assert pairs('"café au lait"') == "'au lait'"  # a word the server may lower-case otherwise: left out
    assert pairs('"cease-fire"*') == "'cease fire'"  # quoted: no prefix; unquoted below
    assert pairs("cease-fire*") == "'cease fire':*"
    assert pairs('government -"the government"') is None  # an excluded phrase narrows nothing


def _found_by_index(lib, table: str, pair: str) -> set[int]:
    """The ids of ``table`` whose pairs' index holds ``pair``, read from the index itself."""
    with lib.engine.connect() as conn:
        conn.execute(text("SET enable_seqscan = off"))
        conn.execute(text("SET enable_indexscan = off"))
        sql = f"SELECT id FROM {table} WHERE {postgres.PAIRS_SQL}"
        plan = "\n".join(conn.execute(text("EXPLAIN " + sql), {"pq": f"'{pair}'"}).scalars())
        assert f"ix_{table}_pairs" in plan
        return {int(i) for i in conn.execute(text(sql), {"pq": f"'{pair}'"}).scalars()}


def test_every_write_keeps_the_pairs_index_current(lib, tmp_path):
    if lib.dialect != "postgresql":
        pytest.skip("about the team library's index of word pairs")
    from app.importers.batch import import_paths

    src = lib.sources.create(title="Harbour", body="A harbour near the zorblat quixel.").after
    other = lib.sources.create(title="Wire", body="The zorblat quixel opened.").after
    claim = lib.claims.create(source_id=other.id, quote="The zorblat quixel opened.").after
    assert _found_by_index(lib, "sources", "zorblat quixel") == {src.id, other.id}
    assert _found_by_index(lib, "claims", "zorblat quixel") == {claim.id}
    lib.sources.update(src.id, title="Frumious bandersnatch", if_version=src.version)
    lib.claims.update(claim.id, statement="The frumious bandersnatch opened.", if_version=claim.version)
    assert _found_by_index(lib, "sources", "frumious bandersnatch") == {src.id}
    assert _found_by_index(lib, "claims", "frumious bandersnatch") == {claim.id}
    assert _found_by_index(lib, "sources", "zorblat quixel") == {src.id, other.id}  # still in its body
    assert _found_by_index(lib, "claims", "zorblat quixel") == {claim.id}  # still in its quote
    assert {h.id for h in lib.search('"the frumious bandersnatch"')} == {claim.id}
    lib.sources.delete(src.id)
    assert _found_by_index(lib, "sources", "zorblat quixel") == {other.id}
    page = tmp_path / "wire.txt"
    page.write_text("Wire report\n\nThe vorpal blade went snicker-snack at dawn.\n", encoding="utf-8")
    assert len(import_paths(lib, [page]).results) == 1
    found = _found_by_index(lib, "sources", "vorpal blade")
    assert len(found) == 1 and not found & {src.id, other.id}  # a new source
    assert {h.entity for h in lib.search('"the vorpal blade"')} == {"source"}


def test_a_library_copied_into_a_team_library_has_its_pairs(tmp_path, pg_server):
    from app.storage.copy import copy_library

    local = Library.open(tmp_path / "local.briefdesk", create=True)
    name = pg_server.empty_database()
    try:
        src = local.sources.create(title="Cable", body="The mome raths outgrabe at the ford.").after
        local.claims.create(source_id=src.id, quote="The mome raths outgrabe")
        team = Library.open(pg_server.cluster.url(name), create=True)
        try:
            copy_library(local, team)
            assert _found_by_index(team, "sources", "mome raths") == {src.id}
            assert len(_found_by_index(team, "claims", "raths outgrabe")) == 1
            hits = {(h.entity, h.id) for h in team.search('"the mome raths"')}
            assert hits == {(h.entity, h.id) for h in local.search('"the mome raths"')} and len(hits) == 2
        finally:
            team.close()
    finally:
        local.close()
        pg_server.drop(name)


def test_the_word_pairs_of_a_tsvector(lib):
    """Each lexeme with the one at the next position; every word past the 16,383rd is put at that position,
    so each of them stands next to the word at 16,382."""
    if lib.dialect != "postgresql":
        pytest.skip("about the team library's index of word pairs")
    with lib.engine.connect() as conn:
        pairs = conn.execute(
            text("SELECT briefdesk_word_pairs(CAST(:v AS tsvector))::text"),
            {"v": "the:1 government:2,4 said:3 a:16382 b:16383 c:16383 zed:9"},
        ).scalar()
        empty = conn.execute(text("SELECT briefdesk_word_pairs(CAST('' AS tsvector))::text")).scalar()
    assert pairs == "'a b' 'a c' 'government said' 'said government' 'the government'"
    assert empty == ""


def test_0013_builds_the_pairs_of_the_rows_there_and_can_be_undone(lib):
    """Upgrading a team library that holds records gives it the pairs' function, and the build after the
    upgrade (app.storage.pg_pairs) the index of each row's pairs; a file library is left as it was."""
    from alembic import command
    from sqlalchemy import inspect

    from app.library import _alembic_config

    def pair_indexes() -> set[str]:
        tables = ("sources", "claims", "actors")
        return {
            ix["name"] for t in tables for ix in inspect(lib.engine).get_indexes(t) if "pairs" in ix["name"]
        }

    cfg = _alembic_config()
    with lib.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0012")
    assert pair_indexes() == set()
    src = lib.sources.create(title="Before", body="Written before the upgrade by the tumtum tree.").after
    with lib.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    assert pair_indexes() == set()  # the upgrade only makes the function: the tables are not empty
    assert [h.id for h in lib.search('"by the tumtum tree"')] == [src.id]  # by its words, as before 0013
    report = lib.build_pair_indexes()
    if lib.dialect == "sqlite":
        assert report.status == "ready" and pair_indexes() == set()
    else:
        assert report.status == "built" and [t for t, _s in report.built] == ["actors", "claims", "sources"]
        assert pair_indexes() == {"ix_sources_pairs", "ix_claims_pairs", "ix_actors_pairs"}
        assert _found_by_index(lib, "sources", "tumtum tree") == {src.id}
    assert [h.id for h in lib.search('"by the tumtum tree"')] == [src.id]
