"""Which of several claims of one dispute a denial answers, read from what the denial says it answers: the
accusation among the other side's statements, the side whose accusations it names, all of a side's claims from
the first. Every sentence is fictional, written for these tests."""

from __future__ import annotations

from tests.app.extract.drafting import by_quote, run


def test_rejecting_the_accusation_answers_the_statement_that_accuses_the_denier():
    text = (
        "Doctors at the Senna clinic said shells struck the clinic on Monday morning, killing four patients.\n\n"
        "The clinic's director, Ana Voll, said the shells had come from the ridge where the Red Hill Brigade has "
        "its guns.\n\n"
        "The Red Hill Brigade rejected the accusation."
    )
    proposals = run(text)
    director = by_quote(proposals, "the shells had come from the ridge")
    brigade = by_quote(proposals, "The Red Hill Brigade rejected")
    assert (brigade.kind, brigade.denies) == ("denial", director.key)


def test_a_denial_naming_whose_accusations_it_rejects_answers_that_side():
    text = (
        "The Civic Front, the main opposition party, said ballot boxes had been stuffed in twelve polling "
        "stations in Varna.\n\n"
        "Prime Minister Ilse Brandt said on Sunday that Kessia had spread lies about the count to help the "
        "opposition.\n\n"
        "The ruling Unity Party called the opposition's accusations baseless."
    )
    front, _prime_minister, party = run(text)
    assert front.actor == "Civic Front"
    assert (party.kind, party.denies) == ("denial", front.key)


def test_a_sides_claims_are_answered_from_its_first_claim_and_the_verb_is_no_topic():
    text = (
        "The Green Alliance said three boxes of ballots had gone missing from the town hall in Fennick "
        "overnight.\n\n"
        "The election commission said the boxes had been moved to a dry room because the roof was leaking.\n\n"
        "The Green Alliance said its observer had not been told of the move until the morning.\n\n"
        "The commission said the Alliance's observer had left before the boxes were moved and had not been "
        "called back.\n\n"
        "The People's Party called the Alliance's claims baseless."
    )
    proposals = run(text)
    first = by_quote(proposals, "three boxes of ballots")
    party = by_quote(proposals, "The People's Party called")
    assert (party.kind, party.denies) == ("denial", first.key)


def test_a_lede_denial_and_its_reason_both_answer_the_claim_told_after_them():
    text = (
        "The electoral commission in Marl province on Tuesday dismissed opposition reports that three ballot "
        "boxes had disappeared from a counting hall overnight, saying the boxes had been moved to a secure room "
        "under police guard.\n\n"
        "The Green Alliance said three ballot boxes had walked out of a locked hall at night."
    )
    lede, reason, alliance = run(text)
    assert (lede.kind, lede.denies) == ("denial", alliance.key)
    assert (reason.kind, reason.denies) == ("denial", alliance.key)


def test_a_lede_denial_never_answers_its_own_side_named_short():
    text = (
        "Halcyon Orbital on Thursday rejected claims that its new satellite would photograph military sites for "
        "the government of Kelvar.\n\n"
        "Halcyon said the satellite had reached its planned orbit and had sent back its first pictures."
    )
    lede, own = run(text)
    assert own.actor == "Halcyon"
    assert (lede.kind, lede.denies) == ("denial", None)


VELL = (
    "Fishermen in Vell said the river had turned white below the Dornach plant on Sunday.\n\n"
    "Harbour pilots said ships would stay in port until Friday.\n\n"
)


def test_dismissing_reports_that_answers_a_claim_sharing_two_words_not_one():
    fishermen, _pilots, operator = run(
        VELL + "The plant's operator, Dornach Chemicals, dismissed reports that the river had turned white "
        "below the plant."
    )
    assert (operator.kind, operator.denies) == ("denial", fishermen.key)
    *_, operator = run(
        VELL
        + "The plant's operator, Dornach Chemicals, dismissed reports that ships had been stopped by the spill."
    )
    assert (operator.kind, operator.denies) == ("denial", None)


def test_a_lede_told_after_another_speaker_said_something_answers_what_they_said():
    text = (
        "BRELL, May 4 (Harbour Wire) - The owner of the ferry Saltholm Star on Thursday denied that the ship had "
        "dumped bilge water in the Brell marine reserve, after the port authority said on Wednesday that oil "
        "found on the reserve's beaches matched the ferry's fuel.\n\n"
        "The ferry's logbook shows no discharge on that day, the owner said."
    )
    proposals = run(text)
    authority = by_quote(proposals, "oil found on the reserve's beaches matched")
    owner = by_quote(proposals, "The owner of the ferry Saltholm Star")
    assert authority.actor.lower() == "port authority"
    assert authority.said is not None and authority.said.isoformat() == "2026-03-11"  # "on Wednesday"
    assert "after" not in owner.quote  # the answer ends where the earlier speaker's words begin
    assert (owner.kind, owner.denies) == ("denial", authority.key)


def test_a_statement_told_after_an_act_and_a_saying_answers_the_saying():
    text = (
        "Venlo Foods said on Friday that its frozen pies had not made anyone ill, after the national food agency "
        "on Thursday withdrew two batches from shops and said the pies were linked to 30 cases of food "
        "poisoning."
    )
    proposals = run(text)
    agency = by_quote(proposals, "the pies were linked to 30 cases")
    venlo = by_quote(proposals, "its frozen pies had not made anyone ill")
    assert agency.quote.startswith("the pies were linked")
    assert (venlo.kind, venlo.denies) == ("denial", agency.key)


def test_after_one_unnamed_person_said_no_claim_is_split_off():
    # "a local teacher" is named further down, where the claim is theirs; the lede is left as it was
    text = (
        "The mayor of Ostby on Monday denied closing the village school to sell its land, after a local "
        "teacher said the sale had been agreed in March."
    )
    proposals = run(text)
    assert not any(p.quote.startswith("the sale had been agreed") for p in proposals)


def test_a_national_denial_of_this_does_not_name_its_own_people_as_the_other_side():
    # "The Trellians" is who denies: the Trellian company that spoke earlier is not the side it answers
    text = (
        "The tanker Gull Point was stopped off Osk on Monday, two days after leaving Trellia.\n\n"
        "Varrow Lines, a Trellian shipping company that owns the tanker, said she had never called at Osk.\n\n"
        "Defence Minister Ola Brandt said Trellian officials had been warned about the tanker in May and had "
        "done nothing to stop her.\n\n"
        "The Trellians deny this."
    )
    company, minister, trellians = run(text)
    assert company.actor == "Varrow Lines"
    assert (trellians.kind, trellians.denies) == ("denial", minister.key)


def test_an_accusation_after_and_is_a_claim_of_its_own_that_the_accused_rejects():
    text = (
        "Teachers' unions in Harl province said on Monday that schools had received half the heating oil promised "
        "for the winter, and accused the education ministry of selling the rest abroad.\n\n"
        "The ministry rejected the accusation."
    )
    received, accused, ministry = run(text)
    assert received.quote.endswith("promised for the winter")
    assert accused.quote == "the education ministry of selling the rest abroad"
    assert accused.actor == received.actor
    assert (ministry.kind, ministry.denies) == ("denial", accused.key)


def test_and_accused_inside_what_was_said_is_left_in_it():
    # without a comma, "accused" may belong to what was said: split only when the speaker talks of itself
    (one,) = run("The harbour police said divers had found the crates and accused the crew of hiding them.")
    assert one.quote.endswith("accused the crew of hiding them")
    own, accusation = run(
        "The Lakeside militia said on Friday it had downed a drone and accused Dravia of flying it."
    )
    assert own.quote == "it had downed a drone"
    assert accusation.quote == "Dravia of flying it"


def test_a_people_named_after_a_country_without_ia_is_its_government():
    # "the Taskerians" are Tasker's, not a "Taskeria" the text never names
    text = (
        "Interior Minister Pavo Lind said on Sunday that Tasker had flown the balloons over the border to map the "
        "airfields.\n\n"
        "Tasker rejected the accusation within the hour.\n\n"
        "The Taskerians deny this."
    )
    minister, _tasker, taskerians = run(text)
    assert taskerians.actor == "Government of Tasker"
    assert (taskerians.kind, taskerians.denies) == ("denial", minister.key)


def test_a_lede_denial_answers_the_claim_told_after_the_deniers_own_further_statements():
    text = (
        "The boat builder Kessmark on Tuesday rejected a former welder's claim that he had warned managers about "
        "cracked hulls in April.\n\n"
        "Kessmark said every hull it launched this year had passed the coastguard's survey.\n\n"
        "The company said its yard in Ostby would stay open.\n\n"
        "The former welder, Piet Anvers, said he had shown two managers photographs of cracks in three hulls in "
        "April."
    )
    proposals = run(text)
    lede = by_quote(proposals, "The boat builder Kessmark on Tuesday rejected")
    welder = by_quote(proposals, "he had shown two managers")
    assert (lede.kind, lede.denies) == ("denial", welder.key)
