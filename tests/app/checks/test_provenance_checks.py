"""The checks count independent origins (app.provenance): hand-built libraries where two outlets rewrite one
wire story, a ministry echoes a newspaper, and two truly independent witnesses agree."""

from __future__ import annotations

import datetime as dt

from app.checks import CheckSettings, LiveChecker, Severity, check_brief

SETTINGS = CheckSettings(today=dt.date(2026, 11, 25))


def kj(ids: str, confidence: str = "high") -> str:
    return (
        "# Orsk line\n\n## Key Judgments\n\n"
        f"- The rail line east of Orsk is very likely cut [{ids}]. We have {confidence} confidence in this.\n"
    )


def src(lib, title, body, outlet, kind="news article", reliability="B"):
    return lib.sources.create(
        title=title, body=body, outlet=outlet, kind=kind, reliability=reliability, published="2026-11-01"
    ).id


def claim(lib, source_id, quote, actor=None, credibility=2, **kw):
    return lib.claims.create(
        source_id=source_id, quote=quote, actor=actor, credibility=credibility, said="2026-11-01", **kw
    ).id


def brief(lib, body, summary=""):
    b = lib.briefs.create(title="Orsk", body=body).id
    if summary:
        lib.briefs.update(b, summary_statement=summary)
    return b


def rewritten_wire(lib):
    wire = src(
        lib, "Bridge down", "The rail bridge at Orsk collapsed overnight, cutting the line.", "Northwire"
    )
    a = src(
        lib, "Orsk bridge", "Overnight the rail bridge at Orsk collapsed, cutting the line east.", "Daily A"
    )
    b = src(lib, "Line cut", "The rail bridge at Orsk collapsed overnight; the line is cut.", "Paper B")
    ca = claim(lib, a, "Overnight the rail bridge at Orsk collapsed, cutting the line east")
    cb = claim(lib, b, "The rail bridge at Orsk collapsed overnight; the line is cut")
    return wire, a, b, ca, cb


def test_two_outlets_rewriting_one_wire_story_are_one_origin_in_a_key_judgment(lib):
    wire, a, b, ca, cb = rewritten_wire(lib)
    bid = brief(lib, kj(f"@c{ca}; @c{cb}"))
    # nothing recorded yet: two outlets, two origins, high confidence allowed
    report = check_brief(lib, bid, settings=SETTINGS)
    assert report.by_rule("circular") == [] and report.by_rule("T6") == []
    assert report.judgments[0].original_sources == 2
    lib.provenance.derive(a, wire, "rewrites")
    lib.provenance.derive(b, wire, "reposts")
    report = check_brief(lib, bid, settings=SETTINGS)
    assert report.judgments[0].original_sources == 1 and report.judgments[0].ceiling == "moderate"
    (circ,) = report.by_rule("circular")
    assert circ.severity is Severity.ERROR
    assert circ.claim_ids == (ca, cb)
    assert f"Key judgment 1 rests only on c{ca} (Daily A) and c{cb} (Paper B)" in circ.message
    assert f"one origin, s{wire} (Northwire)" in circ.message
    assert f"c{ca} (Daily A), rewritten from s{wire} (Northwire)" in circ.message
    assert f"c{cb} (Paper B), reposted from s{wire} (Northwire)" in circ.message
    (t6,) = report.by_rule("T6")
    assert t6.severity is Severity.ERROR
    assert "2 cited claims from 2 outlets trace to 1 origin" in t6.message
    # the same pair in a discussion paragraph is a warning, not an error
    lib.briefs.set_body(
        bid, kj(f"@c{ca}", "moderate") + f"\n## Discussion\n\nThe line is cut [@c{ca}; @c{cb}].\n"
    )
    (circ,) = check_brief(lib, bid, settings=SETTINGS).by_rule("circular")
    assert circ.severity is Severity.WARNING and "cited together they count one origin twice" in circ.message


def test_a_ministry_echoing_a_newspaper_is_not_corroboration(lib):
    paper = src(
        lib, "Shelling reported", "Witnesses said the army shelled the market in Tolm on Sunday.", "Tolm Post"
    )
    ministry = src(
        lib,
        "Ministry statement",
        "The ministry confirms that the army shelled the market in Tolm on Sunday, as the Tolm Post reported.",
        "Ministry of the Interior",
        kind="official statement",
        reliability="A",
    )
    c_paper = claim(lib, paper, "the army shelled the market in Tolm on Sunday", "Witnesses in Tolm")
    c_min = claim(
        lib,
        ministry,
        "the army shelled the market in Tolm on Sunday",
        "Ministry of the Interior",
        status="corroborated",
    )
    lib.links.create(from_claim_id=c_paper, kind="corroborates", to_claim_id=c_min)
    body = (
        "# Tolm\n\n## Key Judgments\n\n"
        f"- The army very likely shelled the market [@c{c_min}; @c{c_paper}]. We have high confidence in this.\n"
    )
    bid = brief(lib, body)
    report = check_brief(lib, bid, settings=SETTINGS)
    assert report.by_rule("circular") == [] and report.judgments[0].ceiling == "high"
    lib.provenance.set_reported_from(c_min, c_paper)
    report = check_brief(lib, bid, settings=SETTINGS)
    found = sorted(report.by_rule("circular"), key=lambda f: f.severity.rank)
    assert [f.severity for f in found] == [Severity.ERROR, Severity.WARNING]
    chain = f"c{c_min} (Ministry of the Interior), reported from c{c_paper} (Witnesses in Tolm, Tolm Post)"
    assert chain in found[0].message and chain in found[1].message
    assert f"but its corroboration (c{c_paper}) is not independent" in found[1].message
    assert report.judgments[0].ceiling == "moderate"


def test_two_truly_independent_witnesses_agree(lib):
    a = src(
        lib, "Witness in Varn", "A farmer, Tomas Kell, said he saw tanks leave Varn at dawn.", "Kessel Daily"
    )
    b = src(
        lib,
        "Report from Varn",
        "A teacher, Mira Sand, said tanks left Varn at dawn on Tuesday.",
        "Varn Gazette",
    )
    ca = claim(lib, a, "he saw tanks leave Varn at dawn", "Tomas Kell", status="corroborated")
    cb = claim(lib, b, "tanks left Varn at dawn", "Mira Sand")
    lib.links.create(from_claim_id=cb, kind="corroborates", to_claim_id=ca)
    bid = brief(lib, kj(f"@c{ca}; @c{cb}"))
    report = check_brief(lib, bid, settings=SETTINGS)
    assert report.by_rule("circular") == [] and report.by_rule("T6") == []
    assert report.judgments[0].ceiling == "high" and report.judgments[0].original_sources == 2


def test_the_drafted_source_summary_counts_independent_origins_and_is_checked(lib):
    wire, a, b, ca, cb = rewritten_wire(lib)
    lib.provenance.derive(a, wire, "rewrites")
    lib.provenance.derive(b, wire, "rewrites")
    w = src(
        lib, "Witness", "A driver, Ana Roe, said the line east of Orsk was closed on Monday.", "Orsk Radio"
    )
    cw = claim(lib, w, "the line east of Orsk was closed on Monday", "Ana Roe")
    bid = brief(lib, kj(f"@c{ca}; @c{cb}; @c{cw}", "moderate"))
    report = check_brief(lib, bid, settings=SETTINGS)
    (missing,) = report.by_rule("T9")
    draft = missing.fixes[0].text
    assert "Its 3 cited claims from 3 outlets trace to 2 independent origins." in draft
    assert (
        f"c{ca} and c{cb} are reports of what others said or wrote first, counted with their origins."
        in draft
    )
    lib.briefs.update(bid, summary_statement=draft)
    assert check_brief(lib, bid, settings=SETTINGS).by_rule("T9") == []
    lib.briefs.update(
        bid, summary_statement=draft.replace("trace to 2 independent", "trace to 3 independent")
    )
    (wrong,) = check_brief(lib, bid, settings=SETTINGS).by_rule("T9")
    assert wrong.message == (
        "The source summary says 3 independent origins; the cited claims trace to 2 independent origins."
    )


def test_the_live_checker_reads_provenance_and_sees_it_change(lib):
    wire, a, b, ca, cb = rewritten_wire(lib)
    bid = brief(lib, kj(f"@c{ca}"))
    live = LiveChecker(lib, bid, settings=SETTINGS)
    assert live.check().by_rule("circular") == []
    lib.provenance.derive(a, wire)
    lib.provenance.derive(b, wire)
    live.invalidate()
    report = live.check(kj(f"@c{ca}; @c{cb}"))  # a new citation typed: its claim and provenance are read
    assert [f.severity for f in report.by_rule("circular")] == [Severity.ERROR]
    assert report.by_rule("circular")[0].claim_ids == (ca, cb)
