"""Sources: the documents claims are drawn from, kept exactly as captured."""

from __future__ import annotations

import builtins
import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, and_, delete, false, func, select

from app._rows import RowReader
from app._text import clean_line
from app.domain import SOURCE_EDITABLE_FIELDS, Change, SourceKind, SourceRecord, parse_date, parse_reliability
from app.errors import BriefdeskError, NotFoundError, ValidationError
from app.ids import storable, storable_ids
from app.storage.tables import claims as t_claims
from app.storage.tables import new_uuid, utcnow
from app.storage.tables import source_originals as t_source_originals
from app.storage.tables import sources as t_sources

if TYPE_CHECKING:
    from sqlalchemy import ColumnElement, Row, UnaryExpression
    from sqlalchemy.engine import Connection
    from sqlalchemy.orm import Session

    from app.domain_lists import Page, SourceFilter, SourceSummary
    from app.storage.store import Store

    # a row of SourceService._summary_select()
    _SummaryRow = Row[int, object, object, object, object, object, object]

SOURCE_SORTS = {
    "id": t_sources.c.id,
    "title": t_sources.c.title,
    "outlet": t_sources.c.outlet,
    "published": t_sources.c.published,
    "kind": t_sources.c.kind,
    "reliability": t_sources.c.reliability,
}
EDITABLE = SOURCE_EDITABLE_FIELDS
MAX_BODY_CHARS = 50_000_000
_CREATE_DEFAULTS = {
    "kind": SourceKind.OTHER,
    "outlet": "",
    "authors": "",
    "url": "",
    "published": None,
    "accessed": None,
    "language": "",
    "reliability": "F",
    "descriptor": "",
    "notes": "",
}
_RECORD_FIELDS = (
    "title",
    "kind",
    "outlet",
    "authors",
    "url",
    "published",
    "accessed",
    "language",
    "body",
    "sha256",
    "reliability",
    "descriptor",
    "notes",
)


def content_sha256(*, body: str, original: bytes | None) -> str:
    data = original if original is not None else body.encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()


def _record(src: Any, claim_count: int = 0) -> SourceRecord:
    rd = RowReader(f"s{src.id}")
    return SourceRecord(
        id=src.id,
        title=rd.text(src.title, "title"),
        kind=rd.choice(SourceKind, src.kind, "kind", SourceKind.OTHER),
        outlet=rd.text(src.outlet, "outlet"),
        authors=rd.text(src.authors, "authors field"),
        url=rd.text(src.url, "URL"),
        published=rd.date(src.published, "date published"),
        accessed=rd.date(src.accessed, "date accessed"),
        language=rd.text(src.language, "language"),
        body=rd.text(src.body, "text"),
        sha256=rd.text(src.sha256, "content hash"),
        reliability=rd.text(src.reliability, "reliability", "F"),
        descriptor=rd.text(src.descriptor, "descriptor"),
        notes=rd.text(src.notes, "notes"),
        created=rd.moment(src.created, "creation time"),
        updated=rd.moment(src.updated, "time of the last change"),
        claim_count=claim_count,
        original_filename=rd.text(src.original_filename, "original file name"),
        uuid=src.uuid or "",
        version=src.version,
        created_by=rd.text(src.created_by, "author name"),
        updated_by=rd.text(src.updated_by, "editor name"),
        problem=rd.message(),
    )


def _validated(fields: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in fields.items():
        if key not in EDITABLE:
            raise ValidationError(f"A source has no field '{key}'.")
        if key == "kind":
            out[key] = SourceKind.parse(value).value
        elif key == "reliability":
            out[key] = parse_reliability(value)
        elif key in ("published", "accessed"):
            out[key] = parse_date(value, what=f"date {key}")
        elif key == "title":
            out[key] = clean_line(value, what="title", required=True, max_len=5000)
        elif key == "url":
            out[key] = clean_line(value, what="URL", max_len=8000)
        elif key in ("notes", "descriptor"):
            out[key] = "" if value is None else str(value)
        else:
            out[key] = clean_line(value, what=key, max_len=5000)
    return out


class SourceService:
    def __init__(self, lib: Store) -> None:
        self._lib = lib

    def create(
        self,
        *,
        title: str,
        body: str,
        kind: str | SourceKind = SourceKind.OTHER,
        outlet: str = "",
        authors: str = "",
        url: str = "",
        published: str | dt.date | None = None,
        accessed: str | dt.date | None = None,
        language: str = "",
        reliability: str = "F",
        descriptor: str = "",
        notes: str = "",
        original: bytes | None = None,
        original_filename: str = "",
    ) -> Change[SourceRecord]:
        """Add a source. Identical content (same sha256) is not stored twice: the existing source comes back
        with ``action == "existing"``. A URL already in the library adds a warning in ``extra["warnings"]``."""
        self._check_body(body)
        values = _validated(
            {
                "title": title,
                "kind": kind,
                "outlet": outlet,
                "authors": authors,
                "url": url,
                "published": published,
                "accessed": accessed,
                "language": language,
                "reliability": reliability,
                "descriptor": descriptor,
                "notes": notes,
            }
        )
        if values["accessed"] is None:
            values["accessed"] = dt.date.today()
        sha = content_sha256(body=body, original=original)
        from app.storage.models import Source, SourceOriginal  # writing: the ORM
        from app.tracking import stamp_new

        with self._lib.writing() as s:
            existing = s.scalar(select(Source).where(t_sources.c.sha256 == sha))
            if existing is not None:
                return Change(
                    "source",
                    "existing",
                    existing.id,
                    before=None,
                    after=_record(existing),
                    extra={
                        "warnings": [
                            f"Identical content is already in the library as source "
                            f"{existing.id} ({existing.title})."
                        ]
                    },
                )
            warnings = []
            if values["url"]:
                dup = s.execute(
                    select(t_sources.c.id, t_sources.c.title).where(t_sources.c.url == values["url"]).limit(1)
                ).first()
                if dup:
                    warnings.append(f"Source {dup.id} ({dup.title}) has the same URL; both are kept.")
            now = utcnow()
            src = Source(
                body=body,
                sha256=sha,
                original_filename=original_filename or "",
                created=now,
                updated=now,
                **values,
            )
            stamp_new(src, self._lib.user, now)
            s.add(src)
            s.flush()
            if original is not None:
                s.add(SourceOriginal(source_id=src.id, data=original))
            self._lib.log_change(s, "source", src.id, "created")
            record = _record(src)
        return Change("source", "created", record.id, after=record, extra={"warnings": warnings})

    BULK_STEP = 5000  # create_many validates and stores this many items at a time (one transaction in all)

    def create_many(
        self,
        items: list[dict[str, Any]] | Sequence[dict[str, Any]],
        *,
        cancelled: Callable[[], bool] | None = None,
        consume: bool = False,
    ) -> list[Change[SourceRecord] | BriefdeskError]:
        """Add many sources at once (a reference export of 100,000 entries), in one transaction.

        Each item holds ``create()``'s keywords. Returns, in order, a Change per item ("created", or "existing"
        for content already in the library or earlier in ``items``, with the same warnings as ``create``) or
        the BriefdeskError refusing that item; the others are stored. Values are validated in Python, the
        existing hashes and URLs are looked up 500 at a time and the rows inserted with executemany, BULK_STEP
        items at a time, so the cost per entry is the row and its full-text entry, not a session round trip
        (create() in a loop took ~6 ms an entry), and only one step's values are held at once. ``cancelled()``
        is polled every 1,000 items: CancelledError undoes the whole transaction. ``consume``: each item is
        removed from the ``items`` list once read (a bulk import hands its list over, so 100,000 entries are
        not held twice). One savepoint for the whole call: per-step savepoints made SQLite's FTS5 flush and
        merge its index at each one, and the import grew faster than linearly."""
        results: list[Any] = [None] * len(items)
        known: dict[str, Any] = {}  # sha -> the stored SourceRecord (or this step's row position)
        urls: dict[str, tuple[int, str]] = {}  # URL -> the first source holding it
        with self._lib.writing() as s:
            for start in range(0, len(items), self.BULK_STEP):
                stop = min(start + self.BULK_STEP, len(items))
                pending = self._validate_step(items, start, stop, results, cancelled, consume)
                self._store_step(s, pending, results, known, urls)
        for i, result in enumerate(results):
            if isinstance(result, tuple):
                existing = known[result[1]]
                results[i] = Change(
                    "source",
                    "existing",
                    existing.id,
                    after=existing,
                    extra={
                        "warnings": [
                            f"Identical content is already in the library as source {existing.id} "
                            f"({existing.title})."
                        ]
                    },
                )
        return results

    def _validate_step(
        self,
        items: list[dict[str, Any]] | Sequence[dict[str, Any]],
        start: int,
        stop: int,
        results: list[Any],
        cancelled: Callable[[], bool] | None,
        consume: bool,
    ) -> list[tuple[int, dict[str, Any], bytes | None]]:
        from app.errors import CancelledError

        pending: list[tuple[int, dict[str, Any], bytes | None]] = []  # (index, row values, original)
        today = dt.date.today()
        for i in range(start, stop):
            if cancelled is not None and i % 1000 == 0 and cancelled():
                raise CancelledError()
            item = items[i]
            if consume and isinstance(items, list):
                items[i] = None  # type: ignore[call-overload]  # the caller handed its list over to be emptied
            try:
                fields = dict(item)
                body, original = fields.pop("body"), fields.pop("original", None)
                original_filename = fields.pop("original_filename", "") or ""
                self._check_body(body)
                values = _validated({**_CREATE_DEFAULTS, **fields})
            except BriefdeskError as exc:
                results[i] = exc
                continue
            except (KeyError, TypeError) as exc:
                results[i] = ValidationError(f"A source could not be read from the entry ({exc}).")
                continue
            if values["accessed"] is None:
                values["accessed"] = today
            values.update(body=body, original_filename=original_filename)
            values["sha256"] = content_sha256(body=body, original=original)
            pending.append((i, values, original))
        return pending

    def _store_step(
        self,
        s: Session,
        pending: list[tuple[int, dict[str, Any], bytes | None]],
        results: list[Any],
        known: dict[str, Any],
        urls: dict[str, tuple[int, str]],
    ) -> None:
        shas = list({v["sha256"] for _, v, _ in pending if v["sha256"] not in known})
        for start in range(0, len(shas), 500):
            for src in s.execute(select(t_sources).where(t_sources.c.sha256.in_(shas[start : start + 500]))):
                known[src.sha256] = _record(src)
        wanted_urls = list({v["url"] for _, v, _ in pending if v["url"] and v["url"] not in urls})
        for start in range(0, len(wanted_urls), 500):
            chunk = wanted_urls[start : start + 500]
            for row in s.execute(
                select(t_sources.c.id, t_sources.c.title, t_sources.c.url).where(t_sources.c.url.in_(chunk))
            ):
                urls.setdefault(row.url, (row.id, row.title))
        now = utcnow()
        user = self._lib.user  # stamped as create() stamps (app.tracking.stamp_new)
        rows: list[dict[str, Any]] = []
        originals: list[bytes | None] = []
        slots: list[int] = []
        for i, values, original in pending:
            sha = values["sha256"]
            if sha in known:
                results[i] = ("existing", sha)  # resolved when the call ends
                continue
            known[sha] = len(rows)  # a row of this step, by position until it has an id
            values.update(
                created=now, updated=now, uuid=new_uuid(), version=1, created_by=user, updated_by=user
            )
            rows.append(values)
            originals.append(original)
            slots.append(i)
        if not rows:
            return
        s.execute(t_sources.insert(), rows)  # executemany; ids found by the unique hash after
        id_of: dict[str, int] = {}
        new_shas = [r["sha256"] for r in rows]
        for start in range(0, len(new_shas), 500):
            chunk = new_shas[start : start + 500]
            id_of.update(
                s.execute(
                    select(t_sources.c.sha256, t_sources.c.id).where(t_sources.c.sha256.in_(chunk))
                ).all()
            )
        ids = [id_of[sha] for sha in new_shas]
        blobs = [{"source_id": ids[n], "data": o} for n, o in enumerate(originals) if o is not None]
        if blobs:
            s.execute(t_source_originals.insert(), blobs)
        from app.storage.tables_more import change_log as t_change_log

        s.execute(  # the change log, as log_change writes it for create()
            t_change_log.insert(),
            [
                {
                    "entity": "source",
                    "entity_id": i,
                    "action": "created",
                    "changed_by": user,
                    "at": now,
                    "session": self._lib.session_id,
                }
                for i in ids
            ],
        )
        for n, i in enumerate(slots):
            new = rows[n]
            warnings = []
            if new["url"] and new["url"] in urls:
                dup_id, dup_title = urls[new["url"]]
                warnings.append(f"Source {dup_id} ({dup_title}) has the same URL; both are kept.")
            record = SourceRecord(
                id=ids[n],
                **{k: new[k] for k in _RECORD_FIELDS if k != "kind"},
                kind=SourceKind(new["kind"]),
                created=now,
                updated=now,
                original_filename=new["original_filename"],
                uuid=new["uuid"],
                version=1,
                created_by=user,
                updated_by=user,
            )
            known[new["sha256"]] = record
            if new["url"]:
                urls.setdefault(new["url"], (record.id, record.title))
            results[i] = Change("source", "created", record.id, after=record, extra={"warnings": warnings})

    @staticmethod
    def _check_body(body: Any) -> None:
        if not isinstance(body, str):
            raise ValidationError("The source's text must be text.")
        if len(body) > MAX_BODY_CHARS:
            raise ValidationError(
                f"The source's text is too long ({len(body):,} characters; at most 50 million)."
            )

    def get(self, source_id: int) -> SourceRecord:
        with self._lib.querying() as s:
            src = (
                s.execute(select(t_sources).where(t_sources.c.id == int(source_id))).first()
                if storable(int(source_id))
                else None
            )
            if src is None:
                raise NotFoundError("source", source_id)
            count = (
                s.scalar(select(func.count()).select_from(t_claims).where(t_claims.c.source_id == source_id))
                or 0
            )
            return _record(src, count)

    def get_many(self, ids: list[int] | tuple[int, ...] | set[int]) -> dict[int, SourceRecord]:
        ids = storable_ids(dict.fromkeys(int(i) for i in ids))
        out: dict[int, SourceRecord] = {}
        with self._lib.querying() as s:
            for chunk_start in range(0, len(ids), 500):
                chunk = ids[chunk_start : chunk_start + 500]
                for src in s.execute(select(t_sources).where(t_sources.c.id.in_(chunk))):
                    out[src.id] = _record(src)
        return out

    def original(self, source_id: int) -> bytes | None:
        with self._lib.querying() as s:
            if s.scalar(select(t_sources.c.id).where(t_sources.c.id == int(source_id))) is None:
                raise NotFoundError("source", source_id)
            row = s.execute(
                select(t_source_originals.c.data).where(t_source_originals.c.source_id == int(source_id))
            ).first()
            return None if row is None else row.data

    def find_by_url(self, url: str) -> list[SourceSummary]:
        """The sources saved from this address (an import matches a re-sent record to them)."""
        with self._lib.querying() as s:
            rows = s.execute(self._summary_select().where(t_sources.c.url == url)).all()
            return [self._summary(r) for r in rows]

    def update(self, source_id: int, *, if_version: int | None = None, **fields: Any) -> Change[SourceRecord]:
        """Edit a source's details. ``if_version``: the version the user edited; if the stored source is newer
        (someone else changed it), ``StaleEditError`` and nothing is written."""
        from app.storage.models import Source
        from app.tracking import for_update, touch

        values = _validated(fields)
        with self._lib.writing() as s:
            src = for_update(s, Source, source_id, "source", if_version)
            before = _record(src)
            for key, value in values.items():
                setattr(src, key, value)
            touch(src, self._lib.user)
            s.flush()
            self._lib.log_change(s, "source", src.id, "updated")
            after = _record(src)
        return Change("source", "updated", source_id, before=before, after=after)

    def delete(self, source_id: int, *, if_version: int | None = None) -> Change[SourceRecord]:
        """Delete a source and the claims drawn from it (and their links)."""
        from app.storage.models import Source
        from app.tracking import for_update

        with self._lib.writing() as s:
            src = for_update(s, Source, source_id, "source", if_version)
            before = _record(src)
            claim_ids = list(s.scalars(select(t_claims.c.id).where(t_claims.c.source_id == source_id)))
            s.execute(delete(t_sources).where(t_sources.c.id == source_id))
            self._lib.log_change(s, "source", source_id, "deleted")
        return Change(
            "source", "deleted", source_id, before=before, affected=tuple(("claim", c) for c in claim_ids)
        )

    # --- lists ---------------------------------------------------------------------------------------
    @staticmethod
    def _summary_select() -> Select[int, object, object, object, object, object, object]:
        """id, title, kind, outlet, published, reliability, url: read through RowReader, which checks them."""
        return select(
            t_sources.c.id,
            t_sources.c.title,
            t_sources.c.kind,
            t_sources.c.outlet,
            t_sources.c.published,
            t_sources.c.reliability,
            t_sources.c.url,
        )

    @staticmethod
    def _summary(row: _SummaryRow, count: int = 0) -> SourceSummary:
        from app.domain_lists import SourceSummary

        rd = RowReader(f"s{row.id}")
        return SourceSummary(
            id=row.id,
            title=rd.text(row.title, "title"),
            kind=rd.choice(SourceKind, row.kind, "kind", SourceKind.OTHER),
            outlet=rd.text(row.outlet, "outlet"),
            published=rd.date(row.published, "date published"),
            reliability=rd.text(row.reliability, "reliability", "F"),
            url=rd.text(row.url, "URL"),
            claim_count=count,
            problem=rd.message(),
        )

    def _conditions(
        self, flt: SourceFilter, s: Connection | None = None, rows_wanted: int | None = None
    ) -> builtins.list[ColumnElement[bool]]:
        """WHERE terms for ``flt``; with a session ``s`` a text filter is planned for a query needing its first
        ``rows_wanted`` rows in an index order (None: all of them)."""
        conds: builtins.list[ColumnElement[bool]] = []
        if flt.kind is not None:
            conds.append(t_sources.c.kind == SourceKind.parse(flt.kind).value)
        if flt.reliability:
            conds.append(t_sources.c.reliability == parse_reliability(flt.reliability))
        if flt.outlet:
            conds.append(t_sources.c.outlet == flt.outlet)
        if flt.published_from:
            conds.append(t_sources.c.published >= flt.published_from)
        if flt.published_to:
            conds.append(t_sources.c.published <= flt.published_to)
        if flt.text and flt.text.strip():
            if s is None:
                ids = self._lib.storage.fts_ids_clause("source", flt.text)
                conds.append(t_sources.c.id.in_(ids) if ids is not None else false())
            else:
                conds.append(self._lib.storage.text_condition(s, "source", flt.text, rows_wanted=rows_wanted))
        return conds

    def list(
        self,
        flt: SourceFilter | None = None,
        *,
        sort: str = "published",
        descending: bool = True,
        offset: int = 0,
        limit: int = 100,
        with_total: bool = True,
    ) -> Page[SourceSummary]:
        from app.domain_lists import Page, SourceFilter

        flt = flt or SourceFilter()
        if sort not in SOURCE_SORTS:
            raise ValidationError(
                f"Sources cannot be sorted by '{sort}'; use one of {', '.join(SOURCE_SORTS)}."
            )
        col = SOURCE_SORTS[sort]
        order = [self._lib.storage.ordered(c, descending) for c in (col, t_sources.c.id)]
        offset, limit = max(0, offset), max(0, limit)
        with self._lib.querying() as s:
            conds = self._conditions(flt, s, rows_wanted=offset + limit)  # every sort has an index
            where = and_(True, *conds)
            page_ids = self._phrase_page(s, flt, sort, descending, offset, limit)
            rows: Sequence[_SummaryRow]
            if page_ids is not None:
                found = {
                    r.id: r for r in s.execute(self._summary_select().where(t_sources.c.id.in_(page_ids)))
                }
                rows = [found[i] for i in page_ids if i in found]
            elif sort == "published" and not descending:
                rows = self._undated_last(s, where, order, offset, limit)
            else:
                # Undated sources come last either way: descending, NULL (the smallest value) is last by
                # itself, so no "published IS NULL" term is needed and the published index serves the order
                # (with that term SQLite sorted all 100,000 sources for each page: ~170 ms).
                q = self._summary_select().where(where).order_by(*order).offset(offset).limit(limit)
                rows = s.execute(q).all()
            counts: dict[int, int] = {}
            if rows:
                ids = [r.id for r in rows]
                counts = dict(
                    s.execute(
                        select(t_claims.c.source_id, func.count())
                        .where(t_claims.c.source_id.in_(ids))
                        .group_by(t_claims.c.source_id)
                    ).all()
                )
            total = self._count(s, flt) if with_total else -1
        items = tuple(self._summary(r, counts.get(r.id, 0)) for r in rows)
        return Page(items=items, total=total, offset=offset, limit=limit)

    def _phrase_page(
        self, s: Connection, flt: SourceFilter, sort: str, descending: bool, offset: int, limit: int
    ) -> builtins.list[int] | None:
        """The page's ids when the text filter holds a phrase and the database has its own plan for it
        (PostgreSQL: app.storage.postgres.phrase_page_ids), else None."""
        if not (flt.text and '"' in flt.text):
            return None
        where = and_(True, *self._conditions(replace(flt, text=None)))
        undated_last = sort == "published"  # oldest first too, as _undated_last gives them
        return self._lib.storage.phrase_page_ids(
            s, t_sources, flt.text, where, SOURCE_SORTS[sort], descending, undated_last, offset, limit
        )

    def _count(self, s: Connection, flt: SourceFilter) -> int:
        from app.domain_lists import SourceFilter

        if flt.text and flt.text.strip() and flt == SourceFilter(text=flt.text):
            return self._lib.storage.text_count(s, "source", flt.text)  # from the full-text index alone
        conds = self._conditions(flt, s)
        return s.scalar(select(func.count()).select_from(t_sources).where(and_(True, *conds))) or 0

    def _undated_last(
        self,
        s: Connection,
        where: ColumnElement[bool],
        order: Sequence[UnaryExpression[object]],
        offset: int,
        limit: int,
    ) -> Sequence[_SummaryRow]:
        """Oldest first with undated sources last, in two index-ordered reads instead of one full sort."""
        dated = self._summary_select().where(where, t_sources.c.published.is_not(None)).order_by(*order)
        rows = s.execute(dated.offset(offset).limit(limit)).all() if limit > 0 else []
        if len(rows) >= limit:
            return rows
        if rows or offset == 0:
            n_dated = offset + len(rows)
        else:
            n_dated = s.scalar(select(func.count()).select_from(dated.subquery())) or 0
        undated = (
            self._summary_select()
            .where(where, t_sources.c.published.is_(None))
            .order_by(t_sources.c.id.asc())
        )
        return [*rows, *s.execute(undated.offset(max(0, offset - n_dated)).limit(limit - len(rows))).all()]

    def count(self, flt: SourceFilter | None = None) -> int:
        from app.domain_lists import SourceFilter

        with self._lib.querying() as s:
            return self._count(s, flt or SourceFilter())
