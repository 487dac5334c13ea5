"""Other projects' Markdown test suites run through every reader and renderer of a brief.

The inputs are data taken from three projects' own test suites (third_party/markdown_suites.json.gz; origins
and licences in third_party/README.md): the CommonMark spec's examples, Python-Markdown's test inputs and
markdown-it-py's fixtures. Each is checked as a brief body, once as written and once with citations added
(:func:`with_citations`), by :func:`problems`:

- the brief model, the checks, the preview's HTML (``app.export.render_html`` as ``ui.preview_view`` calls
  it), and the .md, .html and .docx renderers take it without an exception;
- nothing active in the HTML (no script, frame, object, form or style element, no ``on*`` or ``style``
  attribute, links only to web, mail, in-page or Briefdesk addresses, no image but an allowed one), in the
  .docx (external relationships only to web or mail addresses, no fields that fetch or run anything, no
  embedded objects or macros) or in the .md export as pandoc reads it (pandoc's HTML checked as above, and
  its only metadata the title block's);
- the model agrees with Python-Markdown (as app.brief_model.pm configures it, without its speed-ups) on the
  headings (count, level, text), and the model, the HTML and the .docx agree on headings and citations.

Used by tests/adversarial/test_markdown_suites.py (a sample) and bench/bench_markdown_suites.py (all of them).
"""

from __future__ import annotations

import functools
import gzip
import io
import json
import re
import subprocess
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

SUITES = Path(__file__).resolve().parent / "third_party" / "markdown_suites.json.gz"

ACTIVE_TAGS = frozenset(
    [
        "script",
        "style",
        "iframe",
        "frame",
        "frameset",
        "object",
        "embed",
        "applet",
        "form",
        "input",
        "button",
        "select",
        "textarea",
        "link",
        "meta",
        "base",
        "svg",
        "math",
        "noscript",
        "template",
        "video",
        "audio",
        "source",
        "track",
        "portal",
    ]
)
URL_ATTRS = frozenset(
    [
        "href",
        "src",
        "action",
        "formaction",
        "background",
        "poster",
        "cite",
        "data",
        "codebase",
        "longdesc",
        "srcset",
    ]
)
SAFE_SCHEMES = ("http", "https", "mailto", "briefdesk")
FETCHING_FIELDS = re.compile(
    r"\b(INCLUDETEXT|INCLUDEPICTURE|DDE|DDEAUTO|LINK|IMPORT|MACROBUTTON|AUTOTEXT)\b", re.I
)


@functools.cache
def examples() -> list[tuple[str, str]]:
    """(name, Markdown) of every example, in the suites' order."""
    return [(name, body) for name, body in json.loads(gzip.decompress(SUITES.read_bytes()))]


# --------------------------------------------------------------------------------------------- citations
_ATX = re.compile(r"^ {0,3}#{1,6}(?:[ \t].*)?$")


def with_citations(body: str) -> str:
    """``body`` with citations added: one at the end of every line that ends a block (followed by a blank line
    or the end) and a grouped one on every ATX heading line, so that every construct carries some."""
    lines = body.split("\n")
    out = []
    for i, line in enumerate(lines):
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if line.strip() and _ATX.match(line):
            out.append(line + " [@c2; @s3]")
        elif line.strip() and not nxt.strip():
            out.append(line + " [@c1]")
        else:
            out.append(line)
    return "\n".join(out)


# --------------------------------------------------------------------------------------------- active content
def _scheme(url: str) -> str | None:
    m = re.match(r"\s*([a-zA-Z][a-zA-Z0-9+.-]*):", url)
    return m.group(1).lower() if m else None


# pandoc's own presentation of a pipe table (alignment from the ':' of the rule, widths from its dashes): made by
# pandoc from the table's syntax, never a brief's CSS
_PANDOC_TABLE_STYLE = re.compile(r"(?:text-align: (?:left|right|center);|width: \d+(?:\.\d+)?%;?)")


def _only_charset(el) -> bool:  # type: ignore[no-untyped-def]
    """A <meta> whose only attribute is a plain charset (no http-equiv refresh, no content to act on)."""
    return (
        set(el.attrib) == {"charset"}
        and re.fullmatch(r"[A-Za-z0-9_-]{1,40}", el.get("charset", "")) is not None
    )


def html_problems(
    html: str, allowed_images: frozenset[str] = frozenset(), *, pandoc: bool = False
) -> list[str]:
    """What in ``html`` is active or loads something: see the module docstring. ``pandoc``: the HTML pandoc
    made (its table alignment and column widths allowed)."""
    if not html.strip():
        return []
    found = []
    root = lxml_html.document_fromstring(html)
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue  # a comment or processing instruction: never shown or run
        tag = el.tag.lower()
        if tag == "meta" and _only_charset(el):
            continue  # the export's own <meta charset="utf-8">: declares the encoding, loads and runs nothing
        if tag in ACTIVE_TAGS:
            found.append(f"<{tag}> element")
        if tag == "img" and el.get("src") not in allowed_images:
            found.append(f"image not allowed: {el.get('src')!r}")
        for name, value in el.attrib.items():
            name = name.lower()
            if name.startswith("on"):
                found.append(f"{name} attribute on <{tag}>")
            elif name == "style":
                if pandoc and tag in ("td", "th", "col") and _PANDOC_TABLE_STYLE.fullmatch(value):
                    continue
                found.append(f"style attribute on <{tag}>: {value[:60]!r}")
            elif name in URL_ATTRS and not (tag == "img" and value in allowed_images):
                scheme = _scheme(value)
                if scheme is not None and scheme not in SAFE_SCHEMES:
                    found.append(f"{name}={value[:60]!r} on <{tag}>")
    return found


def docx_problems(data: bytes) -> list[str]:
    """What in a .docx would fetch, run or embed something."""
    found = []
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            low = name.lower()
            if "vbaproject" in low or "/embeddings/" in low or "activex" in low or low.endswith(".bin"):
                found.append(f"part {name}")
            if low.endswith(".rels"):
                for rel in etree.fromstring(z.read(name)):
                    kind = rel.get("Type", "").rsplit("/", 1)[-1]
                    if kind in (
                        "attachedTemplate",
                        "oleObject",
                        "package",
                        "aFChunk",
                        "frame",
                        "subDocument",
                    ):
                        found.append(f"{name}: a {kind} relationship")
                    if rel.get("TargetMode") == "External":
                        if kind != "hyperlink":
                            found.append(f"{name}: an external {kind} ({rel.get('Target')!r})")
                        elif _scheme(rel.get("Target", "")) not in ("http", "https", "mailto"):
                            found.append(f"{name}: a link to {rel.get('Target', '')[:60]!r}")
            if low.startswith("word/") and low.endswith(".xml"):
                text = z.read(name).decode("utf-8", "replace")
                for instr in re.findall(r'w:instr="([^"]*)"|<w:instrText[^>]*>([^<]*)<', text):
                    code = "".join(instr)
                    if FETCHING_FIELDS.search(code):
                        found.append(f"{name}: field {code[:60]!r}")
                if "<w:altChunk" in text or "<w:object" in text or "<v:imagedata" in text:
                    found.append(f"{name}: an embedded object")
    return found


_PANDOC_TEMPLATE = "$meta-json$\n\x1e\n$body$\n"


@functools.cache
def _pandoc_template() -> str:
    path = Path(tempfile.mkdtemp(prefix="briefdesk-pandoc-")) / "meta-and-body.html"
    path.write_text(_PANDOC_TEMPLATE, encoding="utf-8")
    return str(path)


def markdown_export_problems(markdown: str) -> list[str]:
    """The .md export read by pandoc (as a user's pandoc would read it): its HTML must be inert and its only
    metadata the title block's."""
    if not markdown.startswith("---\n"):
        return ["the .md export does not start with its title block"]
    done = subprocess.run(
        ["pandoc", "-f", "markdown", "-t", "html", "--template", _pandoc_template()],
        input=markdown,
        capture_output=True,
        text=True,
        timeout=60,
    )
    if done.returncode != 0:
        return [f"pandoc could not read the .md export: {done.stderr.strip()[:200]}"]
    meta, _, body = done.stdout.partition("\n\x1e\n")
    found = [f"pandoc: {p}" for p in html_problems(body, pandoc=True)]
    found += [f"pandoc: an image ({m[:60]!r})" for m in re.findall(r"<img[^>]*>", body)]
    keys = set(json.loads(meta or "{}"))
    if not keys <= {"title"}:
        found.append(f"pandoc reads metadata from the body: {sorted(keys - {'title'})}")
    return found


# --------------------------------------------------------------------------------------------- headings
def _plain(text: str) -> str:
    return "".join(ch for ch in text if ch.isalnum())


_GROUP = re.compile(r"\[[^\]\n]*@[cs]\d+[^\]\n]*\]")


def _is_subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(ch in it for ch in small)


@functools.cache
def _plain_markdown():  # type: ignore[no-untyped-def]
    """Python-Markdown as app.brief_model.pm configures it, without its speed-ups."""
    import markdown
    from markdown.inlinepatterns import SimpleTagInlineProcessor

    from app.brief_model import pm

    md = markdown.Markdown(extensions=pm._extensions())
    md.preprocessors.deregister("html_block")
    for name in ("html", "entity", "autolink", "automail"):
        md.inlinePatterns.deregister(name)
    md.inlinePatterns.register(SimpleTagInlineProcessor(r"(~~)(.+?)~~", "del"), "strike", 45)
    return md


def html_headings(html: str, skip_title: bool) -> list[tuple[int, str]]:
    """(level, text without note markers) of each h1-h6 in ``html``."""
    if not html.strip():
        return []
    root = lxml_html.document_fromstring(html)
    for sup in root.iter("sup"):
        sup.drop_tree()
    found = [(int(h.tag[1]), h.text_content()) for h in root.iter("h1", "h2", "h3", "h4", "h5", "h6")]
    return found[1:] if skip_title else found


def heading_problems(body: str, model, preview_html: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The model's headings against Python-Markdown's and against the preview's."""
    md = _plain_markdown()
    md.reset()
    theirs = html_headings(md.convert(body), skip_title=False)
    ours = [(h.level, h.raw_title) for h in model.headings]
    shown = html_headings(preview_html, skip_title=True)
    found = []
    if [lv for lv, _ in theirs] != [lv for lv, _ in ours]:
        found.append(
            f"heading levels: model {[lv for lv, _ in ours]}, Python-Markdown {[lv for lv, _ in theirs]}"
        )
        return found
    for (_, text), (_, raw), (_, seen) in zip(theirs, ours, shown, strict=False):
        pm_text = _plain(_GROUP.sub("", text))
        if not _is_subsequence(pm_text, _plain(_GROUP.sub("", raw))):
            found.append(f"heading text: model {raw[:60]!r}, Python-Markdown {text[:60]!r}")
        if _plain(seen) != pm_text:
            found.append(f"heading text: preview {seen[:60]!r}, Python-Markdown {text[:60]!r}")
    if len(shown) != len(theirs):
        found.append(f"{len(shown)} headings in the preview, {len(theirs)} for Python-Markdown")
    return found


# --------------------------------------------------------------------------------------------- one example
@dataclass
class Outcome:
    name: str
    seconds: float = 0.0
    problems: list[str] = field(default_factory=list)


def problems(name: str, body: str, *, pandoc: bool = True, export: Callable[[str, str], bytes] | None = None):  # type: ignore[no-untyped-def]
    """Every check of the module docstring on one body; an Outcome (seconds: the readers and renderers, not
    pandoc). ``export(body, fmt)``: the bytes the export service writes for a brief holding ``body`` (the
    renderers are called directly without it)."""
    from app.brief_model import parse_brief
    from app.checks import CheckContext, run_checks
    from app.domain import BriefRecord, BriefStatus, MarkingScheme
    from app.export import render_html, render_pandoc_markdown
    from app.export.docx import render_docx
    from tests.app import test_brief_model_agreement as agree

    out = Outcome(name)
    started = time.perf_counter()
    step = "the model"
    try:
        brief = BriefRecord(1, "Suite", body, MarkingScheme.CLASSIFICATION, "U", "", "", BriefStatus.DRAFT,
                            agree.NOW, agree.NOW)  # fmt: skip
        plain = agree._brief(body)
        resolver = agree._resolver()
        model = parse_brief(body)
        step = "the checks"
        run_checks(CheckContext(brief, claims={1: agree._claim(1), 2: agree._claim(2)}))
        step = "the preview"
        preview = render_html(plain, resolver, allow_missing=True, images=lambda _src: None, model=model)
        step = "the .docx"
        docx = render_docx(plain, resolver, allow_missing=True, model=model)
        step = "the .md"
        md_text = render_pandoc_markdown(plain, resolver, allow_missing=True, model=model).html
        exported = {}
        if export is not None:
            for fmt in ("html", "md", "docx"):
                step = f"the {fmt} export"
                exported[fmt] = export(body, fmt)
        out.seconds = time.perf_counter() - started
        step = "checking the results"
        out.problems += [f"preview: {p}" for p in html_problems(preview.html)]
        out.problems += [f"docx: {p}" for p in docx_problems(docx.data)]
        if "html" in exported:
            out.problems += [f"html export: {p}" for p in html_problems(exported["html"].decode("utf-8"))]
            out.problems += [f"docx export: {p}" for p in docx_problems(exported["docx"])]
        if pandoc:
            out.problems += [f"md: {p}" for p in markdown_export_problems(md_text)]
            if "md" in exported:
                out.problems += [f"md export: {p}" for p in markdown_export_problems(exported["md"].decode())]
        out.problems += heading_problems(body, model, preview.html)
        step = "agreement"
        expected = agree._model_events(body)
        numbers = {n.number: n.key for n in preview.notes}
        if agree._html_events(preview.html, numbers) != expected:
            out.problems.append("the preview's headings and citations differ from the model's")
        numbers = {n.number: n.key for n in docx.notes}
        if agree._as_tuples(agree._docx_events(docx.data, numbers)) != agree._model_events(
            body, merge_adjacent=True
        ):
            out.problems.append("the .docx's headings and citations differ from the model's")
    except Exception as exc:  # noqa: BLE001 - every exception is a finding
        out.seconds = out.seconds or time.perf_counter() - started
        out.problems.append(f"{step}: {type(exc).__name__}: {str(exc)[:200]}")
    return out


def variants() -> list[tuple[str, str]]:
    """Every example as written and with citations added."""
    return [
        v for name, body in examples() for v in ((name, body), (name + " +citations", with_citations(body)))
    ]
