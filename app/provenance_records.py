"""The values of provenance (``lib.provenance``, app.provenance): how one source derives from another, which
claim a claim is reported from, and the chains and graphs built from those links. Plain frozen values like the
rest of app.domain (which holds ``DerivationKind``), kept apart from it: a command that exports a brief whose
claims have no recorded provenance creates none of these classes (each costs ~0.6 ms at import).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.domain import DerivationKind


@dataclass(frozen=True, slots=True)
class DerivationRecord:
    """Source ``source_id`` <kind> source ``derived_from_id`` (s7 rewrites s3), recorded by whom and when."""

    id: int
    source_id: int
    derived_from_id: int
    kind: DerivationKind
    note: str
    created_by: str
    created: dt.datetime
    source_title: str = ""
    source_outlet: str = ""
    derived_from_title: str = ""
    derived_from_outlet: str = ""
    uuid: str = ""
    version: int = 1
    updated_by: str = ""
    updated: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class ReportRecord:
    """Claim ``claim_id`` is reported from claim ``reported_from_id``, or (None) from an original that did not
    survive, named ``origin_name`` ("a Western official"); recorded by whom and when."""

    claim_id: int
    reported_from_id: int | None
    origin_name: str
    origin_actor_id: int | None
    note: str
    created_by: str
    created: dt.datetime
    uuid: str = ""
    version: int = 1
    updated_by: str = ""
    updated: dt.datetime | None = None

    @property
    def lost_original(self) -> bool:
        return self.reported_from_id is None


@dataclass(frozen=True, slots=True)
class ProvenanceNode:
    """One node of a provenance chain: a claim (``key`` "c12"), a source whose content travelled without a
    matching claim recorded in it ("s3"), or an original that did not survive ("p12": the one claim 12
    reports). ``source_id``/``span_*`` open the source at the quote (claims only)."""

    key: str
    kind: str  # "claim" | "source" | "lost"
    id: int | None
    speaker: str
    source_id: int | None
    source_title: str
    source_outlet: str
    statement: str = ""
    span_start: int = 0
    span_end: int = 0
    origin: bool = False  # nothing further back is known: an origin

    @property
    def label(self) -> str:
        """'c12 Ministry of Defence (Northwire)' as a chain or a graph shows it."""
        if self.kind == "lost":
            return f"{self.speaker or 'unnamed'} (no surviving original)"
        where = self.source_outlet or self.source_title
        if self.kind == "source":
            return f"{self.key} {where}".strip()
        who = self.speaker or "unattributed"
        return f"{self.key} {who}" + (f" ({where})" if where and where != who else "")


@dataclass(frozen=True, slots=True)
class ProvenanceHop:
    """``later`` came from ``earlier`` (node keys): reported from, or a source derivation (rewrites, ...),
    recorded by ``recorded_by`` on ``recorded``. ``via``: the derivation as 's7 rewrites s3' ('' for a
    report)."""

    later: str
    earlier: str
    relation: str  # "reported from" or a DerivationKind value
    via: str = ""
    recorded_by: str = ""
    recorded: dt.datetime | None = None


@dataclass(frozen=True, slots=True)
class ClaimOrigins:
    """Where a claim came from: every node and hop back to its origins (``nodes[0]`` is the claim),
    the origins (keys), the hearsay depth (the most hands between the claim and an origin: 0 when it is
    its own origin) and the origins grouped so that each group is one independent origin."""

    claim_id: int
    nodes: tuple[ProvenanceNode, ...]
    hops: tuple[ProvenanceHop, ...]
    origins: tuple[str, ...]
    depth: int
    independent: tuple[tuple[str, ...], ...]

    def node(self, key: str) -> ProvenanceNode:
        for n in self.nodes:
            if n.key == key:
                return n
        raise KeyError(key)

    @property
    def independent_count(self) -> int:
        return len(self.independent)


@dataclass(frozen=True, slots=True)
class SourceProvenance:
    """A source with what it derives from and what derives from it: the direct links, and the whole derived
    chain as a graph (``nodes``: sources, ``nodes[0]`` this one; ``hops``: later -> earlier), and ``roots``:
    the sources at the top of its chain (itself when it derives from nothing)."""

    source_id: int
    derived_from: tuple[DerivationRecord, ...]
    derived_by: tuple[DerivationRecord, ...]
    nodes: tuple[ProvenanceNode, ...]
    hops: tuple[ProvenanceHop, ...]
    roots: tuple[int, ...]
