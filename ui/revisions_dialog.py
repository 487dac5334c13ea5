"""Revisions of a brief: list, compare one with the current text (coloured difflib diff), restore.

``RevisionsDialog(lib, jobs, brief_id, current_text, parent)``; after ``restore()`` the dialog is accepted
and ``restored_body`` holds the restored text (the editor reloads it).
"""

from __future__ import annotations

import datetime as dt
import difflib
import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
)

from ui import theme


def _local(utc: dt.datetime) -> str:
    """A stored (UTC) time as the analyst's local time."""
    return f"{utc.replace(tzinfo=dt.UTC).astimezone():%Y-%m-%d %H:%M:%S}"


def diff_html(old: str, new: str) -> str:
    rows = []
    for line in difflib.unified_diff(
        old.splitlines(), new.splitlines(), "revision", "current", lineterm="", n=2
    ):
        esc = html.escape(line) or "&nbsp;"
        if line.startswith("+") and not line.startswith("+++"):
            rows.append(f'<div style="background:#e6ffed;color:#1a5e20">{esc}</div>')
        elif line.startswith("-") and not line.startswith("---"):
            rows.append(f'<div style="background:#ffeef0;color:#8b1a1a">{esc}</div>')
        elif line.startswith("@@"):
            rows.append(f'<div style="color:{theme.colors().muted_text.name()}">{esc}</div>')
        else:
            rows.append(f"<div>{esc}</div>")
    if not rows:
        return "<p>This revision is the same as the current text.</p>"
    return '<pre style="font-family:monospace">' + "".join(rows) + "</pre>"


class RevisionsDialog(QDialog):
    def __init__(self, lib, jobs, brief_id: int, current_text: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Revisions")
        self.lib, self.jobs, self.brief_id, self.current_text = lib, jobs, brief_id, current_text
        self.restored_body: str | None = None
        self.list = QListWidget(self)
        self.diff = QTextBrowser(self)
        split = QSplitter(self)
        split.addWidget(self.list)
        split.addWidget(self.diff)
        split.setStretchFactor(1, 3)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.restore_button = QPushButton("Restore this revision")
        self.restore_button.setEnabled(False)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self.restore)
        lay = QVBoxLayout(self)
        lay.addWidget(split)
        lay.addWidget(buttons)
        self.resize(900, 560)
        self.list.currentItemChanged.connect(self._selected)
        jobs.read(lambda: (lib.briefs.revisions(brief_id), lib.briefs.last_saved(brief_id)), self._show)

    def _show(self, loaded) -> None:
        revisions, state = loaded
        self.list.clear()
        if not state.in_revisions and state.reason == "autosave":
            # The newest autosave is stored in the brief itself (revisions are kept at most every few
            # minutes while typing): list it too, so after a crash the analyst sees what was saved and when.
            item = QListWidgetItem(f"{_local(state.saved_at)}  autosave  (the stored text)")
            item.setData(Qt.ItemDataRole.UserRole, None)
            item.setToolTip("The text as last autosaved; it is what the brief holds now.")
            self.list.addItem(item)
        for r in sorted(revisions, key=lambda r: r.created, reverse=True):
            by = f"  by {r.created_by}" if r.created_by else ""
            item = QListWidgetItem(f"{_local(r.created)}  {r.reason}{by}  ({r.word_count} words)")
            item.setData(Qt.ItemDataRole.UserRole, r.id)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)

    def _selected(self, item, _prev) -> None:
        rev_id = None if item is None else item.data(Qt.ItemDataRole.UserRole)
        self.restore_button.setEnabled(rev_id is not None)
        if item is None:
            return
        lib, bid = self.lib, self.brief_id
        if rev_id is None:  # the stored body (the newest autosave)
            self.jobs.read(lambda: lib.briefs.get(bid), self._compare)
            return
        self.jobs.read(lambda: lib.briefs.revision(rev_id), self._compare)

    def _compare(self, rev) -> None:
        self.diff.setHtml(diff_html(rev.body, self.current_text))

    def selected_revision_id(self) -> int | None:
        item = self.list.currentItem()
        rev_id = None if item is None else item.data(Qt.ItemDataRole.UserRole)
        return None if rev_id is None else int(rev_id)

    def restore(self) -> None:
        rev_id = self.selected_revision_id()
        if rev_id is None:
            return
        lib = self.lib

        def done(change) -> None:
            self.restored_body = change.after.body
            self.accept()

        self.jobs.write(lambda: lib.briefs.restore_revision(rev_id), done)
