"""Property: for any brief built from every construct a brief can hold, the brief model, the HTML renderer and
the .docx (read back) agree on the headings, the sections and the citations; where-cited and the checks agree
with them on every citation's section; and Python-Markdown's speed-ups in app.brief_model.pm change nothing.

BRIEFDESK_HYPOTHESIS_EXAMPLES sets how many briefs each property tries (default 60)."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import subprocess
import zipfile

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from app.brief_model import parse_brief
from app.brief_model import pm as pm_module
from app.checks import CheckContext, run_checks
from app.citations import parse_citations
from app.domain import (
    BriefRecord,
    BriefStatus,
    ClaimRecord,
    ClaimStatus,
    MarkingScheme,
    SourceKind,
    SourceRecord,
)
from app.export import render_html, render_pandoc_markdown
from app.export.docx import render_docx
from tests.adversarial.markdown_corpus import EDGE_CASES, generated
from tests.app.export.records import claim_record

EXAMPLES = int(os.environ.get("BRIEFDESK_HYPOTHESIS_EXAMPLES", "60"))
NOW = dt.datetime(2026, 12, 1, 9, 0)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
KNOWN = ("c1", "c2", "s3")  # resolve; c9 and s8 do not


def _claim(i: int) -> ClaimRecord:
    return claim_record(
        i,
        source_title="Port bulletin",
        statement=f"Statement {i}.",
        status=ClaimStatus.UNVERIFIED,
        created=NOW,
        updated=NOW,
    )


def _resolver() -> dict:
    source = SourceRecord(
        id=3,
        title="Port bulletin",
        kind=list(SourceKind)[0],
        outlet="Coastal Gazette",
        authors="",
        url="",
        published=None,
        accessed=None,
        language="en",
        body="",
        sha256="",
        reliability="B",
        descriptor="",
        notes="",
        created=NOW,
        updated=NOW,
    )
    return {"c1": _claim(1), "c2": _claim(2), "s3": source}


# ------------------------------------------------------------------------------------------- the briefs
word = (
    st.text(alphabet=st.sampled_from(list("abcdefgh שלום é🚀")), min_size=1, max_size=8)
    .map(str.strip)
    .filter(bool)
)
key = st.sampled_from(["c1", "c2", "s3", "c9", "s8"])


@st.composite
def citation(draw) -> str:
    keys = draw(st.lists(key, min_size=1, max_size=3))
    sep = draw(st.sampled_from(["; ", ", ", ";", ","]))
    return "[" + sep.join(f"@{k}" for k in keys) + "]"


@st.composite
def inline(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["word", "word", "cite", "code", "em", "strong", "codecite", "link"]))
        if kind == "word":
            parts.append(draw(word))
        elif kind == "cite":
            parts.append(draw(citation()))
        elif kind == "code":
            parts.append(f"`{draw(word)}`")
        elif kind == "codecite":
            parts.append(f"`{draw(citation())}`")
        elif kind == "em":
            parts.append(f"*{draw(word)}*")
        elif kind == "strong":
            parts.append(f"**{draw(word)} {draw(citation())}**")
        else:
            parts.append(f"[{draw(word)}](https://example.org/{draw(st.integers(0, 9))})")
    mark = draw(st.sampled_from(["", "", "(U) ", "(C) ", "(S//NF) "]))
    return mark + " ".join(parts)


@st.composite
def heading_text(draw) -> str:
    parts = [draw(word)] + [draw(st.one_of(word, citation(), word.map(lambda w: f"*{w}*"))) for _ in range(2)]
    return draw(st.sampled_from(["", "(U) "])) + " ".join(parts)


@st.composite
def block(draw) -> str:
    kind = draw(
        st.sampled_from(
            [
                "atx", "atx", "setext", "fakeheading", "p", "p", "p", "lazy", "ul", "ol", "nested", "quote",
                "fence", "tilde", "indented", "table", "dl", "hr", "refdef", "blankcite",
            ]
        )
    )  # fmt: skip
    if kind == "atx":
        level = draw(st.integers(1, 6))
        closing = draw(st.sampled_from(["", " #", " ###"]))
        return "#" * level + " " + draw(heading_text()) + closing
    if kind == "setext":
        return draw(heading_text()) + "\n" + draw(st.sampled_from(["===", "---", "=", "------"]))
    if kind == "fakeheading":
        return " " * draw(st.integers(1, 3)) + "#" * draw(st.integers(1, 3)) + " " + draw(heading_text())
    if kind == "p":
        return "\n".join(draw(inline()) for _ in range(draw(st.integers(1, 3))))
    if kind == "lazy":
        return f"- {draw(inline())}\n{draw(inline())}"
    if kind in ("ul", "ol"):
        items = []
        for i in range(draw(st.integers(1, 4))):
            marker = "-" if kind == "ul" else f"{i + 1}."
            items.append(f"{marker} {draw(inline())}")
        return "\n".join(items)
    if kind == "nested":
        lines = []
        depth = 0
        for _ in range(draw(st.integers(2, 6))):
            depth = max(0, min(depth + draw(st.integers(-1, 1)), 3))
            indent = draw(st.sampled_from([4, 4, 2])) * depth
            lines.append(" " * indent + f"- {draw(inline())}")
        if draw(st.booleans()):
            lines.append("")
            lines.append("    " + draw(inline()))  # a later paragraph of the last item
        return "\n".join(lines)
    if kind == "quote":
        depth = draw(st.integers(1, 3))
        inner = draw(st.sampled_from(["p", "h", "li"]))
        text = draw(inline())
        if inner == "h":
            text = "## " + draw(heading_text())
        elif inner == "li":
            text = "- " + text
        return ">" * depth + " " + text
    if kind == "fence":
        return "```\n" + draw(inline()) + "\n# not a heading\n```"
    if kind == "tilde":
        return "~~~ python\n" + draw(citation()) + "\n~~~"
    if kind == "indented":
        return "    " + draw(inline()) + "\n    ## not a heading"
    if kind == "table":
        cols = draw(st.integers(1, 3))
        head = "| " + " | ".join(draw(word) for _ in range(cols)) + " |"
        sep = "|" + "|".join(draw(st.sampled_from(["---", ":--", "--:", ":-:"])) for _ in range(cols)) + "|"
        rows = [
            "| " + " | ".join(draw(inline()).replace("|", "/") for _ in range(cols)) + " |"
            for _ in range(draw(st.integers(0, 2)))
        ]
        return "\n".join([head, sep, *rows])
    if kind == "dl":
        term = draw(st.sampled_from(["", "(S) "])) + draw(word)
        return f"{term} {draw(citation())}\n:   {draw(inline())}"
    if kind == "hr":
        return draw(st.sampled_from(["---", "* * *", "___"]))
    if kind == "refdef":
        return f"[{draw(word)}]: https://example.org/ref"
    return draw(citation()) + ": " + draw(word)  # a citation where a link definition could start


bodies = st.lists(block(), min_size=1, max_size=10).map(lambda bs: "\n\n".join(bs) + "\n")


def _brief(body: str) -> BriefRecord:
    return BriefRecord(1, "Agreement", body, MarkingScheme.NONE, "", "", "", BriefStatus.DRAFT, NOW, NOW)


# ------------------------------------------------------------------------------------------- readings
def _plain(text: str) -> str:
    """Letters and digits only: what a heading says, whatever its markup."""
    return "".join(ch for ch in text if ch.isalnum())


def _model_events(body: str, *, merge_adjacent: bool = False) -> list[tuple]:
    """Headings (level) and citation groups (keys) in reading order. ``merge_adjacent``: two groups with
    nothing between them ('[@c1][@c2]') as one, as a reader of the .docx's runs sees them."""
    model = parse_brief(body)
    events: list[tuple] = []
    items = [("h", h.start, h) for h in model.headings] + [("c", c.group_start, c) for c in model.citations]
    seen_groups: set[int] = set()
    last_end = -1
    for kind, _at, x in sorted(items, key=lambda t: (t[1], t[0] == "c")):
        if kind == "h":
            events.append(("h", x.level))
            last_end = -1
        elif x.group not in seen_groups:
            seen_groups.add(x.group)
            keys = tuple(c.key for c in model.citations if c.group == x.group)
            if merge_adjacent and x.group_start == last_end and events and events[-1][0] == "c":
                events[-1] = ("c", events[-1][1] + keys)
            else:
                events.append(("c", keys))
            last_end = x.group_end
    return events


def _html_events(html: str, numbers: dict[int, str] | None = None) -> list[tuple]:
    events: list[tuple] = []
    for m in re.finditer(r"<h([1-6])[^>]*>|<sup>(.*?)</sup>", html):
        if m.group(1):
            events.append(("h", int(m.group(1))))
        else:
            keys = re.findall(r'briefdesk:([cs]\d+)"|\[missing ([cs]\d+)\]|(?:^|,)(\d+)(?=,|$)', m.group(2))
            # a plain number: a citation inside a link, shown without a link of its own
            events.append(("c", tuple(a or b or (numbers or {})[int(n)] for a, b, n in keys)))
    return events[1:]  # the brief's title


def _docx_events(data: bytes, numbers: dict[int, str]) -> list[tuple]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    styles = {}
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for s in etree.fromstring(z.read("word/styles.xml")).iter(f"{W}style"):
            name = s.find(f"{W}name")
            styles[s.get(f"{W}styleId")] = name.get(f"{W}val") if name is not None else ""
    events: list[tuple] = []
    current: list[str] | None = None
    for el in root.iter(f"{W}p", f"{W}r", f"{W}fldSimple"):
        if el.tag == f"{W}p":
            current = None
            style = el.find(f"{W}pPr/{W}pStyle")
            name = styles.get(style.get(f"{W}val"), "") if style is not None else ""
            if name.lower().startswith("heading "):
                events.append(("h", int(name.split()[-1])))
            continue
        if el.tag == f"{W}fldSimple":
            n = re.search(r"NOTEREF _BdNote(\d+)", el.get(f"{W}instr") or "")
            if n:
                current = _add_key(events, current, numbers[int(n.group(1))])
            continue
        ref = el.find(f"{W}endnoteReference")
        if ref is not None:
            current = _add_key(events, current, numbers[int(ref.get(f"{W}id"))])
            continue
        texts = "".join(t.text or "" for t in el.iter(f"{W}t"))
        missing = re.fullmatch(r"\[missing ([cs]\d+)\]", texts)
        if missing and el.find(f"{W}rPr/{W}highlight") is not None:
            current = _add_key(events, current, missing.group(1))
        elif texts != "," and el.getparent().tag != f"{W}fldSimple":
            current = None  # text between citations ends a group
    return events[1:] if events and events[0] == ("h", 0) else events


def _add_key(events: list[tuple], current: list[str] | None, key: str) -> list[str]:
    if current is None:
        current = [key]
        events.append(("c", current))
    else:
        current.append(key)
    return current


def _as_tuples(events: list[tuple]) -> list[tuple]:
    return [(k, tuple(v) if isinstance(v, list) else v) for k, v in events]


def _renderers_agree(body: str) -> str:
    """Assert that the model, the HTML and the .docx read back give the same headings and citation groups, in
    the same order; the HTML."""
    resolver = _resolver()
    brief = _brief(body)
    expected = _model_events(body)
    preview = render_html(brief, resolver, allow_missing=True)
    assert _html_events(preview.html, {n.number: n.key for n in preview.notes}) == expected
    result = render_docx(brief, resolver, allow_missing=True)
    numbers = {n.number: n.key for n in result.notes}
    assert _as_tuples(_docx_events(result.data, numbers)) == _model_events(body, merge_adjacent=True)
    return preview.html


def _readers_agree(body: str) -> None:
    """Assert that where-cited and the checks read the citations where the model does."""
    model = parse_brief(body)
    records = parse_citations(body)  # what where-cited stores
    assert [(r.key, r.line, r.column) for r in records] == [
        (c.key, c.line, c.column) for c in model.citations
    ]
    for r, c in zip(records, model.citations, strict=True):
        assert r.section == (model.headings[c.heading].raw_title if c.heading >= 0 else "")
    # the checks: every unknown key is a T5 finding at the citation, under the model's section
    ctx = CheckContext(_brief(body), claims={1: _claim(1), 2: _claim(2)})
    findings = run_checks(ctx, rules=["T5"]).findings
    unknown = {c.key for c in model.citations if c.kind == "claim" and c.ident not in (1, 2)}
    found_keys = set()
    for f in findings:
        (c,) = [c for c in model.citations if c.group_start <= f.start < c.group_end][:1] or [None]
        assert c is not None, (f, model.citations)
        assert f.section == (model.headings[c.heading].title if c.heading >= 0 else ""), (f, c)
        found_keys.update(k.key for k in model.citations if k.group == c.group)
    assert unknown <= found_keys


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=bodies)
def test_model_html_and_docx_agree_on_headings_sections_and_citations(body):
    html = _renderers_agree(body)
    model = parse_brief(body)
    # heading texts: what the model reads is what the HTML shows
    shown = [
        re.sub(r"<sup>.*?</sup>|<[^>]+>", "", m.group(2))
        for m in re.finditer(r"<h([1-6])[^>]*>(.*?)</h\1>", html)
    ][1:]
    assert [_plain(_html_unescape(s)) for s in shown] == [
        _plain(re.sub(r"\[[^\]\n]*@[cs]\d+[^\]\n]*\]", "", h.raw_title)) for h in model.headings
    ]


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=bodies, default=st.sampled_from(["U", "C"]))
def test_the_checks_and_the_docx_give_the_same_banner(body, default):
    brief = BriefRecord(
        1, "Banner", body, MarkingScheme.CLASSIFICATION, default, "", "", BriefStatus.DRAFT, NOW, NOW
    )
    report = run_checks(CheckContext(brief, claims={1: _claim(1), 2: _claim(2)}), rules=["T8"])
    result = render_docx(brief, _resolver(), allow_missing=True)
    assert report.banner == result.banner


def _html_unescape(s: str) -> str:
    import html as _h

    return _h.unescape(s)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=bodies)
def test_where_cited_and_the_checks_file_each_citation_under_the_models_section(body):
    _readers_agree(body)


def _plain_markdown():
    """The same configuration without the speed-ups."""
    import markdown
    from markdown.inlinepatterns import SimpleTagInlineProcessor

    md = markdown.Markdown(extensions=pm_module._extensions())
    md.preprocessors.deregister("html_block")
    for name in ("html", "entity", "autolink", "automail"):
        md.inlinePatterns.deregister(name)
    md.inlinePatterns.register(SimpleTagInlineProcessor(r"(~~)(.+?)~~", "del"), "strike", 45)
    return md


markdownish = st.text(
    alphabet=st.sampled_from(list("ab #>-*+_=:|[]()`~\n\n\n    1.@c;,!{}\\")), min_size=0, max_size=200
)


fenced = st.lists(
    st.sampled_from(
        [
            "```",
            "~~~",
            "````",
            "``` {.x}",
            "```{bad",
            "``` py",
            "text `a`",
            "    ```",
            "",
            "> ```",
            "   ",
            "\t~~~",
        ]
    ),
    max_size=12,
).map("\n".join)


@settings(max_examples=EXAMPLES * 3, deadline=None)
@given(text=st.one_of(bodies, markdownish, fenced))
def test_the_speed_ups_change_nothing_python_markdown_does(text):
    plain = _plain_markdown().convert(text)
    fast = pm_module.new_markdown()
    root = pm_module.parse_blocks(fast, text)
    root = pm_module.finish_tree(fast, root)
    assert pm_module.serialize(fast, root) == plain


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("# h [@c1]\n" * 2500, id="headings"),
        pytest.param("Title\n===\n" * 1500 + "text\nmore\n---\n", id="setext"),
        pytest.param("para line\n" * 1500 + "# h\n" + "* * *\n" * 1200, id="paragraph-then-rules"),
        pytest.param("".join(f"*[A{i}]: x\n" for i in range(2500)) + "A1 A2", id="abbreviations"),
        pytest.param(
            "".join(f"[r{i}]: https://example.org/{i}\n" for i in range(2500)) + "[r1][]", id="defs"
        ),
        pytest.param("| a | b |\n|---|---|\n" + "| x [@c1] | y |\n" * 2500, id="table"),
        pytest.param("- a\n" * 1500 + "# h\n" * 1500, id="list-then-headings"),
        pytest.param("> q\n" * 1500 + "# h\n" * 1500, id="quote-then-headings"),
    ],
)
def test_long_blocks_are_cut_only_where_python_markdown_cuts_them(body):
    """A block of thousands of lines is read in pieces (bounded time), with what plain Python-Markdown makes of
    it; and the renderers agree with the model on it."""
    fast = pm_module.new_markdown()
    root = pm_module.finish_tree(fast, pm_module.parse_blocks(fast, body))
    assert pm_module.serialize(fast, root) == _plain_markdown().convert(body)
    _renderers_agree(body)


@pytest.mark.parametrize(
    ("body", "keys"),
    [
        pytest.param("[@c1]: https://example.org\n\nText [@c2].\n", ["c1", "c2"], id="citation-then-colon"),
        pytest.param("[x [@c1]]: y\n\nText [@c2].\n", ["c2"], id="citation-in-a-definition-label"),
        pytest.param("[x [@c1]] y\n\nText [@c2].\n", ["c1", "c2"], id="no-colon"),
        pytest.param("*[x [@c1] y]: z\n\nText [@c2].\n", ["c2"], id="citation-in-an-abbreviation"),
        pytest.param("*[x [@c1]  : z\n\nText [@c2].\n", ["c1", "c2"], id="two-spaces-before-the-colon"),
        pytest.param("Text [@c1] at 12:30 [@c2].\n", ["c1", "c2"], id="colons-elsewhere"),
    ],
)
def test_citations_where_a_definition_could_stand_are_read_as_the_renderers_read_them(body, keys):
    """The model reads a body with no ']' before a ':' with its brackets as written, and any other with each
    citation as an inert run: a link definition or an abbreviation is the only block that could tell them
    apart, and the renderers agree with the model either way."""
    assert [c.key for c in parse_brief(body).citations] == keys
    _renderers_agree(body)
    _readers_agree(body)


def test_a_definition_list_python_markdown_nests_too_deep_is_still_read():
    """700 terms without a blank line: Python-Markdown nests each in the one before and runs out of depth
    (RecursionError); the block is read again cut every few lines, and every reader agrees on the result."""
    body = "Term [@c1]\n:   Definition\n" * 700
    model = parse_brief(body)
    assert len(model.citations) == 700
    _renderers_agree(body)
    _readers_agree(body)


# ------------------------------------------------------------------------------------------- edge cases
# Markdown's edge cases, one or more per part of its syntax, and bodies mixed from their pieces: every reader
# takes them (no exception), the readers agree on them as on the generated briefs, every check runs, and the
# .md export of each is read by pandoc with nothing active in it.
CORPUS = [pytest.param(body, id=name) for name, body in EDGE_CASES] + [
    pytest.param(body, id=f"mixed-{i}") for i, body in enumerate(generated(150))
]


@pytest.mark.parametrize("body", CORPUS)
def test_every_reader_takes_markdowns_edge_cases_and_they_agree(body):
    _renderers_agree(body)
    _readers_agree(body)
    brief = BriefRecord(
        1, "Edge", body, MarkingScheme.CLASSIFICATION, "U", "", "", BriefStatus.DRAFT, NOW, NOW
    )
    report = run_checks(CheckContext(brief, claims={1: _claim(1), 2: _claim(2)}))  # every rule
    assert report.banner
    model = parse_brief(body)
    for c in model.citations:  # offsets and line/column point at the citation as written
        assert body[c.start : c.end] == "@" + c.key or body[c.start + 1 : c.end].lstrip("0").endswith(
            str(c.ident)
        )
        assert model.line_col(c.start) == (c.line, c.column)
    markdown = render_pandoc_markdown(brief, _resolver(), allow_missing=True).html
    assert markdown.startswith("---\n")


@pytest.mark.skipif(shutil.which("pandoc") is None, reason="pandoc not installed")
def test_pandoc_reads_every_edge_cases_md_export_with_nothing_active(tmp_path):
    for name, body in EDGE_CASES:
        brief = _brief(body)
        markdown = render_pandoc_markdown(brief, _resolver(), allow_missing=True).html
        done = subprocess.run(
            ["pandoc", "-f", "markdown", "-t", "html"],
            input=markdown,
            text=True,
            capture_output=True,
            timeout=60,
        )
        assert done.returncode == 0, (name, done.stderr)
        html = done.stdout.lower()
        assert "<script" not in html and "<iframe" not in html and " on" not in re.sub(r">[^<]*<", "><", html)
        assert "<img" not in html, (name, html)  # pandoc would fetch or embed it when converting
        for url in re.findall(r'(?:href|src)="([^"]*)"', html):  # links and images: safe schemes or none
            scheme = re.match(r"([a-z][a-z0-9+.-]*):", url)
            assert scheme is None or scheme.group(1) in ("http", "https", "mailto"), (name, url)
        assert not re.search(r' style="(?!text-align: \w+;")', html), (
            name,
            html,
        )  # pandoc's own alignment only
