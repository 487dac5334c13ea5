"""The editor reads the brief as the checks and the exports do: outline, highlighting, citing inside a
citation, the claim picker's context, and directional formatting characters made visible."""

from __future__ import annotations

import html as _html
import re

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import QMimeData  # noqa: E402
from PySide6.QtGui import QColor, QTextCharFormat, QTextOption  # noqa: E402

from app.checks import check_brief  # noqa: E402
from ui import brief_editor as be  # noqa: E402
from ui.claim_picker_dialog import ClaimPickerDialog  # noqa: E402
from ui.jobs import Jobs  # noqa: E402
from ui.markdown_highlighter import BIDI_BACKGROUND, SYNTAX_COLORS  # noqa: E402
from ui.preview_view import render_preview  # noqa: E402


@pytest.fixture
def sync_jobs(monkeypatch, qtbot):
    monkeypatch.setattr(Jobs, "synchronous", True)
    return Jobs()


@pytest.fixture
def claims(lib):
    src = lib.sources.create(
        title="Wire", body="The minister said the plant is closed. The envoy denied talks. Guards left."
    ).after
    return [
        lib.claims.create(source_id=src.id, quote=q, actor=a).after
        for q, a in (
            ("the plant is closed", "Minister"),
            ("The envoy denied talks", "Envoy"),
            ("Guards left", "Aide"),
        )
    ]


def _editor(qtbot, lib, sync_jobs, body):
    brief = lib.briefs.create(title="B", body=body).after
    ed = be.BriefEditor(lib, sync_jobs, brief.id)
    qtbot.addWidget(ed)
    return ed


def _format_at(ed, line: int, column: int):
    block = ed.editor.document().findBlockByNumber(line)
    ranges = block.layout().formats()
    found = [QTextCharFormat(f.format) for f in ranges if f.start <= column < f.start + f.length]
    return found[-1] if found else None


def _fg(fmt) -> QColor | None:
    if fmt is None or not fmt.hasProperty(fmt.Property.ForegroundBrush):
        return None
    return fmt.foreground().color()


def test_an_indented_hash_line_is_no_heading_for_the_outline_the_highlighting_or_the_checks(
    qtbot, lib, sync_jobs, claims
):
    c = claims[0].id
    body = f"# Top\n\n   ## Inner\n\nThe plant is closed [@c{c}].\n"
    ed = _editor(qtbot, lib, sync_jobs, body)
    outline = ed.outline
    assert outline.topLevelItemCount() == 1 and outline.topLevelItem(0).text(0) == "Top"
    assert outline.topLevelItem(0).childCount() == 0
    heading = QColor(SYNTAX_COLORS[ed.highlighter.dark]["heading"])
    assert _fg(_format_at(ed, 0, 2)) == heading
    assert _fg(_format_at(ed, 2, 6)) != heading  # "   ## Inner" is a paragraph, as the preview shows it
    # where-cited and the checks file the citation under the same section
    (place,) = lib.briefs.where_cited(c)
    assert place.section == "Top"
    report = check_brief(lib, ed.brief_id)
    assert all(f.section in ("", "Top") for f in report.findings)


def test_a_setext_heading_is_in_the_outline_and_highlighted(qtbot, lib, sync_jobs):
    ed = _editor(qtbot, lib, sync_jobs, "Overview\n===\n\nText.\n")
    assert ed.outline.topLevelItem(0).text(0) == "Overview"
    heading = QColor(SYNTAX_COLORS[ed.highlighter.dark]["heading"])
    assert _fg(_format_at(ed, 0, 1)) == heading and _fg(_format_at(ed, 1, 1)) == heading


def _outline_texts(outline) -> list[str]:
    out = []

    def walk(item):
        out.append(item.text(0))
        for i in range(item.childCount()):
            walk(item.child(i))

    for i in range(outline.topLevelItemCount()):
        walk(outline.topLevelItem(i))
    return out


def test_the_outline_shows_a_heading_as_the_preview_does_without_its_citations(qtbot, lib, sync_jobs, claims):
    a, b = claims[0].id, claims[1].id
    body = (
        f"# (U) Overview [@c{a}]\n\nText.\n\n"
        f"## *Threat* to `[@c9]` [@c{a}; @c{b}]: outlook\n\n"
        f"Setext [@c{b}] heading\n---\n\nMore.\n"
    )
    ed = _editor(qtbot, lib, sync_jobs, body)
    shown = _outline_texts(ed.outline)
    assert shown == ["Overview", "Threat to [@c9]: outlook", "Setext heading"]
    # the heading as written is the tooltip
    assert ed.outline.topLevelItem(0).toolTip(0) == f"(U) Overview [@c{a}]"
    # the same words as the preview's headings, once its note numbers and the portion mark are left out
    html = render_preview(lib, lib.briefs.get(ed.brief_id)).html
    preview = [
        " ".join(_html.unescape(re.sub(r"<[^>]+>", "", re.sub(r"<sup>.*?</sup>", "", h))).split())
        for h in re.findall(r"<h[1-6][^>]*>(.*?)</h[1-6]>", html)[1:]  # the first is the brief's title
    ]
    assert [p.removeprefix("(U) ") for p in preview] == shown
    # the claim picker names the section in the same words
    cur = ed.editor.textCursor()
    cur.setPosition(body.index("Text."))
    ed.editor.setTextCursor(cur)
    assert ed.citation_context()[0] == "Overview"


def test_a_comma_separated_citation_is_highlighted_and_completed(qtbot, lib, sync_jobs, claims, monkeypatch):
    a, b, c = (x.id for x in claims)
    body = f"Closed [@c{a}, @c{b}] and `[@c{c}]` in code.\n"
    ed = _editor(qtbot, lib, sync_jobs, body)
    citation = QColor(SYNTAX_COLORS[ed.highlighter.dark]["citation"])
    assert _fg(_format_at(ed, 0, body.index("@c"))) == citation
    assert _fg(_format_at(ed, 0, body.index(f"@c{b}"))) == citation
    assert _fg(_format_at(ed, 0, body.index(f"`[@c{c}]") + 2)) != citation  # in code: not a citation
    # Ctrl+K with the cursor inside the bracket adds to it, with a comma as the bracket has them
    cur = ed.editor.textCursor()
    cur.setPosition(body.index(f"@c{b}"))
    ed.editor.setTextCursor(cur)
    seen = {}

    def fake_exec(dialog):
        seen["context"] = dialog.context.text()
        return 1

    monkeypatch.setattr(ClaimPickerDialog, "exec", fake_exec)
    monkeypatch.setattr(ClaimPickerDialog, "chosen_ids", lambda self: [c, a])
    ed.pick_claim_action.trigger()
    assert ed.body().startswith(f"Closed [@c{a}, @c{b}, @c{c}] and")  # c{a} is there already
    assert seen["context"].startswith(f"Adds to the citation [@c{a}, @c{b}]")
    # a drop inside a semicolon bracket adds with a semicolon
    ed.editor.setPlainText(f"Closed [@c{a}; @c{b}].\n")
    cur = ed.editor.textCursor()
    cur.setPosition(len("Closed [@c"))
    ed.editor.setTextCursor(cur)
    mime = QMimeData()
    mime.setData(be.CLAIM_IDS_MIME, str(c).encode())
    ed.editor.insertFromMimeData(mime)
    assert ed.body() == f"Closed [@c{a}; @c{b}; @c{c}].\n"


def test_the_picker_names_the_section_when_inserting_a_new_citation(qtbot, lib, sync_jobs, claims):
    ed = _editor(qtbot, lib, sync_jobs, "## Key Judgments\n\nText here\n")
    ed.editor.moveCursor(ed.editor.textCursor().MoveOperation.End)
    section, held = ed.citation_context()
    assert (section, held) == ("Key Judgments", [])
    dlg = ClaimPickerDialog(lib, sync_jobs, section=section, in_citation=[claims[1].id])
    qtbot.addWidget(dlg)
    assert "in Key Judgments" in dlg.context.text()
    rows = [dlg.results.item(i).text() for i in range(dlg.results.count())]
    assert sum("already in this citation" in r for r in rows) == 1


def test_directional_formatting_characters_are_shown_and_marked(qtbot, lib, sync_jobs):
    body = "Pay to \u202eevil\u202c account.\n"
    ed = _editor(qtbot, lib, sync_jobs, body)
    flags = ed.editor.document().defaultTextOption().flags()
    assert flags & QTextOption.Flag.ShowDefaultIgnorables
    fmt = _format_at(ed, 0, body.index("\u202e"))
    assert fmt is not None and fmt.background().color() == QColor(BIDI_BACKGROUND[ed.highlighter.dark])


def test_the_highlighter_and_the_outline_take_markdowns_edge_cases(qtbot):
    """Every edge case of tests/adversarial/markdown_corpus.py, as the editor reads it: the highlighter colours
    each heading line the model finds, each citation, and the outline lists the model's headings."""
    from PySide6.QtWidgets import QPlainTextEdit

    from app.brief_model import parse_brief
    from tests.adversarial.markdown_corpus import EDGE_CASES, generated
    from ui.cited_claims_panel import OutlinePanel
    from ui.markdown_highlighter import MarkdownHighlighter

    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    highlighter = MarkdownHighlighter(editor.document(), dark=False)
    outline = OutlinePanel()
    qtbot.addWidget(outline)
    heading = QColor(SYNTAX_COLORS[False]["heading"])
    citation = QColor(SYNTAX_COLORS[False]["citation"])
    for name, body in EDGE_CASES + [(f"mixed-{i}", b) for i, b in enumerate(generated(60))]:
        editor.setPlainText(body)
        text = editor.toPlainText()  # what the editor saves and reads (Qt's own line breaks)
        model = parse_brief(text)
        highlighter.set_model(model)
        outline.update_body(model)
        items = []
        it = outline.invisibleRootItem()
        stack = [it.child(i) for i in range(it.childCount())]
        while stack:
            item = stack.pop(0)
            items.append(item)
            stack[:0] = [item.child(i) for i in range(item.childCount())]
        assert len(items) == len(model.headings), name
        doc = editor.document()
        lines = [(b, off) for b in _blocks(doc) for off in _line_offsets(b.text())]
        for h in model.headings:
            line, _col = model.line_col(h.start)
            block, off = lines[line - 1]
            fmts = [f for f in block.layout().formats() if f.start <= off < f.start + f.length]
            assert any(f.format.foreground().color() == heading for f in fmts), (name, h)
        for c in model.citations:
            block, off = lines[c.line - 1]
            col = len(block.text()[: off + c.column - 1].encode("utf-16-le")) // 2
            fmts = [f for f in block.layout().formats() if f.start <= col < f.start + f.length]
            colours = {f.format.foreground().color().name() for f in fmts}
            assert citation.name() in colours or heading.name() in colours, (name, c)


def _blocks(doc):
    block = doc.firstBlock()
    while block.isValid():
        yield block
        block = block.next()


def _line_offsets(text: str) -> list[int]:
    """Where each line the model reads starts in a Qt block (a U+2028 line separator breaks a line there)."""
    out = [0]
    for i, ch in enumerate(text):
        if ch == "\u2028":
            out.append(i + 1)
    return out
