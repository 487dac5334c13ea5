"""Claims: who said what, when, quoted verbatim from a source, graded; and their links."""

from __future__ import annotations

import builtins
import datetime as dt
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Literal

from sqlalchemy import Integer, and_, bindparam, delete, exists, false, func, insert, literal_column, select

from app._text import clean_line, clean_tags, find_quote
from app.claim_rows import (
    BATCH_COLUMNS,
    LINK_COLUMNS,
    batch_record,
    chunks,
    claim_select,
    link_record,
    page_record,
    row_to_record,
)
from app.domain import (
    Change,
    ClaimRecord,
    ClaimStatus,
    ClaimWithLinks,
    LinkedClaim,
    LinkRecord,
    parse_credibility,
    parse_date,
)
from app.errors import NotFoundError, ValidationError
from app.ids import storable, storable_ids
from app.storage.tables import actors as actor_t
from app.storage.tables import claim_links as link_t
from app.storage.tables import claim_tags as tag_t
from app.storage.tables import claims as claim_t
from app.storage.tables import new_uuid, utcnow
from app.storage.tables import sources as source_t
from app.storage.types import LenientDate as Date

if TYPE_CHECKING:
    from sqlalchemy import ColumnElement
    from sqlalchemy.engine import Connection
    from sqlalchemy.orm import Session

    from app.actors import ActorService
    from app.claim_dependents import ClaimDependent
    from app.domain_lists import ClaimFilter, Page
    from app.provenance import ProvenanceService
    from app.storage.store import Store

_LINK_GROUPS = ("denials", "corroborations", "qualifications", "denies", "corroborates", "qualifies")
_INCOMING = {"denies": "denials", "corroborates": "corroborations", "qualifies": "qualifications"}

CLAIM_SORTS = {
    "id": (claim_t.c.id,),
    "said": (claim_t.c.said,),
    "credibility": (claim_t.c.credibility,),
    "status": (claim_t.c.status,),
    "actor": (actor_t.c.norm_name,),
    "source": (source_t.c.title,),
    "statement": (claim_t.c.statement,),
}
# Sorts an index serves (a text filter can then walk that index; app.storage.fts_plan)
INDEXED_SORTS = frozenset(("id", "said", "credibility", "status", "actor", "source"))
EDITABLE = ("statement", "said", "credibility", "status", "tags", "notes", "actor_id", "quote", "span")


class ClaimService:
    _contested_cond = exists().where(link_t.c.to_claim_id == claim_t.c.id, link_t.c.kind == "denies")

    def __init__(
        self,
        lib: Store,
        *,
        actors: Callable[[], ActorService],
        provenance: Callable[[], ProvenanceService],
        dependents: Callable[[], tuple[ClaimDependent, ...]] = tuple,
    ) -> None:
        # The other services are given as functions, called when first needed: listing claims never loads
        # the provenance or analysis code (the command line's start-up).
        self._lib = lib
        self._actors_of = actors  # a claim's actor named by name is found or created there
        self._provenance_of = provenance  # its reports go with a deleted claim and come back on undo
        self._dependents_of = dependents

    @property
    def _actors(self) -> ActorService:
        return self._actors_of()

    @property
    def _provenance(self) -> ProvenanceService:
        return self._provenance_of()

    @property
    def _dependents(self) -> tuple[ClaimDependent, ...]:
        return self._dependents_of()

    # --- reading -------------------------------------------------------------------------------------
    def _load(self, s: Session | Connection, claim_id: int) -> ClaimRecord:
        if not storable(claim_id):
            raise NotFoundError("claim", claim_id)
        row = s.execute(claim_select().where(claim_t.c.id == claim_id)).first()
        if row is None:
            raise NotFoundError("claim", claim_id)
        return row_to_record(row)

    def get(self, claim_id: int) -> ClaimRecord:
        with self._lib.querying() as s:
            return self._load(s, int(claim_id))

    def get_many(self, ids: Iterable[int]) -> dict[int, ClaimRecord]:
        ids = storable_ids(dict.fromkeys(int(i) for i in ids))
        out: dict[int, ClaimRecord] = {}
        with self._lib.querying() as s:
            for start in range(0, len(ids), 500):
                for row in s.execute(claim_select().where(claim_t.c.id.in_(ids[start : start + 500]))):
                    out[row.id] = row_to_record(row)
        return out

    def for_source(self, source_id: int) -> list[ClaimRecord]:
        with self._lib.querying() as s:
            if s.scalar(select(source_t.c.id).where(source_t.c.id == source_id)) is None:
                raise NotFoundError("source", source_id)
            rows = s.execute(
                claim_select().where(claim_t.c.source_id == source_id).order_by(claim_t.c.span_start)
            )
            return [row_to_record(r) for r in rows]

    @staticmethod
    def _wide_range(s: Connection, flt: ClaimFilter) -> bool:
        if not all(isinstance(d, dt.date | None) for d in (flt.said_from, flt.said_to)):
            return False
        # two queries: SQLite answers a lone min() or max() with one index seek, both together with a scan
        lo: dt.date | None = s.scalar(select(func.min(claim_t.c.said)))
        hi: dt.date | None = s.scalar(select(func.max(claim_t.c.said)))
        if lo is None or hi is None or hi <= lo:
            return False
        start = max(lo, flt.said_from or lo)
        end = min(hi, flt.said_to or hi)
        return (end - start).days > 0.02 * (hi - lo).days

    def tags(self) -> list[str]:
        with self._lib.querying() as s:
            return list(s.scalars(select(tag_t.c.tag).distinct().order_by(tag_t.c.tag)))

    def _conditions(
        self,
        flt: ClaimFilter,
        *,
        s: Connection | None = None,
        sort: str = "said",
        rows_wanted: int | None = None,
    ) -> builtins.list[ColumnElement[bool]]:
        """WHERE terms for ``flt``. With a session ``s``, a text filter is planned for a query that needs its
        first ``rows_wanted`` rows in ``sort``'s order (None: all of them, as a count does)."""
        conds: builtins.list[ColumnElement[bool]] = []
        said_col: ColumnElement[dt.date] = claim_t.c.said
        sqlite = self._lib.dialect == "sqlite"
        if (
            sqlite
            and s is not None
            and sort != "said"
            and (flt.said_from or flt.said_to)
            and self._wide_range(s, flt)
        ):
            # A wide date range sorted by another column: SQLite would read the whole range through
            # ix_claims_said and sort it (~1 s for 5 years of a 1,000,000-claim library); reading in the sort
            # column's order and testing the date finds a first page at once. A unary plus keeps the
            # date index out of the plan; narrow ranges (under 2% of the span) still use it.
            said_col = literal_column("+claims.said", Date)
        actor_col: ColumnElement[int] = claim_t.c.actor_id
        actor_ids = None
        if flt.actor_name:
            from app._text import norm_key, search_text

            like = f"%{norm_key(search_text(flt.actor_name, 'actor name to look for'))}%"
            actor_ids = select(actor_t.c.id).where(actor_t.c.norm_name.like(like))
        mine = (
            claim_t.c.actor_id == flt.actor_id
            if flt.actor_id is not None
            else claim_t.c.actor_id.in_(actor_ids)
            if actor_ids is not None
            else None
        )
        if sqlite and s is not None and sort == "source" and mine is not None:
            # Sorted by source title, filtered to an actor: SQLite reads the actor's claims and sorts them
            # (180 ms for an actor with 41,000 claims: the statistics say 200 claims per actor). For an actor
            # with many claims, reading claims in source-title order and testing the actor is faster; the
            # actor's claim count comes from ix_claims_actor (a few ms at most).
            many = s.scalar(
                select(func.count()).select_from(select(claim_t.c.id).where(mine).limit(5001).subquery())
            )
            if (many or 0) > 5000:
                actor_col = literal_column("+claims.actor_id", Integer)
        if flt.source_id is not None:
            conds.append(claim_t.c.source_id == flt.source_id)
        if flt.actor_id is not None:
            conds.append(actor_col == flt.actor_id)
        if actor_ids is not None:
            conds.append(actor_col.in_(actor_ids))
        if flt.tag:
            tag = " ".join(flt.tag.split()).lower()
            conds.append(exists().where(tag_t.c.claim_id == claim_t.c.id, tag_t.c.tag == tag))
        if flt.status is not None:
            conds.append(claim_t.c.status == ClaimStatus.parse(flt.status).value)
        if flt.contested:
            conds.append(self._contested_cond)
        if flt.corroboration:
            from app.provenance.store import corroboration_condition

            corroborated = self._provenance.independently_corroborated()
            conds.append(corroboration_condition(claim_t.c.id, flt.corroboration, corroborated))
        if flt.said_from:
            conds.append(said_col >= flt.said_from)
        if flt.said_to:
            conds.append(said_col <= flt.said_to)
        if flt.text and flt.text.strip():
            if s is None:
                ids = self._lib.storage.fts_ids_clause("claim", flt.text)
                conds.append(claim_t.c.id.in_(ids) if ids is not None else false())
            else:  # last: tested after the cheaper terms
                wanted = rows_wanted if sort in INDEXED_SORTS else None
                text_condition = self._lib.storage.text_condition
                conds.append(text_condition(s, "claim", flt.text, rows_wanted=wanted, by_date=sort == "said"))
        return conds

    def list(
        self,
        flt: ClaimFilter | None = None,
        *,
        sort: str = "said",
        descending: bool = True,
        offset: int = 0,
        limit: int = 100,
        with_total: bool | Literal["estimate"] = True,
    ) -> Page[ClaimRecord]:
        """A page of claims, filtered and sorted in SQL. ``with_total=False`` skips counting (faster); ``"estimate"``:
        a text filter's total is estimated (``Page.estimated``) when an exact count would be slow (storage's
        text_estimate); every other filter is counted."""
        from app.domain_lists import ClaimFilter, Page

        flt = flt or ClaimFilter()
        if sort not in CLAIM_SORTS:
            raise ValidationError(
                f"Claims cannot be sorted by '{sort}'; use one of {', '.join(CLAIM_SORTS)}."
            )
        offset, limit = max(0, offset), max(0, limit)
        picker = (
            with_total == "estimate"
            and bool(flt.text and flt.text.strip())
            and flt == ClaimFilter(text=flt.text)
        )
        with self._lib.querying() as s:
            # A text filter alone (the claim picker): its total first, estimated when an exact count would read
            # much of the full-text index (the commonest words: 50-160 ms), counted otherwise; the page's plan
            # then reuses what that read (app.storage.fts_plan.sample).
            estimate = self._lib.storage.text_estimate
            total, exact = estimate(s, "claim", flt.text or "") if picker else (-1, True)
            conds = self._conditions(flt, s=s, sort=sort, rows_wanted=offset + limit)
            # Two phases: the page's ids first (the sorter carries only the sort key and the id; a text filter
            # alone planned by storage.page_plan), then the full rows of those ids. In one query SQLite computed
            # the tag and link-count sub-selects for every candidate row before sorting: ~1 s for 400,000.
            alone = flt.text if flt == ClaimFilter(text=flt.text) and sort != "id" else None
            with self._lib.storage.page_plan(s, "claim", alone or "", offset + limit):
                page_ids = self._page_ids(s, conds, sort, descending, offset, limit)
            items = tuple(self._records(s, page_ids))
            if not picker and with_total:  # counted with the indexable conditions (the page's may hide one)
                total = self._count(s, self._conditions(flt, s=s), flt)
        return Page(items=items, total=total, offset=offset, limit=limit, estimated=not exact)

    def _records(self, s: Connection, ids: builtins.list[int]) -> builtins.list[ClaimRecord]:
        rows: Iterable[Any] = s.execute(claim_select().where(claim_t.c.id.in_(ids))) if ids else []
        found = {r[0]: page_record(r) for r in rows}
        return [found[i] for i in ids if i in found]

    def _page_ids(
        self,
        s: Connection,
        conds: builtins.list[ColumnElement[bool]],
        sort: str,
        descending: bool,
        offset: int,
        limit: int,
    ) -> builtins.list[int]:
        if limit <= 0:
            return []
        order = [self._lib.storage.ordered(c, descending) for c in CLAIM_SORTS[sort]]
        order.append(claim_t.c.id.desc() if descending else claim_t.c.id.asc())
        where = and_(True, *conds)
        if sort != "actor":
            q = select(claim_t.c.id)
            if sort == "source":
                q = q.join(source_t, source_t.c.id == claim_t.c.source_id)
            return list(s.scalars(q.where(where).order_by(*order).offset(offset).limit(limit)))
        # Sorted by actor: claims with an actor (an inner join, which SQLite drives from the actors' name
        # index, reading each actor's claims through ix_claims_actor_said) and claims without one, which
        # sort first ascending and last descending (NULL is the smallest value). The outer join in one query
        # sorted all 1,000,000 claims (~1 s) for every page.
        with_actor = (
            select(claim_t.c.id)
            .join(actor_t, actor_t.c.id == claim_t.c.actor_id)
            .where(where)
            .order_by(*order)
        )
        no_actor = select(claim_t.c.id).where(claim_t.c.actor_id.is_(None), where).order_by(order[-1])
        first, second = (with_actor, no_actor) if descending else (no_actor, with_actor)
        ids = list(s.scalars(first.offset(offset).limit(limit)))
        if len(ids) == limit:
            return ids
        if ids or offset == 0:
            first_total = offset + len(ids)
        else:
            first_total = s.scalar(select(func.count()).select_from(first.subquery())) or 0
        rest = limit - len(ids)
        ids += s.scalars(second.offset(max(0, offset - first_total)).limit(rest))
        return ids

    def _count(
        self, s: Connection, conds: builtins.list[ColumnElement[bool]], flt: ClaimFilter | None = None
    ) -> int:
        from app.domain_lists import ClaimFilter

        if flt is not None and flt.text and flt.text.strip() and flt == ClaimFilter(text=flt.text):
            return self._lib.storage.text_count(s, "claim", flt.text)  # from the full-text index alone
        # Counting with EXISTS probes every claim (~0.5 s at 1,000,000 claims); a filter on one tag alone
        # or on "contested" alone is counted from its own index instead.
        if flt is not None and conds and len(conds) == 1:
            if flt.tag and flt == ClaimFilter(tag=flt.tag):
                tag = " ".join(flt.tag.split()).lower()
                return s.scalar(select(func.count()).select_from(tag_t).where(tag_t.c.tag == tag)) or 0
            if flt == ClaimFilter(contested=True):
                return (
                    s.scalar(
                        select(func.count(link_t.c.to_claim_id.distinct())).where(link_t.c.kind == "denies")
                    )
                    or 0
                )
        if flt is not None and flt.contested:
            # Combined with "contested": count from the denied claims' ids (~100,000) instead of probing
            # every claim for a denial (740 ms -> ~180 ms for contested + tag + status at 1,000,000).
            conds = [c for c in conds if c is not self._contested_cond]
            conds.append(claim_t.c.id.in_(select(link_t.c.to_claim_id).where(link_t.c.kind == "denies")))
        q = select(func.count()).select_from(claim_t)
        if conds:
            q = q.where(and_(*conds))
        return s.scalar(q) or 0

    def count(self, flt: ClaimFilter | None = None) -> int:
        with self._lib.querying() as s:  # no filter: no conditions
            return self._count(s, self._conditions(flt, s=s) if flt else [], flt)

    def ids(
        self,
        flt: ClaimFilter | None = None,
        *,
        sort: str = "said",
        descending: bool = True,
        offset: int = 0,
        limit: int = 1000,
    ) -> builtins.list[int]:
        """Just the ids of a page (cheap; for lazy item models that fetch rows on demand)."""
        from app.domain_lists import ClaimFilter

        flt = flt or ClaimFilter()
        if sort not in CLAIM_SORTS:
            raise ValidationError(
                f"Claims cannot be sorted by '{sort}'; use one of {', '.join(CLAIM_SORTS)}."
            )
        offset, limit = max(0, offset), max(0, limit)
        with self._lib.querying() as s:
            conds = self._conditions(flt, s=s, sort=sort, rows_wanted=offset + limit)
            return self._page_ids(s, conds, sort, descending, offset, limit)

    def with_links(self, claim_id: int) -> ClaimWithLinks:
        """A claim with its denials, corroborations and qualifications, each with its own grades."""
        found = self.with_links_many([int(claim_id)])
        if not found:
            raise NotFoundError("claim", int(claim_id))
        return next(iter(found.values()))

    def with_links_many(self, ids: Iterable[int]) -> dict[int, ClaimWithLinks]:
        """Claims with their links and the linked claims, for many ids at once (what the checks, the export
        and the cited-claims panel read for every claim a brief cites). Ids that name no claim are left out;
        the rest keep the order of ``ids``. A few queries per 500 claims whatever the number of links."""
        wanted = storable_ids(dict.fromkeys(ids))
        rows: dict[int, Any] = {}
        links: dict[int, Any] = {}
        counts: dict[int, list[int]] = {}  # claim id -> [denials, corroborations]
        ids = bindparam("ids", expanding=True)  # the list is bound at execution, not coerced per id
        claims_q = claim_select(BATCH_COLUMNS).where(claim_t.c.id.in_(ids))
        links_q = select(*LINK_COLUMNS).where(link_t.c.to_claim_id.in_(ids) | link_t.c.from_claim_id.in_(ids))
        counts_q = select(link_t.c.to_claim_id, link_t.c.kind).where(
            link_t.c.to_claim_id.in_(ids), link_t.c.kind.in_(("denies", "corroborates"))
        )
        with self._lib.querying() as s:
            conn = s  # plain rows: no ORM objects for a batch of thousands
            for chunk in chunks(wanted):
                rows.update((r[0], r) for r in conn.execute(claims_q, {"ids": chunk}).all())
                links.update((ln[0], ln) for ln in conn.execute(links_q, {"ids": chunk}).all())
            cited = [i for i in wanted if i in rows]
            linked = sorted({x for ln in links.values() for x in (ln[2], ln[3])} - rows.keys())
            for chunk in chunks(linked):
                rows.update((r[0], r) for r in conn.execute(claims_q, {"ids": chunk}).all())
                # the linked claims' own counts: their incoming links are not all among those read above
                for to_id, kind in conn.execute(counts_q, {"ids": chunk}).all():
                    counts.setdefault(to_id, [0, 0])[0 if kind == "denies" else 1] += 1
        wanted_set = set(cited)
        for ln in links.values():  # every incoming link of a wanted claim was read with it
            if ln.to_claim_id in wanted_set and ln.kind in ("denies", "corroborates"):
                counts.setdefault(ln.to_claim_id, [0, 0])[0 if ln.kind == "denies" else 1] += 1
        records = {i: batch_record(r, *counts.get(i, (0, 0))) for i, r in rows.items()}
        groups: dict[int, dict[str, list[LinkedClaim]]] = {}
        for ln in sorted(links.values(), key=lambda ln: ln.id):
            rec = link_record(ln)
            if ln.to_claim_id in wanted_set:
                into = groups.get(ln.to_claim_id)
                if into is None:  # (setdefault would build the empty groups for every link)
                    into = groups[ln.to_claim_id] = {k: [] for k in _LINK_GROUPS}
                into[_INCOMING[ln.kind]].append(LinkedClaim(rec, records[ln.from_claim_id]))
            if ln.from_claim_id in wanted_set:
                into = groups.get(ln.from_claim_id)
                if into is None:
                    into = groups[ln.from_claim_id] = {k: [] for k in _LINK_GROUPS}
                into[ln.kind].append(LinkedClaim(rec, records[ln.to_claim_id]))
        out: dict[int, ClaimWithLinks] = {}
        for i in cited:
            g = groups.get(i)
            if g is None:
                out[i] = ClaimWithLinks(claim=records[i])
                continue
            for v in g.values():
                v.sort(key=lambda lc: (lc.claim.said or dt.date.min, lc.claim.id))
            out[i] = ClaimWithLinks(claim=records[i], **{k: tuple(v) for k, v in g.items()})
        return out

    # --- writing -------------------------------------------------------------------------------------
    def create(
        self,
        *,
        source_id: int,
        quote: str,
        actor_id: int | None = None,
        actor: str | None = None,
        role: str = "",
        affiliation: str = "",
        statement: str = "",
        span: tuple[int, int] | None = None,
        said: str | dt.date | None = None,
        credibility: int | str = 6,
        status: str | ClaimStatus = ClaimStatus.UNVERIFIED,
        tags: Iterable[str] | str | None = (),
        notes: str = "",
    ) -> Change[ClaimRecord]:
        """Add a claim drawn from a source. The quote must occur in the source's text (whitespace and
        typographic quotes normalised); its span is found (or validated when given) and the stored quote is
        the source's own characters there. ``actor`` (a name) is found or created."""
        with self._lib.writing() as s:
            record, created_actor = self._create(
                s,
                source_id=source_id,
                quote=quote,
                actor_id=actor_id,
                actor=actor,
                role=role,
                affiliation=affiliation,
                statement=statement,
                span=span,
                said=said,
                credibility=credibility,
                status=status,
                tags=tags,
                notes=notes,
            )
        affected = (("actor", record.actor_id),) if created_actor and record.actor_id else ()
        return Change(
            "claim",
            "created",
            record.id,
            after=record,
            affected=affected,
            extra={"created_actor": created_actor},
        )

    def _create(
        self,
        s: Session,
        *,
        source_id: int,
        quote: str,
        actor_id: int | None = None,
        actor: str | None = None,
        role: str = "",
        affiliation: str = "",
        statement: str = "",
        span: tuple[int, int] | None = None,
        said: str | dt.date | None = None,
        credibility: int | str = 6,
        status: str | ClaimStatus = ClaimStatus.UNVERIFIED,
        tags: Iterable[str] | str | None = (),
        notes: str = "",
        claim_id: int | None = None,
        created: dt.datetime | None = None,
        identity: ClaimRecord | None = None,
    ) -> tuple[ClaimRecord, bool]:
        from app.storage.models import Actor, Claim, ClaimTag, Source  # writing: the ORM

        src = s.get(Source, int(source_id))
        if src is None:
            raise NotFoundError("source", source_id)
        start, end = find_quote(src.body, quote or "", span=span)
        said_date = parse_date(said, what="date said")
        cred = parse_credibility(credibility)
        status_value = ClaimStatus.parse(status).value
        created_actor = False
        if actor_id is not None:
            if s.get(Actor, int(actor_id)) is None:
                raise NotFoundError("actor", actor_id)
        elif actor and str(actor).strip():
            found, created_actor = self._actors._get_or_create(
                s, name=str(actor), role=role or "", affiliation=affiliation or ""
            )
            actor_id = found.id
        now = utcnow()
        statement_text = clean_line(statement, what="statement", max_len=20000) or " ".join(
            src.body[start:end].split()
        )
        claim = Claim(
            id=claim_id,
            source_id=src.id,
            actor_id=actor_id,
            statement=statement_text,
            quote=src.body[start:end],
            span_start=start,
            span_end=end,
            said=said_date,
            credibility=cred,
            status=status_value,
            notes=notes or "",
            created=created or now,
            updated=now,
            # a restored claim keeps its global id and who made it; it is a newer version than the deleted one
            uuid=identity.uuid if identity is not None and identity.uuid else new_uuid(),
            version=identity.version + 1 if identity is not None else 1,
            created_by=identity.created_by
            if identity is not None and identity.created_by
            else self._lib.user,
            updated_by=self._lib.user,
        )
        s.add(claim)
        s.flush()
        for tag in clean_tags(tags):
            s.add(ClaimTag(claim_id=claim.id, tag=tag))
        s.flush()
        self._lib.log_change(s, "claim", claim.id, "created" if identity is None else "restored")
        return self._load(s, claim.id), created_actor

    def update(self, claim_id: int, *, if_version: int | None = None, **fields: Any) -> Change[ClaimRecord]:
        """Edit a claim: statement, said, credibility, status, tags, notes, actor_id, quote (re-found).

        ``if_version``: the version the user edited; if the stored claim is newer (someone else changed it
        since), ``StaleEditError`` names who and when, and nothing is written."""
        from app.storage.models import Actor, Claim, ClaimTag, Source
        from app.tracking import for_update, touch

        with self._lib.writing() as s:
            claim = for_update(s, Claim, int(claim_id), "claim", if_version)
            before = self._load(s, claim.id)
            for key, value in fields.items():
                if key not in EDITABLE:
                    raise ValidationError(f"A claim has no editable field '{key}'.")
                if key == "statement":
                    claim.statement = clean_line(value, what="statement", required=True, max_len=20000)
                elif key == "said":
                    claim.said = parse_date(value, what="date said")
                elif key == "credibility":
                    claim.credibility = parse_credibility(value)
                elif key == "status":
                    claim.status = ClaimStatus.parse(value).value
                elif key == "notes":
                    claim.notes = value or ""
                elif key == "actor_id":
                    if value is not None and s.get(Actor, int(value)) is None:
                        raise NotFoundError("actor", value)
                    claim.actor_id = value
                elif key == "quote":
                    source = s.get(Source, claim.source_id)
                    assert source is not None  # a claim's source is kept by its foreign key
                    body = source.body
                    start, end = find_quote(body, value, span=fields.get("span"))
                    claim.quote, claim.span_start, claim.span_end = body[start:end], start, end
                elif key == "tags":
                    s.execute(delete(tag_t).where(tag_t.c.claim_id == claim.id))
                    for tag in clean_tags(value):
                        s.add(ClaimTag(claim_id=claim.id, tag=tag))
            touch(claim, self._lib.user)
            s.flush()
            self._lib.log_change(s, "claim", claim.id, "updated")
            after = self._load(s, claim.id)
        return Change("claim", "updated", after.id, before=before, after=after)

    def delete(self, claim_id: int, *, if_version: int | None = None) -> Change[ClaimRecord]:
        """Delete a claim and its links. ``extra["links"]`` keeps the links (and ``extra["analysis"]`` its rows
        and ratings in ACH matrices) so ``restore`` can undo it."""
        from app.storage.models import Claim
        from app.tracking import for_update

        with self._lib.writing() as s:
            claim = for_update(s, Claim, int(claim_id), "claim", if_version)
            before = self._load(s, claim.id)
            links = [
                link_record(ln)
                for ln in s.execute(
                    select(*LINK_COLUMNS).where(
                        (link_t.c.from_claim_id == claim.id) | (link_t.c.to_claim_id == claim.id)
                    )
                )
            ]
            kept = {d.key: d.snapshot(s, claim.id) for d in self._dependents}  # e.g. its rows in ACH matrices
            provenance = self._provenance._before_claim_delete(s, claim.id)  # reports kept for undo
            s.execute(delete(claim_t).where(claim_t.c.id == claim.id))
            self._lib.log_change(s, "claim", before.id, "deleted")
        affected = tuple(
            ("claim", ln.from_claim_id if ln.to_claim_id == before.id else ln.to_claim_id) for ln in links
        ) + tuple(("claim", r.claim_id) for r in provenance["reported_by"])
        extra: dict[str, Any] = {"links": links, "provenance": provenance}
        extra.update((key, value) for key, value in kept.items() if value)
        return Change("claim", "deleted", before.id, before=before, affected=affected, extra=extra)

    def restore(self, change: Change[ClaimRecord]) -> Change[ClaimRecord]:
        """Undo a delete: the claim comes back with the same id, tags and the links whose other end exists."""
        rec = change.before
        if change.action != "deleted" or rec is None:
            raise ValidationError("Only a deleted claim can be restored.")
        from app.storage.models import Actor, Claim

        with self._lib.writing() as s:
            if s.get(Claim, rec.id) is not None:
                raise ValidationError(f"Claim {rec.id} already exists.")
            if rec.actor_id is not None and s.get(Actor, rec.actor_id) is None:
                rec_actor = None
            else:
                rec_actor = rec.actor_id
            restored, _ = self._create(
                s,
                source_id=rec.source_id,
                quote=rec.quote,
                actor_id=rec_actor,
                statement=rec.statement,
                span=(rec.span_start, rec.span_end),
                said=rec.said,
                credibility=rec.credibility,
                status=rec.status,
                tags=rec.tags,
                notes=rec.notes,
                claim_id=rec.id,
                created=rec.created,
                identity=rec,
            )
            links: list[LinkRecord] = change.extra.get("links", [])
            for ln in links:
                other = ln.from_claim_id if ln.to_claim_id == rec.id else ln.to_claim_id
                if s.get(Claim, other) is None:
                    continue
                s.execute(
                    insert(link_t).values(
                        id=ln.id,
                        kind=ln.kind.value,
                        from_claim_id=ln.from_claim_id,
                        to_claim_id=ln.to_claim_id,
                        note=ln.note,
                        created=ln.created,
                        updated=ln.updated or ln.created,
                        uuid=ln.uuid or new_uuid(),
                        version=ln.version,
                        created_by=ln.created_by or self._lib.user,
                        updated_by=ln.updated_by or self._lib.user,
                    )
                )
                self._lib.log_change(s, "link", ln.id, "linked")
            for dependent in self._dependents:
                if change.extra.get(dependent.key):
                    dependent.restore(s, change.extra[dependent.key], self._lib.user)
            if change.extra.get("provenance"):
                self._provenance._after_claim_restore(s, rec.id, change.extra["provenance"])
            after = self._load(s, rec.id)
        return Change(
            "claim",
            "restored",
            rec.id,
            after=after,
            affected=tuple(
                ("claim", ln.from_claim_id if ln.to_claim_id == rec.id else ln.to_claim_id)
                for ln in change.extra.get("links", [])
            ),
        )
