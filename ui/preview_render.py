"""The preview's render on the worker, incremental: ``PreviewRenderer.render`` gives what
``render_preview`` plus ``split_blocks`` and ``normalized_blocks`` give, for the cost of the blocks that changed.

The body is rendered by ``app.export.html_blocks.BlockRenderer`` (only the top-level blocks whose source
changed), and its HTML comes in pieces: the title, each top-level block of the body, the notes. A piece's
top-level blocks and their normalized forms are kept from the last render (the same piece is the same
string), so cutting the HTML and normalizing it cost only the new pieces. A body piece whose only change is
its note numbers (an edit that renumbers the notes) is not cut again: its template (the piece with a
placeholder for each number) is kept cut and normalized, and the numbers are put into its blocks. The notes
are made paragraphs (``note_paragraphs``) one by one from their items, each kept by its item's HTML, so a
renumbering writes only the numbers. When the body was rendered whole, all is cut as before.

The brief model is read with its block tree parsed by sections (``app.brief_model.pieces``): only the
sections whose text changed are parsed again; the model is the one ``parse_brief`` gives.

One renderer per view (the cache holds no record: a library change needs nothing of it).
"""

from __future__ import annotations

import dataclasses

from app.brief_model.model import read_brief
from app.brief_model.pieces import Pieces
from app.export.html import PreviewResult
from app.export.html_blocks import BlockRenderer, numbered
from app.export.images import ImageFolders
from ui.preview_blocks import normalized_blocks, split_blocks
from ui.preview_renumber import (
    normalized_note,
    normalized_template,
    note_paragraph,
    note_paragraphs,
)

_Cut = tuple[list[str], list[str]]  # a piece's top-level blocks and their normalized forms


class PreviewRenderer:
    """The brief rendered for the preview, keeping what the next render can reuse (see the module)."""

    def __init__(self) -> None:
        self.blocks = BlockRenderer()
        self.pieces = Pieces()  # the model's block tree by sections: a keystroke parses only its own
        self._cut: dict[str, _Cut] = {}  # piece -> its blocks, normalized
        self._held: dict[str, _Cut] = {}  # template -> its blocks, normalized (numbers as placeholders)
        self._notes: dict[str, str | None] = {}  # a note's item -> its paragraph normalized (None: no)

    def render(
        self, lib, brief, images: ImageFolders | None, records
    ) -> tuple[PreviewResult, list[str] | None, list[str] | None]:
        """The rendered result (its notes as paragraphs), its HTML cut into top-level blocks and those
        normalized (None, None when it cannot be cut)."""
        model = read_brief(brief.body, self.pieces)
        resolver = records.resolver(lib, model)
        done = self.blocks.render(
            brief, resolver, images=images.resolve if images else None, model=model, joined=False
        )
        if done.body is None or done.templates is None or done.note_items is None:
            return self._whole(done.result)  # rendered whole: its HTML joined
        notes = self._note_paragraphs(done.note_items)
        if notes is None:
            html = done.title + "".join(done.body) + done.notes
            return self._whole(dataclasses.replace(done.result, html=html))
        note_blocks, note_normal = notes
        result = dataclasses.replace(done.result, html=done.title + "".join(done.body) + "".join(note_blocks))
        known, held = self._cut, self._held
        cut: dict[str, _Cut] = {}
        kept: dict[str, _Cut] = {}
        numbers = done.numbers or {}
        blocks: list[str] = []
        normal: list[str] = []
        for piece, template in ((done.title, done.title), *zip(done.body, done.templates, strict=True)):
            got = known.get(piece) or cut.get(piece)
            if template is not piece:
                held_cut = held[template] if template in held else (None if got else self._hold(template))
                if held_cut is not None:
                    kept[template] = held_cut
                if got is None and held_cut is not None:
                    # only its note numbers may have changed: its template's cut, numbered
                    got = (
                        [numbered(b, numbers) for b in held_cut[0]],
                        [numbered(n, numbers) for n in held_cut[1]],
                    )
            if got is None:
                pieces = split_blocks(piece)
                if pieces is None:
                    return self._whole(result)
                got = (pieces, normalized_blocks(pieces))
            cut[piece] = got
            blocks.extend(got[0])
            normal.extend(got[1])
        self._cut = cut
        self._held = kept
        blocks.extend(note_blocks)
        normal.extend(note_normal)
        return result, blocks, normal

    def _whole(self, result: PreviewResult) -> tuple[PreviewResult, list[str] | None, list[str] | None]:
        """``result`` (its notes still a list) made the preview's and cut whole."""
        html = note_paragraphs(result.html)
        result = dataclasses.replace(result, html=html)
        self._cut, self._held = {}, {}
        blocks = split_blocks(html)
        return result, blocks, None if blocks is None else normalized_blocks(blocks)

    @staticmethod
    def _hold(template: str) -> _Cut | None:
        """A template cut into top-level blocks and normalized, its numbers placeholders; None when its
        normalized forms cannot be told from it."""
        pieces = split_blocks(template)
        if pieces is None:
            return None
        normal = [normalized_template(p) for p in pieces]
        if any(n is None for n in normal):
            return None
        return pieces, [n for n in normal if n is not None]

    def _note_paragraphs(self, items: tuple[str, ...]) -> _Cut | None:
        """The notes as paragraphs and those normalized (the rule before them first), made from their items;
        None when ``note_paragraphs`` would leave the notes a list (the whole HTML is then cut)."""
        if not items:
            return [], []
        known = self._notes
        kept: dict[str, str | None] = {}
        blocks = ["<hr>"]
        normal = ["<hr>"]
        for number, item in enumerate(items, 1):
            shown = known[item] if item in known else normalized_note(item)
            if shown is None:
                return None
            kept[item] = shown
            blocks.append(note_paragraph(number, item))
            normal.append(shown)
        self._notes = kept
        return blocks, normal
