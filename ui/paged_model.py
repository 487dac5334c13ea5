"""A lazy table model: rows arrive a page at a time from an ``app`` service, on a read worker.

The model holds only the rows fetched so far (records, plus an id -> row index). ``canFetchMore`` is true
until a page comes back short; the view asks for more as the user scrolls. Filtering and sorting are done
by the service in SQL: changing them resets the model and fetches the first page again. Totals are never
counted here (``with_total=False``); views that show a count ask for it separately, in the background.

Subclasses declare ``columns`` and implement ``page_loader()`` (a function of offset and limit that runs on
the worker, capturing the current filter and sort) and ``cell()``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

log = logging.getLogger(__name__)

ID_ROLE = Qt.ItemDataRole.UserRole + 1
RECORD_ROLE = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    title: str
    sort_key: str | None = None  # the service's sort name; None: not sortable
    width: int = 120
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


class PagedTableModel(QAbstractTableModel):
    """Rows fetched lazily in pages; reset on a new filter or sort; rows refreshed in place on edits."""

    page_loaded = Signal(int)  # rows now held
    load_failed = Signal(object)  # the exception

    PAGE = 200
    # The first page of a new filter or sort only fills the view (a 1200 px high list shows ~50 rows), so the
    # rows appear sooner: on a million-claim library read from disk, a first page of a mid-frequency word took
    # ~240 ms for 200 rows and ~50 ms for 60 (bench/RESULTS.md). Scrolling fetches PAGE rows at a time.
    FIRST_PAGE = 60
    REFRESH_MAX = 2000  # a refresh reloads at most this many rows (the user keeps scrolling for more)
    columns: Sequence[Column] = ()

    def __init__(self, jobs, parent=None) -> None:
        super().__init__(parent)
        self.jobs = jobs
        self._rows: list[Any] = []
        self._row_of: dict[int, int] = {}
        self._exhausted = False
        self._loading = False
        self._generation = 0
        self._started = False
        self.sort_key: str | None = None
        self.descending = True

    # --- for subclasses ------------------------------------------------------------------------------
    def page_loader(self) -> Callable[[int, int], Sequence[Any]]:
        raise NotImplementedError

    def cell(self, record: Any, column: int, role: int) -> Any:
        raise NotImplementedError

    def reload_records(self, ids: list[int]) -> Callable[[], dict[int, Any]] | None:
        """A worker function giving fresh records for ``ids`` (for in-place refresh), or None."""
        return None

    # --- Qt model API --------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802, B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            col = self.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return col.title
            if role == Qt.ItemDataRole.ToolTipRole:
                return f"Sort by {col.title.lower()}" if col.sort_key else f"{col.title} (not sortable)"
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        record = self._rows[index.row()]
        if role == ID_ROLE:
            return record.id
        if role == RECORD_ROLE:
            return record
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(self.columns[index.column()].align)
        if getattr(record, "problem", ""):
            return self._damaged_cell(record, index.column(), role)
        return self.cell(record, index.column(), role)

    @staticmethod
    def _damaged_cell(record: Any, column: int, role: int) -> Any:
        """A record holding a value Briefdesk cannot read (app._rows) shows as its plain message, in the
        first column, in the warning colour, instead of as half-read values; the other rows are unaffected."""
        if role == Qt.ItemDataRole.DisplayRole:
            return f"\u26a0 {record.problem}" if column == 0 else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                f"{record.problem}.\nThe library holds a value Briefdesk cannot read here. "
                "'briefdesk doctor' lists such records; 'briefdesk doctor --repair' fixes what is safe."
            )
        if role == Qt.ItemDataRole.ForegroundRole:
            from ui import theme

            return theme.colors().denial_accent
        return None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: N802, B008
        return not parent.isValid() and not self._exhausted and not self._loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: N802, B008
        if parent.isValid() or self._exhausted or self._loading:
            return
        self._started = True
        self._load(offset=len(self._rows), limit=self.PAGE if self._rows else self.FIRST_PAGE, replace=False)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns) or self.columns[column].sort_key is None:
            return
        key = self.columns[column].sort_key
        descending = order == Qt.SortOrder.DescendingOrder
        if key == self.sort_key and descending == self.descending:
            return
        self.sort_key, self.descending = key, descending
        if self._started:
            self.reset()

    def sort_column(self) -> int:
        for i, col in enumerate(self.columns):
            if col.sort_key == self.sort_key:
                return i
        return -1

    # --- public --------------------------------------------------------------------------------------
    def reset(self) -> None:
        """Forget every row and fetch the first page again (new filter or sort)."""
        self._generation += 1
        self.beginResetModel()
        self._rows, self._row_of = [], {}
        self._exhausted = False
        self._loading = False
        self.endResetModel()
        self.fetchMore()

    def refresh(self) -> None:
        """Reload the rows held (up to REFRESH_MAX) after records were created or deleted."""
        if not self._started:
            self.fetchMore()
            return
        limit = min(max(len(self._rows), self.PAGE), self.REFRESH_MAX)
        self._load(offset=0, limit=limit, replace=True)

    def refresh_ids(self, ids: list[int]) -> None:
        """Re-read the given records in place if they are held (an edit that moves nothing)."""
        held = [i for i in ids if i in self._row_of]
        if not held:
            return
        fn = self.reload_records(held)
        if fn is None:
            self.refresh()
            return
        gen = self._generation
        self.jobs.read(fn, lambda found: self._replace_records(gen, found), self._failed)

    def record(self, row: int) -> Any | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, ident: int) -> int:
        return self._row_of.get(ident, -1)

    def ids(self) -> list[int]:
        return [r.id for r in self._rows]

    def is_loading(self) -> bool:
        return self._loading

    def ensure_started(self) -> None:
        if not self._started:
            self.fetchMore()

    # --- internals -----------------------------------------------------------------------------------
    def _load(self, *, offset: int, limit: int, replace: bool) -> None:
        self._loading = True
        gen = self._generation
        loader = self.page_loader()

        def done(items) -> None:
            self._page_arrived(gen, offset, limit, list(items), replace)

        self.jobs.read(lambda: loader(offset, limit), done, self._failed_for(gen))

    def _page_arrived(self, gen: int, offset: int, limit: int, items: list, replace: bool) -> None:
        if gen != self._generation:
            return  # a stale answer to an older filter or sort
        self._loading = False
        if replace:
            self.beginResetModel()
            self._rows = items
            self._row_of = {r.id: i for i, r in enumerate(items)}
            self._exhausted = len(items) < limit
            self.endResetModel()
        else:
            if offset != len(self._rows):
                return
            if items:
                self.beginInsertRows(QModelIndex(), offset, offset + len(items) - 1)
                for i, r in enumerate(items):
                    self._row_of[r.id] = offset + i
                self._rows.extend(items)
                self.endInsertRows()
            self._exhausted = len(items) < limit
        self.page_loaded.emit(len(self._rows))

    def _replace_records(self, gen: int, found: dict[int, Any]) -> None:
        if gen != self._generation:
            return
        for ident, rec in found.items():
            row = self._row_of.get(ident)
            if row is not None:
                self._rows[row] = rec
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    def _failed_for(self, gen: int):
        def failed(exc: BaseException) -> None:
            if gen == self._generation:
                self._loading = False
                self._exhausted = True  # do not retry in a loop; a new filter or refresh tries again
            self._failed(exc)

        return failed

    def _failed(self, exc: BaseException) -> None:
        log.warning("loading rows failed: %s", exc)
        self.load_failed.emit(exc)
