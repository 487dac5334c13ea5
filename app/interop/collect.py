"""What an interop export carries, read from the library once: the claims (cited ones first, in the order the
brief first cites them, then the claims linked to them, so that every link of a cited claim has both ends),
their links, sources and actors, the brief's marking, and the ids records were imported under."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, TypeVar

from app.citations import cited_claim_ids, cited_source_ids, parse_citations
from app.domain import BriefRecord, ClaimRecord, ClaimWithLinks, LinkRecord, MarkingScheme, SourceRecord
from app.domain_lists import ActorRecord, Page
from app.errors import ExportError, NotFoundError
from app.markings import Marking, highest, parse_mark

if TYPE_CHECKING:
    from app.brief_model import BriefModel
    from app.checks.context import CheckContext
    from app.library import Library


class _Identified(Protocol):
    @property
    def id(self) -> int: ...


_R = TypeVar("_R", bound=_Identified)

# One library export holds at most this many claims or sources (bounded memory and file size; a larger
# selection is refused with a hint to narrow it).
MAX_RECORDS = 20_000


@dataclass
class Material:
    brief: BriefRecord | None
    claims: dict[int, ClaimRecord]  # every claim written: cited (or selected) and linked
    cited: list[int]  # the cited (or selected) claims, in order
    links: list[LinkRecord]  # links whose both ends are in ``claims``
    sources: dict[int, SourceRecord]
    actors: dict[int, ActorRecord]
    marking: Marking | None = None
    imported: dict[str, dict[int, str]] = field(default_factory=dict)  # kind -> record id -> id it came with
    context: CheckContext | None = None  # the brief's CheckContext (key judgments), when there is a brief


def _marking(brief: BriefRecord, doc: BriefModel, override: str | None) -> Marking | None:
    scheme = brief.marking_scheme
    if scheme is MarkingScheme.NONE:
        return None
    marks = [b.mark for b in doc.blocks if b.mark is not None and b.mark.scheme is scheme]
    default = parse_mark(override or brief.default_marking or "")
    if default is not None and default.scheme is scheme:
        marks.append(default)
    return highest(marks)


def for_brief(
    lib: Library,
    brief_id: int,
    *,
    marking: str | None = None,
    system: str = "stix",
    context: CheckContext | None = None,
) -> Material:
    """The brief ``brief_id`` and everything it cites (and the claims linked to those). ``context``: the
    brief's CheckContext when the caller has loaded it already (the export has, for its checks)."""
    from app.checks import load_context

    ctx = context if context is not None else load_context(lib, brief_id)
    brief = ctx.brief
    cites = parse_citations(brief.body)
    cited = [i for i in cited_claim_ids(cites) if i in ctx.claims]
    material = _gather(lib, cited, ctx.links, extra_sources=cited_source_ids(cites), system=system)
    material.brief = brief
    material.marking = _marking(brief, ctx.doc, marking)
    material.context = ctx
    return material


def for_claims(lib: Library, claim_ids: list[int], *, system: str = "stix") -> Material:
    """The claims ``claim_ids`` (a NotFoundError names the first missing one) and the claims linked to them."""
    if len(claim_ids) > MAX_RECORDS:
        raise ExportError(
            f"{len(claim_ids):,} claims are more than one export holds ({MAX_RECORDS:,}); narrow the selection "
            "with --claims, --contested or --brief."
        )
    links = lib.claims.with_links_many(claim_ids)
    for i in claim_ids:
        if i not in links:
            raise NotFoundError("claim", i)
    return _gather(lib, list(dict.fromkeys(claim_ids)), links, system=system)


def _gather(
    lib: Library,
    cited: list[int],
    links_by_claim: Mapping[int, ClaimWithLinks],
    *,
    extra_sources: Iterable[int] = (),
    system: str,
) -> Material:
    links: dict[int, LinkRecord] = {}
    for cwl in links_by_claim.values():
        for group in (
            cwl.denials,
            cwl.corroborations,
            cwl.qualifications,
            cwl.denies,
            cwl.corroborates,
            cwl.qualifies,
        ):
            for lc in group:
                links[lc.link.id] = lc.link
    every = list(
        dict.fromkeys([*cited, *(x for ln in links.values() for x in (ln.from_claim_id, ln.to_claim_id))])
    )
    full = lib.claims.get_many(every)  # with their tags
    claims = {i: full[i] for i in every if i in full}
    kept_links = sorted(
        (ln for ln in links.values() if ln.from_claim_id in claims and ln.to_claim_id in claims),
        key=lambda ln: ln.id,
    )
    source_ids = list(dict.fromkeys([*(c.source_id for c in claims.values()), *extra_sources]))
    sources = lib.sources.get_many(source_ids)
    actors: dict[int, ActorRecord] = {}
    for c in claims.values():
        if c.actor_id is not None and c.actor_id not in actors:
            actors[c.actor_id] = lib.actors.get(c.actor_id)
    imported = {
        "source": lib.external_ids.ids_for("source", sources, system),
        "actor": lib.external_ids.ids_for("actor", actors, system),
        "claim": lib.external_ids.ids_for("claim", claims, system),
        "link": lib.external_ids.ids_for("link", [ln.id for ln in kept_links], system),
    }
    return Material(
        brief=None,
        claims=claims,
        cited=[i for i in cited if i in claims],
        links=kept_links,
        sources={i: sources[i] for i in source_ids if i in sources},
        actors=actors,
        imported=imported,
    )


_BLUF_RE = re.compile(r"bluf|bottom\s+line", re.I)
_CITATION_GROUP_RE = re.compile(r"\s*\[\s*@[cs]\d+(?:\s*[;,]\s*@[cs]\d+)*\s*[;,]?\s*\]")


def plain(text: str) -> str:
    """A portion of the brief as plain prose: its portion mark and citations taken out."""
    from app.markings import split_portion_mark

    _mark, rest = split_portion_mark(text.strip())
    rest = _CITATION_GROUP_RE.sub("", rest)
    return " ".join(rest.split())


def bottom_line(brief: BriefRecord, doc: BriefModel) -> str:
    """The brief's bottom line: the paragraphs of its BLUF section, else its first paragraph."""
    for h in doc.find_sections(_BLUF_RE):
        start, end = doc.section_range(h)
        paras = [
            plain(brief.body[b.start : b.end]) for b in doc.blocks_in(start, end) if b.kind == "paragraph"
        ]
        text = "\n\n".join(p for p in paras if p)
        if text:
            return text
    for b in doc.blocks:
        if b.kind == "paragraph":
            text = plain(brief.body[b.start : b.end])
            if text:
                return text
    return ""


def _all_ids(page_fn: Callable[[int, int], Page[_R]]) -> list[int]:
    """Ids from a paged listing, refusing more than MAX_RECORDS."""
    out: list[int] = []
    offset = 0
    while True:
        page = page_fn(offset, 1000)
        out.extend(r.id for r in page.items)
        if len(out) > MAX_RECORDS:
            raise ExportError(
                f"The selection holds more than {MAX_RECORDS:,} records, more than one export holds; narrow it "
                "with --claims, --contested or --brief."
            )
        if len(page.items) < 1000:
            return out
        offset += 1000


def select_claims(
    lib: Library, *, claim_ids: list[int] | None = None, contested: bool = False, brief_id: int | None = None
) -> list[int]:
    """The claims a library export is about: the ids given, the contested ones, those a brief cites, or all."""
    from app.domain_lists import ClaimFilter

    if claim_ids is not None:
        return list(dict.fromkeys(int(i) for i in claim_ids))
    if brief_id is not None:
        brief = lib.briefs.get(brief_id)
        return cited_claim_ids(parse_citations(brief.body))
    flt = ClaimFilter(contested=contested)
    return _all_ids(
        lambda offset, limit: lib.claims.list(
            flt, sort="id", descending=False, offset=offset, limit=limit, with_total=False
        )
    )


def select_sources(
    lib: Library, claim_ids: list[int], *, brief_id: int | None = None, everything: bool = False
) -> list[int]:
    """The sources of a CSL export: every source, or those of the selected claims (and a brief's own
    source citations), in order."""
    if everything:
        return _all_ids(
            lambda offset, limit: lib.sources.list(sort="id", descending=False, offset=offset, limit=limit)
        )
    if len(claim_ids) > MAX_RECORDS:
        raise ExportError(f"The selection holds more than {MAX_RECORDS:,} claims; narrow it.")
    claims = lib.claims.get_many(claim_ids)
    missing = [i for i in claim_ids if i not in claims]
    if missing:
        raise NotFoundError("claim", missing[0])
    ids = [claims[i].source_id for i in claim_ids]
    if brief_id is not None:
        ids += cited_source_ids(parse_citations(lib.briefs.get(brief_id).body))
    return list(dict.fromkeys(ids))
