"""Wire credits in imported pages propose derived-from links (the tuning set; bench/reported/heldout.json holds
the held-out one)."""

from __future__ import annotations

import pytest

from app.importers.batch import import_paths
from app.provenance.wire import credits

CREDITS = [
    (
        "KESSEL, March 3 (Reuters) - The crossing reopened on Monday.",
        "Gulf Ledger",
        (),
        "Reuters",
        "dateline",
    ),
    ("(AFP) - Talks resumed in Geneva on Tuesday.", "Daily Meridian", (), "AFP", "dateline"),
    (
        "VARN (Northwire) \u2014 Troops left the town at dawn.",
        "Kessel Daily",
        ("Northwire",),
        "Northwire",
        "dateline",
    ),
    ("Troops left the town at dawn, AFP reported.", "Kessel Daily", (), "AFP", "reported"),
    ("The port is closed, according to Reuters.", "Kessel Daily", (), "Reuters", "according to"),
    ("A Bloomberg report said the deal was signed.", "Kessel Daily", (), "Bloomberg", "report"),
    (
        "The minister told the Associated Press that talks had failed.",
        "Kessel Daily",
        (),
        "Associated Press",
        "told",
    ),
    (
        "The figures were first reported by Meridian Wire.",
        "Gulf Ledger",
        ("Meridian Wire",),
        "Meridian Wire",
        "reported by",
    ),
]
NONE = [
    ("KESSEL, March 3 (Reuters) - The crossing reopened on Monday.", "Reuters", ()),
    ("The crossing reopened on Monday, the minister said.", "Kessel Daily", ()),
    ("Ap Lei Chau residents said the ferry was late.", "Harbour Times", ()),  # 'AP' only in a dateline
    ("The report was reported to the committee.", "Kessel Daily", ()),
]


@pytest.mark.parametrize("text, outlet, outlets, agency, cue", CREDITS)
def test_a_credit_names_its_agency(text, outlet, outlets, agency, cue):
    (found,) = credits(text, outlet=outlet, outlets=outlets)
    assert (found.agency, found.cue) == (agency, cue)
    assert text[found.start : found.end].lower() == agency.lower()


@pytest.mark.parametrize("text, outlet, outlets", NONE)
def test_no_credit(text, outlet, outlets):
    assert credits(text, outlet=outlet, outlets=outlets) == []


WIRE_BODY = (
    "VARN, Nov 3 (Northwire) - The last army units left the border town of Varn at dawn on Tuesday, the "
    "defence ministry said, ending a six-week deployment that had closed the main road to Kessel. Residents "
    "said the road reopened to traffic by noon."
)
REPOST = (
    "<html><head><title>Army leaves Varn</title><meta property='og:site_name' content='Gulf Ledger'></head>"
    "<body><article><h1>Army leaves Varn</h1><p>VARN, Nov 3 (Northwire) - The last army units left the border "
    "town of Varn at dawn on Tuesday, the defence ministry said, ending a six-week deployment that had closed "
    "the main road to Kessel. Residents said the road reopened to traffic by noon.</p></article></body></html>"
)


def test_importing_a_page_that_credits_a_wire_story_proposes_the_link(lib, tmp_path):
    wire = lib.sources.create(
        title="Troops leave Varn", body=WIRE_BODY, outlet="Northwire", kind="news", published="2026-11-03"
    ).id
    page = tmp_path / "army-leaves-varn.html"
    page.write_text(REPOST, encoding="utf-8")
    report = import_paths(lib, [page])
    (result,) = report.results
    assert result.status in ("imported", "warning")
    (proposal,) = result.derivations
    assert proposal.agency == "Northwire" and proposal.cue == "dateline"
    assert proposal.derived_from_id == wire and proposal.kind == "reposts" and proposal.resemblance > 0.8
    assert (
        proposal.text
        == f"s{result.source_ids[0]} credits Northwire (dateline): it probably reposts s{wire} (Troops leave Varn)"
    )
    # nothing is recorded until the analyst accepts it
    assert lib.provenance.derivations(result.source_ids[0]).derived_from == ()
    lib.provenance.derive(result.source_ids[0], wire, proposal.kind)
    assert lib.provenance.propose_derivations(result.source_ids[0]) == []  # already recorded


def test_a_credit_with_no_story_in_the_library_is_named(lib, tmp_path):
    page = tmp_path / "talks.txt"
    page.write_text(
        "Talks resume in Geneva\n\nGENEVA (Reuters) - Talks resumed on Tuesday after a week's pause.\n",
        encoding="utf-8",
    )
    (result,) = import_paths(lib, [page]).results
    (proposal,) = result.derivations
    assert proposal.derived_from_id is None and proposal.agency == "Reuters"
    assert proposal.text.endswith("the library has no Reuters story to link it to")
