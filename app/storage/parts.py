"""What the services need from the database-specific modules (``app.storage.sqlite`` for a library file,
``app.storage.postgres`` for a team library): full-text filters of lists, and sort terms that order a missing value alike. ``Store.storage`` is one of those
two modules; the type checker holds each of them to this shape."""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from sqlalchemy import ColumnElement, Table, UnaryExpression
    from sqlalchemy.engine import Connection
    from sqlalchemy.orm import Session
    from sqlalchemy.sql.selectable import TextualSelect


class StorageParts(Protocol):
    def fts_ids_clause(self, entity: str, text: str) -> TextualSelect | None:
        """A sub-select of the ids of ``entity`` rows matching ``text`` (search syntax), or None if empty."""

    def text_condition(
        self,
        s: Session | Connection,
        entity: str,
        text: str,
        *,
        rows_wanted: int | None,
        by_date: bool = False,
    ) -> ColumnElement[bool]:
        """A WHERE term keeping ``entity`` rows that match ``text``, planned for ``rows_wanted`` rows of a list
        sorted by date (``by_date``) or by another column."""

    def text_count(self, s: Session | Connection, entity: str, text: str) -> int:
        """How many ``entity`` rows match ``text``, exactly."""

    def text_estimate(self, s: Session | Connection, entity: str, text: str) -> tuple[int, bool]:
        """(rows matching ``text``, whether that number is exact)."""

    def page_plan(
        self, s: Session | Connection, entity: str, text: str, rows_wanted: int
    ) -> AbstractContextManager[None]:
        """Around the query of a list page filtered by ``text`` alone and sorted by a column other than the
        id: any planning this database needs for it (PostgreSQL: see postgres.page_plan)."""

    def phrase_page_ids(
        self,
        s: Session | Connection,
        table: Table,
        text: str,
        where: ColumnElement[bool],
        sort: ColumnElement[Any],
        descending: bool,
        undated_last: bool,
        offset: int,
        limit: int,
    ) -> list[int] | None:
        """The ids of a list page filtered by ``text`` holding a phrase (sorted by ``sort`` then the id, a
        missing value the smallest or, with ``undated_last``, last), read by a plan of this database's own,
        or None: the caller's usual query (``text_condition``)."""

    def ordered(self, column: ColumnElement[Any], descending: bool) -> UnaryExpression[Any]:
        """``column`` as a list's sort term, a missing value (NULL) ordered as the smallest (SQLite's rule)."""
