"""'..., a charge X denies': wire copy's short answer from the other side, told in a tail on the claim it
answers. The claim keeps its own speaker, the tail is the other side's denial of it, and no noun of the tail
("a claim the operator") becomes a speaker."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.app.extract.drafting import run


@pytest.mark.parametrize(
    "sentence, claimant, claim, denier, said",
    [
        (
            "The coastguard said on Monday that the tanker had dumped oil off Skarra Point, a claim the owners disputed.",
            "Coastguard",
            "the tanker had dumped oil off Skarra Point",
            "Owners",
            None,
        ),
        (
            "Ostrelia accuses Vannmark of training the militia, a charge Vannmark denies.",
            "Ostrelia",
            "Vannmark of training the militia",
            "Vannmark",
            None,
        ),
        (
            "Prosecutors said the driver had deleted the footage, an allegation his lawyer rejected on Tuesday.",
            "Prosecutors",
            "the driver had deleted the footage",
            "Lawyer",
            dt.date(2026, 3, 10),
        ),
        (
            "The regiment said it had fired only at armed men, a claim that villagers dispute.",
            "Regiment",
            "it had fired only at armed men",
            "Villagers",
            None,
        ),
        (
            "Dock workers say 200 jobs will be cut, something the port authority has denied.",
            "Dock workers",
            "200 jobs will be cut",
            "Port authority",
            None,
        ),
    ],
    ids=[
        "a claim X disputed",
        "a charge X denies",
        "an allegation X rejected on day",
        "a claim that X",
        "something X",
    ],
)
def test_a_denial_tail_is_the_other_sides_answer_to_the_claim(sentence, claimant, claim, denier, said):
    proposals = run(sentence)
    assert [(p.kind, p.actor) for p in proposals] == [("claim", claimant), ("denial", denier)]
    told, answer = proposals
    assert told.quote == claim
    assert answer.denies == told.key and answer.said == said


def test_a_tail_after_a_sentence_that_states_nothing_is_left_alone():
    # "which the court rejected" after an act, not a statement: there is no claim to answer, and no speaker made
    proposals = run("The defence filed its appeal on Monday, which the court rejected.")
    assert not any(p.kind == "denial" for p in proposals)
