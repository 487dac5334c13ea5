"""The Actors page: who said things, with a text filter; activating an actor lists their claims.

Actors drafting got wrong are fixed here: edit one (F2: name, role, affiliation, aliases), merge the selected
ones into another (Ctrl+M, or drag them onto that actor: their claims move to it and their names become its
aliases), delete one no claim is attributed to (Delete). Each is an undoable command calling the actor
services; the context menu has them all.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app._text import MAX_SEARCH_CHARS, counted
from app.domain import Action, Change, Entity
from ui.actor_dialogs import ActorDialog, MergeActorsDialog
from ui.actor_table_model import ACTOR_IDS_MIME, ActorTableModel, actor_ids_from_mime
from ui.context import UiContext
from ui.paged_model import ID_ROLE, RECORD_ROLE
from ui.tables import configure_table
from ui.undo_commands import DeleteActorCommand, EditActorCommand, MergeActorsCommand, run_command


class ActorTableView(QTableView):
    """Rows can be dragged onto another row: ``merge_dropped(dragged ids, the id dropped on)``."""

    merge_dropped = Signal(list, int)
    delete_pressed = Signal()

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() == Qt.Key.Key_Delete and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            self.delete_pressed.emit()
            return
        super().keyPressEvent(event)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.LinkAction)
        self.setDropIndicatorShown(True)

    def _target(self, event) -> tuple[list[int], int] | None:
        mime = event.mimeData()
        if not mime.hasFormat(ACTOR_IDS_MIME):
            return None
        dragged = actor_ids_from_mime(mime)
        index = self.indexAt(event.position().toPoint())
        target = index.data(ID_ROLE) if index.isValid() else None
        if target is None or not dragged or target in dragged:
            return None
        return dragged, int(target)

    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasFormat(ACTOR_IDS_MIME):
            event.setDropAction(Qt.DropAction.LinkAction)
            event.accept()
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        if self._target(event) is not None:
            event.setDropAction(Qt.DropAction.LinkAction)
            event.accept()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:  # noqa: N802
        found = self._target(event)
        if found is None:
            event.ignore()
            return
        event.setDropAction(Qt.DropAction.LinkAction)
        event.accept()
        self.merge_dropped.emit(*found)


class ActorsView(QWidget):
    claims_of_actor_requested = Signal(str)  # actor name
    timeline_of_actor_requested = Signal(str)  # actor name: who said what, when

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.lib, self.jobs = ctx.lib, ctx.jobs
        self.active_dialog: QWidget | None = None
        self.filter_text = QLineEdit(self)
        self.filter_text.setMaxLength(MAX_SEARCH_CHARS)  # longer is refused by the services
        self.filter_text.setPlaceholderText("Filter actors (name, role, affiliation, alias)")
        self.filter_text.setClearButtonEnabled(True)
        self.model = ActorTableModel(ctx.lib, ctx.jobs, self)
        self.table = ActorTableView(self)
        self.table.setObjectName("actorsTable")
        configure_table(self.table, self.model)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self._activated)
        self.table.merge_dropped.connect(self.merge)
        self.table.setToolTip(
            "Enter: this actor's claims; Ctrl+T: their timeline; F2: edit; Ctrl+M or drag onto another actor: "
            "merge into them; Delete: delete an actor without claims"
        )
        self._build_actions()
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu)
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
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._update_actions())
        self._update_actions()

    def _build_actions(self) -> None:
        def action(text: str, slot, shortcut=None) -> QAction:
            a = QAction(text, self.table)
            if shortcut is not None:
                a.setShortcut(QKeySequence(shortcut))
                a.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            a.triggered.connect(slot)
            self.table.addAction(a)
            return a

        self.claims_action = action("Show &claims", self._claims)
        self.timeline_action = action("Show this actor's &timeline", self._timeline, "Ctrl+T")
        self.edit_action = action("&Edit actor...", self.edit_current, "F2")
        self.merge_action = action("&Merge into...", self.merge_selected, "Ctrl+M")
        # Delete is the Claims page's too: the table handles the key itself (one QAction per shortcut)
        self.delete_action = action("&Delete actor\tDel", self.delete_current)
        self.table.delete_pressed.connect(self.delete_action.trigger)
        self.actor_actions = [
            self.claims_action,
            self.timeline_action,
            self.edit_action,
            self.merge_action,
            self.delete_action,
        ]

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        self.model.ensure_started()

    # --- the selection -------------------------------------------------------------------------------
    def current_actor(self):
        return self.table.currentIndex().data(RECORD_ROLE)

    def selected_actors(self) -> list:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        found = [self.model.record(r) for r in rows]
        actors = [a for a in found if a is not None]
        current = self.current_actor()
        if not actors and current is not None:
            actors = [current]
        return actors

    def _update_actions(self) -> None:
        selected = self.selected_actors()
        one = len(selected) == 1
        for a in (self.claims_action, self.timeline_action, self.edit_action, self.delete_action):
            a.setEnabled(one)
        self.merge_action.setEnabled(bool(selected))
        self.merge_action.setText(
            "&Merge into..." if len(selected) < 2 else f"&Merge {len(selected)} actors into..."
        )

    def _menu(self, pos) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        if not self.table.selectionModel().isRowSelected(index.row(), index.parent()):
            self.table.selectRow(index.row())
        self.table.setCurrentIndex(index)
        self._update_actions()
        menu = QMenu(self)
        menu.addActions(self.actor_actions[:2])
        menu.addSeparator()
        menu.addActions(self.actor_actions[2:])
        self.active_dialog = menu
        menu.popup(self.table.viewport().mapToGlobal(pos))

    # --- browsing ------------------------------------------------------------------------------------
    def _activated(self, index) -> None:
        actor = index.data(RECORD_ROLE)
        if actor is not None:
            self.claims_of_actor_requested.emit(actor.name)

    def _claims(self) -> None:
        actor = self.current_actor()
        if actor is not None:
            self.claims_of_actor_requested.emit(actor.name)

    def _timeline(self) -> None:
        actor = self.current_actor()
        if actor is not None:
            self.timeline_of_actor_requested.emit(actor.name)

    # --- fixing --------------------------------------------------------------------------------------
    def edit_current(self) -> None:
        actor = self.current_actor()
        if actor is None:
            return
        before = {
            "name": actor.name,
            "role": actor.role,
            "affiliation": actor.affiliation,
            "aliases": list(actor.aliases),
        }

        def submit(values: dict, done, failed) -> None:
            cmd = EditActorCommand(
                self.lib,
                self.jobs,
                actor_id=actor.id,
                before=before,
                after=values,
                on_error=self.ctx.report_error,
            )
            if not cmd.after:
                done()
                return
            run_command(
                self.ctx.undo_stack,
                cmd,
                on_done=lambda _r: (done(), self.ctx.show_message(f"Actor a{actor.id} updated.")),
                on_error=failed,
            )

        dlg = ActorDialog(actor, submit=submit, parent=self)
        dlg.finished.connect(dlg.deleteLater)
        self.active_dialog = dlg
        dlg.open()

    def merge_selected(self) -> None:
        merging = self.selected_actors()
        if not merging:
            return
        dlg = MergeActorsDialog(self.lib, self.jobs, merging, parent=self)
        self.active_dialog = dlg

        def finished(result: int) -> None:
            chosen = dlg.chosen_id()
            dlg.deleteLater()
            if result and chosen is not None:
                self.merge([a.id for a in merging], chosen)

        dlg.finished.connect(finished)
        dlg.open()

    def merge(self, actor_ids: list[int], into: int) -> None:
        """Merge ``actor_ids`` into ``into`` (undoable): their claims move, their names become aliases."""
        ids = [i for i in dict.fromkeys(actor_ids) if i != into]
        if not ids:
            return
        names = {a.id: a.name for a in (self.model.record(r) for r in range(self.model.rowCount())) if a}
        label = ", ".join(names.get(i, f"a{i}") for i in ids[:3]) + ("..." if len(ids) > 3 else "")
        cmd = MergeActorsCommand(
            self.lib, self.jobs, actor_ids=ids, into=into, names=label, on_error=self.ctx.report_error
        )

        def done(changes) -> None:
            moved = sum(len(ch.extra.get("claim_ids", [])) for ch in changes)
            kept = changes[-1].after
            self.ctx.show_message(
                f"Merged {label} into {kept.name}: {counted(moved, 'claim')} moved (Ctrl+Z to undo)."
            )
            QTimer.singleShot(0, lambda: self.select_id(kept.id))

        run_command(self.ctx.undo_stack, cmd, on_done=done)

    def delete_current(self) -> None:
        actor = self.current_actor()
        if actor is None:
            return
        cmd = DeleteActorCommand(self.lib, self.jobs, actor_id=actor.id, on_error=self.ctx.report_error)
        run_command(
            self.ctx.undo_stack,
            cmd,
            on_done=lambda _r: self.ctx.show_message(f"Actor {actor.name} deleted (Ctrl+Z to undo)."),
        )

    def select_id(self, actor_id: int) -> None:
        row = self.model.row_of(actor_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def _library_changed(self, changes: tuple[Change, ...]) -> None:
        changed = any(
            ch.entity is Entity.ACTOR
            or (ch.entity is Entity.CLAIM and ch.action is not Action.UPDATED)
            or (
                ch.entity is Entity.CLAIM
                and ch.before is not None
                and ch.after is not None
                and ch.before.actor_id != ch.after.actor_id
            )
            for ch in changes
        )
        if changed and self.model._started:
            self.model.refresh()
