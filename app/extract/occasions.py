"""Dates said that come from the occasion rather than from the sentence (bench/ANNOTATION.md, "Date said"):

- a live blog's time-stamped entries ("14:35 - ..." or "14:35" on a line of its own) date their new statements on
  the blog's day;
- a transcript's answers are dated by the day the transcript gives for the briefing or interview, never by a day
  named inside the answer ("no vessel fired on Sunday");
- the same speaker on the same occasion keeps the occasion's day: the next sentences of a dated statement ("He
  said ...", a quotation that goes on), unless they open an occasion of their own ("told reporters", "in an
  interview");
- a bare answer ("The union dismissed the screenshot.") takes the day the next sentence of the same paragraph gives
  the statement it is part of.

Runs over the findings of a whole text, after each sentence has been read; a date is only ever filled in (a
transcript's answer excepted: its day is the occasion's), and always comes from the text's own words and the
source's date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import replace

from app.extract.answers import Found
from app.extract.dates import date_in_text, resolve_date
from app.sentences import Sentence

ENTRY_STAMP = re.compile(
    r"^\d{1,2}[:.]\d{2}(?:\s*(?:am|pm|a\.m\.|p\.m\.))?(?:\s*[-\u2013\u2014:]\s+|\s*$)", re.I | re.M
)
DATE_HEADING = re.compile(
    r"^(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?\d{1,2}\s+[A-Z][a-z]+(?:\s+\d{4})?$",
    re.M,
)
# A sentence that opens an occasion of its own: not the same statement going on.
NEW_OCCASION = re.compile(
    r"\b(?:told|tells|wrote to|interview|interviewed|news conference|press conference|briefing|speech|hearing|"
    r"(?:an?|another|a second|later)\s+(?:\w+\s+)?(?:statement|letter|post|video|message|meeting|report))\b",
    re.I,
)
SAME_OCCASION = re.compile(
    r"\b(?:the same|that|the|its|his|her|their)\s+(?:\w+\s+)?(?:statement|letter|post|interview|briefing|news conference|meeting)\b",
    re.I,
)
PRESENT_SAYS = re.compile(r"\b(?:says|say|adds|insists|argues|believes|believe)\b", re.I)


# the end of a press release: "ENDS", "-30-", "###", or its notes and contacts after the text
RELEASE_END = re.compile(
    r"^(?:ENDS|-\s*30\s*-|###|Notes to editors:?|Note to editors:?|Media (?:enquiries|inquiries|contact)s?:?)\s*$",
    re.M,
)


def live_blog(text: str) -> bool:
    """At least three time-stamped entries opening paragraphs."""
    return len(ENTRY_STAMP.findall(text)) >= 3


def entry_day(text: str, pos: int, day: dt.date | None) -> dt.date | None:
    """The day of a live blog's entry at ``pos``: the dated heading above it ("Friday 4 December 2026") when the
    blog splits its entries into days, else the source's day; None under no heading of a blog that has them."""
    headings = [m for m in DATE_HEADING.finditer(text, 0, pos)]
    if headings:
        return resolve_date(headings[-1].group(0), day)
    return day if DATE_HEADING.search(text) is None else None


def occasion_dates(
    text: str, findings: list[Found], sentences: Sequence[Sentence], published: dt.date | None
) -> dict[tuple[int, int], dt.date]:
    """The date said of each finding, by its span, where its occasion gives one (see the module); the findings
    themselves are left as they are, so linking reads each sentence's own dates."""
    found = [replace(f) for f in findings]
    _fill(text, found, sentences, published)
    return {(f.start, f.end): f.said for f in found if f.said is not None}


def _fill(text: str, found: list[Found], sentences: Sequence[Sentence], published: dt.date | None) -> None:
    if published is None and date_in_text(text) is None:
        return  # a year is never guessed: with no source date nothing relative can be dated
    day = published or date_in_text(text)
    starts = [s.start for s in sentences]
    if any(f.cue == "transcript" for f in found):
        occasion = date_in_text(text) or day
        for f in found:
            if f.cue == "transcript":
                f.said = occasion  # the day of the briefing, whatever day the answer talks about
    blog = live_blog(text)
    release = RELEASE_END.search(text)
    for f in found:
        if f.said is None:
            f.said = _paragraph_occasion(text, f, published)
    quoting = {g.sentence_index for g in found}  # the sentences that quote someone
    previous: Found | None = None
    for i, f in enumerate(found):
        if (
            f.said is None
            and previous is not None
            and previous.said is not None
            and _goes_on(text, previous, f, sentences, starts)
        ):
            f.said = previous.said
        if (
            f.said is None
            and f.kind == "denial"
            and (f.anaphoric or f.start == sentences[f.sentence_index].start)
        ):
            nxt = found[i + 1] if i + 1 < len(found) else None
            if (
                nxt is not None
                and nxt.said is not None
                and _next_sentence_same_paragraph(text, f, nxt, starts)
            ):
                f.said = (
                    nxt.said
                )  # "The union dismissed the screenshot. Ms X said in a statement yesterday ..."
        if f.said is None:
            f.said = _day_of_the_answer(text, f, sentences, quoting, published)
        if f.said is None and blog and _in_entry(text, f.start):
            f.said = entry_day(text, f.start, day)  # a new statement in one of the day's entries
        if (
            f.said is None
            and release
            and f.start < release.start()
            and text[f.start - 1 : f.start] in '"\u201c'
        ):
            f.said = (
                day  # a press release's quoted words are given out on its day (not what it reports of others)
            )
        previous = f


# "At Tuesday's meeting, X accused ... Y called that remark cheap": a paragraph opened by its occasion's day
OCCASION_OPENER = re.compile(
    r"(?:At|In|During)\s+(?:(?:last|this)\s+)?(?P<day>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"yesterday|today)(?:'s|\u2019s)\s+[a-z]+(?:\s+[a-z]+)?\s*,"
)


def _paragraph_occasion(text: str, f: Found, published: dt.date | None) -> dt.date | None:
    m = OCCASION_OPENER.match(text, _paragraph(text, f.start))
    if m is None or m.end() > f.start:
        return None
    return resolve_date(m.group("day"), published)


# a heading of its own ("Summary", "Key events") ends the time-stamped entries above it
HEADING_LINE = re.compile(r"^[A-Z][\w ]{0,30}$", re.M)


def _in_entry(text: str, pos: int) -> bool:
    stamps = list(ENTRY_STAMP.finditer(text, 0, pos))
    return bool(stamps) and HEADING_LINE.search(text, stamps[-1].end(), _paragraph(text, pos)) is None


# "On Tuesday the athlete answered." / "Late on Monday, the ministry hit back.": the day of an answer told on its
# own, whose words the next sentence gives
ANSWER_ACT = re.compile(
    r"^(?:(?:Late |Early |Later )?[Oo]n\s+)?(?P<day>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
    r"Yesterday)(?:\s+(?:morning|afternoon|evening|night))?,?\s+[^.,;\"\u201c]{2,60}?\s+"
    r"(?:answered|replied|responded|hit back|fired back|struck back)(?:\s+(?:within hours|at once|quickly))?\.\s*$"
)


def _day_of_the_answer(
    text: str, f: Found, sentences: Sequence[Sentence], quoting: set[int], published: dt.date | None
) -> dt.date | None:
    index = f.sentence_index - 1
    if index < 0 or index in quoting:
        return None
    act = sentences[index]
    if _paragraph(text, act.start) != _paragraph(text, f.start):
        return None
    m = ANSWER_ACT.match(act.text.strip())
    return resolve_date(m.group("day"), published) if m is not None else None


def _paragraph(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _sentence_text(text: str, f: Found, sentences: Sequence[Sentence], starts: list[int]) -> str:
    index = f.sentence_index if 0 <= f.sentence_index < len(sentences) else None
    if index is None:
        return text[f.start : f.end]
    return sentences[index].text


def _goes_on(text: str, before: Found, f: Found, sentences: Sequence[Sentence], starts: list[int]) -> bool:
    """Whether ``f`` is the same speaker's statement going on: the same speaker, the same or the next sentence or
    two, in the same paragraph or the next, with no occasion of its own and no other speaker between."""
    if f.speaker is not before.speaker and f.speaker.name != before.speaker.name:
        return False
    if f.sentence_index - before.sentence_index > 2 or f.sentence_index < before.sentence_index:
        return False
    para_before, para_f = _paragraph(text, before.start), _paragraph(text, f.start)
    if para_f != para_before and _paragraph(text, len(text[:para_f].rstrip())) != para_before:
        return False  # more than one paragraph break between them
    own = _sentence_text(text, f, sentences, starts)
    outside = own.replace(text[f.start : f.end], " ")  # the words around what was said
    if NEW_OCCASION.search(outside) and not SAME_OCCASION.search(outside):
        return False
    # "He says ...": wire copy's present tense with no day
    return not (PRESENT_SAYS.search(outside) and f.cue != "quotation")


def _next_sentence_same_paragraph(text: str, f: Found, nxt: Found, starts: list[int]) -> bool:
    return nxt.sentence_index == f.sentence_index + 1 and _paragraph(text, f.start) == _paragraph(
        text, nxt.start
    )
