"""Estimative language (ICD 203): the two rows of likelihood terms, confidence levels, vague hedges.

Scanning works on a copy of the body with code, quotations and citations blanked out (same offsets), so
that what a source said, quoted, is never taken for the analyst's own language.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

from app._patterns import LazyPattern

BANDS = ("01-05%", "05-20%", "20-45%", "45-55%", "55-80%", "80-95%", "95-99%")

# term -> (row, band index)
TERMS: dict[str, tuple[int, int]] = {
    "almost no chance": (1, 0),
    "very unlikely": (1, 1),
    "unlikely": (1, 2),
    "roughly even chance": (1, 3),
    "likely": (1, 4),
    "very likely": (1, 5),
    "almost certain": (1, 6),
    "almost certainly": (1, 6),
    "remote": (2, 0),
    "highly improbable": (2, 1),
    "improbable": (2, 2),
    "improbably": (2, 2),
    "roughly even odds": (2, 3),
    "probable": (2, 4),
    "probably": (2, 4),
    "highly probable": (2, 5),
    "nearly certain": (2, 6),
    "nearly certainly": (2, 6),
}
# The standard term of each band in each row, adjective form (for replacing a term with its other-row twin).
ROW_TERMS = {
    1: (
        "almost no chance",
        "very unlikely",
        "unlikely",
        "roughly even chance",
        "likely",
        "very likely",
        "almost certain",
    ),
    2: (
        "remote",
        "highly improbable",
        "improbable",
        "roughly even odds",
        "probable",
        "highly probable",
        "nearly certain",
    ),
}
ADVERB_TWIN = {
    "probably": "likely",
    "likely": "probably",
    "almost certainly": "nearly certainly",
    "nearly certainly": "almost certainly",
    "improbably": "unlikely",
}

_alternation = "|".join(re.escape(t) for t in sorted(TERMS, key=len, reverse=True))
LIKELIHOOD_RE = LazyPattern(rf"\b(?:{_alternation})\b", re.I)
_LIKELIHOOD_LOW = LazyPattern(rf"\b(?:{_alternation})\b")
LIKELIHOOD_ANCHORS = ("likely", "chance", "certain", "remote", "probab", "odds")
_REMOTE_AFTER = LazyPattern(r"\s+(?:chance|possibility|prospect|likelihood|odds)\b", re.I)
_REMOTE_BEFORE = LazyPattern(r"\b(?:is|are|was|were|remains|remain|seems|appears|be)\s+$", re.I)

_CONFIDENCE = (
    r"\b(high|moderate|low)(?:[- ]level)?[- ]confidence\b"
    r"|\bconfidence(?:\s+level)?\s*(?:is|was|remains|:|\u2014|-)\s*(high|moderate|low)\b"
)
CONFIDENCE_RE = LazyPattern(_CONFIDENCE, re.I)
_CONFIDENCE_LOW = LazyPattern(_CONFIDENCE)
MEDIUM_RE = LazyPattern(r"\bmedium[- ]confidence\b", re.I)

HEDGE_RE = LazyPattern(
    r"\b(?:could|may|might|possibly|perhaps|conceivably|it is (?:believed|thought))\b", re.I
)
_MONTH_AFTER = LazyPattern(r"\s+\d")

ANALYST_RE = LazyPattern(
    r"\bwe (?:assess|judge|estimate|believe|expect|think|doubt|suspect|conclude)\b"
    r"|\b(?:our|this) (?:assessment|judg(?:e)?ment|view|analysis)\b|\bin our view\b",
    re.I,
)
DISCLAIMER_MIX_RE = LazyPattern(r"\b(?:mix(?:es|ed|ing)?|both rows)\b", re.I)
DISCLAIMER_TOPIC_RE = LazyPattern(r"\b(?:estimative|likelihood|ICD\s*203)\b", re.I)

QUOTED_RE = LazyPattern(r"\u201c[^\u201d\n]*\u201d|\"[^\"\n]*\"")


class TermHit(NamedTuple):  # a named tuple: its class is made ~5x faster than a frozen dataclass's
    """An estimative term found in the text: as written, its row and band in the table, and where."""

    term: str  # as written
    norm: str  # lower case
    row: int
    band: int
    start: int
    end: int


def blank(text: str, pattern: re.Pattern[str]) -> str:
    """``text`` with every match of ``pattern`` replaced by spaces (newlines kept)."""
    return pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def language_text(scrubbed: str) -> str:
    """The body as the analyst's own words: quotations blanked. (Citation keys hold no words, so they stay.)"""
    if "\u201c" in scrubbed or '"' in scrubbed:
        return blank(scrubbed, QUOTED_RE())
    return scrubbed


def lowered(text: str) -> str | None:
    """``text`` in lower case when that keeps every offset (it does unless rare letters expand)."""
    low = text.lower()
    return low if len(low) == len(text) else None


def _windows(
    low: str, anchors: tuple[str, ...], start: int, end: int, before: int, after: int
) -> list[list[int]]:
    """Merged spans around each occurrence of an anchor word, snapped to whitespace (fast: str.find)."""
    spans = []
    for a in anchors:
        pos = low.find(a, start, end)
        while pos >= 0:
            spans.append((max(start, pos - before), min(end, pos + len(a) + after)))
            pos = low.find(a, pos + 1, end)
    if not spans:
        return []
    spans.sort()
    merged: list[list[int]] = []
    for s, e in spans:
        while s > start and not low[s - 1].isspace():
            s -= 1
        while e < end and not low[e].isspace():
            e += 1
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return merged


def _find(
    text: str,
    low: str | None,
    pattern_i: re.Pattern[str],
    pattern_low: re.Pattern[str],
    anchors: tuple[str, ...],
    start: int,
    end: int,
    before: int,
    after: int,
) -> list[re.Match[str]]:
    if low is None:
        return list(pattern_i.finditer(text, start, end))
    out: list[re.Match[str]] = []
    for s, e in _windows(low, anchors, start, end, before, after):
        out.extend(pattern_low.finditer(low, s, e))
    return out


def likelihood_terms(
    text: str, start: int = 0, end: int | None = None, *, low: str | None = None
) -> list[TermHit]:
    """Likelihood terms in text[start:end]. Pass ``low`` (``lowered(text)``) to scan a long text fast."""
    out = []
    end = len(text) if end is None else end
    source = low if low is not None else text
    for m in _find(text, low, LIKELIHOOD_RE(), _LIKELIHOOD_LOW(), LIKELIHOOD_ANCHORS, start, end, 25, 12):
        norm = m.group(0).lower()
        if norm == "remote" and not (
            _REMOTE_AFTER().match(source, m.end())
            or _REMOTE_BEFORE().search(source, max(0, m.start() - 20), m.start())
        ):
            continue
        row, band = TERMS[norm]
        out.append(TermHit(text[m.start() : m.end()], norm, row, band, m.start(), m.end()))
    return out


def hedges(text: str, start: int = 0, end: int | None = None) -> list[re.Match[str]]:
    end = len(text) if end is None else end
    out = []
    for m in HEDGE_RE().finditer(text, start, end):
        if m.group(0) == "May" and _is_month(text, m.start(), m.end()):
            continue
        out.append(m)
    return out


def _is_month(text: str, start: int, end: int) -> bool:
    """A capitalised 'May' mid-sentence, or before a number, is the month."""
    if _MONTH_AFTER().match(text, end):
        return True
    before = text[max(0, start - 40) : start].rstrip()
    return bool(before) and before[-1] not in ".!?:(\n-*>" and not before.endswith("—")


def confidence_levels(
    text: str, start: int = 0, end: int | None = None, *, low: str | None = None
) -> list[tuple[str, int, int]]:
    """(level, start, end) of each stated confidence level, the span covering the level word only."""
    end = len(text) if end is None else end
    out = []
    for m in _find(text, low, CONFIDENCE_RE(), _CONFIDENCE_LOW(), ("confidence",), start, end, 30, 40):
        g = 1 if m.group(1) else 2
        out.append((m.group(g).lower(), m.start(g), m.end(g)))
    return out


def sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans within text[start:end] (the splitter drafting uses too: ``app.sentences``, loaded by the
    first rule that reads sentences: an export runs none of them)."""
    from app.sentences import sentence_spans

    return sentence_spans(text, start, end)


def iter_sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """``sentences`` one at a time, for a rule that stops at the first sentence it is looking for."""
    from app.sentences import iter_sentence_spans

    return iter_sentence_spans(text, start, end)


def replacement_for_hedge(hedge: str, row: int) -> list[tuple[str, str]]:
    """Standard terms from ``row`` that can stand where the vague ``hedge`` stood: (replacement, band)."""
    h = hedge.lower()
    if h in ("could", "may", "might"):
        options = (
            [("will likely", BANDS[4]), ("will very likely", BANDS[5]), ("will almost certainly", BANDS[6])]
            if row == 1
            else [("will probably", BANDS[4]), ("will improbably", BANDS[2])]
        )
    elif h.startswith("it is"):
        options = (
            [("it is likely", BANDS[4]), ("it is unlikely", BANDS[2]), ("it is very likely", BANDS[5])]
            if row == 1
            else [
                ("it is probable", BANDS[4]),
                ("it is improbable", BANDS[2]),
                ("it is highly probable", BANDS[5]),
            ]
        )
    else:
        options = (
            [("likely", BANDS[4]), ("very likely", BANDS[5]), ("almost certainly", BANDS[6])]
            if row == 1
            else [("probably", BANDS[4]), ("improbably", BANDS[2])]
        )
    if hedge[:1].isupper():
        options = [(r[:1].upper() + r[1:], b) for r, b in options]
    return options


def twin(term: str, row: int) -> str:
    """The same band's term in ``row`` (keeping adverb forms where the other row has one)."""
    norm = term.lower()
    if norm in ADVERB_TWIN and TERMS.get(ADVERB_TWIN[norm], (0,))[0] == row:
        out = ADVERB_TWIN[norm]
    else:
        out = ROW_TERMS[row][TERMS[norm][1]]
    return out[:1].upper() + out[1:] if term[:1].isupper() else out
