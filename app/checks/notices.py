"""Where-cited propagation: what has changed, since the brief was written, about the claims it cites.

``notices(lib, brief_id)`` lists, for the brief's stored body, each cited claim that is retracted or
disputed, has gained a denial since the brief was last updated, or has a denial on file that the brief does
not cite (and no waiver covers). Each notice names the claim and the sections citing it.
``notices_for_claim(lib, claim_id)`` gives the notices about one claim in every brief citing it (to show
after a claim is edited, linked or retracted).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from app.brief_model import parse_brief
from app.domain import ClaimStatus

if TYPE_CHECKING:
    from collections.abc import Mapping

    from app.brief_model import BriefModel, Citation
    from app.checks.context import CheckContext
    from app.domain import BriefRecord, ClaimWithLinks, WaiverRecord
    from app.library import Library


@dataclass(frozen=True, slots=True)
class Notice:
    brief_id: int
    claim_id: int
    kind: str  # "retracted" | "disputed" | "new_denial" | "denial_not_cited"
    message: str
    sections: tuple[str, ...]  # sections of the brief citing the claim, in order, each once
    lines: tuple[int, ...]  # lines citing it
    denial_ids: tuple[int, ...] = ()


def notices(lib: Library, brief_id: int) -> list[Notice]:
    brief = lib.briefs.get(brief_id)
    places = _places(parse_brief(brief.body))
    if not places:
        return []
    links = lib.claims.with_links_many(places)
    waivers = {w.claim_id: w for w in lib.briefs.waivers(brief_id)}
    return _notices(brief, places, links, waivers)


def notices_in(ctx: CheckContext) -> list[Notice]:
    """The notices of :func:`notices` from what the checks have just read (``load_context``: the brief, its
    cited claims with their links, its waivers), without reading them again. For the stored body, the
    context of ``load_context(lib, brief_id)`` gives the same notices as ``notices(lib, brief_id)``."""
    places = _places(ctx.doc)
    return _notices(ctx.brief, places, ctx.links, ctx.waivers) if places else []


def _places(doc: BriefModel) -> dict[int, list[Citation]]:
    """Each cited claim's citations, by claim id in order of first citation."""
    places: dict[int, list[Citation]] = {}
    for c in doc.citations:
        if c.kind == "claim":
            places.setdefault(c.ident, []).append(c)
    return places


def _notices(
    brief: BriefRecord,
    places: dict[int, list[Citation]],
    links: Mapping[int, ClaimWithLinks],
    waivers: Mapping[int, WaiverRecord],
) -> list[Notice]:
    brief_id = brief.id
    cited = set(places)
    claims = {i: view.claim for i, view in links.items()}
    out: list[Notice] = []
    for cid, cites in places.items():
        claim = claims.get(cid)
        if claim is None:
            continue
        sections = tuple(dict.fromkeys(_clean(c.section) for c in cites))
        lines = tuple(dict.fromkeys(c.line for c in cites))
        where = ", ".join(f"'{s}'" for s in sections if s) or "the brief"
        who = f"c{cid}" + (
            f" ({claim.actor_name or claim.source_outlet})" if claim.actor_name or claim.source_outlet else ""
        )
        if claim.status is ClaimStatus.RETRACTED:
            out.append(
                Notice(
                    brief_id,
                    cid,
                    "retracted",
                    f"{who}, cited in {where}, has been retracted.",
                    sections,
                    lines,
                )
            )
        elif claim.status is ClaimStatus.DISPUTED:
            out.append(
                Notice(
                    brief_id, cid, "disputed", f"{who}, cited in {where}, is now disputed.", sections, lines
                )
            )
        cwl = links.get(cid)
        if cwl is None:
            continue
        open_denials = [d for d in cwl.denials if d.claim.status is not ClaimStatus.RETRACTED]
        waiver = waivers.get(cid)
        new = [
            d
            for d in open_denials
            if d.link.created > brief.updated and (waiver is None or d.link.created > waiver.created)
        ]
        if new:
            ids = tuple(d.claim.id for d in new)
            out.append(
                Notice(
                    brief_id,
                    cid,
                    "new_denial",
                    f"{who}, cited in {where}, has been denied since the brief was last saved ("
                    + ", ".join(f"c{i}" for i in ids)
                    + ").",
                    sections,
                    lines,
                    ids,
                )
            )
        uncited = [d for d in open_denials if d.claim.id not in cited and d not in new]
        if uncited and waiver is None:
            ids = tuple(d.claim.id for d in uncited)
            out.append(
                Notice(
                    brief_id,
                    cid,
                    "denial_not_cited",
                    f"{who}, cited in {where}, has a denial on file that the brief does not cite ("
                    + ", ".join(f"c{i}" for i in ids)
                    + ").",
                    sections,
                    lines,
                    ids,
                )
            )
    return out


def notices_for_claim(lib: Library, claim_id: int) -> list[Notice]:
    """The notices about ``claim_id`` in every brief that cites it."""
    briefs = sorted({w.brief_id for w in lib.briefs.where_cited(claim_id)})
    return [n for b in briefs for n in notices(lib, b) if n.claim_id == claim_id]


def _clean(section: str) -> str:
    from app.markings import split_portion_mark

    return split_portion_mark(section)[1].strip()
