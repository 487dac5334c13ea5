"""Each rule with a passing and a failing case, on contexts built without a database."""

from __future__ import annotations

import datetime as dt

import pytest

from app.checks import CheckSettings, FixKind, Severity, apply_text_fix
from app.domain import ClaimStatus, SourceKind

GOOD = """# Kessel crossing: outlook

## Key Judgments

- The Kessel crossing will likely reopen before April [@c1; @c2], although the provincial office denies \
that repairs took place [@c3]. We have moderate confidence in this judgment.

## Discussion

The interior minister said on 3 March that the bridge at Kessel had been repaired [@c1]. Freight operators \
reported trucks queuing at the border post a week later [@c2]. The provincial office denied that any repair \
had been made [@c3].

## Source summary

This brief rests on three sources, all news articles. The claim of repairs (c1) is contested by the \
provincial office, and the denial is presented beside it.
"""


def setup_good(b):
    b.claim(1, actor=1, actor_name="Dana Reyes", statement="The Kessel bridge has been repaired")
    b.claim(2, actor=2, actor_name="Freight union", statement="Trucks are queuing at the Kessel post")
    b.claim(3, actor=3, actor_name="Provincial office", statement="Nothing has been repaired at Kessel")
    b.link(3, "denies", 1)


def test_good_brief_passes_every_rule(b):
    setup_good(b)
    report = b.run(GOOD)
    assert report.findings == (), [f"{f.rule}: {f.message}" for f in report.findings]
    (j,) = report.judgments
    assert j.confidence == "moderate" and j.ceiling == "moderate"
    assert j.claim_ids == (1, 2, 3) and j.original_sources == 3
    assert any("open denial" in r for r in j.reasons)


# --- balance ----------------------------------------------------------------------------------------
BALANCE = """## Discussion

The interior minister said the bridge had been repaired [@c1].

## Outlook

The provincial office denied it [@c3].
"""


def test_balance_fails_when_denial_is_in_another_section(b):
    setup_good(b)
    (f,) = b.run(BALANCE, "balance")
    assert f.severity is Severity.ERROR and f.section == "Discussion" and f.claim_ids[:2] == (1, 3)
    assert f.line == 3
    cite, waiver = f.fixes
    assert cite.kind is FixKind.INSERT_TEXT and cite.claim_id == 3
    fixed = apply_text_fix(BALANCE, cite)
    assert "Provincial office denied this [@c3]." in fixed
    assert b.run(fixed, "balance") == []
    assert waiver.kind is FixKind.ADD_WAIVER and waiver.claim_id == 1 and waiver.needs == "reason"


def test_balance_passes_with_waiver_or_retracted_denial(b):
    setup_good(b)
    b.waive(1)
    assert b.run(BALANCE, "balance") == []


def test_balance_ignores_retracted_denial(b):
    b.claim(1, actor=1)
    b.claim(3, actor=3, status=ClaimStatus.RETRACTED)
    b.link(3, "denies", 1)
    assert b.run(BALANCE.replace(" [@c3]", ""), "balance") == []


# --- T1 ---------------------------------------------------------------------------------------------
def test_t1_mixed_rows_flagged_with_twin_fix(b):
    body = "## Discussion\n\nTalks are likely to resume. A deal is very likely. A strike is improbable.\n"
    (f,) = b.run(body, "T1")
    assert f.message.startswith("'improbable' is from row 2")
    assert apply_text_fix(body, f.fixes[0]).endswith("A strike is unlikely.\n")
    assert b.run(apply_text_fix(body, f.fixes[1]), "T1") == []  # the disclaimer


def test_t1_one_row_and_quotes_and_annex_pass(b):
    body = (
        "## Discussion\n\nTalks are likely to resume. The minister said a strike was \u201chighly improbable\u201d.\n"
        "The remote border post is closed.\n\n## Annex: estimative language\n\nRow 2: remote, probable.\n"
    )
    assert b.run(body, "T1") == []


# --- T2 ---------------------------------------------------------------------------------------------
def test_t2_confidence_and_likelihood_in_one_sentence(b):
    (f,) = b.run("## Discussion\n\nWe assess with high confidence that talks will likely resume.\n", "T2")
    assert f.severity is Severity.WARNING and f.line == 3


def test_t2_separate_sentences_pass(b):
    assert b.run("## Discussion\n\nTalks will likely resume. We have high confidence in this.\n", "T2") == []


# --- T3 ---------------------------------------------------------------------------------------------
def test_t3_hedge_in_key_judgment_with_fixes_from_row_in_use(b):
    body = "## Key Judgments\n\n- Talks could resume in May [@c1].\n\n## Discussion\n\nA deal is probable.\n"
    b.claim(1)
    (f,) = b.run(body, "T3")
    assert f.message.startswith("'could' in key judgment 1")
    assert [x.text for x in f.fixes] == ["will probably", "will improbably"]  # row 2 is the row in use


def test_t3_passes_without_hedges_and_ignores_month_may(b):
    b.claim(1)
    assert b.run("## Key Judgments\n\n- Talks will likely resume in May 2027 [@c1].\n", "T3") == []


# --- T4 ---------------------------------------------------------------------------------------------
def test_t4_incomplete_judgments(b):
    b.claim(1)
    body = (
        "## Key Judgments\n\n- Talks will likely resume [@c1].\n- Talks resume. We have medium confidence.\n"
    )
    f1, f2 = b.run(body, "T4")
    assert "no confidence level" in f1.message and f1.fixes[0].text.startswith(" We have ")
    assert "no likelihood term" in f2.message and "no cited claim" in f2.message and "'medium'" in f2.message
    assert apply_text_fix(body, f2.fixes[0]).endswith("We have moderate confidence.\n")


def test_t4_missing_section(b):
    (f,) = b.run("## Discussion\n\nNothing.\n", "T4")
    assert "no Key Judgments section" in f.message


def test_t4_complete_passes(b):
    b.claim(1)
    assert b.run("## Key judgments\n\nTalks will likely resume [@c1]. We have low confidence.\n", "T4") == []


# --- T5 ---------------------------------------------------------------------------------------------
def test_t5_unknown_claim_and_source(b):
    b.claim(1)
    body = "## Discussion\n\nA fact [@c1; @c9]. Another [@s4].\n"
    f1, f2 = b.run(body, "T5")
    assert "c9 is not a claim" in f1.message and "s4 is not a source" in f2.message
    assert apply_text_fix(body, f1.fixes[0]) == "## Discussion\n\nA fact [@c1]. Another [@s4].\n"


def test_t5_valid_passes(b):
    b.claim(1, reliability="F", credibility=6)
    assert b.run("A fact [@c1].", "T5") == []


# --- T6 ---------------------------------------------------------------------------------------------
KJ_HIGH = "## Key Judgments\n\n- Talks will likely resume [@c1; @c2]. We have high confidence in this.\n"


@pytest.mark.parametrize(
    "setup, reason",
    [
        (lambda b: (b.claim(1, actor=1), b.claim(2, actor=1)), "one original source"),
        (lambda b: (b.claim(1, actor=1), b.claim(2, actor=2, credibility=4)), "graded B4 (doubtful)"),
        (lambda b: (b.claim(1, actor=1), b.claim(2, actor=2, credibility=5)), "graded B5 (improbable)"),
        # 6 is the Admiralty code's "truth cannot be judged" (drafting's default), never "doubtful or worse"
        (
            lambda b: (b.claim(1, actor=1), b.claim(2, actor=2, credibility=6)),
            "graded B6 (truth cannot be judged)",
        ),
        (
            lambda b: (b.claim(1, actor=1), b.claim(2, actor=2), b.claim(3, actor=3), b.link(3, "denies", 2)),
            "open denial (c3)",
        ),
        (
            lambda b: (
                b.claim(1, actor=1, statement="The bridge at Kessel is repaired and open"),
                b.claim(2, actor=None, statement="Freight is moving again"),
            ),
            None,
        ),
    ],
)
def test_t6_high_confidence_refused(b, setup, reason):
    setup(b)
    findings = b.run(KJ_HIGH, "T6")
    if reason is None:
        assert findings == []
        return
    (f,) = findings
    assert f.severity is Severity.ERROR and reason in f.message
    assert apply_text_fix(KJ_HIGH, f.fixes[0]).count("moderate confidence") == 1


def test_t6_circular_repeats_collapse_to_one_source(b):
    b.claim(1, actor=None, statement="The Kessel bridge has been repaired, the ministry says", source=1)
    b.claim(2, actor=None, statement="The Kessel bridge has been repaired, the ministry says", source=2)
    (f,) = b.run(KJ_HIGH, "T6")
    assert "one original source" in f.message


def test_t6_low_ceiling_when_all_weak(b):
    b.claim(1, actor=1, reliability="E")
    b.claim(2, actor=2, reliability="D")
    report = b.run(KJ_HIGH.replace("high", "moderate"))
    assert report.judgments[0].ceiling == "low"
    (f,) = report.by_rule("T6")
    assert f.severity is Severity.WARNING


# --- T7 ---------------------------------------------------------------------------------------------
def test_t7_footnotes_and_duplicates(b):
    b.claim(1)
    f1, f2 = b.run("## Discussion\n\nA fact [@c1; @c1]. A note.[^1]\n\n[^1]: Hand-written.\n", "T7")
    assert f1.severity is Severity.WARNING and "twice in one bracket" in f1.message
    assert f2.severity is Severity.ERROR and "[^1]" in f2.message


def test_t7_endnote_numbering_and_handwritten_list(b):
    for i in (1, 2, 3):
        b.claim(i)
    body = "## Discussion\n\nA [@c2]. B [@c1; @c2]. C [@s3].\n\n## Endnotes\n\n1. c2\n2. c1\n3. s3\n"
    report = b.run(body)
    assert [(n.number, n.key, n.uses) for n in report.endnotes] == [(1, "c2", 2), (2, "c1", 1), (3, "s3", 1)]
    assert report.by_rule("T7") == []
    (f,) = b.run(body.replace("1. c2\n2. c1", "1. c1\n2. c2"), "T7")[:1]
    assert "Note 1 names c1" in f.message


# --- T8 ---------------------------------------------------------------------------------------------
def test_t8_classification_needs_every_portion_marked_and_the_right_banner(b):
    body = "SECRET\n\n## (U) Discussion\n\n(S//NF) A secret fact.\n\nAn unmarked fact.\n\n| (U) a | b |\n|---|---|\n"
    report = b.run(body, scheme="classification", default="U")
    t8 = report.by_rule("T8")
    assert report.banner == "SECRET//NOFORN"
    assert [f.message for f in t8] == [
        "The banner reads SECRET, but the highest portion mark makes it SECRET//NOFORN.",
        "This paragraph carries no portion mark.",
        "This table cell carries no portion mark.",
    ]
    assert apply_text_fix(body, t8[1].fixes[0]).count("(U) An unmarked fact.") == 1


def test_t8_tlp_portions_optional_banner_is_highest(b):
    report = b.run(
        "## Discussion\n\n(TLP:AMBER) A fact.\n\nAnother.\n\nTLP:AMBER\n", scheme="tlp", default="TLP:GREEN"
    )
    assert report.by_rule("T8") == [] and report.banner == "TLP:AMBER"


def test_t8_marks_without_scheme_and_wrong_scheme(b):
    (f,) = b.run("## Discussion\n\n(S) A fact.\n", "T8")
    assert f.fixes[0].kind is FixKind.SET_FIELD and f.fixes[0].text == "classification"
    (g,) = b.run("## (U) Discussion\n\n(TLP:RED) A fact.\n", "T8", scheme="classification")
    assert "not a classification marking" in g.message


# --- T9 ---------------------------------------------------------------------------------------------
def test_t9_missing_summary_offers_a_draft_that_passes(b):
    setup_good(b)
    body = GOOD.split("## Source summary")[0]
    (f,) = b.run(body, "T9")
    assert f.where == "brief"
    draft = f.fixes[0].text
    assert "3 sources (3 news articles)" in draft and "c1" in draft
    assert b.run(body, "T9", summary=draft) == []
    assert b.run(apply_text_fix(body, f.fixes[1]), "T9") == []


def test_t9_disagreements(b):
    setup_good(b)
    body = GOOD.split("## Source summary")[0]
    summary = (
        "The brief rests on five sources, including two official statements graded A1. No claim is contested."
    )
    msgs = [f.message for f in b.run(body, "T9", summary=summary)]
    assert any("five sources" in m and "cites 3" in m for m in msgs)
    assert any("two official statements" in m for m in msgs)
    assert any("grade A1" in m for m in msgs)
    assert any("contested (c1)" in m for m in msgs)


# --- retracted --------------------------------------------------------------------------------------
def test_retracted(b):
    b.claim(1, status=ClaimStatus.RETRACTED)
    b.claim(2)
    body = "## Discussion\n\nA fact [@c2; @c1].\n"
    (f,) = b.run(body, "retracted")
    assert f.severity is Severity.ERROR
    assert apply_text_fix(body, f.fixes[0]) == "## Discussion\n\nA fact [@c2].\n"
    assert b.run("## Discussion\n\nA fact [@c2].\n", "retracted") == []


# --- circular ---------------------------------------------------------------------------------------
def test_circular_same_actor_same_statement_across_outlets(b):
    b.claim(1, actor=7, actor_name="Dana Reyes", statement="The bridge at Kessel has been fully repaired")
    b.claim(2, actor=7, actor_name="Dana Reyes", statement="The bridge at Kessel has been fully repaired.")
    b.claim(3, actor=7, actor_name="Dana Reyes", statement="Guards will return to the post next week")
    (f,) = b.run("## Discussion\n\nThe bridge is repaired [@c1; @c2]. Guards return [@c3].\n", "circular")
    assert f.claim_ids == (1, 2) and "Dana Reyes" in f.message
    assert b.run("## Discussion\n\nThe bridge is repaired [@c1; @c3].\n", "circular") == []


def test_circular_corroboration_by_a_repeat(b):
    b.claim(
        1, actor=7, statement="The bridge at Kessel has been fully repaired", status=ClaimStatus.CORROBORATED
    )
    b.claim(2, actor=7, statement="The bridge at Kessel has been fully repaired")
    b.link(2, "corroborates", 1)
    (f,) = b.run("## Discussion\n\nThe bridge is repaired [@c1].\n", "circular")
    assert "marked corroborated" in f.message


# --- uncited ----------------------------------------------------------------------------------------
def test_uncited_factual_paragraph(b):
    body = (
        "# Title\n\nBy the desk, 1 November.\n\n## Discussion\n\n"
        "Trucks queued for six kilometres at the Kessel post on Tuesday morning.\n\n"
        "We assess that the queue reflects the reopening rumours circulating in the province.\n\n"
        "## Outlook\n\nTraffic will grow through the winter months as the harvest is moved.\n"
    )
    (f,) = b.run(body, "uncited")
    assert f.line == 7 and f.section == "Discussion"


# --- stale ------------------------------------------------------------------------------------------
def test_stale_source_behind_key_judgment(b):
    b.claim(1, published=dt.date(2024, 1, 10))
    b.claim(2, published=dt.date(2026, 9, 1))
    body = "## Key Judgments\n\n- Talks will likely resume [@c1; @c2]. We have low confidence.\n"
    (f,) = b.run(body, "stale")
    assert f.claim_ids == (1,) and "2024-01-10" in f.message
    assert (
        b.run(body, "stale", settings=CheckSettings(today=dt.date(2026, 11, 20), stale_after_days=5000)) == []
    )


def test_stale_dates_a_claim_by_its_date_said_then_by_publication(b):
    # a recent article quoting what was said two years earlier: stale by the date said
    b.claim(1, published=dt.date(2026, 10, 20), said=dt.date(2024, 9, 2))
    # a recent statement in an article published late: fresh by the date said
    b.claim(2, published=dt.date(2024, 1, 10), said=dt.date(2026, 10, 1))
    # no date said: the publication date stands in
    b.claim(3, published=dt.date(2024, 3, 5), said=None)
    body = "## Key Judgments\n\n- Talks will likely resume [@c1; @c2; @c3]. We have low confidence.\n"
    findings = b.run(body, "stale", settings=CheckSettings(today=dt.date(2026, 11, 20)))
    assert [f.claim_ids for f in findings] == [(1,), (3,)]
    assert "said on 2024-09-02" in findings[0].message
    assert "published 2024-03-05 (no date said)" in findings[1].message


def test_disabled_rules_do_not_run(b):
    report = b.run(
        "## Discussion\n\nNothing here.\n", settings=CheckSettings(disabled=frozenset({"T4", "T9"}))
    )
    assert not report.by_rule("T4") and not report.by_rule("T9")


def test_news_kind_default(b):
    assert b.claim(5).source_kind is SourceKind.NEWS_ARTICLE


def test_uncited_applies_to_themed_sections_named_like_apparatus_words(b):
    body = (
        "## Sources of friction\n\nTrucks queued for six kilometres at the Kessel post on Tuesday morning.\n"
    )
    assert len(b.run(body, "uncited")) == 1
    assert b.run(body.replace("Sources of friction", "Source summary"), "uncited") == []


def test_a_key_judgment_includes_its_nested_items(b):
    b.claim(1)
    # Python-Markdown nests a list four columns in (what the reader sees nested is nested for the checks)
    body = (
        "## Key Judgments\n\n- Talks will likely resume. We have low confidence.\n"
        "    - Supporting detail [@c1].\n- Second judgment is likely [@c1].\n"
    )
    report = b.run(body)
    assert [j.claim_ids for j in report.judgments] == [(1,), (1,)]
    assert "no confidence level" in report.by_rule("T4")[0].message and len(report.by_rule("T4")) == 1
    # two columns in, the reader sees three items side by side: three judgments
    report = b.run(body.replace("    - Supporting", "  - Supporting"))
    assert [j.claim_ids for j in report.judgments] == [(), (1,), (1,)]
