"""Brief editor: loading, autosave surviving a simulated crash, restoring a revision, citing by drop."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QMimeData, QUrl  # noqa: E402

from ui import brief_editor as be  # noqa: E402


@pytest.fixture
def brief_id(lib):
    return lib.briefs.create(title="Test brief", body="# Key judgments\n\nFirst line.\n").after.id


def test_loads_body_title_and_word_count(qtbot, lib, jobs, brief_id):
    ed = be.BriefEditor(lib, jobs, brief_id)
    qtbot.addWidget(ed)
    assert ed.body() == "# Key judgments\n\nFirst line.\n"
    assert ed.title == "Test brief"
    assert ed.status.text() == "5 words"
    assert not ed.editor.document().isModified()


def test_autosave_survives_simulated_crash_and_revision_restores(qtbot, lib, jobs, brief_id, monkeypatch):
    monkeypatch.setattr(be, "AUTOSAVE_MS", 50)
    ed = be.BriefEditor(lib, jobs, brief_id)
    qtbot.addWidget(ed)
    ed.editor.moveCursor(ed.editor.textCursor().MoveOperation.End)
    ed.editor.insertPlainText("Typed before the crash.\n")
    qtbot.waitUntil(lambda: lib.briefs.get(brief_id).body.endswith("Typed before the crash.\n"), timeout=2000)
    # Simulated crash: the editor goes away without flush().
    ed.deleteLater()
    del ed
    ed2 = be.BriefEditor(lib, jobs, brief_id)
    qtbot.addWidget(ed2)
    assert ed2.body().endswith("Typed before the crash.\n")

    revisions = lib.briefs.revisions(brief_id)
    original = [r for r in revisions if lib.briefs.revision(r.id).body == "# Key judgments\n\nFirst line.\n"]
    assert original, "the body before the autosave is kept as a revision"
    lib.briefs.restore_revision(original[0].id)
    ed3 = be.BriefEditor(lib, jobs, brief_id)
    qtbot.addWidget(ed3)
    assert ed3.body() == "# Key judgments\n\nFirst line.\n"


def test_drop_claim_ids_inserts_citation(qtbot, lib, jobs, brief_id):
    ed = be.BriefEditor(lib, jobs, brief_id)
    qtbot.addWidget(ed)
    ed.editor.moveCursor(ed.editor.textCursor().MoveOperation.End)
    mime = QMimeData()
    mime.setData(be.CLAIM_IDS_MIME, b"12,14")
    assert ed.editor.canInsertFromMimeData(mime)
    ed.editor.insertFromMimeData(mime)
    assert ed.body().endswith("[@c12; @c14]")


def test_flush_saves_unsaved_text(qtbot, lib, jobs, brief_id):
    ed = be.BriefEditor(lib, jobs, brief_id)
    qtbot.addWidget(ed)
    ed.editor.setPlainText("Replaced.\n")
    ed.flush()
    assert lib.briefs.get(brief_id).body == "Replaced.\n"


def test_preview_updates_after_typing_and_citation_click_emits(qtbot, lib, jobs, brief_id):
    src = lib.sources.create(title="Wire report", body="The minister said the plant is closed.").after
    claim = lib.claims.create(source_id=src.id, quote="the plant is closed", actor="Minister").after
    ed = be.BriefEditor(lib, jobs, brief_id)
    qtbot.addWidget(ed)
    qtbot.waitUntil(lambda: "First line" in ed.preview.toPlainText(), timeout=2000)
    ed.editor.moveCursor(ed.editor.textCursor().MoveOperation.End)
    ed.editor.insertPlainText(f"The plant is closed [@c{claim.id}].\n")
    qtbot.waitUntil(lambda: "The plant is closed" in ed.preview.toPlainText(), timeout=2000)
    assert f"briefdesk:c{claim.id}" in ed.preview.toHtml()
    with qtbot.waitSignal(ed.claim_activated) as blocker:
        ed.preview.anchorClicked.emit(QUrl(f"briefdesk:c{claim.id}"))
    assert blocker.args == [claim.id]


def test_preview_reads_cited_records_once_while_typing_and_again_after_a_change(qtbot, lib, jobs, brief_id):
    src = lib.sources.create(title="Wire report", body="The minister said the plant is closed.").after
    claim = lib.claims.create(source_id=src.id, quote="the plant is closed", actor="Minister").after
    ed = be.BriefEditor(lib, jobs, brief_id)
    qtbot.addWidget(ed)
    reads = []
    real_get_many = lib.claims.get_many
    lib.claims.get_many = lambda ids: reads.append(list(ids)) or real_get_many(ids)
    ed.editor.moveCursor(ed.editor.textCursor().MoveOperation.End)
    ed.editor.insertPlainText(f"The plant is closed [@c{claim.id}] [@c999].")
    qtbot.waitUntil(lambda: "Wire report" in ed.preview.toPlainText(), timeout=2000)
    ed.editor.insertPlainText(" Typed on.")
    qtbot.waitUntil(lambda: "Typed on" in ed.preview.toPlainText(), timeout=2000)
    assert reads == [[claim.id, 999]]  # the second render read nothing: neither the claim nor the unknown id
    assert "missing c999" in ed.preview.toPlainText()
    jobs.announce([lib.sources.update(src.id, title="Agency report")])
    ed.editor.insertPlainText(" More.")
    qtbot.waitUntil(lambda: "Agency report" in ed.preview.toPlainText(), timeout=2000)
    assert reads[-1] == [claim.id, 999]


def test_steady_typing_is_autosaved_before_it_pauses(qtbot, lib, jobs, brief_id, monkeypatch):
    """The idle timer alone never fires while keys keep coming; the deadline timer saves anyway."""
    monkeypatch.setattr(be, "AUTOSAVE_MS", 60_000)
    monkeypatch.setattr(be, "AUTOSAVE_MAX_MS", 300)
    ed = be.BriefEditor(lib, jobs, brief_id)
    qtbot.addWidget(ed)
    ed.editor.moveCursor(ed.editor.textCursor().MoveOperation.End)
    for _ in range(30):  # a key every 40 ms, ~1.2 s of typing
        ed.editor.insertPlainText("x")
        qtbot.wait(40)
    stored = lib.briefs.get(brief_id).body
    assert stored.startswith("# Key judgments\n\nFirst line.\nx"), "saved while the typing went on"
    assert ed.recovered_note == ""


def test_reopening_an_autosaved_brief_says_when_it_was_autosaved(qtbot, lib, jobs, brief_id):
    lib.briefs.set_body(brief_id, "# Key judgments\n\nFirst line.\nMore.\n", reason="save")
    lib.briefs.set_body(brief_id, "# Key judgments\n\nFirst line.\nMore, autosaved.\n", reason="autosave")
    state = lib.briefs.last_saved(brief_id)
    assert state.reason == "autosave" and not state.in_revisions
    ed = be.BriefEditor(lib, jobs, brief_id)
    qtbot.addWidget(ed)
    assert "restored from the autosave of" in ed.status.text()
    ed.editor.insertPlainText("!")
    ed.save()
    assert "restored from the autosave of" not in ed.status.text()
    assert lib.briefs.last_saved(brief_id).reason == "save"


def test_control_characters_stored_by_an_older_version_are_not_shown(qtbot, lib, jobs, brief_id):
    """A body stored before the library dropped control characters opens without them (no boxes in the
    editor) and unmodified; saving it stores the clean text."""
    from sqlalchemy import text

    with lib.writing() as s:
        s.execute(
            text("UPDATE briefs SET body = :b WHERE id = :i"),
            {"b": "# Top\x07\n\nOne\x01 line.\n", "i": brief_id},
        )
    ed = be.BriefEditor(lib, jobs, brief_id)
    qtbot.addWidget(ed)
    assert ed.body() == "# Top\n\nOne line.\n"
    assert not ed.editor.document().isModified()
    ed.editor.insertPlainText("Added. ")
    ed.save()
    qtbot.waitUntil(lambda: lib.briefs.get(brief_id).body == "Added. # Top\n\nOne line.\n", timeout=5000)
