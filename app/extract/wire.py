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
from app.extract.persons import individual
from app.extract.speaker_phrases import ORG_HEADS
from app.extract.speakers import State, is_fragment, note_named, parse_speaker
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
    # "The mines minister, Ana Pell, was quoted by ...": a role and the name in apposition to it
    r"(?:(?P<who2>[^,;:\u201c\u201d\"]{2,80}?(?:,\s+[^,;:\u201c\u201d\"]{2,60},)?)\s+(?:was|were|has been|have been|"
    r"had been)\s+(?:quoted|cited)\s+by\s+"
    r"(?P<medium2>[^,;:\u201c\u201d\"]{2,60}?)"
    r"|\b(?P<medium>[A-Z][^,;:\u201c\u201d\"]{1,60}?|(?:state|local|official)\s+(?:media|television|radio))"
    r"\s+(?:quoted|cited)\s+(?!by\b)(?P<who>[^;:\u201c\u201d\"]{2,80}?),?)"  # "the minister, Arno Wilk," too
    r"\s+as\s+saying\s+(?:that\s+)?(?P<content>\S.*?)[\s.!?\u201d\"]*$"
)


def two_sides(
    sent: Sentence, state: State, read: Callable[[Sentence, bool], list[Found]]
) -> list[Found] | None:
    """The statements of a sentence holding two sides' statements, each read alone (``read(part, nested)``);
    None when it holds no such join, or either part states nothing (who spoke last is then as it was: the
    sentence is read again whole)."""
    s = sent.text
    if not s.rstrip().endswith((".", "!", "?", '"', "\u201d", "'", "\u2019")):
        return (
            None  # a headline ("X says ...; Y says ..." with no full stop) is a summary, not two statements
        )
    if ";" not in s and ", " not in s:
        return None
    for m in SECOND_SIDE.finditer(s):
        before = s[: m.start()]
        if before.count('"') % 2 or before.count("\u201c") > before.count("\u201d"):
            continue  # inside a quotation: one speaker's words
        last = state.last, state.last_collective
        head = Sentence(sent.start, sent.start + m.start(), before, sent.paragraph)
        first = read(head, False)  # the sentence's own start: a headline or a dateline is read as such
        tail = Sentence(sent.start + m.end(), sent.end, s[m.end() :], sent.paragraph)
        second = read(tail, True) if first else []
        if not second or second[0].speaker.name == first[-1].speaker.name:
            state.last, state.last_collective = last
            return None
        return [*first, *second]
    return None


def quoted_as_saying(
    text: str, sent: Sentence, state: State, published: dt.date | None
) -> list[Found] | None:
    """ "X quoted Y as saying ...", "Y was quoted by X as saying ...": Y's statement (None for another shape)."""
    if " as saying" not in sent.text:
        return None  # the pattern is costly to try; the word is cheap to look for
    m = QUOTED_AS.search(sent.text)
    if m is None:
        return None
    who = (m.group("who") or m.group("who2") or "").strip().rstrip(",")
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


# what follows the speaker and says only how he came to speak: "..., Pell said when asked whether the outbreak had
# peaked", "..., said an official who asked not to be named because he was not authorised to speak"
ASIDE = re.compile(
    r"(?:,?\s+(?:when|after|as)\s+(?:being\s+)?asked\b|,?\s+who\s+(?:asked|spoke|requested|declined|did\s+not\s+want)"
    r"\b[^\"\u201c\u201d]*?\b(?:named|identified|anonymity)\b)[^\"\u201c\u201d]*$"
)


def wire_statement(
    text: str,
    sent: Sentence,
    state: State,
    published: dt.date | None,
    read: Callable[[Sentence], list[Found]],
) -> list[Found] | None:
    """The statements of a sentence in a wire shape the general reading misses (None for another shape):
    "quoted X as saying ...", or a statement whose speaker is followed by an aside on how he came to speak (the
    sentence before the aside is read alone, ``read``)."""
    quoted = quoted_as_saying(text, sent, state, published)
    if quoted is not None:
        return quoted
    m = ASIDE.search(sent.text)
    if m is None or m.start() < 10:
        return None
    last = state.last, state.last_collective
    found = read(Sentence(sent.start, sent.start + m.start(), sent.text[: m.start()], sent.paragraph))
    if not found:
        state.last, state.last_collective = last
        return None
    return found


ADDING = re.compile(r",\s+(?:and\s+)?adding(?:\s+that\b|\s*:)?\s+")
# "X said inflation had peaked but warned against cutting rates too soon": the statement ends at "but" (with
# "that" after the verb, "but cautioned that ...", the annotated sets keep one statement: it is left whole)
BUT_WARNED = re.compile(
    r",?\s+but\s+(?:also\s+)?(?:warned|cautioned|added|insisted|stressed|said)\b(?P<that>\s+that\b)?\s*"
)


def with_what_was_added(text: str, results: list[Found]) -> list[Found]:
    """'X said the pipeline would reopen in May, adding that repairs were on schedule' / '..., adding: "We are
    overwhelmed."': what was added is a second statement of the same speaker, at the same time."""
    out: list[Found] = []
    for f in results:
        m = ADDING.search(text, f.start, f.end) or BUT_WARNED.search(text, f.start, f.end)
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
        if m.re is BUT_WARNED:  # "but warned against ...": no statement of its own
            out.append(f if m.group("that") else replace(f, end=m.start()))
            continue
        start = m.end()
        while start < f.end and text[start] in "\u201c\"'\u2018 ":
            start += 1
        kind = "denial" if FALSE_WORDS.search(text, start, f.end) else "claim"
        added = replace(f, kind=kind, start=start, cue="added", anaphoric=False, answers_previous=False)
        out += [replace(f, end=m.start()), added]
    return out


# a sentence that quotes no one but opens on its subject: "Kerr visited the front on Monday.", "Ida Varga, 45, lost
# her shop in the fire.", "The company was fined $2 million on Monday." The next sentence's "he", "she" or "it"
# most likely means that subject.
_OPENING_PERSON = re.compile(
    r"^(?P<np>[A-Z][\w'\u2019\-]+(?:\s+(?:(?:de|van|von|der|al|bin)\s+)?[A-Z][\w'\u2019\-]+){0,2})"
    r"(?:,\s+\d{1,3},)?\s+(?=(?:was|is|has|had|did|does|will|would|could|met|left|lost|spoke|took|went|came|"
    r"made|became|won|faces|[a-z]+ed)\b)"  # a verb follows: "Kerr visited", "Back at the farm" is no one
)
_OPENING_ORG = re.compile(r"^(?:The|the)\s+(?P<head>[a-z]+)\s+(?=[a-z])")
_OPENERS = (
    "The A An In On At By For After Before When While As If But And Yet So It He She They We I This That These "
    "Those There Here Asked Speaking According Earlier Later Last Police Officials Witnesses Residents"
)
_NOT_A_SUBJECT = frozenset(_OPENERS.split())


def note_subject(state: State, sentence: str) -> None:
    """A sentence that states nothing but opens on a person or an organisation: a person becomes the likeliest
    "he"/"she" of what follows, an organisation the likeliest "it" (after the people it names, ``note_named``)."""
    before = list(state.recent)
    note_named(state, sentence)
    person = _OPENING_PERSON.match(sentence)
    if person is not None and person.group("np").split()[0] not in _NOT_A_SUBJECT:
        if state.recent != before:
            return  # a speaker the text named before, in full
        probe = State(
            list(state.speakers), state.last, state.last_collective, state.text, dict(state.capitals)
        )
        sp = parse_speaker(person.group("np"), probe)
        if sp is not None and not sp.collective and individual(sp.name, sp.role, sp.collective):
            known = next(
                (k for k in state.speakers if k.name == sp.name or k.name.endswith(f" {sp.name}")), sp
            )
            if known in state.recent:
                state.recent.remove(known)
            state.recent.append(known)
        return
    org = _OPENING_ORG.match(sentence)
    if org is not None and org.group("head") in ORG_HEADS:
        last = state.last, state.last_collective
        sp = parse_speaker(org.group(0).strip(), state)  # marks it as the last to speak: the next "it"
        if sp is None or individual(sp.name, sp.role, sp.collective):
            state.last, state.last_collective = last


# '"The quay is safe," the minister said, "and it will stay open."': the quotation resumed after its attribution
RESUMED = re.compile(
    r"[\u201d\"]\s*(?P<attr>[^\u201c\u201d\"]{1,80}?)\b(?:said|says|added|adds|told\s+[^\u201c\u201d\",]{1,30}?|"
    r"insisted|insists|warned|warns|continued|went on)\b[^\u201c\u201d\"]{0,40}?[,:]\s*[\u201c\"]"
    r"(?P<q>[^\u201c\u201d\"]{3,}?)[\s,.!?]*[\u201d\"]"
)


_QUOTE_CLOSES = re.compile(r"[\s,.!?]*(?=[\u201d\"])")
# '"The quay is safe," the harbour master said, adding that ...' / '..., its chairman said, and added that ...':
# after an attribution that follows the statement, the point added is a statement of its own
ADDED_AFTER = re.compile(
    r"[\s,.!?]*[\u201d\"]?,?\s*(?P<attr>[^\u201c\u201d\";:]{1,80}?)\b(?:said|says|told\s+[^\u201c\u201d\",]{1,30}?|"
    r"wrote|insisted|insists|warned|warns|stressed|argued)\b[^\u201c\u201d\",;:]{0,40}?,?\s+(?:and\s+)?"
    r"(?:adding|added)(?:\s+that\b|\s*:)?\s+[\u201c\"]?(?P<q>[^\u201c\u201d\"]{3,}?)[\s,.!?]*[\u201d\"]?[\s.!?]*$"
)


def with_quote_resumed(text: str, sentence_end: int, results: list[Found]) -> list[Found]:
    """A statement goes on after its attribution: a quotation broken by it ('"...," the minister said, "and it
    will stay open."') or a point added ('..., the minister said, adding that ...'). The second part is the same
    speaker's, said at the same time."""
    out: list[Found] = []
    taken = {(f.start, f.end) for f in results}
    for f in results:
        out.append(f)
        close = _QUOTE_CLOSES.match(text, f.end)
        m = None
        if close is not None and close.end() <= f.end + 3:
            m = RESUMED.match(text, close.end(), sentence_end)
        cue = "quotation"
        if m is None:
            m = ADDED_AFTER.match(text, f.end, sentence_end)
            cue = "added"
            if m is None or len(m.group("attr").split()) > 8:
                continue
        if (m.start("q"), m.end("q")) in taken or len(m.group("q").split()) < (
            2 if cue == "quotation" else 3
        ):
            continue
        kind = (
            "denial"
            if FALSE_WORDS.search(m.group("q")) or (cue == "quotation" and f.kind == "denial")
            else "claim"
        )
        out.append(
            replace(
                f,
                kind=kind,
                start=m.start("q"),
                end=m.end("q"),
                cue=cue,
                anaphoric=False,
                answers_previous=False,
            )
        )
    return out


# "Velmorra did not respond to a request for comment, but has previously denied targeting civilians": the side
# that gave no answer today has answered before. Its earlier denial is a statement of its own (undated: the text
# gives no day), and after such a sentence "It has denied ..." is that side's.
NO_COMMENT = re.compile(
    r"^(?P<who>[^,;:\u201c\u201d\"]{2,80}?)\s+(?:did not|didn't|does not|has not|have not|had not|could not|"
    r"declined to|would not)\b[^.;]{0,60}?\b(?:comment|respond|reply|replied|be reached)\w*\b[^.;]{0,60}?"
    r"(?P<but>[,;]?\s+but\s+(?P<denial>(?:has|have|had)\s+(?:(?:previously|earlier|repeatedly|consistently|long|"
    r"always|in the past)\s+)?(?:denied|rejected|dismissed|disputed)\s+[^.;]{3,}?))?[.!?]?\s*$"
)


_ATTRIBUTED = re.compile(r"[,\u201d\"]\s*[^,]{1,40}?\b(?:said|says|told|tells|added|adds|wrote)\b")


_NO_COMMENT_WORD = re.compile(r"\b(?:comment|respond|reply|replied|reached)", re.I)


def no_comment(text: str, sent: Sentence, state: State) -> list[Found] | None:
    """The denial in "X did not respond ..., but has denied ..." (None for another shape or when X is no
    speaker); after "X did not respond ..." alone, X becomes the likeliest "it"/"they" of the next sentence."""
    if not _NO_COMMENT_WORD.search(sent.text):
        return None
    m = NO_COMMENT.match(sent.text)
    if m is None or _ATTRIBUTED.search(sent.text):
        return None  # "Pallene has not replied, she said.": someone's statement about the silence
    speaker = parse_speaker(m.group("who").strip(), state)  # the last named: the next "It has denied ..."
    if speaker is None or is_fragment(speaker.name) or m.group("denial") is None:
        return [] if speaker is not None and m.group("denial") is None else None
    start = sent.start + m.start("denial")
    end = sent.start + m.end("denial")
    return [Found("denial", start, end, speaker, "denied", None, 0.7, 0, anaphoric=True)]
