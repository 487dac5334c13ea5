"""A team library's indexes of word pairs (migration 0013) are built after the upgrade, concurrently.

The upgrade only creates the function; the indexes are built by a long-lived client with CREATE INDEX
CONCURRENTLY (app.storage.pg_pairs): other analysts' edits go on while it runs, one client builds at a time,
an index left unfinished is built again, and the search asks a table's pairs only once its index is valid,
finding the same records either way. A write refused while an upgrade holds the library says so.
"""

from __future__ import annotations

import json
import threading
import time

import psycopg
import pytest
from sqlalchemy import event

from app.errors import LibraryBusyError
from app.library import Library
from app.storage import pg_pairs, postgres
from tests.app.test_team_phrases import EXPECTED, _found_by_index, _library


@pytest.fixture
def team(pg_server):
    """(address, library): a new team library of this test's own (its pairs indexes built: tables empty)."""
    name = pg_server.new_database("pairs")
    url = pg_server.cluster.url(name)
    lib = Library.open(url)
    yield url, lib
    lib.close()
    pg_server.drop(name)


def _sql(url: str, statement: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(statement)  # type: ignore[arg-type]


def _drop_indexes(url: str, *tables: str) -> None:
    for table in tables:
        _sql(url, f"DROP INDEX {pg_pairs.index_name(table)}")


def _states(lib) -> dict[str, str]:
    with lib.engine.connect() as conn:
        return pg_pairs.index_states(conn)


class _Snapshot:
    """An analyst's open transaction holding a snapshot: CREATE INDEX CONCURRENTLY waits for it to end."""

    def __init__(self, url: str) -> None:
        self.conn = psycopg.connect(url)
        self.conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
        self.conn.execute("SELECT count(*) FROM briefs")

    def end(self) -> None:
        self.conn.rollback()
        self.conn.close()


def _wait_for_build_phase(url: str, prefix: str, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    with psycopg.connect(url, autocommit=True) as conn:
        while time.monotonic() < deadline:
            row = conn.execute(
                "SELECT phase FROM pg_stat_progress_create_index WHERE datname = current_database()"
            ).fetchone()
            if row is not None and str(row[0]).startswith(prefix):
                return str(row[0])
            time.sleep(0.05)
    raise AssertionError(f"no index build reached '{prefix}' in {timeout} s")


def _leave_unfinished(url: str, table: str) -> None:
    """An index of ``table``'s pairs as a build that died leaves it: INVALID."""
    snapshot = _Snapshot(url)
    try:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute("SET statement_timeout = '300ms'")
            create = pg_pairs.create_sql(table, concurrently=True)[0]
            with pytest.raises(psycopg.errors.QueryCanceled):
                conn.execute(create)  # type: ignore[arg-type]
    finally:
        snapshot.end()


def _hits(lib, query: str) -> list[tuple[str, int, float]]:
    return [
        (h.entity, h.id, round(h.rank, 6)) for h in lib.search(query, entities=("source", "claim"), limit=50)
    ]


class _Statements:
    """The statements a library sends, to tell whether a search asked the pairs."""

    def __init__(self, lib) -> None:
        self.lib, self.seen = lib, []

    def __enter__(self) -> _Statements:
        event.listen(self.lib.engine, "before_cursor_execute", self._seen)
        return self

    def __exit__(self, *exc: object) -> None:
        event.remove(self.lib.engine, "before_cursor_execute", self._seen)

    def _seen(self, _conn, _cursor, sql, *_args) -> None:
        self.seen.append(sql)

    @property
    def asked_pairs(self) -> bool:
        return any("briefdesk_word_pairs" in sql for sql in self.seen)


def test_a_new_team_library_has_its_indexes_and_nothing_is_built_again(team):
    url, lib = team
    assert _states(lib) == {"actors": "valid", "claims": "valid", "sources": "valid"}
    with _Statements(lib) as statements:
        report = lib.build_pair_indexes()
    assert report.status == "ready" and report.built == ()
    assert not any("CREATE INDEX" in sql for sql in statements.seen)


def test_the_search_finds_the_same_with_without_and_with_an_unfinished_index(team):
    url, lib = team
    names = _library(lib)
    with _Statements(lib) as statements:
        built = {q: _hits(lib, q) for q in EXPECTED}
    assert statements.asked_pairs
    assert {q: {names[(e, i)] for e, i, _r in hits} for q, hits in built.items()} == EXPECTED

    _drop_indexes(url, *pg_pairs.TABLES)  # as after the upgrade of a library holding records
    other = Library.open(url)  # a fresh open reads the catalog: no index, phrases by their words
    try:
        with _Statements(other) as statements:
            assert {q: _hits(other, q) for q in EXPECTED} == built
        assert not statements.asked_pairs
    finally:
        other.close()

    _leave_unfinished(url, "sources")
    _leave_unfinished(url, "claims")
    other = Library.open(url)
    try:
        assert _states(other) == {"actors": "missing", "claims": "invalid", "sources": "invalid"}
        with _Statements(other) as statements:
            assert {q: _hits(other, q) for q in EXPECTED} == built
        assert not statements.asked_pairs  # an invalid index is never asked (each row's pairs computed)
        report = other.build_pair_indexes()
        assert report.status == "built"
        assert [t for t, _s in report.built] == ["actors", "claims", "sources"]
        assert report.rebuilt == ("claims", "sources")  # dropped and built again
        assert _states(other) == {"actors": "valid", "claims": "valid", "sources": "valid"}
        with _Statements(other) as statements:  # the library that built them uses them at once
            assert {q: _hits(other, q) for q in EXPECTED} == built
        assert statements.asked_pairs
    finally:
        other.close()


def test_edits_go_on_while_the_indexes_are_built_and_one_client_builds_at_a_time(team, monkeypatch):
    url, lib = team
    names = _library(lib)
    source = lib.sources.create(
        title="Harbour", body="The slithy toves gyre near the harbour. The mome raths outgrabe."
    ).after
    claim = lib.claims.create(source_id=source.id, quote="The slithy toves gyre").after
    _drop_indexes(url, "claims", "sources")  # the actors' index is there: claims are built first
    monkeypatch.setattr(postgres, "LOCK_TIMEOUT_MS", 2_000)  # an edit that waited would fail in 2 s
    monkeypatch.setattr(pg_pairs, "RECHECK_S", 0.0)
    editor = Library.open(url)
    snapshot = _Snapshot(url)  # holds the build in its last wait, as a long read of an analyst would
    builder = Library.open(url)
    outcome: dict[str, object] = {}
    thread = threading.Thread(target=lambda: outcome.setdefault("report", builder.build_pair_indexes()))
    thread.start()
    try:
        _wait_for_build_phase(url, "waiting for old snapshots")
        assert editor.search('"slithy toves"', entities=("claim",))  # by its words meanwhile
        # the claims' index is being built: edits of claims and sources go through at once
        edited = editor.claims.update(claim.id, statement="The borogoves outgrabe.", if_version=claim.version)
        new = editor.claims.create(source_id=source.id, quote="The mome raths outgrabe").after
        editor.sources.update(source.id, title="Borogoves", if_version=source.version)
        assert edited.after.statement == "The borogoves outgrabe."
        assert thread.is_alive() and "report" not in outcome  # the edits did not wait for the build
        assert _states(editor)["claims"] == "invalid"  # still being built
        second = editor.build_pair_indexes()
        assert second.status == "busy" and "briefdesk index build" in second.holder
        assert thread.is_alive()
    finally:
        snapshot.end()
        thread.join(120)
    report = outcome["report"]
    assert report.status == "built" and [t for t, _s in report.built] == ["claims", "sources"]
    assert _states(editor) == {"actors": "valid", "claims": "valid", "sources": "valid"}
    assert _found_by_index(editor, "claims", "borogoves outgrabe") == {claim.id}
    assert _found_by_index(editor, "claims", "raths outgrabe") == {new.id}
    assert _found_by_index(editor, "sources", "slithy toves") == {source.id}
    with _Statements(editor) as statements:  # an app open during the build starts using the index
        hits = editor.search('"the government"', entities=("source", "claim"), limit=50)
    assert {names[(h.entity, h.id)] for h in hits} == EXPECTED['"the government"']
    assert statements.asked_pairs
    editor.close()
    builder.close()


def test_a_write_refused_during_an_upgrade_says_the_library_is_being_upgraded(team, monkeypatch):
    from alembic import command

    from app.library import _alembic_config

    url, lib = team
    monkeypatch.setattr(postgres, "LOCK_TIMEOUT_MS", 300)
    writer = Library.open(url)
    source = writer.sources.create(title="Cable", body="A cable.").after
    with psycopg.connect(url) as upgrade:  # a newer Briefdesk's upgrade, altering the sources
        upgrade.execute("SELECT pg_advisory_xact_lock(%s)", (postgres.UPGRADE_LOCK_KEY,))
        upgrade.execute("LOCK TABLE sources IN SHARE MODE")
        with pytest.raises(LibraryBusyError) as refused:
            writer.sources.update(source.id, title="Cable 2", if_version=source.version)
        upgrade.rollback()
    assert "is being upgraded for a newer version of Briefdesk" in str(refused.value)
    assert "nothing was changed" in str(refused.value)
    with psycopg.connect(url) as other:  # the same wait for an analyst's lock: said as before
        other.execute("LOCK TABLE sources IN SHARE MODE")
        with pytest.raises(LibraryBusyError, match="another analyst is changing the same records"):
            writer.sources.update(source.id, title="Cable 2", if_version=source.version)
        other.rollback()
    writer.close()

    cfg = _alembic_config()  # an older schema: opening it upgrades it, after the lock
    with lib.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0012")
    with psycopg.connect(url) as upgrade:
        upgrade.execute("SELECT pg_advisory_xact_lock(%s)", (postgres.UPGRADE_LOCK_KEY,))
        with pytest.raises(LibraryBusyError, match="is being upgraded"):
            Library.open(url)
        upgrade.rollback()
    Library.open(url).close()  # the lock gone, it opens (and upgrades)


def test_library_index_builds_with_progress_and_says_what_it_did(
    team, pg_server, capsys, monkeypatch, tmp_path
):
    from app.cli import main

    url, lib = team
    _library(lib)
    _drop_indexes(url, *pg_pairs.TABLES)
    _leave_unfinished(url, "sources")
    monkeypatch.setattr(pg_pairs, "PROGRESS_EVERY_S", 0.05)
    snapshot = _Snapshot(url)  # holds the first table's build long enough to show its phase
    codes: list[int] = []
    thread = threading.Thread(target=lambda: codes.append(main(["--library", url, "library", "index"])))
    thread.start()
    try:
        _wait_for_build_phase(url, "waiting for old snapshots")
        time.sleep(0.3)  # a few progress reads
    finally:
        snapshot.end()
        thread.join(60)
    assert codes == [0]
    out, err = capsys.readouterr()
    assert "actors: starting" in err and "actors: waiting for old snapshots" in err
    assert "claims: starting" in err and "sources: starting" in err
    assert out.startswith(f"Built the phrase index of {postgres.display_url(url)} in ")
    assert "actors " in out and "claims " in out and "(unfinished before, built again: sources)" in out
    assert _states(lib) == {"actors": "valid", "claims": "valid", "sources": "valid"}

    assert main(["--library", url, "library", "index", "--json"]) == 0
    done = json.loads(capsys.readouterr().out)
    assert done["status"] == "ready" and done["built"] == {}
    assert main(["--library", url, "library", "index"]) == 0
    assert "is built; nothing to do" in capsys.readouterr().out

    _drop_indexes(url, "claims")
    with psycopg.connect(url, autocommit=True) as other:  # another client building
        other.execute("SELECT pg_advisory_lock(%s)", (pg_pairs.BUILD_LOCK_KEY,))
        assert main(["--library", url, "library", "index"]) == 0
        out = capsys.readouterr().out
    assert out.startswith("Another client (postgres (") and "nothing done" in out
    assert _states(lib)["claims"] == "missing"

    file_library = tmp_path / "local.briefdesk"
    Library.open(file_library).close()
    assert main(["--library", str(file_library), "library", "index"]) == 0
    out = capsys.readouterr().out
    assert "is a library file" in out and "nothing to build" in out
