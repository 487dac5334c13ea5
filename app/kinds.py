"""The kinds a record can be of (sources, claims, links, derivations, markings, briefs) and what a change is
about and did: string enums, each with the ``parse`` that reads what a user typed.

Re-exported by app.domain, where every service and view imports them from; kept apart so that app.domain stays
under the house's file length.
"""

from __future__ import annotations

import enum

from app.errors import ValidationError


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
