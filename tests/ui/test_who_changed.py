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
