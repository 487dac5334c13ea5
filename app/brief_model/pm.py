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

import re
import threading
import xml.etree.ElementTree as ET
from collections.abc import Callable
from typing import Any

import markdown
from markdown.extensions import abbr, def_list, fenced_code, sane_lists, tables, toc
from markdown.extensions.attr_list import get_attrs_and_remainder
from markdown.inlinepatterns import SimpleTagInlineProcessor

__all__ = ["finish_tree", "new_markdown", "parse_blocks", "serialize"]


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
def _hr_possible(b: str) -> bool:
    return "-" in b or "_" in b or "*" in b


_TEST_GUARDS: dict[str, Callable[[str], bool]] = {
    "hashheader": lambda b: b[:1] == "#" or "\n#" in b,
    "setextheader": lambda b: "\n=" in b or "\n-" in b,
    "hr": _hr_possible,
    "quote": lambda b: ">" in b,
    "table": lambda b: "|" in b and "\n" in b,
    "deflist": lambda b: ":" in b,
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


def _speed_up(md: markdown.Markdown) -> None:
    parser = md.parser
    registry = parser.blockprocessors
    for name, cond in _TEST_GUARDS.items():
        if name in registry:
            _guard_test(registry[name], cond)
    for name, cond in _RUN_GUARDS.items():
        if name in registry:
            _guard_run(registry[name], cond)
    processors = list(registry)  # the registry rebuilds this list on every iteration otherwise
    paragraph = registry["paragraph"]

    def parse_blocks(parent: Any, blocks: Any) -> None:
        while blocks:
            block = blocks[0]
            if _plain(block):
                paragraph.run(parent, blocks)
                continue
            for processor in processors:
                if processor.test(parent, block) and processor.run(parent, blocks) is not False:
                    break

    parser.parseBlocks = parse_blocks
    parser.parseChunk = lambda parent, text: parse_blocks(parent, _Blocks(text.split("\n\n")))

    md.preprocessors["normalize_whitespace"].run = _normalize_whitespace
    fenced = md.preprocessors["fenced_code_block"]
    fenced.run = _fenced_linear.__get__(fenced)
    for name in ("olist", "ulist"):
        processor = registry[name]
        processor.get_items = _get_items.__get__(processor)


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


def _normalize_whitespace(lines: list[str]) -> list[str]:
    """Python-Markdown's NormalizeWhitespace, in fewer passes: its last expression, ``(?<=\n) +\n`` (a line
    of spaces after the first becomes empty), tried a look-behind at every character; here each line is
    looked at once."""
    source = "\n".join(lines)
    if "\x02" in source or "\x03" in source:
        source = source.replace("\x02", "").replace("\x03", "")
    if "\r" in source:
        source = source.replace("\r\n", "\n").replace("\r", "\n")
    source += "\n\n"
    if "\t" in source:
        source = source.expandtabs(4)
    out = source.split("\n")
    if "\n " in source:
        for i in range(
            1, len(out) - 1
        ):  # every line but the first is after a newline; all but the last before one
            line = out[i]
            if line and line[0] == " " and not line.strip(" "):
                out[i] = ""
    return out


def _fenced_linear(self: Any, lines: list[str]) -> list[str]:
    """The fenced-code preprocessor's own ``run``, applied to one fenced block at a time: it rebuilt the whole
    text around each block it replaced (quadratic in the number of blocks: a brief with a thousand took
    seconds). Blocks are found as it finds them: searching again just after each, and skipping an opening
    fence whose braces do not balance."""
    text = "\n".join(lines)
    if "```" not in text and "~~~" not in text:
        return lines
    regex = self.FENCED_BLOCK_RE
    run = type(self).run
    out: list[str] = []
    pos = index = 0
    while True:
        m = regex.search(text, index)
        if m is None:
            break
        if m.group("attrs") and get_attrs_and_remainder(m.group("attrs"))[1]:
            index = m.end("attrs")
            continue
        out.append(text[pos : m.start()])
        out.append("\n".join(run(self, text[m.start() : m.end()].split("\n"))))
        pos = index = m.end()
    out.append(text[pos:])
    return "".join(out).split("\n")


def new_markdown() -> markdown.Markdown:
    """A Python-Markdown instance configured for briefs (a new one: instances are not thread-safe)."""
    md = markdown.Markdown(extensions=_extensions())
    md.preprocessors.deregister("html_block")  # raw HTML is text
    for name in ("html", "entity", "autolink", "automail"):
        md.inlinePatterns.deregister(name)
    md.inlinePatterns.register(SimpleTagInlineProcessor(r"(~~)(.+?)~~", "del"), "strike", 45)
    _speed_up(md)
    return md


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
    lines = text.split("\n")
    for prep in md.preprocessors:
        lines = prep.run(lines)
    root: ET.Element = md.parser.parseDocument(lines).getroot()
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
