"""The stored side of ACH (``app.analysis.ach``): records from rows, positions in a matrix, a brief's ordered
hypotheses and rows, and a claim's place in matrices kept while the claim is deleted so its undo can put it back.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import select

from app.analysis.scales import Rating
from app.errors import NotFoundError, ValidationError
from app.storage.tables import claims as t_claims
from app.storage.tables import hypotheses as t_hypotheses
from app.storage.tables import utcnow

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session

    from app.analysis.records import AchRowRecord, HypothesisRecord, RatingRecord
    from app.storage.models import AchClaim, AchRating, Brief, Hypothesis, Tracked


def track_fields(rec: object) -> dict[str, Any]:
    return {
        "uuid": str(getattr(rec, "uuid", "") or ""),
        "version": int(getattr(rec, "version", 1) or 1),
        "created_by": getattr(rec, "created_by", "") or "",
        "updated_by": getattr(rec, "updated_by", "") or "",
    }


def hypothesis_record(h: Any) -> HypothesisRecord:  # an ORM Hypothesis or a Core row
    from app.analysis.records import HypothesisRecord

    return HypothesisRecord(
        id=h.id,
        brief_id=h.brief_id,
        position=h.position,
        text=h.text,
        created=h.created,
        updated=h.updated,
        judgment=h.judgment,
        **track_fields(h),
    )


def rating_record(r: AchRating) -> RatingRecord:
    from app.analysis.records import RatingRecord

    return RatingRecord(
        hypothesis_id=r.hypothesis_id,
        claim_id=r.claim_id,
        rating=Rating(r.rating),
        note=r.note or "",
        updated=r.updated,
        created=r.created,
        **track_fields(r),
    )


def row_record(r: AchClaim, position: int | None = None) -> AchRowRecord:
    from app.analysis.records import AchRowRecord

    return AchRowRecord(
        brief_id=r.brief_id,
        claim_id=r.claim_id,
        position=r.position if position is None else position,
        created=r.created,
        updated=r.updated,
        **track_fields(r),
    )


def keep_identity(row: Tracked, rec: HypothesisRecord | RatingRecord | AchRowRecord) -> None:
    """An undone delete: the same record (uuid, who made it, when), a newer version."""
    if rec.uuid:
        row.uuid = rec.uuid
    row.version = rec.version + 1
    row.created_by = rec.created_by


T = TypeVar("T")


def renumber(items: Sequence[Any]) -> None:
    """Positions 1..n in the given order (a move of its neighbours is not an edit of a record: no version)."""
    for i, item in enumerate(items, start=1):
        if item.position != i:
            item.position = i


def insert_at(items: list[T], item: T, position: int | None) -> list[T]:
    """``items`` (in order, without ``item``) with ``item`` inserted at 1-based ``position`` (None: last)."""
    index = len(items) if position is None else max(0, min(int(position) - 1, len(items)))
    return items[:index] + [item] + items[index:]


def parse_position(value: object) -> int | None:
    if value is None:
        return None
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        raise ValidationError(f"'{value}' is not a position; use a whole number from 1.") from None
    if number < 1:
        raise ValidationError(f"'{value}' is not a position; use a whole number from 1.")
    return number


def get_brief(s: Session, brief_id: int) -> Brief:
    from app.storage.models import Brief

    brief: Brief | None = s.get(Brief, int(brief_id))
    if brief is None:
        raise NotFoundError("brief", brief_id)
    return brief


def ordered_hypotheses(s: Session, brief_id: int) -> list[Hypothesis]:
    from app.storage.models import Hypothesis

    return list(
        s.scalars(
            select(Hypothesis)
            .where(t_hypotheses.c.brief_id == brief_id)
            .order_by(t_hypotheses.c.position, t_hypotheses.c.id)
        )
    )


def ordered_rows(s: Session, brief_id: int) -> list[AchClaim]:
    from app.storage.models import AchClaim
    from app.storage.tables_more import ach_claims as t_ach_claims

    return list(
        s.scalars(
            select(AchClaim)
            .where(t_ach_claims.c.brief_id == brief_id)
            .order_by(t_ach_claims.c.position, t_ach_claims.c.id)
        )
    )


def row_claim_ids(s: Session, brief_id: int) -> set[int]:
    from app.storage.tables_more import ach_claims as t_ach_claims

    return set(s.scalars(select(t_ach_claims.c.claim_id).where(t_ach_claims.c.brief_id == brief_id)))


def cited_claims(s: Session | Connection, brief_id: int) -> list[int]:
    from app.storage.tables_more import brief_citations as t_brief_citations

    rows = s.execute(
        select(t_brief_citations.c.ident)
        .where(t_brief_citations.c.brief_id == brief_id, t_brief_citations.c.kind == "claim")
        .order_by(t_brief_citations.c.line, t_brief_citations.c.col)
    ).all()
    ids = list(dict.fromkeys(int(r.ident) for r in rows))
    if not ids:
        return []
    existing = set(s.scalars(select(t_claims.c.id).where(t_claims.c.id.in_(ids))))
    return [i for i in ids if i in existing]


# --- a claim's place in matrices, kept when the claim is deleted so its undo can put it back ------------


def snapshot_claim(s: Session, claim_id: int) -> dict[str, list[Any]]:
    """The matrix rows and ratings of a claim (called by ClaimService.delete before the cascade)."""
    from app.storage.models import AchClaim, AchRating
    from app.storage.tables_more import ach_claims as t_ach_claims
    from app.storage.tables_more import ach_ratings as t_ach_ratings

    rows = [row_record(r) for r in s.scalars(select(AchClaim).where(t_ach_claims.c.claim_id == claim_id))]
    ratings = [
        rating_record(r) for r in s.scalars(select(AchRating).where(t_ach_ratings.c.claim_id == claim_id))
    ]
    return {"rows": rows, "ratings": ratings} if rows or ratings else {}


def restore_claim(s: Session, snapshot: dict[str, list[Any]], user: str) -> None:
    """Put a restored claim back in the matrices it was in (positions as they were, where still possible;
    the same records, a newer version)."""
    from app.storage.models import AchClaim, AchRating, Brief, Hypothesis
    from app.tracking import stamp_new

    for rec in snapshot.get("rows", []):
        if s.get(Brief, rec.brief_id) is None:
            continue
        current = ordered_rows(s, rec.brief_id)
        if any(r.claim_id == rec.claim_id for r in current):
            continue
        row = AchClaim(
            brief_id=rec.brief_id, claim_id=rec.claim_id, position=0, created=rec.created, updated=utcnow()
        )
        keep_identity(row, rec)
        stamp_new(row, user)
        row.updated_by = user
        s.add(row)
        renumber(insert_at(current, row, rec.position))
    for r in snapshot.get("ratings", []):
        if s.get(Hypothesis, r.hypothesis_id) is None:
            continue
        if s.get(AchRating, (r.hypothesis_id, r.claim_id)) is not None:
            continue
        cell = AchRating(
            hypothesis_id=r.hypothesis_id,
            claim_id=r.claim_id,
            rating=r.rating.value,
            note=r.note,
            created=r.created or r.updated,
            updated=utcnow(),
        )
        keep_identity(cell, r)
        stamp_new(cell, user)
        cell.updated_by = user
        s.add(cell)
    s.flush()
