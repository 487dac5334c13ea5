"""Brief properties dialog: creating a brief and editing one write the row in the library."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from ui.brief_properties_dialog import BriefPropertiesDialog  # noqa: E402
from ui.jobs import Jobs  # noqa: E402


@pytest.fixture
def sync_jobs(monkeypatch, qtbot):
    monkeypatch.setattr(Jobs, "synchronous", True)
    return Jobs()


def test_new_brief_and_edit(qtbot, lib, sync_jobs):
    dlg = BriefPropertiesDialog(lib, sync_jobs, None, defaults={"author": "A. Analyst"})
    qtbot.addWidget(dlg)
    assert dlg.author.text() == "A. Analyst"
    dlg.accept()
    assert dlg.created_id is None and "title" in dlg.error.text()
    dlg.title.setText("Harbour closure")
    dlg.scheme.setCurrentIndex(dlg.scheme.findData("tlp"))
    dlg.mark.setCurrentText("TLP:AMBER")
    dlg.accept()
    b = lib.briefs.get(dlg.created_id)
    assert (b.title, b.author, b.marking_scheme, b.default_marking) == (
        "Harbour closure",
        "A. Analyst",
        "tlp",
        "TLP:AMBER",
    )

    edit = BriefPropertiesDialog(lib, sync_jobs, b.id)
    qtbot.addWidget(edit)
    assert edit.title.text() == "Harbour closure" and edit.mark.currentText() == "TLP:AMBER"
    edit.organisation.setText("Desk 4")
    edit.status.setCurrentIndex(edit.status.findData("final"))
    edit.accept()
    b = lib.briefs.get(b.id)
    assert (b.organisation, b.status, b.default_marking) == ("Desk 4", "final", "TLP:AMBER")
