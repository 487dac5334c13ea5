"""Who changed what: the library's recent changes, newest first, on both databases and in the CLI."""

from __future__ import annotations

import json

import pytest

from app.cli import main
from app.library import Library


@pytest.fixture
def two_analysts(library_target):
    alice = Library.open(library_target, user="alice")
    bob = Library.open(library_target, user="bob")
    yield alice, bob
    bob.close()
    alice.close()


def test_recent_changes_say_who_changed_which_record_newest_first(two_analysts):
    alice, bob = two_analysts
    src = alice.sources.create(
        title="Ministry statement", body="The minister said the bridge was closed."
    ).after
    claim = alice.claims.create(source_id=src.id, quote="the bridge was closed").after
    bob.claims.update(claim.id, statement="The bridge was closed.", if_version=claim.version)
    bob.claims.update(claim.id, notes="checked")  # a second save of one record in a row: one line
    brief = bob.briefs.create(title="Bridge brief", body="Text.\n").after
    bob.briefs.lock(brief.id)  # opening a brief for editing is not a change
    bob.briefs.unlock(brief.id)
    got = [(a.by, a.action, a.ref, a.label) for a in alice.changes.recent(limit=10)]
    assert got == [
        ("bob", "created", "b" + str(brief.id), "Bridge brief"),
        ("bob", "updated", f"c{claim.id}", "The bridge was closed."),
        ("alice", "created", f"c{claim.id}", "The bridge was closed."),
        ("alice", "created", f"s{src.id}", "Ministry statement"),
    ]
    assert [a.ref for a in alice.changes.recent(by="alice")] == [f"c{claim.id}", f"s{src.id}"]
    assert alice.changes.analysts() == ["alice", "bob"]
    newest = alice.changes.recent(limit=1)
    assert len(newest) == 1
    older = alice.changes.recent(limit=10, before=newest[0].seq)
    assert [a.ref for a in older][0] == f"c{claim.id}"
    # a deleted record keeps its lines; its label is gone with it
    bob.briefs.delete(brief.id)
    top = alice.changes.recent(limit=2)
    assert (top[0].action, top[0].label) == ("deleted", "")
    assert alice.changes.recent(by="nobody") == []


def test_cli_changes_lists_them_and_refuses_a_bad_limit(two_analysts, library_target, capsys):
    alice, bob = two_analysts
    src = alice.sources.create(title="Port report", body="Ships left the port at dawn.").after
    bob.sources.update(src.id, outlet="Harbour Gazette")
    assert main(["--library", str(library_target), "changes"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "bob" in out[0] and "updated" in out[0] and f"source s{src.id}  Port report" in out[0]
    assert "alice" in out[1] and "created" in out[1]
    assert main(["--library", str(library_target), "changes", "--by", "alice", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["by"], r["action"], r["ref"]) for r in rows] == [("alice", "created", f"s{src.id}")]
    assert main(["--library", str(library_target), "changes", "--by", "carol"]) == 0
    assert "No changes by carol" in capsys.readouterr().out
    assert main(["--library", str(library_target), "changes", "--limit", "0"]) == 1
    assert "--limit must be at least 1" in capsys.readouterr().err


def _age_changes(lib, *, days: int, refs_older_than_seq: int) -> None:
    """Make the log rows up to ``refs_older_than_seq`` look ``days`` old (as if written last month)."""
    import datetime as dt

    from sqlalchemy import update

    from app.storage.models import ChangeLogEntry, utcnow

    with lib.writing() as s:
        s.execute(
            update(ChangeLogEntry)
            .where(ChangeLogEntry.seq <= refs_older_than_seq)
            .values(at=utcnow() - dt.timedelta(days=days))
        )


def test_changes_older_than_the_kept_days_are_not_listed_and_are_pruned(two_analysts):
    alice, bob = two_analysts
    old = alice.sources.create(title="Last month's report", body="Old text.").after
    alice.sources.update(old.id, outlet="Harbour Gazette")
    cutoff = alice.changes.latest()
    _age_changes(alice, days=30, refs_older_than_seq=cutoff)
    new = bob.sources.create(title="Today's report", body="New text.").after
    # listed: only what the window promises ("the last 7 days"), before any pruning
    assert [a.ref for a in alice.changes.recent(limit=50)] == [f"s{new.id}"]
    assert alice.changes.prune() >= 1
    # the old rows are gone, today's stays, and an app that had seen them is told to refresh everything
    assert [a.ref for a in alice.changes.recent(limit=50)] == [f"s{new.id}"]
    first = cutoff - 1  # an app that saw only the first old change missed the second: it refreshes all
    assert bob.changes.since(first).everything
    assert alice.sources.get(old.id).title == "Last month's report"  # pruning the log touches no record


def test_pruning_keeps_the_newest_row_so_the_sequence_never_goes_back(two_analysts):
    alice, _bob = two_analysts
    alice.sources.create(title="Only change", body="Text.")
    last = alice.changes.latest()
    _age_changes(alice, days=30, refs_older_than_seq=last)
    alice.changes.prune()
    assert alice.changes.latest() == last
    assert alice.changes.recent(limit=10) == []
