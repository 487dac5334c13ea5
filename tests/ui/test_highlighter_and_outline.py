"""The brief editor's syntax highlighting (light and dark) and its outline (click a heading to go to it)."""

from __future__ import annotations

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QColor, QTextDocument  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from ui import brief_editor as be  # noqa: E402
from ui import theme  # noqa: E402
from ui.jobs import Jobs  # noqa: E402
from ui.markdown_highlighter import SYNTAX_COLORS, MarkdownHighlighter  # noqa: E402

LINE = "(TLP:AMBER) It is very likely that Iran supplied drones [@c12; @c14], we have **moderate confidence** `x`."


def _kinds(highlighter, document, line: str = LINE) -> dict[str, tuple[QColor | None, bool, bool]]:
    """The format found at each named piece of ``line``: (foreground or None, bold, italic)."""
    document.setPlainText(line)
    highlighter.rehighlight()
    formats = document.firstBlock().layout().formats()
    out = {}
    for piece in ("(TLP:AMBER)", "very likely", "[@c12; @c14]", "moderate confidence", "`x`", "Iran"):
        at = line.index(piece)
        found = [f.format for f in formats if f.start <= at < f.start + f.length]
        if not found:
            out[piece] = None
            continue
        fmt = found[-1]
        fg = fmt.foreground().color() if fmt.hasProperty(fmt.Property.ForegroundBrush) else None
        out[piece] = (fg, fmt.fontWeight() >= 700, fmt.fontItalic())
    return out


def _luminance(c: QColor) -> float:
    def chan(v: float) -> float:
        return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * chan(c.redF()) + 0.7152 * chan(c.greenF()) + 0.0722 * chan(c.blueF())


def _contrast(a: QColor, b: QColor) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.mark.parametrize("dark", [False, True])
def test_citations_marks_and_estimative_terms_are_highlighted_readably(qtbot, dark):
    document = QTextDocument()
    highlighter = MarkdownHighlighter(document, dark=dark)
    kinds = _kinds(highlighter, document)
    colors = SYNTAX_COLORS[dark]
    assert kinds["(TLP:AMBER)"] == (QColor(colors["mark"]), True, False)
    assert kinds["very likely"] == (QColor(colors["estimative"]), False, True)
    assert kinds["[@c12; @c14]"] == (QColor(colors["citation"]), True, False)
    assert kinds["moderate confidence"][0] == QColor(colors["confidence"])
    assert kinds["`x`"][0] == QColor(colors["code"])
    assert kinds["Iran"] is None  # plain words keep the palette's text colour
    base = (theme.dark_palette() if dark else theme.light_palette()).color(theme.QPalette.ColorRole.Base)
    for name, color in colors.items():
        assert _contrast(QColor(color), base) >= 4.5, f"{name} is hard to read on the {dark=} editor"


def test_bold_and_italic_keep_the_text_colour(qtbot):
    document = QTextDocument()
    highlighter = MarkdownHighlighter(document, dark=True)
    document.setPlainText("Some **bold** and *italic* words")
    highlighter.rehighlight()
    for f in document.firstBlock().layout().formats():
        assert not f.format.hasProperty(f.format.Property.ForegroundBrush)


def test_the_editor_follows_the_dark_palette(qtbot, lib, monkeypatch):
    monkeypatch.setattr(Jobs, "synchronous", True)
    app = QApplication.instance()
    before = app.palette()
    brief = lib.briefs.create(title="Dark", body="It is likely [@c1].\n").after
    try:
        theme.apply(app, "dark")
        editor = be.BriefEditor(lib, Jobs(), brief.id)
        qtbot.addWidget(editor)
        citation = editor.highlighter.formats["citation"].foreground().color()
        assert citation == QColor(SYNTAX_COLORS[True]["citation"])
    finally:
        theme.apply(app, "light")
        app.setPalette(before)


def test_outline_lists_headings_by_level_and_a_click_goes_to_the_heading(qtbot, lib, monkeypatch):
    monkeypatch.setattr(Jobs, "synchronous", True)
    body = "# Summary\n\nText.\n\n## Key judgments\n\n```\n# not a heading\n```\n\n## Outlook\n\n### Indicators\n"
    brief = lib.briefs.create(title="Outline", body=body).after
    editor = be.BriefEditor(lib, Jobs(), brief.id)
    qtbot.addWidget(editor)
    editor.show()
    outline = editor.outline
    qtbot.waitUntil(lambda: outline.topLevelItemCount() == 1)
    top = outline.topLevelItem(0)
    assert top.text(0) == "Summary"
    assert [top.child(i).text(0) for i in range(top.childCount())] == ["Key judgments", "Outlook"]
    assert top.child(1).child(0).text(0) == "Indicators"
    outlook = top.child(1)
    rect = outline.visualItemRect(outlook)
    from PySide6.QtTest import QTest

    QTest.mouseClick(outline.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert editor.editor.textCursor().blockNumber() == body.split("\n").index("## Outlook")


def test_dialog_error_lines_are_readable_in_both_palettes(qtbot):
    from ui.settings import Settings
    from ui.settings_dialog import SettingsDialog

    app = QApplication.instance()
    before = app.palette()
    try:
        for appearance in ("light", "dark"):
            theme.apply(app, appearance)
            dialog = SettingsDialog(Settings.load())
            qtbot.addWidget(dialog)
            color = QColor(dialog.error.styleSheet().split("color:")[1])
            window = app.palette().color(theme.QPalette.ColorRole.Window)
            assert _contrast(color, window) >= 4.5, appearance
    finally:
        theme.apply(app, "light")
        app.setPalette(before)
