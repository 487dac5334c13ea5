"""The structured-analysis panes: the ACH matrix (keyboard rating, colours, sorting, suggestions, undo through
the library), the key assumptions pane, the timeline page, and how the window reaches them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack

from app.analysis.model import AssumptionRating, Rating
from ui import theme
from ui.ach_pane import FIXED, SORT_ROLE, AchPane
from ui.assumptions_pane import AssumptionsPane
from ui.main_window import MainWindow
from ui.settings import Settings
from ui.timeline_view import TimelineView


@pytest.fixture
def brief(demo_lib):
    return demo_lib.briefs.list().items[0]


@pytest.fixture
def pane(qtbot, demo_lib, jobs, brief):
    p = AchPane(demo_lib, jobs, brief.id, QUndoStack())
    qtbot.addWidget(p)
    p.resize(900, 700)
    p.show()
    return p


def _cell(pane: AchPane, claim_id: int, hypothesis_id: int):
    source = pane.model.index(pane.model.row_of(claim_id), pane.model.column_of(hypothesis_id))
    return pane.proxy.mapFromSource(source)


def _focus(qtbot, pane: AchPane, claim_id: int, hypothesis_id: int) -> None:
    pane.table.setCurrentIndex(_cell(pane, claim_id, hypothesis_id))
    pane.table.setFocus()


def test_the_matrix_shows_the_demo_analysis_with_palette_colours(pane, demo_lib, brief):
    m = pane.matrix
    assert m is not None and len(m.hypotheses) == 3 and len(m.rows) == 13
    headers = [pane.model.headerData(c, Qt.Orientation.Horizontal) for c in range(pane.model.columnCount())]
    assert headers == [*FIXED, "H1", "H2", "H3", "Diagnostic"]
    assert "<b>1. H1</b>" in pane.ranking.text() and pane.ranking.text().index(
        "H1"
    ) < pane.ranking.text().index("H3")
    h1, h2, _h3 = (h.id for h in m.hypotheses)
    dates = next(r for r in m.rows if r.grade == "B2" and r.ratings.get(h2) is Rating.II)
    red = pane.model.data(
        pane.model.index(pane.model.row_of(dates.claim_id), pane.model.column_of(h2)),
        Qt.ItemDataRole.BackgroundRole,
    )
    green = pane.model.data(
        pane.model.index(pane.model.row_of(dates.claim_id), pane.model.column_of(h1)),
        Qt.ItemDataRole.BackgroundRole,
    )
    assert (
        red.rgb() == theme.colors().denial_accent.rgb()
        and green.rgb() == theme.colors().corroboration_accent.rgb()
    )
    idle = next(r for r in m.rows if not r.diagnostic)
    text_colour = pane.model.data(
        pane.model.index(pane.model.row_of(idle.claim_id), 0), Qt.ItemDataRole.ForegroundRole
    )
    assert text_colour == theme.colors().muted_text  # non-diagnostic claims are greyed
    assert pane.model.data(pane.model.index(pane.model.row_of(idle.claim_id), len(FIXED) + 3)) == "no"
    assert "Sensitivity:" in pane.sensitivity.text() and "would not change" in pane.sensitivity.text()


def test_rating_from_the_keyboard_and_undo_through_the_library(qtbot, pane, demo_lib, brief, monkeypatch):
    import ui.ach_pane

    # "again at once" is within DOUBLE_TAP_S of the first press; a loaded test machine can take longer than a
    # person between two key clicks, so the window is widened here (the slow case is tested below)
    monkeypatch.setattr(ui.ach_pane, "DOUBLE_TAP_S", 60.0)
    m = pane.matrix
    h1 = m.hypotheses[0].id
    claim = m.rows[1].claim_id  # rated N in the demo
    _focus(qtbot, pane, claim, h1)
    qtbot.keyClick(pane.table, Qt.Key.Key_I)
    assert demo_lib.ach.rating(h1, claim).rating is Rating.I
    qtbot.keyClick(pane.table, Qt.Key.Key_I)  # again at once: very inconsistent
    assert demo_lib.ach.rating(h1, claim).rating is Rating.II
    assert pane.table.currentIndex() == _cell(pane, claim, h1)  # the cell stays selected after the reload
    assert pane.model.data(pane.proxy.mapToSource(pane.table.currentIndex())) == "II"
    qtbot.keyClick(pane.table, Qt.Key.Key_2)  # 1-6: CC, C, N, I, II, NA
    assert demo_lib.ach.rating(h1, claim).rating is Rating.C
    qtbot.keyClick(pane.table, Qt.Key.Key_Delete)
    assert demo_lib.ach.rating(h1, claim) is None
    stack = pane.undo_stack
    assert stack.count() == 4
    stack.undo()
    assert demo_lib.ach.rating(h1, claim).rating is Rating.C
    stack.undo()
    stack.undo()
    assert demo_lib.ach.rating(h1, claim).rating is Rating.I
    stack.redo()
    assert demo_lib.ach.rating(h1, claim).rating is Rating.II
    # the pane follows the library's change notices after an undo or redo
    qtbot.waitUntil(lambda: pane.matrix.score_of(h1).inconsistent == m.score_of(h1).inconsistent + 1)
    assert pane.model.data(pane.proxy.mapToSource(_cell(pane, claim, h1))) == "II"


def test_a_suggestion_from_a_denial_is_shown_and_accepted_with_enter(qtbot, pane, demo_lib, brief):
    m = pane.matrix
    h1 = m.hypotheses[0].id
    # c7 (the spokesman's "baseless") denies c1, which is rated C against H1: add c7 to the matrix
    denial = next(c for c in demo_lib.claims.list(limit=100).items if "baseless" in c.statement)
    pane.add_claims([denial.id])
    assert pane.model.row_of(denial.id) is not None
    cell = _cell(pane, denial.id, h1)
    assert cell.data() == "I?" and cell.data(Qt.ItemDataRole.FontRole).italic()
    assert pane.suggestions.isVisible() and pane.suggestions.count() >= 1
    assert demo_lib.ach.rating(h1, denial.id) is None  # never set silently
    _focus(qtbot, pane, denial.id, h1)
    qtbot.keyClick(pane.table, Qt.Key.Key_Return)
    assert demo_lib.ach.rating(h1, denial.id).rating is Rating.I
    # from the list too
    item = pane.suggestions.item(0)
    s = item.data(Qt.ItemDataRole.UserRole)
    pane.suggestions.itemActivated.emit(item)
    assert demo_lib.ach.rating(s.hypothesis_id, s.claim_id).rating is s.rating


def test_hypotheses_and_claims_added_removed_and_undone(qtbot, pane, demo_lib, brief):
    qtbot.keyClicks(pane.new_hypothesis, "Russia bought the drones from a third country")
    qtbot.keyClick(pane.new_hypothesis, Qt.Key.Key_Return)
    assert [h.label for h in demo_lib.ach.hypotheses(brief.id)] == ["H1", "H2", "H3", "H4"]
    assert pane.new_hypothesis.text() == "" and pane.model.columnCount() == len(FIXED) + 4 + 1
    pane.undo_stack.undo()
    assert len(demo_lib.ach.hypotheses(brief.id)) == 3
    # a duplicate is refused in plain words and nothing is pushed
    before = pane.undo_stack.count()
    pane.new_hypothesis.setText(pane.matrix.hypotheses[0].text.upper())
    pane.add_hypothesis()
    assert "already has this hypothesis" in pane.status.text() and pane.undo_stack.count() == before
    # the cited claims not yet in the matrix
    assert pane.add_cited_button.text() == f"Add cited ({len(pane.matrix.candidates)})"
    pane.add_cited()
    assert pane.matrix.candidates == () and not pane.add_cited_button.isEnabled()
    # remove a rated claim, then undo: it comes back with its ratings
    row = pane.matrix.rows[0]
    pane.table.setCurrentIndex(_cell(pane, row.claim_id, pane.matrix.hypotheses[0].id))
    pane.remove_current_claim()
    assert pane.model.row_of(row.claim_id) is None
    pane.undo_stack.undo()
    assert demo_lib.ach.matrix(brief.id).rows[0].ratings == row.ratings
    # reword (F2 path without the dialog) and delete a hypothesis, then undo the delete
    h2 = pane.matrix.hypotheses[1]
    pane.reword_hypothesis(h2.id, "Iran sent only a handful of drones before the war")
    assert demo_lib.ach.hypothesis(h2.id).text.startswith("Iran sent only a handful")
    pane.tie_hypothesis(h2.id, 2)
    assert demo_lib.ach.hypothesis(h2.id).judgment == 2 and "stated by key judgment 2" in pane.status.text()
    pane.undo_stack.undo()
    assert demo_lib.ach.hypothesis(h2.id).judgment is None
    pane.table.setCurrentIndex(_cell(pane, row.claim_id, h2.id))
    pane.delete_current_hypothesis()
    assert len(demo_lib.ach.hypotheses(brief.id)) == 2 and len(pane.matrix.hypotheses) == 2
    assert "Undo brings it back" in pane.status.text()
    pane.undo_stack.undo()
    assert len(demo_lib.ach.hypotheses(brief.id)) == 3
    assert demo_lib.ach.rating(h2.id, row.claim_id).rating is row.ratings[h2.id]


def test_any_column_sorts_and_the_claim_column_restores_the_analysts_order(pane):
    h2 = pane.matrix.hypotheses[1].id
    col = pane.model.column_of(h2)
    pane.table.sortByColumn(col, Qt.SortOrder.AscendingOrder)
    ratings = [pane.proxy.index(r, col).data() for r in range(pane.proxy.rowCount())]
    order = {"CC": 0, "C": 1, "N": 2, "I": 3, "II": 4, "NA": 5}
    assert [order[r] for r in ratings] == sorted(order[r] for r in ratings)
    pane.table.sortByColumn(2, Qt.SortOrder.AscendingOrder)  # weight: heaviest first
    weights = [float(pane.proxy.index(r, 2).data().split()[0]) for r in range(pane.proxy.rowCount())]
    assert weights == sorted(weights, reverse=True)
    pane.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert [pane.proxy.index(r, 0).data(SORT_ROLE) for r in range(pane.proxy.rowCount())] == list(
        range(1, pane.proxy.rowCount() + 1)
    )


def test_assumptions_pane_adds_edits_deletes_with_undo(qtbot, demo_lib, jobs, brief):
    p = AssumptionsPane(demo_lib, jobs, brief.id, QUndoStack())
    qtbot.addWidget(p)
    p.show()
    assert p.table.rowCount() == 4 and "1 unsupported" in p.summary.text()
    assert p.table.item(3, 3).text() == "the whole brief" and p.table.item(0, 3).text() == "key judgment 1"
    p.set_judgments(["Iran supplied drones", "Tehran's account understated", "Training happened"])
    assert [p.underpins.itemData(i) for i in range(p.underpins.count())] == [None, 1, 2, 3]
    p.clear_form()
    p.text.setText("Ukrainian recovery teams logged every fragment they found")
    p.rating.setCurrentIndex(p.rating.findData("caveated"))
    p.underpins.setCurrentIndex(p.underpins.findData(1))
    p.why.setPlainText("The registry says so, but gives no audit.")
    p.add_button.click()
    added = demo_lib.assumptions.list(brief.id)[-1]
    assert added.text.startswith("Ukrainian recovery teams") and added.judgment == 1
    assert added.rating is AssumptionRating.CAVEATED and p.selected_id() == added.id
    p.rating.setCurrentIndex(p.rating.findData("unsupported"))
    p.update_button.click()
    assert demo_lib.assumptions.get(added.id).rating is AssumptionRating.UNSUPPORTED
    qtbot.keyClick(p.table, Qt.Key.Key_Delete)
    assert len(demo_lib.assumptions.list(brief.id)) == 4
    p.undo_stack.undo()  # the delete
    assert demo_lib.assumptions.get(added.id).rating is AssumptionRating.UNSUPPORTED
    p.undo_stack.undo()  # the update
    assert demo_lib.assumptions.get(added.id).rating is AssumptionRating.CAVEATED
    # an empty assumption is refused plainly, nothing pushed
    count = p.undo_stack.count()
    p.clear_form()
    p.add_button.click()
    assert "cannot be empty" in p.status.text() and p.undo_stack.count() == count
    # an assumption tied to a judgment the brief no longer has is flagged
    p.set_judgments(["Only one judgment now"])
    p.reload()
    flagged = [r for r in range(p.table.rowCount()) if p.table.item(r, 3).text() == "key judgment 3"]
    assert flagged and p.table.item(flagged[0], 3).foreground().color() == theme.colors().denial_accent


def test_timeline_page_for_an_actor_marks_position_changes_and_opens_claims(qtbot, demo_lib):
    from ui.context import UiContext
    from ui.jobs import Jobs

    ctx = UiContext(
        lib=demo_lib,
        jobs=Jobs(),
        undo_stack=QUndoStack(),
        settings=Settings.load(),
        report_error=lambda e: None,
    )
    view = TimelineView(ctx)
    qtbot.addWidget(view)
    view.show()
    assert view.tree.topLevelItemCount() == 32  # every claim of the demo
    view.set_filter(actor="Amir-Abdollahian")
    items = [view.tree.topLevelItem(i) for i in range(view.tree.topLevelItemCount())]
    assert len(items) == 4 and [i.text(0) for i in items] == sorted(i.text(0) for i in items)
    changed = [i for i in items if "position changed later" in i.text(4)]
    assert len(changed) == 1 and "1 denial" in changed[0].text(4)
    assert changed[0].background(0).color().rgb() == theme.colors().qualification_accent.rgb()
    assert any("changes position" in i.text(4) for i in items)
    children = [changed[0].child(n).text(1) for n in range(changed[0].childCount())]
    assert any(t.startswith("Denied by c") for t in children)
    assert "1 change of position" in view.status.text()
    with qtbot.waitSignal(view.claim_activated) as got:
        view.tree.itemActivated.emit(items[0], 0)
    assert got.args == [items[0].data(0, Qt.ItemDataRole.UserRole)]
    view.date_from.setText("2022-02-30")
    view.refresh()
    assert "not a valid" in view.status.text() and view.tree.topLevelItemCount() == 0
    # a claim without a date said is placed by its source's date and marked so
    demo_lib.claims.create(source_id=1, quote="Iran", actor="Later Reader")
    view.set_filter(actor="Later Reader")
    assert view.tree.topLevelItem(0).text(0).endswith("(published)")


def test_the_window_reaches_the_panes_and_the_timeline(qtbot, demo_lib, brief):
    w = MainWindow(demo_lib, Settings.load())
    qtbot.addWidget(w)
    w.show()
    w.show_analysis("ach")
    assert w.current_page() == "briefs" and "Open a brief first" in w.statusBar().currentMessage()
    w.briefs.open_brief(brief.id)
    editor = w.briefs.current_editor()
    narrow = editor.splitter.sizes()[0]
    w.ach_action.trigger()
    assert editor.side.currentWidget() is editor._ach_area and editor.splitter.sizes()[0] > narrow
    assert editor.ach.undo_stack is w.undo_stack  # the window's Undo undoes a rating
    w.assumptions_action.trigger()
    assert editor.side.currentWidget() is editor._assumptions_area
    assert editor.assumptions.underpins.count() == 1 + 3  # the brief's three key judgments
    editor.show_pane("outline")
    assert editor.splitter.sizes()[0] == narrow
    w.go_actions["timeline"].trigger()
    assert w.current_page() == "timeline" and w.timeline.tree.topLevelItemCount() == 32
    w.show_timeline(actor="Peskov")
    assert w.timeline.actor.currentText() == "Peskov" and w.timeline.tree.topLevelItemCount() == 2
    w.timeline.tree.itemActivated.emit(w.timeline.tree.topLevelItem(0), 0)
    assert w.current_page() == "claims"
    # from the Actors page: Ctrl+T on an actor
    w.go_to("actors")
    w.actors.model.ensure_started()
    w.actors.table.selectRow(0)
    w.actors.timeline_action.trigger()
    assert w.current_page() == "timeline" and w.timeline.actor.currentText()


def test_timeline_page_for_a_topic_a_date_window_and_more(qtbot, demo_lib, monkeypatch):
    """A tag is a topic: only its claims, in order; a date window narrows them; a page at a time."""
    import datetime as dt

    from ui import timeline_view
    from ui.context import UiContext
    from ui.jobs import Jobs

    ctx = UiContext(
        lib=demo_lib,
        jobs=Jobs(),
        undo_stack=QUndoStack(),
        settings=Settings.load(),
        report_error=lambda e: None,
    )
    view = TimelineView(ctx)
    qtbot.addWidget(view)
    view.show()
    tagged = [c for c in demo_lib.claims.list(limit=500).items if "denial" in c.tags]
    assert len(tagged) >= 3
    view.set_filter(tag="denial")
    shown = [view.tree.topLevelItem(i) for i in range(view.tree.topLevelItemCount())]
    ids = [i.data(0, Qt.ItemDataRole.UserRole) for i in shown]
    assert sorted(ids) == sorted(c.id for c in tagged)
    dates = [i.text(0)[:10] for i in shown]
    assert dates == sorted(dates) and f"{len(tagged)} of {len(tagged)} claims" in view.status.text()
    # the window from the first claim's date to the day before the last's leaves the last out
    last = dt.date.fromisoformat(dates[-1])
    view.date_from.setText(dates[0])
    view.date_to.setText((last - dt.timedelta(days=1)).isoformat())
    view.refresh()
    inside = [view.tree.topLevelItem(i).text(0)[:10] for i in range(view.tree.topLevelItemCount())]
    assert inside == [d for d in dates if d < dates[-1]] and len(inside) < len(dates)
    # the whole library, three claims a page: "More" reads the next page in order
    monkeypatch.setattr(timeline_view, "PAGE_SIZE", 3)
    view.set_filter()
    assert view.tree.topLevelItemCount() == 3 and view.more.isVisibleTo(view)
    view.more.click()
    assert view.tree.topLevelItemCount() == 6
    whole = demo_lib.timeline.build(limit=6).entries
    got = [view.tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) for i in range(6)]
    assert got == [e.claim.id for e in whole]
    assert f"6 of {demo_lib.timeline.build(limit=1).total} claims" in view.status.text()


def test_the_export_dialog_offers_the_analysis_annexes(qtbot, demo_lib, jobs, brief, tmp_path):
    """ACH and key assumptions are ticked by default, the timeline is not; what the analyst ticks is what the
    .docx carries (read back)."""
    import docx

    from ui.export_dialog import ExportDialog

    dlg = ExportDialog(demo_lib, jobs, brief.id, opener=lambda url: None)
    qtbot.addWidget(dlg)
    boxes = dlg.annex_boxes
    assert boxes["ach"].isChecked() and boxes["assumptions"].isChecked() and not boxes["timeline"].isChecked()
    assert "competing hypotheses" in boxes["ach"].text().lower()
    dlg.path_edit.setText(str(tmp_path / "analysis.docx"))
    boxes["ach"].setChecked(False)
    boxes["timeline"].setChecked(True)
    dlg.start_export()
    assert dlg.result is not None
    headings = [
        p.text for p in docx.Document(str(tmp_path / "analysis.docx")).paragraphs if "Annex " in p.text
    ]
    assert any(h.endswith("Key assumptions") for h in headings)
    assert any(h.endswith("Who said what, when") for h in headings)
    assert not any("competing hypotheses" in h for h in headings)


def test_every_column_but_the_claim_shows_its_whole_text(pane):
    """Columns are sized from the fonts (not by asking every cell): no rating, grade, weight or diagnostic
    is cut off, in the cells or the header."""
    header = pane.table.horizontalHeader()
    cells = pane.table.fontMetrics()
    model = pane.model
    for col in range(1, model.columnCount()):
        texts = [str(model.data(model.index(r, col)) or "") for r in range(model.rowCount())]
        texts.append(str(model.headerData(col, Qt.Orientation.Horizontal)))
        widest = max(cells.horizontalAdvance(t) for t in texts)
        assert header.sectionSize(col) >= widest + 6, (col, texts)
    assert header.sectionResizeMode(0) == header.ResizeMode.Stretch


def test_a_second_press_after_the_double_tap_window_is_a_plain_rating(
    qtbot, pane, demo_lib, brief, monkeypatch
):
    import ui.ach_pane

    monkeypatch.setattr(ui.ach_pane, "DOUBLE_TAP_S", 0.0)  # every second press is "later"
    m = pane.matrix
    h1 = m.hypotheses[0].id
    claim = m.rows[1].claim_id
    _focus(qtbot, pane, claim, h1)
    qtbot.keyClick(pane.table, Qt.Key.Key_I)
    qtbot.keyClick(pane.table, Qt.Key.Key_I)
    assert demo_lib.ach.rating(h1, claim).rating is Rating.I
