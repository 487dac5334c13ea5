"""What an import from a platform brings in, before it touches the library, and how it is stored.

A reader (``stix_in``, ``misp_in``) turns a file into a :class:`Plan` of sources, actors, claims and links,
each keyed by its id in the platform, plus the plain-words reasons for everything it skipped. ``apply`` then
stores the plan: one transaction per source (the source and its claims, all or nothing), then the links.

Importing the same file again adds nothing: every record made is remembered under its platform id
(``lib.external_ids``), and found by it the next time. A claim's quote must be found in its source's text:
a source already in the library (by platform id, else by URL) is used when it holds every quote; otherwise
the source is created from what the file says of it, with the quotes of its claims as its text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from app._text import find_quote
from app.domain import ClaimRecord
from app.errors import BriefdeskError

if TYPE_CHECKING:
    from app.library import Library

ClaimCache = dict[int, list[ClaimRecord]]

MAX_SKIP_LINES = 200  # reasons listed one by one; beyond that, counted


@dataclass
class InSource:
    key: str  # the platform's id of the source (a STIX report id), or a key made from its reference
    external_id: str | None  # what to remember it under (None: a reference with no id of its own)
    title: str
    kind: str = "other"
    outlet: str = ""
    authors: str = ""
    url: str = ""
    published: dt.date | None = None
    accessed: dt.date | None = None
    language: str = ""
    reliability: str = "F"
    descriptor: str = ""


@dataclass
class InActor:
    key: str
    external_id: str | None
    name: str
    role: str = ""
    affiliation: str = ""
    aliases: tuple[str, ...] = ()


@dataclass
class InClaim:
    key: str  # the platform's id (a STIX note id, a MISP object uuid)
    source_key: str
    quote: str
    actor_key: str | None = None
    statement: str = ""
    said: dt.date | None = None
    credibility: int = 6
    status: str = "unverified"
    tags: tuple[str, ...] = ()
    notes: str = ""


@dataclass
class InLink:
    key: str
    kind: str
    from_key: str  # claim keys
    to_key: str
    note: str = ""


@dataclass
class Plan:
    system: str  # "stix" | "misp"
    sources: dict[str, InSource] = field(default_factory=dict)
    actors: dict[str, InActor] = field(default_factory=dict)
    claims: list[InClaim] = field(default_factory=list)
    links: list[InLink] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    skipped_count: int = 0

    def skip(self, reason: str) -> None:
        self.skipped_count += 1
        if len(self.skipped) < MAX_SKIP_LINES:
            self.skipped.append(reason)


@dataclass
class Applied:
    sources_created: list[int] = field(default_factory=list)
    sources_used: list[int] = field(default_factory=list)
    actors_created: int = 0
    claims_created: int = 0
    claims_existing: int = 0
    links_created: int = 0
    links_existing: int = 0
    skipped: list[str] = field(default_factory=list)
    skipped_count: int = 0
    warnings: list[str] = field(default_factory=list)

    def skip(self, reason: str) -> None:
        self.skipped_count += 1
        if len(self.skipped) < MAX_SKIP_LINES:
            self.skipped.append(reason)

    @property
    def added_anything(self) -> bool:
        return bool(self.sources_created or self.actors_created or self.claims_created or self.links_created)

    def summary(self) -> str:
        from app._text import counted

        parts = [
            f"{counted(len(self.sources_created), 'source')} created",
            f"{counted(self.claims_created, 'claim')} created",
            f"{counted(self.links_created, 'link')} created",
            f"{counted(self.actors_created, 'actor')} created",
        ]
        if self.claims_existing or self.links_existing:
            parts.append(
                f"{counted(self.claims_existing, 'claim')} and {counted(self.links_existing, 'link')} already "
                "in the library"
            )
        if self.skipped_count:
            parts.append(f"{counted(self.skipped_count, 'item')} skipped")
        return "; ".join(parts)


def _quote_in(body: str, quote: str) -> bool:
    try:
        find_quote(body, quote)
    except BriefdeskError:
        return False
    return True


def apply(
    lib: Library,
    plan: Plan,
    *,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Applied:
    out = Applied(skipped=list(plan.skipped), skipped_count=plan.skipped_count)
    ext = lib.external_ids
    system = plan.system
    known = ext.find_many(system, [c.key for c in plan.claims] + [ln.key for ln in plan.links])
    claim_ids: dict[str, int] = {}
    by_source: dict[str, list[InClaim]] = {}
    for c in plan.claims:
        found = known.get(c.key)
        if found is not None and found[0] == "claim":
            claim_ids[c.key] = found[1]
            out.claims_existing += 1
            continue
        by_source.setdefault(c.source_key, []).append(c)
    if claim_ids:  # already imported: their sources are this file's sources too
        for claim in lib.claims.get_many(list(claim_ids.values())).values():
            if claim.source_id not in out.sources_used:
                out.sources_used.append(claim.source_id)
    actor_ids: dict[str, int] = {}
    total = len(by_source)
    for n, (source_key, claims) in enumerate(by_source.items()):
        if cancelled is not None and cancelled():
            out.warnings.append(
                "Cancelled: the sources before the cancel were imported whole; nothing else was."
            )
            break
        src = plan.sources[source_key]
        try:
            with lib.transaction():
                source_id = _source_for(lib, plan, src, claims, out)
                cache: ClaimCache = {}
                for c in claims:
                    _claim(lib, plan, c, source_id, actor_ids, claim_ids, out, cache)
        except BriefdeskError as exc:
            out.skip(f"source \u201c{src.title}\u201d and its {len(claims)} claim(s): {exc}")
        if progress is not None:
            progress(n + 1, total)
    if plan.links:
        with lib.transaction():
            for ln in plan.links:
                _link(lib, plan, ln, known, claim_ids, out)
    return out


def _source_for(lib: Library, plan: Plan, src: InSource, claims: list[InClaim], out: Applied) -> int:
    """The library's source for ``src``: the one it was imported as, else one with its URL, if every quote
    is in its text; else a new source made from the quotes."""
    candidates: list[int] = []
    if src.external_id:
        found = lib.external_ids.find(plan.system, src.external_id)
        if found is not None and found[0] == "source":
            candidates.append(found[1])
    if src.url:
        candidates.extend(s.id for s in lib.sources.find_by_url(src.url))
    for sid in dict.fromkeys(candidates):
        body = lib.sources.get(sid).body
        if all(_quote_in(body, c.quote) for c in claims):
            if sid not in out.sources_used:
                out.sources_used.append(sid)
            return sid
    body = "\n\n".join(dict.fromkeys(" ".join(c.quote.split()) for c in claims))
    change = lib.sources.create(
        title=src.title,
        body=body,
        kind=src.kind,
        outlet=src.outlet,
        authors=src.authors,
        url=src.url,
        published=src.published,
        accessed=src.accessed,
        language=src.language[:35],
        reliability=src.reliability,
        descriptor=src.descriptor,
        notes=f"Imported from a {'STIX bundle' if plan.system == 'stix' else 'MISP event'}; the text holds the "
        "quotes of its claims.",
    )
    sid = change.id
    if change.action == "created":
        out.sources_created.append(sid)
    elif sid not in out.sources_used:
        out.sources_used.append(sid)
    if src.external_id and lib.external_ids.find(plan.system, src.external_id) is None:
        lib.external_ids.add(plan.system, src.external_id, "source", sid)
    return sid


def _actor(lib: Library, plan: Plan, key: str, actor_ids: dict[str, int], out: Applied) -> int:
    if key in actor_ids:
        return actor_ids[key]
    a = plan.actors[key]
    if a.external_id:
        found = lib.external_ids.find(plan.system, a.external_id)
        if found is not None and found[0] == "actor":
            actor_ids[key] = found[1]
            return found[1]
    existing = lib.actors.find(a.name, a.affiliation or None)
    if existing is not None:
        actor_id = existing.id
    else:
        actor_id = lib.actors.create(
            name=a.name, role=a.role, affiliation=a.affiliation, aliases=a.aliases
        ).id
        out.actors_created += 1
    if a.external_id and lib.external_ids.find(plan.system, a.external_id) is None:
        lib.external_ids.add(plan.system, a.external_id, "actor", actor_id)
    actor_ids[key] = actor_id
    return actor_id


def _same_claim(
    lib: Library, source_id: int, quote: str, actor_id: int | None, cache: ClaimCache
) -> int | None:
    """A claim already drawn from this source with the same words and speaker (a bundle exported from this
    library, imported back): that claim, not a copy."""
    claims = cache.get(source_id)
    if claims is None:
        claims = cache[source_id] = lib.claims.for_source(source_id)
    words = " ".join(quote.split()).casefold()
    for claim in claims:
        if claim.actor_id == actor_id and " ".join(claim.quote.split()).casefold() == words:
            return claim.id
    return None


def _claim(
    lib: Library,
    plan: Plan,
    c: InClaim,
    source_id: int,
    actor_ids: dict[str, int],
    claim_ids: dict[str, int],
    out: Applied,
    cache: ClaimCache | None = None,
) -> None:
    cache = {} if cache is None else cache
    try:
        with lib.transaction():  # a savepoint inside the source's transaction
            actor_id = _actor(lib, plan, c.actor_key, actor_ids, out) if c.actor_key else None
            same = _same_claim(lib, source_id, c.quote, actor_id, cache)
            if same is not None:
                if lib.external_ids.find(plan.system, c.key) is None:
                    lib.external_ids.add(plan.system, c.key, "claim", same)
                claim_ids[c.key] = same
                out.claims_existing += 1
                return
            change = lib.claims.create(
                source_id=source_id,
                quote=c.quote,
                actor_id=actor_id,
                statement=c.statement,
                said=c.said,
                credibility=c.credibility,
                status=c.status,
                tags=c.tags,
                notes=c.notes,
            )
            lib.external_ids.add(plan.system, c.key, "claim", change.id)
            if change.after is not None:
                cache.setdefault(source_id, []).append(change.after)
    except BriefdeskError as exc:
        out.skip(f"claim {c.key}: {exc}")
        return
    claim_ids[c.key] = change.id
    out.claims_created += 1


def _link(
    lib: Library,
    plan: Plan,
    ln: InLink,
    known: dict[str, tuple[str, int]],
    claim_ids: dict[str, int],
    out: Applied,
) -> None:
    if ln.key in known:
        out.links_existing += 1
        return
    a, b = claim_ids.get(ln.from_key), claim_ids.get(ln.to_key)
    if a is None or b is None:
        missing = ln.from_key if a is None else ln.to_key
        out.skip(f"link {ln.key} ({ln.kind}): its claim {missing} was not imported")
        return
    existing = lib.links.find(a, b)
    if existing is not None and existing.kind.value == ln.kind:
        out.links_existing += 1
        return
    try:
        with lib.transaction():
            change = lib.links.create(from_claim_id=a, kind=ln.kind, to_claim_id=b, note=ln.note)
            lib.external_ids.add(plan.system, ln.key, "link", change.id)
    except BriefdeskError as exc:
        out.skip(f"link {ln.key} ({ln.kind}): {exc}")
        return
    out.links_created += 1
