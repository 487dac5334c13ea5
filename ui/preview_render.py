"""The preview's render on the worker, incremental: ``PreviewRenderer.render`` gives what
``render_preview`` plus ``split_blocks`` and ``normalized_blocks`` give, for the cost of the blocks that changed.

The body is rendered by ``app.export.html_blocks.BlockRenderer`` (only the top-level blocks whose source
changed), and its HTML comes in pieces: the title, each top-level block of the body, the notes. A piece's
top-level blocks and their normalized forms are kept from the last render (the same piece is the same
string), so cutting the HTML and normalizing it cost only the new pieces; the notes are made paragraphs
(``note_paragraphs``) on their own piece. When the body was rendered whole, all is cut as before.

One renderer per view (the cache holds no record: a library change needs nothing of it).
"""

from __future__ import annotations

import dataclasses

from app.brief_model import parse_brief
from app.export.html import PreviewResult
from app.export.html_blocks import BlockRenderer
from app.export.images import ImageFolders
from ui.preview_blocks import normalized_blocks, split_blocks
from ui.preview_renumber import note_paragraphs


class PreviewRenderer:
    """The brief rendered for the preview, keeping what the next render can reuse (see the module)."""

    def __init__(self) -> None:
        self.blocks = BlockRenderer()
        self._cut: dict[str, tuple[list[str], list[str]]] = {}  # piece -> its blocks, normalized

    def render(
        self, lib, brief, images: ImageFolders | None, records
    ) -> tuple[PreviewResult, list[str] | None, list[str] | None]:
        """The rendered result (its notes as paragraphs), its HTML cut into top-level blocks and those
        normalized (None, None when it cannot be cut)."""
        model = parse_brief(brief.body)
        resolver = records.resolver(lib, model)
        done = self.blocks.render(brief, resolver, images=images.resolve if images else None, model=model)
        notes = note_paragraphs(done.notes)
        if done.body is None:
            html = note_paragraphs(done.result.html)
            result = dataclasses.replace(done.result, html=html)
            blocks = split_blocks(html)
            self._cut = {}
            return result, blocks, None if blocks is None else normalized_blocks(blocks)
        result = dataclasses.replace(done.result, html=done.title + "".join(done.body) + notes)
        known, cut = self._cut, {}
        blocks: list[str] = []
        normal: list[str] = []
        for piece in (done.title, *done.body, notes):
            got = known.get(piece) or cut.get(piece)
            if got is None:
                pieces = split_blocks(piece)
                if pieces is None:
                    self._cut = {}
                    whole = split_blocks(result.html)
                    return result, whole, None if whole is None else normalized_blocks(whole)
                got = (pieces, normalized_blocks(pieces))
            cut[piece] = got
            blocks.extend(got[0])
            normal.extend(got[1])
        self._cut = cut
        return result, blocks, normal
