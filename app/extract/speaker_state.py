"""Who has spoken so far in a text: the speakers met, the latest (whom "he", "she", "it" and "they" may stand
for), the text's capitals and its issuer; a speaker registered once and found again by name or surname. Split
out of ``speakers``, which parses a speaker phrase into a ``Speaker`` and resolves it against this ``State``."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from app.extract.lexicon import DATELINE
from app.extract.persons import individual, named_in
from app.extract.speaker_phrases import ORG_HEADS, ORG_NAME


@dataclass
class Speaker:
    name: str
    role: str = ""
    affiliation: str = ""
    collective: bool = False

    @property
    def surname(self) -> str:
        parts = self.name.split()
        return parts[-1] if parts and not self.collective else ""


@dataclass
class State:
    speakers: list[Speaker] = field(default_factory=list)
    last: Speaker | None = None
    last_collective: Speaker | None = None
    text: str = ""  # the whole text: countries and capitals it names
    capitals: dict[str, str] = field(default_factory=dict)  # "Valdor" -> "Ruritania", learned from the text
    recent: list[Speaker] = field(default_factory=list)  # who spoke or was named last, the latest at the end
    issuer: str = ""  # who issued the text when its title says so ("Statement from X on ..."): its "we"


def dateline_length(text: str) -> int:
    """'WASHINGTON, July 12 (Meridian Wire) - ' at the start of a wire story: not part of what was said."""
    m = DATELINE.match(text) or LIVE_ENTRY_TIME.match(text)
    return m.end() if m else 0


# a live blog's entry opens on its time, on a line of its own ("17:30\nThe Galdorians deny this.")
LIVE_ENTRY_TIME = re.compile(
    r"^\d{1,2}[:.]\d{2}(?:\s*(?:[ap]\.?m\.?|GMT|UTC|BST|CET|EST|local(?: time)?))?(?:\s*\n|\s+[-\u2013\u2014])\s*",
    re.I,
)  # or on the entry's first line, with a dash: "15:10 - The Citizens' Platform has denied it."


def _person(sp: Speaker) -> bool:
    """A named person rather than an organisation or a group: two or more name words, none an organisation's,
    and no organisation's role ('The operator, Kessel Copper')."""
    if sp.collective or len(sp.name.split()) < 2 or ORG_NAME.search(sp.name):
        return False
    return not (sp.role and sp.role.lower().split()[-1] in ORG_HEADS)


def _find_known(state: State, name: str) -> Speaker | None:
    low = name.lower()
    for sp in reversed(state.speakers):
        if sp.name.lower() == low or (not sp.collective and sp.surname and sp.surname.lower() == low):
            return sp
    return None


def register(state: State, speaker: Speaker) -> Speaker:
    known = _find_known(state, speaker.name)
    if known is not None:
        if speaker.role and not known.role:
            known.role = speaker.role
        if speaker.affiliation and not known.affiliation:
            known.affiliation = speaker.affiliation
        return _mark_last(state, known)
    state.speakers.append(speaker)
    return _mark_last(state, speaker)


def note_named(state: State, sentence: str) -> None:
    """A sentence that quotes no one but names people ("Wexley is due to give evidence later in the week"): they
    are whom a following "he" or "she" most likely means."""
    people = [sp for sp in state.speakers if _person(sp) and individual(sp.name, sp.role, sp.collective)]
    for name in named_in(sentence, state.text, [sp.name for sp in people]):
        sp = _find_known(state, name) or Speaker(name)
        if sp in state.recent:
            state.recent.remove(sp)
        state.recent.append(sp)


def _mark_last(state: State, speaker: Speaker) -> Speaker:
    state.last = speaker
    if speaker in state.recent:
        state.recent.remove(speaker)
    state.recent.append(speaker)
    if speaker.collective:
        state.last_collective = speaker
    return speaker
