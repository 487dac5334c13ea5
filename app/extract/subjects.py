"""Who a sentence's subject is when the speaker phrase alone does not say: the subject of a participle of saying
("Regulators grounded six jets, saying ..."), a plain noun phrase that is the subject of a verb only people and
bodies do ("The cooperative says ...", "the driver told investigators ..."), and a page heading that is no
transcript turn. Split out of ``extractor``, which calls these."""

from __future__ import annotations

import datetime as dt
import re

from app.extract.answers import Found
from app.extract.clauses import COUNTER, SAYING, SKIP_PLAIN
from app.extract.dates import resolve_date
from app.extract.heads import heading_label
from app.extract.lexicon import (
    ACTION_VERBS,
    DV,
    FALSE_WORDS,
    NEGATION,
    NOT_SPEAKER_WORDS,
)
from app.extract.speakers import Speaker, State, is_fragment, parse_speaker


def found(
    text: str,
    kind: str,
    start: int,
    end: int,
    speaker: Speaker,
    cue: str,
    said: dt.date | None,
    conf: float,
    *,
    anaphoric: bool = False,
) -> Found:
    """A statement found at text[start:end], trimmed of the punctuation around it."""
    while start < end and text[start] in " ,:;\u201c\"'\u2018":
        start += 1
    while end > start and text[end - 1] in " ,;:\u201d\"'\u2019":
        end -= 1
    return Found(kind, start, end, speaker, cue.lower(), said, conf, 0, anaphoric)


def saying_participle(text: str, s: str, base: int, state: State, published: dt.date | None) -> Found | None:
    """'Regulators grounded six jets on Tuesday, saying CONTENT': the sentence's subject said what follows."""
    m = SAYING.search(s)
    if m is None or s[: m.start()].count("\u201c") or s[: m.start()].count('"'):
        return None
    pre = s[: m.start()]
    tokens = list(re.finditer(r"\S+", pre))
    sp = None
    for tok in tokens[1:16]:
        word = tok.group(0)
        if not (word.isalpha() and word.islower() and (word.endswith("ed") or word in ACTION_VERBS)):
            continue
        subject = pre[: tok.start()].rstrip(" ,")
        sp = parse_speaker(subject, state)
        if sp is not None:
            predicate = pre[tok.start() :]
            break
    if sp is None:
        return None
    c0 = m.end()
    said_when = SKIP_PLAIN.match(s[c0 - 1 :]) if s[c0 - 1 : c0].isspace() else None
    when_saying = None
    if said_when is not None and resolve_date(said_when.group(0), published) is not None:
        when_saying = resolve_date(said_when.group(0), published)  # ", saying on Monday that ...": when
        c0 += said_when.end() - 1
    content = s[c0:].rstrip('.!?\u201d" ')
    if len(content.split()) < 4:
        return None
    denying = DV.search(predicate) or COUNTER.search(predicate)
    false = FALSE_WORDS.search(content) and NEGATION.search(content)
    kind = "denial" if denying or false else "claim"
    cue = (denying.group(0) if denying else "saying").lower()
    when = (
        when_saying or resolve_date(predicate, published) or resolve_date(subject, published)
    )  # "Later on Thursday, X"
    return found(text, kind, base + c0, base + c0 + len(content), sp, cue, when, 0.7)


def not_a_turn(label: str) -> bool:
    """'Others were less sure: ...', 'Read more: ...', 'Notes to editors: ...': not a transcript speaker's turn."""
    return is_fragment(label) or label.split()[0].lower() in NOT_SPEAKER_WORDS or heading_label(label.strip())
