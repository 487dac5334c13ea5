"""Both ends of a denial link drafted with their speakers: statements carried by grammar with no verb of saying
(a judgement in quotation marks of what the other side said, ...). Every sentence is fictional, written for
these tests."""

from __future__ import annotations

from tests.app.extract.drafting import by_quote, run


def test_a_quoted_judgement_of_the_other_sides_statement_answers_it():
    text = (
        "The Orvelle Rowing Federation said on Monday that its coach, Bertil Haske, had never seen the letters "
        "the crew sent to the board.\n\n"
        "Haske called the federation's statement \u201ca fence built after the horse has bolted\u201d."
    )
    federation, haske = run(text)
    assert (haske.kind, haske.denies) == ("denial", federation.key)


def test_a_quoted_judgement_and_what_the_judge_said_next_both_answer_the_claim():
    text = (
        "Senna's interior ministry said rebels had burned the grain depot at Tolmar in revenge for the arrests.\n\n"
        'The Free Hills Movement called the idea of revenge "a tale for the evening bulletin" and said its '
        "fighters had been forty kilometres away that night."
    )
    proposals = run(text)
    ministry = by_quote(proposals, "rebels had burned")
    judged = by_quote(proposals, "The Free Hills Movement called")
    reason = by_quote(proposals, "its fighters had been")
    assert (judged.kind, judged.denies) == ("denial", ministry.key)
    assert (reason.kind, reason.denies) == ("denial", ministry.key)


def test_a_quoted_judgement_of_an_act_is_no_denial():
    text = (
        "The Harrow Valley council said on Monday that it had paid 40,000 crowns for the new bandstand.\n\n"
        'The opposition leader, Mira Lanz, called the payments "an insult to every taxpayer in the valley".'
    )
    proposals = run(text)
    judged = by_quote(proposals, "called the payments")
    assert (judged.kind, judged.denies) == ("claim", None)


def test_a_day_counted_from_the_last_opens_the_sentence_before_its_speaker():
    text = (
        "Customs officers in Pelt seized the barge Margit on Monday.\n\n"
        "The next day Lorvane Shipping said the barge had carried forty tonnes of undeclared copper.\n\n"
        "That evening the Margit's owners rejected the accusation."
    )
    proposals = run(text)
    claim = by_quote(proposals, "the barge had carried")
    owners = by_quote(proposals, "That evening the Margit's owners rejected")
    assert claim.actor == "Lorvane Shipping"
    assert (owners.kind, owners.denies) == ("denial", claim.key)


def test_what_a_relative_clause_says_its_antecedent_reported_is_that_speakers_claim():
    text = (
        "Further doubts were raised by the Orvish farm ministry, which said on Tuesday that Tesk lorries had "
        "crossed the border at Vallin without a veterinary check.\n\n"
        "Tesk's transport agency denied this."
    )
    proposals = run(text)
    claim = by_quote(proposals, "Tesk lorries had crossed")
    agency = by_quote(proposals, "Tesk's transport agency denied")
    assert claim.actor == "Orvish farm ministry"
    assert (agency.kind, agency.denies) == ("denial", claim.key)


def test_a_relative_clause_inside_a_statement_is_its_antecedents_own_claim():
    text = (
        "The ski school said on Monday that its class had gone onto the slope on the advice of the mountain "
        "rescue service, which said it had given no advice to anyone that morning."
    )
    school, service = run(text)
    assert school.quote == "its class had gone onto the slope on the advice of the mountain rescue service"
    assert service.actor == "Mountain rescue service"
    assert service.quote == "it had given no advice to anyone that morning"


def test_said_then_rejecting_a_claim_is_two_denials_of_the_claim_told_next():
    text = (
        "The Halden Zoo said on Friday that its two snow leopards had been bred in a Swiss park in 2019, "
        "rejecting a wildlife group's claim that the cats were caught in the wild in Kestan.\n\n"
        "The group, Wildwatch Orvell, said customs papers showed the leopards entering Halden from Kestan in "
        "March."
    )
    told, rejection, group = run(text)
    assert told.quote == "its two snow leopards had been bred in a Swiss park in 2019"
    assert rejection.quote.startswith("rejecting a wildlife group's claim")
    assert (told.kind, told.denies) == ("denial", group.key)
    assert (rejection.kind, rejection.denies) == ("denial", group.key)


def test_a_quotation_whose_named_speaker_says_where_at_length_is_hers():
    text = (
        "Hauliers said the Varr bridge had been closed to lorries for a week without notice.\n\n"
        "\u201cNobody closed anything. The bridge was open to every lorry with a permit,\u201d Mira Tesslin told a "
        "meeting of the regional transport board in Ostwick on Monday."
    )
    _hauliers, tesslin = run(text)
    assert tesslin.actor == "Mira Tesslin"
    assert tesslin.quote.startswith("Nobody closed anything.")


def test_a_quotation_before_a_description_with_a_long_tail_is_left_undrafted():
    text = (
        "Ostwick Freight said its lorries had waited for nine hours at the Varr bridge.\n\n"
        "\u201cThe bridge was open to every lorry with a permit,\u201d the official said in a statement sent out "
        "by the transport board late on Monday."
    )
    assert [p.actor for p in run(text)] == ["Ostwick Freight"]


def test_rejecting_a_demand_rather_than_a_claim_leaves_the_statement_whole():
    text = (
        "The mayor of Orvell said on Monday that she would stay in office until the audit was published, "
        "rejecting calls for her resignation."
    )
    (mayor,) = run(text)
    assert mayor.kind == "claim"
    assert mayor.quote.endswith("rejecting calls for her resignation")


def test_a_quoted_judgement_that_approves_the_statement_is_no_denial():
    text = (
        "The drivers' union said on Monday that its members had been paid late for a year.\n\n"
        'The transport ministry called the union\'s statement "a welcome first step towards talks".'
    )
    proposals = run(text)
    assert all(p.kind == "claim" and p.denies is None for p in proposals)
