"""SQLAlchemy 2.0 typed mappings: the library's schema.

Database-neutral: anything SQLite-specific (FTS5, pragmas, triggers) lives in ``app.storage.sqlite``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


class Base(DeclarativeBase):
    pass


class Source(Base):
    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(32), default="other")
    outlet: Mapped[str] = mapped_column(Text, default="")
    authors: Mapped[str] = mapped_column(Text, default="")
    url: Mapped[str] = mapped_column(Text, default="")
    published: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    accessed: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    language: Mapped[str] = mapped_column(String(35), default="")
    body: Mapped[str] = mapped_column(Text, default="")
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    reliability: Mapped[str] = mapped_column(String(1), default="F")
    descriptor: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    original_filename: Mapped[str] = mapped_column(Text, default="")
    created: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (
        CheckConstraint("reliability IN ('A','B','C','D','E','F')", name="ck_sources_reliability"),
        Index("ix_sources_published", "published"),
        Index("ix_sources_url", "url"),
        Index("ix_sources_kind_published", "kind", "published"),
        Index("ix_sources_reliability", "reliability"),
        Index("ix_sources_outlet", "outlet"),
        Index("ix_sources_title", "title"),
        Index("ix_sources_kind", "kind"),  # 0003
    )


class SourceOriginal(Base):
    """The bytes of the source as captured (kept apart so lists never read them)."""

    __tablename__ = "source_originals"

    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Actor(Base):
    __tablename__ = "actors"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    norm_name: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(Text, default="")
    affiliation: Mapped[str] = mapped_column(Text, default="")
    norm_affiliation: Mapped[str] = mapped_column(Text, default="")
    aliases: Mapped[str] = mapped_column(Text, default="[]")  # JSON list
    created: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (UniqueConstraint("norm_name", "norm_affiliation", name="uq_actors_name_affiliation"),)


class Claim(Base):
    __tablename__ = "claims"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id", ondelete="SET NULL"), nullable=True)
    statement: Mapped[str] = mapped_column(Text, default="")
    quote: Mapped[str] = mapped_column(Text, default="")
    span_start: Mapped[int] = mapped_column(Integer, default=0)
    span_end: Mapped[int] = mapped_column(Integer, default=0)
    said: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    credibility: Mapped[int] = mapped_column(Integer, default=6)
    status: Mapped[str] = mapped_column(String(16), default="unverified")
    notes: Mapped[str] = mapped_column(Text, default="")
    created: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (
        CheckConstraint("credibility BETWEEN 1 AND 6", name="ck_claims_credibility"),
        CheckConstraint(
            "status IN ('unverified','corroborated','disputed','retracted')", name="ck_claims_status"
        ),
        Index("ix_claims_source", "source_id", "span_start"),
        Index("ix_claims_actor_said", "actor_id", "said"),
        Index("ix_claims_said", "said"),
        Index("ix_claims_status_said", "status", "said"),
        Index("ix_claims_credibility", "credibility"),
        Index("ix_claims_actor", "actor_id"),  # 0003
        Index("ix_claims_actor_credibility", "actor_id", "credibility"),  # 0003
    )


class ClaimTag(Base):
    __tablename__ = "claim_tags"

    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True)
    tag: Mapped[str] = mapped_column(Text, primary_key=True)

    __table_args__ = (Index("ix_claim_tags_tag", "tag", "claim_id"),)


class ClaimLink(Base):
    """``from_claim`` <kind> ``to_claim``: claim B (from) denies/corroborates/qualifies claim A (to)."""

    __tablename__ = "claim_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    from_claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    to_claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    note: Mapped[str] = mapped_column(Text, default="")
    created: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (
        CheckConstraint("kind IN ('denies','corroborates','qualifies')", name="ck_links_kind"),
        CheckConstraint("from_claim_id <> to_claim_id", name="ck_links_not_self"),
        UniqueConstraint("from_claim_id", "to_claim_id", name="uq_links_pair"),
        Index("ix_links_to_kind", "to_claim_id", "kind"),
    )


class Brief(Base):
    __tablename__ = "briefs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text, default="")
    marking_scheme: Mapped[str] = mapped_column(String(16), default="none")
    default_marking: Mapped[str] = mapped_column(Text, default="")
    author: Mapped[str] = mapped_column(Text, default="")
    organisation: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="draft")
    summary_statement: Mapped[str] = mapped_column(Text, default="")
    created: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class BriefRevision(Base):
    __tablename__ = "brief_revisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    brief_id: Mapped[int] = mapped_column(ForeignKey("briefs.id", ondelete="CASCADE"))
    body: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(String(16), default="save")
    word_count: Mapped[int] = mapped_column(Integer, default=0)
    created: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (Index("ix_revisions_brief", "brief_id", "id"),)


class BriefCitation(Base):
    """Where a brief cites a claim or a source; rebuilt whenever the body is saved (for where-cited)."""

    __tablename__ = "brief_citations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    brief_id: Mapped[int] = mapped_column(ForeignKey("briefs.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(8))  # claim | source
    ident: Mapped[int] = mapped_column(Integer)
    line: Mapped[int] = mapped_column(Integer)
    col: Mapped[int] = mapped_column(Integer)
    section: Mapped[str] = mapped_column(Text, default="")

    __table_args__ = (
        Index("ix_citations_target", "kind", "ident"),
        Index("ix_citations_brief", "brief_id"),
    )


class BalanceWaiver(Base):
    __tablename__ = "balance_waivers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    brief_id: Mapped[int] = mapped_column(ForeignKey("briefs.id", ondelete="CASCADE"))
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    reason: Mapped[str] = mapped_column(Text)
    created: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (UniqueConstraint("brief_id", "claim_id", name="uq_waivers_brief_claim"),)


# --- structured analysis (issue 15): competing hypotheses, key assumptions ------------------------------


class Hypothesis(Base):
    """A competing hypothesis of a brief's ACH matrix (a column), in the analyst's order."""

    __tablename__ = "hypotheses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    brief_id: Mapped[int] = mapped_column(ForeignKey("briefs.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    created: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (Index("ix_hypotheses_brief", "brief_id", "position"),)


class AchClaim(Base):
    """A claim that is a row of a brief's ACH matrix (cited in the brief or added), in the analyst's order."""

    __tablename__ = "ach_claims"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    brief_id: Mapped[int] = mapped_column(ForeignKey("briefs.id", ondelete="CASCADE"))
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    created: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (
        UniqueConstraint("brief_id", "claim_id", name="uq_ach_claims_brief_claim"),
        Index("ix_ach_claims_claim", "claim_id"),
    )


class AchRating(Base):
    """One cell of an ACH matrix: how consistent a claim is with a hypothesis, on Heuer's scale."""

    __tablename__ = "ach_ratings"

    hypothesis_id: Mapped[int] = mapped_column(
        ForeignKey("hypotheses.id", ondelete="CASCADE"), primary_key=True
    )
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True)
    rating: Mapped[str] = mapped_column(String(2))
    note: Mapped[str] = mapped_column(Text, default="")
    updated: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (
        CheckConstraint("rating IN ('CC','C','N','I','II','NA')", name="ck_ach_ratings_rating"),
        Index("ix_ach_ratings_claim", "claim_id"),
    )


class Assumption(Base):
    """A key assumption of a brief, rated as the key assumptions check does; ``judgment``: the 1-based key
    judgment it underpins, or None for the brief as a whole."""

    __tablename__ = "assumptions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    brief_id: Mapped[int] = mapped_column(ForeignKey("briefs.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    rating: Mapped[str] = mapped_column(String(16))
    why: Mapped[str] = mapped_column(Text, default="")
    judgment: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (
        CheckConstraint("rating IN ('solid','caveated','unsupported')", name="ck_assumptions_rating"),
        CheckConstraint("judgment IS NULL OR judgment >= 1", name="ck_assumptions_judgment"),
        Index("ix_assumptions_brief", "brief_id", "position"),
    )
