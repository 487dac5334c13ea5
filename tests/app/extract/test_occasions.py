"""Dates said that come from the occasion (bench/ANNOTATION.md): the same speaker going on, a bare answer dated by
the sentence after it, a live blog's entries, a transcript's day, a paragraph opened by its occasion's day, and
where and when between the verb and "that". Every article is fictional, written for these tests; the source is
dated Thursday 12 March 2026."""

from __future__ import annotations

import datetime as dt

from tests.app.extract.drafting import by_quote, run

TUESDAY, WEDNESDAY, THURSDAY = dt.date(2026, 3, 10), dt.date(2026, 3, 11), dt.date(2026, 3, 12)


def test_the_same_speaker_going_on_keeps_the_day_a_new_occasion_does_not():
    text = (
        "The harbour pilot, Ysolde Brannagh-Kett, told reporters in Cellow on Tuesday that the channel buoys had "
        'been moved. "Somebody shifted them at night," she said.\n\n'
        "She said the coastguard had been told twice.\n\n"
        '"We will not sail until they are back," Ms Brannagh-Kett told a news conference at the quay.'
    )
    props = run(text)
    assert by_quote(props, "the channel buoys").said == TUESDAY
    assert by_quote(props, "Somebody shifted").said == TUESDAY
    assert by_quote(props, "the coastguard had been told").said == TUESDAY
    assert by_quote(props, "We will not sail").said is None  # its own occasion, with no day


def test_a_bare_answer_takes_the_day_its_side_gives_in_the_next_sentence():
    text = (
        "The ferry guild accused the port of Cellow of raising its berthing fees in secret.\n\n"
        "The port authority rejected the accusation. Its chief executive, Oswin Tarrabee-Lund, said on Wednesday that the "
        "fees had been published in January.\n\n"
        "The harbour board rejected the accusation.\n\n"
        "Its secretary, Hedda Vallacott, said on Tuesday that the fees were the lowest on the coast."
    )
    props = run(text)
    assert by_quote(props, "The port authority rejected").said == WEDNESDAY
    assert by_quote(props, "the fees had been published").said == WEDNESDAY
    # another paragraph is not "the next sentence" of the answer
    assert by_quote(props, "The harbour board rejected").said is None


def test_a_live_blogs_entries_are_dated_on_its_day_but_not_its_summary():
    text = (
        "Live: the Cellow ferry strike\n\n"
        "16:20 - The ferry guild says no boat will leave before Monday.\n\n"
        "15:05 - The port's spokesman, Anselm Quarry-Dunne, told reporters yesterday that the fees were fair.\n\n"
        "14:40 - The mayor, Bettany Skovgaard-Rue, says the town will pay for extra buses.\n\n"
        "Summary\n\n"
        "The guild says the strike will go on until the fees are cut."
    )
    props = run(text)
    assert by_quote(props, "no boat will leave").said == THURSDAY
    assert by_quote(props, "the fees were fair").said == WEDNESDAY  # its own day
    assert by_quote(props, "the town will pay").said == THURSDAY
    assert by_quote(props, "the strike will go on").said is None


def test_a_live_blog_split_into_days_dates_each_entry_by_the_heading_above_it():
    text = (
        "Live: the Cellow ferry strike\n\n"
        "Thursday 12 March 2026\n\n"
        "09:10\nThe ferry guild says no boat will leave before Monday.\n\n"
        "Wednesday 11 March 2026\n\n"
        "18:45\nThe port's spokesman, Anselm Quarry-Dunne, says the fees were set by the council.\n\n"
        "16:30\nThe mayor, Bettany Skovgaard-Rue, says the town will pay for extra buses."
    )
    props = run(text)
    assert by_quote(props, "no boat will leave").said == THURSDAY
    assert by_quote(props, "the fees were set by the council").said == WEDNESDAY
    assert by_quote(props, "the town will pay").said == WEDNESDAY


def test_a_transcripts_answers_are_dated_by_the_briefing_not_by_a_day_they_mention():
    text = (
        "Transcript: press briefing at the ministry of ports of Vellara, 10 March 2026\n\n"
        "QUESTION (Ilse Marn, Cellow Post): The guild said on Sunday that your inspectors had never visited the "
        "quay. Did they?\n\n"
        "SPOKESPERSON (Teodor Ashgrave-Pim): They did. Our inspectors were on the quay on Sunday and on every day "
        "of the week before it."
    )
    props = run(text)
    answer = by_quote(props, "Our inspectors were on the quay")
    assert answer.said == TUESDAY


def test_a_paragraph_opened_by_its_occasions_day_dates_what_is_said_in_it():
    text = (
        "At Tuesday's hearing, the guild's lawyer, Corra Blanchflower, accused the port of hiding the fee "
        'schedule. Mr Tarrabee-Lund called that remark "theatre" and said every schedule was on the port\'s '
        "website."
    )
    props = run(text)
    assert by_quote(props, "every schedule was on").said == TUESDAY


def test_where_whom_and_when_between_the_verb_and_that():
    text = (
        "The guild's secretary, Maud Ellery-Sandoz, wrote to the ports ministry on Tuesday that the berths were "
        "unsafe.\n\n"
        "The ministry's engineer, Piet Orvalho-Kast, said in a short statement on Wednesday that the berths had "
        "passed inspection.\n\n"
        "The port's owner, Rasmus Hallendorf, said in an interview Tuesday that the berths would be rebuilt.\n\n"
        "The pilots' association said Wednesday it had asked for an independent survey."
    )
    props = run(text)
    assert by_quote(props, "the berths were unsafe").said == TUESDAY
    assert by_quote(props, "the berths had passed").said == WEDNESDAY
    assert by_quote(props, "the berths would be rebuilt").said == TUESDAY
    assert by_quote(props, "it had asked for").said == WEDNESDAY


def test_the_day_of_an_accusation_after_a_longer_object_without_on():
    (p,) = run(
        "Vellara accused the country's largest ferry operator Wednesday of overcharging lorry drivers."
    )
    assert p.said == WEDNESDAY


def test_days_that_date_something_else_are_not_the_day_said():
    text = (
        "The owner of the Cellow boatyard, where a fire has burned since Sunday night, dismissed reports that "
        "fuel had leaked into the harbour, saying on Tuesday that the tanks were sealed.\n\n"
        "Merrow Today's editor, Jonas Pellworth-Agu, said the paper had seen the yard's records.\n\n"
        "The last ferry left the harbour on Wednesday evening, according to the port authority."
    )
    props = run(text)
    assert by_quote(props, "the tanks were sealed").said == TUESDAY
    assert by_quote(props, "the paper had seen").said is None  # "Today" in a name is no day
    assert by_quote(props, "The last ferry left").said is None  # the day of the event told


def test_a_day_inside_a_quotation_is_not_when_it_was_said():
    text = (
        "The guild's chair, Ottilie Brandvang, said the quay had been closed for a week.\n\n"
        '"Nobody from the port came on Monday, or on Tuesday."'
    )
    props = run(text)
    assert by_quote(props, "Nobody from the port").said is None


def test_an_answer_told_with_its_day_dates_the_words_of_the_next_sentence():
    text = (
        "The regatta committee disqualified the Kessel crew on Monday. On Tuesday the crew's skipper answered. In a "
        "post on the club's website, Ms Runa Achterberg-Sol wrote that the course marks had been moved overnight."
    )
    props = run(text)
    assert by_quote(props, "the course marks had been moved").said == TUESDAY


def test_the_opening_day_of_an_act_not_a_date_it_shows():
    text = (
        "On Wednesday, the skipper's coach, Matthis Orrendal, published a photograph of the course marks taken on "
        '2 March. "The marks are where they were on the day," he said.'
    )
    props = run(text)
    assert by_quote(props, "The marks are where").said == WEDNESDAY


def test_a_press_releases_quoted_words_are_dated_on_its_day_what_it_reports_of_others_is_not():
    text = (
        "Cellow Ferries answers the guild's report\n\n"
        "The guild has said that crews were paid late three times in February.\n\n"
        "\u201cEvery wage was paid on the day it was due,\u201d said Orla Feyn-Dunmore, Cellow Ferries' chief "
        "executive.\n\n"
        "ENDS\n\n"
        "Notes to editors\n"
        "- Cellow Ferries runs six boats between Cellow and the islands."
    )
    props = run(text)
    assert by_quote(props, "Every wage was paid on the day it was due").said == THURSDAY
    assert by_quote(props, "crews were paid late three times in February").said is None
