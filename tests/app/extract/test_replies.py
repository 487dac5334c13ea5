"""Drafting the replies of news text: a statement attributed with ", saying", the side a claim is about
answering it, a counter ("countered that", "hit back"), and a denial never linked to its own side's claim.
Every sentence here is fictional and written for these tests."""

from __future__ import annotations

import datetime as dt

from tests.app.extract.drafting import by_quote, run


def test_the_subject_of_a_saying_clause_is_the_speaker_and_its_date_is_when_it_was_said():
    (p,) = run(
        "Food inspectors in Marvell closed four bakeries on Tuesday, saying the flour they used had been "
        "stored next to pesticide."
    )
    assert p.kind == "claim" and p.actor == "Food inspectors in Marvell"
    assert p.quote == "the flour they used had been stored next to pesticide"
    assert p.said == dt.date(2026, 3, 10)


def test_hitting_back_with_saying_is_a_denial_of_the_other_sides_claim():
    text = (
        'The Lowmark Post reported that the harbour master had "waved through" ships with forged papers. '
        "The harbour master, Ilse Varga, hit back on Wednesday, saying every ship's papers had been checked "
        "twice."
    )
    claim, reply = run(text)
    assert reply.kind == "denial" and reply.actor == "Ilse Varga" and reply.denies == claim.key
    assert reply.said == dt.date(2026, 3, 11)


def test_a_sentence_without_a_speaker_before_saying_gives_nothing():
    assert run("Late in the evening, saying nothing to anyone, the crowd went home.") == []


def test_the_side_a_claim_is_about_answers_it_with_a_negation():
    text = (
        "Hackers stole the card numbers of 40,000 customers of Velbank, a group calling itself Night Owl "
        "claimed on Monday.\n\n"
        "Velbank said it had seen no sign that card numbers had been taken."
    )
    claim, reply = run(text)
    assert claim.actor != "Velbank"
    assert reply.actor == "Velbank" and reply.kind == "denial" and reply.denies == claim.key


def test_a_country_named_as_a_place_in_a_claim_is_not_the_accused():
    text = (
        "The Ostrian navy said on Monday that Morland had fired a missile that landed 200 kilometres off the "
        "Ostrian coast.\n\n"
        "Ostrian defence minister Pia Lenz said the missile had not been a test of a new rocket."
    )
    claim, second = run(text)
    assert second.actor == "Pia Lenz"
    assert second.denies != claim.key  # one side speaking twice: no denial of its own claim


def test_a_counter_answers_the_first_of_the_other_sides_claims_in_a_row():
    text = (
        'The interior ministry said the camp held 800 people. "There is no crowding," it said.\n\n'
        "Aid worker Maren Holt countered that the count left out the families sleeping in tents."
    )
    first, second, counter = run(text)
    assert counter.actor == "Maren Holt" and counter.kind == "denial"
    assert counter.denies == first.key


def test_a_denial_is_not_linked_to_its_own_sides_claim_under_another_name():
    text = (
        "Rail regulators in Sandor suspended the licence of Brisk Trains on Monday, saying the company had "
        "not repaired faulty brakes.\n\n"
        '"These charges are untrue," said Brisk Trains chief executive Ola Brand. "Every brake was repaired '
        'in January."\n\n'
        "The Sandor Rail Authority's director, Nils Oren, hit back on Tuesday, saying Brisk had "
        "ignored three written warnings."
    )
    claim, denial, reason, reply = run(text)
    assert claim.actor == "Rail regulators in Sandor" and denial.denies == claim.key
    assert reason.actor == "Ola Brand" and reason.denies == claim.key  # the bare denial's reason
    assert reply.actor == "Nils Oren" and reply.kind == "denial"
    assert reply.denies != claim.key  # the regulators' own claim, under another name


def test_a_bare_denial_is_followed_by_its_reason():
    text = (
        "The farmers' union said on Monday that the Hallam water board had sold river water to a golf resort "
        "during the drought.\n\n"
        '"That is simply untrue," said the board\'s chairman, Ruben Sallis. "Every litre went to farms and '
        'homes."'
    )
    claim, denial, reason = run(text)
    assert denial.kind == "denial" and denial.denies == claim.key
    assert reason.actor == denial.actor == "Ruben Sallis"
    assert reason.kind == "denial" and reason.denies == claim.key


def test_after_a_bare_denial_an_accusation_or_a_statement_of_another_day_stands_alone():
    text = (
        "The Kelby Herald reported that the port authority had lost 3 million crowns in a currency bet.\n\n"
        "The authority's director, Mira Sand, rejected the report. She accused the Herald of \"inventing "
        'numbers".\n\n'
        "Ms Sand rejected the claim again. Sand told the city council last week that the accounts would be "
        "published in May."
    )
    proposals = run(text)
    accusation = by_quote(proposals, "the Herald of")
    assert accusation.kind == "claim" and accusation.denies is None
    later = by_quote(proposals, "the accounts would be published")
    assert later.kind == "claim" and later.denies is None


def test_a_negated_statement_can_contradict_the_other_sides_denial():
    text = (
        "The Ostrian navy said on Monday that Morland had fired a cruise missile over the strait.\n\n"
        "Morland's space agency countered that it had launched a weather balloon carrying a radio beacon.\n\n"
        "Ostrian navy chief Aron Vell said the radar track was that of a missile, not a weather balloon."
    )
    claim, counter, answer = run(text)
    assert counter.kind == "denial" and counter.denies == claim.key
    assert answer.actor == "Aron Vell" and answer.kind == "denial" and answer.denies == counter.key


def test_a_denial_is_contradicted_by_its_own_words_not_by_its_speakers_name():
    text = (
        "Dust from the Holm quarry has covered the village of Tarn for a year, the residents' council said.\n\n"
        "The quarry's operator, Holm Stone, rejected the allegation.\n\n"
        "The county health office said its air samples had found no quarry dust in Tarn."
    )
    claim, denial, finding = run(text)
    assert denial.denies == claim.key
    assert finding.kind == "denial" and finding.denies == claim.key


def test_a_sentence_opening_in_response_replies_to_the_other_sides_latest_statements():
    text = (
        "Flooding closed the main road into Fenby on Sunday, the county council said.\n\n"
        "The council's leader, Ruth Amis, blamed the water company for blocked drains. \"They were warned "
        'in May," she said.\n\n'
        "In response, the water company said its crews had cleared every drain on the road in June."
    )
    first, blamed, quote, reply = run(text)
    assert reply.kind == "denial" and reply.denies == blamed.key


def test_rejecting_that_account_answers_the_other_sides_denial_and_telling_gives_its_reason():
    text = (
        "The mayor of Brenn, Otto Falk, said on Monday that the new bridge would open in May.\n\n"
        'Councillor Ada Ringer accused the mayor of hiding delays. "Not one span has been built," she said.\n\n'
        "Falk rejected that account on Tuesday, telling reporters that four of the six spans were in place."
    )
    claim, accusation, quote, rejection, reason = run(text)
    assert accusation.actor == quote.actor == "Ada Ringer"
    assert rejection.quote == "Falk rejected that account on Tuesday"
    assert rejection.kind == "denial" and rejection.denies == accusation.key
    assert reason.quote == "four of the six spans were in place"
    assert reason.kind == "denial" and reason.denies in (accusation.key, quote.key)


def test_calling_the_report_something_answers_the_claim_made_about_the_caller():
    text = (
        "The fair trade office said on Monday that the dairy group Koll Milk had fixed prices with two rivals.\n\n"
        "Farmers' unions said milk prices had risen by a fifth since the spring.\n\n"
        "Koll Milk called the inquiry an insult to its farmers."
    )
    claim, other, answer = run(text)
    assert answer.actor == "Koll Milk" and answer.kind == "denial" and answer.denies == claim.key


def test_what_another_side_says_of_the_allegation_answers_it_and_a_demand_stands_alone():
    text = (
        'The head of the Norvik port authority, Eli Brandt, said on Monday that "someone inside the '
        'customs office" had let 300 containers through without checks.\n\n'
        "The customs union said the allegation was an attempt to hide the port's own failures. Union "
        "secretary Pia Holm said the authority should explain why it had not reported the containers "
        "earlier.\n\n"
        "Brandt dismissed that."
    )
    claim, judged, demand, dismissed = run(text)
    assert judged.actor == "Customs union" and judged.kind == "denial" and judged.denies == claim.key
    assert demand.actor == "Pia Holm" and demand.kind == "claim"
    assert dismissed.kind == "denial" and dismissed.denies == demand.key


def test_a_report_that_is_being_checked_is_not_judged():
    text = (
        "The Velka Times reported that the dam's spillway had cracked.\n\n"
        "The water board said the report was being checked by its engineers."
    )
    _report, checked = run(text)
    assert checked.kind == "claim" and checked.denies is None


def test_dismissing_a_named_sides_count_answers_that_sides_claim():
    text = (
        "The teachers' union Class Act said on Monday that 9,000 teachers had joined the strike.\n\n"
        '"Fewer than 2,000 were absent," education ministry spokesman Jon Vik said.\n\n'
        "Class Act's president, Mia Holt, dismissed the ministry's count as wishful thinking.\n\n"
        "Talks will resume on Friday, according to the labour ministry."
    )
    claim, count, dismissal, talks = run(text)
    assert dismissal.kind == "denial" and dismissal.denies == count.key
