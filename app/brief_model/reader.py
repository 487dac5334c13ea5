"""How the brief model is read: Python-Markdown's block tree walked in reading order, each text found again in
the normalised source (see :mod:`app.brief_model.model` for the why)."""

from __future__ import annotations

import bisect
import re
import xml.etree.ElementTree as ET
from typing import Any, Protocol

from markdown.extensions.attr_list import get_attrs_and_remainder
from markdown.inlinepatterns import BACKTICK_RE, BacktickInlineProcessor

from app.brief_model import pm
from app.brief_model.parts import Block, Citation, Heading
from app.brief_model.pieces import Pieces
from app.brief_model.text import READ_TOKEN_CHAR, Normalised
from app.markings import PORTION_RE


class _Model(Protocol):
    """What the reader fills in (a BriefModel; named here so this module need not import it)."""

    body: str
    read_text: str
    line_starts: list[int]
    headings: list[Heading]
    blocks: list[Block]
    code_blocks: list[Block]
    citations: list[Citation]
    citation_groups: list[int]
    _code: list[tuple[int, int]]
    _groups: list[tuple[int, int, int, int]]
    _norm: Normalised

    def to_body(self, offset: int) -> int: ...

    def to_body_end(self, offset: int) -> int: ...


NUMBERING_RE = re.compile(r"^(?:\d+(?:\.\d+)*\.?|[IVX]+\.)\s+")
_STASH_RE = re.compile("^\x02wzxhzdk:(\\d+)\x03$")
_HR_LINE_RE = re.compile(r"[ >]*(?:(?:-[ ]{0,2}){3,}|(?:_[ ]{0,2}){3,}|(?:\*[ ]{0,2}){3,})[ ]*$")
_EMPTY_HEADING_RE = re.compile(r"[ >*+\-.\d]*(#{1,6})[ #]*$")
_PREFIX_CHARS = frozenset(" >-*+.:|#0123456789")
_SEARCH_LINES = 2000  # how far ahead a text is looked for (a bound, never reached by a parse that is right)
_BACKTICK = BacktickInlineProcessor(BACKTICK_RE)
_BACKTICK_RE = re.compile(BACKTICK_RE)


class Reader:
    """Walks Python-Markdown's block tree in reading order and finds each text in the normalised text."""

    def __init__(self, model: _Model) -> None:
        self.m = model
        self.text = model.read_text
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

    def read(self, pieces: Pieces | None = None) -> None:
        md = pm.shared_markdown()
        root = pieces.root(md, self.text) if pieces is not None else None
        if root is None:
            root = pm.parse_blocks(md, self.text)
        self.stash = list(md.htmlStash.rawHtmlBlocks)
        # what the parse leaves besides the tree, for a renderer reusing it (``BriefModel.block_tree``)
        self.root, self.references = root, dict(md.references)
        self.abbrs = dict(md.treeprocessors["abbr"].abbrs) if "abbr" in md.treeprocessors else {}
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
        if not self.col and i < len(starts):
            # the commonest case: the text opens the line, or the line after a blank one (what the loop below
            # finds first there too)
            if ends[i] == starts[i] and i + 1 < len(starts):
                i += 1
            at = starts[i]
            if text.startswith(piece, at) and at + len(piece) <= ends[i]:
                self.li, self.col = i, len(piece)
                return at
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
        source, starts, ends = self.text, self.line_starts, self.line_ends
        nlines = len(starts)
        blocks = self.m.blocks
        for el in parent:
            tag = el.tag
            if tag == "p":
                text = el.text or ""
                if "\n" not in text and "`" not in text and not self.col and self.li < nlines:
                    # a brief's commonest block: one line of text, no code, opening its line (or the line after
                    # a blank one): found as ``add`` and ``find`` would find it, without their calls
                    piece = text.strip(" ")
                    i = self.li
                    at = starts[i]
                    if ends[i] == at and i + 1 < nlines:
                        i += 1
                        at = starts[i]
                    end = at + len(piece)
                    if piece and end <= ends[i] and source.startswith(piece, at):
                        self.li = i + 1
                        self.block_spans.append((at, end))
                        if not self.identity:
                            at, end = self.m.to_body(at), self.m.to_body_end(end)
                        blocks.append(Block("paragraph", at, end, self.heading, depth, quote, 0, item))
                        if el.tail and el.tail.strip():
                            self.add("paragraph", el.tail, depth, quote, item)
                        continue
                stash = _STASH_RE.match(text) if text[:1] == "\x02" and not len(el) else None
                if stash is not None:
                    self.fence(int(stash.group(1)), depth, quote)
                else:
                    self.add("paragraph", text, depth, quote, item)
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
        if "\n" in text or "`" in text:
            spans = self.span(text)
            if not spans:
                return -1
            self.next_line()
            return self.new_block(kind, spans, text, depth, quote, item)
        # one line without code (most of a brief's blocks): span, next_line and new_block in one
        piece = text.strip(" ")
        if not piece:
            return -1
        start = self.find(piece)
        if start < 0:
            return -1
        if self.col:
            self.li += 1
            self.col = 0
        end = start + len(piece)
        self.block_spans.append((start, end))
        m = self.m
        if not self.identity:
            start, end = m.to_body(start), m.to_body_end(end)
        m.blocks.append(Block(kind, start, end, self.heading, depth, quote, 0, item))
        return len(m.blocks) - 1

    def new_block(
        self, kind: str, spans: list[tuple[int, int, int]], text: str, depth: int, quote: int, item: int
    ) -> int:
        m = self.m
        start, end = spans[0][1], spans[-1][2]
        self.block_spans.append((start, end))
        if not self.identity:
            start, end = m.to_body(start), m.to_body_end(end)
        m.blocks.append(Block(kind, start, end, self.heading, depth, quote, 0, item))
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
        brackets are both in reading order, so one pass pairs them). The hot loop of a brief with many
        citations: kept flat. A bracket is on one line (``GROUP_RE`` crosses none), so its keys share the
        bracket's line; its keys are cut at each '@' (between two keys only ``[ \\t;,]`` can stand)."""
        m = self.m
        groups = m._groups
        if not groups:
            return
        code = sorted(m._code)
        ncode = len(code)
        spans = self.block_spans
        nspans = len(spans)
        blocks = m.blocks
        headings = m.headings
        norm = m._norm.text
        identity = self.identity
        to_body, to_body_end = m.to_body, m.to_body_end
        line_starts = m.line_starts
        nlines = len(line_starts)
        cited = m.citation_groups.append
        append = m.citations.append
        bisect_right = bisect.bisect_right
        li = 0
        next_line = line_starts[1] if nlines > 1 else len(m.body) + 1
        line_start = 0
        ci = 0
        code_start, code_end = code[0] if code else (-1, -1)
        bi = -1
        block_end = -1  # the current block's end (normalised); past the end: the next block is looked for
        block_start = 0
        block: Block | None = None
        heading = -1
        section = ""
        add = append  # the current block's citations.append (set with the block, before any use)
        known: dict[str, tuple[str, str, int]] = {}  # each key as written: (key, kind, number)
        for group, (s, e, k0, k1) in enumerate(groups):
            if code_end <= s and ci < ncode:
                while ci < ncode and code[ci][1] <= s:
                    ci += 1
                code_start, code_end = code[ci] if ci < ncode else (-1, -1)
            if 0 <= code_start <= s:
                continue  # in code: literal text
            if block_end <= s:
                while bi + 1 < nspans and spans[bi + 1][1] <= s:
                    bi += 1
                bi += 1
                if bi >= nspans:
                    return
                block_start, block_end = spans[bi]
                block = blocks[bi]
                heading = block.heading
                section = headings[heading].raw_title if heading >= 0 else ""
                add = block.citations.append
            if block_start > s:
                continue  # not in any text the reader sees (a removed definition)
            cited(group)
            if identity:
                gs, ge = s, e
            else:
                gs, ge = to_body(s), to_body_end(e)
            if next_line <= gs:
                li = bisect_right(line_starts, gs, li) - 1
                line_start = line_starts[li]
                next_line = line_starts[li + 1] if li + 1 < nlines else len(m.body) + 1
            line = li + 1
            keys = norm[k0:k1]
            if keys.find("@", 1) < 0:
                parts = [keys[1:]]
            else:
                parts = keys.split("@")
                del parts[0]
            a = k0
            for part in parts:
                name = part.rstrip(" \t;,")
                read = known.get(name)
                if read is None:
                    ident = int(name[1:])
                    key = name if name[1] != "0" else f"{name[0]}{ident}"
                    read = known[name] = (key, "claim" if name[0] == "c" else "source", ident)
                key, kind, ident = read
                b = a + 1 + len(name)
                if identity:
                    ba, bb = a, b
                else:
                    ba, bb = to_body(a), to_body_end(b)
                c = Citation(
                    key,
                    kind,
                    ident,
                    line,
                    ba - line_start + 1,
                    ba,
                    bb,
                    gs,
                    ge,
                    section,
                    block,
                    heading,
                    group,
                )
                add(c)
                append(c)
                a += 1 + len(part)

    def add_heading(self, el: ET.Element, level: int, depth: int, quote: int) -> None:
        text = el.text or ""
        spans = self.span(text)
        if not spans:
            spans = self.empty_heading_line()
            if not spans:
                return
        s, e = spans[0][1], spans[-1][2]
        line_start = self.line_starts[self.li]
        setext = "#" not in self.text[line_start:s]
        raw = _untokened(self.m, self.text[s:e], s)
        portion = PORTION_RE.match(raw)  # the mark itself is read with the blocks' marks
        rest = raw[portion.end() :] if portion is not None else raw
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

    def empty_heading_line(self) -> list[tuple[int, int, int]]:
        """An empty heading ('#', '## ##'): still a section for every renderer. Its span is empty, at the end
        of its hashes, on the next line that is only markers and hashes."""
        starts, ends = self.line_starts, self.line_ends
        first = self.li + (1 if self.col else 0)
        for i in range(first, min(len(starts), first + _SEARCH_LINES)):
            m = _EMPTY_HEADING_RE.match(self.text, starts[i], ends[i])
            if m is not None:
                self.li, self.col = i, m.end(1) - starts[i]
                return [(0, m.end(1), m.end(1))]
        return []

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


def _untokened(model: _Model, text: str, at: int) -> str:
    """``text`` (from the read text at offset ``at``) with its tokens as the citations were written."""
    if READ_TOKEN_CHAR not in text:
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
    fences = pm.FenceSearch(regex, text)
    while True:
        m = fences.search(pos)
        if m is None:
            return out
        if m.group("attrs") and get_attrs_and_remainder(m.group("attrs"))[1]:
            pos = m.end("attrs")
            continue
        out.append((m.start(), m.end()))
        pos = m.end()
