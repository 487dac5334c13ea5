"""A child process for tests/adversarial/test_second_instance.py: a Briefdesk brief editor in its own process
(offscreen), as a first window the analyst left open, typing into the brief now and then.

``python tests/adversarial/brief_window.py LIBRARY BRIEF_ID``. It prints one JSON line on stdout whenever
what the analyst would see changes: ``lock`` (the editor's lock_state), ``banner`` (the banner's text, '' when
hidden), ``typed`` (characters typed into it so far), ``kept`` (the text its editor holds) and ``unsaved``.
It types one character every 150 ms once it holds the brief, until it can no longer edit it; nothing here
saves: only the editor's own autosave does.
"""

from __future__ import annotations

import json
import os
import sys

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("LANG", "C.UTF-8")
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtGui import QTextCursor  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.library import Library  # noqa: E402
from ui.brief_editor import BriefEditor  # noqa: E402
from ui.jobs import Jobs  # noqa: E402

TYPED = "Typed in the first window. "


def main() -> None:
    library, brief_id = sys.argv[1], int(sys.argv[2])
    app = QApplication([])
    lib = Library.open(library, create=False)
    editor = BriefEditor(lib, Jobs(), brief_id)
    editor.resize(1000, 700)
    editor.show()
    state = {"typed": 0, "last": None}

    def report() -> None:
        now = {
            "lock": editor.lock_state,
            "banner": editor.banner_label.text() if not editor.banner.isHidden() else "",
            "typed": state["typed"],
            "kept": editor.body(),
            "unsaved": editor.has_unsaved_text(),
        }
        if now != state["last"]:
            state["last"] = now
            sys.stdout.write(json.dumps(now) + "\n")
            sys.stdout.flush()

    def key() -> None:
        if editor.lock_state != "mine" or editor.editor.isReadOnly():
            return
        if state["typed"] == 0:
            editor.editor.setFocus()
            editor.editor.moveCursor(QTextCursor.MoveOperation.End)
        QTest.keyClicks(editor.editor, TYPED[state["typed"] % len(TYPED)])
        state["typed"] += 1

    typing = QTimer()
    typing.setInterval(150)
    typing.timeout.connect(key)
    typing.start()
    watch = QTimer()
    watch.setInterval(100)
    watch.timeout.connect(report)
    watch.start()
    app.exec()


if __name__ == "__main__":
    main()
