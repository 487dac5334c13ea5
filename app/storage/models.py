"""SQLAlchemy 2.0 typed mappings: the library's schema.

Database-neutral: anything SQLite-specific (FTS5, pragmas, triggers) lives in ``app.storage.sqlite``.
"""

from __future__ import annotations

import datetime as dt
import uuid as uuid_mod
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import (
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column
from sqlalchemy.sql import FromClause

# Dates read leniently: a malformed stored value becomes app.storage.types.Unreadable, not an exception
# that fails a whole list (see that module). Every Date/DateTime column below uses them.
from app.storage.types import LenientDate as Date
from app.storage.types import LenientDateTime as DateTime


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def new_uuid() -> str:
    return str(uuid_mod.uuid4())


class Base(DeclarativeBase):
    pass


class Tracked:
    """A stable global id, an edit version and who/when (migration 0005), on every source, actor, claim,
    link, brief and revision.

    - ``uuid``: random (v4), given at creation and kept by copies (``briefdesk library copy``), so records
      from two libraries can be told apart and matched; unique. Stored natively on PostgreSQL, as 32 hex
      digits on SQLite; read and written as the canonical text form.
    - ``version``: 1 at creation, one more at every change (services call ``touch``). SQLAlchemy checks it
      in the UPDATE's WHERE (``version_id_col``), so two writers that read the same version cannot both
      win; services also compare it with the version the user edited (``if_version``) for a plain
      "changed by ... at ..." refusal (``app.errors.StaleEditError``).
    - ``created_by``/``updated_by``: the user name (``BRIEFDESK_USER`` or the OS user, ``Library.user``);
      '' for records made before 0005. ``created``/``updated`` are the UTC times.
    """

    uuid: Mapped[str] = mapped_column(Uuid(as_uuid=False), default=new_uuid)
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_by: Mapped[str] = mapped_column(Text, default="")
    updated_by: Mapped[str] = mapped_column(Text, default="")

    if TYPE_CHECKING:
        __table__: ClassVar[FromClause]

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805
        return {"version_id_col": cls.__table__.c.version, "version_id_generator": False}


def touch(row: Tracked, user: str, now: dt.datetime | None = None) -> None:
    """Mark ``row`` changed by ``user``: one version more, ``updated``/``updated_by`` set."""
    row.version = (row.version or 0) + 1
    row.updated = now or utcnow()  # type: ignore[attr-defined]
    row.updated_by = user


class Source(Tracked, Base):
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
        Index("uq_sources_uuid", "uuid", unique=True),  # 0005
    )


class SourceOriginal(Base):
    """The bytes of the source as captured (kept apart so lists never read them)."""

    __tablename__ = "source_originals"

    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Actor(Tracked, Base):
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

    __table_args__ = (
        UniqueConstraint("norm_name", "norm_affiliation", name="uq_actors_name_affiliation"),
        Index("uq_actors_uuid", "uuid", unique=True),  # 0005
    )


class Claim(Tracked, Base):
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
        Index("uq_claims_uuid", "uuid", unique=True),  # 0005
    )


class ClaimTag(Base):
    __tablename__ = "claim_tags"

    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True)
    tag: Mapped[str] = mapped_column(Text, primary_key=True)

    __table_args__ = (Index("ix_claim_tags_tag", "tag", "claim_id"),)


class ClaimLink(Tracked, Base):
    """``from_claim`` <kind> ``to_claim``: claim B (from) denies/corroborates/qualifies claim A (to)."""

    __tablename__ = "claim_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    from_claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    to_claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    note: Mapped[str] = mapped_column(Text, default="")
    created: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)  # 0005

    __table_args__ = (
        CheckConstraint("kind IN ('denies','corroborates','qualifies')", name="ck_links_kind"),
        CheckConstraint("from_claim_id <> to_claim_id", name="ck_links_not_self"),
        UniqueConstraint("from_claim_id", "to_claim_id", name="uq_links_pair"),
        Index("ix_links_to_kind", "to_claim_id", "kind"),
        Index("uq_claim_links_uuid", "uuid", unique=True),  # 0005
    )


class Brief(Tracked, Base):
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

    __table_args__ = (Index("uq_briefs_uuid", "uuid", unique=True),)  # 0005


class BriefRevision(Tracked, Base):
    __tablename__ = "brief_revisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    brief_id: Mapped[int] = mapped_column(ForeignKey("briefs.id", ondelete="CASCADE"))
    body: Mapped[str] = mapped_column(Text)
    reason: Mapped[str] = mapped_column(String(16), default="save")
    word_count: Mapped[int] = mapped_column(Integer, default=0)
    created: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)  # 0005

    __table_args__ = (
        Index("ix_revisions_brief", "brief_id", "id"),
        Index("uq_brief_revisions_uuid", "uuid", unique=True),
    )


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


# --- structured analysis: competing hypotheses, key assumptions ------------------------------


class Hypothesis(Tracked, Base):
    """A competing hypothesis of a brief's ACH matrix (a column), in the analyst's order. Like every analysis
    record, it carries uuid, version and who/when (``Tracked``; 0008)."""

    __tablename__ = "hypotheses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    brief_id: Mapped[int] = mapped_column(ForeignKey("briefs.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    judgment: Mapped[int | None] = mapped_column(Integer, nullable=True)  # 0009: the key judgment stating it
    created: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (
        CheckConstraint("judgment IS NULL OR judgment >= 1", name="ck_hypotheses_judgment"),  # 0009
        Index("ix_hypotheses_brief", "brief_id", "position"),
        Index("uq_hypotheses_uuid", "uuid", unique=True),  # 0008
    )


class AchClaim(Tracked, Base):
    """A claim that is a row of a brief's ACH matrix (cited in the brief or added), in the analyst's order."""

    __tablename__ = "ach_claims"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    brief_id: Mapped[int] = mapped_column(ForeignKey("briefs.id", ondelete="CASCADE"))
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    created: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)  # 0008

    __table_args__ = (
        UniqueConstraint("brief_id", "claim_id", name="uq_ach_claims_brief_claim"),
        Index("ix_ach_claims_claim", "claim_id"),
        Index("uq_ach_claims_uuid", "uuid", unique=True),  # 0008
    )


class AchRating(Tracked, Base):
    """One cell of an ACH matrix: how consistent a claim is with a hypothesis, on Heuer's scale."""

    __tablename__ = "ach_ratings"

    hypothesis_id: Mapped[int] = mapped_column(
        ForeignKey("hypotheses.id", ondelete="CASCADE"), primary_key=True
    )
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True)
    rating: Mapped[str] = mapped_column(String(2))
    note: Mapped[str] = mapped_column(Text, default="")
    created: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)  # 0008
    updated: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (
        CheckConstraint("rating IN ('CC','C','N','I','II','NA')", name="ck_ach_ratings_rating"),
        Index("ix_ach_ratings_claim", "claim_id"),
        Index("uq_ach_ratings_uuid", "uuid", unique=True),  # 0008
    )


class Assumption(Tracked, Base):
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
        Index("uq_assumptions_uuid", "uuid", unique=True),  # 0008
    )


class BriefLock(Base):
    """Who is editing a brief's text (0005). One analyst at a time edits a brief; the others read it and
    see who holds it. ``session`` tells two windows of one user apart; a lock whose ``heartbeat`` is older
    than ``app.briefs.LOCK_STALE_AFTER`` was left by a window that closed without releasing it."""

    __tablename__ = "brief_locks"

    brief_id: Mapped[int] = mapped_column(ForeignKey("briefs.id", ondelete="CASCADE"), primary_key=True)
    holder: Mapped[str] = mapped_column(Text)
    session: Mapped[str] = mapped_column(String(64))
    acquired: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    heartbeat: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class ChangeLogEntry(Base):
    """One row per stored change (0005): what, which id, who, when. Its ``seq`` only grows, so an open app
    asks for the rows after the last one it saw and refreshes what they name (other analysts' changes
    appear without a restart); old rows are pruned."""

    __tablename__ = "change_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entity: Mapped[str] = mapped_column(String(16))
    entity_id: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(16))
    changed_by: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    session: Mapped[str] = mapped_column(String(64), default="")


# Exactly one record per external id (written so that SQLite and PostgreSQL both accept it).
EXTERNAL_ID_ONE_RECORD = (
    " + ".join(
        f"(CASE WHEN {c} IS NULL THEN 0 ELSE 1 END)" for c in ("source_id", "actor_id", "claim_id", "link_id")
    )
    + " = 1"
)


class ExternalId(Base):
    """A record's id in another system (a STIX id, a MISP uuid), kept by the importers so that importing the
    same bundle or event again finds the records it made instead of adding them twice, and by the exporters
    so that a record that came from a platform goes back under its own id.

    One nullable foreign key per kind of record (exactly one is set): deleting the record deletes its external
    ids with it, so an id never points at another record that later reuses the number.
    """

    __tablename__ = "external_ids"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    system: Mapped[str] = mapped_column(String(16))  # "stix" | "misp"
    external_id: Mapped[str] = mapped_column(String(300))
    source_id: Mapped[int | None] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"), nullable=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"), nullable=True)
    claim_id: Mapped[int | None] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), nullable=True)
    link_id: Mapped[int | None] = mapped_column(
        ForeignKey("claim_links.id", ondelete="CASCADE"), nullable=True
    )
    created: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (
        UniqueConstraint("system", "external_id", name="uq_external_ids_system_id"),
        CheckConstraint(EXTERNAL_ID_ONE_RECORD, name="ck_external_ids_one_record"),
        Index("ix_external_ids_source", "source_id"),
        Index("ix_external_ids_actor", "actor_id"),
        Index("ix_external_ids_claim", "claim_id"),
        Index("ix_external_ids_link", "link_id"),
    )


class SourceDerivation(Tracked, Base):
    """``source`` <kind> ``derived_from``: source B (a newspaper article) rewrites source A (a wire story).

    Kinds (``app.domain.DerivationKind``): rewrites, translates, reposts carry the whole of A's content;
    quotes, cites carry a part of it. Who recorded it and when are kept (``Tracked``); loops are refused by
    the service (0007).
    """

    __tablename__ = "source_derivations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    derived_from_id: Mapped[int] = mapped_column(ForeignKey("sources.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16), default="rewrites")
    note: Mapped[str] = mapped_column(Text, default="")
    created: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (
        CheckConstraint(
            "kind IN ('rewrites','quotes','translates','reposts','cites')", name="ck_derivations_kind"
        ),
        CheckConstraint("source_id <> derived_from_id", name="ck_derivations_not_self"),
        UniqueConstraint("source_id", "derived_from_id", name="uq_derivations_pair"),
        Index("ix_derivations_from", "derived_from_id"),
        Index("uq_source_derivations_uuid", "uuid", unique=True),
    )


class ClaimReport(Tracked, Base):
    """Claim ``claim_id`` reports another claim (``reported_from_id``): "according to the ministry, ..." in
    a newspaper reports the ministry's own statement. ``reported_from_id`` NULL: no surviving original;
    ``origin_name`` then names who it came from ("a Western official", "Reuters") and ``origin_actor_id``
    is the actor of that name when the library has one (0007)."""

    __tablename__ = "claim_reports"

    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True)
    reported_from_id: Mapped[int | None] = mapped_column(
        ForeignKey("claims.id", ondelete="SET NULL"), nullable=True
    )
    origin_name: Mapped[str] = mapped_column(Text, default="")
    origin_actor_id: Mapped[int | None] = mapped_column(
        ForeignKey("actors.id", ondelete="SET NULL"), nullable=True
    )
    note: Mapped[str] = mapped_column(Text, default="")
    created: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    __table_args__ = (
        CheckConstraint(
            "reported_from_id IS NULL OR reported_from_id <> claim_id", name="ck_reports_not_self"
        ),
        Index("ix_reports_from", "reported_from_id"),
        Index("uq_claim_reports_uuid", "uuid", unique=True),
    )
