"""Who changed what: global ids, versions and who/when on every record; stale edits refused."""

from __future__ import annotations

import shutil
import sqlite3
import uuid

import pytest

from app.domain import Action, Entity
from app.errors import BriefLockedError, StaleEditError
from app.library import Library
from app.storage.store import current_user
from tests.conftest import FIXTURES, SAMPLE_BODY


def _is_uuid4(text: str) -> bool:
    value = uuid.UUID(text)
    return str(value) == text and value.version == 4


def test_every_record_gets_a_uuid_version_and_who_from_briefdesk_user(tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEFDESK_USER", "  Alice   Analyst ")
    with Library.open(tmp_path / "who.briefdesk") as lib:
        assert lib.user == "Alice Analyst"
        src = lib.sources.create(title="T", body=SAMPLE_BODY).after
        claim = lib.claims.create(source_id=src.id, quote="the border crossing at Kessel", actor="Dana Reyes")
        other = lib.claims.create(source_id=src.id, quote="Nothing has been repaired").after
        link = lib.links.create(from_claim_id=other.id, kind="denies", to_claim_id=claim.after.id).after
        brief = lib.briefs.create(title="B", body="Text [@c1].").after
        rev = lib.briefs.revisions(brief.id)[0]
        actor = lib.actors.get(claim.after.actor_id)
        records = [src, claim.after, other, link, brief, rev, actor]
        for rec in records:
            assert _is_uuid4(rec.uuid), rec
            assert rec.version == 1
            assert rec.created_by == rec.updated_by == "Alice Analyst"
        assert len({r.uuid for r in records}) == len(records)


def test_an_edit_adds_a_version_keeps_the_uuid_and_records_who(tmp_path, monkeypatch):
    path = tmp_path / "two.briefdesk"
    monkeypatch.setenv("BRIEFDESK_USER", "alice")
    with Library.open(path) as alice:
        src = alice.sources.create(title="T", body=SAMPLE_BODY).after
        claim = alice.claims.create(source_id=src.id, quote="the border crossing at Kessel").after
    with Library.open(path, user="bob") as bob:
        after = bob.claims.update(claim.id, status="disputed", tags=["kessel"]).after
        assert (after.version, after.uuid) == (2, claim.uuid)
        assert (after.created_by, after.updated_by) == ("alice", "bob")
        assert after.updated >= claim.updated
        # tags alone are a change too
        assert bob.claims.update(claim.id, tags=["kessel", "bridge"]).after.version == 3
        source_after = bob.sources.update(src.id, reliability="A").after
        assert (source_after.version, source_after.updated_by, source_after.uuid) == (2, "bob", src.uuid)


def test_a_stale_edit_is_refused_with_who_changed_it_and_nothing_is_written(tmp_path):
    path = tmp_path / "stale.briefdesk"
    alice = Library.open(path, user="alice")
    bob = Library.open(path, user="bob")
    try:
        src = alice.sources.create(title="T", body=SAMPLE_BODY).after
        claim = alice.claims.create(source_id=src.id, quote="the border crossing at Kessel").after
        seen_by_alice = alice.claims.get(claim.id)
        bob.claims.update(claim.id, if_version=seen_by_alice.version, status="disputed")
        with pytest.raises(StaleEditError) as err:
            alice.claims.update(claim.id, if_version=seen_by_alice.version, notes="my note")
        msg = str(err.value)
        assert "c1" in msg and "bob" in msg and "version 2" in msg and "Nothing was saved" in msg
        assert err.value.changed_by == "bob" and err.value.current == 2 and err.value.expected == 1
        now = alice.claims.get(claim.id)
        assert now.notes == "" and now.status.value == "disputed" and now.version == 2
        # from the current version it goes through
        assert alice.claims.update(claim.id, if_version=2, notes="my note").after.version == 3
        # the same for sources, briefs (properties and text) and deletes
        bob.sources.update(src.id, if_version=1, outlet="Wire")
        with pytest.raises(StaleEditError, match="bob"):
            alice.sources.update(src.id, if_version=1, outlet="Other")
        with pytest.raises(StaleEditError):
            alice.sources.delete(src.id, if_version=1)
        brief = alice.briefs.create(title="B", body="one").after
        bob.briefs.set_body(brief.id, "two", if_version=brief.version)
        with pytest.raises(StaleEditError, match="bob"):
            alice.briefs.set_body(brief.id, "three", if_version=brief.version)
        with pytest.raises(StaleEditError):
            alice.briefs.update(brief.id, if_version=brief.version, title="New")
        assert alice.briefs.get(brief.id).body == "two"
        assert alice.briefs.get(brief.id).title == "B"
        with pytest.raises(StaleEditError):
            alice.claims.delete(claim.id, if_version=1)
        assert alice.claims.get(claim.id).notes == "my note"
    finally:
        alice.close()
        bob.close()


def test_undo_of_a_delete_brings_back_the_same_uuid_and_author(lib, source):
    claim = lib.claims.create(source_id=source.id, quote="the border crossing at Kessel").after
    other = lib.claims.create(source_id=source.id, quote="Nothing has been repaired").after
    link = lib.links.create(from_claim_id=other.id, kind="denies", to_claim_id=claim.id).after
    change = lib.claims.delete(claim.id)
    restored = lib.claims.restore(change).after
    assert restored.uuid == claim.uuid and restored.created_by == claim.created_by
    assert restored.version > claim.version
    back = lib.claims.with_links(claim.id).denials[0].link
    assert back.uuid == link.uuid
    unlinked = lib.links.delete(back.id)
    assert lib.links.restore(unlinked).after.uuid == link.uuid


def test_the_os_user_is_the_default(monkeypatch):
    import getpass

    monkeypatch.delenv("BRIEFDESK_USER", raising=False)
    monkeypatch.setattr(getpass, "getuser", lambda: "oswho")
    assert current_user() == "oswho"

    def no_user():
        raise OSError("no login name")

    monkeypatch.setattr(getpass, "getuser", no_user)
    assert current_user() == "unknown"


def test_an_older_library_gets_uuids_for_every_row_on_upgrade(tmp_path):
    path = tmp_path / "old.briefdesk"
    shutil.copy(FIXTURES / "libraries" / "library-0001.briefdesk", path)
    with Library.open(path, user="carol") as lib:
        claims = lib.claims.list().items
        assert claims and all(_is_uuid4(c.uuid) and c.version == 1 and c.created_by == "" for c in claims)
        link = lib.claims.with_links(1).denials[0].link
        assert _is_uuid4(link.uuid) and link.updated == link.created
        edited = lib.claims.update(1, if_version=1, notes="after upgrade").after
        assert (edited.version, edited.updated_by, edited.created_by) == (2, "carol", "")
    conn = sqlite3.connect(path)
    for table in ("sources", "actors", "claims", "claim_links", "briefs", "brief_revisions"):
        total, filled, distinct = conn.execute(
            f"SELECT count(*), count(uuid), count(DISTINCT uuid) FROM {table}"
        ).fetchone()
        assert total == filled == distinct, table
    conn.close()


def test_one_editor_of_a_brief_text_at_a_time(tmp_path):
    path = tmp_path / "locks.briefdesk"
    alice = Library.open(path, user="alice")
    bob = Library.open(path, user="bob")
    try:
        bid = alice.briefs.create(title="B", body="start").after.id
        lock = alice.briefs.lock(bid)
        assert lock.holder == "alice" and lock.mine
        held = bob.briefs.lock_holder(bid)
        assert held is not None and held.holder == "alice" and not held.mine
        with pytest.raises(BriefLockedError, match="alice") as err:
            bob.briefs.lock(bid)
        assert err.value.holder == "alice"
        with pytest.raises(BriefLockedError, match="being edited by alice"):
            bob.briefs.set_body(bid, "bob's text")
        assert alice.briefs.get(bid).body == "start"
        alice.briefs.set_body(bid, "alice's text")
        # taking over: alice can no longer save or renew
        bob.briefs.lock(bid, take_over=True)
        with pytest.raises(BriefLockedError, match="bob"):
            alice.briefs.set_body(bid, "alice again")
        with pytest.raises(BriefLockedError, match="bob"):
            alice.briefs.renew_lock(bid)
        bob.briefs.unlock(bid)
        assert alice.briefs.lock_holder(bid) is None
        alice.briefs.set_body(bid, "alice again")
        assert bob.briefs.get(bid).body == "alice again"
    finally:
        alice.close()
        bob.close()


def test_a_lock_left_by_a_closed_window_goes_stale(tmp_path, monkeypatch):
    import datetime as dt

    from app import briefs as briefs_mod

    path = tmp_path / "stale-lock.briefdesk"
    with Library.open(path, user="alice") as alice:
        bid = alice.briefs.create(title="B").after.id
        alice.briefs.lock(bid)
    with Library.open(path, user="bob") as bob:
        with pytest.raises(BriefLockedError):
            bob.briefs.lock(bid)
        monkeypatch.setattr(briefs_mod, "LOCK_STALE_AFTER", dt.timedelta(seconds=0))
        assert bob.briefs.lock_holder(bid) is None
        assert bob.briefs.lock(bid).holder == "bob"


def test_cli_if_version_refuses_a_stale_edit_with_exit_code_3(tmp_path, capsys, monkeypatch):
    from app.cli import main

    library = str(tmp_path / "cli.briefdesk")
    monkeypatch.setenv("BRIEFDESK_USER", "alice")
    assert main(["--library", library, "demo"]) == 0
    capsys.readouterr()
    assert main(["--library", library, "claim", "show", "c1"]) == 0
    out = capsys.readouterr().out
    assert "created: alice," in out and "version: 1" in out and "uuid: " in out
    monkeypatch.setenv("BRIEFDESK_USER", "bob")
    assert (
        main(["--library", library, "claim", "set", "c1", "--status", "disputed", "--if-version", "1"]) == 0
    )
    capsys.readouterr()
    monkeypatch.setenv("BRIEFDESK_USER", "alice")
    code = main(["--library", library, "claim", "set", "c1", "--notes", "mine", "--if-version", "1"])
    err = capsys.readouterr().err
    assert code == 3 and "changed by bob" in err and "Nothing was saved" in err
    assert main(["--library", library, "claim", "show", "1"]) == 0
    out = capsys.readouterr().out
    assert "last changed: bob," in out and "version: 2" in out
    with pytest.raises(SystemExit) as usage:
        main(["--library", library, "claim", "set", "c1", "--notes", "x", "--if-version", "zero"])
    assert usage.value.code == 2 and "not a version number" in capsys.readouterr().err
    for args in (["source", "set", "1", "--outlet", "W"], ["brief", "set", "1", "--title", "T"]):
        assert main(["--library", library, *args, "--if-version", "7"]) == 3
        assert "Nothing was saved" in capsys.readouterr().err
    assert main(["--library", library, "brief", "revisions", "1"]) == 0
    out = capsys.readouterr().out
    assert " by " in out.splitlines()[0] and "alice" in out


def test_a_batch_of_sources_gets_uuids_and_who(lib):
    results = lib.sources.create_many([{"title": f"Item {n}", "body": f"Body number {n}"} for n in range(3)])
    records = [r.after for r in results]
    assert all(_is_uuid4(r.uuid) and r.created_by == lib.user and r.version == 1 for r in records)
    for r in records:
        stored = lib.sources.get(r.id)
        assert (stored.uuid, stored.created_by) == (r.uuid, lib.user)


def test_an_open_library_sees_what_others_stored_since_it_looked(tmp_path):
    path = tmp_path / "feed.briefdesk"
    alice = Library.open(path, user="alice")
    bob = Library.open(path, user="bob")
    try:
        start = alice.changes.latest()
        src = bob.sources.create(title="T", body=SAMPLE_BODY).after
        one = bob.claims.create(source_id=src.id, quote="the border crossing at Kessel").after
        two = bob.claims.create(source_id=src.id, quote="Nothing has been repaired").after
        bob.links.create(from_claim_id=two.id, kind="denies", to_claim_id=one.id)
        alice.briefs.create(title="Mine")  # her own change is not reported back to her
        found = alice.changes.since(start)
        seen = {(c.entity, c.action, c.id) for c in found.changes}
        assert ("source", "created", src.id) in seen and ("claim", "created", one.id) in seen
        assert ("claim", "updated", one.id) in seen and ("link", "updated", 1) in seen
        assert not any(c.entity == "brief" for c in found.changes)
        assert all(c.extra["by"] == "bob" for c in found.changes)
        assert alice.changes.since(found.last).changes == ()
        assert [c.entity for c in bob.changes.since(start).changes] == ["brief"]
    finally:
        alice.close()
        bob.close()


def test_a_brief_taken_or_given_back_reaches_the_others_as_a_lock_change(tmp_path):
    path = tmp_path / "feed.briefdesk"
    alice = Library.open(path, user="alice")
    bob = Library.open(path, user="bob")
    try:
        bid = bob.briefs.create(title="Shared").after.id
        start = alice.changes.latest()
        bob.briefs.lock(bid)
        bob.briefs.unlock(bid)
        found = alice.changes.since(start)
        assert [(c.entity, c.action, c.id) for c in found.changes] == [(Entity.LOCK, Action.UPDATED, bid)]
        with bob.writing() as s:  # a row a newer Briefdesk wrote about something this one does not know
            bob.log_change(s, "dossier", 1, "created")
        assert alice.changes.since(found.last).changes == ()
    finally:
        alice.close()
        bob.close()
