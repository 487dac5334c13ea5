"""The ``uncited`` rule: a paragraph of factual statements that cites nothing (a warning).

Apart from app.checks.sourcing because it gives warnings only: the engine imports this module when the rule
first runs, so an export (which runs only the rules that can give an error) never compiles its expressions.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from app.checks import language as lang
from app.checks.context import CheckContext
from app.checks.model import Finding, Severity

W = Severity.WARNING


# --- uncited ----------------------------------------------------------------------------------------
EXEMPT_SECTION_RE = re.compile(
    r"bluf|bottom\s+line|summary|key\s+judge?ment|alternative|indicator|outlook|implication|source\s+summary|^sources$|"
    r"end\s*notes?|^notes$|reference|annex|appendix|estimative|scope|glossary|method|contents|^title$",
    re.I,
)


# Any word that can make a sentence a judgment (likelihood, confidence, hedge, "we assess"): a sentence with
# none of them is not one, without running the four precise readings.
_JUDGMENT_WORDS = re.compile(
    "|".join(
        f"(?:{p.pattern})" for p in (lang.LIKELIHOOD_RE, lang.CONFIDENCE_RE, lang.HEDGE_RE, lang.ANALYST_RE)
    ),
    re.I,
)
# Every match of _JUDGMENT_WORDS holds one of these in lower case (tests/app/checks hold them to it): looking
# for them in a sentence's lower-case copy costs a tenth of the expression, which then runs only where one is.
JUDGMENT_ANCHORS = (
    *lang.LIKELIHOOD_ANCHORS,
    "confidence",
    *("could", "may", "might", "possibly", "perhaps", "conceivably", "believed", "thought"),
    *("we ", "assessment", "judgment", "judgement", "view", "analysis"),
)
# Letters that ignoring case matches to an ASCII letter but that lower() does not turn into one (dotted and
# dotless i, long s, the Kelvin sign): in a text holding one, the lower-case copy could miss a match.
_CASE_TRAPS = "\u0130\u0131\u017f\u212a"


def judgment_anchors_usable(text: str) -> bool:
    """Whether looking for ``JUDGMENT_ANCHORS`` in ``text.lower()`` finds every match of the expression."""
    return text.isascii() or not any(c in text for c in _CASE_TRAPS)


def _holds_anchor(low: str) -> bool:
    return any(a in low for a in JUDGMENT_ANCHORS)


def factual_paragraphs_cited(ctx: CheckContext) -> Iterator[Finding]:
    """A paragraph or list item that states facts (a sentence of the analyst's own that is not a
    judgment) and cites nothing. Sections that hold judgments or apparatus are exempt (BLUF, Key
    Judgments, Alternatives, Outlook, Source summary, Endnotes, annexes), and so is the title block."""
    doc = ctx.doc
    text = ctx.text
    minimum = ctx.settings.uncited_min_words
    first = doc.headings[0] if doc.headings else None
    low = ctx.lower if judgment_anchors_usable(text) else None
    exempt: dict[int, bool] = {}
    for block in doc.blocks:
        if block.kind not in ("paragraph", "list_item") or block.citations:
            continue
        h = doc.heading_of(block)
        if h is None or (h is first and h.level == 1):
            continue
        skip = exempt.get(h.index)
        if skip is None:  # each section's title looked at once, not once a paragraph
            skip = exempt[h.index] = EXEMPT_SECTION_RE.search(h.title) is not None
        if skip:
            continue
        for s, e in lang.iter_sentences(text, block.text_start, block.end):
            if len(text[s:e].split()) < minimum:
                continue
            if (
                (low is None or _holds_anchor(low[s:e]))
                and _JUDGMENT_WORDS.search(text, s, e) is not None  # a quick look first: most have none
                and (
                    lang.likelihood_terms(text, s, e)
                    or lang.confidence_levels(text, s, e)
                    or lang.hedges(text, s, e)
                    or lang.ANALYST_RE().search(text, s, e)
                )
            ):
                continue
            yield ctx.finding(
                "uncited",
                W,
                "This paragraph states facts but cites no claim or source; cite what it rests on, or make "
                "it plainly the analyst's judgment.",
                block.start,
                block.end,
                section=h.title,
            )
            break
