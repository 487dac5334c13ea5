"""Other analysts' changes, for an open app to pick up without a restart.

Every service mutation appends a row to ``change_log`` in its own transaction (``Library.log_change``), so
the log holds exactly the changes that were committed. An open app remembers the last ``seq`` it saw and
asks for the rows after it every few seconds (one indexed query; on SQLite the same works between two
processes on one file). Rows written by this open library itself are left out: its views already refreshed
from the ``Change`` its own call returned. ``prune()`` deletes rows older than ``KEEP``; the desktop app calls it
once after it opens a library it may write, so the log does not grow without end, and ``recent()`` lists only
the changes of the last ``KEEP`` days whether or not they were pruned yet. An app that falls behind rows
that are gone is told to refresh everything.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, select

from app.domain import Action, Change, Entity
from app.storage.models import ChangeLogEntry, utcnow

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from app.storage.store import Store

KEEP = dt.timedelta(days=7)
MAX_ROWS = 2000  # at most this many rows per call; more means "refresh everything"

# change_log actions as the views know them (app.domain.Change.action)
_ACTIONS = {"linked": "updated", "unlinked": "updated", "locked": "updated", "unlocked": "updated"}
_ENTITIES = frozenset(e.value for e in Entity)
_KNOWN_ACTIONS = frozenset(a.value for a in Action)


# What the activity list names each logged entity, and the reference prefix it shows ("c12").
ENTITY_NOUNS = {
    "source": ("source", "s"),
    "claim": ("claim", "c"),
    "actor": ("actor", "a"),
    "brief": ("brief", "b"),
    "link": ("link", ""),
    "hypothesis": ("hypothesis", ""),
    "ach_row": ("competing hypotheses of brief", "b"),
    "ach_rating": ("ratings of hypothesis", ""),
    "assumption": ("assumption", ""),
    "derivation": ("source derivation", ""),
    "report": ("reported-from of claim", "c"),
}
# Lock rows say who opened a brief for editing: not a change to the library, left out of the activity list.
_NOT_ACTIVITY = ("locked", "unlocked")
MAX_ACTIVITY = 1000


@dataclass(frozen=True, slots=True)
class Activity:
    """One stored change, for the activity list: who did what to which record, and when (UTC). ``label``:
    the record's title, statement or name as stored now ("" if it is gone or has none)."""

    seq: int
    entity: str
    entity_id: int
    action: str
    by: str
    at: dt.datetime
    label: str = ""

    @property
    def ref(self) -> str:
        return ENTITY_NOUNS.get(self.entity, (self.entity, ""))[1] + str(self.entity_id)

    @property
    def noun(self) -> str:
        return ENTITY_NOUNS.get(self.entity, (self.entity.replace("_", " "), ""))[0]


@dataclass(frozen=True, slots=True)
class RemoteChanges:
    """What others changed since ``since``: ``changes`` as ``Change`` records (entity, action, id; no
    before/after; ``extra``: who and when), ``last``: the seq to ask from next time, ``everything``: too much
    changed (or the log was pruned past ``since``): refresh every view."""

    since: int
    last: int
    changes: tuple[Change[object], ...] = ()
    everything: bool = False


class ChangeFeed:
    def __init__(self, lib: Store) -> None:
        self._lib = lib

    def latest(self) -> int:
        """The newest seq now (where an app that just opened starts from)."""
        with self._lib.reading() as s:
            return int(s.scalar(select(func.max(ChangeLogEntry.seq))) or 0)

    def since(self, seq: int) -> RemoteChanges:
        with self._lib.reading() as s:
            rows = s.scalars(
                select(ChangeLogEntry)
                .where(ChangeLogEntry.seq > seq)
                .order_by(ChangeLogEntry.seq)
                .limit(MAX_ROWS + 1)
            ).all()
            if not rows:
                return RemoteChanges(seq, seq)
            # rows between ``seq`` and the oldest kept one were pruned: this app missed changes
            oldest = int(s.scalar(select(func.min(ChangeLogEntry.seq))) or 0)
            pruned = seq > 0 and oldest > seq + 1
        last = rows[min(len(rows), MAX_ROWS) - 1].seq
        if len(rows) > MAX_ROWS or pruned:
            return RemoteChanges(seq, last if len(rows) <= MAX_ROWS else rows[-1].seq, everything=True)
        changes: list[Change[object]] = []
        seen: set[tuple[str, int, str]] = set()
        for row in rows:
            if row.session == self._lib.session_id:
                continue
            action = _ACTIONS.get(row.action, row.action)
            if row.entity not in _ENTITIES or action not in _KNOWN_ACTIONS:
                # written by a newer Briefdesk about something this one has no view of
                continue
            key = (row.entity, row.entity_id, action)
            if key in seen:
                continue
            seen.add(key)
            changes.append(
                Change(
                    row.entity,
                    action,
                    row.entity_id,
                    extra={"remote": True, "by": row.changed_by, "at": row.at},
                )
            )
        return RemoteChanges(seq, last, tuple(changes))

    def recent(self, *, limit: int = 200, by: str | None = None, before: int | None = None) -> list[Activity]:
        """Who changed what, newest first: the last ``limit`` stored changes (at most MAX_ACTIVITY) kept in
        the log (``KEEP``), optionally only those by one analyst, or older than seq ``before`` (the next
        page). Several changes to one record in a row by one analyst show once."""
        limit = max(1, min(int(limit), MAX_ACTIVITY))
        query = select(ChangeLogEntry).where(
            ChangeLogEntry.action.not_in(_NOT_ACTIVITY), ChangeLogEntry.at >= utcnow() - KEEP
        )
        if by:
            query = query.where(ChangeLogEntry.changed_by == by)
        if before is not None:
            query = query.where(ChangeLogEntry.seq < before)
        with self._lib.reading() as s:
            rows = s.scalars(query.order_by(ChangeLogEntry.seq.desc()).limit(limit * 4)).all()
            picked: list[ChangeLogEntry] = []
            for row in rows:
                last = picked[-1] if picked else None
                if last is not None and (last.entity, last.entity_id, last.changed_by) == (
                    row.entity,
                    row.entity_id,
                    row.changed_by,
                ):
                    continue  # the same analyst saving the same record again (autosave): one line
                picked.append(row)
                if len(picked) == limit:
                    break
            labels = _labels(s, picked)
        return [
            Activity(
                seq=r.seq,
                entity=r.entity,
                entity_id=r.entity_id,
                action=r.action,
                by=r.changed_by,
                at=r.at,
                label=labels.get((r.entity, r.entity_id), ""),
            )
            for r in picked
        ]

    def analysts(self) -> list[str]:
        """Everyone with a change in the log, by name."""
        with self._lib.reading() as s:
            names = s.scalars(select(ChangeLogEntry.changed_by).distinct()).all()
        return sorted({n for n in names if n}, key=str.casefold)

    def prune(self) -> int:
        """Delete log rows older than KEEP (keeping the newest row, so seq never goes back)."""
        with self._lib.writing() as s:
            newest = s.scalar(select(func.max(ChangeLogEntry.seq))) or 0
            result = s.execute(
                delete(ChangeLogEntry).where(ChangeLogEntry.at < utcnow() - KEEP, ChangeLogEntry.seq < newest)
            )
            return int(getattr(result, "rowcount", 0) or 0)


def _labels(s: Session, rows: list[ChangeLogEntry]) -> dict[tuple[str, int], str]:
    """The title/statement/name of the records the rows name, as stored now (one query per kind)."""
    from app.storage.models import Actor, Brief, Claim, Source

    columns = {
        "source": (Source.id, Source.title),
        "claim": (Claim.id, func.coalesce(func.nullif(Claim.statement, ""), Claim.quote)),
        "brief": (Brief.id, Brief.title),
        "actor": (Actor.id, Actor.name),
    }
    out: dict[tuple[str, int], str] = {}
    for entity, (id_col, text_col) in columns.items():
        ids = {r.entity_id for r in rows if r.entity == entity}
        if not ids:
            continue
        for ident, label in s.execute(select(id_col, func.substr(text_col, 1, 200)).where(id_col.in_(ids))):
            out[(entity, int(ident))] = " ".join(str(label or "").split())
    return out
