"""The brief's body as WordprocessingML: Python-Markdown's element tree walked once into paragraphs, runs,
lists, tables, notes references, hyperlinks and pictures.

The :class:`BodyWriter` appends XML text to ``out``; the caller parses it once. Citations arrive as tokens
(``\ue000n\ue001``, the n-th citation group) put in the text before Markdown parsed it.
"""

from __future__ import annotations

import html as _html
import re
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, NamedTuple
from xml.etree import ElementTree as ET

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.shared import Emu
from lxml import etree

from app.brief_model.render import NotePlan
from app.brief_model.text import TOKEN_RE, token_index
from app.domain import MarkingScheme
from app.errors import CancelledError
from app.export.docx.styles import Styles
from app.export.docx.wordml import XML_FORBIDDEN, bookmark_name, t_elements, xml_attr, xml_text
from app.export.images import ImageFolders
from app.export.notes import Note
from app.markings import PORTION_RE, Marking, parse_mark

if TYPE_CHECKING:
    from docx.document import Document

STASH_RE = re.compile("\x02wzxhzdk:(\\d+)\x03")


# BlockContext and _Fmt are named tuples, not dataclasses: immutable values all the same, and a named tuple's
# class is made ~5x faster (a frozen dataclass compiles six generated methods when its module is imported,
# ~0.5 ms each class in a cold export; bench/RESULTS.md).
class BlockContext(NamedTuple):
    """Where a block is written: its paragraph style, extra indentation (w:ind XML) and list depth (-1: in
    no list)."""

    pstyle: str = "Normal"
    ind: str = ""
    level: int = -1


class _Fmt(NamedTuple):
    """The character formatting of the text being written (inline Markdown's emphasis, code, links)."""

    bold: bool = False
    italic: bool = False
    strike: bool = False
    code: bool = False
    sup: bool = False
    sub: bool = False
    link: bool = False

    def with_(self, **kw: bool) -> _Fmt:
        return self._replace(**kw)


_INLINE_FLAGS = {
    "strong": {"bold": True},
    "b": {"bold": True},
    "em": {"italic": True},
    "i": {"italic": True},
    "del": {"strike": True},
    "s": {"strike": True},
    "code": {"code": True},
    "sup": {"sup": True},
    "sub": {"sub": True},
}
_BLOCK_TAGS = {
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "hr",
    "table",
    "dl",
    "div",
}
_SCHEMES_OK = ("http://", "https://", "mailto:")


class BodyWriter:
    def __init__(
        self,
        document: Document,
        styles: Styles,
        *,
        plan: NotePlan,
        notes: Sequence[Note],
        stash: list[str],
        notes_kind: str,
        scheme: MarkingScheme,
        default_mark: Marking | None,
        images: ImageFolders,
        text_width: int,
        progress: Callable[[int, int], None] | None,
        cancel: Callable[[], bool] | None,
    ) -> None:
        self.doc = document
        self.st = styles
        self.plan = plan
        self._after_citation = False  # the paragraph written so far ends in a citation (spaces aside)
        self.all_notes = notes
        self.written: set[str] = set()  # keys whose note reference is written (later ones cross-refer)
        self.stash = stash
        self.note_tag = "footnote" if notes_kind == "footnotes" else "endnote"
        self.ref_style = styles.id(
            "Footnote Reference" if self.note_tag == "footnote" else "Endnote Reference"
        )
        self.scheme = scheme
        self.default_mark = default_mark
        self.marks: list[Marking] = []
        self.images = images
        self.text_width = text_width  # twips
        self.progress = progress
        self.cancel = cancel
        self.out: list[str] = []
        self.notes: list[Note] = []
        self.warnings: list[str] = []
        self.bookmark_id = 100
        self.num_ids: list[tuple[int, int, int]] = []  # (num id, abstract kind 0 bullet/1 decimal, start)
        self.next_num = 1000
        self.blocks_done = 0
        self.blocks_total = 0
        self.hyperlinks: dict[str, str] = {}
        self._next_rid: int | None = None
        self.num_remap: dict[int, int] = {}

    # ---- runs
    def _rpr(self, f: _Fmt) -> str:
        parts = []
        if f.link:
            sid = self.st.id("Hyperlink")
            if sid:
                parts.append(f'<w:rStyle w:val="{sid}"/>')
        elif f.code:
            sid = self.st.id("Verbatim Char")
            if sid:
                parts.append(f'<w:rStyle w:val="{sid}"/>')
        if f.bold:
            parts.append("<w:b/>")
        if f.italic:
            parts.append("<w:i/>")
        if f.strike:
            parts.append("<w:strike/>")
        if f.sup:
            parts.append('<w:vertAlign w:val="superscript"/>')
        elif f.sub:
            parts.append('<w:vertAlign w:val="subscript"/>')
        return f"<w:rPr>{''.join(parts)}</w:rPr>" if parts else ""

    def _text_runs(self, text: str, f: _Fmt) -> str:
        if not text:
            return ""
        out = []
        pos = 0
        for m in TOKEN_RE.finditer(text):
            before = text[pos : m.start()]
            # "resume [@c1]." -> "resume¹.": a note number never wraps alone; but between two citations the
            # space stays, so "[@c1] [@c2]" never reads as note 12
            if self._is_note(token_index(m)) and not (self._after_citation and not before.strip()):
                before = before.rstrip(" \t\n")
            if before.strip():
                self._after_citation = False
            out.append(self._plain_run(before, f))
            out.append(self._citation(token_index(m)))
            pos = m.end()
            self._after_citation = True
        if text[pos:].strip():
            self._after_citation = False
        out.append(self._plain_run(text[pos:], f))
        return "".join(out)

    def _plain_run(self, text: str, f: _Fmt) -> str:
        if not text:
            return ""
        text = XML_FORBIDDEN.sub("", text)
        rpr = self._rpr(f)
        if "\t" in text or "\n" in text and f.code:
            pieces = []
            for i, line in enumerate(text.split("\n")):
                if i:
                    pieces.append("<w:br/>")
                for j, chunk in enumerate(line.split("\t")):
                    if j:
                        pieces.append("<w:tab/>")
                    if chunk:
                        pieces.append(t_elements(chunk))
            return f"<w:r>{rpr}{''.join(pieces)}</w:r>"
        if "\n" in text:
            text = text.replace("\n", " ")
        return f"<w:r>{rpr}{t_elements(text)}</w:r>"

    def _is_note(self, group: int) -> bool:
        keys = self.plan.groups.get(group, [])
        return bool(keys) and keys[0] in self.plan.numbers

    def _citation(self, group: int) -> str:
        keys = self.plan.groups.get(group, [])
        numbers = self.plan.numbers
        out = []
        for i, key in enumerate(keys):
            if i:
                out.append(f'<w:r><w:rPr><w:rStyle w:val="{self.ref_style}"/></w:rPr><w:t>,</w:t></w:r>')
            if key not in numbers:
                out.append(
                    f'<w:r><w:rPr><w:b/><w:color w:val="C00000"/><w:highlight w:val="yellow"/></w:rPr>'
                    f'<w:t xml:space="preserve">[missing {xml_text(key)}]</w:t></w:r>'
                )
                continue
            n = numbers[key]
            if key in self.written:  # cited again: a cross-reference to the first note (Word's NOTEREF)
                out.append(
                    f'<w:fldSimple w:instr=" NOTEREF _BdNote{n} \\f \\h "><w:r><w:rPr>'
                    f'<w:rStyle w:val="{self.ref_style}"/></w:rPr><w:t>{n}</w:t></w:r></w:fldSimple>'
                )
                continue
            self.written.add(key)
            self.notes.append(self.all_notes[n - 1])
            bid = self._next_bookmark()
            out.append(
                f'<w:bookmarkStart w:id="{bid}" w:name="_BdNote{n}"/><w:r><w:rPr>'
                f'<w:rStyle w:val="{self.ref_style}"/></w:rPr><w:{self.note_tag}Reference w:id="{n}"/></w:r>'
                f'<w:bookmarkEnd w:id="{bid}"/>'
            )
        return "".join(out)

    def _next_bookmark(self) -> int:
        self.bookmark_id += 1
        return self.bookmark_id

    def inline(self, el: ET.Element, f: _Fmt) -> str:
        """The runs for ``el``'s content (its text and children, not its tail)."""
        out = [self._text_runs(el.text or "", f)]
        for child in el:
            out.append(self._inline_child(child, f))
            if child.tail:
                out.append(self._text_runs(child.tail, f))
        return "".join(out)

    def _inline_child(self, child: ET.Element, f: _Fmt) -> str:
        tag = child.tag
        if tag in _INLINE_FLAGS:
            return self.inline(child, f.with_(**_INLINE_FLAGS[tag]))
        if tag == "br":
            return "<w:r><w:br/></w:r>"
        if tag == "a":
            return self._hyperlink(child, f)
        if tag == "img":
            return self._image(child)
        return self.inline(child, f)  # abbr, span and anything else: its text

    def _hyperlink(self, el: ET.Element, f: _Fmt) -> str:
        href = (el.get("href") or "").strip()
        inner = self.inline(el, f.with_(link=True))
        if href.startswith("#") and len(href) > 1:
            return f'<w:hyperlink w:anchor="{xml_attr(bookmark_name(href[1:]))}">{inner}</w:hyperlink>'
        if not href.lower().startswith(_SCHEMES_OK):
            return self.inline(el, f)  # other schemes (javascript:, file:, briefdesk:) become plain text
        return self.hyperlink(href, inner)

    def hyperlink(self, href: str, inner: str) -> str:
        """``inner`` (runs) as a link to the external ``href`` (an http, https or mailto address)."""
        rid = self.hyperlinks.get(href)
        if rid is None:
            # python-docx's relate_to scans every relationship twice per call; a brief with hundreds of
            # links made that quadratic. New ids continue after the highest one in use.
            rels = self.doc.part.rels
            if self._next_rid is None:
                used = [int(k[3:]) for k in rels if k.startswith("rId") and k[3:].isdigit()]
                self._next_rid = max(used, default=0) + 1
            rid = f"rId{self._next_rid}"
            self._next_rid += 1
            rels.add_relationship(RT.HYPERLINK, href, rid, is_external=True)
            self.hyperlinks[href] = rid
        return f'<w:hyperlink r:id="{rid}" w:history="1">{inner}</w:hyperlink>'

    def link_style_rpr(self) -> str:
        """The run properties of a link's text (the Hyperlink character style)."""
        return self._rpr(_Fmt(link=True))

    def _image(self, el: ET.Element) -> str:
        src = (el.get("src") or "").strip()
        alt = el.get("alt") or ""
        path, why = self.images.check(src)
        if path is None:
            self.warnings.append(f"image not embedded: {src} ({why})")
            shown = f"[image not embedded: {src}{' — ' + alt if alt else ''} ({why})]"
            return self._plain_run(shown, _Fmt(italic=True))
        try:
            inline = self.doc.part.new_pic_inline(str(path), None, None)
            cx = int(inline.extent.cx)
            max_cx = Emu(self.text_width * 635)
            if cx > max_cx:
                cy = Emu(int(inline.extent.cy * max_cx / cx))
                inline.extent.cx, inline.extent.cy = max_cx, cy
                shape = inline.graphic.graphicData.pic.spPr  # its a:xfrm/a:ext, the picture's own size
                shape.cx, shape.cy = max_cx, cy
        except Exception as exc:  # not an image python-docx understands
            self.warnings.append(f"image could not be read: {src} ({exc.__class__.__name__})")
            return self._plain_run(f"[image could not be read: {src}]", _Fmt(italic=True))
        xml = etree.tostring(inline, encoding="unicode")
        return f"<w:r><w:drawing>{xml}</w:drawing></w:r>"

    # ---- blocks
    def _mark_prefix(self, el: ET.Element, *, apply_default: bool = True) -> None:
        """Record ``el``'s portion mark, or give it the brief's default mark."""
        if self.scheme is MarkingScheme.NONE:
            return
        first = el.text or ""
        m = PORTION_RE.match(first.lstrip())
        if m:
            mark = parse_mark(m.group("mark"))
            if mark is not None:
                self.marks.append(mark)
            return
        if not apply_default or self.default_mark is None:
            return
        self.marks.append(self.default_mark)
        el.text = f"{self.default_mark.portion} {first.lstrip()}"

    def para(self, content: str, ppr: str = "") -> None:
        self._after_citation = False  # the next paragraph starts afresh
        self.out.append(f"<w:p>{'<w:pPr>' + ppr + '</w:pPr>' if ppr else ''}{content}</w:p>")

    def blocks(self, parent: ET.Element, ctx: BlockContext) -> None:
        for el in parent:
            self.block(el, ctx)
            if el.tail and el.tail.strip() and parent.tag not in ("li",):
                self.para(self._text_runs(el.tail.strip(), _Fmt()), self.st.ppr("Normal"))

    def tick(self) -> None:
        self.blocks_done += 1
        if self.blocks_done % 200 == 0:
            if self.cancel is not None and self.cancel():
                raise CancelledError("Export cancelled; nothing was written.")
            if self.progress is not None:
                self.progress(self.blocks_done, max(self.blocks_total, self.blocks_done))

    def block(self, el: ET.Element, ctx: BlockContext) -> None:
        tag = el.tag
        self.tick()
        if tag == "p":
            stash = STASH_RE.fullmatch((el.text or "").strip()) if len(el) == 0 else None
            if stash:
                self._raw_block(int(stash.group(1)), ctx)
                return
            self._mark_prefix(el)
            style = ctx.pstyle
            self.para(self.inline(el, _Fmt()), self.st.ppr(style, "Normal") + ctx.ind)
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            level = int(tag[1])
            self._mark_prefix(el)
            name = f"Heading {level}"
            bid = self._next_bookmark()
            anchor = bookmark_name(el.get("id") or f"h{bid}")
            self.para(
                f'<w:bookmarkStart w:id="{bid}" w:name="{xml_attr(anchor)}"/>{self.inline(el, _Fmt())}'
                f'<w:bookmarkEnd w:id="{bid}"/>',
                self.st.ppr(name, "Heading 3"),
            )
        elif tag in ("ul", "ol"):
            self._list(el, ctx)
        elif tag == "blockquote":
            inner = ctx._replace(pstyle="Block Text")
            for child in el:
                self.block(child, inner)
        elif tag == "pre":
            code = el.find("code")
            text = (code.text if code is not None else el.text) or ""
            self._code(text, ctx)
        elif tag == "hr":
            self.para(
                "",
                '<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="A6A6A6"/></w:pBdr>',
            )
        elif tag == "table":
            self._table(el)
        elif tag == "dl":
            for child in el:
                if child.tag == "dt":
                    self._mark_prefix(child, apply_default=False)
                    self.para(self.inline(child, _Fmt()), self.st.ppr("Definition Term"))
                elif child.tag == "dd":
                    if any(c.tag in _BLOCK_TAGS for c in child):
                        self.blocks(child, ctx._replace(pstyle="Definition"))
                    else:  # a definition is a portion, as the brief model and the checks read it
                        self._mark_prefix(child)
                        self.para(self.inline(child, _Fmt()), self.st.ppr("Definition"))
        elif tag == "div":
            self.blocks(el, ctx)
        else:  # an unexpected element: keep its text
            text = "".join(el.itertext())
            if text.strip():
                self.para(self._text_runs(text, _Fmt()), self.st.ppr("Normal"))

    def _raw_block(self, index: int, ctx: BlockContext) -> None:
        raw = self.stash[index] if 0 <= index < len(self.stash) else ""
        if raw.lstrip().startswith("<pre"):  # a fenced code block, stored as HTML by the extension
            code = re.sub(r"<[^>]+>", "", raw)
            self._code(_html.unescape(code), ctx)
        else:
            self.para(self._text_runs(raw, _Fmt()), self.st.ppr("Normal"))

    def _code(self, text: str, ctx: BlockContext) -> None:
        text = text.rstrip("\n")
        # Markdown escaped the code's characters for HTML: tokens for citations stay literal in code.
        text = _html.unescape(text)
        self.para(self._plain_run(text, _Fmt()) if text else "", self.st.ppr("Source Code") + ctx.ind)

    def _new_num(self, kind: int, start: int) -> int:
        self.next_num += 1
        self.num_ids.append((self.next_num, kind, start))
        return self.next_num

    def _list(self, el: ET.Element, ctx: BlockContext) -> None:
        ordered = el.tag == "ol"
        level = ctx.level + 1
        try:
            start = int(el.get("start") or 1)
        except ValueError:
            start = 1
        num = self._new_num(1 if ordered else 0, start if ordered else 1)
        lvl = min(level, 8)
        numpr = f'<w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="{num}"/></w:numPr>'
        style = self.st.ppr("List Paragraph", "Normal")
        ind_cont = f'<w:ind w:left="{720 * (lvl + 1)}"/>'
        for li in el:
            if li.tag != "li":
                continue
            self.tick()
            has_blocks = any(c.tag in _BLOCK_TAGS for c in li)
            if not has_blocks:
                self._mark_prefix(li)
                self.para(self.inline(li, _Fmt()), style + numpr)
                continue
            first = True
            if li.text and li.text.strip():  # tight item with a nested list: text, then the list
                self._mark_prefix(li)
                self.para(self._text_runs(li.text.strip(), _Fmt()), style + numpr)
                first = False
            for child in li:
                if child.tag == "p" and first:
                    self._mark_prefix(child)
                    self.para(self.inline(child, _Fmt()), style + numpr)
                    first = False
                elif child.tag in ("ul", "ol"):
                    self._list(child, ctx._replace(level=level))
                elif child.tag in _BLOCK_TAGS:
                    self.block(child, ctx._replace(ind=ind_cont))
                else:
                    self.para(self._inline_child(child, _Fmt()), style + ind_cont)
                if child.tail and child.tail.strip():
                    self.para(self._text_runs(child.tail.strip(), _Fmt()), style + ind_cont)

    def _table(self, el: ET.Element) -> None:
        rows: list[tuple[bool, list[ET.Element]]] = []
        for section in el:
            if section.tag in ("thead", "tbody"):
                for tr in section:
                    rows.append((section.tag == "thead", [c for c in tr if c.tag in ("th", "td")]))
            elif section.tag == "tr":
                rows.append((False, [c for c in section if c.tag in ("th", "td")]))
        if not rows:
            return
        ncols = max(len(cells) for _, cells in rows) or 1
        self.table_xml(
            [
                (
                    header,
                    [(self._cell_content(c), _cell_align(c), header) for c in cells]
                    + [("", "", header)] * (ncols - len(cells)),
                )
                for header, cells in rows
            ],
            ncols,
        )

    def _cell_content(self, cell: ET.Element) -> str:
        self._after_citation = False
        if "".join(cell.itertext()).strip():  # a cell with text is a portion, as the checks count it
            self._mark_prefix(cell)
        return self.inline(cell, _Fmt(bold=cell.tag == "th"))

    def table_xml(
        self,
        rows: Sequence[tuple[bool, Sequence[tuple[str, str, bool]]]],
        ncols: int,
        widths: Sequence[int] | None = None,
    ) -> None:
        """A table: rows of (is header, cells of (runs or paragraphs XML, alignment, bold)); header rows repeat."""
        widths = list(widths or [self.text_width // ncols] * ncols)
        tstyle = self.st.id("Briefdesk Table", "Table Grid")
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        cell_style = self.st.ppr("Table Text", "Normal")
        style_xml = f'<w:tblStyle w:val="{tstyle}"/>' if tstyle else ""
        out = [
            f"<w:tbl><w:tblPr>{style_xml}"
            f'<w:tblW w:w="5000" w:type="pct"/><w:tblLayout w:type="fixed"/>'
            f'<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
            f'w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>{grid}</w:tblGrid>'
        ]
        for header, cells in rows:
            trpr = (
                "<w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>"
                if header
                else "<w:trPr><w:cantSplit/></w:trPr>"
            )
            out.append(f"<w:tr>{trpr}")
            for i, (content, align, _bold) in enumerate(cells):
                shade = '<w:shd w:val="clear" w:color="auto" w:fill="E7E6E6"/>' if header else ""
                jc = f'<w:jc w:val="{align}"/>' if align else ""
                if content.startswith("<w:p>") or content.startswith("<w:p "):
                    body = content
                else:
                    body = f"<w:p><w:pPr>{cell_style}{jc}</w:pPr>{content}</w:p>"
                out.append(
                    f'<w:tc><w:tcPr><w:tcW w:w="{widths[min(i, len(widths) - 1)]}" w:type="dxa"/>{shade}'
                    f"</w:tcPr>{body}</w:tc>"
                )
            out.append("</w:tr>")
        out.append("</w:tbl>")
        self.out.append("".join(out))
        self.para("", '<w:spacing w:before="0" w:after="0"/>' + '<w:rPr><w:sz w:val="8"/></w:rPr>')


def _cell_align(cell: ET.Element) -> str:
    style = (cell.get("style") or "") + " " + (cell.get("align") or "")
    for word, jc in (("right", "right"), ("center", "center"), ("left", "left")):
        if word in style:
            return jc
    return ""
