"""A statement printed twice is drafted once. Pages and papers repeat a quote the story makes in its place: a
standfirst under the headline ("'The quay will stay open,' the harbour master said"), a pull quote set apart
between paragraphs, a live blog's summary at the top. Drafted at each place, the repeat is a second claim of the
same words, and a bare pull quote is worse: with no attribution of its own it goes to whoever spoke last, so the
harbour master's words become the union's.

Of the statements with the same words (at least ``MIN_WORDS``), the one kept is the one the text attributes best:
attributed in its own sentence over a bare quote, then one with a date said, then a speaker with a role, then the
later one (the story's own place, after a standfirst). A repeat said on another day is another statement (a
speaker saying the same words on Monday and on Friday) and is kept.
"""

from __future__ import annotations

import re

from app.extract.answers import Found

MIN_WORDS = 5  # "No comment", "We deny it": short phrases are said by many, and said again

_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'"})
_EDGES = re.compile(r"^[\s\"'(\[\u2026.,;:!?-]+|[\s\"')\]\u2026.,;:!?-]+$")


def _words(text: str) -> str:
    return " ".join(_EDGES.sub("", text.translate(_QUOTES)).lower().split())


def _rank(f: Found, position: int) -> tuple[bool, bool, bool, int]:
    return (f.cue != "quotation", f.said is not None, bool(f.speaker.role), position)


def without_repeats(text: str, found: list[Found]) -> list[Found]:
    """``found`` with each statement printed twice kept once (see the module); order kept."""
    same: dict[str, list[int]] = {}
    for i, f in enumerate(found):
        words = _words(text[f.start : f.end])
        if len(words.split()) >= MIN_WORDS:
            same.setdefault(words, []).append(i)
    dropped: set[int] = set()
    for places in same.values():
        if len(places) < 2:
            continue
        best = max(places, key=lambda i: _rank(found[i], i))
        kept = found[best]
        dropped.update(i for i in places if i != best and found[i].said in (None, kept.said))
    return [f for i, f in enumerate(found) if i not in dropped] if dropped else found
