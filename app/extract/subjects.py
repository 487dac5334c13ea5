"""Who a sentence's subject is when the speaker phrase alone does not say: the subject of a participle of saying
("Regulators grounded six jets, saying ..."), a plain noun phrase that is the subject of a verb only people and
bodies do ("The cooperative says ...", "the driver told investigators ..."), one of a counted group ("One, who
...,"), a lede's office named in the next paragraph, the claim "..., after X said ..." answers, and a page
heading that is no transcript turn. Split out of ``extractor``, which calls these."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from app.extract.answers import Found
from app.extract.clauses import AFTER_SAID, COUNTER, SAYING, SKIP_PLAIN
from app.extract.dates import names_a_day, resolve_date
from app.extract.gate import speaker_shaped
from app.extract.heads import heading_label
from app.extract.lexicon import (
    ACTION_VERBS,
    DOCUMENT_HEADS,
    DV,
    FALSE_WORDS,
    FUNCTION_END,
    NEGATION,
    NON_SPEAKERS,
    NOT_SPEAKER_WORDS,
    PREMISES,
    QUANTITY_WORDS,
    STOPWORDS,
    names_role,
)
from app.extract.persons import individual
from app.extract.speaker_phrases import AGENT_NOUN, OUTLET_WORDS, clean_np
from app.extract.speakers import Speaker, State, is_fragment, parse_speaker, register


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
    if said_when is not None and names_a_day(said_when.group(0)):
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


# verbs whose subject is always someone (a person or a body), never a thing: "the figures suggest", "the audit
# found", "the delay confirmed" are not here
SPEAKING_VERB = re.compile(
    r"(?:said|says|say|told|tells|stated|states|added|adds|insisted|insists|denied|denies|rejected|rejects|"
    r"dismissed|dismisses|accused|accuses|claimed|warned|warns|argued|argues|admitted|admits|replied|"
    r"replies|alleged|alleges|complained|complains|acknowledged|conceded|countered)",
    re.I,
)
# nouns without an article, as a headline writes them: "commission says", "port workers say"
BARE_NOUNS = re.compile(r"\s*[a-z][a-z\-]+(?:\s+[a-z][a-z\-]+)?\s*")
# a plain noun phrase: an article, up to three modifiers (no little words), a lower-case singular head
PLAIN_NP = re.compile(r"^(?:[Tt]he|[Aa]n?)\s+(?P<mods>(?:[\w\-'\u2019]+\s+){0,3})(?P<head>[a-z][a-z\-]{2,})$")


# said after its speaker ('"...," said the driver'): the phrase after any other verb is its object ("rejected the
# allegation"), not who spoke
INVERTED_VERB = re.compile(r"said|says|added|adds|replied|replies|insisted|insists", re.I)
# what a body issues speaks for the body, which the speaker rules find ("the statement said"); never a speaker itself
ISSUED = re.compile(r"statement|release|announcement|notice|post|message|reply|response|note|bulletin")


def subject_of_saying(np: str, verb: str, state: State, *, inverted: bool = False) -> Speaker | None:
    """'The cooperative says ...', 'The driver, whose name has not been released, told investigators ...': a
    plain noun phrase as the subject of a verb of saying is someone who speaks (whoever or whatever it is, only
    people and bodies say, tell, deny or insist), when the speaker rules know no name, role or group for it."""
    if not SPEAKING_VERB.fullmatch(verb) or (inverted and not INVERTED_VERB.fullmatch(verb)):
        return None
    phrase = re.sub(r"\s+(?:itself|themselves|herself|himself)$", "", clean_np(np))  # "The club itself"
    m = PLAIN_NP.match(phrase)
    if m is None or is_fragment(phrase):
        return None
    head = m.group("head")
    mods = m.group("mods").lower().split()
    if any(w in STOPWORDS or w in FUNCTION_END for w in mods):
        return None  # "the length of the": a phrase that runs on
    if head.endswith("s") or head in NON_SPEAKERS or head in QUANTITY_WORDS or head in PREMISES:
        return None  # plurals have their own rules; "the rest", "the times" are no one
    if ISSUED.fullmatch(head) or DOCUMENT_HEADS.match(head) or head in OUTLET_WORDS:
        return None  # ("the paper said" with no paper named is left to the analyst: no outlet is invented)
    name = re.sub(r"^(?:the|an?)\s+", "", phrase, flags=re.I)
    name = name[:1].upper() + name[1:]
    # "the driver", "the inspector": a person ("she said" after it may be them); "the cooperative", "the clinic":
    # a body, which no "he" or "she" stands for
    person = AGENT_NOUN.fullmatch(head) is not None or names_role(head)
    return register(state, Speaker(name, "" if person else "organisation", ""))


def not_a_turn(label: str) -> bool:
    """'Others were less sure: ...', 'Read more: ...', 'Notes to editors: ...': not a transcript speaker's turn."""
    return (
        is_fragment(label)
        or label.split()[0].lower() in NOT_SPEAKER_WORDS
        or heading_label(label.strip())
        or not speaker_shaped(label)  # "That's not what the officials:", "If the minister:", "BREAKING:"
    )


# a person by office alone: "Former chairman of Linwell Cooperative Bank", "Chief executive of Tarn Mining"
_OFFICE_ONLY = re.compile(r"[A-Z][a-z\-]+(?:\s+[a-z][a-z\-]+)*(?:\s+(?:of|at|for)\s+.+)?")
_PROPER_NAME = re.compile(r"[A-Z][\w'\u2019\-]+(?:\s+(?:[a-z]{1,3}\s+)?[A-Z][\w'\u2019\-]+)+")


def delayed_names(found: list[Found]) -> None:
    """Wire copy gives the person in its lede by office and names them in the next paragraph ("The former
    chairman of Linwell Bank said ..." then "In a statement, Anselm Tolland said ..."): the lede's statements are
    the named person's, who holds that office. Only in the story's first sentences, and only when the next
    statement is by a person the story has not named before, with no office of their own."""
    if any(f.cue == "transcript" for f in found):
        return  # a transcript's labels name their speakers themselves
    lede = next((f for f in found if f.sentence_index <= 3 and _office_only(f.speaker)), None)
    if lede is None:
        return
    first = lede.speaker
    later = [f for f in found if f.sentence_index > lede.sentence_index and f.speaker is not first]
    if not later or later[0].sentence_index > lede.sentence_index + 2:
        return
    named = later[0].speaker
    if any(f.speaker is named for f in found if f.sentence_index <= lede.sentence_index):
        return  # named before the lede: someone else
    if (
        not individual(named.name, named.role, named.collective)
        or named.role
        or not _PROPER_NAME.fullmatch(named.name)
    ):
        return
    named.role = first.name[:1].lower() + first.name[1:]
    for f in found:
        if f.speaker is first:
            f.speaker = named


def _office_only(sp: Speaker) -> bool:
    """'Former chairman of Linwell Cooperative Bank': a person given by office alone (not a body described:
    "Union representing dock workers at the port", "National medicines agency")."""
    if sp.role or not individual(sp.name, sp.role, sp.collective) or not _OFFICE_ONLY.fullmatch(sp.name):
        return False
    office = re.split(r"\s+(?:of|at|for)\s+", sp.name)[0]
    return len(office.split()) <= 3 and names_role(office.lower())


_ONE = re.compile(r"(?:[Oo]ne|[Aa]nother|[Aa] second|[Aa] third)")
# a counted group: "several drivers who spoke to the paper", "Three nurses at the clinic", "12 residents"
_COUNTED = re.compile(
    r"\b(?:[Ss]everal|[Ss]ome|[Tt]wo|[Tt]hree|[Ff]our|[Ff]ive|[Ss]ix|[Ss]even|[Ee]ight|[Nn]ine|[Tt]en|[Mm]any|"
    r"[Aa] few|[Aa] dozen|[Dd]ozens of|\d+)\s+(?:[a-z][\w\-]*\s+){0,2}?(?P<noun>[a-z][\w\-]*[^s\W']s)\b"
)


def group_member(np: str, text: str, at: int, state: State) -> Speaker | None:
    """'Several drivers spoke to the paper. One, who asked not to be named, said ...': "one" (or "another") alone
    is one of the counted group the text has just named, never a speaker called "One"."""
    if not _ONE.fullmatch(clean_np(np)):
        return None
    groups = [
        m.group("noun")
        for m in _COUNTED.finditer(text, max(0, at - 400), at)
        if m.group("noun") not in QUANTITY_WORDS and m.group("noun") not in PREMISES
    ]
    if not groups:
        return None
    return register(state, Speaker(f"One of the {groups[-1]}", "", "", collective=False))


def subject_first(np: str, verb: str, text: str, at: int, state: State) -> Speaker | None:
    """The speaker of 'NP VERB ...' (the phrase before the verb, starting at ``at`` in ``text``): one of a counted
    group ("Several drivers ... One, who ..., said"), a speaker phrase, or a plain noun phrase that says."""
    return group_member(np, text, at, state) or parse_speaker(np, state) or subject_of_saying(np, verb, state)


def answered_after(text: str, results: list[Found], state: State, published: dt.date | None) -> list[Found]:
    """'X denied ..., after the coastguard said on Monday that ...': what the coastguard said is a claim of its
    own, said before X's statement, which answers it (the lede of a story about a dispute)."""
    out: list[Found] = []
    for f in results:
        m = AFTER_SAID.search(text, f.start, f.end)
        if m is None or f.cue == "quotation" or len(text[f.start : m.start()].split()) < 3:
            out.append(f)
            continue
        last = state.last, state.last_collective  # "It said ..." next still means the answering side
        sp = parse_speaker(m.group("who"), state)
        state.last, state.last_collective = last
        if sp is None or sp.name == f.speaker.name:
            out.append(f)
            continue
        when = resolve_date(f"{m.group('when') or ''} {m.group('when2') or ''}", published)
        claim = found(text, "claim", m.start("content"), m.end("content"), sp, m.group("verb"), when, 0.7)
        answer = replace(f, end=m.start(), answers_previous=True)
        out += [claim, answer]
    return out
