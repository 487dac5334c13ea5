"""A claim as the library stores it, read back: the columns a claim's queries select (its own, its source's
and its actor's, its tags and link counts) and the records made from those rows (``ClaimRecord``,
``LinkRecord``), leniently, so a damaged row is listed with its ``problem`` instead of raising (app._rows).
``app.claims.ClaimService`` queries with them; analysis reads claims in bulk the same way.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid as uuid_mod
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Select, String, func, select, type_coerce

from app._rows import RowReader
from app.domain import ClaimRecord, ClaimStatus, LinkKind, LinkRecord, SourceKind
from app.storage.tables import actors as actor_t
from app.storage.tables import claim_links as link_t
from app.storage.tables import claim_tags as tag_t
from app.storage.tables import claims as claim_t
from app.storage.tables import sources as source_t
from app.storage.types import Unreadable

TAG_SEP = "\x1f"

_denials = (
    select(func.count())
    .select_from(link_t)
    .where(link_t.c.to_claim_id == claim_t.c.id, link_t.c.kind == "denies")
    .scalar_subquery()
)
_corroborations = (
    select(func.count())
    .select_from(link_t)
    .where(link_t.c.to_claim_id == claim_t.c.id, link_t.c.kind == "corroborates")
    .scalar_subquery()
)
_tags = (
    select(func.aggregate_strings(tag_t.c.tag, TAG_SEP))
    .where(tag_t.c.claim_id == claim_t.c.id)
    .scalar_subquery()
)

# A claim's own columns with its source's and actor's; CLAIM_COLUMNS adds its tags and link counts as per-row
# sub-selects (for pages of a list), while with_links_many reads those for a whole batch in one query each.
CLAIM_BASE_COLUMNS = (
    claim_t.c.id,
    claim_t.c.source_id,
    source_t.c.title.label("source_title"),
    source_t.c.outlet.label("source_outlet"),
    source_t.c.kind.label("source_kind"),
    source_t.c.published.label("source_published"),
    source_t.c.reliability.label("source_reliability"),
    claim_t.c.actor_id,
    actor_t.c.name.label("actor_name"),
    actor_t.c.role.label("actor_role"),
    actor_t.c.affiliation.label("actor_affiliation"),
    claim_t.c.statement,
    claim_t.c.quote,
    claim_t.c.span_start,
    claim_t.c.span_end,
    claim_t.c.said,
    claim_t.c.credibility,
    claim_t.c.status,
    claim_t.c.notes,
    claim_t.c.created,
    claim_t.c.updated,
    source_t.c.url.label("source_url"),
    source_t.c.accessed.label("source_accessed"),
    claim_t.c.uuid,
    claim_t.c.version,
    claim_t.c.created_by,
    claim_t.c.updated_by,
)
_UUID_AT = next(i for i, c in enumerate(CLAIM_BASE_COLUMNS) if c is claim_t.c.uuid)
# with_links_many counts links itself, and reads the uuid as stored (batch_record writes it as Uuid would)
BATCH_COLUMNS = (
    *CLAIM_BASE_COLUMNS[:_UUID_AT],
    type_coerce(claim_t.c.uuid, String).label("uuid"),
    *CLAIM_BASE_COLUMNS[_UUID_AT + 1 :],
    _tags.label("tags"),
)
CLAIM_COLUMNS = (
    *CLAIM_BASE_COLUMNS,
    _tags.label("tags"),
    _denials.label("denials"),
    _corroborations.label("corroborations"),
)
LINK_COLUMNS = (
    link_t.c.id,
    link_t.c.kind,
    link_t.c.from_claim_id,
    link_t.c.to_claim_id,
    link_t.c.note,
    link_t.c.created,
    link_t.c.updated,
    link_t.c.uuid,
    link_t.c.version,
    link_t.c.created_by,
    link_t.c.updated_by,
)
BATCH = 500  # ids per IN (...) list: well under SQLite's bound-parameter limit
_SOURCE_KINDS = {k.value: k for k in SourceKind}
_STATUSES = {st.value: st for st in ClaimStatus}


def claim_select(columns: tuple[Any, ...] = CLAIM_COLUMNS) -> Select[Any]:
    return (
        select(*columns)
        .join(source_t, source_t.c.id == claim_t.c.source_id)
        .outerjoin(actor_t, actor_t.c.id == claim_t.c.actor_id)
    )


def chunks(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), BATCH):
        yield ids[start : start + BATCH]


_BATCH_NAMES = tuple(c.key for c in BATCH_COLUMNS)


_HEX32 = re.compile("[0-9a-f]{32}")


def uuid_text(value: Any) -> str | None:
    """A stored uuid as SQLAlchemy's ``Uuid(as_uuid=False)`` reads it (``str(uuid.UUID(value))``, a native
    value as ``str``), with the form SQLite stores (32 lower-case hex digits) written out directly: parsing
    each into a UUID cost as much as the rest of its row."""
    if value is None:
        return None
    if type(value) is not str:
        return str(value)
    if _HEX32.fullmatch(value) is not None:
        return f"{value[:8]}-{value[8:12]}-{value[12:16]}-{value[16:20]}-{value[20:]}"
    return str(uuid_mod.UUID(value))


def batch_record(r: Any, denials: int, corroborations: int) -> ClaimRecord:
    """A record from a BATCH_COLUMNS row (read by position: by name costs more than the rest of a batch),
    with its link counts counted separately. A row with anything unreadable goes the lenient way."""
    (
        cid,
        source_id,
        title,
        outlet,
        kind,
        published,
        reliability,
        actor_id,
        actor_name,
        actor_role,
        actor_affiliation,
        statement,
        quote,
        span_start,
        span_end,
        said,
        credibility,
        status,
        notes,
        created,
        updated,
        url,
        accessed,
        uuid,
        version,
        created_by,
        updated_by,
        tags,
    ) = r
    kind, status, uuid = _SOURCE_KINDS.get(kind), _STATUSES.get(status), uuid_text(uuid)
    if (
        kind is None
        or status is None
        or type(title) is not str  # the texts lists show
        or type(outlet) is not str
        or type(statement) is not str
        or type(quote) is not str
        or type(notes) is not str
        or type(created) is not dt.datetime
        or type(updated) is not dt.datetime
        or isinstance(said, Unreadable)
        or isinstance(published, Unreadable)
        or type(credibility) is not int
    ):
        row = dict(zip(_BATCH_NAMES, r, strict=True), denials=denials, corroborations=corroborations)
        row["uuid"] = uuid
        return row_to_record(_Row(row))
    # positional, in ClaimRecord's field order (keywords cost a third more, for thousands of rows)
    return ClaimRecord(
        cid,
        source_id,
        title,
        outlet,
        kind,
        published,
        reliability,
        actor_id,
        actor_name or "",
        actor_role or "",
        actor_affiliation or "",
        statement,
        quote,
        span_start,
        span_end,
        said,
        credibility,
        status,
        tuple(sorted(tags.split(TAG_SEP))) if tags else (),
        notes,
        created,
        updated,
        denials,
        corroborations,
        url or "",
        accessed,
        uuid or "",
        version,
        created_by,
        updated_by,
    )


def page_record(r: Any) -> ClaimRecord:
    """A record from a CLAIM_COLUMNS row (a page of a list), read by position like ``batch_record``: a page of
    200 claims in ~1.5 ms instead of ~5-10 by name through ``row_to_record``; as lenient."""
    return batch_record(r[:28], r[28] or 0, r[29] or 0)


class _Row:
    """Attribute access over a dict (a batch row handed to row_to_record)."""

    __slots__ = ("_values",)

    def __init__(self, values: dict[str, Any]) -> None:
        self._values = values

    def __getattr__(self, name: str) -> Any:
        return self._values[name]


def row_to_record(r: Any) -> ClaimRecord:
    """A claim from a CLAIM_COLUMNS row; unreadable stored values become a ``problem`` (app._rows)."""
    rd = RowReader(f"c{r.id}")
    # The source's and actor's fields are read leniently too, but their problems are theirs (named where
    # sources and actors are listed, and by doctor), not the claim's: the claim itself stays listed.
    joined = RowReader(f"s{r.source_id}")
    tags = rd.text(r.tags, "tag")
    return ClaimRecord(
        id=r.id,
        source_id=r.source_id,
        source_title=joined.text(r.source_title, "source title"),
        source_outlet=joined.text(r.source_outlet, "source outlet"),
        source_kind=joined.choice(SourceKind, r.source_kind, "source kind", SourceKind.OTHER),
        source_published=joined.date(r.source_published, "source date"),
        source_reliability=joined.text(r.source_reliability, "source reliability", "F"),
        actor_id=r.actor_id,
        actor_name=joined.text(r.actor_name, "actor name"),
        actor_role=joined.text(r.actor_role, "actor role"),
        actor_affiliation=joined.text(r.actor_affiliation, "actor affiliation"),
        statement=rd.text(r.statement, "statement"),
        quote=rd.text(r.quote, "quote"),
        span_start=rd.integer(r.span_start, "quote position", 0, 0),
        span_end=rd.integer(r.span_end, "quote end", 0, 0),
        said=rd.date(r.said, "date said"),
        credibility=rd.integer(r.credibility, "credibility", 6, 1, 6),
        status=rd.choice(ClaimStatus, r.status, "status", ClaimStatus.UNVERIFIED),
        tags=tuple(sorted(tags.split(TAG_SEP))) if tags else (),
        notes=rd.text(r.notes, "notes"),
        created=rd.moment(r.created, "creation time"),
        updated=rd.moment(r.updated, "time of the last change"),
        denial_count=r.denials or 0,
        corroboration_count=r.corroborations or 0,
        source_url=joined.text(r.source_url, "source URL"),
        source_accessed=joined.date(r.source_accessed, "source access date"),
        uuid=r.uuid or "",
        version=r.version,
        created_by=rd.text(r.created_by, "author name"),
        updated_by=rd.text(r.updated_by, "editor name"),
        problem=rd.message(),
    )


_LINK_KINDS = {k.value: k for k in LinkKind}


def link_record(link: Any) -> LinkRecord:
    kind = _LINK_KINDS.get(link.kind)
    note, created, updated, created_by, updated_by = (
        link.note,
        link.created,
        link.updated,
        link.created_by,
        link.updated_by,
    )
    if (  # everything readable (the usual row): no RowReader
        kind is not None
        and type(note) is str
        and type(created) is dt.datetime
        and type(updated) is dt.datetime
        and type(created_by) is str
        and type(updated_by) is str
    ):
        return LinkRecord(
            link.id,
            kind,
            link.from_claim_id,
            link.to_claim_id,
            note,
            created,
            updated,
            link.uuid or "",
            link.version,
            created_by,
            updated_by,
            "",
        )
    rd = RowReader(f"link {link.id}")
    return LinkRecord(
        id=link.id,
        kind=rd.choice(LinkKind, link.kind, "kind", LinkKind.QUALIFIES),
        from_claim_id=link.from_claim_id,
        to_claim_id=link.to_claim_id,
        note=rd.text(link.note, "note"),
        created=rd.moment(link.created, "creation time"),
        updated=rd.moment(link.updated, "time of the last change"),
        uuid=link.uuid or "",
        version=link.version,
        created_by=rd.text(link.created_by, "author name"),
        updated_by=rd.text(link.updated_by, "editor name"),
        problem=rd.message(),
    )
