"""Hidden directional formatting: characters that make text read differently from how it is stored.

U+202A-202E (embeddings and overrides) and U+2066-2069 (isolates) reorder the text around them; in a brief, a
cited source's title or a claim's words they can make "1234" show as "4321" or hide a word's real order. The
editor shows them and the exports print them as tags (``[U+202E RLO]``); this rule names each place.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from app.brief_model.text import BIDI_RE, visible_bidi
from app.checks.context import CheckContext
from app.checks.model import Finding, Fix, FixKind, Severity

W = Severity.WARNING


def _name(ch: str) -> str:
    return visible_bidi(ch).strip("[]")


def _bidi_in_record(ctx: CheckContext, kind: str, ident: int) -> re.Match[str] | None:
    """The first directional character in a cited claim's or source's text and titles, or None."""
    fields: tuple[str, ...]
    if kind == "claim":
        claim = ctx.claims.get(ident)
        if claim is None:
            return None
        fields = (claim.quote, claim.statement, claim.source_title, claim.source_outlet, claim.actor_name)
    else:
        source = ctx.sources.get(ident)
        if source is None:
            return None
        fields = (source.title, source.outlet, source.authors)
    return next((m for f in fields if f and (m := _search(f)) is not None), None)


def _search(text: str) -> re.Match[str] | None:
    """The first directional character in ``text`` (an ASCII text, which holds none, is not scanned: Python
    knows a string is ASCII without reading it)."""
    return None if text.isascii() else BIDI_RE.search(text)


def no_hidden_direction_marks(ctx: CheckContext) -> Iterator[Finding]:
    """No directional formatting character in the brief, or in what it cites, unless the analyst sees it."""
    body = ctx.body
    if _search(body) is not None:
        # one finding for each portion (or line) holding any: its characters named, one fix removing them
        places: dict[tuple[int, int], list[re.Match[str]]] = {}
        for m in BIDI_RE.finditer(body):
            block = ctx.doc.block_at(m.start())
            if block is not None:
                where = (block.start, block.end)
            else:
                line_start = body.rfind("\n", 0, m.start()) + 1
                where = (line_start, line_start)
            places.setdefault(where, []).append(m)
        for found in places.values():
            start, end = found[0].start(), found[-1].end()
            names = ", ".join(dict.fromkeys(_name(m.group()) for m in found))
            what = (
                "A directional formatting character"
                if len(found) == 1
                else f"{len(found)} directional formatting characters"
            )
            yield ctx.finding(
                "bidi",
                W,
                f"{what} ({names}) can make the text around it read differently from how it is stored; the "
                "exports print each as a tag. Remove them unless they are meant.",
                start,
                end,
                section=ctx.section_of(ctx.doc.block_at(start)),
                fixes=(
                    Fix("Remove them", FixKind.REPLACE_TEXT, start, end, BIDI_RE.sub("", body[start:end])),
                ),
            )
    in_title = _search(ctx.brief.title)
    if in_title is not None:
        yield ctx.finding(
            "bidi",
            W,
            f"The brief's title holds a directional formatting character ({_name(in_title.group())}).",
            0,
            0,
            where="brief",
        )
    # each cited record looked at once, however often cited; the citations walked only if one holds any
    hits = {key: _bidi_in_record(ctx, *key) for key in {(c.kind, c.ident) for c in ctx.doc.citations}}
    if not any(hits.values()):
        return
    for c in ctx.doc.citations:
        hit = hits[(c.kind, c.ident)]
        if hit is not None:
            yield ctx.finding(
                "bidi",
                W,
                f"{c.key} holds a directional formatting character ({_name(hit.group())}) in its text or its "
                "source's title; the notes print it as a tag.",
                c.start,
                c.end,
                section=ctx.section_of(c.block),
                claim_ids=(c.ident,) if c.kind == "claim" else (),
            )
