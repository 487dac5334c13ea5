"""A style of address with its article ("The Rev.", "the Hon.") before a name: the person speaks, whether the
sentence splitter keeps "Rev." inside the sentence or not. Every sentence is fictional, written for these tests."""

from __future__ import annotations

import pytest

from tests.app.extract.drafting import run


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        ("The Rev. Ama Boateng said the march would go ahead on Saturday.", "Ama Boateng"),
        ("The Reverend Ama Boateng told the congregation that the church would stay open.", "Ama Boateng"),
        ("The Hon. Mara Tetley said the bill would pass before the recess.", "Mara Tetley"),
    ],
)
def test_the_style_of_address_is_not_the_name_and_never_loses_the_speaker(sentence, speaker):
    assert [p.actor for p in run(sentence)] == [speaker]
