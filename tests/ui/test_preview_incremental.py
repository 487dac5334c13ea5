"""The preview pane while typing, its render incremental (``ui.preview_render``): the edited text shows, a
heading made a duplicate of an earlier one and a citation added at the top show as a whole render shows
them, and a keystroke renders only the block it changed."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

import dataclasses  # noqa: E402

from PySide6.QtGui import QTextDocument  # noqa: E402

from ui import brief_editor as be  # noqa: E402

pytestmark = pytest.mark.sqlite_only("the preview's document does not depend on the storage")


def _body(claim_id: int) -> str:
    parts = ["# Key judgments"]
    for n in range(30):
        cite = f" [@c{claim_id}]" if n % 4 == 0 else ""
        parts.append(f"Paragraph {n} reports the ferry kept to its timetable{cite}.")
        if n % 10 == 4:
            parts.append(f"## Harbour {n}\n\n- berth one {n}\n- berth two")
    return "\n\n".join(parts) + "\n"


def _type_after(ed, anchor: str, text: str) -> None:
    cursor = ed.editor.textCursor()
    cursor.setPosition(ed.body().index(anchor) + len(anchor))
    ed.editor.setTextCursor(cursor)
    ed.editor.insertPlainText(text)


def _whole(lib, ed) -> QTextDocument:
    """A fresh document holding what a whole render of the editor's text shows."""
    from app.brief_model import parse_brief
    from app.export import render_html
    from ui.preview_renumber import note_paragraphs
    from ui.preview_view import CitedRecords

    brief = dataclasses.replace(lib.briefs.get(ed.brief_id), body=ed.body())
    resolver = CitedRecords().resolver(lib, parse_brief(brief.body))
    html = render_html(brief, resolver, allow_missing=True, images=ed.preview.images.resolve).html
    fresh = QTextDocument()
    fresh.setDefaultStyleSheet(ed.preview.document().defaultStyleSheet())
    fresh.setHtml(note_paragraphs(html))
    return fresh


def test_the_pane_shows_each_edit_as_a_whole_render_would(qtbot, lib, jobs):
    src = lib.sources.create(title="Ferry log", body="The ferry kept to its timetable.").after
    first = lib.claims.create(
        source_id=src.id, quote="The ferry kept to its timetable.", actor="Captain"
    ).after
    other = lib.claims.create(source_id=src.id, quote="The ferry kept to its timetable.", actor="Clerk").after
    brief = lib.briefs.create(title="Ferry brief", body=_body(first.id)).after
    ed = be.BriefEditor(lib, jobs, brief.id)
    qtbot.addWidget(ed)
    ed.resize(1400, 600)
    ed.show()
    ed.set_preview_shown(True)
    preview = ed.preview
    qtbot.waitUntil(lambda: "Paragraph 29 reports" in preview.toPlainText(), timeout=5000)

    _type_after(ed, "Paragraph 17 reports", " (typed)")
    qtbot.waitUntil(lambda: "Paragraph 17 reports (typed)" in preview.toPlainText(), timeout=5000)
    assert preview.renderer.blocks.rendered_blocks == 1, "only the paragraph typed in was rendered again"
    assert preview.toPlainText() == _whole(lib, ed).toPlainText()

    _type_after(ed, "Paragraph 0 reports", f" [@c{other.id}]")  # note 1 now: every later number moves
    qtbot.waitUntil(lambda: preview.shown.target is None and "Clerk" in preview.toPlainText(), timeout=5000)
    assert preview.toPlainText() == _whole(lib, ed).toPlainText()
    assert preview.toHtml() == _whole(lib, ed).toHtml()

    _type_after(ed, "# Key judgments", "\n\n## Harbour 14")  # the later "Harbour 14" heading's id moves on
    qtbot.waitUntil(lambda: preview.toPlainText().count("Harbour 14") == 2, timeout=5000)
    assert preview.toHtml() == _whole(lib, ed).toHtml()


def test_the_worker_cuts_the_html_as_it_cuts_a_whole_render(lib):
    """What the worker hands the view (the HTML, its top-level blocks, their normalized forms) is what it
    handed before from a whole render, over edits that reuse pieces, renumber the notes and move ids."""
    from ui.preview_blocks import normalized_blocks, split_blocks
    from ui.preview_render import PreviewRenderer
    from ui.preview_view import CitedRecords, preview_images, render_preview

    src = lib.sources.create(title="Ferry log", body="The ferry kept to its timetable.").after
    first = lib.claims.create(
        source_id=src.id, quote="The ferry kept to its timetable.", actor="Captain"
    ).after
    other = lib.claims.create(source_id=src.id, quote="The ferry kept to its timetable.", actor="Clerk").after
    brief = lib.briefs.create(title="Ferry brief", body=_body(first.id)).after
    renderer, records, images = PreviewRenderer(), CitedRecords(), preview_images(lib)
    body = brief.body
    for edit in (
        lambda b: b,
        lambda b: b.replace("Paragraph 7 reports", "Paragraph 7 now reports"),
        lambda b: b.replace("Paragraph 1 reports", f"Paragraph 1 [@c{other.id}] reports"),
        lambda b: "## Harbour 24\n\n" + b,
        lambda b: b + "\n\n```\nunclosed",
        lambda b: b.replace("Paragraph 1 [@c", "Paragraph 1 [@s"),
    ):
        body = edit(body)
        shown = dataclasses.replace(brief, body=body)
        result, blocks, normal = renderer.render(lib, shown, images, records)
        whole = render_preview(lib, shown, images)
        assert result.html == whole.html
        assert blocks == split_blocks(whole.html)
        assert normal == normalized_blocks(blocks)


def test_the_pane_after_edits_that_renumber_the_notes(qtbot, lib, jobs):
    """A cited paragraph deleted near the top, a citation removed and two cited paragraphs swapped: every
    later note number and the notes change, and the pane shows what a whole render shows, numbers and all
    (the renumbered blocks and notes made from what the worker kept)."""
    src = lib.sources.create(title="Ferry log", body="The ferry kept to its timetable.").after
    claims = [
        lib.claims.create(source_id=src.id, quote="The ferry kept to its timetable.", actor=name).after
        for name in ("Captain", "Clerk", "Pilot", "Harbourmaster")
    ]
    parts = ["# Key judgments"]
    for n in range(24):
        cite = f" [@c{claims[n // 3 % 4].id}]" if n % 3 == 0 else ""
        parts.append(f"Paragraph {n} reports the ferry kept to its timetable{cite}.")
    body = "\n\n".join(parts) + "\n"
    brief = lib.briefs.create(title="Ferry brief", body=body).after
    ed = be.BriefEditor(lib, jobs, brief.id)
    qtbot.addWidget(ed)
    ed.resize(1400, 600)
    ed.show()
    ed.set_preview_shown(True)
    preview = ed.preview
    qtbot.waitUntil(lambda: "Paragraph 23 reports" in preview.toPlainText(), timeout=5000)
    assert preview.toPlainText().index("Captain") < preview.toPlainText().index("Clerk")

    def replace(old: str, new: str) -> None:
        cursor = ed.editor.textCursor()
        at = ed.body().index(old)
        cursor.setPosition(at)
        cursor.setPosition(at + len(old), cursor.MoveMode.KeepAnchor)
        ed.editor.setTextCursor(cursor)
        ed.editor.insertPlainText(new)

    def shows_the_whole_render() -> None:
        preview.finish_patching()
        assert preview.shown.target is None
        whole = _whole(lib, ed)
        assert preview.document().toPlainText() == whole.toPlainText()
        assert preview.toHtml() == whole.toHtml()

    # Paragraph 0 cites the Captain (note 1): deleted, the Clerk's note is 1 and the Captain's moves down
    replace(f"Paragraph 0 reports the ferry kept to its timetable [@c{claims[0].id}].\n\n", "")
    qtbot.waitUntil(lambda: "Paragraph 0 reports" not in preview.document().toPlainText(), timeout=5000)
    shows_the_whole_render()
    text = preview.toPlainText()
    assert text.index("Clerk") < text.index("Captain"), "the Clerk's note is the first now"
    # Paragraph 3 cites the Clerk, its only citation before paragraph 15: removed, every number moves
    replace(f"Paragraph 3 reports the ferry kept to its timetable [@c{claims[1].id}].", "Paragraph 3 said.")
    qtbot.waitUntil(lambda: "Paragraph 3 said." in preview.document().toPlainText(), timeout=5000)
    shows_the_whole_render()
    # two cited paragraphs swapped: the notes of the Pilot and the Harbourmaster change places
    six = f"Paragraph 6 reports the ferry kept to its timetable [@c{claims[2].id}]."
    nine = f"Paragraph 9 reports the ferry kept to its timetable [@c{claims[3].id}]."
    replace(six, "SWAP")
    replace(nine, six)
    replace("SWAP", nine)
    qtbot.waitUntil(
        lambda: (
            preview.document().toPlainText().index("Paragraph 9")
            < preview.document().toPlainText().index("Paragraph 6")
        ),
        timeout=5000,
    )
    shows_the_whole_render()
