"""Analysis of competing hypotheses (ACH), per brief: hypotheses, the matrix's claims, ratings, the scores.

``lib.ach`` is the one way to them. Each public method is one transaction; every change returns a ``Change``
and ``lib.ach.revert(change)`` undoes it (returning a ``Change`` that ``revert`` undoes in turn), so the GUI's
undo stack and the command line use the same calls.

Changes (``entity``/``action``; ``id`` is the hypothesis id, or the brief id for rows):

- ``hypothesis`` created / updated / deleted (``extra["ratings"]``: its ratings) / restored
- ``ach_row`` created (``after``: the rows added) / updated (a row moved) / deleted (``before``: the rows,
  ``extra["ratings"]``: their ratings) / restored
- ``ach_rating`` created / updated / deleted (a cell cleared); ``extra["row_added"]``: the row the rating
  added to the matrix, when the claim was not a row yet

The matrix (``lib.ach.matrix(brief_id)``) is computed on every call from the stored ratings and the claims'
current grades and denials; see ``app.analysis.scoring`` for the weights and the scores.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any, TypeVar

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from app._text import clean_line, norm_key
from app.analysis import scoring
from app.analysis.assumptions import parse_judgment
from app.analysis.model import (
    AchMatrix,
    AchRow,
    AchRowRecord,
    HypothesisRecord,
    HypothesisScore,
    Rating,
    RatingRecord,
    Sensitivity,
    Suggestion,
)
from app.domain import Change, ClaimRecord, ClaimStatus
from app.errors import ConflictError, NotFoundError, ValidationError
from app.storage.models import (
    AchClaim,
    AchRating,
    Brief,
    BriefCitation,
    Claim,
    ClaimLink,
    Hypothesis,
    Source,
    Tracked,
    utcnow,
)
from app.tracking import check_version, for_update, stamp_new, touch

if TYPE_CHECKING:
    from app.storage.store import Store

_RATINGS = {r.value: r for r in Rating}
MAX_HYPOTHESES = 50  # Heuer works with three to seven; a matrix wider than this is no longer readable
MAX_ROWS = 1000
MAX_TEXT = 2000
MAX_NOTE = 4000


def _track(rec: object) -> dict[str, Any]:
    return {
        "uuid": str(getattr(rec, "uuid", "") or ""),
        "version": int(getattr(rec, "version", 1) or 1),
        "created_by": getattr(rec, "created_by", "") or "",
        "updated_by": getattr(rec, "updated_by", "") or "",
    }


def _hyp(h: Hypothesis) -> HypothesisRecord:
    return HypothesisRecord(
        id=h.id,
        brief_id=h.brief_id,
        position=h.position,
        text=h.text,
        created=h.created,
        updated=h.updated,
        judgment=h.judgment,
        **_track(h),
    )


def _rating(r: AchRating) -> RatingRecord:
    return RatingRecord(
        hypothesis_id=r.hypothesis_id,
        claim_id=r.claim_id,
        rating=Rating(r.rating),
        note=r.note or "",
        updated=r.updated,
        created=r.created,
        **_track(r),
    )


def _row(r: AchClaim, position: int | None = None) -> AchRowRecord:
    return AchRowRecord(
        brief_id=r.brief_id,
        claim_id=r.claim_id,
        position=r.position if position is None else position,
        created=r.created,
        updated=r.updated,
        **_track(r),
    )


def _keep_identity(row: Tracked, rec: HypothesisRecord | RatingRecord | AchRowRecord) -> None:
    """An undone delete: the same record (uuid, who made it, when), a newer version."""
    if rec.uuid:
        row.uuid = rec.uuid
    row.version = rec.version + 1
    row.created_by = rec.created_by


T = TypeVar("T")


def _renumber(items: Sequence[Any]) -> None:
    """Positions 1..n in the given order (a move of its neighbours is not an edit of a record: no version)."""
    for i, item in enumerate(items, start=1):
        if item.position != i:
            item.position = i


def _place(items: list[T], item: T, position: int | None) -> list[T]:
    """``items`` (in order, without ``item``) with ``item`` inserted at 1-based ``position`` (None: last)."""
    index = len(items) if position is None else max(0, min(int(position) - 1, len(items)))
    return items[:index] + [item] + items[index:]


def _position(value: object) -> int | None:
    if value is None:
        return None
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        raise ValidationError(f"'{value}' is not a position; use a whole number from 1.") from None
    if number < 1:
        raise ValidationError(f"'{value}' is not a position; use a whole number from 1.")
    return number


def _brief(s: Session, brief_id: int) -> Brief:
    brief: Brief | None = s.get(Brief, int(brief_id))
    if brief is None:
        raise NotFoundError("brief", brief_id)
    return brief


def _ordered_hypotheses(s: Session, brief_id: int) -> list[Hypothesis]:
    return list(
        s.scalars(
            select(Hypothesis)
            .where(Hypothesis.brief_id == brief_id)
            .order_by(Hypothesis.position, Hypothesis.id)
        )
    )


def _ordered_rows(s: Session, brief_id: int) -> list[AchClaim]:
    return list(
        s.scalars(
            select(AchClaim).where(AchClaim.brief_id == brief_id).order_by(AchClaim.position, AchClaim.id)
        )
    )


def _row_claim_ids(s: Session, brief_id: int) -> set[int]:
    return set(s.scalars(select(AchClaim.claim_id).where(AchClaim.brief_id == brief_id)))


def _cited_claims(s: Session, brief_id: int) -> list[int]:
    rows = s.execute(
        select(BriefCitation.ident)
        .where(BriefCitation.brief_id == brief_id, BriefCitation.kind == "claim")
        .order_by(BriefCitation.line, BriefCitation.col)
    ).all()
    ids = list(dict.fromkeys(int(r.ident) for r in rows))
    if not ids:
        return []
    existing = set(s.scalars(select(Claim.id).where(Claim.id.in_(ids))))
    return [i for i in ids if i in existing]


class _Keep:
    """The default of an optional field that None would clear: leave it as it is."""


KEEP = _Keep()


class AchService:
    def __init__(self, lib: Store) -> None:
        self._lib = lib

    # --- hypotheses ------------------------------------------------------------------------------------
    def hypotheses(self, brief_id: int) -> list[HypothesisRecord]:
        """The brief's hypotheses in the analyst's order."""
        with self._lib.reading() as s:
            _brief(s, brief_id)
            return [_hyp(h) for h in _ordered_hypotheses(s, int(brief_id))]

    def hypothesis(self, hypothesis_id: int) -> HypothesisRecord:
        with self._lib.reading() as s:
            h: Hypothesis | None = s.get(Hypothesis, int(hypothesis_id))
            if h is None:
                raise NotFoundError("hypothesis", hypothesis_id)
            return _hyp(h)

    @staticmethod
    def _clean_text(text: object) -> str:
        return clean_line(text, what="hypothesis", required=True, max_len=MAX_TEXT)

    @staticmethod
    def _refuse_duplicate(others: Iterable[Hypothesis], text: str) -> None:
        key = norm_key(text)
        for other in others:
            if norm_key(other.text) == key:
                raise ConflictError(
                    f"Brief {other.brief_id} already has this hypothesis (H{other.position})."
                )

    def add_hypothesis(
        self,
        brief_id: int,
        text: str,
        *,
        position: int | None = None,
        judgment: int | str | None = None,
        hypothesis_id: int | None = None,
        identity: HypothesisRecord | None = None,
    ) -> Change[HypothesisRecord]:
        """Add a hypothesis (a column of the matrix), last or at the 1-based ``position``; ``judgment``: the
        key judgment that states it, if any. (``hypothesis_id`` and ``identity``: an undone delete brings
        back the same record.)"""
        text = self._clean_text(text)
        place = _position(position)
        tied = parse_judgment(judgment)
        with self._lib.writing() as s:
            _brief(s, brief_id)
            others = _ordered_hypotheses(s, int(brief_id))
            if len(others) >= MAX_HYPOTHESES:
                raise ValidationError(
                    f"Brief {brief_id} already has {MAX_HYPOTHESES} hypotheses, the most a matrix can hold."
                )
            self._refuse_duplicate(others, text)
            if hypothesis_id is not None and s.get(Hypothesis, int(hypothesis_id)) is not None:
                raise ConflictError(f"Hypothesis {hypothesis_id} already exists.")
            now = utcnow()
            h = Hypothesis(
                id=hypothesis_id,
                brief_id=int(brief_id),
                position=0,
                text=text,
                judgment=tied,
                created=now,
                updated=now,
            )
            if identity is not None:
                _keep_identity(h, identity)
                h.created = identity.created
            stamp_new(h, self._lib.user, now)
            s.add(h)
            _renumber(_place(others, h, place))
            s.flush()
            self._lib.log_change(s, "hypothesis", h.id, "created" if identity is None else "restored")
            record = _hyp(h)
        return Change(
            "hypothesis", "created", record.id, after=record, affected=(("brief", record.brief_id),)
        )

    def update_hypothesis(
        self,
        hypothesis_id: int,
        *,
        text: str | None = None,
        position: int | None = None,
        judgment: int | str | None | _Keep = KEEP,
        if_version: int | None = None,
    ) -> Change[HypothesisRecord]:
        """Reword a hypothesis, move it to another 1-based position, or tie it to the key judgment that
        states it (``judgment``: a number, or None to untie it). ``if_version``: the version the user edited
        (a newer stored one is someone else's edit: StaleEditError, nothing written)."""
        if text is None and position is None and isinstance(judgment, _Keep):
            raise ValidationError("Nothing to change: give a new text, a position or a key judgment.")
        tied = None if isinstance(judgment, _Keep) else parse_judgment(judgment)
        new_text = None if text is None else self._clean_text(text)
        place = _position(position)
        with self._lib.writing() as s:
            h = for_update(s, Hypothesis, int(hypothesis_id), "hypothesis", if_version)
            before = _hyp(h)
            others = [o for o in _ordered_hypotheses(s, h.brief_id) if o.id != h.id]
            if new_text is not None and new_text != h.text:
                self._refuse_duplicate(others, new_text)
                h.text = new_text
            if place is not None:
                _renumber(_place(others, h, place))
            if not isinstance(judgment, _Keep):
                h.judgment = tied
            touch(h, self._lib.user)
            s.flush()
            self._lib.log_change(s, "hypothesis", h.id, "updated")
            after = _hyp(h)
        return Change(
            "hypothesis",
            "updated",
            after.id,
            before=before,
            after=after,
            affected=(("brief", after.brief_id),),
        )

    def delete_hypothesis(
        self, hypothesis_id: int, *, if_version: int | None = None
    ) -> Change[HypothesisRecord]:
        """Delete a hypothesis and its ratings (kept in ``extra["ratings"]`` for ``revert``)."""
        with self._lib.writing() as s:
            h = for_update(s, Hypothesis, int(hypothesis_id), "hypothesis", if_version)
            before = _hyp(h)
            ratings = [
                _rating(r) for r in s.scalars(select(AchRating).where(AchRating.hypothesis_id == h.id))
            ]
            others = [o for o in _ordered_hypotheses(s, h.brief_id) if o.id != h.id]
            s.delete(h)
            s.flush()
            _renumber(others)
            self._lib.log_change(s, "hypothesis", before.id, "deleted")
        return Change(
            "hypothesis",
            "deleted",
            before.id,
            before=before,
            affected=(("brief", before.brief_id),),
            extra={"ratings": ratings},
        )

    def _restore_hypothesis(self, change: Change[HypothesisRecord]) -> Change[HypothesisRecord]:
        rec = change.before
        if rec is None:
            raise ValidationError("Only a deleted hypothesis can be restored.")
        with self._lib.transaction():
            created = self.add_hypothesis(
                rec.brief_id,
                rec.text,
                position=rec.position,
                judgment=rec.judgment,
                hypothesis_id=rec.id,
                identity=rec,
            )
            with self._lib.writing() as s:
                rows = _row_claim_ids(s, rec.brief_id)
                for r in change.extra.get("ratings", []):
                    if r.claim_id in rows:
                        s.add(self._rating_row(r))
        return Change(
            "hypothesis", "restored", rec.id, after=created.after, affected=(("brief", rec.brief_id),)
        )

    def _rating_row(self, rec: RatingRecord) -> AchRating:
        """A cell as it was recorded (for undo): the same identity, a newer version."""
        row = AchRating(
            hypothesis_id=rec.hypothesis_id,
            claim_id=rec.claim_id,
            rating=rec.rating.value,
            note=rec.note,
            created=rec.created or rec.updated,
            updated=utcnow(),
        )
        _keep_identity(row, rec)
        stamp_new(row, self._lib.user)
        row.updated_by = self._lib.user
        return row

    # --- rows (the matrix's claims) --------------------------------------------------------------------
    def rows(self, brief_id: int) -> list[AchRowRecord]:
        with self._lib.reading() as s:
            _brief(s, brief_id)
            return [_row(r, i) for i, r in enumerate(_ordered_rows(s, int(brief_id)), start=1)]

    def add_claims(
        self, brief_id: int, claim_ids: Iterable[int], *, position: int | None = None
    ) -> Change[tuple[AchRowRecord, ...]]:
        """Make claims rows of the brief's matrix (last, or from the 1-based ``position``). Claims that are
        rows already are skipped (``extra["skipped"]``)."""
        ids = list(dict.fromkeys(int(c) for c in claim_ids))
        if not ids:
            raise ValidationError("Name at least one claim to add to the matrix.")
        place = _position(position)
        with self._lib.writing() as s:
            added, skipped = self._add_rows(s, int(brief_id), ids, place)
        return Change(
            "ach_row",
            "created",
            int(brief_id),
            after=added,
            affected=(("brief", int(brief_id)),),
            extra={"skipped": skipped},
        )

    def _add_rows(
        self, s: Session, brief_id: int, ids: list[int], position: int | None
    ) -> tuple[tuple[AchRowRecord, ...], list[int]]:
        _brief(s, brief_id)
        found: set[int] = set()
        for start in range(0, len(ids), 900):
            found |= set(s.scalars(select(Claim.id).where(Claim.id.in_(ids[start : start + 900]))))
        for cid in ids:
            if cid not in found:
                raise NotFoundError("claim", cid)
        rows = _ordered_rows(s, brief_id)
        present = {r.claim_id for r in rows}
        new_ids = [c for c in ids if c not in present]
        skipped = [c for c in ids if c in present]
        if len(rows) + len(new_ids) > MAX_ROWS:
            raise ValidationError(
                f"A matrix holds at most {MAX_ROWS} claims; brief {brief_id} has {len(rows)} and "
                f"{len(new_ids)} more were asked for."
            )
        now = utcnow()
        new_rows = [
            AchClaim(brief_id=brief_id, claim_id=c, position=0, created=now, updated=now) for c in new_ids
        ]
        for row in new_rows:
            stamp_new(row, self._lib.user, now)
        s.add_all(new_rows)
        index = len(rows) if position is None else max(0, min(position - 1, len(rows)))
        _renumber(rows[:index] + new_rows + rows[index:])
        s.flush()
        if new_rows:
            self._lib.log_change(s, "ach_row", brief_id, "created")
        return tuple(_row(r) for r in new_rows), skipped

    def add_cited(self, brief_id: int) -> Change[tuple[AchRowRecord, ...]]:
        """Add every claim the brief cites (as last saved) that is not a row yet, in order of first citation."""
        with self._lib.writing() as s:
            _brief(s, brief_id)
            cited = _cited_claims(s, int(brief_id))
            if not cited:
                raise ValidationError(f"Brief {brief_id} cites no claims yet.")
            added, skipped = self._add_rows(s, int(brief_id), cited, None)
        return Change(
            "ach_row",
            "created",
            int(brief_id),
            after=added,
            affected=(("brief", int(brief_id)),),
            extra={"skipped": skipped},
        )

    def remove_claims(self, brief_id: int, claim_ids: Iterable[int]) -> Change[tuple[AchRowRecord, ...]]:
        """Take claims out of the brief's matrix, with their ratings (kept for ``revert``)."""
        ids = list(dict.fromkeys(int(c) for c in claim_ids))
        gone = set(ids)
        with self._lib.writing() as s:
            _brief(s, brief_id)
            rows = _ordered_rows(s, int(brief_id))
            present = {r.claim_id for r in rows}
            for cid in ids:
                if cid not in present:
                    raise ValidationError(f"Claim c{cid} is not in the matrix of brief {brief_id}.")
            hyp_ids = [h.id for h in _ordered_hypotheses(s, int(brief_id))]
            ratings: list[RatingRecord] = []
            if hyp_ids:
                cond = (AchRating.hypothesis_id.in_(hyp_ids), AchRating.claim_id.in_(ids))
                ratings = [_rating(r) for r in s.scalars(select(AchRating).where(*cond))]
                s.execute(delete(AchRating).where(*cond))
            removed = []
            for i, r in enumerate(rows, start=1):
                if r.claim_id in gone:
                    removed.append(_row(r, i))
                    s.delete(r)
            s.flush()
            _renumber([r for r in rows if r.claim_id not in gone])
            self._lib.log_change(s, "ach_row", int(brief_id), "deleted")
        return Change(
            "ach_row",
            "deleted",
            int(brief_id),
            before=tuple(removed),
            affected=(("brief", int(brief_id)),),
            extra={"ratings": ratings},
        )

    def move_claim(self, brief_id: int, claim_id: int, position: int) -> Change[AchRowRecord]:
        """Move a row of the matrix to another 1-based position."""
        place = _position(position)
        with self._lib.writing() as s:
            _brief(s, brief_id)
            rows = _ordered_rows(s, int(brief_id))
            _renumber(rows)
            row = next((r for r in rows if r.claim_id == int(claim_id)), None)
            if row is None:
                raise ValidationError(f"Claim c{claim_id} is not in the matrix of brief {brief_id}.")
            before = _row(row)
            _renumber(_place([r for r in rows if r is not row], row, place))
            touch(row, self._lib.user)
            s.flush()
            self._lib.log_change(s, "ach_row", int(brief_id), "updated")
            after = _row(row)
        return Change(
            "ach_row",
            "updated",
            int(brief_id),
            before=before,
            after=after,
            affected=(("brief", int(brief_id)),),
        )

    def _restore_rows(self, change: Change[tuple[AchRowRecord, ...]]) -> Change[tuple[AchRowRecord, ...]]:
        rows = change.before or ()
        brief_id = change.id
        with self._lib.writing() as s:
            _brief(s, brief_id)
            current = _ordered_rows(s, brief_id)
            present = {r.claim_id for r in current}
            existing_claims = set(s.scalars(select(Claim.id).where(Claim.id.in_([r.claim_id for r in rows]))))
            order = list(current)
            restored = []
            for rec in sorted(rows, key=lambda r: r.position):
                if rec.claim_id in present or rec.claim_id not in existing_claims:
                    continue
                row = AchClaim(
                    brief_id=brief_id,
                    claim_id=rec.claim_id,
                    position=0,
                    created=rec.created,
                    updated=utcnow(),
                )
                _keep_identity(row, rec)
                stamp_new(row, self._lib.user)
                row.updated_by = self._lib.user
                s.add(row)
                order = _place(order, row, rec.position)
                restored.append(row)
            _renumber(order)
            hyp_ids = {h.id for h in _ordered_hypotheses(s, brief_id)}
            back = {r.claim_id for r in restored}
            for r in change.extra.get("ratings", []):
                if r.hypothesis_id in hyp_ids and r.claim_id in back:
                    s.add(self._rating_row(r))
            s.flush()
            self._lib.log_change(s, "ach_row", brief_id, "restored")
            after = tuple(_row(r) for r in restored)
        return Change("ach_row", "restored", brief_id, after=after, affected=(("brief", brief_id),))

    # --- ratings ---------------------------------------------------------------------------------------
    def rate(
        self,
        hypothesis_id: int,
        claim_id: int,
        rating: str | Rating | None,
        *,
        note: str | None = None,
        if_version: int | None = None,
    ) -> Change[RatingRecord]:
        """Rate a claim against a hypothesis (CC, C, N, I, II, NA), or clear the cell (``rating`` None or
        empty). A claim that is not a row of the brief's matrix yet becomes its last row
        (``extra["row_added"]``). ``note``: the analyst's reason for the rating (None keeps the note).
        ``if_version``: the cell's version the user saw (a newer one is someone else's rating)."""
        value = None if rating is None or str(rating).strip() in ("", "-") else Rating.parse(rating)
        if note is not None:
            note = clean_line(note, what="note", max_len=MAX_NOTE, one_line=False)
        with self._lib.writing() as s:
            h: Hypothesis | None = s.get(Hypothesis, int(hypothesis_id))
            if h is None:
                raise NotFoundError("hypothesis", hypothesis_id)
            if s.get(Claim, int(claim_id)) is None:
                raise NotFoundError("claim", claim_id)
            cell: AchRating | None = s.get(AchRating, (h.id, int(claim_id)), with_for_update=True)
            if cell is not None:
                check_version(cell, "rating", int(claim_id), if_version)
            before = None if cell is None else _rating(cell)
            affected = (("brief", h.brief_id), ("claim", int(claim_id)))
            if value is None:
                if cell is None:
                    return Change(
                        "ach_rating", "unchanged", h.id, affected=affected, extra={"row_added": None}
                    )
                s.delete(cell)
                s.flush()
                self._lib.log_change(s, "ach_rating", h.id, "deleted")
                return Change(
                    "ach_rating", "deleted", h.id, before=before, affected=affected, extra={"row_added": None}
                )
            row_added = None
            if int(claim_id) not in _row_claim_ids(s, h.brief_id):
                added, _ = self._add_rows(s, h.brief_id, [int(claim_id)], None)
                row_added = added[0]
            now = utcnow()
            if cell is None:
                cell = AchRating(
                    hypothesis_id=h.id,
                    claim_id=int(claim_id),
                    rating=value.value,
                    note=note or "",
                    created=now,
                    updated=now,
                )
                stamp_new(cell, self._lib.user, now)
                s.add(cell)
            else:
                cell.rating = value.value
                if note is not None:
                    cell.note = note
                touch(cell, self._lib.user, now)
            s.flush()
            self._lib.log_change(s, "ach_rating", h.id, "created" if before is None else "updated")
            after = _rating(cell)
        return Change(
            "ach_rating",
            "created" if before is None else "updated",
            after.hypothesis_id,
            before=before,
            after=after,
            affected=affected,
            extra={"row_added": row_added},
        )

    def rating(self, hypothesis_id: int, claim_id: int) -> RatingRecord | None:
        with self._lib.reading() as s:
            if s.get(Hypothesis, int(hypothesis_id)) is None:
                raise NotFoundError("hypothesis", hypothesis_id)
            cell: AchRating | None = s.get(AchRating, (int(hypothesis_id), int(claim_id)))
            return None if cell is None else _rating(cell)

    def _put_rating(self, rec: RatingRecord) -> Change[RatingRecord]:
        """Write a cell back as recorded (for revert): its rating and note, a newer version."""
        with self._lib.writing() as s:
            h: Hypothesis | None = s.get(Hypothesis, rec.hypothesis_id)
            if h is None:
                raise NotFoundError("hypothesis", rec.hypothesis_id)
            cell: AchRating | None = s.get(AchRating, (rec.hypothesis_id, rec.claim_id), with_for_update=True)
            before = None if cell is None else _rating(cell)
            if cell is None:
                if rec.claim_id not in _row_claim_ids(s, h.brief_id):
                    self._add_rows(s, h.brief_id, [rec.claim_id], None)
                cell = self._rating_row(rec)
                s.add(cell)
            else:
                cell.rating, cell.note = rec.rating.value, rec.note
                touch(cell, self._lib.user)
            s.flush()
            self._lib.log_change(s, "ach_rating", rec.hypothesis_id, "updated")
            after = _rating(cell)
        return Change(
            "ach_rating",
            "created" if before is None else "updated",
            rec.hypothesis_id,
            before=before,
            after=after,
            affected=(("brief", h.brief_id), ("claim", rec.claim_id)),
            extra={"row_added": None},
        )

    # --- undo ------------------------------------------------------------------------------------------
    def revert(self, change: Change[Any]) -> Change[Any]:
        """Undo a change this service made; the result is itself a change ``revert`` can undo (redo)."""
        if change.entity == "hypothesis":
            if change.action in ("created", "restored"):
                return self.delete_hypothesis(change.id)
            if change.action == "deleted":
                return self._restore_hypothesis(change)
            if change.action == "updated" and change.before is not None:
                before: HypothesisRecord = change.before
                return self.update_hypothesis(
                    change.id, text=before.text, position=before.position, judgment=before.judgment
                )
        elif change.entity == "ach_row":
            if change.action in ("created", "restored"):
                claims = [r.claim_id for r in change.after or ()]
                if not claims:
                    return Change("ach_row", "unchanged", change.id)
                return self.remove_claims(change.id, claims)
            if change.action == "deleted":
                return self._restore_rows(change)
            if change.action == "updated" and change.before is not None:
                return self.move_claim(change.id, change.before.claim_id, change.before.position)
        elif change.entity == "ach_rating":
            if change.action == "unchanged":
                return change
            row_added: AchRowRecord | None = change.extra.get("row_added")
            if row_added is not None:
                return self.remove_claims(row_added.brief_id, [row_added.claim_id])
            if change.before is None and change.after is not None:
                return self.rate(change.after.hypothesis_id, change.after.claim_id, None)
            if change.before is not None:
                return self._put_rating(change.before)
        raise ValidationError(f"This change cannot be undone here ({change.entity} {change.action}).")

    # --- the matrix ------------------------------------------------------------------------------------
    def matrix(self, brief_id: int) -> AchMatrix:
        """The brief's matrix with its scores, ranking, diagnosticity, suggestions and sensitivity."""
        from app.claims import claim_select, row_to_record

        with self._lib.reading() as s:
            _brief(s, brief_id)
            brief_id = int(brief_id)
            hyps = [_hyp(h) for h in _ordered_hypotheses(s, brief_id)]
            row_models = _ordered_rows(s, brief_id)
            claim_ids = [r.claim_id for r in row_models]
            claims: dict[int, ClaimRecord] = {}
            for start in range(0, len(claim_ids), 500):
                chunk = claim_ids[start : start + 500]
                for row in s.execute(claim_select().where(Claim.id.in_(chunk))):
                    claims[row.id] = row_to_record(row)
            # the cells as plain rows (hypothesis, claim, rating, note): loading 50,000 ORM objects for the
            # largest matrix took seconds
            cells: dict[int, dict[int, tuple[str, str]]] = {c: {} for c in claim_ids}
            if hyps and claim_ids:
                for h_id, c_id, rating, note in s.execute(
                    select(
                        AchRating.hypothesis_id, AchRating.claim_id, AchRating.rating, AchRating.note
                    ).where(AchRating.hypothesis_id.in_([h.id for h in hyps]))
                ):
                    if c_id in cells:
                        cells[c_id][h_id] = (rating, note or "")
            # open denials of each row's claim (the denying claim not retracted), with their grades
            denials: dict[int, list[tuple[int, str, int]]] = {c: [] for c in claim_ids}
            for start in range(0, len(claim_ids), 500):
                chunk = claim_ids[start : start + 500]
                for link_from, link_to, reliability, credibility in s.execute(
                    select(
                        ClaimLink.from_claim_id, ClaimLink.to_claim_id, Source.reliability, Claim.credibility
                    )
                    .join(Claim, Claim.id == ClaimLink.from_claim_id)
                    .join(Source, Source.id == Claim.source_id)
                    .where(
                        ClaimLink.kind == "denies",
                        ClaimLink.to_claim_id.in_(chunk),
                        Claim.status != ClaimStatus.RETRACTED.value,
                    )
                ):
                    denials[link_to].append((link_from, reliability, credibility))
            cited = _cited_claims(s, brief_id)
        return build_matrix(brief_id, hyps, claim_ids, claims, cells, denials, cited)


def build_matrix(
    brief_id: int,
    hyps: list[HypothesisRecord],
    claim_ids: list[int],
    claims: dict[int, ClaimRecord],
    cells: dict[int, dict[int, tuple[str, str]]],
    denials: dict[int, list[tuple[int, str, int]]],
    cited: list[int],
) -> AchMatrix:
    hyp_ids = [h.id for h in hyps]
    label = {h.id: h.label for h in hyps}
    score_rows: list[scoring.Row] = []
    weights: dict[int, tuple[Fraction, Fraction, tuple[str, ...], bool]] = {}
    in_matrix = set(claim_ids)
    denial_pairs: list[tuple[int, int]] = []
    for cid in claim_ids:
        claim = claims[cid]
        base = scoring.grade_weight(claim.source_reliability, claim.credibility)
        retracted = claim.status is ClaimStatus.RETRACTED
        open_denials = denials.get(cid, [])
        effective = scoring.effective_weight(
            base, (scoring.grade_weight(r, c) for _, r, c in open_denials), retracted=retracted
        )
        weights[cid] = (base, effective, tuple(f"{r}{c}" for _, r, c in open_denials), retracted)
        ratings = {h: _RATINGS[cell[0]] for h, cell in cells.get(cid, {}).items()}
        score_rows.append(scoring.Row(cid, effective, ratings))
        denial_pairs += [(denier, cid) for denier, _, _ in open_denials if denier in in_matrix]
    contribs = [scoring.contributions(r) for r in score_rows]
    totals = scoring.scores(hyp_ids, score_rows, contribs)
    best = scoring.leaders(hyp_ids, totals)
    ranked = scoring.ranks(hyp_ids, totals)
    by_id = {h.id: h for h in hyps}
    ranking = []
    tallies = {h: [0, 0, 0] for h in hyp_ids}  # inconsistent, consistent, rated
    for r in score_rows:
        for h, rating in r.ratings.items():
            t = tallies.get(h)
            if t is not None:
                t[2] += 1
                if rating is Rating.I or rating is Rating.II:
                    t[0] += 1
                elif rating is Rating.C or rating is Rating.CC:
                    t[1] += 1
    for h_id, rank in ranked:
        bad, good, rated = tallies[h_id]
        ranking.append(
            HypothesisScore(
                hypothesis_id=h_id,
                position=by_id[h_id].position,
                text=by_id[h_id].text,
                score=float(totals[h_id]),
                rank=rank,
                inconsistent=bad,
                consistent=good,
                unrated=len(score_rows) - rated,
            )
        )
    rows = []
    for i, (cid, srow, added) in enumerate(zip(claim_ids, score_rows, contribs, strict=True), start=1):
        base, effective, denial_grades, retracted = weights[cid]
        rows.append(
            AchRow(
                claim_id=cid,
                position=i,
                claim=claims[cid],
                grade=claims[cid].grade,
                weight=float(base),
                effective_weight=float(effective),
                denial_grades=denial_grades,
                retracted=retracted,
                ratings=dict(srow.ratings),
                notes={h: cell[1] for h, cell in cells.get(cid, {}).items() if cell[1]},
                diagnostic=scoring.diagnostic(srow.ratings),
                spread=float(scoring.spread(hyp_ids, srow, added)),
                critical=scoring.critical(hyp_ids, totals, srow, added, best),
            )
        )
    ratings_by_claim = {r.claim_id: r.ratings for r in score_rows}
    suggestions = []
    for value in scoring.suggestions(hyp_ids, ratings_by_claim, denial_pairs):
        denier = next(
            (d for d, t in denial_pairs if {d, t} == {value.claim_id, value.because_claim_id}), value.claim_id
        )
        suggestions.append(
            Suggestion(
                hypothesis_id=value.hypothesis_id,
                claim_id=value.claim_id,
                rating=value.rating,
                because_claim_id=value.because_claim_id,
                because_rating=value.because_rating,
                kind=value.kind,
                reason=scoring.describe_suggestion(value, label, denier=denier),
            )
        )
    sens = scoring.sensitivity(hyp_ids, score_rows, totals=totals, contribs=contribs)
    sensitivity = Sensitivity(
        claim_id=sens.claim_id,
        spread=float(sens.spread),
        ranking_without=tuple(h for h, _ in sens.ranks_without),
        scores_without={h: float(v) for h, v in sens.scores_without.items()},
        ranks_without=dict(sens.ranks_without),
        changed=sens.changed,
        leader_changed=sens.leader_changed,
        summary=scoring.describe_sensitivity(
            sens, ranked, label, claims[sens.claim_id].grade if sens.claim_id is not None else ""
        ),
    )
    return AchMatrix(
        brief_id=brief_id,
        hypotheses=tuple(hyps),
        rows=tuple(rows),
        ranking=tuple(ranking),
        suggestions=tuple(suggestions),
        sensitivity=sensitivity,
        candidates=tuple(c for c in cited if c not in in_matrix),
    )


# --- a claim's place in matrices, kept when the claim is deleted so its undo can put it back ------------


def snapshot_claim(s: Session, claim_id: int) -> dict[str, list[Any]]:
    """The matrix rows and ratings of a claim (called by ClaimService.delete before the cascade)."""
    rows = [_row(r) for r in s.scalars(select(AchClaim).where(AchClaim.claim_id == claim_id))]
    ratings = [_rating(r) for r in s.scalars(select(AchRating).where(AchRating.claim_id == claim_id))]
    return {"rows": rows, "ratings": ratings} if rows or ratings else {}


def restore_claim(s: Session, snapshot: dict[str, list[Any]], user: str) -> None:
    """Put a restored claim back in the matrices it was in (positions as they were, where still possible;
    the same records, a newer version)."""
    for rec in snapshot.get("rows", []):
        if s.get(Brief, rec.brief_id) is None:
            continue
        current = _ordered_rows(s, rec.brief_id)
        if any(r.claim_id == rec.claim_id for r in current):
            continue
        row = AchClaim(
            brief_id=rec.brief_id, claim_id=rec.claim_id, position=0, created=rec.created, updated=utcnow()
        )
        _keep_identity(row, rec)
        stamp_new(row, user)
        row.updated_by = user
        s.add(row)
        _renumber(_place(current, row, rec.position))
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
        _keep_identity(cell, r)
        stamp_new(cell, user)
        cell.updated_by = user
        s.add(cell)
    s.flush()
