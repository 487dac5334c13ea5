"""Claims and denials side by side: the list, the links pane, linking by drag and by menu, unlink, edit and
delete, each undone and redone."""

from __future__ import annotations

import warnings

import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QToolButton

from app.domain_lists import ClaimFilter
from ui.claim_choice_dialog import ClaimChoiceDialog
from ui.claim_dialog import ClaimDialog
from ui.claim_mime import CLAIM_IDS_MIME, claim_ids_from_mime
from ui.main_window import MainWindow
from ui.settings import Settings


@pytest.fixture
def window(qtbot, demo_lib):
    w = MainWindow(demo_lib, Settings.load())
    qtbot.addWidget(w)
    w.show()
    w.go_to("claims")
    return w


def unlinked_pair(lib):
    """Two claims with no link between them."""
    claims = lib.claims.list(limit=100).items
    for a in claims:
        linked = {
            lc.claim.id
            for g in ("denials", "corroborations", "qualifications", "denies", "corroborates", "qualifies")
            for lc in getattr(lib.claims.with_links(a.id), g)
        }
        for b in claims:
            if b.id != a.id and b.id not in linked:
                return a, b
    raise AssertionError("no unlinked pair")


def drop_on(widget, mime) -> None:
    pos = QPointF(widget.width() / 2, widget.height() / 2)
    with warnings.catch_warnings():  # PySide6 marks QDragEnterEvent's only constructor deprecated
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(
            pos.toPoint(),
            Qt.DropAction.LinkAction | Qt.DropAction.CopyAction,
            mime,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
    QApplication.sendEvent(widget, enter)
    assert enter.isAccepted()
    drop = QDropEvent(
        pos,
        Qt.DropAction.LinkAction | Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
        QEvent.Type.Drop,
    )
    QApplication.sendEvent(widget, drop)


def test_list_shows_claims_with_actor_date_grade_and_contested_badge(window, demo_lib):
    model = window.claims.model
    assert model.rowCount() == demo_lib.claims.count()
    contested = demo_lib.claims.list(ClaimFilter(contested=True), limit=1).items[0]
    row = model.row_of(contested.id)
    assert model.index(row, 3).data() == f"Contested {contested.denial_count}"
    assert model.index(row, 2).data() == contested.grade
    assert model.index(row, 0).data() == contested.actor_name
    window.claims.contested_filter.setChecked(True)
    assert model.rowCount() == demo_lib.claims.count(ClaimFilter(contested=True))
    assert window.claims.count_label.text().startswith(str(model.rowCount()))


def test_filters_by_status_tag_actor_and_source(window, demo_lib):
    view = window.claims
    tag = demo_lib.claims.tags()[0]
    view.tag_filter.setCurrentIndex(view.tag_filter.findData(tag))
    assert view.model.rowCount() == demo_lib.claims.count(ClaimFilter(tag=tag))
    view.clear_filters()
    view.status_filter.setCurrentIndex(view.status_filter.findData("disputed"))
    assert all(view.model.record(r).status.value == "disputed" for r in range(view.model.rowCount()))
    view.clear_filters()
    some = demo_lib.claims.list(limit=1).items[0]
    view.set_source_filter((some.source_id, some.source_title))
    assert view.model.rowCount() == len(demo_lib.claims.for_source(some.source_id))
    view.clear_filters()
    view.set_actor_filter(some.actor_name)
    assert all(view.model.record(r).actor_name == some.actor_name for r in range(view.model.rowCount()))


def test_selecting_a_claim_shows_its_denials_and_corroborations(window, demo_lib):
    contested = demo_lib.claims.list(ClaimFilter(contested=True), limit=1).items[0]
    window.claims.show_claim(contested.id, select=True)
    links = window.claims.links
    expected = demo_lib.claims.with_links(contested.id)
    assert links.claim_id() == contested.id
    denials = links.zones["denials"]
    assert denials.cards.count() == len(expected.denials) > 0
    card = denials.cards.itemAt(0).widget()
    text = card.text.text()
    first = expected.denials[0].claim
    assert first.grade in text and first.said.isoformat() in text
    assert first.quote.replace("'", "&#x27;")[:20] in text or first.quote[:20] in text
    assert links.zones["corroborations"].cards.count() == len(expected.corroborations)
    assert window.claims.table.currentIndex().row() == window.claims.model.row_of(contested.id)


def test_link_by_drag_onto_the_denials_zone_with_undo_and_redo(window, demo_lib):
    a, b = unlinked_pair(demo_lib)
    view = window.claims
    view.show_claim(a.id, select=True)
    row = view.model.row_of(b.id)
    mime = view.model.mimeData([view.model.index(row, 0)])
    assert claim_ids_from_mime(mime) == [b.id] and mime.hasFormat(CLAIM_IDS_MIME)
    drop_on(view.links.zones["denials"], mime)
    assert [lc.claim.id for lc in demo_lib.claims.with_links(a.id).denials if lc.claim.id == b.id] == [b.id]
    assert any(
        view.links.zones["denials"].cards.itemAt(i).widget().claim.id == b.id
        for i in range(view.links.zones["denials"].cards.count())
    )
    assert view.model.record(view.model.row_of(a.id)).denial_count == a.denial_count + 1
    window.undo_action.trigger()
    assert b.id not in {lc.claim.id for lc in demo_lib.claims.with_links(a.id).denials}
    assert view.model.record(view.model.row_of(a.id)).denial_count == a.denial_count
    window.redo_action.trigger()
    assert b.id in {lc.claim.id for lc in demo_lib.claims.with_links(a.id).denials}


def test_drop_on_corroborations_links_as_corroboration(window, demo_lib):
    a, b = unlinked_pair(demo_lib)
    window.claims.show_claim(a.id, select=True)
    drop_on(
        window.claims.links.zones["corroborations"],
        window.claims.model.mimeData([window.claims.model.index(window.claims.model.row_of(b.id), 0)]),
    )
    assert b.id in {lc.claim.id for lc in demo_lib.claims.with_links(a.id).corroborations}


def test_link_by_menu_with_undo(window, demo_lib):
    a, b = unlinked_pair(demo_lib)
    view = window.claims
    view.show_claim(a.id, select=True)
    view.add_denial_action.trigger()
    dlg = view.active_dialog
    assert isinstance(dlg, ClaimChoiceDialog)
    ids = [dlg.results.item(i).data(Qt.ItemDataRole.UserRole) for i in range(dlg.results.count())]
    assert a.id not in ids, "a claim cannot deny itself"
    dlg.results.setCurrentRow(ids.index(b.id))
    dlg.accept()
    assert b.id in {lc.claim.id for lc in demo_lib.claims.with_links(a.id).denials}
    window.undo_action.trigger()
    assert b.id not in {lc.claim.id for lc in demo_lib.claims.with_links(a.id).denials}


def test_refused_link_is_reported_and_not_pushed(window, demo_lib, monkeypatch):
    contested = demo_lib.claims.list(ClaimFilter(contested=True), limit=1).items[0]
    denier = demo_lib.claims.with_links(contested.id).denials[0].claim
    errors = []
    monkeypatch.setattr(window, "report_error", errors.append)
    window.ctx.report_error = errors.append
    window.claims.link(denier.id, "denies", contested.id)
    assert len(errors) == 1 and "already" in str(errors[0])
    assert window.undo_stack.count() == 0


def test_unlink_with_undo_restores_the_same_link(window, demo_lib):
    contested = demo_lib.claims.list(ClaimFilter(contested=True), limit=1).items[0]
    window.claims.show_claim(contested.id, select=True)
    card = window.claims.links.zones["denials"].cards.itemAt(0).widget()
    link_id = card.link.id
    unlink = next(b for b in card.findChildren(QToolButton) if b.text() == "Unlink")
    unlink.click()
    assert link_id not in {lc.link.id for lc in demo_lib.claims.with_links(contested.id).denials}
    window.undo_action.trigger()
    assert link_id in {lc.link.id for lc in demo_lib.claims.with_links(contested.id).denials}


def test_edit_claim_with_undo(window, demo_lib):
    c = demo_lib.claims.list(limit=1).items[0]
    window.claims.show_claim(c.id, select=True)
    window.claims.edit_action.trigger()
    dlg = window.claims.active_dialog
    assert isinstance(dlg, ClaimDialog)
    assert dlg.statement.toPlainText() == c.statement
    dlg.statement.setPlainText("Edited statement")
    dlg.status.setCurrentIndex(dlg.status.findData("retracted"))
    dlg.accept()
    got = demo_lib.claims.get(c.id)
    assert (got.statement, got.status.value) == ("Edited statement", "retracted")
    assert window.claims.model.record(window.claims.model.row_of(c.id)).statement == "Edited statement"
    window.undo_action.trigger()
    got = demo_lib.claims.get(c.id)
    assert (got.statement, got.status) == (c.statement, c.status)
    window.redo_action.trigger()
    assert demo_lib.claims.get(c.id).statement == "Edited statement"


def test_delete_claim_with_undo_brings_back_its_links(window, demo_lib):
    contested = demo_lib.claims.list(ClaimFilter(contested=True), limit=1).items[0]
    n_denials = len(demo_lib.claims.with_links(contested.id).denials)
    before = demo_lib.counts()
    window.claims.show_claim(contested.id, select=True)
    window.claims.delete_action.trigger()
    assert demo_lib.counts()["claims"] == before["claims"] - 1
    assert window.claims.model.row_of(contested.id) == -1
    window.undo_action.trigger()
    assert demo_lib.counts() == before
    assert len(demo_lib.claims.with_links(contested.id).denials) == n_denials
    assert window.claims.model.row_of(contested.id) >= 0


def test_show_in_source_opens_the_reader_at_the_quote(window, demo_lib):
    c = demo_lib.claims.list(limit=1).items[0]
    window.claims.show_claim(c.id, select=True)
    window.claims.show_in_source_action.trigger()
    assert window.current_page() == "sources"
    reader = window.sources.reader
    assert reader.source.id == c.source_id
    assert reader.selected_claim_id == c.id
    cur = reader.textCursor()
    assert reader._map.to_py(cur.position()) in range(c.span_start, c.span_end + 1)


def test_edit_claim_actor_to_a_known_actor_takes_their_role_and_affiliation(window, demo_lib):
    """Naming another known actor in the claim dialog attributes the claim to that actor (not to a new actor
    with the old one's affiliation); undo gives it back."""
    lib = demo_lib
    c = next(x for x in lib.claims.list(limit=100).items if x.actor_id is not None)
    other = next(
        a
        for a in lib.actors.list(limit=500).items
        if a.id != c.actor_id and a.affiliation != c.actor_affiliation
    )
    actors_before = lib.counts()["actors"]
    window.claims.show_claim(c.id, select=True)
    window.claims.edit_action.trigger()
    dlg = window.claims.active_dialog
    assert other.name in dlg.actor.completer().model().stringList()
    dlg.actor.setText(other.name.upper())
    dlg.actor.editingFinished.emit()
    assert (dlg.actor.text(), dlg.role.text(), dlg.affiliation.text()) == (
        other.name,
        other.role,
        other.affiliation,
    )
    dlg.accept()
    assert lib.claims.get(c.id).actor_id == other.id
    assert lib.counts()["actors"] == actors_before
    window.undo_action.trigger()
    assert lib.claims.get(c.id).actor_id == c.actor_id


def test_a_claim_payload_reads_back_its_ids_and_nothing_else(qtbot):
    from PySide6.QtCore import QMimeData

    from ui.claim_mime import claim_ids_mime

    mime = claim_ids_mime([3, 17])
    assert claim_ids_from_mime(mime) == [3, 17] and mime.text() == "[@c3; @c17]"
    odd = QMimeData()
    odd.setData(CLAIM_IDS_MIME, "4, x, \u00b2, 9;12".encode())
    assert claim_ids_from_mime(odd) == [4, 9, 12]
    plain = QMimeData()
    plain.setText("[@c3]")
    assert claim_ids_from_mime(plain) == []
