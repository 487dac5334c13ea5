"""Search over everything (sources, claims, actors) with highlighted snippets; Enter opens the hit.

``SearchField`` sits in the tool bar (Ctrl+F). Typing runs ``lib.search`` on a read worker (debounced; a
result older than the latest query is dropped) and fills ``SearchResultsView``, a page of the main window.
Up/Down in the field move through the results; Enter opens the selected hit (the first by default).
"""

from __future__ import annotations

import html

from PySide6.QtCore import QAbstractListModel, QModelIndex, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument
from PySide6.QtWidgets import QLabel, QLineEdit, QListView, QStyle, QStyledItemDelegate, QVBoxLayout, QWidget

from app._text import MAX_SEARCH_CHARS
from app.search import highlight

DEBOUNCE_MS = 200
LIMIT = 50
ENTITY_LABEL = {"source": "Source", "claim": "Claim", "actor": "Actor"}
HTML_ROLE = Qt.ItemDataRole.UserRole + 1
HIT_ROLE = Qt.ItemDataRole.UserRole + 2


def hit_html(hit) -> str:
    snippet = highlight(hit.snippet, open_tag="<b style='background:#ffe066;color:#000'>", close_tag="</b>")
    title = html.escape(hit.title if len(hit.title) <= 160 else hit.title[:159] + "\u2026")
    return (
        f"<span style='color:gray'>{ENTITY_LABEL.get(hit.entity, hit.entity)} {hit.ref}</span> "
        f"&nbsp;<b>{title}</b><br>{snippet}"
    )


class SearchResultsModel(QAbstractListModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.hits: list = []

    def set_hits(self, hits: list) -> None:
        self.beginResetModel()
        self.hits = list(hits)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.hits)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        hit = self.hits[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            from app.search import plain

            return f"{ENTITY_LABEL.get(hit.entity, hit.entity)} {hit.ref}: {hit.title} \u2014 {plain(hit.snippet)}"
        if role == HTML_ROLE:
            return hit_html(hit)
        if role == HIT_ROLE:
            return hit
        return None


class HtmlDelegate(QStyledItemDelegate):
    """Renders an item's HTML (the highlighted snippet), wrapped to the view's width."""

    def _doc(self, option, index) -> QTextDocument:
        doc = QTextDocument()
        doc.setDefaultFont(option.font)
        doc.setHtml(index.data(HTML_ROLE) or "")
        doc.setTextWidth(max(100, option.rect.width() - 8))
        return doc

    def paint(self, painter, option, index) -> None:
        self.initStyleOption(option, index)
        doc = self._doc(option, index)
        if option.state & QStyle.StateFlag.State_Selected:
            doc.setHtml((index.data(HTML_ROLE) or "").replace("color:gray", "color:inherit"))
        option.text = ""
        style = option.widget.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        ctx = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        ctx.palette.setColor(
            QPalette.ColorRole.Text,
            option.palette.color(QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text),
        )
        painter.save()
        painter.translate(option.rect.left() + 4, option.rect.top() + 3)
        painter.setClipRect(QRectF(0, 0, option.rect.width() - 8, option.rect.height() - 6))
        doc.documentLayout().draw(painter, ctx)
        painter.restore()

    def sizeHint(self, option, index) -> QSize:  # noqa: N802
        width = option.widget.viewport().width() if option.widget is not None else 600
        option.rect.setWidth(width)
        doc = self._doc(option, index)
        return QSize(width, int(doc.size().height()) + 8)


class SearchResultsView(QWidget):
    hit_activated = Signal(object)  # SearchHit

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.summary = QLabel("Type in the search field (Ctrl+F) to search sources, claims and actors.", self)
        self.summary.setWordWrap(True)
        self.model = SearchResultsModel(self)
        self.list = QListView(self)
        self.list.setObjectName("searchResults")
        self.list.setModel(self.model)
        self.list.setItemDelegate(HtmlDelegate(self.list))
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(False)
        self.list.setAlternatingRowColors(True)
        self.list.setResizeMode(QListView.ResizeMode.Adjust)
        self.list.activated.connect(lambda idx: self.hit_activated.emit(idx.data(HIT_ROLE)))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.summary)
        lay.addWidget(self.list)

    def set_hits(self, query: str, hits: list) -> None:
        self.model.set_hits(hits)
        if not query.strip():
            self.summary.setText("Type in the search field (Ctrl+F) to search sources, claims and actors.")
        elif not hits:
            self.summary.setText(f"Nothing matches \u201c{query}\u201d.")
        else:
            more = " (the best matches)" if len(hits) >= LIMIT else ""
            self.summary.setText(
                f"{len(hits)} result{'s' if len(hits) != 1 else ''} for \u201c{query}\u201d{more}. "
                "Enter opens the selected one."
            )
        if hits:
            self.list.setCurrentIndex(self.model.index(0))

    def current_hit(self):
        idx = self.list.currentIndex()
        return idx.data(HIT_ROLE) if idx.isValid() else None

    def move(self, step: int) -> None:
        n = self.model.rowCount()
        if not n:
            return
        row = self.list.currentIndex().row() if self.list.currentIndex().isValid() else -1
        self.list.setCurrentIndex(self.model.index(max(0, min(n - 1, row + step))))


class SearchField(QLineEdit):
    """The search box: debounced queries, arrows move through the results, Enter opens the hit."""

    results_ready = Signal(str, list)
    open_requested = Signal()
    moved = Signal(int)
    searching = Signal(str)

    def __init__(self, lib, jobs, parent=None) -> None:
        super().__init__(parent)
        self.lib, self.jobs = lib, jobs
        self.setObjectName("searchField")
        self.setPlaceholderText("Search everything (Ctrl+F)")
        self.setClearButtonEnabled(True)
        self.setMaxLength(MAX_SEARCH_CHARS)  # the search refuses longer text
        self.setMinimumWidth(280)
        self._gen = 0
        self._last_query: str | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.run_search)
        self.textEdited.connect(lambda _t: self._timer.start(DEBOUNCE_MS))
        self.textChanged.connect(lambda t: t or self._timer.start(0))

    def run_search(self) -> None:
        self._timer.stop()
        query = self.text()
        if query == self._last_query:
            return
        self._last_query = query
        self._gen += 1
        gen, lib = self._gen, self.lib
        self.searching.emit(query)
        if not query.strip():
            self.results_ready.emit(query, [])
            return
        self.jobs.read(lambda: lib.search(query, limit=LIMIT), lambda hits: self._arrived(gen, query, hits))

    def _arrived(self, gen: int, query: str, hits) -> None:
        if gen == self._gen:
            self.results_ready.emit(query, list(hits))

    def keyPressEvent(self, event) -> None:  # noqa: N802
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self._timer.isActive() or self.text() != self._last_query:
                self.run_search()
            self.open_requested.emit()
            return
        if key == Qt.Key.Key_Down:
            self.moved.emit(1)
            return
        if key == Qt.Key.Key_Up:
            self.moved.emit(-1)
            return
        if key == Qt.Key.Key_Escape:
            self.clear()
            return
        super().keyPressEvent(event)
