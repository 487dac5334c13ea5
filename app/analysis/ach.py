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

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, select

from app._text import clean_line, norm_key
from app.analysis.ach_store import (
    cited_claims,
    get_brief,
    hypothesis_record,
    insert_at,
    keep_identity,
    ordered_hypotheses,
    ordered_rows,
    parse_position,
    rating_record,
    renumber,
    restore_claim,
    row_claim_ids,
    row_record,
    snapshot_claim,
)
from app.analysis.assumptions import parse_judgment
from app.analysis.scales import Rating
from app.domain import Change
from app.errors import ConflictError, NotFoundError, ValidationError
from app.storage.tables import claims as t_claims
from app.storage.tables import hypotheses as t_hypotheses
from app.storage.tables import utcnow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.analysis.model import AchMatrix
    from app.analysis.records import AchRowRecord, HypothesisRecord, RatingRecord
    from app.storage.models import AchRating, Hypothesis
    from app.storage.store import Store

__all__ = ["KEEP", "AchService", "restore_claim", "snapshot_claim"]

MAX_HYPOTHESES = 50  # Heuer works with three to seven; a matrix wider than this is no longer readable
MAX_ROWS = 1000
MAX_TEXT = 2000
MAX_NOTE = 4000


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
            get_brief(s, brief_id)
            return [hypothesis_record(h) for h in ordered_hypotheses(s, int(brief_id))]

    def has_hypotheses(self, brief_id: int) -> bool:
        """Whether the brief has a hypothesis (one cheap query: without one, its matrix ranks nothing)."""
        with self._lib.querying() as s:
            found = s.scalar(
                select(t_hypotheses.c.id).where(t_hypotheses.c.brief_id == int(brief_id)).limit(1)
            )
            return found is not None

    def hypothesis(self, hypothesis_id: int) -> HypothesisRecord:
        from app.storage.models import Hypothesis

        with self._lib.reading() as s:
            h: Hypothesis | None = s.get(Hypothesis, int(hypothesis_id))
            if h is None:
                raise NotFoundError("hypothesis", hypothesis_id)
            return hypothesis_record(h)

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
        from app.storage.models import Hypothesis
        from app.tracking import stamp_new

        text = self._clean_text(text)
        place = parse_position(position)
        tied = parse_judgment(judgment)
        with self._lib.writing() as s:
            get_brief(s, brief_id)
            others = ordered_hypotheses(s, int(brief_id))
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
                keep_identity(h, identity)
                h.created = identity.created
            stamp_new(h, self._lib.user, now)
            s.add(h)
            renumber(insert_at(others, h, place))
            s.flush()
            self._lib.log_change(s, "hypothesis", h.id, "created" if identity is None else "restored")
            record = hypothesis_record(h)
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
        from app.storage.models import Hypothesis
        from app.tracking import for_update, touch

        if text is None and position is None and isinstance(judgment, _Keep):
            raise ValidationError("Nothing to change: give a new text, a position or a key judgment.")
        tied = None if isinstance(judgment, _Keep) else parse_judgment(judgment)
        new_text = None if text is None else self._clean_text(text)
        place = parse_position(position)
        with self._lib.writing() as s:
            h = for_update(s, Hypothesis, int(hypothesis_id), "hypothesis", if_version)
            before = hypothesis_record(h)
            others = [o for o in ordered_hypotheses(s, h.brief_id) if o.id != h.id]
            if new_text is not None and new_text != h.text:
                self._refuse_duplicate(others, new_text)
                h.text = new_text
            if place is not None:
                renumber(insert_at(others, h, place))
            if not isinstance(judgment, _Keep):
                h.judgment = tied
            touch(h, self._lib.user)
            s.flush()
            self._lib.log_change(s, "hypothesis", h.id, "updated")
            after = hypothesis_record(h)
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
        from app.storage.models import AchRating, Hypothesis
        from app.storage.tables_more import ach_ratings as t_ach_ratings
        from app.tracking import for_update

        with self._lib.writing() as s:
            h = for_update(s, Hypothesis, int(hypothesis_id), "hypothesis", if_version)
            before = hypothesis_record(h)
            ratings = [
                rating_record(r)
                for r in s.scalars(select(AchRating).where(t_ach_ratings.c.hypothesis_id == h.id))
            ]
            others = [o for o in ordered_hypotheses(s, h.brief_id) if o.id != h.id]
            s.delete(h)
            s.flush()
            renumber(others)
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
                rows = row_claim_ids(s, rec.brief_id)
                for r in change.extra.get("ratings", []):
                    if r.claim_id in rows:
                        s.add(self._rating_row(r))
        return Change(
            "hypothesis", "restored", rec.id, after=created.after, affected=(("brief", rec.brief_id),)
        )

    def _rating_row(self, rec: RatingRecord) -> AchRating:
        """A cell as it was recorded (for undo): the same identity, a newer version."""
        from app.storage.models import AchRating
        from app.tracking import stamp_new

        row = AchRating(
            hypothesis_id=rec.hypothesis_id,
            claim_id=rec.claim_id,
            rating=rec.rating.value,
            note=rec.note,
            created=rec.created or rec.updated,
            updated=utcnow(),
        )
        keep_identity(row, rec)
        stamp_new(row, self._lib.user)
        row.updated_by = self._lib.user
        return row

    # --- rows (the matrix's claims) --------------------------------------------------------------------
    def rows(self, brief_id: int) -> list[AchRowRecord]:
        with self._lib.reading() as s:
            get_brief(s, brief_id)
            return [row_record(r, i) for i, r in enumerate(ordered_rows(s, int(brief_id)), start=1)]

    def add_claims(
        self, brief_id: int, claim_ids: Iterable[int], *, position: int | None = None
    ) -> Change[tuple[AchRowRecord, ...]]:
        """Make claims rows of the brief's matrix (last, or from the 1-based ``position``). Claims that are
        rows already are skipped (``extra["skipped"]``)."""
        ids = list(dict.fromkeys(int(c) for c in claim_ids))
        if not ids:
            raise ValidationError("Name at least one claim to add to the matrix.")
        place = parse_position(position)
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
        from app.storage.models import AchClaim
        from app.tracking import stamp_new

        get_brief(s, brief_id)
        found: set[int] = set()
        for start in range(0, len(ids), 900):
            found |= set(s.scalars(select(t_claims.c.id).where(t_claims.c.id.in_(ids[start : start + 900]))))
        for cid in ids:
            if cid not in found:
                raise NotFoundError("claim", cid)
        rows = ordered_rows(s, brief_id)
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
        renumber(rows[:index] + new_rows + rows[index:])
        s.flush()
        if new_rows:
            self._lib.log_change(s, "ach_row", brief_id, "created")
        return tuple(row_record(r) for r in new_rows), skipped

    def add_cited(self, brief_id: int) -> Change[tuple[AchRowRecord, ...]]:
        """Add every claim the brief cites (as last saved) that is not a row yet, in order of first citation."""
        with self._lib.writing() as s:
            get_brief(s, brief_id)
            cited = cited_claims(s, int(brief_id))
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
        from app.storage.models import AchRating
        from app.storage.tables_more import ach_ratings as t_ach_ratings

        ids = list(dict.fromkeys(int(c) for c in claim_ids))
        gone = set(ids)
        with self._lib.writing() as s:
            get_brief(s, brief_id)
            rows = ordered_rows(s, int(brief_id))
            present = {r.claim_id for r in rows}
            for cid in ids:
                if cid not in present:
                    raise ValidationError(f"Claim c{cid} is not in the matrix of brief {brief_id}.")
            hyp_ids = [h.id for h in ordered_hypotheses(s, int(brief_id))]
            ratings: list[RatingRecord] = []
            if hyp_ids:
                cond = (t_ach_ratings.c.hypothesis_id.in_(hyp_ids), t_ach_ratings.c.claim_id.in_(ids))
                ratings = [rating_record(r) for r in s.scalars(select(AchRating).where(*cond))]
                s.execute(delete(t_ach_ratings).where(*cond))
            removed = []
            for i, r in enumerate(rows, start=1):
                if r.claim_id in gone:
                    removed.append(row_record(r, i))
                    s.delete(r)
            s.flush()
            renumber([r for r in rows if r.claim_id not in gone])
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
        from app.tracking import touch

        place = parse_position(position)
        with self._lib.writing() as s:
            get_brief(s, brief_id)
            rows = ordered_rows(s, int(brief_id))
            renumber(rows)
            row = next((r for r in rows if r.claim_id == int(claim_id)), None)
            if row is None:
                raise ValidationError(f"Claim c{claim_id} is not in the matrix of brief {brief_id}.")
            before = row_record(row)
            renumber(insert_at([r for r in rows if r is not row], row, place))
            touch(row, self._lib.user)
            s.flush()
            self._lib.log_change(s, "ach_row", int(brief_id), "updated")
            after = row_record(row)
        return Change(
            "ach_row",
            "updated",
            int(brief_id),
            before=before,
            after=after,
            affected=(("brief", int(brief_id)),),
        )

    def _restore_rows(self, change: Change[tuple[AchRowRecord, ...]]) -> Change[tuple[AchRowRecord, ...]]:
        from app.storage.models import AchClaim
        from app.tracking import stamp_new

        rows = change.before or ()
        brief_id = change.id
        with self._lib.writing() as s:
            get_brief(s, brief_id)
            current = ordered_rows(s, brief_id)
            present = {r.claim_id for r in current}
            existing_claims = set(
                s.scalars(select(t_claims.c.id).where(t_claims.c.id.in_([r.claim_id for r in rows])))
            )
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
                keep_identity(row, rec)
                stamp_new(row, self._lib.user)
                row.updated_by = self._lib.user
                s.add(row)
                order = insert_at(order, row, rec.position)
                restored.append(row)
            renumber(order)
            hyp_ids = {h.id for h in ordered_hypotheses(s, brief_id)}
            back = {r.claim_id for r in restored}
            for r in change.extra.get("ratings", []):
                if r.hypothesis_id in hyp_ids and r.claim_id in back:
                    s.add(self._rating_row(r))
            s.flush()
            self._lib.log_change(s, "ach_row", brief_id, "restored")
            after = tuple(row_record(r) for r in restored)
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
        from app.storage.models import AchRating, Claim, Hypothesis
        from app.tracking import check_version, stamp_new, touch

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
            before = None if cell is None else rating_record(cell)
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
            if int(claim_id) not in row_claim_ids(s, h.brief_id):
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
            after = rating_record(cell)
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
        from app.storage.models import AchRating, Hypothesis

        with self._lib.reading() as s:
            if s.get(Hypothesis, int(hypothesis_id)) is None:
                raise NotFoundError("hypothesis", hypothesis_id)
            cell: AchRating | None = s.get(AchRating, (int(hypothesis_id), int(claim_id)))
            return None if cell is None else rating_record(cell)

    def _put_rating(self, rec: RatingRecord) -> Change[RatingRecord]:
        """Write a cell back as recorded (for revert): its rating and note, a newer version."""
        from app.storage.models import AchRating, Hypothesis
        from app.tracking import touch

        with self._lib.writing() as s:
            h: Hypothesis | None = s.get(Hypothesis, rec.hypothesis_id)
            if h is None:
                raise NotFoundError("hypothesis", rec.hypothesis_id)
            cell: AchRating | None = s.get(AchRating, (rec.hypothesis_id, rec.claim_id), with_for_update=True)
            before = None if cell is None else rating_record(cell)
            if cell is None:
                if rec.claim_id not in row_claim_ids(s, h.brief_id):
                    self._add_rows(s, h.brief_id, [rec.claim_id], None)
                cell = self._rating_row(rec)
                s.add(cell)
            else:
                cell.rating, cell.note = rec.rating.value, rec.note
                touch(cell, self._lib.user)
            s.flush()
            self._lib.log_change(s, "ach_rating", rec.hypothesis_id, "updated")
            after = rating_record(cell)
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
        # loaded when a matrix is read: checking or exporting a brief without hypotheses never scores one
        from app.analysis.ach_matrix import read_matrix

        with self._lib.querying() as s:
            return read_matrix(s, brief_id)
