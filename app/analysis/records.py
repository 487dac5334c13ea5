"""What the structured-analysis services store and read back: the stored records (the scales they use are in
:mod:`app.analysis.scales`).

Split from :mod:`app.analysis.model` (which re-exports all of it) so that reading a brief's hypotheses and
assumptions, as every check and export does, never creates the computed matrix's and the timeline's classes,
and imported by the services only where they make a record, so a brief without any creates none of these
(cold start-up of the command line, bench/RESULTS.md). Plain frozen dataclasses.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from app.analysis.scales import AssumptionRating, Rating


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
