"""Plain values of lists, filters and search hits, and of a brief's history and edit locks.

Frozen dataclasses like those of app.domain, kept apart from it: a command that reads and exports one brief
creates none of these, and a frozen, slotted dataclass costs ~0.6 ms to create at import (Python 3.11
compiles its generated methods), so the classes are made only by the services and views that return them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Generic, TypeVar

from app.domain import BriefStatus, ClaimStatus, MarkingScheme, SourceKind

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class SourceSummary:
    """A row for source lists: no body."""

    id: int
    title: str
    kind: SourceKind
    outlet: str
    published: dt.date | None
    reliability: str
    url: str = ""
    claim_count: int = 0
    problem: str = ""  # see app._rows

    @property
    def ref(self) -> str:
        return f"s{self.id}"


@dataclass(frozen=True, slots=True)
class ActorRecord:
    id: int
    name: str
    role: str
    affiliation: str
    aliases: tuple[str, ...] = ()
    claim_count: int = 0
    created: dt.datetime | None = None
    updated: dt.datetime | None = None
    uuid: str = ""
    version: int = 1
    created_by: str = ""
    updated_by: str = ""
    problem: str = ""  # see app._rows

    @property
    def label(self) -> str:
        """'Name, role (affiliation)' as a note or a pane shows it."""
        parts = [self.name]
        if self.role:
            parts.append(self.role)
        text = ", ".join(parts)
        if self.affiliation:
            text += f" ({self.affiliation})"
        return text


@dataclass(frozen=True, slots=True)
class BriefSummary:
    id: int
    title: str
    status: BriefStatus
    marking_scheme: MarkingScheme
    default_marking: str
    updated: dt.datetime
    author: str = ""
    updated_by: str = ""
    version: int = 1
    problem: str = ""  # see app._rows


@dataclass(frozen=True, slots=True)
class RevisionRecord:
    id: int
    brief_id: int
    body: str
    reason: str  # "save", "autosave", "restore"
    created: dt.datetime
    word_count: int = 0
    uuid: str = ""
    version: int = 1
    created_by: str = ""
    updated_by: str = ""
    problem: str = ""  # see app._rows


@dataclass(frozen=True, slots=True)
class BriefLockRecord:
    """Who is editing a brief's text, since when; ``mine``: held by this open library (this window)."""

    brief_id: int
    holder: str
    acquired: dt.datetime
    heartbeat: dt.datetime
    mine: bool = False


@dataclass(frozen=True, slots=True)
class SaveState:
    """How a brief's stored body was last written: ``reason`` "autosave" when an autosave stored text that no
    explicit save (a revision) holds, e.g. after a crash; else the newest revision's reason. UTC time.
    ``in_revisions``: the stored body is also the newest revision (False: only the brief itself holds it)."""

    brief_id: int
    saved_at: dt.datetime
    reason: str
    in_revisions: bool = True


@dataclass(frozen=True, slots=True)
class WhereCited:
    brief_id: int
    brief_title: str
    claim_id: int
    line: int
    column: int
    section: str


@dataclass(frozen=True, slots=True)
class SearchHit:
    entity: str  # "source", "claim", "actor"
    id: int
    title: str  # source title, claim statement, actor name
    snippet: str  # with the matches between \x02 and \x03 markers (see app.search)
    rank: float

    @property
    def ref(self) -> str:
        return {"source": "s", "claim": "c", "actor": "a"}[self.entity] + str(self.id)


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: tuple[T, ...]
    total: int  # -1: not counted
    offset: int
    limit: int
    estimated: bool = False  # the total is an estimate (a list asked for with_total="estimate")


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    source_id: int | None = None
    actor_id: int | None = None
    actor_name: str | None = None
    tag: str | None = None
    status: ClaimStatus | None = None
    contested: bool = False
    said_from: dt.date | None = None
    said_to: dt.date | None = None
    text: str | None = None  # full-text restriction (search syntax)
    # "independent": a corroborating claim with an origin of its own is on file (app.provenance);
    # "single": nothing independent corroborates it (everything behind it is one origin)
    corroboration: str | None = None


CORROBORATION_FILTERS = {
    "independent": "Independently corroborated",
    "single": "Single origin",
}


@dataclass(frozen=True, slots=True)
class SourceFilter:
    kind: SourceKind | None = None
    reliability: str | None = None
    outlet: str | None = None
    published_from: dt.date | None = None
    published_to: dt.date | None = None
    text: str | None = None
