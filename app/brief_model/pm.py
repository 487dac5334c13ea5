"""The one Python-Markdown configuration: every reading and rendering of a brief goes through here.

A brief's Markdown is Python-Markdown's: the brief model reads its block structure with Python-Markdown's own
block parser (this module's :func:`parse_blocks`), and the renderers (HTML preview and export, .docx) finish
the same tree with its tree processors. So a heading, a list or a code block is one for every part of the app.

What a brief may use: paragraphs, ATX and setext headings, lists (``sane_lists``), block quotes, indented and
fenced code, tables, definition lists, abbreviations, horizontal rules, emphasis, ``~~strike~~``, inline code,
links and images. What it may not: raw HTML (shown as text), entities (shown as written), autolinks in angle
brackets (text), attribute lists (``{: style=...}`` stays text: no CSS or attribute from a brief reaches a
renderer) and Markdown footnotes (citations are the notes).

Speed: Python-Markdown tries every block processor's regular expression on every block, and several search
the whole block; on a 500-page brief that took most of a second. Each processor here first checks a cheap
condition its own expression cannot match without (a '#' at a line start for a heading, '>' for a quote...),
and the block list is consumed from its end; the processors' rules themselves are Python-Markdown's, unchanged.
"""

from __future__ import annotations

import itertools
import re
import threading
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any

import markdown
from markdown.extensions import abbr, def_list, fenced_code, sane_lists, tables, toc
from markdown.extensions.attr_list import get_attrs_and_remainder
from markdown.inlinepatterns import SimpleTagInlineProcessor
from markdown.util import AtomicString

__all__ = ["finish_tree", "has_fence", "new_markdown", "parse_blocks", "serialize"]


def _extensions() -> list[Any]:
    # Instances, not names: naming an extension makes Python-Markdown read every installed package's metadata.
    return [
        abbr.makeExtension(),
        def_list.makeExtension(),
        fenced_code.makeExtension(),
        tables.makeExtension(use_align_attribute=True),  # align="right", never a style attribute
        # heading ids for the preview's links; no "[TOC]" marker: a table of contents copied each heading's
        # citations (a second note for the same citation) and the .docx and .md exports have none
        toc.makeExtension(marker=""),
        sane_lists.makeExtension(),
    ]


class _Blocks:
    """The parser's list of pending blocks, kept reversed: Python-Markdown only ever reads, pops and inserts
    at index 0, which on a plain list moves every later block (quadratic on a long brief)."""

    __slots__ = ("_r",)

    def __init__(self, blocks: list[str]) -> None:
        blocks.reverse()
        self._r = blocks

    def __bool__(self) -> bool:
        return bool(self._r)

    def __len__(self) -> int:
        return len(self._r)

    def __getitem__(self, index: int) -> str:
        if index != 0:
            raise IndexError(index)
        return self._r[-1]

    def pop(self, index: int = -1) -> str:
        if index != 0:
            raise IndexError(index)
        return self._r.pop()

    def insert(self, index: int, block: str) -> None:
        if index != 0:
            raise IndexError(index)
        self._r.append(block)


# A necessary condition for each block processor's test (or, for those whose test always passes, its run):
# when it fails, the processor's own expression cannot match, so skipping it changes nothing.
_HR_START_RE = re.compile(r"^[ ]{0,3}([-_*])[ ]*\1[ ]*\1", re.M)


def _hr_possible(b: str) -> bool:
    return ("-" in b or "_" in b or "*" in b) and _HR_START_RE.search(b) is not None


def _deflist_possible(b: str) -> bool:
    """A line starting with ':' after up to three spaces."""
    if ":" not in b:
        return False
    return b.lstrip(" ")[:1] == ":" or any(p in b for p in ("\n:", "\n :", "\n  :", "\n   :"))


_TEST_GUARDS: dict[str, Callable[[str], bool]] = {
    "hashheader": lambda b: b[:1] == "#" or "\n#" in b,
    "setextheader": lambda b: b[b.find("\n") + 1 : b.find("\n") + 2] in ("=", "-") and "\n" in b,
    "hr": _hr_possible,
    "quote": lambda b: ">" in b,
    "table": lambda b: "|" in b and "\n" in b,
    "deflist": _deflist_possible,
}
_RUN_GUARDS: dict[str, Callable[[str], bool]] = {
    "abbr": lambda b: "*[" in b,
    "reference": lambda b: "]:" in b,
}


def _guard_test(processor: Any, cond: Callable[[str], bool]) -> None:
    test = processor.test
    processor.test = lambda parent, block: cond(block) and test(parent, block)


def _guard_run(processor: Any, cond: Callable[[str], bool]) -> None:
    run = processor.run

    def guarded(parent: Any, blocks: Any) -> Any:
        if not cond(blocks[0]):
            return False  # what run returns when its expression does not match (the block stays)
        return run(parent, blocks)

    processor.run = guarded


# A block none of whose lines starts (after up to three spaces) with a character some block processor looks
# for, that holds no '|' (tables), and that does not start with four spaces or a digit: every processor before
# the paragraph processor would decline it, so it goes to that one directly.
_SPECIAL_FIRST = frozenset("-_*+#>=:[0123456789 \n")
_SPECIAL_LINE_RE = re.compile(r"\n[ ]{0,3}[-_*+#>=:\[]")
_SPECIAL_FIRST_OR_NONE = _SPECIAL_FIRST | {""}


def _plain(block: str) -> bool:
    if not block or "|" in block:
        return False
    first = block[0]
    if first in _SPECIAL_FIRST:
        if first != " ":
            return False
        rest = block.lstrip(" ")
        if len(block) - len(rest) > 3 or not rest or rest[0] in _SPECIAL_FIRST:
            return False
    return "\n" not in block or _SPECIAL_LINE_RE.search(block) is None


class _AbbrTreeprocessor(abbr.AbbrTreeprocessor):  # type: ignore[misc]  # Python-Markdown has no types: its base is Any
    """Python-Markdown's abbreviation step (its expression, its elements), with each element's place in its
    parent handed down the walk. Python-Markdown looks the place up by scanning the parent's children for every
    element with a tail (every block has one), which is quadratic in a parent's children: 32,000 paragraphs
    using one abbreviation took 11 s to render."""

    def _split(self, text: str) -> tuple[str, list[ET.Element]]:
        """``text`` cut at each known abbreviation: the text before the first, and an ``abbr`` element for each
        (in reading order, each holding the text up to the next as its tail)."""
        found = []
        for m in reversed(list(self.RE.finditer(text))):
            title = self.abbrs[m.group(0)]
            if title:
                found.append(self.create_element(title, m.group(0), text[m.end() :]))
                text = text[: m.start()]
        found.reverse()
        return text, found

    def iter_element(self, el: ET.Element, parent: ET.Element | None = None, place: int = 0) -> None:
        # children last to first: what is inserted after a child never moves an earlier one
        for i in range(len(el) - 1, -1, -1):
            self.iter_element(el[i], el, i)
        if el.text and not isinstance(el.text, AtomicString):
            el.text, found = self._split(el.text)
            for k, element in enumerate(found):
                el.insert(k, element)
        if parent is not None and el.tail and not isinstance(el.tail, AtomicString):
            el.tail, found = self._split(el.tail)
            for k, element in enumerate(found):
                parent.insert(place + 1 + k, element)


# What each inline pattern's expression cannot match without (any one of these substrings in the text).
_INLINE_NEEDS: dict[str, tuple[str, ...]] = {
    "backtick": ("`",),
    "escape": ("\\",),
    "reference": ("[",),
    "link": ("[",),
    "short_reference": ("[",),
    "image_link": ("![",),
    "image_reference": ("![",),
    "short_image_ref": ("![",),
    "linebreak": ("  \n",),
    "em_strong": ("*", "_"),
    "strike": ("~~",),
}


def _guard_inline(md: markdown.Markdown) -> None:
    """Python-Markdown's inline step tries every pattern on every text (a call and a search each, ~2,000 a
    20-page brief); a pattern whose expression needs a character the text lacks is skipped, as a pattern
    that does not match is (its start index reset). InlineProcessor.__handleInline, otherwise unchanged."""
    step = md.treeprocessors["inline"]
    registry = md.inlinePatterns
    patterns = [registry[i] for i in range(len(registry))]
    needs: list[tuple[str, ...] | None] = [None] * len(patterns)
    for name, chars in _INLINE_NEEDS.items():
        if name in registry:
            needs[registry.get_index_for_name(name)] = chars
    apply = step._InlineProcessor__applyPattern

    def handle_inline(data: str, pattern_index: int = 0) -> str:
        if not isinstance(data, AtomicString):
            start = 0
            count = len(patterns)
            while pattern_index < count:
                chars = needs[pattern_index]
                if chars is not None and not any(c in data for c in chars):
                    pattern_index += 1
                    start = 0
                    continue
                data, matched, start = apply(patterns[pattern_index], data, pattern_index, start)
                if not matched:
                    pattern_index += 1
        return data

    step._InlineProcessor__handleInline = handle_inline


def _speed_up(md: markdown.Markdown) -> None:
    _guard_inline(md)
    if "abbr" in md.treeprocessors:
        step = md.treeprocessors["abbr"]
        md.treeprocessors.register(_AbbrTreeprocessor(md, step.abbrs), "abbr", 7)
    parser = md.parser
    registry = parser.blockprocessors
    for name, cond in _TEST_GUARDS.items():
        if name in registry:
            _guard_test(registry[name], cond)
    for name, cond in _RUN_GUARDS.items():
        if name in registry:
            _guard_run(registry[name], cond)
    registry["setextheader"].run = _setext_run.__get__(registry["setextheader"])
    processors = list(registry)  # the registry rebuilds this list on every iteration otherwise
    paragraph = registry["paragraph"]

    sub_element = ET.SubElement

    def parse_blocks(parent: Any, blocks: Any) -> None:
        state = parser.state
        if type(blocks) is not _Blocks:
            # a processor's own short list ([item], [before]): a fresh one each time, never read after the call
            blocks = _Blocks(list(blocks))
        # the pending blocks, last first: read and popped here directly (the processors go through _Blocks)
        pending = blocks._r
        while pending:
            block = pending[-1]
            # _plain(block), its commonest answer first (a paragraph opening with a letter)
            if (
                block[:1] not in _SPECIAL_FIRST_OR_NONE
                and "|" not in block
                and ("\n" not in block or _SPECIAL_LINE_RE.search(block) is None)
            ) or _plain(block):
                if state and state[-1] == "list":
                    paragraph.run(parent, blocks)
                else:  # ParagraphProcessor.run outside a tight list (a brief's commonest block), inlined
                    pending.pop()
                    if block.strip():
                        sub_element(parent, "p").text = block.lstrip()
                continue
            for processor in processors:
                if processor.test(parent, block) and processor.run(parent, blocks) is not False:
                    break

    parser.parseBlocks = parse_blocks
    parser.cut_every = 0  # see parse_blocks: set while reading again after a RecursionError
    parser.parseChunk = lambda parent, text: parse_blocks(
        parent, _Blocks(_split_blocks(text, parser.cut_every))
    )

    md.preprocessors["normalize_whitespace"].run = _normalize_whitespace
    fenced = md.preprocessors["fenced_code_block"]
    fenced.run = _fenced_linear.__get__(fenced)
    for name in ("olist", "ulist"):
        processor = registry[name]
        processor.get_items = _get_items.__get__(processor)


# A block of more than this many lines is cut where Python-Markdown would cut it anyway. Its block processors
# take a heading, a rule, an abbreviation or a link definition off the front of a block and put the rest back
# as a new string, so a block of n such lines costs n times its length (30,000 '#' lines without a blank one
# took minutes). Cut only: before a '#' heading, a rule, an abbreviation or a link definition (each found
# anywhere in a block and split off there), or before a line underlined with '=' or '-' right after such an
# underline (the rest of the block put back starts there), and never in a block that opens with a list, a
# quote, indented text or a table row (whose later lines may belong to it).
MAX_BLOCK_LINES = 50
_CUT_LINE_RE = re.compile(
    r"[ ]{0,3}(?:#|\*\[|\[[^\]]+\]:|(?:(?:-[ ]*){3,}|(?:_[ ]*){3,}|(?:\*[ ]*){3,})$)", re.M
)
_UNDERLINE_RE = re.compile(r"(?:=+|-+)[ ]*$")
_OPENS_NESTED_RE = re.compile(r"[ ]|[ ]{0,3}(?:[-*+>]|\d+[.)])")


def _split_blocks(text: str, cut_every: int = 0) -> list[str]:
    """The blocks of ``text``, long ones cut as above (or every ``cut_every`` lines, when set)."""
    blocks = text.split("\n\n")
    if len(text) < 2 * MAX_BLOCK_LINES or text.count("\n") < MAX_BLOCK_LINES:
        return blocks
    # most briefs have no block this long: one pass in C finds out (a loop over 5,000 blocks took 1.5 ms)
    longest = max(map(str.count, blocks, itertools.repeat("\n", len(blocks))))
    if longest < (min(cut_every, MAX_BLOCK_LINES) if cut_every else MAX_BLOCK_LINES):
        return blocks
    out: list[str] = []
    for block in blocks:
        if cut_every and block.count("\n") >= cut_every:
            lines = block.split("\n")
            out.extend("\n".join(lines[i : i + cut_every]) for i in range(0, len(lines), cut_every))
            continue
        if (
            block.count("\n") < MAX_BLOCK_LINES
            or (_OPENS_NESTED_RE.match(block) and not _CUT_LINE_RE.match(block))
            or "|" in block[: block.find("\n")]  # a table takes its whole block first
        ):
            out.append(block)
            continue
        lines = block.split("\n")
        last = 0
        for i in range(MAX_BLOCK_LINES, len(lines)):
            if i - last < MAX_BLOCK_LINES:
                continue
            line = lines[i]
            if _CUT_LINE_RE.match(line) or (
                i + 1 < len(lines) and _UNDERLINE_RE.match(lines[i - 1]) and _UNDERLINE_RE.match(lines[i + 1])
            ):
                out.append("\n".join(lines[last:i]))
                last = i
        out.append("\n".join(lines[last:]))
    return out


def _setext_run(self: Any, parent: ET.Element, blocks: Any) -> None:
    """Python-Markdown's SetextHeaderProcessor.run without splitting and joining the whole block at each
    heading (a block of 30,000 underlined headings took 18 s): the first two lines are cut off, the rest is
    put back as it was."""
    block = blocks.pop(0)
    first, _, rest = block.partition("\n")
    second, more, rest = rest.partition("\n")
    h = ET.SubElement(parent, "h1" if second.startswith("=") else "h2")
    h.text = first.strip()
    if more:
        blocks.insert(0, rest)


def _get_items(self: Any, block: str) -> list[str]:
    """OListProcessor.get_items with its rules unchanged, but each item's lines joined once at the end: the
    original joined them one by one, quadratic in an item's length (seconds on a deeply nested list)."""
    items: list[list[str]] = []
    indent = " " * self.tab_length
    for line in block.split("\n"):
        m = self.CHILD_RE.match(line)
        if m:
            if not items and self.TAG == "ol":
                self.STARTSWITH = re.sub(r"\D.*", "", m.group(1))  # its leading digits
            items.append([m.group(3)])
        elif self.INDENT_RE.match(line):
            if items[-1][0].startswith(indent):
                items[-1].append(line)
            else:
                items.append([line])
        else:
            items[-1].append(line)
    return ["\n".join(lines) for lines in items]


_BLANK_LINE_RE = re.compile(r"\n[ ]+(?=\n)")


def _normalize_whitespace(lines: list[str]) -> list[str]:
    return _normalize_text("\n".join(lines)).split("\n")


def _normalize_text(source: str) -> str:
    """Python-Markdown's NormalizeWhitespace on the text, not its lines: its last expression, ``(?<=\n) +\n``
    (a line of spaces after the first becomes empty), tried a look-behind at every character; here only the
    line starts are looked at."""
    if "\x02" in source or "\x03" in source:
        source = source.replace("\x02", "").replace("\x03", "")
    if "\r" in source:
        source = source.replace("\r\n", "\n").replace("\r", "\n")
    source += "\n\n"
    if "\t" in source:
        source = source.expandtabs(4)
    return _BLANK_LINE_RE.sub("\n", source)  # (testing '"\n " in source' first took four times as long)


def _has_fence(text: str) -> bool:
    """Whether ``text`` holds three backticks or tildes (a one-character test first: searching a 2 MB text
    for '~~~' takes ten times as long as for '~')."""
    return ("`" in text and "```" in text) or ("~" in text and "~~~" in text)


has_fence = _has_fence


def _fenced_linear(self: Any, lines: list[str]) -> list[str]:
    return _fenced_text(self, "\n".join(lines)).split("\n")


def _fenced_text(self: Any, text: str) -> str:
    """The fenced-code preprocessor's own ``run``, applied to one fenced block at a time: it rebuilt the whole
    text around each block it replaced (quadratic in the number of blocks: a brief with a thousand took
    seconds). Blocks are found as it finds them: searching again just after each, and skipping an opening
    fence whose braces do not balance."""
    if not _has_fence(text):
        return text
    regex = self.FENCED_BLOCK_RE
    run = type(self).run
    out: list[str] = []
    pos = index = 0
    fences = FenceSearch(regex, text)
    while True:
        m = fences.search(index)
        if m is None:
            break
        if m.group("attrs") and get_attrs_and_remainder(m.group("attrs"))[1]:
            index = m.end("attrs")
            continue
        out.append(text[pos : m.start()])
        out.append("\n".join(run(self, text[m.start() : m.end()].split("\n"))))
        pos = index = m.end()
    out.append(text[pos:])
    return "".join(out)


class FenceSearch:
    """``search(pos)`` is ``regex.search(text, pos)`` for the fenced-code expression, which opens with a fence
    at a line start: tried only at line starts that open with three backticks or tildes (the expression tried
    at every character of a 2 MB brief took ~10 ms; it cannot match anywhere else). ``pos`` only grows
    between calls, so each kind of fence is looked for once past each place."""

    __slots__ = ("_next", "regex", "text")

    def __init__(self, regex: re.Pattern[str], text: str) -> None:
        self.regex = regex
        self.text = text
        self._next = {"```": -2, "~~~": -2}  # the next of each at or after the last pos (-1: none left)

    def _find(self, fence: str, pos: int) -> int:
        """The next line start at or after ``pos`` that opens with ``fence``, or -1."""
        at = self._next[fence]
        if at == -2 or (at != -1 and at < pos):
            text = self.text
            if pos == 0 and text.startswith(fence):
                at = 0
            elif text.find(fence[0], pos) < 0:  # one character: the fast search (briefs seldom hold a '~')
                at = -1
            else:
                at = text.find("\n" + fence, max(pos - 1, 0))
                if at >= 0:
                    at += 1
            self._next[fence] = at
        return at

    def search(self, pos: int) -> re.Match[str] | None:
        while True:
            a, b = self._find("```", pos), self._find("~~~", pos)
            if a < 0 and b < 0:
                return None
            at = a if b < 0 or 0 <= a < b else b
            m = self.regex.match(self.text, at)
            if m is not None:
                return m
            pos = at + 1


def new_markdown() -> markdown.Markdown:
    """A Python-Markdown instance configured for briefs (a new one: instances are not thread-safe)."""
    md = markdown.Markdown(extensions=_extensions())
    md.preprocessors.deregister("html_block")  # raw HTML is text
    for name in ("html", "entity", "autolink", "automail"):
        md.inlinePatterns.deregister(name)
    md.inlinePatterns.register(SimpleTagInlineProcessor(r"(~~)(.+?)~~", "del"), "strike", 45)
    _speed_up(md)
    return md


_PREPROCESSORS = ("normalize_whitespace", "fenced_code_block")
_local = threading.local()


def shared_markdown() -> markdown.Markdown:
    """This thread's instance, reset (building one costs ~1 ms; the model reads every brief with it)."""
    md = getattr(_local, "md", None)
    if md is None:
        md = _local.md = new_markdown()
    md.reset()
    return md


def parse_blocks(md: markdown.Markdown, text: str) -> ET.Element:
    """Python-Markdown's preprocessors and block parser on ``text``: the block tree before inline parsing.
    The fenced code blocks are in ``md.htmlStash`` (a paragraph holding only its placeholder)."""
    md.reset()
    if not text.strip():
        return ET.Element(md.doc_tag)
    parser = md.parser
    if len(md.preprocessors) == 2 and all(name in md.preprocessors for name in _PREPROCESSORS):
        # this module's two preprocessors, on the text (each of them on lines joins and splits it again)
        source = _fenced_text(md.preprocessors["fenced_code_block"], _normalize_text(text))
    else:
        lines = text.split("\n")
        for prep in md.preprocessors:
            lines = prep.run(lines)
        source = "\n".join(lines)

    def document() -> ET.Element:  # BlockParser.parseDocument, given the text its lines would be joined into
        root = parser.root = ET.Element(md.doc_tag)
        try:
            parser.parseChunk(root, source)
        finally:
            # the tree is the caller's: a shared instance keeping it would keep a brief's whole tree alive
            # (and walked by the collector) until the next parse; nothing in Python-Markdown reads it again
            parser.root = None
        return root

    try:
        root = document()
    except RecursionError:
        # Python-Markdown nests some constructs once per line (a definition list of 600 terms without a
        # blank line exceeds the interpreter's depth): read again with every long block cut every
        # MAX_BLOCK_LINES lines, as if a blank line stood there
        del parser.state[:]
        parser.cut_every = MAX_BLOCK_LINES
        try:
            root = document()
        finally:
            parser.cut_every = 0
    return root


def finish_tree(md: markdown.Markdown, root: ET.Element) -> ET.Element:
    """Run the tree processors (inline Markdown, heading ids...) on a block tree from :func:`parse_blocks`."""
    for processor in md.treeprocessors:
        new = processor.run(root)
        if new is not None:
            root = new
    return root


def serialize(md: markdown.Markdown, root: ET.Element) -> str:
    """A finished tree as HTML, as ``Markdown.convert`` writes it."""
    if not len(root) and not root.text:
        return ""
    output = md.serializer(root)
    start = output.find(f"<{md.doc_tag}>")
    end = output.rfind(f"</{md.doc_tag}>")
    output = output[start + len(md.doc_tag) + 2 : end].strip() if start >= 0 and end >= 0 else ""
    for pp in md.postprocessors:
        output = pp.run(output)
    return str(output).strip()
