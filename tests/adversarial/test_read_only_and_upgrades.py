"""A library in a folder that cannot be written opens read-only (SQLite's WAL needs to make its -shm file
there) and every write is refused in plain words; an upgrade killed again and again leaves a bounded number
of backup copies and the library intact."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from app.cli import main
from app.errors import LibraryError, ReadOnlyLibraryError
from app.library import UPGRADE_BACKUPS_KEPT, Library
from tests.conftest import FIXTURES

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def lock_folder():
    """Make a folder unwritable for this process: chmod for a normal user; root ignores permissions, so for
    root the immutable attribute (chattr +i, which binds root too). Restored afterwards."""
    locked: list[Path] = []

    def lock(folder: Path) -> None:
        if os.geteuid() != 0:
            folder.chmod(0o555)
        else:
            done = subprocess.run(["chattr", "+i", str(folder)], capture_output=True)
            if done.returncode != 0:
                pytest.skip("cannot make a folder read-only for root here (no chattr +i)")
        locked.append(folder)
        assert not os.access(folder, os.W_OK)

    yield lock
    for folder in locked:
        if os.geteuid() != 0:
            folder.chmod(0o755)
        else:
            subprocess.run(["chattr", "-i", str(folder)], check=False)


@pytest.fixture
def shelf(tmp_path):
    folder = tmp_path / "shelf"
    folder.mkdir()
    path = folder / "lib.briefdesk"
    with Library.open(path) as lib:
        lib.sources.create(title="Kept source", body="The minister said the bridge is closed.")
        lib.briefs.create(title="Kept brief", body="Text.")
    assert not Path(f"{path}-wal").exists()  # a clean close leaves no WAL files
    return path


def test_a_library_in_a_read_only_folder_opens_read_only(shelf, lock_folder):
    lock_folder(shelf.parent)
    with Library.open(shelf) as lib:
        assert lib.read_only and "read-only" in lib.read_only_reason
        assert [s.title for s in lib.sources.list().items] == ["Kept source"]
        assert lib.search("bridge")
        with pytest.raises(ReadOnlyLibraryError, match="edits are disabled; nothing was changed"):
            lib.sources.create(title="New", body="Other text.")
        with pytest.raises(ReadOnlyLibraryError):
            lib.briefs.set_body(1, "Changed.", reason="autosave")
    assert sorted(p.name for p in shelf.parent.iterdir()) == ["lib.briefdesk"]


def test_the_command_line_reads_and_refuses_writes_in_plain_words(shelf, lock_folder, tmp_path, capsys):
    lock_folder(shelf.parent)
    assert main(["--library", str(shelf), "sources"]) == 0
    assert "Kept source" in capsys.readouterr().out
    note = tmp_path / "note.txt"
    note.write_text("A note\n\nBody.", encoding="utf-8")
    for command in (
        ["source", "set", "1", "--title", "New"],
        ["import", str(note)],
        ["demo", "--force"],
        ["brief", "new", "X"],
    ):
        assert main(["--library", str(shelf), *command]) == 1, command
        err = capsys.readouterr().err
        assert "is open read-only" in err and "edits are disabled" in err, (command, err)
        assert "Traceback" not in err
    assert main(["--library", str(shelf), "doctor"]) == 0
    capsys.readouterr()


def test_uncheckpointed_changes_are_read_from_a_read_only_folder(tmp_path, lock_folder):
    """-wal and -shm left beside the library (a copy taken while it was open): read, not ignored."""
    live = tmp_path / "live.briefdesk"
    lib = Library.open(live)
    try:
        lib.sources.create(title="Only in the WAL", body="Written just before the copy.")
        copy_dir = tmp_path / "copy"
        copy_dir.mkdir()
        for suffix in ("", "-wal", "-shm"):
            shutil.copy(f"{live}{suffix}", copy_dir / f"live.briefdesk{suffix}")
    finally:
        lib.close()
    lock_folder(copy_dir)
    with Library.open(copy_dir / "live.briefdesk") as ro:
        assert ro.read_only
        assert [s.title for s in ro.sources.list().items] == ["Only in the WAL"]


def test_read_only_on_request_and_an_upgrade_that_cannot_happen(shelf, tmp_path, lock_folder):
    with Library.open(shelf, read_only=True) as lib:
        assert lib.read_only_reason == "it was opened read-only"
        with pytest.raises(ReadOnlyLibraryError):
            lib.briefs.create(title="No")
    old_dir = tmp_path / "old"
    old_dir.mkdir()
    old = old_dir / "old.briefdesk"
    shutil.copy(FIXTURES / "libraries" / "library-0001.briefdesk", old)
    before = old.read_bytes()
    lock_folder(old_dir)
    with pytest.raises(LibraryError, match="must be upgraded .* Copy it to a folder you can write to"):
        Library.open(old)
    assert old.read_bytes() == before


_STALL_UPGRADE = """
import sys, time
from app.library import Library
Library._upgrade = staticmethod(lambda engine: time.sleep(3600))  # a migration that never ends
Library.open(sys.argv[1])
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs kill -9 (POSIX)")
def test_killing_an_upgrade_again_and_again_keeps_a_bounded_number_of_backups(tmp_path):
    path = tmp_path / "old.briefdesk"
    shutil.copy(FIXTURES / "libraries" / "library-0001.briefdesk", path)
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    for attempt in range(6):
        before = set(tmp_path.glob("old.schema-*"))
        child = subprocess.Popen([sys.executable, "-c", _STALL_UPGRADE, str(path)], cwd=ROOT, env=env)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            made = set(tmp_path.glob("old.schema-*.backup.briefdesk")) - before
            if made or child.poll() is not None:
                break
            time.sleep(0.05)
        child.send_signal(signal.SIGKILL)
        child.wait()
        assert made, f"attempt {attempt}: no backup was made before the upgrade"
    backups = sorted(tmp_path.glob("old.schema-*"))
    assert len(backups) <= UPGRADE_BACKUPS_KEPT, backups
    assert not list(tmp_path.glob("*.partial"))
    with Library.open(path) as lib:  # the library itself is intact and upgrades now
        assert lib.claims.with_links(1).claim.quote == "the harbour will reopen on Friday"
    assert len(list(tmp_path.glob("old.schema-*"))) <= UPGRADE_BACKUPS_KEPT


# --- a full disk ------------------------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path):
    """A real disk of a given size (a tmpfs mounted for the test; needs root, as CI runs), so a full disk is
    the file system's own ENOSPC and SQLite's own SQLITE_FULL, not a simulation."""
    mounted: list[Path] = []

    def make(size_kb: int) -> Path:
        folder = tmp_path / f"disk{len(mounted)}"
        folder.mkdir()
        if os.geteuid() != 0 or not shutil.which("mount"):
            pytest.skip("a small real disk needs root to mount a tmpfs")
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(folder)], capture_output=True
        )
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode(errors='replace').strip()}")
        mounted.append(folder)
        return folder

    def grow(folder: Path, size_kb: int) -> None:
        subprocess.run(["mount", "-o", f"remount,size={size_kb}k", str(folder)], check=True)

    make.grow = grow  # type: ignore[attr-defined]
    yield make
    for folder in mounted:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def _dump(path: Path) -> list[str]:
    import sqlite3

    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


def _old_library(folder: Path) -> Path:
    path = folder / "old.briefdesk"
    shutil.copy(FIXTURES / "libraries" / "library-0001.briefdesk", path)
    return path


def test_an_upgrade_without_room_is_refused_before_anything_is_written(small_disk):
    path = _old_library(small_disk(400))  # room for the library, not for a copy and the upgrade
    before = path.read_bytes()
    with pytest.raises(LibraryError) as err:
        Library.open(path)
    message = str(err.value)
    assert message.startswith(f"There is not enough free space beside {path} to back it up and upgrade it")
    assert "MB are free" in message and "the library was left untouched" in message
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["old.briefdesk"]  # no copy, no partial, no WAL


def test_the_command_line_says_the_disk_is_full_in_plain_words(small_disk, capsys):
    path = _old_library(small_disk(400))
    assert main(["--library", str(path), "sources"]) == 1
    err = capsys.readouterr().err
    assert "not enough free space" in err and "Traceback" not in err


@pytest.mark.parametrize(
    "size_kb,where",
    [(250, "backup"), (470, "upgrade")],  # full while copying; room for the copy but not the upgrade
)
def test_a_disk_that_fills_up_anyway_is_said_plainly_and_nothing_is_lost(
    small_disk, monkeypatch, size_kb, where
):
    """The free-space check can be wrong (another program writing at the same moment): the disk's own error
    is then said in plain words, no half copy is left, and the library opens once there is room."""
    import app.storage.sqlite as sqlite_parts

    folder = small_disk(size_kb)
    path = _old_library(folder)
    real_usage = shutil.disk_usage
    monkeypatch.setattr(shutil, "disk_usage", lambda p: real_usage(p)._replace(free=10**12))
    with pytest.raises(LibraryError) as err:
        Library.open(path)
    message = str(err.value)
    assert "Traceback" not in message and "free some space" in message.lower()
    assert not list(folder.glob("*" + sqlite_parts.PARTIAL))
    backups = list(folder.glob("old.schema-*"))
    if where == "backup":
        assert message.startswith("There is not enough free space beside")
        assert backups == []
    else:
        assert (
            "filled up while it was being upgraded" in message and f"a backup is at {backups[0]}" in message
        )
        assert _dump(backups[0]) == _dump(FIXTURES / "libraries" / "library-0001.briefdesk")
    monkeypatch.undo()
    small_disk.grow(folder, 4000)
    with Library.open(path) as lib:  # unchanged, so the upgrade runs again and keeps everything
        assert lib.claims.with_links(1).claim.quote == "the harbour will reopen on Friday"


def test_old_backups_are_pruned_before_a_new_one_needs_room(small_disk):
    """A folder already holding the kept number of upgrade backups and room for the new copy only once the
    oldest goes: the oldest goes first and the upgrade succeeds."""
    folder = small_disk(1810)  # 1.25 MB free beside three backups, 1.4 MB once the oldest goes; 1.3 MB asked
    path = _old_library(folder)
    for n in range(UPGRADE_BACKUPS_KEPT):
        old = folder / f"old.schema-0001.2026010{n + 1}-000000-000000.backup.briefdesk"
        shutil.copy(path, old)
        os.utime(old, (1_700_000_000 + n, 1_700_000_000 + n))
    oldest = folder / "old.schema-0001.20260101-000000-000000.backup.briefdesk"
    with Library.open(path) as lib:
        assert lib.claims.with_links(1).claim.quote == "the harbour will reopen on Friday"
    backups = sorted(folder.glob("old.schema-*"))
    assert len(backups) == UPGRADE_BACKUPS_KEPT and oldest not in backups


def test_the_free_space_check_runs_everywhere(tmp_path, monkeypatch):
    """Without root (no small disk to mount) the refusal is still checked, with the free space reported low."""
    path = _old_library(tmp_path)
    before = path.read_bytes()
    real_usage = shutil.disk_usage
    monkeypatch.setattr(shutil, "disk_usage", lambda p: real_usage(p)._replace(free=200_000))
    with pytest.raises(LibraryError, match="not enough free space.*0.2 MB are free"):
        Library.open(path)
    assert path.read_bytes() == before and not list(tmp_path.glob("old.schema-*"))


def test_doctor_repair_without_room_is_refused_in_plain_words(tmp_path, monkeypatch):
    from app import doctor

    path = tmp_path / "lib.briefdesk"
    with Library.open(path) as lib:
        lib.sources.create(title="Kept", body="Text.")
    real_usage = shutil.disk_usage
    monkeypatch.setattr(shutil, "disk_usage", lambda p: real_usage(p)._replace(free=10_000))
    with pytest.raises(LibraryError, match="not enough free space beside .* to back it up and repair it"):
        doctor.backup_before_repair(path)
    assert not list(tmp_path.glob("lib.before-repair*"))


def _fill(folder: Path, leave: int = 40_000) -> Path:
    """Fill the disk holding ``folder`` up to ``leave`` bytes (another program's files)."""
    st = os.statvfs(folder)
    filler = folder / "filler"
    filler.write_bytes(b"\0" * max(st.f_bavail * st.f_frsize - leave, 0))
    return filler


def test_a_full_disk_refuses_each_write_plainly_and_loses_nothing(small_disk, capsys):
    folder = small_disk(2000)
    path = folder / "lib.briefdesk"
    assert main(["--library", str(path), "brief", "new", "Kept"]) == 0
    article = folder.parent / "article.txt"
    article.write_text(
        "Bridge closed\n\n" + "The minister said the northern bridge is closed to convoys.\n" * 4000,
        encoding="utf-8",
    )
    filler = _fill(folder)
    capsys.readouterr()
    assert main(["--library", str(path), "import", str(article)]) == 1
    assert main(["--library", str(path), "brief", "new", "Another"]) == 1
    err = capsys.readouterr().err
    assert err.count(f"The disk holding {path} is full; nothing was changed.") == 2, err
    assert "Traceback" not in err
    assert main(["--library", str(path), "brief", "list"]) == 0  # reading goes on
    filler.unlink()
    assert main(["--library", str(path), "import", str(article)]) == 0
    with Library.open(path, create=False) as lib:
        assert lib.counts()["sources"] == 1 and lib.counts()["briefs"] == 1


def test_the_editor_keeps_its_text_when_the_disk_is_full_and_saves_it_once_there_is_room(qtbot, small_disk):
    from ui.brief_editor import BriefEditor
    from ui.jobs import Jobs

    folder = small_disk(2000)
    with Library.open(folder / "lib.briefdesk") as setup:
        bid = setup.briefs.create(title="Kept", body="# Key judgments\n\nFirst line.\n").after.id
    lib = Library.open(folder / "lib.briefdesk", create=False)
    try:
        editor = BriefEditor(lib, Jobs(), bid)
        qtbot.addWidget(editor)
        qtbot.waitUntil(lambda: editor.lock_state == "mine", timeout=10_000)
        filler = _fill(folder)
        text = "# Key judgments\n\n" + "The northern bridge stays closed to convoys this week.\n" * 3000
        editor.editor.setPlainText(text)
        editor.save()
        qtbot.waitUntil(lambda: editor.save_error is not None, timeout=10_000)
        assert "The disk holding" in editor.status.text() and "is full" in editor.status.text()
        assert not editor.banner.isHidden() and "Your text is kept here" in editor.banner_label.text()
        assert editor.body() == text and editor.has_unsaved_text()
        assert lib.briefs.get(bid).body == "# Key judgments\n\nFirst line.\n"
        filler.unlink()
        editor.retry_save()
        qtbot.waitUntil(lambda: lib.briefs.get(bid).body == text, timeout=10_000)
        qtbot.waitUntil(lambda: not editor.has_unsaved_text(), timeout=10_000)
        editor.release_lock()
        editor.jobs.wait()
    finally:
        lib.close()
