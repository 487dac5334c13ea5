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
"""

from __future__ import annotations

import re
from collections.abc import Sequence

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
_PLACEHOLDER_RE = re.compile("\ue010(\\d+)\ue011")
_RESERVED_RE = re.compile("[\ue010\ue011]")
_NOTE_DEF_RE = re.compile(r"^([ ]{0,3}(?:\[\^\d+\])+):", re.M)
# a list item opening with '[ ]' or '[x]': pandoc makes it a form's check box (<input>), the other renderers text
_TASK_RE = re.compile(r"^([ \t>]*(?:[-+*]|\(?[0-9A-Za-z#]{1,9}[.)])[ \t]+)\[([ \t]+|[xX])\]", re.M)
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


def pandoc_markdown(title: str, model: BriefModel, plan: NotePlan, notes: Sequence[Note]) -> str:
    body = model.body
    # the pieces to rewrite, in order: code ranges (kept) and citations (footnote references)
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
    # code and citations become placeholders, the rest is made inert (whole lines at once), then they return
    out: list[str] = []
    kept: list[str] = []
    pos = 0
    for s, e, replacement in cuts:
        if s < pos:
            continue
        out.append(_RESERVED_RE.sub("\ufffd", body[pos:s]))
        out.append(f"\ue010{len(kept)}\ue011")
        kept.append(replacement)
        pos = e
    out.append(_RESERVED_RE.sub("\ufffd", body[pos:]))
    text_body = _PLACEHOLDER_RE.sub(lambda m: kept[int(m.group(1))], _defuse("".join(out)))
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
