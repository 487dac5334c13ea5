"""Building check contexts from plain records, without a database."""

from __future__ import annotations

import datetime as dt

import pytest

from app.checks import CheckContext, CheckSettings, run_checks
from app.checks.engine import BLOCKING_RULE_IDS, check_errors
from app.domain import (
    BriefRecord,
    BriefStatus,
    ClaimRecord,
    ClaimStatus,
    ClaimWithLinks,
    LinkedClaim,
    LinkKind,
    LinkRecord,
    MarkingScheme,
    SourceKind,
    WaiverRecord,
)

NOW = dt.datetime(2026, 11, 1, 12, 0)
TODAY = dt.date(2026, 11, 20)


class Builder:
    def __init__(self) -> None:
        self.claims: dict[int, ClaimRecord] = {}
        self.links: list[tuple[int, str, int, dt.datetime]] = []
        self.waivers: dict[int, WaiverRecord] = {}

    def claim(
        self,
        id: int,
        *,
        source: int | None = None,
        actor: int | None = None,
        actor_name: str = "",
        outlet: str = "",
        kind: SourceKind = SourceKind.NEWS_ARTICLE,
        reliability: str = "B",
        credibility: int = 2,
        statement: str = "",
        status: ClaimStatus = ClaimStatus.UNVERIFIED,
        published: dt.date | None = dt.date(2026, 10, 1),
        said: dt.date | None | str = "as published",
    ) -> ClaimRecord:
        c = ClaimRecord(
            id=id,
            source_id=source if source is not None else 100 + id,
            source_title=f"Source {id}",
            source_outlet=outlet or f"Outlet {id}",
            source_kind=kind,
            source_published=published,
            source_reliability=reliability,
            actor_id=actor,
            actor_name=actor_name or (f"Actor {actor}" if actor else ""),
            actor_role="",
            actor_affiliation="",
            statement=statement or f"Statement number {id} about things",
            quote=statement or f"Quote {id}",
            span_start=0,
            span_end=1,
            said=published if said == "as published" else said,  # type: ignore[arg-type]
            credibility=credibility,
            status=status,
            tags=(),
            notes="",
            created=NOW,
            updated=NOW,
        )
        self.claims[id] = c
        return c

    def link(self, from_id: int, kind: str, to_id: int, created: dt.datetime = NOW) -> None:
        self.links.append((from_id, kind, to_id, created))

    def waive(self, claim_id: int, reason: str = "denial is irrelevant here") -> None:
        self.waivers[claim_id] = WaiverRecord(len(self.waivers) + 1, 1, claim_id, reason, NOW)

    def context(
        self,
        body: str,
        *,
        scheme: str = "none",
        default: str = "",
        summary: str = "",
        settings: CheckSettings | None = None,
    ) -> CheckContext:
        brief = BriefRecord(
            id=1,
            title="Test brief",
            body=body,
            marking_scheme=MarkingScheme(scheme),
            default_marking=default,
            author="",
            organisation="",
            status=BriefStatus.DRAFT,
            created=NOW,
            updated=NOW,
            summary_statement=summary,
        )
        groups: dict[int, dict[str, list]] = {
            i: {"denials": [], "corroborations": [], "qualifications": []} for i in self.claims
        }
        names = {"denies": "denials", "corroborates": "corroborations", "qualifies": "qualifications"}
        for n, (a, kind, b, created) in enumerate(self.links, 1):
            rec = LinkRecord(n, LinkKind(kind), a, b, "", created)
            if b in groups:
                groups[b][names[kind]].append(LinkedClaim(rec, self.claims[a]))
        links = {
            i: ClaimWithLinks(claim=self.claims[i], **{k: tuple(v) for k, v in g.items()})
            for i, g in groups.items()
        }
        return CheckContext(
            brief, dict(self.claims), links, {}, dict(self.waivers), settings or CheckSettings(today=TODAY)
        )

    def run(self, body: str, rule: str | None = None, **kw):
        report = run_checks(self.context(body, **kw), rules=[rule] if rule else None)
        # an export runs only the rules that can give an error (app.checks.engine.BLOCKING_RULE_IDS): every
        # brief the rules' tests check holds to it
        assert {f.rule for f in report.errors} <= BLOCKING_RULE_IDS, report.errors
        if rule is None:  # what an export keeps (check_errors, no report): the same errors
            assert check_errors(self.context(body, **kw)) == report.errors
        return report.by_rule(rule) if rule else report


@pytest.fixture
def b() -> Builder:
    return Builder()
