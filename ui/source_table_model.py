"""Sources as a lazy table: title, outlet, date published, kind, grade, claims. Sorted and filtered in SQL."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt

from app.domain_lists import SourceFilter, SourceSummary
from app.errors import NotFoundError
from ui.formatting import date_text, grade_tooltip
from ui.paged_model import Column, PagedTableModel

_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_CENTER = Qt.AlignmentFlag.AlignCenter


class SourceTableModel(PagedTableModel):
    columns = (
        Column("Title", "title", 260),
        Column("Outlet", "outlet", 130),
        Column("Published", "published", 84),
        Column("Kind", "kind", 104),
        Column("Grade", "reliability", 50, _CENTER),
        Column("Claims", None, 52, _RIGHT),
    )

    def __init__(self, lib, jobs, parent=None) -> None:
        super().__init__(jobs, parent)
        self.lib = lib
        self.filter = SourceFilter()
        self.sort_key, self.descending = "published", True

    def set_filter(self, flt: SourceFilter | None = None, **changes) -> None:
        new = replace(flt or self.filter, **changes)
        if new != self.filter or not self._started:
            self.filter = new
            self.reset()

    def page_loader(self):
        lib, flt, sort, desc = self.lib, self.filter, self.sort_key, self.descending

        def load(offset: int, limit: int):
            return lib.sources.list(
                flt, sort=sort, descending=desc, offset=offset, limit=limit, with_total=False
            ).items

        return load

    def reload_records(self, ids: list[int]):
        lib = self.lib

        def load() -> dict[int, SourceSummary]:
            out = {}
            for i in ids:
                try:
                    r = lib.sources.get(i)
                except NotFoundError:
                    continue
                out[i] = SourceSummary(
                    id=r.id,
                    title=r.title,
                    kind=r.kind,
                    outlet=r.outlet,
                    published=r.published,
                    reliability=r.reliability,
                    url=r.url,
                    claim_count=r.claim_count,
                )
            return out

        return load

    def cell(self, s, column: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                s.title,
                s.outlet,
                date_text(s.published, empty=""),
                s.kind.value,
                s.reliability,
                str(s.claim_count),
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 4:
                return grade_tooltip(s.reliability)
            if column == 0:
                return s.title + (f"\n{s.url}" if s.url else "")
        return None
