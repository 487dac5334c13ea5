"""Sentences in English prose: one splitter for the checks (a brief's paragraphs) and for drafting (a source's
text), so both agree on where a sentence ends.

A sentence ends at ``.``, ``!`` or ``?`` (with any closing quotes or brackets, and a citation group such as
``[@c21]`` that follows it) when the next word starts a sentence: a capital, a digit, an opening quote or
bracket. Common abbreviations ("Gen.", "U.S.", "Sept.") and initials ("J. Smith") do not end one, and a quotation
that runs over several sentences stays in the sentence that holds it.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "gen",
        "col",
        "lt",
        "sen",
        "rep",
        "gov",
        "prof",
        "rev",
        "hon",
        "sgt",
        "det",
        "mx",
        "st",
        "no",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "u.s",
        "u.k",
        "u.n",
        "adm",
        "capt",
        "maj",
        "inc",
        "ltd",
        "co",
        "corp",
        "jr",
        "sr",
        "mt",
        "ft",
        "approx",
        "est",
        "dept",
        "univ",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
)

_CANDIDATE = re.compile(r"[.!?\u201c\u201d\"]")
_CLOSERS = "\"'\u201d\u2019)]"
_CITATION = re.compile(r"[ \t]*\[@[^\]\n]*\]")
_LAST_WORD = re.compile(r"([\w.]+)$")
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\s*\n)[^\n]+)*")


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of a text: its span, its text and the paragraph it is in."""

    start: int
    end: int
    text: str
    paragraph: int


def _starts_sentence(text: str, j: int, end: int) -> bool:
    k = j
    while k < end and text[k].isspace():
        k += 1
    return k < end and (text[k].isupper() or text[k].isdigit() or text[k] in "\u201c\"'\u2018([")


def _trimmed(text: str, a: int, b: int) -> tuple[int, int] | None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return (a, b) if a < b else None


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``text[start:end]``, read as one paragraph, without surrounding space."""
    return list(iter_sentence_spans(text, start, end))


def iter_sentence_spans(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """``sentence_spans`` one at a time: a caller that needs only the first sentences stops early."""
    end = len(text) if end is None else end
    s = pos = start
    depth = 0  # open quotations
    while True:
        m = _CANDIDATE.search(text, pos, end)
        if m is None:
            break
        i = m.start()
        ch = text[i]
        if ch == "\u201c":
            depth += 1
            pos = i + 1
            continue
        if ch == "\u201d" or (ch == '"' and depth):
            depth = max(0, depth - 1)
            j = i + 1
            # "... must stop." He added: a quotation that ends with the sentence's own full stop
            if (
                depth == 0
                and i > start
                and text[i - 1] in ".!?"
                and j < end
                and text[j].isspace()
                and _starts_sentence(text, j, end)
            ):
                span = _trimmed(text, s, j)
                if span is not None:
                    yield span
                s = j
            pos = j
            continue
        if ch == '"':
            depth = 1
            pos = i + 1
            continue
        if depth:  # a full stop inside a quotation
            pos = i + 1
            continue
        j = i + 1
        while j < end and text[j] in _CLOSERS:
            j += 1
        cite = _CITATION.match(text, j, end)
        if cite is not None:
            j = cite.end()
        if j >= end or (text[j].isspace() and _starts_sentence(text, j, end)):
            word = _LAST_WORD.search(text, max(s, i - 24), i)
            abbreviation = word is not None and word.group(1).lower().rstrip(".") in ABBREVIATIONS
            initial = word is not None and len(word.group(1)) == 1 and word.group(1).isupper()
            if j >= end or not (abbreviation or initial):
                span = _trimmed(text, s, j)
                if span is not None:
                    yield span
                s = pos = j
                continue
        pos = i + 1
    span = _trimmed(text, s, end)
    if span is not None:
        yield span


def split_sentences(text: str) -> list[Sentence]:
    """Every sentence of a text with its offsets and paragraph number (paragraphs are split by blank lines)."""
    out: list[Sentence] = []
    for number, para in enumerate(_PARAGRAPH.finditer(text)):
        for a, b in sentence_spans(text, para.start(), para.end()):
            out.append(Sentence(a, b, text[a:b], number))
    return out


def sentence_finder(text: str) -> Callable[[int], tuple[int, int]]:
    """``sentence_at`` for many positions in one text: each line is split once, then looked up by bisection
    (a long line asked about once per statement is not read again each time)."""
    lines: dict[int, tuple[int, list[tuple[int, int]]]] = {}

    def at(pos: int) -> tuple[int, int]:
        start = text.rfind("\n", 0, pos) + 1
        if start not in lines:
            end = text.find("\n", pos)
            end = len(text) if end < 0 else end
            lines[start] = (end, sentence_spans(text, start, end))
        end, spans = lines[start]
        i = bisect.bisect_right(spans, pos, key=lambda span: span[1])
        return spans[i] if i < len(spans) else (start, end)

    return at


def sentence_at(text: str, pos: int) -> tuple[int, int]:
    """The span of the sentence holding ``pos``, within its line."""
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    end = len(text) if end < 0 else end
    for a, b in iter_sentence_spans(text, start, end):  # stops at the sentence: a long line is not read whole
        if pos < b:
            return (a, b)
    return (start, end)
