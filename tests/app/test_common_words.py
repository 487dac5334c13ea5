"""Each claim's commonest words as bits (migration 0014): they agree with what the full-text index finds after
every kind of write, a list filtered by those words gives the same rows with them as without, a library
upgraded to 0014 is filled while idle, and ``briefdesk doctor`` finds and repairs bits that disagree."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from sqlalchemy import text

from app.domain_lists import ClaimFilter
from app.storage import common_words as cw


def _fts_words(statement: str, quote: str) -> set[str]:
    """The list's words FTS5 finds in a claim, asked of FTS5 itself (the full-text index's tokenizer)."""
    con = sqlite3.connect(":memory:")
    con.execute(f"CREATE VIRTUAL TABLE f USING fts5(title, body, tokenize = '{cw.TOKENIZER}')")
    con.execute("INSERT INTO f(rowid, title, body) VALUES (1, ?, ?)", (statement, quote))
    found = {w for w in cw.WORDS if con.execute("SELECT 1 FROM f WHERE f MATCH ?", (f'"{w}"',)).fetchone()}
    con.close()
    return found


def _words_of(bits: int) -> set[str]:
    return {w for w, b in cw.BIT.items() if bits & b}


def test_the_list_is_63_words_in_a_positive_64_bit_integer():
    assert len(cw.WORDS) == 63
    assert 0 < sum(cw.BIT.values()) < 2**63
    assert cw.mask(["The", "OF"]) == cw.BIT["the"] | cw.BIT["of"]
    assert cw.mask(["the", "government"]) is None  # a word not in the list: the other plans
    assert cw.mask(["thé"]) is None and cw.mask(["the_of"]) is None  # not one ASCII token


def test_every_ascii_character_splits_or_joins_words_as_the_index_does():
    for code in range(128):
        c = chr(code)
        for statement, quote in ((f"the{c}of", f"{c}in"), (f"A{c}", f"said{c}an{c}{c}was"), ("", f"he{c}")):
            assert _words_of(cw.bits(statement, quote)) == _fts_words(statement, quote), repr(c)


@pytest.mark.parametrize(
    ("statement", "quote"),
    [
        ("THÉ minister", "İn the end"),  # folded, the dotted capital I
        ("the\u0301ory of", "tha\u0300t is"),  # combining accents inside a word
        ("the_of", "“the” — of"),  # an underscore and typographic quotes separate words
        ("ｔｈｅ", "ﬁrst i"),  # full-width letters and a ligature are other words
        ("there theft", "others' other"),  # words that start with one of the list are not it
        ("", ""),
    ],
)
def test_text_with_other_characters_gets_the_words_the_index_finds(statement, quote):
    assert _words_of(cw.bits(statement, quote)) == _fts_words(statement, quote)


def _stored(lib) -> dict[int, tuple[int | None, str, str]]:
    with lib.engine.connect() as conn:
        rows = conn.execute(text("SELECT id, common_words, statement, quote FROM claims")).all()
    return {r[0]: (r[1], r[2], r[3]) for r in rows}


def assert_bits_agree(lib) -> None:
    """Every claim's stored bits are those of its text; on SQLite, each word's claims are those FTS5 finds."""
    stored = _stored(lib)
    assert stored, "no claims to check"
    for ident, (bits, statement, quote) in stored.items():
        assert bits == cw.bits(statement, quote), ident
    if lib.dialect != "sqlite":
        return
    with lib.engine.connect() as conn:
        for w, bit in cw.BIT.items():
            indexed = set(
                conn.execute(
                    text("SELECT rowid / 4 FROM search_fts WHERE search_fts MATCH :q AND rowid % 4 = 2"),
                    {"q": f'"{w}"'},
                ).scalars()
            )
            assert indexed == {i for i, (b, _s, _q) in stored.items() if (b or 0) & bit}, w


def _source(lib, body: str) -> int:
    return lib.sources.create(title="Harbour bulletin", body=body).id


BODY = (
    "The port authority said that it was in talks. Officials of the union, who were THÉ first to "
    "speak, said no. “It is over,” one said — for now. Crews at the docks had no word about pay."
)


def test_bits_agree_with_the_text_after_every_kind_of_write(lib):
    src = _source(lib, BODY)
    a = lib.claims.create(source_id=src, quote="The port authority said that it was in talks").after
    b = lib.claims.create(
        source_id=src, quote="“It is over,” one said", statement="A union voice: it is over, for now"
    ).after
    c = lib.claims.create(source_id=src, quote="Crews at the docks had no word about pay").after
    assert_bits_agree(lib)
    lib.claims.update(a.id, statement="Port talks go on, the authority says")  # the statement edited
    lib.claims.update(b.id, quote="Officials of the union, who were THÉ first")  # the quote found again
    lib.claims.update(c.id, credibility=2, notes="which one?")  # no text changed
    assert_bits_agree(lib)
    with lib.transaction():  # several writes in one transaction
        lib.claims.update(c.id, statement="Dock crews: no word on pay")
        lib.claims.create(source_id=src, quote="said no")
    assert_bits_agree(lib)
    deleted = lib.claims.delete(b.id)
    lib.claims.restore(deleted)  # undo of a delete
    assert_bits_agree(lib)
    assert lib.claims.get(b.id).statement == "A union voice: it is over, for now"


def test_bits_agree_after_an_import_and_a_library_copy(lib, demo_lib, tmp_path):
    from app.cli import main
    from app.library import Library
    from app.storage.copy import copy_library

    assert_bits_agree(demo_lib)  # the demo's claims, made by the service
    with demo_lib.engine.begin() as conn:  # a source library whose bits are wrong is copied right anyway
        conn.execute(text("UPDATE claims SET common_words = 0"))
    copy_library(demo_lib, lib)
    assert_bits_agree(lib)
    if lib.dialect == "sqlite":  # an import of a STIX bundle into a new library
        bundle = tmp_path / "brief.json"
        assert main(["--library", str(lib.path), "export", "1", "-o", str(bundle), "--format", "stix"]) == 0
        target = tmp_path / "imported.briefdesk"
        assert main(["--library", str(target), "import", str(bundle)]) == 0
        with Library.open(target) as imported:
            assert len(_stored(imported)) > 3
            assert_bits_agree(imported)


def _fill_claims(lib, n: int = 150) -> None:
    words = ["the", "of", "and", "to", "a", "in", "that", "harbour", "is", "was"]
    body = " ".join(
        f"Line {i}: " + " ".join(words[j] for j in range(10) if (i >> j) % 2 or j < 1) + "." for i in range(n)
    )
    with lib.transaction():
        src = _source(lib, body)
        for i in range(n):
            quote = f"Line {i}: " + " ".join(words[j] for j in range(10) if (i >> j) % 2 or j < 1)
            lib.claims.create(
                source_id=src, quote=quote, said=None if i % 9 == 0 else dt.date(2025, 1, 1 + i % 28)
            )


QUERIES = ["the of", "of and to", "The A in", "that is was", "of -and", "harbour of", "of OR and", "in*"]


def _pages(lib, query: str) -> list[list[int]]:
    out = []
    for desc in (True, False):
        for offset, limit in ((0, 60), (20, 7)):
            page = lib.claims.list(
                ClaimFilter(text=query),
                sort="said",
                descending=desc,
                offset=offset,
                limit=limit,
                with_total=False,
            )
            out.append([c.id for c in page.items])
    return out


def test_a_list_filtered_by_common_words_gives_the_same_rows_with_the_bits_as_without(lib, monkeypatch):
    from app.storage import fts_plan

    _fill_claims(lib)
    with_bits = {q: _pages(lib, q) for q in QUERIES}
    chosen = []
    real = fts_plan.choose
    monkeypatch.setattr(
        fts_plan, "choose", lambda smp, n, bits=False: chosen.append(bits) or real(smp, n, bits=bits)
    )
    assert {q: _pages(lib, q) for q in QUERIES} == with_bits
    if lib.dialect == "sqlite":
        assert any(chosen)  # the bits were there to choose
    monkeypatch.setattr(fts_plan, "WINDOW", 40)  # samples of the newest 40 rows: few matches are estimated,
    monkeypatch.setattr(fts_plan, "SAMPLE", 30)  # not read whole, when the bits can walk
    assert {q: _pages(lib, q) for q in QUERIES} == with_bits
    monkeypatch.undo()
    monkeypatch.setattr(fts_plan, "common_mask", lambda s, parsed: None)  # as before 0014
    assert {q: _pages(lib, q) for q in QUERIES} == with_bits
    for forced in ("driven", "walk", "probe"):
        monkeypatch.setattr(fts_plan, "choose", lambda smp, n, bits=False, p=forced: p)
        assert {q: _pages(lib, q) for q in QUERIES} == with_bits, forced
    expected = sorted(
        (
            i
            for i, (_b, statement, quote) in _stored(lib).items()
            if {"the", "of"} <= _fts_words(statement, quote)
        )
    )
    page = lib.claims.list(ClaimFilter(text="the of"), limit=1000, with_total=False)
    assert sorted(c.id for c in page.items) == expected and expected


@pytest.mark.sqlite_only("the upgrade of a library file")
def test_a_library_upgraded_to_0014_is_listed_right_before_and_after_its_bits_are_filled(lib, backend):
    from app.library import Library

    _fill_claims(lib, 60)
    pages = {q: _pages(lib, q) for q in QUERIES}
    path = lib.path
    lib.close()
    with sqlite3.connect(path) as con:  # as a library just upgraded from 0013: no claim's bits computed
        con.execute("UPDATE claims SET common_words = NULL")
    with Library.open(path) as again:
        assert cw.unfilled(again.engine.connect())
        assert {q: _pages(again, q) for q in QUERIES} == pages
        steps = 0
        while again.tidy_search_index():  # what the app does while idle (and `briefdesk library tidy`)
            steps += 1
        assert steps >= 1
        with again.engine.connect() as conn:
            assert not cw.unfilled(conn)
        assert_bits_agree(again)
        assert {q: _pages(again, q) for q in QUERIES} == pages


def _indexes(conn) -> set[str]:
    return {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'index'")}


@pytest.mark.sqlite_only("the upgrade of a library file")
def test_the_upgrade_from_0013_adds_the_column_and_indexes_and_can_be_undone(tmp_path):
    from alembic import command

    from app.library import Library, _alembic_config

    path = tmp_path / "lib.briefdesk"
    with Library.open(path) as lib:
        _fill_claims(lib, 20)
    cfg = _alembic_config()
    with Library.open(path) as lib, lib.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0013")
        assert "common_words" not in {r[1] for r in conn.exec_driver_sql("PRAGMA table_info(claims)")}
        command.upgrade(cfg, "head")
        assert "ix_claims_words_unfilled" in _indexes(conn)
        assert "ix_claims_said_words" not in _indexes(conn)  # built once the claims are filled
        assert conn.exec_driver_sql("SELECT count(*) FROM claims WHERE common_words IS NULL").scalar() == 20
        assert cw.unfilled(conn)
    with Library.open(path) as lib:
        while lib.tidy_search_index():
            pass
        assert_bits_agree(lib)
        with lib.engine.connect() as conn:
            assert "ix_claims_said_words" in _indexes(conn) and not cw.unfilled(conn)
    empty = tmp_path / "new.briefdesk"
    with Library.open(empty) as lib, lib.engine.connect() as conn:  # a new library: both at once
        assert {"ix_claims_said_words", "ix_claims_words_unfilled"} <= _indexes(conn)


@pytest.mark.sqlite_only("briefdesk doctor checks library files")
def test_doctor_finds_bits_that_disagree_with_the_text_and_repairs_them(lib, backend):
    from app import doctor

    _fill_claims(lib, 12)
    assert doctor.diagnose(lib).healthy
    ids = sorted(_stored(lib))
    with lib.engine.begin() as conn:
        conn.execute(text("UPDATE claims SET common_words = 0 WHERE id = :i"), {"i": ids[3]})
        conn.execute(
            text("UPDATE claims SET common_words = NULL WHERE id = :i"), {"i": ids[4]}
        )  # not yet computed
    report = doctor.diagnose(lib)
    found = [f for f in report.findings if f.area == doctor.COMMON_WORDS]
    assert len(found) == 1 and f"c{ids[3]}" in found[0].message and found[0].repairable
    result = doctor.repair(lib, report)
    assert result.after is not None and result.after.healthy and result.repaired == tuple(found)
    assert _stored(lib)[ids[3]][0] == cw.bits(*_stored(lib)[ids[3]][1:])


def test_a_team_library_keeps_the_bits_of_what_is_written_and_never_rewrites_older_claims(lib, backend):
    """On PostgreSQL the lists do not use the bits: the upgrade adds the column alone (no index built while
    other analysts work) and the upkeep never fills older claims (a million updates on the shared server);
    a claim written or edited still gets its bits."""
    if lib.dialect != "postgresql":
        pytest.skip("about the team library")
    _fill_claims(lib, 6)
    ids = sorted(_stored(lib))
    with lib.engine.begin() as conn:  # as claims left from before 0014
        conn.execute(text("UPDATE claims SET common_words = NULL WHERE id = ANY(:ids)"), {"ids": ids[:3]})
        indexes = {
            r[0] for r in conn.execute(text("SELECT indexname FROM pg_indexes WHERE tablename = 'claims'"))
        }
    assert not {"ix_claims_words_unfilled", "ix_claims_said_words"} & indexes
    assert lib.tidy_search_index() is False
    stored = _stored(lib)
    assert [stored[i][0] for i in ids[:3]] == [None, None, None]
    assert all(stored[i][0] is not None for i in ids[3:])
    lib.claims.update(ids[0], statement="The talks were held in the capital.")
    bits, statement, quote = _stored(lib)[ids[0]]
    assert bits == cw.bits(statement, quote) and bits is not None
