"""Brief export: the HTML preview and export, pandoc Markdown, Word (``app.export.docx``), and the export of
a brief from the library to a file.

This package only gathers the public names; each lives in the module that owns it, and none of those
imports this package back:

* ``app.export.html``      render_html, render_pandoc_markdown -> PreviewResult (no Qt, no Library needed)
* ``app.export.notes``     Note, note_text, notes_of: what a citation becomes, for every renderer
* ``app.export.docx``      render_docx: the brief as a Word document
* ``app.export.service``   export_brief(lib, brief_id, out, ExportOptions) -> ExportResult
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.export.notes import Note, note_text, notes_of
from app.export.service import ExportOptions, ExportResult, export_brief

if TYPE_CHECKING:
    from app.export.html import PreviewResult, render_html, render_pandoc_markdown

_HTML_NAMES = ("PreviewResult", "render_html", "render_pandoc_markdown")


def __getattr__(name: str) -> Any:
    """The HTML renderer's names, imported when first asked for: a Word export from the command line never
    loads the HTML renderer (nh3, ElementTree)."""
    if name in _HTML_NAMES:
        from app.export import html

        return getattr(html, name)
    raise AttributeError(f"module 'app.export' has no attribute {name!r}")


__all__ = [
    "ExportOptions",
    "ExportResult",
    "Note",
    "PreviewResult",
    "export_brief",
    "note_text",
    "notes_of",
    "render_html",
    "render_pandoc_markdown",
]
