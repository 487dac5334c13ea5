"""Syntax highlighting for a brief's Markdown: headings, citations, portion marks, estimative terms, emphasis, code."""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat

from ui import theme

_ESTIMATIVE = (
    "almost no chance|remote|very unlikely|highly improbable|unlikely|improbable|probably not|"
    "roughly even chance|roughly even odds|likely|probable|probably|very likely|highly probable|"
    "almost certain|almost certainly|nearly certain"
)
_CONFIDENCE = "low confidence|moderate confidence|high confidence"

_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(\*\*|__)(?=\S).+?(?<=\S)\1"), "strong"),
    (re.compile(r"(?<![*_])([*_])(?=\S)[^*_]+?(?<=\S)\1(?![*_])"), "emphasis"),
    (re.compile(r"^#{1,6}\s.*$"), "heading"),
    (re.compile(r"\[(?:@[cs]\d+)(?:\s*;\s*@[cs]\d+)*\]"), "citation"),
    (
        re.compile(
            r"^\s*(?:[-*+]\s+|\d+\.\s+|#{1,6}\s+)?\((?:U|C|S|TS)(?://[A-Z0-9/ ,-]+)?\)"
            r"|\(TLP:(?:CLEAR|WHITE|GREEN|AMBER\+STRICT|AMBER|RED)\)"
        ),
        "mark",
    ),
    (re.compile(rf"\b(?:{_ESTIMATIVE})\b", re.IGNORECASE), "estimative"),
    (re.compile(rf"\b(?:{_CONFIDENCE})\b", re.IGNORECASE), "confidence"),
    (re.compile(r"`[^`]+`"), "code"),
]


# Foreground colours of the highlighted kinds, for light and for dark backgrounds (each reads at a contrast of
# 4.5:1 or more on the editor's base colour). Bold and italic text keep the palette's own text colour.
SYNTAX_COLORS = {
    False: {
        "heading": "#1f5fa8",
        "citation": "#2e7d32",
        "mark": "#b71c1c",
        "estimative": "#6a1b9a",
        "confidence": "#8e24aa",
        "code": "#795548",
    },
    True: {
        "heading": "#8ab4f8",
        "citation": "#81c995",
        "mark": "#f28b82",
        "estimative": "#d7aefb",
        "confidence": "#e3b8f5",
        "code": "#d7ccc8",
    },
}


def _fmt(
    color: str | None, *, bold: bool = False, italic: bool = False, mono: bool = False
) -> QTextCharFormat:
    f = QTextCharFormat()
    if color is not None:
        f.setForeground(QColor(color))
    if bold:
        f.setFontWeight(QFont.Weight.Bold)
    if italic:
        f.setFontItalic(True)
    if mono:
        f.setFontFamilies(["monospace"])
    return f


class MarkdownHighlighter(QSyntaxHighlighter):
    """Highlights one line at a time; fenced code blocks tracked with the block state. Colours follow the light
    or dark palette in use when the editor opens."""

    def __init__(self, document, *, dark: bool | None = None) -> None:
        super().__init__(document)
        c = SYNTAX_COLORS[theme.colors().dark if dark is None else dark]
        self.formats = {
            "heading": _fmt(c["heading"], bold=True),
            "citation": _fmt(c["citation"], bold=True),
            "mark": _fmt(c["mark"], bold=True),
            "estimative": _fmt(c["estimative"], italic=True),
            "confidence": _fmt(c["confidence"], bold=True),
            "strong": _fmt(None, bold=True),
            "emphasis": _fmt(None, italic=True),
            "code": _fmt(c["code"], mono=True),
        }

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt override
        in_fence = self.previousBlockState() == 1
        if text.lstrip().startswith("```"):
            self.setFormat(0, len(text), self.formats["code"])
            self.setCurrentBlockState(0 if in_fence else 1)
            return
        if in_fence:
            self.setFormat(0, len(text), self.formats["code"])
            self.setCurrentBlockState(1)
            return
        self.setCurrentBlockState(0)
        for pattern, kind in _RULES:
            for m in pattern.finditer(text):
                self.setFormat(m.start(), m.end() - m.start(), self.formats[kind])
