"""Briefs and claims as the export reads them, made without a library, for the render tests: each test file
gives what its assertions depend on and takes the rest."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from app.domain import BriefRecord, BriefStatus, ClaimRecord, ClaimStatus, MarkingScheme, SourceKind

NOW = dt.datetime(2026, 3, 1, 9, 0)


def brief_record(
    body: str,
    *,
    brief_id: int = 7,
    title: str = "Harbour outlook",
    marking: str = "U",
    author: str = "R. Ilves",
    organisation: str = "Desk",
    now: dt.datetime = NOW,
) -> BriefRecord:
    scheme, status = list(MarkingScheme)[0], list(BriefStatus)[0]
    return BriefRecord(brief_id, title, body, scheme, marking, author, organisation, status, now, now)


def claim_record(i: int, **changes: Any) -> ClaimRecord:
    """Claim ``i`` of a port authority's bulletin, with ``changes`` to any of its fields."""
    record = ClaimRecord(
        id=i,
        source_id=3,
        source_title="Port authority bulletin",
        source_outlet="Coastal Gazette",
        source_kind=list(SourceKind)[0],
        source_published=dt.date(2026, 2, 1),
        source_reliability="B",
        actor_id=1,
        actor_name="Mara Voss",
        actor_role="harbour master",
        actor_affiliation="",
        statement="Berths close in May.",
        quote="",
        span_start=0,
        span_end=0,
        said=dt.date(2026, 1, 30),
        credibility=2,
        status=list(ClaimStatus)[0],
        tags=(),
        notes="",
        created=NOW,
        updated=NOW,
        source_url="https://example.org/b",
        source_accessed=dt.date(2026, 2, 2),
    )
    return dataclasses.replace(record, **changes)
