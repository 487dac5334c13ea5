"""Word styles: Briefdesk's own definitions, resolved by name in any template, and the house template's look.

A template (the user's or the house one) keeps its own definition of every style it has; a style it lacks is
added from :data:`STYLE_DEFS`. Writers ask :class:`Styles` for a style id by name, with fallbacks.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

import docx
from docx.oxml import parse_xml

from app.export.docx.wordml import NSDECL, W_NS

if TYPE_CHECKING:
    from docx.document import Document


class StyleDef(
    NamedTuple
):  # a named tuple: its class is made ~5x faster than a frozen dataclass's at import (a cold export)
    """A style Briefdesk defines: its name, kind, WordprocessingML properties and parent style."""

    name: str
    kind: str  # paragraph | character | table
    xml: str  # pPr/rPr/tblPr content
    based_on: str = ""


STYLE_DEFS = (
    StyleDef(
        "Banner",
        "paragraph",
        '<w:pPr><w:jc w:val="center"/><w:spacing w:before="0" w:after="0"/></w:pPr>'
        '<w:rPr><w:b/><w:caps/><w:sz w:val="20"/></w:rPr>',
        "Normal",
    ),
    StyleDef(
        "Title Block",
        "paragraph",
        '<w:pPr><w:spacing w:before="0" w:after="60"/></w:pPr><w:rPr><w:color w:val="404040"/></w:rPr>',
        "Normal",
    ),
    StyleDef(
        "Draft Notice",
        "paragraph",
        '<w:pPr><w:spacing w:before="120" w:after="120"/>'
        '<w:pBdr><w:top w:val="single" w:sz="8" w:space="4" w:color="C00000"/>'
        '<w:bottom w:val="single" w:sz="8" w:space="4" w:color="C00000"/></w:pBdr></w:pPr>'
        '<w:rPr><w:b/><w:color w:val="C00000"/></w:rPr>',
        "Normal",
    ),
    StyleDef(
        "Source Code",
        "paragraph",
        '<w:pPr><w:spacing w:before="60" w:after="60" w:line="240" '
        'w:lineRule="auto"/><w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/></w:pPr>'
        '<w:rPr><w:rFonts w:ascii="Consolas" w:hAnsi="Consolas" w:cs="Consolas"/>'
        '<w:sz w:val="18"/></w:rPr>',
        "Normal",
    ),
    StyleDef(
        "Verbatim Char",
        "character",
        '<w:rPr><w:rFonts w:ascii="Consolas" w:hAnsi="Consolas" '
        'w:cs="Consolas"/><w:sz w:val="19"/><w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/></w:rPr>',
    ),
    StyleDef("Hyperlink", "character", '<w:rPr><w:color w:val="0563C1"/><w:u w:val="single"/></w:rPr>'),
    StyleDef(
        "Endnote Text",
        "paragraph",
        '<w:pPr><w:spacing w:after="60" w:line="240" w:lineRule="auto"/>'
        '</w:pPr><w:rPr><w:sz w:val="18"/></w:rPr>',
        "Normal",
    ),
    StyleDef(
        "Footnote Text",
        "paragraph",
        '<w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'
        '</w:pPr><w:rPr><w:sz w:val="18"/></w:rPr>',
        "Normal",
    ),
    StyleDef("Endnote Reference", "character", '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'),
    StyleDef("Footnote Reference", "character", '<w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'),
    StyleDef(
        "Block Text",
        "paragraph",
        '<w:pPr><w:ind w:left="567" w:right="567"/>'
        '<w:pBdr><w:left w:val="single" w:sz="12" w:space="8" w:color="A6A6A6"/></w:pBdr></w:pPr>'
        "<w:rPr><w:i/></w:rPr>",
        "Normal",
    ),
    StyleDef(
        "Definition Term",
        "paragraph",
        '<w:pPr><w:keepNext/><w:spacing w:after="0"/></w:pPr><w:rPr><w:b/></w:rPr>',
        "Normal",
    ),
    StyleDef("Definition", "paragraph", '<w:pPr><w:ind w:left="567"/></w:pPr>', "Normal"),
    StyleDef(
        "Table Text",
        "paragraph",
        '<w:pPr><w:spacing w:before="20" w:after="20" w:line="240" '
        'w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="19"/></w:rPr>',
        "Normal",
    ),
    StyleDef(
        "Image Placeholder",
        "paragraph",
        '<w:pPr><w:jc w:val="center"/><w:pBdr><w:top w:val="dashed" '
        'w:sz="4" w:space="4" w:color="999999"/><w:bottom w:val="dashed" w:sz="4" w:space="4" '
        'w:color="999999"/></w:pBdr></w:pPr><w:rPr><w:i/><w:color w:val="7F7F7F"/></w:rPr>',
        "Normal",
    ),
    StyleDef(
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


def style_id(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9]", "", name)


class Styles:
    """Style ids by name, resolved once; a style the template lacks is added (house definition)."""

    def __init__(self, document: Document) -> None:
        self.element = document.styles.element
        self.ids: dict[str, str] = {}
        for s in self.element.iterchildren(f"{{{W_NS}}}style"):
            name_el = s.find(f"{{{W_NS}}}name")
            if name_el is not None:
                self.ids[name_el.get(f"{{{W_NS}}}val").lower()] = s.get(f"{{{W_NS}}}styleId")
        for d in STYLE_DEFS:
            if d.name.lower() not in self.ids:
                self._add(d)

    def _add(self, d: StyleDef) -> None:
        sid = style_id(d.name)
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


def house_styles(document: Document) -> None:
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


# Table styles the house template keeps: Word's default ("Normal Table"), the plain grid and Briefdesk's own.
# Word lists its built-in table styles from the latent styles whether or not they are defined in the file.
_HOUSE_TABLE_STYLES = frozenset({"TableNormal", "TableGrid", style_id("Briefdesk Table")})
# Parts of python-docx's base document a brief does not need: Word 2010's copy of the styles (Word rebuilds
# it), the thumbnail picture of an empty page and a custom XML item.
_UNNEEDED_PARTS = frozenset({"stylesWithEffects", "customXml", "thumbnail"})


def slim(document: Document) -> None:
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
