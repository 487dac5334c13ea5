"""Column types that read what is stored without trusting it.

SQLite stores dates as text and keeps whatever a row holds: another program, a bad copy or a hand edit can
leave '2024-99-99' or 5 in a DATE column. SQLAlchemy's own Date and DateTime raise on such a value while a
result is fetched, so one bad row failed a whole list. These types parse the text themselves and turn a
value they cannot read into :class:`Unreadable` (carrying the raw value), which ``app._rows`` reports as a
plain message naming the record; ``briefdesk doctor`` lists and repairs such rows. On other databases
(PostgreSQL: typed columns) they are the plain types.

Values are still written by SQLAlchemy's own types ('2026-12-04', '2026-12-04 16:41:00.000000'), and the
schema (DDL, Alembic's comparison) is theirs: only reading changes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlalchemy import Date, DateTime
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


class Unreadable:
    """A stored value of the wrong shape (e.g. a malformed date), kept so it can be named and repaired."""

    __slots__ = ("raw",)

    def __init__(self, raw: object) -> None:
        self.raw = raw

    def __repr__(self) -> str:
        return f"Unreadable({self.raw!r})"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Unreadable) and other.raw == self.raw

    def __hash__(self) -> int:
        return hash(("Unreadable", repr(self.raw)))


def parse_stored_date(value: object) -> dt.date | Unreadable | None:
    if value is None:
        return None
    if isinstance(value, str) and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    elif isinstance(value, dt.datetime):
        return value.date()
    elif isinstance(value, dt.date):
        return value
    return Unreadable(value)


def parse_stored_datetime(value: object) -> dt.datetime | Unreadable | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and 10 <= len(value) <= 32:
        try:
            return dt.datetime.fromisoformat(value)
        except ValueError:
            pass
    return Unreadable(value)


class LenientDate(TypeDecorator[Any]):
    """Date; on SQLite the stored text is parsed here (never raising) instead of by SQLAlchemy."""

    impl = Date
    cache_ok = True

    def result_processor(self, dialect: Dialect, coltype: object) -> Callable[[Any], Any] | None:
        if dialect.name == "sqlite":
            return parse_stored_date
        return super().result_processor(dialect, coltype)


class LenientDateTime(TypeDecorator[Any]):
    """DateTime; on SQLite the stored text is parsed here (never raising) instead of by SQLAlchemy."""

    impl = DateTime
    cache_ok = True

    def result_processor(self, dialect: Dialect, coltype: object) -> Callable[[Any], Any] | None:
        if dialect.name == "sqlite":
            return parse_stored_datetime
        return super().result_processor(dialect, coltype)
