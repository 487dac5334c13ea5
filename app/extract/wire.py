"""Two shapes of wire copy read as one statement until now:

- two sides in one sentence: "Kessel says the strike killed 12 civilians; Velmorra says all the dead were
  fighters", "The ministry said its air defences shot down 14 drones, while Velmorra said its drones hit an
  airfield". Each side's statement is its own, with its own speaker; read as one, the first speaker took both.
- a statement passed on by the medium that printed it: "State media quoted the president as saying the army was
  ready", "The president was quoted by the Kessel Herald as saying ...". The speaker is the person quoted.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import replace

from app.extract.answers import Found
from app.extract.dates import resolve_date
from app.extract.lexicon import FALSE_WORDS
from app.extract.speakers import State, is_fragment, parse_speaker
from app.sentences import Sentence

_SAYING = (
    r"(?:said|says|say|told|tells|insisted|insists|countered|counters|argued|argues|maintained|maintains|"
    r"claimed|claims|denied|denies|deny|accused|accuses|replied|replies|responded|responds)"
)
# where a second side's statement begins: after "; " or ", while/whereas/but", a subject of up to six words
# then its verb of saying
SECOND_SIDE = re.compile(
    r"(?:;\s+|,\s+(?:while|whereas|but)\s+)(?=(?:(?:the|its|their|his|her)\s+)?[A-Z][\w'\u2019\-.]*"
    r"(?:\s+[\w'\u2019\-.]+){0,5}?\s+(?:(?:has|have|had)\s+)?" + _SAYING + r"\b)"
)
QUOTED_AS = re.compile(
    r"(?:(?P<who2>[^,;:\u201c\u201d\"]{2,80}?)\s+(?:was|were|has been|have been|had been)\s+quoted\s+by\s+"
    r"(?P<medium2>[^,;:\u201c\u201d\"]{2,60}?)"
    r"|\b(?P<medium>[A-Z][^,;:\u201c\u201d\"]{1,60}?|(?:state|local|official)\s+(?:media|television|radio))"
    r"\s+quoted\s+(?!by\b)(?P<who>[^;:\u201c\u201d\"]{2,80}?),?)"  # "the minister, Arno Wilk," too
    r"\s+as\s+saying\s+(?:that\s+)?(?P<content>\S.*?)[\s.!?\u201d\"]*$"
)


def two_sides(sent: Sentence, read: Callable[[Sentence, bool], list[Found]]) -> list[Found] | None:
    """The statements of a sentence holding two sides' statements, each read alone (``read(part, nested)``);
    None when it holds no such join, or either part states nothing."""
    s = sent.text
    if not s.rstrip().endswith((".", "!", "?", '"', "\u201d", "'", "\u2019")):
        return (
            None  # a headline ("X says ...; Y says ..." with no full stop) is a summary, not two statements
        )
    for m in SECOND_SIDE.finditer(s):
        before = s[: m.start()]
        if before.count('"') % 2 or before.count("\u201c") > before.count("\u201d"):
            continue  # inside a quotation: one speaker's words
        head = Sentence(sent.start, sent.start + m.start(), before, sent.paragraph)
        first = read(head, False)  # the sentence's own start: a headline or a dateline is read as such
        if not first:
            return None
        tail = Sentence(sent.start + m.end(), sent.end, s[m.end() :], sent.paragraph)
        second = read(tail, True)
        if not second or second[0].speaker.name == first[-1].speaker.name:
            return None
        return [*first, *second]
    return None


def quoted_as_saying(
    text: str, sent: Sentence, state: State, published: dt.date | None
) -> list[Found] | None:
    """ "X quoted Y as saying ...", "Y was quoted by X as saying ...": Y's statement (None for another shape)."""
    m = QUOTED_AS.search(sent.text)
    if m is None:
        return None
    who = (m.group("who") or m.group("who2") or "").strip()
    speaker = parse_speaker(who, state)
    if speaker is None or is_fragment(speaker.name):
        return None
    start = sent.start + m.start("content")
    end = sent.start + m.end("content")
    while end > start and text[end - 1] in " .!?,":
        end -= 1
    if len(text[start:end].split()) < 3:
        return None
    said = resolve_date(sent.text[: m.start("content")], published)
    return [Found("claim", start, end, speaker, "quoted as saying", said, 0.7, 0)]


ADDING = re.compile(r",\s+(?:and\s+)?adding(?:\s+that\b|\s*:)?\s+")


def with_what_was_added(text: str, results: list[Found]) -> list[Found]:
    """'X said the pipeline would reopen in May, adding that repairs were on schedule' / '..., adding: "We are
    overwhelmed."': what was added is a second statement of the same speaker, at the same time."""
    out: list[Found] = []
    for f in results:
        m = ADDING.search(text, f.start, f.end)
        before = text[f.start : m.start()] if m is not None else ""
        if (
            m is None
            or len(before.split()) < 3
            or before.count('"') % 2
            or before.count("\u201c") > before.count("\u201d")
            or len(text[m.end() : f.end].split()) < 3
        ):
            out.append(f)
            continue
        start = m.end()
        while start < f.end and text[start] in "\u201c\"'\u2018 ":
            start += 1
        kind = "denial" if FALSE_WORDS.search(text, start, f.end) else "claim"
        added = replace(f, kind=kind, start=start, cue="added", anaphoric=False, answers_previous=False)
        out += [replace(f, end=m.start()), added]
    return out
