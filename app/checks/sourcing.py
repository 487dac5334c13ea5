"""Rules about what the brief cites: balance, retracted, T5, T6, T7, circular, stale (T9, the source summary,
is app.checks.summary; uncited is app.checks.uncited)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import TYPE_CHECKING

from app._text import counted
from app.brief_model import Block, Citation
from app.checks.context import CheckContext
from app.checks.model import Finding, Fix, FixKind, Severity
from app.domain import ADMIRALTY_RE, RELIABILITY_GRADES, ClaimStatus

if TYPE_CHECKING:
    from app.checks.report import Endnote

E, W = Severity.ERROR, Severity.WARNING


def _removal(ctx: CheckContext, c: Citation) -> Fix:
    """Remove one key from its bracket, or the whole bracket (and the space before it) if it is alone."""
    body = ctx.body
    group = body[c.group_start : c.group_end]
    keys = list(re.finditer(r"@[cs]\d+", group))
    if len(keys) <= 1:
        start = c.group_start
        while start > 0 and body[start - 1] in " \t":
            start -= 1
        return Fix(f"Remove the citation of {c.key}", FixKind.REPLACE_TEXT, start, c.group_end, "")
    # drop the key and the separator that joins it to its neighbour
    m = re.compile(r"\s*[;,]\s*" + re.escape("@" + c.key) + r"\b|" + re.escape("@" + c.key) + r"\s*[;,]\s*")
    km = m.search(body, c.group_start, c.group_end)
    if km is None:
        return Fix(f"Remove the citation of {c.key}", FixKind.REPLACE_TEXT, c.start, c.end, "")
    return Fix(f"Remove the citation of {c.key}", FixKind.REPLACE_TEXT, km.start(), km.end(), "")


# --- balance ----------------------------------------------------------------------------------------
def denials_cited_beside_claims(ctx: CheckContext) -> Iterator[Finding]:
    """A cited claim with an open denial needs one of its denials cited in the same section (the nearest
    heading above), or a waiver recorded for this brief with its reason."""
    doc = ctx.doc
    by_section: dict[int, set[int]] = {}
    firsts: dict[tuple[int, int], tuple[Citation, Block | None]] = {}
    for c in doc.citations:
        if c.kind != "claim":
            continue
        block = c.block
        sec = block.heading if block is not None else -1
        by_section.setdefault(sec, set()).add(c.ident)
        firsts.setdefault((sec, c.ident), (c, block))
    for (sec, cid), (c, block) in firsts.items():
        if cid in ctx.waivers or cid not in ctx.claims:
            continue
        denials = ctx.open_denials(cid)
        if not denials or any(d.claim.id in by_section[sec] for d in denials):
            continue
        claim = ctx.claims[cid]
        section = ctx.section_of(block)
        names = ", ".join(ctx.label(d.claim) for d in denials[:3])
        where = f"the section '{section}'" if section else "this part of the brief"
        fixes = []
        for d in denials[:3]:
            who = d.claim.actor_name or d.claim.source_outlet or d.claim.source_title or "A source"
            at = block.end if block is not None else c.group_end
            fixes.append(
                Fix(
                    f"Cite the denial c{d.claim.id} ({who})",
                    FixKind.INSERT_TEXT,
                    at,
                    at,
                    f" {who} denied this [@c{d.claim.id}].",
                    claim_id=d.claim.id,
                )
            )
        fixes.append(
            Fix(
                f"Waive: record why the denial of c{cid} is not presented",
                FixKind.ADD_WAIVER,
                claim_id=cid,
                needs="reason",
            )
        )
        yield ctx.finding(
            "balance",
            E,
            f"{ctx.label(claim)} is denied by {names}, but no denial is cited in {where}; cite one, or "
            "record a waiver with the reason.",
            c.group_start,
            c.group_end,
            section=section,
            claim_ids=(cid, *(d.claim.id for d in denials)),
            fixes=tuple(fixes),
        )


# --- retracted --------------------------------------------------------------------------------------
def no_retracted_claims(ctx: CheckContext) -> Iterator[Finding]:
    for c in ctx.doc.citations:
        claim = ctx.claims.get(c.ident) if c.kind == "claim" else None
        if claim is None or claim.status is not ClaimStatus.RETRACTED:
            continue
        block = ctx.doc.block_at(c.start)
        yield ctx.finding(
            "retracted",
            E,
            f"{ctx.label(claim)} has been retracted; a brief must not rest on it.",
            c.start - 1,
            c.end,
            section=ctx.section_of(block),
            claim_ids=(c.ident,),
            fixes=(_removal(ctx, c),),
        )


# --- T5 ---------------------------------------------------------------------------------------------
def citations_resolve_to_graded_records(ctx: CheckContext) -> Iterator[Finding]:
    """Every cited claim resolves to a source with a valid Admiralty grade; every cited source exists."""
    seen: set[str] = set()
    for c in ctx.doc.citations:
        if c.key in seen:
            continue
        seen.add(c.key)
        block = ctx.doc.block_at(c.start)
        section = ctx.section_of(block)
        if c.kind == "claim":
            claim = ctx.claims.get(c.ident)
            if claim is None:
                yield ctx.finding(
                    "T5",
                    E,
                    f"c{c.ident} is not a claim in the library (deleted, or mistyped).",
                    c.start - 1,
                    c.end,
                    section=section,
                    claim_ids=(c.ident,),
                    fixes=(_removal(ctx, c),),
                )
            elif not ADMIRALTY_RE.match(claim.grade):
                yield ctx.finding(
                    "T5",
                    E,
                    f"c{c.ident} has no valid Admiralty grade ('{claim.grade}'); grade "
                    "its source A-F and the claim 1-6.",
                    c.start - 1,
                    c.end,
                    section=section,
                    claim_ids=(c.ident,),
                )
        else:
            src = ctx.sources.get(c.ident)
            if src is None:
                yield ctx.finding(
                    "T5",
                    E,
                    f"s{c.ident} is not a source in the library (deleted, or mistyped).",
                    c.start - 1,
                    c.end,
                    section=section,
                    fixes=(_removal(ctx, c),),
                )
            elif len(src.reliability) != 1 or src.reliability not in RELIABILITY_GRADES:
                yield ctx.finding(
                    "T5",
                    E,
                    f"s{c.ident} has no valid reliability grade ('{src.reliability}').",
                    c.start - 1,
                    c.end,
                    section=section,
                )


# --- T6 ---------------------------------------------------------------------------------------------
def confidence_within_ceiling(ctx: CheckContext) -> Iterator[Finding]:
    """High confidence is refused where the cited support does not allow it (see CheckContext.ceiling)."""
    for j in ctx.judgments:
        for level, start, end in j.confidence:
            if LEVEL_RANK[level] <= LEVEL_RANK[j.ceiling]:
                continue
            severity = E if level == "high" else W
            word = ctx.body[start:end]
            repl = j.ceiling.capitalize() if word[:1].isupper() else j.ceiling
            yield ctx.finding(
                "T6",
                severity,
                f"Key judgment {j.index} states {level} confidence, but its sources allow at most {j.ceiling}: "
                + "; ".join(j.reasons)
                + ".",
                start,
                end,
                section=ctx.section_of(j.block),
                claim_ids=j.claim_ids,
                fixes=(Fix(f"Say {j.ceiling} confidence", FixKind.REPLACE_TEXT, start, end, repl),),
            )


LEVEL_RANK = {"low": 0, "moderate": 1, "high": 2}


# --- T7 ---------------------------------------------------------------------------------------------
FOOTNOTE_RE = re.compile(r"\[\^[^\]\s]+\](?!:)|\^\[")
NOTES_TITLE_RE = re.compile(r"^(?:end\s*notes?|notes|references)$", re.I)
NOTE_KEY_RE = re.compile(r"(?<![\w@])@?([cs]\d+)\b")


def endnotes(ctx: CheckContext) -> list[Endnote]:
    """One note per cited key, numbered in order of first citation; a key cited again reuses its note."""
    from app.checks.report import Endnote  # the report's (an export builds none)

    first: dict[str, Citation] = {}
    uses: Counter[str] = Counter()
    for c in ctx.doc.citations:
        first.setdefault(c.key, c)
        uses[c.key] += 1
    return [Endnote(n, key, uses[key], c.line, c.column) for n, (key, c) in enumerate(first.items(), 1)]


def endnotes_in_citation_order(ctx: CheckContext) -> Iterator[Finding]:
    """Endnotes follow the order of first citation and a key cited twice reuses its note. The export
    numbers notes that way from the citations; what can break it is in the body: hand-written footnotes
    (numbered apart from the citation notes), a key repeated in one bracket, and a hand-written endnote list
    that disagrees with the numbering."""
    doc = ctx.doc
    text = doc.scrubbed
    if "^" in text:
        for m in FOOTNOTE_RE.finditer(text):
            shown = m.group(0) if m.group(0) != "^[" else "^[...]"
            yield ctx.finding(
                "T7",
                E,
                f"The hand-written footnote {shown} is numbered apart from the "
                "citation endnotes, so the notes would not follow the order of first citation; "
                "cite a claim or source instead.",
                m.start(),
                m.end(),
                section=ctx.section_of(doc.block_at(m.start())),
            )
    groups: dict[int, list[Citation]] = {}
    for c in doc.citations:
        groups.setdefault(c.group_start, []).append(c)
    for cites in groups.values():
        seen: set[str] = set()
        for c in cites:
            if c.key in seen:
                yield ctx.finding(
                    "T7",
                    W,
                    f"{c.key} is cited twice in one bracket; it needs one note.",
                    c.start,
                    c.end,
                    section=ctx.section_of(doc.block_at(c.start)),
                    fixes=(_removal(ctx, c),),
                )
            seen.add(c.key)
    notes = None
    for h in doc.find_sections(NOTES_TITLE_RE):
        start, end = doc.section_range(h)
        entries = [b for b in doc.blocks_in(start, end) if b.kind in ("list_item", "paragraph")]
        if not entries:
            continue
        notes = notes if notes is not None else endnotes(ctx)
        keyed = [(b, NOTE_KEY_RE.search(text, b.text_start, b.end)) for b in entries]
        if not any(k for _, k in keyed):
            yield ctx.finding(
                "T7",
                W,
                f"The section '{h.title}' is written by hand and names no claim or "
                "source, so its numbering cannot be checked; the export writes the endnotes "
                "from the citations.",
                entries[0].start,
                entries[-1].end,
                section=h.title,
            )
            continue
        if len(entries) != len(notes):
            yield ctx.finding(
                "T7",
                E,
                f"The section '{h.title}' lists {counted(len(entries), 'note')}, but the brief "
                f"cites {counted(len(notes), 'claim or source', 'claims and sources')} (one note each).",
                entries[0].start,
                entries[-1].end,
                section=h.title,
            )
        for n, (_block, km) in enumerate(keyed, 1):
            if km is None or n > len(notes):
                continue
            if km.group(1) != notes[n - 1].key:
                yield ctx.finding(
                    "T7",
                    E,
                    f"Note {n} names {km.group(1)}, but by order of first citation "
                    f"note {n} is {notes[n - 1].key}.",
                    km.start(),
                    km.end(),
                    section=h.title,
                )


# --- circular ---------------------------------------------------------------------------------------
def _names(ctx: CheckContext, ids: list[int]) -> str:
    labels = [f"c{i} ({ctx.claims[i].source_outlet or ctx.claims[i].source_title})" for i in ids]
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def no_circular_reporting(ctx: CheckContext) -> Iterator[Finding]:
    """One statement counted as corroboration of itself (app.provenance):

    - claims cited together that are one statement passed on (they end at one origin, however many
      reports and rewrites apart, or repeat one speaker's words in two outlets): an error when they are all a
      key judgment cites (its only support is one origin counted twice), a warning elsewhere;
    - a cited claim marked corroborated whose every corroboration on file is not independent of it (shares
      its origin, speaker or source): a warning.
    Each message shows the chain."""
    doc = ctx.doc
    g = ctx.graph
    traced = {i for i in ctx.cited_claim_ids if g.came_from_elsewhere(i)}
    reported: set[frozenset[int]] = set()
    # each key judgment (with the items nested under it) as one, then every other paragraph or item
    in_kj = {b.start for j in ctx.judgments for b in doc.blocks_in(j.block.start, j.block.end)}
    units = [(j.block, j) for j in ctx.judgments] + [(b, None) for b in doc.blocks if b.start not in in_kj]
    for block, j in units:
        if len(block.citations) < 2:  # most paragraphs cite one claim or none: nothing to repeat
            continue
        ids = list(
            dict.fromkeys(c.ident for c in block.citations if c.kind == "claim" and c.ident in ctx.claims)
        )
        if len(ids) < 2:
            continue
        # Repeats need one origin twice, or one speaker twice (or someone unnamed): most paragraphs have
        # neither and are passed at once.
        speakers = [ctx.claims[i].actor_id for i in ids]
        if None not in speakers and len(set(speakers)) == len(speakers):
            # claims that came from nowhere else each end at themselves: only a traced one can meet another
            if traced.isdisjoint(ids):
                continue
            places: set[tuple[str, int]] = set()
            shared = False
            for i in ids:
                mine = g.origin_ids(i) if i in g.facts.claims else frozenset()
                if places & mine:
                    shared = True
                    break
                places |= mine
            if not shared:
                continue
        parent = {i: i for i in ids}

        def find(i: int, parent: dict[int, int] = parent) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        for n, a in enumerate(ids):
            for b in ids[n + 1 :]:
                if find(a) != find(b) and ctx.repeats(ctx.claims[a], ctx.claims[b]):
                    parent[find(b)] = find(a)
        groups: dict[int, list[int]] = {}
        for i in ids:
            groups.setdefault(find(i), []).append(i)
        for group in groups.values():
            key = frozenset(group)
            if len(group) < 2 or key in reported:
                continue
            reported.add(key)
            origin = ctx.origin_label(group)
            chains = ctx.chains(group)
            how = f" ({chains})" if chains else ""
            first = next(c for c in block.citations if c.kind == "claim" and c.ident == group[1])
            if j is not None and len(groups) == 1:
                message = (
                    f"Key judgment {j.index} rests only on {_names(ctx, group)}, and they are one statement "
                    f"from one origin, {origin}{how}: one origin counted {len(group)} times, not "
                    "corroboration. Find independent support, or cite the origin alone."
                )
                severity = E
            else:
                message = (
                    f"{_names(ctx, group)} are one statement from one origin, {origin}{how}: cited together "
                    "they count one origin twice, not corroboration."
                )
                severity = W
            yield ctx.finding(
                "circular",
                severity,
                message,
                first.start - 1,
                first.end,
                section=ctx.section_of(block),
                claim_ids=tuple(group),
            )
    for cid in ctx.cited_claim_ids:
        claim = ctx.claims.get(cid)
        cwl = ctx.links.get(cid)
        if claim is None or cwl is None or claim.status is not ClaimStatus.CORROBORATED:
            continue
        if not cwl.corroborations or any(ctx.independent(claim, lc.claim) for lc in cwl.corroborations):
            continue
        c = next(c for c in doc.citations if c.kind == "claim" and c.ident == cid)
        others = [lc.claim.id for lc in cwl.corroborations]
        group = [cid, *others]
        chains = ctx.chains(group)
        yield ctx.finding(
            "circular",
            W,
            f"c{cid} is marked corroborated, but its corroboration ({', '.join(f'c{i}' for i in others)}) is "
            f"not independent of it: both come down to {ctx.origin_label(group)}"
            + (f" ({chains})" if chains else "")
            + ". Circular reporting is not corroboration.",
            c.start - 1,
            c.end,
            section=ctx.section_of(doc.block_at(c.start)),
            claim_ids=tuple(group),
        )


# --- stale ------------------------------------------------------------------------------------------
def no_stale_sources(ctx: CheckContext) -> Iterator[Finding]:
    """A claim supporting a key judgment that was said (or, when the date said is not known, whose source was
    published) longer ago than ``settings.stale_after_days``: a fresh article quoting an old statement is as
    old as the statement."""
    today = ctx.settings.reference_date()
    limit = ctx.settings.stale_after_days
    for j in ctx.judgments:
        for cid in j.claim_ids:
            claim = ctx.claims.get(cid)
            if claim is None:
                continue
            when = claim.said or claim.source_published
            if when is None or (today - when).days <= limit:
                continue
            dated = (
                f"said on {when.isoformat()}"
                if claim.said
                else f"published {when.isoformat()} (no date said)"
            )
            c = next(c for c in j.block.citations if c.ident == cid and c.kind == "claim")
            yield ctx.finding(
                "stale",
                W,
                f"Key judgment {j.index} rests on {ctx.label(claim)}, {dated}: "
                f"{(today - when).days} days old (the limit is {limit}). Check that it still holds.",
                c.start - 1,
                c.end,
                section=ctx.section_of(j.block),
                claim_ids=(cid,),
            )
