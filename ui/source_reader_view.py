"""The source reader: a source's full text with its claims highlighted.

Hovering a highlight shows the claim; clicking one emits ``claim_clicked(id)``. The user's selection gives
the quote and span for "Claim from selection". Spans are Python string offsets (code points); Qt's document
counts UTF-16 units, so text holding characters outside the Basic Multilingual Plane (emoji, some scripts)
is mapped both ways by ``OffsetMap``.
"""

from __future__ import annotations

import bisect

from PySide6.QtCore import QEvent, QPoint, Qt, Signal
from PySide6.QtGui import QTextCharFormat, QTextCursor, QTextOption
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QToolTip, QWidget

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

    # --- content -------------------------------------------------------------------------------------
    def set_source(self, source, claims: list) -> None:
        same = self.source is not None and source is not None and self.source.id == source.id
        scroll = (
            self.verticalScrollBar().value()
            if same and self.body == (source.body if source else "")
            else None
        )
        self.source = source
        self.body = source.body if source is not None else ""
        self._map = OffsetMap(self.body)
        self.claims = sorted(claims, key=lambda c: (c.span_start, c.span_end))
        if scroll is None:
            self.setPlainText(self.body)
        if self.selected_claim_id not in {c.id for c in self.claims}:
            self.selected_claim_id = None
        self._paint()
        if scroll is not None:
            self.verticalScrollBar().setValue(scroll)

    def clear_source(self) -> None:
        self.set_source(None, [])

    def _paint(self) -> None:
        colors = theme.colors()
        selections = []
        for c in self.claims:
            sel = QTextEdit.ExtraSelection()
            cur = QTextCursor(self.document())
            cur.setPosition(self._map.to_doc(c.span_start))
            cur.setPosition(self._map.to_doc(c.span_end), QTextCursor.MoveMode.KeepAnchor)
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
        return self.claim_at(self._map.to_py(cur.position()))

    def select_claim(self, claim_id: int | None, *, scroll: bool = True) -> None:
        self.selected_claim_id = claim_id
        self._paint()
        claim = next((c for c in self.claims if c.id == claim_id), None)
        if claim is not None and scroll:
            self.show_span(claim.span_start, claim.span_end, select=False)

    def show_span(self, start: int, end: int, *, select: bool = True) -> None:
        """Scroll to the text ``body[start:end]`` (and select it)."""
        cur = QTextCursor(self.document())
        cur.setPosition(self._map.to_doc(end))
        self.setTextCursor(cur)
        self.ensureCursorVisible()
        cur.setPosition(self._map.to_doc(start))
        if select:
            cur.setPosition(self._map.to_doc(end), QTextCursor.MoveMode.KeepAnchor)
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
        start = self._map.to_py(cur.selectionStart())
        end = self._map.to_py(cur.selectionEnd())
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
