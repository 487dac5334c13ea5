"""Provenance: where each claim came from (``lib.provenance``).

- A source can be **derived from** other sources (``derive``): a newspaper article rewrites a wire report,
  a report quotes a ministry statement. Kinds: rewrites, quotes, translates, reposts, cites
  (``DerivationKind``); who recorded it and when are kept; a derivation that would make a loop is refused.
- A claim can be **reported from** another claim (``set_reported_from``): "according to the ministry, ..."
  in one source reports the ministry's own statement in another, or an original that did not survive
  (``reported_from_id=None``, named after whoever it came from).
- A claim's **origins** are the claims (or sources, or lost originals) at the end of its report chain and its
  source's derived chain; its **hearsay depth** is the number of hands between it and them. Two claims are
  **independent** when their origins share no claim, no speaker and no source (``app.provenance.graph``).

``graph(claim_ids)`` reads everything a set of claims traces back through in a few batched queries and
answers origins, depth and independence in memory (what the checks, the annex and the views use).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select, update

from app._text import clean_line, norm_key
from app.domain import Change, ClaimRecord, DerivationKind, SourceKind
from app.errors import ConflictError, NotFoundError, ValidationError
from app.ids import storable_ids
from app.provenance.explain import dependence_note, derivation_chain, shortened
from app.provenance.graph import ProvenanceGraph
from app.provenance.records import derivation_record, report_record, source_titles
from app.provenance.store import load_facts
from app.storage.tables import actors as t_actors
from app.storage.tables import claim_reports as t_claim_reports
from app.storage.tables import claims as t_claims
from app.storage.tables import new_uuid, utcnow
from app.storage.tables import source_derivations as t_source_derivations
from app.storage.tables import sources as t_sources

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.domain_lists import SourceSummary
    from app.provenance.wire import DerivationProposal
    from app.provenance_records import (
        ClaimOrigins,
        DerivationRecord,
        ReportRecord,
        SourceProvenance,
    )
    from app.storage.store import Store

__all__ = ["ProvenanceGraph", "ProvenanceService"]

MAX_NOTE = 20_000


class ProvenanceService:
    def __init__(self, lib: Store) -> None:
        self._lib = lib
        self._cache: dict[str, tuple[tuple[Any, ...], Any]] = {}

    def _user(self) -> str:
        return self._lib.user

    # --- sources derived from sources ----------------------------------------------------------------
    def _ancestor_edges(self, s: Session, source_id: int) -> list[tuple[int, int, str]]:
        """Every derivation above ``source_id``: (source, derived_from, kind), by a recursive query."""
        from app.storage.models import SourceDerivation

        sd = SourceDerivation
        up = (
            select(sd.source_id, sd.derived_from_id, sd.kind)
            .where(sd.source_id == source_id)
            .cte("up", recursive=True)
        )
        up = up.union(
            select(sd.source_id, sd.derived_from_id, sd.kind).join(up, sd.source_id == up.c.derived_from_id)
        )
        return [tuple(r) for r in s.execute(select(up.c.source_id, up.c.derived_from_id, up.c.kind))]

    def _descendant_edges(self, s: Session, source_id: int) -> list[tuple[int, int, str]]:
        from app.storage.models import SourceDerivation

        sd = SourceDerivation
        down = (
            select(sd.source_id, sd.derived_from_id, sd.kind)
            .where(sd.derived_from_id == source_id)
            .cte("down", recursive=True)
        )
        down = down.union(
            select(sd.source_id, sd.derived_from_id, sd.kind).join(
                down, sd.derived_from_id == down.c.source_id
            )
        )
        return [tuple(r) for r in s.execute(select(down.c.source_id, down.c.derived_from_id, down.c.kind))]

    def derive(
        self,
        source_id: int,
        derived_from_id: int,
        kind: str | DerivationKind = DerivationKind.REWRITES,
        *,
        note: str = "",
    ) -> Change[DerivationRecord]:
        """Record that source ``source_id`` <kind> source ``derived_from_id`` (s7 rewrites s3). Recorded again
        with another kind or note, the link is updated. A loop (s3 derived, through any chain, from s7) is
        refused, naming the chain."""
        from app.storage.models import Source, SourceDerivation
        from app.tracking import stamp_new, touch

        kind = DerivationKind.parse(kind)
        b, a = int(source_id), int(derived_from_id)
        note = clean_line(note, what="note", max_len=MAX_NOTE, one_line=False)
        if a == b:
            raise ConflictError(f"A source cannot be derived from itself (s{a}).")
        with self._lib.writing() as s:
            for sid in (b, a):
                if s.get(Source, sid) is None:
                    raise NotFoundError("source", sid)
            existing = s.scalar(
                select(SourceDerivation).where(
                    t_source_derivations.c.source_id == b, t_source_derivations.c.derived_from_id == a
                )
            )
            titles = source_titles(s, (a, b))
            if existing is not None:
                before = derivation_record(existing, titles)
                if existing.kind == kind.value and (not note or note == existing.note):
                    return Change(
                        "derivation",
                        "unchanged",
                        before.id,
                        before=before,
                        after=before,
                        affected=(("source", b), ("source", a)),
                    )
                existing.kind = kind.value
                existing.note = note if note else existing.note
                touch(existing, self._user())
                s.flush()
                self._lib.log_change(s, "derivation", existing.id, "updated")
                after = derivation_record(existing, titles)
                action = "updated"
                return Change(
                    "derivation",
                    action,
                    after.id,
                    before=before,
                    after=after,
                    affected=(("source", b), ("source", a)),
                )
            edges = self._ancestor_edges(s, a)
            if any(x == b for _, x, _ in edges):
                chain = derivation_chain(edges, a, b)
                raise ConflictError(
                    f"s{b} cannot be derived from s{a}: s{a} is already derived from s{b} ({chain}), and a "
                    "source cannot come from itself. Nothing was changed."
                )
            link = SourceDerivation(source_id=b, derived_from_id=a, kind=kind.value, note=note)
            stamp_new(link, self._user())
            s.add(link)
            s.flush()
            self._lib.log_change(s, "derivation", link.id, "created")
            record = derivation_record(link, titles)
        return Change(
            "derivation", "created", record.id, after=record, affected=(("source", b), ("source", a))
        )

    def underive(self, source_id: int, derived_from_id: int) -> Change[DerivationRecord]:
        """Remove the link 'source_id derives from derived_from_id'."""
        from app.storage.models import Source, SourceDerivation

        b, a = int(source_id), int(derived_from_id)
        with self._lib.writing() as s:
            for sid in (b, a):
                if s.get(Source, sid) is None:
                    raise NotFoundError("source", sid)
            link = s.scalar(
                select(SourceDerivation).where(
                    t_source_derivations.c.source_id == b, t_source_derivations.c.derived_from_id == a
                )
            )
            if link is None:
                raise ValidationError(f"s{b} is not recorded as derived from s{a}.")
            record = derivation_record(link, source_titles(s, (a, b)))
            s.delete(link)
            self._lib.log_change(s, "derivation", record.id, "deleted")
        return Change(
            "derivation", "deleted", record.id, before=record, affected=(("source", b), ("source", a))
        )

    def restore_derivation(self, change: Change[DerivationRecord]) -> Change[DerivationRecord]:
        """Undo a ``derive`` or ``underive``: the link as it was before (or gone, if it was new)."""
        from app.storage.models import SourceDerivation
        from app.tracking import touch

        if change.entity != "derivation":
            raise ValidationError("That change is not about a derivation.")
        rec = change.before
        if rec is None:
            after = change.after
            if after is None:
                raise ValidationError("Nothing to undo.")
            return self.underive(after.source_id, after.derived_from_id)
        with self._lib.writing() as s:
            link = s.scalar(
                select(SourceDerivation).where(
                    t_source_derivations.c.source_id == rec.source_id,
                    t_source_derivations.c.derived_from_id == rec.derived_from_id,
                )
            )
            if link is None:
                if any(x == rec.source_id for _, x, _ in self._ancestor_edges(s, rec.derived_from_id)):
                    raise ConflictError(
                        f"s{rec.source_id} can no longer be derived from s{rec.derived_from_id}: that would "
                        "make a loop. Nothing was changed."
                    )
                link = SourceDerivation(
                    id=rec.id,
                    source_id=rec.source_id,
                    derived_from_id=rec.derived_from_id,
                    uuid=rec.uuid or new_uuid(),
                    version=rec.version,
                    updated_by=rec.updated_by,
                    updated=rec.updated or rec.created,
                )
                s.add(link)
            else:
                touch(link, self._user())
            link.kind, link.note = rec.kind.value, rec.note
            link.created_by, link.created = rec.created_by, rec.created
            s.flush()
            self._lib.log_change(s, "derivation", link.id, "restored")
            record = derivation_record(link, source_titles(s, (rec.source_id, rec.derived_from_id)))
        return Change(
            "derivation",
            "restored",
            record.id,
            after=record,
            affected=(("source", rec.source_id), ("source", rec.derived_from_id)),
        )

    def derivations(self, source_id: int) -> SourceProvenance:
        """The source's links up and down, and its whole derived chain as a graph of sources."""
        from app.provenance_records import ProvenanceHop, ProvenanceNode, SourceProvenance
        from app.storage.models import Source, SourceDerivation

        sid = int(source_id)
        with self._lib.reading() as s:
            if s.get(Source, sid) is None:
                raise NotFoundError("source", sid)
            up = self._ancestor_edges(s, sid)
            down = self._descendant_edges(s, sid)
            pairs = {(b, a) for b, a, _ in up} | {(b, a) for b, a, _ in down}
            rows = []
            for b, a in pairs:
                rows.append(
                    s.scalar(
                        select(SourceDerivation).where(
                            t_source_derivations.c.source_id == b, t_source_derivations.c.derived_from_id == a
                        )
                    )
                )
            involved = {sid} | {x for pair in pairs for x in pair}
            titles = source_titles(s, involved)
        records = sorted((derivation_record(r, titles) for r in rows if r is not None), key=lambda d: d.id)
        parents: dict[int, list[int]] = {}
        for b, a, _kind in up:
            parents.setdefault(b, []).append(a)
        above = {sid} | {a for _b, a, _kind in up}
        roots = sorted(x for x in above if not parents.get(x))
        order = [sid] + sorted(involved - {sid})
        nodes = tuple(
            ProvenanceNode(
                key=f"s{x}",
                kind="source",
                id=x,
                speaker="",
                source_id=x,
                source_title=titles.get(x, ("", ""))[0],
                source_outlet=titles.get(x, ("", ""))[1],
                origin=x in roots,
            )
            for x in order
        )
        hops = tuple(
            ProvenanceHop(
                f"s{d.source_id}",
                f"s{d.derived_from_id}",
                d.kind.value,
                f"s{d.source_id} {d.kind.value} s{d.derived_from_id}",
                d.created_by,
                d.created,
            )
            for d in records
        )
        return SourceProvenance(
            source_id=sid,
            derived_from=tuple(d for d in records if d.source_id == sid),
            derived_by=tuple(d for d in records if d.derived_from_id == sid),
            nodes=nodes,
            hops=hops,
            roots=tuple(roots),
        )

    def outlets(self, *, limit: int = 10_000) -> tuple[str, ...]:
        """The outlets the library's sources come from (each once), to recognise their credits in a text."""
        with self._lib.reading() as s:
            rows = s.execute(
                select(t_sources.c.outlet)
                .where(t_sources.c.outlet != "")
                .group_by(t_sources.c.outlet)
                .limit(limit)
            )
            return tuple(r[0] for r in rows)

    def sources_from(self, outlets: Iterable[str], *, limit: int = 200) -> list[SourceSummary]:
        """The library's sources whose outlet is one of ``outlets`` (case aside), newest first."""
        from app.domain_lists import SourceSummary

        names = sorted({norm_key(o) for o in outlets if o.strip()})
        if not names:
            return []
        with self._lib.reading() as s:
            rows = s.execute(
                select(
                    t_sources.c.id,
                    t_sources.c.title,
                    t_sources.c.kind,
                    t_sources.c.outlet,
                    t_sources.c.published,
                    t_sources.c.reliability,
                )
                .where(func.lower(t_sources.c.outlet).in_(names))
                .order_by(t_sources.c.published.desc(), t_sources.c.id.desc())
                .limit(limit)
            )
            return [
                SourceSummary(r[0], r[1], SourceKind(r[2]), r[3], r[4], r[5])
                for r in rows
                if norm_key(r[3]) in names
            ]

    def propose_derivations(self, source_id: int) -> list[DerivationProposal]:
        """Derived-from links a source's text suggests: the wire services it credits (app.provenance.wire)."""
        from app.provenance.wire import propose

        return propose(self._lib, int(source_id))

    # --- claims reported from claims -----------------------------------------------------------------
    def report(self, claim_id: int) -> ReportRecord | None:
        from app.storage.models import Claim, ClaimReport

        with self._lib.reading() as s:
            if s.get(Claim, int(claim_id)) is None:
                raise NotFoundError("claim", claim_id)
            r = s.get(ClaimReport, int(claim_id))
            return None if r is None else report_record(r)

    def reported_by(self, claim_id: int) -> list[ReportRecord]:
        """The reports of this claim: claims recorded as reported from it."""
        from app.storage.models import Claim, ClaimReport

        with self._lib.reading() as s:
            if s.get(Claim, int(claim_id)) is None:
                raise NotFoundError("claim", claim_id)
            rows = s.scalars(
                select(ClaimReport)
                .where(t_claim_reports.c.reported_from_id == int(claim_id))
                .order_by(t_claim_reports.c.claim_id)
            )
            return [report_record(r) for r in rows]

    def _report_chain(self, s: Session, claim_id: int) -> list[int]:
        """The claims ``claim_id`` is reported from, hop by hop (a recursive query; stops at a loop)."""
        cr = t_claim_reports.c
        up = (
            select(cr.claim_id, cr.reported_from_id)
            .where(cr.claim_id == claim_id)
            .cte("chain", recursive=True)
        )
        up = up.union(select(cr.claim_id, cr.reported_from_id).join(up, cr.claim_id == up.c.reported_from_id))
        parent = {r[0]: r[1] for r in s.execute(select(up.c.claim_id, up.c.reported_from_id))}
        out = []
        x = parent.get(claim_id)
        while x is not None and x not in out:
            out.append(x)
            x = parent.get(x)
        return out

    def set_reported_from(
        self, claim_id: int, reported_from_id: int | None, *, origin_name: str = "", note: str = ""
    ) -> Change[ReportRecord]:
        """Record that claim ``claim_id`` reports claim ``reported_from_id`` ("according to the ministry");
        ``None``: it reports an original that did not survive, named ``origin_name`` ("a Western official",
        "Reuters"; an actor of that name is its speaker). Replaces what was recorded before. A loop (the
        other claim reported, through any chain, from this one) is refused, naming the chain."""
        from app.storage.models import Claim, ClaimReport
        from app.tracking import stamp_new, touch

        cid = int(claim_id)
        from_id = None if reported_from_id is None else int(reported_from_id)
        name = clean_line(origin_name, what="name of the original's source", max_len=500)
        note = clean_line(note, what="note", max_len=MAX_NOTE, one_line=False)
        if from_id == cid:
            raise ConflictError(f"A claim cannot be reported from itself (c{cid}).")
        with self._lib.writing() as s:
            claim = s.get(Claim, cid)
            if claim is None:
                raise NotFoundError("claim", cid)
            actor_id = None
            if from_id is not None:
                if s.get(Claim, from_id) is None:
                    raise NotFoundError("claim", from_id)
                chain = self._report_chain(s, from_id)
                if cid in chain:
                    steps = [f"c{x}" for x in [from_id, *chain[: chain.index(cid) + 1]]]
                    raise ConflictError(
                        f"c{cid} cannot be reported from c{from_id}: c{from_id} is already reported from "
                        f"c{cid} ({shortened(steps, ' reported from ')}), and a claim cannot come from "
                        "itself. Nothing was changed."
                    )
                name = ""
            elif name:
                key = norm_key(name)
                actor_id = s.scalar(
                    select(t_actors.c.id).where(t_actors.c.norm_name == key).order_by(t_actors.c.id).limit(1)
                )
            existing = s.get(ClaimReport, cid)
            before = None if existing is None else report_record(existing)
            user = self._user()
            if existing is None:
                existing = ClaimReport(claim_id=cid)
                stamp_new(existing, user)
                s.add(existing)
            elif (
                existing.reported_from_id,
                existing.origin_name,
                existing.origin_actor_id,
                existing.note,
            ) == (
                from_id,
                name,
                actor_id,
                note,
            ):
                return Change(
                    "report", "unchanged", cid, before=before, after=before, affected=(("claim", cid),)
                )
            else:
                touch(existing, user)
            existing.reported_from_id = from_id
            existing.origin_name = name
            existing.origin_actor_id = actor_id
            existing.note = note
            s.flush()
            self._lib.log_change(s, "report", cid, "created" if before is None else "updated")
            after = report_record(existing)
        affected = (("claim", cid),) + ((("claim", from_id),) if from_id is not None else ())
        if before is not None and before.reported_from_id not in (None, from_id):
            affected += (("claim", before.reported_from_id),)
        return Change(
            "report",
            "created" if before is None else "updated",
            cid,
            before=before,
            after=after,
            affected=affected,
        )

    def clear_reported_from(self, claim_id: int) -> Change[ReportRecord]:
        """Forget what claim ``claim_id`` was reported from (it is then its own origin again)."""
        from app.storage.models import Claim, ClaimReport

        cid = int(claim_id)
        with self._lib.writing() as s:
            if s.get(Claim, cid) is None:
                raise NotFoundError("claim", cid)
            existing = s.get(ClaimReport, cid)
            if existing is None:
                raise ValidationError(f"c{cid} is not recorded as reported from another claim.")
            before = report_record(existing)
            s.delete(existing)
            self._lib.log_change(s, "report", cid, "deleted")
        affected = (("claim", cid),) + (
            (("claim", before.reported_from_id),) if before.reported_from_id is not None else ()
        )
        return Change("report", "deleted", cid, before=before, affected=affected)

    def restore_report(self, change: Change[ReportRecord]) -> Change[ReportRecord]:
        """Undo a ``set_reported_from`` or ``clear_reported_from``: the report as it was before."""
        from app.storage.models import Actor, Claim, ClaimReport
        from app.tracking import touch

        if change.entity != "report":
            raise ValidationError("That change is not about a report.")
        rec = change.before
        if rec is None:
            return self.clear_reported_from(change.id)
        with self._lib.writing() as s:
            if s.get(Claim, rec.claim_id) is None:
                raise NotFoundError("claim", rec.claim_id)
            if rec.reported_from_id is not None:
                if s.get(Claim, rec.reported_from_id) is None:
                    raise NotFoundError("claim", rec.reported_from_id)
                if rec.claim_id in self._report_chain(s, rec.reported_from_id):
                    raise ConflictError(
                        f"c{rec.claim_id} can no longer be reported from c{rec.reported_from_id}: that would "
                        "make a loop. Nothing was changed."
                    )
            row = s.get(ClaimReport, rec.claim_id)
            if row is None:
                row = ClaimReport(
                    claim_id=rec.claim_id,
                    uuid=rec.uuid or new_uuid(),
                    version=rec.version,
                    updated_by=rec.updated_by,
                    updated=rec.updated or rec.created,
                )
                s.add(row)
            else:
                touch(row, self._user())
            row.reported_from_id, row.origin_name = rec.reported_from_id, rec.origin_name
            row.origin_actor_id = (
                rec.origin_actor_id
                if rec.origin_actor_id is not None and s.get(Actor, rec.origin_actor_id) is not None
                else None
            )
            row.note, row.created_by, row.created = rec.note, rec.created_by, rec.created
            s.flush()
            self._lib.log_change(s, "report", rec.claim_id, "restored")
            after = report_record(row)
        return Change("report", "restored", rec.claim_id, after=after, affected=(("claim", rec.claim_id),))

    # --- origins -------------------------------------------------------------------------------------
    def graph(
        self, claim_ids: Iterable[int], *, known: Mapping[int, ClaimRecord] | None = None
    ) -> ProvenanceGraph:
        """Everything ``claim_ids`` trace back through, read in batches, as a graph to ask in memory.
        ``known``: claims already read (the checks pass theirs)."""
        with self._lib.querying() as s:  # Core: the checks read provenance without the ORM
            facts = load_facts(s, storable_ids(claim_ids), known=known)
        return ProvenanceGraph(facts)

    def origins(self, claim_id: int) -> ClaimOrigins:
        """The claim's chain hop by hop, its origins, hearsay depth and independent origins."""
        cid = int(claim_id)
        g = self.graph([cid])
        if cid not in g.facts.claims:
            raise NotFoundError("claim", cid)
        return g.claim_origins(cid)

    def origins_many(self, claim_ids: Iterable[int]) -> dict[int, ClaimOrigins]:
        ids = [int(i) for i in dict.fromkeys(claim_ids)]
        g = self.graph(ids)
        return {i: g.claim_origins(i) for i in ids if i in g.facts.claims}

    def independent_groups(self, claim_ids: Iterable[int]) -> list[list[int]]:
        """The claims grouped by shared origin: claims in different groups are independent."""
        ids = [int(i) for i in dict.fromkeys(claim_ids)]
        return self.graph(ids).groups(ids)

    # --- corroboration that counts --------------------------------------------------------------------
    def independence(self, claim_id: int, others: Iterable[int]) -> dict[int, str]:
        """For each of ``others`` (claims corroborating ``claim_id``, or corroborated by it): '' when it is
        independent of the claim, else why not ('both come down to c1 (Jake Sullivan, White House): c10
        (Gulf Ledger), rewritten from c8 (Meridian Wire), reported from c1 (...)')."""
        cid = int(claim_id)
        ids = [int(i) for i in dict.fromkeys(others) if int(i) != cid]
        g = self.graph([cid, *ids])
        out: dict[int, str] = {}
        for i in ids:
            if cid not in g.facts.claims or i not in g.facts.claims or g.independent(cid, i):
                out[i] = ""
                continue
            out[i] = dependence_note(g, cid, i)
        return out

    def _state(self, s: Session) -> tuple[Any, ...]:
        """What the independently corroborated claims depend on: any change to links, claims, reports or
        derivations changes it (the change log's last entry, and the tables' sizes as a second check)."""
        from app.storage.models import ChangeLogEntry, ClaimLink

        row = s.execute(
            select(
                select(func.max(ChangeLogEntry.seq)).scalar_subquery(),
                select(func.count()).select_from(ClaimLink).scalar_subquery(),
                select(func.max(ClaimLink.id)).scalar_subquery(),
                select(func.max(t_claims.c.id)).scalar_subquery(),
                select(func.count()).select_from(t_claim_reports).scalar_subquery(),
                select(func.count()).select_from(t_source_derivations).scalar_subquery(),
            )
        ).one()
        return tuple(row)

    def independently_corroborated(self) -> frozenset[int]:
        """The claims some independent claim corroborates (a corroborates link from a claim that shares no
        origin, speaker or source with it). Worked out over every corroboration on file, then kept until the
        library changes."""
        from app.storage.models import ClaimLink

        with self._lib.reading() as s:
            state = self._state(s)
            cached = self._cache.get("independent")
            if cached is not None and cached[0] == state:
                return cached[1]  # type: ignore[no-any-return]  # this key caches the set of pairs
            pairs = [
                (int(r[0]), int(r[1]))
                for r in s.execute(
                    select(ClaimLink.from_claim_id, ClaimLink.to_claim_id).where(
                        ClaimLink.kind == "corroborates"
                    )
                )
            ]
        ids = list(dict.fromkeys(x for pair in pairs for x in pair))
        g = self.graph(ids) if ids else None
        found = frozenset(
            to
            for frm, to in pairs
            if g is not None and frm in g.facts.claims and to in g.facts.claims and g.independent(to, frm)
        )
        self._cache["independent"] = (state, found)
        return found

    # --- kept with a claim's delete and restore (called by ClaimService) ----------------------------
    def _before_claim_delete(self, s: Session, claim_id: int) -> dict[str, Any]:
        """Before claim ``claim_id`` is deleted: the reports that point at it keep its speaker's name as a
        lost original (the database then clears their link), and what undo needs is returned."""
        from app.storage.models import ClaimReport

        own = s.get(ClaimReport, claim_id)
        pointing = list(s.scalars(select(ClaimReport).where(t_claim_reports.c.reported_from_id == claim_id)))
        saved = {
            "report": None if own is None else report_record(own),
            "reported_by": [report_record(r) for r in pointing],
        }
        if pointing:
            row = s.execute(
                select(t_actors.c.id, t_actors.c.name, t_sources.c.outlet, t_sources.c.title)
                .select_from(t_claims)
                .join(t_sources, t_sources.c.id == t_claims.c.source_id)
                .outerjoin(t_actors, t_actors.c.id == t_claims.c.actor_id)
                .where(t_claims.c.id == claim_id)
            ).first()
            name = (row[1] or row[2] or row[3] or "") if row is not None else ""
            s.execute(
                update(t_claim_reports)
                .where(t_claim_reports.c.reported_from_id == claim_id)
                .values(
                    reported_from_id=None,
                    origin_name=name[:500],
                    origin_actor_id=row[0] if row else None,
                    version=t_claim_reports.c.version + 1,
                    updated=utcnow(),
                    updated_by=self._user(),
                )
            )
        return saved

    def _after_claim_restore(self, s: Session, claim_id: int, saved: dict[str, Any]) -> None:
        from app.storage.models import Actor, Claim, ClaimReport
        from app.tracking import touch

        own: ReportRecord | None = saved.get("report")
        if own is not None and s.get(ClaimReport, claim_id) is None:
            target = own.reported_from_id
            if target is not None and s.get(Claim, target) is None:
                target = None
            s.add(
                ClaimReport(
                    claim_id=claim_id,
                    uuid=own.uuid or new_uuid(),
                    version=own.version,
                    updated_by=own.updated_by,
                    updated=own.updated or own.created,
                    reported_from_id=target,
                    origin_name=own.origin_name,
                    origin_actor_id=own.origin_actor_id
                    if own.origin_actor_id is not None and s.get(Actor, own.origin_actor_id) is not None
                    else None,
                    note=own.note,
                    created_by=own.created_by,
                    created=own.created,
                )
            )
        for r in saved.get("reported_by", []):
            row = s.get(ClaimReport, r.claim_id)
            if row is not None and row.reported_from_id is None:
                row.reported_from_id, row.origin_name, row.origin_actor_id = (
                    claim_id,
                    r.origin_name,
                    r.origin_actor_id,
                )
                touch(row, self._user())
        s.flush()
