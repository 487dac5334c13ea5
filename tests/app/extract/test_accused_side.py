"""Drafting the accused side's answers and the speakers behind them, shapes first missed on the tuning sets:
"neither confirmed nor denied", a relative clause naming the speaker without commas, a speaker opening the last
clause of a sentence, "issued a statement saying", the accused blaming its accuser, "the company" and "the
party's chairwoman" resolved to the organisation the story names. Every sentence is fictional, written for
these tests."""

from __future__ import annotations

import datetime as dt

from tests.app.extract.drafting import by_quote, run


def test_neither_confirmed_nor_denied_is_a_claim_that_answers_nothing():
    text = (
        "The Corvel Institute said a new airstrip had been built near the Tamsin border.\n\n"
        "The Tamsin government neither confirmed nor denied that it had seen the institute's pictures."
    )
    claim, answer = run(text)
    assert answer.kind == "claim" and answer.denies is None
    assert answer.quote == "neither confirmed nor denied that it had seen the institute's pictures"
    assert "Tamsin" in answer.actor


def test_a_relative_clause_giving_the_name_is_not_part_of_the_speaker():
    text = (
        "The navy said the Black Fen brigade had laid mines in the estuary.\n\n"
        '"These claims are invented," a Black Fen officer who gave his name as Ruben Sall said by telephone.'
    )
    _claim, denial = run(text)
    assert (denial.actor, denial.affiliation) == ("Ruben Sall", "Black Fen")
    assert denial.kind == "denial"


def test_the_accused_side_answers_the_claim_about_it_not_a_bystanders_latest_word():
    text = (
        "The navy said the Black Fen brigade had laid mines in the estuary.\n\n"
        "Fishermen in Osterby said they had not been out for a week.\n\n"
        '"These claims are invented," a Black Fen officer who gave his name as Ruben Sall said by telephone.'
    )
    accusation, _bystanders, denial = run(text)
    assert denial.denies == accusation.key


def test_the_speaker_of_a_sentences_last_clause_said_what_follows():
    (p,) = run(
        "A ferry ran aground on Tuesday off the Harl peninsula, and the coastguard said the captain had "
        "ignored two warnings."
    )
    assert p.actor.lower() == "coastguard"
    assert p.quote == "the captain had ignored two warnings"
    assert p.said is None  # Tuesday is when the ferry ran aground, not when anything was said


def test_a_statement_issued_saying_something_and_its_leading_date():
    (p,) = run(
        "Later on Wednesday, the rebels' press office issued a statement saying the ceasefire would hold."
    )
    assert p.quote == "the ceasefire would hold"
    assert "press office" in p.actor.lower()
    assert p.said == dt.date(2026, 3, 11)


def test_the_accused_side_blaming_its_accuser_answers_the_accusation():
    text = (
        "Border guards said the Vost militia had shelled the customs post at Drell.\n\n"
        "The militia's press office issued a statement saying the border guards had shelled the post "
        "themselves."
    )
    accusation, reply = run(text)
    assert reply.kind == "denial" and reply.denies == accusation.key


def test_the_company_is_the_organisation_the_story_describes_as_one():
    text = (
        "The drivers' union accused the bus operator Halvard Lines of cutting rest breaks.\n\n"
        "Halvard Lines rejected the accusation. In a statement, the company said every driver had the "
        "breaks the law required."
    )
    accusation, rejection, reason = run(text)
    assert reason.actor == "Halvard Lines"
    assert rejection.denies == accusation.key and reason.denies == accusation.key


def test_the_partys_chairwoman_speaks_for_the_party_the_story_names():
    text = (
        "The Tern Valley party paid for hundreds of fake reviews of its candidates, the website Openbook "
        "reported on Monday.\n\n"
        "Tern Valley's spokesman, Aron Weil, dismissed reports that the party had paid for reviews. "
        '"Every review was written by a real voter," he said.\n\n'
        'The party\'s chairwoman, Dita Pell, called it "a smear" on Tuesday.'
    )
    proposals = run(text)
    report = proposals[0]
    chair = by_quote(proposals, "The party's chairwoman")
    assert chair.affiliation == "Tern Valley"
    assert chair.kind == "denial" and chair.denies == report.key


def test_what_follows_but_said_after_a_concession_answers_the_other_side():
    text = (
        "Auditors in Vell said on Monday that the health ministry had paid the firm Kestrel 900,000 crowns for "
        "studies that were never delivered.\n\n"
        "Health Minister Ana Brill acknowledged on Wednesday that the ministry had paid Kestrel, but said "
        "every study had been handed in on time."
    )
    claim, conceded, maintained = run(text)
    assert conceded.kind == "claim" and conceded.quote == "the ministry had paid Kestrel"
    assert maintained.quote == "every study had been handed in on time"
    assert maintained.kind == "denial" and maintained.denies == claim.key
    assert maintained.said == dt.date(2026, 3, 11)


def test_the_same_speakers_quotation_right_after_a_denial_goes_on_with_it():
    text = (
        "The Lark Party paid forty bloggers to praise its mayor, the website Cleartext reported on Monday.\n\n"
        "Lark Party spokesman Ivo Dahl dismissed reports that the party had paid anyone.\n\n"
        '"Every post was written by volunteers who like the mayor," Dahl said.'
    )
    report, dismissal, quotation = run(text)
    assert dismissal.denies == report.key
    assert quotation.kind == "denial" and quotation.denies == report.key


def test_told_state_television_is_a_recipient_and_its_day_is_when_it_was_said():
    (p,) = run(
        "The commission's chairman, Odo Varn, told state television on Tuesday that every ballot was counted."
    )
    assert p.quote == "every ballot was counted"
    assert p.said == dt.date(2026, 3, 10)
