"""The ACH matrix of a brief (``lib.ach.matrix``): read from the stored ratings and the claims' current grades and
open denials, then scored (``app.analysis.scoring`` has the weights and the scores).
"""

from __future__ import annotations

from fractions import Fraction

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.analysis import scoring
from app.analysis.ach_store import (
    cited_claims,
    get_brief,
    hypothesis_record,
    ordered_hypotheses,
    ordered_rows,
)
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
from app.storage.models import AchRating, Claim, ClaimLink, Source

_RATINGS = {r.value: r for r in Rating}


def read_matrix(s: Session, brief_id: int) -> AchMatrix:
    """The brief's matrix with its scores, ranking, diagnosticity, suggestions and sensitivity."""
    from app.claim_rows import claim_select, row_to_record

    get_brief(s, brief_id)
    brief_id = int(brief_id)
    hyps = [hypothesis_record(h) for h in ordered_hypotheses(s, brief_id)]
    row_models = ordered_rows(s, brief_id)
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
            select(AchRating.hypothesis_id, AchRating.claim_id, AchRating.rating, AchRating.note).where(
                AchRating.hypothesis_id.in_([h.id for h in hyps])
            )
        ):
            if c_id in cells:
                cells[c_id][h_id] = (rating, note or "")
    # open denials of each row's claim (the denying claim not retracted), with their grades
    denials: dict[int, list[tuple[int, str, int]]] = {c: [] for c in claim_ids}
    for start in range(0, len(claim_ids), 500):
        chunk = claim_ids[start : start + 500]
        for link_from, link_to, reliability, credibility in s.execute(
            select(ClaimLink.from_claim_id, ClaimLink.to_claim_id, Source.reliability, Claim.credibility)
            .join(Claim, Claim.id == ClaimLink.from_claim_id)
            .join(Source, Source.id == Claim.source_id)
            .where(
                ClaimLink.kind == "denies",
                ClaimLink.to_claim_id.in_(chunk),
                Claim.status != ClaimStatus.RETRACTED.value,
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
