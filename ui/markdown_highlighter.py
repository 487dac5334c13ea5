"""Syntax highlighting for a brief's Markdown, from the brief model: headings, citations, portion marks, code,
plus estimative terms, emphasis and directional formatting characters.

What is a heading, code or a citation comes from the brief model (``app.brief_model``), the same reading the
checks and the exports use: an indented ``   ## x`` is not a heading, a setext heading is, ``[@c1, @c2]`` is a
citation and ``[@c1]`` in code is not. ``set_model(model)`` gives each line of the document its spans (kept in
the line's QTextBlockUserData, so lines keep them while text elsewhere changes); a line edited since, or a new
one, is highlighted by plain per-line rules until the next model arrives (the editor sends one shortly after
typing stops). Directional formatting characters (U+202A-202E, U+2066-2069) are always marked.
"""

from __future__ import annotations

import bisect
import re

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextBlockUserData, QTextCharFormat

from app.brief_model.text import BIDI_RE, GROUP_RE
from ui import theme

_ESTIMATIVE = (
    "almost no chance|remote|very unlikely|highly improbable|unlikely|improbable|probably not|"
    "roughly even chance|roughly even odds|likely|probable|probably|very likely|highly probable|"
    "almost certain|almost certainly|nearly certain"
)
_CONFIDENCE = "low confidence|moderate confidence|high confidence"

# Word-level rules, applied to every line (outside code).
_WORD_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(\*\*|__)(?=\S).+?(?<=\S)\1"), "strong"),
    (re.compile(r"(?<![*_])([*_])(?=\S)[^*_]+?(?<=\S)\1(?![*_])"), "emphasis"),
    (re.compile(rf"\b(?:{_ESTIMATIVE})\b", re.IGNORECASE), "estimative"),
    (re.compile(rf"\b(?:{_CONFIDENCE})\b", re.IGNORECASE), "confidence"),
]
# Until the model has read a line: the same readings, line by line.
_LINE_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^#{1,6}(?:\s.*)?$"), "heading"),
    (GROUP_RE, "citation"),
    (
        re.compile(
            r"^\s*(?:[-*+]\s+|\d+\.\s+|#{1,6}\s+)?\((?:U|C|S|TS)(?://[A-Z0-9/ ,-]+)?\)"
            r"|\(TLP:(?:CLEAR|WHITE|GREEN|AMBER\+STRICT|AMBER|RED)\)"
        ),
        "mark",
    ),
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
BIDI_BACKGROUND = {False: "#ffcdd2", True: "#8c1d18"}


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


class LineSpans(QTextBlockUserData):
    """What the model found on one line: (start, end, kind) in the line's UTF-16 columns, and the line's
    text when read (the spans hold only while the line is unchanged)."""

    def __init__(self, text: str, spans: tuple[tuple[int, int, str], ...]) -> None:
        super().__init__()
        self.text = text
        self.spans = spans


def model_line_spans(model) -> dict[int, list[tuple[int, int, str]]]:
    """(0-based line number -> [(start, end, kind)]) in code-point columns, from a brief model."""
    starts = model.line_starts
    body = model.body
    out: dict[int, list[tuple[int, int, str]]] = {}

    def add(start: int, end: int, kind: str) -> None:
        line = bisect.bisect_right(starts, start) - 1
        while start < end and line < len(starts):
            line_end = starts[line + 1] - 1 if line + 1 < len(starts) else len(body)
            s, e = start - starts[line], min(end, line_end) - starts[line]
            if e > s:
                out.setdefault(line, []).append((s, e, kind))
            line += 1
            if line < len(starts):
                start = max(start, starts[line])
            else:
                break

    for h in model.headings:
        line = bisect.bisect_right(starts, h.start) - 1
        last = line + 1 if h.setext else line
        for n in range(line, min(last, len(starts) - 1) + 1):
            line_end = starts[n + 1] - 1 if n + 1 < len(starts) else len(body)
            out.setdefault(n, []).insert(0, (0, line_end - starts[n], "heading"))
    for s, e in model.code_ranges:
        add(s, e, "code")
    for b in model.blocks:
        if b.mark is not None:
            add(b.start, b.text_start, "mark")
    seen: set[int] = set()
    for c in model.citations:
        if c.group not in seen:
            seen.add(c.group)
            add(c.group_start, c.group_end, "citation")
    return out


def _utf16(text: str, col: int) -> int:
    return col + sum(1 for ch in text[:col] if ord(ch) > 0xFFFF)


class MarkdownHighlighter(QSyntaxHighlighter):
    """Highlights each line from the brief model's spans for it, or by per-line rules until the model has read
    it. Colours follow the light or dark palette in use when the editor opens."""

    def __init__(self, document, *, dark: bool | None = None) -> None:
        super().__init__(document)
        self.set_dark(theme.colors().dark if dark is None else dark, rehighlight=False)
        if dark is None:  # following the palette: switched while running, the colours follow
            theme.on_change(self, lambda: self.set_dark(theme.colors().dark))

    def set_dark(self, dark: bool, *, rehighlight: bool = True) -> None:
        self.dark = dark
        c = SYNTAX_COLORS[dark]
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
        bidi = QTextCharFormat()
        bidi.setBackground(QColor(BIDI_BACKGROUND[self.dark]))
        bidi.setToolTip(
            "A directional formatting character: it can make text read differently from how it is stored."
        )
        self.formats["bidi"] = bidi
        if rehighlight:
            self.rehighlight()

    # --- the model ---------------------------------------------------------------------------------------
    def set_model(self, model) -> None:
        """Give every line of the document the spans ``model`` (of the document's current text) found on it,
        and highlight again the lines whose spans changed."""
        per_line = model_line_spans(model)
        block = self.document().firstBlock()
        n = 0
        while block.isValid():
            text = block.text()
            spans = per_line.get(n, [])
            if "\u2028" in text:  # a line separator: a line break in the text the model read, not a new block
                offset = 0
                spans = []
                for part in text.split("\u2028"):
                    spans += [(offset + s, offset + e, k) for s, e, k in per_line.get(n, [])]
                    offset += len(part) + 1
                    n += 1
                n -= 1
            if spans and not text.isascii():
                spans = [(_utf16(text, s), _utf16(text, e), k) for s, e, k in spans]
            new = tuple(spans)
            old = block.userData()
            if not isinstance(old, LineSpans) or old.spans != new or old.text != text:
                block.setUserData(LineSpans(text, new))
                self.rehighlightBlock(block)
            block = block.next()
            n += 1

    # --- highlighting ----------------------------------------------------------------------------------
    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt override
        data = self.currentBlockUserData()
        code: list[tuple[int, int]] = []
        if isinstance(data, LineSpans) and data.text == text:
            self.setCurrentBlockState(0)
            if any(kind == "code" and s == 0 and e >= len(text) for s, e, kind in data.spans):
                for s, e, kind in data.spans:
                    self.setFormat(s, e - s, self.formats[kind])
                self._bidi(text)
                return
            code = [(s, e) for s, e, kind in data.spans if kind == "code"]
            words = self._words(text, code)
            for s, e, fmt in words:
                self.setFormat(s, e - s, fmt)
            for s, e, kind in data.spans:  # the model's kinds keep their colour inside bold or italic text
                own = self.formats[kind]
                self.setFormat(s, e - s, own)
                for ws, we, fmt in words:
                    a, b = max(s, ws), min(e, we)
                    if a < b:
                        both = QTextCharFormat(fmt)
                        both.merge(own)
                        self.setFormat(a, b - a, both)
        elif self._line_rules(text, code):
            self._bidi(text)
            return
        else:
            for s, e, fmt in self._words(text, code):
                self.setFormat(s, e - s, fmt)
        self._bidi(text)

    def _words(self, text: str, code: list[tuple[int, int]]) -> list[tuple[int, int, QTextCharFormat]]:
        """Bold, italic and estimative words outside ``code`` (UTF-16 columns, as Qt counts them)."""
        wide = not text.isascii()
        out = []
        for pattern, kind in _WORD_RULES:
            for m in pattern.finditer(text):
                s, e = (_utf16(text, m.start()), _utf16(text, m.end())) if wide else (m.start(), m.end())
                if not any(cs <= s < ce for cs, ce in code):
                    out.append((s, e, self.formats[kind]))
        return out

    def _line_rules(self, text: str, code: list[tuple[int, int]]) -> bool:
        """A line the model has not read: fences tracked with the block state. True when all of it is code."""
        in_fence = self.previousBlockState() == 1
        if text.lstrip().startswith(("```", "~~~")):
            self.setFormat(0, len(text), self.formats["code"])
            self.setCurrentBlockState(0 if in_fence else 1)
            return True
        if in_fence:
            self.setFormat(0, len(text), self.formats["code"])
            self.setCurrentBlockState(1)
            return True
        self.setCurrentBlockState(0)
        for pattern, kind in _LINE_RULES:
            for m in pattern.finditer(text):
                self.setFormat(m.start(), m.end() - m.start(), self.formats[kind])
                if kind == "code":
                    code.append((m.start(), m.end()))
        return False

    def _bidi(self, text: str) -> None:
        for m in BIDI_RE.finditer(text):
            at = _utf16(text, m.start()) if not text.isascii() else m.start()
            self.setFormat(at, 1, self.formats["bidi"])
