"""Scoring an ACH matrix: claim weights from grades, weighted inconsistency, ranking, diagnosticity,
denial-based suggestions and sensitivity. Pure functions on plain values (no library), exact arithmetic.

Weights (the formula, and why)
------------------------------
A claim's Admiralty grade answers two separate questions: does this *source* tend to be right (the letter),
and is this *piece of information* credible (the digit)? A claim should move a conclusion only as far as
both hold, so its weight is the product of two factors, each between 0 and 1::

    weight = R[letter] * C[digit]
    R: A 1.0  B 0.8  C 0.6  D 0.4  E 0.2  F 0.5
    C: 1 1.0  2 0.8  3 0.6  4 0.4  5 0.2  6 0.5

- A to E and 1 to 5 fall in equal steps of 0.2: the doctrine defines the grades as an ordered scale and
  gives no spacing, so even steps assume the least.
- F ("reliability cannot be judged") and 6 ("truth cannot be judged") are 0.5, halfway: they are no
  evidence either way, so they count for less than a fairly reliable/possibly true report (0.6) and more
  than a doubtful one (0.4).
- The product makes the two grades compound: B2 = 0.64, C3 = 0.36, E5 = 0.04 (a B2 claim weighs sixteen
  times an E5), F6 = 0.25. No grade weighs nothing, so a rating never silently drops out.

A contested claim keeps the share of the combined weight that is its own::

    effective = weight * weight / (weight + D)        D = the sum of its open denials' weights

An equally graded denial halves the claim's weight; a much weaker denial barely moves it (B2 denied by an
E5: 0.64 -> 0.60); a much stronger one reduces it sharply but never to zero (the claim is still on record).
Denials count with the weight of their own grade (one level: no chains, no cycles); a denial that is itself
retracted does not count (it is not open). A retracted claim weighs 0.

Scores: a hypothesis's score is the sum, over the matrix's claims, of effective weight x penalty, where
the penalty of I (inconsistent) is 1, of II (very inconsistent) 2, and of every other rating (and of no
rating) 0. As Heuer advises, only inconsistency counts: evidence consistent with several hypotheses does not
tell them apart. Hypotheses are ranked from least to most inconsistent; equal scores share a rank.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from app.analysis.model import RATING_MEANING, Rating

RELIABILITY_WEIGHT: dict[str, Fraction] = {
    "A": Fraction(1),
    "B": Fraction(4, 5),
    "C": Fraction(3, 5),
    "D": Fraction(2, 5),
    "E": Fraction(1, 5),
    "F": Fraction(1, 2),
}
CREDIBILITY_WEIGHT: dict[int, Fraction] = {
    1: Fraction(1),
    2: Fraction(4, 5),
    3: Fraction(3, 5),
    4: Fraction(2, 5),
    5: Fraction(1, 5),
    6: Fraction(1, 2),
}


def grade_weight(reliability: str, credibility: int) -> Fraction:
    """The weight of a claim graded ``reliability``+``credibility`` (e.g. "B", 2 -> 16/25 = 0.64)."""
    return RELIABILITY_WEIGHT[reliability] * CREDIBILITY_WEIGHT[int(credibility)]


def effective_weight(
    weight: Fraction, denial_weights: Iterable[Fraction] = (), *, retracted: bool = False
) -> Fraction:
    """The weight after the claim's open denials: ``weight * weight / (weight + sum(denials))``."""
    if retracted:
        return Fraction(0)
    denied = sum(denial_weights, Fraction(0))
    if weight <= 0 or denied <= 0:
        return weight
    return weight * weight / (weight + denied)


@dataclass(frozen=True, slots=True)
class Row:
    """What scoring needs of a matrix row."""

    claim_id: int
    weight: Fraction  # effective weight
    ratings: Mapping[int, Rating]  # hypothesis id -> rating


_PENALTY: dict[Rating, int] = {Rating.I: 1, Rating.II: 2}  # Rating.penalty, without the property's cost


def contributions(row: Row) -> dict[int, Fraction]:
    """What the row adds to each hypothesis's score (only the hypotheses it adds something to)."""
    out: dict[int, Fraction] = {}
    w = row.weight
    if not w:
        return out
    for h, rating in row.ratings.items():
        p = _PENALTY.get(rating)
        if p:
            out[h] = w if p == 1 else w + w
    return out


def scores(
    hypotheses: Sequence[int], rows: Iterable[Row], contribs: Iterable[Mapping[int, Fraction]] | None = None
) -> dict[int, Fraction]:
    """Each hypothesis's weighted inconsistency (``contribs``: the rows' contributions, when computed)."""
    out = {h: Fraction(0) for h in hypotheses}
    for added in contribs if contribs is not None else (contributions(r) for r in rows):
        for h, c in added.items():
            if h in out:
                out[h] += c
    return out


def ranks(hypotheses: Sequence[int], score: Mapping[int, Fraction]) -> list[tuple[int, int]]:
    """(hypothesis id, rank), least inconsistent first; equal scores share a rank ("1, 1, 3") and keep the
    analyst's order among themselves."""
    order = sorted(range(len(hypotheses)), key=lambda i: (score[hypotheses[i]], i))
    out: list[tuple[int, int]] = []
    for place, i in enumerate(order):
        h = hypotheses[i]
        if out and score[h] == score[out[-1][0]]:
            out.append((h, out[-1][1]))
        else:
            out.append((h, place + 1))
    return out


def leaders(hypotheses: Sequence[int], score: Mapping[int, Fraction]) -> frozenset[int]:
    """The least inconsistent hypothesis, or the set of those tied for least."""
    if not hypotheses:
        return frozenset()
    # Floats first (a Fraction comparison costs microseconds, and the matrix asks this once a row), then the
    # exact comparison among those the floats cannot tell apart: the answer is the exact one.
    approx = {h: float(score[h]) for h in hypotheses}
    low = min(approx.values())
    near = [h for h in hypotheses if approx[h] <= low + 1e-9 * max(1.0, abs(low))]
    best = min(score[h] for h in near)
    return frozenset(h for h in near if score[h] == best)


def _sign(rating: Rating | None) -> int:
    if rating is None:
        return 0
    return {"CC": 1, "C": 1, "I": -1, "II": -1}.get(rating.value, 0)


def diagnostic(ratings: Mapping[int, Rating]) -> bool:
    """A claim is diagnostic when its ratings differ across hypotheses (not applicable and unrated cells
    aside): a claim rated the same against every hypothesis cannot tell them apart."""
    seen = {r for r in ratings.values() if r is not Rating.NA}
    return len(seen) > 1


def spread(hypotheses: Sequence[int], row: Row, added: Mapping[int, Fraction] | None = None) -> Fraction:
    """How far the claim pulls the hypotheses' scores apart: the largest minus the smallest weighted
    inconsistency it adds to any one hypothesis (an unrated cell adds nothing)."""
    if not hypotheses:
        return Fraction(0)
    added = contributions(row) if added is None else added
    values = [added[h] for h in hypotheses if h in added]
    if not values:
        return Fraction(0)
    low = Fraction(0) if len(values) < len(hypotheses) else min(values)
    return max(values) - low


@dataclass(frozen=True, slots=True)
class SuggestionValue:
    hypothesis_id: int
    claim_id: int
    rating: Rating
    because_claim_id: int
    because_rating: Rating
    kind: str  # "suggest" | "conflict"


def suggestions(
    hypotheses: Sequence[int],
    ratings: Mapping[int, Mapping[int, Rating]],
    denials: Iterable[tuple[int, int]],
) -> list[SuggestionValue]:
    """Ratings proposed from denials between the matrix's claims.

    ``ratings``: claim id -> (hypothesis id -> rating); ``denials``: (denying claim, denied claim) pairs,
    both rows of the matrix. When one side of a denial is rated consistent (C, CC) or inconsistent (I, II)
    with a hypothesis and the other side is unrated there, the other side is proposed the opposite rating
    (C <-> I, CC <-> II): "suggest". When both sides are rated and point the same way (both consistent, or
    both inconsistent), the denial's cell is flagged with the opposite rating: "conflict". Nothing is stored.
    """
    out: list[SuggestionValue] = []
    seen: set[tuple[int, int, Rating]] = set()

    def add(value: SuggestionValue) -> None:
        key = (value.hypothesis_id, value.claim_id, value.rating)
        if key not in seen:
            seen.add(key)
            out.append(value)

    for denier, denied in denials:
        if denier not in ratings or denied not in ratings:
            continue
        for h in hypotheses:
            a = ratings[denied].get(h)
            b = ratings[denier].get(h)
            if a is not None and b is None and a.opposite is not None:
                add(SuggestionValue(h, denier, a.opposite, denied, a, "suggest"))
            elif b is not None and a is None and b.opposite is not None:
                add(SuggestionValue(h, denied, b.opposite, denier, b, "suggest"))
            elif a is not None and b is not None and _sign(a) != 0 and _sign(a) == _sign(b):
                opposite = a.opposite
                assert opposite is not None
                add(SuggestionValue(h, denier, opposite, denied, a, "conflict"))
    return out


def describe_suggestion(s: SuggestionValue, label: Mapping[int, str], *, denier: int) -> str:
    """One plain sentence saying why a rating is proposed."""
    hyp = label.get(s.hypothesis_id, f"h{s.hypothesis_id}")
    target = f"c{s.claim_id}"
    because = f"c{s.because_claim_id}"
    relation = f"{target} denies {because}" if denier == s.claim_id else f"{because} denies {target}"
    proposed = f"{s.rating.value} ({RATING_MEANING[s.rating.value]})"
    given = f"{s.because_rating.value} ({RATING_MEANING[s.because_rating.value]})"
    if s.kind == "conflict":
        return (
            f"{relation}, yet both are rated the same way against {hyp} ({because} {given}); "
            f"{target} is probably {proposed} with it."
        )
    return f"{relation}; {because} is rated {given} with {hyp}, so {target} is probably {proposed} with it."


@dataclass(frozen=True, slots=True)
class SensitivityValue:
    claim_id: int | None
    spread: Fraction
    scores_without: dict[int, Fraction]
    ranks_without: list[tuple[int, int]]
    changed: bool
    leader_changed: bool


def without(hypotheses: Sequence[int], rows: Sequence[Row], claim_id: int) -> dict[int, Fraction]:
    return scores(hypotheses, [r for r in rows if r.claim_id != claim_id])


def _minus(totals: Mapping[int, Fraction], added: Mapping[int, Fraction]) -> dict[int, Fraction]:
    return {h: (v - added[h] if h in added else v) for h, v in totals.items()}


def most_influential(
    hypotheses: Sequence[int], rows: Sequence[Row], contribs: Sequence[Mapping[int, Fraction]] | None = None
) -> Row | None:
    """The claim that pulls the scores furthest apart (largest spread); ties go to the heavier claim, then
    to the earlier row. None when no claim separates any two hypotheses."""
    best: Row | None = None
    best_key: tuple[Fraction, Fraction] | None = None
    for i, row in enumerate(rows):
        key = (spread(hypotheses, row, contribs[i] if contribs is not None else None), row.weight)
        if key[0] <= 0:
            continue
        if best_key is None or key > best_key:
            best, best_key = row, key
    return best


def sensitivity(
    hypotheses: Sequence[int],
    rows: Sequence[Row],
    *,
    totals: Mapping[int, Fraction] | None = None,
    contribs: Sequence[Mapping[int, Fraction]] | None = None,
) -> SensitivityValue:
    """What the ranking would be if the most influential claim were wrong, i.e. taken out of the matrix
    (a wrong claim is no evidence at all; it is not turned into evidence for the other side). ``totals``
    and ``contribs``: the scores and the rows' contributions, when already computed."""
    contribs = [contributions(r) for r in rows] if contribs is None else contribs
    base = dict(totals) if totals is not None else scores(hypotheses, rows, contribs)
    base_ranks = ranks(hypotheses, base)
    row = most_influential(hypotheses, rows, contribs)
    if row is None:
        return SensitivityValue(None, Fraction(0), base, base_ranks, False, False)
    index = next(i for i, r in enumerate(rows) if r is row)
    after = _minus(base, contribs[index])
    after_ranks = ranks(hypotheses, after)
    return SensitivityValue(
        claim_id=row.claim_id,
        spread=spread(hypotheses, row, contribs[index]),
        scores_without=after,
        ranks_without=after_ranks,
        changed=after_ranks != base_ranks,
        leader_changed=leaders(hypotheses, after) != leaders(hypotheses, base),
    )


def critical(
    hypotheses: Sequence[int],
    totals: Mapping[int, Fraction],
    row: Row,
    added: Mapping[int, Fraction] | None = None,
    best: frozenset[int] | None = None,
) -> bool:
    """Were this claim wrong (taken out), would the least inconsistent hypothesis (or tied set) change?
    ``totals``: the scores with every row (the row's own contribution is subtracted, so a whole matrix
    costs one pass per row, not a rescoring); ``added``/``best``: the row's contributions and the leaders,
    when already computed."""
    if not hypotheses:
        return False
    added = contributions(row) if added is None else added
    if not added:
        return False  # it adds nothing anywhere: taking it out changes nothing
    best = leaders(hypotheses, totals) if best is None else best
    return leaders(hypotheses, _minus(totals, added)) != best


def describe_sensitivity(
    value: SensitivityValue,
    base_ranks: Sequence[tuple[int, int]],
    label: Mapping[int, str],
    grade: str = "",
) -> str:
    if value.claim_id is None:
        return (
            "No claim separates the hypotheses yet: none is rated inconsistent with one hypothesis more "
            "than with another."
        )
    name = f"c{value.claim_id}" + (f" ({grade})" if grade else "")

    def lead(ranking: Sequence[tuple[int, int]]) -> str:
        first = [label[h] for h, r in ranking if r == 1]
        return first[0] if len(first) == 1 else " and ".join([", ".join(first[:-1]), first[-1]])

    before_set = {h for h, r in base_ranks if r == 1}
    after_set = {h for h, r in value.ranks_without if r == 1}
    before, after = lead(base_ranks), lead(value.ranks_without)
    if value.leader_changed:
        if len(after_set) == 1 and len(before_set) == 1:
            return f"If {name} were wrong, {after} would lead instead of {before}."
        if len(after_set) == 1:
            return f"If {name} were wrong, the tie between {before} would break: {after} would lead."
        if before_set <= after_set:
            return (
                f"If {name} were wrong, {before} would no longer lead alone: {after} would tie for the lead."
            )
        return f"If {name} were wrong, {after} would tie for the lead instead of {before}."
    if value.changed:
        order = ", ".join(label[h] for h, _ in value.ranks_without)
        verb = "would still lead" if len(before_set) == 1 else "would still tie for the lead"
        return f"If {name} were wrong, {before} {verb}, but the order would become {order}."
    return f"If {name}, the most influential claim, were wrong, the ranking would not change."
