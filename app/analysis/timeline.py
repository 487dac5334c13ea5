"""Who said what, when: claims in the order they were said, with their denials and corroborations, and each
actor's changes of position.

``lib.timeline.build(actor=..., tag=..., date_from=..., date_to=..., brief_id=...)`` reads; it never writes.

- The date of an entry is the date the claim was said; when that is unknown, the date its source was
  published (``date_kind == "published"``, shown as such); when both are unknown the entry comes last
  (``date_kind == "unknown"``). ``date_from``/``date_to`` filter on that same date.
- Each entry lists the claims that deny, corroborate or qualify it, and those it denies, corroborates or
  qualifies, with their actors, dates and grades.
- A change of position: claim A is later qualified or denied by a claim B of the same actor: B's date said
  is after A's date said (or, when that is unknown, after A's source's date of publication, by which A had
  been said). The same day is one statement, not a change; a B whose date said is unknown is not counted.
  A carries B in ``revised_by``; B carries A in ``revises``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sqlalchemy import Date, func, literal_column, select, union_all
from sqlalchemy.orm import Session

from app.analysis.model import LinkNote, Timeline, TimelineEntry
from app.domain import ClaimRecord, ClaimStatus, parse_date
from app.domain_lists import ClaimFilter
from app.errors import NotFoundError, ValidationError
from app.storage.models import Actor, Brief, BriefCitation, Claim, ClaimLink, Source

if TYPE_CHECKING:
    from app.actors import ActorService
    from app.claims import ClaimService
    from app.storage.store import Store

MAX_LIMIT = 5000
# A linked claim as a timeline shows it: actor id, actor name, date (said, else published), grade, retracted,
# date said.
_Info = tuple[int | None, str, dt.date | None, str, bool, dt.date | None]
_effective = func.coalesce(Claim.said, Source.published)


def _later(first: dt.date | None, second_said: dt.date | None) -> bool:
    """Was the second claim certainly said on a later day than the first? ``first``: the first claim's date
    said, or else its source's date of publication (it was said on or before it); ``second_said``: the
    second claim's date said. An unknown date, or the same day (a claim qualified in the same statement),
    is not "later"."""
    return first is not None and second_said is not None and second_said > first


class TimelineService:
    def __init__(self, lib: Store, *, actors: ActorService, claims: ClaimService) -> None:
        self._lib = lib
        self._actors, self._claims = actors, claims

    def resolve_actor(self, value: str | int) -> tuple[int | None, str | None, str]:
        """An actor given as an id (``7``, ``a7``) or a name: (actor id, or None with a name fragment to
        match, and the label to show). A name that is exactly one actor's gives its id."""
        text = str(value).strip()
        bare = text[1:] if text[:1].lower() == "a" and text[1:].isascii() and text[1:].isdigit() else text
        if bare.isascii() and bare.isdigit():
            actor = self._actors.get(int(bare))
            return actor.id, None, actor.name
        if not text:
            raise ValidationError("Name an actor, by name or id.")
        found = self._actors.find(text)
        if found is not None:
            return found.id, None, found.name
        from app._text import norm_key

        with self._lib.reading() as s:
            matches = s.execute(
                select(Actor.id, Actor.name).where(Actor.norm_name.like(f"%{norm_key(text)}%")).limit(2)
            ).all()
        if not matches:
            raise ValidationError(f"No actor's name contains '{text}'.")
        if len(matches) == 1:
            return matches[0].id, None, matches[0].name
        return None, text, text

    def build(
        self,
        *,
        actor: str | int | None = None,
        tag: str | None = None,
        date_from: str | dt.date | None = None,
        date_to: str | dt.date | None = None,
        brief_id: int | None = None,
        offset: int = 0,
        limit: int = 500,
    ) -> Timeline:
        """The claims matching the filter in order of date (see the module's docstring), a page at a time."""
        start = parse_date(date_from, what="start date")
        end = parse_date(date_to, what="end date")
        if start and end and end < start:
            raise ValidationError(f"The end date {end} is before the start date {start}.")
        limit = max(0, min(int(limit), MAX_LIMIT))
        offset = max(0, int(offset))
        actor_id, actor_name, actor_label = (None, None, "")
        if actor is not None and str(actor).strip():
            actor_id, actor_name, actor_label = self.resolve_actor(actor)
        from app.claim_rows import claim_select, row_to_record

        flt = ClaimFilter(actor_id=actor_id, actor_name=actor_name, tag=tag or None)
        with self._lib.reading() as s:
            conds = self._claims._conditions(flt)
            if brief_id is not None:
                if s.get(Brief, int(brief_id)) is None:
                    raise NotFoundError("brief", brief_id)
                conds.append(
                    Claim.id.in_(
                        select(BriefCitation.ident).where(
                            BriefCitation.brief_id == int(brief_id), BriefCitation.kind == "claim"
                        )
                    )
                )
            ids = self._page(s, conds, start, end, offset, limit)
            if start is None and end is None and brief_id is None:
                total = self._claims.count(flt)  # counted from the claims' own indexes
            else:
                total = self._count(s, conds, start, end)
            records = {}
            for begin in range(0, len(ids), 500):
                for row in s.execute(claim_select().where(Claim.id.in_(ids[begin : begin + 500]))):
                    records[row.id] = row_to_record(row)
            links = self._links(s, ids)
            others = self._claim_info(s, {ln[1] for ln in links} | {ln[2] for ln in links} | set(ids))
        entries = tuple(self._entry(records[i], links, others) for i in ids if i in records)
        return Timeline(
            entries=entries,
            total=total,
            offset=offset,
            limit=limit,
            actor=actor_label,
            actor_id=actor_id,
            tag=tag or "",
            date_from=start,
            date_to=end,
        )

    @staticmethod
    def _page(
        s: Session, conds: list[Any], start: dt.date | None, end: dt.date | None, offset: int, limit: int
    ) -> list[int]:
        """The ids of a page in order of (date said, else date published; id), undated last.

        The claims with a date said (read in ``said`` order) and those without one (read in their source's
        order of publication) are two index-ordered arms of one ``UNION ALL``, which the database merges and
        skips ``offset`` rows of itself; the claims with neither date follow. One query ordering by
        ``coalesce(said, published)`` sorted every matching claim for each page (4 s for a library of
        1,000,000 claims); merging the arms in Python cost ``offset`` rows of each (4 s at offset 100,000)."""
        if limit <= 0:
            return []
        said: list[Any] = [Claim.said.is_not(None)]
        if start is not None:
            said.append(Claim.said >= start)
        if end is not None:
            said.append(Claim.said <= end)
        undated_said: Any = Claim.said.is_(None)
        if not conds and s.get_bind().dialect.name == "sqlite":
            # Unfiltered, the ~2% of claims without a date said are best found by walking the sources in
            # order of publication (a unary plus keeps SQLite off the said index: 550 ms -> 75 ms for
            # 1,000,000 claims); filtered (an actor), that index with the filter's is the short way.
            undated_said = literal_column("+claims.said", Date).is_(None)
        published: list[Any] = [undated_said, Source.published.is_not(None)]
        if start is not None:
            published.append(Source.published >= start)
        if end is not None:
            published.append(Source.published <= end)
        by_said = select(Claim.said.label("day"), Claim.id.label("claim")).where(*conds, *said)
        by_source = (
            select(Source.published.label("day"), Claim.id.label("claim"))
            .join(Source, Source.id == Claim.source_id)
            .where(*conds, *published)
        )
        dated = (
            union_all(by_said, by_source)
            .order_by(literal_column("day"), literal_column("claim"))
            .limit(limit)
            .offset(offset)
        )
        ids = [int(row[1]) for row in s.execute(dated)]
        if len(ids) == limit or start is not None or end is not None:
            return ids
        # the page reaches past the dated claims: the undated ones follow, in id order
        # counted through the said index (the walk in order of publication is for reading in that order)
        n_dated = int(s.scalar(select(func.count()).select_from(Claim).where(*conds, *said)) or 0) + int(
            s.scalar(
                select(func.count())
                .select_from(Claim)
                .join(Source, Source.id == Claim.source_id)
                .where(*conds, Claim.said.is_(None), Source.published.is_not(None))
            )
            or 0
        )
        ids += s.scalars(
            select(Claim.id)
            .join(Source, Source.id == Claim.source_id)
            .where(*conds, Claim.said.is_(None), Source.published.is_(None))
            .order_by(Claim.id)
            .offset(max(0, offset - n_dated))
            .limit(limit - len(ids))
        )
        return [int(i) for i in ids]

    @staticmethod
    def _count(s: Session, conds: list[Any], start: dt.date | None, end: dt.date | None) -> int:
        """How many claims match, counted as the page is read: those dated by the date said (an index range)
        plus those dated by their source (one query on ``coalesce(said, published)`` read every claim)."""
        if start is None and end is None:
            return int(s.scalar(select(func.count()).select_from(Claim).where(*conds)) or 0)
        said: list[Any] = [Claim.said.is_not(None)]
        published: list[Any] = [Claim.said.is_(None), Source.published.is_not(None)]
        if start is not None:
            said.append(Claim.said >= start)
            published.append(Source.published >= start)
        if end is not None:
            said.append(Claim.said <= end)
            published.append(Source.published <= end)
        first = s.scalar(select(func.count()).select_from(Claim).where(*conds, *said)) or 0
        second = (
            s.scalar(
                select(func.count())
                .select_from(Claim)
                .join(Source, Source.id == Claim.source_id)
                .where(*conds, *published)
            )
            or 0
        )
        return int(first) + int(second)

    @staticmethod
    def _links(s: Session, ids: list[int]) -> list[tuple[str, int, int]]:
        out: list[tuple[str, int, int]] = []
        for begin in range(0, len(ids), 400):
            chunk = ids[begin : begin + 400]
            out += [
                (r.kind, r.from_claim_id, r.to_claim_id)
                for r in s.execute(
                    select(ClaimLink.kind, ClaimLink.from_claim_id, ClaimLink.to_claim_id).where(
                        ClaimLink.to_claim_id.in_(chunk) | ClaimLink.from_claim_id.in_(chunk)
                    )
                )
            ]
        return list(dict.fromkeys(out))

    @staticmethod
    def _claim_info(s: Session, ids: Iterable[int]) -> dict[int, _Info]:
        """id -> (actor id, actor name, effective date, grade, retracted) for linked claims."""
        wanted = list(ids)
        out: dict[int, _Info] = {}
        for begin in range(0, len(wanted), 500):
            rows = s.execute(
                select(
                    Claim.id,
                    Claim.actor_id,
                    Actor.name,
                    _effective.label("date"),
                    Source.reliability,
                    Claim.credibility,
                    Claim.status,
                    Claim.said,
                )
                .join(Source, Source.id == Claim.source_id)
                .outerjoin(Actor, Actor.id == Claim.actor_id)
                .where(Claim.id.in_(wanted[begin : begin + 500]))
            )
            for r in rows:
                date = r.date
                if isinstance(date, str):  # coalesce() loses the column type on SQLite
                    date = dt.date.fromisoformat(date[:10])
                out[r.id] = (
                    r.actor_id,
                    r.name or "",
                    date,
                    f"{r.reliability}{r.credibility}",
                    r.status == ClaimStatus.RETRACTED.value,
                    r.said,
                )
        return out

    @staticmethod
    def _entry(
        claim: ClaimRecord, links: list[tuple[str, int, int]], info: dict[int, _Info]
    ) -> TimelineEntry:
        groups: dict[str, list[LinkNote]] = {
            k: []
            for k in (
                "denied_by",
                "corroborated_by",
                "qualified_by",
                "denies",
                "corroborates",
                "qualifies",
                "revised_by",
                "revises",
            )
        }
        incoming = {"denies": "denied_by", "corroborates": "corroborated_by", "qualifies": "qualified_by"}
        me = info.get(claim.id)
        my_date, my_said = (me[2], me[5]) if me else (None, None)
        for kind, src, dst in links:
            if claim.id not in (src, dst):
                continue
            other = src if dst == claim.id else dst
            o = info.get(other)
            if o is None:
                continue
            note = LinkNote(claim_id=other, kind=kind, actor_name=o[1], date=o[2], grade=o[3], retracted=o[4])
            groups[incoming[kind] if dst == claim.id else kind].append(note)
            if kind in ("denies", "qualifies") and claim.actor_id is not None and o[0] == claim.actor_id:
                if dst == claim.id and _later(my_date, o[5]):
                    groups["revised_by"].append(note)
                elif src == claim.id and _later(o[2], my_said):
                    groups["revises"].append(note)
        for key in groups:
            groups[key].sort(key=lambda n: (n.date is None, n.date or dt.date.min, n.claim_id))
        if claim.said is not None:
            date, kind = claim.said, "said"
        elif claim.source_published is not None:
            date, kind = claim.source_published, "published"
        else:
            date, kind = None, "unknown"
        return TimelineEntry(
            claim=claim, date=date, date_kind=kind, **{k: tuple(v) for k, v in groups.items()}
        )
