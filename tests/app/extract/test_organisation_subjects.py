"""Organisations and unnamed people as the subject of a verb of saying: a plain noun phrase ("The caretaker,
whose name ..., told", "the cooperative says") speaks, a relative clause in commas after a body's name is no part
of it, a headline's clause after a semicolon drops its article, a lede's office is the person the next paragraph
names, and a verb of telling takes whom it tells before what was told. Every text is fictional, written for these
tests."""

from __future__ import annotations

from tests.app.extract.drafting import by_quote, run

STORY = (
    "Lowmoor tenants win rent freeze; landlord says it will appeal\n\n"
    "LOWMOOR, 5 March 2026 - The chief executive of Harrowgate Homes said on Wednesday that the rent freeze "
    "ordered by the county tribunal would cost the housing association 2.4 million crowns a year.\n\n"
    "In a letter to tenants, Bertil Okonkwo-Lindqvist said the association would ask the tribunal to "
    "reconsider.\n\n"
    "The Lowmoor Tenants' Collective, which represents about 600 households on the estate and has met the "
    "association eleven times since the spring of 2024, says the freeze is the first in the estate's forty-year "
    "history. The caretaker, whose name the collective withheld, told the tribunal the boilers had been out for "
    "eleven days in January.\n\n"
    "The tribunal's registry, which publishes its rulings a week after each hearing, said the full decision "
    "would be online by Friday."
)


def test_a_plain_noun_phrase_that_says_or_tells_is_a_speaker():
    props = run(STORY)
    caretaker = by_quote(props, "the boilers had been out")  # whom he told is not what he told
    assert caretaker.actor == "Caretaker"
    assert (
        by_quote(props, "it will appeal").actor == "Landlord"
    )  # "landlord says" after a headline's semicolon


def test_a_relative_clause_after_a_bodys_name_is_no_part_of_it():
    props = run(STORY)
    assert by_quote(props, "the freeze is the first").actor == "Lowmoor Tenants' Collective"
    assert by_quote(props, "the full decision").actor == "Tribunal's registry"


def test_a_ledes_office_is_the_person_the_next_paragraph_names():
    props = run(STORY)
    assert by_quote(props, "the rent freeze ordered").actor == "Bertil Okonkwo-Lindqvist"
    assert by_quote(props, "the association would ask").actor == "Bertil Okonkwo-Lindqvist"


def test_a_body_that_spoke_is_no_he_or_she():
    text = (
        "Merle Adeyemi-Fonseca has waited four months for her son's school records. The academy says it cannot "
        'release them while the inspection continues. "I only want the papers," she said.'
    )
    props = run(text)
    assert by_quote(props, "it cannot release them").actor == "Academy"
    assert by_quote(props, "I only want the papers").actor == "Merle Adeyemi-Fonseca"


def test_a_body_described_in_the_lede_keeps_its_statements():
    text = (
        "HARLOW, 2 March 2026 - The national fisheries agency said on Monday that the cod quota would be cut by a "
        "third.\n\nNorland Trawlers said the cut would tie up half its fleet."
    )
    props = run(text)
    assert by_quote(props, "the cod quota").actor != "Norland Trawlers"


PANEL = (
    "Two inspectors looked at the Carrow bridge before it was closed. One, an engineer who asked not to be named, "
    'told the inquiry the bearings were "rusted through". Another inspector would only say that the report had '
    "been sent to the ministry in May. The Carrow district council, in a letter dated 3 February, has stated that "
    'it was never shown the report. The Bridgewatch trust also states that the ministry "sat on it for nine months".'
)


def test_one_then_an_appositive_is_the_appositive():
    assert by_quote(run(PANEL), "the bearings were").actor == "Engineer"


def test_would_only_say_still_says():
    assert by_quote(run(PANEL), "the report had been sent").actor.lower() in (
        "inspector",
        "another inspector",
    )


def test_where_a_body_spoke_in_commas_is_no_part_of_it_and_states_that_reports():
    props = run(PANEL)
    assert by_quote(props, "it was never shown").actor == "Carrow district council"
    assert by_quote(props, 'the ministry "sat on it').actor == "Bridgewatch trust"


def test_what_a_named_subject_said_according_to_someone_else_is_the_subjects():
    text = (
        "The ferry's second officer told coastguards on Sunday that the car deck doors had been left open, "
        "according to the harbour police. The crossing will resume next week, according to a statement from "
        "Skerrow Ferries."
    )
    props = run(text)
    officer = by_quote(props, "the car deck doors")
    assert officer.actor.lower().endswith("second officer")
    assert officer.said is not None
    assert by_quote(props, "The crossing will resume").actor == "Skerrow Ferries"


def test_a_participle_of_saying_with_its_clause_is_the_subjects_statement():
    text = (
        "Taxi drivers from the airport rank blocked the ring road for two hours on Monday, demanding that the "
        "city scrap the new licence fee before the summer."
    )
    props = run(text)
    assert by_quote(props, "the city scrap").actor.lower().startswith("taxi drivers")


def test_one_alone_is_one_of_the_group_just_counted():
    text = (
        "Four porters at the Eastquay depot agreed to talk about the night shift. One, who asked not to be named, "
        'said the forklifts had been "running without brakes since August".'
    )
    assert by_quote(run(text), "the forklifts had been").actor == "One of the porters"
