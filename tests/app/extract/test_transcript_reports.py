"""A broadcast transcript whose correspondent reports what others told them: each reported statement is its
speaker's, and the correspondent speaks only what their turn gives to no one else; a note on a turn such as
"(recorded)" is not a name. The transcript is fictional, written for these tests."""

from __future__ import annotations

from tests.app.extract.drafting import by_quote, run

TRANSCRIPT = (
    "Harrowgate Radio - Morning Report: the row over the harbour tolls\n\n"
    "WENDELIN OKONJO-VASS: Good morning. The port authority is under pressure after a newspaper said "
    "its new tolls were set at the request of the transport ministry.\n\n"
    "ISOLDE BRANNIGAN-MOYO: The ministry dismissed the story last night. A spokesman told me the "
    'minister had "never asked the port for any figure at all". The harbour pilots see it differently. Their '
    "secretary says the tolls will drive the smaller ferries out of Harrowgate by the spring.\n\n"
    "TOBIAS ACHTERBERG-LUND (recorded): If the tolls were set for the ministry, then every ferry fare in this "
    "county was decided at a meeting nobody minuted.\n\n"
    "OKONJO-VASS: Isolde Brannigan-Moyo, thank you."
)


def test_what_a_correspondent_reports_is_the_reported_speakers():
    props = run(TRANSCRIPT)
    assert by_quote(props, 'the minister had "never asked').actor == "Spokesman"
    assert by_quote(props, "the tolls will drive").actor.lower().endswith("secretary")
    assert by_quote(props, "The ministry dismissed the story").actor == "Ministry"


def test_a_note_on_a_turn_is_not_its_speakers_name():
    props = run(TRANSCRIPT)
    assert by_quote(props, "If the tolls were set").actor == "Tobias Achterberg-Lund"
    assert all(p.actor.lower() != "recorded" for p in props)


def test_the_presenters_own_words_are_no_claim_and_particles_stay_small():
    text = (
        "Lowmarsh Radio - Evening Desk\n\n"
        "PRESENTER: Good evening. The ferry operator has raised its tolls again, for the third time this year.\n\n"
        "KEES VAN AMERONGEN (recorded): We were never consulted, not once, and the figures we were shown were "
        "months old."
    )
    props = run(text)
    assert [p.actor for p in props] == ["Kees van Amerongen"]
