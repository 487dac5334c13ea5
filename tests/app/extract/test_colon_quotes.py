"""'X said on Monday: "..."': the words between the verb of saying and a colon opening a quotation say where,
when and to whom; the quotation is what was said, and its day is the setting's."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.app.extract.drafting import run

MONDAY = dt.date(2026, 3, 9)


@pytest.mark.parametrize(
    "attribution",
    [
        "said on Monday:",
        "said Monday:",
        "said at a news conference in Brisk Harbour on Monday:",
        "told reporters on Monday:",
        "told the Brisk Harbour Courier in an interview on Monday:",
        "told Radio Tallow on Monday:",
        "said in a statement on Monday:",
    ],
)
def test_the_setting_before_a_colon_is_not_the_statement(attribution):
    text = f"The port's director, Mirela Oswin, {attribution} \u201cThe breakwater will hold through the winter.\u201d"
    (proposal,) = run(text)
    assert proposal.quote == "The breakwater will hold through the winter."
    assert (proposal.actor, proposal.said) == ("Mirela Oswin", MONDAY)


def test_a_statement_before_the_colon_stays_the_statement():
    # what precedes the colon is said, not a setting: it is never cut away
    text = "Mirela Oswin said the breakwater was sound: \u201cIt will hold through the winter.\u201d"
    (proposal,) = run(text)
    assert proposal.quote.startswith("the breakwater was sound")
