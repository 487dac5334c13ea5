"""Rules ach and assumptions: key judgments held to the brief's ACH ranking and key assumptions."""

from __future__ import annotations

import json

import pytest

from app.checks import LiveChecker, check_brief
from app.checks.analysis import hypothesis_of
from app.checks.model import AnalysisFacts, HypothesisFact


def _findings(lib, brief_id, rule, body=None):
    return [f for f in check_brief(lib, brief_id, body=body).findings if f.rule == rule]


@pytest.fixture
def demo(demo_lib):
    brief = demo_lib.briefs.list().items[0]
    hyps = {h.position: h for h in demo_lib.ach.hypotheses(brief.id)}
    return demo_lib, brief, hyps


def _claim(lib, words: str) -> int:
    (found,) = [c.id for c in lib.claims.list(limit=100).items if words in c.statement]
    return found


def test_the_demo_brief_agrees_with_its_analysis(demo):
    lib, brief, hyps = demo
    assert hyps[1].judgment == 1
    report = check_brief(lib, brief.id)
    assert [f for f in report.findings if f.rule in ("ach", "assumptions")] == []


def test_a_judgment_calling_a_hypothesis_the_matrix_ranks_lower_likely_is_warned(demo):
    lib, brief, hyps = demo
    h1, h3 = hyps[1].id, hyps[3].id
    for words in ("date codes", "171 of 212", "began by August 2022"):
        lib.ach.rate(h1, _claim(lib, words), "II")
        lib.ach.rate(h3, _claim(lib, words), "C")
    # H3 now leads; key judgment 1, tied to H1, says "almost certain"
    (f,) = _findings(lib, brief.id, "ach")
    body = lib.briefs.get(brief.id).body
    assert body[f.start : f.end] == "almost certain" and f.severity.value == "warning"
    assert "Key judgment 1 says 'almost certain' (95-99%) for H1, the hypothesis tied to it" in f.message
    assert "ranks H1 2nd of 3: H3 is less inconsistent with the evidence" in f.message
    assert "incomplete" not in f.message
    lib.ach.rate(h1, _claim(lib, "not a count of deliveries"), None)
    (f,) = _findings(lib, brief.id, "ach")
    assert "The matrix is incomplete: 38 of 39 cells rated." in f.message
    # untied, the judgment is matched by its words only when it repeats the hypothesis closely enough
    lib.ach.update_hypothesis(h1, judgment=None)
    assert _findings(lib, brief.id, "ach") == []
    text = hyps[1].text.rstrip(".")
    close = body.replace(
        "It is almost certain that Iran supplied Russia with Shahed-136 drones during the second half of 2022",
        f"It is almost certain that {text[0].lower()}{text[1:]}",
    )
    (f,) = _findings(lib, brief.id, "ach", body=close)
    assert "the hypothesis whose words it repeats" in f.message


def test_calling_a_lower_ranked_hypothesis_unlikely_agrees_with_the_matrix(lib, source):
    claim = lib.claims.create(
        source_id=source.id, quote="We have repaired the bridge", actor="Dana Reyes"
    ).after
    body = (
        "## Key judgments\n\n"
        f"1. It is unlikely that the bridge stays closed [@c{claim.id}]. We have low confidence in this.\n"
        f"2. It is likely that the bridge reopens [@c{claim.id}]. We have low confidence in this.\n"
    )
    brief = lib.briefs.create(title="Bridge", body=body).after
    reopens = lib.ach.add_hypothesis(brief.id, "The bridge reopens", judgment=2).after
    closed = lib.ach.add_hypothesis(brief.id, "The bridge stays closed", judgment=1).after
    lib.ach.rate(reopens.id, claim.id, "C")
    lib.ach.rate(closed.id, claim.id, "II")
    assert _findings(lib, brief.id, "ach") == []
    lib.ach.rate(reopens.id, claim.id, "II")  # now tied: both rank first, still nothing below another
    lib.ach.rate(closed.id, claim.id, "II")
    assert _findings(lib, brief.id, "ach") == []
    lib.ach.rate(closed.id, claim.id, "C")  # "likely" for the one now ranked second
    (f,) = _findings(lib, brief.id, "ach")
    assert f.message.startswith("Key judgment 2 says 'likely' (55-80%) for H1")


def test_matching_a_judgment_to_a_hypothesis_by_its_words():
    facts = AnalysisFacts(
        (
            HypothesisFact(1, "H1", "The harbour reopens on Friday", 1, 0.0, None),
            HypothesisFact(2, "H2", "The harbour stays closed until the strike ends", 2, 1.0, None),
        ),
        2,
        2,
        (),
    )
    found = hypothesis_of(
        "It is likely that the harbour stays closed until the dockers' strike ends.", 1, facts
    )
    assert found is not None and found[0].label == "H2" and found[1] == "named"
    assert hypothesis_of("It is likely that shipping resumes.", 1, facts) is None
    tied = AnalysisFacts((HypothesisFact(2, "H2", "Something else entirely", 2, 1.0, 3),), 1, 1, ())
    assert hypothesis_of("Key judgment text", 3, tied)[1] == "tied"
    # two hypotheses that fit about as well: no guess
    twins = AnalysisFacts(
        (
            HypothesisFact(1, "H1", "Exports recover by summer", 1, 0.0, None),
            HypothesisFact(2, "H2", "Exports recover by autumn", 2, 1.0, None),
        ),
        2,
        2,
        (),
    )
    assert hypothesis_of("It is likely that exports recover by summer or autumn.", 1, twins) is None


def test_key_judgments_without_assumptions_are_warned_until_the_brief_has_one_for_its_whole(demo):
    lib, brief, _ = demo
    items = {a.position: a for a in lib.assumptions.list(brief.id)}
    lib.assumptions.delete(items[4].id)  # the one for the whole brief
    assert _findings(lib, brief.id, "assumptions") == []  # judgments 1-3 each have their own
    lib.assumptions.delete(items[3].id)
    (f,) = _findings(lib, brief.id, "assumptions")
    assert f.message.startswith("Key judgment 3 has no key assumption recorded")
    body = lib.briefs.get(brief.id).body
    assert body[f.start : f.end].startswith("(TLP:AMBER) It is likely that Iranian instructors")
    lib.assumptions.add(brief.id, "The sources are honest about what they saw", rating="solid")
    assert _findings(lib, brief.id, "assumptions") == []
    lib.assumptions.add(brief.id, "A seventh judgment's premise", rating="solid", judgment=7)
    (f,) = _findings(lib, brief.id, "assumptions")
    assert f.where == "brief" and "underpins key judgment 7, but the brief has 3 key judgments" in f.message


def test_a_brief_without_any_analysis_is_warned_once_per_judgment(lib, source):
    claim = lib.claims.create(
        source_id=source.id, quote="We have repaired the bridge", actor="Dana Reyes"
    ).after
    body = (
        "## Key judgments\n\n"
        f"- It is likely that the bridge reopens [@c{claim.id}]. We have low confidence in this.\n"
        f"- It is unlikely that the guards return [@c{claim.id}]. We have low confidence in this.\n"
    )
    brief = lib.briefs.create(title="Bridge", body=body).after
    assert [f.message[:14] for f in _findings(lib, brief.id, "assumptions")] == [
        "Key judgment 1",
        "Key judgment 2",
    ]
    assert _findings(lib, brief.id, "ach") == []  # no hypotheses: nothing to hold the judgments to
    no_kj = lib.briefs.create(title="Note", body="Just a paragraph.\n").after
    assert _findings(lib, no_kj.id, "assumptions") == []


def test_the_live_checker_sees_the_analysis_after_invalidate(demo):
    lib, brief, hyps = demo
    checker = LiveChecker(lib, brief.id)
    assert [f for f in checker.check().findings if f.rule == "assumptions"] == []
    for a in lib.assumptions.list(brief.id):
        lib.assumptions.delete(a.id)
    checker.invalidate()
    assert len([f for f in checker.check().findings if f.rule == "assumptions"]) == 3


def test_the_check_command_reports_them(demo, capsys):
    from app.cli import main

    lib, brief, _ = demo
    for a in lib.assumptions.list(brief.id):
        lib.assumptions.delete(a.id)
    path = lib.path
    lib.close()
    code = main(["--library", str(path), "check", str(brief.id), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0  # warnings only
    assert sum(1 for f in data["findings"] if f["rule"] == "assumptions") == 3
