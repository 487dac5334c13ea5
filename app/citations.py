"""Citations in a brief's Markdown: ``[@c12]``, ``[@c12; @c14]``, ``[@c12, @c14]``, ``[@s3]``.

A view of the brief model (``app.brief_model``), which reads them once for every part of the app: keys in
code (inline spans, fenced or indented blocks) are literal text, not citations; each citation's section is the
heading a reader sees above it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from app.brief_model import parse_brief
from app.brief_model.text import GROUP_RE, KEY_RE
from app.domain import Citation

__all__ = ["GROUP_RE", "KEY_RE", "cited_claim_ids", "cited_source_ids", "parse_citations"]


class _Cited(Protocol):
    @property
    def kind(self) -> str: ...

    @property
    def ident(self) -> int: ...


def parse_citations(body: str) -> list[Citation]:
    """Every cited key in ``body`` in reading order, with line, column and section."""
    if "[" not in body or "@" not in body:
        return []
    return parse_brief(body).citation_records()


def cited_claim_ids(citations: Iterable[_Cited]) -> list[int]:
    """Claim ids in order of first citation, each once."""
    seen: dict[int, None] = {}
    for c in citations:
        if c.kind == "claim":
            seen.setdefault(c.ident, None)
    return list(seen)


def cited_source_ids(citations: Iterable[_Cited]) -> list[int]:
    seen: dict[int, None] = {}
    for c in citations:
        if c.kind == "source":
            seen.setdefault(c.ident, None)
    return list(seen)
