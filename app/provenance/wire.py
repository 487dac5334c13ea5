"""Wire credits: a page whose text names the agency it came from proposes a derived-from link.

``credits(text, outlet=...)`` finds the agencies a text credits: a dateline credit ("KESSEL, March 3
(Northwire) -"), an inline one ("(Reuters) - "), or a sentence naming an agency's reporting ("AFP reported",
"according to Reuters", "a Reuters report said", "told the Associated Press"). An agency is a known news agency
or the outlet of a source already in the library; a text crediting its own outlet credits nothing.

``propose(lib, source_id)`` turns them into proposals: the library's story from that agency the page most
resembles (wording, then date), as ``reposts`` when nearly the same words, ``rewrites`` for a dateline credit,
``cites`` for a mention in the text; or, when the library holds no story from the agency, a proposal naming it
with no source to link (import the agency's story, then record the link). Read-only: the analyst records
what they accept (``lib.provenance.derive``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from app._text import norm_key
from app.provenance.graph import similarity

# News agencies, with the other names their credits use (lower case, as compared).
AGENCIES: dict[str, tuple[str, ...]] = {
    "Reuters": ("reuters", "thomson reuters"),
    "Associated Press": ("associated press", "ap", "the associated press"),
    "AFP": ("afp", "agence france-presse", "agence france presse"),
    "Bloomberg": ("bloomberg", "bloomberg news"),
    "dpa": ("dpa", "deutsche presse-agentur"),
    "ANSA": ("ansa",),
    "EFE": ("efe",),
    "Xinhua": ("xinhua", "xinhua news agency"),
    "TASS": ("tass",),
    "RIA Novosti": ("ria novosti", "ria"),
    "Interfax": ("interfax",),
    "Kyodo": ("kyodo", "kyodo news"),
    "Yonhap": ("yonhap", "yonhap news agency"),
    "Press Trust of India": ("pti", "press trust of india"),
    "ANI": ("ani", "asian news international"),
    "UPI": ("upi", "united press international"),
    "Anadolu": ("anadolu", "anadolu agency", "aa"),
    "IRNA": ("irna",),
    "PA Media": ("pa media", "pa", "press association"),
    "AAP": ("aap", "australian associated press"),
    "Canadian Press": ("the canadian press", "canadian press", "cp"),
    "Ukrinform": ("ukrinform",),
}
# Short names that are also ordinary words or initials: credited only in a dateline, never in running text.
DATELINE_ONLY = {"ap", "pa", "aa", "cp", "ria", "ani"}

_DATELINE = re.compile(
    r"(?m)^[ \t]*(?:[A-Z][A-Z.'\-]+(?:[ \t]+[A-Z][A-Z.'\-]+){0,3})?(?:,[ \t]*[^()\n]{1,40}?)?[ \t]*"
    r"(?:[-\u2013\u2014][ \t]*)?\((?P<a>[A-Za-z][\w .&'\-]{1,40})\)[ \t]*[-\u2013\u2014:]"
)
_MENTIONS = (
    ("reported", r"(?P<a>{names})\s+(?:news\s+agency\s+)?(?:reported|said\s+in\s+a\s+report|quoted)\b"),
    ("according to", r"\baccording\s+to\s+(?:the\s+)?(?P<a>{names})\b(?!\s+(?:official|spokes|minister))"),
    ("report", r"\b[Aa]n?\s+(?P<a>{names})\s+report\b"),
    ("told", r"\btold\s+(?:the\s+)?(?P<a>{names})\b"),
    ("reported by", r"\breported\s+by\s+(?:the\s+)?(?P<a>{names})\b"),
)


@dataclass(frozen=True, slots=True)
class WireCredit:
    agency: str  # as the library or the agency list spells it: "Reuters", "Northwire"
    cue: str  # "dateline", "reported", "according to", "report", "told", "reported by"
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class DerivationProposal:
    """A proposed derived-from link for an imported page: it credits ``agency`` (``cue``, at ``start``);
    ``derived_from_id``: the library's story from that agency it most resembles (None: the library has none),
    ``kind``: how it derives, ``resemblance``: the share of word sequences the two have in common (0-1)."""

    source_id: int
    agency: str
    cue: str
    start: int
    end: int
    kind: str
    derived_from_id: int | None = None
    derived_from_title: str = ""
    resemblance: float = 0.0

    @property
    def text(self) -> str:
        """'s14 credits Reuters: it reposts s3 (Troops leave Varn)' as a report shows it."""
        where = f"s{self.source_id} credits {self.agency} ({self.cue})"
        if self.derived_from_id is None:
            return f"{where}; the library has no {self.agency} story to link it to"
        return f"{where}: it probably {self.kind} s{self.derived_from_id} ({self.derived_from_title})"

    def to_json(self) -> dict[str, Any]:
        return {
            "source_id": self.source_id,
            "agency": self.agency,
            "cue": self.cue,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "derived_from_id": self.derived_from_id,
            "derived_from_title": self.derived_from_title,
            "resemblance": round(self.resemblance, 2),
            "text": self.text,
        }


def _names(outlets: tuple[str, ...]) -> dict[str, str]:
    """Every spelling (lower case) -> the agency's name."""
    out = {alias: name for name, aliases in AGENCIES.items() for alias in aliases}
    for o in outlets:
        key = norm_key(o)
        if key and len(key) > 2:
            out.setdefault(key, o)
    return out


def credits(text: str, *, outlet: str = "", outlets: tuple[str, ...] = ()) -> list[WireCredit]:
    """The agencies ``text`` credits, first mention first (each agency once). ``outlet``: the text's own
    outlet (never a credit); ``outlets``: outlets of the library's sources, credited like agencies."""
    names = _names(outlets)
    own = norm_key(outlet)
    own_names = {own} | (
        {a for name, aliases in AGENCIES.items() for a in aliases if norm_key(name) == own} if own else set()
    )
    found: dict[str, WireCredit] = {}
    head = text[:20_000]  # a credit sits in the dateline or the story itself, not in page furniture far below
    for m in _DATELINE.finditer(head):
        key = norm_key(m.group("a"))
        name = names.get(key)
        if name and key not in own_names and norm_key(name) not in own_names:
            found.setdefault(name, WireCredit(name, "dateline", m.start("a"), m.end("a")))
    spelled = sorted((k for k in names if k not in DATELINE_ONLY), key=len, reverse=True)
    if spelled:
        alternation = "|".join(re.escape(k) for k in spelled)
        for cue, template in _MENTIONS:
            pattern = re.compile(template.format(names=alternation), re.I)
            for m in pattern.finditer(head):
                key = norm_key(m.group("a"))
                name = names.get(key)
                if name and key not in own_names and norm_key(name) not in own_names:
                    found.setdefault(name, WireCredit(name, cue, m.start("a"), m.end("a")))
    return sorted(found.values(), key=lambda c: c.start)


def _shingles(text: str, n: int = 3) -> frozenset[str]:
    w = re.findall(r"[^\W_]+", text.casefold())[:3000]
    return frozenset(" ".join(w[i : i + n]) for i in range(max(0, len(w) - n + 1)))


def propose(lib: Any, source_id: int) -> list[DerivationProposal]:
    """Derived-from proposals for a source from the wire credits in its text (read-only)."""
    src = lib.sources.get(source_id)
    existing = {d.derived_from_id for d in lib.provenance.derivations(source_id).derived_from}
    outlets = lib.provenance.outlets()
    out: list[DerivationProposal] = []
    mine: frozenset[str] | None = None
    for credit in credits(src.body, outlet=src.outlet, outlets=outlets):
        keys = {norm_key(credit.agency)} | {
            a for name, aliases in AGENCIES.items() if name == credit.agency for a in aliases
        }
        candidates = [
            s for s in lib.provenance.sources_from(k for k in keys if len(k) > 2) if s.id != source_id
        ]
        best: tuple[float, float, Any] | None = None
        for cand in {c.id: c for c in candidates}.values():
            if mine is None:
                mine = _shingles(src.body)
            other = _shingles(lib.sources.get(cand.id).body)
            sim = similarity(mine, other)
            days = abs((src.published - cand.published).days) if src.published and cand.published else 30
            closeness = -min(days, 365)
            if best is None or (sim, closeness) > (best[0], best[1]):
                best = (sim, closeness, cand)
        if best is not None and best[2].id in existing:
            continue  # already recorded
        if credit.cue == "dateline":
            kind = "reposts" if best is not None and best[0] >= 0.8 else "rewrites"
        else:
            kind = "reposts" if best is not None and best[0] >= 0.8 else "cites"
        if best is None:
            out.append(
                DerivationProposal(source_id, credit.agency, credit.cue, credit.start, credit.end, kind)
            )
        else:
            out.append(
                DerivationProposal(
                    source_id,
                    credit.agency,
                    credit.cue,
                    credit.start,
                    credit.end,
                    kind,
                    best[2].id,
                    best[2].title,
                    best[0],
                )
            )
    return out
