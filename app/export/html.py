"""The brief as HTML (the preview and the HTML export) and as pandoc Markdown.

    render_html(brief, resolver, *, allow_missing=False, images=None) -> PreviewResult(html, notes, warnings)
    render_pandoc_markdown(brief, resolver, *, allow_missing=False) -> PreviewResult(markdown, notes, ...)

``resolver`` maps citation keys ("c12", "s3") to records. Both read the brief through the brief model
(``app.brief_model``): the same headings, lists, code and citations as the checks. Citations become
numbered note markers (HTML: links to ``briefdesk:c12``); a key cited again reuses its note number; notes are
numbered by first citation and listed at the end. Unknown keys raise ``UnknownCitationError`` listing every
key with its line, unless ``allow_missing`` (then ``[missing c99]`` is shown).

Nothing a brief holds is active in the output: raw HTML is text, links keep only http, https and mailto
addresses, no attribute or style from the brief is written, images appear only when ``images`` maps their
address to an allowed local file (otherwise a visible placeholder), and directional formatting characters
are shown as tags (``[U+202E RLO]``).

Imported by ``app.export`` (which re-exports these names) and by ``app.export.service``; it imports neither.
"""

from __future__ import annotations

import html as _html
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import nh3

from app.brief_model import BriefModel, parse_brief
from app.brief_model import pm as _pm
from app.brief_model.render import NotePlan, plan_notes, render_tree, visible_bidi
from app.brief_model.text import TOKEN_OPEN, TOKEN_RE, drop_forbidden, token_index
from app.domain import BriefRecord, ClaimRecord, SourceRecord
from app.export.notes import Note, notes_of
from app.markings import PORTION_RE, Marking, default_portion_mark

__all__ = ["LINK_SCHEMES", "PreviewResult", "notes_of", "render_html", "render_pandoc_markdown"]

LINK_SCHEMES = ("http://", "https://", "mailto:")


@dataclass(frozen=True, slots=True)
class PreviewResult:
    html: str
    notes: list[Note]
    warnings: list[str] = field(default_factory=list)


_STASH_RE = re.compile("\x02wzxhzdk:(\\d+)\x03")  # a fenced code block Python-Markdown stashed
_BLOCK_CHILDREN = frozenset(
    {"p", "ul", "ol", "blockquote", "pre", "table", "dl", "div", "h1", "h2", "h3", "h4"}
)
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})


def _default_marks(root: ET.Element, mark: Marking) -> None:
    """Give every unmarked paragraph, heading, list item and table cell the brief's default portion mark, as the .docx
    writer does (``app.export.docx.body``), so that the preview shows the marks the document will carry."""

    def prefix(el: ET.Element) -> None:
        first = el.text or ""
        if PORTION_RE.match(first.lstrip()) or _STASH_RE.fullmatch(first.strip()):
            return
        el.text = f"{mark.portion} {first.lstrip()}"

    def walk(parent: ET.Element) -> None:
        for el in parent:
            if el.tag == "p" or el.tag in _HEADINGS:
                prefix(el)
            elif el.tag in ("ul", "ol"):
                for li in el:
                    if li.tag != "li":
                        continue
                    if not any(c.tag in _BLOCK_CHILDREN for c in li) or (li.text or "").strip():
                        prefix(li)
                    walk(li)
            elif el.tag in ("blockquote", "div", "dl", "dd"):
                walk(el)
            elif el.tag == "table":  # a cell with text is a portion, as the checks count it
                for cell in el.iter():
                    if cell.tag in ("th", "td") and "".join(cell.itertext()).strip():
                        prefix(cell)

    walk(root)


_ONLY_TAGS_RE = re.compile(r"(?:<[^<>]*>|\s)*")  # between two citations: only markup ("</strong>")


def _spaced_tokens(text: str) -> Iterator[tuple[int, str, re.Match[str]]]:
    """Each citation token in ``text``: where the spaces and tabs just before it start, those spaces, and the
    token. Found from the token's first character (an expression opening with optional spaces was tried at
    every character of the page: 2 ms of a 20-page preview)."""
    pos = 0
    while True:
        at = text.find(TOKEN_OPEN, pos)
        if at < 0:
            return
        token = TOKEN_RE.match(text, at)
        if token is None:
            pos = at + 1
            continue
        start = at
        while start > pos and text[start - 1] in " \t":
            start -= 1
        yield start, text[start:at], token
        pos = token.end()


_LINK_OPEN_RE = re.compile(r"<a[\s>]")


def render_html(
    brief: BriefRecord,
    resolver: Mapping[str, ClaimRecord | SourceRecord],
    *,
    allow_missing: bool = False,
    images: Callable[[str], Path | None] | None = None,
    model: BriefModel | None = None,
    plan: NotePlan | None = None,
) -> PreviewResult:
    """The brief as an HTML fragment (title, body, notes). ``images`` maps an image's address to the local
    file it may show (None: not allowed); without it every image is a placeholder. ``model`` and ``plan``:
    the brief's model and notes when the caller has them already."""
    model = model or parse_brief(brief.body)
    plan = plan or plan_notes(model, resolver, allow_missing=allow_missing)
    notes = notes_of(plan, resolver)
    tree = render_tree(model)
    mark = default_portion_mark(brief.marking_scheme, brief.default_marking)
    if mark is not None:
        _default_marks(tree.root, mark)
    allowed: set[str] = set()
    _safe_tree(tree.root, images, allowed)
    rendered = _pm.serialize(tree.md, tree.root)
    rendered = attach_markers(rendered, plan)[0] + notes_html(notes)
    title = title_html(brief)
    safe = clean_html(title + rendered, allowed)
    return PreviewResult(safe, notes, plan.warnings)


def title_html(brief: BriefRecord) -> str:
    """The brief's title as the rendered HTML opens with it (before cleaning)."""
    return f"<h1>{_html.escape(visible_bidi(drop_forbidden(brief.title)))}</h1>"


def notes_html(notes: list[Note]) -> str:
    """The notes list the rendered HTML ends with (before cleaning); '' without notes."""
    if not notes:
        return ""
    items = "".join(
        f'<li id="note-{n.number}"><a href="briefdesk:{n.key}">{n.key}</a> '
        f"{_html.escape(visible_bidi(drop_forbidden(n.text)))}</li>"
        for n in notes
    )
    return f'<hr/><ol class="notes">{items}</ol>'


def attach_markers(text: str, plan: NotePlan, follows_citation: bool = False) -> tuple[str, bool]:
    """``text`` (serialized HTML) with each citation token replaced by its note marker, and whether it ends
    right after a citation (only tags after the last one). No space before a note number, as in the .docx;
    but between two citations the space stays, so that "[@c1] [@c2]" never reads as note 12.
    ``follows_citation``: a citation comes before ``text`` with only tags between (the rendered HTML
    cut into top-level blocks: the state the block before it ended in)."""
    groups, numbers = plan.groups, plan.numbers

    def marker(token: re.Match[str], in_link: bool) -> str:
        pieces = []
        for key in groups.get(token_index(token), []):
            if key not in numbers:
                pieces.append(f'<span class="missing">[missing {_html.escape(key)}]</span>')
            elif in_link:  # a link inside a link would close the outer one and leave the number outside
                pieces.append(str(numbers[key]))
            else:
                pieces.append(f'<a href="briefdesk:{key}">{numbers[key]}</a>')
        return "<sup>" + ",".join(pieces) + "</sup>"

    out: list[str] = []
    pos = 0
    after = follows_citation  # a citation before, the text since it only tags so far
    links = 0  # <a> elements open at the token
    for start, spaces, token in _spaced_tokens(text):
        between = text[pos:start]
        if "<a" in between or "</a>" in between:
            links = max(0, links + len(_LINK_OPEN_RE.findall(between)) - between.count("</a>"))
        keys = groups.get(token_index(token), [])
        after_citation = after and _ONLY_TAGS_RE.fullmatch(between) is not None
        note = bool(keys) and keys[0] in numbers
        out.append(between)
        out.append(("" if note and not after_citation else spaces) + marker(token, links > 0))
        pos = token.end()
        after = True
    rest = text[pos:]
    out.append(rest)
    return "".join(out), after and _ONLY_TAGS_RE.fullmatch(rest) is not None


def clean_html(text: str, allowed: set[str]) -> str:
    """``text`` through the sanitiser, as every rendered brief goes (``allowed``: the image files it may show)."""
    return nh3.clean(
        text,
        url_schemes={"briefdesk", "http", "https", "mailto", "file"},
        tags=(nh3.ALLOWED_TAGS - {"img"})
        | {"sup", "hr", "dl", "dt", "dd", "span"}
        | ({"img"} if allowed else set()),
        attributes={
            "a": {"href"},
            "img": {"src", "alt"},
            "li": {"id"},
            "ol": {"class", "start"},
            "span": {"class"},
            "td": {"align"},
            "th": {"align"},
            "h1": {"id"},
            "h2": {"id"},
            "h3": {"id"},
            "h4": {"id"},
            "h5": {"id"},
            "h6": {"id"},
        },
        attribute_filter=lambda tag, attr, value: _attribute_ok(tag, attr, value, allowed),
    )


def _attribute_ok(tag: str, attr: str, value: str, allowed: set[str]) -> str | None:
    if attr == "src":
        return value if tag == "img" and value in allowed else None
    if attr == "href" and value.lower().startswith("file:"):
        return None
    return value


def _safe_tree(root: ET.Element, images: Callable[[str], Path | None] | None, allowed: set[str]) -> None:
    """Links keep only web and mail addresses; each image becomes its allowed local file or a placeholder."""
    for parent in list(root.iter()):
        for i, el in enumerate(list(parent)):
            if el.tag == "a":
                href = (el.get("href") or "").strip()
                if not (href.lower().startswith(LINK_SCHEMES) or (href.startswith("#") and len(href) > 1)):
                    el.attrib.pop("href", None)
                for name in list(el.attrib):
                    if name != "href":
                        del el.attrib[name]
            elif el.tag == "img":
                src = (el.get("src") or "").strip()
                alt = el.get("alt") or ""
                path = images(src) if images is not None and src else None
                if path is not None:
                    uri = path.as_uri()
                    allowed.add(uri)
                    el.attrib.clear()
                    el.set("src", uri)
                    el.set("alt", alt)
                    continue
                span = ET.Element("span", {"class": "image"})
                span.text = f"[image: {alt or src}]"
                span.tail = el.tail
                parent.remove(el)
                parent.insert(i, span)


def render_pandoc_markdown(
    brief: BriefRecord,
    resolver: Mapping[str, ClaimRecord | SourceRecord],
    *,
    allow_missing: bool = False,
    model: BriefModel | None = None,
    plan: NotePlan | None = None,
) -> PreviewResult:
    """The brief's Markdown with citations as pandoc footnotes (``[^n]`` plus definitions at the end).

    A key cited again reuses its footnote; citations inside code stay literal. Nothing in it is active when
    pandoc reads it: raw HTML and ``javascript:``-style links are escaped, a line that pandoc would read as
    YAML metadata is escaped, and the only metadata block is the title's. ``html`` holds the Markdown.
    """
    from app.export.markdown_out import pandoc_markdown

    model = model or parse_brief(brief.body)
    plan = plan or plan_notes(model, resolver, allow_missing=allow_missing)
    notes = notes_of(plan, resolver)
    text = pandoc_markdown(brief.title, model, plan, notes)
    return PreviewResult(text, notes, plan.warnings)
