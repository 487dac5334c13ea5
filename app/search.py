"""Full-text search over source titles and bodies, claim statements and quotes, and actor names.

Whatever a user types is a valid query (see ``app.storage.sqlite.to_fts_query``). Results are ranked with
bm25 and carry a snippet whose matches sit between ``\\x02`` and ``\\x03`` (see ``highlight``).
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sqlalchemy import text

from app._text import search_text
from app.domain_lists import SearchHit
from app.storage import sqlite as sqlite_parts

# A reference typed as a query: c21 (claim), s3 (source), a7 (actor), with or without @ and brackets.
REF_RE = re.compile(r"^\s*\[?\s*@?([csaCSA])(\d{1,18})\s*\]?\s*$")

if TYPE_CHECKING:
    from app.actors import ActorService
    from app.claims import ClaimService
    from app.sources import SourceService
    from app.storage.store import Store

MARK_OPEN = sqlite_parts.SNIPPET_OPEN
MARK_CLOSE = sqlite_parts.SNIPPET_CLOSE


def highlight(snippet: str, *, open_tag: str = "<b>", close_tag: str = "</b>") -> str:
    """Snippet as HTML (escaped), matches wrapped in the given tags."""
    escaped = html.escape(snippet, quote=False)
    return escaped.replace(MARK_OPEN, open_tag).replace(MARK_CLOSE, close_tag)


def plain(snippet: str, *, open_mark: str = "[", close_mark: str = "]") -> str:
    return snippet.replace(MARK_OPEN, open_mark).replace(MARK_CLOSE, close_mark)


_PHRASE_OR_WORD = re.compile(r'(-?)"([^"]*)"?|(-?)(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)


def query_terms(query: str) -> list[re.Pattern[str]]:
    """Patterns for the positive words, phrases and prefixes of a query (to mark them in a snippet)."""
    patterns = []
    for m in _PHRASE_OR_WORD.finditer(query or ""):
        if m.group(2) is not None:
            if m.group(1):
                continue
            words = _WORD.findall(m.group(2))
            if words:
                patterns.append(re.compile(r"\b" + r"\W+".join(map(re.escape, words)) + r"\b", re.I))
        else:
            token = m.group(4)
            if m.group(3) or token in ("AND", "OR", "NOT", "NEAR"):
                continue
            prefix = token.rstrip(")]}.,;:!?").endswith("*")
            for word in _WORD.findall(token):
                patterns.append(re.compile(r"\b" + re.escape(word) + (r"\w*" if prefix else r"\b"), re.I))
    return patterns


def make_snippet(text: str, patterns: list[re.Pattern[str]], *, width: int = 160) -> tuple[str, bool]:
    """A window of ``text`` around the first match, matches wrapped in \\x02 ... \\x03. Linear time."""
    text = text or ""
    first = None
    for pat in patterns:
        m = pat.search(text)
        if m and (first is None or m.start() < first):
            first = m.start()
    if first is None:
        window_start = 0
    else:
        window_start = max(0, first - width // 3)
        # start on a word boundary
        space = text.rfind(" ", max(0, window_start - 20), window_start + 1)
        if space > 0 and window_start > 0:
            window_start = space + 1
    window = text[window_start : window_start + width]
    spans: list[tuple[int, int]] = []
    for pat in patterns:
        spans.extend((m.start(), m.end()) for m in pat.finditer(window))
    spans.sort()
    out, pos = [], 0
    for start, end in spans:
        if start < pos:
            continue
        out.append(window[pos:start])
        out.append(MARK_OPEN + window[start:end] + MARK_CLOSE)
        pos = end
    out.append(window[pos:])
    snippet = " ".join("".join(out).split())
    if window_start > 0:
        snippet = "…" + snippet
    if window_start + width < len(text):
        snippet += "…"
    return snippet, first is not None


def _as_text(value: object) -> str:
    """Indexed text as str: a damaged row (binary data in a text column, see app._rows) is read leniently;
    the record itself names the problem where it is listed."""
    if isinstance(value, str):
        return value
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return "" if value is None else str(value)


class SearchService:
    def __init__(
        self,
        lib: Store,
        *,
        sources: Callable[[], SourceService],
        claims: Callable[[], ClaimService],
        actors: Callable[[], ActorService],
    ) -> None:
        # The services that read a reference typed as the query ("c21"), given as functions and called only
        # for such a query: a text search loads none of them (the command line's start-up).
        self._lib = lib
        self._sources_of, self._claims_of, self._actors_of = sources, claims, actors

    def search(
        self, query: str, *, entities: tuple[str, ...] = ("source", "claim", "actor"), limit: int = 20
    ) -> list[SearchHit]:
        entities = tuple(e for e in entities if e in sqlite_parts.ENTITY_CODES)
        if not entities or limit <= 0:
            return []
        query = search_text(query, "search")
        by_ref = self._by_ref(query, entities)
        if by_ref is not None:
            return [by_ref]
        if self._lib.dialect == "postgresql":
            rows = self._postgres_rows(query, entities, limit)
        else:
            rows = self._sqlite_rows(query, entities, limit)
        patterns = query_terms(query)
        hits = []
        for entity, ident, score, raw_title, raw_body in rows:
            title, body = _as_text(raw_title), _as_text(raw_body)  # binary in a damaged row: app._rows
            snippet, found = make_snippet(body or "", patterns)
            if not found:
                title_snip, title_found = make_snippet(title or "", patterns)
                if title_found:
                    snippet = title_snip
            hits.append(
                SearchHit(
                    entity=entity,
                    id=ident,
                    title=" ".join((title or "").split()),
                    snippet=snippet,
                    rank=float(score),
                )
            )
        return hits

    def _sqlite_rows(self, query: str, entities: tuple[str, ...], limit: int) -> list[tuple[Any, ...]]:
        with self._lib.querying() as s:
            plan = sqlite_parts.search_plan(s, query, entities)
            if plan is None:
                return []
            sql, params = plan
            rows = s.execute(text(sql), {**params, "limit": int(limit)}).all()
        return [
            (sqlite_parts.CODE_ENTITIES[rowid % 4], rowid // 4, score, title, body)
            for rowid, score, title, body in rows
        ]

    def _postgres_rows(self, query: str, entities: tuple[str, ...], limit: int) -> list[tuple[Any, ...]]:
        from app.storage import pg_search

        with self._lib.querying() as s:
            pair_tables = self._lib.pair_indexes.valid_tables(s)  # (a catalog read once per open library)
            return list(pg_search.search_rows(s, query, entities, limit, pair_tables))

    def _by_ref(self, query: str, entities: tuple[str, ...]) -> SearchHit | None:
        """A query that is a reference ("c21", "s3", "a7", "@c21", "[@c21]") finds that record, if it exists."""
        m = REF_RE.match(query)
        if m is None:
            return None
        entity = {"c": "claim", "s": "source", "a": "actor"}[m.group(1).lower()]
        if entity not in entities:
            return None
        ident = int(m.group(2))
        from app.errors import NotFoundError

        try:
            if entity == "claim":
                c = self._claims_of().get(ident)
                title, body = c.statement or c.quote, c.quote
            elif entity == "source":
                src = self._sources_of().get(ident)
                title, body = src.title, src.outlet
            else:
                a = self._actors_of().get(ident)
                title, body = a.name, ", ".join(x for x in (a.role, a.affiliation) if x)
        except NotFoundError:
            return None
        title = " ".join(title.split())
        snippet = " ".join((body or title).split())[:160]
        # FTS5 ranks are bm25 scores, lower is better: an exact reference ranks before any text match
        return SearchHit(entity=entity, id=ident, title=title, snippet=snippet, rank=-1e9)
