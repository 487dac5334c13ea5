"""A source with no date (a text file imported as it is): no relative day can be resolved, but where each
statement begins and ends is read from the words alone, exactly as for a dated source."""

from __future__ import annotations

import pytest

from tests.app.extract.drafting import run

SENTENCES = [
    (
        "The harbour master, Orla Feyn, told a news conference in Port Alder on Wednesday that the quay was safe.",
        "the quay was safe",
    ),
    ("Orla Feyn told reporters yesterday that the quay was safe.", "the quay was safe"),
    (
        "The ferry company dismissed reports that its crews were unpaid, saying on Monday that every wage had "
        "been met.",
        "every wage had been met",
    ),
    ("Orla Feyn wrote to the council on 3 March that the quay was safe.", "the quay was safe"),
]


@pytest.mark.parametrize(
    "sentence, quote", SENTENCES, ids=["told on weekday", "yesterday", "saying on", "day month"]
)
def test_where_a_statement_begins_does_not_depend_on_the_source_date(sentence, quote):
    dated = [p.quote for p in run(sentence)]
    undated = [p.quote for p in run(sentence, published=None)]
    assert quote in dated
    assert undated == dated


def test_an_undated_source_leaves_a_relative_day_empty_but_keeps_the_quote():
    (proposal,) = run(SENTENCES[0][0], published=None)
    assert (proposal.quote, proposal.said) == ("the quay was safe", None)
