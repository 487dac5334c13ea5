import re

import pytest

from app.errors import UnknownCitationError
from app.export import render_html
from tests.app.export.records import brief_record, claim_record


def test_notes_numbered_by_first_citation_and_reused():
    r = render_html(
        brief_record("(U) One [@c5] two [@c2; @c5] three [@c2].\n"),
        {"c5": claim_record(5), "c2": claim_record(2)},
    )
    assert [(n.number, n.key) for n in r.notes] == [(1, "c5"), (2, "c2")]
    markers = re.findall(r"<sup>(.*?)</sup>", r.html)
    assert [re.findall(r'href="briefdesk:(c\d+)"[^>]*>(\d+)<', m) for m in markers] == [
        [("c5", "1")],
        [("c2", "2"), ("c5", "1")],
        [("c2", "2")],
    ]
    assert "Mara Voss (harbour master), Coastal Gazette" in r.notes[0].text
    assert r.notes[0].text.endswith("[B2]")


def test_unknown_keys_listed_with_lines_or_shown_when_allowed():
    body = "(U) First.\n\nSecond [@c9] and [@s4].\n"
    with pytest.raises(UnknownCitationError) as exc:
        render_html(brief_record(body), {})
    assert exc.value.missing == [("c9", 3), ("s4", 3)]
    r = render_html(brief_record(body), {}, allow_missing=True)
    assert "[missing c9]" in r.html and "[missing s4]" in r.html and len(r.warnings) == 2


def test_raw_html_is_text_and_code_citations_literal():
    r = render_html(brief_record('Text <script>alert(1)</script> <img src="http://x/y.png"> `[@c1]`\n'), {})
    assert "<script" not in r.html and "&lt;script&gt;" in r.html
    assert "<img" not in r.html
    assert "<code>[@c1]</code>" in r.html and not r.notes


def test_emphasis_strike_and_links_render_but_autolinks_stay_text():
    r = render_html(
        brief_record("**bold** *it* ~~gone~~ [site](https://example.org) <https://example.org/raw>\n"), {}
    )
    assert "<strong>bold</strong>" in r.html and "<em>it</em>" in r.html and "<del>gone</del>" in r.html
    assert '<a href="https://example.org"' in r.html
    assert "&lt;https://example.org/raw&gt;" in r.html  # '<' is text in a brief, so no autolink


def test_pandoc_markdown_footnotes_read_back_by_pandoc():
    import json
    import shutil
    import subprocess

    from app.export import render_pandoc_markdown

    r = render_pandoc_markdown(
        brief_record("(U) One [@c5] two [@c2; @c5] and `[@c5]`.\n"),
        {"c5": claim_record(5), "c2": claim_record(2)},
    )
    assert "One [^1] two [^2][^1] and `[@c5]`." in r.html
    assert r.html.count("[^1]:") == 1 and r.html.count("[^2]:") == 1
    if shutil.which("pandoc") is None:
        pytest.skip("pandoc not installed")
    ast = json.loads(
        subprocess.run(
            ["pandoc", "-f", "markdown", "-t", "json"],
            input=r.html,
            text=True,
            capture_output=True,
            check=True,
        ).stdout
    )
    assert json.dumps(ast).count('"t": "Note"') == 3
