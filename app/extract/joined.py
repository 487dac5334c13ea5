"""A second speaker in a joined clause of the same sentence.

'Two filmmakers said they had asked to withdraw, and a third, Ezequiel Marquand, said he would show his film in
the car park', 'Residents have complained of sore throats since Sunday, and a local radio station reported on
Sunday that firefighters had been told to stay back', '... accused the distributor of holding back insulin, as
pharmacies in three provinces said they had been turned away': what follows the second verb of saying is the
second subject's, not the first speaker's.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from app.extract.answers import Found
from app.extract.dates import resolve_date
from app.extract.speakers import State, parse_speaker

JOINED_SPEAKER = re.compile(
    r",\s*(?:and|as|while|whereas)\s+"
    r"(?P<who>(?:(?:a|an|the|some|other|several|many|two|three|four)\s+|[A-Z])[^,;\"\u201c\u201d]{1,60}?"
    r"(?:,\s*[A-Z][^,;\"\u201c\u201d]{2,40},)?)"
    r"\s+(?P<verb>said|says|reported|told (?:reporters|journalists))"
    r"(?P<when>\s+(?:on|last|this|late|early)\s+[A-Za-z]+(?:\s+[a-z]+)?)?(?:\s+that)?\s+"
)
_PRONOUN = re.compile(r"(?:he|she|they|it|we|i|you)$", re.I)


def joined_speaker(text: str, f: Found, state: State, published: dt.date | None) -> list[Found]:
    """``f`` split where a joined clause gives its own subject and verb of saying, the rest that subject's."""
    if f.cue == "quotation":
        return [f]
    m = JOINED_SPEAKER.search(text, f.start, f.end)
    if (
        m is None
        or len(text[f.start : m.start()].split()) < 3
        or len(text[m.end() : f.end].split()) < 3
        or _PRONOUN.match(m.group("who").strip())
        or text.count('"', f.start, m.start()) % 2
        or text.count("\u201c", f.start, m.start()) > text.count("\u201d", f.start, m.start())
    ):
        return [f]
    last = state.last, state.last_collective
    sp = parse_speaker(m.group("who"), state)
    if sp is None or sp.name == f.speaker.name:
        state.last, state.last_collective = last
        return [f]
    said = resolve_date(m.group("when") or "", published) or f.said
    second = Found("claim", m.end(), f.end, sp, m.group("verb").split()[0], said, 0.7, 0)
    return [replace(f, end=m.start()), second]
