"""Property: any brief (arbitrary Unicode, random structure, citations of real claims) exports to a .docx that
python-docx opens; characters XML forbids are dropped and the others kept."""

from __future__ import annotations

import io
import os
import re

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.brief_model.text import visible_bidi
from app.export.docx import render_docx

FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    from app.library import Library

    lib = Library.open(tmp_path_factory.mktemp("prop") / "p.briefdesk")
    src = lib.sources.create(title="S", body="Alpha said one thing. Beta denied it.", reliability="B").after
    a = lib.claims.create(source_id=src.id, quote="Alpha said one thing", actor="Alpha").after
    b = lib.claims.create(source_id=src.id, quote="Beta denied it", actor="Beta").after
    lib.links.create(from_claim_id=b.id, kind="denies", to_claim_id=a.id)
    resolver = {
        f"c{a.id}": lib.claims.get(a.id),
        f"c{b.id}": lib.claims.get(b.id),
        f"s{src.id}": lib.sources.get(src.id),
    }
    brief = lib.briefs.create(title="P", body="x").after
    yield resolver, brief
    lib.close()


text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=0, max_size=60)
words = st.text(
    alphabet=st.sampled_from(list("abcdefgh ĳשלום🚀e\u0301\u200f\u202e*_`#|-[]()<>&\\\"'!\x01\x0b\ufffe")),
    min_size=1,
    max_size=40,
)


@st.composite
def block(draw, keys):
    kind = draw(st.sampled_from(["p", "h", "ul", "ol", "quote", "code", "table", "dl", "hr", "raw"]))
    body = draw(words)
    cite = f" [@{draw(st.sampled_from(keys))}]" if draw(st.booleans()) else ""
    if kind == "h":
        return "#" * draw(st.integers(1, 6)) + " " + body + cite
    if kind == "ul":
        return "\n".join(
            f"{'    ' * draw(st.integers(0, 2))}- {draw(words)}{cite}" for _ in range(draw(st.integers(1, 4)))
        )
    if kind == "ol":
        start = draw(st.integers(1, 9))
        return "\n".join(f"{start + i}. {draw(words)}" for i in range(draw(st.integers(1, 4))))
    if kind == "quote":
        return "> " + body + cite
    if kind == "code":
        return "```\n" + body + cite + "\n```"
    if kind == "table":
        n = draw(st.integers(1, 4))
        head = "| " + " | ".join("h" for _ in range(n)) + " |"
        sep = "|" + "|".join(draw(st.sampled_from(["---", ":--", "--:", ":-:"])) for _ in range(n)) + "|"
        row = "| " + " | ".join(draw(words).replace("|", "/").replace("\n", " ") for _ in range(n)) + " |"
        return "\n".join([head, sep, row])
    if kind == "dl":
        return f"{body}\n:   {draw(words)}"
    if kind == "hr":
        return "---"
    if kind == "raw":
        return draw(text)
    return body + cite


@settings(
    max_examples=int(os.environ.get("BRIEFDESK_HYPOTHESIS_EXAMPLES", "40")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_any_brief_exports_to_a_readable_docx(world, data):
    resolver, brief = world
    keys = sorted(resolver)
    blocks = data.draw(st.lists(block(keys), min_size=0, max_size=12))
    body = "\n\n".join(blocks)
    marking = data.draw(st.sampled_from([("none", ""), ("classification", "C"), ("tlp", "TLP:AMBER")]))
    title = data.draw(text)
    b = type(brief)(
        **{
            **{f: getattr(brief, f) for f in brief.__dataclass_fields__},
            "title": title or "T",
            "body": body,
            "marking_scheme": type(brief.marking_scheme)(marking[0]),
            "default_marking": marking[1],
        }
    )
    notes = data.draw(st.sampled_from(["endnotes", "footnotes"]))
    result = render_docx(b, resolver, notes=notes, allow_missing=True)
    document = docx.Document(io.BytesIO(result.data))
    all_text = "\n".join(p.text for p in document.paragraphs)
    assert not FORBIDDEN.search(all_text)
    expected_title = visible_bidi(" ".join(FORBIDDEN.sub("", title or "T").split()) or "Untitled brief")
    assert document.paragraphs[0].text == expected_title


def test_forbidden_characters_dropped_and_the_rest_kept(world):
    resolver, brief = world
    body = "Keep 🚀 שלום e\u0301 \u200f and drop \x01\x0b\ufffe here."
    b = type(brief)(**{**{f: getattr(brief, f) for f in brief.__dataclass_fields__}, "body": body})
    document = docx.Document(io.BytesIO(render_docx(b, resolver).data))
    texts = [p.text for p in document.paragraphs]
    assert "Keep 🚀 שלום e\u0301 \u200f and drop  here." in texts
