"""Surnames and places that end like adverbs ("Donnelly", "Kelly", "Reilly", "Italy", "Beverly") are speakers,
while the adverbs themselves ("Eventually,", "Privately,", "flatly") are cut from the speaker. Every sentence is
fictional, written for these tests."""

from __future__ import annotations

import pytest

from tests.app.extract.drafting import run

SPEAKERS = [
    ("Ann Donnelly said the ferry had not been inspected since March.", "Ann Donnelly"),
    (
        "The harbour master, Rory Connolly, said the ferry had not been inspected since March.",
        "Rory Connolly",
    ),
    ("Kelly, a nurse at the clinic, said the ward had run out of insulin.", "Kelly"),
    ("Donnelly, the union's leader, said the strike would go ahead on Monday.", "Donnelly"),
    ("Megan Daly flatly denied that the ward had run out of insulin.", "Megan Daly"),
    ("Beverly Osei said the figures in the audit were wrong.", "Beverly Osei"),
    ("Privately, officials said the talks on the dam had failed.", "Officials"),
    ("Separately, the ministry said the border would stay closed until Friday.", "Ministry"),
    ("Happily, the organisers said, the rain held off until the last race.", "Organisers"),
]


@pytest.mark.parametrize(("sentence", "speaker"), SPEAKERS)
def test_a_name_ending_like_an_adverb_is_kept_and_the_adverb_cut(sentence, speaker):
    assert [p.actor for p in run(sentence)] == [speaker]


def test_a_leading_adverb_is_never_the_speaker():
    props = run("Eventually, the trip records will settle it, drivers say.")
    assert [p.actor for p in props] == ["Drivers"]
