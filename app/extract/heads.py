"""What the head of a speaker phrase looks like, read from the phrase's grammar alone (no list of names): an
organisation's name, a clause that opens on a verb and so is no noun phrase, a page heading that is no speaker's
label. ``speakers`` and ``subjects`` use these; nothing here knows a particular text."""

from __future__ import annotations

import re

from app.extract.lexicon import TITLE_RE, _words, names_role


def org_like(np: str) -> bool:
    """'Arlen Centre for Security Studies', 'Institute of Peace Research': a name may join words with of/for/and;
    "the U.S. Department of Justice", "Bellamy & Co.", "Kestrel Motors plc": initials, "&", a company's suffix;
    "The Saltgate Fishermen's Cooperative", "the Workers' Alliance": a possessive inside a body's name, and the
    article a body's name takes (a person's name never does)."""
    word = r"[A-Z][\w\-]*(?:['\u2019]s?(?=\s))?\.?(?:[A-Z]\.)*"
    name = rf"^([Tt]he\s+)?{word}(\s+(?:(?:of|for|and|on|&)\s+(?:the\s+)?)?{word}){{0,5}}(?:\s+plc)?$"
    if re.match(r"[A-Z][\w\-]*['\u2019]s?\s", np) and not re.match(r"[Tt]he\s", np):
        # "Kallova's foreign ministry" is no name; "Osterrun's Harbour Board" is read by the owner rules
        return False
    # (a title opens a person's name, not an organisation's: "Rev. Ama Boateng and Tomas Pell")
    return bool(re.match(name, np)) and len(np.split()) <= 8 and TITLE_RE.match(np) is None


# words a noun phrase may open with before a determiner ("All the", "Both the", "In the", "Yesterday the"): any
# other single word directly before a determiner is a verb, and the phrase a clause ("Ask the ministry ...")
_BEFORE_DETERMINER = _words(
    "all both half only even just not nearly almost also but and or nor then now so yet however meanwhile still "
    "instead in on at for of from by with after before during since until under over among amid like unlike "
    "despite as to into onto across through throughout within without around near outside inside behind between "
    "beyond against toward towards via per about above below beside upon ahead according due thanks next close "
    "prior yesterday today tonight tomorrow overnight later earlier separately elsewhere here there afterwards "
    "once again too when while whilst if though although because where why how what whether unless whereas "
    "what's who which whose whom that this these those such quite rather"
)
_DETERMINER = r"(?:the|a|an|your|their|its|his|her|our|this|that|these|those|my)"
VERB_FIRST = re.compile(rf"^(?P<word>[A-Z][a-z]+)\s+{_DETERMINER}\s")
AND_PHRASE = re.compile(rf"\s+and\s+(?P<np>{_DETERMINER}\s+[^;]+?)\s*$")


def verb_first_subject(np: str) -> int | None:
    """'Ask the Ismerian foreign ministry about that case and a spokesman [says ...]', 'Call the depot and a
    manager [says ...]': a phrase opening on a word then a determiner is a clause (an imperative, a verb put
    first), never a noun phrase, so its subject is the noun phrase after its last "and": where that starts in
    ``np`` (None when the phrase opens as a noun phrase or has no such "and")."""
    verb = VERB_FIRST.match(np)
    if verb is None:
        return None
    word = verb.group("word").lower()
    if word in _BEFORE_DETERMINER or word.endswith("ly"):
        return None  # "All the", "In the", "Yesterday the", "Separately the": the noun phrase may follow
    joined = AND_PHRASE.search(np)
    return joined.start("np") if joined is not None else None


# a heading's lower-case phrase: "Notes to editors", "Letters to the editor", "Information for parents"
_HEADING_PHRASE = re.compile(
    r"\b(?:to|for|on|about|from|with|by|at|in|of)\s+(?:the\s+|our\s+|all\s+)?[a-z]", re.UNICODE
)
_NAME_PARTICLE = _words(
    "van von de da del della der den di dos das la le du ter ten ap los las bint bin ben al"
)


def heading_label(label: str) -> bool:
    """A page's heading before a colon ("Notes to editors:", "Editor's note:", "Key facts:"), not a transcript
    speaker's label: written in mixed case, it ends on a lower-case word that names no role, or holds a
    preposition before a lower-case word. A speaker's label is a name, a role, or capitals."""
    words = label.split()
    if not words or label.isupper():
        return False
    last = words[-1]
    lower_last = last[:1].islower() and last.lower() not in _NAME_PARTICLE
    if lower_last and not names_role(label.lower()):
        return True  # "Editor's note", "Key facts"
    phrase = _HEADING_PHRASE.search(label)
    # "Notes to editors" is a heading; "Minister for trade", "Spokesman for the ministry" name a role first
    return phrase is not None and not names_role(label[: phrase.start()].lower())
