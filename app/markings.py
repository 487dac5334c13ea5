"""Portion marks and banners: US-style classification and TLP 2.0.

A portion mark opens a paragraph, list item, heading or table cell: ``(U)``, ``(C)``, ``(S//NF)``, ``(TS)``,
``(TLP:AMBER)``. The banner is the highest (most restrictive) portion in the document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app._values import Value
from app.domain import MarkingScheme
from app.errors import ValidationError

CLASSIFICATION_LEVELS = ("U", "C", "S", "TS")
CLASSIFICATION_NAMES = {"U": "UNCLASSIFIED", "C": "CONFIDENTIAL", "S": "SECRET", "TS": "TOP SECRET"}
TLP_LEVELS = ("CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED")
# Common control markings: portion form -> banner form.
CONTROLS = {
    "NF": "NOFORN",
    "NOFORN": "NOFORN",
    "REL": "REL",
    "ORCON": "ORCON",
    "OC": "ORCON",
    "PROPIN": "PROPIN",
    "PR": "PROPIN",
    "FOUO": "FOUO",
    "IMCON": "IMCON",
    "RELIDO": "RELIDO",
}

PORTION_RE = re.compile(
    r"^\((?P<mark>(?:U|C|S|TS)(?://[A-Z0-9][A-Z0-9 ,/\-]*)?|TLP:(?:CLEAR|WHITE|GREEN|AMBER\+STRICT|AMBER|RED))\)[ \t]*"
)


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Marking(Value):
    """A portion or banner marking: its scheme, its level and any control markings."""

    scheme: MarkingScheme
    level: str  # "U".."TS" or "CLEAR".."RED"
    controls: tuple[str, ...] = ()

    @property
    def rank(self) -> int:
        levels = CLASSIFICATION_LEVELS if self.scheme is MarkingScheme.CLASSIFICATION else TLP_LEVELS
        return levels.index(self.level)

    @property
    def portion(self) -> str:
        """As a portion mark, with parentheses: (S//NF), (TLP:AMBER)."""
        if self.scheme is MarkingScheme.TLP:
            return f"(TLP:{self.level})"
        return "(" + "//".join((self.level, *self.controls)) + ")"

    @property
    def banner(self) -> str:
        """As a banner: SECRET//NOFORN, TLP:AMBER."""
        if self.scheme is MarkingScheme.TLP:
            return f"TLP:{self.level}"
        return "//".join((CLASSIFICATION_NAMES[self.level], *(CONTROLS.get(c, c) for c in self.controls)))


def parse_mark(text: str) -> Marking | None:
    """Parse a mark given with or without parentheses: 'S//NF', '(TLP:AMBER)', 'SECRET', 'tlp:red'."""
    raw = text.strip()
    if raw.startswith("(") and raw.endswith(")"):
        raw = raw[1:-1]
    raw = raw.strip().upper()
    if not raw:
        return None
    if raw.startswith("TLP:"):
        level = raw[4:].strip()
        if level == "WHITE":  # TLP 1.0 name of CLEAR
            level = "CLEAR"
        if level in TLP_LEVELS:
            return Marking(MarkingScheme.TLP, level)
        return None
    parts = [p.strip() for p in raw.split("//")]
    head = parts[0]
    names = {v: k for k, v in CLASSIFICATION_NAMES.items()}
    level = names.get(head, head)
    if level not in CLASSIFICATION_LEVELS:
        return None
    controls = tuple(p for p in parts[1:] if p)
    return Marking(MarkingScheme.CLASSIFICATION, level, controls)


def split_portion_mark(text: str) -> tuple[Marking | None, str]:
    """If ``text`` opens with a portion mark, return it and the rest of the text."""
    m = PORTION_RE.match(text)
    if not m:
        return None, text
    return parse_mark(m.group("mark")), text[m.end() :]


def parse_default_marking(scheme: MarkingScheme, value: str) -> str:
    """Validate a brief's default marking for its scheme; return it normalised ('' for scheme none)."""
    if scheme is MarkingScheme.NONE:
        return ""
    if not value.strip():
        return "U" if scheme is MarkingScheme.CLASSIFICATION else "TLP:CLEAR"
    mark = parse_mark(value if scheme is MarkingScheme.CLASSIFICATION or ":" in value else f"TLP:{value}")
    if mark is None or mark.scheme is not scheme:
        raise ValidationError(f"'{value}' is not a valid {scheme.value} marking.")
    return mark.portion[1:-1]


def highest(marks: list[Marking]) -> Marking | None:
    """The high-water mark: highest level, with the union of controls at that level and above."""
    if not marks:
        return None
    top = max(marks, key=lambda m: m.rank)
    controls: list[str] = []
    for m in marks:
        for c in m.controls:
            if c not in controls:
                controls.append(c)
    if top.scheme is MarkingScheme.TLP or top.level == "U":
        controls = [] if top.scheme is MarkingScheme.TLP else controls
    return Marking(top.scheme, top.level, tuple(controls))


def default_portion_mark(
    scheme: MarkingScheme, default_marking: str, marking: str | None = None
) -> Marking | None:
    """The mark an unmarked paragraph, heading or list item gets under a brief's marking scheme: ``marking``
    (chosen for one export), else the brief's default, else the lowest level (U, TLP:CLEAR). The .docx writes
    it and the preview shows it."""
    if scheme is MarkingScheme.NONE:
        return None
    mark = parse_mark(marking or default_marking or ("U" if scheme is MarkingScheme.CLASSIFICATION else ""))
    if mark is None and scheme is MarkingScheme.TLP:
        mark = parse_mark(f"TLP:{marking or default_marking or 'CLEAR'}")
    return mark
