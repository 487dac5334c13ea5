"""The library's schema as SQLAlchemy Core tables: what every query is written against.

Reading needs nothing more (``briefdesk claims`` and the other read paths select from these tables and never
load the ORM); ``app.storage.models`` maps its classes onto these same tables for the services that write.
Database-neutral: anything SQLite-specific (FTS5, pragmas, triggers) lives in ``app.storage.sqlite``.
"""

from __future__ import annotations

import datetime as dt
import uuid as uuid_mod

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    Uuid,
)

# Dates read leniently: a malformed stored value becomes app.storage.types.Unreadable, not an exception
# that fails a whole list (see that module). Every Date/DateTime column below uses them.
from app.storage.types import LenientDate as Date
from app.storage.types import LenientDateTime as DateTime


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def new_uuid() -> str:
    return str(uuid_mod.uuid4())


metadata = MetaData()

# Tracked tables (sources, actors, claims, links, briefs, revisions, analysis and provenance records) end with
# uuid, version, created_by, updated_by: see app.storage.models.Tracked.

sources = Table(
    "sources",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("title", Text, default="", nullable=False),
    Column("kind", String(32), default="other", nullable=False),
    Column("outlet", Text, default="", nullable=False),
    Column("authors", Text, default="", nullable=False),
    Column("url", Text, default="", nullable=False),
    Column("published", Date, nullable=True),
    Column("accessed", Date, nullable=True),
    Column("language", String(35), default="", nullable=False),
    Column("body", Text, default="", nullable=False),
    Column("sha256", String(64), unique=True, nullable=False),
    Column("reliability", String(1), default="F", nullable=False),
    Column("descriptor", Text, default="", nullable=False),
    Column("notes", Text, default="", nullable=False),
    Column("original_filename", Text, default="", nullable=False),
    Column("created", DateTime, default=utcnow, nullable=False),
    Column("updated", DateTime, default=utcnow, nullable=False),
    Column("uuid", Uuid(as_uuid=False), default=new_uuid, nullable=False),
    Column("version", Integer, default=1, nullable=False),
    Column("created_by", Text, default="", nullable=False),
    Column("updated_by", Text, default="", nullable=False),
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


source_originals = Table(
    "source_originals",
    metadata,
    Column("source_id", ForeignKey("sources.id", ondelete="CASCADE"), primary_key=True),
    Column("data", LargeBinary, nullable=False),
)


actors = Table(
    "actors",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("norm_name", Text, nullable=False),
    Column("role", Text, default="", nullable=False),
    Column("affiliation", Text, default="", nullable=False),
    Column("norm_affiliation", Text, default="", nullable=False),
    Column("aliases", Text, default="[]", nullable=False),  # JSON list
    Column("created", DateTime, default=utcnow, nullable=False),
    Column("updated", DateTime, default=utcnow, nullable=False),
    Column("uuid", Uuid(as_uuid=False), default=new_uuid, nullable=False),
    Column("version", Integer, default=1, nullable=False),
    Column("created_by", Text, default="", nullable=False),
    Column("updated_by", Text, default="", nullable=False),
    UniqueConstraint("norm_name", "norm_affiliation", name="uq_actors_name_affiliation"),
    Index("uq_actors_uuid", "uuid", unique=True),  # 0005
)


claims = Table(
    "claims",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source_id", ForeignKey("sources.id", ondelete="CASCADE"), nullable=False),
    Column("actor_id", ForeignKey("actors.id", ondelete="SET NULL"), nullable=True),
    Column("statement", Text, default="", nullable=False),
    Column("quote", Text, default="", nullable=False),
    Column("span_start", Integer, default=0, nullable=False),
    Column("span_end", Integer, default=0, nullable=False),
    Column("said", Date, nullable=True),
    Column("credibility", Integer, default=6, nullable=False),
    Column("status", String(16), default="unverified", nullable=False),
    Column("notes", Text, default="", nullable=False),
    Column("created", DateTime, default=utcnow, nullable=False),
    Column("updated", DateTime, default=utcnow, nullable=False),
    Column("uuid", Uuid(as_uuid=False), default=new_uuid, nullable=False),
    Column("version", Integer, default=1, nullable=False),
    Column("created_by", Text, default="", nullable=False),
    Column("updated_by", Text, default="", nullable=False),
    # 0014: which of the commonest words the statement or quote holds (app.storage.common_words); NULL until
    # computed. Every write of a claim's text computes it (app.storage.models' events, app.storage.copy).
    Column("common_words", BigInteger, nullable=True),
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


claim_tags = Table(
    "claim_tags",
    metadata,
    Column("claim_id", ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    Column("tag", Text, primary_key=True),
    Index("ix_claim_tags_tag", "tag", "claim_id"),
)


claim_links = Table(
    "claim_links",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(16), nullable=False),
    Column("from_claim_id", ForeignKey("claims.id", ondelete="CASCADE"), nullable=False),
    Column("to_claim_id", ForeignKey("claims.id", ondelete="CASCADE"), nullable=False),
    Column("note", Text, default="", nullable=False),
    Column("created", DateTime, default=utcnow, nullable=False),
    Column("updated", DateTime, default=utcnow, nullable=False),  # 0005
    Column("uuid", Uuid(as_uuid=False), default=new_uuid, nullable=False),
    Column("version", Integer, default=1, nullable=False),
    Column("created_by", Text, default="", nullable=False),
    Column("updated_by", Text, default="", nullable=False),
    CheckConstraint("kind IN ('denies','corroborates','qualifies')", name="ck_links_kind"),
    CheckConstraint("from_claim_id <> to_claim_id", name="ck_links_not_self"),
    UniqueConstraint("from_claim_id", "to_claim_id", name="uq_links_pair"),
    Index("ix_links_to_kind", "to_claim_id", "kind"),
    Index("uq_claim_links_uuid", "uuid", unique=True),  # 0005
)


briefs = Table(
    "briefs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("title", Text, nullable=False),
    Column("body", Text, default="", nullable=False),
    Column("marking_scheme", String(16), default="none", nullable=False),
    Column("default_marking", Text, default="", nullable=False),
    Column("author", Text, default="", nullable=False),
    Column("organisation", Text, default="", nullable=False),
    Column("status", String(16), default="draft", nullable=False),
    Column("summary_statement", Text, default="", nullable=False),
    Column("created", DateTime, default=utcnow, nullable=False),
    Column("updated", DateTime, default=utcnow, nullable=False),
    Column("uuid", Uuid(as_uuid=False), default=new_uuid, nullable=False),
    Column("version", Integer, default=1, nullable=False),
    Column("created_by", Text, default="", nullable=False),
    Column("updated_by", Text, default="", nullable=False),
    Index("uq_briefs_uuid", "uuid", unique=True),  # 0005
)


brief_revisions = Table(
    "brief_revisions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("brief_id", ForeignKey("briefs.id", ondelete="CASCADE"), nullable=False),
    Column("body", Text, nullable=False),
    Column("reason", String(16), default="save", nullable=False),
    Column("word_count", Integer, default=0, nullable=False),
    Column("created", DateTime, default=utcnow, nullable=False),
    Column("updated", DateTime, default=utcnow, nullable=False),  # 0005
    Column("uuid", Uuid(as_uuid=False), default=new_uuid, nullable=False),
    Column("version", Integer, default=1, nullable=False),
    Column("created_by", Text, default="", nullable=False),
    Column("updated_by", Text, default="", nullable=False),
    Index("ix_revisions_brief", "brief_id", "id"),
    Index("uq_brief_revisions_uuid", "uuid", unique=True),
)


brief_citations = Table(
    "brief_citations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("brief_id", ForeignKey("briefs.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(8), nullable=False),  # claim | source
    Column("ident", Integer, nullable=False),
    Column("line", Integer, nullable=False),
    Column("col", Integer, nullable=False),
    Column("section", Text, default="", nullable=False),
    Index("ix_citations_target", "kind", "ident"),
    Index("ix_citations_brief", "brief_id"),
)


balance_waivers = Table(
    "balance_waivers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("brief_id", ForeignKey("briefs.id", ondelete="CASCADE"), nullable=False),
    Column("claim_id", ForeignKey("claims.id", ondelete="CASCADE"), nullable=False),
    Column("reason", Text, nullable=False),
    Column("created", DateTime, default=utcnow, nullable=False),
    UniqueConstraint("brief_id", "claim_id", name="uq_waivers_brief_claim"),
)


hypotheses = Table(
    "hypotheses",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("brief_id", ForeignKey("briefs.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("judgment", Integer, nullable=True),  # 0009: the key judgment stating it
    Column("created", DateTime, default=utcnow, nullable=False),
    Column("updated", DateTime, default=utcnow, nullable=False),
    Column("uuid", Uuid(as_uuid=False), default=new_uuid, nullable=False),
    Column("version", Integer, default=1, nullable=False),
    Column("created_by", Text, default="", nullable=False),
    Column("updated_by", Text, default="", nullable=False),
    CheckConstraint("judgment IS NULL OR judgment >= 1", name="ck_hypotheses_judgment"),  # 0009
    Index("ix_hypotheses_brief", "brief_id", "position"),
    Index("uq_hypotheses_uuid", "uuid", unique=True),  # 0008
)


ach_claims = Table(
    "ach_claims",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("brief_id", ForeignKey("briefs.id", ondelete="CASCADE"), nullable=False),
    Column("claim_id", ForeignKey("claims.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("created", DateTime, default=utcnow, nullable=False),
    Column("updated", DateTime, default=utcnow, nullable=False),  # 0008
    Column("uuid", Uuid(as_uuid=False), default=new_uuid, nullable=False),
    Column("version", Integer, default=1, nullable=False),
    Column("created_by", Text, default="", nullable=False),
    Column("updated_by", Text, default="", nullable=False),
    UniqueConstraint("brief_id", "claim_id", name="uq_ach_claims_brief_claim"),
    Index("ix_ach_claims_claim", "claim_id"),
    Index("uq_ach_claims_uuid", "uuid", unique=True),  # 0008
)


ach_ratings = Table(
    "ach_ratings",
    metadata,
    Column("hypothesis_id", ForeignKey("hypotheses.id", ondelete="CASCADE"), primary_key=True),
    Column("claim_id", ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    Column("rating", String(2), nullable=False),
    Column("note", Text, default="", nullable=False),
    Column("created", DateTime, default=utcnow, nullable=False),  # 0008
    Column("updated", DateTime, default=utcnow, nullable=False),
    Column("uuid", Uuid(as_uuid=False), default=new_uuid, nullable=False),
    Column("version", Integer, default=1, nullable=False),
    Column("created_by", Text, default="", nullable=False),
    Column("updated_by", Text, default="", nullable=False),
    CheckConstraint("rating IN ('CC','C','N','I','II','NA')", name="ck_ach_ratings_rating"),
    Index("ix_ach_ratings_claim", "claim_id"),
    Index("uq_ach_ratings_uuid", "uuid", unique=True),  # 0008
)


assumptions = Table(
    "assumptions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("brief_id", ForeignKey("briefs.id", ondelete="CASCADE"), nullable=False),
    Column("position", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("rating", String(16), nullable=False),
    Column("why", Text, default="", nullable=False),
    Column("judgment", Integer, nullable=True),
    Column("created", DateTime, default=utcnow, nullable=False),
    Column("updated", DateTime, default=utcnow, nullable=False),
    Column("uuid", Uuid(as_uuid=False), default=new_uuid, nullable=False),
    Column("version", Integer, default=1, nullable=False),
    Column("created_by", Text, default="", nullable=False),
    Column("updated_by", Text, default="", nullable=False),
    CheckConstraint("rating IN ('solid','caveated','unsupported')", name="ck_assumptions_rating"),
    CheckConstraint("judgment IS NULL OR judgment >= 1", name="ck_assumptions_judgment"),
    Index("ix_assumptions_brief", "brief_id", "position"),
    Index("uq_assumptions_uuid", "uuid", unique=True),  # 0008
)


brief_locks = Table(
    "brief_locks",
    metadata,
    Column("brief_id", ForeignKey("briefs.id", ondelete="CASCADE"), primary_key=True),
    Column("holder", Text, nullable=False),
    Column("session", String(64), nullable=False),
    Column("acquired", DateTime, default=utcnow, nullable=False),
    Column("heartbeat", DateTime, default=utcnow, nullable=False),
)


change_log = Table(
    "change_log",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("entity", String(16), nullable=False),
    Column("entity_id", Integer, nullable=False),
    Column("action", String(16), nullable=False),
    Column("changed_by", Text, default="", nullable=False),
    Column("at", DateTime, default=utcnow, nullable=False),
    Column("session", String(64), default="", nullable=False),
)


# Exactly one record per external id (written so that SQLite and PostgreSQL both accept it).
EXTERNAL_ID_ONE_RECORD = (
    " + ".join(
        f"(CASE WHEN {c} IS NULL THEN 0 ELSE 1 END)" for c in ("source_id", "actor_id", "claim_id", "link_id")
    )
    + " = 1"
)


external_ids = Table(
    "external_ids",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("system", String(16), nullable=False),  # "stix" | "misp"
    Column("external_id", String(300), nullable=False),
    Column("source_id", ForeignKey("sources.id", ondelete="CASCADE"), nullable=True),
    Column("actor_id", ForeignKey("actors.id", ondelete="CASCADE"), nullable=True),
    Column("claim_id", ForeignKey("claims.id", ondelete="CASCADE"), nullable=True),
    Column("link_id", ForeignKey("claim_links.id", ondelete="CASCADE"), nullable=True),
    Column("created", DateTime, default=utcnow, nullable=False),
    UniqueConstraint("system", "external_id", name="uq_external_ids_system_id"),
    CheckConstraint(EXTERNAL_ID_ONE_RECORD, name="ck_external_ids_one_record"),
    Index("ix_external_ids_source", "source_id"),
    Index("ix_external_ids_actor", "actor_id"),
    Index("ix_external_ids_claim", "claim_id"),
    Index("ix_external_ids_link", "link_id"),
)


source_derivations = Table(
    "source_derivations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source_id", ForeignKey("sources.id", ondelete="CASCADE"), nullable=False),
    Column("derived_from_id", ForeignKey("sources.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(16), default="rewrites", nullable=False),
    Column("note", Text, default="", nullable=False),
    Column("created", DateTime, default=utcnow, nullable=False),
    Column("updated", DateTime, default=utcnow, nullable=False),
    Column("uuid", Uuid(as_uuid=False), default=new_uuid, nullable=False),
    Column("version", Integer, default=1, nullable=False),
    Column("created_by", Text, default="", nullable=False),
    Column("updated_by", Text, default="", nullable=False),
    CheckConstraint(
        "kind IN ('rewrites','quotes','translates','reposts','cites')", name="ck_derivations_kind"
    ),
    CheckConstraint("source_id <> derived_from_id", name="ck_derivations_not_self"),
    UniqueConstraint("source_id", "derived_from_id", name="uq_derivations_pair"),
    Index("ix_derivations_from", "derived_from_id"),
    Index("uq_source_derivations_uuid", "uuid", unique=True),
)


claim_reports = Table(
    "claim_reports",
    metadata,
    Column("claim_id", ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    Column("reported_from_id", ForeignKey("claims.id", ondelete="SET NULL"), nullable=True),
    Column("origin_name", Text, default="", nullable=False),
    Column("origin_actor_id", ForeignKey("actors.id", ondelete="SET NULL"), nullable=True),
    Column("note", Text, default="", nullable=False),
    Column("created", DateTime, default=utcnow, nullable=False),
    Column("updated", DateTime, default=utcnow, nullable=False),
    Column("uuid", Uuid(as_uuid=False), default=new_uuid, nullable=False),
    Column("version", Integer, default=1, nullable=False),
    Column("created_by", Text, default="", nullable=False),
    Column("updated_by", Text, default="", nullable=False),
    CheckConstraint("reported_from_id IS NULL OR reported_from_id <> claim_id", name="ck_reports_not_self"),
    Index("ix_reports_from", "reported_from_id"),
    Index("uq_claim_reports_uuid", "uuid", unique=True),
)
