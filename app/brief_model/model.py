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
import functools
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from markdown.extensions.attr_list import get_attrs_and_remainder
from markdown.inlinepatterns import BACKTICK_RE, BacktickInlineProcessor

from app.brief_model import pm
from app.brief_model.text import GROUP_RE, KEY_RE, Normalised, token
from app.domain import Citation as CitationRecord
from app.markings import PORTION_RE, Marking, parse_mark, split_portion_mark

__all__ = ["Block", "BriefModel", "Citation", "Heading", "parse_brief"]

NUMBERING_RE = re.compile(r"^(?:\d+(?:\.\d+)*\.?|[IVX]+\.)\s+")
KJ_TITLE_RE = re.compile(r"^key\s+judge?ments?$", re.I)
_STASH_RE = re.compile("^\x02wzxhzdk:(\\d+)\x03$")
_HR_LINE_RE = re.compile(r"^[ >]*(?:(?:-[ ]{0,2}){3,}|(?:_[ ]{0,2}){3,}|(?:\*[ ]{0,2}){3,})[ ]*$")
_PREFIX_CHARS = frozenset(" >-*+.:|#0123456789")
_SEARCH_LINES = 2000  # how far ahead a text is looked for (a bound, never reached by a parse that is right)
_MARKS: dict[str, Marking | None] = {}
_PORTION_AT = re.compile(PORTION_RE.pattern.removeprefix("^"))
_BACKTICK = BacktickInlineProcessor(BACKTICK_RE)
_BACKTICK_RE = re.compile(BACKTICK_RE)


class Citation:
    """One cited key: ``[@c12; @s3]`` holds two. Attributes as ``app.domain.Citation``, plus ``block`` (the
    portion holding it), ``heading`` (index of its section's heading, -1 before any) and ``group`` (index of
    its bracket among the brief's citations, in reading order)."""

    __slots__ = (
        "block",
        "column",
        "end",
        "group",
        "group_end",
        "group_start",
        "heading",
        "ident",
        "key",
        "kind",
        "line",
        "section",
        "start",
    )

    def __init__(
        self,
        key: str,
        kind: str,
        ident: int,
        line: int,
        column: int,
        start: int,
        end: int,
        group_start: int,
        group_end: int,
        section: str,
    ) -> None:
        self.key: str = key
        self.kind: str = kind  # "claim" | "source"
        self.ident: int = ident
        self.line: int = line  # 1-based
        self.column: int = column  # 1-based, of the '@'
        self.start: int = start  # offset of the '@' in the body
        self.end: int = end
        self.group_start: int = group_start  # offset of the '['
        self.group_end: int = group_end  # offset just after the ']'
        self.section: str = section  # the section's heading as written ('' before any heading)
        self.block: Block | None = None
        self.heading: int = -1
        self.group: int = -1

    def to_citation(self) -> CitationRecord:
        return CitationRecord(
            self.key,
            self.kind,
            self.ident,
            self.line,
            self.column,
            self.start,
            self.end,
            self.group_start,
            self.group_end,
            self.section,
        )

    def __repr__(self) -> str:
        return f"Citation({self.key}@{self.line}:{self.column})"


@dataclass(slots=True)
class Heading:
    level: int
    raw_title: str  # as written, portion mark included, Markdown not rendered
    title: str  # without portion mark, numbering or emphasis markers
    start: int  # offset of the heading's line
    content_start: int  # offset of the title text
    end: int  # just after the title text
    index: int
    setext: bool = False  # underlined with === or ---


@dataclass(slots=True)
class Block:
    """A portion of the brief, or a code block. Read-only once parsed (the model is shared).

    ``kind``: heading | paragraph | list_item | table_cell | term | banner | code. ``start``/``end``: its
    text in the body (after list, quote or table markers; trailing spaces cut). ``heading``: index of the
    section's heading (-1 before any; a heading's own index for a heading). ``depth``: list nesting (1 for
    a top-level list's items, 0 outside lists). ``quote``: block-quote depth. ``item``: index (in
    ``BriefModel.blocks``) of the list item a later paragraph of the item belongs to, else -1. ``mark``: the
    portion mark it opens with; ``text_start``: where the text after it begins.
    """

    kind: str
    start: int
    end: int
    heading: int
    depth: int = 0
    quote: int = 0
    level: int = 0  # headings: 1-6
    item: int = -1
    mark: Marking | None = None
    mark_text: str = ""
    text_start: int = 0
    citations: list[Citation] = field(default_factory=list)


class BriefModel:
    """A brief's structure (see the module docstring). ``body``: the text read; ``scrubbed``: the body with
    code replaced by spaces (same offsets); ``parse_text``: what Python-Markdown reads (the renderers' input,
    citations as tokens: see ``render_tokens``)."""

    def __init__(self, body: str) -> None:
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
        if "@" in text and "[" in text:
            parts: list[str] = []
            pos = 0
            for m in GROUP_RE.finditer(text):
                parts.append(text[pos : m.start()])
                parts.append(token(len(self._groups), m.end() - m.start()))
                self._groups.append((m.start(), m.end(), m.start(1), m.end(1)))
                pos = m.end()
            parts.append(text[pos:])
            self.parse_text = "".join(parts)
        else:
            self.parse_text = text
        self.citation_groups: list[int] = []  # the groups that are citations (not in code), in reading order
        self._code: list[tuple[int, int]] = []  # code, in normalised offsets
        _Reader(self).read()
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

    def group_keys(self, group: int) -> list[str]:
        return [f"{m.group(1)}{int(m.group(2))}" for m in KEY_RE.finditer(self.group_text(group))]

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
        for b in self.blocks:
            b.text_start = b.start
            if text.startswith("(", b.start):
                pm_ = portion(text, b.start, b.end)
                if pm_ is not None:
                    raw = pm_.group("mark")
                    if raw not in _MARKS:
                        _MARKS[raw] = parse_mark(raw)
                    mark = _MARKS[raw]
                    if mark is not None:
                        b.mark = mark
                        b.text_start = pm_.end()
                        b.mark_text = text[b.start : pm_.end()].strip()
            elif b.kind == "paragraph" and b.end - b.start <= 80:
                content = text[b.start : b.end]
                if "\n" not in content and banner_of(content):
                    b.kind = "banner"
        self._block_starts = [b.start for b in self.blocks]


class _Reader:
    """Walks Python-Markdown's block tree in reading order and finds each text in the normalised text."""

    def __init__(self, model: BriefModel) -> None:
        self.m = model
        self.text = model.parse_text
        if model._norm.text is model.body:
            self.line_starts = model.line_starts  # same lines
        else:
            self.line_starts = [0]
            self.line_starts.extend(x.end() for x in re.finditer("\n", self.text))
        self.line_ends = [s - 1 for s in self.line_starts[1:]] + [len(self.text)]
        self.li = 0  # the line being read
        self.col = 0  # column in it from which the next text is looked for
        self.heading = -1
        self.fences: list[tuple[int, int]] = []
        self.stash: list[str] = []
        self.identity = model._norm.text is model.body  # nothing normalised: offsets are the body's
        self.body_line = 0  # line of the last citation (they come in order)

    def read(self) -> None:
        md = pm.shared_markdown()
        root = pm.parse_blocks(md, self.text)
        self.stash = list(md.htmlStash.rawHtmlBlocks)
        self.fences = _fences(md, self.text) if self.stash else []
        self.block_spans: list[tuple[int, int]] = []  # normalised (start, end) of each block, as m.blocks
        self.walk(root, depth=0, quote=0, item=-1)
        self.cite()

    # --- finding texts ---------------------------------------------------------------------------------
    def find(self, piece: str) -> int:
        """The offset of ``piece`` (one line of a text in the tree) at or after the reading position, with only
        markers (spaces, '>', list markers, '#', '|', ':') between; -1 if it cannot be found."""
        text, starts, ends = self.text, self.line_starts, self.line_ends
        i = self.li
        lo = starts[i] + self.col if i < len(starts) else len(text)
        last = min(len(starts), i + _SEARCH_LINES)
        while i < last:
            end = ends[i]
            pos = text.find(piece, lo, end)
            while pos >= 0:
                if pos == lo or _PREFIX_CHARS.issuperset(text[lo:pos]):
                    self.li, self.col = i, pos + len(piece) - starts[i]
                    return pos
                pos = text.find(piece, pos + 1, end)
            i += 1
            if i < last:
                lo = starts[i]
        return -1

    def next_line(self) -> None:
        if self.col:
            self.li += 1
            self.col = 0

    def skip_line(self) -> None:
        """The line after the current one produced nothing (a setext underline, a table's separator row)."""
        self.li += 2
        self.col = 0

    def span(self, text: str) -> list[tuple[int, int, int]]:
        """Each non-empty line of ``text`` found in order: (its offset in ``text``, normalised start, end)."""
        if "\n" not in text:
            piece = text.strip(" ")
            if not piece:
                return []
            pos = self.find(piece)
            return [(text.find(piece), pos, pos + len(piece))] if pos >= 0 else []
        out = []
        offset = 0
        for line in text.split("\n"):
            piece = line.strip(" ")
            if piece:
                pos = self.find(piece)
                if pos >= 0:
                    out.append((offset + line.find(piece), pos, pos + len(piece)))
            offset += len(line) + 1
        return out

    # --- the walk --------------------------------------------------------------------------------------
    def walk(self, parent: ET.Element, depth: int, quote: int, item: int) -> None:
        for el in parent:
            tag = el.tag
            if tag == "p":
                stash = _STASH_RE.match(el.text or "") if len(el) == 0 else None
                if stash is not None:
                    self.fence(int(stash.group(1)), depth, quote)
                else:
                    self.add("paragraph", el.text or "", depth, quote, item)
            elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                self.add_heading(el, int(tag[1]), depth, quote)
            elif tag in ("ul", "ol"):
                for li in el:
                    if li.tag == "li":
                        self.list_item(li, depth + 1, quote)
            elif tag == "blockquote":
                self.walk(el, depth, quote + 1, item)
            elif tag == "pre":
                code = el[0] if len(el) and el[0].tag == "code" else el
                self.code(code.text or "", depth, quote)
            elif tag == "hr":
                self.hr()
            elif tag == "table":
                self.table(el, depth, quote)
            elif tag == "dl":
                for child in el:
                    if child.tag == "dt":
                        self.add("term", child.text or "", depth, quote, item)
                    elif child.tag == "dd":
                        if child.text and child.text.strip():
                            self.add("paragraph", child.text, depth, quote, item)
                        self.walk(child, depth, quote, item)
            else:  # anything else keeps its text as a paragraph
                self.add("paragraph", el.text or "", depth, quote, item)
                self.walk(el, depth, quote, item)
            if el.tail and el.tail.strip():
                self.add("paragraph", el.tail, depth, quote, item)

    def list_item(self, li: ET.Element, depth: int, quote: int) -> None:
        first = len(self.m.blocks)
        own = -1
        if li.text and li.text.strip():
            own = self.add("list_item", li.text, depth, quote, -1)
        for child in li:
            if own < 0 and child.tag == "p" and not _STASH_RE.match(child.text or ""):
                own = self.add("list_item", child.text or "", depth, quote, -1)
                if child.tail and child.tail.strip():
                    self.add("paragraph", child.tail, depth, quote, own)
                continue
            self.walk_one(child, depth, quote, own)
        if own < 0 and len(self.m.blocks) == first:
            return
        for b in self.m.blocks[first:]:
            if b.kind == "paragraph" and b.depth == depth and b.item == -1:
                b.item = own

    def walk_one(self, el: ET.Element, depth: int, quote: int, item: int) -> None:
        holder = ET.Element("div")
        holder.append(el)
        self.walk(holder, depth, quote, item)

    def add(self, kind: str, text: str, depth: int, quote: int, item: int) -> int:
        spans = self.span(text)
        if not spans:
            return -1
        self.next_line()
        return self.new_block(kind, spans, text, depth, quote, item)

    def new_block(
        self, kind: str, spans: list[tuple[int, int, int]], text: str, depth: int, quote: int, item: int
    ) -> int:
        m = self.m
        start, end = spans[0][1], spans[-1][2]
        self.block_spans.append((start, end))
        if not self.identity:
            start, end = m.to_body(start), m.to_body_end(end)
        m.blocks.append(Block(kind, start, end, self.heading, depth, quote, item=item))
        if "`" in text:
            self.code_spans(spans, text)
        return len(m.blocks) - 1

    def code_spans(self, spans: list[tuple[int, int, int]], text: str) -> None:
        """Record the inline code spans of a block's text (as normalised offsets)."""
        starts = [s[0] for s in spans]
        for s, e in _code_spans(text):
            i = bisect.bisect_right(starts, s) - 1
            if i >= 0:
                ns = spans[i][1] + s - spans[i][0]
                self.m._code.append((ns, ns + e - s))

    def cite(self) -> None:
        """Each bracket inside a block's text and outside code is a citation of that block (blocks and
        brackets are both in reading order, so one pass pairs them)."""
        m = self.m
        groups = m._groups
        if not groups:
            return
        code = sorted(m._code)
        spans = self.block_spans
        blocks = m.blocks
        ci = bi = 0
        for group, g in enumerate(groups):
            s = g[0]
            while ci < len(code) and code[ci][1] <= s:
                ci += 1
            if ci < len(code) and code[ci][0] <= s:
                continue  # in code: literal text
            while bi < len(spans) and spans[bi][1] <= s:
                bi += 1
            if bi < len(spans) and spans[bi][0] <= s:
                self.add_citation(blocks[bi], group)

    def add_citation(self, block: Block, group: int) -> None:
        m = self.m
        s, e, k0, k1 = m._groups[group]
        norm = m._norm.text
        keys = norm[k0:k1]
        if ";" in keys or "," in keys:
            spans = [(km.start(), km.end()) for km in KEY_RE.finditer(norm, k0, k1)]
        else:
            spans = [(k0, k1)]
        if self.identity:
            gs, ge = s, e
        else:
            gs, ge = m.to_body(s), m.to_body_end(e)
        heading = block.heading
        section = m.headings[heading].raw_title if heading >= 0 else ""
        m.citation_groups.append(group)
        line_starts = m.line_starts
        nlines = len(line_starts)
        li = self.body_line
        for a, b in spans:
            letter = norm[a + 1]
            ident = int(norm[a + 2 : b])
            if not self.identity:
                a, b = m.to_body(a), m.to_body_end(b)
            if li + 1 < nlines and line_starts[li + 1] <= a:
                li = bisect.bisect_right(line_starts, a, li) - 1
            c = Citation(
                f"{letter}{ident}",
                "claim" if letter == "c" else "source",
                ident,
                li + 1,
                a - line_starts[li] + 1,
                a,
                b,
                gs,
                ge,
                section,
            )
            c.block = block
            c.heading = heading
            c.group = group
            block.citations.append(c)
            m.citations.append(c)
        self.body_line = li

    def add_heading(self, el: ET.Element, level: int, depth: int, quote: int) -> None:
        text = el.text or ""
        spans = self.span(text)
        if not spans:
            return
        s, e = spans[0][1], spans[-1][2]
        line_start = self.line_starts[self.li]
        setext = "#" not in self.text[line_start:s]
        raw = _untokened(self.m, self.text[s:e], s)
        mark_, rest = split_portion_mark(raw)
        title = NUMBERING_RE.sub("", rest.strip()).strip("*_ ").strip()
        m = self.m
        index = len(m.headings)
        to_body = m.to_body
        m.headings.append(
            Heading(level, raw, title, to_body(line_start), to_body(s), m.to_body_end(e), index, setext)
        )
        self.heading = index
        block_index = self.new_block("heading", spans, text, depth, quote, -1)
        m.blocks[block_index].level = level
        if setext:
            self.skip_line()
        else:
            self.next_line()

    def code(self, text: str, depth: int, quote: int) -> None:
        text = (
            text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
        )  # as the processor escaped it
        spans = self.span(text)
        if not spans:
            return
        self.next_line()
        s, e = spans[0][1], spans[-1][2]
        self.m._code.append((s, e))
        self.m.code_blocks.append(
            Block("code", self.m.to_body(s), self.m.to_body_end(e), self.heading, depth, quote)
        )

    def fence(self, index: int, depth: int, quote: int) -> None:
        if index >= len(self.fences):
            return
        s, e = self.fences[index]
        self.m._code.append((s, e))
        self.m.code_blocks.append(
            Block("code", self.m.to_body(s), self.m.to_body_end(e), self.heading, depth, quote)
        )
        self.li = bisect.bisect_right(self.line_starts, max(s, e - 1))
        self.col = 0

    def hr(self) -> None:
        self.next_line()
        starts = self.line_starts
        for i in range(self.li, min(len(starts), self.li + _SEARCH_LINES)):
            if _HR_LINE_RE.match(self.text, starts[i], self.line_ends[i]):
                self.li, self.col = i + 1, 0
                return

    def table(self, el: ET.Element, depth: int, quote: int) -> None:
        self.next_line()
        starts = self.line_starts
        header = self.li
        while header < len(starts) and "|" not in self.text[starts[header] : self.line_ends[header]]:
            header += 1
        row = 0
        for section in el:
            rows = list(section) if section.tag in ("thead", "tbody") else [section]
            for tr in rows:
                # the header row, the separator row, then one line a row
                self.li, self.col = (header if row == 0 else header + 1 + row), 0
                row += 1
                for cell in tr:
                    if cell.tag in ("th", "td"):
                        spans = self.span(cell.text or "")
                        if spans:
                            self.new_block("table_cell", spans, cell.text or "", depth, quote, -1)
        self.li, self.col = header + 1 + row, 0


def _untokened(model: BriefModel, text: str, at: int) -> str:
    """``text`` (from the parse text at offset ``at``) with its tokens as the citations were written."""
    if "\ue000" not in text:
        return text
    norm = model._norm.text
    return norm[at : at + len(text)]


def _code_spans(text: str) -> list[tuple[int, int]]:
    """Inline code spans in a text of the block tree, as Python-Markdown's backtick processor finds them (it
    runs first, on the whole text)."""
    if "`" not in text:
        return []
    out = []
    pos = 0
    while True:
        for m in _BACKTICK_RE.finditer(text, pos):
            node, start, end = _BACKTICK.handleMatch(m, text)
            if start is None or end is None:
                continue
            if node is not None and getattr(node, "tag", None) == "code":
                out.append((start, end))
            pos = end
            break
        else:
            return out


def _fences(md: Any, text: str) -> list[tuple[int, int]]:
    """Offsets of the fenced code blocks, in the order the fenced-code preprocessor stashed them (it searches
    again from just after each block it replaces, and skips an opening fence with unbalanced braces)."""
    regex = md.preprocessors["fenced_code_block"].FENCED_BLOCK_RE
    out: list[tuple[int, int]] = []
    pos = 0
    while True:
        m = regex.search(text, pos)
        if m is None:
            return out
        if m.group("attrs") and get_attrs_and_remainder(m.group("attrs"))[1]:
            pos = m.end("attrs")
            continue
        out.append((m.start(), m.end()))
        pos = m.end()


def banner_of(text: str) -> Marking | None:
    """A line that is only a banner: SECRET//NOFORN, UNCLASSIFIED, TLP:AMBER (optionally bold/centred)."""
    raw = re.sub(r"</?(?:center|div|p)[^>]*>", "", text).strip().strip("*_ ").strip()
    if len(raw) < 4 or raw != raw.upper() or raw.startswith("("):
        return None
    return parse_mark(raw)


@functools.lru_cache(maxsize=8)
def parse_brief(body: str) -> BriefModel:
    """The model of ``body`` (cached: the editor, the checks and the renderers read the same text)."""
    return BriefModel(body)
