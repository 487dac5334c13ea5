"""The house shape a new brief starts from: Bottom line up front, Key judgments, Discussion, Source summary.

The title block (title, author, organisation, marking, date) comes from the brief's own fields; the body gets
the sections in the order the checks and the export expect them, each heading and first paragraph carrying the
brief's default portion mark when it has a marking scheme (so the marking check is satisfied from the start).
"""

from __future__ import annotations

from app.domain import MarkingScheme
from app.markings import parse_default_marking, parse_mark

HOUSE_SECTIONS: tuple[tuple[str, str], ...] = (
    ("Bottom line up front", "paragraph"),
    ("Key judgments", "list"),
    ("Discussion", "paragraph"),
    ("Source summary", "paragraph"),
)


def portion_prefix(marking_scheme: str | MarkingScheme, default_marking: str) -> str:
    """'(TLP:CLEAR) ', '(U) ', or '' for a brief without a marking scheme."""
    try:
        scheme = MarkingScheme(marking_scheme)
    except ValueError:  # the brief's creation refuses it in plain words
        return ""
    if scheme is MarkingScheme.NONE:
        return ""
    level = parse_default_marking(scheme, default_marking)
    mark = parse_mark(level)
    return f"{mark.portion} " if mark is not None else ""


def house_body(marking_scheme: str | MarkingScheme = "none", default_marking: str = "") -> str:
    """The body of a new brief in the house shape."""
    mark = portion_prefix(marking_scheme, default_marking)
    parts = []
    for title, kind in HOUSE_SECTIONS:
        parts.append(f"## {mark}{title}\n\n")
        parts.append(f"1. {mark}\n\n" if kind == "list" else (f"{mark}\n\n" if mark else "\n"))
    return "".join(parts).rstrip("\n") + "\n"
