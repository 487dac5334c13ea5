"""The ACH matrix of a brief (``lib.ach.matrix``): read from the stored ratings and the claims' current grades and
open denials, then scored (``app.analysis.scoring`` has the weights and the scores).
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from sqlalchemy import select

from app.analysis import scoring
from app.analysis.ach_store import cited_claims, hypothesis_record
from app.analysis.model import (
    AchMatrix,
    AchRow,
    HypothesisRecord,
    HypothesisScore,
    Rating,
    Sensitivity,
    Suggestion,
)
from app.domain import ClaimRecord, ClaimStatus
from app.errors import NotFoundError
from app.storage.tables import briefs as t_briefs
from app.storage.tables import claim_links as t_claim_links
from app.storage.tables import claims as t_claims
from app.storage.tables import hypotheses as t_hypotheses
from app.storage.tables import sources as t_sources
from app.storage.tables_more import ach_claims as t_ach_claims
from app.storage.tables_more import ach_ratings as t_ach_ratings

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session


_RATINGS = {r.value: r for r in Rating}


def read_matrix(s: Session | Connection, brief_id: int) -> AchMatrix:
    """The brief's matrix with its scores, ranking, diagnosticity, suggestions and sensitivity."""
    from app.claim_rows import claim_select, row_to_record

    # Core rows (a plain connection or a session): reading a matrix never needs the ORM (the checks)
    brief_id = int(brief_id)
    if s.scalar(select(t_briefs.c.id).where(t_briefs.c.id == brief_id)) is None:
        raise NotFoundError("brief", brief_id)
    h, r = t_hypotheses.c, t_ach_claims.c
    hyps = [
        hypothesis_record(row)
        for row in s.execute(select(t_hypotheses).where(h.brief_id == brief_id).order_by(h.position, h.id))
    ]
    claim_ids = list(s.scalars(select(r.claim_id).where(r.brief_id == brief_id).order_by(r.position, r.id)))
    claims: dict[int, ClaimRecord] = {}
    for start in range(0, len(claim_ids), 500):
        chunk = claim_ids[start : start + 500]
        for row in s.execute(claim_select().where(t_claims.c.id.in_(chunk))):
            claims[row.id] = row_to_record(row)
    # the cells as plain rows (hypothesis, claim, rating, note): loading 50,000 ORM objects for the
    # largest matrix took seconds
    cells: dict[int, dict[int, tuple[str, str]]] = {c: {} for c in claim_ids}
    if hyps and claim_ids:
        for h_id, c_id, rating, note in s.execute(
            select(
                t_ach_ratings.c.hypothesis_id,
                t_ach_ratings.c.claim_id,
                t_ach_ratings.c.rating,
                t_ach_ratings.c.note,
            ).where(t_ach_ratings.c.hypothesis_id.in_([h.id for h in hyps]))
        ):
            if c_id in cells:
                cells[c_id][h_id] = (rating, note or "")
    # open denials of each row's claim (the denying claim not retracted), with their grades
    denials: dict[int, list[tuple[int, str, int]]] = {c: [] for c in claim_ids}
    for start in range(0, len(claim_ids), 500):
        chunk = claim_ids[start : start + 500]
        for link_from, link_to, reliability, credibility in s.execute(
            select(
                t_claim_links.c.from_claim_id,
                t_claim_links.c.to_claim_id,
                t_sources.c.reliability,
                t_claims.c.credibility,
            )
            .join(t_claims, t_claims.c.id == t_claim_links.c.from_claim_id)
            .join(t_sources, t_sources.c.id == t_claims.c.source_id)
            .where(
                t_claim_links.c.kind == "denies",
                t_claim_links.c.to_claim_id.in_(chunk),
                t_claims.c.status != ClaimStatus.RETRACTED.value,
            )
        ):
            denials[link_to].append((link_from, reliability, credibility))
    cited = cited_claims(s, brief_id)
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
