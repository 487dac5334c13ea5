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


JOINED = (
    "Three bakers in Orrin Cross have closed their ovens since the flour mill shut.\n\n"
    "Two of the bakers said they had not been told the mill would close, and a third, Hesketh Amundsen-Oyo, "
    "said he had read about it in the parish newsletter.\n\n"
    "Customers have queued outside the last open bakery since Monday, and a local radio station reported on "
    "Tuesday that the mill's owners had sold the site."
)


def test_a_joined_clause_with_its_own_speaker_is_that_speakers():
    props = run(JOINED)
    assert by_quote(props, "he had read about it").actor == "Hesketh Amundsen-Oyo"
    assert by_quote(props, "the mill's owners had sold").actor == "Local radio station"
    assert by_quote(props, "they had not been told").quote.endswith("would close")


def test_a_pronoun_after_and_is_still_the_same_speaker():
    props = run("The ferry company said the crossing was safe, and it said the crews had been trained twice.")
    assert {p.actor for p in props} == {"Ferry company"}
