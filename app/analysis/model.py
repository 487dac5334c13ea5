"""The values the structured-analysis services take and return: plain frozen dataclasses and enums.

Safe to hand to another thread or a widget; never tied to a session.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from app.analysis.records import AchRowRecord as AchRowRecord
from app.analysis.records import AssumptionRecord as AssumptionRecord
from app.analysis.records import HypothesisRecord as HypothesisRecord
from app.analysis.records import RatingRecord as RatingRecord
from app.analysis.scales import RATING_MEANING as RATING_MEANING
from app.analysis.scales import RATING_ORDER as RATING_ORDER
from app.analysis.scales import AssumptionRating as AssumptionRating
from app.analysis.scales import Rating as Rating
from app.domain import ClaimRecord

# The scales and the stored records live in app.analysis.records (imported by the services' reads); this
# module adds what is computed from them: the matrix and the timeline.


# --- the computed matrix ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HypothesisScore:
    """A hypothesis as ranked: ``score`` is its weighted inconsistency (lower is better)."""

    hypothesis_id: int
    position: int
    text: str
    score: float
    rank: int  # 1 = least inconsistent; equal scores share a rank ("1, 1, 3")
    inconsistent: int  # claims rated I or II against it
    consistent: int  # claims rated C or CC
    unrated: int  # matrix rows with no rating for it

    @property
    def label(self) -> str:
        return f"H{self.position}"


@dataclass(frozen=True, slots=True)
class AchRow:
    """A row of the matrix: the claim, its grade and weight, its ratings and what they tell."""

    claim_id: int
    position: int
    claim: ClaimRecord
    grade: str  # Admiralty code, e.g. "B2"
    weight: float  # from the grade alone (see app.analysis.scoring.grade_weight)
    effective_weight: float  # after its open denials (see scoring.effective_weight)
    denial_grades: tuple[str, ...]  # grades of the open denials that reduced it
    retracted: bool  # a retracted claim weighs nothing
    ratings: dict[int, Rating]  # hypothesis id -> rating (unrated hypotheses absent)
    notes: dict[int, str]  # hypothesis id -> the analyst's note on that cell
    diagnostic: bool  # its ratings differ across hypotheses
    spread: float  # largest minus smallest weighted inconsistency it adds to any hypothesis
    critical: bool  # were it wrong (removed), the leading hypothesis would change

    @property
    def ref(self) -> str:
        return f"c{self.claim_id}"


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A rating the matrix proposes from a denial (never stored until the analyst accepts it).

    ``kind``: "suggest" (the cell is unrated) or "conflict" (the cell's rating points the same way as the
    rating of the claim it denies)."""

    hypothesis_id: int
    claim_id: int
    rating: Rating
    because_claim_id: int
    because_rating: Rating
    kind: str
    reason: str


@dataclass(frozen=True, slots=True)
class Sensitivity:
    """What changes if the single most influential claim were wrong (taken out of the matrix)."""

    claim_id: int | None  # None: no claim moves any score apart (nothing rated I or II unevenly)
    spread: float
    ranking_without: tuple[int, ...]  # hypothesis ids, least inconsistent first
    scores_without: dict[int, float]
    ranks_without: dict[int, int]
    changed: bool  # the order or the ties differ
    leader_changed: bool  # the least inconsistent hypothesis (or set of tied ones) differs
    summary: str  # one plain sentence


@dataclass(frozen=True, slots=True)
class AchMatrix:
    brief_id: int
    hypotheses: tuple[HypothesisRecord, ...]  # the analyst's order (columns)
    rows: tuple[AchRow, ...]  # the analyst's order
    ranking: tuple[HypothesisScore, ...]  # least inconsistent first
    suggestions: tuple[Suggestion, ...]
    sensitivity: Sensitivity
    candidates: tuple[int, ...] = ()  # claims the brief cites that are not rows yet
    missing: tuple[int, ...] = field(default=())  # cited claim ids not in the library (none expected)

    def score_of(self, hypothesis_id: int) -> HypothesisScore:
        for s in self.ranking:
            if s.hypothesis_id == hypothesis_id:
                return s
        raise KeyError(hypothesis_id)

    @property
    def complete(self) -> bool:
        """Every row is rated against every hypothesis."""
        return all(len(r.ratings) == len(self.hypotheses) for r in self.rows)


# --- the timeline -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class LinkNote:
    """A claim linked to a timeline entry, with enough to show it in a line."""

    claim_id: int
    kind: str  # "denies", "corroborates", "qualifies"
    actor_name: str
    date: dt.date | None
    grade: str
    retracted: bool = False


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    claim: ClaimRecord
    date: dt.date | None  # the date said, else the source's date of publication, else None
    date_kind: str  # "said", "published" (the date said is unknown) or "unknown"
    denied_by: tuple[LinkNote, ...] = ()
    corroborated_by: tuple[LinkNote, ...] = ()
    qualified_by: tuple[LinkNote, ...] = ()
    denies: tuple[LinkNote, ...] = ()
    corroborates: tuple[LinkNote, ...] = ()
    qualifies: tuple[LinkNote, ...] = ()
    revised_by: tuple[LinkNote, ...] = ()  # later claims by the same actor that qualify or deny this one
    revises: tuple[LinkNote, ...] = ()  # earlier claims by the same actor this one qualifies or denies

    @property
    def position_changed(self) -> bool:
        return bool(self.revised_by)


@dataclass(frozen=True, slots=True)
class Timeline:
    entries: tuple[TimelineEntry, ...]
    total: int  # entries matching the filter (entries may hold fewer: see ``limit``)
    offset: int
    limit: int
    actor: str = ""  # the actor the timeline was asked for, as stored ("" when none)
    actor_id: int | None = None
    tag: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None
