"""A brief closed while its panels are still loading: the results that arrive after the editor is deleted are
dropped, not shown in a deleted panel (which raised "Internal C++ object already deleted")."""

from __future__ import annotations

import threading

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QCoreApplication, QEvent, QObject  # noqa: E402

from app.library import Library  # noqa: E402
from ui import brief_editor as be  # noqa: E402
from ui.jobs import Jobs  # noqa: E402

pytestmark = pytest.mark.sqlite_only("the panels' lifetime does not depend on the storage")


def _delete_now(widget) -> None:
    widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def test_closing_a_brief_while_its_cited_claims_load_shows_nothing_and_raises_nothing(
    qtbot, lib, monkeypatch, caplog
):
    monkeypatch.setattr(Jobs, "synchronous", False)
    src = lib.sources.create(title="Wire", body="The minister said the plant is closed.").after
    claim = lib.claims.create(source_id=src.id, quote="the plant is closed", actor="Minister").after
    brief = lib.briefs.create(title="B", body=f"# One\n\nClosed [@c{claim.id}].\n").after
    started, release = threading.Event(), threading.Event()
    loaded = []
    real = lib.claims.with_links_many

    def slow(ids):
        started.set()
        release.wait(10)
        rows = real(ids)
        loaded.append(ids)
        return rows

    monkeypatch.setattr(lib.claims, "with_links_many", slow)
    jobs = Jobs()
    editor = be.BriefEditor(lib, jobs, brief.id)
    qtbot.waitUntil(started.is_set, timeout=5000)  # the cited claims are loading on a worker
    panel = editor.cited_claims
    _delete_now(editor)  # the analyst closed the brief (as close_tab does)
    release.set()
    assert jobs.wait(10000)
    qtbot.wait(50)  # the queued result reaches the GUI thread
    QCoreApplication.processEvents()
    assert loaded == [[claim.id]]  # the load did finish, after the panel was gone
    with pytest.raises(RuntimeError):
        panel.topLevelItemCount()  # the panel is deleted: touching it is what used to raise


def test_a_result_reaches_a_live_owner_and_not_a_deleted_one(qtbot, monkeypatch):
    monkeypatch.setattr(Jobs, "synchronous", False)
    jobs = Jobs()
    live, gone = QObject(), QObject()
    got: list[tuple[str, object]] = []
    gate = threading.Event()

    def work(value):
        gate.wait(10)
        return value

    jobs.read(lambda: work(1), lambda v: got.append(("live", v)), owner=live)
    jobs.read(lambda: work(2), lambda v: got.append(("gone", v)), owner=gone)
    jobs.write(lambda: work(3), lambda v: got.append(("gone write", v)), owner=gone)
    _delete_now(gone)
    gate.set()
    assert jobs.wait(10000)
    qtbot.waitUntil(lambda: ("live", 1) in got, timeout=5000)
    qtbot.wait(50)
    QCoreApplication.processEvents()
    assert got == [("live", 1)]
    assert not jobs.busy()


class _Receiver(QObject):
    def __init__(self, name: str, got: list) -> None:
        super().__init__()
        self.name, self.got = name, got

    def loaded(self, value) -> None:
        self.got.append((self.name, value))

    def failed(self, exc) -> None:
        self.got.append((self.name, str(exc)))


def test_a_bound_method_of_a_deleted_view_is_never_called_without_naming_an_owner(qtbot, monkeypatch):
    """A view that hands its own method as the callback (the commonest shape) is guarded without owner=."""
    monkeypatch.setattr(Jobs, "synchronous", False)
    jobs = Jobs()
    got: list[tuple[str, object]] = []
    live, gone = _Receiver("live", got), _Receiver("gone", got)
    gate = threading.Event()

    def work(value):
        gate.wait(10)
        return value

    def boom():
        gate.wait(10)
        raise ValueError("no such claim")

    jobs.read(lambda: work(1), live.loaded, live.failed)
    jobs.read(lambda: work(2), gone.loaded, gone.failed)
    jobs.read(boom, gone.loaded, gone.failed)
    jobs.read(boom, live.loaded, live.failed)
    _delete_now(gone)
    gate.set()
    assert jobs.wait(10000)
    qtbot.waitUntil(lambda: len(got) == 2, timeout=5000)
    qtbot.wait(50)
    QCoreApplication.processEvents()
    assert sorted(got, key=str) == sorted([("live", 1), ("live", "no such claim")], key=str)


def test_a_brief_closed_while_its_lock_is_asked_for_is_left_unlocked(qtbot, lib, monkeypatch):
    """The lock request answers after the tab is gone: the brief must not stay locked until the lock goes
    stale (other analysts would be kept out of it for minutes)."""
    monkeypatch.setattr(Jobs, "synchronous", False)
    brief = lib.briefs.create(title="B", body="# One\n\nText.\n").after
    started, release = threading.Event(), threading.Event()
    real = lib.briefs.lock

    def slow_lock(bid, **kw):
        started.set()
        release.wait(10)
        return real(bid, **kw)

    monkeypatch.setattr(lib.briefs, "lock", slow_lock)
    jobs = Jobs()
    editor = be.BriefEditor(lib, jobs, brief.id)
    qtbot.waitUntil(started.is_set, timeout=5000)  # the lock request is on the writer
    assert editor.lock_state == "pending"
    editor.release_lock()  # the analyst closed the tab (as close_tab does)
    _delete_now(editor)
    release.set()
    assert jobs.wait(10000)
    qtbot.wait(50)
    QCoreApplication.processEvents()
    assert lib.briefs.lock_holder(brief.id) is None


def test_closing_a_brief_someone_else_is_editing_leaves_their_lock(qtbot, tmp_path):
    alice = Library.open(tmp_path / "team.briefdesk", user="alice")
    bob = Library.open(tmp_path / "team.briefdesk", user="bob")
    try:
        bid = alice.briefs.create(title="Shared", body="Text.\n").after.id
        jobs = Jobs()
        mine = be.BriefEditor(alice, jobs, bid)
        theirs = be.BriefEditor(bob, Jobs(), bid)
        qtbot.addWidget(mine)
        qtbot.addWidget(theirs)
        assert (mine.lock_state, theirs.lock_state) == ("mine", "held")
        theirs.release_lock()  # bob closes his read-only tab
        holder = alice.briefs.lock_holder(bid)
        assert holder is not None and holder.holder == "alice"
    finally:
        alice.close()
        bob.close()
