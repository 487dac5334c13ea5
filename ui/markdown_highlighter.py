"""Syntax highlighting for a brief's Markdown: headings, citations, portion marks, estimative terms, emphasis, code."""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat

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


def _fmt(color: str, *, bold: bool = False, italic: bool = False, mono: bool = False) -> QTextCharFormat:
    f = QTextCharFormat()
    f.setForeground(QColor(color))
    if bold:
        f.setFontWeight(QFont.Weight.Bold)
    if italic:
        f.setFontItalic(True)
    if mono:
        f.setFontFamilies(["monospace"])
    return f


class MarkdownHighlighter(QSyntaxHighlighter):
    """Highlights one line at a time; fenced code blocks tracked with the block state."""

    def __init__(self, document) -> None:
        super().__init__(document)
        self.formats = {
            "heading": _fmt("#1f5fa8", bold=True),
            "citation": _fmt("#2e7d32", bold=True),
            "mark": _fmt("#b71c1c", bold=True),
            "estimative": _fmt("#6a1b9a", italic=True),
            "confidence": _fmt("#8e24aa", bold=True),
            "strong": _fmt("#000000", bold=True),
            "emphasis": _fmt("#37474f", italic=True),
            "code": _fmt("#795548", mono=True),
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
