"""A denial told in a tail on the claim it answers: "X said ..., a claim the operator disputed", "Kessel accuses
Velmorra of ..., a charge Velmorra denies", "Police said ..., an allegation his lawyer rejected on Tuesday",
"The union says ..., something the company has denied", "Lawyers argued ..., which the court rejected".

Wire copy puts the other side's answer there in a few words. Read as one statement, the tail's noun ("a claim
the operator") became the speaker of the whole sentence and the claim was lost. The sentence before the tail is
read alone (it holds the claim and its speaker), and the tail is the answering side's denial of that claim: its
words refer back, as "rejected the accusation" does, and it is dated by its own words ("on Tuesday")."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from app.extract.answers import Found
from app.extract.dates import resolve_date
from app.extract.speakers import Speaker, State, is_fragment, parse_speaker
from app.sentences import Sentence

DENIAL_TAIL = re.compile(
    r",\s*(?P<tail>(?:(?:a|an|the)\s+(?:claims?|charges?|accusations?|allegations?|assertions?|accounts?|"
    r"versions?|figures?|characteri[sz]ations?|suggestions?|reports?|descriptions?|narratives?)\s+(?:that\s+|which\s+)?"
    r"|something\s+(?:that\s+)?|which\s+)"
    r"(?P<who>[^,;:\u201c\u201d\"]{2,80}?)\s+(?:(?:has|have|had)\s+)?(?:(?:always|also|strongly|repeatedly|firmly|"
    r"flatly|vehemently|categorically|consistently|since|swiftly|quickly|angrily)\s+)?"
    r"(?P<verb>denied|denies|deny|rejected|rejects|reject|disputed|disputes|dispute|dismissed|dismisses|dismiss|"
    r"contested|contests|contest|refuted|refutes|refute|challenged|challenges|challenge)\b"
    r"(?P<rest>[^;:\u201c\u201d\"]{0,80}?))[.!?]?\s*$",
    re.I,
)


_OPENER = re.compile(r"^(?:the|his|her|their|its|our)\s+", re.I)


def _other_side(phrase: str) -> Speaker:
    """The answering side as the tail names it, never the claim's speaker: "the operator" -> "Operator",
    "his lawyer" -> "Lawyer"."""
    name = _OPENER.sub("", " ".join(phrase.split()))
    return Speaker(name[:1].upper() + name[1:], collective=True)


_DENYING = re.compile(r"\b(?:den[iy]|reject|disput|dismiss|contest|refut|challeng)", re.I)


def with_denial_tail(
    text: str,
    sent: Sentence,
    state: State,
    published: dt.date | None,
    read: Callable[[Sentence], list[Found]],
) -> list[Found] | None:
    """The statements of a sentence ending in a denial tail (``read`` reads the sentence before the tail), the
    tail's denial last, answering what was found before it; None when the sentence has no such tail, or what
    comes before it states nothing to answer."""
    if not _DENYING.search(sent.text):
        return None  # the tail's pattern is costly to try on every sentence; its verb is cheap to look for
    tail = DENIAL_TAIL.search(sent.text)
    if tail is None:
        return None
    who = tail.group("who").strip()
    if len(who.split()) > 8 or who[:1].isdigit():
        return None
    head = Sentence(sent.start, sent.start + tail.start(), sent.text[: tail.start()], sent.paragraph)
    last = state.last, state.last_collective
    found = read(head)
    if not found:
        state.last, state.last_collective = last
        return None
    speaker = parse_speaker(who, state)
    if speaker is None or is_fragment(speaker.name):
        return None
    claimant = found[-1].speaker.name
    if speaker.name == claimant or claimant in speaker.name:
        # "the company", "his lawyer": read as the speaker just named, but the tail is the other side's
        speaker = _other_side(who)
    start = sent.start + tail.start("tail")
    end = sent.start + tail.end("tail")
    while end > start and text[end - 1] in " .!?":
        end -= 1
    said = resolve_date(tail.group("rest"), published)
    answer = Found("denial", start, end, speaker, tail.group("verb").lower(), said, 0.7, 0, anaphoric=True)
    answer.answers_previous = True
    return [*found, answer]
