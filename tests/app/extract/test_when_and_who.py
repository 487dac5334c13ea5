"""Dates said and speakers in shapes a twelfth set of articles showed the rules missing: where and when between
the verb and "that", a live blog's entry times, a clause opened by "while". Every sentence is fictional, written
for these tests; the source is dated Thursday 12 March 2026."""

from __future__ import annotations

import datetime as dt

from tests.app.extract.drafting import by_quote, run


def test_where_then_when_between_the_verb_and_that():
    text = (
        "The navy's spokeswoman, Commander Ilse Marrowby, told reporters in Ostrel on Tuesday that the frigate "
        "had never left the gulf.\n\n"
        "Its deputy minister, Aurel Fenske, told journalists in Pradz on Monday, before the survey was "
        "published, that the reef had not been damaged."
    )
    told, before = run(text)
    assert told.quote == "the frigate had never left the gulf"
    assert told.said == dt.date(2026, 3, 10)
    assert before.quote == "the reef had not been damaged"
    assert before.said == dt.date(2026, 3, 9)


def test_a_bare_weekday_a_letter_dated_and_a_statement_last_week_day():
    text = (
        "The Lerrow port authority said Wednesday that the cranes would be repaired by April.\n\n"
        "The dockers' union said in a letter dated 4 February that it had warned the authority twice.\n\n"
        "The authority's director, Hanne Oszlo, said in a statement last Friday that no warning had reached her."
    )
    props = run(text)
    assert by_quote(props, "the cranes").said == dt.date(2026, 3, 11)
    assert by_quote(props, "it had warned").said == dt.date(2026, 2, 4)
    assert by_quote(props, "no warning").said == dt.date(2026, 3, 6)


def test_last_night_is_the_day_before_and_this_evening_the_same_day():
    text = (
        "The mayor of Tessby, Orla Vantongeren, said last night that the ferry would run again.\n\n"
        "The ferry company's owner, Piet Haldersen, said this evening that the ferry needed a new engine."
    )
    night, evening = run(text)
    assert night.said == dt.date(2026, 3, 11)
    assert evening.said == dt.date(2026, 3, 12)


def test_the_day_of_an_accusation_between_whom_it_accuses_and_of_what():
    (p,) = run("Morvania accused Kelland on Tuesday of closing the border crossing at Drume without warning.")
    assert "Morvania" in p.actor
    assert p.said == dt.date(2026, 3, 10)


def test_a_live_blogs_entry_time_is_not_part_of_the_speaker():
    text = (
        "18:05\nThe Kellanders deny this. A foreign ministry spokesman, Bo Aldring, said the convoy had "
        "stayed on its own side.\n\n"
        "17:40\nKelland's interior ministry said this afternoon that it had closed no crossing."
    )
    props = run(text)
    assert all("\n" not in p.actor and not p.actor[:1].isdigit() for p in props)
    assert "Kelland" in by_quote(props, "The Kellanders deny this").actor
    assert by_quote(props, "it had closed").actor == "Kelland's interior ministry"


def test_a_clause_opened_by_while_is_no_speaker():
    text = (
        "While the council insists the loan was repaid, its own accounts list an unpaid sum against the "
        "club's name, and the auditors have asked to see them."
    )
    assert all(not p.actor.lower().startswith("while") for p in run(text))


def test_a_number_in_a_relative_clause_and_an_age_are_not_the_speakers_name():
    text = (
        "The Harbour Pilots' Association, which represents about 1,200 pilots, said the new buoys were "
        "badly placed.\n\n"
        "The trawler's skipper, Ansgar Molnes, 52, said the buoys had moved in the storm."
    )
    association, skipper = run(text)
    assert association.actor == "Harbour Pilots' Association"
    assert skipper.actor == "Ansgar Molnes"


def test_a_relative_clause_before_the_name_and_a_name_of_an_organisation():
    (p,) = run(
        "The broker who sold the ship, Teodor Vaskelund of Vaskelund Maritime, said its papers were in order."
    )
    assert (p.actor, p.affiliation) == ("Teodor Vaskelund", "Vaskelund Maritime")
    assert p.quote == "its papers were in order"


def test_has_just_told_is_not_part_of_the_speaker():
    (p,) = run(
        "The port's harbour master, Captain Eline Raskvik, has just told reporters that the channel is open."
    )
    assert p.actor == "Eline Raskvik"


def test_kin_a_ward_sister_and_institutions_named_by_their_kind_speak():
    text = (
        "The husband of one of the passengers said the crew had handed out life jackets late.\n\n"
        "A ward sister, who asked not to be named, said the hospital had run out of beds by noon.\n\n"
        "The district of Upper Marrow said it had closed two schools.\n\n"
        "The Tollund Gallery of Modern Art bought the drawing in May. The gallery said the drawing was genuine."
    )
    props = run(text)
    assert by_quote(props, "the crew had").actor == "Husband of one of the passengers"
    assert by_quote(props, "the hospital had").actor == "Ward sister"
    assert by_quote(props, "it had closed").actor == "District of Upper Marrow"
    assert by_quote(props, "the drawing was genuine").actor == "Tollund Gallery"


def test_the_council_is_not_a_councillor_who_spoke_before():
    text = (
        "Councillor Mira Quellan said the bus depot would close in June.\n\n"
        "The council said it had not been told of any closure."
    )
    _councillor, council = run(text)
    assert council.actor != "Mira Quellan"


def test_she_is_the_woman_the_text_titles_not_the_man_who_spoke_last():
    text = (
        "The composer, Ms Orla Fenwick-Hale, said the opera's second act used her melody.\n\n"
        "The conductor, Sir Anton Drury, said the melody was a folk tune.\n\n"
        'On Monday Ms Fenwick-Hale put the two scores online. "He did not borrow it. He copied it," she wrote.'
    )
    props = run(text)
    assert by_quote(props, "He did not borrow it").actor == "Orla Fenwick-Hale"


def test_she_is_never_a_group_or_an_organisation():
    text = (
        "Ilse Brandauer, whose farm was flooded in May, said nobody had warned the valley.\n\n"
        "Officials in Varnholm said the dam had been opened by the book.\n\n"
        'Back at the farm, Brandauer\'s barn still smells of mud. "They opened the gates and went home," she said.'
    )
    props = run(text)
    assert by_quote(props, "They opened the gates").actor == "Ilse Brandauer"


def test_he_is_the_man_a_sentence_names_without_quoting_him():
    text = (
        "The pilot, Rurik Vasstad, said the base's chief pilot, Bram Oosterhuis, had called his reports "
        "sabotage.\n\n"
        "The airline's lawyer, Ms Dora Lindqvist, said the pilot had been dismissed for missing a flight.\n\n"
        "Oosterhuis is due to give evidence on Friday. In a written statement, he said the meeting had been "
        "about rosters."
    )
    props = run(text)
    assert by_quote(props, "the meeting had been").actor == "Bram Oosterhuis"


def test_told_whom_and_when_before_that():
    text = (
        "The basin authority's hydrologist, Dr Senna Kolvard, told a meeting of district councillors on "
        "Tuesday that the dam had released water twice.\n\n"
        "Its chairman, Matthis Orrenby, told journalists in the capital, Dravka, on 2 March that the releases "
        "were routine.\n\n"
        "Orrenby had said nothing in public before. But he told a radio interviewer on 5 March, two days before "
        'the audit was published, that he had "seen every log".'
    )
    props = run(text)
    meeting = by_quote(props, "the dam had released")
    assert (meeting.actor, meeting.said) == ("Senna Kolvard", dt.date(2026, 3, 10))
    capital = by_quote(props, "the releases were routine")
    assert (capital.actor, capital.said) == ("Matthis Orrenby", dt.date(2026, 3, 2))
    assert by_quote(props, "he had").said == dt.date(2026, 3, 5)


def test_a_sentence_giving_only_the_day_of_the_act_dates_the_quotation_after_it():
    text = (
        "The ministry's spokesman, Colonel Arvid Tenhallow, said on Monday that the convoy had carried arms.\n\n"
        'Tenhallow answered the charity on Wednesday. "Flour does not weigh forty kilograms a sack," he said. '
        '"Somebody packed those crates."\n\n'
        '"Our crates were weighed at the airport," the charity\'s director, Ines Valborg, said.'
    )
    props = run(text)
    assert by_quote(props, "Flour does not").said == dt.date(2026, 3, 11)
    assert by_quote(props, "Somebody packed").said == dt.date(2026, 3, 11)
    assert by_quote(props, "Our crates").said is None  # another speaker: the day is not theirs


def test_asides_on_what_the_speaker_is_or_did_do_not_hide_the_speaker():
    text = (
        "The head of Brannock Cables, one of the last wire makers in the region, Odile Sarrazin, said the plant "
        "would close in May.\n\n"
        "A former guard who worked at the depot for a year, and who asked not to be named because she still "
        "works for the city, said the gates were left open at night."
    )
    head, guard = run(text)
    assert (head.actor, head.quote) == ("Odile Sarrazin", "the plant would close in May")
    assert guard.actor == "Former guard" and guard.quote == "the gates were left open at night"


def test_calling_a_finding_unsound_and_saying_more_answers_it():
    text = (
        "The river board said samples taken below the quarry held ten times the safe level of silt.\n\n"
        'Hallorn Quarrying called the board\'s sampling "careless" and said two samples had been taken in a '
        "ditch.\n\n"
        "The Ostrelians call this political."
    )
    claim, careless, ditch, political = run(text)
    assert careless.kind == "denial" and careless.denies == claim.key
    assert ditch.kind == "denial" and ditch.quote.startswith("two samples had been taken")
    assert political.kind == "denial" and political.actor == "Ostrelians"


def test_a_verb_inside_the_opening_phrase_is_not_the_sentences():
    (p,) = run(
        "In a statement on Sunday, after a draft of the audit was reported in the press, Morvania's finance "
        "ministry said its loans to the mill were made on market terms."
    )
    assert p.actor == "Morvania's finance ministry"
    assert p.quote == "its loans to the mill were made on market terms"
    assert p.said == dt.date(2026, 3, 8)


def test_an_accusation_then_what_was_said_after_a_comma_are_two_claims():
    text = (
        "Kelland accused Morvania on Tuesday of flooding its market with cheap steel, and said it would impose "
        "duties from June."
    )
    accusation, duties = run(text)
    assert accusation.quote.startswith("Morvania on Tuesday of flooding")
    assert duties.quote == "it would impose duties from June"
    assert duties.said == dt.date(2026, 3, 10)


def test_who_said_it_between_a_subject_and_its_predicate():
    text = (
        "The ferry company's director, Ms Hedda Solvik, said the crossing had been cancelled for the storm.\n\n"
        "The missed sailings, she said this morning, were caused by a broken ramp, not by the weather."
    )
    _cancelled, ramp = run(text)
    assert ramp.actor == "Hedda Solvik"
    assert ramp.quote.startswith("The missed sailings") and ramp.quote.endswith("not by the weather")
    assert ramp.said == dt.date(2026, 3, 12)


def test_a_statement_speaks_for_the_organisation_that_issued_it_not_a_person():
    text = (
        "The Ferrand Pilots' Union said engineers had been told to sign for checks never done.\n\n"
        'Vellaire rejected the allegation in a statement. "No engineer of ours signs for work not done," the '
        "statement said.\n\n"
        "Hollis Mining's statement called the union's figures \"selective\" and said every check was logged.\n\n"
        '"The union has its facts wrong," chief executive Ada Korhonen said in the company\'s statement.\n\n'
        "The statement said the checks were logged by the night shift."
    )
    props = run(text)
    assert by_quote(props, "No engineer of ours").actor == "Vellaire"
    assert by_quote(props, "every check was logged").actor == "Hollis Mining"
    assert all(not p.quote.startswith("the checks were logged") or p.actor != "Ada Korhonen" for p in props)


def test_a_subject_that_names_a_role_still_carries_the_predicate_around_she_said():
    text = (
        "The drone maker's spokeswoman, Ilka Marrant, said the parts had been sold legally.\n\n"
        "The government's own forces, she said, had never bought drones of that type."
    )
    _sold, forces = run(text)
    assert forces.actor == "Ilka Marrant"
    assert forces.quote.startswith("The government's own forces") and forces.quote.endswith("of that type")
