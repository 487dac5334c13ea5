"""Speakers named by an occupation or office the role list did not hold ("the harbour master said"), and the
things named with the same words that are not speakers ("the master plan said"). Sentences written for
Briefdesk."""

import pytest

from app.extract.extractor import RuleExtractor


def _speakers(text: str) -> list[str]:
    return [p.actor for p in RuleExtractor().propose(text)]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "The harbour master of Port Arvel said on Tuesday that the channel would reopen within ten days.",
            "Harbour master of Port Arvel",
        ),
        (
            "The port captain said that forty ships were waiting outside the channel on Monday.",
            "Port captain",
        ),
        ("The prison warden told reporters that no inmate had been moved since March.", "Prison warden"),
        ("The coroner told the inquest that the cause of death could not yet be established.", "Coroner"),
        (
            "Piet Vandeler, the harbour master, said forty ships were waiting outside the channel.",
            "Piet Vandeler",
        ),
    ],
)
def test_an_occupation_at_the_head_of_the_phrase_is_a_speaker(text, speaker):
    assert _speakers(text) == [speaker]


@pytest.mark.parametrize(
    "text",
    [
        "The master plan said the port would double its capacity by 2030.",
        "The crew manifest listed eleven sailors and a cook.",
    ],
)
def test_the_same_words_naming_things_give_no_speaker(text):
    assert _speakers(text) == []
