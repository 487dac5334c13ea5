"""SQLAlchemy 2.0 typed ORM classes, mapped onto the Core tables of ``app.storage.tables`` (the schema is
defined there, once). The services that write use these; reading never needs them.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, ClassVar

from sqlalchemy import event
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr
from sqlalchemy.sql import FromClause

from app.storage import tables, tables_more
from app.storage.tables import new_uuid as new_uuid
from app.storage.tables import utcnow as utcnow
from app.storage.tables_more import EXTERNAL_ID_ONE_RECORD as EXTERNAL_ID_ONE_RECORD


class Base(DeclarativeBase):
    metadata = tables_more.full_metadata()


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

    uuid: Mapped[str]
    version: Mapped[int]
    created_by: Mapped[str]
    updated_by: Mapped[str]

    if TYPE_CHECKING:
        __table__: ClassVar[FromClause]

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:  # noqa: N805
        return {"version_id_col": cls.__table__.c.version, "version_id_generator": False}


def touch(row: Tracked, user: str, now: dt.datetime | None = None) -> None:
    """Mark ``row`` changed by ``user``: one version more, ``updated``/``updated_by`` set."""
    row.version = (row.version or 0) + 1
    row.updated = now or utcnow()  # type: ignore[attr-defined]  # each tracked class maps its own `updated`
    row.updated_by = user


class Source(Tracked, Base):
    __table__ = tables.sources

    id: Mapped[int]
    title: Mapped[str]
    kind: Mapped[str]
    outlet: Mapped[str]
    authors: Mapped[str]
    url: Mapped[str]
    published: Mapped[dt.date | None]
    accessed: Mapped[dt.date | None]
    language: Mapped[str]
    body: Mapped[str]
    sha256: Mapped[str]
    reliability: Mapped[str]
    descriptor: Mapped[str]
    notes: Mapped[str]
    original_filename: Mapped[str]
    created: Mapped[dt.datetime]
    updated: Mapped[dt.datetime]


class SourceOriginal(Base):
    """The bytes of the source as captured (kept apart so lists never read them)."""

    __table__ = tables.source_originals

    source_id: Mapped[int]
    data: Mapped[bytes]


class Actor(Tracked, Base):
    __table__ = tables.actors

    id: Mapped[int]
    name: Mapped[str]
    norm_name: Mapped[str]
    role: Mapped[str]
    affiliation: Mapped[str]
    norm_affiliation: Mapped[str]
    aliases: Mapped[str]
    created: Mapped[dt.datetime]
    updated: Mapped[dt.datetime]


class Claim(Tracked, Base):
    __table__ = tables.claims

    id: Mapped[int]
    source_id: Mapped[int]
    actor_id: Mapped[int | None]
    statement: Mapped[str]
    quote: Mapped[str]
    span_start: Mapped[int]
    span_end: Mapped[int]
    said: Mapped[dt.date | None]
    credibility: Mapped[int]
    status: Mapped[str]
    notes: Mapped[str]
    created: Mapped[dt.datetime]
    updated: Mapped[dt.datetime]
    common_words: Mapped[int | None]


def _claim_words(_mapper: object, _connection: object, claim: Claim) -> None:
    """A claim's common-word bits, computed from its text whenever the ORM writes it (created, restored on
    undo, its statement or quote edited): app.storage.common_words. Writes outside the ORM (a library copy)
    compute them themselves."""
    from sqlalchemy import inspect

    state = inspect(claim)
    if state.persistent and not (
        state.attrs.statement.history.has_changes() or state.attrs.quote.history.has_changes()
    ):
        return
    from app.storage.common_words import bits

    claim.common_words = bits(claim.statement, claim.quote)


event.listen(Claim, "before_insert", _claim_words)
event.listen(Claim, "before_update", _claim_words)


class ClaimTag(Base):
    __table__ = tables.claim_tags

    claim_id: Mapped[int]
    tag: Mapped[str]


class ClaimLink(Tracked, Base):
    """``from_claim`` <kind> ``to_claim``: claim B (from) denies/corroborates/qualifies claim A (to)."""

    __table__ = tables.claim_links

    id: Mapped[int]
    kind: Mapped[str]
    from_claim_id: Mapped[int]
    to_claim_id: Mapped[int]
    note: Mapped[str]
    created: Mapped[dt.datetime]
    updated: Mapped[dt.datetime]


class Brief(Tracked, Base):
    __table__ = tables.briefs

    id: Mapped[int]
    title: Mapped[str]
    body: Mapped[str]
    marking_scheme: Mapped[str]
    default_marking: Mapped[str]
    author: Mapped[str]
    organisation: Mapped[str]
    status: Mapped[str]
    summary_statement: Mapped[str]
    created: Mapped[dt.datetime]
    updated: Mapped[dt.datetime]


class BriefRevision(Tracked, Base):
    __table__ = tables_more.brief_revisions

    id: Mapped[int]
    brief_id: Mapped[int]
    body: Mapped[str]
    reason: Mapped[str]
    word_count: Mapped[int]
    created: Mapped[dt.datetime]
    updated: Mapped[dt.datetime]


class BriefCitation(Base):
    """Where a brief cites a claim or a source; rebuilt whenever the body is saved (for where-cited)."""

    __table__ = tables_more.brief_citations

    id: Mapped[int]
    brief_id: Mapped[int]
    kind: Mapped[str]
    ident: Mapped[int]
    line: Mapped[int]
    col: Mapped[int]
    section: Mapped[str]


class BalanceWaiver(Base):
    __table__ = tables.balance_waivers

    id: Mapped[int]
    brief_id: Mapped[int]
    claim_id: Mapped[int]
    reason: Mapped[str]
    created: Mapped[dt.datetime]


class Hypothesis(Tracked, Base):
    """A competing hypothesis of a brief's ACH matrix (a column), in the analyst's order. Like every analysis
    record, it carries uuid, version and who/when (``Tracked``; 0008)."""

    __table__ = tables.hypotheses

    id: Mapped[int]
    brief_id: Mapped[int]
    position: Mapped[int]
    text: Mapped[str]
    judgment: Mapped[int | None]
    created: Mapped[dt.datetime]
    updated: Mapped[dt.datetime]


class AchClaim(Tracked, Base):
    """A claim that is a row of a brief's ACH matrix (cited in the brief or added), in the analyst's order."""

    __table__ = tables_more.ach_claims

    id: Mapped[int]
    brief_id: Mapped[int]
    claim_id: Mapped[int]
    position: Mapped[int]
    created: Mapped[dt.datetime]
    updated: Mapped[dt.datetime]


class AchRating(Tracked, Base):
    """One cell of an ACH matrix: how consistent a claim is with a hypothesis, on Heuer's scale."""

    __table__ = tables_more.ach_ratings

    hypothesis_id: Mapped[int]
    claim_id: Mapped[int]
    rating: Mapped[str]
    note: Mapped[str]
    created: Mapped[dt.datetime]
    updated: Mapped[dt.datetime]


class Assumption(Tracked, Base):
    """A key assumption of a brief, rated as the key assumptions check does; ``judgment``: the 1-based key
    judgment it underpins, or None for the brief as a whole."""

    __table__ = tables.assumptions

    id: Mapped[int]
    brief_id: Mapped[int]
    position: Mapped[int]
    text: Mapped[str]
    rating: Mapped[str]
    why: Mapped[str]
    judgment: Mapped[int | None]
    created: Mapped[dt.datetime]
    updated: Mapped[dt.datetime]


class BriefLock(Base):
    """Who is editing a brief's text (0005). One analyst at a time edits a brief; the others read it and
    see who holds it. ``session`` tells two windows of one user apart; a lock whose ``heartbeat`` is older
    than ``app.briefs.LOCK_STALE_AFTER`` was left by a window that closed without releasing it."""

    __table__ = tables_more.brief_locks

    brief_id: Mapped[int]
    holder: Mapped[str]
    session: Mapped[str]
    acquired: Mapped[dt.datetime]
    heartbeat: Mapped[dt.datetime]


class ChangeLogEntry(Base):
    """One row per stored change (0005): what, which id, who, when. Its ``seq`` only grows, so an open app
    asks for the rows after the last one it saw and refreshes what they name (other analysts' changes
    appear without a restart); old rows are pruned."""

    __table__ = tables_more.change_log

    seq: Mapped[int]
    entity: Mapped[str]
    entity_id: Mapped[int]
    action: Mapped[str]
    changed_by: Mapped[str]
    at: Mapped[dt.datetime]
    session: Mapped[str]


class ExternalId(Base):
    """A record's id in another system (a STIX id, a MISP uuid), kept by the importers so that importing the
    same bundle or event again finds the records it made instead of adding them twice, and by the exporters
    so that a record that came from a platform goes back under its own id.

    One nullable foreign key per kind of record (exactly one is set): deleting the record deletes its external
    ids with it, so an id never points at another record that later reuses the number.
    """

    __table__ = tables_more.external_ids

    id: Mapped[int]
    system: Mapped[str]
    external_id: Mapped[str]
    source_id: Mapped[int | None]
    actor_id: Mapped[int | None]
    claim_id: Mapped[int | None]
    link_id: Mapped[int | None]
    created: Mapped[dt.datetime]


class SourceDerivation(Tracked, Base):
    """``source`` <kind> ``derived_from``: source B (a newspaper article) rewrites source A (a wire story).

    Kinds (``app.domain.DerivationKind``): rewrites, translates, reposts carry the whole of A's content;
    quotes, cites carry a part of it. Who recorded it and when are kept (``Tracked``); loops are refused by
    the service (0007).
    """

    __table__ = tables.source_derivations

    id: Mapped[int]
    source_id: Mapped[int]
    derived_from_id: Mapped[int]
    kind: Mapped[str]
    note: Mapped[str]
    created: Mapped[dt.datetime]
    updated: Mapped[dt.datetime]


class ClaimReport(Tracked, Base):
    """Claim ``claim_id`` reports another claim (``reported_from_id``): "according to the ministry, ..." in
    a newspaper reports the ministry's own statement. ``reported_from_id`` NULL: no surviving original;
    ``origin_name`` then names who it came from ("a Western official", "Reuters") and ``origin_actor_id``
    is the actor of that name when the library has one (0007)."""

    __table__ = tables.claim_reports

    claim_id: Mapped[int]
    reported_from_id: Mapped[int | None]
    origin_name: Mapped[str]
    origin_actor_id: Mapped[int | None]
    note: Mapped[str]
    created: Mapped[dt.datetime]
    updated: Mapped[dt.datetime]
