"""What the renderers share: the finished Python-Markdown tree of a brief, and its notes numbered once.

:func:`render_tree` parses the model's ``parse_text`` with the same configuration and block parser the model
read it with (so the renderers see the model's headings, lists and code), puts back the brackets that are not
citations (those in code) and the characters made plain by the nesting bound, bounds what inline parsing
could make quadratic, and runs Python-Markdown's tree processors. Citations stay tokens (``TOKEN_RE``) for the
renderer to replace with its note marker.

:func:`plan_notes` walks the citations once: which keys are missing from the records given, and the note
number of each key (numbered by first citation, a key cited again keeps its number).
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Mapping
from typing import NamedTuple

import markdown
from markdown.util import AtomicString

from app._gc import paused_gc
from app.brief_model import pm
from app.brief_model.model import BriefModel
from app.brief_model.text import BIDI_RE, PLAIN_CHARS, TOKEN_RE, token_index, visible_bidi
from app.domain import ClaimRecord, SourceRecord
from app.errors import UnknownCitationError

__all__ = [
    "BIDI_RE",
    "NotePlan",
    "RenderTree",
    "heading_texts",
    "plan_notes",
    "render_tree",
    "restore_attributes",
    "restore_stash",
    "restore_texts",
    "restorer",
    "visible_bidi",
]

# A text node this long is written as it is, without inline Markdown; so is one whose brackets would cost
# Python-Markdown's link pattern more than INLINE_BRACKET_BUDGET characters scanned (it scans from each '['
# to its closing ']', or to the end of the text: 2,000 unclosed '[' before 200,000 characters took 95 s), or
# any text with brackets costing over INLINE_BRACKET_SMALL once the brief's texts have spent
# INLINE_BRACKET_TOTAL (about 4 million characters are scanned a second).
INLINE_TEXT_LIMIT = 200_000
INLINE_BRACKET_BUDGET = 2_000_000
INLINE_BRACKET_SMALL = 20_000
INLINE_BRACKET_TOTAL = 20_000_000
_BRACKET_RE = re.compile(r"[\[\]]")
_PLAIN_RE = re.compile("[\ue003\ue004]")


class RenderTree(NamedTuple):  # a named tuple: its class is made ~3x faster than a dataclass's (cold export)
    """The brief's finished Python-Markdown tree, the instance that made it and its fenced code blocks."""

    md: markdown.Markdown
    root: ET.Element
    stash: list[str]  # the fenced code blocks, as Python-Markdown wrote them (HTML)


def render_tree(model: BriefModel) -> RenderTree:
    with paused_gc():
        return _render_tree(model)


def _render_tree(model: BriefModel) -> RenderTree:
    md = pm.new_markdown()
    root = pm.parse_blocks(md, model.parse_text)
    restore = restorer(model)
    restore_texts(root.iter(), restore)
    stash = restore_stash(md, restore)
    root = pm.finish_tree(md, root)
    restore_attributes(root, model)
    return RenderTree(md, root, stash)


def restorer(model: BriefModel) -> Callable[[str], str]:
    """A text of the block tree as inline parsing is to see it: the brackets that are not citations (in code)
    put back, the characters made plain by the nesting bound put back, directional characters as tags."""
    cited = model.is_citation

    def restore(text: str) -> str:
        if "\ue000" in text:
            text = TOKEN_RE.sub(
                lambda m: m.group() if token_index(m) in cited else model.group_text(token_index(m)), text
            )
        if "\ue003" in text or "\ue004" in text:
            text = _PLAIN_RE.sub(lambda m: PLAIN_CHARS[m.group()], text)
        return visible_bidi(text)

    return restore


def restore_texts(
    elements: Iterable[ET.Element], restore: Callable[[str], str], total: int | None = None
) -> int:
    """Each text and tail of ``elements`` restored (``restorer``), and made atomic (shown as written) where
    inline parsing could cost too much (see INLINE_BRACKET_TOTAL, spent over ``elements`` in order, against
    ``total``, INLINE_BRACKET_TOTAL by default). Returns what the texts given inline Markdown spent."""
    if total is None:
        total = INLINE_BRACKET_TOTAL
    spent = 0  # bracket scanning the texts given inline Markdown so far will cost
    for el in elements:
        for attr in ("text", "tail"):
            value = getattr(el, attr)
            if not value:
                continue
            new = restore(value)
            atomic = isinstance(value, AtomicString)
            if not atomic:
                cost = _bracket_cost(new)
                if (
                    len(new) > INLINE_TEXT_LIMIT
                    or cost > INLINE_BRACKET_BUDGET
                    or (cost > INLINE_BRACKET_SMALL and spent + cost > total)
                ):
                    atomic = True  # shown as written, without inline Markdown
                else:
                    spent += cost
            if new is not value or atomic != isinstance(value, AtomicString):
                setattr(el, attr, AtomicString(new) if atomic else new)
    return spent


def restore_stash(md: markdown.Markdown, restore: Callable[[str], str]) -> list[str]:
    """The fenced code blocks Python-Markdown stashed, restored in place; returned."""
    stash = md.htmlStash.rawHtmlBlocks
    for i, raw in enumerate(stash):
        if isinstance(raw, str):
            stash[i] = restore(raw)
    return [s for s in stash if isinstance(s, str)]


def restore_attributes(root: ET.Element, model: BriefModel) -> None:
    """A citation inside a link's address or an image's text stays as written: markers go in text only."""
    for el in root.iter():
        for name, value in el.attrib.items():
            if "\ue000" in value:
                el.set(name, TOKEN_RE.sub(lambda m: model.group_text(token_index(m)), value))


def heading_texts(model: BriefModel) -> list[str]:
    """Each heading's words as the preview shows them, as plain text: inline Markdown rendered (no emphasis
    markers or backticks, a link's text; a citation inside code stays as written), without the portion mark
    (the model's) and without the citations (in the preview they are note numbers, which mean nothing in a
    list of headings), spaces folded, directional characters shown as tags. '' for an empty heading."""
    if not model.headings:
        return []
    body = model.body
    texts: list[str] = []
    for h in model.headings:
        block = model.block_at(h.content_start)
        if block is None or block.kind != "heading" or block.heading != h.index:
            texts.append("")
            continue
        pieces: list[str] = []
        pos = block.text_start
        for c in block.citations:
            if c.group_start >= pos:  # a group of several keys is cut once
                pieces.append(body[pos : c.group_start].rstrip(" \t"))  # the note number follows the word
                pos = c.group_end
        pieces.append(body[pos : h.end])
        texts.append(" ".join("".join(pieces).split()))
    return list(_rendered_plain(tuple(texts)))


@functools.lru_cache(maxsize=8)
def _rendered_plain(texts: tuple[str, ...]) -> tuple[str, ...]:
    """Each text's inline Markdown rendered, as plain text (cached: most edits leave every heading as it was,
    and rendering a long brief's 500 headings takes a few milliseconds)."""
    md = pm.shared_markdown()
    root = ET.Element("div")
    for text in texts:
        ET.SubElement(root, "p").text = text
    with paused_gc():
        root = pm.finish_tree(md, root)
    return tuple(visible_bidi(" ".join("".join(p.itertext()).split())) for p in root)


def _bracket_cost(text: str) -> int:
    """How many characters Python-Markdown's link pattern scans in ``text``: from each '[' to the ']' that
    closes it, or to the end when none does."""
    opens = text.count("[")
    if not opens or opens * len(text) <= INLINE_BRACKET_SMALL:
        return opens * len(text)
    cost = 0
    stack: list[int] = []
    for m in _BRACKET_RE.finditer(text):
        if m.group() == "[":
            stack.append(m.start())
        elif stack:
            cost += m.start() - stack.pop()
    n = len(text)
    return cost + sum(n - p for p in stack)


class NotePlan:
    """The citations walked once: ``numbers`` (key -> note number, by first citation), ``order`` (keys in
    note order), ``missing`` ((key, line) of each key not in the records, once each), ``groups`` (citation
    group index -> its keys). A plain class: made ~10x faster than a dataclass at import (a cold export)."""

    __slots__ = ("numbers", "order", "missing", "groups")

    def __init__(
        self,
        numbers: dict[str, int] | None = None,
        order: list[str] | None = None,
        missing: list[tuple[str, int]] | None = None,
        groups: dict[int, list[str]] | None = None,
    ) -> None:
        self.numbers = {} if numbers is None else numbers
        self.order = [] if order is None else order
        self.missing = [] if missing is None else missing
        self.groups = {} if groups is None else groups

    @property
    def warnings(self) -> list[str]:
        return [f"unknown citation {k} (line {ln})" for k, ln in self.missing]


def plan_notes(
    model: BriefModel,
    records: Mapping[str, ClaimRecord | SourceRecord],
    *,
    allow_missing: bool = False,
) -> NotePlan:
    """Number the notes; raise UnknownCitationError listing every unknown key with its line, unless
    ``allow_missing``."""
    plan = NotePlan()
    numbers, order, groups = plan.numbers, plan.order, plan.groups
    seen_missing: set[tuple[str, int]] = set()
    for c in model.citations:
        key = c.key
        keys = groups.get(c.group)
        if keys is None:
            groups[c.group] = [key]
        else:
            keys.append(key)
        if key in numbers:
            continue
        if key in records:
            order.append(key)
            numbers[key] = len(order)
        elif (key, c.line) not in seen_missing:
            seen_missing.add((key, c.line))
            plan.missing.append((key, c.line))
    if plan.missing and not allow_missing:
        raise UnknownCitationError(plan.missing)
    return plan
