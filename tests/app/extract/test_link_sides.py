"""Which side a statement speaks for, when a denial goes on: the body a speaker speaks for, not the place where it
is. Every sentence is fictional, written for these tests."""

from __future__ import annotations

from tests.app.extract.drafting import by_quote, run


def test_a_body_named_after_the_place_of_an_embassy_is_not_the_embassys_side():
    text = (
        "The government of Talvoria said a unit of Merrovan military intelligence had shut down the computers "
        "of four Brisk hospitals last month.\n\n"
        "Merrova's embassy in Brisk said the attack had been the work of a criminal gang and that Merrova had "
        "no part in it.\n\n"
        "The Brisk Hospitals Trust said 900 operations had been postponed and that ambulances had been "
        "diverted for a week."
    )
    proposals = run(text)
    accusation = by_quote(proposals, "a unit of Merrovan military intelligence")
    embassy = by_quote(proposals, "the attack had been the work of a criminal gang")
    trust = by_quote(proposals, "900 operations had been postponed")
    assert (embassy.kind, embassy.denies) == ("denial", accusation.key)
    assert (trust.kind, trust.denies) == ("claim", None)  # the hospitals' own account answers no one


def test_the_same_bodys_officer_in_the_next_sentence_still_goes_on_with_its_denial():
    text = (
        "The Lusk Farmers' Union said the Corran Water Board had cut the river's flow to the valley by half "
        "since June.\n\n"
        "The Corran Water Board rejected the accusation.\n\n"
        "Its engineer, Pell Anstruther, said the board had released every litre the licence required."
    )
    proposals = run(text)
    union = by_quote(proposals, "the Corran Water Board had cut")
    engineer = by_quote(proposals, "the board had released every litre")
    assert (engineer.kind, engineer.denies) == ("denial", union.key)


def test_a_statement_going_on_from_a_denial_answers_the_claim_its_own_words_repeat():
    text = (
        "The dockers' union said Halvard Freight had cut the night shift's pay by a fifth in October.\n\n"
        "The port inspectorate said Halvard's cranes at berth four had failed their load test in September.\n\n"
        "Halvard Freight rejected the accusation.\n\n"
        "A company spokeswoman, Ilse Mork, said the cranes at berth four had never failed a load test since they "
        "were installed."
    )
    proposals = run(text)
    inspectorate = by_quote(proposals, "Halvard's cranes at berth four")
    spokeswoman = by_quote(proposals, "the cranes at berth four had never failed")
    assert (spokeswoman.kind, spokeswoman.denies) == ("denial", inspectorate.key)


def test_a_statement_repeating_a_word_or_two_of_another_claim_still_answers_the_denied_one():
    text = (
        "The dockers' union said Halvard Freight had cut the night shift's pay by a fifth in October.\n\n"
        "The port inspectorate said the night cranes at berth four had failed a test in September.\n\n"
        "Halvard Freight rejected the accusation.\n\n"
        "A company spokeswoman, Ilse Mork, said the night shift at berth four had not been paid less than "
        "its contract sets."
    )
    proposals = run(text)
    union = by_quote(proposals, "Halvard Freight had cut")
    spokeswoman = by_quote(proposals, "the night shift at berth four")
    assert (spokeswoman.kind, spokeswoman.denies) == ("denial", union.key)


def test_what_a_side_believes_may_have_happened_is_its_own_suspicion_not_a_denial():
    text = (
        "Orlan Chemical said the copper found in Tessel bay in March had come from the old shipyard upstream.\n\n"
        "The Tessel Fishers' Association rejected that account.\n\n"
        "The association's members believe Orlan may have opened its waste valves at night to save on treatment "
        "costs."
    )
    proposals = run(text)
    company = by_quote(proposals, "the copper found in Tessel bay")
    association = by_quote(proposals, "The Tessel Fishers' Association rejected")
    members = by_quote(proposals, "Orlan may have opened")
    assert (association.kind, association.denies) == ("denial", company.key)
    assert (members.kind, members.denies) == ("claim", None)


def test_an_office_and_the_person_holding_it_are_one_speaker_who_does_not_answer_itself():
    text = (
        "Korvany's transport minister on Monday accused the rail operator Veltline of hiding brake faults on its "
        "night trains from inspectors.\n\n"
        "Transport Minister Odile Fenwick-Amadi said inspectors who visited the Veltline depot at Sarn on Friday "
        "had found brake logs that had not been signed since August.\n\n"
        "Veltline rejected the accusation."
    )
    proposals = run(text)
    accusation = by_quote(proposals, "the rail operator Veltline of hiding")
    minister = by_quote(proposals, "inspectors who visited the Veltline depot")
    operator = by_quote(proposals, "Veltline rejected the accusation")
    assert (minister.kind, minister.denies) == ("claim", None)  # her own ministry's charge, told in detail
    assert (operator.kind, operator.denies) == ("denial", accusation.key)


def test_a_bodys_own_spokeswoman_does_not_go_on_with_the_other_sides_denial():
    text = (
        "The Ministry of Ports said on Monday that the east quay at Ostrava Bay would stay shut until the "
        "inspection ends.\n\n"
        "The dockers' union rejected the ministry's account.\n\n"
        "Dace Vilkerte, a spokeswoman for the Ministry of Ports, said no vessel would berth at the east quay "
        "before the inspection ends."
    )
    proposals = run(text)
    ministry = by_quote(proposals, "the east quay at Ostrava Bay")
    union = by_quote(proposals, "The dockers' union rejected")
    spokeswoman = by_quote(proposals, "no vessel would berth")
    assert (union.kind, union.denies) == ("denial", ministry.key)
    assert (spokeswoman.kind, spokeswoman.denies) == ("claim", None)  # the ministry's own word, again


def test_what_the_deniers_own_country_will_do_is_an_intent_not_a_further_denial():
    text = (
        "Ostmark's interior ministry said two Bellandian diplomats had recruited informers inside the port "
        "authority.\n\n"
        "Bellandia's foreign ministry rejected the accusation.\n\n"
        'Its spokeswoman, Ravi Lenska-Moor, said Bellandia would answer "in kind, and soon."'
    )
    proposals = run(text)
    charge = by_quote(proposals, "two Bellandian diplomats")
    ministry = by_quote(proposals, "Bellandia's foreign ministry rejected")
    spokeswoman = by_quote(proposals, "Bellandia would answer")
    assert (ministry.kind, ministry.denies) == ("denial", charge.key)
    assert (spokeswoman.kind, spokeswoman.denies) == ("claim", None)


def test_not_having_seen_the_evidence_is_no_denial_of_it():
    text = (
        "The art historian Leyla Marrant said photographs taken in 1989 showed the bronze statue in a dealer's "
        "shop in Tarsel.\n\n"
        "The Elbrun museum said it had not seen the 1989 photographs before this month."
    )
    proposals = run(text)
    museum = by_quote(proposals, "it had not seen the 1989 photographs")
    assert (museum.kind, museum.denies) == ("claim", None)  # it commits to nothing about what they show
