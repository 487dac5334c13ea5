"""A child process for tests/ui/test_autosave_kill.py: opens the brief editor offscreen on a library and types
into it through QTest, steadily, until it is killed.

``python tests/ui/autosave_typist.py LIBRARY BRIEF_ID LOG``. Each keystroke appends ``<monotonic time> <chars
typed>`` to LOG (written with os.write, so a kill -9 loses no line); "ready" is printed on stdout when the
brief is loaded and typing starts. Nothing here saves: only the editor's own autosave does.
"""

from __future__ import annotations

import os
import sys
import time

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("LANG", "C.UTF-8")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from PySide6.QtCore import Qt, QTimer  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.library import Library  # noqa: E402
from ui.brief_editor import BriefEditor  # noqa: E402
from ui.jobs import Jobs  # noqa: E402

KEY_INTERVAL_MS = 60  # ~16 characters a second: a fast, steady typist who never pauses
WORDS = [
    "the",
    "ministry",
    "said",
    "on",
    "tuesday",
    "that",
    "convoy",
    "traffic",
    "across",
    "the",
    "northern",
    "bridge",
    "would",
    "resume",
]


def typed_text(n: int) -> str:
    """The first n characters the typist types (the test rebuilds it to compare with the library)."""
    out, i = [], 0
    while sum(map(len, out)) < n:
        word = WORDS[i % len(WORDS)]
        out.append(word + ("\n" if i % 17 == 16 else " "))
        i += 1
    return "".join(out)[:n]


def main() -> None:
    library, brief_id, log_path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    app = QApplication([])
    lib = Library.open(library, create=False)
    jobs = Jobs()
    editor = BriefEditor(lib, jobs, brief_id)
    editor.resize(1200, 800)
    editor.show()
    log = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    script = typed_text(100_000)
    state = {"n": 0}

    def start() -> None:
        if not editor.body() or editor.editor.isReadOnly():
            # the brief is still loading on the read pool, or its lock not yet taken (the text is read-only
            # until this window holds it)
            QTimer.singleShot(50, start)
            return
        editor.editor.setFocus()
        editor.editor.moveCursor(QTextCursor.MoveOperation.End)
        sys.stdout.write("ready\n")
        sys.stdout.flush()
        timer.start()

    def key() -> None:
        ch = script[state["n"]]
        if ch == "\n":
            QTest.keyClick(editor.editor, Qt.Key.Key_Return)
        else:
            QTest.keyClicks(editor.editor, ch)
        state["n"] += 1
        os.write(log, f"{time.monotonic():.3f} {state['n']}\n".encode())

    timer = QTimer()
    timer.setInterval(KEY_INTERVAL_MS)
    timer.timeout.connect(key)
    QTimer.singleShot(0, start)
    app.exec()


if __name__ == "__main__":
    main()
