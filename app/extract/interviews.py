"""A question-and-answer interview whose answers carry no label ("Q:"/"A:") and no verb of saying: the introduction
names who was interviewed ("Its founder, X, spoke to Y ... on 26 November", "an interview with X"), the questions
are paragraphs ending in "?", and the paragraphs in the first person after the first question that no rule has
attributed are the interviewee's answers, said on the interview's day."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from app.extract.answers import Found
from app.extract.dates import resolve_date
from app.extract.lexicon import FALSE_WORDS, NEGATION
from app.extract.speakers import State, parse_speaker
from app.sentences import Sentence

_NAME = r"(?:[A-Z][\w'\u2019\-]+\s+){1,2}[A-Z][\w'\u2019\-]+"
INTERVIEWED = re.compile(
    rf"(?P<who>{_NAME}),?\s+(?:spoke to|talked to|was interviewed by|sat down with)\b[^.\n]*"
    rf"|\binterview with\s+(?:[^,.\n]{{0,60}},\s+)?(?P<with>{_NAME})[^.\n]*"
)
FIRST_PERSON = re.compile(
    r"\b(?:I|we|We|my|My)\b"
)  # a subject in the first person (a paper writes "our questions")
MIN_QUESTIONS = 3


def interview_answers(
    text: str, found: list[Found], sentences: Sequence[Sentence], state: State, published: dt.date | None
) -> list[Found]:
    """The unattributed answers of a question-and-answer interview, as findings by the interviewee."""
    paragraphs = [m for m in re.finditer(r"[^\n]+", text) if m.group(0).strip()]
    questions = [i for i, p in enumerate(paragraphs) if p.group(0).rstrip().endswith("?")]
    if len(questions) < MIN_QUESTIONS:
        return []
    intro = text[: paragraphs[questions[0]].start()]
    named = INTERVIEWED.search(intro)
    if named is None:
        return []
    speaker = parse_speaker(named.group("who") or named.group("with"), state)
    if speaker is None:
        return []
    when = resolve_date(named.group(0), published)
    out: list[Found] = []
    for i, p in enumerate(paragraphs):
        if i <= questions[0] or i in questions or not FIRST_PERSON.search(p.group(0)):
            continue
        if any(p.start() <= f.start < p.end() for f in found):
            continue  # a paragraph some rule attributed is not an unlabelled answer
        start, end = p.start(), p.start() + len(p.group(0).rstrip())
        index = next((k for k, s in enumerate(sentences) if s.start <= start < s.end), -1)
        words = p.group(0)
        kind = "denial" if NEGATION.search(words) and FALSE_WORDS.search(words) else "claim"
        out.append(Found(kind, start, end, speaker, "interview", when, 0.5, index))
    return out
