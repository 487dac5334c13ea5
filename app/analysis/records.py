"""What the structured-analysis services store and read back: the scales (enums) and the stored records.

Split from :mod:`app.analysis.model` (which re-exports all of it) so that reading a brief's hypotheses and
assumptions, as every check and export does, never creates the computed matrix's and the timeline's classes
(cold start-up of the command line, bench/RESULTS.md). Plain frozen dataclasses and enums.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

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
