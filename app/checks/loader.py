"""Loading a CheckContext from a library in a few queries (claims and their links in batches of 500)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from sqlalchemy import or_, select

from app.checks.context import CheckContext
from app.checks.model import CheckSettings
from app.checks.structure import Document
from app.claims import claim_select, link_record, row_to_record
from app.domain import ClaimRecord, ClaimWithLinks, LinkedClaim
from app.storage.models import Claim, ClaimLink

if TYPE_CHECKING:
    from app.library import Library

BATCH = 500
_INCOMING = {"denies": "denials", "corroborates": "corroborations", "qualifies": "qualifications"}


def claims_with_links(
    lib: Library, ids: list[int]
) -> tuple[dict[int, ClaimRecord], dict[int, ClaimWithLinks]]:
    """The claims ``ids`` (those that exist) and, for each, its links with the linked claims."""
    ids = list(dict.fromkeys(ids))
    claims: dict[int, ClaimRecord] = {}
    others: dict[int, ClaimRecord] = {}
    links = []
    with lib.reading() as s:
        for n in range(0, len(ids), BATCH):
            chunk = ids[n : n + BATCH]
            for row in s.execute(claim_select().where(Claim.id.in_(chunk))):
                claims[row.id] = row_to_record(row)
            links.extend(
                s.scalars(
                    select(ClaimLink)
                    .where(or_(ClaimLink.to_claim_id.in_(chunk), ClaimLink.from_claim_id.in_(chunk)))
                    .order_by(ClaimLink.id)
                ).all()
            )
        need = list({x for ln in links for x in (ln.from_claim_id, ln.to_claim_id)} - claims.keys())
        for n in range(0, len(need), BATCH):
            for row in s.execute(claim_select().where(Claim.id.in_(need[n : n + BATCH]))):
                others[row.id] = row_to_record(row)
    every = {**others, **claims}
    groups: dict[int, dict[str, list[LinkedClaim]]] = {
        i: {
            k: []
            for k in ("denials", "corroborations", "qualifications", "denies", "corroborates", "qualifies")
        }
        for i in claims
    }
    seen: set[int] = set()
    for ln in links:
        if ln.id in seen:
            continue
        seen.add(ln.id)
        rec = link_record(ln)
        if ln.to_claim_id in groups:
            groups[ln.to_claim_id][_INCOMING[ln.kind]].append(LinkedClaim(rec, every[ln.from_claim_id]))
        if ln.from_claim_id in groups:
            groups[ln.from_claim_id][ln.kind].append(LinkedClaim(rec, every[ln.to_claim_id]))
    out = {}
    for i, g in groups.items():
        for v in g.values():
            v.sort(key=lambda lc: (lc.claim.said or dt.date.min, lc.claim.id))
        out[i] = ClaimWithLinks(claim=claims[i], **{k: tuple(v) for k, v in g.items()})
    return claims, out


def load_context(
    lib: Library, brief_id: int, *, body: str | None = None, settings: CheckSettings | None = None
) -> CheckContext:
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
