"""The brief model read with its block tree by sections (``app.brief_model.pieces``, the preview's path) is
the model a whole parse gives, after each of hundreds of random edits: every field the preview and the checks
read (the tree, headings, blocks, citations, code, marks, key judgments, the text the renderers parse)."""

from __future__ import annotations

import os
import random
import re
import xml.etree.ElementTree as ET

import pytest

from app.brief_model import model as model_mod
from app.brief_model.model import BriefModel, kept_model, read_brief
from app.brief_model.pieces import Pieces, cuts
from tests.app.export.test_html_blocks import _edit, realistic_body

SEEDS = int(os.environ.get("BRIEFDESK_PIECES_SEEDS", "3"))

# Text put where the text is cut (just before a '#' after a blank line), or just after a blank line: what could
# join a section to the one before it, or make a piece read alone differ from the whole text's reading.
AT_A_CUT = (
    "    indented code\n\n",
    "    indented code\n",
    "- an item\n\n",
    "- an item\n",
    "1. an item\n\n",
    "> quoted\n\n",
    "> quoted\n",
    "\n",
    "\n\n",
    " \n",
    "   \n\n",
    "  ",
    "x",
    "Title\n=====\n\n",
    "Term\n\n: its definition\n\n",
    ": a definition\n\n",
    "| a | b |\n|---|---|\n| 1 | 2 |\n\n",
    "# a | b\n---|---\n\n",
    "####### seven\n\n",
    "#",
    "\t",
    "***\n\n",
    "[led]: https://example.org/x\n\n",
    "*[BLUF]: bottom line\n\n",
    "```\n",
    "Some text `code # not a heading` here\n\n",
    "\n".join(f"line {i}" for i in range(55)) + "\n\n",
)


def _fields(m: BriefModel) -> dict[str, object]:
    """What the preview and the checks read of a model, with each citation's block as its index."""
    blocks = m.blocks
    where = {id(b): i for i, b in enumerate(blocks)}

    def cite(c) -> tuple[object, ...]:
        return (
            c.key, c.kind, c.ident, c.line, c.column, c.start, c.end, c.group_start, c.group_end,
            c.section, where.get(id(c.block)), c.heading, c.group,
        )  # fmt: skip

    def block(b) -> tuple[object, ...]:
        own = tuple(getattr(b, s) for s in b.__slots__ if s != "citations")
        return (*own, tuple(cite(c) for c in b.citations))

    tree = m.block_tree
    return {
        "tree": None if tree is None else (ET.tostring(tree.root), tree.references, tree.abbrs, tree.stash),
        "headings": list(m.headings),
        "blocks": [block(b) for b in blocks],
        "code_blocks": [block(b) for b in m.code_blocks],
        "citations": [cite(c) for c in m.citations],
        "citation_groups": list(m.citation_groups),
        "groups": list(m._groups),
        "code_ranges": m.code_ranges,
        "scrubbed": m.scrubbed,
        "read_text": m.read_text,
        "parse_text": m.parse_text,
        "key_judgments": [block(b) for b in m.key_judgments],
        "line_starts": m.line_starts,
    }


def _same(pieces: Pieces, body: str) -> bool:
    """The model read by pieces equals the whole parse's; whether it was read by pieces."""
    by_pieces = BriefModel(body, pieces=pieces)
    used = pieces.used
    whole = BriefModel(body)
    got, want = _fields(by_pieces), _fields(whole)
    assert got.keys() == want.keys()
    for name in want:
        assert got[name] == want[name], f"{name} differs after an edit (by pieces: {used})"
    return used


def _at_a_cut(body: str, rng: random.Random) -> str:
    places = cuts(body)[1:] or [0]
    at = rng.choice(places)
    if rng.random() < 0.3:
        at = max(0, at - 2)  # before the blank line
    return body[:at] + rng.choice(AT_A_CUT) + body[at:]


def _unfenced(body: str) -> str:
    return body.replace("```", "").replace("~~~", "")


def _fresh(rng: random.Random) -> str:
    body = realistic_body(rng, rng.randint(3, 9), defines=rng.random() < 0.15)
    if rng.random() < 0.8:  # no fence (a fence anywhere: the model is parsed whole)
        body = _unfenced(re.sub(r"```\n(.*)\n```", r"    \1", body))
    return body


@pytest.mark.parametrize("seed", range(SEEDS))
def test_random_edits_read_by_pieces_give_the_whole_parse(seed):
    rng = random.Random(300 + seed)
    pieces = Pieces()
    body = _fresh(rng)
    used = reused = 0
    for _ in range(400):
        body = _at_a_cut(body, rng) if rng.random() < 0.4 else _edit(body, rng)
        if len(body) > 30_000 or rng.random() < 0.05:
            body = _fresh(rng)
        elif rng.random() < 0.25:  # fences and definitions pile up (either: parsed whole): some taken out
            body = _unfenced(re.sub(r"(?m)^\*?\[[^\]\n]*\]:.*\n?", "", body))
        if _same(pieces, body):
            used += 1
            reused += pieces.parsed < len(cuts(body))
    # the test shows the joined trees: most edits were read by pieces, reusing the sections not edited
    assert used >= 60, used
    assert reused >= 40, reused


def test_a_keystroke_parses_only_its_section():
    body = realistic_body(random.Random(5), 8, defines=False).replace("```", "")
    pieces = Pieces()
    assert _same(pieces, body)
    assert pieces.parsed == len(cuts(body)) > 5
    at = body.index("## Assessment") + 40
    assert _same(pieces, body[:at] + "x" + body[at:])
    assert pieces.parsed == 1


@pytest.mark.parametrize(
    ("body", "by_pieces"),
    [
        ("Intro\n\n## One\n\n    code at the end\n\n## Two\n\nText.\n", False),
        ("Intro\n\n## One\n\nText.\n\n## Two\n\n    code at the very end\n", True),
        ("Intro\n\n- a list\n\n## One\n\n- more\n", True),
        ("Intro\n\n> a quote\n\n## One\n\n> another\n", True),
        ("Intro\n\n```\n# in a fence\n\n## still\n```\n\n## Two\n", False),
        ("Intro [@c1]\n\n[x]: https://example.org\n\n## One\n\nSee [x] [@c2].\n", False),
        ("Intro\n\n[x]: https://example.org\n\n## One\n\nSee [x].\n", False),
        ("Intro\n\n*[ABC]: a b c\n\n## One\n\nABC here.\n", False),
        ("Intro\n\n\n## One\n\n    code\n\n\n## Two\n", False),
        ("Intro  \n\n## One\n \n\n## Two\n", False),
        ("Intro\n\n## One\n\n" + "\n".join(f"line {i}" for i in range(60)) + "\n\n## Two\n", False),
    ],
)
def test_what_reads_across_sections_is_read_as_the_whole_parse_reads_it(body, by_pieces):
    """Each construct a section's reading could share with another: the model is the whole parse's, read
    by pieces only where that is safe."""
    assert _same(Pieces(), body) is by_pieces
    pieces = Pieces()
    _same(pieces, body.replace("One", "Uno"))
    _same(pieces, body)


def test_the_preview_takes_a_model_just_read(monkeypatch):
    """A model the editor has just read (one of the newest) is the preview's too; else it reads its own."""
    monkeypatch.setattr(model_mod, "_kept", type(model_mod._kept)())
    body = "Intro [@c1]\n\n## One\n\nText [@c2].\n"
    read = BriefModel(body)
    assert kept_model(body) is read
    assert read_brief(body, Pieces()) is read
    other = read_brief(body + "More.\n", Pieces())
    assert other is not read and other.body == body + "More.\n"
