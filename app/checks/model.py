"""The values the checks produce: findings, fixes and the settings they obey (the report of a run, with its
key judgments and endnotes: ``app.checks.report``).

All immutable, safe to hand to the GUI thread: frozen dataclasses, and named tuples for the two facts the
analysis rules read (no JSON output shows them). Offsets are into the body that was checked
(``CheckReport.body_length`` tells which); lines and columns are 1-based, columns count characters.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field
from typing import NamedTuple

from app._values import Value


class Severity(enum.StrEnum):
    ERROR = "error"  # the brief misinforms its reader or mishandles sourcing/markings; blocks export
    WARNING = "warning"  # tradecraft the analyst should review
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


class FixKind(enum.StrEnum):
    REPLACE_TEXT = "replace_text"  # replace body[start:end] with text
    INSERT_TEXT = "insert_text"  # insert text at start (start == end)
    ADD_WAIVER = "add_waiver"  # lib.briefs.add_waiver(brief_id=..., claim_id=fix.claim_id, reason=<asked>)
    SET_FIELD = "set_field"  # lib.briefs.update(brief_id, **{fix.field: fix.text})


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Fix(Value):
    """A change the GUI can apply for a finding, described well enough to show and to apply.

    ``label``: what a menu shows ("Cite the denial c7 (Kessel provincial office)").
    ``kind``: see FixKind. Text fixes use ``start``/``end`` (offsets into the checked body) and ``text``.
    ``claim_id``: the claim a fix is about (the denial cited, the claim waived).
    ``field``: for SET_FIELD, the brief field to set to ``text``.
    ``needs``: what the user must supply before the fix can be applied ("reason" for a waiver), else "".
    """

    label: str
    kind: FixKind
    start: int = 0
    end: int = 0
    text: str = ""
    claim_id: int | None = None
    field: str = ""
    needs: str = ""


def apply_text_fix(body: str, fix: Fix) -> str:
    """The body after a REPLACE_TEXT or INSERT_TEXT fix (other kinds do not change the body)."""
    if fix.kind is FixKind.REPLACE_TEXT:
        return body[: fix.start] + fix.text + body[fix.end :]
    if fix.kind is FixKind.INSERT_TEXT:
        return body[: fix.start] + fix.text + body[fix.start :]
    return body


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Finding(Value):
    """One thing a rule found. ``where``: "body" (the span locates it), or "summary_statement" / "brief"
    when it concerns the brief's properties (then the span is the start of the body)."""

    rule: str
    severity: Severity
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    start: int
    end: int
    section: str = ""
    claim_ids: tuple[int, ...] = ()
    fixes: tuple[Fix, ...] = ()
    where: str = "body"

    @property
    def location(self) -> str:
        return f"{self.line}:{self.column}"


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class CheckSettings(Value):
    """What the checks can be told. Declared once here (name, type, default, doc)."""

    stale_after_days: int = 365
    """A claim said (or, when the date said is unknown, published) longer ago than this is stale when it
    supports a key judgment."""
    today: dt.date | None = None
    """The date the age of sources is measured against (None: today)."""
    allow_mixed_rows: bool = False
    """Likelihood terms may mix ICD 203 rows (as if the brief carried a mixing disclaimer)."""
    uncited_min_words: int = 8
    """A sentence shorter than this does not make a paragraph factual (captions, lead-ins)."""
    near_identical: float = 0.8
    """Token overlap (0-1) above which two statements by one actor are the same statement (circular)."""
    disabled: frozenset[str] = field(default_factory=frozenset)
    """Rule ids not to run."""

    def reference_date(self) -> dt.date:
        return self.today or dt.date.today()


# --- what the analysis rules read (app.checks.analysis) -----------------------------------------------
class HypothesisFact(
    NamedTuple
):  # a named tuple: its class is made ~5x faster than a frozen dataclass's at import (a cold export)
    """A hypothesis of the brief's ACH as the analysis rules read it: its label, text, rank and score."""

    hypothesis_id: int
    label: str  # "H2"
    text: str
    rank: int
    score: float
    judgment: int | None  # the key judgment it is tied to


class AnalysisFacts(NamedTuple):  # a named tuple too
    """What the rules need of a brief's analysis: the hypotheses as ranked, and the assumptions."""

    hypotheses: tuple[HypothesisFact, ...]  # least inconsistent first
    rated: int
    cells: int
    assumptions: tuple[tuple[int, int, int | None], ...]  # (id, position, judgment)

    @property
    def complete(self) -> bool:
        return self.rated == self.cells
