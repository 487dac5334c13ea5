"""Sources page: the lazy table, the reader with highlighted claims, claims and denials from a selection,
editing a source's metadata and grade (undoable)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt

from app.domain_lists import SourceFilter
from ui.claim_choice_dialog import ClaimChoiceDialog
from ui.claim_dialog import ClaimDialog
from ui.main_window import MainWindow
from ui.paged_model import ID_ROLE
from ui.settings import Settings
from ui.source_dialog import SourceDialog
from ui.source_reader_view import OffsetMap


@pytest.fixture
def window(qtbot, demo_lib):
    w = MainWindow(demo_lib, Settings.load())
    qtbot.addWidget(w)
    w.show()
    w.go_to("sources")
    return w


def first_source_with_claims(lib):
    for s in lib.sources.list(limit=100).items:
        if s.claim_count >= 2:
            return lib.sources.get(s.id)
    raise AssertionError("demo has no source with claims")


def test_table_lists_sources_sorted_and_filtered_in_sql(window, demo_lib):
    model = window.sources.model
    assert model.rowCount() == demo_lib.sources.count()
    window.sources.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    titles = [model.record(r).title for r in range(model.rowCount())]
    expected = [s.title for s in demo_lib.sources.list(sort="title", descending=False).items]
    assert titles == expected
    window.sources.grade_filter.setCurrentIndex(window.sources.grade_filter.findData("B"))
    assert model.rowCount() == demo_lib.sources.count(SourceFilter(reliability="B"))
    assert all(model.record(r).reliability == "B" for r in range(model.rowCount()))


def test_selecting_a_source_shows_its_text_with_claims_highlighted(window, demo_lib):
    src = first_source_with_claims(demo_lib)
    window.sources.open_source(src.id)
    reader = window.sources.reader
    assert reader.toPlainText() == src.body
    claims = demo_lib.claims.for_source(src.id)
    assert len(reader.extraSelections()) == len(claims)
    first = claims[0]
    sel = reader.extraSelections()[[c.id for c in reader.claims].index(first.id)]
    assert sel.cursor.selectedText().replace("\u2029", "\n") == first.quote
    assert window.sources.claims_list.topLevelItemCount() == len(claims)


def test_clicking_a_highlight_selects_the_claim(window, demo_lib, qtbot):
    src = first_source_with_claims(demo_lib)
    window.sources.open_source(src.id)
    reader = window.sources.reader
    claim = reader.claims[-1]
    reader.show_span(claim.span_start, claim.span_start, select=False)
    cur = reader.textCursor()
    cur.setPosition(reader._map.to_doc(claim.span_start + 1))
    rect = reader.cursorRect(cur)
    qtbot.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton, pos=rect.center() + QPoint(2, 0))
    assert window.sources.selected_claim_id() == claim.id
    current = window.sources.claims_list.currentItem()
    assert current.data(0, Qt.ItemDataRole.UserRole) == claim.id


def _select(reader, words: str) -> tuple[int, int]:
    start = reader.body.index(words)
    reader.select_text(start, start + len(words))
    return start, start + len(words)


def test_claim_from_selection_creates_the_claim_in_the_library(window, demo_lib, qtbot):
    src = first_source_with_claims(demo_lib)
    window.sources.open_source(src.id)
    reader = window.sources.reader
    covered = {i for c in reader.claims for i in range(c.span_start, c.span_end)}
    words = next(w for w in src.body.split(". ") if len(w) > 30 and src.body.index(w) not in covered)[
        :40
    ].strip()
    start, end = _select(reader, words)
    assert window.sources.claim_action.isEnabled()
    before = demo_lib.counts()["claims"]
    window.sources.claim_action.trigger()
    dlg = window.sources.active_dialog
    assert isinstance(dlg, ClaimDialog)
    assert dlg.quote.toPlainText() == words
    assert dlg.actor.text(), "an actor is suggested"
    dlg.said.setText("2022-07-14")
    dlg.statement.setPlainText("A statement typed by the analyst.")
    dlg.credibility.setCurrentIndex(dlg.credibility.findData(3))
    dlg.tags.setText("drones, test tag")
    dlg.accept()
    assert demo_lib.counts()["claims"] == before + 1
    created = [
        c for c in demo_lib.claims.for_source(src.id) if c.statement == "A statement typed by the analyst."
    ]
    assert len(created) == 1
    c = created[0]
    assert (c.span_start, c.span_end, c.quote) == (start, end, words)
    assert c.said.isoformat() == "2022-07-14" and c.credibility == 3
    assert set(c.tags) == {"drones", "test tag"}
    assert c.id in {x.id for x in reader.claims}, "the new claim is highlighted"
    window.undo_action.trigger()
    assert demo_lib.counts()["claims"] == before
    window.redo_action.trigger()
    assert demo_lib.claims.get(c.id).quote == words


def test_claim_dialog_refusal_keeps_the_dialog_open_with_the_message(window, demo_lib):
    src = first_source_with_claims(demo_lib)
    window.sources.open_source(src.id)
    _select(window.sources.reader, src.body[:20].strip())
    window.sources.claim_action.trigger()
    dlg = window.sources.active_dialog
    dlg.said.setText("not a date")
    dlg.accept()
    assert dlg.isVisible()
    assert "date" in dlg.error.text()


def test_denial_from_selection_creates_and_links_the_claim(window, demo_lib):
    src = first_source_with_claims(demo_lib)
    other = next(c for c in demo_lib.claims.list(limit=100).items if c.source_id != src.id)
    window.sources.open_source(src.id)
    words = src.body[src.body.index(" ", 5) + 1 :][:30].strip()
    _select(window.sources.reader, words)
    window.sources.denial_action.trigger()
    picker = window.sources.active_dialog
    assert isinstance(picker, ClaimChoiceDialog)
    row = next(
        i
        for i in range(picker.results.count())
        if picker.results.item(i).data(Qt.ItemDataRole.UserRole) == other.id
    )
    picker.results.setCurrentRow(row)
    picker.accept()
    dlg = window.sources.active_dialog
    assert isinstance(dlg, ClaimDialog)
    assert f"c{other.id}" in dlg.heading.text()
    dlg.accept()
    denials = demo_lib.claims.with_links(other.id).denials
    new = [lc for lc in denials if lc.claim.quote == words]
    assert len(new) == 1 and new[0].claim.source_id == src.id


def test_editing_source_metadata_and_grade_is_undoable(window, demo_lib):
    src = first_source_with_claims(demo_lib)
    window.sources.open_source(src.id)
    window.sources.edit_source_action.trigger()
    dlg = window.sources.active_dialog
    assert isinstance(dlg, SourceDialog)
    dlg.title.setText("A new title")
    dlg.reliability.setCurrentIndex(dlg.reliability.findData("E"))
    dlg.accept()
    got = demo_lib.sources.get(src.id)
    assert (got.title, got.reliability) == ("A new title", "E")
    row = window.sources.model.row_of(src.id)
    assert window.sources.model.index(row, 0).data() == "A new title"
    assert "A new title" in window.sources.header.text()
    window.undo_action.trigger()
    got = demo_lib.sources.get(src.id)
    assert (got.title, got.reliability) == (src.title, src.reliability)


def test_offset_map_handles_characters_outside_the_bmp(qtbot, lib):
    body = "Emoji \U0001f600 first. Then \U0001f4a3 the quote here. End"
    m = OffsetMap(body)
    i = body.index("the quote")
    assert m.to_doc(i) == i + 2
    assert m.to_py(m.to_doc(i)) == i
    src = lib.sources.create(title="Emoji", body=body).after
    from ui.source_reader_view import SourceReaderView

    reader = SourceReaderView()
    qtbot.addWidget(reader)
    reader.set_source(src, [])
    reader.select_text(i, i + len("the quote"))
    assert reader.selected_quote() == "the quote"
    assert reader.selection_span() == (i, i + len("the quote"))


def test_table_row_selection_loads_the_reader(window, demo_lib):
    table = window.sources.table
    table.setCurrentIndex(window.sources.model.index(1, 0))
    sid = window.sources.model.index(1, 0).data(ID_ROLE)
    assert window.sources.current_source.id == sid


def test_claim_from_selection_suggests_the_speaker_the_text_names(window, demo_lib, qtbot):
    body = (
        "Officials met on Monday.\n\n"
        "The border will reopen within a week, Dana Reyes, the interior minister, said on Tuesday."
    )
    src = demo_lib.sources.create(title="Kessel note", body=body, published="2026-03-05").after
    window.sources.open_source(src.id)
    qtbot.waitUntil(
        lambda: window.sources.current_source is not None and window.sources.current_source.id == src.id
    )
    _select(window.sources.reader, "The border will reopen within a week")
    window.sources.claim_action.trigger()
    dlg = window.sources.active_dialog
    assert isinstance(dlg, ClaimDialog)
    assert (dlg.actor.text(), dlg.role.text()) == ("Dana Reyes", "interior minister")
