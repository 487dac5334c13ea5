"""A proposed denial link the analyst must undo costs more than one they add by hand: declining to commit is
no denial, a speaker never answers their own statement, and a claim far back in a long story is linked only when
the denial points back to it, shares its words or is about the denier's own side. Fictional text throughout."""

from __future__ import annotations

from app.extract.answers import FAR, Found, credible_link
from app.extract.lexicon import content_words
from app.extract.model import Proposal
from app.extract.speakers import Speaker
from tests.app.extract.drafting import by_quote, run

NAVY = (
    "The Halvish navy said on Monday that the freighter Orla Bay had carried fuel to the rebel port of Dunmere "
    "three times since June.\n\n"
)


def test_declining_to_confirm_or_to_rule_out_is_not_a_denial():
    text = (
        NAVY + "The rebel command said it could not confirm where the freighter had been in July.\n\n"
        "The rebel command said it had not ruled out an inspection of the ship's logs.\n\n"
        "Skell's port authority said it would not comment on the navy's account."
    )
    proposals = run(text)
    for start in ("it could not confirm", "it had not ruled out", "it would not comment"):
        p = by_quote(proposals, start)
        assert (p.kind, p.denies) == ("claim", None)


def test_a_denial_that_says_so_is_still_linked():
    text = NAVY + "The rebel command said no fuel had reached Dunmere by sea since May."
    navy, rebels = run(text)
    assert (rebels.kind, rebels.denies) == ("denial", navy.key)


def _proposal(key: str, actor: str, quote: str, kind: str = "claim") -> Proposal:
    return Proposal(key, kind, quote, 0, len(quote), quote, actor, "", "", None, None, None, "said", 0.8)


def _story(n_between: int) -> tuple[list[Proposal], list[set[str]]]:
    proposals = [_proposal("p1", "Halvish navy", "the freighter had carried fuel to the port three times")]
    bystanders = ["Traders", "Fishermen", "Insurers", "Farmers", "Bakers", "Pilots", "Drivers", "Teachers"]
    for k in range(n_between):
        proposals.append(_proposal(f"p{k + 2}", bystanders[k], f"prices had risen by {k + 2} percent"))
    return proposals, [content_words(p.quote) for p in proposals]


def _found(actor: str, quote: str) -> Found:
    return Found("denial", 0, len(quote), Speaker(actor), "said", None, 0.8, 9)


def test_a_far_claim_is_linked_only_when_the_denial_points_back_to_it():
    proposals, words = _story(FAR)
    vague = "nothing of the kind had happened"
    assert not credible_link(_found("Skell port", vague), vague, content_words(vague), "p1", proposals, words)
    back = "the navy's accusation was false"
    assert credible_link(_found("Skell port", back), back, content_words(back), "p1", proposals, words)
    shared = "the freighter had never carried fuel"
    assert credible_link(_found("Skell port", shared), shared, content_words(shared), "p1", proposals, words)
    near, near_words = _story(FAR - 2)
    assert credible_link(_found("Skell port", vague), vague, content_words(vague), "p1", near, near_words)


def test_a_speaker_never_answers_their_own_statement():
    proposals, words = _story(1)
    quote = "no other ship had been stopped"
    found = _found("Halvish navy", quote)
    assert not credible_link(found, quote, content_words(quote), "p1", proposals, words)


def test_what_the_accused_will_do_is_no_denial():
    text = (
        "The anti-graft group Clearlight said deputy minister Olav Renn took bribes worth 2 million crowns from a "
        "road builder.\n\nRenn called the report a smear and said he would sue."
    )
    report, smear, sue = run(text)
    assert (smear.kind, smear.denies) == ("denial", report.key)
    assert (sue.kind, sue.denies) == ("claim", None)


def test_declining_to_commit_is_nothing_to_deny():
    proposals = [
        _proposal(
            "p1", "Dunmere harbour authority", "it could not confirm where the freighter had been in July"
        )
    ]
    words = [content_words(proposals[0].quote)]
    quote = "the freighter had not been in Dunmere in July"
    found = _found("Halvish navy", quote)
    assert not credible_link(found, quote, content_words(quote), "p1", proposals, words)
    proposals[0] = _proposal("p1", "Dunmere harbour authority", "no freighter had been in Dunmere in July")
    assert credible_link(found, quote, content_words(quote), "p1", proposals, words)


SMELTER = (
    "The campaign group Clean Vell said on Monday that the Dornach smelter had released lead into the Vell river "
    "every night since August.\n\n"
)
BETWEEN = (
    "The town council said it would hold a public meeting on Thursday.\n\n"
    "Anglers said catches had fallen by a third this autumn.\n\n"
    "The regional water board said it would publish its own samples next week.\n\n"
)
DOCTOR = (
    "A doctor at the town clinic, Mara Holt, said no lead had been found in the river water she had tested."
)


def test_a_bystanders_negation_long_after_a_claim_answers_nothing():
    proposals = run(SMELTER + BETWEEN + DOCTOR)
    doctor = by_quote(proposals, "no lead had been found")
    assert (doctor.kind, doctor.denies) == ("claim", None)


def test_the_same_negation_right_after_the_claim_still_answers_it():
    group, doctor = run(SMELTER + DOCTOR)
    assert (doctor.kind, doctor.denies) == ("denial", group.key)


def test_a_negation_for_the_accused_answers_a_claim_far_back():
    text = (
        SMELTER
        + BETWEEN
        + "A lawyer for the owners, Ivo Strand, said his client had never released lead into the river."
    )
    proposals = run(text)
    lawyer = by_quote(proposals, "his client had never")
    assert (lawyer.kind, lawyer.denies) == ("denial", proposals[0].key)


def test_a_lede_denial_answers_the_story_not_its_headline():
    text = (
        "Dredging 'poisoned oyster beds', growers say; port calls claim false\n\n"
        "The port authority of Calder on Monday dismissed reports that dredging in the outer harbour had "
        'poisoned the oyster beds of Marl Bay, calling the claim "baseless".\n\n'
        "The Marl Bay Growers Cooperative said last week that silt from the dredging had smothered the oyster "
        "beds and killed most of this year's crop."
    )
    proposals = run(text)
    port = by_quote(proposals, "The port authority of Calder")
    growers = by_quote(proposals, "silt from the dredging")
    assert (port.kind, port.denies) == ("denial", growers.key)


def test_a_denial_chooses_among_the_storys_claims_not_the_headlines():
    text = (
        "Prosecutors say: ferry tickets were sold twice for months\n\n"
        "Prosecutors in Marsk said on Monday that Oskar Bren, the former ticket manager of Baltic Link, had sold "
        "the same cabins twice on forty sailings.\n\n"
        "Bren's lawyer, Ida Kross, called the charge baseless."
    )
    proposals = run(text)
    charge = by_quote(proposals, "Oskar Bren, the former ticket manager")
    lawyer = by_quote(proposals, "Bren's lawyer")
    assert (lawyer.kind, lawyer.denies) == ("denial", charge.key)


def test_a_headlines_denial_answers_nothing_the_storys_does():
    text = (
        "Ministry dismisses union's waiting-list claim as a strike tactic\n\n"
        "The Tolvan Nurses Union said on Monday that the government had cut hospital waiting lists by quietly "
        "removing 40,000 patients from them.\n\n"
        "The health ministry rejected the claim."
    )
    headline, union, ministry = run(text)
    assert (headline.kind, headline.denies) == ("denial", None)
    assert (ministry.kind, ministry.denies) == ("denial", union.key)


def test_declining_to_commit_answers_no_claim_either():
    text = (
        "The shipping firm Solvik said on Monday that it would ask the Harbour Authority to examine trading in "
        "its shares.\n\n"
        "The Harbour Authority said it had received Solvik's letter and had not ruled out an inquiry."
    )
    _solvik, authority = run(text)
    assert (authority.kind, authority.denies) == ("claim", None)


MINE = "Fishermen in Dunmore said the Calder Mining Company had poisoned the bay with copper waste.\n\n"
BYSTANDERS = (
    "The town council said it would hold a public meeting on Thursday.\n\n"
    "Anglers said catches had fallen by a third this autumn.\n\n"
    "The regional water board said it would publish its own samples next week.\n\n"
    "Shopkeepers said tourists had stayed away since August.\n\n"
    "A local doctor said she had treated six children for rashes.\n\n"
)
ANSWER = "Calder Mining said none of its waste had ever reached the sea."


def test_the_accused_answers_a_claim_about_it_from_near_not_from_five_statements_on():
    near = run(MINE + BYSTANDERS.split("\n\n", 2)[-1] + ANSWER)
    assert (near[-1].kind, near[-1].denies) == ("denial", near[0].key)
    far = run(MINE + BYSTANDERS + ANSWER)
    assert (far[-1].kind, far[-1].denies) == ("claim", None)
