"""Drafting claims and denials: each rule on small written examples, spans always verbatim, apply() all or
nothing, and `briefdesk extract` writing nothing without --apply."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.cli import main
from app.errors import ValidationError
from app.extract import Proposal, RuleExtractor, apply, propose
from app.extract.dates import resolve_date
from app.sentences import split_sentences

PUBLISHED = dt.date(2026, 3, 5)  # a Thursday


def run(text: str, published: dt.date | None = PUBLISHED) -> list[Proposal]:
    proposals = RuleExtractor().propose(text, published=published)
    for p in proposals:
        assert text[p.start : p.end] == p.quote
    return proposals


def one(text: str) -> Proposal:
    proposals = run(text)
    assert len(proposals) == 1, [p.quote for p in proposals]
    return proposals[0]


@pytest.mark.parametrize(
    ("text", "actor", "quote"),
    [
        (
            "Dana Reyes said the bridge would reopen next week.",
            "Dana Reyes",
            "the bridge would reopen next week",
        ),
        ("Dana Reyes told reporters that the bridge would reopen.", "Dana Reyes", "the bridge would reopen"),
        (
            "The bridge will reopen next week, Dana Reyes said.",
            "Dana Reyes",
            "The bridge will reopen next week",
        ),
        ("\u201cThe bridge is safe again,\u201d said Dana Reyes.", "Dana Reyes", "The bridge is safe again"),
        ("Dana Reyes warned that the river was rising fast.", "Dana Reyes", "the river was rising fast"),
        ("Dana Reyes accused the rebels of mining the road.", "Dana Reyes", "the rebels of mining the road"),
        ("According to Dana Reyes, the bridge will reopen.", "Dana Reyes", "the bridge will reopen"),
        (
            "The bridge will reopen soon, according to Dana Reyes.",
            "Dana Reyes",
            "The bridge will reopen soon",
        ),
    ],
)
def test_reported_speech_patterns(text, actor, quote):
    p = one(text)
    assert (p.kind, p.actor, p.quote) == ("claim", actor, quote)


@pytest.mark.parametrize(
    "text",
    [
        "Officials have not said whether they will pay.",
        "The ministry declined to say how many people were hurt.",
        "The minister did not deny the report.",
        "Nobody said the talks had failed.",
        "The company has yet to say when the plant will reopen.",
        "Police would not say who had been arrested.",
    ],
)
def test_a_negated_reporting_verb_reports_nothing(text):
    assert run(text) == []


def test_apposition_gives_role_and_affiliation():
    p = one("Dana Reyes, the country's foreign minister, said the border would stay open.")
    assert (p.actor, p.role) == ("Dana Reyes", "foreign minister")
    p = one("Iran's foreign minister, Hossein Amir-Abdollahian, said Iran would not arm either side.")
    assert (p.actor, p.role, p.affiliation) == ("Hossein Amir-Abdollahian", "foreign minister", "Iran")
    p = one("US national security adviser Jake Sullivan said the drones were weapons-capable.")
    assert (p.actor, p.role, p.affiliation) == ("Jake Sullivan", "national security adviser", "US")


def test_later_references_resolve_to_the_last_named_speaker():
    text = (
        "Dana Reyes, the interior minister, said the bridge would reopen within a week. "
        "She said the guards were back. Reyes added that the road had been cleared. "
        "The minister noted that traffic would be limited at first."
    )
    assert [p.actor for p in run(text)] == ["Dana Reyes"] * 4


def test_collective_and_unnamed_speakers():
    p = one("Officials in the capital said the convoy had turned back.")
    assert p.actor == "Officials in the capital"
    p = one("Intelligence sources said the convoy had turned back.")
    assert p.actor == "Intelligence sources"
    p = one("\u201cThe convoy never left,\u201d a senior diplomat said.")
    assert p.actor == "Senior diplomat"


def test_dates_said_relative_to_publication():
    assert one("Dana Reyes said on Monday that the bridge was open.").said == dt.date(2026, 3, 2)
    assert one("Dana Reyes said on 11 July that the bridge was open.").said == dt.date(2025, 7, 11)
    assert one("Dana Reyes said yesterday that the bridge was open.").said == dt.date(2026, 3, 4)
    assert one("Dana Reyes said last Thursday that the bridge was open.").said == dt.date(2026, 2, 26)
    assert one("Dana Reyes said the bridge was open.").said is None
    assert resolve_date("on 3 March 2024", PUBLISHED) == dt.date(2024, 3, 3)
    assert resolve_date("on Monday", None) is None


def test_denials_answer_the_claim_on_the_same_subject():
    text = (
        "Dana Reyes said the bridge at Kessel would reopen within a week. "
        "Omar Haddad said the opposition would boycott the talks. "
        "Provincial officials denied that the bridge at Kessel would reopen. "
        "Haddad's allies dismissed this."
    )
    proposals = run(text)
    by_key = {p.key: p for p in proposals}
    denials = [p for p in proposals if p.kind == "denial"]
    assert len(denials) == 2
    assert by_key[denials[0].denies].actor == "Dana Reyes"  # content overlap beats proximity
    assert denials[0].actor == "Provincial officials"


@pytest.mark.parametrize(
    "sentence",
    [
        "The ministry rejected the report.",
        "The ministry called the report baseless.",
        "\u201cThat is simply not true,\u201d a ministry spokesman said.",
        "The ministry dismissed the claims as propaganda.",
    ],
)
def test_denial_forms(sentence):
    proposals = run("Dana Reyes said the troops had crossed the river on Monday. " + sentence)
    assert [p.kind for p in proposals] == ["claim", "denial"]
    assert proposals[1].denies == proposals[0].key


def test_background_sentences_are_not_claims():
    text = (
        "The river runs along the border for 40 km. Heavy rain fell on Tuesday. "
        "The report said the figures were incomplete. It was not clear who fired first."
    )
    assert run(text) == []


def test_transcript_turns_become_claims_of_the_speaker():
    text = "Q: Will the border open?\n\nMINISTER REYES: The border will open on Friday for trucks only.\n"
    proposals = run(text)
    assert len(proposals) == 1 and proposals[0].actor == "Reyes"
    assert proposals[0].quote == "The border will open on Friday for trucks only"


def test_quotation_spanning_sentences_stays_one_sentence():
    sentences = split_sentences("\u201cWe are ready. The guards are back,\u201d she said. Then it rained.")
    assert [s.text for s in sentences] == [
        "\u201cWe are ready. The guards are back,\u201d she said.",
        "Then it rained.",
    ]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_any_text_gives_valid_spans_and_never_raises(text):
    for p in RuleExtractor().propose(text, published=PUBLISHED):
        assert text[p.start : p.end] == p.quote and p.kind in ("claim", "denial")


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Dana Reyes said the bridge would reopen.",
                "She denied this.",
                "\u201cNo,\u201d he said.",
                "Officials said so.",
                "According to sources, talks failed.",
                "The army rejected the report.",
                "\n\n",
                "Q: Why?\n",
                "MR. HADDAD: We will not sign anything this week.\n",
                "It rained on Monday.",
            ]
        ),
        max_size=12,
    )
)
def test_news_like_text_gives_valid_spans(parts):
    text = " ".join(parts)
    proposals = RuleExtractor().propose(text, published=PUBLISHED)
    keys = {p.key for p in proposals}
    for p in proposals:
        assert text[p.start : p.end] == p.quote
        # a denial answers another proposal of the text (one told before it, or after it: a lede denial)
        assert p.denies is None or (p.denies in keys and p.denies != p.key)


# ---------------------------------------------------------------------------------------------- library
ARTICLE = (
    "Meridian Wire, 3 March. The interior minister, Dana Reyes, said on Monday that the border crossing at Kessel "
    "would reopen within a week. \u201cWe have repaired the bridge and the guards are back,\u201d she said.\n\n"
    "Officials in the neighbouring province denied this. \u201cNothing has been repaired,\u201d a spokesman said."
)


@pytest.fixture
def article(lib):
    return lib.sources.create(title="Kessel", body=ARTICLE, kind="news article", published="2026-03-03").after


def _counts(lib):
    return lib.counts()


def test_propose_then_apply_creates_claims_actors_and_denial_links(lib, article):
    extraction = propose(lib, article.id)
    assert [p.kind for p in extraction.proposals] == ["claim", "claim", "denial", "denial"]
    assert _counts(lib)["claims"] == 0  # proposing writes nothing
    changes = apply(lib, article.id, extraction.proposals)
    claims = lib.claims.for_source(article.id)
    assert len(claims) == 4
    reyes = [c for c in claims if c.actor_name == "Dana Reyes"]
    assert len(reyes) == 2 and reyes[0].actor_role == "interior minister"
    assert sum(1 for c in changes if c.entity == "link") == 2
    answered = lib.claims.with_links(reyes[1].id)
    assert len(answered.denials) == 2
    # extracting again proposes nothing already stored
    again = propose(lib, article.id)
    assert again.proposals == () and len(again.skipped) == 4


def test_a_rejected_claim_turns_its_denial_into_a_plain_claim(lib, article):
    proposals = propose(lib, article.id).proposals
    denial = proposals[2]
    apply(lib, article.id, [denial])
    assert len(lib.claims.for_source(article.id)) == 1
    assert lib.claims.for_source(article.id)[0].denial_count == 0


def test_apply_is_all_or_nothing(lib, article):
    proposals = list(propose(lib, article.id).proposals)
    bad = Proposal(
        **{
            **proposals[0].__dict__,
            "key": "bad",
            "quote": "words that are not in the source",
            "start": 0,
            "end": 10,
        }
    )
    before = _counts(lib)
    with pytest.raises(ValidationError):
        apply(lib, article.id, [*proposals, bad])
    assert _counts(lib) == before
    nameless = Proposal(**{**proposals[0].__dict__, "actor": " "})
    with pytest.raises(ValidationError, match="no speaker"):
        apply(lib, article.id, [nameless])
    assert _counts(lib) == before


def test_cli_extract_writes_nothing_without_apply(lib, article, capsys):
    path = str(lib.path)
    lib.close()
    assert main(["--library", path, "extract", str(article.id), "--json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    assert payload["applied"] is False and len(payload["proposals"]) == 4
    assert payload["proposals"][2]["denies"] == payload["proposals"][1]["key"]
    assert main(["--library", path, "claims", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["claims"] == []
    assert main(["--library", path, "extract", str(article.id), "--apply"]) == 0
    out = capsys.readouterr().out
    assert "Created 4 claims" in out and "2 denial links" in out
    assert main(["--library", path, "extract", "999"]) == 1
    assert "999" in capsys.readouterr().err


def test_a_leading_phrase_before_the_speaker_is_not_part_of_the_speaker():
    p = one("In a statement, the port authority said the berths were open.")
    assert p.actor == "Port authority" and p.quote == "the berths were open"
    p = one("Downstream, Merovia's water minister Hana Sobel warned that the river would fall.")
    assert (p.actor, p.role, p.affiliation) == ("Hana Sobel", "water minister", "Merovia")


def test_documents_can_be_the_source_after_according_to():
    p = one("The ministry sold 40 vehicles to the militia, according to documents seen by the Daily Ledger.")
    assert p.actor == "Documents seen by the Daily Ledger"
    assert p.quote == "The ministry sold 40 vehicles to the militia"


def test_questions_and_headings_in_transcripts_are_not_claims():
    text = (
        "Transcript: press briefing by the foreign ministry, 12 March\n\n"
        "Q: The rebels say they received money. Is that wrong?\n\n"
        "SPOKESPERSON IVANA KRAL: No ransom was paid by this government or by anyone acting for it.\n"
    )
    proposals = run(text)
    assert [p.quote for p in proposals] == [
        "No ransom was paid by this government or by anyone acting for it"
    ]
    assert proposals[0].actor == "Ivana Kral"


def test_a_quantity_is_never_a_speaker():
    text = "Oil has spread along 30 km of coast, the group Blue Shore said, three times the length the operator has admitted."
    proposals = run(text)
    assert [p.actor for p in proposals] == ["Blue Shore"]


def test_a_speaker_named_by_role_is_the_actor_the_source_already_names(lib):
    body = (
        "Dana Reyes, the interior minister, said the bridge was safe. "
        "The Interior Minister said the guards were back at their posts."
    )
    src = lib.sources.create(title="Roles", body=body).after
    lib.claims.create(
        source_id=src.id, quote="the bridge was safe", actor="Dana Reyes", role="Interior Minister"
    )
    proposals = propose(lib, src.id).proposals
    assert [p.actor for p in proposals] == ["Dana Reyes"]
    assert proposals[0].quote == "the guards were back at their posts"
