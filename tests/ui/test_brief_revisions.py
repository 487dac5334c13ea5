"""Revisions dialog: list, coloured comparison with the current text, restore into the editor."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from ui import brief_editor as be  # noqa: E402
from ui.revisions_dialog import RevisionsDialog  # noqa: E402


def test_compare_and_restore_revision(qtbot, lib, jobs, monkeypatch):
    bid = lib.briefs.create(title="B", body="Old line.\n").after.id
    ed = be.BriefEditor(lib, jobs, bid)
    qtbot.addWidget(ed)
    ed.editor.setPlainText("New line.\n")
    ed.save()
    dlg = RevisionsDialog(lib, jobs, bid, ed.body())
    qtbot.addWidget(dlg)
    assert dlg.list.count() >= 1
    old = next(
        i
        for i in range(dlg.list.count())
        if lib.briefs.revision(dlg.list.item(i).data(0x0100)).body == "Old line.\n"
    )
    dlg.list.setCurrentRow(old)
    html = dlg.diff.toHtml()
    assert "Old line." in html and "New line." in html and "#ffeef0" in html.lower()
    dlg.restore()
    assert dlg.restored_body == "Old line.\n"
    assert lib.briefs.get(bid).body == "Old line.\n"
    ed.reload_body(dlg.restored_body)
    assert ed.body() == "Old line.\n" and not ed.editor.document().isModified()
