"""The report of a check run (``app.checks.engine.run_checks``): its findings, the key judgments, the endnote
numbering and the banner.

Kept apart from ``app.checks.model`` so that an export, which keeps only the errors (``check_errors``), does not
create these classes (a frozen dataclass costs ~0.5 ms to create when its module is imported). Importable from
``app.checks`` as before.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.checks.model import Finding, Severity


@dataclass(frozen=True, slots=True)
class JudgmentReport:
    """A key judgment with what the checks make of it: the confidence ceiling (T6) and why."""

    index: int  # 1-based, in reading order
    line: int
    column: int
    start: int
    end: int
    text: str
    likelihood_terms: tuple[str, ...]
    confidence: str | None  # stated: "high", "moderate", "low", or None
    claim_ids: tuple[int, ...]
    ceiling: str  # highest confidence the cited support allows: "high", "moderate" or "low"
    reasons: tuple[str, ...]  # why the ceiling is below high (empty when high)
    original_sources: int  # independent original sources behind the cited claims


@dataclass(frozen=True, slots=True)
class Endnote:
    """A cited key as the notes will number it: how often it is cited and where first."""

    number: int
    key: str  # "c12" or "s3"
    uses: int  # how many times the key is cited
    line: int  # of the first citation
    column: int


@dataclass(frozen=True, slots=True)
class CheckReport:
    """What checking a brief found: its findings, key judgments and notes, and the body it was run on."""

    brief_id: int | None
    findings: tuple[Finding, ...]
    judgments: tuple[JudgmentReport, ...]
    endnotes: tuple[Endnote, ...] = ()
    banner: str = ""  # the high-water mark the export puts in every header and footer ("" unmarked)
    body_length: int = 0
    elapsed_ms: float = 0.0
    body_hash: int = 0  # hash() of the body checked, so a caller in the same process can tell it is current

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity is Severity.WARNING]

    @property
    def ok(self) -> bool:
        return not self.errors

    def by_rule(self, rule: str) -> list[Finding]:
        return [f for f in self.findings if f.rule == rule]
