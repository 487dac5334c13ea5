"""Speakers in shapes a thirteenth set of articles showed the rules missing: whom "he" and "she" stand for after a
byline and after a name in apposition, an opening participle's phrase, a statement's "we", a press release's
furniture, "said little in public" and a live blog's entry time on the entry's own line. Every article is
fictional, written for these tests; the source is dated Thursday 12 March 2026."""

from __future__ import annotations

import datetime as dt

from app.extract import RuleExtractor
from tests.app.extract.drafting import PUBLISHED, by_quote, run


def test_a_byline_is_no_ones_he_and_a_name_in_apposition_is_whom_he_means():
    text = (
        "Ottoline Farrowby reports from Kessel Point\n\n"
        "The dredger's master, Captain Ivo Strandqvist-Mbeki, keeps the logbook on the bridge.\n\n"
        '"She has not had a refit in nine years," he said.'
    )
    (p,) = run(text)
    assert p.actor.endswith("Strandqvist-Mbeki")


def test_she_after_a_name_in_apposition_not_the_speaker_before():
    text = (
        "The harbour master, Tobias Wennerholm, said the channel was open.\n\n"
        "The dredging firm's lawyer, Ambrose Kilgallon-Vey, would not say whether the dredger had been insured. "
        '"That is for the court," he said.'
    )
    props = run(text)
    assert by_quote(props, "That is for the court").actor.endswith("Kilgallon-Vey")


def test_an_embassy_is_not_she():
    text = (
        "The Vellaran embassy said in a message that the crew had been denied consular visits.\n\n"
        "The crew's lawyer, Brigida Holloway-Sen, would not say whether the crew had been charged. "
        '"They have been questioned, and that is all," she said.'
    )
    props = run(text)
    assert by_quote(props, "They have been questioned").actor.endswith("Holloway-Sen")


def test_an_opening_participles_phrase_is_not_part_of_the_speaker():
    text = (
        "In a letter dated 3 March, sent to the inquiry and seen by this newspaper, the port's secretary wrote "
        "that every fee had been approved by the board.\n\n"
        "Reached by telephone yesterday, the harbour master called the inquiry's questions baseless."
    )
    props = run(text)
    letter = by_quote(props, "every fee had been approved")
    assert letter.actor.lower().startswith("port") and "sent" not in letter.actor.lower()
    answer = by_quote(props, "Reached by telephone")
    assert answer.actor.lower().startswith("harbour master") and answer.said == dt.date(2026, 3, 11)


def test_a_statements_we_is_its_issuer_and_a_bare_we_is_no_one():
    body = (
        "The workers' council said on Monday that the dredger had been sent out with a faulty winch.\n\n"
        "We reject the council's claim. The winch was inspected on Friday."
    )
    props = RuleExtractor().propose(
        body, published=PUBLISHED, title="Statement from Kessel Dredging Company on the Point Rock grounding"
    )
    assert by_quote(props, "We reject").actor == "Kessel Dredging Company"
    assert all(p.actor != "We" for p in run(body))


def test_a_press_releases_contact_line_and_how_much_was_said_are_not_claims():
    text = (
        "The chairman, Lorcan Abernathy-Sule, has said little in public.\n\n"
        "Media enquiries: press office, Kessel Dredging Company, Quay Road, Kessel Point."
    )
    assert run(text) == []


def test_a_live_blog_entry_time_on_the_entrys_first_line():
    text = (
        "15:40 - The dredgers' union has denied it.\n\n"
        "15:10 - The port says the union's pickets blocked the quay for an hour this morning."
    )
    props = run(text)
    assert by_quote(props, "The dredgers' union has denied it").actor.lower().startswith("dredgers")


def test_a_level_of_government_a_number_in_an_aside_and_an_outlet_by_its_kind():
    text = (
        "The state Department of Harbour Safety said it was reviewing the dredger's logs.\n\n"
        "Wenna Castellane-Obi, a pilot who paid 4,200 crowns to have her boat towed to Kessel Point, said she "
        "had not been warned about the sandbank.\n\n"
        "A local radio station reported on Tuesday that the dredger had run aground twice."
    )
    props = run(text)
    assert by_quote(props, "it was reviewing").actor == "Department of Harbour Safety"
    assert by_quote(props, "she had not been warned").actor == "Wenna Castellane-Obi"
    assert by_quote(props, "the dredger had run aground").actor.lower() == "local radio station"


def test_a_transcripts_named_turn_and_what_a_question_reports():
    text = (
        "SPOKESPERSON (Halvard Ostmoe-Rigg): Good morning. The minister will visit Kessel Point on Friday to "
        "meet the dredger's crew.\n\n"
        "QUESTION (Ines Trabert, Kessel Courier): The pilots' association said on Monday that the sandbank had "
        "been charted wrongly for years. Is that right?\n\n"
        "SPOKESPERSON: The chart was corrected in January and every pilot was sent the new one."
    )
    props = run(text)
    assert by_quote(props, "The minister will visit").actor == "Halvard Ostmoe-Rigg"
    assert by_quote(props, "The chart was corrected").actor == "Halvard Ostmoe-Rigg"
    assert by_quote(props, "the sandbank had been charted").actor.lower().startswith("pilots")
    assert not [p for p in props if "Is that right" in p.quote]


def test_according_to_a_persons_camp():
    text = "The regatta committee said the skipper had signed the protest form. That is not what the form shows, according to her camp."
    props = run(text)
    assert by_quote(props, "That is not what the form shows").actor == "Her camp"


def test_an_interviews_unlabelled_answers_are_the_interviewees_on_its_day():
    text = (
        "The sailmaker Brisa Okonkwo-Lindqvist spoke to our correspondent at her loft in Kessel Point on 10 "
        "March.\n\n"
        "The regatta committee says your sails broke the class rules. Did they?\n\n"
        "No. We had the sails measured twice before the race and they passed both times.\n\n"
        "Will you appeal?\n\n"
        "We will, because we have the measurement sheets and the committee has not asked to see them.\n\n"
        "Is the class dying?\n\n"
        "I think it is changing, and that is different.\n\n"
        "The committee did not answer our questions."
    )
    props = run(text)
    answers = [p for p in props if p.actor == "Brisa Okonkwo-Lindqvist"]
    assert [p.quote.split()[1] for p in answers] == ["We", "will,", "think"]
    assert all(p.said == dt.date(2026, 3, 10) for p in answers)
    assert not [p for p in props if "did not answer" in p.quote and p.actor == "Brisa Okonkwo-Lindqvist"]
