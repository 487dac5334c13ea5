"""Reported-from proposals in drafting: the cue words, the first-hand exceptions, the match to an existing claim,
and the link recorded when the analyst accepts the claim. (The tuning set; bench/reported/heldout.json is the
held-out one.)"""

from __future__ import annotations

import pytest

from app.extract import apply, propose
from app.extract.reported import find_report

CASES = [
    (
        "According to the defence ministry, the last units left Varn at dawn.",
        "the last units left Varn at dawn",
        "",
        "the defence ministry",
        "according to",
    ),
    (
        "The last units left Varn at dawn, according to the defence ministry.",
        "The last units left Varn at dawn",
        "",
        "the defence ministry",
        "according to",
    ),
    (
        "Russian delegations visited an airfield twice, the paper said, citing a Western official.",
        "Russian delegations visited an airfield twice",
        "Daily",
        "a Western official",
        "citing",
    ),
    (
        "Meridian Wire, citing a Western official, reported that Russian delegations visited an airfield.",
        "Russian delegations visited an airfield",
        "Meridian Wire",
        "a Western official",
        "citing",
    ),
    (
        "A report by the Halden Institute said exports had doubled.",
        "exports had doubled",
        "",
        "the Halden Institute",
        "a report by",
    ),
    (
        "The minister told Reuters that the talks had failed.",
        "the talks had failed",
        "Gulf Ledger",
        "the minister",
        "told",
    ),
    (
        "Reuters reported that the port was closed.",
        "the port was closed",
        "Gulf Ledger",
        "Reuters",
        "reported",
    ),
    ("A Reuters report said the port was closed.", "the port was closed", "Gulf Ledger", "Reuters", "report"),
    (
        "The port was closed, as first reported by the Tolm Post.",
        "The port was closed",
        "",
        "the Tolm Post",
        "reported by",
    ),
]
FIRST_HAND = [
    ("The minister told reporters that the talks had failed.", "the talks had failed", "Gulf Ledger"),
    ("The minister told Reuters that the talks had failed.", "the talks had failed", "Reuters"),
    ("Reuters reported that the port was closed.", "the port was closed", "Reuters"),
    (
        "Dana Reyes said the crossing would reopen within a week.",
        "the crossing would reopen within a week",
        "",
    ),
    ("The spokesman told a news conference that no troops had moved.", "no troops had moved", "Northwire"),
]


@pytest.mark.parametrize("text, quote, outlet, origin, cue", CASES)
def test_a_report_cue_names_the_origin(text, quote, outlet, origin, cue):
    start = text.index(quote)
    found = find_report(text, start, start + len(quote), outlet=outlet)
    assert found is not None and (found.origin_name, found.cue) == (origin, cue)
    # where the text names X (an article opening the sentence is stored in lower case)
    assert text[found.start : found.end] in (origin, origin[0].upper() + origin[1:])


@pytest.mark.parametrize("text, quote, outlet", FIRST_HAND)
def test_first_hand_statements_are_not_reports(text, quote, outlet):
    start = text.index(quote)
    assert find_report(text, start, start + len(quote), outlet=outlet) is None


WIRE = (
    "KESSEL (Northwire) - The defence ministry said on Tuesday that the last units had left the border town of "
    "Varn at dawn. The ministry gave no figures."
)
PAPER = (
    "Troops have pulled out of Varn. According to the defence ministry, the last units had left the border town "
    "of Varn at dawn. Residents said the roads were quiet. Citing a Western official, the Kessel Daily said "
    "two battalions remained near Kell."
)


def test_drafting_proposes_a_link_to_the_existing_claim_or_a_lost_original_and_apply_records_it(lib):
    wire = lib.sources.create(title="Varn", body=WIRE, outlet="Northwire", kind="news").id
    original = lib.claims.create(
        source_id=wire,
        quote="the last units had left the border town of Varn at dawn",
        actor="the defence ministry",
    ).id
    paper = lib.sources.create(title="Pull-out", body=PAPER, outlet="Kessel Daily", kind="news").id
    extraction = propose(lib, paper)
    by_quote = {p.quote: p for p in extraction.proposals}
    reported = next(p for q, p in by_quote.items() if "last units" in q)
    assert reported.reports is not None
    assert reported.reports.origin_name == "the defence ministry"
    assert reported.reports.claim_id == original  # the ministry's words are in the library: linked there
    assert reported.reports.claim_label.startswith(f"c{original} ")
    assert reported.to_json()["reports"]["claim_id"] == original
    lost = [p for p in extraction.proposals if p.reports is not None and p.reports.claim_id is None]
    assert [p.reports.origin_name for p in lost] == ["a Western official"]
    first_hand = [p for q, p in by_quote.items() if "roads were quiet" in q]
    assert all(p.reports is None for p in first_hand)
    changes = apply(lib, paper, extraction.proposals)
    created = {c.after.quote: c.after.id for c in changes if c.entity == "claim"}
    new_id = next(i for q, i in created.items() if "last units" in q)
    assert lib.provenance.report(new_id).reported_from_id == original
    o = lib.provenance.origins(new_id)
    assert o.origins == (f"c{original}",) and o.depth == 1
    lost_id = next(i for q, i in created.items() if "two" in q and "battalions" in q)
    r = lib.provenance.report(lost_id)
    assert r.reported_from_id is None and r.origin_name == "a Western official"


def test_a_proposal_the_analyst_strips_of_its_report_is_stored_first_hand(lib):
    import dataclasses

    paper = lib.sources.create(title="Pull-out", body=PAPER, outlet="Kessel Daily", kind="news").id
    extraction = propose(lib, paper)
    stripped = [dataclasses.replace(p, reports=None) for p in extraction.proposals]
    changes = apply(lib, paper, stripped)
    for c in changes:
        if c.entity == "claim":
            assert lib.provenance.report(c.after.id) is None
