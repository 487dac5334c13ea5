"""Who said the words an analyst selected in a source, proposed for the claim dialog.

``attributed_speaker`` asks the claim extractor who the text says spoke them ("..., the minister said");
failing that, ``suggest_actor`` takes the known actor named nearest before the selection (by name, alias or
surname), then just after it. ``candidates_for_source`` gives the actors to look for: the source's own
speakers first, then the library's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.domain import SourceRecord
    from app.library import Library

LOOK_BACK = 1500  # characters before the selection searched for a speaker's name
LOOK_AHEAD = 300


@dataclass(frozen=True)
class ActorCandidate:
    name: str
    role: str = ""
    affiliation: str = ""
    aliases: tuple[str, ...] = ()

    def needles(self) -> list[str]:
        out = [self.name, *self.aliases]
        parts = self.name.split()
        if len(parts) > 1 and len(parts[-1]) > 2:
            out.append(parts[-1])  # the surname, as transcripts and articles use it
        return [n for n in dict.fromkeys(out) if n.strip()]


def suggest_actor(body: str, start: int, end: int, candidates: list[ActorCandidate]) -> ActorCandidate | None:
    """The candidate mentioned nearest before ``start`` (or, failing that, just after ``end``)."""
    before = body[max(0, start - LOOK_BACK) : start]
    after = body[end : end + LOOK_AHEAD]
    best: tuple[int, ActorCandidate] | None = None
    for cand in candidates:
        for needle in cand.needles():
            pattern = re.compile(r"\b" + re.escape(needle) + r"\b", re.IGNORECASE)
            last: re.Match[str] | None = None
            for m in pattern.finditer(before):
                last = m
            if last is not None:
                distance = len(before) - last.end()
                if best is None or distance < best[0]:
                    best = (distance, cand)
            following = pattern.search(after)
            if following is not None:
                distance = LOOK_BACK + following.start()  # after the quote ranks behind any mention before it
                if best is None or distance < best[0]:
                    best = (distance, cand)
    return best[1] if best else None


def candidates_for_source(lib: Library, source_id: int, *, limit: int = 500) -> list[ActorCandidate]:
    """The actors of the source's claims first, then the library's actors (up to ``limit``)."""
    seen: dict[int, ActorCandidate] = {}
    for c in lib.claims.for_source(source_id):
        if c.actor_id is not None and c.actor_id not in seen:
            a = lib.actors.get(c.actor_id)
            seen[a.id] = ActorCandidate(a.name, a.role, a.affiliation, tuple(a.aliases))
    for a in lib.actors.list(limit=limit, with_total=False).items:
        seen.setdefault(a.id, ActorCandidate(a.name, a.role, a.affiliation, tuple(a.aliases)))
    return list(seen.values())


def attributed_speaker(source: SourceRecord, span: tuple[int, int]) -> ActorCandidate | None:
    """Who the text says spoke the selected words ("..., the minister said"), read by the claim extractor from
    the text around the selection; None when no attribution covers it."""
    from app.extract import RuleExtractor

    start = max(0, source.body.rfind("\n\n", 0, max(0, span[0] - 3000)) + 1)
    end = min(len(source.body), span[1] + 600)
    window = source.body[start:end]
    try:
        proposals = RuleExtractor().propose(window, published=source.published)
    except Exception:  # noqa: BLE001 - a suggestion is optional
        return None
    a, b = span[0] - start, span[1] - start
    best = None
    for p in proposals:
        overlap = min(p.end, b) - max(p.start, a)
        if overlap > 0 and (best is None or overlap > best[0]):
            best = (overlap, p)
    if best is None:
        return None
    p = best[1]
    return ActorCandidate(p.actor, p.role, p.affiliation)
