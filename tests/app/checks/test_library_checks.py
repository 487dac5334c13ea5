"""The checks against a real library: a fixture brief that fails each rule once, notices, the CLI."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from app.checks import (
    RULE_IDS,
    CheckSettings,
    FixKind,
    apply_text_fix,
    check_brief,
    gate_export,
    load_context,
)
from app.checks.notices import notices, notices_for_claim, notices_in

FIXTURE = Path(__file__).parents[2] / "fixtures" / "briefs" / "fails-each-rule.md"
SETTINGS = CheckSettings(today=dt.date(2026, 11, 20))

SOURCES = {
    "wire": dict(
        title="Kessel bridge repaired, minister says",
        kind="news article",
        outlet="Meridian Wire",
        published="2026-03-03",
        reliability="B",
        body="The interior minister, Dana Reyes, said the bridge at Kessel has been repaired. "
        "She said the border guards will return to the post within a week. "
        "A convoy of grain lorries crossed the bridge on 9 March.",
    ),
    "daily": dict(
        title="Guards to return to Kessel",
        kind="news article",
        outlet="Harbor Daily",
        published="2026-03-04",
        reliability="C",
        body="Minister Reyes said the border guards will return to the post within a week.",
    ),
    "prov": dict(
        title="Statement of the provincial office",
        kind="official statement",
        outlet="Provincial Gazette",
        published="2026-03-05",
        reliability="C",
        body="No repair has been made to the bridge at Kessel, the provincial office said.",
    ),
    "freight": dict(
        title="Queues on the Kessel road",
        kind="news article",
        outlet="Freight Journal",
        published="2026-03-10",
        reliability="B",
        body="Lorries are queuing for several kilometres on the Kessel road, operators said.",
    ),
    "elect": dict(
        title="Election calendar",
        kind="official statement",
        outlet="Election Commission",
        published="2026-09-01",
        reliability="A",
        body="The provincial elections are postponed to the autumn, the commission announced.",
    ),
    "grain": dict(
        title="Export outlook",
        kind="report",
        outlet="Grain Board",
        published="2026-08-01",
        reliability="B",
        body="The board expects grain exports to recover by the summer.",
    ),
    "grain2": dict(
        title="A better harvest",
        kind="news article",
        outlet="Farm Weekly",
        published="2026-08-15",
        reliability="C",
        body="Farmers expect exports of grain to recover by summer.",
    ),
    "old": dict(
        title="River ceasefire review",
        kind="report",
        outlet="River Review",
        published="2023-05-01",
        reliability="B",
        body="The ceasefire along the river has held for two winters.",
    ),
    "talks": dict(
        title="Transcript of the briefing",
        kind="transcript",
        outlet="Ministry",
        published="2026-10-01",
        reliability="B",
        body="The talks will resume once the guards are back at the post.",
    ),
}
CLAIMS = {
    "repair": ("wire", "Dana Reyes", "the bridge at Kessel has been repaired", 2, "unverified"),
    "guards": (
        "wire",
        "Dana Reyes",
        "the border guards will return to the post within a week",
        3,
        "unverified",
    ),
    "convoy": ("wire", "", "A convoy of grain lorries crossed the bridge on 9 March", 2, "retracted"),
    "guards_copy": (
        "daily",
        "Dana Reyes",
        "the border guards will return to the post within a week",
        3,
        "unverified",
    ),
    "deny": ("prov", "Provincial office", "No repair has been made to the bridge at Kessel", 3, "unverified"),
    "queue": (
        "freight",
        "Freight operators",
        "Lorries are queuing for several kilometres on the Kessel road",
        2,
        "unverified",
    ),
    "delay": (
        "elect",
        "Election commission",
        "The provincial elections are postponed to the autumn",
        2,
        "unverified",
    ),
    "grain": (
        "grain",
        "Grain Board",
        "The board expects grain exports to recover by the summer",
        2,
        "unverified",
    ),
    "grain2": (
        "grain2",
        "Farm co-operative",
        "Farmers expect exports of grain to recover by summer",
        3,
        "unverified",
    ),
    "old": ("old", "River Review", "The ceasefire along the river has held for two winters", 2, "unverified"),
    "talks": (
        "talks",
        "Ministry spokesman",
        "The talks will resume once the guards are back at the post",
        2,
        "unverified",
    ),
}


def build(lib) -> dict[str, int]:
    sources = {k: lib.sources.create(**v).id for k, v in SOURCES.items()}
    ids = {}
    for key, (src, actor, quote, cred, status) in CLAIMS.items():
        ids[key] = lib.claims.create(
            source_id=sources[src],
            quote=quote,
            actor=actor or None,
            statement=quote,
            credibility=cred,
            status=status,
        ).id
    lib.links.create(from_claim_id=ids["deny"], kind="denies", to_claim_id=ids["repair"])
    return ids


def fixture_body(ids: dict[str, int]) -> str:
    return re.sub(r"@\{(\w+)\}", lambda m: f"@c{ids[m.group(1)]}", FIXTURE.read_text(encoding="utf-8"))


@pytest.fixture
def fixture_brief(lib):
    ids = build(lib)
    brief = lib.briefs.create(
        title="Kessel crossing", body=fixture_body(ids), marking_scheme="classification", default_marking="U"
    ).id
    # The analysis (rules ach and assumptions): key judgment 1 calls H1 likely, but the matrix ranks H1 below
    # H2; key judgments 1-3 have an assumption each, the fourth none, and the brief none for its whole.
    h1 = lib.ach.add_hypothesis(brief, "The Kessel crossing reopens before April", judgment=1).after
    h2 = lib.ach.add_hypothesis(brief, "The crossing stays shut until the thaw").after
    lib.ach.rate(h1.id, ids["deny"], "II")
    lib.ach.rate(h2.id, ids["deny"], "C")
    for n in (1, 2, 3):
        lib.assumptions.add(brief, f"What key judgment {n} takes for granted", rating="caveated", judgment=n)
    return lib, brief, ids


def test_fixture_brief_fails_each_rule_once(fixture_brief):
    lib, brief, ids = fixture_brief
    report = check_brief(lib, brief, settings=SETTINGS)
    counts = Counter(f.rule for f in report.findings)
    assert counts == Counter({r: 1 for r in RULE_IDS}), [
        f"{f.location} {f.rule}: {f.message}" for f in report.findings
    ]
    assert report.banner == "UNCLASSIFIED"
    kj = {j.index: j for j in report.judgments}
    assert kj[1].ceiling == "moderate" and kj[2].ceiling == "moderate" and kj[3].ceiling == "high"
    assert kj[2].original_sources == 1 and kj[2].confidence == "high"
    errors = {f.rule for f in gate_export(lib, brief, settings=SETTINGS)}
    assert errors == {"balance", "T4", "T5", "T6", "T7", "T8", "retracted"}


def test_fixes_clear_their_findings(fixture_brief):
    lib, brief, ids = fixture_brief
    body = lib.briefs.get(brief).body
    for rule in ("balance", "T1", "T3", "T4", "T5", "T6", "T8", "retracted", "bidi"):
        (f,) = check_brief(lib, brief, body=body, settings=SETTINGS).by_rule(rule)
        fix = next(x for x in f.fixes if x.kind in (FixKind.REPLACE_TEXT, FixKind.INSERT_TEXT))
        body = apply_text_fix(body, fix)
        assert check_brief(lib, brief, body=body, settings=SETTINGS).by_rule(rule) == [], rule
    # the unsaved body was checked, the stored one is unchanged
    assert check_brief(lib, brief, settings=SETTINGS).by_rule("T5")


def test_waiver_clears_balance(fixture_brief):
    lib, brief, ids = fixture_brief
    lib.briefs.add_waiver(
        brief_id=brief, claim_id=ids["repair"], reason="The denial is presented in the KJs."
    )
    assert check_brief(lib, brief, settings=SETTINGS).by_rule("balance") == []


def test_notices_propagate_denials_and_disputes(fixture_brief, monkeypatch):
    import app.links

    lib, brief, ids = fixture_brief
    assert {(n.kind, n.claim_id) for n in notices(lib, brief)} == {("retracted", ids["convoy"])}
    lib.claims.update(ids["delay"], status="disputed")
    saved = lib.briefs.get(brief).updated
    src = lib.claims.get(ids["deny"]).source_id
    old = lib.claims.create(source_id=src, quote="No repair has been made", statement="No repair").id
    new = lib.claims.create(source_id=src, quote="the bridge at Kessel", statement="Not the bridge").id
    monkeypatch.setattr(app.links, "utcnow", lambda: saved - dt.timedelta(days=1))
    lib.links.create(from_claim_id=old, kind="denies", to_claim_id=ids["queue"])
    monkeypatch.setattr(app.links, "utcnow", lambda: saved + dt.timedelta(hours=1))
    lib.links.create(from_claim_id=new, kind="denies", to_claim_id=ids["talks"])
    got = {(n.kind, n.claim_id): n for n in notices(lib, brief)}
    assert set(got) == {
        ("retracted", ids["convoy"]),
        ("disputed", ids["delay"]),
        ("denial_not_cited", ids["queue"]),
        ("new_denial", ids["talks"]),
    }
    assert got[("denial_not_cited", ids["queue"])].sections == ("Key Judgments", "Discussion")
    assert got[("new_denial", ids["talks"])].denial_ids == (new,)
    assert "since the brief was last saved" in got[("new_denial", ids["talks"])].message
    assert [n.kind for n in notices_for_claim(lib, ids["queue"])] == ["denial_not_cited"]
    # `briefdesk check` takes them from what the checks read: the same notices, in the same order
    assert notices_in(load_context(lib, brief)) == notices(lib, brief)
    # a waiver recorded after the denial silences it
    lib.briefs.add_waiver(brief_id=brief, claim_id=ids["queue"], reason="Operators' count stands.")
    assert ("denial_not_cited", ids["queue"]) not in {(n.kind, n.claim_id) for n in notices(lib, brief)}
    assert notices_in(load_context(lib, brief)) == notices(lib, brief)
    assert (
        notices_in(
            load_context(lib, lib.briefs.create(title="None cited", body="# Key judgments\n").after.id)
        )
        == []
    )


def test_cli_check(fixture_brief, library_path, capsys):
    from app.cli import main

    lib, brief, ids = fixture_brief
    assert main(["--library", str(library_path), "check", str(brief), "--today", "2026-11-20"]) == 1
    out = capsys.readouterr().out
    assert "error    balance" in out and "fix: Cite the denial" in out
    assert f"  - c{ids['convoy']} (Meridian Wire), cited in 'Discussion', has been retracted." in out
    assert "2. line 6: high / moderate (1 original source)" in out
    assert main(["--library", str(library_path), "check", str(brief), "--json", "--today", "2026-11-20"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["errors"] == 7 and len(data["findings"]) == len(RULE_IDS)
    assert data["judgments"][1]["ceiling"] == "moderate"
    assert [n["kind"] for n in data["notices"]] == ["retracted"]
    clean = lib.briefs.create(title="Empty", body="").id
    assert main(["--library", str(library_path), "check", str(clean)]) == 1  # no Key Judgments section


def test_the_checks_read_cited_claims_as_the_claim_service_gives_them(fixture_brief):
    from app.checks import load_context

    lib, brief_id, ids = fixture_brief
    ctx = load_context(lib, brief_id)
    assert ids["repair"] in ctx.claims and ids["deny"] in ctx.claims
    for cid, claim in ctx.claims.items():
        expected = lib.claims.with_links(cid)
        assert claim == expected.claim
        assert ctx.links[cid] == expected
    assert ctx.claims[ids["repair"]].denial_count == 1


def test_demo_brief_passes_every_rule(demo_lib):
    page = demo_lib.briefs.list()
    assert page.items, "the demo has a brief"
    # The demo's newest sources date from autumn 2026; measured against a fixed day so the test does not
    # start failing when they age past the one-year stale limit (the app itself measures against today).
    settings = CheckSettings(today=dt.date(2026, 11, 25))
    for summary in page.items:
        report = check_brief(demo_lib, summary.id, settings=settings)
        assert report.findings == (), [f"{f.location} {f.rule}: {f.message}" for f in report.findings]
        assert all(j.claim_ids for j in report.judgments)


def test_live_checker_loads_new_claims_only_and_sees_changes_after_invalidate(fixture_brief):
    from app.checks import LiveChecker

    lib, brief, ids = fixture_brief
    live = LiveChecker(lib, brief, settings=SETTINGS)
    body = lib.briefs.get(brief).body
    first = live.check(body)
    assert Counter(f.rule for f in first.findings) == Counter({r: 1 for r in RULE_IDS})
    edited = body.replace("[@c999]", f"[@c{ids['talks']}]")
    assert live.check(edited).by_rule("T5") == []
    lib.briefs.add_waiver(brief_id=brief, claim_id=ids["repair"], reason="Presented in the key judgments.")
    assert live.check(edited).by_rule("balance")  # not seen until invalidated
    live.invalidate()
    assert live.check(edited).by_rule("balance") == []
