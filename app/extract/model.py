"""What an extractor proposes: attributed claims and denials, each with its verbatim quote and span."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Protocol


@dataclass(frozen=True)
class ReportProposal:
    """A proposed reported-from link for a drafted claim.

    ``origin_name``: X as the text names it ("the defence ministry", "a Western official", "Reuters");
    ``cue``: the words that make it a report ("according to", "citing", "told", "a report by", "reported");
    ``claim_id``: an existing claim of X's that says the same thing (the link goes there), else None (an
    original that did not survive, named after X); ``claim_label``: that claim as a list shows it;
    ``start``/``end``: where the text names X."""

    origin_name: str
    cue: str
    start: int
    end: int
    claim_id: int | None = None
    claim_label: str = ""

    @property
    def phrase(self) -> str:
        """The cue as the text puts it: 'according to the ministry', 'a Western official told', 'a Tass
        report'."""
        if self.cue in ("told", "reported"):
            return f"{self.origin_name} {self.cue}"
        if self.cue == "report":
            return f"a {self.origin_name} report"
        return f"{self.cue} {self.origin_name}"

    def to_json(self) -> dict[str, Any]:
        return {
            "origin_name": self.origin_name,
            "cue": self.cue,
            "start": self.start,
            "end": self.end,
            "claim_id": self.claim_id,
            "claim_label": self.claim_label,
        }


@dataclass(frozen=True)
class Proposal:
    """One drafted claim (or denial) the analyst accepts, edits or rejects."""

    key: str  # "p1", "p2", ... stable within one extraction
    kind: str  # "claim" | "denial"
    quote: str  # verbatim: the source body's text[start:end]
    start: int
    end: int
    statement: str  # the analyst's normalised wording, drafted
    actor: str  # speaker as resolved: "Dana Reyes", or collective: "Officials in the capital"
    role: str
    affiliation: str
    said: dt.date | None  # the date said, when the text gives one
    denies: str | None  # a denial: key of the proposal it answers
    denies_claim_id: int | None  # ... or an existing claim of the source it answers
    cue: str  # the words that triggered it: "said", "according to", "denied"
    confidence: float  # 0..1
    # not first hand: a proposed reported-from link ("according to X"; app.extract.reported), or None
    reports: ReportProposal | None = None

    def to_json(self) -> dict[str, object]:
        return {
            "key": self.key,
            "kind": self.kind,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "statement": self.statement,
            "actor": self.actor,
            "role": self.role,
            "affiliation": self.affiliation,
            "said": self.said.isoformat() if self.said else None,
            "denies": self.denies,
            "denies_claim_id": self.denies_claim_id,
            "cue": self.cue,
            "confidence": round(self.confidence, 2),
            "reports": self.reports.to_json() if self.reports is not None else None,
        }


@dataclass(frozen=True)
class Extraction:
    source_id: int
    proposals: tuple[Proposal, ...]
    skipped: tuple[str, ...] = ()  # quotes left out because the source already has them as claims
    extractor: str = "rules"
    notice: str = ""  # what the analyst should know: a language drafting does not read, a source with no date
    unattributed: tuple[
        str, ...
    ] = ()  # sentences reporting speech whose speaker the extractor could not name

    @property
    def claims(self) -> tuple[Proposal, ...]:
        return tuple(p for p in self.proposals if p.kind == "claim")

    @property
    def denials(self) -> tuple[Proposal, ...]:
        return tuple(p for p in self.proposals if p.kind == "denial")


class Extractor(Protocol):
    """The interface a stronger model can implement later: text in, proposals out, nothing downloaded."""

    name: str

    def propose(self, text: str, *, published: dt.date | None = None) -> list[Proposal]: ...
