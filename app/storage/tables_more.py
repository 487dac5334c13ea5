"""The tables no reading command reads: a brief's revisions and citation index, the ACH matrix's rows and
ratings, edit locks, the change log and external ids (see ``app.storage.tables``, which holds the rest).

Kept apart so that a cold ``export``, ``check`` or ``claims`` does not build them: the services import them
where they write or read them, and what needs the whole schema imports this module for :func:`full_metadata`.
"""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    MetaData,
    String,
    Table,
    UniqueConstraint,
)

from app.storage.tables import (
    _DATETIME,
    _INTEGER,
    _STRING16,
    _TEXT,
    _metadata,
    add_indexes_and_checks,
    record_columns,
    utcnow,
)

# Exactly one record per external id (written so that SQLite and PostgreSQL both accept it).
EXTERNAL_ID_ONE_RECORD = (
    " + ".join(
        f"(CASE WHEN {c} IS NULL THEN 0 ELSE 1 END)" for c in ("source_id", "actor_id", "claim_id", "link_id")
    )
    + " = 1"
)


brief_revisions = Table(
    "brief_revisions",
    _metadata,
    Column("id", _INTEGER, primary_key=True),
    Column("brief_id", ForeignKey("briefs.id", ondelete="CASCADE"), nullable=False),
    Column("body", _TEXT, nullable=False),
    Column("reason", _STRING16, default="save", nullable=False),
    Column("word_count", _INTEGER, default=0, nullable=False),
    *record_columns(),  # "updated" and the rest since 0005
    Index("ix_revisions_brief", "brief_id", "id"),
    Index("uq_brief_revisions_uuid", "uuid", unique=True),
)


brief_citations = Table(
    "brief_citations",
    _metadata,
    Column("id", _INTEGER, primary_key=True),
    Column("brief_id", ForeignKey("briefs.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(8), nullable=False),  # claim | source
    Column("ident", _INTEGER, nullable=False),
    Column("line", _INTEGER, nullable=False),
    Column("col", _INTEGER, nullable=False),
    Column("section", _TEXT, default="", nullable=False),
    Index("ix_citations_target", "kind", "ident"),
    Index("ix_citations_brief", "brief_id"),
)


ach_claims = Table(
    "ach_claims",
    _metadata,
    Column("id", _INTEGER, primary_key=True),
    Column("brief_id", ForeignKey("briefs.id", ondelete="CASCADE"), nullable=False),
    Column("claim_id", ForeignKey("claims.id", ondelete="CASCADE"), nullable=False),
    Column("position", _INTEGER, nullable=False),
    *record_columns(),  # 0008
    UniqueConstraint("brief_id", "claim_id", name="uq_ach_claims_brief_claim"),
    Index("ix_ach_claims_claim", "claim_id"),
    Index("uq_ach_claims_uuid", "uuid", unique=True),  # 0008
)


ach_ratings = Table(
    "ach_ratings",
    _metadata,
    Column("hypothesis_id", ForeignKey("hypotheses.id", ondelete="CASCADE"), primary_key=True),
    Column("claim_id", ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True),
    Column("rating", String(2), nullable=False),
    Column("note", _TEXT, default="", nullable=False),
    *record_columns(),  # 0008
    CheckConstraint("rating IN ('CC','C','N','I','II','NA')", name="ck_ach_ratings_rating"),
    Index("ix_ach_ratings_claim", "claim_id"),
    Index("uq_ach_ratings_uuid", "uuid", unique=True),  # 0008
)


brief_locks = Table(
    "brief_locks",
    _metadata,
    Column("brief_id", ForeignKey("briefs.id", ondelete="CASCADE"), primary_key=True),
    Column("holder", _TEXT, nullable=False),
    Column("session", String(64), nullable=False),
    Column("acquired", _DATETIME, default=utcnow, nullable=False),
    Column("heartbeat", _DATETIME, default=utcnow, nullable=False),
)


change_log = Table(
    "change_log",
    _metadata,
    Column("seq", _INTEGER, primary_key=True, autoincrement=True),
    Column("entity", _STRING16, nullable=False),
    Column("entity_id", _INTEGER, nullable=False),
    Column("action", _STRING16, nullable=False),
    Column("changed_by", _TEXT, default="", nullable=False),
    Column("at", _DATETIME, default=utcnow, nullable=False),
    Column("session", String(64), default="", nullable=False),
)


external_ids = Table(
    "external_ids",
    _metadata,
    Column("id", _INTEGER, primary_key=True),
    Column("system", _STRING16, nullable=False),  # "stix" | "misp"
    Column("external_id", String(300), nullable=False),
    Column("source_id", ForeignKey("sources.id", ondelete="CASCADE"), nullable=True),
    Column("actor_id", ForeignKey("actors.id", ondelete="CASCADE"), nullable=True),
    Column("claim_id", ForeignKey("claims.id", ondelete="CASCADE"), nullable=True),
    Column("link_id", ForeignKey("claim_links.id", ondelete="CASCADE"), nullable=True),
    Column("created", _DATETIME, default=utcnow, nullable=False),
    UniqueConstraint("system", "external_id", name="uq_external_ids_system_id"),
    CheckConstraint(EXTERNAL_ID_ONE_RECORD, name="ck_external_ids_one_record"),
    Index("ix_external_ids_source", "source_id"),
    Index("ix_external_ids_actor", "actor_id"),
    Index("ix_external_ids_claim", "claim_id"),
    Index("ix_external_ids_link", "link_id"),
)


def full_metadata() -> MetaData:
    """The schema's MetaData with every table in it, app.storage.tables' and this module's, each with its
    indexes and constraints (app.storage.tables adds its tables' own only when asked: add_indexes_and_checks)."""
    add_indexes_and_checks()
    return _metadata
