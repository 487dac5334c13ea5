"""Templates: the user's .docx/.dotx (styles, margins, headers and footers kept; body cleared) or the house one.

``scripts/make_template.py`` writes the house template from :func:`build_house_template`.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

import docx
from docx.shared import Emu

from app._zipcheck import ZipProblem, check_members
from app.errors import ExportError
from app.export.docx.styles import Styles, house_styles, slim
from app.export.docx.wordml import CT_DOCUMENT, CT_TEMPLATE, W_NS

if TYPE_CHECKING:
    from docx.document import Document

PAPER = {"A4": (11906, 16838), "LETTER": (12240, 15840)}  # twips
MARGIN = 1247  # 2.2 cm


def build_house_template() -> bytes:
    """The house template's bytes: python-docx's base document with Briefdesk's styles, A4, house margins.
    ``scripts/make_template.py`` writes it to resources/templates/briefdesk.docx."""
    document = docx.Document()
    house_styles(document)
    Styles(document)
    slim(document)
    section_setup(document, "A4", True)
    cp = document.core_properties
    cp.title, cp.author, cp.comments = "Briefdesk house template", "Briefdesk", "Styles for exported briefs."
    body = document.element.body
    for child in list(body):
        if child.tag != f"{{{W_NS}}}sectPr":
            body.remove(child)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def house_template_path() -> Path | None:
    from app.paths import resource

    path = Path(str(resource("templates", "briefdesk.docx")))
    return path if path.is_file() else None


def load_template(template: Path | None) -> Document:
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
            try:  # decompressed once, streamed, by what it really holds (a lying zip directory is refused)
                check_members(data, z.infolist(), limit=200_000_000)
            except ZipProblem as exc:
                raise ExportError(f"The template {template} cannot be used: {exc}.") from None
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


def section_setup(document: Document, paper: str, house: bool) -> int:
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
