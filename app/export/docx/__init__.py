"""The brief as a real Word document: styles from a template, real notes, numbering, tables and fields.

The body is built as WordprocessingML text and parsed once into the document (python-docx's
``add_paragraph`` scans the body and its style setter scans every style on each call, which is quadratic
on long briefs). python-docx supplies the package: styles, numbering, sections, headers and footers,
relationships, pictures and core properties; the notes parts it lacks are added here.

Entry point: :func:`render_docx` (pure: a brief, its resolved citations and annex content in, bytes out).
The rooms:

* ``wordml``    XML text helpers (namespaces, escaping, runs, long text split into several nodes)
* ``styles``    Briefdesk's style definitions and their lookup in any template
* ``template``  the user's template or the house one; paper and margins
* ``body``      the brief's Markdown (Python-Markdown's element tree) written as paragraphs, lists, tables
* ``title``     the title block
* ``annexes``   the annexes, and the extension point to add one (see its docstring)
* ``package``   notes parts, list numbering, headers and footers with banners, core properties
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

from lxml import etree

from app.brief_model import BriefModel, parse_brief
from app.brief_model.render import NotePlan, plan_notes, render_tree
from app.domain import BriefRecord, ClaimRecord, SourceRecord
from app.errors import ExportError
from app.export.docx import package
from app.export.docx.annexes import AnnexPart, write_annexes
from app.export.docx.body import BlockContext, BodyWriter
from app.export.docx.styles import STYLE_DEFS, Styles, house_styles
from app.export.docx.template import build_house_template, house_template_path, load_template, section_setup
from app.export.docx.title import write_title_block
from app.export.docx.wordml import NSDECL, W_NS
from app.export.images import ImageFolders
from app.export.notes import Note, notes_of
from app.markings import default_portion_mark, highest

__all__ = [
    "STYLE_DEFS",
    "AnnexPart",
    "DocxResult",
    "build_house_template",
    "house_template_path",
    "render_docx",
]


class DocxResult(
    NamedTuple
):  # a named tuple: its class is made ~5x faster than a frozen dataclass's at import (a cold export)
    """The .docx bytes, the notes they hold, the warnings met while writing, and the banner."""

    data: bytes
    notes: tuple[Note, ...]
    warnings: tuple[str, ...]
    banner: str


def render_docx(
    brief: BriefRecord,
    resolver: Mapping[str, ClaimRecord | SourceRecord],
    *,
    notes: str = "endnotes",
    allow_missing: bool = False,
    template: Path | None = None,
    paper: str = "A4",
    marking: str | None = None,
    annexes: Sequence[AnnexPart] = (),
    draft_reason: str = "",
    today: dt.date | None = None,
    images: ImageFolders | None = None,
    progress: Callable[[int, int], None] | None = None,
    cancel: Callable[[], bool] | None = None,
    model: BriefModel | None = None,
    plan: NotePlan | None = None,
) -> DocxResult:
    """The brief as .docx bytes. Raises UnknownCitationError, ExportError, CancelledError. ``images``: the
    folders images may be embedded from (none without it: every image is a placeholder)."""
    model = model or parse_brief(brief.body)
    plan = plan or plan_notes(model, resolver, allow_missing=allow_missing)
    tree = render_tree(model)
    root, stash = tree.root, tree.stash

    document = load_template(template)
    house = template is None
    if house and house_template_path() is None:  # python-docx's base document: give it the house look
        house_styles(document)  # (the house template was written with it: scripts/make_template.py)
    styles = Styles(document)
    text_width = section_setup(document, paper, house)

    scheme = brief.marking_scheme
    default_mark = default_portion_mark(scheme, brief.default_marking, marking)
    writer = BodyWriter(
        document,
        styles,
        plan=plan,
        notes=notes_of(plan, resolver),
        stash=stash,
        notes_kind=notes,
        scheme=scheme,
        default_mark=default_mark,
        images=images or ImageFolders(),
        text_width=text_width,
        progress=progress,
        cancel=cancel,
    )
    writer.blocks_total = sum(1 for _ in root.iter())
    writer.blocks(root, BlockContext())
    body_xml = writer.out
    writer.out = []

    marks = list(writer.marks)  # the body's portion marks, defaults given included
    if default_mark is not None and (annexes or not marks):
        marks.append(default_mark)  # the annexes' headings carry it; an empty brief is marked with it
    top = highest(marks) if marks else None
    banner = top.banner if top is not None else ""

    # title block, then the body, then the annexes
    write_title_block(writer, brief, banner, draft_reason, today or dt.date.today())
    title_xml = writer.out
    writer.out = []
    write_annexes(writer, annexes, default_mark)
    annex_xml = writer.out

    if writer.num_ids:
        remap = package.apply_numbering(document, writer.num_ids)

        def renum(xml: str) -> str:
            return re.sub(
                r'<w:numId w:val="(\d+)"/>',
                lambda m: f'<w:numId w:val="{remap.get(int(m.group(1)), m.group(1))}"/>',
                xml,
            )

        body_xml = [renum(x) if "<w:numId" in x else x for x in body_xml]
    tag = "footnote" if notes == "footnotes" else "endnote"
    package.add_notes_part(document, tag, writer.notes, styles)
    package.set_headers_and_footers(document, styles, banner, "")
    package.note_numbering(document)
    package.core_properties(document, brief, banner, writer.notes)
    sect = document.element.body.find(f"{{{W_NS}}}sectPr")
    if annex_xml and sect is not None:
        # The annexes start a new section (next page): the endnotes close the body's section before them.
        body_sect = etree.tostring(sect, encoding="unicode")
        body_xml.append(f"<w:p {NSDECL}><w:pPr>{body_sect}</w:pPr></w:p>")
        annex_xml[0] = annex_xml[0].replace("<w:pageBreakBefore/>", "", 1)
    inner = "".join(title_xml) + "".join(body_xml) + "".join(annex_xml)
    del title_xml, body_xml, annex_xml
    _check_well_formed(inner)
    buf = io.BytesIO()
    package.save_with_body(document, inner, buf)
    return DocxResult(buf.getvalue(), tuple(writer.notes), tuple(plan.warnings + writer.warnings), banner)


class _NoTree:
    """A parser target that keeps nothing: the body is checked for well-formedness without building it. It
    has no ``start``, ``end`` or ``data``, so lxml calls back into Python for none of the body's elements
    (with them, the check of a 20-page body took ~5 ms of a cold export; without, ~1 ms)."""

    def close(self) -> None:
        return None


def _check_well_formed(inner: str) -> None:
    parser = etree.XMLParser(target=_NoTree(), huge_tree=True)
    try:
        etree.fromstring(f"<w:body {NSDECL}>{inner}</w:body>".encode(), parser)
    except (
        etree.XMLSyntaxError
    ) as exc:  # a bug here, never the analyst's text (it is escaped): say so plainly
        raise ExportError(f"The Word document could not be built ({exc}); nothing was written.") from None
