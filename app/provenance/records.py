"""Provenance rows read back as records: a derivation with its two sources' titles, a report."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from app.domain import DerivationKind
from app.storage.tables import sources as t_sources

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session

    from app.provenance_records import DerivationRecord, ReportRecord


def derivation_record(d: Any, titles: Mapping[int, tuple[str, str]]) -> DerivationRecord:
    from app.provenance_records import DerivationRecord

    st, so = titles.get(d.source_id, ("", ""))
    ft, fo = titles.get(d.derived_from_id, ("", ""))
    return DerivationRecord(
        id=d.id,
        source_id=d.source_id,
        derived_from_id=d.derived_from_id,
        kind=DerivationKind(d.kind),
        note=d.note,
        created_by=d.created_by,
        created=d.created,
        source_title=st,
        source_outlet=so,
        derived_from_title=ft,
        derived_from_outlet=fo,
        uuid=d.uuid or "",
        version=d.version or 1,
        updated_by=d.updated_by or "",
        updated=d.updated,
    )


def report_record(r: Any) -> ReportRecord:
    from app.provenance_records import ReportRecord

    return ReportRecord(
        claim_id=r.claim_id,
        reported_from_id=r.reported_from_id,
        origin_name=r.origin_name,
        origin_actor_id=r.origin_actor_id,
        note=r.note,
        created_by=r.created_by,
        created=r.created,
        uuid=r.uuid or "",
        version=r.version or 1,
        updated_by=r.updated_by or "",
        updated=r.updated,
    )


def source_titles(s: Session | Connection, ids: Iterable[int]) -> dict[int, tuple[str, str]]:
    ids = list(set(ids))
    out: dict[int, tuple[str, str]] = {}
    for n in range(0, len(ids), 500):
        for r in s.execute(
            select(t_sources.c.id, t_sources.c.title, t_sources.c.outlet).where(
                t_sources.c.id.in_(ids[n : n + 500])
            )
        ):
            out[r[0]] = (r[1], r[2])
    return out
