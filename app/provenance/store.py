"""Reading provenance facts from the library in batches: everything a set of claims traces back through.

``load_facts(session, claim_ids)`` walks outward a round at a time: the claims' reports and their sources'
derivations, then the claims those lead to and the claims of every earlier source (for matching), and so on
until nothing new turns up. Each round is a few queries of at most ``BATCH`` ids, so the cost follows the
size of the provenance around the claims, not the size of the library; a library without provenance costs
two small queries per 500 claims.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from sqlalchemy import BindParameter, Connection, Select, bindparam, exists, select

from app.domain import ClaimRecord, DerivationKind
from app.provenance.graph import ClaimFacts, Derivation, Facts, Report, SourceFacts
from app.storage.tables import actors as t_actors
from app.storage.tables import claim_reports as t_claim_reports
from app.storage.tables import claims as t_claims
from app.storage.tables import source_derivations as t_source_derivations
from app.storage.tables import sources as t_sources

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

BATCH = 500
_KINDS = {k.value: k for k in DerivationKind}


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for n in range(0, len(ids), BATCH):
        yield ids[n : n + BATCH]


_CLAIM_COLS = (
    t_claims.c.id,
    t_claims.c.source_id,
    t_claims.c.actor_id,
    t_actors.c.name,
    t_claims.c.statement,
    t_claims.c.quote,
    t_claims.c.span_start,
    t_claims.c.span_end,
)


# The statements are built once with an expanding parameter, so each batch reuses the compiled SQL.
_IDS: BindParameter[Any] = bindparam("ids", expanding=True)


def _report_closure_q() -> Select[Any]:
    cr = t_claim_reports.c
    cols = (cr.claim_id, cr.reported_from_id, cr.origin_name, cr.origin_actor_id, cr.created_by, cr.created)
    chain = select(*cols).where(cr.claim_id.in_(_IDS)).cte("chain", recursive=True)
    chain = chain.union(select(*cols).join(chain, cr.claim_id == chain.c.reported_from_id))
    return select(*chain.c)


def _derivation_closure_q() -> Select[Any]:
    sd = t_source_derivations.c
    cols = (sd.id, sd.source_id, sd.derived_from_id, sd.kind, sd.created_by, sd.created)
    up = select(*cols).where(sd.source_id.in_(_IDS)).cte("up", recursive=True)
    up = up.union(select(*cols).join(up, sd.source_id == up.c.derived_from_id))
    return select(*up.c)


_CLAIMS_BY_ID_Q = (
    select(*_CLAIM_COLS)
    .outerjoin(t_actors, t_actors.c.id == t_claims.c.actor_id)
    .where(t_claims.c.id.in_(_IDS))
)


@functools.cache
def _walk_statements() -> tuple[Select[Any], Select[Any], Select[Any]]:
    """The report closure, the derivation closure and the claims of sources: built on the first walk, so a
    library without provenance (a cold export of it) never builds the recursive queries (~2 ms)."""
    by_source = (
        select(*_CLAIM_COLS)
        .outerjoin(t_actors, t_actors.c.id == t_claims.c.actor_id)
        .where(t_claims.c.source_id.in_(_IDS))
        .order_by(t_claims.c.id)
    )
    return _report_closure_q(), _derivation_closure_q(), by_source


_SOURCES_Q = select(t_sources.c.id, t_sources.c.title, t_sources.c.outlet).where(t_sources.c.id.in_(_IDS))
_ANY_Q = select(
    exists(select(t_claim_reports.c.claim_id)).label("reports"),
    exists(select(t_source_derivations.c.id)).label("derivations"),
)


def _report_closure(conn: Connection, ids: list[int]) -> list[tuple[Any, ...]]:
    """The reports of ``ids`` and of every claim they are reported from, hop after hop (one query)."""
    return [tuple(r) for r in conn.execute(_walk_statements()[0], {"ids": ids})]


def _derivation_closure(conn: Connection, ids: list[int]) -> list[tuple[Any, ...]]:
    """The derivations of ``ids`` and of every source above them (one query)."""
    return sorted(
        (tuple(r) for r in conn.execute(_walk_statements()[1], {"ids": ids})), key=lambda r: int(r[0])
    )


def load_facts(
    s: Session | Connection,
    claim_ids: Iterable[int],
    *,
    known: Mapping[int, ClaimRecord] | None = None,
    sources: bool = True,
) -> Facts:
    """Everything ``claim_ids`` trace back through. ``known``: claims already read (by the checks), used
    instead of reading them again. ``sources``: also read titles and outlets (for messages and views).

    Rounds: the claims' whole report chains (a recursive query), the claims those name, the derived chains
    of all their sources (a recursive query), then the claims of every earlier source (to match against),
    whose own report chains start the next round. Most libraries need one round."""
    conn = (
        s if isinstance(s, Connection) else s.connection()
    )  # a Core connection (Store.querying) or a session
    facts = Facts()
    if known:
        claims, seen = facts.claims, facts.sources
        for c in known.values():
            claims[c.id] = ClaimFacts(
                c.id, c.source_id, c.actor_id, c.actor_name, c.statement, c.quote, c.span_start, c.span_end
            )
            if c.source_id not in seen:  # made only for a source not seen yet
                seen[c.source_id] = SourceFacts(c.source_id, c.source_title, c.source_outlet)
    reports_done: set[int] = set()
    parents_done: set[int] = set()
    source_claims_done: set[int] = set()
    todo = [int(i) for i in dict.fromkeys(claim_ids)]
    any_reports, any_derivations = conn.execute(_ANY_Q).one()
    if not any_reports and not any_derivations:  # a library without provenance: each claim is its origin
        todo = [i for i in todo if i not in facts.claims]
        for chunk in _chunks(todo):
            for r in conn.execute(_CLAIMS_BY_ID_Q, {"ids": chunk}):
                facts.claims[r[0]] = ClaimFacts(r[0], r[1], r[2], r[3] or "", r[4], r[5], r[6], r[7])
        todo = []
    while todo:
        # 1. the report chains of the new claims, and every claim they name
        chained = [i for i in todo if i not in reports_done]
        reports_done.update(chained)
        named: list[int] = list(chained)
        for chunk in _chunks(chained):
            for rep in _report_closure(conn, chunk):
                facts.reports[rep[0]] = Report(rep[0], rep[1], rep[2] or "", rep[3], rep[4] or "", rep[5])
                reports_done.add(rep[0])
                if rep[1] is not None:
                    named.append(rep[1])
        missing = [i for i in dict.fromkeys(named) if i not in facts.claims]
        for chunk in _chunks(missing):
            for r in conn.execute(_CLAIMS_BY_ID_Q, {"ids": chunk}):
                facts.claims[r[0]] = ClaimFacts(r[0], r[1], r[2], r[3] or "", r[4], r[5], r[6], r[7])
        reports_done.update(named)  # a closure holds every report along each chain
        # 2. the derived chains of their sources
        srcs = [
            sid
            for sid in dict.fromkeys(facts.claims[i].source_id for i in named if i in facts.claims)
            if sid not in parents_done
        ]
        earlier: list[int] = []
        for chunk in _chunks(srcs):
            for der in _derivation_closure(conn, chunk):
                if der[1] in parents_done:
                    continue
                facts.parents.setdefault(der[1], [])
                if all(d.derived_from_id != der[2] for d in facts.parents[der[1]]):
                    facts.parents[der[1]].append(
                        Derivation(der[1], der[2], _KINDS[der[3]], der[4] or "", der[5])
                    )
                earlier.append(der[2])
        # every source reached now has all its derivations read (a closure holds every edge above it)
        parents_done.update(srcs)
        parents_done.update(facts.parents)
        parents_done.update(earlier)
        # 3. the claims of every earlier source, to match against; their own chains come next round
        fetch = [sid for sid in dict.fromkeys(earlier) if sid not in source_claims_done]
        source_claims_done.update(fetch)
        todo = []
        for chunk in _chunks(fetch):
            for r in conn.execute(_walk_statements()[2], {"ids": chunk}):
                if r[0] not in facts.claims:
                    facts.claims[r[0]] = ClaimFacts(r[0], r[1], r[2], r[3] or "", r[4], r[5], r[6], r[7])
                facts.source_claims.setdefault(r[1], []).append(r[0])
                if r[0] not in reports_done:
                    todo.append(r[0])
    if sources:
        reached = {c.source_id for c in facts.claims.values()} | set(facts.parents)
        reached |= {d.derived_from_id for ds in facts.parents.values() for d in ds}
        need = list(reached - facts.sources.keys())
        for chunk in _chunks(need):
            for src in conn.execute(_SOURCES_Q, {"ids": chunk}):
                facts.sources[src[0]] = SourceFacts(src[0], src[1], src[2])
    return facts


def corroboration_condition(column: Any, which: str, corroborated: Iterable[int]) -> Any:
    """A WHERE condition on a claim id column for ClaimFilter.corroboration ("independent"/"single"), given
    the ids of the independently corroborated claims (``lib.provenance.independently_corroborated()``)."""
    from sqlalchemy import false, true

    from app.domain_lists import CORROBORATION_FILTERS
    from app.errors import ValidationError

    if which not in CORROBORATION_FILTERS:
        raise ValidationError(
            f"'{which}' is not a corroboration filter; use one of: {', '.join(CORROBORATION_FILTERS)}."
        )
    ids = sorted(corroborated)
    # the ids are integers worked out here: written into the SQL, so that any number of them fits
    param: Any = bindparam("corroborated_ids", ids, expanding=True, literal_execute=True)
    if which == "independent":
        return column.in_(param) if ids else false()
    return column.not_in(param) if ids else true()
