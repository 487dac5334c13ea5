"""The brief model: one reading of a brief's Markdown, by Python-Markdown's rules, for every part of the app."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from app.brief_model import parse_brief
from app.brief_model.render import heading_texts, render_tree
from app.brief_model.text import MAX_DEPTH
from app.citations import parse_citations
from app.domain import BriefRecord, BriefStatus, MarkingScheme
from app.export import render_html

NOW = dt.datetime(2026, 12, 1, 9, 0)


def _html(body: str) -> str:
    brief = BriefRecord(1, "T", body, MarkingScheme.NONE, "", "", "", BriefStatus.DRAFT, NOW, NOW)
    return render_html(brief, {}, allow_missing=True).html


def test_an_indented_hash_line_is_a_paragraph_as_the_reader_sees_it():
    body = "# Top\n\n   ## Inner\n\nText [@c1].\n"
    model = parse_brief(body)
    assert [h.title for h in model.headings] == ["Top"]
    (c,) = model.citations
    assert c.section == "Top" and parse_citations(body)[0].section == "Top"
    assert model.section_title(c.block) == "Top"
    html = _html(body)
    assert "<h2" not in html and "<p>## Inner</p>" in html


def test_a_setext_heading_is_a_section():
    body = "Overview\n===\n\nThe crossing [@c1].\n\nDetail\n------\n\nMore [@c2].\n"
    model = parse_brief(body)
    assert [(h.level, h.title, h.setext) for h in model.headings] == [
        (1, "Overview", True),
        (2, "Detail", True),
    ]
    assert [c.section for c in model.citations] == ["Overview", "Detail"]
    html = _html(body)
    assert re.search(r"<h2[^>]*>Overview</h2>", html) is None  # the brief's title is the only h1 before it
    assert re.search(r"<h1[^>]*>Overview</h1>", html) and re.search(r"<h2[^>]*>Detail</h2>", html)


def test_grouped_citations_with_commas_or_semicolons():
    body = "A [@c1, @c2] and B [@c3; @s4] and C [ @c5 ,@c6; ]\n"
    model = parse_brief(body)
    assert [c.key for c in model.citations] == ["c1", "c2", "c3", "s4", "c5", "c6"]
    groups = {c.group for c in model.citations}
    assert len(groups) == 3
    first = model.citations[0]
    assert body[first.group_start : first.group_end] == "[@c1, @c2]"
    assert (first.line, first.column) == (1, 4)


def test_citations_in_code_are_text_and_everything_else_counts():
    body = (
        "Inline `[@c1]` and ``a ` [@c2]`` code.\n\n"
        "    indented [@c3]\n\n"
        "```\nfenced [@c4]\n```\n\n"
        "~~~ python\nalso [@c5]\n~~~\n\n"
        "| head [@c6] | `[@c7]` |\n|---|---|\n| [@c8] | x |\n\n"
        "> quoted [@c9]\n\n"
        "- item [@c10]\n    - nested [@c11]\n\n"
        "Term [@c12]\n:   definition [@c13]\n"
    )
    keys = [c.key for c in parse_brief(body).citations]
    assert keys == ["c6", "c8", "c9", "c10", "c11", "c12", "c13"]


def test_blocks_know_their_kind_depth_quote_and_section():
    body = "# (U) A\n\n- (U) one\n    - (C) two\n\n> (U) q\n> > (U) qq\n\n| (U) x |\n|---|\n| y |\n"
    model = parse_brief(body)
    got = [(b.kind, b.depth, b.quote, body[b.text_start : b.end], b.mark_text) for b in model.blocks]
    assert got == [
        ("heading", 0, 0, "A", "(U)"),
        ("list_item", 1, 0, "one", "(U)"),
        ("list_item", 2, 0, "two", "(C)"),
        ("paragraph", 0, 1, "q", "(U)"),
        ("paragraph", 0, 2, "qq", "(U)"),
        ("table_cell", 0, 0, "x", "(U)"),
        ("table_cell", 0, 0, "y", ""),
    ]
    assert all(b.heading == 0 for b in model.blocks)


def test_offsets_survive_tabs_crlf_and_dropped_characters():
    body = "a\tb [@c1]\r\nline\x07two [@s2]\r\n\r\n\tcode [@c3]\r\n"
    model = parse_brief(body)
    assert [c.key for c in model.citations] == ["c1", "s2"]
    for c in model.citations:
        assert body[c.group_start : c.group_end] in ("[@c1]", "[@s2]")
        assert body[c.start : c.end] == "@" + c.key
    assert model.line_col(model.citations[1].start)[0] == 2


def test_headings_inside_a_paragraph_follow_python_markdown():
    body = "para\n# H\nmore\n\n1. one\n2. two\n\nline\n---\n"
    model = parse_brief(body)
    assert [(h.level, h.title) for h in model.headings] == [(1, "H"), (2, "line")]


@pytest.mark.parametrize("depth", [MAX_DEPTH - 1, 500])
def test_nesting_is_bounded_and_nothing_recurses_without_end(depth):
    lists = "\n".join(" " * (4 * i) + f"- level {i}" for i in range(depth))
    quotes = ">" * depth + " deep quote [@c1]"
    model = parse_brief(lists + "\n\n" + quotes + "\n")
    items = [b for b in model.blocks if b.kind == "list_item"]
    assert max(b.depth for b in items) <= MAX_DEPTH + 1
    assert max(b.quote for b in model.blocks) <= MAX_DEPTH
    assert [c.key for c in model.citations] == ["c1"]
    tree = render_tree(model)
    text = "".join(tree.root.itertext())
    assert f"level {depth - 1}" in text and "deep quote" in text


def test_not_citation_tokens_come_back_as_written_in_code():
    model = parse_brief("`[@c1, @c2]` and [@c3]\n")
    tree = render_tree(model)
    code = tree.root.find(".//code")
    assert code is not None and code.text == "[@c1, @c2]"


def test_control_characters_in_a_body_do_not_pass_for_citations():
    # the model's block parse reads each citation as a run of a control character the reader drops from
    # every body: a body holding that character (or the private-use token characters) must read as the same
    # brief without them, and a heading that holds a citation keeps it as written
    clean = "# (U) Crossing [@c1]\n\nThe bridge [@c2; @s3] reopened.\n\n- (U) Item [@c4]\n"
    hostile = "# (U) Crossing [@c1]\x0e\x0e\n\nThe\x0e\x0e\x0e\x0e\x0e bridge [@c2; @s3] reopened.\ue000\n\n- (U) Item [@c4]\n"
    want, got = parse_brief(clean), parse_brief(hostile)
    assert [c.key for c in got.citations] == [c.key for c in want.citations] == ["c1", "c2", "s3", "c4"]
    assert (
        [b.kind for b in got.blocks] == [b.kind for b in want.blocks] == ["heading", "paragraph", "list_item"]
    )
    assert [c.block.kind for c in got.citations] == ["heading", "paragraph", "paragraph", "list_item"]
    assert got.headings[0].raw_title == "(U) Crossing [@c1]"
    for c in got.citations:
        assert hostile[c.start : c.end] == "@" + c.key
    html = _html(hostile)
    assert "\x0e" not in html and "\ue000" not in html


def test_heading_texts_are_the_words_a_reader_sees_without_marks_or_citations():
    body = (
        "# (U) Overview [@c1] ##\n\n"
        "## **Bold** [link](http://x) `code [@c3]` \\*not em\\* [@c1; @s2]: end\n\n"
        "#\n\n"
        "### Pay \u202eevil\n"
    )
    texts = heading_texts(parse_brief(body))
    assert texts == ["Overview", "Bold link code [@c3] *not em*: end", "", "Pay [U+202E RLO]evil"]
    assert heading_texts(parse_brief("No headings [@c1].\n")) == []
