"""Opening, creating, upgrading and refusing library files."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.errors import LibraryTooNewError, NotALibraryError
from app.library import Library, known_revisions
from app.storage.sqlite import APPLICATION_ID
from tests.conftest import FIXTURES


def _snapshot(path: Path) -> tuple[bytes, list[str]]:
    return path.read_bytes(), sorted(p.name for p in path.parent.iterdir())


def test_new_library_is_created_and_stamped_at_the_newest_schema(tmp_path):
    path = tmp_path / "sub" / "new.briefdesk"
    with Library.open(path) as lib:
        assert lib.counts() == {"sources": 0, "actors": 0, "claims": 0, "links": 0, "briefs": 0}
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == known_revisions()[1]
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_open_without_create_refuses_a_missing_file(tmp_path):
    with pytest.raises(Exception, match="no library"):
        Library.open(tmp_path / "missing.briefdesk", create=False)
    assert not (tmp_path / "missing.briefdesk").exists()


@pytest.mark.parametrize(
    "content",
    [b"", b"just some notes\n", b"SQLite format 3\x00" + b"\x00" * 50, bytes(range(256)) * 40],
    ids=["empty", "text", "truncated-header", "binary"],
)
def test_a_file_that_is_not_a_library_is_refused_and_untouched(tmp_path, content):
    path = tmp_path / "notes.briefdesk"
    path.write_bytes(content)
    before = _snapshot(path)
    with pytest.raises(NotALibraryError) as err:
        Library.open(path)
    assert str(path) in str(err.value)
    assert _snapshot(path) == before


def test_a_pipe_or_device_is_refused_without_waiting_on_it(tmp_path):
    import os

    pipe = tmp_path / "library.briefdesk"
    os.mkfifo(pipe)
    for path in (pipe, "/dev/null"):
        with pytest.raises(NotALibraryError, match="not a regular file"):
            Library.open(path)


def test_another_sqlite_database_is_refused_and_untouched(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES (1)")
    conn.commit()
    conn.close()
    before = _snapshot(path)
    with pytest.raises(NotALibraryError, match="not a Briefdesk library"):
        Library.open(path)
    assert _snapshot(path) == before


def test_a_corrupt_library_is_refused_with_its_name_and_untouched(tmp_path):
    path = tmp_path / "corrupt.briefdesk"
    with Library.open(path) as lib:
        for i in range(40):
            lib.sources.create(title=f"Source {i}", body=f"Body number {i} " * 200)
    # Checkpoint the WAL into the main file so the damage hits real pages.
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    for suffix in ("-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    data = bytearray(path.read_bytes())
    page = 4096
    for offset in range(page * 2, len(data) - page, page * 3):
        data[offset : offset + 200] = b"\xff" * 200
    path.write_bytes(bytes(data))
    before = _snapshot(path)
    with pytest.raises(NotALibraryError) as err:
        Library.open(path)
    assert str(path) in str(err.value)
    assert _snapshot(path) == before


def _damage_page_of(path: Path, table: str) -> None:
    """Overwrite the b-tree page holding ``table``'s rows (its first leaf) with bytes no page can hold."""
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    page = conn.execute(
        "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf'", (table,)
    ).fetchone()[0]
    conn.close()
    with open(path, "r+b") as fh:
        fh.seek((page - 1) * page_size)
        fh.write(b"\xff" * 400)


@pytest.mark.parametrize("many", [False, True], ids=["one-brief", "all-briefs"])
def test_export_of_a_damaged_library_stops_with_the_plain_message(tmp_path, put_demo, capsys, many):
    """Export only reads, so it opens the file without checking it whole first; the damaged page it reads
    still stops it with one plain sentence naming the file, nothing is written, and the file is untouched.
    A command that writes still has the whole file checked at open and is refused before it starts."""
    from app.cli import main

    path = tmp_path / "lib.briefdesk"
    put_demo(path)
    _damage_page_of(path, "briefs")
    before = path.read_bytes()
    out = tmp_path / "out"
    out.mkdir()
    target = [f"{out}/", "--all"] if many else [str(out / "b1.docx"), "1"]
    rc = main(["--library", str(path), "export", "-o", target[0], *target[1:], "--force"])
    err = capsys.readouterr().err
    assert rc == 1
    assert f"The library {path} is damaged" in err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert not any(out.iterdir())
    assert path.read_bytes() == before
    assert main(["--library", str(path), "brief", "set", "1", "--title", "Renamed"]) != 0
    assert "fails its integrity check" in capsys.readouterr().err
    with pytest.raises(NotALibraryError, match="integrity check"):
        Library.open(path)
    assert path.read_bytes() == before


def test_a_library_from_a_newer_briefdesk_is_refused_and_untouched(tmp_path):
    path = tmp_path / "future.briefdesk"
    Library.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = _snapshot(path)
    with pytest.raises(LibraryTooNewError, match="newer version of Briefdesk"):
        Library.open(path)
    assert _snapshot(path) == before


def test_a_folder_is_not_a_library(tmp_path):
    with pytest.raises(NotALibraryError, match="folder"):
        Library.open(tmp_path)


@pytest.mark.parametrize("folder", ["what?", "notes#2", "a?b=c#d", "100%"])
def test_a_library_in_a_folder_named_with_url_characters_is_that_file(tmp_path, folder):
    """A '?' or '#' in a folder's name is part of the path: the library is made, written and read at exactly
    that path (the path once went through URL text, and '/x/what?/lib.briefdesk' wrote a file '/x/what')."""
    (tmp_path / folder).mkdir()
    path = tmp_path / folder / "lib.briefdesk"
    with Library.open(path) as lib:
        brief = lib.briefs.create(title="Where it lives", body="Text.").after
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder]
    assert [p.name for p in (tmp_path / folder).iterdir()] == ["lib.briefdesk"]
    with Library.open(path, create=False) as lib:
        assert lib.briefs.get(brief.id).title == "Where it lives"


def test_a_first_schema_library_is_backed_up_then_upgraded_with_its_content(tmp_path):
    path = tmp_path / "old.briefdesk"
    shutil.copy(FIXTURES / "libraries" / "library-0001.briefdesk", path)
    original = path.read_bytes()
    with Library.open(path) as lib:
        assert lib.backup_path is not None and lib.backup_path.exists()
        assert lib.backup_path.parent == path.parent
        claim = lib.claims.with_links(1)
        assert claim.claim.quote == "the harbour will reopen on Friday"
        assert [d.claim.id for d in claim.denials] == [2]
        assert lib.briefs.get(1).summary_statement == ""  # column added by 0002
        assert [h.id for h in lib.search("harbour", entities=("source",))] == [1]
        # the upgraded library accepts new data through the services
        lib.claims.create(source_id=1, quote="reopen on Friday", actor="Dockworkers' union")
    backup = sqlite3.connect(lib.backup_path)
    assert backup.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
    backup.close()
    assert path.read_bytes() != original
    # opening again needs no second backup
    with Library.open(path) as lib2:
        assert lib2.backup_path is None


def test_two_instances_on_one_library_both_read_and_write(tmp_path):
    path = tmp_path / "shared.briefdesk"
    first = Library.open(path)
    second = Library.open(path)
    try:
        a = first.sources.create(title="From the first window", body="alpha text").after
        b = second.sources.create(title="From the second window", body="beta text").after
        assert {s.id for s in first.sources.list().items} == {a.id, b.id}
        assert second.sources.get(a.id).title == "From the first window"
    finally:
        first.close()
        second.close()


def test_transaction_is_all_or_nothing(lib, source):
    from app.errors import ValidationError

    with pytest.raises(ValidationError), lib.transaction():
        lib.claims.create(source_id=source.id, quote="the border crossing at Kessel")
        lib.claims.create(source_id=source.id, quote="words that are not in the source")
    assert lib.claims.count() == 0


def test_a_read_only_library_can_be_read_and_refuses_writes_plainly(tmp_path):
    import os
    import stat

    if os.geteuid() == 0:
        pytest.skip("root ignores file permissions")
    path = tmp_path / "ro.briefdesk"
    with Library.open(path) as lib:
        lib.sources.create(title="Kept", body="text")
    path.chmod(stat.S_IRUSR)
    with Library.open(path) as lib, pytest.raises(Exception, match="read-only"):
        lib.sources.create(title="New", body="other")


def test_schema_revisions_read_from_the_migration_files_agree_with_alembic():
    from alembic.script import ScriptDirectory

    from app.library import _alembic_config

    script = ScriptDirectory.from_config(_alembic_config())
    walked = [r.revision for r in script.walk_revisions()]
    walked.reverse()
    assert known_revisions() == (walked, script.get_current_head())


def test_the_whole_schema_is_every_table_a_library_holds_even_when_loaded_alone(tmp_path):
    """The tables no reading command reads live in app.storage.tables_more, so a cold export does not build
    them; what walks every table (a brief's deletion and its undo, DDL, the ORM) takes its ``full_metadata()``,
    which holds them all even in a process that has imported nothing else: a table missing there would be
    silently skipped when a brief is deleted and kept for undo."""
    path = tmp_path / "x.briefdesk"
    Library.open(path).close()
    conn = sqlite3.connect(path)
    stored = {
        name
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        if not name.startswith(("search_fts", "sqlite_", "alembic_"))
    }
    conn.close()
    code = (
        "import sys; from app.storage import tables; "
        "print('app.storage.tables_more' in sys.modules, len(tables._metadata.tables)); "
        "from app.storage.tables_more import full_metadata; print(' '.join(sorted(full_metadata().tables)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    first, names = out.splitlines()
    assert first == "False 12"  # the reading tables alone, until the whole schema is asked for
    assert set(names.split()) == stored


def test_the_whole_schema_holds_every_index_and_named_constraint_a_library_holds(tmp_path):
    """app.storage.tables adds its tables' indexes and CHECK/UNIQUE constraints only when the whole schema is
    asked for (no query reads them; a cold export does not build them): ``full_metadata()`` holds each one the
    migrations create, so the schema Alembic compares and the ORM maps is the whole one."""
    path = tmp_path / "x.briefdesk"
    Library.open(path).close()
    conn = sqlite3.connect(path)
    indexes = {
        name
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
        if not name.startswith("sqlite_autoindex")
    }
    table_sql = dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall())
    conn.close()
    code = (
        "import sys; from app.storage import tables; "
        "print(sum(len(t.indexes) + sum(1 for c in t.constraints if c.name) for t in tables._metadata.tables.values())); "
        "from app.storage.tables_more import full_metadata; tables = full_metadata().tables.values(); "
        "print(' '.join(sorted(i.name for t in tables for i in t.indexes))); "
        "print(' '.join(sorted(f'{t.name}:{c.name}' for t in tables for c in t.constraints if c.name)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    alone, declared, named = out.splitlines()
    assert int(alone) == 0  # no index nor named constraint until the whole schema is asked for
    # every index the tables declare, and only four more: those the migrations make that the tables do not
    # declare (as before the tables' indexes were added on demand)
    assert set(declared.split()) <= indexes
    assert indexes - set(declared.split()) == {
        "ix_change_log_at",
        "ix_claims_said_words",
        "ix_claims_status",
        "ix_claims_words_unfilled",
    }
    for item in named.split():
        table, constraint = item.split(":")
        assert constraint in table_sql[table], item
