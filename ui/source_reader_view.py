"""The source reader: a source's full text with its claims highlighted.

Hovering a highlight shows the claim; clicking one emits ``claim_clicked(id)``. The user's selection gives
the quote and span for "Claim from selection". Spans are Python string offsets (code points); Qt's document
counts UTF-16 units, so text holding characters outside the Basic Multilingual Plane (emoji, some scripts)
is mapped both ways by ``OffsetMap``.

A long body is shown one part at a time (``body_parts``: about 1,000,000 characters, cut after a line break,
and at most 50,000 characters of a line that has no break), since Qt lays a text block out whole and a
tens-of-megabytes body (or one line of it) would hold the GUI thread for seconds or minutes. The part bar
(``part_bar``, laid out by the page) says which part is shown and moves to the one before or after; showing a
span or a claim moves to its part. Every source of ordinary length is one part, shown whole as before.
"""

from __future__ import annotations

import bisect

from PySide6.QtCore import QEvent, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QTextCharFormat, QTextCursor, QTextOption
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QTextEdit, QToolTip, QWidget

from ui import theme
from ui.formatting import claim_tooltip_html


class OffsetMap:
    """Python index <-> QTextDocument position for one text."""

    def __init__(self, text: str) -> None:
        astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF] if not text.isascii() else []
        self._astral = astral
        self._ends = [a + j + 2 for j, a in enumerate(astral)]  # document position just after each pair

    def to_doc(self, index: int) -> int:
        return index + bisect.bisect_left(self._astral, index) if self._astral else index

    def to_py(self, pos: int) -> int:
        return pos - bisect.bisect_right(self._ends, pos) if self._astral else pos


PART_CHARS = 1_000_000  # a part of a long body: Qt lays out ~1 MB of ordinary paragraphs in a few ms
PART_LINES = 10_000  # but each line is a block costing a few microseconds: 2 million lines took seconds
LONG_LINE_CHARS = 50_000  # a line is laid out whole: a longer one is shown in pieces of this
# a part with more claims than this highlights those in view (each highlight costs ~0.1 ms to place: 5,000
# claims held the GUI thread 0.7 s at every click), repainted as the reader scrolls
MAX_HIGHLIGHTS = 500
HIGHLIGHT_MARGIN_CHARS = 5_000


def body_parts(body: str) -> list[int]:
    """Where each part of ``body`` starts (``[0]`` for a body shown whole). A part ends after a line break
    (in its second half, if it has one there) and holds at most PART_LINES lines; a line longer than
    LONG_LINE_CHARS starts a part of its own and is cut into pieces (after a space, if one is near).
    Linear in the body's length, with string searches doing the scanning: run it on a worker for a long
    body (the Sources page does)."""
    n = len(body)
    starts = [0]
    start = 0
    while True:
        end = min(n, start + PART_CHARS)
        if body.count("\n", start, end) > PART_LINES:
            end = _after_lines(body, start, end)
        elif end < n:
            nl = body.rfind("\n", start + PART_CHARS // 2, end)
            if nl >= 0:
                end = nl + 1
        if body.find("\n", start, start + LONG_LINE_CHARS + 1) < 0 and start + LONG_LINE_CHARS < n:
            end = _piece_of_line(body, start)  # a part begins with a line too long to lay out
        else:
            long_line = _long_line_in(body, start, end)
            if long_line is not None:
                end = long_line  # end the part before it: it starts the next part
        if end >= n:
            return starts
        starts.append(end)
        start = end


def _after_lines(body: str, start: int, end: int) -> int:
    """Just after the PART_LINES-th line break from ``start`` (there are more before ``end``)."""
    rest = body[start:end].split("\n", PART_LINES)[-1]  # what follows that break
    return end - len(rest)


def _long_line_in(body: str, start: int, end: int) -> int | None:
    """The start of the first line longer than LONG_LINE_CHARS that begins in ``body[start:end]``, if any.
    Such a line holds a whole stretch [k, k + half) without a break for some k a multiple of half past
    ``start``: only those stretches are looked at."""
    half = LONG_LINE_CHARS // 2
    for k in range(start, end, half):
        if body.find("\n", k, k + half) >= 0 or k + half > len(body):
            continue
        line_start = body.rfind("\n", 0, k) + 1
        line_end = body.find("\n", k)
        if (len(body) if line_end < 0 else line_end) - line_start > LONG_LINE_CHARS and line_start > start:
            return line_start
    return None


def _piece_of_line(body: str, start: int) -> int:
    """The end of a piece of a long line starting at ``start``: after a space near its limit, if any."""
    end = min(len(body), start + LONG_LINE_CHARS)
    space = body.rfind(" ", end - 1_000, end) if end < len(body) else -1
    return space + 1 if space > start else end


class SourceReaderView(QPlainTextEdit):
    claim_clicked = Signal(int)
    selection_changed_span = Signal(bool)  # whether there is a usable selection

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setPlaceholderText("Select a source to read it here.")
        self.setMouseTracking(True)
        self.source = None
        self.body = ""
        self.claims: list = []
        self.selected_claim_id: int | None = None
        theme.on_change(self, self._paint)  # the highlights' colours follow the palette
        self._map = OffsetMap("")
        self._press_pos: QPoint | None = None
        self.selectionChanged.connect(
            lambda: self.selection_changed_span.emit(self.selection_span() is not None)
        )
        font = self.font()
        font.setPointSizeF(max(font.pointSizeF(), 10.5))
        self.setFont(font)
        self._parts: list[int] = [0]
        self._part = 0  # the index of the part shown
        self._offset, self._end = 0, 0  # the body's characters shown: body[_offset:_end]
        self.part_bar = QWidget()
        self.part_bar.setObjectName("readerPartBar")
        bar = QHBoxLayout(self.part_bar)
        bar.setContentsMargins(0, 0, 0, 0)
        self.part_label = QLabel(self.part_bar)
        self.part_label.setObjectName("readerPart")
        self.earlier_button = QPushButton("\u25c0 Earlier part", self.part_bar)
        self.later_button = QPushButton("Later part \u25b6", self.part_bar)
        self.earlier_button.clicked.connect(lambda: self.show_part(self._part - 1))
        self.later_button.clicked.connect(lambda: self.show_part(self._part + 1))
        bar.addWidget(self.part_label, 1)
        bar.addWidget(self.earlier_button)
        bar.addWidget(self.later_button)
        self.part_bar.setVisible(False)
        self._paint_visible_only = False
        self._repaint_timer = QTimer(self)
        self._repaint_timer.setSingleShot(True)
        self._repaint_timer.timeout.connect(self._paint)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)

    # --- content -------------------------------------------------------------------------------------
    def set_source(self, source, claims: list, *, parts: list[int] | None = None) -> None:
        """Show a source and highlight its claims. ``parts``: ``body_parts(source.body)`` if already made
        (on a worker); made here otherwise."""
        same = self.source is not None and source is not None and self.source.id == source.id
        body = source.body if source is not None else ""
        scroll = self.verticalScrollBar().value() if same and self.body == body else None
        self.source = source
        self.body = body
        self.claims = sorted(claims, key=lambda c: (c.span_start, c.span_end))
        if scroll is None:
            self._parts = parts if parts is not None else body_parts(body)
            self._show_part(0)
        if self.selected_claim_id not in {c.id for c in self.claims}:
            self.selected_claim_id = None
        self._paint()
        if scroll is not None:
            self.verticalScrollBar().setValue(scroll)

    def part_count(self) -> int:
        return len(self._parts)

    def shown_range(self) -> tuple[int, int]:
        """The body's characters the pane shows: ``body[start:end]`` (the whole body unless it is long)."""
        return self._offset, self._end

    def show_part(self, part: int) -> None:
        if 0 <= part < len(self._parts) and part != self._part:
            self._show_part(part)
            self._paint()

    def _show_part(self, part: int) -> None:
        self._part = part
        self._offset = self._parts[part]
        self._end = self._parts[part + 1] if part + 1 < len(self._parts) else len(self.body)
        text = self.body[self._offset : self._end] if len(self._parts) > 1 else self.body
        self._map = OffsetMap(text)
        self.setPlainText(text)
        several = len(self._parts) > 1
        self.part_bar.setVisible(several)
        if several:
            self.part_label.setText(
                f"Part {part + 1:,} of {len(self._parts):,}: characters {self._offset + 1:,}\u2013"
                f"{self._end:,} of {len(self.body):,}. The source is long, so it is shown a part at a time."
            )
            self.earlier_button.setEnabled(part > 0)
            self.later_button.setEnabled(part + 1 < len(self._parts))

    def _to_doc(self, index: int) -> int:
        """The document position of the body's index ``index`` (clamped to the part shown)."""
        return self._map.to_doc(min(max(index, self._offset), self._end) - self._offset)

    def _to_body(self, pos: int) -> int:
        return self._offset + self._map.to_py(pos)

    def _show_part_of(self, start: int, end: int) -> None:
        """Show the part holding ``body[start:end]`` (its start when it spans parts)."""
        if self._offset <= start and end <= self._end:
            return
        self.show_part(max(0, bisect.bisect_right(self._parts, start) - 1))

    def _scrolled(self) -> None:
        if self._paint_visible_only:
            self._repaint_timer.start(0)

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._scrolled()

    def clear_source(self) -> None:
        self.set_source(None, [])

    def _visible_range(self) -> tuple[int, int]:
        """The body's characters in view, with a margin either side."""
        first = self._to_body(self.cursorForPosition(QPoint(0, 0)).position())
        corner = QPoint(self.viewport().width() - 1, self.viewport().height() - 1)
        last = self._to_body(self.cursorForPosition(corner).position())
        return first - HIGHLIGHT_MARGIN_CHARS, last + HIGHLIGHT_MARGIN_CHARS

    def _paint(self) -> None:
        colors = theme.colors()
        selections = []
        shown = [c for c in self.claims if c.span_end > self._offset and c.span_start < self._end]
        self._paint_visible_only = len(shown) > MAX_HIGHLIGHTS
        if self._paint_visible_only:  # thousands of claims: highlight those in view, again when scrolled
            lo, hi = self._visible_range()
            shown = [c for c in shown if c.span_end > lo and c.span_start < hi]
        for c in shown:
            sel = QTextEdit.ExtraSelection()
            cur = QTextCursor(self.document())
            cur.setPosition(self._to_doc(c.span_start))
            cur.setPosition(self._to_doc(c.span_end), QTextCursor.MoveMode.KeepAnchor)
            fmt = QTextCharFormat()
            if c.id == self.selected_claim_id:
                fmt.setBackground(colors.claim_selected)
            elif c.denial_count:
                fmt.setBackground(colors.claim_highlight_contested)
            else:
                fmt.setBackground(colors.claim_highlight)
            if c.denial_count:
                fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
                fmt.setUnderlineColor(colors.denial_accent)
            sel.cursor, sel.format = cur, fmt
            selections.append(sel)
        self.setExtraSelections(selections)

    # --- claims --------------------------------------------------------------------------------------
    def claim_at(self, index: int):
        """The narrowest claim whose span holds the Python index ``index``."""
        hits = [c for c in self.claims if c.span_start <= index < c.span_end]
        return min(hits, key=lambda c: c.span_end - c.span_start) if hits else None

    def claim_at_point(self, point: QPoint):
        cur = self.cursorForPosition(point)
        rect = self.cursorRect(cur)
        if abs(rect.center().y() - point.y()) > rect.height():
            return None  # below the last line
        return self.claim_at(self._to_body(cur.position()))

    def select_claim(self, claim_id: int | None, *, scroll: bool = True) -> None:
        self.selected_claim_id = claim_id
        self._paint()
        claim = next((c for c in self.claims if c.id == claim_id), None)
        if claim is not None and scroll:
            self.show_span(claim.span_start, claim.span_end, select=False)

    def show_span(self, start: int, end: int, *, select: bool = True) -> None:
        """Scroll to the text ``body[start:end]`` (and select it), showing its part of a long source."""
        self._show_part_of(start, end)
        cur = QTextCursor(self.document())
        cur.setPosition(self._to_doc(end))
        self.setTextCursor(cur)
        self.ensureCursorVisible()
        cur.setPosition(self._to_doc(start))
        if select:
            cur.setPosition(self._to_doc(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cur)
        self.centerCursor()

    def select_text(self, start: int, end: int) -> None:
        """Select ``body[start:end]`` as a user would (tests, "show in source")."""
        self.show_span(start, end, select=True)

    # --- the user's selection ------------------------------------------------------------------------
    def selection_span(self) -> tuple[int, int] | None:
        """The selection as (start, end) Python offsets, without surrounding whitespace; None if empty."""
        cur = self.textCursor()
        if not cur.hasSelection() or self.source is None:
            return None
        start = self._to_body(cur.selectionStart())
        end = self._to_body(cur.selectionEnd())
        while start < end and self.body[start].isspace():
            start += 1
        while end > start and self.body[end - 1].isspace():
            end -= 1
        return (start, end) if end > start else None

    def selected_quote(self) -> str:
        span = self.selection_span()
        return self.body[span[0] : span[1]] if span else ""

    # --- events --------------------------------------------------------------------------------------
    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ToolTip:
            claim = self.claim_at_point(event.pos())
            if claim is not None:
                QToolTip.showText(event.globalPos(), claim_tooltip_html(claim), self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        self._press_pos = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        pos = event.position().toPoint()
        if (
            event.button() == Qt.MouseButton.LeftButton
            and self._press_pos is not None
            and (pos - self._press_pos).manhattanLength() < 4
            and not self.textCursor().hasSelection()
        ):
            claim = self.claim_at_point(pos)
            if claim is not None:
                self.select_claim(claim.id, scroll=False)
                self.claim_clicked.emit(claim.id)
        self._press_pos = None

    def mouseMoveEvent(self, event) -> None:  # noqa: N802
        super().mouseMoveEvent(event)
        if not event.buttons():
            over = self.claim_at_point(event.position().toPoint()) is not None
            self.viewport().setCursor(
                Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.IBeamCursor
            )
