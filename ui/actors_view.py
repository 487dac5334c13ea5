"""The Actors page: who said things, with a text filter; activating an actor lists their claims."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QHeaderView, QLineEdit, QTableView, QVBoxLayout, QWidget

from app._text import MAX_SEARCH_CHARS
from ui.actor_table_model import ActorTableModel
from ui.context import UiContext
from ui.paged_model import RECORD_ROLE
from ui.tables import configure_table


class ActorsView(QWidget):
    claims_of_actor_requested = Signal(str)  # actor name
    timeline_of_actor_requested = Signal(str)  # actor name: who said what, when

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.filter_text = QLineEdit(self)
        self.filter_text.setMaxLength(MAX_SEARCH_CHARS)  # longer is refused by the services
        self.filter_text.setPlaceholderText("Filter actors (name, role, affiliation, alias)")
        self.filter_text.setClearButtonEnabled(True)
        self.model = ActorTableModel(ctx.lib, ctx.jobs, self)
        self.table = QTableView(self)
        self.table.setObjectName("actorsTable")
        configure_table(self.table, self.model)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self._activated)
        self.table.setToolTip("Enter or double-click: show this actor's claims; Ctrl+T: their timeline")
        self.timeline_action = QAction("Show this actor's &timeline", self.table)
        self.timeline_action.setShortcut(QKeySequence("Ctrl+T"))
        self.timeline_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.timeline_action.triggered.connect(self._timeline)
        self.table.addAction(self.timeline_action)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.model.load_failed.connect(ctx.report_error)
        timer = QTimer(self)
        timer.setSingleShot(True)
        timer.timeout.connect(lambda: self.model.set_text(self.filter_text.text()))
        self.filter_text.textChanged.connect(lambda _t: timer.start(250))
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.filter_text)
        lay.addWidget(self.table)
        ctx.jobs.library_changed.connect(self._library_changed)

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.model.ensure_started()

    def _activated(self, index) -> None:
        actor = index.data(RECORD_ROLE)
        if actor is not None:
            self.claims_of_actor_requested.emit(actor.name)

    def _timeline(self) -> None:
        actor = self.table.currentIndex().data(RECORD_ROLE)
        if actor is not None:
            self.timeline_of_actor_requested.emit(actor.name)

    def _library_changed(self, changes) -> None:
        changes = changes if isinstance(changes, list) else [changes]
        changed = any(ch.entity in ("actor", "claim") and ch.action != "updated" for ch in changes)
        if changed and self.model._started:
            self.model.refresh()
