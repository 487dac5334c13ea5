"""The pieces of a brief model: headings, blocks (portions and code) and citations."""

from __future__ import annotations

from dataclasses import dataclass

from app.domain import Citation as CitationRecord
from app.markings import Marking


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
        block: Block | None = None,
        heading: int = -1,
        group: int = -1,
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
        self.block: Block | None = block
        self.heading: int = heading
        self.group: int = group

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
    """A heading of the brief: its level, its title as written and as read, and where it stands."""

    level: int
    raw_title: str  # as written, portion mark included, Markdown not rendered
    title: str  # without portion mark, numbering or emphasis markers
    start: int  # offset of the heading's line
    content_start: int  # offset of the title text
    end: int  # just after the title text
    index: int
    setext: bool = False  # underlined with === or ---


class Block:
    """A portion of the brief, or a code block. Read-only once parsed (the model is shared).

    ``kind``: heading | paragraph | list_item | table_cell | term | banner | code. ``start``/``end``: its
    text in the body (after list, quote or table markers; trailing spaces cut). ``heading``: index of the
    section's heading (-1 before any; a heading's own index for a heading). ``depth``: list nesting (1 for
    a top-level list's items, 0 outside lists). ``quote``: block-quote depth. ``item``: index (in
    ``BriefModel.blocks``) of the list item a later paragraph of the item belongs to, else -1. ``mark``: the
    portion mark it opens with; ``text_start``: where the text after it begins. (A plain class: a brief has
    thousands, made on every reading.)
    """

    __slots__ = (
        "citations",
        "depth",
        "end",
        "heading",
        "item",
        "kind",
        "level",
        "mark",
        "mark_text",
        "quote",
        "start",
        "text_start",
    )

    def __init__(
        self,
        kind: str,
        start: int,
        end: int,
        heading: int,
        depth: int = 0,
        quote: int = 0,
        level: int = 0,
        item: int = -1,
        mark: Marking | None = None,
        mark_text: str = "",
        text_start: int = 0,
        citations: list[Citation] | None = None,
    ) -> None:
        self.kind = kind
        self.start = start
        self.end = end
        self.heading = heading
        self.depth = depth
        self.quote = quote
        self.level = level  # headings: 1-6
        self.item = item
        self.mark = mark
        self.mark_text = mark_text
        self.text_start = text_start
        self.citations: list[Citation] = citations if citations is not None else []

    def __repr__(self) -> str:
        return f"Block({self.kind}, {self.start}-{self.end}, heading {self.heading})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Block):
            return NotImplemented
        return all(getattr(self, s) == getattr(other, s) for s in self.__slots__)

    __hash__ = None  # type: ignore[assignment]  # unhashable, as a mutable class with __eq__ should be
