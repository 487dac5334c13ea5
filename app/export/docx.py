"""The brief as a real Word document: styles from a template, real notes, numbering, tables and fields.

The body is built as WordprocessingML text and parsed once into the document (python-docx's
``add_paragraph`` scans the body and its style setter scans every style on each call, which is quadratic
on long briefs). python-docx supplies the package: styles, numbering, sections, headers and footers,
relationships, pictures and core properties; the notes parts it lacks are added here.

Entry point: :func:`render_docx` (pure: a brief, its resolved citations and annex content in, bytes out).
"""

from __future__ import annotations

import datetime as dt
import html as _html
import io
import re
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

import docx
import markdown
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.shared import Emu
from lxml import etree

from app.citations import parse_citations
from app.domain import BriefRecord, ClaimRecord, MarkingScheme, SourceRecord
from app.errors import CancelledError, ExportError, UnknownCitationError
from app.export._markdown import docx_extensions, strike_pattern
from app.markings import PORTION_RE, Marking, highest, parse_mark

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
TOKEN_RE = re.compile("\ue000(\\d+)\ue001")
STASH_RE = re.compile("\x02wzxhzdk:(\\d+)\x03")
PAPER = {"A4": (11906, 16838), "LETTER": (12240, 15840)}  # twips
MARGIN = 1247  # 2.2 cm

# Word's limits for core properties (characters).
CORE_LIMIT = 255


def xml_text(text: str) -> str:
    """Text safe inside a WordprocessingML element: XML-forbidden characters dropped, markup escaped."""
    return XML_FORBIDDEN.sub("", text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xml_attr(text: str) -> str:
    return xml_text(text).replace('"', "&quot;")


# --------------------------------------------------------------------------------------------- styles
@dataclass(frozen=True)
class _StyleDef:
    name: str
    kind: str  # paragraph | character | table
    xml: str  # pPr/rPr/tblPr content
    based_on: str = ""


_STYLE_DEFS = (
    _StyleDef(
        "Banner",
        "paragraph",
        '<w:pPr><w:jc w:val="center"/><w:spacing w:before="0" w:after="0"/></w:pPr>'
        '<w:rPr><w:b/><w:caps/><w:sz w:val="20"/></w:rPr>',
        "Normal",
    ),
    _StyleDef(
        "Title Block",
        "paragraph",
        '<w:pPr><w:spacing w:before="0" w:after="60"/></w:pPr><w:rPr><w:color w:val="404040"/></w:rPr>',
        "Normal",
    ),
    _StyleDef(
        "Draft Notice",
        "paragraph",
        '<w:pPr><w:spacing w:before="120" w:after="120"/>'
        '<w:pBdr><w:top w:val="single" w:sz="8" w:space="4" w:color="C00000"/>'
        '<w:bottom w:val="single" w:sz="8" w:space="4" w:color="C00000"/></w:pBdr></w:pPr>'
        '<w:rPr><w:b/><w:color w:val="C00000"/></w:rPr>',
        "Normal",
    ),
    _StyleDef(
        "Source Code",
        "paragraph",
        '<w:pPr><w:spacing w:before="60" w:after="60" w:line="240" '
        'w:lineRule="auto"/><w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/></w:pPr>'
        '<w:rPr><w:rFonts w:ascii="Consolas" w:hAnsi="Consolas" w:cs="Consolas"/>'
        '<w:sz w:val="18"/></w:rPr>',
        "Normal",
    ),
    _StyleDef(
        "Verbatim Char",
        "character",
        '<w:rPr><w:rFonts w:ascii="Consolas" w:hAnsi="Consolas" '
        'w:cs="Consolas"/><w:sz w:val="19"/><w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/></w:rPr>',
    ),
    _StyleDef("Hyperlink", "character", '<w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr>'),
    _StyleDef(
        "Endnote Text",
        "paragraph",
        '<w:pPr><w:spacing w:after="60" w:line="240" w:lineRule="auto"/>'
        '</w:pPr><w:rPr><w:sz w:val="18"/></w:rPr>',
        "Normal",
    ),
    _StyleDef(
        "Footnote Text",
        "paragraph",
        '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
        '</w:pPr><w:rPr><w:sz w:val="18"/></w:rPr>',
        "Normal",
    ),
    _StyleDef("Endnote Reference", "character", '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'),
    _StyleDef("Footnote Reference", "character", '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'),
    _StyleDef(
        "Block Text",
        "paragraph",
        '<w:pPr><w:ind w:left="567" w:right="567"/>'
        '<w:pBdr><w:left w:val="single" w:sz="12" w:space="8" w:color="A6A6A6"/></w:pBdr></w:pPr>'
        "<w:rPr><w:i/></w:rPr>",
        "Normal",
    ),
    _StyleDef(
        "Definition Term",
        "paragraph",
        '<w:pPr><w:keepNext/><w:spacing w:after="0"/></w:pPr><w:rPr><w:b/></w:rPr>',
        "Normal",
    ),
    _StyleDef("Definition", "paragraph", '<w:pPr><w:ind w:left="567"/></w:pPr>', "Normal"),
    _StyleDef(
        "Table Text",
        "paragraph",
        '<w:pPr><w:spacing w:before="20" w:after="20" w:line="240" '
        'w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="19"/></w:rPr>',
        "Normal",
    ),
    _StyleDef(
        "Image Placeholder",
        "paragraph",
        '<w:pPr><w:jc w:val="center"/><w:pBdr><w:top w:val="dashed" '
        'w:sz="4" w:space="4" w:color="999999"/><w:bottom w:val="dashed" w:sz="4" w:space="4" '
        'w:color="999999"/></w:pBdr></w:pPr><w:rPr><w:i/><w:color w:val="7F7F7F"/></w:rPr>',
        "Normal",
    ),
    _StyleDef(
        "Briefdesk Table",
        "table",
        "<w:tblPr><w:tblBorders>"
        '<w:top w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
        '<w:left w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
        '<w:bottom w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
        '<w:right w:val="single" w:sz="4" w:space="0" w:color="808080"/>'
        '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="BFBFBF"/>'
        '<w:insideV w:val="single" w:sz="4" w:space="0" w:color="BFBFBF"/></w:tblBorders>'
        '<w:tblCellMar><w:left w:w="85" w:type="dxa"/><w:right w:w="85" w:type="dxa"/></w:tblCellMar>'
        "</w:tblPr>",
    ),
)


def _style_id(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9]", "", name)


class Styles:
    """Style ids by name, resolved once; a style the template lacks is added (house definition)."""

    def __init__(self, document) -> None:
        self.element = document.styles.element
        self.ids: dict[str, str] = {}
        for s in self.element.iterchildren(f"{{{W_NS}}}style"):
            name_el = s.find(f"{{{W_NS}}}name")
            if name_el is not None:
                self.ids[name_el.get(f"{{{W_NS}}}val").lower()] = s.get(f"{{{W_NS}}}styleId")
        for d in _STYLE_DEFS:
            if d.name.lower() not in self.ids:
                self._add(d)

    def _add(self, d: _StyleDef) -> None:
        sid = _style_id(d.name)
        based = (
            f'<w:basedOn w:val="{self.ids[d.based_on.lower()]}"/>' if d.based_on.lower() in self.ids else ""
        )
        self.element.append(
            parse_xml(
                f'<w:style {NSDECL} w:type="{d.kind}" w:customStyle="1" w:styleId="{sid}">'
                f'<w:name w:val="{d.name}"/>{based}<w:qFormat/>{d.xml}</w:style>'
            )
        )
        self.ids[d.name.lower()] = sid

    def id(self, *names: str) -> str | None:
        for n in names:
            sid = self.ids.get(n.lower())
            if sid:
                return sid
        return None

    def ppr(self, *names: str) -> str:
        sid = self.id(*names)
        return f'<w:pStyle w:val="{sid}"/>' if sid else ""


# --------------------------------------------------------------------------------------------- parse


class _Capture(markdown.treeprocessors.Treeprocessor):
    def run(self, root):
        self.md.captured_root = root
        return None


def parse_tree(text: str) -> tuple[ET.Element, list[str]]:
    """Python-Markdown's element tree for ``text`` (raw HTML kept as text) and its stashed raw blocks."""
    md = markdown.Markdown(extensions=docx_extensions())
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    md.inlinePatterns.deregister("entity")
    md.inlinePatterns.register(strike_pattern(), "strike", 45)
    md.treeprocessors.register(_Capture(md), "briefdesk_capture", -10)
    md.convert(text)
    root = getattr(md, "captured_root", None)  # an empty or blank body never reaches the tree processors
    return (root if root is not None else ET.Element("div")), list(md.htmlStash.rawHtmlBlocks)


# --------------------------------------------------------------------------------------------- notes
@dataclass(frozen=True, slots=True)
class DocxNote:
    number: int
    key: str
    text: str


@dataclass
class AnnexContent:
    """What the annexes show; built by the export service from the library."""

    sources: list[SourceRecord] = field(default_factory=list)
    contested: list[tuple[ClaimRecord, list[ClaimRecord]]] = field(default_factory=list)  # claim, its denials
    summary: str = ""
    include: frozenset[str] = frozenset({"sources", "claims", "summary"})


@dataclass(frozen=True)
class DocxResult:
    data: bytes
    notes: tuple[DocxNote, ...]
    warnings: tuple[str, ...]
    banner: str


# --------------------------------------------------------------------------------------------- writer
@dataclass
class _Fmt:
    bold: bool = False
    italic: bool = False
    strike: bool = False
    code: bool = False
    sup: bool = False
    sub: bool = False
    link: bool = False

    def with_(self, **kw) -> _Fmt:
        return _Fmt(**{**self.__dict__, **kw})


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


class _Writer:
    def __init__(
        self,
        document,
        styles: Styles,
        *,
        groups: list[list[str]],
        resolver: Mapping[str, ClaimRecord | SourceRecord],
        stash: list[str],
        notes_kind: str,
        scheme: MarkingScheme,
        default_mark: Marking | None,
        image_root: Path | None,
        text_width: int,
        progress: Callable[[int, int], None] | None,
        cancel: Callable[[], bool] | None,
    ) -> None:
        self.doc = document
        self.st = styles
        self.groups = groups
        self.resolver = resolver
        self.stash = stash
        self.note_tag = "footnote" if notes_kind == "footnotes" else "endnote"
        self.ref_style = styles.id(
            "Footnote Reference" if self.note_tag == "footnote" else "Endnote Reference"
        )
        self.scheme = scheme
        self.default_mark = default_mark
        self.marks: list[Marking] = []
        self.image_root = image_root
        self.text_width = text_width  # twips
        self.progress = progress
        self.cancel = cancel
        self.out: list[str] = []
        self.notes: list[DocxNote] = []
        self.numbers: dict[str, int] = {}
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
            out.append(self._plain_run(text[pos : m.start()], f))
            out.append(self._citation(int(m.group(1))))
            pos = m.end()
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
                        pieces.append(f'<w:t xml:space="preserve">{xml_text(chunk)}</w:t>')
            return f"<w:r>{rpr}{''.join(pieces)}</w:r>"
        if "\n" in text:
            text = text.replace("\n", " ")
        return f'<w:r>{rpr}<w:t xml:space="preserve">{xml_text(text)}</w:t></w:r>'

    def _citation(self, group: int) -> str:
        keys = self.groups[group]
        out = []
        for i, key in enumerate(keys):
            if i:
                out.append(f'<w:r><w:rPr><w:rStyle w:val="{self.ref_style}"/></w:rPr><w:t>,</w:t></w:r>')
            if key not in self.resolver:
                out.append(
                    f'<w:r><w:rPr><w:b/><w:color w:val="C00000"/><w:highlight w:val="yellow"/></w:rPr>'
                    f'<w:t xml:space="preserve">[missing {xml_text(key)}]</w:t></w:r>'
                )
                continue
            if key in self.numbers:  # cited again: a cross-reference to the first note (Word's NOTEREF)
                n = self.numbers[key]
                out.append(
                    f'<w:fldSimple w:instr=" NOTEREF _BdNote{n} \\f \\h "><w:r><w:rPr>'
                    f'<w:rStyle w:val="{self.ref_style}"/></w:rPr><w:t>{n}</w:t></w:r></w:fldSimple>'
                )
                continue
            n = len(self.notes) + 1
            self.numbers[key] = n
            from app.export import note_text  # the one ICD 206-style reference format

            self.notes.append(DocxNote(n, key, note_text(self.resolver[key])))
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
            return f'<w:hyperlink w:anchor="{xml_attr(_bookmark_name(href[1:]))}">{inner}</w:hyperlink>'
        if not href.lower().startswith(_SCHEMES_OK):
            return self.inline(el, f)  # other schemes (javascript:, file:, briefdesk:) become plain text
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

    def _image(self, el: ET.Element) -> str:
        src = (el.get("src") or "").strip()
        alt = el.get("alt") or ""
        path = Path(src)
        if not path.is_absolute() and self.image_root is not None:
            path = self.image_root / path
        if src.lower().startswith(("http://", "https://")) or not path.is_file():
            self.warnings.append(f"image not found: {src}")
            return self._plain_run(f"[image not found: {src}{' — ' + alt if alt else ''}]", _Fmt(italic=True))
        try:
            inline = self.doc.part.new_pic_inline(str(path), None, None)
            cx = int(inline.extent.cx)
            max_cx = int(Emu(self.text_width * 635))
            if cx > max_cx:
                inline.extent.cx = max_cx
                inline.extent.cy = int(inline.extent.cy * max_cx / cx)
                pic_ext = inline.graphic.graphicData.pic.spPr.xfrm.ext
                pic_ext.cx, pic_ext.cy = inline.extent.cx, inline.extent.cy
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
        self.out.append(f"<w:p>{'<w:pPr>' + ppr + '</w:pPr>' if ppr else ''}{content}</w:p>")

    def blocks(self, parent: ET.Element, ctx: dict) -> None:
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

    def block(self, el: ET.Element, ctx: dict) -> None:
        tag = el.tag
        self.tick()
        if tag == "p":
            stash = STASH_RE.fullmatch((el.text or "").strip()) if len(el) == 0 else None
            if stash:
                self._raw_block(int(stash.group(1)), ctx)
                return
            self._mark_prefix(el)
            style = ctx.get("pstyle", "Normal")
            self.para(self.inline(el, _Fmt()), self.st.ppr(style, "Normal") + ctx.get("ind", ""))
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            level = int(tag[1])
            self._mark_prefix(el)
            name = f"Heading {level}"
            bid = self._next_bookmark()
            anchor = _bookmark_name(el.get("id") or f"h{bid}")
            self.para(
                f'<w:bookmarkStart w:id="{bid}" w:name="{xml_attr(anchor)}"/>{self.inline(el, _Fmt())}'
                f'<w:bookmarkEnd w:id="{bid}"/>',
                self.st.ppr(name, "Heading 3"),
            )
        elif tag in ("ul", "ol"):
            self._list(el, ctx)
        elif tag == "blockquote":
            inner = dict(ctx, pstyle="Block Text")
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
                        self.blocks(child, dict(ctx, pstyle="Definition"))
                    else:
                        self.para(self.inline(child, _Fmt()), self.st.ppr("Definition"))
        elif tag == "div":
            self.blocks(el, ctx)
        else:  # an unexpected element: keep its text
            text = "".join(el.itertext())
            if text.strip():
                self.para(self._text_runs(text, _Fmt()), self.st.ppr("Normal"))

    def _raw_block(self, index: int, ctx: dict) -> None:
        raw = self.stash[index] if 0 <= index < len(self.stash) else ""
        if raw.lstrip().startswith("<pre"):  # a fenced code block, stored as HTML by the extension
            code = re.sub(r"<[^>]+>", "", raw)
            self._code(_html.unescape(code), ctx)
        else:
            self.para(self._text_runs(raw, _Fmt()), self.st.ppr("Normal"))

    def _code(self, text: str, ctx: dict) -> None:
        text = text.rstrip("\n")
        # Markdown escaped the code's characters for HTML: tokens for citations stay literal in code.
        text = _html.unescape(text)
        self.para(
            self._plain_run(text, _Fmt()) if text else "", self.st.ppr("Source Code") + ctx.get("ind", "")
        )

    def _new_num(self, kind: int, start: int) -> int:
        self.next_num += 1
        self.num_ids.append((self.next_num, kind, start))
        return self.next_num

    def _list(self, el: ET.Element, ctx: dict) -> None:
        ordered = el.tag == "ol"
        level = ctx.get("level", -1) + 1
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
                    self._list(child, dict(ctx, level=level))
                elif child.tag in _BLOCK_TAGS:
                    self.block(child, dict(ctx, ind=ind_cont, pstyle=ctx.get("pstyle", "Normal")))
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
        first = cell.text or ""
        m = PORTION_RE.match(first.lstrip())
        if m and self.scheme is not MarkingScheme.NONE:
            mark = parse_mark(m.group("mark"))
            if mark is not None:
                self.marks.append(mark)
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

    def numbering_xml(self) -> tuple[list[str], list[str]]:
        """abstractNum (bullet and decimal) and num elements for every list written."""
        if not self.num_ids:
            return [], []
        bullets = ["\u2022", "\u25e6", "\u25aa"]
        formats = [("decimal", "%{n}."), ("lowerLetter", "%{n}."), ("lowerRoman", "%{n}.")]
        abstract = []
        for kind in (0, 1):
            lvls = []
            for lvl in range(9):
                ind = f'<w:pPr><w:ind w:left="{720 * (lvl + 1)}" w:hanging="360"/></w:pPr>'
                if kind == 0:
                    ch = bullets[lvl % 3]
                    lvls.append(
                        f'<w:lvl w:ilvl="{lvl}"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
                        f'<w:lvlText w:val="{ch}"/><w:lvlJc w:val="left"/>{ind}'
                        f'<w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial" w:hint="default"/></w:rPr></w:lvl>'
                    )
                else:
                    fmt, text = formats[lvl % 3]
                    lvls.append(
                        f'<w:lvl w:ilvl="{lvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
                        f'<w:lvlText w:val="{text.format(n=lvl + 1)}"/><w:lvlJc w:val="left"/>{ind}</w:lvl>'
                    )
            abstract.append(
                f'<w:abstractNum {NSDECL} w:abstractNumId="{{aid{kind}}}"><w:multiLevelType w:val="hybridMultilevel"/>'
                f"{''.join(lvls)}</w:abstractNum>"
            )
        nums = []
        for num, kind, start in self.num_ids:
            override = "".join(
                f'<w:lvlOverride w:ilvl="{lvl}"><w:startOverride w:val="{start if lvl == 0 else 1}"/></w:lvlOverride>'
                for lvl in range(9)
            )
            nums.append(
                f'<w:num {NSDECL} w:numId="{num}"><w:abstractNumId w:val="{{aid{kind}}}"/>{override}</w:num>'
            )
        return abstract, nums


def _cell_align(cell: ET.Element) -> str:
    style = (cell.get("style") or "") + " " + (cell.get("align") or "")
    for word, jc in (("right", "right"), ("center", "center"), ("left", "left")):
        if word in style:
            return jc
    return ""


def _bookmark_name(text: str) -> str:
    """A valid Word bookmark name (letters, digits, underscore; starts with a letter; at most 40)."""
    name = re.sub(r"[^A-Za-z0-9_]", "_", text)
    if not name or not name[0].isalpha():
        name = "h_" + name
    return name[:40]


# --------------------------------------------------------------------------------------------- document
def build_house_template() -> bytes:
    """The house template's bytes: python-docx's base document with Briefdesk's styles, A4, house margins.
    ``scripts/make_template.py`` writes it to resources/templates/briefdesk.docx."""
    document = docx.Document()
    _house_styles(document)
    Styles(document)
    _slim(document)
    _section_setup(document, "A4", True)
    cp = document.core_properties
    cp.title, cp.author, cp.comments = "Briefdesk house template", "Briefdesk", "Styles for exported briefs."
    body = document.element.body
    for child in list(body):
        if child.tag != f"{{{W_NS}}}sectPr":
            body.remove(child)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


# Table styles the house template keeps: Word's default ("Normal Table"), the plain grid and Briefdesk's own.
# Word lists its built-in table styles from the latent styles whether or not they are defined in the file.
_HOUSE_TABLE_STYLES = frozenset({"TableNormal", "TableGrid", _style_id("Briefdesk Table")})
# Parts of python-docx's base document a brief does not need: Word 2010's copy of the styles (Word rebuilds
# it), the thumbnail picture of an empty page and a custom XML item.
_UNNEEDED_PARTS = frozenset({"stylesWithEffects", "customXml", "thumbnail"})


def _slim(document) -> None:
    """Drop the hundred unused table styles and the parts listed above from python-docx's base document:
    they made up 95% of the template's XML, and every export parsed, wrote and compressed them again."""
    styles = document.styles.element
    for s in list(styles.iterchildren(f"{{{W_NS}}}style")):
        if s.get(f"{{{W_NS}}}type") == "table" and s.get(f"{{{W_NS}}}styleId") not in _HOUSE_TABLE_STYLES:
            styles.remove(s)
    for owner in (document.part, document.part.package):
        for rid, rel in list(owner.rels.items()):
            if rel.reltype.rsplit("/", 1)[-1] in _UNNEEDED_PARTS:
                owner.rels.pop(rid)


def house_template_path() -> Path | None:
    from app.paths import resource

    path = Path(str(resource("templates", "briefdesk.docx")))
    return path if path.is_file() else None


def load_template(template: Path | None):
    """The user's .docx/.dotx (its styles, margins, headers and footers; body cleared), or the house template."""
    if template is None:
        house = house_template_path()
        return docx.Document(str(house)) if house is not None else docx.Document()
    if Path(template).exists() and not Path(template).is_file():
        raise ExportError(f"The template {template} is not a file.")
    try:
        data = Path(template).read_bytes()
    except OSError as exc:
        raise ExportError(f"The template {template} cannot be read: {exc.strerror or exc}.") from None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = z.namelist()
            if "[Content_Types].xml" not in names or "word/document.xml" not in names:
                raise ExportError(f"The template {template} is not a Word document (.docx or .dotx).")
            total = sum(i.file_size for i in z.infolist())
            if total > 200_000_000:
                raise ExportError(f"The template {template} is too large to use (over 200 MB unpacked).")
            if CT_TEMPLATE.encode() in z.read("[Content_Types].xml"):  # .dotx: open it as a document
                buf = io.BytesIO()
                with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
                    for item in z.infolist():
                        content = z.read(item.filename)
                        if item.filename == "[Content_Types].xml":
                            content = content.replace(CT_TEMPLATE.encode(), CT_DOCUMENT.encode())
                        out.writestr(item, content)
                data = buf.getvalue()
    except zipfile.BadZipFile:
        raise ExportError(f"The template {template} is not a Word document (.docx or .dotx).") from None
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:
        raise ExportError(
            f"The template {template} could not be opened as a Word document ({exc})."
        ) from None
    body = document.element.body
    for child in list(body):
        if child.tag != f"{{{W_NS}}}sectPr":
            body.remove(child)
    return document


def _notes_part_xml(tag: str, notes: Sequence[DocxNote], styles: Styles) -> bytes:
    text_style = styles.id("Footnote Text" if tag == "footnote" else "Endnote Text")
    ref_style = styles.id("Footnote Reference" if tag == "footnote" else "Endnote Reference")
    out = [
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:{tag}s {NSDECL}>'
        f'<w:{tag} w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" w:line="240" '
        f'w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:{tag}>'
        f'<w:{tag} w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" '
        f'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p></w:{tag}>'
    ]
    for n in notes:
        out.append(
            f'<w:{tag} w:id="{n.number}"><w:p><w:pPr><w:pStyle w:val="{text_style}"/></w:pPr>'
            f'<w:r><w:rPr><w:rStyle w:val="{ref_style}"/></w:rPr><w:{tag}Ref/></w:r>'
            f'<w:r><w:t xml:space="preserve"> {xml_text(n.text)}</w:t></w:r></w:p></w:{tag}>'
        )
    out.append(f"</w:{tag}s>")
    return "".join(out).encode("utf-8")


def _add_notes_part(document, tag: str, notes: Sequence[DocxNote], styles: Styles) -> None:
    part = document.part
    rel_type = RT.FOOTNOTES if tag == "footnote" else RT.ENDNOTES
    content_type = CT_FOOTNOTES if tag == "footnote" else CT_ENDNOTES
    blob = _notes_part_xml(tag, notes, styles)
    for rel in list(part.rels.values()):  # a template's own notes part is replaced
        if rel.reltype == rel_type:
            rel.target_part._blob = blob
            if hasattr(rel.target_part, "_element"):
                rel.target_part._element = parse_xml(blob)
            return
    notes_part = Part(PackURI(f"/word/{tag}s.xml"), content_type, blob, part.package)
    part.relate_to(notes_part, rel_type)


_SETTINGS_AFTER_NOTES = (
    "compat",
    "docVars",
    "rsids",
    "attachedSchema",
    "themeFontLang",
    "clrSchemeMapping",
    "doNotIncludeSubdocsInStats",
    "doNotAutoCompressPictures",
    "forceUpgrade",
    "captions",
    "readModeInkLockDown",
    "smartTagType",
    "shapeDefaults",
    "doNotEmbedSmartTags",
    "decimalSymbol",
    "listSeparator",
)


def _note_numbering(document) -> None:
    """Notes numbered 1, 2, 3 (LibreOffice otherwise numbers endnotes i, ii, iii), in settings and sections;
    endnotes collected at the end of their section: after the body, before the annexes' section, and on pages
    that keep the section's header and footer (LibreOffice's separate endnote pages would have no banner)."""
    settings = document.settings.element
    for tag in ("footnotePr", "endnotePr"):
        for old in settings.findall(f"{{{W_NS}}}{tag}"):
            settings.remove(old)
    anchor = None
    for child in settings:
        local = etree.QName(child).localname
        if local in _SETTINGS_AFTER_NOTES or local == "mathPr":
            anchor = child
            break
    for tag in ("footnotePr", "endnotePr"):
        note = tag[:-2]
        pos = '<w:pos w:val="sectEnd"/>' if tag == "endnotePr" else ""
        el = parse_xml(
            f'<w:{tag} {NSDECL}>{pos}<w:numFmt w:val="decimal"/><w:{note} w:id="-1"/><w:{note} w:id="0"/></w:{tag}>'
        )
        if anchor is not None:
            anchor.addprevious(el)
        else:
            settings.append(el)
    for sect in document.element.body.iter(f"{{{W_NS}}}sectPr"):
        for tag in ("footnotePr", "endnotePr"):
            for old in sect.findall(f"{{{W_NS}}}{tag}"):
                sect.remove(old)
        index = 0
        for i, child in enumerate(sect):
            if etree.QName(child).localname in ("headerReference", "footerReference"):
                index = i + 1
        for offset, tag in enumerate(("footnotePr", "endnotePr")):
            pos = '<w:pos w:val="sectEnd"/>' if tag == "endnotePr" else ""
            sect.insert(
                index + offset, parse_xml(f'<w:{tag} {NSDECL}>{pos}<w:numFmt w:val="decimal"/></w:{tag}>')
            )


def _field(instr: str, shown: str) -> str:
    return f'<w:fldSimple w:instr=" {instr} "><w:r><w:t>{shown}</w:t></w:r></w:fldSimple>'


def _banner_para(styles: Styles, banner: str) -> str:
    return (
        f"<w:p {NSDECL}><w:pPr>{styles.ppr('Banner')}</w:pPr><w:r><w:t>{xml_text(banner)}</w:t></w:r></w:p>"
    )


def _set_headers_and_footers(document, styles: Styles, banner: str, footer_label: str) -> None:
    """Banner centred at the top of every header and the bottom of every footer, "Page X of Y" above it."""
    page = (
        f'<w:p {NSDECL}><w:pPr>{styles.ppr("Footer")}<w:jc w:val="center"/></w:pPr>'
        f'<w:r><w:t xml:space="preserve">{xml_text(footer_label)}Page </w:t></w:r>{_field("PAGE", "1")}'
        f'<w:r><w:t xml:space="preserve"> of </w:t></w:r>{_field("NUMPAGES", "1")}</w:p>'
    )
    even = document.settings.odd_and_even_pages_header_footer
    done: set[int] = set()  # header/footer parts already given a banner (sections may share them)
    for i, section in enumerate(document.sections):
        if i and section.header.is_linked_to_previous and section.footer.is_linked_to_previous:
            continue  # inherits the previous section's header and footer, banners included
        headers = [section.header]
        footers = [section.footer]
        if section.different_first_page_header_footer:
            headers.append(section.first_page_header)
            footers.append(section.first_page_footer)
        if even:
            headers.append(section.even_page_header)
            footers.append(section.even_page_footer)
        for header in headers:
            header.is_linked_to_previous = False
            el = header._element
            if id(el) in done:
                continue
            done.add(id(el))
            _drop_empty_paragraphs(el)
            if banner:
                el.insert(0, parse_xml(_banner_para(styles, banner)))
        for footer in footers:
            footer.is_linked_to_previous = False
            el = footer._element
            if id(el) in done:
                continue
            done.add(id(el))
            _drop_empty_paragraphs(el)
            el.append(parse_xml(page))
            if banner:
                el.append(parse_xml(_banner_para(styles, banner)))


def _drop_empty_paragraphs(el) -> None:
    for p in el.findall(f"{{{W_NS}}}p"):
        if (
            not "".join(t.text or "" for t in p.iter(f"{{{W_NS}}}t")).strip()
            and p.find(f".//{{{W_NS}}}fldSimple") is None
            and p.find(f".//{{{W_NS}}}drawing") is None
        ):
            el.remove(p)


def _apply_numbering(document, writer: _Writer) -> None:
    abstract, nums = writer.numbering_xml()
    if not nums:
        return
    numbering = document.part.numbering_part.element
    existing = [int(a.get(f"{{{W_NS}}}abstractNumId")) for a in numbering.findall(f"{{{W_NS}}}abstractNum")]
    base = max(existing, default=0) + 1
    existing_nums = [int(n.get(f"{{{W_NS}}}numId")) for n in numbering.findall(f"{{{W_NS}}}num")]
    offset = max(existing_nums, default=0)
    first_num = numbering.find(f"{{{W_NS}}}num")
    for xml in abstract:
        el = parse_xml(xml.replace("{aid0}", str(base)).replace("{aid1}", str(base + 1)))
        if first_num is not None:
            first_num.addprevious(el)
        else:
            numbering.append(el)
    remap = {}
    for xml, (num, _kind, _start) in zip(nums, writer.num_ids, strict=True):
        new = num - 1000 + offset
        remap[num] = new
        numbering.append(
            parse_xml(
                xml.replace("{aid0}", str(base))
                .replace("{aid1}", str(base + 1))
                .replace(f'w:numId="{num}"', f'w:numId="{new}"')
            )
        )
    writer.num_remap = remap


def _section_setup(document, paper: str, house: bool) -> int:
    """Paper size and margins for the house template; returns the text width in twips."""
    section = document.sections[0]
    if house:
        w, h = PAPER.get(paper.upper(), PAPER["A4"])
        section.page_width, section.page_height = Emu(w * 635), Emu(h * 635)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Emu(MARGIN * 635))
        section.header_distance = Emu(567 * 635)
        section.footer_distance = Emu(567 * 635)
    width = (
        (section.page_width or Emu(11906 * 635)) - (section.left_margin or 0) - (section.right_margin or 0)
    )
    return max(int(width / 635), 2000)


def _house_styles(document) -> None:
    """Fonts and sizes of the house look (only for the built-in template, never a user's)."""
    st = document.styles
    normal = st["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = docx.shared.Pt(11)
    pf = normal.paragraph_format
    pf.space_after = docx.shared.Pt(6)
    pf.line_spacing = 1.1
    for name, size in (("Title", 22), ("Heading 1", 15), ("Heading 2", 13), ("Heading 3", 11.5)):
        try:
            s = st[name]
        except KeyError:
            continue
        s.font.name = "Calibri"
        s.font.size = docx.shared.Pt(size)


def render_docx(
    brief: BriefRecord,
    resolver: Mapping[str, ClaimRecord | SourceRecord],
    *,
    notes: str = "endnotes",
    allow_missing: bool = False,
    template: Path | None = None,
    paper: str = "A4",
    marking: str | None = None,
    annex: AnnexContent | None = None,
    draft_reason: str = "",
    today: dt.date | None = None,
    image_root: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> DocxResult:
    """The brief as .docx bytes. Raises UnknownCitationError, ExportError, CancelledError."""
    body = XML_FORBIDDEN.sub("", brief.body)
    cites = parse_citations(body)
    missing = list(dict.fromkeys((c.key, c.line) for c in cites if c.key not in resolver))
    if missing and not allow_missing:
        raise UnknownCitationError(missing)
    warnings = [f"unknown citation {k} (line {ln})" for k, ln in missing]
    groups: list[list[str]] = []
    out: list[str] = []
    pos = 0
    current: tuple[int, int] | None = None
    for c in cites:
        if (c.group_start, c.group_end) != current:
            current = (c.group_start, c.group_end)
            out.append(body[pos : c.group_start])
            out.append(f"\ue000{len(groups)}\ue001")
            groups.append([])
            pos = c.group_end
        groups[-1].append(c.key)
    out.append(body[pos:])
    root, stash = parse_tree("".join(out))

    document = load_template(template)
    house = template is None
    if house:
        _house_styles(document)
    styles = Styles(document)
    text_width = _section_setup(document, paper, house)

    scheme = brief.marking_scheme
    default_mark = None
    if scheme is not MarkingScheme.NONE:
        default_mark = parse_mark(
            marking or brief.default_marking or ("U" if scheme == "classification" else "")
        )
        if default_mark is None and scheme is MarkingScheme.TLP:
            default_mark = parse_mark(f"TLP:{marking or brief.default_marking or 'CLEAR'}")
    writer = _Writer(
        document,
        styles,
        groups=groups,
        resolver=resolver,
        stash=stash,
        notes_kind=notes,
        scheme=scheme,
        default_mark=default_mark,
        image_root=image_root,
        text_width=text_width,
        progress=progress,
        cancel=cancel,
    )
    writer.blocks_total = sum(1 for _ in root.iter())
    writer.blocks(root, {})
    body_xml = writer.out
    writer.out = []

    marks = list(writer.marks)
    if default_mark is not None:
        marks.append(default_mark)
    top = highest(marks) if marks else None
    banner = top.banner if top is not None else ""

    # title block, then the body, then the annexes
    _title_block(writer, brief, banner, draft_reason, today or dt.date.today())
    title_xml = writer.out
    writer.out = []
    if annex is not None:
        _annexes(writer, annex, default_mark)
    annex_xml = writer.out

    if writer.num_ids:
        _apply_numbering(document, writer)
        remap = writer.num_remap

        def renum(xml: str) -> str:
            return re.sub(
                r'<w:numId w:val="(\d+)"/>',
                lambda m: f'<w:numId w:val="{remap.get(int(m.group(1)), m.group(1))}"/>',
                xml,
            )

        body_xml = [renum(x) if "<w:numId" in x else x for x in body_xml]
    sect = document.element.body.find(f"{{{W_NS}}}sectPr")
    if annex_xml and sect is not None:
        # The annexes start a new section (next page): the endnotes close the body's section before them.
        body_sect = etree.tostring(sect, encoding="unicode")
        body_xml.append(f"<w:p {NSDECL}><w:pPr>{body_sect}</w:pPr></w:p>")
        annex_xml[0] = annex_xml[0].replace("<w:pageBreakBefore/>", "", 1)
    # The whole body, the template's final section properties included, parsed once and put in place of the
    # template's empty body (moving thousands of paragraphs into the template's tree one by one took ~10 ms).
    final_sect = etree.tostring(sect, encoding="unicode") if sect is not None else ""
    new_body = parse_xml(
        f"<w:body {NSDECL}>{''.join(title_xml)}{''.join(body_xml)}{''.join(annex_xml)}{final_sect}</w:body>"
    )
    document.element.replace(document.element.body, new_body)

    tag = "footnote" if notes == "footnotes" else "endnote"
    _add_notes_part(document, tag, writer.notes, styles)
    _set_headers_and_footers(document, styles, banner, "")
    _note_numbering(document)
    _core_properties(document, brief, banner, writer.notes)
    buf = io.BytesIO()
    document.save(buf)
    return DocxResult(buf.getvalue(), tuple(writer.notes), tuple(warnings + writer.warnings), banner)


def _clip(text: str, limit: int = CORE_LIMIT) -> str:
    text = XML_FORBIDDEN.sub("", text).replace("\n", " ").strip()
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _core_properties(document, brief: BriefRecord, banner: str, notes: Sequence[DocxNote]) -> None:
    cp = document.core_properties
    cp.title = _clip(brief.title)
    cp.author = _clip(brief.author)
    cp.subject = _clip(" — ".join(p for p in (banner, brief.organisation) if p) or "Brief")
    cp.keywords = _clip("; ".join(["brief", *(k for k in (banner,) if k)]))
    cp.comments = _clip(f"Written with Briefdesk; {len(notes)} source reference(s).")
    cp.last_modified_by = _clip(brief.author)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    cp.created = now
    cp.modified = now
    cp.revision = 1


def _title_block(writer: _Writer, brief: BriefRecord, banner: str, draft_reason: str, today: dt.date) -> None:
    st = writer.st
    title = " ".join(XML_FORBIDDEN.sub("", brief.title).split()) or "Untitled brief"
    writer.para(f'<w:r><w:t xml:space="preserve">{xml_text(title)}</w:t></w:r>', st.ppr("Title"))
    meta = [today.strftime("%d %B %Y").lstrip("0")]
    if brief.author:
        meta.append(brief.author)
    if brief.organisation:
        meta.append(brief.organisation)
    writer.para(
        f'<w:r><w:t xml:space="preserve">{xml_text(" · ".join(meta))}</w:t></w:r>', st.ppr("Title Block")
    )
    if banner:
        writer.para(
            f'<w:r><w:t xml:space="preserve">Marking: </w:t></w:r><w:r><w:rPr><w:b/></w:rPr>'
            f"<w:t>{xml_text(banner)}</w:t></w:r>",
            st.ppr("Title Block"),
        )
    if draft_reason:
        writer.para(
            f'<w:r><w:t xml:space="preserve">DRAFT — {xml_text(draft_reason)}</w:t></w:r>',
            st.ppr("Draft Notice"),
        )


def _annex_heading(writer: _Writer, text: str, mark: Marking | None) -> None:
    prefix = f"{mark.portion} " if mark is not None else ""
    if mark is not None:
        writer.marks.append(mark)
    writer.para(
        f'<w:r><w:t xml:space="preserve">{xml_text(prefix + text)}</w:t></w:r>',
        writer.st.ppr("Heading 1") + "<w:pageBreakBefore/>",
    )


def _runs(text: str, *, bold: bool = False, italic: bool = False) -> str:
    rpr = ("<w:b/>" if bold else "") + ("<w:i/>" if italic else "")
    rpr = f"<w:rPr>{rpr}</w:rPr>" if rpr else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{xml_text(text)}</w:t></w:r>'


def _claim_cell(writer: _Writer, c: ClaimRecord, spacing: int = 20) -> str:
    style = writer.st.ppr("Table Text", "Normal")
    who = c.actor_name + (f", {c.actor_role}" if c.actor_role else "")
    when = c.said.isoformat() if c.said else "date not stated"
    head = _runs(f"c{c.id} ", bold=True) + _runs(f"{who} · {when} · [{c.source_reliability}{c.credibility}]")
    quote = _runs(f"\u201c{c.quote}\u201d", italic=True)
    src = _runs(" — ".join(p for p in (c.source_outlet, c.source_title) if p))
    first = f'{style}<w:spacing w:before="{spacing}"/>'
    return (
        f"<w:p><w:pPr>{first}</w:pPr>{head}</w:p><w:p><w:pPr>{style}</w:pPr>{_runs(c.statement or c.quote)}</w:p>"
        f"<w:p><w:pPr>{style}</w:pPr>{quote}</w:p><w:p><w:pPr>{style}</w:pPr>{src}</w:p>"
    )


def _annexes(writer: _Writer, annex: AnnexContent, mark: Marking | None) -> None:
    letter = iter("ABCDEFG")
    if "sources" in annex.include:
        _annex_heading(writer, f"Annex {next(letter)}: Sources", mark)
        rows: list[tuple[bool, list[tuple[str, str, bool]]]] = [
            (
                True,
                [
                    (_runs(h, bold=True), "", True)
                    for h in ("Ref", "Title", "Outlet", "Date", "Kind", "Grade", "URL")
                ],
            )
        ]
        for s in annex.sources:
            rows.append(
                (
                    False,
                    [
                        (_runs(f"s{s.id}"), "", False),
                        (_runs(s.title), "", False),
                        (_runs(s.outlet), "", False),
                        (_runs(s.published.isoformat() if s.published else ""), "", False),
                        (_runs(str(s.kind.value if hasattr(s.kind, "value") else s.kind)), "", False),
                        (_runs(s.reliability), "center", False),
                        (_link_runs(writer, s.url), "", False),
                    ],
                )
            )
        w = writer.text_width
        widths = [int(w * f) for f in (0.06, 0.25, 0.15, 0.13, 0.13, 0.09, 0.19)]
        if not annex.sources:
            writer.para(_runs("No source is cited."), writer.st.ppr("Normal"))
        else:
            writer.table_xml(rows, 7, widths)
    if "claims" in annex.include:
        _annex_heading(writer, f"Annex {next(letter)}: Claims and denials", mark)
        if not annex.contested:
            writer.para(_runs("No cited claim is denied."), writer.st.ppr("Normal"))
        for claim, denials in annex.contested:
            header = (
                True,
                [(_runs("Claim", bold=True), "", True), (_runs("Denied by", bold=True), "", True)],
            )
            right = "".join(_claim_cell(writer, d, 20 if i == 0 else 160) for i, d in enumerate(denials))
            writer.table_xml(
                [header, (False, [(_claim_cell(writer, claim), "", False), (right, "", False)])], 2
            )
    if "summary" in annex.include:
        _annex_heading(writer, f"Annex {next(letter)}: Source summary statement", mark)
        for para in [p for p in annex.summary.split("\n\n") if p.strip()] or ["No source is cited."]:
            writer.para(_runs(para.strip()), writer.st.ppr("Normal"))


def _link_runs(writer: _Writer, url: str) -> str:
    if not url:
        return ""
    el = ET.Element("a", href=url)
    el.text = url
    return writer._hyperlink(el, _Fmt())
