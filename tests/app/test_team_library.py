"""Team libraries: two processes on one record, a server killed mid-write, and every kind of bad address
(an unreachable server, a wrong password, a database that is not a library, a newer schema, a server that
goes away and comes back)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from app.errors import LibraryTooNewError, LibraryUnavailableError, NotALibraryError
from app.library import Library
from tests.conftest import SAMPLE_BODY

ROOT = Path(__file__).resolve().parents[2]

# One analyst in their own process: read the record, wait until the other has read it too, then save.
EDITOR = r"""
import os, sys, time
from pathlib import Path
from app.errors import BriefLockedError, StaleEditError
from app.library import Library

target, user, gate, what = sys.argv[1], sys.argv[2], Path(sys.argv[3]), sys.argv[4]
lib = Library.open(target, user=user)
if what == "claim":
    version = lib.claims.get(1).version
else:
    version = lib.briefs.get(1).version
(gate / user).touch()
deadline = time.monotonic() + 60
while len(list(gate.iterdir())) < 2 and time.monotonic() < deadline:
    time.sleep(0.005)
try:
    if what == "claim":
        lib.claims.update(1, if_version=version, notes=f"edited by {user}")
    else:
        lib.briefs.lock(1)
        lib.briefs.set_body(1, f"Text by {user}.\n", if_version=version)
    print("saved")
except (StaleEditError, BriefLockedError) as exc:
    print("refused:", exc)
lib.close()
"""


def _two_analysts(target, tmp_path, what: str) -> dict[str, str]:
    gate = tmp_path / f"gate-{what}"
    gate.mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = {
        user: subprocess.Popen(
            [sys.executable, "-c", EDITOR, str(target), user, str(gate), what],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,
        )
        for user in ("alice", "bob")
    }
    out = {}
    for user, proc in procs.items():
        stdout, stderr = proc.communicate(timeout=120)
        assert proc.returncode == 0, stderr
        out[user] = stdout.strip()
    return out


def test_two_processes_editing_one_claim_one_wins_the_other_is_told_who(lib, tmp_path):
    src = lib.sources.create(title="T", body=SAMPLE_BODY).after
    lib.claims.create(source_id=src.id, quote="the border crossing at Kessel")
    target = lib.path
    out = _two_analysts(target, tmp_path, "claim")
    saved = [u for u, o in out.items() if o == "saved"]
    refused = [u for u, o in out.items() if o.startswith("refused:")]
    assert len(saved) == 1 and len(refused) == 1, out
    winner, loser = saved[0], refused[0]
    assert f"changed by {winner}" in out[loser] and "Nothing was saved" in out[loser]
    stored = lib.claims.get(1)
    assert stored.notes == f"edited by {winner}" and stored.updated_by == winner and stored.version == 2


def test_two_processes_editing_one_brief_the_second_is_told_who_holds_it(lib, tmp_path):
    lib.briefs.create(title="Shared brief", body="Start.\n")
    out = _two_analysts(lib.path, tmp_path, "brief")
    saved = [u for u, o in out.items() if o == "saved"]
    refused = [u for u, o in out.items() if o.startswith("refused:")]
    assert len(saved) == 1 and len(refused) == 1, out
    winner, loser = saved[0], refused[0]
    # either the lock (held by the winner) or the version (moved on by the winner) stopped the loser
    assert winner in out[loser] and "Nothing was saved" in out[loser]
    assert lib.briefs.get(1).body == f"Text by {winner}.\n"
    assert [r.created_by for r in lib.briefs.revisions(1)][0] == winner


# --- PostgreSQL only: the server itself --------------------------------------------------------------------


def test_a_server_killed_mid_write_leaves_nothing_half_written_and_the_library_reconnects(own_server):
    lib = Library.open(own_server.url("team"), user="alice")
    try:
        lib.sources.create(title="Before", body="Stored before the crash.")
        started = threading.Event()
        outcome: dict[str, BaseException] = {}

        def long_write() -> None:
            try:
                with lib.transaction():
                    for n in range(100_000):
                        lib.sources.create(title=f"Batch {n}", body=f"Body of item {n} in one transaction.")
                        if n == 300:
                            started.set()
            except BaseException as exc:  # noqa: BLE001 - the test looks at it
                outcome["error"] = exc
            finally:
                started.set()

        worker = threading.Thread(target=long_write)
        worker.start()
        assert started.wait(120)
        own_server.kill()
        worker.join(120)
        assert isinstance(outcome.get("error"), LibraryUnavailableError), outcome
        assert "cannot be reached" in str(outcome["error"])
        with pytest.raises(LibraryUnavailableError, match="cannot be reached"):
            lib.sources.list()
        own_server.restart()
        own_server.wait_ready()
        # the same open library works again (its pool replaces the dead connections), and holds only what
        # was committed before the crash
        titles = [s.title for s in lib.sources.list(limit=10).items]
        assert titles == ["Before"]
        lib.sources.create(title="After", body="Stored after the server came back.")
        assert lib.counts()["sources"] == 2
    finally:
        lib.close()


def test_an_unreachable_server_is_a_plain_message(tmp_path):
    from tests.postgres_cluster import free_port

    url = f"postgresql://alice:s3cret@127.0.0.1:{free_port()}/team"
    with pytest.raises(LibraryUnavailableError, match="cannot be reached") as err:
        Library.open(url)
    assert "s3cret" not in str(err.value) and "postgresql://alice@127.0.0.1" in str(err.value)
    # the same words serve the command line: nothing promised that only the desktop app does
    assert (
        "a command can be run again" in str(err.value) and "the desktop app keeps" in str(err.value).lower()
    )


def test_a_wrong_password_is_a_plain_message_and_never_echoed(pg_server, monkeypatch):
    from tests.postgres_cluster import PASSWORD, PASSWORD_ROLE

    cluster = pg_server.cluster
    name = pg_server.empty_database()
    try:
        wrong = cluster.url(name, user=PASSWORD_ROLE, password="not the password")
        with pytest.raises(LibraryUnavailableError, match="wrong user name or password") as err:
            Library.open(wrong)
        assert "not the password" not in str(err.value)
        # PGPASSWORD: the standard way to give it without putting it in the address
        monkeypatch.setenv("PGPASSWORD", PASSWORD)
        with Library.open(cluster.url(name, user=PASSWORD_ROLE)) as lib:
            assert lib.location == cluster.url(name, user=PASSWORD_ROLE)
            assert PASSWORD not in lib.location
        # the password in the address works too and is not kept in what the library shows
        monkeypatch.delenv("PGPASSWORD")
        with Library.open(cluster.url(name, user=PASSWORD_ROLE, password=PASSWORD)) as lib:
            assert "correct" not in lib.location and lib.sources.list().total == 0
    finally:
        pg_server.drop(name)


def test_a_database_that_is_not_a_library_is_refused_and_left_alone(pg_server):
    name = pg_server.empty_database()
    try:
        pg_server.cluster.sql("CREATE TABLE invoices (id int primary key, total numeric)", name)
        with pytest.raises(NotALibraryError, match="not a Briefdesk library"):
            Library.open(pg_server.cluster.url(name))
        import psycopg

        with psycopg.connect(pg_server.cluster.url(name)) as conn:
            tables = {r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname='public'")}
        assert tables == {"invoices"}
        with pytest.raises(Exception, match="no such database|does not exist"):
            Library.open(pg_server.cluster.url("no_such_db"))
    finally:
        pg_server.drop(name)


def test_an_older_briefdesk_is_refused_by_a_newer_team_library(pg_server):
    name = pg_server.new_database()
    try:
        pg_server.cluster.sql("UPDATE alembic_version SET version_num = '9999'", name)
        with pytest.raises(LibraryTooNewError, match="newer version of Briefdesk"):
            Library.open(pg_server.cluster.url(name))
    finally:
        pg_server.drop(name)


def test_two_analysts_opening_a_new_team_library_at_once_both_get_it(pg_server):
    name = pg_server.empty_database()
    url = pg_server.cluster.url(name)
    opened: list[Library] = []
    errors: list[BaseException] = []

    def open_it(user: str) -> None:
        try:
            opened.append(Library.open(url, user=user))
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=open_it, args=(u,)) for u in ("alice", "bob")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    try:
        assert not errors and len(opened) == 2
        opened[0].sources.create(title="From one", body="Written by the first.")
        assert opened[1].sources.list().total == 1
    finally:
        for lib in opened:
            lib.close()
        pg_server.drop(name)


def test_cli_team_library_from_briefdesk_library_env(pg_server, monkeypatch, capsys):
    from app.cli import main

    name = pg_server.new_database()
    try:
        monkeypatch.setenv("BRIEFDESK_LIBRARY", pg_server.cluster.url(name))
        assert main(["demo"]) == 0
        capsys.readouterr()
        assert main(["search", "drones", "--json"]) == 0
        found = json.loads(capsys.readouterr().out)
        assert found["query"] == "drones" and found["hits"]
        assert all("\x02drone" in h["snippet"].lower() for h in found["hits"])  # each shows the word marked
        monkeypatch.setenv("BRIEFDESK_LIBRARY", "postgresql://nobody@127.0.0.1:1/none")
        assert main(["claims"]) == 1
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "cannot be reached" in err
    finally:
        pg_server.drop(name)


def test_the_address_kept_never_holds_the_password():
    from app.storage.postgres import storable_url

    assert storable_url("postgresql://ana:pa%40ss@db.example:5433/cell?sslmode=require") == (
        "postgresql://ana@db.example:5433/cell?sslmode=require"
    )
    assert storable_url("postgresql+psycopg://ana@db/cell") == "postgresql://ana@db/cell"


@pytest.mark.parametrize(
    "query",
    [
        "'; DROP TABLE claims; --",
        "a:* & !b | (c <-> d)",
        '"unclosed phrase',
        "-only -negatives",
        "OR OR AND NOT",
        "\\ \\\\ ' '' \" ( ) [ ] { } : * ! & | < > -",
        "x" * 999,
        "naïve café Ünïcödé 東京 مرحبا",
        "U.S. al-Assad e-mail foo_bar 2026-03-03",
        "\x00\x01\x02",
    ],
)
def test_any_query_is_safe_on_either_database(lib, query):
    from app.domain_lists import ClaimFilter, SourceFilter

    source = lib.sources.create(
        title="Kessel bridge", body="The naïve café in Tokyo 東京 reopened; U.S. officials said."
    ).stored
    # whatever the query, a search finds at most the one source stored, and a list counts what it shows
    assert {(h.entity, h.id) for h in lib.search(query)} <= {("source", source.id)}
    claims = lib.claims.list(ClaimFilter(text=query))
    assert claims.items == () and claims.total == 0
    sources = lib.sources.list(SourceFilter(text=query))
    assert [s.id for s in sources.items] in ([], [source.id])
    assert sources.total == len(sources.items)
    # and nothing stored was touched: the source is still there and still found by its words
    assert lib.counts()["sources"] == 1
    assert [h.id for h in lib.search("Kessel", entities=("source",))] == [source.id]
    assert lib.sources.get(source.id).body == source.body


def test_the_same_query_language_on_both_databases(lib):
    a = lib.sources.create(
        title="Harbour reopening", body="The harbour will reopen on Friday, officials said."
    )
    b = lib.sources.create(title="Bridge repairs", body="Engineers repaired the bridge near the harbour.")
    c = lib.sources.create(title="Market prices", body="Prices rose at the market on Friday.")

    def ids(q: str) -> set[int]:
        return {h.id for h in lib.search(q, entities=("source",))}

    assert ids("harbour") == {a.after.id, b.after.id}
    assert ids("harbour -bridge") == {a.after.id}
    assert ids('"reopen on Friday"') == {a.after.id}
    assert ids("harb*") == {a.after.id, b.after.id}
    assert ids("bridge OR market") == {b.after.id, c.after.id}
    assert ids("friday harbour") == {a.after.id}
    d = lib.sources.create(title="Debris", body="Geran-2 / Shahed-136 debris, dated 2026-03-03.")
    assert ids("Shahed-136") == ids('"shahed 136"') == ids("136") == ids("2026-03-03") == {d.after.id}
    # ranked: a title match first
    assert lib.search("bridge", entities=("source",))[0].id == b.after.id
