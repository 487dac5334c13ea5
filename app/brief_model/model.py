"""The brief model: a brief's Markdown read once, by Python-Markdown's own block parser, with source offsets.

:func:`parse_brief` gives a :class:`BriefModel`: the headings (sections), the blocks (heading, paragraph,
list item, table cell, definition term, code, banner) with offsets, lines and columns, the section and list
and quote depth of each, portion marks, and the citations (single or grouped with ';' or ',', never in code).

How: the body is normalised as Python-Markdown normalises it (:mod:`app.brief_model.text`), citations become
inert tokens of the same length, Python-Markdown's block parser (configured once, :mod:`app.brief_model.pm`)
builds its tree, and each text in the tree is found again in the normalised text, in reading order (every
text Python-Markdown puts in its block tree is a piece of one source line, after the list, quote or heading
markers it consumed). Inline code spans are found by Python-Markdown's own backtick processor. The renderers
parse the same text with the same parser, so they see the same structure.
"""

from __future__ import annotations

import bisect
import collections
import functools
import re
import xml.etree.ElementTree as ET
from functools import cached_property
from typing import NamedTuple

from app._gc import paused_gc
from app.brief_model.parts import Block, Citation, Heading
from app.brief_model.pieces import Pieces
from app.brief_model.reader import Reader
from app.brief_model.text import GROUP_RE, READ_TOKEN_CHAR, Normalised, may_define, token
from app.domain import Citation as CitationRecord
from app.markings import PORTION_RE, Marking, parse_mark

__all__ = ["Block", "BlockTree", "BriefModel", "Citation", "Heading", "parse_brief"]

KJ_TITLE_RE = re.compile(r"^key\s+judge?ments?$", re.I)
# a brief's own source summary statement: rule T9 reads it, and an export writes no annex repeating it
SUMMARY_TITLE_RE = re.compile(r"^source(?:s)?\s+summary(?:\s+statement)?$|^summary\s+of\s+sources$", re.I)
_PORTION_AT = re.compile(PORTION_RE.pattern.removeprefix("^"))


class BlockTree(NamedTuple):
    """Python-Markdown's block tree of a brief (before inline parsing; never to be changed: copy an element
    before rendering it) and what its parse collected: the link references, the abbreviations, the stashed
    fenced code blocks."""

    root: ET.Element
    references: dict[str, tuple[str, str | None]]
    abbrs: dict[str, str]
    stash: tuple[str, ...]


class BriefModel:
    """A brief's structure (see the module docstring). ``body``: the text read; ``scrubbed``: the body with
    code replaced by spaces (same offsets); ``parse_text``: what the renderers' Python-Markdown reads
    (citations as tokens: see ``render_tokens``); ``read_text``: what the model's own block parse reads (the
    same text, citations as runs of ``READ_TOKEN_CHAR``)."""

    def __init__(self, body: str, pieces: Pieces | None = None) -> None:
        """``pieces``: the block tree read by sections, reusing those read before (the preview's, see
        :mod:`app.brief_model.pieces`); the model is the same."""
        with paused_gc():
            self._read(body, pieces)

    def _read(self, body: str, pieces: Pieces | None) -> None:
        self.body = body
        self.headings: list[Heading] = []
        self.blocks: list[Block] = []  # the portions: every block but code
        self.code_blocks: list[Block] = []
        self.citations: list[Citation] = []
        self.line_starts = [0]
        self.line_starts.extend(m.end() for m in re.finditer("\n", body))
        norm = Normalised(body)
        self._norm = norm
        text = norm.text
        # citation candidates -> tokens of the same length
        self._groups: list[tuple[int, int, int, int]] = []  # (start, end, keys start, keys end), normalised
        self.read_text = text  # what the block parse reads: the citations as READ_TOKEN_CHAR runs
        if "@" in text and "[" in text:
            groups = self._groups = [
                (m.start(), m.end(), m.start(1), m.end(1)) for m in GROUP_RE.finditer(text)
            ]
            if groups and may_define(text):
                parts: list[str] = []
                pos = 0
                for s, e, _k0, _k1 in groups:
                    parts.append(text[pos:s])
                    parts.append(READ_TOKEN_CHAR * (e - s))
                    pos = e
                parts.append(text[pos:])
                self.read_text = "".join(parts)
        self.citation_groups: list[int] = []  # the groups that are citations (not in code), in reading order
        self._code: list[tuple[int, int]] = []  # code, in normalised offsets
        reader = Reader(self)
        reader.read(pieces if self.read_text is text else None)
        # The block tree, kept for the preview's renderer when it holds each citation as written (the text
        # read is the text normalised): the renderers' parse of ``parse_text`` gives the same tree, the
        # citations as tokens (``app.brief_model.text``), so the preview need not parse the text again.
        # Only the newest models keep theirs (``_keep_tree``).
        self.block_tree: BlockTree | None = None
        if self.read_text is text:
            self.block_tree = BlockTree(reader.root, reader.references, reader.abbrs, tuple(reader.stash))
            _keep_tree(self)
        self.scrubbed = self._scrub()
        self._marks()

    # --- offsets ---------------------------------------------------------------------------------------
    def to_body(self, offset: int) -> int:
        return self._norm.to_body(offset)

    def to_body_end(self, offset: int) -> int:
        return self._norm.to_body_end(offset)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a body offset."""
        i = bisect.bisect_right(self.line_starts, offset) - 1
        return i + 1, offset - self.line_starts[i] + 1

    # --- what the renderers need ------------------------------------------------------------------------
    def group_text(self, group: int) -> str:
        """The citation bracket ``group`` as written (normalised)."""
        s, e = self._groups[group][:2]
        return self._norm.text[s:e]

    @cached_property
    def parse_text(self) -> str:
        """What the renderers parse: the normalised text with each citation bracket as its token."""
        text = self._norm.text
        if not self._groups:
            return text
        parts: list[str] = []
        pos = 0
        for index, (s, e, _k0, _k1) in enumerate(self._groups):
            parts.append(text[pos:s])
            parts.append(token(index, e - s))
            pos = e
        parts.append(text[pos:])
        return "".join(parts)

    @cached_property
    def is_citation(self) -> frozenset[int]:
        return frozenset(self.citation_groups)

    # --- queries --------------------------------------------------------------------------------------
    def block_at(self, offset: int) -> Block | None:
        i = bisect.bisect_right(self._block_starts, offset) - 1
        if i >= 0 and self.blocks[i].start <= offset <= self.blocks[i].end:
            return self.blocks[i]
        return None

    def heading_of(self, block: Block) -> Heading | None:
        return self.headings[block.heading] if block.heading >= 0 else None

    def section_title(self, block: Block) -> str:
        h = self.heading_of(block)
        return h.title if h else ""

    def section_range(self, h: Heading) -> tuple[int, int]:
        """Offsets from the heading to the next heading of the same or a higher level."""
        for other in self.headings[h.index + 1 :]:
            if other.level <= h.level:
                return h.start, other.start
        return h.start, len(self.body)

    def blocks_in(self, start: int, end: int) -> list[Block]:
        lo = bisect.bisect_left(self._block_starts, start)
        hi = bisect.bisect_left(self._block_starts, end)
        return self.blocks[lo:hi]

    def find_sections(self, pattern: re.Pattern[str]) -> list[Heading]:
        return [h for h in self.headings if pattern.search(h.title)]

    @cached_property
    def key_judgments(self) -> list[Block]:
        """The items of the Key Judgments section: its outermost list items (each with the items nested under
        it and its later paragraphs), or, without a list, its paragraphs."""
        out: list[Block] = []
        for h in self.headings:
            if not KJ_TITLE_RE.match(h.title):
                continue
            start, end = self.section_range(h)
            blocks = [b for b in self.blocks_in(start, end) if b.kind != "heading"]
            items = [b for b in blocks if b.kind == "list_item"]
            if items:
                top = min(b.depth for b in items)
                current: Block | None = None
                for b in blocks:
                    if b.kind == "list_item" and b.depth == top:
                        # a copy, so that nested items can join it without changing the portion itself
                        current = Block(
                            b.kind,
                            b.start,
                            b.end,
                            b.heading,
                            b.depth,
                            b.quote,
                            item=b.item,
                            mark=b.mark,
                            mark_text=b.mark_text,
                            text_start=b.text_start,
                            citations=list(b.citations),
                        )
                        out.append(current)
                    elif current is not None and b.depth >= top and b.depth > 0:
                        current.end = b.end  # nested items and later paragraphs belong to the judgment
                        current.citations.extend(b.citations)
            else:
                out.extend(b for b in blocks if b.kind == "paragraph")
        return out

    @cached_property
    def code_ranges(self) -> list[tuple[int, int]]:
        """Body offsets of code (fenced and indented blocks, inline spans), sorted, not overlapping."""
        out: list[tuple[int, int]] = []
        for s, e in sorted(self._code):
            s, e = self.to_body(s), self.to_body_end(e)
            if out and s <= out[-1][1]:
                out[-1] = (out[-1][0], max(out[-1][1], e))
            elif e > s:
                out.append((s, e))
        return out

    def citation_records(self) -> list[CitationRecord]:
        return [c.to_citation() for c in self.citations]

    # --- building ---------------------------------------------------------------------------------------
    def _scrub(self) -> str:
        body = self.body
        if not self._code:
            return body
        parts: list[str] = []
        pos = 0
        for s, e in self.code_ranges:
            parts.append(body[pos:s])
            parts.append(re.sub(r"[^\n]", " ", body[s:e]))
            pos = e
        parts.append(body[pos:])
        return "".join(parts)

    def _marks(self) -> None:
        text = self.scrubbed
        portion = _PORTION_AT.match
        read: dict[str, tuple[Marking | None, str]] = {}  # each mark as written: (its marking, stripped)
        for b in self.blocks:
            start = b.start
            b.text_start = start
            if text.startswith("(", start):
                pm_ = portion(text, start, b.end)
                if pm_ is not None:
                    written = pm_.group()
                    known = read.get(written)
                    if known is None:
                        known = read[written] = (parse_mark(pm_.group("mark")), written.strip())
                    if known[0] is not None:
                        b.mark, b.mark_text = known
                        b.text_start = start + len(written)
            elif b.kind == "paragraph" and b.end - start <= 80:
                content = text[start : b.end]
                if "\n" not in content and banner_of(content):
                    b.kind = "banner"
        self._block_starts = [b.start for b in self.blocks]


def banner_of(text: str) -> Marking | None:
    """A line that is only a banner: SECRET//NOFORN, UNCLASSIFIED, TLP:AMBER (optionally bold/centred)."""
    raw = re.sub(r"</?(?:center|div|p)[^>]*>", "", text).strip().strip("*_ ").strip()
    if len(raw) < 4 or raw != raw.upper() or raw.startswith("("):
        return None
    return parse_mark(raw)


# The models whose block trees are kept, newest last. A tree is thousands of objects the cyclic collector walks
# in every full collection (eight 500-page trees, as many as ``parse_brief`` caches, made one take 61 ms instead
# of 48); the preview renders the text just typed, whose model is the newest or the one before.
KEPT_TREES = 2
_kept: collections.deque[BriefModel] = collections.deque()


def _keep_tree(model: BriefModel) -> None:
    _kept.append(model)
    while len(_kept) > KEPT_TREES:
        try:
            _kept.popleft().block_tree = None
        except IndexError:  # another thread's model dropped it first
            break


def kept_model(body: str) -> BriefModel | None:
    """One of the newest models (those keeping their trees) read from ``body``, if any: the preview takes the
    editor's model when the editor read the text first."""
    for model in list(_kept):
        if model.body == body and model.block_tree is not None:
            return model
    return None


def read_brief(body: str, pieces: Pieces) -> BriefModel:
    """The preview's model of ``body``: one just read from it (``kept_model``: the editor's), else read with
    its block tree by ``pieces`` (only the sections edited parsed again, when that is safe; else whole)."""
    return kept_model(body) or BriefModel(body, pieces=pieces)


@functools.lru_cache(maxsize=8)
def parse_brief(body: str) -> BriefModel:
    """The model of ``body`` (cached: the editor, the checks and the renderers read the same text)."""
    return BriefModel(body)
