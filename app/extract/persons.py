"""Whom "he" and "she" can stand for: one person (not a government, a group or an organisation), of the sex the
text gives them by a title ("Ms Ellefsen Vardy", "Sir Percival Gathwaite"), and the people a sentence names
without quoting them ("Wexley is due to give evidence later in the week. ... he said")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from app.extract.lexicon import COLLECTIVE_HEADS, NON_SPEAKERS
from app.extract.speaker_phrases import ORG_HEADS, ORG_NAME

_FEMININE = r"Ms|Mrs|Miss|Madam|Madame|Lady|Dame|Baroness|Duchess|Queen|Princess|Sister"
_MASCULINE = r"Mr|Sir|Lord|Baron|Duke|King|Prince|Brother|Father"
# a sentence that opens on a bare name and goes on with a verb: "Wexley is due to give evidence", "Ellefsen-Vardy
# answered within hours" (the name, then a lower-case word)
_NAME_OPENS = re.compile(r"^(?:[A-Z][\w'\u2019\-]+\s+){0,2}(?P<surname>[A-Z][\w'\u2019\-]+)\s+(?=[a-z])")
_NUMBERS = frozenset(
    [
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "several",
        "many",
        "some",
        "both",
    ]
)
_INSTITUTIONS = frozenset(
    [
        "museum",
        "gallery",
        "orchestra",
        "philharmonic",
        "guild",
        "district",
        "club",
        "league",
        "school",
        "theatre",
        "theater",
        "society",
        "association",
        "federation",
        "institute",
        "foundation",
        "trust",
        "university",
        "hospital",
        "council",
        "commission",
        "committee",
        "court",
        "embassy",
        "consulate",
        "mission",
        "newspaper",
        "station",
    ]
)
_FEMININE_BEFORE = re.compile(rf"\b(?:{_FEMININE})\.?\s+(?:[A-Z][\w'\u2019\-]*\s+){{0,2}}$")
_MASCULINE_BEFORE = re.compile(rf"\b(?:{_MASCULINE})\.?\s+(?:[A-Z][\w'\u2019\-]*\s+){{0,2}}$")
_STOP = frozenset(
    ["The", "A", "An", "This", "That", "It", "He", "She", "They", "We", "In", "On", "At", "But"]
)


def _key(name: str) -> str:
    return re.sub(r"[\s\-]+", " ", name).strip().lower()


def individual(name: str, role: str, collective: bool) -> bool:
    """One person: not a government, a group ("Kaivalan officials", "Two people familiar with ...") or an
    organisation ("Silvercove Pharma", "Pilots' union", "Hallstrand Museum"), judged by the name's head word
    ("Agency spokeswoman" and "Former nurse" are one person)."""
    if role in ("government", "organisation") or not name.split():
        return False
    if name.split()[0].lower() in _NUMBERS:
        return False
    head = re.split(r"\s+(?:of|for|at|from|in|with|on)\s+", name)[0].split()[-1]
    low = head.lower().strip("'\u2019")
    if (
        COLLECTIVE_HEADS.fullmatch(low)
        or low in ORG_HEADS
        or low in _INSTITUTIONS
        or ORG_NAME.fullmatch(head)
    ):
        return False
    return not (collective and low.endswith("s") and not low.endswith(("ss", "us", "is")))


@lru_cache(maxsize=512)
def sex_in_text(name: str, text: str) -> str:
    """'f' or 'm' when the text puts a title of that sex before the name or its surname, else ''."""
    words = name.split()
    if not words:
        return ""
    surname = re.escape(words[-1]).replace(r"\-", r"[\-\s]")
    found = set()
    for m in re.finditer(rf"\b{surname}\b", text):
        before = text[max(0, m.start() - 40) : m.start()]
        for sex, titled in (("f", _FEMININE_BEFORE), ("m", _MASCULINE_BEFORE)):
            if titled.search(before):
                found.add(sex)
    return found.pop() if len(found) == 1 else ""


@lru_cache(maxsize=512)
def _full_name(surname: str, text: str) -> str:
    full = re.search(rf"\b(?!The\b)([A-Z][\w'\u2019\-]+\s+{re.escape(surname)})\b", text)
    return full.group(1) if full is not None else ""


# a byline names the reporter, who is no one's "he" or "she": "By Nessa Callowhill", "Nessa Callowhill reports from"
_BYLINE = re.compile(r"^(?:By\s+[A-Z]|(?:[A-Z][\w'\u2019\-]+\s+){1,3}reports?\s+(?:from|for)\b)")
# a name in apposition to a role: "The union's president, Erlend Moe-Villalobos, has stayed out of ...", "the
# Margarethe Rue's chief engineer, Liesl Szalai-Thornbury, is less interested ..." (the role ends on a small word)
_APPOSED_NAME = re.compile(
    r"\b[a-z][\w\-]*,\s+(?P<name>(?:(?:Dr|Captain|Colonel|General|Judge|Professor)\.?\s+)?[A-Z][\w'\u2019\-]+"
    r"(?:\s+(?:(?:de|van|von|der|ter|da|le|la|al)\s+)?[A-Z][\w'\u2019\-]+){1,2}),\s+(?=[a-z])"
)


def named_in(sentence: str, text: str, known: list[str]) -> Iterator[str]:
    """The people a sentence names without quoting them, in order: a known speaker's name or surname (hyphen or
    space), a bare name opening the sentence that the text gives in full elsewhere ("Alaric Wexley"), or a name in
    apposition to a role ("Its director, Paulina Szymanska, said"); never a byline's reporter."""
    if _BYLINE.match(sentence):
        return
    flat = _key(sentence)
    hits: list[tuple[int, str]] = []
    for apposed in _APPOSED_NAME.finditer(sentence):
        name = re.sub(r"^(?:Dr|Captain|Colonel|General|Judge|Professor)\.?\s+", "", apposed.group("name"))
        hits.append((len(_key(sentence[: apposed.start("name")])), name))
    for name in known:
        words = name.split()
        for probe in dict.fromkeys([name, words[-1]] if len(words) > 1 else [name]):
            if _key(probe) not in flat:
                continue  # most of a long text's speakers are not in this sentence: no pattern built for them
            m = re.search(rf"\b{re.escape(_key(probe))}\b", flat)
            if m is not None and len(probe) > 3:
                hits.append((m.start(), name))
                break
    opens = _NAME_OPENS.match(sentence)
    if opens is not None and opens.group(0).split()[0] not in _STOP:
        surname = opens.group("surname")
        full = _full_name(surname, text)
        if full and surname.lower() not in NON_SPEAKERS:
            hits.append((0, full))
    for _pos, name in sorted(hits):
        yield name


def two_people(np: str) -> tuple[str, str] | None:
    """'Aino Abubakar and Dr Elif D'Amato' -> the two names (each of two to four words), else None."""
    m = re.fullmatch(r"\s*(?P<a>[^,]+?)\s+and\s+(?P<b>[^,]+?)\s*", np)
    if m is None or any(not 2 <= len(m.group(g).split()) <= 4 for g in ("a", "b")):
        return None
    return m.group("a"), m.group("b")


_PARTICLE = re.compile(r"(?<=\s)(Van|Von|De|Der|Den|Da|Del|Della|Di|Du|La|Le|Ter|Ten|Bin|Ibn)\b")


def from_capitals(label: str) -> str:
    """A transcript's label in capitals as a name: "KEES VAN DER BERG" is Kees van der Berg."""
    return _PARTICLE.sub(lambda m: m.group(1).lower(), label.title())
