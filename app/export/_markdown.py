"""Python-Markdown extensions as instances.

Naming an extension (``"toc"``) makes Python-Markdown look it up among the installed packages' entry points,
which reads every installed package's metadata the first time: ~40 ms of a command-line export. Passing the
instances (each module's ``makeExtension``, its public constructor) skips that lookup; the behaviour is the
same extensions'.
"""

from __future__ import annotations

from markdown.extensions import (
    Extension,
    abbr,
    attr_list,
    def_list,
    fenced_code,
    footnotes,
    md_in_html,
    sane_lists,
    tables,
    toc,
)
from markdown.inlinepatterns import SimpleTagInlineProcessor


def extra() -> list[Extension]:
    """What ``extra`` registers (its own list, in its order)."""
    return [
        fenced_code.makeExtension(),
        footnotes.makeExtension(),
        attr_list.makeExtension(),
        def_list.makeExtension(),
        tables.makeExtension(),
        abbr.makeExtension(),
        md_in_html.makeExtension(),
    ]


def preview_extensions() -> list[Extension]:
    """``extra``, ``toc`` and ``sane_lists``: the brief's Markdown in the HTML preview and Markdown export."""
    return [*extra(), toc.makeExtension(), sane_lists.makeExtension()]


def docx_extensions() -> list[Extension]:
    """``extra`` without footnotes and Markdown-in-HTML (citations are the notes; raw HTML is text), ``toc``
    and ``sane_lists``: the .docx renderer's."""
    return [
        abbr.makeExtension(),
        attr_list.makeExtension(),
        def_list.makeExtension(),
        fenced_code.makeExtension(),
        tables.makeExtension(),
        toc.makeExtension(),
        sane_lists.makeExtension(),
    ]


def strike_pattern() -> SimpleTagInlineProcessor:
    """``~~struck~~`` as ``<del>`` (Python-Markdown has no strikethrough of its own); register it at 45."""
    return SimpleTagInlineProcessor(r"(~~)(.+?)~~", "del")
