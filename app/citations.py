"""Citations in a brief's Markdown: ``[@c12]``, ``[@c12; @c14]``, ``[@s3]``.

Keys inside inline code spans or fenced/indented code blocks are literal text, not citations.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable

from app.domain import Citation

# A bracket whose content is one or more '@key' separated by ';' or ','.
GROUP_RE = re.compile(r"\[\s*(@[cs]\d+(?:\s*[;,]\s*@[cs]\d+)*)\s*[;,]?\s*\]")
KEY_RE = re.compile(r"@([cs])(\d+)")
HEADING_RE = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t#]*$")
FENCE_RE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
LIST_ITEM_RE = re.compile(r"^[ ]{0,3}([-*+]|\d+[.)])[ \t]+\S")
INLINE_CODE_RE = re.compile(r"(`+)(.+?)(?<!`)\1(?!`)", re.S)


def code_mask(body: str) -> list[tuple[int, int]]:
    """Offsets (start, end) of code in ``body``: fenced blocks, indented blocks and inline code spans."""
    spans: list[tuple[int, int]] = []
    offset = 0
    fence: str | None = None
    fence_start = 0
    prev_blank = True
    in_indented = False
    in_list = False  # inside a list item: 4-space-indented paragraphs belong to it, code needs 8
    for line in body.splitlines(keepends=True):
        stripped = line.rstrip("\r\n")
        if fence is not None:
            m = FENCE_RE.match(stripped)
            if (
                m
                and m.group(1)[0] == fence[0]
                and len(m.group(1)) >= len(fence)
                and not stripped.strip()[len(m.group(1)) :].strip()
            ):
                spans.append((fence_start, offset + len(line)))
                fence = None
            offset += len(line)
            continue
        m = FENCE_RE.match(stripped)
        if m:
            fence = m.group(1)
            fence_start = offset
            offset += len(line)
            prev_blank = False
            in_indented = False
            continue
        blank = stripped.strip() == ""
        indent = _indent_width(stripped)
        if not blank and indent < 4:
            if LIST_ITEM_RE.match(stripped):
                in_list = True
            elif prev_blank:
                in_list = False  # a new top-level paragraph ends the list; a lazy continuation line does not
        code_indent = 8 if in_list else 4
        is_indented = not blank and indent >= code_indent
        if is_indented and (prev_blank or in_indented) and not _looks_like_list_continuation(stripped):
            spans.append((offset, offset + len(line)))
            in_indented = True
        else:
            in_indented = in_indented and stripped.strip() == ""
            if "`" in stripped:
                for im in INLINE_CODE_RE.finditer(stripped):
                    spans.append((offset + im.start(), offset + im.end()))
        prev_blank = stripped.strip() == ""
        offset += len(line)
    if fence is not None:
        spans.append((fence_start, len(body)))
    return spans


def _looks_like_list_continuation(line: str) -> bool:
    return bool(re.match(r"^\s+([-*+]|\d+[.)])\s", line))


def _indent_width(line: str) -> int:
    width = 0
    for ch in line:
        if ch == " ":
            width += 1
        elif ch == "\t":
            width += 4 - width % 4
        else:
            break
    return width


class _Spans:
    """Sorted, non-overlapping code spans with O(log n) membership."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]

    def __contains__(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.spans[i][1]

    def __bool__(self) -> bool:
        return bool(self.spans)


def parse_citations(body: str) -> list[Citation]:
    """Every cited key in ``body`` in reading order, with line, column and section."""
    if "[" not in body or "@" not in body:
        return []
    return list(_parse_cached(body))


@functools.lru_cache(maxsize=4)
def _parse_cached(body: str) -> tuple[Citation, ...]:
    # One export reads the citations of the same text three times (resolving, the missing-key check, the
    # renderer); the records are frozen, so the tuple can be shared.
    return tuple(_parse(body))


def _parse(body: str) -> list[Citation]:
    spans = _Spans(code_mask(body))
    line_starts = [0]
    for m in re.finditer("\n", body):
        line_starts.append(m.end())
    headings = _headings(body, spans)
    heading_starts = [h[0] for h in headings]
    result: list[Citation] = []

    for gm in GROUP_RE.finditer(body):
        if spans and gm.start() in spans:
            continue
        for km in KEY_RE.finditer(body, gm.start(1), gm.end(1)):
            start = km.start()
            line_index = bisect.bisect_right(line_starts, start) - 1
            section = ""
            hi = bisect.bisect_right(heading_starts, start) - 1
            if hi >= 0:
                section = headings[hi][1]
            kind = "claim" if km.group(1) == "c" else "source"
            result.append(
                Citation(
                    key=f"{km.group(1)}{int(km.group(2))}",
                    kind=kind,
                    ident=int(km.group(2)),
                    line=line_index + 1,
                    column=start - line_starts[line_index] + 1,
                    start=start,
                    end=km.end(),
                    group_start=gm.start(),
                    group_end=gm.end(),
                    section=section,
                )
            )
    return result


def _headings(body: str, spans: _Spans) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    offset = 0
    for line in body.splitlines(keepends=True):
        m = HEADING_RE.match(line.rstrip("\r\n"))
        if m and offset not in spans:
            out.append((offset, m.group(2).strip()))
        offset += len(line)
    return out


def cited_claim_ids(citations: Iterable[Citation]) -> list[int]:
    """Claim ids in order of first citation, each once."""
    seen: dict[int, None] = {}
    for c in citations:
        if c.kind == "claim":
            seen.setdefault(c.ident, None)
    return list(seen)


def cited_source_ids(citations: Iterable[Citation]) -> list[int]:
    seen: dict[int, None] = {}
    for c in citations:
        if c.kind == "source":
            seen.setdefault(c.ident, None)
    return list(seen)
