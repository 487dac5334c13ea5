"""Claim picker: search, choose, and the citation inserted in the editor (or added to an existing bracket)."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from ui import brief_editor as be  # noqa: E402
from ui.claim_picker_dialog import ClaimPickerDialog  # noqa: E402


@pytest.fixture
def claims(lib):
    src = lib.sources.create(
        title="Wire", body="The minister said the plant is closed. The envoy denied talks."
    ).after
    a = lib.claims.create(source_id=src.id, quote="the plant is closed", actor="Minister").after
    b = lib.claims.create(source_id=src.id, quote="The envoy denied talks", actor="Envoy").after
    return a, b


def test_picker_searches_and_returns_the_chosen_claim(qtbot, lib, jobs, claims):
    dlg = ClaimPickerDialog(lib, jobs)
    qtbot.addWidget(dlg)
    assert dlg.results.count() == 2
    dlg.query.setText("envoy")
    qtbot.waitUntil(lambda: dlg.results.count() == 1, timeout=2000)
    assert "Envoy" in dlg.results.item(0).text()
    assert dlg.chosen_ids() == [claims[1].id]
    assert dlg.total_label.text() == "1 claim matches."


def test_picker_total_is_counted_or_marked_as_an_estimate(qtbot, lib, jobs, claims, monkeypatch):
    """Exact when counting is quick; otherwise "About N" (never a slow exact count)."""
    from app.domain_lists import Page

    dlg = ClaimPickerDialog(lib, jobs)
    qtbot.addWidget(dlg)
    dlg.query.setText("the")
    qtbot.waitUntil(lambda: dlg.total_label.text() == "2 claims match.", timeout=2000)
    from app.storage import fts_plan, postgres

    monkeypatch.setattr(fts_plan, "EXACT_COUNT_BUDGET", 0.0)  # any count is "slow"
    monkeypatch.setattr(fts_plan, "SAMPLE", 1)  # two matches: more than the sample, so estimated
    monkeypatch.setattr(postgres, "ESTIMATE_ABOVE", 0)
    dlg.query.setText("the ")
    dlg._search()
    if lib.dialect == "sqlite":
        qtbot.waitUntil(lambda: dlg.total_label.text().startswith("About "), timeout=2000)
    from ui.claim_picker_dialog import total_text

    assert total_text(Page(items=(1,) * 50, total=723_456, offset=0, limit=50, estimated=True)) == (
        "About 720,000 claims match; 50 are listed."
    )
    assert total_text(Page(items=(), total=0, offset=0, limit=50)) == "No claim matches."


def test_cite_inserts_and_extends_an_existing_bracket(qtbot, lib, jobs, claims, monkeypatch):
    bid = lib.briefs.create(title="B", body="Plant closed ").after.id
    ed = be.BriefEditor(lib, jobs, bid)
    qtbot.addWidget(ed)
    ed.editor.moveCursor(ed.editor.textCursor().MoveOperation.End)
    monkeypatch.setattr(ClaimPickerDialog, "exec", lambda self: 1)
    monkeypatch.setattr(ClaimPickerDialog, "chosen_ids", lambda self: [claims[0].id])
    ed.pick_claim_action.trigger()
    assert ed.body() == f"Plant closed [@c{claims[0].id}]"
    cur = ed.editor.textCursor()
    cur.setPosition(len("Plant closed [@c"))
    ed.editor.setTextCursor(cur)
    ed.insert_citation([claims[1].id])
    assert ed.body() == f"Plant closed [@c{claims[0].id}; @c{claims[1].id}]"
