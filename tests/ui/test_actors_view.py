"""The Actors page fixes drafting's wrong actors: edit, merge by dialog or by drag, delete; each undone."""

from __future__ import annotations

import warnings

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMenu

from app.domain_lists import ClaimFilter
from ui.actor_dialogs import ActorDialog, MergeActorsDialog
from ui.actor_table_model import actor_ids_mime
from ui.main_window import MainWindow
from ui.settings import Settings


@pytest.fixture
def window(qtbot, demo_lib):
    w = MainWindow(demo_lib, Settings.load())
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.show()
    w.go_to("actors")
    return w


@pytest.fixture
def errors(window):
    seen: list[BaseException] = []
    window.ctx.report_error = seen.append
    window.actors.ctx.report_error = seen.append
    return seen


def row_of(view, name: str) -> int:
    for r in range(view.model.rowCount()):
        if view.model.record(r).name == name:
            return r
    raise AssertionError(f"{name} not listed")


def select(view, name: str) -> None:
    view.table.selectRow(row_of(view, name))


def spoken(lib) -> tuple:
    """Two actors with claims, the one with more claims first."""
    actors = sorted(
        (a for a in lib.actors.list(limit=500).items if a.claim_count), key=lambda a: -a.claim_count
    )
    return actors[0], actors[1]


def test_edit_actor_in_the_dialog_then_undo(window, demo_lib, qtbot):
    view = window.actors
    keep, _ = spoken(demo_lib)
    select(view, keep.name)
    view.edit_action.trigger()
    dlg = view.active_dialog
    assert isinstance(dlg, ActorDialog) and dlg.name.text() == keep.name
    dlg.role.setText("Deputy spokesperson")
    dlg.aliases.setText("The deputy; D. Spokes")
    dlg.accept()
    after = demo_lib.actors.get(keep.id)
    assert after.role == "Deputy spokesperson" and after.aliases == ("The deputy", "D. Spokes")
    assert view.model.record(row_of(view, keep.name)).role == "Deputy spokesperson"
    window.undo_stack.undo()
    assert demo_lib.actors.get(keep.id).role == keep.role
    assert demo_lib.actors.get(keep.id).aliases == keep.aliases


def test_edit_refused_keeps_the_dialog_open_with_the_message(window, demo_lib):
    view = window.actors
    a, b = spoken(demo_lib)
    select(view, b.name)
    view.edit_action.trigger()
    dlg = view.active_dialog
    dlg.name.setText(a.name)
    dlg.affiliation.setText(a.affiliation)
    dlg.accept()
    assert dlg.isVisible() and dlg.error.isVisible()
    assert "already named" in dlg.error.text()
    assert demo_lib.actors.get(b.id).name == b.name


def test_merge_by_dialog_moves_claims_and_names_then_undo_and_redo(window, demo_lib):
    view = window.actors
    keep, other = spoken(demo_lib)
    select(view, other.name)
    view.merge_action.trigger()
    dlg = view.active_dialog
    assert isinstance(dlg, MergeActorsDialog)
    assert other.name in dlg.prompt.text() and f"{other.claim_count} claim" in dlg.prompt.text()
    listed = [dlg.results.item(i).data(Qt.ItemDataRole.UserRole) for i in range(dlg.results.count())]
    assert other.id not in listed and keep.id in listed
    # long lines end in "..." with the whole line as tooltip: the list never scrolls sideways
    first = dlg.results.item(0)
    assert first.toolTip() == first.text() and f"a{listed[0]}  " in first.text()
    assert dlg.results.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    dlg.results.setCurrentRow(listed.index(keep.id))
    dlg.accept()
    merged = demo_lib.actors.get(keep.id)
    assert merged.claim_count == keep.claim_count + other.claim_count
    assert other.name in merged.aliases
    names = [view.model.record(r).name for r in range(view.model.rowCount())]
    assert other.name not in names
    assert "Merged" in window.statusBar().currentMessage()
    assert window.undo_stack.undoText().startswith("Merge")

    window.undo_stack.undo()
    back = demo_lib.actors.get(other.id)
    assert back.claim_count == other.claim_count and back.name == other.name
    assert demo_lib.actors.get(keep.id).aliases == keep.aliases
    assert other.name in [view.model.record(r).name for r in range(view.model.rowCount())]
    window.undo_stack.redo()
    assert demo_lib.actors.get(keep.id).claim_count == keep.claim_count + other.claim_count


def _drag(view, ids: list[int], target_row: int) -> None:
    table = view.table
    rect = table.visualRect(view.model.index(target_row, 0))
    pos = QPointF(rect.center())
    mime = actor_ids_mime(ids)
    actions = Qt.DropAction.LinkAction
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(
            pos.toPoint(), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        )
        QApplication.sendEvent(table.viewport(), enter)
        assert enter.isAccepted()
        move = QDragMoveEvent(
            pos.toPoint(), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        )
        QApplication.sendEvent(table.viewport(), move)
    drop = QDropEvent(
        pos, actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QEvent.Type.Drop
    )
    QApplication.sendEvent(table.viewport(), drop)


def test_drag_an_actor_onto_another_merges_it(window, demo_lib):
    view = window.actors
    keep, other = spoken(demo_lib)
    assert view.model.mimeData([view.model.index(row_of(view, other.name), 0)]).hasFormat(
        "application/x-briefdesk-actor-ids"
    )
    _drag(view, [other.id], row_of(view, keep.name))
    assert demo_lib.actors.get(keep.id).claim_count == keep.claim_count + other.claim_count
    assert demo_lib.claims.count(ClaimFilter(actor_id=keep.id)) == keep.claim_count + other.claim_count
    window.undo_stack.undo()
    assert demo_lib.actors.get(other.id).claim_count == other.claim_count


def test_drop_on_itself_does_nothing(window, demo_lib):
    view = window.actors
    keep, _ = spoken(demo_lib)
    before = window.undo_stack.count()
    _drop_self = row_of(view, keep.name)
    table = view.table
    pos = QPointF(table.visualRect(view.model.index(_drop_self, 0)).center())
    drop = QDropEvent(
        pos,
        Qt.DropAction.LinkAction,
        actor_ids_mime([keep.id]),
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        QEvent.Type.Drop,
    )
    QApplication.sendEvent(table.viewport(), drop)
    assert window.undo_stack.count() == before
    assert demo_lib.actors.get(keep.id).claim_count == keep.claim_count


def test_delete_refused_while_the_actor_has_claims_then_allowed_and_undone(window, demo_lib, errors, qtbot):
    view = window.actors
    keep, _ = spoken(demo_lib)
    select(view, keep.name)
    view.delete_action.trigger()
    assert len(errors) == 1
    assert f"{keep.name} (a{keep.id}) cannot be deleted" in str(errors[0])
    assert f"{keep.claim_count} claims are attributed" in str(errors[0])
    assert demo_lib.actors.get(keep.id)

    lonely = demo_lib.actors.create(name="Nobody Yet", role="placeholder").after
    view.model.refresh()
    select(view, "Nobody Yet")
    view.table.setCurrentIndex(view.model.index(row_of(view, "Nobody Yet"), 0))
    qtbot.keyClick(view.table, Qt.Key.Key_Delete)  # the Delete key, as the menu says
    assert demo_lib.actors.find("Nobody Yet") is None
    assert "Nobody Yet" not in [view.model.record(r).name for r in range(view.model.rowCount())]
    window.undo_stack.undo()
    assert demo_lib.actors.get(lonely.id).name == "Nobody Yet"


def test_context_menu_offers_every_fix(window, demo_lib, monkeypatch):
    view = window.actors
    shown: list[QMenu] = []
    monkeypatch.setattr(QMenu, "popup", lambda self, _pos, _a=None: shown.append(self))
    rect = view.table.visualRect(view.model.index(1, 0))
    view._menu(rect.center())
    texts = [a.text() for a in shown[0].actions() if not a.isSeparator()]
    assert texts == [
        "Show &claims",
        "Show this actor's &timeline",
        "&Edit actor...",
        "&Merge into...",
        "&Delete actor\tDel",
    ]
    assert view.selected_actors()[0].id == view.model.record(1).id
    assert QPoint  # imported for the drag helpers


def test_merge_several_selected_into_one(window, demo_lib):
    view = window.actors
    keep, other = spoken(demo_lib)
    third = demo_lib.actors.create(name="Dana R.").after
    view.model.refresh()
    table = view.table
    sel = table.selectionModel()
    from PySide6.QtCore import QItemSelectionModel

    for name in (other.name, "Dana R."):
        sel.select(
            view.model.index(row_of(view, name), 0),
            QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows,
        )
    assert view.merge_action.text() == "&Merge 2 actors into..."
    view.merge_action.trigger()
    dlg = view.active_dialog
    listed = [dlg.results.item(i).data(Qt.ItemDataRole.UserRole) for i in range(dlg.results.count())]
    dlg.results.setCurrentRow(listed.index(keep.id))
    dlg.accept()
    merged = demo_lib.actors.get(keep.id)
    assert {other.name, "Dana R."} <= set(merged.aliases)
    window.undo_stack.undo()
    assert demo_lib.actors.get(third.id).name == "Dana R."
    assert demo_lib.actors.get(other.id).claim_count == other.claim_count
