"""The built-in demo library: sources, actors, claims, denials and a sample brief written for Briefdesk, with
a worked analysis of competing hypotheses and its key assumptions.

The content lives in ``resources/demo/demo.json`` and ``resources/demo/brief.md``; the brief cites claims
and sources by key as ``[@{claim_key}]``, replaced here with the ids they get (``[@c12]``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from app.errors import ConflictError
from app.paths import resource

if TYPE_CHECKING:
    from app.library import Library

PLACEHOLDER_RE = re.compile(r"@\{([A-Za-z0-9_\-]+)\}")


@dataclass
class DemoResult:
    sources: dict[str, int] = field(default_factory=dict)
    actors: dict[str, int] = field(default_factory=dict)
    claims: dict[str, int] = field(default_factory=dict)
    links: int = 0
    brief_id: int | None = None
    hypotheses: int = 0
    assumptions: int = 0


def load_content() -> tuple[dict[str, Any], str]:
    data = json.loads(resource("demo", "demo.json").read_text(encoding="utf-8"))
    brief = resource("demo", "brief.md").read_text(encoding="utf-8")
    return data, brief


def is_empty(lib: Library) -> bool:
    counts = lib.counts()
    return counts["sources"] == 0 and counts["briefs"] == 0


def populate(lib: Library, *, force: bool = False) -> DemoResult:
    """Fill ``lib`` with the demo content. Refuses a library that already has content unless ``force``
    (then the demo is added beside what is there; identical sources are reused, not duplicated)."""
    if not force and not is_empty(lib):
        raise ConflictError(
            f"The library {lib.path} already has content; use --force to add the demo content beside it."
        )
    data, brief_body = load_content()
    with lib.transaction():  # all of the demo or none of it
        return _populate(lib, data, brief_body)


def _populate(lib: Library, data: dict[str, Any], brief_body: str) -> DemoResult:
    result = DemoResult()
    for src in data["sources"]:
        fields = {k: v for k, v in src.items() if k != "key"}
        result.sources[src["key"]] = lib.sources.create(**fields).id
    for actor in data["actors"]:
        existing = lib.actors.find(actor["name"], actor.get("affiliation", ""))
        if existing is None:
            existing = lib.actors.create(
                name=actor["name"],
                role=actor.get("role", ""),
                affiliation=actor.get("affiliation", ""),
                aliases=actor.get("aliases", []),
            ).stored
        result.actors[actor["key"]] = existing.id
    for claim in data["claims"]:
        created = lib.claims.create(
            source_id=result.sources[claim["source"]],
            actor_id=result.actors.get(claim.get("actor", "")),
            quote=claim["quote"],
            statement=claim.get("statement", ""),
            said=claim.get("said"),
            credibility=claim.get("credibility", 6),
            status=claim.get("status", "unverified"),
            tags=claim.get("tags", []),
            notes=claim.get("notes", ""),
        )
        result.claims[claim["key"]] = created.id
    for link in data.get("links", []):
        lib.links.create(
            from_claim_id=result.claims[link["from"]],
            kind=link["kind"],
            to_claim_id=result.claims[link["to"]],
            note=link.get("note", ""),
        )
        result.links += 1
    # provenance: a wire story rewritten and reposted, reports of the briefing, anonymous originals
    for d in data.get("derivations", []):
        lib.provenance.derive(
            result.sources[d["source"]], result.sources[d["derived_from"]], d["kind"], note=d.get("note", "")
        )
    for r in data.get("reports", []):
        lib.provenance.set_reported_from(
            result.claims[r["claim"]],
            result.claims[r["from"]] if "from" in r else None,
            origin_name=r.get("origin", ""),
        )
    meta = data.get("brief")
    if meta:

        def replace(m: re.Match[str]) -> str:
            key = m.group(1)
            if key in result.claims:
                return f"@c{result.claims[key]}"
            if key in result.sources:
                return f"@s{result.sources[key]}"
            raise KeyError(f"the demo brief cites an unknown key {key}")

        body = PLACEHOLDER_RE.sub(replace, brief_body)
        brief = lib.briefs.create(
            title=meta["title"],
            body=body,
            marking_scheme=meta.get("marking_scheme", "none"),
            default_marking=meta.get("default_marking", ""),
            author=meta.get("author", ""),
            organisation=meta.get("organisation", ""),
            status=meta.get("status", "draft"),
            summary_statement=meta.get("summary_statement", ""),
        )
        result.brief_id = brief.id
        for waiver in meta.get("waivers", []):
            lib.briefs.add_waiver(
                brief_id=brief.id, claim_id=result.claims[waiver["claim"]], reason=waiver["reason"]
            )
        _analysis(lib, brief.id, meta, result)
    return result


def _analysis(lib: Library, brief_id: int, meta: dict[str, Any], result: DemoResult) -> None:
    """The worked analysis of competing hypotheses and the key assumptions of the demo brief."""
    hyps = []
    for item in meta.get("hypotheses", []):
        text, judgment = (item, None) if isinstance(item, str) else (item["text"], item.get("judgment"))
        hyps.append(lib.ach.add_hypothesis(brief_id, text, judgment=judgment).stored.id)
    rows = meta.get("ach", [])
    if rows:
        lib.ach.add_claims(brief_id, [result.claims[row["claim"]] for row in rows])
    for row in rows:
        notes = row.get("notes", [])
        for i, rating in enumerate(row["ratings"]):
            note = notes[i] if i < len(notes) else ""
            lib.ach.rate(hyps[i], result.claims[row["claim"]], rating, note=note)
    for item in meta.get("assumptions", []):
        lib.assumptions.add(
            brief_id,
            item["text"],
            rating=item["rating"],
            why=item.get("why", ""),
            judgment=item.get("judgment"),
        )
    result.hypotheses = len(hyps)
    result.assumptions = len(meta.get("assumptions", []))
