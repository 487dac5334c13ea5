"""WordprocessingML text: namespaces, content types, escaping and the few run shapes every part writes.

Everything here builds XML as text (parsed once by the caller); every string from a brief or the library goes
through :func:`xml_text` or :func:`xml_attr`, which drop the characters XML forbids and escape markup.
"""

from __future__ import annotations

import re

from app.brief_model.text import BIDI_RE, visible_bidi

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NSDECL = (
    f'xmlns:w="{W_NS}" xmlns:r="{R_NS}" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"'
)
CT_ENDNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml"
CT_FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
CT_DOCUMENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
CT_TEMPLATE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"

XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")

# One <w:t> holds at most this many characters: lxml refuses a text node over 10 MB ("Text node too long"),
# and Word itself is slow on huge runs. Longer text is written as several <w:t> in the same run.
MAX_TEXT_NODE = 100_000


def w(local: str) -> str:
    """The Clark name of a WordprocessingML element or attribute (``{ns}local``), for lxml lookups."""
    return f"{{{W_NS}}}{local}"


# Either kind of character xml_text changes besides markup, in one class: most texts hold neither, and a
# 20-page export escapes ~1,000 of them (one search instead of a substitution and a search: ~0.9 ms less).
_DROPPED_OR_SHOWN = re.compile("[" + XML_FORBIDDEN.pattern[1:-1] + BIDI_RE.pattern[1:-1] + "]")


def xml_text(text: str) -> str:
    """Text safe inside a WordprocessingML element: XML-forbidden characters dropped, markup escaped,
    directional formatting characters shown as tags (never applied silently)."""
    if _DROPPED_OR_SHOWN.search(text) is not None:
        text = visible_bidi(XML_FORBIDDEN.sub("", text))
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xml_attr(text: str) -> str:
    return xml_text(text).replace('"', "&quot;")


def t_elements(text: str) -> str:
    """``text`` as one or more ``<w:t>`` (each at most MAX_TEXT_NODE characters), escaped."""
    if len(text) <= MAX_TEXT_NODE:
        return f'<w:t xml:space="preserve">{xml_text(text)}</w:t>'
    return "".join(
        f'<w:t xml:space="preserve">{xml_text(text[i : i + MAX_TEXT_NODE])}</w:t>'
        for i in range(0, len(text), MAX_TEXT_NODE)
    )


def run(text: str, *, bold: bool = False, italic: bool = False) -> str:
    """One plain run of ``text`` (escaped), bold and/or italic."""
    rpr = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
    rpr = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return f"<w:r>{rpr}{t_elements(text)}</w:r>"


def field(instr: str, shown: str) -> str:
    """A simple field (PAGE, NUMPAGES, ...) showing ``shown`` until Word updates it."""
    return f'<w:fldSimple w:instr=" {instr} "><w:r><w:t>{shown}</w:t></w:r></w:fldSimple>'


def bookmark_name(text: str) -> str:
    """A valid Word bookmark name (letters, digits, underscore; starts with a letter; at most 40)."""
    name = re.sub(r"[^A-Za-z0-9_]", "_", text)
    if not name or not name[0].isalpha():
        name = "h_" + name
    return name[:40]
