"""ACH scoring against matrices computed by hand (the arithmetic is written out beside each figure)."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from app.analysis import scoring
from app.analysis.model import Rating
from app.analysis.scoring import Row, effective_weight, grade_weight

CC, C, N, I, II, NA = (Rating.CC, Rating.C, Rating.N, Rating.I, Rating.II, Rating.NA)  # noqa: E741


@pytest.mark.parametrize(
    ("grade", "expected"),
    [
        ("A1", F(1)),  # 1.0 x 1.0
        ("B2", F(16, 25)),  # 0.8 x 0.8 = 0.64
        ("C3", F(9, 25)),  # 0.6 x 0.6 = 0.36
        ("D4", F(4, 25)),  # 0.4 x 0.4 = 0.16
        ("E5", F(1, 25)),  # 0.2 x 0.2 = 0.04
        ("F6", F(1, 4)),  # 0.5 x 0.5 = 0.25
        ("B5", F(4, 25)),  # 0.8 x 0.2 = 0.16
        ("E2", F(4, 25)),  # 0.2 x 0.8 = 0.16: the two grades count alike
        ("F3", F(3, 10)),  # 0.5 x 0.6 = 0.30
    ],
)
def test_grade_weight(grade, expected):
    assert grade_weight(grade[0], int(grade[1])) == expected


def test_a_better_grade_always_weighs_more():
    letters, digits = "ABCDE", (1, 2, 3, 4, 5)
    for i, letter in enumerate(letters):
        for j, digit in enumerate(digits):
            w = grade_weight(letter, digit)
            if i + 1 < len(letters):
                assert w > grade_weight(letters[i + 1], digit)
            if j + 1 < len(digits):
                assert w > grade_weight(letter, digits[j + 1])
    assert grade_weight("B", 2) == 16 * grade_weight("E", 5)
    # "cannot be judged" sits between fairly reliable / possibly true and not usually reliable / doubtful
    assert grade_weight("D", 3) < grade_weight("F", 3) < grade_weight("C", 3)
    assert grade_weight("C", 4) < grade_weight("C", 6) < grade_weight("C", 3)


def test_effective_weight_of_a_contested_claim():
    b2 = grade_weight("B", 2)
    # one equally graded denial halves it: 0.64 * 0.64 / (0.64 + 0.64) = 0.32
    assert effective_weight(b2, [b2]) == F(8, 25)
    # denied by a C5 (0.12) and an E5 (0.04): 0.4096 / (0.64 + 0.16) = 0.512
    assert effective_weight(b2, [grade_weight("C", 5), grade_weight("E", 5)]) == F(64, 125)
    # a weak denial barely moves it: 0.4096 / 0.68 = 0.6024
    assert effective_weight(b2, [grade_weight("E", 5)]) == F(4096, 6800)
    # a strong denial cuts it hard but never to nothing: 0.4096 / 1.64 = 0.2498
    strong = effective_weight(b2, [grade_weight("A", 1)])
    assert strong == F(4096, 16400) and strong > 0
    assert effective_weight(b2, []) == b2
    assert effective_weight(b2, [b2], retracted=True) == 0


def _matrix():
    """Three hypotheses, six claims:

    claim  grade  w      H1  H2  H3
    1      A1     1.00   C   I   II
    2      B2     0.64   I   C   C
    3      E5     0.04   II  II  C
    4      F6     0.25   N   NA  I
    5      C3     0.36   C   C   C      (not diagnostic)
    6      D4     0.16   N   NA  N      (not diagnostic: NA aside, all N)

    H1 = 0.64*1 + 0.04*2          = 0.72
    H2 = 1.00*1 + 0.04*2          = 1.08
    H3 = 1.00*2 + 0.25*1          = 2.25
    """
    hyps = [1, 2, 3]
    rows = [
        Row(1, F(1), {1: C, 2: I, 3: II}),
        Row(2, F(16, 25), {1: I, 2: C, 3: C}),
        Row(3, F(1, 25), {1: II, 2: II, 3: C}),
        Row(4, F(1, 4), {1: N, 2: NA, 3: I}),
        Row(5, F(9, 25), {1: C, 2: C, 3: C}),
        Row(6, F(4, 25), {1: N, 2: NA, 3: N}),
    ]
    return hyps, rows


def test_scores_and_ranking_by_hand():
    hyps, rows = _matrix()
    s = scoring.scores(hyps, rows)
    assert s == {1: F(72, 100), 2: F(108, 100), 3: F(225, 100)}
    assert scoring.ranks(hyps, s) == [(1, 1), (2, 2), (3, 3)]
    assert scoring.leaders(hyps, s) == {1}


def test_diagnosticity_by_hand():
    _, rows = _matrix()
    assert [scoring.diagnostic(r.ratings) for r in rows] == [True, True, True, True, False, False]
    assert scoring.diagnostic({}) is False
    assert scoring.diagnostic({1: I}) is False  # one rating cannot differ from anything


def test_spread_and_sensitivity_by_hand():
    hyps, rows = _matrix()
    # claim 1 adds 0, 1, 2 -> spread 2; claim 2 adds 0.64, 0, 0; claim 3 0.08, 0.08, 0; claim 4 0, 0, 0.25
    assert [scoring.spread(hyps, r) for r in rows] == [F(2), F(16, 25), F(2, 25), F(1, 4), 0, 0]
    sens = scoring.sensitivity(hyps, rows)
    assert sens.claim_id == 1
    # without claim 1: H1 0.72, H2 0.08, H3 0.25 -> H2, H3, H1
    assert sens.scores_without == {1: F(72, 100), 2: F(8, 100), 3: F(25, 100)}
    assert sens.ranks_without == [(2, 1), (3, 2), (1, 3)]
    assert sens.changed and sens.leader_changed
    text = scoring.describe_sensitivity(
        sens, scoring.ranks(hyps, scoring.scores(hyps, rows)), {1: "H1", 2: "H2", 3: "H3"}, "A1"
    )
    assert text == "If c1 (A1) were wrong, H2 would lead instead of H1."


def test_critical_claims_by_hand():
    hyps, rows = _matrix()
    totals = scoring.scores(hyps, rows)
    # only claim 1 changes the leader: without claim 2, H1 = 0.08 still leads
    assert [scoring.critical(hyps, totals, r) for r in rows] == [True, False, False, False, False, False]


def test_ties_share_a_rank_and_keep_the_analysts_order():
    hyps = [10, 20, 30]
    rows = [Row(1, F(16, 25), {10: I, 20: C, 30: I}), Row(2, F(9, 25), {10: N, 20: II, 30: N})]
    # H10 = 0.64, H20 = 0.72, H30 = 0.64
    s = scoring.scores(hyps, rows)
    assert scoring.ranks(hyps, s) == [(10, 1), (30, 1), (20, 3)]
    assert scoring.leaders(hyps, s) == {10, 30}


def test_an_unrated_cell_adds_nothing_and_nothing_separates_an_empty_matrix():
    hyps = [1, 2]
    assert scoring.scores(hyps, []) == {1: 0, 2: 0}
    sens = scoring.sensitivity(hyps, [Row(1, F(1), {1: C, 2: C})])
    assert sens.claim_id is None and not sens.changed
    assert "No claim separates" in scoring.describe_sensitivity(sens, [(1, 1), (2, 1)], {1: "H1", 2: "H2"})
    assert scoring.scores(hyps, [Row(1, F(1), {1: I})]) == {1: 1, 2: 0}


def test_most_influential_tie_goes_to_the_heavier_claim_then_the_earlier_row():
    hyps = [1, 2]
    rows = [
        Row(1, F(1, 2), {1: II}),  # spread 1.0, weight 0.5
        Row(2, F(1), {1: I}),  # spread 1.0, weight 1.0
        Row(3, F(1), {2: I}),  # spread 1.0, weight 1.0, later row
    ]
    assert scoring.most_influential(hyps, rows).claim_id == 2


def test_sensitivity_when_the_order_changes_but_not_the_leader():
    hyps = [1, 2, 3]
    rows = [
        Row(1, F(1), {2: I, 3: II}),  # H2 1, H3 2
        Row(2, F(1, 4), {1: I, 3: I}),  # H1 0.25, H3 0.25
        Row(3, F(1, 5), {2: II}),  # H2 0.4
    ]
    # H1 0.25, H2 1.4, H3 2.25; most influential: claim 1 (spread 2); without it H1 .25, H2 .4, H3 .25
    sens = scoring.sensitivity(hyps, rows)
    assert sens.claim_id == 1
    assert sens.ranks_without == [(1, 1), (3, 1), (2, 3)]
    assert sens.leader_changed  # H1 alone -> H1 and H3 tied
    text = scoring.describe_sensitivity(
        sens, scoring.ranks(hyps, scoring.scores(hyps, rows)), {1: "H1", 2: "H2", 3: "H3"}
    )
    assert text == "If c1 were wrong, H1 would no longer lead alone: H1 and H3 would tie for the lead."
    rows2 = [Row(1, F(1), {2: I, 3: II}), Row(2, F(1, 10), {1: I}), Row(3, F(3, 2), {2: I})]
    # H1 0.1, H2 2.5, H3 2; without claim 1 (spread 2... claim 3 spread 1.5): H1 .1, H2 1.5, H3 0 -> H3 leads
    sens2 = scoring.sensitivity(hyps, rows2)
    assert sens2.claim_id == 1 and sens2.leader_changed
    rows3 = [Row(1, F(1), {2: I, 3: II}), Row(2, F(1, 10), {1: I}), Row(3, F(2), {2: I, 3: N})]
    # H1 .1, H2 3, H3 2; most influential claim 3 (spread 2, weight 2); without it H1 .1, H2 1, H3 2
    sens3 = scoring.sensitivity(hyps, rows3)
    assert sens3.claim_id == 3 and sens3.changed and not sens3.leader_changed
    text3 = scoring.describe_sensitivity(
        sens3, scoring.ranks(hyps, scoring.scores(hyps, rows3)), {1: "H1", 2: "H2", 3: "H3"}
    )
    assert text3 == "If c3 were wrong, H1 would still lead, but the order would become H1, H2, H3."


def test_suggestions_from_denials():
    hyps = [1, 2, 3]
    ratings = {
        1: {1: C, 2: CC, 3: I},  # claim 1
        2: {3: I},  # claim 2 denies claim 1; rated like it against H3
        3: {1: II},  # claim 3 denies claim 4
        4: {},
        5: {1: N},  # claim 5 denies claim 1: nothing proposed where claim 1 is neutral or NA
    }
    got = scoring.suggestions(hyps, ratings, [(2, 1), (3, 4), (5, 1), (9, 1)])
    assert [(s.hypothesis_id, s.claim_id, s.rating, s.because_claim_id, s.kind) for s in got] == [
        (1, 2, I, 1, "suggest"),  # claim 1 consistent with H1 -> its denial inconsistent
        (2, 2, II, 1, "suggest"),  # very consistent -> very inconsistent
        (3, 2, C, 1, "conflict"),  # both inconsistent with H3 though one denies the other
        (1, 4, CC, 3, "suggest"),  # the denial is very inconsistent -> the denied claim very consistent
        # claim 5 is neutral on H1 and rated nowhere else; claim 1's ratings on H2, H3 are proposed for it:
        (2, 5, II, 1, "suggest"),
        (3, 5, C, 1, "suggest"),
    ]
    text = scoring.describe_suggestion(got[0], {1: "H1", 2: "H2", 3: "H3"}, denier=2)
    assert (
        text
        == "c2 denies c1; c1 is rated C (consistent) with H1, so c2 is probably I (inconsistent) with it."
    )


def test_rating_parse():
    assert Rating.parse(" ii ") is II
    assert Rating.parse("very consistent") is CC
    assert Rating.parse("n/a") is NA
    assert Rating.parse("Not applicable") is NA
    with pytest.raises(Exception, match="not a rating"):
        Rating.parse("maybe")


def test_the_fast_paths_agree_with_rescoring_on_random_matrices():
    """critical() and sensitivity() subtract a row's contribution instead of rescoring the matrix, and
    leaders() compares floats before fractions: on random matrices they agree with the plain rescoring."""
    import random

    rng = random.Random(11)
    grades = [(letter, digit) for letter in "ABCDEF" for digit in range(1, 7)]
    for _ in range(200):
        hyps = list(range(1, rng.randint(1, 6) + 1))
        rows = []
        for cid in range(1, rng.randint(0, 12) + 1):
            w = effective_weight(
                grade_weight(*rng.choice(grades)), [grade_weight(*rng.choice(grades))] * rng.randint(0, 2)
            )
            ratings = {h: rng.choice((CC, C, N, I, II, NA)) for h in hyps if rng.random() < 0.8}
            rows.append(Row(cid, w, ratings))
        totals = scoring.scores(hyps, rows)
        exact_best = min(totals.values()) if hyps else None
        assert scoring.leaders(hyps, totals) == frozenset(h for h in hyps if totals[h] == exact_best)
        for row in rows:
            naive = scoring.without(hyps, rows, row.claim_id)
            assert scoring.critical(hyps, totals, row) == (
                scoring.leaders(hyps, naive) != scoring.leaders(hyps, totals)
            )
        sens = scoring.sensitivity(hyps, rows)
        if sens.claim_id is not None:
            assert sens.scores_without == scoring.without(hyps, rows, sens.claim_id)
