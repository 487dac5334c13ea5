"""Rules that hold the key judgments to the brief's structured analysis.

- ``ach`` (warning): a key judgment states a likelihood of even chance or more for a hypothesis that the
  brief's ACH matrix ranks below another (another hypothesis is less inconsistent with the evidence). The
  judgment's hypothesis is the one tied to it (``briefdesk hypothesis set H --judgment N``), else the one whose
  words it repeats (at least ``NAME_SHARE`` of the hypothesis's content words, and clearly more than any
  other hypothesis). A judgment that calls the hypothesis unlikely agrees with the matrix and is not flagged.
- ``assumptions`` (warning): a key judgment has no key assumption recorded for it and the brief records none
  for its whole; and an assumption tied to a key judgment the brief no longer has.

The facts come from ``load_analysis(lib, brief_id)`` (``CheckContext.analysis``); a context without them (a
test building one from plain records) skips both rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from app._text import counted
from app.checks import language as lang
from app.checks.model import AnalysisFacts, Finding, HypothesisFact, Severity

if TYPE_CHECKING:
    from app.checks.context import CheckContext, Judgment
    from app.library import Library

W = Severity.WARNING
EVEN_BAND = (
    3  # "roughly even chance": a judgment at or above it says the hypothesis is at least as likely as not
)
NAME_SHARE = 0.75
_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "and",
        "or",
        "that",
        "this",
        "is",
        "was",
        "were",
        "be",
        "been",
        "by",
        "for",
        "with",
        "at",
        "as",
        "it",
        "its",
        "from",
        "into",
        "than",
        "then",
        "their",
        "there",
        "these",
        "those",
        "which",
        "who",
        "whom",
        "whose",
        "will",
        "would",
        "could",
        "should",
        "may",
        "might",
        "can",
        "has",
        "have",
        "had",
        "not",
        "no",
        "only",
        "after",
        "before",
        "during",
        "about",
        "over",
        "under",
    ]
)


def load_analysis(lib: Library, brief_id: int) -> AnalysisFacts:
    """The facts of brief ``brief_id``'s analysis, read through ``lib.ach`` and ``lib.assumptions`` (for a brief
    with no hypothesis and no assumption, one query tells, and nothing more is read nor ``lib.ach`` loaded)."""
    has_hypotheses, has_assumptions = lib.assumptions.analysis_present(brief_id)
    assumptions = (
        tuple((a.id, a.position, a.judgment) for a in lib.assumptions.list(brief_id))
        if has_assumptions
        else ()
    )
    if not has_hypotheses:
        # no hypothesis, nothing ranked or rated: the whole matrix (with what the brief cites) is not read
        return AnalysisFacts((), 0, 0, assumptions)
    matrix = lib.ach.matrix(brief_id)
    tied = {h.id: h.judgment for h in matrix.hypotheses}
    hyps = tuple(
        HypothesisFact(s.hypothesis_id, s.label, s.text, s.rank, s.score, tied.get(s.hypothesis_id))
        for s in matrix.ranking
    )
    rated = sum(len(r.ratings) for r in matrix.rows)
    return AnalysisFacts(hyps, rated, len(matrix.rows) * len(matrix.hypotheses), assumptions)


def _words(text: str) -> set[str]:
    out = set()
    for w in _WORD.findall(text.lower()):
        if w in _STOP or (len(w) < 3 and not w.isdigit()):
            continue
        out.add(w[:-1] if len(w) > 4 and w.endswith("s") and not w.endswith("ss") else w)
    return out


def hypothesis_of(judgment_text: str, index: int, facts: AnalysisFacts) -> tuple[HypothesisFact, str] | None:
    """The hypothesis key judgment ``index`` speaks of, and how it was found ("tied" or "named")."""
    for h in facts.hypotheses:
        if h.judgment == index:
            return h, "tied"
    said = _words(judgment_text)
    scored = []
    for h in facts.hypotheses:
        own = _words(h.text)
        if own:
            scored.append((len(own & said) / len(own), h))
    scored.sort(key=lambda x: -x[0])
    if not scored or scored[0][0] < NAME_SHARE:
        return None
    if len(scored) > 1 and scored[1][0] >= scored[0][0] - 0.15:
        return None  # two hypotheses fit about as well: not sure which one the judgment means
    return scored[0][1], "named"


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def judgments_agree_with_ach(ctx: CheckContext) -> Iterator[Finding]:
    facts = ctx.analysis
    if facts is None or len(facts.hypotheses) < 2:
        return
    for j in ctx.judgments:
        likely = [t for t in j.terms if t.band >= EVEN_BAND]
        if not likely:
            continue
        text = ctx.body[j.block.text_start : j.block.end]
        found = hypothesis_of(text, j.index, facts)
        if found is None:
            continue
        h, how = found
        if h.rank == 1:
            continue
        best = facts.hypotheses[0]
        term = likely[0]
        lead = [x.label for x in facts.hypotheses if x.rank == 1]
        leaders = lead[0] if len(lead) == 1 else " and ".join(lead)
        verb = "is" if len(lead) == 1 else "are"
        which = "the hypothesis tied to it" if how == "tied" else "the hypothesis whose words it repeats"
        message = (
            f"Key judgment {j.index} says '{term.term}' ({lang.BANDS[term.band]}) for {h.label}, {which} "
            f"('{_short(h.text)}'), but the ACH matrix ranks {h.label} {_ordinal(h.rank)} of "
            f"{len(facts.hypotheses)}: {leaders} {verb} less inconsistent with the evidence ({best.score:.2f} "
            f"against {h.score:.2f}). Revisit the judgment or the ratings."
        )
        if not facts.complete:
            message += f" (The matrix is incomplete: {facts.rated} of {facts.cells} cells rated.)"
        yield ctx.finding("ach", W, message, term.start, term.end, section=ctx.section_of(j.block))


def judgments_have_assumptions(ctx: CheckContext) -> Iterator[Finding]:
    facts = ctx.analysis
    if facts is None:
        return
    judgments = ctx.judgments
    whole = [a for a in facts.assumptions if a[2] is None]
    if not whole:
        covered = {a[2] for a in facts.assumptions}
        for j in judgments:
            if j.index not in covered:
                yield _uncovered(ctx, j)
    for _id, position, judgment in facts.assumptions:
        if judgment is not None and judgment > len(judgments):
            yield ctx.finding(
                "assumptions",
                W,
                f"Key assumption {position} underpins key judgment {judgment}, but the brief has "
                f"{counted(len(judgments), 'key judgment')}; tie it to another or to the whole brief.",
                0,
                0,
                where="brief",
            )


def _uncovered(ctx: CheckContext, j: Judgment) -> Finding:
    return ctx.finding(
        "assumptions",
        W,
        f"Key judgment {j.index} has no key assumption recorded, and the brief records none for its whole: "
        "write down what it takes for granted and how well that holds (the Assumptions tab, or "
        "'briefdesk assumption add').",
        j.block.start,
        j.block.end,
        section=ctx.section_of(j.block),
    )


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"
