"""The brief as pandoc Markdown: citations as footnotes, and nothing pandoc would turn into active content.

Pandoc's Markdown is wider than a brief's: it passes raw HTML through, reads a ``---`` block after a blank line
as YAML metadata (whose fields are Markdown again), and takes attributes (``{onclick=...}``), raw blocks
(``{=html}``) and links to any scheme. Outside code, this writer escapes ``<`` and ``{``, turns a ``---`` rule
into ``* * *``, drops a fence's information string unless it is a plain language name, and leaves a link or
reference whose address is not http, https, mailto or a ``#`` anchor as text, puts an empty span
before a list item's opening ``[ ]`` or ``[x]`` (pandoc would make a form's check box of it; escaping the
bracket does not stop it), and escapes the ``!`` of an
image (pandoc would fetch a remote one or embed any local file when converting; the .docx export embeds only
images from the allowed folders). Code stays as written, in a fence longer than any inside it (pandoc shows it
literally too). The title and the notes are escaped Markdown.

Each heading pandoc certainly reads as one gets its identifier written out (``# Findings {#findings}``): the
preview's and the HTML export's id (Python-Markdown's slug of the heading's text, ``_1``, ``_2``... for a
repeated one), so that a brief's in-page links lead to the same heading everywhere. Left to itself, pandoc
makes a repeated heading's id unique by trying ``-1``, ``-2``... against every id before it: 10,000 headings of
the same text took it 44 s (0.45 s with the ids written). An id that pandoc would not take (one that does not
open with a letter, as ``2024-review``) gets ``h-`` in front. A setext heading's underline is kept as written
(a ``---`` underline is not a rule).
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterator, Sequence

from markdown.extensions.toc import slugify

from app.brief_model import BriefModel
from app.brief_model.render import NotePlan, visible_bidi
from app.brief_model.text import drop_forbidden
from app.export.notes import Note

_SAFE_DEST_RE = re.compile(r"(?:https?://|mailto:)[^\s<>&\"'`\\]*|#[\w.-]*")
_INLINE_DEST_RE = re.compile(r"\]\([ \t]*<?([^)\s>]*)")
_REF_DEF_RE = re.compile(r"^([ ]{0,3})\[([^\]\n]+)\]:[ \t]*<?(\S*)", re.M)
_IMAGE_RE = re.compile(r"(?<!\\)((?:\\\\)*)!\[")  # an image's '![' whose '!' is not escaped
_RULE_RE = re.compile(r"^([ ]{0,3})-{3,}[ \t]*$", re.M)
_FENCE_OPEN_RE = re.compile(r"^((?:`{3,}|~{3,}))[ \t]*([^\n]*)$")
# placeholders (code, citations: "\x01n\x02") and markers (an id: "\x03id\x04"; a setext underline: "\x05") are
# ASCII, so that the text stays one byte a character; the brief's own such characters go (XML forbids them)
_PLACEHOLDER_RE = re.compile("\x01(\\d+)\x02")
_RESERVED_RE = re.compile("[\x01-\x05]")
_NOTE_DEF_RE = re.compile(r"^([ ]{0,3}(?:\[\^\d+\])+):", re.M)
# a list item opening with '[ ]' or '[x]': pandoc makes it a form's check box (<input>), the other renderers text
_TASK_RE = re.compile(r"^([ \t>]*(?:[-+*]|\(?[0-9A-Za-z#]{1,9}[.)])[ \t]+)\[([ \t]+|[xX])\]", re.M)
# heading ids: the line before a heading pandoc reads as one (blank, or another ATX heading), the markers before an
# ATX heading's text, a setext heading's (nothing but quote markers), what may follow an ATX heading's text
_QUOTES = r"(?:[ ]{0,3}>[ ]?)*"
_BEFORE_HEADING_RE = re.compile(_QUOTES + r"[ \t]*(?:[ ]{0,3}#{1,6}(?:[ \t][^\n]*)?)?")
_ATX_MARKERS_RE = re.compile(_QUOTES + r"[ ]{0,3}#{1,6}[ \t]+")
_SETEXT_MARKERS_RE = re.compile(_QUOTES + r"[ ]{0,3}")
_ATX_CLOSE_RE = re.compile(r"[ \t]*(?:#+[ \t]*)?")
_UNDERLINE_RE = re.compile(_QUOTES + r"[ ]{0,3}(?:=+|-+)[ \t]*")
# a setext title pandoc reads otherwise: a list item, or code that may run past the line
_NOT_SETEXT_TITLE_RE = re.compile(r"(?:[-+*]|[0-9]{1,9}[.)]|#+)(?:[ \t]|$)|[^`]*`")
_HASH_RUN_RE = re.compile(r"#{2,}")
_LINE_END_RE = re.compile(r"[\r\n]|$")
# what a heading's slug leaves out: a link's address, emphasis and code markers (the preview slugs the text)
_SLUG_DROP_RE = re.compile(r"\]\([^)\n]*\)|[*`~]|(?<![A-Za-z0-9])_+|_+(?![A-Za-z0-9])")
_PUNCT_RE = re.compile(r"([\\`*_{}\[\]()#+\-.!<>|~^$&@%:\"'=])")


def escape_markdown(text: str) -> str:
    """Plain text as pandoc Markdown that reads back as the same text (every punctuation mark escaped)."""
    return _PUNCT_RE.sub(r"\\\1", " ".join(text.split()))


def _defuse(text: str) -> str:
    """A stretch of the brief outside code, made inert for pandoc."""
    text = text.replace("<", "\\<").replace("{", "\\{")
    if "![" in text:  # no image: pandoc would fetch a remote one, or embed a local file, when converting
        text = _IMAGE_RE.sub(r"\1\\![", text)
    text = _INLINE_DEST_RE.sub(
        lambda m: m.group() if _SAFE_DEST_RE.fullmatch(m.group(1)) else "]\\(" + m.group()[2:], text
    )
    text = _REF_DEF_RE.sub(
        lambda m: (
            m.group()
            if _SAFE_DEST_RE.fullmatch(m.group(3))
            else m.group(1) + "\\" + m.group()[len(m.group(1)) :]
        ),
        text,
    )
    if "]" in text:
        text = _TASK_RE.sub(r"\1[]{}\\[\2]", text)  # pandoc reads an item's first text: an empty span first
    return _RULE_RE.sub(lambda m: m.group(1) + "* * *", text)


def _code(text: str) -> str:
    """A code range as written, but a fence's information string only if it names a language, and its fence
    made longer than any run of its character inside (pandoc may close a fence, or open one, where
    Python-Markdown did not: a line such as ```` ``` {style="x"} ```` inside the code would then become a
    fence with attributes)."""
    lines = text.split("\n")
    m = _FENCE_OPEN_RE.match(lines[0])
    if m is None or len(lines) < 2:
        return text
    info = m.group(2).strip()
    char = m.group(1)[0]
    inner = lines[1:]
    close = re.fullmatch(r"([ >]*)(`{3,}|~{3,})[ \t]*", inner[-1])
    if close is not None:
        inner = inner[:-1]
    runs = [len(r) for line in inner for r in re.findall(re.escape(char) + "+", line)]
    fence = char * max(len(m.group(1)), max(runs, default=0) + 1)
    first = fence + (info if re.fullmatch(r"[A-Za-z0-9_+-]{1,30}", info) else "")
    last = [close.group(1) + fence] if close is not None else []
    return "\n".join([first, *inner, *last])


class _Ids:
    """Heading ids made unique as Python-Markdown does: ``base``, else ``base_n`` with the first free n. ``last``
    remembers the last n tried for each base, so n headings of one text cost n steps, not n squared; and only
    the bases are stored (a numbered id is known taken from ``last``), so a brief of 500,000 identical
    headings holds one string here, not 500,000."""

    __slots__ = ("bases", "last")

    def __init__(self) -> None:
        self.bases: set[str] = set()
        self.last: dict[str, int] = {}

    def taken(self, ident: str) -> bool:
        if ident in self.bases:
            return True
        base, _, n = ident.rpartition("_")
        return bool(base) and n.isdigit() and n == str(int(n)) and 0 < int(n) <= self.last.get(base, 0)

    def add(self, base: str) -> str:
        if not self.taken(base):
            self.bases.add(base)
            return base
        n = self.last.get(base, 0)
        while True:
            n += 1
            if f"{base}_{n}" not in self.bases:  # not taken by a heading written so (nor numbered: n > last)
                break
        self.last[base] = n
        return f"{base}_{n}"


def _drop_reserved(text: str) -> str:
    return _RESERVED_RE.sub("", text)


def _line_end(body: str, pos: int) -> int:
    m = _LINE_END_RE.search(body, pos)
    assert m is not None  # '$' always matches
    return m.start()


def heading_cuts(model: BriefModel) -> Iterator[tuple[int, int, str]]:
    """What the .md export changes in headings, as cuts (start, end, replacement) in body order: the id of each
    heading pandoc certainly reads as one (inserted: start == end, marker characters around the id), a mark
    at the start of a setext underline (so that ``---`` is not taken for a rule), and each run of ``#`` inside
    an ATX heading's text escaped (pandoc tries to close the heading at every ``#`` of a run: quadratic)."""
    body = model.body
    cited: dict[int, list[tuple[int, int]]] = {}  # heading -> its citation brackets
    for c in model.citations:
        if c.block is not None and c.block.kind == "heading" and c.heading >= 0:
            spans = cited.setdefault(c.heading, [])
            if not spans or spans[-1] != (c.group_start, c.group_end):
                spans.append((c.group_start, c.group_end))
    ids = _Ids()
    for h in model.headings:
        pieces, pos = [], h.content_start
        for gs, ge in cited.get(h.index, ()):
            pieces.append(body[pos:gs])
            pos = ge
        pieces.append(body[pos : h.end])
        slug = slugify(_SLUG_DROP_RE.sub(" ", "".join(pieces)), "-")
        if not slug[:1].isalpha() or not slug[:1].isascii():
            slug = "h-" + slug
        ident = ids.add(slug)  # every heading takes its id, as in the preview, written or not
        if not h.setext and "##" in body[h.content_start : h.end]:
            for m in _HASH_RUN_RE.finditer(body, h.content_start, h.end):
                yield m.start(), m.end(), "\\#" * (m.end() - m.start())
        if "\n" in body[h.content_start : h.end] or "\r" in body[h.content_start : h.end]:
            continue
        if h.start > 0:  # pandoc takes a heading after a blank line or another heading only
            prev_end = h.start - 1  # the '\n' ending the line before
            if body.startswith("\r", prev_end - 1):
                prev_end -= 1
            prev_start = body.rfind("\n", 0, prev_end) + 1
            if not _BEFORE_HEADING_RE.fullmatch(body, prev_start, prev_end):
                continue
        line_end = _line_end(body, h.end)
        if h.setext:
            if not _SETEXT_MARKERS_RE.fullmatch(body, h.start, h.content_start):
                continue
            if body[h.end : line_end].strip(" \t") or _NOT_SETEXT_TITLE_RE.match(
                body, h.content_start, h.end
            ):
                continue
            under_start = line_end + (2 if body.startswith("\r\n", line_end) else 1)
            under_end = _line_end(body, under_start)
            if under_start > len(body) or not _UNDERLINE_RE.fullmatch(body, under_start, under_end):
                continue
            yield line_end, line_end, f"\x03{ident}\x04"
            yield under_start, under_start, "\x05"
        elif _ATX_MARKERS_RE.fullmatch(body, h.start, h.content_start) and _ATX_CLOSE_RE.fullmatch(
            body, h.end, line_end
        ):
            yield line_end, line_end, f"\x03{ident}\x04"


def pandoc_markdown(title: str, model: BriefModel, plan: NotePlan, notes: Sequence[Note]) -> str:
    body = model.body
    # the pieces to rewrite, in order: code ranges (kept), citations (footnote references) and headings' cuts
    cuts: list[tuple[int, int, str]] = []
    for s, e in model.code_ranges:
        cuts.append((s, e, _code(body[s:e])))
    seen: set[int] = set()
    for c in model.citations:
        if c.group in seen:
            continue
        seen.add(c.group)
        refs = []
        for key in plan.groups.get(c.group, []):
            refs.append(f"[^{plan.numbers[key]}]" if key in plan.numbers else f"\\[missing {key}\\]")
        cuts.append((c.group_start, c.group_end, "".join(refs)))
    cuts.sort()
    # code and citations become placeholders, insertions go in as marker characters, the rest is made inert
    # (whole lines at once), then they return; joined as it goes (a brief may have 500,000 headings)
    out: list[str] = []
    chunk: list[str] = []
    clean = _drop_reserved if _RESERVED_RE.search(body) else str
    kept: list[str] = []
    pos = 0
    for s, e, replacement in heapq.merge(cuts, heading_cuts(model)):
        if s < pos:
            continue
        chunk.append(clean(body[pos:s]))
        if s == e:
            chunk.append(replacement)
        else:
            chunk.append(f"\x01{len(kept)}\x02")
            kept.append(clean(replacement))  # code as written, but for the characters XML forbids
        pos = e
        if len(chunk) >= 4096:
            out.append("".join(chunk))
            chunk.clear()
    chunk.append(clean(body[pos:]))
    out.append("".join(chunk))
    del chunk
    text_body = _PLACEHOLDER_RE.sub(lambda m: kept[int(m.group(1))], _defuse("".join(out)))
    if "\x03" in text_body or "\x05" in text_body:
        text_body = text_body.replace("\x03", " {#").replace("\x04", "}").replace("\x05", "")
    # a citation opening a line and followed by ':' would read as a note's definition
    text_body = _NOTE_DEF_RE.sub(r"\1\\:", text_body)
    text_body = drop_forbidden(text_body).replace("\r\n", "\n").replace("\r", "\n")
    shown_title = escape_markdown(visible_bidi(drop_forbidden(title)))
    yaml_title = shown_title.replace("\\", "\\\\").replace('"', '\\"')
    text = f'---\ntitle: "{yaml_title}"\n---\n\n' + visible_bidi(text_body).rstrip("\n") + "\n"
    if notes:
        text += "\n" + "".join(
            f"[^{n.number}]: {escape_markdown(visible_bidi(drop_forbidden(n.text)))}\n" for n in notes
        )
    return text
