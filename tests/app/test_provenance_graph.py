"""The provenance graph on facts in memory (no library): which claims came from elsewhere, and that the
claims taken as their own origin without a walk get what the walk gives."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from app.domain import DerivationKind
from app.provenance.graph import (
    ClaimFacts,
    Derivation,
    Facts,
    ProvenanceGraph,
    Report,
    SourceFacts,
    similarity,
    words,
)


def _facts() -> Facts:
    f = Facts()
    for sid in (1, 2, 3, 4):
        f.sources[sid] = SourceFacts(sid, f"Source {sid}", f"Outlet {sid}")
    f.claims[1] = ClaimFacts(1, 1, 10, "Minister", "The bridge at Kresna will close in May", "")
    f.claims[2] = ClaimFacts(2, 2, None, "", "Officials said the bridge would close", "")
    f.claims[3] = ClaimFacts(3, 3, 11, "Mayor", "Harvests fell by a third this year", "")
    f.claims[4] = ClaimFacts(4, 4, None, "", "The bridge at Kresna will close in May", "")
    f.reports[2] = Report(2, 1)  # c2 is reported from c1
    # s3 quotes s1 in part, and c3 says nothing s1 says: no edge; s4 rewrites s1 whole
    f.parents[3] = [Derivation(3, 1, DerivationKind.QUOTES)]
    f.parents[4] = [Derivation(4, 1, DerivationKind.REWRITES)]
    f.source_claims[1] = [1]
    return f


def test_came_from_elsewhere_follows_reports_and_derivations_that_carry_the_claim() -> None:
    g = ProvenanceGraph(_facts())
    assert not g.came_from_elsewhere(1)  # first hand
    assert g.came_from_elsewhere(2)  # reported from c1
    assert not g.came_from_elsewhere(3)  # its source quotes another, but not this claim
    assert g.came_from_elsewhere(4)  # its source rewrites s1, where c1 says the same
    assert not g.came_from_elsewhere(99)  # not in the facts


def test_first_hand_claims_get_what_the_walk_gives() -> None:
    quick = ProvenanceGraph(_facts())
    walked = ProvenanceGraph(_facts())
    for i in (1, 2, 3, 4):
        walked.result(("c", i, 0))  # the walk first: quick answers must agree with it
        assert quick.origins(i) == walked.result(("c", i, 0)).origins
        assert quick.depth(i) == walked.result(("c", i, 0)).depth
        assert quick.tokens(i) == walked.tokens(i)
    assert quick.origins(2) == quick.origins(4) == frozenset({("c", 1, 0)})
    assert quick.depth(2) == 1 and quick.depth(1) == 0
    assert quick.tokens(1) == frozenset({("claim", 1), ("actor", 10)})
    assert quick.independent(1, 3) and not quick.independent(1, 2)


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=80))
def test_ascii_text_gets_the_words_the_unicode_reading_gives(text: str) -> None:
    # a non-ASCII word appended sends the text down the Unicode reading: it must add that word, nothing else
    assert words(text + " \u00e9t\u00e9") == words(text) | {"\u00e9t\u00e9"}


def test_words_match_across_scripts_and_case() -> None:
    assert words("The MINISTRY said: bridge_closed, 2024!") == {"ministry", "bridge", "closed", "2024"}
    assert words("Straße GESPERRT, sagte das Ministerium") == {
        "strasse",
        "gesperrt",
        "sagte",
        "das",
        "ministerium",
    }
    assert similarity(words("Bridge closed in May"), words("the bridge closed in may")) == 1.0
    assert similarity(words("Bridge closed"), words("bridge opened")) == 1 / 3
