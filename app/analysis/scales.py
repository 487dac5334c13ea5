"""The scales of structured analysis: an ACH matrix's ratings and an assumption's rating (enums).

Split from :mod:`app.analysis.records` (the stored records) so that asking whether a brief has hypotheses or
assumptions, as every check and export does, creates none of the records' dataclasses when it has none (cold
start-up of the command line, bench/RESULTS.md); :mod:`app.analysis.model` re-exports both.
"""

from __future__ import annotations

import enum

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
