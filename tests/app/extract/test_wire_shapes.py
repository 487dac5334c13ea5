"""Two wire-copy shapes: two sides' statements in one sentence, each with its own speaker; and a statement passed
on by the medium that printed it ("quoted X as saying"), whose speaker is the person quoted."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.app.extract.drafting import run


@pytest.mark.parametrize(
    "sentence",
    [
        "Ostrelia says the shelling killed nine farmers; Vannmark says every one of the dead was armed.",
        "Ostrelia's army said the shelling had killed nine farmers, while Vannmark said every one of the dead was armed.",
        "Ostrelia says the shelling killed nine farmers, but Vannmark insists every one of the dead was armed.",
    ],
    ids=["semicolon", "while", "but"],
)
def test_two_sides_in_one_sentence_are_two_statements(sentence):
    proposals = run(sentence)
    assert [p.quote for p in proposals] == [
        next(
            q
            for q in ("the shelling killed nine farmers", "the shelling had killed nine farmers")
            if q in sentence
        ),
        "every one of the dead was armed",
    ]
    assert proposals[0].actor.startswith("Ostrelia") and proposals[1].actor == "Vannmark"


def test_one_speakers_quotation_is_never_split():
    sentence = "\u201cOstrelia says nine farmers died; Vannmark says they were armed,\u201d the envoy, Lio Castell, said."
    proposals = run(sentence)
    assert [p.actor for p in proposals] == ["Lio Castell"]


@pytest.mark.parametrize(
    "sentence, said",
    [
        ("State television quoted the defence minister, Arno Wilk, as saying the border would close.", None),
        (
            "On Tuesday the Tallow Courier quoted Arno Wilk as saying that the border would close on Friday.",
            dt.date(2026, 3, 10),
        ),
        (
            "Arno Wilk was quoted by the Tallow Courier on Monday as saying the border would close.",
            dt.date(2026, 3, 9),
        ),
    ],
    ids=["medium quoted X", "on day, medium quoted X", "X was quoted by medium"],
)
def test_quoted_as_saying_is_the_quoted_persons_statement(sentence, said):
    (proposal,) = run(sentence)
    assert proposal.actor == "Arno Wilk" and proposal.said == said
    assert proposal.quote.startswith("the border would close")


@pytest.mark.parametrize(
    "sentence",
    [
        "\u201cWe categorically reject these allegations,\u201d the Tallow Port Company said in a statement.",
        "The Tallow Port Company said it \u201cfirmly denies\u201d the claims made by the dockers.",
        "The Tallow Port Company said it rejected all the findings of the inspectors.",
    ],
    ids=["quoted rejection", "said it denies", "said it rejected"],
)
def test_a_rejection_of_the_charges_in_the_words_is_a_denial(sentence):
    (proposal,) = run(sentence)
    assert (proposal.kind, proposal.actor) == ("denial", "Tallow Port Company")


def test_rejecting_a_request_is_no_denial():
    (proposal,) = run("The Tallow Port Company said it would reject any request for a delay.")
    assert proposal.kind == "claim"


@pytest.mark.parametrize(
    "sentence, said",
    [
        ("Ilse Varn said 30 people had been brought in, adding: \u201cWe are overwhelmed.\u201d", None),
        ("Ilse Varn said 30 people had been brought in, adding that we are overwhelmed.", None),
        (
            "Ilse Varn said on Monday 30 people had been brought in, adding that we are overwhelmed.",
            dt.date(2026, 3, 9),
        ),
    ],
    ids=["adding colon quote", "adding that", "said on day, adding that"],
)
def test_what_a_speaker_added_is_a_second_statement(sentence, said):
    proposals = run(sentence)
    assert [p.quote for p in proposals] == [
        "30 people had been brought in",
        "We are overwhelmed." if "\u201c" in sentence else "we are overwhelmed",
    ]
    assert {(p.actor, p.said) for p in proposals} == {("Ilse Varn", said)}


@pytest.mark.parametrize(
    "recipient",
    ["the Tallow Courier's Sunday edition", "Radio Tallow's morning show", "the BBC's Newshour programme"],
)
def test_a_possessive_recipient_is_not_the_statement(recipient):
    (proposal,) = run(f"Ilse Varn told {recipient} that the hospital had run out of blood.")
    assert proposal.quote == "the hospital had run out of blood"


@pytest.mark.parametrize(
    "sentence, second",
    [
        (
            "\u201cThe quay is safe,\u201d the harbour master said, \u201cand it will stay open.\u201d",
            "and it will stay open",
        ),
        (
            "\u201cThe figures are wrong,\u201d Ilse Varn told reporters on Tuesday, \u201cand everyone here knows it.\u201d",
            "and everyone here knows it",
        ),
    ],
    ids=["said", "told reporters on day"],
)
def test_a_quotation_resumed_after_its_attribution_is_the_same_speakers(sentence, second):
    first, resumed = run(sentence)
    assert resumed.quote == second
    assert (resumed.actor, resumed.said) == (first.actor, first.said)


@pytest.mark.parametrize(
    "text, quote",
    [
        (
            "Vannmark did not immediately respond to a request for comment, but has previously denied shelling farms.",
            "has previously denied shelling farms",
        ),
        (
            "Vannmark did not respond to a request for comment. It has previously denied shelling farms.",
            "It has previously denied shelling farms",
        ),
    ],
    ids=["one sentence", "it, next sentence"],
)
def test_a_side_that_did_not_respond_but_has_denied_before_is_a_denial(text, quote):
    (proposal,) = run(text)
    assert (proposal.kind, proposal.actor, proposal.quote, proposal.said) == (
        "denial",
        "Vannmark",
        quote,
        None,
    )


def test_a_statement_about_a_silence_stays_its_speakers():
    (proposal,) = run(
        "Ostrelia's foreign minister, Oda Lenz, said a note had been sent. Vannmark has not replied, she said."
    )[-1:]
    assert (proposal.actor, proposal.quote) == ("Oda Lenz", "Vannmark has not replied")


@pytest.mark.parametrize(
    "sentence, first_quote, added",
    [
        (
            "\u201cThe quay is safe,\u201d harbour master Orla Feyn said on Tuesday, adding that divers had found no cracks.",
            "The quay is safe",
            "divers had found no cracks",
        ),
        (
            "The weavers' guild will appeal the ruling, its chairman Piet Hallam said, adding that members had lost a "
            "month of orders.",
            "The weavers' guild will appeal the ruling",
            "members had lost a month of orders",
        ),
        (
            "\u201cWe broke no rule,\u201d the operator said in a statement, and added that its pilots had flown the "
            "agreed route.",
            "We broke no rule",
            "its pilots had flown the agreed route",
        ),
    ],
    ids=["quote, said on day, adding", "reported, said, adding", "said in a statement, and added"],
)
def test_a_point_added_after_the_attribution_is_a_statement_of_its_own(sentence, first_quote, added):
    first, second = run(sentence)
    assert (first.quote, second.quote) == (first_quote, added)
    assert (second.actor, second.said) == (first.actor, first.said)


def test_words_after_an_attribution_that_add_nothing_said_are_not_a_statement():
    (proposal,) = run("\u201cThe quay is safe,\u201d the harbour master said, adding nothing more.")
    assert proposal.quote == "The quay is safe"


def test_a_named_speaker_described_after_a_quote_keeps_the_long_setting_out_of_the_statement():
    """'"...," X, a 26-year-old mechanic, told OUTLET from a reception centre in PLACE on Saturday.': before,
    what was said was taken to be "from a reception centre in PLACE on Saturday"."""
    (proposal,) = run(
        "\u201cThey towed us back to the open sea,\u201d Idris Malouf, a 31-year-old welder, told the Tallow Courier "
        "from a shelter in Port Veyra on Tuesday."
    )
    assert (proposal.actor, proposal.quote, proposal.said.isoformat()) == (
        "Idris Malouf",
        "They towed us back to the open sea",
        "2026-03-10",
    )


def test_a_role_and_name_in_apposition_quoted_by_a_medium_as_saying():
    (proposal,) = run(
        "The ports minister, Idalia Venn-Roth, was quoted by the Tallow Courier on Tuesday as saying the quay "
        "would reopen in May."
    )
    assert (proposal.actor, proposal.quote, proposal.said.isoformat()) == (
        "Idalia Venn-Roth",
        "the quay would reopen in May",
        "2026-03-10",
    )


@pytest.mark.parametrize("tag", ["(CLIP)", "[SOUNDBITE]", "(VIDEO CLIP)"])
def test_a_broadcast_tag_before_a_transcript_turn_leaves_the_speaker_named(tag):
    (proposal,) = run(f"{tag} ORLA FEYN-DUNMORE: The tender was open and I had no part in the scoring.")
    assert (proposal.actor, proposal.quote) == (
        "Orla Feyn-Dunmore",
        "The tender was open and I had no part in the scoring",
    )


def test_a_press_releases_dateline_in_mixed_case_is_not_the_speaker():
    (proposal,) = run(
        "Port Alder, 10 March 2026 \u2014 Cellow Ferries today rejects the findings of a report by the guild."
    )
    assert (proposal.actor, proposal.kind) == ("Cellow Ferries", "denial")
    assert proposal.quote.startswith("Cellow Ferries today rejects")


@pytest.mark.parametrize(
    "sentence",
    [
        "Tallow also said, without giving evidence, that the boats had been launched from a base near Kessel.",
        "The ministry said, in a rare written statement, that the boats had been launched from a base near Kessel.",
    ],
    ids=["without giving evidence", "in a statement"],
)
def test_an_aside_between_said_and_that_is_not_part_of_the_statement(sentence):
    (proposal,) = run(sentence)
    assert proposal.quote == "the boats had been launched from a base near Kessel"
