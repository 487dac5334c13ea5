"""Lazy item models (pages fetched as the view scrolls, sort and filter in SQL), the Actors and Briefs
pages, page switching by keyboard, palettes."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from app.domain_lists import ClaimFilter
from ui import theme
from ui.claim_table_model import ClaimTableModel
from ui.jobs import Jobs
from ui.main_window import MainWindow
from ui.paged_model import PagedTableModel
from ui.settings import Settings


@pytest.fixture(scope="module")
def paged_lib(module_library_target):
    """A library of 450 claims from one transcript, filled once per module and database: the tests below
    only read it."""
    from app.library import Library

    lib = Library.open(module_library_target)
    body = " ".join(f"Sentence number {i} was said by someone." for i in range(450))
    src = lib.sources.create(title="Long transcript", body=body).after
    with lib.transaction():  # one commit, not 450
        for i in range(450):
            lib.claims.create(
                source_id=src.id,
                quote=f"Sentence number {i} was said",
                actor=f"Speaker {i % 7}",
                said=f"2024-01-{1 + i % 28:02d}",
            )
    yield lib
    lib.close()


def test_claim_model_fetches_pages_lazily(qtbot, paged_lib, monkeypatch):
    lib = paged_lib
    monkeypatch.setattr(PagedTableModel, "PAGE", 200)
    calls = []
    original = lib.claims.list

    def counting(*a, **k):
        calls.append((k.get("offset"), k.get("limit"), k.get("with_total")))
        return original(*a, **k)

    monkeypatch.setattr(lib.claims, "list", counting)
    model = ClaimTableModel(lib, Jobs())
    assert model.rowCount() == 0 and not calls, "nothing is read before a view asks"
    model.ensure_started()
    # the first page only fills the view (rows appear sooner); scrolling fetches whole pages
    assert model.rowCount() == PagedTableModel.FIRST_PAGE == 60 and model.canFetchMore()
    model.fetchMore()
    model.fetchMore()
    assert model.rowCount() == 450 and not model.canFetchMore()
    assert calls == [(0, 60, False), (60, 200, False), (260, 200, False)], "no totals are counted"
    model.sort(1, Qt.SortOrder.AscendingOrder)
    assert model.rowCount() == 60
    dates = [model.record(r).said for r in range(model.rowCount())]
    assert dates == sorted(dates)
    model.set_filter(ClaimFilter(actor_name="Speaker 3"))
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == lib.claims.count(ClaimFilter(actor_name="Speaker 3"))


def test_stale_pages_are_dropped(qtbot, paged_lib):
    lib = paged_lib
    model = ClaimTableModel(lib, Jobs())
    model.ensure_started()
    gen = model._generation
    model.set_filter(ClaimFilter(actor_name="Speaker 1"))
    n = model.rowCount()
    model._page_arrived(gen, n, 200, [lib.claims.get(1)], replace=False)  # an answer to the old filter
    assert model.rowCount() == n


@pytest.fixture
def window(qtbot, demo_lib):
    w = MainWindow(demo_lib, Settings.load())
    qtbot.addWidget(w)
    w.show()
    return w


def test_pages_switch_by_keyboard(window, qtbot):
    for i, name in enumerate(("sources", "actors", "claims", "briefs")):
        window.go_actions[name].trigger()
        assert window.current_page() == name
        assert window.go_actions[name].shortcut().toString() == f"Ctrl+{i + 1}"


def test_actors_page_lists_actors_and_opens_their_claims(window, demo_lib):
    window.go_to("actors")
    model = window.actors.model
    assert model.rowCount() == demo_lib.counts()["actors"]
    row = next(r for r in range(model.rowCount()) if model.record(r).claim_count > 0)
    actor = model.record(row)
    window.actors.table.activated.emit(model.index(row, 0))
    assert window.current_page() == "claims"
    rows = window.claims.model.rowCount()
    assert rows == actor.claim_count
    window.actors.filter_text.setText(actor.name)
    window.actors.model.set_text(actor.name)
    assert model.record(0).name == actor.name


def test_briefs_page_opens_a_brief_in_a_tab_and_flushes_on_close(window, demo_lib):
    window.go_to("briefs")
    brief = demo_lib.briefs.list().items[0]
    model = window.briefs.model
    assert model.rowCount() == demo_lib.counts()["briefs"]
    # the first brief is selected (not opened), so Enter opens it
    assert window.briefs.table.currentIndex().row() == 0 and window.briefs.current_editor() is None
    window.briefs.table.setFocus()
    QTest.keyClick(window.briefs.table, Qt.Key.Key_Return)
    assert window.briefs.current_editor().brief_id == model.record(0).id
    window.briefs.close_tab(0)
    window.briefs.table.activated.emit(model.index(model.row_of(brief.id), 0))
    editor = window.briefs.current_editor()
    assert editor is not None and editor.brief_id == brief.id
    assert window.briefs.tabs.tabText(0).startswith(brief.title[:10])
    assert window.save_action.isEnabled()
    assert window.briefs.open_brief(brief.id) is editor, "a brief opens once"
    editor.editor.moveCursor(editor.editor.textCursor().MoveOperation.End)
    editor.editor.insertPlainText("\nAdded line.\n")
    window.briefs.close_tab(0)
    assert demo_lib.briefs.get(brief.id).body.endswith("Added line.\n")
    assert window.briefs.current_editor() is None
    assert not window.save_action.isEnabled()


def test_citation_click_in_a_brief_shows_the_claim_beside_its_denials(window, demo_lib):
    window.go_to("briefs")
    brief = demo_lib.briefs.list().items[0]
    editor = window.briefs.open_brief(brief.id)
    contested = demo_lib.claims.list(ClaimFilter(contested=True), limit=1).items[0]
    editor.claim_activated.emit(contested.id)
    assert window.current_page() == "claims"
    assert window.claims.shown_id() == contested.id
    assert window.claims.links.zones["denials"].cards.count() == contested.denial_count


def test_light_and_dark_palettes(qtbot):
    app = QApplication.instance()
    before = app.palette()
    try:
        dark = theme.apply(app, "dark")
        assert dark.dark and app.palette().color(app.palette().ColorRole.Window).lightness() < 80
        light = theme.apply(app, "light")
        assert not light.dark and app.palette().color(app.palette().ColorRole.Window).lightness() > 180
        assert theme.apply(app, "system").dark == theme.system_is_dark()
    finally:
        app.setPalette(before)


def test_the_brief_list_hides_and_comes_back_from_the_view_menu(window, qtbot):
    window.resize(1280, 800)
    window.go_to("briefs")
    briefs = window.briefs
    qtbot.waitUntil(lambda: briefs.split.sizes()[1] > 0)
    width = briefs.split.sizes()[0]
    assert width > 0 and window.brief_list_action.isChecked()
    window.brief_list_action.trigger()  # no brief open: the list is the page, it stays
    assert briefs.list_shown() and window.brief_list_action.isChecked()
    briefs.open_brief(briefs.model.record(0).id)
    window.brief_list_action.trigger()
    assert briefs.split.sizes()[0] == 0 and not briefs.list_shown()
    assert not window.brief_list_action.isChecked()
    window.brief_list_action.trigger()
    assert briefs.split.sizes()[0] == width and window.brief_list_action.isChecked()
    # dragging the list shut unticks the menu item
    briefs.split.setSizes([0, sum(briefs.split.sizes())])
    briefs.split.splitterMoved.emit(0, 1)
    assert not window.brief_list_action.isChecked()
    # closing the last brief brings the list back
    briefs.close_tab(0)
    assert briefs.list_shown() and window.brief_list_action.isChecked()


def test_page_shortcuts_put_the_keyboard_in_the_page(window, qtbot):
    window.show()
    window.activateWindow()
    window.open_page("claims")
    assert window.focusWidget() is window.claims.table
    window.open_page("briefs")
    assert window.focusWidget() is window.briefs.table
    editor = window.briefs.open_brief(window.briefs.model.record(0).id)
    window.open_page("sources")
    window.open_page("briefs")
    assert window.focusWidget() is editor.editor


def test_a_view_taller_than_the_first_page_fetches_until_it_is_full(qtbot, paged_lib):
    """The first page is small (FIRST_PAGE rows); a list taller than that asks for more at once, so no
    screen is left half empty."""
    from PySide6.QtWidgets import QTableView

    model = ClaimTableModel(paged_lib, Jobs())
    view = QTableView()
    qtbot.addWidget(view)
    view.verticalHeader().setDefaultSectionSize(20)
    view.resize(900, 2400)  # room for ~115 rows
    view.setModel(model)
    view.show()
    model.ensure_started()
    qtbot.waitUntil(lambda: model.rowCount() > PagedTableModel.FIRST_PAGE, timeout=3000)
    assert model.rowCount() == PagedTableModel.FIRST_PAGE + PagedTableModel.PAGE
