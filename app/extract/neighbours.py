"""What a sentence's findings take from their neighbours or give them: a finding split in two ("said ..., and
accused ...", "accused ..., and said ..."), and the day of an act given in one sentence dating the quotation in
the next."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from app.extract.answers import Found
from app.extract.clauses import AND_ACCUSED, OWN_SUBJECT
from app.extract.dates import resolve_date
from app.extract.joined import joined_speaker
from app.extract.settings import setting_after_quote
from app.extract.speakers import Speaker, State, parse_speaker
from app.sentences import Sentence

OPENING_DAY = re.compile(r"^(?:(?:Late|Early|Later)\s+)?[Oo]n\s+[^,]{2,30},")
AND_SAID = re.compile(r",\s+and\s+(?:said|added|warned)\s+(?:that\s+)?(?=[a-zA-Z])")
# ", which reported on Wednesday that ...", ", which said it had given no such advice"
WHICH_SAID = re.compile(
    r",\s+which\s+(?P<verb>said|says|reported|reports|announced|told\s+\w+)\s+"
    r"(?P<when>(?:on|last|this)\s+\w+\s+)?(?:that\s+)?(?=[a-zA-Z])"
)
# "..., rejecting a former technician's claims that ...": the participle of an answer after what was said
# (what is rejected is something said: "rejecting calls for his resignation" answers no claim)
REJECTING = re.compile(
    r",\s+(?P<verb>rejecting|dismissing|denying|disputing|contradicting)\s+(?=(?:[\w\-'\u2019]+\s+){0,5}?"
    r"(?:claims?|charges?|accusations?|allegations?|reports?|suggestions?|assertions?|account|findings?|"
    r"statements?|story|stories)\b)"
)
# where the noun phrase before ", which" starts: after a preposition or a verb ("came from", "rejected by")
ANTECEDENT_OPENS = re.compile(
    r"^\s*|\b(?:from|by|of|to|with|after|before|against|at|for)\s+|\b(?:[a-z]+ed|came|went|said|says|told)\s+"
)


def paragraph_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def quoted_before(s: str, sep: int, np: str) -> bool:
    """Whether a sentence opens with a quotation that closes at ``sep``, just before a name or a pronoun that said
    it: whatever follows the verb then says where, when or to whom, not what ("told a rally outside the port gates
    on Monday"). Not after a description ("the company"), which the rules resolve less surely."""
    described = re.match(r"(?:the|a|an|its|their|his|her)\s", np.strip(), re.I)
    if s[:1] in '"\u201c' and s.count(s[:1], 1, sep) == 0 and _CLOSE_NAME_DESCRIBED.match(np.strip()):
        return True  # '"...," Daoud Karimi, a 26-year-old mechanic, told ...': a description beside a name
    return (
        s[:1] in '"\u201c' and s[sep : sep + 1] in '"\u201d' and s.count(s[:1], 1, sep) == 0 and not described
    )


# the quotation's close, a name, then its description: '" Daoud Karimi, a 26-year-old mechanic'
_CLOSE_NAME_DESCRIBED = re.compile(
    r"[\"\u201d]\s*[A-Z][\w\-'\u2019]+(?:\s+[A-Z][\w\-'\u2019]+){0,3}\s*,\s*(?:an?|the|his|her|its|their)\s"
)


def quoted_or_setting(s: str, sep: int, np: str, after_clause: str) -> bool:
    """Whether what follows the speaker's verb is no content: a tail after a quotation and a name, or a long setting
    after a quotation and a named speaker (``settings``)."""
    return quoted_before(s, sep, np) or setting_after_quote(s, after_clause, np)


def split_found(
    text: str, sent: Sentence, results: list[Found], state: State, published: dt.date | None
) -> list[Found]:
    """A sentence's findings with each one that holds two statements split in two (the splits below, in order);
    in a sentence with none, what a relative clause says its antecedent said."""
    if not results:
        told = relative_said(text, sent.start, sent.end, state, published)
        return [told] if told is not None else []
    results = [part for f in results for part in and_accused(text, f)]
    results = [part for f in results for part in accused_and_said(text, f)]
    results = [part for f in results for part in rejecting(text, f)]
    results = [part for f in results for part in joined_speaker(text, f, state, published)]
    out = []
    for f in results:
        told = None if f.cue == "quotation" else relative_said(text, sent.start, f.end, state, published)
        if told is not None and f.start < told.start:  # "..., on the advice of X, which said ..."
            out += [replace(f, end=text.rfind(",", f.start, told.start)), told]
        else:
            out.append(f)
    return out


def rejecting(text: str, f: Found) -> list[Found]:
    """'The museum said the bronze was exported with a licence in 1961, rejecting Ardova's charge that it was
    stolen': an answer told in two parts, what the speaker says happened and the rejection, each a denial of the
    claim it rejects (linked when that claim is told, in a lede, or to the one told before)."""
    m = REJECTING.search(text, f.start, f.end)
    if (
        m is None
        or f.cue == "quotation"
        or len(text[f.start : m.start()].split()) < 3
        or text.count('"', f.start, m.start()) % 2
        or text.count("\u201c", f.start, m.start()) > text.count("\u201d", f.start, m.start())
    ):
        return [f]
    told = replace(f, kind="denial", end=m.start())
    rejection = replace(f, kind="denial", start=m.start("verb"), cue=m.group("verb"))
    told.anaphoric = rejection.anaphoric = rejection.elaborates = rejection.answers_previous = False
    return [told, rejection]


def relative_said(text: str, start: int, end: int, state: State, published: dt.date | None) -> Found | None:
    """'A third complaint came from Delmoran state television, which reported on Wednesday that ...': what the
    relative clause says, a claim of the noun phrase before it (the phrase after the last preposition or verb)."""
    m = WHICH_SAID.search(text, start, end)
    if m is None or text.count('"', start, m.start()) % 2 or "\u201c" in text[start : m.start()]:
        return None
    before = text[start : m.start()]
    cut = max((b.end() for b in ANTECEDENT_OPENS.finditer(before)), default=0)
    who = before[cut:].strip()
    if not who or len(who.split()) > 8:
        return None
    last = state.last, state.last_collective
    sp = parse_speaker(who, state)
    if sp is None:
        state.last, state.last_collective = last
        return None
    content_end = m.start() + len(text[m.start() : end].rstrip(' .!?"\u201d'))
    said = resolve_date(m.group("when") or "", published)
    return Found("claim", m.end(), content_end, sp, m.group("verb").split()[0], said, 0.7, 0)


def accused_and_said(text: str, f: Found) -> list[Found]:
    """'Valmorin accused Tavria of dumping panels, and said the bloc would impose duties': the accusation, then
    what was said after it, a claim of its own (only after a comma: "accused X of ... and said ..." without one
    is often one statement, and annotated as one)."""
    if not f.cue.startswith("accus"):
        return [f]
    m = AND_SAID.search(text, f.start, f.end)
    if (
        m is None
        or text.count('"', f.start, m.start()) % 2
        or text.count("\u201c", f.start, m.start()) > text.count("\u201d", f.start, m.start())
    ):
        return [f]
    said = replace(f, kind="claim", start=m.end(), cue="said")
    said.anaphoric = said.elaborates = said.answers_previous = False
    return [replace(f, end=m.start()), said]


def and_accused(text: str, f: Found) -> list[Found]:
    """'Officials said they had received a third of the doses, and accused the ministry of sending the rest to the
    capital': what was said, then the accusation, a claim of its own (what "rejected the accusation" answers)."""
    m = AND_ACCUSED.search(text, f.start, f.end)
    if (
        m is None
        or f.cue == "quotation"
        or len(text[f.start : m.start()].split()) < 3
        or not (m.group("comma") or OWN_SUBJECT.match(text, f.start))
    ):
        return [f]
    accusation = replace(f, kind="claim", start=m.start("content"), end=m.end("content"), cue=m.group("verb"))
    accusation.anaphoric = accusation.elaborates = accusation.answers_previous = False
    return [replace(f, end=m.start()), accusation]


def day_of_the_act(
    text: str,
    sent: Sentence,
    results: list[Found],
    state: State,
    published: dt.date | None,
    act: tuple[Speaker, dt.date, int] | None,
) -> tuple[Speaker, dt.date, int] | None:
    """'Faltenmoor answered him on Friday. "The runway is 900 metres long," he said.': a sentence that gives only
    the day someone acted (answered, rejected that account, published two recordings) dates the quotation of
    theirs that follows at once, in the same paragraph; returns the act a next sentence may still continue."""
    paragraph = paragraph_start(text, sent.start)
    quoted = [f for f in results if f.start > 0 and text[f.start - 1] in '\u201c"' or f.cue == "quotation"]
    if (
        act is not None
        and act[2] == paragraph
        and quoted
        and len(quoted) == len(results)
        and all(f.speaker is act[0] for f in results)
    ):
        for f in results:
            f.said = f.said or act[1]
        return act  # "... he said. 'Either the minister has new planes ...'": the same act goes on
    if len(results) == 1 and results[0].anaphoric and results[0].said is not None:
        return (
            results[0].speaker,
            results[0].said,
            paragraph,
        )  # "X rejected that account on Wednesday evening."
    if not results and state.recent:
        person = state.recent[-1]
        surname = re.escape(person.name.split()[-1]).replace(r"\-", r"[\-\s]")
        # "On Thursday, her manager published a screenshot showing an address entered on 29 August": the
        # opening day is the act's, a date later in the sentence is what it shows
        opening = OPENING_DAY.match(sent.text)
        when = resolve_date(opening.group(0) if opening else sent.text, published)
        if when is not None and re.search(rf"\b{surname}\b", sent.text[:80]):
            return person, when, paragraph  # "On Tuesday Ms Vardy published two recordings on her website."
    return None
