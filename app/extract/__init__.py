"""Drafting claims and denials from a source's text.

    extraction = propose(lib, source_id)            # read-only: proposals with quotes, spans, speakers
    changes = apply(lib, source_id, accepted)       # one transaction: actors, claims, denial links

The default extractor is rule-based (``app.extract.extractor.RuleExtractor``); any object with the
``Extractor`` interface can replace it.
"""

from __future__ import annotations

import dataclasses
import inspect
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from app._text import looks_english
from app.domain import Change, SourceRecord
from app.domain_lists import ActorRecord
from app.errors import ValidationError
from app.extract.dates import date_in_text
from app.extract.extractor import RuleExtractor
from app.extract.lexicon import content_words
from app.extract.limits import limits_notice
from app.extract.model import Extraction, Extractor, Proposal

if TYPE_CHECKING:
    from app.library import Library

__all__ = ["Extraction", "Extractor", "Proposal", "RuleExtractor", "apply", "propose"]


ENGLISH_ONLY = "Drafting supports English text"


def _language_notice(source: SourceRecord) -> str:
    """Why nothing is drafted from a source in another language ('' for English or unknown)."""
    language = (source.language or "").strip()
    if language and not language.lower().startswith("en"):
        return f"{ENGLISH_ONLY}; this source is marked as '{language}', so nothing was drafted from it."
    if looks_english(source.body) is False:
        return f"{ENGLISH_ONLY}, and this source does not read as English, so nothing was drafted from it."
    return ""


def _date_notice(source: SourceRecord) -> str:
    if source.published is not None:
        return ""
    found = date_in_text(source.body)
    if found is not None:
        return (
            f"The source has no date: relative dates ('on Tuesday', 'last week') were counted from "
            f"{found.isoformat()}, the date its text gives."
        )
    return (
        "The source has no date, so relative dates ('on Tuesday', 'yesterday', 'last week') and dates without "
        f"a year were left empty: set its date (briefdesk source set s{source.id} --published YYYY-MM-DD, or "
        "in the source's details) and draft again."
    )


def _without_headline(body: str, title: str) -> str:
    """The body with its opening headline blanked (same length, so spans stay true): a saved page repeats its
    title above the story, and a headline ("Minister denies bribery claim, vows to sue") is a summary in
    headline grammar, not a statement to draft."""
    title = " ".join(title.split())
    if not title:
        return body
    lead = len(body) - len(body.lstrip())
    end = body.find("\n", lead)
    end = len(body) if end < 0 else end
    first = " ".join(body[lead:end].split())
    if re.search(r"[.!?][\"\u201d\u2019']?$", first) and len(first.split()) > 12:
        return body  # a sentence of prose, not a headline (a PDF or text file titled by its own first line)
    if first and first.rstrip(" .") == title.rstrip(" .") or (len(first) > 20 and title.startswith(first)):
        return body[:lead] + " " * (end - lead) + body[end:]
    return body


def propose(lib: Library, source_id: int, extractor: Extractor | None = None) -> Extraction:
    """Proposals for a source (NotFoundError for an unknown id). Writes nothing. ``notice`` says why nothing was
    drafted (a language other than English) or what was left undone (relative dates in a source with no date)."""
    source = lib.sources.get(source_id)
    extractor = extractor or RuleExtractor()
    name = getattr(extractor, "name", "custom")
    refusal = _language_notice(source)
    if refusal:
        return Extraction(source_id, (), (), name, refusal)
    # the title when the extractor reads it ("Statement from X on ...": who "we" is)
    titled = "title" in inspect.signature(extractor.propose).parameters
    extra = {"title": source.title or ""} if titled else {}
    raw = extractor.propose(_without_headline(source.body, source.title), published=source.published, **extra)
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
    by_role: dict[str, set[tuple[str, str, str]]] = {}
    for c in existing:  # "the Foreign Minister" in a source whose claims already name him
        if c.actor_role and c.actor_name:
            by_role.setdefault(c.actor_role.strip().lower(), set()).add(
                (c.actor_name, c.actor_role, c.actor_affiliation)
            )
    kept = [_role_actor(p, by_role) for p in kept]
    looked_up: dict[str, list[ActorRecord]] = {}  # one library search per speaker, not per statement
    kept = [_known_actor(lib, p, looked_up) for p in kept]
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
    body = source.body
    unattributed = tuple(
        " ".join(body[a:b].split())
        for a, b in getattr(extractor, "unattributed", ())
        if isinstance(a, int) and isinstance(b, int) and 0 <= a < b <= len(body)
    )
    notice = _date_notice(source) if out else ""
    unread, stopped = getattr(extractor, "unread", 0), getattr(extractor, "stopped", None)
    left = limits_notice(
        unread if isinstance(unread, int) else 0, stopped if isinstance(stopped, tuple) else None
    )
    notice = " ".join(part for part in (notice, left) if part)
    from app.extract.reported import attach  # "according to X": reported-from proposals

    out = attach(lib, source, out)
    return Extraction(source_id, tuple(out), tuple(skipped), name, notice, unattributed)


def _role_actor(p: Proposal, by_role: dict[str, set[tuple[str, str, str]]]) -> Proposal:
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


def _name_tokens(name: str) -> list[str]:
    """'Lena-Marie Osk' and 'Lena Marie-Osk' -> ['lena', 'marie', 'osk']: spellings that differ in hyphens."""
    return re.sub(r"[\-\u2010-\u2015.'\u2019]", " ", name).casefold().split()


def _known_actor(
    lib: Library, p: Proposal, looked_up: dict[str, list[ActorRecord]] | None = None
) -> Proposal:
    """A speaker already in the library under this or another spelling, or by an alias: 'Lena-Marie Osk', 'Marie-Osk'
    or 'Osk' for 'Lena Marie-Osk' (a part of a name only when it is a person's name and fits one actor)."""
    name = p.actor.strip()
    tokens = _name_tokens(name)
    if not tokens or max(len(t) for t in tokens) < 2:
        return p
    person = len(tokens) <= 4 and all(w[:1].isupper() for w in re.split(r"[\s\-]+", name) if w)
    probe = max(tokens, key=len)
    matches: dict[int, ActorRecord] = {}
    looked_up = {} if looked_up is None else looked_up
    if probe not in looked_up:
        looked_up[probe] = list(lib.actors.list(text=probe, limit=50, with_total=False).items)
    for actor in looked_up[probe]:
        for spelling in (actor.name, *actor.aliases):
            known = _name_tokens(spelling)
            if known == tokens or (person and len(tokens) < len(known) and known[-len(tokens) :] == tokens):
                matches[actor.id] = actor
                break
    if len(matches) != 1:
        return p
    actor = next(iter(matches.values()))
    if actor.name == name:
        return p
    return dataclasses.replace(
        p,
        actor=actor.name,
        role=p.role or actor.role,
        affiliation=p.affiliation or actor.affiliation,
        statement=p.statement.replace(name, actor.name, 1) if p.statement.startswith(name) else p.statement,
    )


def apply(
    lib: Library, source_id: int, proposals: Sequence[Proposal], *, credibility: int = 6
) -> list[Change[Any]]:
    """Create the accepted proposals as claims (and denial links, and the reported-from links of those
    that are not first hand: ``Proposal.reports``) in one transaction: all or nothing.

    A denial whose answered proposal is not among ``proposals`` (rejected) becomes a plain claim, unless it
    answers an existing claim (``denies_claim_id``)."""
    source = lib.sources.get(source_id)
    for p in proposals:
        if not p.actor.strip():
            raise ValidationError(f"Proposal {p.key} has no speaker; name one before creating it.")
        if not (0 <= p.start < p.end <= len(source.body)):
            raise ValidationError(f"Proposal {p.key} points outside the source's text.")
    keys = {p.key for p in proposals}
    changes: list[Change[Any]] = []
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
            assert change.after is not None  # a create always returns the created record
            created[p.key] = change.after.id
            changes.append(change)
        for p in proposals:
            if p.kind != "denial":
                continue
            target = created.get(p.denies) if p.denies in keys else p.denies_claim_id
            if target is None or target == created[p.key]:
                continue
            changes.append(lib.links.create(from_claim_id=created[p.key], kind="denies", to_claim_id=target))
        from app.extract.reported import apply_reports  # the accepted reported-from links

        changes += apply_reports(lib, ((created[p.key], p) for p in proposals))
    return changes
