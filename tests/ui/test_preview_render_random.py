"""What the preview's worker hands the view (``ui.preview_render.PreviewRenderer``: the HTML, its top-level
blocks and their normalized forms) is what the whole path gives (``render_preview``, ``split_blocks``,
``normalized_blocks``) after each of a few hundred random edits to a realistic brief, many of them
renumbering the notes (citations added near the top and removed, cited paragraphs deleted and swapped): the
blocks whose only change is their note numbers, and the notes, are numbered from what was kept."""

from __future__ import annotations

import os
import random

import pytest

from app.brief_model import render as render_mod
from tests.app.export.test_html_blocks import RESOLVER, _brief, _edit, realistic_body
from ui.preview_blocks import normalized_blocks, split_blocks
from ui.preview_render import PreviewRenderer
from ui.preview_view import render_preview

SEEDS = int(os.environ.get("BRIEFDESK_PREVIEW_SEEDS", "2"))


def _fresh(rng: random.Random, sections: int = 6) -> str:
    """A realistic brief with a citation inside a link near the top (its number is plain text there), with
    or without definitions (without, the model's block tree is reused)."""
    first, rest = realistic_body(rng, sections, defines=rng.random() < 0.5).split("\n\n", 1)
    return f"{first}\n\nSee [the log [@c7]](https://example.org/log) first.\n\n{rest}"


class _Held:
    """The claims the library holds, as the view's ``CitedRecords`` gives them (no library read)."""

    def resolver(self, lib, model):
        return RESOLVER


def _same(renderer: PreviewRenderer, body: str) -> None:
    brief = _brief(body)
    result, blocks, normal = renderer.render(None, brief, None, _Held())
    whole = render_preview(None, brief, None, _Held())
    assert result.html == whole.html
    assert [(n.number, n.key, n.text) for n in result.notes] == [
        (n.number, n.key, n.text) for n in whole.notes
    ]
    assert blocks == split_blocks(whole.html)
    assert normal == (None if blocks is None else normalized_blocks(blocks))


@pytest.mark.parametrize("seed", range(SEEDS))
def test_random_edits_cut_as_the_whole_render_is_cut(seed, monkeypatch):
    monkeypatch.setattr(render_mod, "INLINE_BRACKET_TOTAL", 100_000)
    rng = random.Random(100 + seed)
    body = _fresh(rng)
    renderer = PreviewRenderer()
    renumbered = 0
    for _ in range(160):
        before = renderer.blocks._notes_shown[0]
        body = _edit(body, rng)
        if len(body) > 60_000:
            body = _fresh(rng)
        _same(renderer, body)
        renumbered += before != renderer.blocks._notes_shown[0]  # notes added, removed or moved
    assert renumbered >= 20, "few edits renumbered the notes: the test would not show what it reuses"


def test_a_renumbering_numbers_the_kept_blocks_and_notes(monkeypatch):
    """A citation added at the top: every later block and note gets its new number, and only the block
    edited is cut again."""
    import ui.preview_render as preview_render

    body = _fresh(random.Random(4), sections=10)
    renderer = PreviewRenderer()
    _same(renderer, body)
    cut: list[str] = []

    def counted(html: str):
        cut.append(html)
        return split_blocks(html)

    monkeypatch.setattr(preview_render, "split_blocks", counted)
    for edited in (body.replace("[@c1].", "[@c1] [@c30].", 1), body):
        cut.clear()
        _same(renderer, edited)
        assert len(cut) == 1 and "Bottom line" in cut[0], "only the paragraph edited is cut"
