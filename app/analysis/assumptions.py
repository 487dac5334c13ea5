"""Key assumptions check, per brief: the assumptions the judgments rest on, each rated solid, caveated or
unsupported with the reason why.

``lib.assumptions`` is the one way to them. Each public method is one transaction; every change returns a
``Change`` (entity ``assumption``: created / updated / deleted / restored) and ``lib.assumptions.revert``
undoes it, returning a change that ``revert`` undoes in turn.

An assumption may name the key judgment it underpins (``judgment``: its 1-based number in the brief's Key
Judgments section) or none (it underpins the brief as a whole). The checks warn about a key judgment that has
no assumption of its own when the brief has none for the whole.
"""

from __future__ import annotations

import builtins
from typing import TYPE_CHECKING, Any

from sqlalchemy import exists, select

from app._text import clean_line, norm_key
from app.analysis.scales import AssumptionRating
from app.domain import Change
from app.errors import ConflictError, NotFoundError, ValidationError
from app.storage.tables import assumptions as t_assumptions
from app.storage.tables import briefs as t_briefs
from app.storage.tables import hypotheses as t_hypotheses
from app.storage.tables import utcnow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.analysis.records import AssumptionRecord
    from app.storage.models import Assumption
    from app.storage.store import Store

MAX_ASSUMPTIONS = 200
MAX_TEXT = 2000
MAX_WHY = 4000


def _record(a: Any) -> AssumptionRecord:  # an ORM Assumption or a Core row
    from app.analysis.records import AssumptionRecord

    return AssumptionRecord(
        id=a.id,
        brief_id=a.brief_id,
        position=a.position,
        text=a.text,
        rating=AssumptionRating(a.rating),
        why=a.why or "",
        judgment=a.judgment,
        created=a.created,
        updated=a.updated,
        uuid=str(a.uuid or ""),
        version=a.version or 1,
        created_by=a.created_by or "",
        updated_by=a.updated_by or "",
    )


def parse_judgment(value: object) -> int | None:
    """A key judgment number (1, 2, ...), or None for "the brief as a whole" (None, "", "0", "none", "all")."""
    if value is None:
        return None
    text = str(value).strip().lower().removeprefix("kj").strip()
    if text in ("", "0", "none", "all", "brief"):
        return None
    if not (text.isascii() and text.isdigit()) or int(text) > 10_000:
        raise ValidationError(
            f"'{value}' is not a key judgment number; use 1 for the first, 2 for the second."
        )
    return int(text)


def _position(value: object) -> int | None:
    if value is None:
        return None
    text = str(value).strip()
    if not (text.isascii() and text.isdigit()) or int(text) < 1:
        raise ValidationError(f"'{value}' is not a position; use a whole number from 1.")
    return int(text)


class AssumptionService:
    def __init__(self, lib: Store) -> None:
        self._lib = lib

    @staticmethod
    def _ordered(s: Session, brief_id: int) -> list[Assumption]:
        from app.storage.models import Assumption

        return list(
            s.scalars(
                select(Assumption)
                .where(t_assumptions.c.brief_id == brief_id)
                .order_by(t_assumptions.c.position, t_assumptions.c.id)
            )
        )

    @staticmethod
    def _renumber(items: builtins.list[Assumption]) -> None:
        for i, item in enumerate(items, start=1):
            if item.position != i:
                item.position = i

    @staticmethod
    def _place(
        items: builtins.list[Assumption], item: Assumption, position: int | None
    ) -> builtins.list[Assumption]:
        index = len(items) if position is None else max(0, min(position - 1, len(items)))
        return items[:index] + [item] + items[index:]

    @staticmethod
    def _get(s: Session, assumption_id: int) -> Assumption:
        from app.storage.models import Assumption

        a: Assumption | None = s.get(Assumption, int(assumption_id))
        if a is None:
            raise NotFoundError("assumption", assumption_id)
        return a

    def analysis_present(self, brief_id: int) -> tuple[bool, bool]:
        """Whether the brief has (hypotheses, assumptions), in one query: checking or exporting a brief with
        neither reads nothing more of its analysis (nor loads ``lib.ach``). NotFoundError for an unknown brief."""
        brief_id = int(brief_id)
        with self._lib.querying() as s:
            row = s.execute(
                select(
                    exists().where(t_briefs.c.id == brief_id),
                    exists().where(t_hypotheses.c.brief_id == brief_id),
                    exists().where(t_assumptions.c.brief_id == brief_id),
                )
            ).one()
        if not row[0]:
            raise NotFoundError("brief", brief_id)
        return bool(row[1]), bool(row[2])

    def list(self, brief_id: int) -> builtins.list[AssumptionRecord]:
        """The brief's assumptions in the analyst's order."""
        a = t_assumptions.c
        with self._lib.querying() as s:  # Core rows: the checks read assumptions without the ORM
            if s.scalar(select(t_briefs.c.id).where(t_briefs.c.id == int(brief_id))) is None:
                raise NotFoundError("brief", brief_id)
            rows = s.execute(
                select(t_assumptions).where(a.brief_id == int(brief_id)).order_by(a.position, a.id)
            )
            return [_record(row) for row in rows]

    def get(self, assumption_id: int) -> AssumptionRecord:
        with self._lib.reading() as s:
            return _record(self._get(s, assumption_id))

    @staticmethod
    def _clean(fields: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in fields.items():
            if key == "text":
                out[key] = clean_line(value, what="assumption", required=True, max_len=MAX_TEXT)
            elif key == "rating":
                out[key] = AssumptionRating.parse(value).value
            elif key == "why":
                out[key] = clean_line(value, what="reason", max_len=MAX_WHY, one_line=False)
            elif key == "judgment":
                out[key] = parse_judgment(value)
            elif key == "position":
                out[key] = _position(value)
            else:
                raise ValidationError(f"An assumption has no field '{key}'.")
        return out

    def _refuse_duplicate(self, others: builtins.list[Assumption], text: str) -> None:
        key = norm_key(text)
        for other in others:
            if norm_key(other.text) == key:
                raise ConflictError(
                    f"Brief {other.brief_id} already records this assumption (number {other.position})."
                )

    def add(
        self,
        brief_id: int,
        text: str,
        *,
        rating: str | AssumptionRating,
        why: str = "",
        judgment: int | str | None = None,
        position: int | None = None,
        assumption_id: int | None = None,
        identity: AssumptionRecord | None = None,
    ) -> Change[AssumptionRecord]:
        """Record a key assumption (last, or at the 1-based ``position``). (``assumption_id`` and
        ``identity``: an undone delete brings back the same record, a newer version.)"""
        from app.storage.models import Assumption, Brief
        from app.tracking import stamp_new

        values = self._clean(
            {"text": text, "rating": rating, "why": why, "judgment": judgment, "position": position}
        )
        with self._lib.writing() as s:
            if s.get(Brief, int(brief_id)) is None:
                raise NotFoundError("brief", brief_id)
            others = self._ordered(s, int(brief_id))
            if len(others) >= MAX_ASSUMPTIONS:
                raise ValidationError(f"Brief {brief_id} already has {MAX_ASSUMPTIONS} assumptions.")
            self._refuse_duplicate(others, values["text"])
            if assumption_id is not None and s.get(Assumption, int(assumption_id)) is not None:
                raise ConflictError(f"Assumption {assumption_id} already exists.")
            now = utcnow()
            a = Assumption(
                id=assumption_id,
                brief_id=int(brief_id),
                position=0,
                text=values["text"],
                rating=values["rating"],
                why=values["why"],
                judgment=values["judgment"],
                created=now,
                updated=now,
            )
            if identity is not None:
                a.uuid = identity.uuid or a.uuid
                a.version = identity.version + 1
                a.created_by = identity.created_by
                a.created = identity.created
            stamp_new(a, self._lib.user, now)
            s.add(a)
            self._renumber(self._place(others, a, values["position"]))
            s.flush()
            self._lib.log_change(s, "assumption", a.id, "created" if identity is None else "restored")
            record = _record(a)
        return Change(
            "assumption", "created", record.id, after=record, affected=(("brief", record.brief_id),)
        )

    def update(
        self, assumption_id: int, *, if_version: int | None = None, **fields: Any
    ) -> Change[AssumptionRecord]:
        """Change an assumption's text, rating, why, judgment (None: the brief as a whole) or position.
        ``if_version``: the version the user edited (a newer stored one: StaleEditError, nothing written)."""
        from app.storage.models import Assumption
        from app.tracking import for_update, touch

        if not fields:
            raise ValidationError("Nothing to change: give a text, rating, why, judgment or position.")
        values = self._clean(fields)
        with self._lib.writing() as s:
            a = for_update(s, Assumption, int(assumption_id), "assumption", if_version)
            before = _record(a)
            others = [o for o in self._ordered(s, a.brief_id) if o.id != a.id]
            if "text" in values and values["text"] != a.text:
                self._refuse_duplicate(others, values["text"])
            for key in ("text", "rating", "why", "judgment"):
                if key in values:
                    setattr(a, key, values[key])
            if values.get("position") is not None:
                self._renumber(self._place(others, a, values["position"]))
            touch(a, self._lib.user)
            s.flush()
            self._lib.log_change(s, "assumption", a.id, "updated")
            after = _record(a)
        return Change(
            "assumption",
            "updated",
            after.id,
            before=before,
            after=after,
            affected=(("brief", after.brief_id),),
        )

    def delete(self, assumption_id: int, *, if_version: int | None = None) -> Change[AssumptionRecord]:
        from app.storage.models import Assumption
        from app.tracking import for_update

        with self._lib.writing() as s:
            a = for_update(s, Assumption, int(assumption_id), "assumption", if_version)
            before = _record(a)
            others = [o for o in self._ordered(s, a.brief_id) if o.id != a.id]
            s.delete(a)
            s.flush()
            self._renumber(others)
            self._lib.log_change(s, "assumption", before.id, "deleted")
        return Change(
            "assumption", "deleted", before.id, before=before, affected=(("brief", before.brief_id),)
        )

    def revert(self, change: Change[AssumptionRecord]) -> Change[AssumptionRecord]:
        """Undo a change this service made; the result is itself a change ``revert`` can undo (redo)."""
        if change.entity != "assumption":
            raise ValidationError(f"This change cannot be undone here ({change.entity} {change.action}).")
        if change.action in ("created", "restored"):
            return self.delete(change.id)
        if change.action == "deleted" and change.before is not None:
            rec = change.before
            made = self.add(
                rec.brief_id,
                rec.text,
                rating=rec.rating,
                why=rec.why,
                judgment=rec.judgment,
                position=rec.position,
                assumption_id=rec.id,
                identity=rec,
            )
            return Change("assumption", "restored", rec.id, after=made.after, affected=made.affected)
        if change.action == "updated" and change.before is not None:
            b = change.before
            return self.update(
                change.id, text=b.text, rating=b.rating, why=b.why, judgment=b.judgment, position=b.position
            )
        raise ValidationError(f"This change cannot be undone here ({change.entity} {change.action}).")
