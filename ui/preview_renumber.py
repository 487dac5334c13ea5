"""Renumbered notes patched in place in the preview's document (used by ``ui.preview_blocks``).

An edit that cites a claim not cited before, removes the only citation of one, deletes a cited paragraph or
moves one renumbers every note marker after it and the notes list. The blocks whose only change is their
note numbers are not parsed again: ``normalized`` (made on the worker) tells them apart (their HTML equal
once the numbers of the ``<a href="briefdesk:KEY">N</a>`` markers are taken out) and ``patch_numbers``
rewrites the text of their markers in the document. The preview shows the notes as paragraphs, one a note,
its number literal text (``note_paragraphs``; the exported HTML keeps its list): a note added or removed is
one block the diff inserts or removes, and ``patch_note`` rewrites the numbers of the notes after it. A notes list (``<ol class="notes">``, one ``<li id="note-N">`` a note) is patched
item by item: ``NotesList.patch_items`` inserts the notes that are new in the list and removes the ones that
left it, ``NotesList.patch_names`` gives the items after them their new anchor names (``note-N``).

Qt lays a changed stretch of a document out again at once, about 0.1 ms per 1,000 characters of HTML, so a
renumbering of a long brief is patched where the analyst looks first (``ShownBlocks.patch``) and the rest in
slices (``ShownBlocks.step``), each its own event-loop stretch.
Every function here returns False when the document does not hold what it expects; the caller then sets the
whole HTML.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtGui import (
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextList,
)

from app.export.html_blocks import NUMBER_CLOSE, NUMBER_OPEN

# A note marker's number, as app.export.html writes it (nh3 adds its rel attribute).
_MARKER_RE = re.compile(r'(<a href="briefdesk:([cs]\d+)"[^<>]*>)(\d+)(</a>)')
_NOTES_OPEN, _NOTES_CLOSE = '<ol class="notes">', "</ol>"
_ITEM_RE = re.compile(r'<li id="note-(\d+)">([^<]*<a href="briefdesk:[cs]\d+"[^<>]*>[^<]*</a>[^<]*)</li>')
# The preview shows each note as a paragraph of its own, its number literal text (``note_paragraphs``).
_NOTE_OPEN = (
    '<p class="note" style="margin-top:0px; margin-bottom:4px; margin-left:28px; text-indent:-28px;">'
)
_NOTE_P_RE = re.compile(re.escape(_NOTE_OPEN) + r'<span id="note-(\d+)">(\d+)\.</span>\s(.*)</p>', re.S)
_ITEM_INNER_RE = re.compile(r'[^<]*<a href="briefdesk:[cs]\d+"[^<>]*>[^<]*</a>[^<]*')  # ``_ITEM_RE``'s
# A marker in a template, its number a placeholder (``app.export.html_blocks``)
_HELD_MARKER_RE = re.compile(
    rf'(<a href="briefdesk:[cs]\d+"[^<>]*>){NUMBER_OPEN}[^{NUMBER_CLOSE}<]*{NUMBER_CLOSE}(</a>)'
)
_LIST_AT_END_RE = re.compile(r'<ol class="notes">((?:<li id="note-\d+">.*?</li>)+)</ol>$', re.S)


def note_paragraphs(html: str) -> str:
    """``html`` (``app.export.render_html``'s) with its notes list made one paragraph a note, its number in
    a span of its own: adding or removing a note is then one block inserted or removed, which Qt lays out
    alone, where an item of a list made Qt lay out every item again (15-20 ms for 436 notes)."""
    found = _LIST_AT_END_RE.search(html)
    if found is None:
        return html
    paragraphs = []
    for item in _ITEM_RE.finditer(found.group(1)):
        n = item.group(1)
        paragraphs.append(f'{_NOTE_OPEN}<span id="note-{n}">{n}.</span> {item.group(2)}</p>')
    if len(paragraphs) != found.group(1).count("<li "):
        return html  # an item the pattern does not know: shown as the list
    return html[: found.start()] + "".join(paragraphs)


def note_paragraph(number: int, item: str) -> str:
    """The paragraph ``note_paragraphs`` makes of note ``number`` whose item holds ``item``."""
    return f'{_NOTE_OPEN}<span id="note-{number}">{number}.</span> {item}</p>'


def normalized_note(item: str) -> str | None:
    """The ``normalized`` form of the paragraph of a note whose item holds ``item``; None when
    ``note_paragraphs`` would not make it a paragraph (the notes are then shown as their list)."""
    if _ITEM_INNER_RE.fullmatch(item) is None:
        return None
    return _NOTE_OPEN + "<span>#.</span> " + item + "</p>"


def normalized_template(block: str) -> str | None:
    """The ``normalized`` form of a block of a template (``app.export.html_blocks.Rendered.templates``), the
    numbers of its markers left out and its other note numbers still placeholders (``numbered`` puts them
    in); None when it cannot be told from the template."""
    if block.startswith((_NOTES_OPEN, _NOTE_OPEN)):
        return None
    if "briefdesk:" not in block:
        return block
    return _HELD_MARKER_RE.sub(r"\1#\2", block)


def normalized(block: str) -> str:
    """``block`` without its note markers' numbers (a notes list: without its items' anchor names)."""
    items = NotesList.parse(block)
    if items is not None:
        return _NOTES_OPEN + "".join(f"<li>{text}</li>" for text in items.texts) + _NOTES_CLOSE
    note = _NOTE_P_RE.fullmatch(block)
    if note is not None:
        return _NOTE_OPEN + "<span>#.</span> " + note.group(3) + "</p>"
    if "briefdesk:" not in block:
        return block
    return _MARKER_RE.sub(r"\1#\4", block)


NOTE_OPEN = _NOTE_OPEN  # how a note paragraph opens


def is_note_paragraph(block: str) -> bool:
    """Whether ``block`` (or its ``normalized`` form) is a note paragraph of ``note_paragraphs``."""
    return block.startswith(_NOTE_OPEN)


def _markers(block: str) -> list[tuple[str, str]]:
    return [(m.group(2), m.group(3)) for m in _MARKER_RE.finditer(block)]


def _blocks(doc: QTextDocument, first: int, count: int):
    block = doc.findBlockByNumber(first)
    for _ in range(count):
        if not block.isValid():
            return
        yield block
        block = block.next()


def patch_numbers(doc: QTextDocument, first: int, count: int, old: str, new: str) -> bool:
    """Rewrite the note numbers of the block whose HTML was ``old`` (``count`` ``QTextBlock``s from number
    ``first``) to those of ``new``; False when its markers are not the ones ``old`` holds."""
    expected, wanted = _markers(old), _markers(new)
    if [key for key, _n in expected] != [key for key, _n in wanted]:
        return False
    at = 0
    changes: list[tuple[int, int, str, object]] = []
    for block in _blocks(doc, first, count):
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            it += 1
            fmt = fragment.charFormat()
            href, text = fmt.anchorHref(), fragment.text()
            if not href.startswith("briefdesk:") or not text.isdigit():
                continue
            # Markers of one key side by side are one fragment ("11"): take as many as make its text.
            shown, numbers = "", ""
            while shown != text:
                if at == len(expected) or "briefdesk:" + expected[at][0] != href:
                    return False
                shown += expected[at][1]
                numbers += wanted[at][1]
                at += 1
                if not text.startswith(shown):
                    return False
            if numbers != text:
                changes.append((fragment.position(), fragment.length(), numbers, fmt))
    if at != len(expected):
        return False
    cursor = QTextCursor(doc)
    for position, length, numbers, fmt in reversed(changes):
        cursor.setPosition(position)
        cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(numbers, fmt)  # type: ignore[arg-type]
    return True


def patch_note(doc: QTextDocument, first: int, old: str, new: str) -> bool | None:
    """Rewrite the number (text and anchor name) of the note paragraph ``QTextBlock`` ``first`` whose HTML
    was ``old`` to ``new``'s; None when ``old`` is no note paragraph, False when the block does not show it."""
    was, wanted = _NOTE_P_RE.fullmatch(old), _NOTE_P_RE.fullmatch(new)
    if was is None:
        return None
    if wanted is None or was.group(3) != wanted.group(3):
        return False
    block = doc.findBlockByNumber(first)
    shown, number = was.group(2), wanted.group(2)
    if not block.isValid() or not block.text().startswith(shown + ". "):
        return False
    # Qt gives the span's anchor name to its first character only; the rest has the paragraph's format.
    start = block.position()
    named = block.begin().fragment().charFormat()
    if named.anchorNames() != [f"note-{was.group(1)}"]:
        return False
    cursor = QTextCursor(doc)
    cursor.setPosition(start + len(shown) + 1)
    plain = cursor.charFormat()  # the full stop's
    named.setAnchorNames([f"note-{wanted.group(1)}"])
    cursor.setPosition(start)
    cursor.setPosition(start + len(shown), QTextCursor.MoveMode.KeepAnchor)
    cursor.insertText(number[0], named)
    if number[1:]:
        cursor.insertText(number[1:], plain)
    return block.text().startswith(number + ". ")


def _unnamed(fmt: QTextCharFormat) -> QTextCharFormat:
    fmt.clearProperty(QTextFormat.Property.AnchorName)
    return fmt


def _contiguous(notes: QTextList, first: int) -> bool:
    """Whether ``notes``'s items are the blocks from number ``first`` on, one after the other."""
    count = notes.count()
    return (
        count > 0
        and notes.item(0).blockNumber() == first
        and notes.item(count - 1).blockNumber() == first + count - 1
    )


@dataclass
class NotesList:
    """A notes list's items: each one's number in its anchor name and its HTML inside the ``<li>``."""

    numbers: list[int]
    texts: list[str]

    @classmethod
    def parse(cls, block: str) -> NotesList | None:
        if not (block.startswith(_NOTES_OPEN) and block.endswith(_NOTES_CLOSE)):
            return None
        inner = block[len(_NOTES_OPEN) : -len(_NOTES_CLOSE)]
        numbers, texts, pos = [], [], 0
        for item in _ITEM_RE.finditer(inner):
            if item.start() != pos:
                return None
            numbers.append(int(item.group(1)))
            texts.append(item.group(2))
            pos = item.end()
        if pos != len(inner) or not texts:
            return None
        return cls(numbers, texts)

    def html(self) -> str:
        items = "".join(
            f'<li id="note-{n}">{text}</li>' for n, text in zip(self.numbers, self.texts, strict=True)
        )
        return _NOTES_OPEN + items + _NOTES_CLOSE

    def patch_items(self, doc: QTextDocument, first: int, new: NotesList, sheet: str) -> bool:
        """Make the list (its first item ``QTextBlock`` number ``first``) hold ``new``'s notes in their
        order: the run of items that differs is replaced by ``new``'s, parsed on their own; the items after
        it keep their anchor names (``patch_names`` renames them). ``self`` becomes what the list shows."""
        old_texts, new_texts = self.texts, new.texts
        if old_texts == new_texts:
            return True
        head = 0
        limit = min(len(old_texts), len(new_texts))
        while head < limit and old_texts[head] == new_texts[head]:
            head += 1
        tail = 0
        while tail < limit - head and old_texts[-1 - tail] == new_texts[-1 - tail]:
            tail += 1
        old_end, new_end = len(old_texts) - tail, len(new_texts) - tail
        notes = doc.findBlockByNumber(first).textList()
        if notes is None or notes.count() != len(old_texts) or not _contiguous(notes, first):
            return False
        item = notes.item
        top, bottom = item(0).blockFormat().topMargin(), item(notes.count() - 1).blockFormat().bottomMargin()
        middle = QTextBlockFormat(item(0).blockFormat())
        middle.setTopMargin(0)
        middle.setBottomMargin(0)
        scratch = QTextDocument()
        scratch.setUndoRedoEnabled(False)
        scratch.setDefaultStyleSheet(sheet)
        added = NotesList(new.numbers[head:new_end], new_texts[head:new_end])
        if added.texts:
            scratch.setHtml(added.html())
            if scratch.blockCount() != len(added.texts):
                return False
        replaced = (
            self._replace_texts(doc, notes, head, scratch) if len(added.texts) == old_end - head else None
        )
        if replaced is False:
            return False
        if replaced:
            self.texts = list(new_texts)
            self.numbers = self.numbers[:head] + added.numbers + self.numbers[old_end:]
            return True
        run_first, run_last = item(head), item(old_end - 1)  # (valid only when the old run is not empty)
        after_run = item(old_end) if old_end < len(old_texts) else None
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        # The new items first, after the item before the run (or the block before the list), so that the
        # list never loses all its items; then the old run, now after them.
        after = item(head - 1) if head else item(0).previous()
        cursor.setPosition(after.position() + after.length() - 1)
        parsed = scratch.begin()
        for _ in added.texts:
            cursor.insertBlock(middle, parsed.charFormat())
            it = parsed.begin()
            while not it.atEnd():
                cursor.insertText(it.fragment().text(), it.fragment().charFormat())
                it += 1
            parsed = parsed.next()
        if old_end > head:
            # From the end of the block before the run to the end of its last item; at the list's start,
            # from the run's start to the item after it: the block that stays keeps the format of the
            # block before it (at the list's start that is the rule before the list, which must stay).
            if head or added.texts or after_run is None:
                cursor.setPosition(run_first.position() - 1)
                end = run_last.position() + run_last.length() - 1
            else:
                cursor.setPosition(run_first.position())
                end = after_run.position()
            cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
        count = len(new_texts)
        shown = doc.findBlockByNumber(first).textList()
        ok = shown is not None and shown.count() == count and _contiguous(shown, first)
        if ok and shown is not None:
            # The list's first and last items have its margins: every item that was or is now either one.
            edge = head + len(added.texts)
            for index in {0, count - 1, head - 1, head, edge - 1, edge}:
                if 0 <= index < count:
                    fmt = QTextBlockFormat(middle)
                    if index == 0:
                        fmt.setTopMargin(top)
                    if index == count - 1:
                        fmt.setBottomMargin(bottom)
                    if shown.item(index).blockFormat() != fmt:  # a change lays the whole run out again
                        QTextCursor(shown.item(index)).setBlockFormat(fmt)
        cursor.endEditBlock()
        if not ok or shown is None:
            return False
        parsed = scratch.begin()
        for index in range(head, new_end):
            if shown.item(index).text() != parsed.text():
                return False
            parsed = parsed.next()
        self.texts = list(new_texts)
        self.numbers = self.numbers[:head] + added.numbers + self.numbers[old_end:]
        return True

    @staticmethod
    def _replace_texts(
        doc: QTextDocument, notes: QTextList, head: int, scratch: QTextDocument
    ) -> bool | None:
        """As many notes in as out (notes swapped, one note for another): each item's text and formats are
        replaced by the scratch item's, its block kept. Qt lays out again only those items, where adding or
        removing an item lays out the whole list (its numbers change). None, with nothing changed, when an
        item's block character format is not the scratch one's; False when the items did not come out as
        the scratch ones."""
        parsed = scratch.begin()
        pairs = []
        for index in range(head, head + scratch.blockCount()):
            block = notes.item(index)
            if _unnamed(block.charFormat()) != _unnamed(parsed.charFormat()):
                return None
            pairs.append((block, parsed))
            parsed = parsed.next()
        cursor = QTextCursor(doc)
        cursor.beginEditBlock()
        for block, parsed in pairs:
            cursor.setPosition(block.position())
            cursor.setPosition(block.position() + block.length() - 1, QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
            cursor.setBlockCharFormat(parsed.charFormat())  # with the item's new anchor name
            it = parsed.begin()
            while not it.atEnd():
                cursor.insertText(it.fragment().text(), it.fragment().charFormat())
                it += 1
        cursor.endEditBlock()
        return all(block.text() == parsed.text() for block, parsed in pairs)

    def patch_names(self, doc: QTextDocument, first: int, new: NotesList, start: int, stop: int) -> bool:
        """Give items ``start`` to ``stop`` (the list's first item ``QTextBlock`` number ``first``, its notes
        already ``new``'s) their new anchor names; ``self`` follows."""
        block: QTextBlock = doc.findBlockByNumber(first + start)
        cursor = QTextCursor(doc)
        for index in range(start, stop):
            if not block.isValid() or block.textList() is None:
                return False
            if self.numbers[index] != new.numbers[index]:
                fragment = block.begin().fragment()
                fmt = fragment.charFormat()
                if fmt.anchorNames() != [f"note-{self.numbers[index]}"]:
                    return False
                fmt.setAnchorNames([f"note-{new.numbers[index]}"])
                cursor.setPosition(fragment.position())
                cursor.setPosition(fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor)
                cursor.setCharFormat(fmt)
                names = block.charFormat()  # the item's block character format holds the name too
                if names.anchorNames() == [f"note-{self.numbers[index]}"]:
                    names.setAnchorNames([f"note-{new.numbers[index]}"])
                    cursor.setBlockCharFormat(names)
                self.numbers[index] = new.numbers[index]
            block = block.next()
        return True
