"""What the analyst sees in the preview while typing, now that a refresh replaces only the changed blocks: the
typed text appears, the scroll position stays, citation links still work, images still come only through the
view's checks, and what cannot be changed in place (the first render, a new title, a new palette) is shown
whole."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

import dataclasses  # noqa: E402
from pathlib import Path  # noqa: E402

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QTextCursor, QTextDocument  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from ui import brief_editor as be  # noqa: E402
from ui import theme  # noqa: E402

pytestmark = pytest.mark.sqlite_only("the preview's document does not depend on the storage")


@pytest.fixture
def claim(lib):
    src = lib.sources.create(title="Wire report", body="The minister said the plant is closed.").after
    return lib.claims.create(source_id=src.id, quote="the plant is closed", actor="Minister").after


def _body(claim_id: int, paragraphs: int = 40) -> str:
    parts = ["# Key judgments"]
    for n in range(paragraphs):
        cite = f" [@c{claim_id}]" if n % 3 == 0 else ""
        parts.append(f"Paragraph {n} says the supply went on across the border for weeks{cite}.")
        if n % 10 == 5:
            parts.append(f"## Part {n}\n\n- item one {n}\n- item two\n\n| A | B |\n|---|---|\n| x | y {n} |")
    return "\n\n".join(parts) + "\n"


def _open(qtbot, lib, jobs, body: str):
    brief = lib.briefs.create(title="Typing brief", body=body).after
    ed = be.BriefEditor(lib, jobs, brief.id)
    qtbot.addWidget(ed)
    ed.resize(1400, 600)
    ed.show()
    ed.set_preview_shown(True)
    qtbot.waitUntil(lambda: "Paragraph 0 says" in ed.preview.toPlainText(), timeout=3000)
    return ed


def _type_after(ed, anchor: str, text: str) -> None:
    """Type ``text`` in the editor just after the first ``anchor``."""
    cursor = ed.editor.textCursor()
    cursor.setPosition(ed.body().index(anchor) + len(anchor))
    ed.editor.setTextCursor(cursor)
    ed.editor.insertPlainText(text)


def _fresh_text(ed) -> str:
    """The preview's text as a fresh render of the same HTML would show it."""
    fresh = QTextDocument()
    fresh.setDefaultStyleSheet(ed.preview.document().defaultStyleSheet())
    fresh.setHtml(ed.preview.toHtml())
    return fresh.toPlainText()


def test_typing_shows_the_text_in_place_and_keeps_the_scroll_position(qtbot, lib, jobs, claim):
    ed = _open(qtbot, lib, jobs, _body(claim.id))
    assert not ed.preview.updated_in_place, "the first render sets the whole HTML"
    bar = ed.preview.verticalScrollBar()
    assert bar.maximum() > 0
    bar.setValue(bar.maximum() // 2)
    position = bar.value()
    _type_after(ed, "Paragraph 30 says", " (typed here)")
    qtbot.waitUntil(lambda: "Paragraph 30 says (typed here)" in ed.preview.toPlainText(), timeout=3000)
    assert ed.preview.updated_in_place
    assert bar.value() == position
    _type_after(ed, "Paragraph 2 says", " and more")  # above what is shown
    qtbot.waitUntil(lambda: "Paragraph 2 says and more" in ed.preview.toPlainText(), timeout=3000)
    assert ed.preview.updated_in_place and bar.value() == position
    text = ed.preview.toPlainText()
    assert text.count("Paragraph ") == 40 and _fresh_text(ed) == text


def test_a_citation_typed_in_place_is_a_working_link(qtbot, lib, jobs, claim):
    ed = _open(qtbot, lib, jobs, _body(claim.id))
    ed.preview.verticalScrollBar().setValue(0)
    _type_after(ed, "Paragraph 1 says", f" it [@c{claim.id}]")
    qtbot.waitUntil(lambda: "Paragraph 1 says it1" in ed.preview.toPlainText(), timeout=3000)
    assert ed.preview.updated_in_place
    doc = ed.preview.document()
    found = doc.find("Paragraph 1 says it")
    cursor = QTextCursor(doc)
    cursor.setPosition(found.selectionEnd() + 1)  # inside the note number
    assert cursor.charFormat().anchorHref() == f"briefdesk:c{claim.id}"
    QApplication.processEvents()
    rect = ed.preview.cursorRect(cursor)
    point = rect.center()
    point.setX(rect.left() - 2)  # on the digit just before the cursor
    with qtbot.waitSignal(ed.claim_activated, timeout=2000) as blocker:
        qtbot.mouseClick(ed.preview.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert blocker.args == [claim.id]


def test_a_new_palette_shows_the_whole_preview_again_in_its_colours(qtbot, lib, jobs, claim):
    ed = _open(qtbot, lib, jobs, _body(claim.id))
    _type_after(ed, "Paragraph 3 says", " x")
    qtbot.waitUntil(lambda: "Paragraph 3 says x" in ed.preview.toPlainText(), timeout=3000)
    assert ed.preview.updated_in_place
    app = QApplication.instance()
    before = app.palette()
    try:
        rendered = []
        ed.preview.rendered.connect(lambda: rendered.append(ed.preview.updated_in_place))
        theme.apply(app, "dark")
        qtbot.waitUntil(lambda: bool(rendered), timeout=3000)
        assert rendered == [False], "links take the new palette's colour only from a whole render"
        doc = ed.preview.document()
        cursor = QTextCursor(doc)
        cursor.setPosition(doc.find("Paragraph 0 says").selectionEnd())
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        cursor.movePosition(QTextCursor.MoveOperation.Left)  # after the note number, before the "."
        assert cursor.charFormat().anchorHref() == f"briefdesk:c{claim.id}"
        assert cursor.charFormat().foreground().color() == app.palette().link().color()
    finally:
        theme.apply(app, "light")
        app.setPalette(before)


def test_a_new_title_shows_the_whole_preview_again(qtbot, lib, jobs, claim):
    from ui.preview_view import PreviewView

    view = PreviewView(lib, jobs)
    qtbot.addWidget(view)
    brief = lib.briefs.create(title="First title", body=_body(claim.id, 6)).after
    with qtbot.waitSignal(view.rendered, timeout=3000):
        view.schedule(brief, brief.body)
    with qtbot.waitSignal(view.rendered, timeout=3000):
        view.schedule(brief, brief.body + "\nOne more paragraph.\n")
    assert view.updated_in_place
    with qtbot.waitSignal(view.rendered, timeout=3000):
        view.schedule(dataclasses.replace(brief, title="Second title"), brief.body)
    assert not view.updated_in_place
    assert view.toPlainText().startswith("Second title") and "One more paragraph" not in view.toPlainText()


def test_an_image_typed_in_place_is_loaded_through_the_views_checks(qtbot, lib, jobs, claim, monkeypatch):
    from PySide6.QtGui import QImage

    from ui.preview_view import PreviewView

    folder = Path(lib.path).parent
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(0x3366CC)
    assert image.save(str(folder / "map.png"))
    ed = _open(qtbot, lib, jobs, _body(claim.id, 12))
    loaded: list[str] = []
    load = PreviewView.loadResource

    def counted(self, kind, url):
        loaded.append(url.toString())
        return load(self, kind, url)

    monkeypatch.setattr(PreviewView, "loadResource", counted)
    _type_after(ed, "Paragraph 1 says", " ![map](map.png) ![far](/etc/hostname)")
    qtbot.waitUntil(lambda: "[image: far]" in ed.preview.toPlainText(), timeout=3000)
    assert ed.preview.updated_in_place
    ed.preview.document().documentLayout().documentSize()  # laid out: the image is asked for
    QApplication.processEvents()
    assert any(p.endswith("map.png") for p in loaded), loaded
    assert not any("hostname" in p for p in loaded)
    shown = ed.preview.document().resource(
        QTextDocument.ResourceType.ImageResource.value, (folder / "map.png").as_uri()
    )
    assert shown is not None and not shown.isNull()


def test_citing_a_new_claim_at_the_top_renumbers_every_note_in_place(qtbot, lib, jobs, claim):
    """The new claim becomes note 1: every marker after it and the notes list are renumbered in the shown
    document (in steps, each its own event-loop stretch), not set whole, and the scroll position stays."""
    from ui.preview_view import render_preview

    src = lib.sources.create(title="Second report", body="The convoy crossed at night.").after
    other = lib.claims.create(source_id=src.id, quote="The convoy crossed at night.", actor="Police").after
    ed = _open(qtbot, lib, jobs, _body(claim.id))
    bar = ed.preview.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    position = bar.value()
    rendered: list[bool] = []
    ed.preview.rendered.connect(lambda: rendered.append(ed.preview.updated_in_place))
    _type_after(ed, "Paragraph 0 says", f" [@c{other.id}]")
    qtbot.waitUntil(lambda: bool(rendered) and ed.preview.shown.target is None, timeout=5000)
    assert rendered == [True], "renumbered in place, never set whole"
    fresh = QTextDocument()
    fresh.setDefaultStyleSheet(ed.preview.document().defaultStyleSheet())
    brief = lib.briefs.get(ed.brief_id)
    fresh.setHtml(render_preview(lib, dataclasses.replace(brief, body=ed.body())).html)
    assert ed.preview.toPlainText() == fresh.toPlainText()
    assert ed.preview.toHtml() == fresh.toHtml()
    text = ed.preview.toPlainText()
    assert "Paragraph 39 says the supply went on across the border for weeks2." in text  # was note 1
    assert f"c{other.id} Police" in text.split(f"c{claim.id} Minister")[0], "the new claim is the first note"
    assert bar.value() == position


def test_the_preview_shows_each_note_as_a_numbered_paragraph_and_the_export_keeps_its_list(
    qtbot, lib, jobs, claim
):
    """The preview's notes are paragraphs whose number is their text, with a hanging indent (a note added is
    one block inserted, not a list item that makes Qt lay out the whole list again); the exported HTML
    still numbers its notes with an ordered list."""
    from app.export import render_html
    from ui.preview_renumber import note_paragraphs

    src = lib.sources.create(title="Second report", body="The convoy crossed at night.").after
    other = lib.claims.create(source_id=src.id, quote="The convoy crossed at night.", actor="Police").after
    ed = _open(qtbot, lib, jobs, _body(claim.id, 4) + f"\nLast paragraph [@c{other.id}].\n")
    qtbot.waitUntil(lambda: "Last paragraph" in ed.preview.toPlainText(), timeout=3000)
    doc = ed.preview.document()
    notes = [
        b
        for b in (doc.findBlockByNumber(i) for i in range(doc.blockCount()))
        if b.text()[:3] in ("1. ", "2. ")
    ]
    assert [b.text().split(",")[0] for b in notes] == [f"1. c{claim.id} Minister", f"2. c{other.id} Police"]
    for number, block in enumerate(notes, 1):
        assert block.textList() is None
        assert block.blockFormat().leftMargin() > 0 and block.blockFormat().textIndent() < 0  # hanging
        assert block.begin().fragment().charFormat().anchorNames() == [f"note-{number}"]
    brief = lib.briefs.get(ed.brief_id)
    exported = render_html(brief, {f"c{claim.id}": claim, f"c{other.id}": other}).html
    assert f'<ol class="notes"><li id="note-1"><a href="briefdesk:c{claim.id}" ' in exported
    # A list the preview's pattern does not know is shown as it is.
    odd = '<p>x</p><hr/><ol class="notes"><li id="note-1"><b>bold</b></li></ol>'
    assert note_paragraphs(odd) == odd


def test_a_note_that_moves_down_the_notes_is_shown_in_place(qtbot, lib, jobs, claim):
    """Removing the first citation of a claim cited again further down moves its note after the others; the
    preview removes and inserts that one note in place and shows what a fresh render shows."""
    from ui.preview_view import render_preview

    others = []
    for n in range(3):
        src = lib.sources.create(title=f"Report {n}", body=f"Event {n} happened.").after
        others.append(
            lib.claims.create(source_id=src.id, quote=f"Event {n} happened.", actor=f"Witness {n}").after
        )
    body = _body(claim.id, 12) + "".join(f"\nOther {n} [@c{c.id}].\n" for n, c in enumerate(others))
    body += f"\nAgain [@c{claim.id}].\n"
    ed = _open(qtbot, lib, jobs, body)
    rendered: list[bool] = []
    ed.preview.rendered.connect(lambda: rendered.append(ed.preview.updated_in_place))
    cursor = ed.editor.textCursor()
    for _ in range(4):  # every citation in the paragraphs above the others goes
        text = ed.body()
        at = text.index(f" [@c{claim.id}]")
        if at > text.index("Other 0"):
            break
        cursor.setPosition(at)
        cursor.setPosition(at + len(f" [@c{claim.id}]"), QTextCursor.MoveMode.KeepAnchor)
        ed.editor.setTextCursor(cursor)
        ed.editor.textCursor().removeSelectedText()
    qtbot.waitUntil(lambda: bool(rendered) and ed.preview.shown.target is None, timeout=5000)
    assert all(rendered), "shown in place, never set whole"
    fresh = QTextDocument()
    fresh.setDefaultStyleSheet(ed.preview.document().defaultStyleSheet())
    brief = lib.briefs.get(ed.brief_id)
    fresh.setHtml(render_preview(lib, dataclasses.replace(brief, body=ed.body())).html)
    assert ed.preview.toHtml() == fresh.toHtml()
    notes = ed.preview.toPlainText().split("\n")[-4:]
    assert [line.split(",")[0] for line in notes] == [
        *(f"{n + 1}. c{c.id} Witness {n}" for n, c in enumerate(others)),
        f"4. c{claim.id} Minister",
    ]


def test_text_typed_once_is_rendered_once_and_again_after_the_library_changed(qtbot, lib, jobs, claim):
    """The editor's highlighter recolours the text after a keystroke, and Qt reports that as a text change
    too: the preview does not render the same brief again for it. After a claim changed, the same text is
    rendered again, with the claim's new words."""
    ed = _open(qtbot, lib, jobs, _body(claim.id))
    rendered: list[bool] = []
    ed.preview.rendered.connect(lambda: rendered.append(True))
    _type_after(ed, "Paragraph 4 says", " then")
    qtbot.waitUntil(lambda: "Paragraph 4 says then" in ed.preview.toPlainText(), timeout=3000)
    qtbot.wait(1200)  # the side panes' reading (400 ms), its recolouring, the preview's debounce after it
    assert rendered == [True]
    graded = f"[{claim.source_reliability}{claim.credibility}]"
    change = lib.claims.update(claim.id, credibility=2 if claim.credibility != 2 else 3)
    regraded = f"[{change.after.source_reliability}{change.after.credibility}]"
    assert graded in ed.preview.toPlainText() and regraded not in ed.preview.toPlainText()
    jobs.announce([change])
    ed.preview.schedule(ed.brief, ed.body())  # the same text, asked again
    qtbot.waitUntil(lambda: regraded in ed.preview.toPlainText(), timeout=3000)
    assert len(rendered) == 2
