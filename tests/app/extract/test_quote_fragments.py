"""Words of a quotation or of a clause are never its speaker: an answer's first word before "the witness said", a
free relative ("That's not what the officials said"), a condition ("If the minister thinks ...")."""

from __future__ import annotations

from tests.app.extract.drafting import run


def test_an_answers_first_word_is_not_the_speaker_of_what_follows():
    text = (
        'The chair asked whether the crews had ever been warned. "Never, sir," the deckhand said. '
        '"Not once in eleven winters."'  # straight quotation marks, as many pages have them
    )
    assert {p.actor for p in run(text)} == {"Deckhand"}


def test_in_a_transcript_a_free_relative_or_a_condition_is_the_turns_own_words():
    text = (
        "MAREK OSTVALD: That's not what the officials said, and Halla knows it.\n\n"
        "INGRID SALO-VEHN: Nine hundred crews answered. If the minister thinks they're all lying, he should come "
        "and sail with them."
    )
    speakers = {p.actor for p in run(text)}
    assert speakers <= {"Marek Ostvald", "Ingrid Salo-Vehn"}, speakers
    assert "Marek Ostvald" in speakers and "Ingrid Salo-Vehn" in speakers
