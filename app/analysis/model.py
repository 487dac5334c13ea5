"""The values the structured-analysis services take and return: plain frozen dataclasses and enums.

Safe to hand to another thread or a widget; never tied to a session.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass, field

from app.domain import ClaimRecord
from app.errors import ValidationError


class Rating(enum.StrEnum):
    """Heuer's consistency scale for one claim against one hypothesis."""

    CC = "CC"  # very consistent
    C = "C"  # consistent
    N = "N"  # neutral
    I = "I"  # inconsistent  # noqa: E741 - Heuer's own letter
    II = "II"  # very inconsistent
    NA = "NA"  # not applicable

    @property
    def meaning(self) -> str:
        return RATING_MEANING[self.value]

    @property
    def penalty(self) -> int:
        """What the rating adds to a hypothesis's inconsistency, before weighting: I = 1, II = 2."""
        return {"I": 1, "II": 2}.get(self.value, 0)

    @property
    def opposite(self) -> Rating | None:
        """CC <-> II, C <-> I; N and NA have none."""
        return {"CC": Rating.II, "C": Rating.I, "I": Rating.C, "II": Rating.CC}.get(self.value)

    @classmethod
    def parse(cls, value: str | Rating) -> Rating:
        if isinstance(value, Rating):
            return value
        norm = "".join(str(value).split()).upper().replace("-", "").replace("_", "").replace("/", "")
        aliases = {
            "VERYCONSISTENT": "CC",
            "CONSISTENT": "C",
            "NEUTRAL": "N",
            "INCONSISTENT": "I",
            "VERYINCONSISTENT": "II",
            "NOTAPPLICABLE": "NA",
        }
        norm = aliases.get(norm, norm)
        for rating in cls:
            if rating.value == norm:
                return rating
        raise ValidationError(
            f"'{value}' is not a rating; use CC (very consistent), C (consistent), N (neutral), "
            "I (inconsistent), II (very inconsistent) or NA (not applicable)."
        )


RATING_MEANING = {
    "CC": "very consistent",
    "C": "consistent",
    "N": "neutral",
    "I": "inconsistent",
    "II": "very inconsistent",
    "NA": "not applicable",
}
# The order a matrix cycles through when rated with one key (and the order of the scale in the docs).
RATING_ORDER = (Rating.CC, Rating.C, Rating.N, Rating.I, Rating.II, Rating.NA)


class AssumptionRating(enum.StrEnum):
    """The key assumptions check's verdict on one assumption."""

    SOLID = "solid"  # well supported; would hold under most circumstances
    CAVEATED = "caveated"  # correct with caveats, or holds only in some circumstances
    UNSUPPORTED = "unsupported"  # unsupported or questionable: a key uncertainty

    @classmethod
    def parse(cls, value: str | AssumptionRating) -> AssumptionRating:
        if isinstance(value, AssumptionRating):
            return value
        norm = str(value).strip().lower()
        aliases = {"caveat": "caveated", "with caveats": "caveated", "questionable": "unsupported"}
        norm = aliases.get(norm, norm)
        for rating in cls:
            if rating.value == norm:
                return rating
        raise ValidationError(f"'{value}' is not an assumption rating; use solid, caveated or unsupported.")


# --- stored records -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HypothesisRecord:
    id: int
    brief_id: int
    position: int  # 1-based, the analyst's order
    text: str
    created: dt.datetime
    updated: dt.datetime
    uuid: str = ""
    version: int = 1
    created_by: str = ""
    updated_by: str = ""
    judgment: int | None = None  # the key judgment (1-based) that states this hypothesis, if any

    @property
    def ref(self) -> str:
        return f"h{self.id}"

    @property
    def label(self) -> str:
        """'H2': the column heading a matrix shows."""
        return f"H{self.position}"


@dataclass(frozen=True, slots=True)
class RatingRecord:
    hypothesis_id: int
    claim_id: int
    rating: Rating
    note: str
    updated: dt.datetime
    created: dt.datetime | None = None
    uuid: str = ""
    version: int = 1
    created_by: str = ""
    updated_by: str = ""


@dataclass(frozen=True, slots=True)
class AchRowRecord:
    """A claim that is a row of a brief's matrix."""

    brief_id: int
    claim_id: int
    position: int  # 1-based
    created: dt.datetime
    updated: dt.datetime | None = None
    uuid: str = ""
    version: int = 1
    created_by: str = ""
    updated_by: str = ""


@dataclass(frozen=True, slots=True)
class AssumptionRecord:
    id: int
    brief_id: int
    position: int  # 1-based
    text: str
    rating: AssumptionRating
    why: str
    judgment: int | None  # the 1-based key judgment it underpins; None: the brief as a whole
    created: dt.datetime
    updated: dt.datetime
    uuid: str = ""
    version: int = 1
    created_by: str = ""
    updated_by: str = ""


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
