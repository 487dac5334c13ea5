"""Plain values that services take and return.

These are frozen dataclasses: they are safe to hand to another thread or a widget, never tied to a session.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, NamedTuple, TypeVar

from app._values import Record, set_field
from app.errors import ValidationError
from app.kinds import Action as Action
from app.kinds import BriefStatus as BriefStatus
from app.kinds import ClaimStatus as ClaimStatus
from app.kinds import DerivationKind as DerivationKind
from app.kinds import Entity as Entity
from app.kinds import LinkKind as LinkKind
from app.kinds import MarkingScheme as MarkingScheme
from app.kinds import SourceKind as SourceKind

T = TypeVar("T")


# The source fields a user edits (dialogs, `briefdesk source edit`), in the order forms show them.
SOURCE_EDITABLE_FIELDS = (
    "title",
    "kind",
    "outlet",
    "authors",
    "url",
    "published",
    "accessed",
    "language",
    "reliability",
    "descriptor",
    "notes",
)

# What an export can write.
EXPORT_FORMATS = ("docx", "md", "html", "stix", "misp")  # stix, misp: app.interop


class AnnexInfo(NamedTuple):  # a named tuple: its class is made ~5x faster than a frozen dataclass's
    """An annex of a .docx as the command line and the export dialog name it: ``key`` (``--no-annex KEY``,
    ``--annex KEY``) and ``label`` (the dialog's check box and the heading "Annex A: label"); ``default``: in
    an export unless left out (False: an optional annex, only when asked for). What it shows and how it is
    written live in ``app.export.docx.annexes`` (a test keeps both lists equal)."""

    key: str
    label: str
    default: bool = True


# The annexes of a .docx, in the order they are lettered (an annex with nothing to show for a brief, such as
# an analysis of competing hypotheses it does not have, is left out and the letters close up).
EXPORT_ANNEX_INFO = (
    AnnexInfo("sources", "Sources"),
    AnnexInfo("claims", "Claims and denials"),
    AnnexInfo("summary", "Source summary statement"),
    AnnexInfo("ach", "Analysis of competing hypotheses"),
    AnnexInfo("assumptions", "Key assumptions"),
    AnnexInfo("timeline", "Who said what, when", default=False),
)
EXPORT_ANNEXES = tuple(a.key for a in EXPORT_ANNEX_INFO)
EXPORT_ANNEXES_DEFAULT = tuple(a.key for a in EXPORT_ANNEX_INFO if a.default)


RELIABILITY_GRADES = "ABCDEF"
CREDIBILITY_GRADES = (1, 2, 3, 4, 5, 6)
RELIABILITY_MEANING = {
    "A": "Completely reliable",
    "B": "Usually reliable",
    "C": "Fairly reliable",
    "D": "Not usually reliable",
    "E": "Unreliable",
    "F": "Reliability cannot be judged",
}
CREDIBILITY_MEANING = {
    1: "Confirmed",
    2: "Probably true",
    3: "Possibly true",
    4: "Doubtful",
    5: "Improbable",
    6: "Truth cannot be judged",
}
ADMIRALTY_RE = re.compile(r"^[A-F][1-6]$")


def credibility_text(credibility: int) -> str:
    """The digit with what the Admiralty code says it means: '6 (truth cannot be judged)', '5 (improbable)'."""
    meaning = CREDIBILITY_MEANING.get(int(credibility))
    return f"{credibility} ({meaning.lower()})" if meaning else str(credibility)


def grade_text(reliability: str, credibility: int | None = None) -> str:
    """A grade in words, as the Admiralty code describes each half: 'B6: source usually reliable; truth
    cannot be judged'."""
    parts = [f"source {RELIABILITY_MEANING.get(reliability, '?').lower()}"]
    if reliability == "F":
        parts = ["source reliability cannot be judged"]
    if credibility is not None:
        meaning = CREDIBILITY_MEANING.get(int(credibility), "?").lower()
        parts.append(meaning if credibility == 6 else f"information {meaning}")
    return f"{reliability}{'' if credibility is None else credibility}: " + "; ".join(parts)


def parse_reliability(value: str | None) -> str:
    text = (value or "").strip().upper()
    if len(text) != 1 or text not in RELIABILITY_GRADES:
        raise ValidationError(f"'{value}' is not a reliability grade; use a letter from A to F.")
    return text


def parse_credibility(value: int | str | None) -> int:
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        raise ValidationError(f"'{value}' is not a credibility grade; use a number from 1 to 6.") from None
    if number not in CREDIBILITY_GRADES:
        raise ValidationError(f"'{value}' is not a credibility grade; use a number from 1 to 6.")
    return number


def parse_date(value: str | dt.date | None, *, what: str = "date") -> dt.date | None:
    """Parse an ISO date (YYYY-MM-DD, or YYYY-MM, YYYY taken as the first day) or return None for empty."""
    if value is None or isinstance(value, dt.date):
        return value.date() if isinstance(value, dt.datetime) else value
    text = str(value).strip()
    if not text:
        return None
    if len(text) == 10 and text[4] == "-":  # the common case, without strptime's cost (bulk imports)
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    for fmt in ("%Y-%m-%d", "%Y-%m", "%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    try:
        return dt.datetime.fromisoformat(text).date()
    except ValueError:
        raise ValidationError(f"'{value}' is not a valid {what}; write the {what} as YYYY-MM-DD.") from None


@dataclass(slots=True, init=False, eq=False, repr=False)
class SourceRecord(Record):
    """A source as stored: its text, where and when it was published, and its reliability."""

    id: int
    title: str
    kind: SourceKind
    outlet: str
    authors: str
    url: str
    published: dt.date | None
    accessed: dt.date | None
    language: str
    body: str
    sha256: str
    reliability: str
    descriptor: str
    notes: str
    created: dt.datetime
    updated: dt.datetime
    claim_count: int = 0
    original_filename: str = ""
    uuid: str = ""
    version: int = 1
    created_by: str = ""
    updated_by: str = ""
    problem: str = ""  # a stored value Briefdesk cannot read (app._rows): "s12 has an invalid kind 'x'"

    def __init__(
        self,
        id: int,  # noqa: A002
        title: str,
        kind: SourceKind,
        outlet: str,
        authors: str,
        url: str,
        published: dt.date | None,
        accessed: dt.date | None,
        language: str,
        body: str,
        sha256: str,
        reliability: str,
        descriptor: str,
        notes: str,
        created: dt.datetime,
        updated: dt.datetime,
        claim_count: int = 0,
        original_filename: str = "",
        uuid: str = "",
        version: int = 1,
        created_by: str = "",
        updated_by: str = "",
        problem: str = "",
    ) -> None:
        set_field(self, "id", id)
        set_field(self, "title", title)
        set_field(self, "kind", kind)
        set_field(self, "outlet", outlet)
        set_field(self, "authors", authors)
        set_field(self, "url", url)
        set_field(self, "published", published)
        set_field(self, "accessed", accessed)
        set_field(self, "language", language)
        set_field(self, "body", body)
        set_field(self, "sha256", sha256)
        set_field(self, "reliability", reliability)
        set_field(self, "descriptor", descriptor)
        set_field(self, "notes", notes)
        set_field(self, "created", created)
        set_field(self, "updated", updated)
        set_field(self, "claim_count", claim_count)
        set_field(self, "original_filename", original_filename)
        set_field(self, "uuid", uuid)
        set_field(self, "version", version)
        set_field(self, "created_by", created_by)
        set_field(self, "updated_by", updated_by)
        set_field(self, "problem", problem)

    @property
    def ref(self) -> str:
        return f"s{self.id}"


@dataclass(slots=True, init=False, eq=False, repr=False)
class ClaimRecord(Record):
    """A claim as lists and briefs show it: what was said, by whom, in which source, and its grades."""

    id: int
    source_id: int
    source_title: str
    source_outlet: str
    source_kind: SourceKind
    source_published: dt.date | None
    source_reliability: str
    actor_id: int | None
    actor_name: str
    actor_role: str
    actor_affiliation: str
    statement: str
    quote: str
    span_start: int
    span_end: int
    said: dt.date | None
    credibility: int
    status: ClaimStatus
    tags: tuple[str, ...]
    notes: str
    created: dt.datetime
    updated: dt.datetime
    denial_count: int = 0
    corroboration_count: int = 0
    source_url: str = ""
    source_accessed: dt.date | None = None
    uuid: str = ""
    version: int = 1
    created_by: str = ""
    updated_by: str = ""
    problem: str = ""  # see app._rows

    def __init__(
        self,
        id: int,  # noqa: A002
        source_id: int,
        source_title: str,
        source_outlet: str,
        source_kind: SourceKind,
        source_published: dt.date | None,
        source_reliability: str,
        actor_id: int | None,
        actor_name: str,
        actor_role: str,
        actor_affiliation: str,
        statement: str,
        quote: str,
        span_start: int,
        span_end: int,
        said: dt.date | None,
        credibility: int,
        status: ClaimStatus,
        tags: tuple[str, ...],
        notes: str,
        created: dt.datetime,
        updated: dt.datetime,
        denial_count: int = 0,
        corroboration_count: int = 0,
        source_url: str = "",
        source_accessed: dt.date | None = None,
        uuid: str = "",
        version: int = 1,
        created_by: str = "",
        updated_by: str = "",
        problem: str = "",
    ) -> None:
        set_field(self, "id", id)
        set_field(self, "source_id", source_id)
        set_field(self, "source_title", source_title)
        set_field(self, "source_outlet", source_outlet)
        set_field(self, "source_kind", source_kind)
        set_field(self, "source_published", source_published)
        set_field(self, "source_reliability", source_reliability)
        set_field(self, "actor_id", actor_id)
        set_field(self, "actor_name", actor_name)
        set_field(self, "actor_role", actor_role)
        set_field(self, "actor_affiliation", actor_affiliation)
        set_field(self, "statement", statement)
        set_field(self, "quote", quote)
        set_field(self, "span_start", span_start)
        set_field(self, "span_end", span_end)
        set_field(self, "said", said)
        set_field(self, "credibility", credibility)
        set_field(self, "status", status)
        set_field(self, "tags", tags)
        set_field(self, "notes", notes)
        set_field(self, "created", created)
        set_field(self, "updated", updated)
        set_field(self, "denial_count", denial_count)
        set_field(self, "corroboration_count", corroboration_count)
        set_field(self, "source_url", source_url)
        set_field(self, "source_accessed", source_accessed)
        set_field(self, "uuid", uuid)
        set_field(self, "version", version)
        set_field(self, "created_by", created_by)
        set_field(self, "updated_by", updated_by)
        set_field(self, "problem", problem)

    @property
    def ref(self) -> str:
        return f"c{self.id}"

    @property
    def grade(self) -> str:
        """Admiralty code: the source's reliability letter plus the claim's credibility digit, e.g. 'B2'."""
        return f"{self.source_reliability}{self.credibility}"

    @property
    def contested(self) -> bool:
        return self.denial_count > 0


@dataclass(slots=True, init=False, eq=False, repr=False)
class LinkRecord(Record):
    """``from_claim`` <kind> ``to_claim``: e.g. claim 7 denies claim 3."""

    id: int
    kind: LinkKind
    from_claim_id: int
    to_claim_id: int
    note: str
    created: dt.datetime
    updated: dt.datetime | None = None
    uuid: str = ""
    version: int = 1
    created_by: str = ""
    updated_by: str = ""
    problem: str = ""  # see app._rows

    def __init__(
        self,
        id: int,  # noqa: A002
        kind: LinkKind,
        from_claim_id: int,
        to_claim_id: int,
        note: str,
        created: dt.datetime,
        updated: dt.datetime | None = None,
        uuid: str = "",
        version: int = 1,
        created_by: str = "",
        updated_by: str = "",
        problem: str = "",
    ) -> None:
        set_field(self, "id", id)
        set_field(self, "kind", kind)
        set_field(self, "from_claim_id", from_claim_id)
        set_field(self, "to_claim_id", to_claim_id)
        set_field(self, "note", note)
        set_field(self, "created", created)
        set_field(self, "updated", updated)
        set_field(self, "uuid", uuid)
        set_field(self, "version", version)
        set_field(self, "created_by", created_by)
        set_field(self, "updated_by", updated_by)
        set_field(self, "problem", problem)


@dataclass(slots=True, init=False, eq=False, repr=False)
class LinkedClaim(Record):
    """One entry of the side-by-side view: a linked claim with the link that joins it."""

    link: LinkRecord
    claim: ClaimRecord

    def __init__(
        self,
        link: LinkRecord,
        claim: ClaimRecord,
    ) -> None:
        set_field(self, "link", link)
        set_field(self, "claim", claim)


@dataclass(slots=True, init=False, eq=False, repr=False)
class ClaimWithLinks(Record):
    """A claim with everything linked to it, for the side-by-side panes.

    ``denials``/``corroborations``/``qualifications``: claims that deny/corroborate/qualify this one.
    ``denies``/``corroborates``/``qualifies``: claims this one denies/corroborates/qualifies.
    """

    claim: ClaimRecord
    denials: tuple[LinkedClaim, ...] = ()
    corroborations: tuple[LinkedClaim, ...] = ()
    qualifications: tuple[LinkedClaim, ...] = ()
    denies: tuple[LinkedClaim, ...] = ()
    corroborates: tuple[LinkedClaim, ...] = ()
    qualifies: tuple[LinkedClaim, ...] = ()

    def __init__(
        self,
        claim: ClaimRecord,
        denials: tuple[LinkedClaim, ...] = (),
        corroborations: tuple[LinkedClaim, ...] = (),
        qualifications: tuple[LinkedClaim, ...] = (),
        denies: tuple[LinkedClaim, ...] = (),
        corroborates: tuple[LinkedClaim, ...] = (),
        qualifies: tuple[LinkedClaim, ...] = (),
    ) -> None:
        set_field(self, "claim", claim)
        set_field(self, "denials", denials)
        set_field(self, "corroborations", corroborations)
        set_field(self, "qualifications", qualifications)
        set_field(self, "denies", denies)
        set_field(self, "corroborates", corroborates)
        set_field(self, "qualifies", qualifies)

    @property
    def contested(self) -> bool:
        return bool(self.denials)


@dataclass(slots=True, init=False, eq=False, repr=False)
class BriefRecord(Record):
    """A brief as stored: its text, markings, author, status and version."""

    id: int
    title: str
    body: str
    marking_scheme: MarkingScheme
    default_marking: str
    author: str
    organisation: str
    status: BriefStatus
    created: dt.datetime
    updated: dt.datetime
    summary_statement: str = ""
    uuid: str = ""
    version: int = 1
    created_by: str = ""
    updated_by: str = ""
    problem: str = ""  # see app._rows

    def __init__(
        self,
        id: int,  # noqa: A002
        title: str,
        body: str,
        marking_scheme: MarkingScheme,
        default_marking: str,
        author: str,
        organisation: str,
        status: BriefStatus,
        created: dt.datetime,
        updated: dt.datetime,
        summary_statement: str = "",
        uuid: str = "",
        version: int = 1,
        created_by: str = "",
        updated_by: str = "",
        problem: str = "",
    ) -> None:
        set_field(self, "id", id)
        set_field(self, "title", title)
        set_field(self, "body", body)
        set_field(self, "marking_scheme", marking_scheme)
        set_field(self, "default_marking", default_marking)
        set_field(self, "author", author)
        set_field(self, "organisation", organisation)
        set_field(self, "status", status)
        set_field(self, "created", created)
        set_field(self, "updated", updated)
        set_field(self, "summary_statement", summary_statement)
        set_field(self, "uuid", uuid)
        set_field(self, "version", version)
        set_field(self, "created_by", created_by)
        set_field(self, "updated_by", updated_by)
        set_field(self, "problem", problem)

    @property
    def ref(self) -> str:
        return f"b{self.id}"


@dataclass(slots=True, init=False, eq=False, repr=False)
class WaiverRecord(Record):
    """Why a brief may cite a claim with an open denial and no denial cited beside it."""

    id: int
    brief_id: int
    claim_id: int
    reason: str
    created: dt.datetime

    def __init__(
        self,
        id: int,  # noqa: A002
        brief_id: int,
        claim_id: int,
        reason: str,
        created: dt.datetime,
    ) -> None:
        set_field(self, "id", id)
        set_field(self, "brief_id", brief_id)
        set_field(self, "claim_id", claim_id)
        set_field(self, "reason", reason)
        set_field(self, "created", created)


@dataclass(slots=True, init=False, eq=False, repr=False)
class Citation(Record):
    """One key inside a citation in a brief body: ``[@c12; @s3]`` holds two."""

    key: str  # "c12" or "s3"
    kind: str  # "claim" or "source"
    ident: int
    line: int  # 1-based
    column: int  # 1-based, of the '@'
    start: int  # offset of the key's '@' in the body
    end: int  # offset just after the key
    group_start: int  # offset of the '[' of the whole bracket
    group_end: int  # offset just after the ']'
    section: str = ""  # nearest heading above, '' before any

    def __init__(
        self,
        key: str,
        kind: str,
        ident: int,
        line: int,
        column: int,
        start: int,
        end: int,
        group_start: int,
        group_end: int,
        section: str = "",
    ) -> None:
        set_field(self, "key", key)
        set_field(self, "kind", kind)
        set_field(self, "ident", ident)
        set_field(self, "line", line)
        set_field(self, "column", column)
        set_field(self, "start", start)
        set_field(self, "end", end)
        set_field(self, "group_start", group_start)
        set_field(self, "group_end", group_end)
        set_field(self, "section", section)


@dataclass(slots=True, init=False, eq=False, repr=False)
class Change(Record, Generic[T]):
    """What one service call changed: enough for every open view to refresh and for undo.

    ``entity`` and ``action`` are an ``Entity`` and an ``Action`` (given as their strings, they are turned
    into them here, once; an unknown one is refused). ``before``/``after``: the record before and after
    (None where it did not exist). ``affected``: other records touched, as (Entity, id) pairs, e.g. both
    ends of a link.
    """

    entity: Entity
    action: Action
    id: int
    before: T | None = None
    after: T | None = None
    affected: tuple[tuple[Entity, int], ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

    def __init__(
        self,
        entity: Entity | str,
        action: Action | str,
        id: int,  # noqa: A002 - the record's id, as everywhere else
        before: T | None = None,
        after: T | None = None,
        affected: Iterable[tuple[Entity | str, int]] = (),
        extra: dict[str, Any] | None = None,
    ) -> None:
        set_field(self, "entity", Entity(entity))
        set_field(self, "action", Action(action))
        set_field(self, "id", id)
        set_field(self, "before", before)
        set_field(self, "after", after)
        set_field(self, "affected", tuple((Entity(e), i) for e, i in affected))
        set_field(self, "extra", {} if extra is None else extra)

    @property
    def stored(self) -> T:
        """The record as stored after the change (``after``), for a change that leaves one: created,
        updated, restored, existing, unchanged. A delete has none: asking is a programming error."""
        if self.after is None:
            raise ValueError(f"{self.entity} {self.id} was {self.action}: no record is stored after it")
        return self.after
