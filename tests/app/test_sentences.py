"""One sentence splitter for the checks and for drafting (app.sentences)."""

from __future__ import annotations

from app.checks import language as lang
from app.sentences import sentence_at, sentence_spans, split_sentences


def texts(text: str) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text)]


def test_abbreviations_initials_and_numbers_do_not_end_a_sentence():
    text = "Gen. Ruiz met U.S. envoys on Sept. 3 with J. Smith. Prices rose 2.5 percent. Talks resumed."
    assert texts(text) == [
        "Gen. Ruiz met U.S. envoys on Sept. 3 with J. Smith.",
        "Prices rose 2.5 percent.",
        "Talks resumed.",
    ]


def test_a_citation_group_stays_with_its_sentence():
    text = "Talks failed. [@c1] Fighting resumed [@c2]. Next"
    assert texts(text) == ["Talks failed. [@c1]", "Fighting resumed [@c2].", "Next"]


def test_a_quotation_over_several_sentences_is_one_sentence():
    text = "\u201cWe will stay. We will rebuild,\u201d she said. \u201cThe bridge is open.\u201d He left."
    assert texts(text) == [
        "\u201cWe will stay. We will rebuild,\u201d she said.",
        "\u201cThe bridge is open.\u201d",
        "He left.",
    ]


def test_paragraphs_are_numbered_and_offsets_are_exact():
    text = "First one. Second one.\n\nThird\none."
    got = split_sentences(text)
    assert [(s.text, s.paragraph) for s in got] == [("First one.", 0), ("Second one.", 0), ("Third\none.", 1)]
    assert all(text[s.start : s.end] == s.text for s in got)


def test_the_checks_use_the_same_splitter():
    text = "It is likely. We assess with high confidence that the dam will hold [@c3]. Gen. Ruiz agrees."
    assert lang.sentences(text, 0, len(text)) == sentence_spans(text)
    a, b = sentence_at(text, text.index("high"))
    assert text[a:b].startswith("We assess") and text[a:b].endswith("[@c3].")


def test_a_style_or_rank_shortened_ends_no_sentence():
    text = "It passed, said the Hon. Mara Tetley. Sgt. Maya Torres and Det. Alan Muir agreed with Mx. Ashby."
    assert texts(text) == [
        "It passed, said the Hon. Mara Tetley.",
        "Sgt. Maya Torres and Det. Alan Muir agreed with Mx. Ashby.",
    ]


def test_the_sentence_finder_agrees_with_sentence_at_everywhere():
    from app.sentences import sentence_at, sentence_finder

    text = (
        'The port said it would reopen. "We are ready," the harbour master said. Dr. Vale disagreed!\n'
        "A second line? Yes.\n\n\u201cQuoted. Still quoted,\u201d she said. End"
    )
    at = sentence_finder(text)
    assert [at(pos) for pos in range(len(text))] == [sentence_at(text, pos) for pos in range(len(text))]
