"""Denials read from who judges what, first missed on the seventh held-out set: "the ministry" is not whichever
organisation spoke last, "the claim that ... was an insult" answers the claim whose words it repeats, and a
former employee's account is another side's, not the company's own. Every sentence is fictional, written for
these tests."""

from __future__ import annotations

from tests.app.extract.drafting import run


def test_the_ministry_is_not_the_aid_group_that_spoke_last():
    text = (
        "The aid group Field Care said its clinic in Orvel had treated 340 patients with fever since June.\n\n"
        "The ministry called that figure exaggerated."
    )
    claim, answer = run(text)
    assert answer.actor != claim.actor
    assert answer.kind == "denial" and answer.denies == claim.key


def test_the_company_is_still_the_business_that_spoke_last():
    text = (
        "Dock workers said the crane at berth four had failed twice in May.\n\n"
        "Harbour Lift Systems denied the report.\n\n"
        "The company said the crane had passed its inspection in April."
    )
    *_rest, last = run(text)
    assert last.actor == "Harbour Lift Systems"


def test_judging_the_claim_that_answers_the_claim_it_repeats():
    text = (
        "The regional agency said Tarsk's health ministry had hidden a measles outbreak in Velm for weeks.\n\n"
        'Velm\'s mayor, Ida Rost, said the claim that the town had hidden anything was "an insult to our nurses".'
    )
    claim, answer = run(text)
    assert answer.actor == "Ida Rost"
    assert answer.kind == "denial" and answer.denies == claim.key


def test_a_former_employees_account_is_answered_by_the_company():
    text = (
        "The site Factline said on Monday that the clinic chain Mendal had lost the files of 40,000 patients.\n\n"
        "Mendal's former head of security, Olaf Brem, said he had warned the board twice that the server was "
        "out of date.\n\n"
        'Mendal said these allegations came from "a bitter former employee".'
    )
    *_rest, warned, answer = run(text)
    assert warned.actor == "Olaf Brem"
    assert answer.kind == "denial" and answer.denies == warned.key
