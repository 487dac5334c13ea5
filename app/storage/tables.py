"""The library's schema as SQLAlchemy Core tables: what every query is written against.

Reading needs nothing more (``briefdesk claims`` and the other read paths select from these tables and never
load the ORM); ``app.storage.models`` maps its classes onto these same tables for the services that write.
Database-neutral: anything SQLite-specific (FTS5, pragmas, triggers) lives in ``app.storage.sqlite``.

The tables no reading command reads (a brief's revisions and citation index, the ACH matrix's rows and ratings,
edit locks, the change log, external ids) are in ``app.storage.tables_more``, so that a cold ``export``,
``check`` or ``claims`` does not build them (each Column, constraint and index costs start-up time). What
needs the whole schema (DDL, the ORM, a brief's deletion walking every table) takes
:func:`app.storage.tables_more.full_metadata`, which also adds these tables' indexes and CHECK and UNIQUE
constraints (:func:`add_indexes_and_checks`: no query reads them).
"""

from __future__ import annotations

import datetime as dt
import uuid as uuid_mod
from typing import Any

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

# One instance of each common column type, shared by every column of that type: SQLAlchemy works out a type's
# form for the database (its dialect implementation) once per instance, when a query first reads the column,
# so a cold command reading fifteen Text columns did it fifteen times (~3 ms of the export's first queries).
_TEXT = Text()
_INTEGER = Integer()
_STRING16 = String(16)
_DATE = Date()
_DATETIME = DateTime()
_UUID = Uuid(as_uuid=False)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def new_uuid() -> str:
    return str(uuid_mod.uuid4())


def record_columns() -> tuple[Column[Any], ...]:
    """The columns every record a user edits carries, in this order: when it was made and last changed, its
    global id (copies and merges of libraries), its version (no lost update) and who made and changed it. A
    Column belongs to one table, so each table gets its own."""
    return (
        Column("created", _DATETIME, default=utcnow, nullable=False),
        Column("updated", _DATETIME, default=utcnow, nullable=False),
        Column("uuid", _UUID, default=new_uuid, nullable=False),
        Column("version", _INTEGER, default=1, nullable=False),
        Column("created_by", _TEXT, default="", nullable=False),
        Column("updated_by", _TEXT, default="", nullable=False),
    )


# Holds every table only once app.storage.tables_more is imported: for the whole schema, use
# app.storage.tables_more.full_metadata().
_metadata = MetaData()


# Tracked tables (sources, actors, claims, links, briefs, revisions, analysis and provenance records) end with
# uuid, version, created_by, updated_by: see app.storage.models.Tracked.

sources = Table(
    "sources",
    _metadata,
    Column("id", _INTEGER, primary_key=True),
    Column("title", _TEXT, default="", nullable=False),
    Column("kind", String(32), default="other", nullable=False),
    Column("outlet", _TEXT, default="", nullable=False),
    Column("authors", _TEXT, default="", nullable=False),
    Column("url", _TEXT, default="", nullable=False),
    Column("published", _DATE, nullable=True),
    Column("accessed", _DATE, nullable=True),
    Column("language", String(35), default="", nullable=False),
    Column("body", _TEXT, default="", nullable=False),
    Column("sha256", String(64), unique=True, nullable=False),
    Column("reliability", String(1), default="F", nullable=False),
    Column("descriptor", _TEXT, default="", nullable=False),
    Column("notes", _TEXT, default="", nullable=False),
    Column("original_filename", _TEXT, default="", nullable=False),
    *record_columns(),
)


source_originals = Table(
    "source_originals",
    _metadata,
    Column("source_id", ForeignKey("sources.id", ondelete="CASCADE"), primary_key=True),
    Column("data", LargeBinary, nullable=False),
)


actors = Table(
    "actors",
    _metadata,
    Column("id", _INTEGER, primary_key=True),
    Column("name", _TEXT, nullable=False),
    Column("norm_name", _TEXT, nullable=False),
    Column("role", _TEXT, default="", nullable=False),
    Column("affiliation", _TEXT, default="", nullable=False),
    Column("norm_affiliation", _TEXT, default="", nullable=False),
    Column("aliases", _TEXT, default="[]", nullable=False),  # JSON list
    *record_columns(),
)


claims = Table(
    "claims",
    _metadata,
    Column("id", _INTEGER, primary_key=True),
    Column("source_id", ForeignKey("sources.id", ondelete="CASCADE"), nullable=False),
    Column("actor_id", ForeignKey("actors.id", ondelete="SET NULL"), nullable=True),
    Column("statement", _TEXT, default="", nullable=False),
    Column("quote", _TEXT, default="", nullable=False),
    Column("span_start", _INTEGER, default=0, nullable=False),
    Column("span_end", _INTEGER, default=0, nullable=False),
    Column("said", _DATE, nullable=True),
    Column("credibility", _INTEGER, default=6, nullable=False),
    Column("status", _STRING16, default="unverified", nullable=False),
    Column("notes", _TEXT, default="", nullable=False),
    *record_columns(),
    # 0014: which of the commonest words the statement or quote holds (app.storage.common_words); NULL until
    # computed. Every write of a claim's text computes it (app.storage.models' events, app.storage.copy).
    Column("common_words", BigInteger, nullable=True),
)


claim_tags = Table(
    "claim_tags",
    _metadata,
    Column("claim_id", ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    Column("tag", _TEXT, primary_key=True),
)


claim_links = Table(
    "claim_links",
    _metadata,
    Column("id", _INTEGER, primary_key=True),
    Column("kind", _STRING16, nullable=False),
    Column("from_claim_id", ForeignKey("claims.id", ondelete="CASCADE"), nullable=False),
    Column("to_claim_id", ForeignKey("claims.id", ondelete="CASCADE"), nullable=False),
    Column("note", _TEXT, default="", nullable=False),
    *record_columns(),  # "updated" and the rest since 0005
)


briefs = Table(
    "briefs",
    _metadata,
    Column("id", _INTEGER, primary_key=True),
    Column("title", _TEXT, nullable=False),
    Column("body", _TEXT, default="", nullable=False),
    Column("marking_scheme", _STRING16, default="none", nullable=False),
    Column("default_marking", _TEXT, default="", nullable=False),
    Column("author", _TEXT, default="", nullable=False),
    Column("organisation", _TEXT, default="", nullable=False),
    Column("status", _STRING16, default="draft", nullable=False),
    Column("summary_statement", _TEXT, default="", nullable=False),
    *record_columns(),
)


balance_waivers = Table(
    "balance_waivers",
    _metadata,
    Column("id", _INTEGER, primary_key=True),
    Column("brief_id", ForeignKey("briefs.id", ondelete="CASCADE"), nullable=False),
    Column("claim_id", ForeignKey("claims.id", ondelete="CASCADE"), nullable=False),
    Column("reason", _TEXT, nullable=False),
    Column("created", _DATETIME, default=utcnow, nullable=False),
)


hypotheses = Table(
    "hypotheses",
    _metadata,
    Column("id", _INTEGER, primary_key=True),
    Column("brief_id", ForeignKey("briefs.id", ondelete="CASCADE"), nullable=False),
    Column("position", _INTEGER, nullable=False),
    Column("text", _TEXT, nullable=False),
    Column("judgment", _INTEGER, nullable=True),  # 0009: the key judgment stating it
    *record_columns(),
)


assumptions = Table(
    "assumptions",
    _metadata,
    Column("id", _INTEGER, primary_key=True),
    Column("brief_id", ForeignKey("briefs.id", ondelete="CASCADE"), nullable=False),
    Column("position", _INTEGER, nullable=False),
    Column("text", _TEXT, nullable=False),
    Column("rating", _STRING16, nullable=False),
    Column("why", _TEXT, default="", nullable=False),
    Column("judgment", _INTEGER, nullable=True),
    *record_columns(),
)


source_derivations = Table(
    "source_derivations",
    _metadata,
    Column("id", _INTEGER, primary_key=True),
    Column("source_id", ForeignKey("sources.id", ondelete="CASCADE"), nullable=False),
    Column("derived_from_id", ForeignKey("sources.id", ondelete="CASCADE"), nullable=False),
    Column("kind", _STRING16, default="rewrites", nullable=False),
    Column("note", _TEXT, default="", nullable=False),
    *record_columns(),
)


claim_reports = Table(
    "claim_reports",
    _metadata,
    Column("claim_id", ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    Column("reported_from_id", ForeignKey("claims.id", ondelete="SET NULL"), nullable=True),
    Column("origin_name", _TEXT, default="", nullable=False),
    Column("origin_actor_id", ForeignKey("actors.id", ondelete="SET NULL"), nullable=True),
    Column("note", _TEXT, default="", nullable=False),
    *record_columns(),
)


_extras_added = False


def add_indexes_and_checks() -> None:
    """The tables' indexes and CHECK and UNIQUE constraints, added to them once. No query reads them: only DDL
    and the comparison of the schema with the migrations do (Alembic, through app.storage.models), so they are
    added by :func:`app.storage.tables_more.full_metadata`, and a reading command does not build these 44
    objects (~1.4 ms of a cold export). tests/app/test_library_open.py holds them to the migrations' schema."""
    global _extras_added
    if _extras_added:
        return
    _extras_added = True
    c = sources.c
    sources.append_constraint(
        CheckConstraint("reliability IN ('A','B','C','D','E','F')", name="ck_sources_reliability")
    )
    Index("ix_sources_published", c.published)
    Index("ix_sources_url", c.url)
    Index("ix_sources_kind_published", c.kind, c.published)
    Index("ix_sources_reliability", c.reliability)
    Index("ix_sources_outlet", c.outlet)
    Index("ix_sources_title", c.title)
    Index("ix_sources_kind", c.kind)  # 0003
    Index("uq_sources_uuid", c.uuid, unique=True)  # 0005
    c = actors.c
    actors.append_constraint(
        UniqueConstraint(c.norm_name, c.norm_affiliation, name="uq_actors_name_affiliation")
    )
    Index("uq_actors_uuid", c.uuid, unique=True)  # 0005
    c = claims.c
    claims.append_constraint(CheckConstraint("credibility BETWEEN 1 AND 6", name="ck_claims_credibility"))
    claims.append_constraint(
        CheckConstraint(
            "status IN ('unverified','corroborated','disputed','retracted')", name="ck_claims_status"
        )
    )
    Index("ix_claims_source", c.source_id, c.span_start)
    Index("ix_claims_actor_said", c.actor_id, c.said)
    Index("ix_claims_said", c.said)
    Index("ix_claims_status_said", c.status, c.said)
    Index("ix_claims_credibility", c.credibility)
    Index("ix_claims_actor", c.actor_id)  # 0003
    Index("ix_claims_actor_credibility", c.actor_id, c.credibility)  # 0003
    Index("uq_claims_uuid", c.uuid, unique=True)  # 0005
    c = claim_tags.c
    Index("ix_claim_tags_tag", c.tag, c.claim_id)
    c = claim_links.c
    claim_links.append_constraint(
        CheckConstraint("kind IN ('denies','corroborates','qualifies')", name="ck_links_kind")
    )
    claim_links.append_constraint(CheckConstraint("from_claim_id <> to_claim_id", name="ck_links_not_self"))
    claim_links.append_constraint(UniqueConstraint(c.from_claim_id, c.to_claim_id, name="uq_links_pair"))
    Index("ix_links_to_kind", c.to_claim_id, c.kind)
    Index("uq_claim_links_uuid", c.uuid, unique=True)  # 0005
    c = briefs.c
    Index("uq_briefs_uuid", c.uuid, unique=True)  # 0005
    c = balance_waivers.c
    balance_waivers.append_constraint(UniqueConstraint(c.brief_id, c.claim_id, name="uq_waivers_brief_claim"))
    c = hypotheses.c
    hypotheses.append_constraint(
        CheckConstraint("judgment IS NULL OR judgment >= 1", name="ck_hypotheses_judgment")
    )  # 0009
    Index("ix_hypotheses_brief", c.brief_id, c.position)
    Index("uq_hypotheses_uuid", c.uuid, unique=True)  # 0008
    c = assumptions.c
    assumptions.append_constraint(
        CheckConstraint("rating IN ('solid','caveated','unsupported')", name="ck_assumptions_rating")
    )
    assumptions.append_constraint(
        CheckConstraint("judgment IS NULL OR judgment >= 1", name="ck_assumptions_judgment")
    )
    Index("ix_assumptions_brief", c.brief_id, c.position)
    Index("uq_assumptions_uuid", c.uuid, unique=True)  # 0008
    c = source_derivations.c
    source_derivations.append_constraint(
        CheckConstraint(
            "kind IN ('rewrites','quotes','translates','reposts','cites')", name="ck_derivations_kind"
        )
    )
    source_derivations.append_constraint(
        CheckConstraint("source_id <> derived_from_id", name="ck_derivations_not_self")
    )
    source_derivations.append_constraint(
        UniqueConstraint(c.source_id, c.derived_from_id, name="uq_derivations_pair")
    )
    Index("ix_derivations_from", c.derived_from_id)
    Index("uq_source_derivations_uuid", c.uuid, unique=True)
    c = claim_reports.c
    claim_reports.append_constraint(
        CheckConstraint(
            "reported_from_id IS NULL OR reported_from_id <> claim_id", name="ck_reports_not_self"
        )
    )
    Index("ix_reports_from", c.reported_from_id)
    Index("uq_claim_reports_uuid", c.uuid, unique=True)
