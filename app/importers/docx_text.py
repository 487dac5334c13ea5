"""The text a reader sees in a Word document, in reading order, read from its XML.

python-docx's ``Paragraph.text`` reads only a paragraph's plain runs and hyperlinks. Real Word files hold much of
their text elsewhere: inside content controls (every form-like template), tracked insertions and moves (shown
in Word as text), simple fields, text boxes and footnotes. A source imported without them loses sentences an
analyst will quote, and a quote taken from Word then fails to match the stored text. This module walks the
WordprocessingML itself:

- paragraphs and tables of the body, and of content controls and custom XML around them, in document order;
- inside a paragraph: text, tabs, breaks, non-breaking hyphens, field results (never field codes), tracked
  insertions and moved-to text (never deletions or moved-from text), hyperlinks, inline content controls;
  hidden runs (``w:vanish``) are left out as Word leaves them out;
- a text box's paragraphs after the paragraph that anchors it, once (``mc:Fallback`` repeats the box for
  old readers and is skipped);
- footnote and endnote references as ``[1]`` / ``[i]`` where they stand, and the notes' text after the body,
  each as its own paragraph starting with its mark.

The XML has already been checked by the caller (no DOCTYPE or entities, bounded size); lxml's default depth
limit bounds the recursion.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_W = "{" + W + "}"

# Elements whose content Word does not show as text: deletions, moved-from text, field codes, properties,
# comment anchors.
_NOT_SHOWN = {
    f"{_W}{t}"
    for t in ("del", "moveFrom", "instrText", "delText", "delInstrText", "rPr", "pPr", "sectPr", "fldData")
}
_FALLBACK = "{" + MC + "}Fallback"
_OFF = {"0", "false", "off"}


def _skipped(el: Any) -> bool:
    """Not shown as text: comments and whatnot (not a str tag), deletions and the like, the old-reader copy of a
    text box, and a content control still showing its placeholder ("Click or tap here to enter text.")."""
    tag = el.tag
    if not isinstance(tag, str) or tag in _NOT_SHOWN or tag == _FALLBACK:
        return True
    return tag == f"{_W}sdt" and el.find(f"{_W}sdtPr/{_W}showingPlcHdr") is not None


def _roman(n: int) -> str:
    out = []
    for value, letters in (
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ):
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


@dataclass
class _Notes:
    """Footnotes or endnotes: their text by id, and the marks given in the order they are first referred to."""

    text: dict[str, str]
    roman: bool
    marks: dict[str, str] = field(default_factory=dict)

    def mark(self, note_id: str) -> str:
        if note_id not in self.marks:
            n = len(self.marks) + 1
            self.marks[note_id] = _roman(n) if self.roman else str(n)
        return self.marks[note_id]

    def blocks(self) -> Iterator[str]:
        for note_id, mark in self.marks.items():
            text = self.text.get(note_id, "").strip()
            if text:
                yield f"[{mark}] {text}"


class _Reader:
    def __init__(self, footnotes: dict[str, str], endnotes: dict[str, str]) -> None:
        self.footnotes = _Notes(footnotes, roman=False)
        self.endnotes = _Notes(endnotes, roman=True)

    # blocks: paragraphs and table rows

    def blocks(self, container: Any) -> Iterator[str]:
        for child in container:
            if _skipped(child):
                continue
            tag = child.tag
            if tag == f"{_W}p":
                yield from self.paragraph(child)
            elif tag == f"{_W}tbl":
                yield from self.table(child)
            else:  # content controls, custom XML, tracked block insertions, mc:Choice: their blocks count
                yield from self.blocks(child)

    def paragraph(self, p: Any) -> Iterator[str]:
        parts: list[str] = []
        boxes: list[str] = []
        self.inline(p, parts, boxes)
        text = "".join(parts).strip()
        if text:
            yield text
        yield from boxes

    def table(self, tbl: Any) -> Iterator[str]:
        for row in self._rows(tbl):
            cells = [" ".join(" ".join(self.blocks(tc)).split()) for tc in self._cells(row)]
            cells = [c for c in cells if c]
            if cells:
                yield " | ".join(cells)

    def _rows(self, el: Any) -> Iterator[Any]:
        for child in el:
            if child.tag == f"{_W}tr":
                if child.find(f"{_W}trPr/{_W}del") is None:  # a row deleted with changes tracked
                    yield child
            elif not _skipped(child):
                yield from self._rows(child)  # rows inside content controls or custom XML

    def _cells(self, el: Any) -> Iterator[Any]:
        for child in el:
            if child.tag == f"{_W}tc":
                yield child
            elif child.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"):
                yield from self._cells(child)

    # inside a paragraph

    def inline(self, el: Any, parts: list[str], boxes: list[str]) -> None:
        for child in el:
            if _skipped(child):
                continue
            tag = child.tag
            local = tag[len(_W) :] if tag.startswith(_W) else ""
            if local == "t":
                parts.append(child.text or "")
            elif local in ("tab", "ptab"):
                parts.append("\t")
            elif local in ("br", "cr"):
                parts.append("\n")
            elif local == "noBreakHyphen":
                parts.append("-")
            elif local == "footnoteReference":
                parts.append(f"[{self.footnotes.mark(child.get(f'{_W}id', ''))}]")
            elif local == "endnoteReference":
                parts.append(f"[{self.endnotes.mark(child.get(f'{_W}id', ''))}]")
            elif local == "txbxContent":
                boxes.extend(self.blocks(child))
            elif local == "r" and _hidden(child):
                continue
            else:
                self.inline(child, parts, boxes)


def _hidden(run: Any) -> bool:
    vanish = run.find(f"{_W}rPr/{_W}vanish")
    return vanish is not None and vanish.get(f"{_W}val", "true").lower() not in _OFF


def _notes_text(root: Any, kind: str) -> dict[str, str]:
    """The text of each footnote or endnote by id; separators and the mark itself left out."""
    out: dict[str, str] = {}
    if root is None:
        return out
    reader = _Reader({}, {})
    for note in root.iterfind(f"{_W}{kind}"):
        if note.get(f"{_W}type") in ("separator", "continuationSeparator", "continuationNotice"):
            continue
        out[note.get(f"{_W}id", "")] = " ".join(" ".join(reader.blocks(note)).split())
    return out


def document_blocks(body: Any, footnotes: Any = None, endnotes: Any = None) -> list[str]:
    """The paragraphs of a document body (an lxml ``w:body``) as a reader sees them, then its notes.
    ``footnotes`` and ``endnotes`` are the parsed roots of those parts, or None."""
    reader = _Reader(_notes_text(footnotes, "footnote"), _notes_text(endnotes, "endnote"))
    blocks = list(reader.blocks(body))
    blocks.extend(reader.footnotes.blocks())
    blocks.extend(reader.endnotes.blocks())
    return blocks


_CORE_NS = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}


def core_properties(read: Callable[[str], bytes | None]) -> dict[str, str]:
    """Title, author and creation date from the package's core properties, read from the zip itself.

    python-docx finds the core part only under the relationship type spelled as in the standard's strict
    namespace; LibreOffice writes another spelling, and python-docx then makes up its own ("Word Document" by
    "python-docx", created now), which must never become a source's title, author or date. ``read`` returns a
    zip member's bytes or None."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True)

    def parsed(name: str) -> Any:
        data = read(name)
        if data is None:
            return None
        try:
            return etree.fromstring(data, parser)
        except etree.XMLSyntaxError:
            return None

    name = "docProps/core.xml"
    rels = parsed("_rels/.rels")
    if rels is not None:
        for rel in rels.iterfind("rel:Relationship", _CORE_NS):
            if rel.get("Type", "").lower().endswith("/metadata/core-properties"):
                name = rel.get("Target", name).lstrip("/")
                break
    core = parsed(name)
    out: dict[str, str] = {}
    if core is None:
        return out
    for key, path in (("title", "dc:title"), ("author", "dc:creator"), ("date", "dcterms:created")):
        el = core.find(path, _CORE_NS)
        value = " ".join((el.text or "").split()) if el is not None else ""
        if value:
            out[key] = value[:10] if key == "date" else value
    if "date" in out and not re.fullmatch(r"\d{4}-\d\d-\d\d", out["date"]):
        del out["date"]
    return out
