"""Autosave under steady typing, tried for real: a child process types into the brief editor for ~20 s without
a pause and is killed with SIGKILL; the library must hold everything typed up to at most 5 s before the kill,
and the editor opened afterwards must show that text and say it was autosaved."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("pytestqt")

from ui import brief_editor as be  # noqa: E402

HERE = Path(__file__).parent
TYPIST = HERE / "autosave_typist.py"
INITIAL = "# Key judgments\n\n"
TYPING_SECONDS = 20
MAX_LOSS_SECONDS = 5.0

sys.path.insert(0, str(HERE))
from autosave_typist import typed_text  # noqa: E402


@pytest.mark.slow
@pytest.mark.sqlite_only(
    "40 s of typing; the autosave does not depend on the database (the service tests run on both)"
)
@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs kill -9 (POSIX)")
def test_kill_9_after_20_seconds_of_steady_typing_loses_at_most_5_seconds(qtbot, lib, jobs, tmp_path):
    brief_id = lib.briefs.create(title="Typed under pressure", body=INITIAL).after.id
    log = tmp_path / "keys.log"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONUNBUFFERED="1")
    child = subprocess.Popen(
        [sys.executable, str(TYPIST), str(lib.path), str(brief_id), str(log)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        line = child.stdout.readline()  # blocks until the editor has loaded the brief and typing starts
        assert line.strip() == b"ready", child.stderr.read().decode(errors="replace")
        time.sleep(TYPING_SECONDS)
        assert child.poll() is None, child.stderr.read().decode(errors="replace")
        killed_at = time.monotonic()
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    assert child.returncode == -signal.SIGKILL

    keys = [tuple(map(float, row.split())) for row in log.read_text().split("\n") if row.strip()]
    typed = int(keys[-1][1])
    assert typed > 200, f"the child typed only {typed} characters in {TYPING_SECONDS} s"
    assert keys[-1][0] - keys[0][0] > TYPING_SECONDS - 3, "typing did not go on steadily until the kill"

    stored = lib.briefs.get(brief_id).body
    assert stored.startswith(INITIAL)
    saved = stored[len(INITIAL) :]
    assert saved == typed_text(len(saved)), "what is stored is exactly a prefix of what was typed"
    # The first keystroke that is not in the library: everything from then on was lost.
    lost_from = next((t for t, n in keys if n > len(saved)), killed_at)
    assert killed_at - lost_from <= MAX_LOSS_SECONDS, (
        f"{typed - len(saved)} characters typed over the last {killed_at - lost_from:.1f} s were lost"
    )
    assert len(saved) > typed // 2

    # Reopening the brief shows what was saved, and says it came from an autosave.
    ed = be.BriefEditor(lib, jobs, brief_id)
    qtbot.addWidget(ed)
    assert ed.body() == stored
    assert "restored from the autosave of" in ed.status.text()
    assert not ed.editor.document().isModified()

    from ui.revisions_dialog import RevisionsDialog

    dlg = RevisionsDialog(lib, jobs, brief_id, ed.body(), ed)
    qtbot.addWidget(dlg)
    entries = [dlg.list.item(i).text() for i in range(dlg.list.count())]
    assert "autosave" in entries[0], entries
