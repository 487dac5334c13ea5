"""Drafting claims and denials from a source's text.

    extraction = propose(lib, source_id)            # read-only: proposals with quotes, spans, speakers
    changes = apply(lib, source_id, accepted)       # one transaction: actors, claims, denial links

The default extractor is rule-based (``app.extract.extractor.RuleExtractor``); any object with the
``Extractor`` interface can replace it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from app.domain import Change
from app.errors import ValidationError
from app.extract.extractor import RuleExtractor
from app.extract.lexicon import content_words
from app.extract.model import Extraction, Extractor, Proposal

__all__ = ["Extraction", "Extractor", "Proposal", "RuleExtractor", "apply", "propose"]


def propose(lib, source_id: int, extractor: Extractor | None = None) -> Extraction:
    """Proposals for a source (NotFoundError for an unknown id). Writes nothing."""
    source = lib.sources.get(source_id)
    extractor = extractor or RuleExtractor()
    raw = extractor.propose(source.body, published=source.published)
    existing = lib.claims.for_source(source_id)
    spans = {(c.span_start, c.span_end) for c in existing}
    kept: list[Proposal] = []
    skipped: list[str] = []
    for p in raw:
        if not (0 <= p.start < p.end <= len(source.body)) or source.body[p.start : p.end] != p.quote:
            continue  # an extractor's bad span is never proposed
        if (p.start, p.end) in spans:
            skipped.append(p.quote)
            continue
        kept.append(p)
    by_role = {}
    for c in existing:  # "the Foreign Minister" in a source whose claims already name him
        if c.actor_role and c.actor_name:
            by_role.setdefault(c.actor_role.strip().lower(), set()).add(
                (c.actor_name, c.actor_role, c.actor_affiliation)
            )
    kept = [_role_actor(p, by_role) for p in kept]
    kept = [_known_actor(lib, p) for p in kept]
    keys = {p.key for p in kept}
    # A denial whose answered proposal was dropped, or that answers an existing claim better, points there.
    existing_words = [(c, content_words(c.quote + " " + c.statement)) for c in existing]
    out = []
    for p in kept:
        if p.kind == "denial":
            words = content_words(p.quote)
            best, best_overlap = None, 1
            for c, cw in existing_words:
                overlap = len(words & cw)
                if overlap > best_overlap and c.actor_name != p.actor:
                    best, best_overlap = c, overlap
            if best is not None and (p.denies is None or p.denies not in keys):
                p = dataclasses.replace(p, denies=None, denies_claim_id=best.id)
            elif p.denies is not None and p.denies not in keys:
                p = dataclasses.replace(p, denies=None)
        out.append(p)
    return Extraction(source_id, tuple(out), tuple(skipped), getattr(extractor, "name", "custom"))


def _role_actor(p: Proposal, by_role: dict) -> Proposal:
    """A speaker given only by role ("Foreign Minister") who is the one actor with that role in the source's claims."""
    people = by_role.get(p.actor.strip().lower())
    if not people or len(people) != 1:
        return p
    name, role, affiliation = next(iter(people))
    return dataclasses.replace(
        p,
        actor=name,
        role=p.role or role,
        affiliation=p.affiliation or affiliation,
        statement=p.statement.replace(p.actor, name, 1) if p.statement.startswith(p.actor) else p.statement,
    )


def _known_actor(lib, p: Proposal) -> Proposal:
    """A speaker named by surname only ("Sullivan") who is exactly one actor in the library ("Jake Sullivan")."""
    name = p.actor.strip()
    if not name or " " in name or not name[:1].isupper():
        return p
    page = lib.actors.list(text=name, limit=5)
    matches = [a for a in page.items if a.name.split()[-1:] == [name]]
    if len(matches) != 1:
        return p
    actor = matches[0]
    return dataclasses.replace(
        p,
        actor=actor.name,
        role=p.role or actor.role,
        affiliation=p.affiliation or actor.affiliation,
        statement=p.statement.replace(name, actor.name, 1) if p.statement.startswith(name) else p.statement,
    )


def apply(lib, source_id: int, proposals: Sequence[Proposal], *, credibility: int = 6) -> list[Change]:
    """Create the accepted proposals as claims (and denial links) in one transaction: all or nothing.

    A denial whose answered proposal is not among ``proposals`` (rejected) becomes a plain claim, unless it
    answers an existing claim (``denies_claim_id``)."""
    source = lib.sources.get(source_id)
    for p in proposals:
        if not p.actor.strip():
            raise ValidationError(f"Proposal {p.key} has no speaker; name one before creating it.")
        if not (0 <= p.start < p.end <= len(source.body)):
            raise ValidationError(f"Proposal {p.key} points outside the source's text.")
    keys = {p.key for p in proposals}
    changes: list[Change] = []
    created: dict[str, int] = {}
    with lib.transaction():
        for p in proposals:
            change = lib.claims.create(
                source_id=source_id,
                quote=p.quote,
                actor=p.actor.strip(),
                role=p.role,
                affiliation=p.affiliation,
                statement=p.statement,
                span=(p.start, p.end),
                said=p.said,
                credibility=credibility,
            )
            created[p.key] = change.after.id
            changes.append(change)
        for p in proposals:
            if p.kind != "denial":
                continue
            target = created.get(p.denies) if p.denies in keys else p.denies_claim_id
            if target is None or target == created[p.key]:
                continue
            changes.append(lib.links.create(from_claim_id=created[p.key], kind="denies", to_claim_id=target))
    return changes
