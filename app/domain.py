"""Plain values that services take and return.

These are frozen dataclasses: they are safe to hand to another thread or a widget, never tied to a session.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Generic, NamedTuple, TypeVar

from app._values import Value
from app.errors import ValidationError

T = TypeVar("T")


class SourceKind(enum.StrEnum):
    NEWS_ARTICLE = "news article"
    OFFICIAL_STATEMENT = "official statement"
    TRANSCRIPT = "transcript"
    REPORT = "report"
    SOCIAL_MEDIA_POST = "social media post"
    DATASET = "dataset"
    OTHER = "other"

    @classmethod
    def parse(cls, value: str | SourceKind) -> SourceKind:
        if isinstance(value, SourceKind):
            return value
        norm = " ".join(str(value).strip().lower().replace("_", " ").replace("-", " ").split())
        aliases = {
            "news": "news article",
            "article": "news article",
            "statement": "official statement",
            "social": "social media post",
            "post": "social media post",
            "tweet": "social media post",
        }
        norm = aliases.get(norm, norm)
        for kind in cls:
            if kind.value == norm:
                return kind
        choices = ", ".join(k.value for k in cls)
        raise ValidationError(f"'{value}' is not a kind of source; use one of: {choices}.")


class ClaimStatus(enum.StrEnum):
    UNVERIFIED = "unverified"
    CORROBORATED = "corroborated"
    DISPUTED = "disputed"
    RETRACTED = "retracted"

    @classmethod
    def parse(cls, value: str | ClaimStatus) -> ClaimStatus:
        if isinstance(value, ClaimStatus):
            return value
        norm = str(value).strip().lower()
        for status in cls:
            if status.value == norm:
                return status
        raise ValidationError(
            f"'{value}' is not a claim status; use one of: {', '.join(s.value for s in cls)}."
        )


class LinkKind(enum.StrEnum):
    """``B <kind> A``: the link's ``from_claim`` (B) denies/corroborates/qualifies its ``to_claim`` (A)."""

    DENIES = "denies"
    CORROBORATES = "corroborates"
    QUALIFIES = "qualifies"

    @classmethod
    def parse(cls, value: str | LinkKind) -> LinkKind:
        if isinstance(value, LinkKind):
            return value
        norm = str(value).strip().lower()
        aliases = {
            "deny": "denies",
            "denial": "denies",
            "corroborate": "corroborates",
            "corroboration": "corroborates",
            "qualify": "qualifies",
            "qualification": "qualifies",
        }
        norm = aliases.get(norm, norm)
        for kind in cls:
            if kind.value == norm:
                return kind
        raise ValidationError(f"'{value}' is not a kind of link; use denies, corroborates or qualifies.")


class DerivationKind(enum.StrEnum):
    """How source B derives from source A. ``rewrites``, ``translates`` and ``reposts`` carry the whole of A's
    content (every claim in B came from A); ``quotes`` and ``cites`` carry part of it (only B's claims that
    match a claim of A came from A)."""

    REWRITES = "rewrites"
    QUOTES = "quotes"
    TRANSLATES = "translates"
    REPOSTS = "reposts"
    CITES = "cites"

    @property
    def whole(self) -> bool:
        return self in (DerivationKind.REWRITES, DerivationKind.TRANSLATES, DerivationKind.REPOSTS)

    @classmethod
    def parse(cls, value: str | DerivationKind) -> DerivationKind:
        if isinstance(value, DerivationKind):
            return value
        norm = str(value).strip().lower()
        aliases = {
            "rewrite": "rewrites",
            "rewritten": "rewrites",
            "quote": "quotes",
            "quoted": "quotes",
            "translate": "translates",
            "translation": "translates",
            "translated": "translates",
            "repost": "reposts",
            "reposted": "reposts",
            "cite": "cites",
            "cited": "cites",
        }
        norm = aliases.get(norm, norm)
        for kind in cls:
            if kind.value == norm:
                return kind
        raise ValidationError(
            f"'{value}' is not a kind of derivation; use one of: {', '.join(k.value for k in cls)}."
        )


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


class MarkingScheme(enum.StrEnum):
    NONE = "none"
    CLASSIFICATION = "classification"
    TLP = "tlp"

    @classmethod
    def parse(cls, value: str | MarkingScheme) -> MarkingScheme:
        if isinstance(value, MarkingScheme):
            return value
        norm = str(value).strip().lower()
        if norm in ("class", "classified", "us"):
            norm = "classification"
        for scheme in cls:
            if scheme.value == norm:
                return scheme
        raise ValidationError(f"'{value}' is not a marking scheme; use none, classification or tlp.")


class BriefStatus(enum.StrEnum):
    DRAFT = "draft"
    FINAL = "final"

    @classmethod
    def parse(cls, value: str | BriefStatus) -> BriefStatus:
        if isinstance(value, BriefStatus):
            return value
        norm = str(value).strip().lower()
        for status in cls:
            if status.value == norm:
                return status
        raise ValidationError(f"'{value}' is not a brief status; use draft or final.")


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


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class SourceRecord(Value):
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

    @property
    def ref(self) -> str:
        return f"s{self.id}"


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class ClaimRecord(Value):
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


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class LinkRecord(Value):
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


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class LinkedClaim(Value):
    """One entry of the side-by-side view: a linked claim with the link that joins it."""

    link: LinkRecord
    claim: ClaimRecord


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class ClaimWithLinks(Value):
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

    @property
    def contested(self) -> bool:
        return bool(self.denials)


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class BriefRecord(Value):
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

    @property
    def ref(self) -> str:
        return f"b{self.id}"


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class WaiverRecord(Value):
    """Why a brief may cite a claim with an open denial and no denial cited beside it."""

    id: int
    brief_id: int
    claim_id: int
    reason: str
    created: dt.datetime


@dataclass(frozen=True, slots=True, eq=False, repr=False)
class Citation(Value):
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


class Entity(enum.StrEnum):
    """What kind of record a Change is about."""

    SOURCE = "source"
    ACTOR = "actor"
    CLAIM = "claim"
    LINK = "link"
    BRIEF = "brief"
    WAIVER = "waiver"
    DERIVATION = "derivation"  # one source derived from another (provenance)
    REPORT = "report"  # a claim reported from another (provenance)
    HYPOTHESIS = "hypothesis"
    ACH_ROW = "ach_row"
    ACH_RATING = "ach_rating"
    ASSUMPTION = "assumption"
    LOCK = "lock"  # a brief's edit lock (taken or given back; the id is the brief's)


class Action(enum.StrEnum):
    """What a service call did to it."""

    CREATED = "created"
    UPDATED = "updated"
    DELETED = "deleted"
    RESTORED = "restored"  # an undone delete: the same id back
    LINKED = "linked"
    UNLINKED = "unlinked"
    MERGED = "merged"  # two actors made one: the change is the one kept
    UNMERGED = "unmerged"  # a merge undone: the merged actor back with its id
    EXISTING = "existing"  # asked to create what is there already: nothing written
    UNCHANGED = "unchanged"  # asked to change it to what it is: nothing written


@dataclass(frozen=True, slots=True, init=False, eq=False, repr=False)
class Change(Value, Generic[T]):
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
        object.__setattr__(self, "entity", Entity(entity))
        object.__setattr__(self, "action", Action(action))
        object.__setattr__(self, "id", id)
        object.__setattr__(self, "before", before)
        object.__setattr__(self, "after", after)
        object.__setattr__(self, "affected", tuple((Entity(e), i) for e, i in affected))
        object.__setattr__(self, "extra", {} if extra is None else extra)

    @property
    def stored(self) -> T:
        """The record as stored after the change (``after``), for a change that leaves one: created,
        updated, restored, existing, unchanged. A delete has none: asking is a programming error."""
        if self.after is None:
            raise ValueError(f"{self.entity} {self.id} was {self.action}: no record is stored after it")
        return self.after
