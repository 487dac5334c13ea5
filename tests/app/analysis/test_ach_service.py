"""lib.ach: hypotheses, rows, ratings, the computed matrix, and undo of every change."""

from __future__ import annotations

import pytest

from app.analysis.model import Rating
from app.errors import ConflictError, NotFoundError, ValidationError


def _hyps(lib, brief_id, *texts):
    return [lib.ach.add_hypothesis(brief_id, t).after for t in texts]


def test_hypotheses_keep_the_analysts_order(lib, world):
    h1, h2, h3 = _hyps(lib, world.brief_id, "The port reopened", "It never closed", "It is still shut")
    assert [(h.label, h.text) for h in lib.ach.hypotheses(world.brief_id)] == [
        ("H1", "The port reopened"),
        ("H2", "It never closed"),
        ("H3", "It is still shut"),
    ]
    lib.ach.update_hypothesis(h3.id, position=1)
    assert [h.id for h in lib.ach.hypotheses(world.brief_id)] == [h3.id, h1.id, h2.id]
    h4 = lib.ach.add_hypothesis(world.brief_id, "Only ferries run", position=2).after
    assert [h.id for h in lib.ach.hypotheses(world.brief_id)] == [h3.id, h4.id, h1.id, h2.id]
    lib.ach.delete_hypothesis(h4.id)
    assert [h.position for h in lib.ach.hypotheses(world.brief_id)] == [1, 2, 3]
    assert lib.ach.update_hypothesis(h1.id, text="  The port\nreopened on Monday ").after.text == (
        "The port reopened on Monday"
    )


def test_bad_hypotheses_are_refused_in_plain_words(lib, world):
    lib.ach.add_hypothesis(world.brief_id, "The port reopened")
    with pytest.raises(ConflictError, match="already has this hypothesis"):
        lib.ach.add_hypothesis(world.brief_id, "the PORT   reopened")
    with pytest.raises(ValidationError, match="cannot be empty"):
        lib.ach.add_hypothesis(world.brief_id, "   ")
    with pytest.raises(ValidationError, match="too long"):
        lib.ach.add_hypothesis(world.brief_id, "x" * 2001)
    with pytest.raises(NotFoundError, match="no brief with id 999"):
        lib.ach.add_hypothesis(999, "Anything")
    with pytest.raises(NotFoundError, match="no hypothesis"):
        lib.ach.rate(999, world.claims["a"], "C")
    with pytest.raises(ValidationError, match="position"):
        lib.ach.add_hypothesis(world.brief_id, "Other", position=0)
    assert len(lib.ach.hypotheses(world.brief_id)) == 1


def test_rating_a_claim_that_is_no_row_yet_adds_it_and_undo_takes_it_out(lib, world):
    (h1,) = _hyps(lib, world.brief_id, "The port reopened")
    change = lib.ach.rate(h1.id, world.claims["d"], "ii", note="Resignation suggests chaos")
    assert change.after.rating is Rating.II and change.extra["row_added"].claim_id == world.claims["d"]
    assert [r.claim_id for r in lib.ach.rows(world.brief_id)] == [world.claims["d"]]
    undone = lib.ach.revert(change)
    assert lib.ach.rows(world.brief_id) == [] and lib.ach.rating(h1.id, world.claims["d"]) is None
    lib.ach.revert(undone)  # redo
    cell = lib.ach.rating(h1.id, world.claims["d"])
    assert cell.rating is Rating.II and cell.note == "Resignation suggests chaos"


def test_rerating_and_clearing_undo_to_the_previous_rating(lib, world):
    (h1,) = _hyps(lib, world.brief_id, "The port reopened")
    a = world.claims["a"]
    lib.ach.rate(h1.id, a, "C", note="first")
    change = lib.ach.rate(h1.id, a, "CC")
    assert change.action == "updated" and change.before.rating is Rating.C
    assert lib.ach.rating(h1.id, a).note == "first"  # None keeps the note
    lib.ach.revert(change)
    assert lib.ach.rating(h1.id, a).rating is Rating.C
    cleared = lib.ach.rate(h1.id, a, None)
    assert cleared.action == "deleted" and lib.ach.rating(h1.id, a) is None
    assert [r.claim_id for r in lib.ach.rows(world.brief_id)] == [a]  # clearing keeps the row
    lib.ach.revert(cleared)
    assert lib.ach.rating(h1.id, a).rating is Rating.C
    with pytest.raises(ValidationError, match="not a rating"):
        lib.ach.rate(h1.id, a, "X")
    with pytest.raises(NotFoundError, match="no claim with id 12345"):
        lib.ach.rate(h1.id, 12345, "C")


def test_has_hypotheses_follows_adding_deleting_and_undo(lib, world):
    from app.checks.analysis import load_analysis

    lib.ach.add_claims(world.brief_id, [world.claims["a"]])  # a row, no hypothesis: nothing to rank
    assert not lib.ach.has_hypotheses(world.brief_id)
    facts = load_analysis(lib, world.brief_id)
    assert (facts.hypotheses, facts.rated, facts.cells, facts.complete) == ((), 0, 0, True)
    (h1,) = _hyps(lib, world.brief_id, "The port reopened")
    assert lib.ach.has_hypotheses(world.brief_id)
    lib.ach.rate(h1.id, world.claims["a"], "C")
    facts = load_analysis(lib, world.brief_id)
    assert [h.label for h in facts.hypotheses] == ["H1"] and (facts.rated, facts.cells) == (1, 1)
    deleted = lib.ach.delete_hypothesis(h1.id)
    assert not lib.ach.has_hypotheses(world.brief_id)
    lib.ach.revert(deleted)
    assert lib.ach.has_hypotheses(world.brief_id)
    with pytest.raises(NotFoundError):
        load_analysis(lib, 987654)


def test_deleting_a_hypothesis_and_undoing_it_brings_back_its_ratings(lib, world):
    h1, h2 = _hyps(lib, world.brief_id, "The port reopened", "It never closed")
    lib.ach.rate(h1.id, world.claims["a"], "C")
    lib.ach.rate(h2.id, world.claims["a"], "I", note="why")
    lib.ach.rate(h2.id, world.claims["b"], "CC")
    deleted = lib.ach.delete_hypothesis(h2.id)
    assert len(deleted.extra["ratings"]) == 2
    assert [h.id for h in lib.ach.hypotheses(world.brief_id)] == [h1.id]
    restored = lib.ach.revert(deleted)
    assert restored.action == "restored"
    assert [h.id for h in lib.ach.hypotheses(world.brief_id)] == [h1.id, h2.id]
    assert lib.ach.rating(h2.id, world.claims["a"]).note == "why"
    lib.ach.revert(restored)
    assert [h.id for h in lib.ach.hypotheses(world.brief_id)] == [h1.id]


def test_rows_add_cited_move_remove_and_undo(lib, world):
    h1, h2 = _hyps(lib, world.brief_id, "The port reopened", "It never closed")
    a, b, e, d = (world.claims[k] for k in "abed")
    added = lib.ach.add_cited(world.brief_id)
    assert [r.claim_id for r in added.after] == [a, b, e]  # order of first citation
    again = lib.ach.add_claims(world.brief_id, [d, a])
    assert [r.claim_id for r in again.after] == [d] and again.extra["skipped"] == [a]
    lib.ach.move_claim(world.brief_id, d, 1)
    assert [r.claim_id for r in lib.ach.rows(world.brief_id)] == [d, a, b, e]
    lib.ach.rate(h1.id, b, "I")
    lib.ach.rate(h2.id, b, "C")
    removed = lib.ach.remove_claims(world.brief_id, [b])
    assert len(removed.extra["ratings"]) == 2
    assert [r.claim_id for r in lib.ach.rows(world.brief_id)] == [d, a, e]
    lib.ach.revert(removed)
    assert [r.claim_id for r in lib.ach.rows(world.brief_id)] == [d, a, b, e]
    assert lib.ach.rating(h2.id, b).rating is Rating.C
    with pytest.raises(ValidationError, match="not in the matrix"):
        lib.ach.remove_claims(world.brief_id, [world.claims["f"]])
    with pytest.raises(NotFoundError):
        lib.ach.add_claims(world.brief_id, [99999])
    assert len(lib.ach.rows(world.brief_id)) == 4  # the refused add wrote nothing


def test_the_matrix_scores_real_claims_as_computed_by_hand(lib, world):
    """Grades: a A1, b B2 (denied by f, D4), c E5 (denies a), e C3.

    weights: a = 1 * 1 / (1 + 0.04) = 0.961538 (denied by c, E5 = 0.04)
             b = 0.64 * 0.64 / (0.64 + 0.16) = 0.512 (denied by f, D4 = 0.16)
             c = 0.04, e = 0.36
             H1  H2
    a        C   II
    b        I   C
    c        II  N
    e        C   C
    H1 = 0.512 + 2 * 0.04 = 0.592; H2 = 2 * 0.961538 = 1.923077
    """
    h1, h2 = _hyps(lib, world.brief_id, "The port reopened", "It never closed")
    a, b, c, e = (world.claims[k] for k in "abce")
    for claim, r1, r2 in ((a, "C", "II"), (b, "I", "C"), (c, "II", "N"), (e, "C", "C")):
        lib.ach.rate(h1.id, claim, r1)
        lib.ach.rate(h2.id, claim, r2)
    m = lib.ach.matrix(world.brief_id)
    rows = {r.claim_id: r for r in m.rows}
    assert rows[a].grade == "A1" and rows[a].weight == 1.0
    assert rows[a].effective_weight == pytest.approx(1 / 1.04)
    assert rows[a].denial_grades == ("E5",)
    assert rows[b].effective_weight == pytest.approx(0.512) and rows[b].denial_grades == ("D4",)
    assert rows[c].effective_weight == pytest.approx(0.04)
    assert [(s.hypothesis_id, s.rank) for s in m.ranking] == [(h1.id, 1), (h2.id, 2)]
    assert m.score_of(h1.id).score == pytest.approx(0.592)
    assert m.score_of(h2.id).score == pytest.approx(2 / 1.04)
    assert m.score_of(h1.id).inconsistent == 2 and m.score_of(h1.id).consistent == 2
    assert [rows[k].diagnostic for k in (a, b, c, e)] == [True, True, True, False]
    # most influential: a (spread 1.92); without it H1 0.592, H2 0 -> H2 leads
    assert m.sensitivity.claim_id == a and m.sensitivity.leader_changed
    assert m.sensitivity.summary == f"If c{a} (A1) were wrong, H2 would lead instead of H1."
    assert rows[a].critical and not rows[e].critical
    # c denies a: a is C with H1 while c is II (fine), a is II with H2 while c is N (fine): no suggestion
    assert m.suggestions == ()
    assert m.candidates == ()  # all cited claims (a, b, e) are rows
    assert m.complete


def test_denials_suggest_ratings_without_setting_them(lib, world):
    (h1,) = _hyps(lib, world.brief_id, "The port reopened")
    b, f = world.claims["b"], world.claims["f"]
    lib.ach.add_claims(world.brief_id, [f])
    lib.ach.rate(h1.id, b, "CC")
    m = lib.ach.matrix(world.brief_id)
    assert [(s.claim_id, s.rating, s.because_claim_id, s.kind) for s in m.suggestions] == [
        (f, Rating.II, b, "suggest")
    ]
    assert lib.ach.rating(h1.id, f) is None  # never set silently
    assert "denies" in m.suggestions[0].reason
    lib.ach.rate(h1.id, f, "C")  # both consistent with H1 although f denies b
    m = lib.ach.matrix(world.brief_id)
    assert [(s.claim_id, s.rating, s.kind) for s in m.suggestions] == [(f, Rating.II, "conflict")]


def test_a_retracted_claim_weighs_nothing_and_a_retracted_denial_does_not_count(lib, world):
    (h1,) = _hyps(lib, world.brief_id, "The port reopened")
    a, c = world.claims["a"], world.claims["c"]
    lib.ach.rate(h1.id, a, "I")
    lib.claims.update(c, status="retracted")  # c denied a
    m = lib.ach.matrix(world.brief_id)
    assert m.rows[0].effective_weight == 1.0 and m.rows[0].denial_grades == ()
    lib.claims.update(a, status="retracted")
    m = lib.ach.matrix(world.brief_id)
    assert m.rows[0].retracted and m.rows[0].effective_weight == 0 and m.ranking[0].score == 0


def test_a_deleted_claim_leaves_the_matrix_and_its_undo_puts_it_back(lib, world):
    h1, h2 = _hyps(lib, world.brief_id, "The port reopened", "It never closed")
    a, b, e = (world.claims[k] for k in "abe")
    lib.ach.add_claims(world.brief_id, [a, b, e])
    lib.ach.rate(h1.id, b, "I", note="kept")
    lib.ach.rate(h2.id, b, "CC")
    deleted = lib.claims.delete(b)
    assert [r.claim_id for r in lib.ach.rows(world.brief_id)] == [a, e]
    assert lib.ach.matrix(world.brief_id).ranking[0].score == 0
    lib.claims.restore(deleted)
    assert [r.claim_id for r in lib.ach.rows(world.brief_id)] == [a, b, e]
    assert lib.ach.rating(h1.id, b).note == "kept" and lib.ach.rating(h2.id, b).rating is Rating.CC


def test_deleting_the_brief_deletes_its_analysis(lib, world):
    from sqlalchemy import text

    (h1,) = _hyps(lib, world.brief_id, "The port reopened")
    lib.ach.rate(h1.id, world.claims["a"], "C")
    lib.assumptions.add(world.brief_id, "Port records are complete", rating="caveated")
    lib.briefs.delete(world.brief_id)
    with lib.engine.connect() as conn:  # the stored rows themselves, on SQLite or PostgreSQL
        counts = [
            conn.execute(text(f"SELECT count(*) FROM {t}")).scalar()
            for t in ("hypotheses", "ach_claims", "ach_ratings", "assumptions")
        ]
    assert counts == [0, 0, 0, 0]


def test_one_hypothesis_or_none_gives_a_matrix_without_errors(lib, world):
    m = lib.ach.matrix(world.brief_id)
    assert m.ranking == () and m.rows == () and m.sensitivity.claim_id is None
    assert set(m.candidates) == {world.claims[k] for k in "abe"}
    (h1,) = _hyps(lib, world.brief_id, "Only one")
    lib.ach.rate(h1.id, world.claims["a"], "I")
    m = lib.ach.matrix(world.brief_id)
    assert m.ranking[0].rank == 1 and not m.rows[0].diagnostic
    assert m.sensitivity.claim_id is None  # one hypothesis: nothing to separate


def test_hypothesis_limit(lib, world, monkeypatch):
    from app.analysis import ach

    monkeypatch.setattr(ach, "MAX_HYPOTHESES", 3)
    _hyps(lib, world.brief_id, "One", "Two", "Three")
    with pytest.raises(ValidationError, match="most a matrix can hold"):
        lib.ach.add_hypothesis(world.brief_id, "Four")


def test_stale_edits_are_refused_and_records_carry_who_and_which_version(lib, world):
    from app.errors import StaleEditError

    h = lib.ach.add_hypothesis(world.brief_id, "The port reopened").after
    assert h.version == 1 and h.created_by == lib.user and len(h.uuid) == 36
    seen = h.version
    lib.ach.update_hypothesis(h.id, text="The port reopened on Monday", if_version=seen)
    with pytest.raises(StaleEditError):
        lib.ach.update_hypothesis(h.id, text="Someone else's wording", if_version=seen)
    with pytest.raises(StaleEditError):
        lib.ach.delete_hypothesis(h.id, if_version=seen)
    assert lib.ach.hypothesis(h.id).text == "The port reopened on Monday"
    cell = lib.ach.rate(h.id, world.claims["a"], "C").after
    lib.ach.rate(h.id, world.claims["a"], "CC", if_version=cell.version)
    with pytest.raises(StaleEditError):
        lib.ach.rate(h.id, world.claims["a"], "I", if_version=cell.version)
    assert lib.ach.rating(h.id, world.claims["a"]).rating is Rating.CC
    a = lib.assumptions.add(world.brief_id, "Records are complete", rating="solid").after
    lib.assumptions.update(a.id, rating="caveated", if_version=a.version)
    with pytest.raises(StaleEditError):
        lib.assumptions.update(a.id, rating="unsupported", if_version=a.version)
    # an undone delete brings back the same record (uuid), a newer version
    deleted = lib.ach.delete_hypothesis(h.id)
    back = lib.ach.revert(deleted).after
    assert back.uuid == h.uuid and back.version > deleted.before.version


def test_a_hypothesis_tied_to_the_key_judgment_that_states_it(lib, world):
    h = lib.ach.add_hypothesis(world.brief_id, "The port reopened", judgment="1").after
    assert h.judgment == 1
    change = lib.ach.update_hypothesis(h.id, judgment=None)
    assert change.after.judgment is None and change.before.judgment == 1
    assert lib.ach.update_hypothesis(h.id, text="The port reopened on Monday").after.judgment is None  # kept
    lib.ach.revert(change)
    assert lib.ach.hypothesis(h.id).judgment == 1
    with pytest.raises(ValidationError, match="key judgment number"):
        lib.ach.update_hypothesis(h.id, judgment="the first")
    deleted = lib.ach.delete_hypothesis(h.id)
    assert lib.ach.revert(deleted).after.judgment == 1
