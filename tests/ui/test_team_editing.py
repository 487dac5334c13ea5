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
