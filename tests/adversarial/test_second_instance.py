"""A second Briefdesk on the same library, as an analyst meets it: the app left open in one window (a real
second process, typing), the command line and another app window working on the same file meanwhile. Each
gets a result or a plain refusal; nothing typed or stored is lost or overwritten."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from app.cli import main  # noqa: E402
from app.library import Library  # noqa: E402
from ui.brief_editor import BriefEditor  # noqa: E402
from ui.jobs import Jobs  # noqa: E402

WINDOW = Path(__file__).with_name("brief_window.py")
START = "# Key judgments\n\nFirst line.\n"


class FirstWindow:
    """The child process's reports (see brief_window.py), read on a thread so the test never blocks on it."""

    def __init__(self, library: Path, brief_id: int) -> None:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONUNBUFFERED="1")
        self.proc = subprocess.Popen(
            [sys.executable, str(WINDOW), str(library), str(brief_id)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=env,
        )
        self.reports: queue.Queue[dict] = queue.Queue()
        self.last: dict = {}
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.reports.put(json.loads(line))

    def wait_for(self, what, timeout: float) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                self.last = self.reports.get(timeout=0.2)
            except queue.Empty:
                assert self.proc.poll() is None, self.proc.stderr.read().decode(errors="replace")
                continue
            if what(self.last):
                return self.last
        raise AssertionError(f"the first window never got there; it last showed {self.last}")

    def latest(self) -> dict:
        """What the first window shows now (every report read)."""
        while True:
            try:
                self.last = self.reports.get_nowait()
            except queue.Empty:
                return self.last

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="the child window is stopped with a POSIX signal")
def test_a_second_briefdesk_on_the_same_library_loses_and_overwrites_nothing(qtbot, tmp_path, capsys):
    path = tmp_path / "shared.briefdesk"
    with Library.open(path) as setup:
        bid = setup.briefs.create(title="Shared brief", body=START).after.id
    first = FirstWindow(path, bid)
    lib = None
    try:
        first.wait_for(lambda s: s["lock"] == "mine" and s["typed"] >= 5, timeout=90)

        # The command line, meanwhile: reading and importing work; changing the open brief's text is refused
        # in plain words (exit 3: someone holds it) and changes nothing.
        assert main(["--library", str(path), "brief", "list"]) == 0
        note = tmp_path / "note.txt"
        note.write_text("The minister said the northern bridge reopens on Monday.\n", encoding="utf-8")
        assert main(["--library", str(path), "import", str(note)]) == 0
        replacement = tmp_path / "replacement.md"
        replacement.write_text("# Key judgments\n\nWritten from a script.\n", encoding="utf-8")
        capsys.readouterr()
        assert main(["--library", str(path), "brief", "set-body", str(bid), str(replacement)]) == 3
        err = capsys.readouterr().err
        assert f"Brief b{bid} is open for editing in another Briefdesk window of yours" in err, err
        assert "Nothing was saved" in err and "Traceback" not in err

        lib = Library.open(path, create=False)
        deadline = time.monotonic() + 30
        while "Typed" not in lib.briefs.get(bid).body:  # the first window's autosave, while it types on
            assert time.monotonic() < deadline, "the first window's typing was never autosaved"
            time.sleep(0.2)
        assert "Written from a script" not in lib.briefs.get(bid).body
        assert lib.counts()["sources"] == 1

        # A second app window on the same library (its own open library, as a second process has) opens the
        # brief: the same analyst, so it may edit it, and it shows what the first window last stored.
        second = BriefEditor(lib, Jobs(), bid)
        qtbot.addWidget(second)
        qtbot.waitUntil(lambda: second.lock_state == "mine", timeout=20_000)
        stored = lib.briefs.get(bid).body
        assert second.body() == stored and stored.startswith(START + "Typed")

        # The first window is told, in words about this case, keeps everything typed in it, and can no longer
        # save over the second one.
        lost = first.wait_for(lambda s: s["lock"] == "lost", timeout=60)
        assert "You opened this brief for editing in another Briefdesk window" in lost["banner"], lost
        assert lost["kept"].startswith(stored)
        if lost["unsaved"]:
            assert "Your last changes were not saved: save them to a file." in lost["banner"]
        second.editor.moveCursor(second.editor.textCursor().MoveOperation.End)
        second.editor.insertPlainText("Edited in the second window.\n")
        second.save()
        qtbot.waitUntil(lambda: "Edited in the second window" in lib.briefs.get(bid).body, timeout=10_000)
        time.sleep(5)  # longer than the first window's autosave deadline: it must not have written since
        assert lib.briefs.get(bid).body == second.body()
        now = first.latest()
        assert now["lock"] == "lost" and now["kept"] == lost["kept"] and first.proc.poll() is None
        second.release_lock()
        second.jobs.wait()
    finally:
        first.stop()
        if lib is not None:
            lib.close()
    assert main(["--library", str(path), "doctor"]) == 0
    assert "Nothing is wrong." in capsys.readouterr().out


def test_a_write_waiting_on_another_writer_is_refused_in_plain_words_in_bounded_time(
    tmp_path, capsys, monkeypatch
):
    """Another program holding the library's write lock (a long import elsewhere): a write queues for the busy
    timeout (10 s; shortened here), then says the library is busy, changes nothing, and works once free."""
    import sqlite3

    import app.storage.sqlite as sqlite_parts

    monkeypatch.setattr(sqlite_parts, "BUSY_TIMEOUT_MS", 1500)
    path = tmp_path / "shared.briefdesk"
    with Library.open(path) as setup:
        setup.briefs.create(title="Before", body="Text.\n")
    other = sqlite3.connect(path, timeout=0)
    other.execute("BEGIN IMMEDIATE")  # the other writer, holding the lock
    try:
        started = time.monotonic()
        assert main(["--library", str(path), "brief", "new", "Waiting"]) == 1
        waited = time.monotonic() - started
        err = capsys.readouterr().err
        assert "is busy: another Briefdesk window or command is writing to it. Try again." in err, err
        assert "Traceback" not in err and 1.0 <= waited < 20  # it queued, then gave up
    finally:
        other.rollback()
        other.close()
    assert main(["--library", str(path), "brief", "new", "Waiting"]) == 0
    with Library.open(path, create=False) as lib:
        assert sorted(b.title for b in lib.briefs.list().items) == ["Before", "Waiting"]
