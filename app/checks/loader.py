"""Loading a CheckContext from a library in a few queries (claims and their links in batches of 500)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import or_, select

from app.checks.context import CheckContext
from app.checks.model import CheckSettings
from app.checks.structure import Document
from app.claims import link_record
from app.domain import BriefRecord, ClaimRecord, ClaimStatus, ClaimWithLinks, LinkedClaim, SourceKind
from app.storage.models import Actor, Claim, ClaimLink, Source

if TYPE_CHECKING:
    from app.library import Library

BATCH = 500
_GROUPS = ("denials", "corroborations", "qualifications", "denies", "corroborates", "qualifies")
_INCOMING = {"denies": "denials", "corroborates": "corroborations", "qualifies": "qualifications"}


# The claim columns the checks need: as app.claims.CLAIM_COLUMNS without the per-row subqueries for tags and
# link counts (the counts are taken from the links loaded anyway; tags are not needed).
_COLUMNS = (
    Claim.id,
    Claim.source_id,
    Source.title,
    Source.outlet,
    Source.kind,
    Source.published,
    Source.reliability,
    Claim.actor_id,
    Actor.name,
    Actor.role,
    Actor.affiliation,
    Claim.statement,
    Claim.quote,
    Claim.span_start,
    Claim.span_end,
    Claim.said,
    Claim.credibility,
    Claim.status,
    Claim.notes,
    Claim.created,
    Claim.updated,
    Source.url,
    Source.accessed,
    Claim.uuid,
    Claim.version,
    Claim.created_by,
    Claim.updated_by,
)
_KINDS = {k.value: k for k in SourceKind}
_STATUSES = {s.value: s for s in ClaimStatus}


def _select():
    return (
        select(*_COLUMNS)
        .join(Source, Source.id == Claim.source_id)
        .outerjoin(Actor, Actor.id == Claim.actor_id)
    )


def _record(r, counts: dict[int, list[int]]) -> ClaimRecord:
    d, c = counts.get(r[0], (0, 0))
    return ClaimRecord(
        r[0],
        r[1],
        r[2],
        r[3],
        _KINDS[r[4]],
        r[5],
        r[6],
        r[7],
        r[8] or "",
        r[9] or "",
        r[10] or "",
        r[11],
        r[12],
        r[13],
        r[14],
        r[15],
        r[16],
        _STATUSES[r[17]],
        (),
        r[18],
        r[19],
        r[20],
        d,
        c,
        r[21] or "",
        r[22],
        r[23] or "",
        r[24],
        r[25],
        r[26],
    )


def claims_with_links(
    lib: Library, ids: list[int]
) -> tuple[dict[int, ClaimRecord], dict[int, ClaimWithLinks]]:
    """The claims ``ids`` (those that exist) and, for each, its links with the linked claims."""
    ids = list(dict.fromkeys(ids))
    rows: dict[int, tuple] = {}
    links = []
    with lib.reading() as s:
        conn = s.connection()
        for n in range(0, len(ids), BATCH):
            chunk = ids[n : n + BATCH]
            for row in conn.execute(_select().where(Claim.id.in_(chunk))):
                rows[row[0]] = row
            links.extend(
                conn.execute(
                    select(
                        ClaimLink.id,
                        ClaimLink.kind,
                        ClaimLink.from_claim_id,
                        ClaimLink.to_claim_id,
                        ClaimLink.note,
                        ClaimLink.created,
                        ClaimLink.updated,
                        ClaimLink.uuid,
                        ClaimLink.version,
                        ClaimLink.created_by,
                        ClaimLink.updated_by,
                    ).where(or_(ClaimLink.to_claim_id.in_(chunk), ClaimLink.from_claim_id.in_(chunk)))
                )
            )
        unique = {ln.id: ln for ln in links}
        links = sorted(unique.values(), key=lambda ln: ln.id)
        need = list({x for ln in links for x in (ln.from_claim_id, ln.to_claim_id)} - rows.keys())
        other_rows = []
        for n in range(0, len(need), BATCH):
            other_rows.extend(conn.execute(_select().where(Claim.id.in_(need[n : n + BATCH]))))
        # link counts of the linked claims too (their own denials matter little; counted from one query)
        count_rows = []
        if need:
            for n in range(0, len(need), BATCH):
                chunk = need[n : n + BATCH]
                count_rows.extend(
                    conn.execute(
                        select(ClaimLink.to_claim_id, ClaimLink.kind).where(ClaimLink.to_claim_id.in_(chunk))
                    )
                )
    counts: dict[int, list[int]] = {}
    for ln in links:
        if ln.to_claim_id in rows:
            entry = counts.setdefault(ln.to_claim_id, [0, 0])
            if ln.kind == "denies":
                entry[0] += 1
            elif ln.kind == "corroborates":
                entry[1] += 1
    for to_id, kind in count_rows:
        entry = counts.setdefault(to_id, [0, 0])
        if kind == "denies":
            entry[0] += 1
        elif kind == "corroborates":
            entry[1] += 1
    claims = {i: _record(r, counts) for i, r in rows.items()}
    others = {r[0]: _record(r, counts) for r in other_rows}
    every = {**others, **claims}
    groups: dict[int, dict[str, list[LinkedClaim]]] = {}

    def group(i: int) -> dict[str, list[LinkedClaim]]:
        g = groups.get(i)
        if g is None:
            g = groups[i] = {k: [] for k in _GROUPS}
        return g

    for ln in links:
        rec = link_record(ln)
        if ln.to_claim_id in claims:
            group(ln.to_claim_id)[_INCOMING[ln.kind]].append(LinkedClaim(rec, every[ln.from_claim_id]))
        if ln.from_claim_id in claims:
            group(ln.from_claim_id)[ln.kind].append(LinkedClaim(rec, every[ln.to_claim_id]))
    out = {}
    for i, claim in claims.items():
        g = groups.get(i)
        if g is None:
            out[i] = ClaimWithLinks(claim=claim)
            continue
        for v in g.values():
            v.sort(key=lambda lc: (lc.claim.said or dt.date.min, lc.claim.id))
        out[i] = ClaimWithLinks(claim=claim, **{k: tuple(v) for k, v in g.items()})
    return claims, out


def load_context(
    lib: Library,
    brief_id: int,
    *,
    body: str | None = None,
    settings: CheckSettings | None = None,
    brief: BriefRecord | None = None,
) -> CheckContext:
    """What the rules read for brief ``brief_id`` (``brief``: its record, when the caller has just read it)."""
    if brief is None or brief.id != brief_id:
        brief = lib.briefs.get(brief_id)
    if body is not None and body != brief.body:
        brief = dataclasses.replace(brief, body=body)
    doc = Document(brief.body)
    claim_ids = [c.ident for c in doc.citations if c.kind == "claim"]
    source_ids = list({c.ident for c in doc.citations if c.kind == "source"})
    claims, links = claims_with_links(lib, claim_ids)
    sources = lib.sources.get_many(source_ids) if source_ids else {}
    waivers = {w.claim_id: w for w in lib.briefs.waivers(brief_id)}
    ctx = CheckContext(brief, claims, links, sources, waivers, settings or CheckSettings())
    ctx.doc = doc  # parsed once  # type: ignore[misc]
    return ctx
