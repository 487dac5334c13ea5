"""The Briefs page: the list of briefs, and open briefs as tabs holding the brief editor.

The editor itself (``ui.brief_editor.BriefEditor``) is another module's; this page embeds it, keeps one tab
per open brief, forwards its title and citation clicks, and flushes it when it closes.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app._text import MAX_SEARCH_CHARS
from app.domain import Action, Change, Entity
from ui.brief_list_model import BriefListModel
from ui.context import UiContext
from ui.paged_model import ID_ROLE
from ui.tables import ColumnFitter, configure_table

log = logging.getLogger(__name__)


class BriefsView(QWidget):
    current_editor_changed = Signal(object)  # BriefEditor or None
    title_changed = Signal(str)  # the current brief's title ('' when none)
    claim_activated = Signal(int)
    list_toggled = Signal(bool)  # the list of briefs shown (True) or hidden

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.filter_text = QLineEdit(self)
        self.filter_text.setMaxLength(MAX_SEARCH_CHARS)  # longer is refused by the services
        self.filter_text.setPlaceholderText("Filter briefs by title")
        self.filter_text.setClearButtonEnabled(True)
        self.filter_text.textChanged.connect(lambda t: self.model.set_text(t))
        self.model = BriefListModel(ctx.lib, ctx.jobs, self)
        self.table = QTableView(self)
        self.table.setObjectName("briefsTable")
        configure_table(self.table, self.model)
        self.table.setSortingEnabled(False)
        # the title takes the list's width; status, marking and date show when there is room for them
        self.column_fitter = ColumnFitter(self.table, stretch=0, optional=[3, 2, 1], min_stretch=170)
        self.table.activated.connect(lambda idx: self.open_brief(idx.data(ID_ROLE)))
        self.table.setToolTip("Enter or double-click to open a brief")
        self.model.load_failed.connect(ctx.report_error)
        self.model.page_loaded.connect(self._select_first_if_none)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("briefTabs")
        self.tabs.setTabsClosable(True)
        self.tabs.setDocumentMode(True)
        self.tabs.setMovable(True)
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.empty = QLabel(
            "Open a brief from the list (Enter or double-click), or create one with File \u203a New brief.",
            self,
        )
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        right = QWidget(self)
        right_lay = QVBoxLayout(right)
        right_lay.setContentsMargins(0, 0, 0, 0)
        right_lay.addWidget(self.tabs)
        right_lay.addWidget(self.empty)
        left = QWidget(self)
        left_lay = QVBoxLayout(left)
        left_lay.setContentsMargins(0, 0, 0, 0)
        left_lay.addWidget(self.filter_text)
        left_lay.addWidget(self.table)
        self.split = QSplitter(Qt.Orientation.Horizontal, self)
        self.split.setObjectName("briefsSplit")
        self.split.addWidget(left)
        self.split.addWidget(right)
        self.split.setStretchFactor(0, 1)
        self.split.setStretchFactor(1, 4)
        self.split.setSizes([260, 1000])
        self._list_width = 260
        self.split.splitterMoved.connect(lambda _pos, _i: self.list_toggled.emit(self.list_shown()))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.split)
        self._update_empty()
        ctx.jobs.library_changed.connect(self._library_changed)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.model.ensure_started()

    # --- the list beside the open briefs -----------------------------------------------------------------
    def list_shown(self) -> bool:
        return self.split.sizes()[0] > 0

    def show_list(self, shown: bool) -> None:
        """Show or hide the list of briefs (the editor then takes the whole width); View > Brief list."""
        if not shown and self.tabs.count() == 0:
            shown = True  # with no brief open the list is the page: it stays
        sizes = self.split.sizes()
        total = sum(sizes) or self.split.width()
        if shown and sizes[0] == 0:
            width = min(max(self._list_width, 160), max(total // 3, 160))
            self.split.setSizes([width, max(total - width, 0)])
        elif not shown and sizes[0] > 0:
            self._list_width = sizes[0]
            self.split.setSizes([0, total])
        self.list_toggled.emit(self.list_shown())

    def _select_first_if_none(self, rows: int) -> None:
        """Rows arrived: with nothing selected, select (not open) the first, so Enter opens it."""
        if rows and not self.table.selectionModel().hasSelection():
            self.table.selectRow(0)

    # --- editors -------------------------------------------------------------------------------------
    def editors(self) -> list:
        return [self.tabs.widget(i) for i in range(self.tabs.count())]

    def current_editor(self):
        return self.tabs.currentWidget()

    def editor_for(self, brief_id: int):
        return next((e for e in self.editors() if e.brief_id == brief_id), None)

    def open_brief(self, brief_id: int | None):
        if brief_id is None:
            return None
        existing = self.editor_for(brief_id)
        if existing is not None:
            self.tabs.setCurrentWidget(existing)
            return existing
        from ui.brief_editor import BriefEditor

        editor = BriefEditor(self.ctx.lib, self.ctx.jobs, brief_id, self.tabs, undo_stack=self.ctx.undo_stack)
        # The window owns Save and Export (Ctrl+S, Ctrl+E) for whichever brief is current; the editor's own
        # shortcuts would be ambiguous with them.
        editor.save_action.setShortcut("")
        editor.export_action.setShortcut("")
        index = self.tabs.addTab(editor, f"b{brief_id}")
        editor.title_changed.connect(lambda title, e=editor: self._editor_title(e, title))
        editor.claim_activated.connect(self.claim_activated)
        if editor.title:
            self._editor_title(editor, editor.title)
        self.tabs.setCurrentIndex(index)
        self._update_empty()
        editor.editor.setFocus()
        return editor

    def _editor_title(self, editor, title: str) -> None:
        i = self.tabs.indexOf(editor)
        if i >= 0:
            short = title if len(title) <= 48 else title[:47] + "\u2026"
            self.tabs.setTabText(i, short)
            self.tabs.setTabToolTip(i, title)
        if editor is self.current_editor():
            self.title_changed.emit(title)

    def close_tab(self, index: int) -> None:
        editor = self.tabs.widget(index)
        if editor is None:
            return
        try:
            editor.flush()
        except Exception as exc:  # noqa: BLE001 - report, but still close
            self.ctx.report_error(exc)
        if editor.has_unsaved_text() and not editor.confirm_close_unsaved():
            return  # the analyst keeps it open (the text is still there to save or copy)
        editor.release_lock()
        self.tabs.removeTab(index)
        editor.deleteLater()
        self._update_empty()

    def flush_all(self) -> None:
        for editor in self.editors():
            editor.flush()

    def release_all(self) -> None:
        """Give up every brief lock this window holds (the window is closing)."""
        for editor in self.editors():
            editor.release_lock()

    def retry_saves(self) -> None:
        """The library is reachable again: save what could not be saved."""
        for editor in self.editors():
            editor.retry_save()

    def _tab_changed(self, _index: int) -> None:
        editor = self.current_editor()
        self.current_editor_changed.emit(editor)
        self.title_changed.emit(editor.title if editor is not None else "")

    def _update_empty(self) -> None:
        has = self.tabs.count() > 0
        self.tabs.setVisible(has)
        self.empty.setVisible(not has)
        if not has and not self.list_shown() and self.split.width() > 0:
            self.show_list(True)  # with no brief open, the list is all there is to see

    def _library_changed(self, changes: tuple[Change, ...]) -> None:
        if any(ch.entity is Entity.BRIEF for ch in changes) and self.model._started:
            self.model.refresh()
        for ch in changes:
            if ch.entity is Entity.BRIEF and ch.action is Action.DELETED:
                editor = self.editor_for(ch.id)
                if editor is not None:
                    self.tabs.removeTab(self.tabs.indexOf(editor))
                    editor.deleteLater()
                    self._update_empty()
