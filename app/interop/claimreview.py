"""schema.org ClaimReview (JSON-LD) of claims: how the analyst rates what someone said.

Each claim is a ``ClaimReview``: ``claimReviewed`` = its statement (else its quote), ``itemReviewed`` = the
``Claim`` with its author (the actor: Person, with job title and affiliation), when it was said, and where
it appeared (the source: a CreativeWork with URL, headline, date and publisher), ``reviewRating`` = a
``Rating`` from 1 (worst) to 5 (best) from the information credibility (1 -> 5 ... 5 -> 1; 6, truth cannot be
judged, has no value) with the claim's status and Admiralty grade in words as ``alternateName``, and the
analyst's organisation as ``author``. The file is one JSON-LD document with the reviews in ``@graph``.
"""

from __future__ import annotations

import json
from typing import Any

from app.domain import CREDIBILITY_MEANING, RELIABILITY_MEANING, ClaimRecord, ClaimStatus
from app.interop import ids
from app.interop.collect import Material

STATUS_WORDS = {
    "unverified": "Unverified",
    "corroborated": "Corroborated",
    "disputed": "Disputed",
    "retracted": "Retracted by its author",
}


def rating_value(c: ClaimRecord) -> int | None:
    """1 (worst) to 5 (best): the information credibility (1 -> 5 ... 5 -> 1), held down by a dispute (at most
    2) or a retraction (1) and raised by corroboration (at least 4); None when nothing rates it (truth cannot
    be judged and no status recorded)."""
    base = 6 - c.credibility if c.credibility <= 5 else None
    if c.status is ClaimStatus.RETRACTED:
        return 1
    if c.status is ClaimStatus.DISPUTED:
        return min(base, 2) if base is not None else 2
    if c.status is ClaimStatus.CORROBORATED:
        return max(base, 4) if base is not None else 4
    return base


def rating(c: ClaimRecord) -> dict[str, Any]:
    words = (
        f"{STATUS_WORDS[c.status.value]}; graded {c.grade} "
        f"({RELIABILITY_MEANING[c.source_reliability].lower()} source, {CREDIBILITY_MEANING[c.credibility].lower()})"
    )
    out: dict[str, Any] = {"@type": "Rating", "bestRating": 5, "worstRating": 1, "alternateName": words}
    value = rating_value(c)
    if value is not None:
        out["ratingValue"] = value
    return out


def review(m: Material, c: ClaimRecord, organisation: str) -> dict[str, Any]:
    source = m.sources.get(c.source_id)
    claim: dict[str, Any] = {"@type": "Claim"}
    actor = m.actors.get(c.actor_id) if c.actor_id is not None else None
    if actor is not None:
        person: dict[str, Any] = {"@type": "Person", "name": actor.name}
        if actor.role:
            person["jobTitle"] = actor.role
        if actor.affiliation:
            person["affiliation"] = {"@type": "Organization", "name": actor.affiliation}
        claim["author"] = person
    if c.said:
        claim["datePublished"] = c.said.isoformat()
    if source is not None:
        work: dict[str, Any] = {"@type": "CreativeWork", "headline": source.title}
        if source.url:
            work["url"] = source.url
        if source.published:
            work["datePublished"] = source.published.isoformat()
        if source.outlet:
            work["publisher"] = {"@type": "Organization", "name": source.outlet}
        claim["appearance"] = [work]
        claim["firstAppearance"] = work
    return {
        "@type": "ClaimReview",
        "@id": f"urn:uuid:{ids.derived('claimreview', ids.record_key('claim', c))}",
        "claimReviewed": c.statement or c.quote,
        "datePublished": c.updated.date().isoformat(),
        "author": {"@type": "Organization", "name": organisation},
        "reviewRating": rating(c),
        "itemReviewed": claim,
    }


def reviews(m: Material, *, organisation: str = "") -> list[dict[str, Any]]:
    organisation = organisation.strip() or "Briefdesk analyst"
    return [review(m, m.claims[i], organisation) for i in m.cited]


def dumps(items: list[dict[str, Any]]) -> bytes:
    doc = {"@context": "https://schema.org", "@graph": items}
    return (json.dumps(doc, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
