"""Full-text search that never raises, Unicode stored exactly, citation and marking parsing."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.citations import cited_claim_ids, parse_citations
from app.markings import highest, parse_mark, split_portion_mark
from app.storage.sqlite import to_fts_query


@pytest.fixture
def searchable(lib):
    s1 = lib.sources.create(
        title="Drone deliveries to the front",
        body="Officials said hundreds of drones were shipped by sea. The drone programme expanded.",
    ).after
    s2 = lib.sources.create(
        title="Ministry denies shipments",
        body="The foreign minister said Tehran would not aid either side in the war.",
    ).after
    lib.claims.create(
        source_id=s2.id,
        quote="would not aid either side",
        actor="Hossein Amir",
        statement="Iran will not aid either side.",
    )
    return lib, s1, s2


def test_words_phrases_prefixes_and_exclusions(searchable):
    lib, s1, s2 = searchable
    assert {h.ref for h in lib.search("drones")} == {s1.ref}
    assert {h.ref for h in lib.search("dron*")} == {s1.ref}
    assert {(h.entity, h.id) for h in lib.search('"either side"')} == {("source", s2.id), ("claim", 1)}
    assert {h.ref for h in lib.search("minister -drones")} == {s2.ref}
    # an excluded phrase excludes that phrase only (it was read as "exclude either, require side")
    assert {h.ref for h in lib.search('said -"either side"', entities=("source",))} == {s1.ref}
    assert {h.ref for h in lib.search('said -"side either"', entities=("source",))} == {s1.ref, s2.ref}
    assert {h.ref for h in lib.search("drones OR tehran", entities=("source",))} == {s1.ref, s2.ref}
    assert [h.entity for h in lib.search("Amir")] == ["actor"]
    hit = lib.search("shipped")[0]
    assert "\x02shipped\x03" in hit.snippet


def test_a_reference_finds_its_record(searchable):
    lib, s1, s2 = searchable
    claim = lib.claims.list(limit=1).items[0]
    actor = lib.actors.list(limit=1).items[0]
    for query in (f"c{claim.id}", f"[@c{claim.id}]", f" @C{claim.id} "):
        hits = lib.search(query)
        assert [(h.entity, h.id) for h in hits] == [("claim", claim.id)], query
        assert hits[0].title == "Iran will not aid either side."
    assert [h.ref for h in lib.search(s2.ref)] == [s2.ref] and lib.search(s2.ref)[0].title == s2.title
    assert [h.ref for h in lib.search(f"a{actor.id}")] == [f"a{actor.id}"]
    assert lib.search("c999999") == []  # no such claim: nothing, no error
    assert lib.search(f"c{claim.id}", entities=("source",)) == []
    assert math.isfinite(lib.search(f"c{claim.id}")[0].rank)  # JSON output has no Infinity


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '"either',
        "(",
        "drones)",
        "AND",
        "OR",
        "NOT",
        "*",
        "-",
        "- -",
        "a:b",
        "NEAR(",
        "^",
        "''",
        "\\",
        "ü*",
        "🚀",
        "\x00",
        "   ",
        "drones AND",
        '"" ""',
        "col:drones",
        "{x}",
        "[@c1]",
    ],
)
def test_any_typed_text_is_a_valid_query(searchable, query):
    lib, _, _ = searchable
    lib.search(query)  # must not raise


@settings(max_examples=150, deadline=None)
@given(st.text())
def test_query_translation_never_produces_an_invalid_query(text):
    import sqlite3

    q = to_fts_query(text)
    if q is None:
        return
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE VIRTUAL TABLE f USING fts5(a)")
    conn.execute("SELECT * FROM f WHERE f MATCH ?", (q,)).fetchall()


ODD = [
    "control\x01chars\x1f and a tab\t",
    "\u05e9\u05dc\u05d5\u05dd right-to-left \u0627\u0644\u0633\u0644\u0627\u0645 \u202etext",
    "emoji 🚀👩‍👩‍👧 flags 🇺🇦",
    "combining e\u0301 a\u0308 and Zalgo t\u0337\u0321e\u0334xt",
    "surrogate-free astral 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "\ufeffBOM and \u00a0nbsp and \u200bzero-width",
]


@pytest.mark.parametrize("text", ODD)
def test_any_unicode_is_stored_and_returned_exactly(lib, text):
    src = lib.sources.create(title=text, body=f"Prefix. {text} Suffix.", notes=text, outlet=text).after
    got = lib.sources.get(src.id)
    assert (got.title, got.notes, got.outlet) == (text.strip(), text, text.strip())
    assert got.body == f"Prefix. {text} Suffix."
    claim = lib.claims.create(
        source_id=src.id, quote=text.strip(), statement=text, actor=text.strip() or "x", tags=[text[:20]]
    ).after
    got_claim = lib.claims.get(claim.id)
    assert got_claim.statement == text.strip()
    brief = lib.briefs.create(title="T", body=text).after
    # a brief's body is stored as every export reads it: control characters other than tab and line ends
    # are left out (no document can hold them); everything else is kept exactly
    kept = text.replace("\x01", "").replace("\x1f", "")
    assert lib.briefs.get(brief.id).body == kept


def test_a_one_megabyte_body_round_trips(lib):
    body = ("Lorem \u05e9 🚀 e\u0301 " * 70000)[:1_000_000]
    src = lib.sources.create(title="Big", body=body).after
    assert lib.sources.get(src.id).body == body
    assert lib.search("Lorem", entities=("source",))[0].id == src.id


def test_citations_in_order_with_lines_sections_and_code_left_literal():
    body = (
        "## Bottom line\n\nIran denies it [@c12; @c14] and [@s3].\n\n"
        "```\n[@c99]\n```\n\nInline `[@c98]` stays literal.\n\n### Detail\n\nAgain [@c12].\n"
    )
    cites = parse_citations(body)
    assert [(c.key, c.line, c.section) for c in cites] == [
        ("c12", 3, "Bottom line"),
        ("c14", 3, "Bottom line"),
        ("s3", 3, "Bottom line"),
        ("c12", 13, "Detail"),
    ]
    assert cited_claim_ids(cites) == [12, 14]
    assert cites[0].column == 17


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_citation_parsing_never_raises(text):
    for c in parse_citations(text):
        assert text[c.start : c.end].startswith("@")


def test_portion_marks_and_banner():
    mark, rest = split_portion_mark("(S//NF) The ministry said")
    assert mark.banner == "SECRET//NOFORN" and rest == "The ministry said"
    assert split_portion_mark("(see below) text")[0] is None
    tlp = [parse_mark("TLP:GREEN"), parse_mark("(TLP:AMBER+STRICT)"), parse_mark("tlp:clear")]
    assert highest(tlp).banner == "TLP:AMBER+STRICT"
    cls = [parse_mark("U"), parse_mark("C"), parse_mark("S//NF"), parse_mark("C//REL")]
    assert highest(cls).banner == "SECRET//NOFORN//REL"
    assert parse_mark("TOP SECRET").level == "TS"
    assert parse_mark("(X)") is None


def test_a_list_item_paragraph_indented_four_spaces_is_text_not_code():
    body = (
        "# Discussion\n\n"
        "- First point [@c1].\n\n"
        "    Its second paragraph cites [@c2].\n\n"
        "        an indented code block inside the item [@c3]\n\n"
        "A paragraph after the list.\n\n"
        "    plain indented code after a paragraph [@c4]\n"
    )
    keys = [c.key for c in parse_citations(body)]
    assert keys == ["c1", "c2"]


def test_citations_on_a_long_brief_keep_their_sections_and_skip_code():
    section = "## Part {n}\n\n" + "A claim [@c1] and `code [@c2]` and [@s3].\n\n" * 20
    body = "".join(section.format(n=n) for n in range(500))  # 500 headings, 20,000 citations
    cites = parse_citations(body)
    assert len(cites) == 20_000
    assert {c.key for c in cites} == {"c1", "s3"}
    assert cites[0].section == "Part 0" and cites[-1].section == "Part 499"


def test_one_line_fields_join_line_breaks(lib):
    src = lib.sources.create(title="Two\nlines\r\n and\u2028three", body="Body.", outlet="Out\nlet").after
    assert (src.title, src.outlet) == ("Two lines and three", "Out let")
    brief = lib.briefs.create(title="A brief\ntitle", body="").after
    assert brief.title == "A brief title"
