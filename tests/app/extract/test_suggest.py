"""Who said the selected words: the speaker the text names, else the known actor named nearest."""

from __future__ import annotations

from app.extract.suggest import ActorCandidate, attributed_speaker, candidates_for_source, suggest_actor

BODY = (
    "Meridian Wire, 3 March. The interior minister, Dana Reyes, said on Monday that the border crossing at "
    "Kessel would reopen within a week. \u201cWe have repaired the bridge,\u201d she said.\n\n"
    "Officials in the neighbouring province denied this. \u201cNothing has been repaired,\u201d said Tomas Brandt, "
    "a provincial spokesman."
)


def test_the_known_actor_named_nearest_before_the_words_is_suggested():
    reyes = ActorCandidate("Dana Reyes", "interior minister")
    brandt = ActorCandidate("Tomas Brandt")
    start = BODY.index("We have repaired")
    assert suggest_actor(BODY, start, start + 10, [brandt, reyes]) == reyes
    later = BODY.index("Nothing has been")
    # Brandt is named just after the quote, Reyes well before it: the mention before still wins ...
    assert suggest_actor(BODY, later, later + 10, [brandt, reyes]) == reyes
    # ... and a name after the quote is used when nobody is named before it
    assert suggest_actor(BODY, later, later + 10, [brandt]) == brandt
    assert suggest_actor(BODY, 0, 5, [ActorCandidate("Nobody Here")]) is None


def test_a_surname_alone_finds_the_actor():
    text = "Reyes told reporters: the crossing opens Friday."
    assert suggest_actor(
        text, text.index("the crossing"), len(text), [ActorCandidate("Dana Reyes")]
    ).name == ("Dana Reyes")


def test_the_speaker_the_text_attributes_the_words_to(lib):
    src = lib.sources.create(title="Kessel", body=BODY, published="2026-03-03").after
    start = BODY.index("Nothing has been repaired")
    found = attributed_speaker(src, (start, start + len("Nothing has been repaired")))
    assert found is not None and found.name == "Tomas Brandt"


def test_candidates_put_the_sources_own_speakers_first(lib):
    src = lib.sources.create(title="Kessel", body=BODY).after
    lib.actors.create(name="Aaron Abel")
    lib.claims.create(source_id=src.id, quote="We have repaired the bridge", actor="Dana Reyes")
    names = [c.name for c in candidates_for_source(lib, src.id)]
    assert names[0] == "Dana Reyes" and "Aaron Abel" in names
