"""Speaker shapes that a grammar parser found and the rules did not (the Link Grammar bench's dev half, read as
an oracle): each test is a fictional article of that shape, written for these tests."""

from __future__ import annotations

from tests.app.extract.drafting import by_quote, run

BODIES = (
    "GARNOCK, 9 March - Work on the new swimming baths in Garnock stopped on Friday.\n\n"
    "The builder says the council has not paid for the last three months of work.\n\n"
    "The town's leisure department said on Monday that every invoice had been paid within thirty days.\n\n"
    "Halvey's pension fund, which lent the council the money for the baths, said it was owed nothing."
)


def test_a_body_named_by_what_it_is_speaks_for_itself():
    props = run(BODIES)
    assert by_quote(props, "the council has not paid").actor == "Builder"
    assert by_quote(props, "every invoice had been paid").actor == "Town's leisure department"
    assert by_quote(props, "it was owed nothing").actor == "Halvey's pension fund"


HEARING = (
    "The Tolworth ferry inquiry heard its last witness on Wednesday.\n\n"
    '"Every crossing in March was logged, checked and signed off by two officers, and the logs are in the '
    "inquiry's hands,\" the operator's safety director, Marit Okonjo-Vale, said at a public hearing in the "
    "town hall of Tolworth on Wednesday.\n\n"
    '"The logs say one thing and the crews say another," harbour pilot Ewan Strachan-Dufresne said in a '
    "recorded interview posted on the union's website.\n\n"
    '"We will read both," the inquiry chair said.'
)


def test_a_long_setting_after_the_speakers_verb_still_closes_a_quotation():
    props = run(HEARING)
    assert by_quote(props, "Every crossing in March").actor == "Marit Okonjo-Vale"
    assert by_quote(props, "The logs say one thing").actor == "Ewan Strachan-Dufresne"


def test_a_clause_after_the_verb_is_still_what_was_said():
    props = run(
        '"The ferry is late," Marit Okonjo-Vale said in Tolworth that the crews had all been paid on time.'
    )
    assert all(p.actor != "Marit Okonjo-Vale" or p.quote.startswith("the crews") for p in props)


QUESTIONED = (
    "The harbour board met in closed session on Tuesday.\n\n"
    "Asked whether she knew that the dredging contract had been signed before the tender closed, the board's "
    'chair, Tamsin Achterberg-Olu, said she had learned of it "from the minutes, a week later".\n\n'
    "Asked whether anyone on the board had read the contract, which runs to 400 pages, Mr Faulke-Imre said "
    "the lawyers had read it for them.\n\n"
    "Faulke-Imre himself conceded on Friday evening that he had not read it."
)


def test_himself_after_the_subject_is_no_part_of_the_name():
    assert by_quote(run(QUESTIONED), "he had not read it").actor == "Faulke-Imre"
