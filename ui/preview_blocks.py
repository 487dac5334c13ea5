"""The preview updated in place: only the top-level blocks of the rendered HTML that changed are replaced.

The preview's HTML (``app.export.render_html``) is a sequence of top-level block elements: the title, the
body's paragraphs, headings, lists, tables, code and quotes, then the notes. ``split_blocks`` cuts it into
them (on the worker). ``ShownBlocks`` remembers the blocks the view's document shows and how many
``QTextBlock``s each became; ``ShownBlocks.update`` diffs a new list against them (common prefix and suffix,
the blocks compared without their note numbers) and replaces only the changed run, inside one edit block,
with a fragment parsed from the new blocks' HTML (the view has the note paragraphs that differ replaced in a
later event-loop stretch: ``notes_later``, ``finish``). The blocks after it whose note numbers changed (an edit
that renumbers the notes) and the notes list are left ``pending``: the view patches those in view at once
(``ShownBlocks.patch``), the rest in slices while idle (``ShownBlocks.step``), everything at once when
something needs the whole document (``ui.preview_renumber``; each patch is one edit block, as Qt lays out
again everything between an edit block's first and last change and moves every block after it, about a
millisecond for a thousand blocks however little changed). It returns False, and leaves the document alone, whenever
it cannot do that exactly; the caller then sets the whole HTML as before. That happens on the first render,
when the title changed, when more than ``MAX_CHANGED_CHARS`` of new HTML is to be parsed, when the HTML
holds anything at top level but the block elements below, and when the document's block count after an
update disagrees with the blocks' (the update is then undone by the full render).

Why each step is as it is (each was checked against a fresh ``setHtml`` document by
tests/ui/test_preview_blocks.py, ``toHtml()`` and ``toPlainText()`` equal over random edits):
- a top-level element's ``QTextBlock`` count does not depend on its neighbours when counted between two
  paragraphs (a table is its cells plus the empty block Qt keeps after a frame; an empty paragraph is none);
- ``insertHtml`` into a block keeps that block's format (a paragraph replaced by a heading stayed a
  paragraph), so the new blocks are copied from a scratch document as a fragment that opens with the block
  separator before them: each new block then carries its own format;
- an empty block just before the run (after a rule, a table or a code block) took the first new block's
  format; the run is widened to the left until the block before it holds text;
- an empty element (``<h1></h1>``) makes no block of its own: Qt gives its format to the next block (which
  then even lost its bold words), so a run beside or holding one is not replaced in place.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from difflib import SequenceMatcher
from itertools import accumulate, takewhile
from operator import methodcaller

from PySide6.QtGui import (
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
    QTextFormat,
)

from ui.preview_renumber import NOTE_OPEN, NotesList, normalized, patch_note, patch_numbers

# The top-level elements a rendered brief holds; anything else at top level (text, an inline element) is
# merged by Qt with its neighbours, so such HTML is always shown whole.
BLOCK_TAGS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "pre", "blockquote", "table", "hr", "dl", "div"}
)
_VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "source", "track", "wbr"})
# A tag, its quoted attribute values allowed to hold ">" (the serializer escapes only quotes in them).
_TAG_RE = re.compile(r"""<(/?)([A-Za-z][A-Za-z0-9]*)((?:[^>"']|"[^"]*"|'[^']*')*)>""")
_SIMPLE_RE = re.compile(r"<(p|h[1-6])(?:\s[^<>]*)?>")
_TAGS_RE = re.compile(r"<[^<>]*>")
# Inside a list: another block element, a line break, or an empty item.
_EMPTY_CELL_RE = re.compile(r"<t[dh](?:\s[^<>]*)?>\s*</t[dh]>")
_NOT_TIGHT_RE = re.compile(r"<(?:p|ul|ol|pre|table|blockquote|h[1-6]|hr|div|dl|br)[\s>/]|<li[^>]*>\s*</li>")

MAX_NOTE_RUNS = 40  # runs of note paragraphs replaced one by one at most; beyond it all is set
MAX_CHANGED_CHARS = 12_000  # new HTML parsed in place at most; beyond it parsing it all is as quick
STEP_CHARS = 200_000  # HTML one idle ``step`` goes over at most (Qt lays it out again: ~0.1 ms a 1,000)


def split_blocks(html: str) -> list[str] | None:
    """The top-level elements of ``html`` in order, or None when it holds anything else at top level."""
    blocks: list[str] = []
    depth = 0
    start = 0
    pos = 0
    for tag in _TAG_RE.finditer(html):
        if depth == 0 and html[pos : tag.start()].strip():
            return None  # text at top level
        closing, name = tag.group(1), tag.group(2).lower()
        if depth == 0:
            if closing or name not in BLOCK_TAGS:
                return None
            start = tag.start()
        if name in _VOID or tag.group(3).rstrip().endswith("/"):
            if depth == 0:
                blocks.append(html[start : tag.end()])
        elif closing:
            depth -= 1
            if depth == 0:
                blocks.append(html[start : tag.end()])
            elif depth < 0:
                return None
        else:
            depth += 1
        pos = tag.end()
    if depth != 0 or html[pos:].strip():
        return None
    return blocks


def normalized_blocks(blocks: Sequence[str]) -> list[str]:
    """Each block without its note numbers (``ui.preview_renumber.normalized``): made on the worker."""
    return [normalized(block) for block in blocks]


def _is_notes(normal: str) -> bool:
    return normal.startswith('<ol class="notes"><li>')


def _notes_at_end(normal: list[str]) -> int:
    """How many note paragraphs (``ui.preview_renumber.note_paragraphs``) end the blocks."""
    # (the blocks tested in C: a Python loop over 1,400 notes took 1 ms of the GUI thread at 500 pages)
    return len(list(takewhile(methodcaller("startswith", NOTE_OPEN), reversed(normal))))


_CHUNK = 64  # blocks compared at once, in C (a block compared alone, in Python, costs 0.3-0.5 us)


def _head(a: list[str], b: list[str], a0: int, b0: int, limit: int, a2: list[str], b2: list[str]) -> int:
    """How many blocks from ``a0`` and ``b0`` on are equal in ``a`` and ``b``, or else in ``a2`` and ``b2``
    (the same blocks normalized), at most ``limit``."""
    head = 0
    while head < limit:
        step = min(_CHUNK, limit - head)
        i, j = a0 + head, b0 + head
        if a[i : i + step] == b[j : j + step] or a2[i : i + step] == b2[j : j + step]:
            head += step
            continue
        for k in range(step):
            if a[i + k] != b[j + k] and a2[i + k] != b2[j + k]:
                return head + k
        head += step
    return head


def _tail(a: list[str], b: list[str], a1: int, b1: int, limit: int) -> int:
    """How many blocks before ``a1`` and ``b1`` are equal in ``a`` and ``b``, at most ``limit``."""
    tail = 0
    while tail < limit:
        step = min(_CHUNK, limit - tail)
        i, j = a1 - tail, b1 - tail
        if a[i - step : i] == b[j - step : j]:
            tail += step
            continue
        for k in range(1, step + 1):
            if a[i - k] != b[j - k]:
                return tail + k - 1
        tail += step
    return tail


def _common(
    old_normal: list[str],
    new_normal: list[str],
    old_run: tuple[int, int],
    new_run: tuple[int, int],
    old: list[str],
    new: list[str],
) -> tuple[int, int]:
    """How many blocks the two runs share at their start and then at their end (compared without their
    note numbers)."""
    (o0, o1), (n0, n1) = old_run, new_run
    limit = min(o1 - o0, n1 - n0)
    head = _head(old, new, o0, n0, limit, old_normal, new_normal)
    return head, _tail(old_normal, new_normal, o1, n1, limit - head)


class _Scratch(QTextDocument):
    """A document the new blocks are parsed into: it loads nothing (the view loads the images it shows
    through its own checks when it lays them out)."""

    def loadResource(self, kind: int, url: object) -> None:  # type: ignore[override]  # noqa: N802 - Qt override
        return None


def _scratch(sheet: str, html: str) -> QTextDocument:
    doc = _Scratch()
    doc.setUndoRedoEnabled(False)
    doc.setDefaultStyleSheet(sheet)
    doc.setHtml(html)
    return doc


_BEFORE, _AFTER = "<p>A</p>", "<p>Z</p>"


def _formats(block: QTextBlock, with_objects: bool = True) -> tuple[QTextBlockFormat, QTextCharFormat]:
    """A block's format and its block character format; ``with_objects=False`` leaves out which list or
    table it belongs to (an index into its own document's objects)."""
    fmt, chars = block.blockFormat(), block.charFormat()
    if not with_objects:
        fmt.clearProperty(QTextFormat.Property.ObjectIndex)
        chars.clearProperty(QTextFormat.Property.ObjectIndex)
    return fmt, chars


class ShownBlocks:
    """The blocks a document shows and the ``QTextBlock`` count of each (None before the first update)."""

    def __init__(self) -> None:
        self.blocks: list[str] | None = None
        self.normal: list[str] = []  # the shown blocks' normalized forms (``ui.preview_renumber``)
        self.counts: list[int] = []
        self.target: list[str] | None = None  # what the patches still turn the shown blocks into
        self.pending: list[
            int
        ] = []  # the blocks that differ from ``target`` (in their note numbers), in order
        self.starts: list[int] = [0]  # the first ``QTextBlock`` number of each block, and the block count
        self.sizes: list[int] = [0]  # the HTML chars of ``target``'s blocks before each block
        self.spent = 0  # HTML chars the last ``step`` went over
        # The new blocks, their normalized forms and where the notes start, while an ``update`` has left the
        # notes to ``finish``; the shown blocks (``blocks``, ``normal``) are the new body and the old notes.
        self.later: tuple[list[str], list[str], int] | None = None
        self._count_cache: dict[str, int] = {}

    def reset(
        self,
        blocks: list[str] | None = None,
        doc: QTextDocument | None = None,
        normal: list[str] | None = None,
    ) -> None:
        """After the whole HTML was set: remember ``blocks`` (None: nothing known), and only if their
        counts add up to the document's; ``normal``: their ``normalized`` forms, when known."""
        self.blocks, self.counts, self.target, self.normal, self.pending = None, [], None, [], []
        self.later = None
        self.starts = [0]
        if blocks is None or doc is None:
            return
        counts = [self.count(block, doc.defaultStyleSheet()) for block in blocks]
        if sum(counts) == doc.blockCount():
            self.blocks, self.counts = blocks, counts
            self.normal = normal if normal is not None else normalized_blocks(blocks)
            self.starts = list(accumulate(counts, initial=0))

    def count(self, block: str, sheet: str) -> int:
        """How many ``QTextBlock``s ``block`` makes between two paragraphs."""
        simple = _SIMPLE_RE.match(block)
        if simple is not None and "&" not in block and "<br" not in block:
            opened = block[simple.end() : simple.end() + 1]
            if (opened and opened != "<" and not opened.isspace()) or "<img" in block:
                return 1  # text straight after the tag: the common case, without stripping the tags
            if _TAGS_RE.sub("", block).strip():
                return 1
        if block.startswith("<hr"):
            return 1
        if block.startswith(("<ol", "<ul")) and _NOT_TIGHT_RE.search(block, 3) is None:
            return block.count("<li")  # a tight list, as the notes are: one block an item
        if (
            block.startswith("<table")
            and _NOT_TIGHT_RE.search(block, 6) is None
            and _EMPTY_CELL_RE.search(block) is None  # an empty last cell makes one block fewer
        ):
            return (
                block.count("<td") + block.count("<th") - block.count("<thead") + 1
            )  # cells, the block after
        known = self._count_cache.get(block)
        if known is None:
            if len(self._count_cache) > 4096:
                self._count_cache.clear()
            known = _scratch(sheet, _BEFORE + block + _AFTER).blockCount() - 2
            self._count_cache[block] = known
        return known

    def update(
        self,
        doc: QTextDocument,
        new: Sequence[str],
        normal: list[str] | None = None,
        notes_later: bool = False,
    ) -> bool:
        """Replace in ``doc`` the blocks that differ from ``new`` beyond their note numbers; False when that
        cannot be done exactly (``doc`` may then be half changed): the caller must set the whole HTML. The
        blocks whose note numbers changed are left ``pending`` for ``patch`` and ``step`` (``target``).
        ``normal``: the new blocks' ``normalized`` forms when they were made on the worker. ``notes_later``:
        the body only, the notes that differ left to ``finish`` (``later``; each edit block costs a pass
        over every line after it, so the caller can give each its own event-loop stretch)."""
        old, old_normal = self.blocks, self.normal
        self.target, self.pending, self.later = None, [], None
        if old is None:
            return False
        new = list(new)
        if new == old:
            return True
        new_normal = normal if normal is not None else normalized_blocks(new)
        # A notes list that changed is patched on its own (``step``); its normalized form has no anchor names.
        body = int(
            bool(new) and old[-1] != new[-1] and _is_notes(old_normal[-1]) and _is_notes(new_normal[-1])
        )
        # Note paragraphs (``note_paragraphs``) at the end: their run is diffed and replaced on its own, first
        # (it lies after the body's), so that an edit in the body and the note it adds are two short runs.
        notes_old, notes_new = _notes_at_end(old_normal), _notes_at_end(new_normal)
        if not (notes_old and notes_new) or body:
            notes_old = notes_new = 0
        body_old, body_new = len(old) - body - notes_old, len(new) - body - notes_new
        notes_differ = bool(notes_old) and old_normal[body_old:] != new_normal[body_new:]
        if notes_differ and not notes_later:
            if not self._replace_notes(doc, new, old_normal[body_old:], new_normal[body_new:], body_old):
                return False
            notes_differ = notes_later = False
        head, tail = _common(old_normal, new_normal, (0, body_old), (0, body_new), old, new)
        first, old_end, new_end = head, body_old - tail, body_new - tail
        if (first, first) != (old_end, new_end) and not self._replace(doc, new, first, old_end, new_end):
            return False
        if notes_differ:  # the body is new, the notes still the old ones: ``finish`` replaces them
            self.normal = new_normal[:body_new] + old_normal[body_old:]
            self.later = (new, new_normal, body_new)
            return True
        return self._settle(new, new_normal)

    def finish(self, doc: QTextDocument) -> bool:
        """Replace the notes an ``update(notes_later=True)`` left (``later``); False when that cannot be done
        exactly: the caller must set the whole HTML."""
        if self.later is None:
            return True
        new, new_normal, at = self.later
        self.later = None
        if not self._replace_notes(doc, new, self.normal[at:], new_normal[at:], at):
            return False
        return self._settle(new, new_normal)

    def _settle(self, new: list[str], new_normal: list[str]) -> bool:
        """After the blocks that differ were replaced: which are left to renumber (``pending``)."""
        self.normal = new_normal  # the shown blocks differ from the new ones at most in their note numbers
        shown = self.blocks
        assert shown is not None
        if len(shown) != len(new):
            return False
        pending: list[int] = []
        for at in range(0, len(new), _CHUNK):  # (the blocks compared in C, a chunk at a time)
            if shown[at : at + _CHUNK] != new[at : at + _CHUNK]:
                pending.extend(i for i in range(at, min(at + _CHUNK, len(new))) if shown[i] != new[i])
        self.pending = pending
        if self.pending:
            self.target = new
            self.sizes = list(accumulate(map(len, new), initial=0))
        else:
            self.blocks = new
        return True

    def _replace_notes(
        self, doc: QTextDocument, new: list[str], old_notes: list[str], new_notes: list[str], at: int
    ) -> bool:
        """Replace the note paragraphs (from block ``at`` on) that differ beyond their numbers, each run
        that differs on its own, the last first: a note that moves (a claim now first cited further down)
        is one paragraph removed and one inserted, not every note between them parsed again."""
        # The notes both share at their start and end are left out of the diff (a renumbering changes none
        # of them beyond its numbers): difflib over 1,400 notes took 3-4 ms of the GUI thread at 500 pages.
        limit = min(len(old_notes), len(new_notes))
        head = next((i for i in range(limit) if old_notes[i] != new_notes[i]), limit)
        tail = next((i for i in range(limit - head) if old_notes[-1 - i] != new_notes[-1 - i]), limit - head)
        if head == len(old_notes) == len(new_notes):
            return True
        middle = SequenceMatcher(
            None,
            old_notes[head : len(old_notes) - tail],
            new_notes[head : len(new_notes) - tail],
            autojunk=False,
        )
        changed = [
            (tag, i1 + head, i2 + head, j1 + head, j2 + head)
            for tag, i1, i2, j1, j2 in middle.get_opcodes()
            if tag != "equal"
        ]
        if len(changed) > MAX_NOTE_RUNS:
            return False
        notes = new[len(new) - len(new_notes) :]
        for _tag, i1, i2, j1, j2 in reversed(changed):
            shown = self.blocks
            assert shown is not None
            aligned = shown[: at + i1] + notes[j1:j2] + shown[at + i2 :]
            if not self._replace(doc, aligned, at + i1, at + i2, at + i1 + j2 - j1):
                return False
        return True

    def index_at(self, block_number: int) -> int:
        """The top-level block showing ``QTextBlock`` number ``block_number``."""
        return max(0, min(bisect_right(self.starts, block_number), len(self.counts)) - 1)

    def pending_between(self, first: int, last: int) -> list[int]:
        """The pending blocks that show any of the ``QTextBlock``s ``first`` to ``last``."""
        low, high = self.index_at(first), self.index_at(last)
        return self.pending[bisect_left(self.pending, low) : bisect_right(self.pending, high)]

    def step(self, doc: QTextDocument, budget: int | None = None, near: int = 0) -> bool:
        """Patch the note numbers of the pending blocks over about ``budget`` chars of HTML (the blocks in
        between counted too: Qt lays out again everything between the first and the last change of an edit
        block) from the first at or after block ``near`` (the first above it when none is), in one edit
        block; a notes list whose items change goes in a step of its own. False when that cannot be done
        exactly (the caller must set the whole HTML of ``target``). Done when ``target`` is None again;
        ``spent`` says how many chars the step went over."""
        budget = STEP_CHARS if budget is None else budget
        pending, sizes = self.pending, self.sizes
        if self.target is None or not pending:
            return self.patch(doc, [])
        at = bisect_left(pending, near)
        at = 0 if at == len(pending) else at
        start, chosen = pending[at], []
        for index in pending[at:]:
            if chosen and (sizes[index + 1] - sizes[start] > budget or self._relists(index)):
                break
            chosen.append(index)
            if self._relists(index):
                break
        self.spent = sizes[chosen[-1] + 1] - sizes[start]
        return self.patch(doc, chosen)

    def _relists(self, index: int) -> bool:
        """Whether block ``index`` is a notes list whose items change (Qt then lays the whole list out)."""
        assert self.blocks is not None and self.target is not None
        shown = NotesList.parse(self.blocks[index])
        if shown is None:
            return False
        wanted = NotesList.parse(self.target[index])
        return wanted is None or wanted.texts != shown.texts

    def patch(self, doc: QTextDocument, indexes: list[int]) -> bool:
        """Patch the note numbers of the pending blocks ``indexes`` (in order) in one edit block; False when
        that cannot be done exactly (the caller must set the whole HTML of ``target``)."""
        shown, target = self.blocks, self.target
        if shown is None or target is None:
            return True
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        try:
            for index in indexes:
                if not self._patch_block(doc, index, shown, target):
                    return False
        finally:
            cursor.endEditBlock()
        if indexes:
            done = set(indexes)
            self.pending = [i for i in self.pending if i not in done]
        if not self.pending:
            self.blocks, self.target = target, None
        return True

    def _patch_block(self, doc: QTextDocument, index: int, shown: list[str], target: list[str]) -> bool:
        first = self.starts[index]
        notes = NotesList.parse(shown[index])
        if notes is None:
            note = patch_note(doc, first, shown[index], target[index])
            if note is None:
                note = patch_numbers(doc, first, self.counts[index], shown[index], target[index])
            shown[index] = target[index]
            return note
        wanted = NotesList.parse(target[index])
        if wanted is None:
            return False
        if wanted.texts != notes.texts:  # a note added or removed
            if not notes.patch_items(doc, first, wanted, doc.defaultStyleSheet()):
                return False
            self.counts[index] = len(notes.texts)
            self.starts = list(accumulate(self.counts, initial=0))
        if not notes.patch_names(doc, first, wanted, 0, len(notes.numbers)):
            return False
        shown[index] = notes.html()
        return shown[index] == target[index]

    def _replace(self, doc: QTextDocument, new: list[str], first: int, old_end: int, new_end: int) -> bool:
        """Replace blocks ``first`` to ``old_end`` by ``new``'s ``first`` to ``new_end`` (widened to the left
        where needed); the blocks shown after them are kept as they are."""
        old = self.blocks
        assert old is not None
        sheet = doc.defaultStyleSheet()
        starts = self.starts

        # Widen to the left while either run is empty or the block before the run is empty (see above).
        def cramped() -> bool:
            return first in (old_end, new_end) or doc.findBlockByNumber(starts[first] - 1).length() == 1

        while first > 1 and cramped():
            first -= 1
        if first < 1 or cramped():
            return False
        changed = new[first:new_end]
        if sum(map(len, changed)) > MAX_CHANGED_CHARS:  # what goes costs nothing to parse
            return False
        new_counts = [self.count(block, sheet) for block in changed]
        if 0 in self.counts[first - 1 : old_end + 1] or 0 in new_counts:
            return False  # an empty element: Qt gives its format to the block after it
        scratch = _scratch(sheet, _BEFORE + "\n".join(changed) + _AFTER)
        if scratch.blockCount() != sum(new_counts) + 2:
            return False
        source = QTextCursor(scratch)
        source.setPosition(scratch.begin().length() - 1)  # the separator after the leading paragraph
        source.setPosition(scratch.lastBlock().position() - 1, QTextCursor.MoveMode.KeepAnchor)
        fragment = QTextDocumentFragment(source)
        run_start = doc.findBlockByNumber(starts[first])
        run_last = doc.findBlockByNumber(starts[old_end] - 1)
        before = _formats(run_start.previous())
        after = _formats(run_last.next()) if run_last.next().isValid() else None
        expected = doc.blockCount() - (starts[old_end] - starts[first]) + sum(new_counts)
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        cursor.setPosition(run_start.position() - 1)
        cursor.setPosition(run_last.position() + run_last.length() - 1, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertFragment(fragment)
        cursor.endEditBlock()
        counts = self.counts
        self.blocks, self.counts = None, []  # until the document is known to be right
        if doc.blockCount() != expected:
            return False
        # The blocks on either side keep their formats, and the new ones are the scratch document's (a
        # table whose last cell was empty took the format of the block after it).
        shown = doc.findBlockByNumber(starts[first] - 1)
        if _formats(shown) != before:
            return False
        parsed = scratch.begin().next()
        for _ in range(sum(new_counts)):
            shown = shown.next()
            if shown.text() != parsed.text() or _formats(shown, False) != _formats(parsed, False):
                return False
            parsed = parsed.next()
        if after is not None and _formats(shown.next()) != after:
            return False
        self.blocks = old[:first] + new[first:new_end] + old[old_end:]
        self.counts = counts[:first] + new_counts + counts[old_end:]
        self.starts = list(accumulate(self.counts, initial=0))
        return True
