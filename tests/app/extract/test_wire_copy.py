"""Shapes of everyday wire copy that drafting misread, found on the dev half of the wire-copy list (wire_copy.py):
a "he", "she" or "it" after a sentence that only names its subject, "cited X as saying", an aside after the
speaker ("when asked ...", "who asked not to be named ..."), "but warned ...", the plural present ("Critics
argue ..."), ", citing X," after the speaker, "deny these reports", and the BBC's "Today programme"."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.app.extract.drafting import run
from tests.app.extract.wire_copy import WIRE, half


def test_the_list_is_well_formed_and_split_by_its_sentences():
    assert len(WIRE) >= 250
    for text, golds in WIRE:
        for _speaker, quote, kind, said in golds:
            flat = re.sub('["\u201c\u201d]', "", text)
            assert re.sub('["\u201c\u201d]', "", quote) in flat, text
            assert kind in ("claim", "denial") and (said is None or dt.date.fromisoformat(said))
    dev = sum(half(t) == "dev" for t, _ in WIRE)
    assert 0.35 < dev / len(WIRE) < 0.65


@pytest.mark.parametrize(
    "text, actor, quote",
    [
        ("Kerr visited the front on Monday. He said morale was high.", "Kerr", "morale was high"),
        (
            'Ida Varga, 45, lost her shop in the fire. "Everything is gone," she said.',
            "Ida Varga",
            "Everything is gone",
        ),
        (
            "Vetter was charged with fraud in January. He has denied the charges.",
            "Vetter",
            "He has denied the charges",
        ),
        (
            'Lund was asked about the waiting lists. "They are too long, and I am sorry," she said.',
            "Lund",
            "They are too long, and I am sorry",
        ),
        (
            "The company was fined $2 million on Monday. It said it would appeal.",
            "Company",
            "it would appeal",
        ),
        (
            "The company declined to comment. It has previously said its mines meet every safety standard.",
            "Company",
            "its mines meet every safety standard",
        ),
    ],
)
def test_a_pronoun_after_a_sentence_that_names_its_subject_is_that_subject(text, actor, quote):
    (p,) = run(text)
    assert p.actor == actor and quote in p.quote


def test_an_opening_subject_that_is_no_organisation_is_no_one_s_it():
    assert run("The talks are due to resume on Monday. It said the delay was regrettable.") == []


@pytest.mark.parametrize(
    "text",
    [
        "The Tass news agency cited Ostrov as saying the exercises would end on Friday.",
        "Ostrov was cited by the Brenholt Times as saying the exercises would end on Friday.",
    ],
)
def test_cited_as_saying_is_the_cited_persons_statement(text):
    (p,) = run(text)
    assert p.actor == "Ostrov" and p.quote == "the exercises would end on Friday"


@pytest.mark.parametrize(
    "text, actor",
    [
        ('"It\'s too early to say," Pell said when asked whether the outbreak had peaked.', "Pell"),
        (
            "The talks had broken down, said an official who asked not to be named because he was not "
            "authorised to speak to the media.",
            "Official",
        ),
    ],
)
def test_an_aside_on_how_the_speaker_came_to_speak_is_not_what_was_said(text, actor):
    (p,) = run(text)
    assert p.actor == actor and p.quote in ("It's too early to say", "The talks had broken down")


def test_but_warned_ends_the_statement():
    (p,) = run("Mertens said inflation had peaked but warned against cutting rates too soon.")
    assert p.quote == "inflation had peaked"
    (p,) = run("Mertens said inflation had peaked but warned that rates would stay high.")
    assert p.quote == "inflation had peaked but warned that rates would stay high"  # one, as annotated


@pytest.mark.parametrize("verb", ["argue", "warn", "insist", "contend"])
def test_the_plural_present_reports_speech(verb):
    (p,) = run(f"Critics {verb} the law will be used against journalists.")
    assert (p.actor, p.quote) == ("Critics", "the law will be used against journalists")


def test_citing_a_source_after_the_speaker_is_no_part_of_its_name():
    (p,) = run("The newspaper, citing a leaked memo, said the company had known about the defect.")
    assert p.actor == "Newspaper"


def test_denying_these_reports_in_the_words_is_a_denial():
    (p,) = run('"We categorically deny these reports," the embassy said in a statement on Sunday.')
    assert (p.kind, p.actor, p.said) == ("denial", "Embassy", dt.date(2026, 3, 8))


def test_the_today_programme_is_no_date():
    (p,) = run('"We need more ambulances," Pell told the BBC\'s Today programme.')
    assert p.said is None


@pytest.mark.parametrize(
    "text",
    [
        "The governor told a local television station that the dam was safe.",
        "The governor told a radio host that the dam was safe.",
    ],
)
def test_whom_a_speaker_told_before_that_is_not_what_was_said(text):
    (p,) = run(text)
    assert (p.actor, p.quote) == ("Governor", "the dam was safe")
