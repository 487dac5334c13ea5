"""Who changed a record, when, and from which version: the checks every service's edit makes.

Every source, actor, claim, link, brief and revision carries ``uuid``, ``version``, ``created_by``,
``updated_by``, ``created`` and ``updated`` (``app.storage.models.Tracked``). An edit passes the version the
user saw (``if_version``); if the stored one is newer, someone else changed the record in between and the
edit is refused with :class:`app.errors.StaleEditError` (nothing is written), so a stale edit never silently
wins. The row is read ``FOR UPDATE`` on PostgreSQL (a no-op on SQLite, whose writers already queue), and
SQLAlchemy's version check in the UPDATE catches anything that slips between.
"""

from __future__ import annotations

import datetime as dt
from typing import TypeVar

from sqlalchemy.orm import Session

from app.errors import NotFoundError, StaleEditError
from app.storage.models import Tracked, touch, utcnow

__all__ = ["check_version", "for_update", "stamp_new", "touch"]

R = TypeVar("R", bound=Tracked)


def for_update(s: Session, model: type[R], ident: int, entity: str, if_version: int | None = None) -> R:
    """The row to change, locked for this transaction, after the stale-version check."""
    row = s.get(model, int(ident), with_for_update=True)
    if row is None:
        raise NotFoundError(entity, ident)
    check_version(row, entity, int(ident), if_version)
    return row


def check_version(row: Tracked, entity: str, ident: int, if_version: int | None) -> None:
    if if_version is None:
        return
    try:
        expected = int(if_version)
    except (TypeError, ValueError):
        from app.errors import ValidationError

        raise ValidationError(f"'{if_version}' is not a version number.") from None
    if row.version != expected:
        raise StaleEditError(
            entity,
            ident,
            expected=expected,
            current=row.version,
            changed_by=row.updated_by,
            changed_at=getattr(row, "updated", None),
        )


def stamp_new(row: Tracked, user: str, now: dt.datetime | None = None) -> None:
    """A new record: version 1, created and updated by ``user`` now (unless already set, e.g. on a copy)."""
    now = now or utcnow()
    row.version = row.version or 1
    row.created_by = row.created_by or user
    row.updated_by = row.updated_by or user
    if getattr(row, "created", None) is None:
        row.created = now  # type: ignore[attr-defined]  # checked with getattr above: the mixin lacks it
    if getattr(row, "updated", None) is None:
        row.updated = now  # type: ignore[attr-defined]  # as created above
