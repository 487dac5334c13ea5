"""A statement printed twice, as a standfirst or a pull quote repeats it, is drafted once, with the speaker the
story gives it in its place; the same words said again on another day are another statement."""

from __future__ import annotations

import datetime as dt

from tests.app.extract.drafting import run

RELEASE_ROW = (
    "Ferry operator denies that its night crossings break the noise limit\n\n"
    "\u201cEvery crossing since January has been under the limit we were set,\u201d the operator said.\n\n"
    "SALTMERE, March 11 - The operator of the Saltmere night ferry on Wednesday denied claims by residents that "
    "its crossings broke the harbour's noise limit.\n\n"
    "\u201cEvery crossing since January has been under the limit we were set,\u201d its operations director, Rhian "
    "Corvass, told the harbour committee on Wednesday.\n\n"
    "The residents' association said in February that engines had been measured at 74 decibels at the slipway. "
    "Its chair, Pavel Ostrander, said the committee had ignored four complaints.\n\n"
    "\u201cEvery crossing since January has been under the limit we were set.\u201d\n\n"
    "Corvass said new silencers would be fitted in April."
)


def test_a_standfirst_and_a_pull_quote_repeating_a_statement_draft_it_once_as_its_speakers():
    proposals = run(RELEASE_ROW)
    repeated = [p for p in proposals if p.quote.startswith("Every crossing since January")]
    assert len(repeated) == 1, [(p.actor, p.quote) for p in proposals]
    statement = repeated[0]
    assert statement.actor == "Rhian Corvass" and statement.said == dt.date(2026, 3, 11)
    # the bare pull quote after the residents' chair is not his
    assert not any(p.actor == "Pavel Ostrander" and "crossing" in p.quote for p in proposals)
    assert any(p.actor == "Pavel Ostrander" and "four complaints" in p.quote for p in proposals)


def test_the_same_words_said_on_another_day_are_another_statement():
    text = (
        "The mayor of Saltmere, Idris Faulk, said on Monday: \u201cThe slipway will be rebuilt before the summer "
        "season.\u201d\n\n"
        "On Wednesday, after the council's vote, Faulk said it again: \u201cThe slipway will be rebuilt before the "
        "summer season.\u201d"
    )
    said = sorted(p.said for p in run(text) if p.quote.startswith("The slipway will be rebuilt"))
    assert said == [dt.date(2026, 3, 9), dt.date(2026, 3, 11)]
