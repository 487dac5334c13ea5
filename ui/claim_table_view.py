"""The Claims page's table: the contested badge, and a claim chosen only when a click ends without a drag."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QStyledItemDelegate, QTableView

from ui import theme
from ui.claim_table_model import BADGE_ROLE
from ui.paged_model import ID_ROLE


class BadgeDelegate(QStyledItemDelegate):
    """Paints the contested badge: a small red pill with the number of denials."""

    def paint(self, painter: QPainter, option, index) -> None:
        count = index.data(BADGE_ROLE) or 0
        if not count:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        option.text = ""
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawControl(style.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        colors = theme.colors()
        text = f"contested {count}"
        fm = option.fontMetrics
        w = fm.horizontalAdvance(text) + 12
        h = fm.height() + 2
        r = QRect(0, 0, min(w, option.rect.width() - 4), h)
        r.moveCenter(option.rect.center())
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colors.badge)
        painter.drawRoundedRect(r, h / 2, h / 2)
        painter.setPen(QColor(colors.badge_text))
        painter.drawText(r, Qt.AlignmentFlag.AlignCenter, text)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:  # noqa: N802
        return super().sizeHint(option, index)


class ClaimTableView(QTableView):
    """Emits ``claim_chosen`` when the current row changes by keyboard, or on a click released without a drag."""

    claim_chosen = Signal(int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._pressing = False
        self._pending: int | None = None
        self.shown_id: int | None = None
        self.setDragEnabled(True)
        self.setDragDropMode(QTableView.DragDropMode.DragOnly)

    def setModel(self, model) -> None:  # noqa: N802
        super().setModel(model)
        self.selectionModel().currentRowChanged.connect(self._current_changed)

    def _current_changed(self, current, _previous) -> None:
        if not current.isValid():
            return
        ident = current.data(ID_ROLE)
        if self._pressing:
            self._pending = ident
        elif ident != self.shown_id:
            self.claim_chosen.emit(ident)

    def mousePressEvent(self, event) -> None:  # noqa: N802
        self._pressing = event.button() == Qt.MouseButton.LeftButton
        self._pending = None
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        pending, self._pressing, self._pending = self._pending, False, None
        if pending is not None and pending != self.shown_id:
            self.claim_chosen.emit(pending)

    def startDrag(self, actions) -> None:  # noqa: N802
        self._pending = None
        super().startDrag(actions)
        self._pressing = False
        self.select_id(self.shown_id)  # the list shows the claim the right pane shows

    def select_id(self, ident: int | None) -> bool:
        model = self.model()
        row = model.row_of(ident) if ident is not None else -1
        if row < 0:
            self.clearSelection()
            return False
        self.selectionModel().blockSignals(True)
        self.selectRow(row)
        self.selectionModel().blockSignals(False)
        self.scrollTo(model.index(row, 0))
        return True
