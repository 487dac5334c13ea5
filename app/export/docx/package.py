"""The package parts around the body: notes, list numbering, headers and footers, core properties.

python-docx has no notes parts; they are written here. Each function takes the python-docx ``Document`` and
changes it in place.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from typing import IO, TYPE_CHECKING, Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.opc.pkgwriter import PackageWriter
from docx.oxml import parse_xml
from lxml import etree

from app.domain import BriefRecord
from app.export.docx.styles import Styles
from app.export.docx.wordml import CT_ENDNOTES, CT_FOOTNOTES, NSDECL, W_NS, XML_FORBIDDEN, field, xml_text
from app.export.notes import Note

if TYPE_CHECKING:
    from docx.document import Document
    from docx.oxml.xmlchemy import BaseOxmlElement

# Word's limit for core properties (characters).
CORE_LIMIT = 255


def _notes_part_xml(tag: str, notes: Sequence[Note], styles: Styles) -> bytes:
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


def add_notes_part(document: Document, tag: str, notes: Sequence[Note], styles: Styles) -> None:
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


def note_numbering(document: Document) -> None:
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


def _banner_para(styles: Styles, banner: str) -> str:
    return (
        f"<w:p {NSDECL}><w:pPr>{styles.ppr('Banner')}</w:pPr><w:r><w:t>{xml_text(banner)}</w:t></w:r></w:p>"
    )


def set_headers_and_footers(document: Document, styles: Styles, banner: str, footer_label: str) -> None:
    """Banner centred at the top of every header and the bottom of every footer, "Page X of Y" above it."""
    page = (
        f'<w:p {NSDECL}><w:pPr>{styles.ppr("Footer")}<w:jc w:val="center"/></w:pPr>'
        f'<w:r><w:t xml:space="preserve">{xml_text(footer_label)}Page </w:t></w:r>{field("PAGE", "1")}'
        f'<w:r><w:t xml:space="preserve"> of </w:t></w:r>{field("NUMPAGES", "1")}</w:p>'
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


def _drop_empty_paragraphs(el: BaseOxmlElement) -> None:
    for p in el.findall(f"{{{W_NS}}}p"):
        if (
            not "".join(t.text or "" for t in p.iter(f"{{{W_NS}}}t")).strip()
            and p.find(f".//{{{W_NS}}}fldSimple") is None
            and p.find(f".//{{{W_NS}}}drawing") is None
        ):
            el.remove(p)


def numbering_xml(num_ids: Sequence[tuple[int, int, int]]) -> tuple[list[str], list[str]]:
    """abstractNum (bullet and decimal) and num elements for every list written: ``num_ids`` holds (num id,
    kind 0 bullet / 1 decimal, start)."""
    if not num_ids:
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
    for num, kind, start in num_ids:
        override = "".join(
            f'<w:lvlOverride w:ilvl="{lvl}"><w:startOverride w:val="{start if lvl == 0 else 1}"/></w:lvlOverride>'
            for lvl in range(9)
        )
        nums.append(
            f'<w:num {NSDECL} w:numId="{num}"><w:abstractNumId w:val="{{aid{kind}}}"/>{override}</w:num>'
        )
    return abstract, nums


def apply_numbering(document: Document, num_ids: Sequence[tuple[int, int, int]]) -> dict[int, int]:
    """Add the lists' numbering to the document's numbering part, after the template's own; returns the new
    id of each list's provisional num id."""
    abstract, nums = numbering_xml(num_ids)
    if not nums:
        return {}
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
    for xml, (num, _kind, _start) in zip(nums, num_ids, strict=True):
        new = num - 1000 + offset
        remap[num] = new
        numbering.append(
            parse_xml(
                xml.replace("{aid0}", str(base))
                .replace("{aid1}", str(base + 1))
                .replace(f'w:numId="{num}"', f'w:numId="{new}"')
            )
        )
    return remap


def _clip(text: str, limit: int = CORE_LIMIT) -> str:
    text = XML_FORBIDDEN.sub("", text).replace("\n", " ").strip()
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def core_properties(document: Document, brief: BriefRecord, banner: str, notes: Sequence[Note]) -> None:
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


_BODY_MARK = "briefdesk-body"
_NEEDED_PREFIXES = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
}


def save_with_body(document: Document, inner: str, out: IO[bytes]) -> None:
    """Save ``document`` to ``out`` with ``inner`` (WordprocessingML text) as its body, before the final
    section properties. The body goes into document.xml as text: parsing it into the document's tree and
    moving it there took seconds and hundreds of megabytes on a brief of 200,000 citations."""
    root = document.element
    body = root.body
    if any(root.nsmap.get(p) != uri for p, uri in _NEEDED_PREFIXES.items()):
        # a template whose document does not declare the usual prefixes: build the tree the slow way
        new = parse_xml(f"<w:body {NSDECL}>{inner}</w:body>")
        sect = body.find(f"{{{W_NS}}}sectPr")
        if sect is not None:
            new.append(sect)
        root.replace(body, new)
        save(document, out)
        return
    for child in list(body):
        if etree.QName(child).localname != "sectPr":
            body.remove(child)
    mark = etree.Comment(_BODY_MARK)
    body.insert(0, mark)
    xml = etree.tostring(root, encoding="UTF-8", standalone=True)
    body.remove(mark)
    head, sep, tail = xml.partition(f"<!--{_BODY_MARK}-->".encode())
    if not sep:
        raise ValueError("the body's place was not found in document.xml")
    part = document.part
    blob = head + inner.encode("utf-8") + tail
    original = part.__class__
    part.__class__ = type("_BodyTextPart", (original,), {"blob": property(lambda self: blob)})
    try:
        save(document, out)
    finally:
        part.__class__ = original


class _ZipWriter:
    """What python-docx's package writer writes through (``write``, ``close``): a zip whose parts are deflated at
    level 1. Its own writer uses zlib's default, level 6, which took ~2.3 ms more of a cold 20-page export for a
    file ~20% smaller (41 KB against 51 KB; bench/RESULTS.md). The parts are the same bytes either way."""

    def __init__(self, out: IO[bytes]) -> None:
        self._zip = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1)

    def write(self, pack_uri: PackURI, blob: bytes) -> None:
        self._zip.writestr(pack_uri.membername, blob)

    def close(self) -> None:
        self._zip.close()


def save(document: Document, out: IO[bytes]) -> None:
    """``document.save(out)``, the package's parts deflated at level 1 (see _ZipWriter): python-docx's own steps
    (python-docx 1.2, pinned in constraints.txt; tests/app/export/test_docx_package.py holds them to its save).
    Those steps are python-docx's internals: a release that renames or changes them (``python-docx>=1.1`` lets a
    user's install take any) falls back to its public save, so the export never depends on them."""
    write: Any = PackageWriter
    if not all(hasattr(write, step) for step in _STEPS):
        document.save(out)
        return
    package = document.part.package
    parts = package.parts
    buffer = io.BytesIO()  # written whole first: a failing step leaves nothing half-written in ``out``
    try:
        for part in parts:
            part.before_marshal()
        writer: Any = _ZipWriter(buffer)  # python-docx's steps are untyped or typed for its own writer
        write._write_content_types_stream(writer, parts)
        write._write_pkg_rels(writer, package.rels)
        write._write_parts(writer, parts)
        writer.close()
    except (AttributeError, TypeError):
        document.save(out)
        return
    out.write(buffer.getbuffer())


_STEPS = ("_write_content_types_stream", "_write_pkg_rels", "_write_parts")
