"""A light, fast structural pass over a brief's Markdown, enough for the checks.

Not a Markdown renderer (that is ``app.export``): it finds headings, paragraphs, list items and table cells
with their offsets, the section each belongs to, its portion mark, and the citations, skipping code (fenced
and indented blocks, inline code spans). Headings are ATX (``## Title``); setext underlines are not headings.
A line that is only a banner (``SECRET//NOFORN``, ``TLP:AMBER``, optionally in ``**``) is a banner block.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import cached_property

from app.citations import GROUP_RE, KEY_RE
from app.domain import Citation
from app.markings import PORTION_RE, Marking, parse_mark, split_portion_mark

HEADING_RE = re.compile(r"[ \t]{0,3}(#{1,6})[ \t]+(.*?)[ \t#]*$")
FENCE_RE = re.compile(r"[ \t]{0,3}(`{3,}|~{3,})")
HR_RE = re.compile(r"[ \t]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
LIST_RE = re.compile(r"([ \t]*)([-*+]|\d{1,9}[.)])([ \t]+|$)")
QUOTE_RE = re.compile(r"[ \t]{0,3}>[ \t]?")
TABLE_DELIM_RE = re.compile(r"\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$")
INLINE_CODE_RE = re.compile(r"(`+)([^\n]+?)(?<!`)\1(?!`)")
COMMENT_RE = re.compile(r"[ \t]*<!--.*-->[ \t]*$")
NUMBERING_RE = re.compile(r"^(?:\d+(?:\.\d+)*\.?|[IVX]+\.)\s+")

_SPECIAL = frozenset("#`~ \t>|-*+_<0123456789\r")
_MARKS: dict[str, Marking | None] = {}

KJ_TITLE_RE = re.compile(r"^key\s+judge?ments?$", re.I)


class Cite:
    """A cited key, as ``app.domain.Citation`` (same attributes) but cheap to make by the thousand."""

    __slots__ = (
        "key",
        "kind",
        "ident",
        "line",
        "column",
        "start",
        "end",
        "group_start",
        "group_end",
        "section",
        "block",
    )

    def __init__(self, key, kind, ident, line, column, start, end, group_start, group_end, section) -> None:
        self.key = key
        self.kind = kind
        self.ident = ident
        self.line = line
        self.column = column
        self.start = start
        self.end = end
        self.group_start = group_start
        self.group_end = group_end
        self.section = section
        self.block: Block | None = None  # the portion holding it (set by the parser)

    def to_citation(self) -> Citation:
        return Citation(
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
        return f"Cite({self.key}@{self.line}:{self.column})"


@dataclass(slots=True)
class Heading:
    level: int
    raw_title: str  # as written, portion mark included
    title: str  # without portion mark or numbering
    start: int  # offset of the line
    content_start: int  # offset of the title text
    end: int
    index: int


@dataclass(slots=True)
class Block:
    """A portion: a heading, paragraph, list item, table cell or banner line.

    ``start``/``end``: the content (after any list marker, quote marker or table bar), trailing space cut.
    ``mark``: the portion mark it opens with, if any; ``text_start`` is where the text after it begins.
    """

    kind: str  # heading | paragraph | list_item | table_cell | banner
    start: int
    end: int
    heading: int  # index of the nearest heading above (-1 before any); a heading's own index for a heading
    depth: int = 0  # list items: indentation in columns
    mark: Marking | None = None
    mark_text: str = ""
    text_start: int = 0
    citations: list[Cite] = field(default_factory=list)


class Document:
    """The parsed brief. ``scrubbed``: the body with code replaced by spaces (same offsets)."""

    def __init__(self, body: str) -> None:
        self.body = body
        self.headings: list[Heading] = []
        self.blocks: list[Block] = []
        self.line_starts: list[int] = [0]
        self.line_starts.extend(m.end() for m in re.finditer("\n", body))
        code: list[tuple[int, int]] = []
        self._parse(code)
        self.scrubbed = self._scrub(code)
        self._marks()
        self.citations = self._citations()

    # --- parsing -------------------------------------------------------------------------------------
    def _parse(self, code: list[tuple[int, int]]) -> None:
        body = self.body
        blocks = self.blocks
        current: Block | None = None
        fence: str | None = None
        fence_start = 0
        prev_blank = True
        heading = -1
        last_item: Block | None = None
        for i, start in enumerate(self.line_starts):
            end = self.line_starts[i + 1] - 1 if i + 1 < len(self.line_starts) else len(body)
            line = body[start:end]
            if line.endswith("\r"):
                line = line[:-1]
            first = line[:1]
            if fence is None and first and first not in _SPECIAL:
                # plain text: continues the current block or opens a paragraph
                prev_blank = False
                if current is not None:
                    current.end = end
                else:
                    last_item = None
                    current = Block("paragraph", start, end, heading)
                    blocks.append(current)
                continue
            if fence is not None:
                stripped = line.strip()
                if stripped.startswith(fence) and not stripped.lstrip(fence[0]).strip():
                    code.append((fence_start, end))
                    fence = None
                continue
            m = FENCE_RE.match(line)
            if m:
                current = None
                fence = m.group(1)
                fence_start = start
                prev_blank = False
                continue
            if not line.strip():
                current = None
                prev_blank = True
                continue
            if prev_blank and current is None and line[:1] in " \t":
                lm = LIST_RE.match(line)
                if last_item is not None and not (lm and lm.group(3)) and line[:2] in ("  ", "\t", " \t"):
                    last_item.end = end  # a later paragraph of the same list item
                    prev_blank = False
                    current = last_item
                    continue
                if last_item is None and (line.startswith("    ") or line.startswith("\t")):
                    code.append((start, end))  # an indented code block
                    continue
            was_blank, prev_blank = prev_blank, False
            m = HEADING_RE.match(line)
            if m:
                current = None
                raw = m.group(2).strip()
                cstart = start + m.start(2)
                heading = len(self.headings)
                last_item = None
                self.headings.append(
                    Heading(len(m.group(1)), raw, "", start, cstart, start + m.end(2), heading)
                )
                blocks.append(Block("heading", cstart, start + m.end(2), heading))
                continue
            if COMMENT_RE.match(line):
                continue
            if HR_RE.match(line) and current is None:
                continue
            offset = 0
            qm = QUOTE_RE.match(line)
            while qm:
                offset += qm.end()
                qm = QUOTE_RE.match(line, offset) if line[offset : offset + 1] else None
                if qm and qm.end() == offset:
                    break
            text = line[offset:]
            if text.lstrip().startswith("|"):
                current = None
                if TABLE_DELIM_RE.match(text.strip()):
                    continue
                self._cells(start + offset, text, heading)
                continue
            lm = LIST_RE.match(text)
            if lm and lm.group(3):
                cstart = start + offset + lm.end()
                current = Block("list_item", cstart, end, heading, depth=len(lm.group(1).expandtabs(4)))
                blocks.append(current)
                last_item = current
                continue
            if current is not None and not was_blank:
                current.end = end
                continue
            lead = len(text) - len(text.lstrip())
            last_item = None
            current = Block("paragraph", start + offset + lead, end, heading)
            blocks.append(current)
        if fence is not None:
            code.append((fence_start, len(body)))
        for b in blocks:
            while b.end > b.start and body[b.end - 1] in " \t\r":
                b.end -= 1
        for h in self.headings:
            mark, rest = split_portion_mark(h.raw_title)
            title = NUMBERING_RE.sub("", rest.strip())
            h.title = title.strip("*_ ").strip()

    def _cells(self, start: int, text: str, heading: int) -> None:
        pos = 0
        lead = len(text) - len(text.lstrip())
        pos = lead + 1  # after the first bar
        n = len(text)
        while pos < n:
            j = pos
            while j < n and not (text[j] == "|" and text[j - 1] != "\\"):
                j += 1
            cell = text[pos:j]
            if j >= n and not cell.strip():
                break
            s = pos + len(cell) - len(cell.lstrip())
            e = pos + len(cell.rstrip())
            if e > s:
                self.blocks.append(Block("table_cell", start + s, start + e, heading))
            pos = j + 1

    def _scrub(self, code: list[tuple[int, int]]) -> str:
        body = self.body
        spans = list(code)
        if "`" in body:
            blocked = sorted(code)
            starts = [s for s, _ in blocked]
            for m in INLINE_CODE_RE.finditer(body):
                k = bisect.bisect_right(starts, m.start()) - 1
                if k >= 0 and blocked[k][0] <= m.start() < blocked[k][1]:
                    continue
                spans.append((m.start(), m.end()))
        if not spans:
            return body
        spans.sort()
        parts: list[str] = []
        pos = 0
        for s, e in spans:
            if s < pos:
                s = pos
            if e <= s:
                continue
            parts.append(body[pos:s])
            chunk = body[s:e]
            parts.append(re.sub(r"[^\n]", " ", chunk))
            pos = e
        parts.append(body[pos:])
        return "".join(parts)

    def _marks(self) -> None:
        text = self.scrubbed
        kept: list[Block] = []
        for b in self.blocks:
            content = text[b.start : b.end]
            if not content.strip():
                continue  # all code
            b.text_start = b.start
            if content.startswith("("):
                pm = PORTION_RE.match(content)
                if pm is not None:
                    raw = pm.group("mark")
                    if raw not in _MARKS:
                        _MARKS[raw] = parse_mark(raw)
                    mark = _MARKS[raw]
                    if mark is not None:
                        b.mark = mark
                        b.text_start = b.start + pm.end()
                        b.mark_text = content[: pm.end()].strip()
            elif b.kind == "paragraph" and len(content) <= 80 and "\n" not in content and _banner(content):
                b.kind = "banner"
            kept.append(b)
        self.blocks = kept
        self._block_starts = [b.start for b in kept]

    def _citations(self) -> list[Cite]:
        text = self.scrubbed
        out: list[Cite] = []
        if "@" not in text:
            return out
        headings = self.headings
        hstarts = [h.start for h in headings]
        line_starts = self.line_starts
        nlines = len(line_starts)
        blocks = self.blocks
        nblocks = len(blocks)
        li = 0  # line index, advanced as the offsets grow
        bi = -1  # block index
        hi = -1
        for gm in GROUP_RE.finditer(text):
            g0 = gm.start()
            while hi + 1 < len(hstarts) and hstarts[hi + 1] <= g0:
                hi += 1
            section = headings[hi].raw_title if hi >= 0 else ""
            while bi + 1 < nblocks and blocks[bi + 1].start <= g0:
                bi += 1
            block = blocks[bi] if bi >= 0 and blocks[bi].end >= g0 else None
            cites = block.citations if block is not None else None
            g1, e1 = gm.span(1)
            inner = gm.group(1)
            if ";" in inner or "," in inner:
                spans = [(km.start(), km.end()) for km in KEY_RE.finditer(text, g1, e1)]
            else:
                spans = [(g1, e1)]  # one key: the whole group content
            g_end = gm.end()
            for k0, k1 in spans:
                while li + 1 < nlines and line_starts[li + 1] <= k0:
                    li += 1
                letter = text[k0 + 1]
                ident = int(text[k0 + 2 : k1])
                c = Cite(
                    letter + str(ident),
                    "claim" if letter == "c" else "source",
                    ident,
                    li + 1,
                    k0 - line_starts[li] + 1,
                    k0,
                    k1,
                    g0,
                    g_end,
                    section,
                )
                c.block = block
                out.append(c)
                if cites is not None:
                    cites.append(c)
        return out

    # --- queries -------------------------------------------------------------------------------------
    def line_col(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.line_starts, offset) - 1
        return i + 1, offset - self.line_starts[i] + 1

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
        """The items of the Key Judgments section: its outermost list items (each with the items nested
        under it), or, without a list, its paragraphs."""
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
                for b in items:
                    if b.depth == top:
                        # a copy, so that nested items can join it without changing the portion itself
                        current = Block(
                            b.kind,
                            b.start,
                            b.end,
                            b.heading,
                            b.depth,
                            b.mark,
                            b.mark_text,
                            b.text_start,
                            list(b.citations),
                        )
                        out.append(current)
                    elif current is not None:  # a nested item belongs to the judgment above it
                        current.end = b.end
                        current.citations.extend(b.citations)
            else:
                out.extend(b for b in blocks if b.kind == "paragraph")
        return out


def _banner(text: str) -> Marking | None:
    """A line that is only a banner: SECRET//NOFORN, UNCLASSIFIED, TLP:AMBER (optionally bold/centred)."""
    raw = re.sub(r"</?(?:center|div|p)[^>]*>", "", text).strip().strip("*_ ").strip()
    if len(raw) < 4 or raw != raw.upper() or raw.startswith("("):
        return None
    mark = parse_mark(raw)
    if mark is None:
        return None
    return mark


def banner_of(text: str) -> Marking | None:
    return _banner(text)
