"""Briefs: Markdown bodies with citations, their revisions, balance waivers and where-cited."""

from __future__ import annotations

import builtins
import datetime as dt
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, insert, or_, select
from sqlalchemy.exc import IntegrityError

from app._rows import RowReader, shown
from app._text import clean_line, search_text, word_count
from app.brief_model import parse_brief
from app.brief_model.text import drop_forbidden
from app.domain import BriefRecord, BriefStatus, Change, MarkingScheme, WaiverRecord
from app.errors import BriefLockedError, ConflictError, NotFoundError, StaleEditError, ValidationError
from app.ids import storable
from app.markings import parse_default_marking
from app.storage.tables import balance_waivers as t_balance_waivers
from app.storage.tables import briefs as t_briefs
from app.storage.tables import utcnow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.domain_lists import BriefLockRecord, BriefSummary, Page, RevisionRecord, SaveState, WhereCited
    from app.storage.models import Brief, BriefLock, BriefRevision
    from app.storage.store import Store

# While editing, an autosave keeps a revision at most this often; explicit saves always keep one.
AUTOSAVE_REVISION_INTERVAL = dt.timedelta(minutes=5)
MAX_BODY_CHARS = 20_000_000
REVISIONS_KEPT = 200
# Brief locks: an open editor renews its lock every LOCK_HEARTBEAT; a lock not renewed for LOCK_STALE_AFTER
# was left by a window that closed without releasing it (a crash, a lost connection) and can be taken.
LOCK_HEARTBEAT = dt.timedelta(seconds=30)
LOCK_STALE_AFTER = dt.timedelta(minutes=2)


def _record(b: Any) -> BriefRecord:  # an ORM Brief or a Core row of briefs
    rd = RowReader(f"b{b.id}")
    scheme = rd.choice(MarkingScheme, b.marking_scheme, "marking scheme", MarkingScheme.NONE)
    default_marking = rd.text(b.default_marking, "marking")
    if not rd.problems:
        try:
            parse_default_marking(scheme, default_marking)
        except ValidationError:
            rd.problems.append(f"an invalid marking '{shown(default_marking)}' for its scheme {scheme.value}")
    return BriefRecord(
        id=b.id,
        title=rd.text(b.title, "title"),
        body=rd.text(b.body, "text"),
        marking_scheme=scheme,
        default_marking=default_marking,
        author=rd.text(b.author, "author"),
        organisation=rd.text(b.organisation, "organisation"),
        status=rd.choice(BriefStatus, b.status, "status", BriefStatus.DRAFT),
        created=rd.moment(b.created, "creation time"),
        updated=rd.moment(b.updated, "time of the last change"),
        summary_statement=rd.text(b.summary_statement, "summary statement"),
        uuid=b.uuid or "",
        version=b.version,
        created_by=rd.text(b.created_by, "author name"),
        updated_by=rd.text(b.updated_by, "editor name"),
        problem=rd.message(),
    )


def _summary(r: Any) -> BriefSummary:
    from app.domain_lists import BriefSummary

    rd = RowReader(f"b{r.id}")
    return BriefSummary(
        id=r.id,
        title=rd.text(r.title, "title"),
        status=rd.choice(BriefStatus, r.status, "status", BriefStatus.DRAFT),
        marking_scheme=rd.choice(MarkingScheme, r.marking_scheme, "marking scheme", MarkingScheme.NONE),
        default_marking=rd.text(r.default_marking, "marking"),
        updated=rd.moment(r.updated, "time of the last change"),
        author=rd.text(r.author, "author"),
        problem=rd.message(),
    )


def _revision(r: BriefRevision) -> RevisionRecord:
    from app.domain_lists import RevisionRecord

    rd = RowReader(f"revision {r.id} of b{r.brief_id}")
    return RevisionRecord(
        id=r.id,
        brief_id=r.brief_id,
        body=rd.text(r.body, "text"),
        reason=rd.text(r.reason, "reason", "save"),
        created=rd.moment(r.created, "time"),
        word_count=rd.integer(r.word_count, "word count", 0, 0),
        uuid=r.uuid or "",
        version=r.version,
        created_by=rd.text(r.created_by, "author name"),
        updated_by=rd.text(r.updated_by, "editor name"),
        problem=rd.message(),
    )


def _waiver(w: Any) -> WaiverRecord:
    return WaiverRecord(id=w.id, brief_id=w.brief_id, claim_id=w.claim_id, reason=w.reason, created=w.created)


class BriefService:
    def __init__(self, lib: Store) -> None:
        self._lib = lib

    def _meta(self, fields: dict[str, Any], current: Brief | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in fields.items():
            if key == "title":
                out[key] = clean_line(value, what="title", required=True, max_len=1000)
            elif key in ("author", "organisation"):
                out[key] = clean_line(value, what=key, max_len=1000)
            elif key == "status":
                out[key] = BriefStatus.parse(value).value
            elif key == "marking_scheme":
                out[key] = MarkingScheme.parse(value).value
            elif key == "default_marking" or key == "summary_statement":
                out[key] = value or ""
            else:
                raise ValidationError(f"A brief has no field '{key}'.")
        if "marking_scheme" in out or "default_marking" in out:
            scheme = MarkingScheme(out.get("marking_scheme", current.marking_scheme if current else "none"))
            default = out.get("default_marking", current.default_marking if current else "")
            if "marking_scheme" in out and "default_marking" not in out and current is not None:
                default = "" if scheme.value != current.marking_scheme else default
            out["default_marking"] = parse_default_marking(scheme, default)
        return out

    def create(
        self,
        *,
        title: str,
        body: str = "",
        marking_scheme: str = "none",
        default_marking: str = "",
        author: str = "",
        organisation: str = "",
        status: str = "draft",
        summary_statement: str = "",
    ) -> Change[BriefRecord]:
        from app.storage.models import Brief, BriefRevision
        from app.tracking import stamp_new

        values = self._meta(
            {
                "title": title,
                "marking_scheme": marking_scheme,
                "default_marking": default_marking,
                "author": author,
                "organisation": organisation,
                "status": status,
                "summary_statement": summary_statement,
            }
        )
        body = self._check_body(body)
        now = utcnow()
        with self._lib.writing() as s:
            brief = Brief(body=body, created=now, updated=now, **values)
            stamp_new(brief, self._lib.user, now)
            s.add(brief)
            s.flush()
            self._index_citations(s, brief.id, body)
            if body:
                rev = BriefRevision(
                    brief_id=brief.id, body=body, reason="save", word_count=word_count(body), created=now
                )
                stamp_new(rev, self._lib.user, now)
                s.add(rev)
            self._lib.log_change(s, "brief", brief.id, "created")
            record = _record(brief)
        return Change("brief", "created", record.id, after=record)

    @staticmethod
    def _check_body(body: str) -> str:
        """The body as it is stored: refused when it is not text or too long; control characters (other than
        tab and line ends) and other characters no document can hold are dropped, so the editor never shows
        them as boxes and the stored text is the text every export reads."""
        if not isinstance(body, str):
            raise ValidationError("A brief's body must be text.")
        if len(body) > MAX_BODY_CHARS:
            raise ValidationError(f"The brief is too long ({len(body):,} characters; at most 20 million).")
        return drop_forbidden(body)

    def get(self, brief_id: int) -> BriefRecord:
        with self._lib.querying() as s:
            brief = s.execute(select(t_briefs).where(t_briefs.c.id == int(brief_id))).first()
            if brief is None:
                raise NotFoundError("brief", brief_id)
            return _record(brief)

    def list(self, *, offset: int = 0, limit: int = 100, text: str | None = None) -> Page[BriefSummary]:
        from app.domain_lists import Page

        with self._lib.reading() as s:
            q = select(
                t_briefs.c.id,
                t_briefs.c.title,
                t_briefs.c.status,
                t_briefs.c.marking_scheme,
                t_briefs.c.default_marking,
                t_briefs.c.updated,
                t_briefs.c.author,
            )
            cq = select(func.count()).select_from(t_briefs)
            if text and text.strip():
                like = f"%{search_text(text)}%"
                q = q.where(t_briefs.c.title.ilike(like))
                cq = cq.where(t_briefs.c.title.ilike(like))
            rows = s.execute(
                q.order_by(t_briefs.c.updated.desc(), t_briefs.c.id.desc()).offset(offset).limit(limit)
            ).all()
            total = s.scalar(cq) or 0
        items = tuple(_summary(r) for r in rows)
        return Page(items, total, offset, limit)

    def update(self, brief_id: int, *, if_version: int | None = None, **fields: Any) -> Change[BriefRecord]:
        """Edit a brief's properties (title, author, organisation, marking, status, summary statement).
        ``if_version``: the version the user edited (``StaleEditError`` if the brief is newer)."""
        from app.storage.models import Brief
        from app.tracking import for_update, touch

        if "body" in fields:
            raise ValidationError("Use set_body to change a brief's text.")
        with self._lib.writing() as s:
            brief = for_update(s, Brief, int(brief_id), "brief", if_version)
            before = _record(brief)
            for key, value in self._meta(fields, brief).items():
                setattr(brief, key, value)
            touch(brief, self._lib.user)
            s.flush()
            self._lib.log_change(s, "brief", brief.id, "updated")
            after = _record(brief)
        return Change("brief", "updated", brief_id, before=before, after=after)

    def set_field_seen(
        self, brief_id: int, field: str, value: Any, *, seen: BriefRecord
    ) -> Change[BriefRecord]:
        """Set one property to ``value`` where the user decided it from the brief as ``seen`` (the checks'
        quick fix "Use the TLP marking scheme"). A save of the text or a change to another field since is no
        conflict; the same field changed by someone to another value is: ``StaleEditError`` naming who, and
        nothing is written. The read and the write are one step (``if_version``)."""
        now = self.get(brief_id)
        if getattr(now, field) != getattr(seen, field) and getattr(now, field) != value:
            raise StaleEditError(
                "brief",
                brief_id,
                expected=seen.version,
                current=now.version,
                changed_by=now.updated_by,
                changed_at=now.updated,
            )
        return self.update(brief_id, if_version=now.version, **{field: value})

    def set_body(
        self, brief_id: int, body: str, *, reason: str | None = "save", if_version: int | None = None
    ) -> Change[BriefRecord]:
        """Store a new body. ``reason``: "save" always keeps a revision; "autosave" keeps one at most every
        few minutes; None keeps none. A body identical to the last revision adds no revision.

        One analyst at a time edits a brief's text: while another window holds the brief's lock (``lock``),
        this is refused with ``BriefLockedError`` naming them. ``if_version``: the version the text was
        edited from; if someone saved a newer one since, ``StaleEditError`` and nothing is written."""
        from app.storage.models import Brief, BriefRevision
        from app.storage.tables_more import brief_revisions as t_brief_revisions
        from app.tracking import for_update, stamp_new, touch

        body = self._check_body(body)
        if reason not in (None, "save", "autosave", "restore"):
            raise ValidationError(f"Unknown reason for saving: {reason}.")
        now = utcnow()
        with self._lib.writing() as s:
            brief = for_update(s, Brief, int(brief_id), "brief", if_version)
            self._refuse_if_locked_by_other(s, brief.id, now)
            before = _record(brief)
            changed = brief.body != body
            if changed:
                brief.body = body
                touch(brief, self._lib.user, now)
                self._index_citations(s, brief.id, body)
                self._lib.log_change(s, "brief", brief.id, "updated")
            revision_id = None
            if reason is not None:
                last = s.scalar(
                    select(BriefRevision)
                    .where(t_brief_revisions.c.brief_id == brief.id)
                    .order_by(t_brief_revisions.c.id.desc())
                    .limit(1)
                )
                due = (
                    reason != "autosave" or last is None or (now - last.created) >= AUTOSAVE_REVISION_INTERVAL
                )
                if due and (last is None or last.body != body):
                    rev = BriefRevision(
                        brief_id=brief.id, body=body, reason=reason, word_count=word_count(body), created=now
                    )
                    stamp_new(rev, self._lib.user, now)
                    s.add(rev)
                    s.flush()
                    revision_id = rev.id
                    self._prune(s, brief.id)
            after = _record(brief)
        return Change(
            "brief",
            "updated" if changed else "unchanged",
            brief_id,
            before=before,
            after=after,
            extra={"revision_id": revision_id},
        )

    @staticmethod
    def _prune(s: Session, brief_id: int) -> None:
        """Keep the newest REVISIONS_KEPT revisions; explicit saves are kept longer than autosaves."""
        from app.storage.tables_more import brief_revisions as t_brief_revisions

        ids = list(
            s.scalars(
                select(t_brief_revisions.c.id)
                .where(t_brief_revisions.c.brief_id == brief_id, t_brief_revisions.c.reason == "autosave")
                .order_by(t_brief_revisions.c.id.desc())
                .offset(REVISIONS_KEPT)
            )
        )
        if ids:
            s.execute(delete(t_brief_revisions).where(t_brief_revisions.c.id.in_(ids)))

    @staticmethod
    def _index_citations(s: Session, brief_id: int, body: str) -> None:
        from app.storage.tables_more import brief_citations as t_brief_citations

        s.execute(delete(t_brief_citations).where(t_brief_citations.c.brief_id == brief_id))
        rows = [
            {
                "brief_id": brief_id,
                "kind": c.kind,
                "ident": c.ident,
                "line": c.line,
                "col": c.column,
                "section": c.section,
            }
            for c in parse_brief(body).citations
            if storable(c.ident)  # a number no record can have is cited, but not indexed
        ]
        if rows:
            s.execute(insert(t_brief_citations), rows)

    def delete(self, brief_id: int, *, if_version: int | None = None) -> Change[BriefRecord]:
        """Delete a brief with everything kept about it (revisions, waivers, its ACH matrix and assumptions).
        ``extra["rows"]`` keeps those rows so that ``restore`` can undo the delete."""
        from app.storage.models import Brief
        from app.tracking import for_update

        with self._lib.writing() as s:
            brief = for_update(s, Brief, int(brief_id), "brief", if_version)
            self._refuse_if_locked_by_other(s, brief.id, utcnow())
            before = _record(brief)
            kept = _rows_hanging_on(s, brief.id)
            revisions = sum(len(rows) for name, rows in kept if name == "brief_revisions")
            s.delete(brief)
            self._lib.log_change(s, "brief", before.id, "deleted")
        return Change(
            "brief", "deleted", before.id, before=before, extra={"rows": kept, "revisions": revisions}
        )

    def restore(self, change: Change[BriefRecord]) -> Change[BriefRecord]:
        """Undo a delete: the brief comes back with the same id, its revisions, waivers and analysis; rows
        about claims deleted since (a waiver, a matrix row) stay out."""
        from app.storage.models import Brief

        if change.entity != "brief" or change.action != "deleted" or change.before is None:
            raise ValidationError("Only a deleted brief can be restored.")
        with self._lib.writing() as s:
            if s.get(Brief, change.before.id) is not None:
                raise ConflictError(f"Brief {change.before.id} exists already; nothing was restored.")
            _put_rows_back(s, change.extra.get("rows", []))
            self._lib.log_change(s, "brief", change.before.id, "restored")
            restored = s.get(Brief, change.before.id)
            assert restored is not None
            after = _record(restored)
        return Change("brief", "restored", after.id, after=after)

    # --- locks: one editor of a brief's text at a time ---------------------------------------------------
    def _lock_record(self, lock: BriefLock) -> BriefLockRecord:
        from app.domain_lists import BriefLockRecord

        return BriefLockRecord(
            brief_id=lock.brief_id,
            holder=lock.holder,
            acquired=lock.acquired,
            heartbeat=lock.heartbeat,
            mine=lock.session == self._lib.session_id,
        )

    def _refuse_if_locked_by_other(self, s: Session, brief_id: int, now: dt.datetime) -> None:
        from app.storage.models import BriefLock

        lock = s.get(BriefLock, brief_id)
        if lock is None or lock.session == self._lib.session_id:
            return
        if now - lock.heartbeat >= LOCK_STALE_AFTER:
            return  # left behind by a window that is gone
        raise BriefLockedError(
            brief_id, holder=lock.holder, since=lock.acquired, yours=lock.holder == self._lib.user
        )

    def _lock_row(self, s: Any, brief_id: int, now: dt.datetime) -> tuple[BriefLock, bool]:
        """The brief's lock row, locked for this transaction: (row, True) when this call made it ours.

        Two analysts taking a free lock at the same moment both find no row; the second insert then fails
        on the key inside a savepoint and reads the first one's row instead."""
        from app.storage.models import Brief, BriefLock

        lock = s.get(BriefLock, brief_id, with_for_update=True)
        if lock is not None:
            return lock, False
        if s.get(Brief, brief_id) is None:
            raise NotFoundError("brief", brief_id)
        mine = BriefLock(
            brief_id=brief_id,
            holder=self._lib.user,
            session=self._lib.session_id,
            acquired=now,
            heartbeat=now,
        )
        try:
            with s.begin_nested():
                s.add(mine)
                s.flush()
            return mine, True
        except IntegrityError:
            lock = s.get(BriefLock, brief_id, with_for_update=True, populate_existing=True)
            if lock is None:  # released again in between: a rare race; the caller may simply try again
                raise BriefLockedError(brief_id, holder="another analyst", since=now) from None
            return lock, False

    def lock(self, brief_id: int, *, take_over: bool = False) -> BriefLockRecord:
        """Take the brief's edit lock for this open library (or renew it if it is ours already).

        Held by another analyst's window and not stale: ``BriefLockedError`` naming the holder, unless
        ``take_over`` (the holder can then no longer save; their text stays in their editor). A lock held by
        the same user (another window, or one left by a crash) is taken."""
        now = utcnow()
        with self._lib.writing() as s:
            lock, made = self._lock_row(s, int(brief_id), now)
            if made:
                pass
            elif lock.session == self._lib.session_id:
                lock.heartbeat = now
            elif take_over or now - lock.heartbeat >= LOCK_STALE_AFTER or lock.holder == self._lib.user:
                # the same analyst's other window, or the one Briefdesk left when it stopped (a crash):
                # theirs to take (that window is told, and keeps its text)
                lock.holder, lock.session, lock.acquired, lock.heartbeat = (
                    self._lib.user,
                    self._lib.session_id,
                    now,
                    now,
                )
            else:
                raise BriefLockedError(int(brief_id), holder=lock.holder, since=lock.acquired)
            s.flush()
            self._lib.log_change(s, "lock", int(brief_id), "locked")
            return self._lock_record(lock)

    def renew_lock(self, brief_id: int) -> BriefLockRecord:
        """Keep our lock fresh (an open editor calls this every LOCK_HEARTBEAT). If someone took it over,
        ``BriefLockedError`` naming them; nothing else changes."""
        now = utcnow()
        with self._lib.writing() as s:
            lock, made = self._lock_row(s, int(brief_id), now)
            if not made and lock.session != self._lib.session_id:
                if now - lock.heartbeat < LOCK_STALE_AFTER:
                    raise BriefLockedError(
                        int(brief_id),
                        holder=lock.holder,
                        since=lock.acquired,
                        yours=lock.holder == self._lib.user,
                    )
                lock.holder, lock.session, lock.acquired = self._lib.user, self._lib.session_id, now
            lock.heartbeat = now
            s.flush()
            return self._lock_record(lock)

    def unlock(self, brief_id: int) -> None:
        """Release our lock on the brief (no-op if we do not hold it)."""
        from app.storage.models import BriefLock

        with self._lib.writing() as s:
            lock = s.get(BriefLock, int(brief_id), with_for_update=True)
            if lock is not None and lock.session == self._lib.session_id:
                s.delete(lock)
                self._lib.log_change(s, "lock", int(brief_id), "unlocked")

    def lock_holder(self, brief_id: int) -> BriefLockRecord | None:
        """Who is editing the brief now (None if no one, or the lock is stale)."""
        from app.storage.models import BriefLock

        now = utcnow()
        with self._lib.reading() as s:
            lock = s.get(BriefLock, int(brief_id))
            if lock is None or now - lock.heartbeat >= LOCK_STALE_AFTER:
                return None
            return self._lock_record(lock)

    # --- revisions -----------------------------------------------------------------------------------
    def revisions(self, brief_id: int) -> builtins.list[RevisionRecord]:
        """Newest first. Bodies included (briefs are small next to the library)."""
        from app.storage.models import Brief, BriefRevision
        from app.storage.tables_more import brief_revisions as t_brief_revisions

        with self._lib.reading() as s:
            if s.get(Brief, int(brief_id)) is None:
                raise NotFoundError("brief", brief_id)
            return [
                _revision(r)
                for r in s.scalars(
                    select(BriefRevision)
                    .where(t_brief_revisions.c.brief_id == brief_id)
                    .order_by(t_brief_revisions.c.id.desc())
                )
            ]

    def last_saved(self, brief_id: int) -> SaveState:
        """When and how the stored body was last written (see SaveState), without reading old bodies."""
        from app.domain_lists import SaveState
        from app.storage.tables_more import brief_revisions as t_brief_revisions

        with self._lib.reading() as s:
            brief = s.execute(
                select(t_briefs.c.id, t_briefs.c.updated).where(t_briefs.c.id == int(brief_id))
            ).first()
            if brief is None:
                raise NotFoundError("brief", brief_id)
            last = s.execute(
                select(
                    t_brief_revisions.c.reason,
                    t_brief_revisions.c.created,
                    (t_brief_revisions.c.body == t_briefs.c.body),
                )
                .join(t_briefs, t_briefs.c.id == t_brief_revisions.c.brief_id)
                .where(t_brief_revisions.c.brief_id == brief.id)
                .order_by(t_brief_revisions.c.id.desc())
                .limit(1)
            ).first()
        if last is None:  # never saved with text (a revision is kept from the first save or autosave on)
            return SaveState(brief.id, brief.updated, "save", in_revisions=False)
        reason, created, same = last
        if not same:
            return SaveState(brief.id, brief.updated, "autosave", in_revisions=False)
        return SaveState(brief.id, created, reason)

    def revision(self, revision_id: int) -> RevisionRecord:
        from app.storage.models import BriefRevision

        with self._lib.reading() as s:
            rev = s.get(BriefRevision, int(revision_id))
            if rev is None:
                raise NotFoundError("revision", revision_id)
            return _revision(rev)

    def restore_revision(self, revision_id: int, *, if_version: int | None = None) -> Change[BriefRecord]:
        """Make an old revision the current body (the current body is kept as a revision first), in one
        transaction. ``if_version``: as for ``set_body``."""
        with self._lib.transaction():
            rev = self.revision(revision_id)
            current = self.get(rev.brief_id)
            if current.body != rev.body:
                self.set_body(rev.brief_id, current.body, reason="save", if_version=if_version)
            return self.set_body(rev.brief_id, rev.body, reason="restore", if_version=if_version)

    # --- waivers -------------------------------------------------------------------------------------
    def add_waiver(self, *, brief_id: int, claim_id: int, reason: str) -> Change[WaiverRecord]:
        from app.storage.models import BalanceWaiver, Brief, Claim

        reason = clean_line(reason, what="reason for the waiver", required=True, max_len=4000, one_line=False)
        with self._lib.writing() as s:
            if s.get(Brief, int(brief_id)) is None:
                raise NotFoundError("brief", brief_id)
            if s.get(Claim, int(claim_id)) is None:
                raise NotFoundError("claim", claim_id)
            existing = s.scalar(
                select(BalanceWaiver).where(
                    t_balance_waivers.c.brief_id == brief_id, t_balance_waivers.c.claim_id == claim_id
                )
            )
            if existing is not None:
                raise ConflictError(f"Brief {brief_id} already has a waiver for claim {claim_id}.")
            w = BalanceWaiver(brief_id=brief_id, claim_id=claim_id, reason=reason, created=utcnow())
            s.add(w)
            s.flush()
            self._lib.log_change(s, "brief", int(brief_id), "updated")
            rec = _waiver(w)
        return Change(
            "waiver", "created", rec.id, after=rec, affected=(("brief", brief_id), ("claim", claim_id))
        )

    def waivers(self, brief_id: int) -> builtins.list[WaiverRecord]:
        with self._lib.querying() as s:
            return [
                _waiver(w)
                for w in s.execute(
                    select(t_balance_waivers)
                    .where(t_balance_waivers.c.brief_id == brief_id)
                    .order_by(t_balance_waivers.c.id)
                )
            ]

    # --- where cited ---------------------------------------------------------------------------------
    def where_cited(self, claim_id: int) -> builtins.list[WhereCited]:
        """Every place a brief cites the claim: brief, line, column and section."""
        from app.domain_lists import WhereCited
        from app.storage.models import Claim
        from app.storage.tables_more import brief_citations as t_brief_citations

        with self._lib.reading() as s:
            if s.get(Claim, int(claim_id)) is None:
                raise NotFoundError("claim", claim_id)
            rows = s.execute(
                select(
                    t_brief_citations.c.brief_id,
                    t_briefs.c.title,
                    t_brief_citations.c.line,
                    t_brief_citations.c.col,
                    t_brief_citations.c.section,
                )
                .join(t_briefs, t_briefs.c.id == t_brief_citations.c.brief_id)
                .where(t_brief_citations.c.kind == "claim", t_brief_citations.c.ident == claim_id)
                .order_by(t_brief_citations.c.brief_id, t_brief_citations.c.line, t_brief_citations.c.col)
            ).all()
        return [
            WhereCited(
                brief_id=r.brief_id,
                brief_title=r.title,
                claim_id=int(claim_id),
                line=r.line,
                column=r.col,
                section=r.section,
            )
            for r in rows
        ]


def _rows_hanging_on(s: Session, brief_id: int) -> list[tuple[str, list[dict[str, Any]]]]:
    """The brief's own row and every row that its delete removes by cascade (directly or through another such
    row), table by table, parents first. Locks are not kept: a restored brief is free to edit."""
    from app.storage.tables_more import full_metadata

    kept: list[tuple[str, list[dict[str, Any]]]] = []
    ids: dict[str, set[Any]] = {}
    for (
        table
    ) in full_metadata().sorted_tables:  # parents before children: every table, those of tables_more too
        if table.name == "brief_locks":
            continue
        if table.name == "briefs":
            cond = table.c.id == brief_id
        else:
            parents = [
                fk
                for fk in table.foreign_keys
                if fk.ondelete == "CASCADE" and ids.get(fk.column.table.name) and fk.column.name == "id"
            ]
            if not parents:
                continue
            cond = or_(*(fk.parent.in_(ids[fk.column.table.name]) for fk in parents))
        rows = [dict(r._mapping) for r in s.execute(select(table).where(cond))]
        if rows:
            kept.append((table.name, rows))
            if "id" in table.c:
                ids[table.name] = {r["id"] for r in rows}
    return kept


def _put_rows_back(s: Session, kept: list[tuple[str, list[dict[str, Any]]]]) -> None:
    """Insert rows kept by ``_rows_hanging_on``, leaving out those whose other parent (a claim, a hypothesis)
    no longer exists."""
    from app.storage.tables_more import full_metadata

    tables = full_metadata().tables
    restored: dict[str, set[Any]] = {}
    for name, rows in kept:
        table = tables[name]
        for fk in table.foreign_keys:
            target = fk.column.table
            wanted = {r[fk.parent.name] for r in rows if r[fk.parent.name] is not None}
            if not wanted or target.name in restored:
                present = restored.get(target.name, wanted)
            else:
                present = set(s.scalars(select(fk.column).where(fk.column.in_(wanted))))
            rows = [r for r in rows if r[fk.parent.name] is None or r[fk.parent.name] in present]
        if rows:
            s.execute(insert(table), rows)
            if "id" in table.c:
                restored[name] = {r["id"] for r in rows}
