"""Several analysts on one library in the app: one editor of a brief's text at a time (the others read it,
see who holds it, follow their saves, may take over), other analysts' changes appearing in an open window,
and a library that goes away with unsaved text in the editor."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtWidgets import QMessageBox  # noqa: E402

from app.errors import LibraryUnavailableError  # noqa: E402
from app.library import Library  # noqa: E402
from ui.brief_editor import BriefEditor  # noqa: E402
from ui.change_watcher import ChangeWatcher  # noqa: E402
from ui.jobs import Jobs  # noqa: E402
from ui.main_window import MainWindow  # noqa: E402
from ui.settings import Settings  # noqa: E402


@pytest.fixture
def team(tmp_path):
    """Alice and Bob, each with the library open in their own window (one file, two open libraries)."""
    path = tmp_path / "team.briefdesk"
    alice = Library.open(path, user="alice")
    bob = Library.open(path, user="bob")
    bid = alice.briefs.create(title="Shared brief", body="First line.\n").after.id
    yield alice, bob, bid
    alice.close()
    bob.close()


def _editor(qtbot, lib, bid):
    jobs = Jobs()
    ed = BriefEditor(lib, jobs, bid)
    qtbot.addWidget(ed)
    return ed, jobs


def test_the_second_analyst_reads_the_brief_and_sees_who_is_editing_it(qtbot, team):
    alice, bob, bid = team
    mine, _ = _editor(qtbot, alice, bid)
    assert mine.lock_state == "mine" and not mine.editor.isReadOnly() and mine.banner.isHidden()
    theirs, bob_jobs = _editor(qtbot, bob, bid)
    assert theirs.lock_state == "held" and theirs.editor.isReadOnly()
    assert not theirs.banner.isHidden()
    assert "alice is editing this brief" in theirs.banner_label.text()
    assert not theirs.take_over_button.isHidden()
    # alice types and saves; bob's window follows on its next look at the change log
    mine.editor.setPlainText("First line.\n\nAlice's new paragraph.\n")
    mine.save()
    watcher = ChangeWatcher(bob, bob_jobs)
    watcher.seq = 0
    watcher.poll()
    assert theirs.body() == "First line.\n\nAlice's new paragraph.\n"
    assert not theirs.editor.document().isModified()
    # alice closes the brief: bob can edit it now
    mine.release_lock()
    watcher.poll()
    assert theirs.lock_state == "mine" and not theirs.editor.isReadOnly() and theirs.banner.isHidden()


def test_taking_over_stops_the_first_editor_and_keeps_its_unsaved_text(qtbot, team, monkeypatch, tmp_path):
    alice, bob, bid = team
    mine, _ = _editor(qtbot, alice, bid)
    theirs, _ = _editor(qtbot, bob, bid)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    theirs.take_over()
    assert theirs.lock_state == "mine" and not theirs.editor.isReadOnly()
    mine.editor.setPlainText("Alice typed this after bob took over.\n")
    mine.save()
    assert mine.lock_state == "lost" and mine.editor.isReadOnly()
    assert "bob took over editing" in mine.banner_label.text()
    assert not mine.save_copy_button.isHidden()
    assert mine.body() == "Alice typed this after bob took over.\n"  # nothing typed is lost
    assert alice.briefs.get(bid).body == "First line.\n"  # and nothing overwrote bob's brief
    out = tmp_path / "kept.md"
    assert mine.save_text_to_file(str(out))
    assert out.read_text(encoding="utf-8") == "Alice typed this after bob took over.\n"


def test_a_library_that_goes_away_keeps_the_text_and_saves_it_when_back(qtbot, team, monkeypatch):
    alice, _bob, bid = team
    mine, _ = _editor(qtbot, alice, bid)
    real = alice.briefs.set_body

    def unreachable(*args, **kwargs):
        raise LibraryUnavailableError("The team library db cannot be reached (the server is down).")

    monkeypatch.setattr(alice.briefs, "set_body", unreachable)
    mine.editor.setPlainText("Written while the server was down.\n")
    mine.save()
    assert mine.has_unsaved_text() and mine.body() == "Written while the server was down.\n"
    assert "cannot be reached" in mine.banner_label.text() and not mine.save_copy_button.isHidden()
    assert "not saved" in mine.status.text()
    monkeypatch.setattr(alice.briefs, "set_body", real)
    mine.retry_save()
    assert not mine.has_unsaved_text()
    assert alice.briefs.get(bid).body == "Written while the server was down.\n"


def test_closing_a_tab_with_unsaved_text_asks_first(qtbot, team, monkeypatch):
    alice, _bob, bid = team
    w = MainWindow(alice, Settings.load())
    qtbot.addWidget(w)
    editor = w.briefs.open_brief(bid)

    def unreachable(*args, **kwargs):
        raise LibraryUnavailableError("The team library db cannot be reached.")

    monkeypatch.setattr(alice.briefs, "set_body", unreachable)
    editor.editor.setPlainText("Unsaved words.\n")
    asked = []
    monkeypatch.setattr(type(editor), "confirm_close_unsaved", lambda self: asked.append(1) or False)
    w.briefs.close_tab(w.briefs.tabs.indexOf(editor))
    assert asked and w.briefs.editor_for(bid) is editor  # kept open: the analyst chose to keep it
    assert editor.body() == "Unsaved words.\n"


def test_other_analysts_changes_appear_in_an_open_window(qtbot, team):
    alice, bob, _bid = team
    from app.demo import populate

    populate(bob, force=True)
    w = MainWindow(alice, Settings.load())
    qtbot.addWidget(w)
    w.show()
    w.go_to("claims")
    w.watcher.stop()
    w.watcher.seq = alice.changes.latest()
    claim = alice.claims.list(limit=1).items[0]
    w.claims.show_claim(claim.id, select=True)
    assert "changed by bob" not in w.claims.links._main_card.text.text()
    bob.claims.update(claim.id, notes="bob checked this", if_version=claim.version)
    w.watcher.poll()
    qtbot.waitUntil(lambda: "changed by bob" in w.claims.links._main_card.text.text(), timeout=10000)
    # a new claim by bob shows up in alice's list without a restart
    before = w.claims.model.rowCount()
    src = bob.sources.list(limit=1).items[0]
    body = bob.sources.get(src.id).body
    bob.claims.create(source_id=src.id, quote=body[:40])
    w.watcher.poll()
    qtbot.waitUntil(lambda: w.claims.model.rowCount() == before + 1, timeout=10000)


def test_the_window_says_when_the_library_cannot_be_reached_and_when_it_is_back(qtbot, team, monkeypatch):
    alice, _bob, _bid = team
    w = MainWindow(alice, Settings.load())
    qtbot.addWidget(w)
    w.show()
    w.watcher.stop()
    w.watcher.seq = 0
    real = alice.changes.since

    def down(_seq):
        raise LibraryUnavailableError("The team library db cannot be reached (the server is down).")

    monkeypatch.setattr(alice.changes, "since", down)
    w.watcher.poll()
    assert w.connection_label.isVisibleTo(w) and "cannot be reached" in w.connection_label.text()
    monkeypatch.setattr(alice.changes, "since", real)
    w.watcher.poll()
    assert not w.connection_label.isVisibleTo(w)


@pytest.fixture
def two_windows_data(team):
    alice, bob, bid = team
    from app.demo import populate

    populate(bob, force=True)
    return alice, bob


def test_a_stale_claim_edit_is_refused_with_compare_and_reload(qtbot, two_windows_data, monkeypatch):
    from ui.claim_dialog import ClaimDialog

    monkeypatch.setattr(Jobs, "synchronous", True)
    alice, bob = two_windows_data
    w = MainWindow(alice, Settings.load())
    qtbot.addWidget(w)
    w.show()
    w.go_to("claims")
    w.watcher.stop()
    c = alice.claims.list(limit=1).items[0]
    w.claims.show_claim(c.id, select=True)
    w.claims.edit_action.trigger()
    dlg = w.claims.active_dialog
    assert isinstance(dlg, ClaimDialog)
    bob.claims.update(c.id, notes="Bob's note, saved first.")  # while alice's editor is open
    dlg.notes.setPlainText("Alice's note.")
    dlg.accept()
    stale = w.claims.stale_dialog
    assert stale is not None and "changed by bob" in stale.message.text()
    assert stale.differences == ["notes"]
    assert stale.table.isHidden()
    stale.compare_button.click()
    assert not stale.table.isHidden()
    row = [stale.table.item(0, col).text() for col in range(3)]
    assert row == ["notes", "Alice's note.", "Bob's note, saved first."]
    assert "by bob" in stale.table.horizontalHeaderItem(2).text()
    # nothing was overwritten, and alice's dialog is still open with her text
    assert alice.claims.get(c.id).notes == "Bob's note, saved first."
    stale.reload_button.click()
    fresh = w.claims.active_dialog
    assert isinstance(fresh, ClaimDialog) and fresh is not dlg
    assert fresh.notes.toPlainText() == "Bob's note, saved first."
    fresh.notes.setPlainText("Bob's note, saved first. Alice agrees.")
    fresh.accept()
    got = alice.claims.get(c.id)
    assert got.notes == "Bob's note, saved first. Alice agrees." and got.updated_by == "alice"


def test_undo_after_another_analyst_changed_the_claim_is_refused(qtbot, two_windows_data, monkeypatch):
    monkeypatch.setattr(Jobs, "synchronous", True)
    alice, bob = two_windows_data
    w = MainWindow(alice, Settings.load())
    qtbot.addWidget(w)
    w.go_to("claims")
    w.watcher.stop()
    errors = []
    monkeypatch.setattr(w, "report_error", errors.append)
    w.ctx.report_error = errors.append
    c = alice.claims.list(limit=1).items[0]
    w.claims.show_claim(c.id, select=True)
    w.claims.edit_action.trigger()
    dlg = w.claims.active_dialog
    dlg.notes.setPlainText("Alice's first note.")
    dlg.accept()
    bob.claims.update(c.id, status="retracted")
    w.undo_action.trigger()
    assert errors and "changed by bob" in str(errors[-1])
    got = alice.claims.get(c.id)
    assert got.status.value == "retracted" and got.notes == "Alice's first note."


def test_a_stale_source_edit_is_refused_with_reload(qtbot, two_windows_data, monkeypatch):
    monkeypatch.setattr(Jobs, "synchronous", True)
    alice, bob = two_windows_data
    w = MainWindow(alice, Settings.load())
    qtbot.addWidget(w)
    w.go_to("sources")
    w.watcher.stop()
    src = alice.sources.list(limit=1).items[0]
    w.sources.open_source(src.id)
    bob.sources.update(src.id, outlet="Bob's outlet")
    w.sources.edit_source_action.trigger()  # opened from what alice saw (before bob's change)
    dlg = w.sources.active_dialog
    dlg.outlet.setText("Alice's outlet")
    dlg.accept()
    stale = w.sources.stale_dialog
    assert stale is not None and "bob" in stale.message.text() and "outlet" in stale.differences
    stale.reload_button.click()
    assert w.sources.active_dialog.outlet.text() == "Bob's outlet"
    assert alice.sources.get(src.id).outlet == "Bob's outlet"


def test_keep_my_edit_saves_my_fields_on_top_of_theirs(qtbot, two_windows_data, monkeypatch):
    from PySide6.QtWidgets import QApplication

    monkeypatch.setattr(Jobs, "synchronous", True)
    alice, bob = two_windows_data
    w = MainWindow(alice, Settings.load())
    qtbot.addWidget(w)
    w.go_to("claims")
    w.watcher.stop()
    c = alice.claims.list(limit=1).items[0]
    w.claims.show_claim(c.id, select=True)
    w.claims.edit_action.trigger()
    dlg = w.claims.active_dialog
    bob.claims.update(c.id, notes="Bob's note.", status="retracted")
    dlg.notes.setPlainText("Alice's note.")
    dlg.accept()
    stale = w.claims.stale_dialog
    # only what alice edited is compared: bob's status change is not hers to undo
    assert stale.differences == ["notes"]
    stale.copy_button.click()
    assert QApplication.clipboard().text() == "notes: Alice's note.\n"
    assert alice.claims.get(c.id).notes == "Bob's note."  # copying wrote nothing
    stale.keep_button.click()
    got = alice.claims.get(c.id)
    assert got.notes == "Alice's note." and got.status.value == "retracted" and got.updated_by == "alice"
    assert w.claims.stale_dialog is None and not dlg.isVisible()
    # undo puts back what was stored when she chose to keep hers: bob's note
    w.undo_action.trigger()
    assert alice.claims.get(c.id).notes == "Bob's note."


def test_keep_my_edit_is_refused_again_when_the_claim_moved_on_meanwhile(
    qtbot, two_windows_data, monkeypatch
):
    monkeypatch.setattr(Jobs, "synchronous", True)
    alice, bob = two_windows_data
    w = MainWindow(alice, Settings.load())
    qtbot.addWidget(w)
    w.go_to("claims")
    w.watcher.stop()
    c = alice.claims.list(limit=1).items[0]
    w.claims.show_claim(c.id, select=True)
    w.claims.edit_action.trigger()
    dlg = w.claims.active_dialog
    bob.claims.update(c.id, notes="Bob's first note.")
    dlg.notes.setPlainText("Alice's note.")
    dlg.accept()
    first = w.claims.stale_dialog
    bob.claims.update(c.id, notes="Bob's second note.")  # after alice compared, before she chose
    first.keep_button.click()
    second = w.claims.stale_dialog
    assert second is not None and second is not first
    assert second.table.item(0, 2).text() == "Bob's second note."
    assert alice.claims.get(c.id).notes == "Bob's second note."
    second.reject()  # cancel: back in her editor, her text still there, the refusal shown
    assert w.claims.stale_dialog is None
    assert dlg.isVisible() and dlg.notes.toPlainText() == "Alice's note."
    assert "changed by bob" in dlg.error.text()


def test_a_brief_typed_while_the_server_is_down_is_saved_when_it_comes_back(qtbot, own_server, monkeypatch):
    """The real thing: the team library's server stops while an analyst types; the text stays in the
    editor, the window says the library cannot be reached, and once the server is back the text is saved."""
    monkeypatch.setattr(Jobs, "synchronous", True)
    lib = Library.open(own_server.url("team"), user="alice")
    bid = lib.briefs.create(title="Team brief", body="First line.\n").after.id
    w = MainWindow(lib, Settings.load())
    qtbot.addWidget(w)
    w.watcher.stop()
    w.go_to("briefs")
    ed = w.briefs.open_brief(bid) or w.briefs.editor_for(bid)
    assert ed is not None and ed.lock_state == "mine"
    own_server.kill()
    ed.editor.setPlainText("First line.\n\nTyped while the server was down.\n")
    ed.save()
    assert ed.has_unsaved_text() and ed.body().endswith("Typed while the server was down.\n")
    assert "cannot be reached" in ed.banner_label.text() and not ed.save_copy_button.isHidden()
    w.watcher.poll()
    assert w.connection_label.isVisibleTo(w) and "cannot be reached" in w.connection_label.text()
    own_server.restart()
    own_server.wait_ready()
    w.watcher.poll()  # the next look at the change log finds the server back: reconnect and save
    assert not w.connection_label.isVisibleTo(w)
    qtbot.waitUntil(lambda: not ed.has_unsaved_text(), timeout=20000)
    with Library.open(own_server.url("team"), user="bob") as bob:
        assert bob.briefs.get(bid).body == "First line.\n\nTyped while the server was down.\n"


def test_the_cited_claims_panel_follows_another_analysts_denial_and_edit(qtbot, team):
    """Bob adds a denial to a claim Alice's brief cites, then edits the claim: her open brief's cited-claims
    panel shows both without a restart."""
    alice, bob, bid = team
    from app.demo import populate

    populate(bob, force=True)
    w = MainWindow(alice, Settings.load())
    qtbot.addWidget(w)
    w.watcher.stop()
    claims = alice.claims.list(limit=40).items
    cited = next(c for c in claims if not alice.claims.with_links(c.id).denials)
    other = next(c for c in claims if c.id != cited.id and c.source_id != cited.source_id)
    alice.briefs.set_body(bid, f"Key judgment [@c{cited.id}].\n")
    w.go_to("briefs")
    ed = w.briefs.open_brief(bid) or w.briefs.editor_for(bid)
    panel = ed.cited_claims
    qtbot.waitUntil(lambda: panel.topLevelItemCount() == 1, timeout=10000)
    assert panel.topLevelItem(0).text(1) == ""
    w.watcher.seq = alice.changes.latest()
    bob.links.create(from_claim_id=other.id, kind="denies", to_claim_id=cited.id)
    w.watcher.poll()
    qtbot.waitUntil(lambda: "1 denial" in panel.topLevelItem(0).text(1), timeout=10000)
    assert panel.topLevelItem(0).child(0).text(1).startswith(f"not cited: c{other.id} ")
    bob.claims.update(cited.id, statement="Restated by Bob after checking the transcript.")
    w.watcher.poll()
    qtbot.waitUntil(
        lambda: panel.topLevelItem(0).text(0).endswith("Restated by Bob after checking the transcript."),
        timeout=10000,
    )
