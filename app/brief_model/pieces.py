"""The brief model's block tree read section by section, for the preview while typing.

A keystroke changes one section of a long brief; Python-Markdown's block parse of the whole text (~20 ms at 500
pages) is the same for every other section. :class:`Pieces` keeps the top-level elements of each section's text
(a *piece*) from the last reading and parses, with the same parser (``pm.parse_blocks``), only the pieces whose
text is new; the model is then read from the elements joined (``BriefModel(body, pieces=...)``; the preview's ``model.read_brief``), as from a
whole parse. Only the preview uses it: the checks and the exports read ``parse_brief`` (a whole parse).

Why the joined tree is the whole parse's. The text is cut just before each ``#`` that opens a line after a
blank line whose line before is not blank or spaces (``...x\\n\\n#``). There Python-Markdown's split into
blocks (on ``\\n\\n``, after appending ``\\n\\n``) splits the whole text into the pieces' blocks, one after the
other, and the block opening a piece starts with ``#``: the only block processors that read what came before
(the parent's last child: lists, quotes, indented code, definitions, empty blocks) all decline such a block, and
those that take it (a table, a heading) read the block alone; every later block of the piece sees the same
siblings as in the whole parse. What a piece parsed alone adds: its own end of text (an empty block, which only
changes an indented code block just before it: a piece ending in one, unless it is the last, is not used).
Whatever is read across the whole text is excluded (the model is then parsed whole): fenced code (the
preprocessor searches the whole text), link references and abbreviations (one brief-wide table), blocks of
``pm.MAX_BLOCK_LINES`` lines or more (cut, or read again cut, by the whole text's rules), a blank piece.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from app.brief_model import pm

__all__ = ["Pieces", "cuts"]

_Children = tuple[ET.Element, ...]


def cuts(text: str) -> list[int]:
    """0 and each offset where ``text`` may be cut (see the module): a '#' opening a line after a blank line,
    the line before that neither blank nor ending in a space."""
    out = [0]
    find = text.find
    at = find("\n\n#")
    while at >= 0:
        if at >= 1 and text[at - 1] not in " \n":
            out.append(at + 2)
        at = find("\n\n#", at + 1)
    return out


def _long_block(piece: str) -> bool:
    """Whether a block of ``piece`` may be cut by the parser's own rules (``pm._split_blocks``): one of
    ``pm.MAX_BLOCK_LINES`` lines or more (counted before blank lines of spaces are emptied: more, never fewer)."""
    if piece.count("\n") < pm.MAX_BLOCK_LINES:
        return False
    return any(block.count("\n") >= pm.MAX_BLOCK_LINES for block in piece.split("\n\n"))


class Pieces:
    """The top-level elements of each piece of the text read last (see the module); ``parsed``: how many
    pieces the last reading parsed (the rest were reused); ``used``: whether it was read by pieces."""

    def __init__(self) -> None:
        self._known: dict[str, _Children] = {}
        self.parsed = 0
        self.used = False

    def root(self, md: Any, text: str) -> ET.Element | None:
        """Python-Markdown's block tree of ``text`` (what ``pm.parse_blocks(md, text)`` gives), joined from
        the pieces' elements; None when it cannot be told that way (the caller parses the whole text). ``md``
        is left reset."""
        self.used = False
        self.parsed = 0
        if not text.strip() or pm.has_fence(text):
            return None
        offsets = cuts(text)
        if len(offsets) < 2:
            return None
        known = self._known
        kept: dict[str, _Children] = {}
        root = ET.Element(md.doc_tag)
        last = len(offsets) - 1
        parsed = 0
        try:
            for i, start in enumerate(offsets):
                piece = text[start : offsets[i + 1] - 2] if i < last else text[start:]
                children = kept.get(piece) or known.get(piece)
                if children is None:
                    if not piece.strip() or _long_block(piece):
                        return None
                    got = pm.parse_blocks(md, piece)
                    stash = md.htmlStash.rawHtmlBlocks
                    abbrs = md.treeprocessors["abbr"].abbrs if "abbr" in md.treeprocessors else {}
                    if got.text or stash or md.references or abbrs:
                        return None
                    children = tuple(got)
                    parsed += 1
                if i < last and children and children[-1].tag == "pre":
                    return None  # indented code at a piece's end: its own end of text would change it
                kept[piece] = children
                root.extend(children)
        finally:
            md.reset()
        self._known = kept
        self.parsed = parsed
        self.used = True
        return root
