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
