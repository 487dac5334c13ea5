"""The analytic checks' rules as a reader meets them: id, name, usual severity, one line on what each asks.

Kept apart from ``app.checks`` (which parses briefs and reads the library) so that ``briefdesk check --help``
and ``--rules`` list them at once. The ids T1-T9 are the standards' numbering (the ICD 203/206 tradecraft
checks); ``name`` is what the rule is called in code: ``app.checks.<module>.<name>`` runs it.
"""

from __future__ import annotations

from typing import NamedTuple


class RuleInfo(NamedTuple):  # its class is made ~5x faster than a frozen dataclass's (a cold export)
    """One check rule as the standards, the settings and ``briefdesk check --rules`` describe it."""

    id: str  # as findings, settings and the standards name it
    name: str  # the function that runs it, in ``module``
    module: str  # estimative | sourcing | summary | marking | analysis | characters
    severity: str  # the usual severity of its findings: error (blocks export) or warning
    description: str  # one line


CHECK_RULES: tuple[RuleInfo, ...] = (
    RuleInfo(
        "balance",
        "denials_cited_beside_claims",
        "sourcing",
        "error",
        "A claim with an open denial has a denial cited in the same section, or a waiver with a reason",
    ),
    RuleInfo(
        "T1",
        "one_likelihood_row",
        "estimative",
        "warning",
        "Likelihood terms come from one row of the ICD 203 table, unless the brief says it mixes them",
    ),
    RuleInfo(
        "T2",
        "confidence_apart_from_likelihood",
        "estimative",
        "warning",
        "No sentence states both a confidence level and a likelihood",
    ),
    RuleInfo(
        "T3",
        "no_vague_hedges_in_judgments",
        "estimative",
        "warning",
        "Key judgments use the standard terms, not vague hedges such as 'might' or 'possibly'",
    ),
    RuleInfo(
        "T4",
        "judgments_fully_stated",
        "estimative",
        "error",
        "Each key judgment has a likelihood term, a confidence level and a cited claim",
    ),
    RuleInfo(
        "T5",
        "citations_resolve_to_graded_records",
        "sourcing",
        "error",
        "Every citation names a claim or source in the library with a valid Admiralty grade",
    ),
    RuleInfo(
        "T6",
        "confidence_within_ceiling",
        "sourcing",
        "error",
        "Stated confidence is no higher than the grades of the cited claims allow",
    ),
    RuleInfo(
        "T7",
        "endnotes_in_citation_order",
        "sourcing",
        "error",
        "Endnotes are numbered by first citation, one per cited record, reused when cited again",
    ),
    RuleInfo(
        "T8",
        "portion_marks_and_banner",
        "marking",
        "error",
        "Every portion is marked and the banner is the highest portion marking",
    ),
    RuleInfo(
        "T9",
        "source_summary_agrees",
        "summary",
        "warning",
        "The source summary statement is there and agrees with the cited sources",
    ),
    RuleInfo("retracted", "no_retracted_claims", "sourcing", "error", "No retracted claim is cited"),
    RuleInfo(
        "circular",
        "no_circular_reporting",
        "sourcing",
        "warning",
        "Reports that trace back to one origin are not counted as corroborating each other",
    ),
    RuleInfo(
        "uncited",
        "factual_paragraphs_cited",
        "uncited",
        "warning",
        "No paragraph of factual statements is left without a citation",
    ),
    RuleInfo(
        "stale", "no_stale_sources", "sourcing", "warning", "No key judgment rests only on stale sources"
    ),
    RuleInfo(
        "ach",
        "judgments_agree_with_ach",
        "analysis",
        "warning",
        "No key judgment calls likely a hypothesis the brief's ACH matrix ranks below another",
    ),
    RuleInfo(
        "assumptions",
        "judgments_have_assumptions",
        "analysis",
        "warning",
        "Each key judgment has a key assumption recorded, or the brief has one for all its judgments",
    ),
    RuleInfo(
        "bidi",
        "no_hidden_direction_marks",
        "characters",
        "warning",
        "No directional formatting character silently reorders the brief's text or what it cites",
    ),
)
RULE_IDS = tuple(r.id for r in CHECK_RULES)


def rules_text() -> str:
    """The rules as lines for ``--help`` and ``--rules``: id, severity, description, in aligned columns."""
    width = max(len(r.id) for r in CHECK_RULES)
    return "\n".join(f"  {r.id:<{width}} {r.severity:<8} {r.description}" for r in CHECK_RULES)
