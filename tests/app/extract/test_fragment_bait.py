"""No drafted speaker is a fragment: on the fragment-bait list (fragment_bait.py), every speaker drafted
is one the sentence names, and where no one speaks nothing is drafted. Whichever rule found a speaker, it passes
one gate (``app.extract.gate``); what the gate turns away is left out and the analyst is told the sentence names
no speaker drafting could recognise. Every sentence is fictional, written for these tests."""

from __future__ import annotations

import re

import pytest

from app.extract.answers import Found
from app.extract.gate import gated, speaker_shaped
from app.extract.reported import find_report
from app.extract.speakers import Speaker
from app.sentences import split_sentences
from tests.app.extract.drafting import run
from tests.app.extract.fragment_bait import BAIT, KNOWN_FRAGMENTS, half


def _norm(name: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"^(the|a|an|one)\s+", "", name.lower().replace("\u2019", "'").strip()))


def _not_named(text: str, expected: str | None) -> list[str]:
    """The speakers drafted from ``text`` that are not among the expected spellings."""
    spellings = {_norm(e) for e in (expected or "").split("|") if e}
    return [p.actor for p in run(text) if _norm(p.actor) not in spellings]


def test_every_speaker_drafted_from_the_bait_outside_the_known_misses_is_one_the_sentence_names():
    wrong = [
        (text, expected, got)
        for text, expected in BAIT
        if text not in KNOWN_FRAGMENTS and (got := _not_named(text, expected))
    ]
    assert wrong == []


def test_the_known_misses_are_test_half_sentences_of_the_list():
    assert KNOWN_FRAGMENTS.issubset(text for text, _ in BAIT)
    assert {half(text) for text in KNOWN_FRAGMENTS} == {"test"}


@pytest.mark.parametrize(
    "fragment",
    [
        "Never",
        "Eventually",
        "Yes",
        "While",
        "Read more",
        "Share on Facebook",
        "That's not what the officials",
        "If the minister",
        "And the ministry",
        "It",
        "Others",
        "Ms Vale was asked about the",
        "Officials believe the part came from",
        "In a statement on Wednesday the company",
        "Port strike ends as union accepts offer The union",
        "March 3",
        "12:40 GMT",
        '"Never, sir,"',
        "Pictured",
        "THAT'S NOT WHAT THE OFFICIALS",
        "Most read",
        "More from Harrowgate",
        "Back in Harrowgate",
        "First, the count",
        "Leave a comment",
        "Comments (40)",
        "Support our journalism",
        "Good morning and welcome to our live coverage",
        "Orsolya Bren declined",
        "Press groups condemned the suspension",
        "Several athletes declined to comment",
        "Ilse Marn reports from Valdor",
        "Citing two board members",
        "Outside the harbour gates",
    ],
)
def test_the_gate_turns_away_a_fragment(fragment):
    assert not speaker_shaped(fragment)


@pytest.mark.parametrize(
    "speaker",
    [
        "Dana Reyes",
        "Pieter van der Molen",
        "Rania al-Khatib",
        "Tariq bin Sulaiman",
        "Harriet May",
        "Will Grantley",
        "May",
        "WHO",
        "US officials",
        "The Which Way Trust",
        "Never Again Coalition",
        "People that live near the plant",
        "At least five residents",
        "One of the drivers",
        "Some in your own security service",
        "Officials in the capital",
        "Spokeswoman for the company",
        "\u0391\u03bb\u03ad\u03be\u03b1\u03bd\u03b4\u03c1\u03bf\u03c2 \u03a0\u03b1\u03c0\u03b1\u03b4\u03ac\u03ba\u03b7\u03c2",
        "Her camp",
        "Editor of The Daily Ledger",
        "Hope",
        "Dorvally",
        "An engineer who has worked at the dam",
        "Hospital staff contacted by the Courier",
        "Residents affected by the flood",
        "Lawyers representing the families",
        "Letter the ministry sent to the council",
    ],
)
def test_the_gate_lets_a_speaker_through(speaker):
    assert speaker_shaped(speaker)


def test_a_statement_whose_speaker_is_a_fragment_is_left_out_and_its_sentence_told_to_the_analyst():
    text = '"Never, sir," the witness said. Dana Reyes said the ledger was burned in March.'
    sentences = split_sentences(text)
    never = Found("claim", 1, 11, Speaker("Never"), "said", None, 0.9, 0)
    reyes_at = text.index("the ledger")
    reyes = Found("claim", reyes_at, len(text) - 1, Speaker("Dana Reyes"), "said", None, 0.8, 1)
    unattributed: list[tuple[int, int]] = []
    assert gated([never, reyes], sentences, unattributed) == [reyes]
    assert [text[a:b] for a, b in unattributed] == ['"Never, sir," the witness said.']


def test_a_role_shaped_as_a_fragment_is_dropped_from_a_speaker_who_passes():
    reyes = Found(
        "claim", 0, 5, Speaker("Dana Reyes", "was asked about the", "Ruritania"), "said", None, 0.8, 0
    )
    assert gated([reyes], split_sentences("Dana Reyes said so."), []) == [reyes]
    assert (reyes.speaker.role, reyes.speaker.affiliation) == ("", "Ruritania")


def test_a_setting_before_the_speaker_is_read_past_not_taken_for_the_speaker():
    (company,) = run("In a statement on Wednesday the company said the ferry contract was lawful.")
    assert company.actor == "Company"
    (donnelly,) = run("In a statement on Monday Ann Donnelly said the ferry would sail on Friday.")
    assert donnelly.actor == "Ann Donnelly"
    (regulator,) = run("In Castel the medicines regulator said the pumps had been recalled.")
    assert regulator.actor == "Medicines regulator"
    (union,) = run(
        "Port strike ends as union accepts offer The union said on Monday its members had voted to return."
    )
    assert union.actor == "Union"


def test_a_reported_from_origin_passes_the_same_gate():
    text = "The plant will close in June, the Kessel Daily said, citing what the officials told staff."
    assert find_report(text, 0, 20) is None  # not "citing what the officials"
    text = "The plant will close in June, the Kessel Daily said, citing a Western official."
    report = find_report(text, 0, 20)
    assert report is not None and report.origin_name == "a Western official"


def test_a_setting_read_past_never_gives_the_company_to_a_person_named_by_a_role():
    proposals = run(
        "\u201cNever, sir, not once did I see the ledger,\u201d the witness said.\n\n"
        "In a statement on Wednesday the company said the ferry contract was lawful."
    )
    assert [p.actor for p in proposals] == ["Witness", "Company"]  # not the witness for the company
