"""Judgements that are denials and judgements that are not, and two speaker shapes, first missed on the tuning
sets: "called the report alarmist" answers whoever made the report, "called the payments an insult" judges an
act (a claim), "a vote of no confidence" negates nothing, "the incident was a deliberate provocation" said by
the side that was hit accuses rather than denies, "summoned the envoy and said", and an organisation whose name
joins its words with "for". Every sentence is fictional, written for these tests."""

from __future__ import annotations

import datetime as dt

from tests.app.extract.drafting import run


def test_calling_the_report_a_name_answers_the_firm_that_made_it():
    text = (
        "Thieves copied the payroll of 9,000 council staff in Ardley, the security firm Redgate said on "
        "Tuesday.\n\n"
        "The files were on sale for 2,000 dollars, Redgate said.\n\n"
        'Council leader Mia Orr called the report "scaremongering" in an interview with local radio.'
    )
    first, _second, answer = run(text)
    assert answer.kind == "denial" and answer.denies == first.key


def test_calling_an_act_an_insult_is_a_claim_not_a_denial():
    text = (
        "The Green Bloc paid students to hand out its leaflets, the website Factline reported.\n\n"
        'Opposition leader Ivo Mark called the payments "an insult to every volunteer".'
    )
    _report, judgement = run(text)
    assert judgement.actor == "Ivo Mark"
    assert judgement.kind == "claim" and judgement.denies is None


def test_a_vote_of_no_confidence_is_not_a_negation():
    text = (
        "The mayor of Brisk, Olaf Dern, spent council money on a private car, the town's auditor said.\n\n"
        "According to the audit, the car cost 58,000 euros.\n\n"
        "Dern has denied any wrongdoing.\n\n"
        "Opposition councillors said they would call a vote of no confidence next week."
    )
    plan = run(text)[-1]
    assert plan.actor == "Opposition councillors"
    assert plan.kind == "claim" and plan.denies is None


def test_the_side_that_was_hit_calling_the_incident_a_provocation_is_not_denying():
    text = (
        "A Selmar patrol boat rammed a ferry from Orlan inside Orlan's waters on Tuesday, the ferry's captain "
        "said.\n\n"
        "Orlan's foreign ministry summoned Selmar's ambassador on Wednesday and said the incident was "
        '"a deliberate provocation".'
    )
    _claim, protest = run(text)
    assert protest.actor == "Orlan's foreign ministry"
    assert protest.quote.startswith("the incident was")
    assert protest.said == dt.date(2026, 3, 11)
    assert protest.kind == "claim"


def test_an_organisation_whose_name_joins_words_with_for_is_a_speaker():
    (p,) = run(
        "Radar images show a new runway at the Kelso air base, the Ostvik Centre for Strategic Studies said "
        "on Monday."
    )
    assert p.actor == "Ostvik Centre for Strategic Studies"
    assert p.said == dt.date(2026, 3, 9)


def test_she_is_the_minister_who_spoke_not_the_government_cited_since():
    text = (
        "Velmark's trade minister, Rhea Stenn, said on Monday that her government would not pay the fine. "
        "Orvia says the fine was set by an Orvian court.\n\n"
        '"The allegation is absurd, and everyone in Brussels knows it," she said.'
    )
    proposals = run(text)
    answer = proposals[-1]
    assert answer.actor == "Rhea Stenn"


def test_the_allegation_judged_in_a_quotation_answers_what_was_just_alleged():
    text = (
        "Velmark's trade minister, Rhea Stenn, said on Monday that her government would not pay the fine. "
        "Orvia says Velmark smuggled steel through the Orvian port of Haske.\n\n"
        '"The allegation is absurd, and everyone in Brussels knows it," she said.'
    )
    proposals = run(text)
    allegation, answer = proposals[-2], proposals[-1]
    assert answer.kind == "denial" and answer.denies == allegation.key


def test_rejecting_the_allegation_answers_the_latest_one_when_a_denial_came_between():
    text = (
        "Orvia says Velmark smuggled steel through the port of Haske.\n\n"
        "Velmark's trade ministry said no steel had passed through Haske since May.\n\n"
        "Orvia's envoy, Ada Grun, told state radio that customs had found Velmark steel in two ships.\n\n"
        "The Velmark trade ministry rejected the allegation on Tuesday."
    )
    proposals = run(text)
    envoy, rejection = proposals[-2], proposals[-1]
    assert envoy.actor == "Ada Grun"
    assert rejection.kind == "denial" and rejection.denies == envoy.key


def test_not_knowing_something_is_not_a_denial():
    text = (
        "The Moss Party paid forty students to post praise of its leader, the website Openline reported on "
        "Monday.\n\n"
        "The party's chairman, Rolf Dane, dismissed reports that the party had paid anyone.\n\n"
        "Several of the students told the website they had been paid but did not know who the client was."
    )
    students = run(text)[-1]
    assert students.actor.startswith("Several of the students")
    assert students.kind == "claim" and students.denies is None
