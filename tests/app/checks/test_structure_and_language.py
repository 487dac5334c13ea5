"""The brief model as the checks read it, and the estimative-language scanner."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from app.brief_model import parse_brief as Document
from app.checks import language as lang
from app.citations import parse_citations

BODY = """# (U) Title

Intro line one
line two [@c1].

## (S//NF) Key Judgments

1. (U) First judgment [@c2; @s3].
   Continued on a second line.
2. (U) Second judgment.

    A later paragraph of item two [@c4].

## Discussion

```
Code with [@c99] and may.
```

Text with `inline [@c98]` code [@c5].

> (U) A quoted paragraph [@c6].

| (U) Cell one [@c7] | Cell two |
|---|---|
| x | y |

---

SECRET//NOFORN
"""


def test_blocks_sections_marks_and_code():
    doc = Document(BODY)
    kinds = [(b.kind, BODY[b.text_start : b.end].split("\n")[0]) for b in doc.blocks]
    assert kinds == [
        ("heading", "Title"),
        ("paragraph", "Intro line one"),
        ("heading", "Key Judgments"),
        ("list_item", "First judgment [@c2; @s3]."),
        ("list_item", "Second judgment."),
        ("paragraph", "A later paragraph of item two [@c4]."),
        ("heading", "Discussion"),
        ("paragraph", "Text with `inline [@c98]` code [@c5]."),
        ("paragraph", "A quoted paragraph [@c6]."),
        ("table_cell", "Cell one [@c7]"),
        ("table_cell", "Cell two"),
        ("table_cell", "x"),
        ("table_cell", "y"),
        ("banner", "SECRET//NOFORN"),
    ]
    assert doc.blocks[2].mark.banner == "SECRET//NOFORN"
    assert [c.key for c in doc.citations] == ["c1", "c2", "s3", "c4", "c5", "c6", "c7"]
    items = doc.key_judgments
    assert len(items) == 2 and [c.key for c in items[1].citations] == ["c4"]
    assert doc.blocks[5].item == 4  # the later paragraph belongs to item two
    assert doc.section_title(doc.blocks[8]) == "Discussion"


def test_citations_agree_with_the_shared_parser():
    body = BODY.replace("\n    A later paragraph", "\n   A later paragraph")
    doc = Document(body)
    assert [c.to_citation() for c in doc.citations] == parse_citations(body)
    # A list item's later paragraph indented four spaces is part of the item (CommonMark), not code.
    assert "c4" in [c.key for c in Document(BODY).citations]


def test_line_and_column():
    doc = Document("ab\ncd [@c1]\n")
    (c,) = doc.citations
    assert (c.line, c.column) == (2, 5) and doc.line_col(0) == (1, 1)


def test_fast_scan_equals_plain_scan():
    text = (
        "It is Likely. A roughly even chance; very unlikely, almost certainly! The remote village. "
        "A remote chance. Probably, highly improbable. High confidence. Confidence is low. "
    ) * 50
    low = lang.lowered(text)
    assert lang.likelihood_terms(text, low=low) == lang.likelihood_terms(text)
    assert lang.confidence_levels(text, low=low) == lang.confidence_levels(text)
    terms = [t.norm for t in lang.likelihood_terms(text)[:8]]
    assert terms == [
        "likely",
        "roughly even chance",
        "very unlikely",
        "almost certainly",
        "remote",
        "probably",
        "highly improbable",
        "likely",
    ]


@settings(max_examples=500, deadline=None)
@given(st.data())
def test_the_uncited_rules_quick_look_never_misses_a_judgment(data):
    """Whatever the judgment expression matches (in any case) holds one of the words the uncited rule looks for
    first, in its lower-case copy (unless it holds a letter lower() keeps apart, when the rule does not look)."""
    from app.checks import uncited

    match = data.draw(st.from_regex(uncited._JUDGMENT_WORDS, fullmatch=True))
    text = data.draw(st.sampled_from(["", "The ", "(U) It "])) + match + data.draw(st.sampled_from(["", "."]))
    assert uncited._JUDGMENT_WORDS.search(text)
    if uncited.judgment_anchors_usable(text):
        assert any(a in text.lower() for a in uncited.JUDGMENT_ANCHORS), text
    assert uncited.judgment_anchors_usable("It is \u017fo") is False


def test_sentences_keep_abbreviations_and_citations():
    text = "Gen. Ruiz met U.S. envoys [@c1]. Talks resumed. Next"
    spans = [text[s:e] for s, e in lang.sentences(text, 0, len(text))]
    assert spans == ["Gen. Ruiz met U.S. envoys [@c1].", "Talks resumed.", "Next"]


def test_quotes_are_not_the_analysts_language():
    text = lang.language_text('He said \u201cit may rain\u201d and "likely" too.')
    assert not lang.hedges(text) and not lang.likelihood_terms(text)


def test_twin_and_hedge_replacements():
    assert lang.twin("probably", 1) == "likely" and lang.twin("Unlikely", 2) == "Improbable"
    assert lang.replacement_for_hedge("Might", 1)[0] == ("Will likely", "55-80%")


ALPHABET = "ab (U)(S//NF)TLP:RED#|-*1.`>[]@c1;s2 \n\t\u201c\u201dmay likely high confidence"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=300))
def test_any_text_checks_without_error_and_spans_inside_the_body(text):
    from app.checks import CheckContext, CheckSettings, run_checks
    from app.domain import BriefRecord, BriefStatus, MarkingScheme

    now = dt.datetime(2026, 1, 1)
    for scheme in (MarkingScheme.CLASSIFICATION, MarkingScheme.TLP):
        brief = BriefRecord(1, "t", text, scheme, "", "", "", BriefStatus.DRAFT, now, now)
        report = run_checks(CheckContext(brief, settings=CheckSettings(today=dt.date(2026, 1, 1))))
        for f in report.findings:
            assert 0 <= f.start <= f.end <= len(text)
            for fix in f.fixes:
                assert 0 <= fix.start <= fix.end <= len(text)
