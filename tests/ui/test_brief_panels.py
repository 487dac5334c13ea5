"""Cited-claims panel (order of first citation, denials beside, uncited denial flagged) and outline jumps."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from ui import brief_editor as be  # noqa: E402


def test_cited_claims_panel_lists_claims_with_uncited_denials(qtbot, lib, jobs):
    src = lib.sources.create(
        title="Wire", body="The minister said the plant is closed. The envoy said it is open."
    ).after
    a = lib.claims.create(source_id=src.id, quote="the plant is closed", actor="Minister").after
    d = lib.claims.create(source_id=src.id, quote="it is open", actor="Envoy").after
    lib.links.create(from_claim_id=d.id, kind="denies", to_claim_id=a.id)
    bid = lib.briefs.create(title="B", body="# One\n\nText.\n\n## Two\n\nMore.\n").after.id
    ed = be.BriefEditor(lib, jobs, bid)
    qtbot.addWidget(ed)
    assert ed.cited_claims.claim_ids() == []
    ed.editor.moveCursor(ed.editor.textCursor().MoveOperation.End)
    ed.insert_citation([a.id])
    qtbot.waitUntil(lambda: ed.cited_claims.claim_ids() == [a.id], timeout=2000)
    top = ed.cited_claims.topLevelItem(0)
    assert top.text(1) == "1 denial, 1 not cited"
    assert "the plant is closed" in top.toolTip(0)
    assert top.childCount() == 1 and "not cited" in top.child(0).text(1)
    ed.insert_citation([d.id])
    qtbot.waitUntil(lambda: "not cited" not in ed.cited_claims.topLevelItem(0).text(1), timeout=2000)

    assert ed.outline.topLevelItemCount() == 1
    two = ed.outline.topLevelItem(0).child(0)
    assert two.text(0) == "Two"
    ed.outline.itemClicked.emit(two, 0)
    assert ed.editor.textCursor().blockNumber() == 4
