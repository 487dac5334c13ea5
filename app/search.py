"""Full-text search over source titles and bodies, claim statements and quotes, and actor names.

Whatever a user types is a valid query (see ``app.storage.sqlite.to_fts_query``). Results are ranked with
bm25 and carry a snippet whose matches sit between ``\\x02`` and ``\\x03`` (see ``highlight``).
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from sqlalchemy import text

from app.domain import SearchHit
from app.storage import sqlite as sqlite_parts

if TYPE_CHECKING:
    from app.library import Library

MARK_OPEN = sqlite_parts.SNIPPET_OPEN
MARK_CLOSE = sqlite_parts.SNIPPET_CLOSE


def highlight(snippet: str, *, open_tag: str = "<b>", close_tag: str = "</b>") -> str:
    """Snippet as HTML (escaped), matches wrapped in the given tags."""
    escaped = html.escape(snippet, quote=False)
    return escaped.replace(MARK_OPEN, open_tag).replace(MARK_CLOSE, close_tag)


def plain(snippet: str, *, open_mark: str = "[", close_mark: str = "]") -> str:
    return snippet.replace(MARK_OPEN, open_mark).replace(MARK_CLOSE, close_mark)


class SearchService:
    def __init__(self, lib: Library) -> None:
        self._lib = lib

    def search(
        self, query: str, *, entities: tuple[str, ...] = ("source", "claim", "actor"), limit: int = 20
    ) -> list[SearchHit]:
        fts = sqlite_parts.to_fts_query(query)
        entities = tuple(e for e in entities if e in sqlite_parts.ENTITY_CODES)
        if fts is None or not entities or limit <= 0:
            return []
        sql = text(sqlite_parts.search_sql(entities))
        with self._lib.reading() as s:
            rows = s.execute(sql, {"q": fts, "limit": int(limit)}).all()
        hits = []
        for rowid, score, title_snip, body_snip in rows:
            entity = sqlite_parts.CODE_ENTITIES[rowid % 4]
            ident = rowid // 4
            title = title_snip.replace(MARK_OPEN, "").replace(MARK_CLOSE, "")
            snippet = (
                body_snip if MARK_OPEN in (body_snip or "") or MARK_OPEN not in title_snip else title_snip
            )
            hits.append(
                SearchHit(entity=entity, id=ident, title=title, snippet=snippet or "", rank=float(score))
            )
        return hits
