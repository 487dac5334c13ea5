"""Brief export: one Markdown parse, rendered for the GUI preview (HTML).

Public API (no Qt, no Library needed):

    render_html(brief: BriefRecord, resolver: Mapping[str, ClaimRecord | SourceRecord],
                *, allow_missing: bool = False) -> PreviewResult(html, notes, warnings)

``resolver`` maps citation keys ("c12", "s3") to records. Citations become numbered note markers
linking to ``briefdesk:c12`` / ``briefdesk:s3``; a key cited again reuses its note number; notes are
numbered by first citation and listed at the end. Unknown keys raise ``UnknownCitationError`` listing
every key with its line, unless ``allow_missing`` (then ``[missing c99]`` is shown). Raw HTML typed into
the brief is shown as text. The output is sanitised with nh3 and references no remote resource.

The DOCX renderer is ``app.export.docx.render_docx``; ``export_brief`` (``app.export.service``) exports a
brief from the library to a file.
"""

from __future__ import annotations

import html as _html
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

import markdown
import nh3

from app.citations import parse_citations
from app.domain import BriefRecord, ClaimRecord, SourceRecord
from app.errors import UnknownCitationError
from app.export._markdown import preview_extensions, strike_pattern
from app.export.notes import Note, note_text

__all__ = [
    "ExportOptions",
    "ExportResult",
    "Note",
    "PreviewResult",
    "export_brief",
    "note_text",
    "render_html",
    "render_pandoc_markdown",
]

_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_TOKEN_RE = re.compile("\ue000(\\d+)\ue001")


@dataclass(frozen=True, slots=True)
class PreviewResult:
    html: str
    notes: list[Note]
    warnings: list[str] = field(default_factory=list)


def _markdown() -> markdown.Markdown:
    md = markdown.Markdown(extensions=preview_extensions())
    # Raw HTML is shown as text: drop the raw-HTML preprocessor and inline pattern. '<' reaches Markdown
    # escaped, so the <http://...> and <name@host> autolink patterns could never match either: dropped too,
    # since every inline pattern is tried on every run of text (the preview's main cost).
    md.preprocessors.deregister("html_block")
    for name in ("html", "autolink", "automail"):
        md.inlinePatterns.deregister(name)
    md.inlinePatterns.register(strike_pattern(), "strike", 45)  # ~~struck~~, as in the .docx
    return md


def render_html(
    brief: BriefRecord,
    resolver: Mapping[str, ClaimRecord | SourceRecord],
    *,
    allow_missing: bool = False,
) -> PreviewResult:
    body = _XML_FORBIDDEN.sub("", brief.body)
    cites = parse_citations(body)
    missing = list(dict.fromkeys((c.key, c.line) for c in cites if c.key not in resolver))
    if missing and not allow_missing:
        raise UnknownCitationError(missing)
    warnings = [f"unknown citation {k} (line {ln})" for k, ln in missing]
    numbers: dict[str, int] = {}
    notes: list[Note] = []
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
        if c.key in resolver and c.key not in numbers:
            numbers[c.key] = len(notes) + 1
            notes.append(Note(len(notes) + 1, c.key, note_text(resolver[c.key])))
    out.append(body[pos:])
    text = "".join(out)
    # Escape '<' and '&' so no raw HTML or entity is interpreted (outside code Markdown escapes them itself).
    rendered = _markdown().convert(text.replace("&", "&amp;").replace("<", "&lt;"))
    rendered = rendered.replace("&amp;amp;", "&amp;").replace("&amp;lt;", "&lt;")

    def marker(m: re.Match[str]) -> str:
        pieces = []
        for key in groups[int(m.group(1))]:
            if key in numbers:
                pieces.append(f'<a href="briefdesk:{key}">{numbers[key]}</a>')
            else:
                pieces.append(f'<span class="missing">[missing {_html.escape(key)}]</span>')
        return "<sup>" + ",".join(pieces) + "</sup>"

    rendered = _TOKEN_RE.sub(marker, rendered)
    if notes:
        items = "".join(
            f'<li id="note-{n.number}"><a href="briefdesk:{n.key}">{n.key}</a> {_html.escape(n.text)}</li>'
            for n in notes
        )
        rendered += f'<hr/><ol class="notes">{items}</ol>'
    title = f"<h1>{_html.escape(brief.title)}</h1>"
    safe = nh3.clean(
        title + rendered,
        url_schemes={"briefdesk", "http", "https", "mailto"},
        tags=nh3.ALLOWED_TAGS | {"sup", "hr", "dl", "dt", "dd", "span"},
        attributes={
            "a": {"href"},
            "li": {"id"},
            "ol": {"class", "start"},
            "span": {"class"},
            "td": {"style", "align"},
            "th": {"style", "align"},
            "h1": {"id"},
            "h2": {"id"},
            "h3": {"id"},
        },
    )
    safe = re.sub(r"<img[^>]*>", "", safe)  # no remote (or any) resources in the preview
    return PreviewResult(safe, notes, warnings)


def render_pandoc_markdown(
    brief: BriefRecord,
    resolver: Mapping[str, ClaimRecord | SourceRecord],
    *,
    allow_missing: bool = False,
) -> PreviewResult:
    """The brief's Markdown with citations as pandoc footnotes (``[^n]`` plus definitions at the end).

    A key cited again reuses its footnote; citations inside code stay literal. ``html`` holds the Markdown.
    """
    body = _XML_FORBIDDEN.sub("", brief.body)
    cites = parse_citations(body)
    missing = list(dict.fromkeys((c.key, c.line) for c in cites if c.key not in resolver))
    if missing and not allow_missing:
        raise UnknownCitationError(missing)
    numbers: dict[str, int] = {}
    notes: list[Note] = []
    out: list[str] = []
    pos = 0
    current: tuple[int, int] | None = None
    for c in cites:
        if (c.group_start, c.group_end) != current:
            current = (c.group_start, c.group_end)
            out.append(body[pos : c.group_start])
            pos = c.group_end
        if c.key not in resolver:
            out.append(f"\\[missing {c.key}\\]")
            continue
        if c.key not in numbers:
            numbers[c.key] = len(notes) + 1
            notes.append(Note(len(notes) + 1, c.key, note_text(resolver[c.key])))
        out.append(f"[^{numbers[c.key]}]")
    out.append(body[pos:])
    title = brief.title.replace("\n", " ")
    text = f'---\ntitle: "{title.replace(chr(92), chr(92) * 2).replace(chr(34), chr(92) + chr(34))}"\n---\n\n'
    text += "".join(out).rstrip("\n") + "\n"
    if notes:
        text += "\n" + "".join(f"[^{n.number}]: {n.text}\n" for n in notes)
    warnings = [f"unknown citation {k} (line {ln})" for k, ln in missing]
    return PreviewResult(text, notes, warnings)


from app.export.service import ExportOptions, ExportResult, export_brief  # noqa: E402
