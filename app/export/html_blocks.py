"""The preview's render made incremental: only the top-level blocks whose source changed are rendered again.

``BlockRenderer.render`` gives what ``render_html`` gives (the same HTML, character for character: the
random-edit tests compare them) from a cache of each top-level block's finished HTML. The blocks are the
model's own block tree (``BriefModel.block_tree``: one reading, not parsed again) when it holds the
citations as written; the citations of a block to render are then made tokens in a copy of it, numbered
from the first group it holds (the tree holds every group once, in reading order: checked). Otherwise (a
brief whose text the model read with its citations as runs, see ``READ_TOKEN_CHAR``) the model's
``parse_text`` is parsed into Python-Markdown's block tree, as ``render_tree`` does. Inline parsing, the
restore walk, default marks, serializing, note markers and the sanitiser run only on the blocks not in the
cache.

A block's cache key is its block tree before inline parsing (tags, attributes, texts, which texts are
atomic), with what the brief around it decides written into it: each citation as written (the model's
tree) or its token without its index (which every citation added before it shifts), a bracket that is not
a citation (in code) as written, each fenced code placeholder as the code it stands for (placeholders are numbered over the
whole brief). What is kept under it is the block rendered up to its note markers; its finished HTML is
kept under a second key: the keys its citations get and whether each is known, and whether a citation comes just
before the block with only tags between (``attach_markers``). Its clean HTML holds a placeholder for
each note number, put in afterwards (``Rendered.templates``, ``numbered``): an edit that renumbers the notes
cleans no block again, and the view's worker cuts the template once. The notes' items are kept by key and
record: a renumbering writes and cleans only the notes of records not shown before.
Brief-wide state is the cache's context, the cache emptied when it changes: the link reference definitions,
the abbreviations and the default portion mark. Heading ids are unique over the brief (``toc``): a block is
rendered with each heading's own slug and the ids are made unique when the blocks are put together, as the
``toc`` step does. The inline-bracket budget (``INLINE_BRACKET_TOTAL``) is spent over the whole brief: each
block keeps what it spent, and when the brief's sum passes the total the whole brief is rendered as
``render_html`` renders it. So is any brief this cannot cut exactly (an empty body, a stray token
character). A block with an image is never cached (the file it shows may have changed).
"""

from __future__ import annotations

import copy
import html as _html
import re
import sys
import threading
import xml.etree.ElementTree as ET
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import markdown
from markdown.extensions import toc
from markdown.util import AtomicString

from app._gc import paused_gc
from app.brief_model import BriefModel, parse_brief
from app.brief_model import pm as _pm
from app.brief_model import render as _render_mod
from app.brief_model.render import (
    NotePlan,
    plan_notes,
    restore_attributes,
    restore_stash,
    restore_texts,
    restorer,
)
from app.brief_model.text import (
    GROUP_RE,
    TOKEN_CLOSE,
    TOKEN_DIGIT0,
    TOKEN_OPEN,
    TOKEN_RE,
    token,
    token_index,
)
from app.domain import BriefRecord, ClaimRecord, SourceRecord
from app.export.html import (
    PreviewResult,
    _default_marks,
    _safe_tree,
    attach_markers,
    clean_html,
    notes_html,
    render_html,
    title_html,
)
from app.export.notes import Note, note_text
from app.markings import Marking, default_portion_mark

__all__ = ["NUMBER_CLOSE", "NUMBER_OPEN", "BlockRenderer", "Rendered", "notes_list", "numbered"]

_SEP = TOKEN_OPEN + TOKEN_OPEN + TOKEN_CLOSE  # between blocks rendered together: no token or number holds it
_STASH_RE = re.compile("\x02wzxhzdk:(\\d+)\x03")
# A citation token's index digits, and what a block's key holds in their place (its length stays in it)
_TOKEN_INDEX_RE = re.compile(f"{TOKEN_OPEN}[\ue100-\uf0ff][\ue100-\uf0ff]")
_ANONYMOUS = TOKEN_OPEN + "\x01\x01"
_DIGIT0 = TOKEN_DIGIT0
_GROUP_OR_STASH_RE = re.compile(f"{_STASH_RE.pattern}|{GROUP_RE.pattern}")
_HEADING_ID_RE = re.compile(r'<h[1-6] id="([^"]*)">')
_HEADING_TAG_RE = re.compile("[Hh][1-6]")
# A note number's placeholder in a block's clean HTML (after the markers no other token character is left)
NUMBER_OPEN, NUMBER_CLOSE = TOKEN_OPEN, TOKEN_CLOSE
_NUMBER_OPEN, _NUMBER_CLOSE = NUMBER_OPEN, NUMBER_CLOSE
_NUMBER_RE = re.compile(f"{_NUMBER_OPEN}([^{_NUMBER_CLOSE}]*){_NUMBER_CLOSE}")
_TOC_CONFIG = toc.TocExtension(marker="").getConfigs()  # as app.brief_model.pm configures it


class _RawSlugs(toc.TocTreeprocessor):  # type: ignore[misc]  # Python-Markdown has no types: its base is Any
    """The ``toc`` step giving each heading its own slug as its id, not yet made unique (``_ids`` does that
    over the whole brief, as ``TocTreeprocessor.run`` does); its name found as that step finds it."""

    def run(self, doc: ET.Element) -> None:
        for el in doc.iter():
            if isinstance(el.tag, str) and self.header_rgx.match(el.tag):
                self.set_level(el)
                name = toc.strip_tags(toc.render_inner_html(toc.remove_fnrefs(el), self.md))
                if "id" not in el.attrib:
                    el.attrib["id"] = self.slugify(_html.unescape(name), self.sep)


@dataclass(slots=True)
class _Block:
    """A top-level block rendered up to its note markers: its serialized HTML with its citation tokens
    numbered from 0 in the block (``places``: which of the block's citations, in reading order, each one
    is), its headings' own slugs in order, the bracket budget it spent; and its clean HTML with its whether
    it ends right after a citation, for each set of note numbers its citations got and each way it may start
    (right after a citation or not)."""

    html: str
    places: tuple[int, ...]
    slugs: tuple[str, ...]
    spent: int
    image: bool  # never kept: the file shown may have changed
    done: dict[tuple[object, ...], tuple[str, bool]]  # its note numbers as placeholders (``_NUMBER_RE``)
    # the last numbered: its state and numbers, its template (heading ids made unique), its HTML
    numbered: tuple[tuple[object, ...], str, str] = ((), "", "")


@dataclass(frozen=True, slots=True)
class Rendered:
    """A render: ``result`` as ``render_html`` gives it, and its HTML in pieces: the title's, each top-level
    block's of the body (None: the body was rendered whole, ``body`` holding it) and the notes'.
    ``templates``: each top-level block's HTML with a placeholder for each note number (``numbered`` with
    ``numbers`` makes it the block's HTML); ``note_items``: the notes' items, note 1 first, each the HTML
    inside its ``<li>`` (the notes' HTML is ``notes_list`` of them); both None when rendered whole."""

    result: PreviewResult
    title: str
    body: list[str] | None
    notes: str
    incremental: bool
    templates: list[str] | None = None
    numbers: Mapping[str, int] | None = None
    note_items: tuple[str, ...] | None = None


def numbered(html: str, numbers: Mapping[str, int]) -> str:
    """A template's HTML (``Rendered.templates``) with its note numbers put in."""
    if _NUMBER_OPEN not in html:
        return html
    return _NUMBER_RE.sub(lambda m: str(numbers[m.group(1)]), html)


_NOTES_OPEN, _NOTES_CLOSE = '<hr><ol class="notes">', "</ol>"  # as the sanitiser writes ``notes_html``'s


def notes_list(items: tuple[str, ...] | list[str]) -> str:
    """The notes' clean HTML from their items (``Rendered.note_items``): '' without notes."""
    if not items:
        return ""
    return (
        _NOTES_OPEN
        + "".join(f'<li id="note-{n}">{item}</li>' for n, item in enumerate(items, 1))
        + _NOTES_CLOSE
    )


def _fingerprint(el: ET.Element, out: list[str]) -> None:
    """The block tree under ``el`` before inline parsing, as text (atomic texts marked apart)."""
    out.append("<" + el.tag)
    if el.attrib:
        out.append(repr(sorted(el.attrib.items())))
    text = el.text
    if text:
        out.append("\x01T" if isinstance(text, AtomicString) else "\x01t")
        out.append(text)
    for child in el:
        _fingerprint(child, out)
    out.append("\x01/")
    tail = el.tail
    if tail:
        out.append("\x01A" if isinstance(tail, AtomicString) else "\x01a")
        out.append(tail)


class BlockRenderer:
    """The cache of rendered blocks for one brief shown (the preview's; any thread, one render at a time)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._context: tuple[object, ...] | None = None
        self._blocks: dict[str, _Block] = {}
        self._md = _pm.new_markdown()
        self._md.treeprocessors.register(_RawSlugs(self._md, _TOC_CONFIG), "toc", 5)
        # each cited key's record, its note's text and its item's clean HTML (without its number)
        self._notes: dict[str, tuple[ClaimRecord | SourceRecord, str, str]] = {}
        self._notes_shown: tuple[list[ClaimRecord | SourceRecord], list[Note], tuple[str, ...]] = ([], [], ())
        # what the last render did: the blocks it rendered (inline Markdown and all), and those it gave note
        # markers and cleaned (the rendered ones, and those whose note numbers changed); the rest was kept
        self.rendered_blocks = 0
        self.cleaned_blocks = 0
        self.reused_tree = False  # whether it keyed the model's block tree (not a parse of its own)

    def render(
        self,
        brief: BriefRecord,
        resolver: Mapping[str, ClaimRecord | SourceRecord],
        *,
        images: Callable[[str], Path | None] | None = None,
        model: BriefModel | None = None,
        joined: bool = True,
    ) -> Rendered:
        """The brief rendered as ``render_html(..., allow_missing=True)`` renders it. ``joined=False``: when
        rendered by blocks, the result's ``html`` is left empty, for a caller that joins the pieces itself
        (a 500-page brief's HTML is 2.3 M characters, joined in 2-3 ms)."""
        model = model or parse_brief(brief.body)
        plan = plan_notes(model, resolver, allow_missing=True)
        with self._lock, paused_gc():
            done = self._body(brief, model, plan, images)
            notes, items = self._notes_of(plan, resolver)
            notes_part = notes_list(items)
            title = clean_html(title_html(brief), set())
            if done is None:
                self._context, self._blocks = None, {}
                result = render_html(
                    brief, resolver, allow_missing=True, images=images, model=model, plan=plan
                )
                return Rendered(result, title, None, notes_part, False)
        templates, body = done
        html = title + "".join(body) + notes_part if joined else ""
        result = PreviewResult(html, notes, plan.warnings)
        return Rendered(result, title, body, notes_part, True, templates, plan.numbers, items)

    def _notes_of(
        self, plan: NotePlan, resolver: Mapping[str, ClaimRecord | SourceRecord]
    ) -> tuple[list[Note], tuple[str, ...]]:
        """The notes and their items' clean HTML (``notes_list``), kept while the same records are cited in
        the same order (a keystroke seldom changes them); when they change (a renumbering), each note's text
        and item is kept by its key and record: only the notes of records not shown before are written and
        cleaned (a long brief's notes took milliseconds to write and clean)."""
        order = plan.order
        records = [resolver[key] for key in order]
        shown, notes, items = self._notes_shown
        if len(shown) == len(records) and all(a is b for a, b in zip(shown, records, strict=True)):
            return list(notes), items
        known = self._notes
        new = [
            key
            for key, record in zip(order, records, strict=True)
            if known.get(key, (None,))[0] is not record
        ]
        if new:
            texts = {key: note_text(resolver[key]) for key in new}
            raw = [notes_html([Note(1, key, texts[key])]) for key in new]
            # each item's inside, cleaned together (the same HTML as the list's: nothing in an item depends
            # on another)
            inner = [r[r.index(">", r.index("<li ")) + 1 : r.rindex("</li>")] for r in raw]
            clean = clean_html(_SEP.join(inner), set()).split(_SEP)
            if len(clean) != len(new):
                clean = [clean_html(piece, set()) for piece in inner]
            for key, html in zip(new, clean, strict=True):
                known[key] = (resolver[key], texts[key], html)
        self._notes = kept = {key: known[key] for key in order}
        notes = [Note(n, key, kept[key][1]) for n, key in enumerate(order, 1)]
        items = tuple(kept[key][2] for key in order)
        self._notes_shown = (records, notes, items)
        return list(notes), items

    def _body(
        self,
        brief: BriefRecord,
        model: BriefModel,
        plan: NotePlan,
        images: Callable[[str], Path | None] | None,
    ) -> tuple[list[str], list[str]] | None:
        """The body's clean HTML, one string a top-level block (its last stripped at the end), as templates
        (a placeholder for each note number) and numbered; None when it must be rendered whole."""
        md = self._md
        tree = model.block_tree
        keyed = None
        if tree is not None:  # the model's block tree, its citations as written: not parsed again
            if any(c in model.read_text for c in (TOKEN_OPEN, TOKEN_CLOSE, "\x01")):
                return None  # a token character, or the keys' own separator, in the text itself
            md.reset()
            md.references.update(tree.references)
            md.treeprocessors["abbr"].abbrs.update(tree.abbrs)
            md.htmlStash.rawHtmlBlocks[:] = tree.stash
            md.htmlStash.html_counter = len(tree.stash)
            root = tree.root
            if not len(root) or root.text:
                return None
            restore = restorer(model)
            restore_stash(md, restore)
            keyed = self._keys_as_written(list(root), model, md.htmlStash.rawHtmlBlocks)
        if keyed is None:  # the text parsed here, its citations as tokens
            text = model.parse_text
            groups = len(model._groups)
            if text.count(TOKEN_OPEN) != groups or text.count(TOKEN_CLOSE) != groups:
                return None  # a token character in the text itself
            if "\x01" in text:
                return None  # the keys' own separator in the text
            root = _pm.parse_blocks(md, text)
            if not len(root) or root.text:
                return None
            restore = restorer(model)
            restore_stash(md, restore)
            keyed = self._keys_of_tokens(list(root), model, md.htmlStash.rawHtmlBlocks)
            firsts = None
        else:
            firsts = keyed[2]
        self.reused_tree = firsts is not None
        keys, block_citations = keyed[0], keyed[1]
        elements = list(root)
        mark = default_portion_mark(brief.marking_scheme, brief.default_marking)
        context = (
            mark.portion if mark is not None else None,
            tuple(sorted(md.references.items())),
            tuple(sorted(md.treeprocessors["abbr"].abbrs.items())),
        )
        if context != self._context:
            self._context, self._blocks = context, {}
        numbers, plan_groups = plan.numbers, plan.groups
        blocks = self._blocks
        missing = [i for i, key in enumerate(keys) if key not in blocks]
        if firsts is not None:  # the model's elements copied, their citations made tokens
            stash = md.htmlStash.rawHtmlBlocks
            for i in missing:
                elements[i] = _tokened(elements[i], firsts[i], stash)
        allowed: set[str] = set()
        if missing:
            rendered = self._render(
                [elements[i] for i in missing],
                [block_citations[i] for i in missing],
                md,
                model,
                restore,
                mark,
                images,
                allowed,
            )
            if rendered is None:
                return None
            fresh = dict(zip((keys[i] for i in missing), rendered, strict=True))
        else:
            fresh = {}
        self.rendered_blocks = len(missing)

        found: list[_Block] = []
        pending: list[tuple[int, tuple[object, ...], str, bool]] = []  # place, state, marked HTML, ends
        body: list[str] = []
        # markers are written and cleaned with a placeholder for each note number, put in afterwards: an
        # edit that renumbers the notes changes no block's clean HTML but the numbers in it
        held: Any = {key: _NUMBER_OPEN + key + _NUMBER_CLOSE for key in numbers}
        signs: list[tuple[object, ...]] = []
        follows = False  # a citation just before, only tags since
        for key, cites in zip(keys, block_citations, strict=True):
            block = fresh.get(key) or blocks[key]
            found.append(block)
            local = {n: plan_groups.get(cites[place], []) for n, place in enumerate(block.places)}
            state = (tuple(tuple((k, k in numbers) for k in keys_) for keys_ in local.values()), follows)
            signs.append(
                (state, tuple(numbers.get(k) for keys_ in local.values() for k in keys_)) if local else ()
            )
            done = block.done.get(state)
            if done is None:
                marked, ends = attach_markers(block.html, NotePlan(numbers=held, groups=local), follows)
                pending.append((len(body), state, marked, ends))
                body.append("")
            else:
                body.append(done[0])
                ends = done[1]
            follows = ends
        if sum(b.spent for b in found) > _render_mod.INLINE_BRACKET_TOTAL:
            return None
        self.cleaned_blocks = len(pending)
        if pending:
            clean = clean_html(_SEP.join(p[2] for p in pending), allowed).split(_SEP)
            if len(clean) != len(pending):
                return None
            for (place, starts, _marked, ends), html in zip(pending, clean, strict=True):
                body[place] = html
                found[place].done[starts] = (html, ends)

        self._blocks = {key: found[i] for i, key in enumerate(keys) if not found[i].image}
        templates = body
        if not self._heading_ids(found, templates):
            return None
        templates[0] = templates[0].lstrip()
        templates[-1] = templates[-1].rstrip()
        body = list(templates)
        for place, block in enumerate(found):
            sign = signs[place]
            if not sign:
                continue
            template = templates[place]
            if block.numbered[0] != sign or block.numbered[1] != template:
                block.numbered = (sign, template, numbered(template, numbers))
            body[place] = block.numbered[2]
        return templates, body

    @staticmethod
    def _keys_of_tokens(
        elements: list[ET.Element], model: BriefModel, stash: list[Any]
    ) -> tuple[list[str], list[list[int]], list[int]]:
        """Each top-level block's key (its citations as tokens) and its citation groups in reading order."""
        cited = model.is_citation
        citations: list[int] = []  # the block's citation groups, in reading order

        def token_key(m: re.Match[str]) -> str:
            index = token_index(m)
            if index not in cited:
                return model.group_text(index)
            citations.append(index)
            return f"\x01c{len(m.group())}\x01"  # its keys and their note numbers: in ``done``'s key

        keys: list[str] = []
        block_citations: list[list[int]] = []
        for el in elements:
            citations = []
            block_citations.append(citations)
            out: list[str] = []
            _fingerprint(el, out)
            key = "".join(out)
            if TOKEN_OPEN in key:
                indexes = [(ord(a) - _DIGIT0) * 4096 + ord(b) - _DIGIT0 for a, b in TOKEN_RE.findall(key)]
                if cited.issuperset(indexes):  # all citations (none in code): their indexes out, in C
                    citations.extend(indexes)
                    key = _TOKEN_INDEX_RE.sub(_ANONYMOUS, key)
                else:
                    key = TOKEN_RE.sub(token_key, key)
            if "\x02" in key:
                key = _STASH_RE.sub(lambda m: "\x02" + str(stash[int(m.group(1))]) + "\x03", key)
            keys.append(key)
        return keys, block_citations, []

    @staticmethod
    def _keys_as_written(
        elements: list[ET.Element], model: BriefModel, stash: list[Any]
    ) -> tuple[list[str], list[list[int]], list[int]] | None:
        """Each top-level block's key (its citations as written), its citation groups in reading order and
        the first citation group it holds (citations and brackets in code alike, fenced code's included);
        None when the blocks do not hold every group of the model once (then the text is parsed)."""
        cited = model.is_citation
        keys: list[str] = []
        block_citations: list[list[int]] = []
        firsts: list[int] = []
        at = 0
        for el in elements:
            out: list[str] = []
            _fingerprint(el, out)
            key = "".join(out)
            if "\x02" in key:
                key = _STASH_RE.sub(lambda m: "\x02" + str(stash[int(m.group(1))]) + "\x03", key)
            count = len(GROUP_RE.findall(key)) if "@" in key else 0
            keys.append(key)
            firsts.append(at)
            block_citations.append([i for i in range(at, at + count) if i in cited] if count else [])
            at += count
        if at != len(model._groups):
            return None
        return keys, block_citations, firsts

    def _heading_ids(self, found: list[_Block], body: list[str]) -> bool:
        """Each heading's id made unique over the brief, in reading order, as the ``toc`` step makes it; the
        blocks' HTML given them where they differ from their own slugs. False if the HTML does not hold them."""
        used: set[str] = set()
        counters: dict[str, int] = {}
        unique = toc.unique
        for place, block in enumerate(found):
            if not block.slugs:
                continue
            ids = [unique(slug, used, counters) for slug in block.slugs]
            if ids == list(block.slugs):
                continue
            html = body[place]
            out: list[str] = []
            pos = 0
            matches = list(_HEADING_ID_RE.finditer(html))
            if len(matches) != len(ids):
                return False
            for m, slug, new in zip(matches, block.slugs, ids, strict=True):
                if m.group(1) != slug:
                    return False
                out.append(html[pos : m.start(1)])
                out.append(new)
                pos = m.end(1)
            out.append(html[pos:])
            body[place] = "".join(out)
        return True

    def _render(
        self,
        elements: list[ET.Element],
        citations: list[list[int]],
        md: markdown.Markdown,
        model: BriefModel,
        restore: Callable[[str], str],
        mark: Marking | None,
        images: Callable[[str], Path | None] | None,
        allowed: set[str],
    ) -> list[_Block] | None:
        """``elements`` (top-level blocks of the brief's block tree) rendered together up to their note
        markers; None if the result cannot be cut into them."""
        spent = [restore_texts(el.iter(), restore, total=sys.maxsize) for el in elements]
        root = ET.Element(md.doc_tag)
        root.extend(elements)
        root = _pm.finish_tree(md, root)
        restore_attributes(root, model)
        if mark is not None:
            _default_marks(root, mark)
        image = [any(e.tag == "img" for e in el.iter()) for el in root]
        _safe_tree(root, images, allowed)
        if len(root) != len(elements):
            return None
        slugs = []
        for el in root:
            slugs.append(tuple(h.get("id", "") for h in el.iter() if _HEADING_TAG_RE.fullmatch(h.tag)))
            el.tail = (el.tail or "") + _SEP
        root.text = None
        output = md.serializer(root)
        start, end = output.find(f"<{md.doc_tag}>"), output.rfind(f"</{md.doc_tag}>")
        if start < 0 or end < 0:
            return None
        output = output[start + len(md.doc_tag) + 2 : end]
        for pp in md.postprocessors:
            output = pp.run(output)
        pieces = output.split(_SEP)
        if len(pieces) != len(elements) + 1 or pieces[-1]:
            return None
        out = []
        for piece, slug, cost, has_image, cites in zip(pieces, slugs, spent, image, citations, strict=False):
            order = {group: place for place, group in enumerate(cites)}
            places: list[int] = []

            def localize(m: re.Match[str], order: dict[int, int] = order, places: list[int] = places) -> str:
                places.append(order[token_index(m)])
                return token(len(places) - 1, len(m.group()))

            if TOKEN_OPEN in piece:
                try:
                    piece = TOKEN_RE.sub(localize, piece)
                except KeyError:  # a token that is none of the block's citations
                    return None
            out.append(_Block(piece, tuple(places), slug, cost, has_image, {}))
        return out


def _tokened(el: ET.Element, first: int, stash: list[Any]) -> ET.Element:
    """A copy of ``el`` (a top-level block of the model's tree, never changed) with each citation bracket
    as the token the renderers' parse gives it (``first``: the first group it holds; a fenced code block's
    groups are counted in its stashed code, which its text only points to)."""
    el = copy.deepcopy(el)
    at = first

    def one(m: re.Match[str]) -> str:
        nonlocal at
        if m.group(1) is not None:  # a fenced code block's placeholder: its groups stay in the stash
            at += len(GROUP_RE.findall(str(stash[int(m.group(1))])))
            return m.group()
        done = token(at, len(m.group()))
        at += 1
        return done

    def convert(value: str | None) -> str | None:
        if not value or ("@" not in value and "\x02" not in value):
            return value
        new = _GROUP_OR_STASH_RE.sub(one, value)
        return AtomicString(new) if isinstance(value, AtomicString) else new

    def walk(node: ET.Element) -> None:  # in reading order, as ``_fingerprint`` reads the texts
        node.text = convert(node.text)
        for child in node:
            walk(child)
            child.tail = convert(child.tail)

    walk(el)
    el.tail = convert(el.tail)
    return el
