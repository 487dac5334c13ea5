"""Rules about estimative language (ICD 203): T1 one row of terms, T2 confidence and likelihood kept apart,
T3 vague hedges in key judgments, T4 each key judgment complete."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from app.checks import language as lang
from app.checks.context import CheckContext
from app.checks.model import Finding, Fix, FixKind, Severity

E, W = Severity.ERROR, Severity.WARNING
# Sections that explain the terms (and may list both rows) are not the brief's own estimative language.
ANNEX_RE = re.compile(r"estimative|annex|appendix|glossary|likelihood\s+terms", re.I)
DISCLAIMER = (
    "\n\n(Estimative language: this brief mixes terms from both rows of the ICD 203 likelihood table; "
    "terms in the same band mean the same likelihood.)\n"
)


def _annex_ranges(ctx: CheckContext) -> list[tuple[int, int]]:
    return [ctx.doc.section_range(h) for h in ctx.doc.find_sections(ANNEX_RE)]


def _outside(pos: int, ranges: list[tuple[int, int]]) -> bool:
    return not any(s <= pos < e for s, e in ranges)


def terms_in_use(ctx: CheckContext) -> list[lang.TermHit]:
    annex = _annex_ranges(ctx)
    return [t for t in lang.likelihood_terms(ctx.text, low=ctx.lower) if _outside(t.start, annex)]


def row_in_use(ctx: CheckContext) -> int:
    """The row most of the brief's likelihood terms come from (row 1 when none, or a tie)."""
    rows = Counter(t.row for t in terms_in_use(ctx))
    return 2 if rows[2] > rows[1] else 1


def has_mixing_disclaimer(ctx: CheckContext) -> bool:
    if ctx.settings.allow_mixed_rows:
        return True
    text = ctx.doc.scrubbed
    return any(
        lang.DISCLAIMER_MIX_RE().search(text, b.start, b.end)
        and lang.DISCLAIMER_TOPIC_RE().search(text, b.start, b.end)
        for b in ctx.doc.blocks
        if b.kind in ("paragraph", "list_item")
    )


def one_likelihood_row(ctx: CheckContext) -> Iterator[Finding]:
    """Likelihood terms come from one row of the ICD 203 table, unless the brief says it mixes them."""
    hits = terms_in_use(ctx)
    rows = Counter(t.row for t in hits)
    if not rows[1] or not rows[2] or has_mixing_disclaimer(ctx):
        return
    main = 2 if rows[2] > rows[1] else 1
    at = len(ctx.body)
    for t in hits:
        if t.row == main:
            continue
        repl = lang.twin(t.term, main)
        yield ctx.finding(
            "T1",
            W,
            f"'{t.term}' is from row {t.row} of the ICD 203 likelihood terms, but the brief mostly uses row "
            f"{main} ({rows[main]} terms); use '{repl}' (same band, {lang.BANDS[t.band]}) or add a disclaimer.",
            t.start,
            t.end,
            section=ctx.section_of(ctx.doc.block_at(t.start)),
            fixes=(
                Fix(f"Replace with '{repl}'", FixKind.REPLACE_TEXT, t.start, t.end, repl),
                Fix("Add a disclaimer that the brief mixes rows", FixKind.INSERT_TEXT, at, at, DISCLAIMER),
            ),
        )


def confidence_apart_from_likelihood(ctx: CheckContext) -> Iterator[Finding]:
    """No sentence holds both a confidence level and a likelihood term (ICD 203 D.6.e(2)(b))."""
    text = ctx.text
    annex = _annex_ranges(ctx)
    done: set[tuple[int, int]] = set()
    for _level, start, _end in lang.confidence_levels(text, low=ctx.lower):
        block = ctx.doc.block_at(start)
        if block is None or not _outside(start, annex):
            continue
        for s, e in lang.sentences(text, block.text_start, block.end):
            if not s <= start < e or (s, e) in done:
                continue
            terms = lang.likelihood_terms(text, s, e)
            if terms:
                done.add((s, e))
                yield ctx.finding(
                    "T2",
                    W,
                    f"This sentence gives both a likelihood ('{terms[0].term}') and a confidence level; state "
                    "the likelihood and the confidence in separate sentences.",
                    s,
                    e,
                    section=ctx.section_of(block),
                )


def no_vague_hedges_in_judgments(ctx: CheckContext) -> Iterator[Finding]:
    """Vague hedges (could, may, might, possibly, perhaps, it is believed) in key judgments."""
    row = None
    for j in ctx.judgments:
        for m in lang.hedges(ctx.text, j.block.text_start, j.block.end):
            row = row or row_in_use(ctx)
            options = lang.replacement_for_hedge(m.group(0), row)
            yield ctx.finding(
                "T3",
                W,
                f"'{m.group(0)}' in key judgment {j.index} carries no defined likelihood; use a term from row "
                f"{row} of the ICD 203 table.",
                m.start(),
                m.end(),
                section=ctx.section_of(j.block),
                fixes=tuple(
                    Fix(f"Replace with '{r}' ({band})", FixKind.REPLACE_TEXT, m.start(), m.end(), r)
                    for r, band in options
                ),
            )


def judgments_fully_stated(ctx: CheckContext) -> Iterator[Finding]:
    """Each key judgment has a likelihood term, a confidence level and at least one cited claim."""
    doc = ctx.doc
    from app.brief_model.model import KJ_TITLE_RE

    sections = [h for h in doc.headings if KJ_TITLE_RE.match(h.title)]
    if not sections:
        yield ctx.finding("T4", E, "The brief has no Key Judgments section.", 0, 0, where="body")
        return
    if not ctx.judgments:
        h = sections[0]
        yield ctx.finding(
            "T4", E, "The Key Judgments section holds no judgment.", h.content_start, h.end, section=h.title
        )
        return
    for j in ctx.judgments:
        missing = []
        fixes: list[Fix] = []
        if not j.terms:
            missing.append("no likelihood term")
        if not j.confidence:
            medium = lang.MEDIUM_RE().search(ctx.text, j.block.text_start, j.block.end)
            if medium:
                missing.append("'medium' confidence, which is not a standard level")
                s = medium.start()
                fixes.append(
                    Fix(
                        "Say moderate confidence",
                        FixKind.REPLACE_TEXT,
                        s,
                        s + len("medium"),
                        "Moderate" if ctx.body[s].isupper() else "moderate",
                    )
                )
            else:
                missing.append("no confidence level")
                if j.claim_ids:
                    fixes.append(
                        Fix(
                            f"State {j.ceiling} confidence (what its sources allow)",
                            FixKind.INSERT_TEXT,
                            j.block.end,
                            j.block.end,
                            f" We have {j.ceiling} confidence in this judgment.",
                        )
                    )
        if not j.claim_ids:
            missing.append("no cited claim")
        if missing:
            yield ctx.finding(
                "T4",
                E,
                f"Key judgment {j.index} has " + ", ".join(missing) + "; each needs a likelihood term, a "
                "confidence level and at least one cited claim.",
                j.block.start,
                j.block.end,
                section=ctx.section_of(j.block),
                claim_ids=j.claim_ids,
                fixes=tuple(fixes),
            )
