"""The subject of a verb of saying is a noun phrase, never a clause or a page's heading: a clause that opens on a
verb ("Ring the council about the gates and a press officer says ...") leaves its speaker after its "and"; a
heading before a colon ("Notes for editors: ...") opens no transcript turn. Every text is fictional, written for
these tests."""

from __future__ import annotations

from tests.app.extract.drafting import by_quote, run

FEATURE = (
    "The canal has flooded the lower town of Brannow three times since the spring. Visit the lock-keeper's "
    'cottage at the top of the flight and the keeper, Oswy Tallack-Mbeki, says the sluice gates "have not been '
    'greased since the council took them over". Ring the council about the gates and a press officer says only '
    'that the repairs are "scheduled for the dry months".'
)


def test_a_clause_opening_on_a_verb_leaves_its_speaker_after_its_and():
    props = run(FEATURE)
    assert by_quote(props, "the sluice gates").actor == "Oswy Tallack-Mbeki"
    assert by_quote(props, 'only that the repairs are "scheduled').actor == "Press officer"
    assert not any(p.actor.lower().startswith(("visit", "ring")) for p in props)


def test_a_noun_phrase_before_and_is_still_its_own_speaker():
    props = run("All the ferry crews and the harbour pilots said the new tolls would empty the quay by May.")
    assert [p.actor for p in props] != []
    assert not props[0].actor.lower().startswith("the harbour")


RELEASE = (
    "Marrowfield Water Authority - press release, 4 March 2026\n\n"
    "The Authority confirms that the boil-water notice for the Eastgate district will be lifted at noon on "
    "Friday.\n\n"
    '"Every household in Eastgate can drink from the tap again from Friday," said the Authority\'s chief '
    "executive, Perpetua Olawale-Strand.\n\n"
    "Notes for editors: the Authority's sampling results for February are published on its website.\n\n"
    "Background for journalists: the Eastgate works were built in 1974 and serve 31,000 homes."
)


def test_a_headings_colon_opens_no_turn():
    props = run(RELEASE)
    assert by_quote(props, "Every household").actor == "Perpetua Olawale-Strand"
    actors = {p.actor.lower() for p in props}
    assert not any("editors" in a or "journalists" in a for a in actors), actors


def test_a_speakers_label_with_a_role_is_still_a_turn():
    text = (
        "Radio Carrick - Farm Hour\n\n"
        "Minister for fisheries: The quota for the bay will not be cut this year, whatever the scientists say.\n\n"
        "ORLA BRENNAN-ADEYEMI: The scientists have counted the cod for six years and the count keeps falling."
    )
    props = run(text)
    assert by_quote(props, "The scientists have counted").actor == "Orla Brennan-Adeyemi"
    assert by_quote(props, "The quota for the bay").actor.lower() == "minister for fisheries"
