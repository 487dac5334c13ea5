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
