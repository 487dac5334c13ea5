"""What the drafting tests share: the extractor run on a text as the Draft claims dialog runs it, every quote
checked against the text it was cut from, and a proposal found by the start of its quote."""

from __future__ import annotations

import datetime as dt

from app.extract import Proposal, RuleExtractor

PUBLISHED = dt.date(2026, 3, 12)  # a Thursday: relative days ("on Tuesday") resolve against it


def run(text: str, published: dt.date | None = PUBLISHED) -> list[Proposal]:
    proposals = RuleExtractor().propose(text, published=published)
    for p in proposals:
        assert text[p.start : p.end] == p.quote
    return proposals


def by_quote(proposals: list[Proposal], start: str) -> Proposal:
    found = [p for p in proposals if p.quote.startswith(start)]
    assert len(found) == 1, [(p.actor, p.quote) for p in proposals]
    return found[0]
