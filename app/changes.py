"""Other analysts' changes, for an open app to pick up without a restart.

Every service mutation appends a row to ``change_log`` in its own transaction (``Library.log_change``), so
the log holds exactly the changes that were committed. An open app remembers the last ``seq`` it saw and
asks for the rows after it every few seconds (one indexed query; on SQLite the same works between two
processes on one file). Rows written by this open library itself are left out: its views already refreshed
from the ``Change`` its own call returned. Old rows are pruned after ``KEEP``; an app that fell further
behind than that is told to refresh everything.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import delete, func, select

from app.domain import Change
from app.storage.models import ChangeLogEntry, utcnow

if TYPE_CHECKING:
    from app.storage.store import Store

KEEP = dt.timedelta(days=7)
PRUNE_EVERY = 500  # prune old rows when a seq is a multiple of this
MAX_ROWS = 2000  # at most this many rows per call; more means "refresh everything"

# change_log actions as the views know them (app.domain.Change.action)
_ACTIONS = {"linked": "updated", "unlinked": "updated", "locked": "updated", "unlocked": "updated"}


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

    def prune(self) -> int:
        """Delete log rows older than KEEP (keeping the newest row, so seq never goes back)."""
        with self._lib.writing() as s:
            newest = s.scalar(select(func.max(ChangeLogEntry.seq))) or 0
            result = s.execute(
                delete(ChangeLogEntry).where(ChangeLogEntry.at < utcnow() - KEEP, ChangeLogEntry.seq < newest)
            )
            return int(getattr(result, "rowcount", 0) or 0)
