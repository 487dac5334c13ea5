"""Who made and who last changed a record, shown in the panes and the revision list."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from app.library import Library  # noqa: E402
from ui.jobs import Jobs  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.revisions_dialog import RevisionsDialog  # noqa: E402
from ui.settings import Settings  # noqa: E402


@pytest.fixture
def two_users(tmp_path):
    from app.demo import populate

    path = tmp_path / "team.briefdesk"
    alice = Library.open(path, user="alice")
    populate(alice)
    bob = Library.open(path, user="bob")
    yield alice, bob
    alice.close()
    bob.close()


def test_claim_pane_and_source_header_say_who_added_and_changed_it(qtbot, two_users):
    alice, bob = two_users
    claim = alice.claims.list(limit=1).items[0]
    bob.claims.update(claim.id, notes="checked")
    w = MainWindow(alice, Settings.load())
    qtbot.addWidget(w)
    w.show()
    w.go_to("claims")
    w.claims.show_claim(claim.id, select=True)
    text = w.claims.links._main_card.text.text()
    assert "Added by alice," in text and "changed by bob," in text and "version 2" in text
    w.go_to("sources")
    w.sources.open_source(claim.source_id)
    header = w.sources.header.text()
    assert "Added by alice," in header and "version 1" in header
    assert alice.sources.get(claim.source_id).uuid in w.sources.header.toolTip()


def test_revision_list_names_who_saved_each_revision(qtbot, two_users, monkeypatch):
    alice, bob = two_users
    monkeypatch.setattr(Jobs, "synchronous", True)
    bid = alice.briefs.create(title="B", body="Alice wrote this.\n").after.id
    bob.briefs.set_body(bid, "Bob changed it.\n")
    dlg = RevisionsDialog(alice, Jobs(), bid, "Bob changed it.\n")
    qtbot.addWidget(dlg)
    rows = [dlg.list.item(i).text() for i in range(dlg.list.count())]
    assert len(rows) == 2
    assert "by bob" in rows[0] and "by alice" in rows[1]


def test_who_changed_what_lists_changes_by_analyst_and_goes_to_the_record(qtbot, two_users, monkeypatch):
    from ui.activity_dialog import ActivityDialog

    monkeypatch.setattr(Jobs, "synchronous", True)
    alice, bob = two_users
    w = MainWindow(alice, Settings.load())
    qtbot.addWidget(w)
    w.watcher.stop()
    claim = alice.claims.list(limit=1).items[0]
    bob.claims.update(claim.id, notes="Bob checked the quote.")
    w.activity_action.trigger()
    dlg = w.activity_dialog
    assert isinstance(dlg, ActivityDialog) and dlg.isVisible()
    first = [dlg.table.item(0, c).text() for c in range(1, 4)]
    assert first[:2] == ["bob", "updated"] and first[2].startswith(f"claim c{claim.id}: ")
    assert [dlg.analyst.itemText(i) for i in range(dlg.analyst.count())] == ["Everyone", "alice", "bob"]
    dlg.analyst.setCurrentIndex(2)  # bob only
    assert dlg.table.rowCount() == 1 and dlg.status.text() == "1 change by bob"
    # another change by bob, picked up by the window's change watcher, appears in the open list
    src = alice.sources.list(limit=1).items[0]
    w.watcher.seq = alice.changes.latest()
    bob.sources.update(src.id, outlet="Bob's outlet")
    w.watcher.poll()
    qtbot.waitUntil(lambda: dlg.table.rowCount() == 2, timeout=5000)
    assert dlg.table.item(0, 3).text().startswith(f"source s{src.id}: ")
    # Show goes to the record in the main window
    dlg.select_row(1)
    assert dlg.show_button.isEnabled()
    dlg.show_button.click()
    assert w.current_page() == "claims"
    qtbot.waitUntil(lambda: w.claims.table.shown_id == claim.id, timeout=5000)
    dlg.select_row(0)
    dlg.show_selected()
    assert w.current_page() == "sources"
    qtbot.waitUntil(lambda: w.sources.current_source is not None, timeout=5000)
    assert w.sources.current_source.id == src.id
    # a deleted record cannot be shown: the list says who deleted it
    bob.claims.delete(claim.id)
    dlg.refresh()
    dlg.select_row(0)
    assert dlg.table.item(0, 2).text() == "deleted" and not dlg.show_button.isEnabled()
    dlg.show_selected()
    assert f"c{claim.id} was deleted by bob" in dlg.status.text()
    # an older entry about the record deleted since: Show says so in plain words and stays on the page
    page = w.current_page()
    row = next(
        r
        for r in range(dlg.table.rowCount())
        if dlg.table.item(r, 2).text() == "updated"
        and dlg.table.item(r, 3).text().startswith(f"claim c{claim.id}")
    )
    dlg.select_row(row)
    dlg.show_selected()
    assert dlg.status.text().startswith(f"The claim c{claim.id} was deleted by bob at ")
    assert w.current_page() == page
    assert w.show_activity() is dlg  # one window, shown again
