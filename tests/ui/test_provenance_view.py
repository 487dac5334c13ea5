"""The Provenance view (a claim's or a source's chain as a graph, keyboard navigable, each node opening its
source), corroboration marked 'not independent' in the side-by-side pane, and the Claims list's filter."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from app.library import Library
from ui.main_window import MainWindow
from ui.provenance_view import NodeItem, ProvenanceDialog
from ui.settings import Settings

WIRE = "KESSEL (Northwire) - \u201cThe last units left Varn at dawn,\u201d said ministry spokesman Ilse Marr."
DAILY = (
    "Troops have left Varn. \u201cThe last units left Varn at dawn,\u201d said ministry spokesman Ilse Marr."
)
TV = "Les derni\u00e8res unit\u00e9s ont quitt\u00e9 Varn \u00e0 l'aube, selon la porte-parole Ilse Marr."
FARM = "A farmer, Tomas Kell, said he saw tanks leave Varn at dawn on Tuesday."


@pytest.fixture
def lib(tmp_path):
    library = Library.open(tmp_path / "p.briefdesk")

    def src(title, body, outlet):
        return library.sources.create(title=title, body=body, outlet=outlet, kind="news", reliability="B").id

    wire, daily, tv, farm = (
        src("Troops leave Varn", WIRE, "Northwire"),
        src("Varn", DAILY, "Kessel Daily"),
        src("Varn (TV)", TV, "TV Sud"),
        src("Witness", FARM, "Varn Post"),
    )
    c = library.claims.create
    ids = {
        "wire": wire,
        "daily": daily,
        "tv": tv,
        "farm": farm,
        "c_wire": c(source_id=wire, quote="The last units left Varn at dawn", actor="Ilse Marr").id,
        "c_daily": c(source_id=daily, quote="The last units left Varn at dawn", actor="Ilse Marr").id,
        "c_tv": c(
            source_id=tv, quote="Les derni\u00e8res unit\u00e9s ont quitt\u00e9 Varn", actor="Ilse Marr"
        ).id,
        "c_farm": c(source_id=farm, quote="he saw tanks leave Varn at dawn", actor="Tomas Kell").id,
    }
    library.provenance.derive(daily, wire, "rewrites")
    library.provenance.derive(tv, daily, "translates")
    library.links.create(from_claim_id=ids["c_daily"], kind="corroborates", to_claim_id=ids["c_wire"])
    library.links.create(from_claim_id=ids["c_farm"], kind="corroborates", to_claim_id=ids["c_wire"])
    library.test_ids = ids
    yield library
    library.close()


@pytest.fixture
def window(qtbot, lib):
    w = MainWindow(lib, Settings.load())
    qtbot.addWidget(w)
    w.show()
    w.go_to("claims")
    return w


def notes(widget, name):
    return [lab.text() for lab in widget.findChildren(QLabel, name) if lab.isVisibleTo(widget)]


def test_side_by_side_marks_a_corroboration_that_shares_the_origin(window, lib, qtbot):
    ids = lib.test_ids
    window.claims.show_claim(ids["c_wire"], select=True)
    zone = window.claims.links.zones["corroborations"]
    qtbot.waitUntil(lambda: bool(notes(zone, "notIndependent")))  # cards are shown once the loop runs
    marked = notes(zone, "notIndependent")
    assert marked == [
        f"Not independent: both come down to c{ids['c_wire']} (Ilse Marr, Northwire): c{ids['c_daily']} "
        f"(Ilse Marr, Kessel Daily), rewritten from c{ids['c_wire']} (Ilse Marr, Northwire)"
    ]
    # the farmer's corroboration is independent: two cards, one marked
    assert len([c for c in zone.findChildren(QLabel) if c.objectName() == "notIndependent"]) == 1
    window.claims.show_claim(ids["c_daily"], select=True)
    assert "not independent" in window.claims.links.outgoing.text()


def test_claims_filter_single_origin_and_independently_corroborated(window, lib, qtbot):
    ids = lib.test_ids
    view = window.claims
    combo = view.corroboration_filter
    combo.setCurrentIndex(combo.findData("independent"))
    qtbot.waitUntil(lambda: view.model.rowCount() == 1)
    assert view.model.record(0).id == ids["c_wire"]
    combo.setCurrentIndex(combo.findData("single"))
    qtbot.waitUntil(lambda: view.model.rowCount() == 3)
    assert {view.model.record(r).id for r in range(3)} == {ids["c_daily"], ids["c_tv"], ids["c_farm"]}
    # a change to provenance is seen by the filter: the farmer turns out to repeat the wire story
    lib.links.delete(lib.links.find(ids["c_farm"], ids["c_wire"]).id)
    window.jobs.write(lambda: lib.provenance.derive(ids["farm"], ids["wire"], "cites"))
    combo.setCurrentIndex(combo.findData("independent"))
    qtbot.waitUntil(lambda: view.model.rowCount() == 0)


def test_provenance_view_of_a_claim_is_a_keyboard_navigable_graph(window, lib, qtbot):
    ids = lib.test_ids
    window.claims.show_claim(ids["c_tv"], select=True)
    window.claims.provenance_action.trigger()
    dlg = window.claims.active_dialog
    assert isinstance(dlg, ProvenanceDialog) and dlg.isVisible()
    assert dlg.summary.text() == (
        f"c{ids['c_tv']} is 2 hands from its origin: c{ids['c_wire']} Ilse Marr. 1 independent origin."
    )
    graph = dlg.graph
    nodes = {item.node.key: item for item in graph.scene().items() if isinstance(item, NodeItem)}
    assert set(nodes) == {f"c{ids['c_tv']}", f"c{ids['c_daily']}", f"c{ids['c_wire']}"}
    assert nodes[f"c{ids['c_wire']}"].node.origin
    assert nodes[f"c{ids['c_tv']}"].x() < nodes[f"c{ids['c_daily']}"].x() < nodes[f"c{ids['c_wire']}"].x()
    graph.setFocus()
    assert graph.current().key == f"c{ids['c_tv']}"
    qtbot.keyClick(graph, Qt.Key.Key_Right)
    assert graph.current().key == f"c{ids['c_daily']}"
    assert dlg.status.text().startswith(f"Claim c{ids['c_daily']} by Ilse Marr, in Kessel Daily.")
    qtbot.keyClick(graph, Qt.Key.Key_Right)
    assert graph.current().key == f"c{ids['c_wire']}" and "an origin" in dlg.status.text()
    qtbot.keyClick(graph, Qt.Key.Key_Left)
    assert graph.current().key == f"c{ids['c_daily']}"
    qtbot.keyClick(graph, Qt.Key.Key_Home)
    assert graph.current().key == f"c{ids['c_tv']}"
    qtbot.keyClick(graph, Qt.Key.Key_Right)
    qtbot.keyClick(graph, Qt.Key.Key_Return)  # opens the Kessel Daily story at the quote
    assert not dlg.isVisible()
    assert window.current_page() == "sources"
    assert window.sources.current_source.id == ids["daily"]
    assert window.sources.reader.selected_claim_id == ids["c_daily"]  # the quote, highlighted and scrolled to


def test_provenance_view_records_what_a_claim_is_reported_from_with_undo(window, lib, qtbot, monkeypatch):
    ids = lib.test_ids
    errors = []
    monkeypatch.setattr(window.ctx, "report_error", errors.append)
    window.claims.show_claim(ids["c_farm"], select=True)
    window.claims.show_provenance(ids["c_farm"])
    dlg = window.claims.active_dialog
    assert dlg.summary.text().endswith("is first hand: nothing recorded says it came from elsewhere.")
    assert dlg.reported_label.text() == "nothing: first hand"
    dlg.set_reported_from(None, origin_name="a village elder")
    assert dlg.reported_label.text() == "a village elder (no surviving original)"
    lost = [i.node for i in dlg.graph.scene().items() if isinstance(i, NodeItem) and i.node.kind == "lost"]
    assert [n.speaker for n in lost] == ["a village elder"] and lost[0].origin
    qtbot.waitUntil(lambda: bool(notes(window.claims.links, "reportedFrom")))
    assert notes(window.claims.links, "reportedFrom") == [
        "Reported from a village elder (no surviving original)"
    ]
    window.undo_stack.undo()
    assert dlg.reported_label.text() == "nothing: first hand"
    assert lib.provenance.report(ids["c_farm"]) is None
    window.undo_stack.redo()
    assert lib.provenance.report(ids["c_farm"]).origin_name == "a village elder"
    dlg.set_reported_from(ids["c_tv"])
    assert lib.provenance.report(ids["c_farm"]).reported_from_id == ids["c_tv"]
    assert dlg.reported_label.text() == f"c{ids['c_tv']}"
    dlg.set_reported_from(ids["c_farm"])  # itself: refused in plain words, nothing changes
    assert str(errors[-1]) == f"A claim cannot be reported from itself (c{ids['c_farm']})."
    assert lib.provenance.report(ids["c_farm"]).reported_from_id == ids["c_tv"]


def test_provenance_view_of_a_source_edits_its_derivations(window, lib, qtbot, monkeypatch):
    ids = lib.test_ids
    errors = []
    monkeypatch.setattr(window.ctx, "report_error", errors.append)
    window.go_to("sources")
    window.sources.open_source(ids["farm"])
    window.sources.provenance_action.trigger()
    dlg = window.sources.active_dialog
    assert dlg.windowTitle() == f"Provenance of s{ids['farm']}"
    assert dlg.derived_list.count() == 0
    dlg.kind_combo.setCurrentIndex(dlg.kind_combo.findData("quotes"))
    dlg.derive(ids["tv"], dlg.kind_combo.currentData())
    assert [dlg.derived_list.item(i).text().split("  (")[0] for i in range(dlg.derived_list.count())] == [
        f"quotes s{ids['tv']} TV Sud"
    ]
    keys = {i.node.key for i in dlg.graph.scene().items() if isinstance(i, NodeItem)}
    assert keys == {f"s{ids[k]}" for k in ("farm", "tv", "daily", "wire")}
    assert "traces back to " + f"s{ids['wire']}" in dlg.summary.text()
    dlg.derived_list.setCurrentRow(0)
    dlg.kind_combo.setCurrentIndex(dlg.kind_combo.findData("cites"))
    dlg.set_kind_button.click()
    assert dlg.derived_list.item(0).text().startswith(f"cites s{ids['tv']}")
    window.undo_stack.undo()
    assert dlg.derived_list.item(0).text().startswith(f"quotes s{ids['tv']}")
    dlg.derived_list.setCurrentRow(0)
    dlg.remove_derivation_button.click()
    assert dlg.derived_list.count() == 0
    # a loop is refused in plain words and changes nothing
    window.sources.open_source(ids["wire"])
    dlg2 = ProvenanceDialog(window.ctx, source_id=ids["wire"], parent=window)
    dlg2.derive(ids["tv"], "rewrites")
    assert errors and "cannot be derived from" in str(errors[-1])
    assert lib.provenance.derivations(ids["wire"]).derived_from == ()
    # Enter on a source node opens that source
    graph = dlg2.graph
    graph.setFocus()
    qtbot.keyClick(graph, Qt.Key.Key_Return)
    assert window.sources.current_source.id == ids["wire"]


def test_importing_a_page_that_credits_the_wire_offers_to_record_the_link(window, lib, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog, QPushButton

    ids = lib.test_ids
    page = tmp_path / "repost.txt"
    page.write_text(
        "Army leaves Varn\n\nKESSEL (Northwire) - \u201cThe last units left Varn at dawn,\u201d said ministry "
        "spokesman Ilse Marr.\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(page)], ""))
    window.import_action.trigger()
    runner = window.last_import
    new_id = runner.report.results[0].source_ids[0]
    text = runner.summary_box.text()
    assert (
        f"s{new_id} credits Northwire (dateline): it probably reposts s{ids['wire']} (Troops leave Varn)"
        in text
    )
    button = runner.summary_box.findChild(QPushButton, "recordDerivations")
    assert button.text() == "Record 1 derived-from link"
    button.click()
    (d,) = lib.provenance.derivations(new_id).derived_from
    assert (d.derived_from_id, d.kind.value) == (ids["wire"], "reposts")
