"""Claims as a lazy table: actor, date said, claim, source, grade, status, and a contested badge.

Rows are dragged as claim ids (``application/x-briefdesk-claim-ids``): onto the links pane to link them,
into a brief to cite them.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QColor

from app._text import counted
from app.domain_lists import ClaimFilter
from ui.claim_mime import CLAIM_IDS_MIME, claim_ids_mime
from ui.formatting import actor_text, claim_tooltip_html, date_text, grade_tooltip, one_line
from ui.paged_model import Column, PagedTableModel

_CENTER = Qt.AlignmentFlag.AlignCenter
BADGE_COLUMN = 3
CLAIM_COLUMN = 4
BADGE_ROLE = Qt.ItemDataRole.UserRole + 10


class ClaimTableModel(PagedTableModel):
    columns = (
        Column("Actor", "actor", 140),
        Column("Said", "said", 82),
        Column("Grade", "credibility", 48, _CENTER),
        Column("Contested", None, 92, _CENTER),
        Column("Claim", None, 330),
        Column("Source", "source", 200),
        Column("Status", "status", 90),
    )

    def __init__(self, lib, jobs, parent=None) -> None:
        super().__init__(jobs, parent)
        self.lib = lib
        self.filter = ClaimFilter()
        self.sort_key, self.descending = "said", True

    def set_filter(self, flt: ClaimFilter | None = None, **changes) -> None:
        new = replace(flt or self.filter, **changes)
        if new != self.filter or not self._started:
            self.filter = new
            self.reset()

    def page_loader(self):
        lib, flt, sort, desc = self.lib, self.filter, self.sort_key, self.descending

        def load(offset: int, limit: int):
            return lib.claims.list(
                flt, sort=sort, descending=desc, offset=offset, limit=limit, with_total=False
            ).items

        return load

    def reload_records(self, ids: list[int]):
        lib = self.lib
        return lambda: lib.claims.get_many(ids)

    def cell(self, c, column: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return c.actor_name or "Unknown actor"
            if column == 1:
                return date_text(c.said)
            if column == 2:
                return c.grade
            if column == CLAIM_COLUMN:
                return one_line(c.statement or c.quote, 200)
            if column == 5:
                return c.source_title
            if column == 6:
                return c.status.value
            if column == BADGE_COLUMN:
                return f"Contested {c.denial_count}" if c.denial_count else ""
        elif role == BADGE_ROLE and column == BADGE_COLUMN:
            return c.denial_count
        elif role == Qt.ItemDataRole.ToolTipRole:
            if column == 0:
                return actor_text(c)
            if column == 2:
                return grade_tooltip(c.source_reliability, c.credibility)
            if column == BADGE_COLUMN and c.denial_count:
                return f"{counted(c.denial_count, 'claim')} {'denies' if c.denial_count == 1 else 'deny'} this claim"
            return claim_tooltip_html(c)
        elif role == Qt.ItemDataRole.ForegroundRole and column == 6 and c.status.value == "retracted":
            return QColor("#888888")
        return None

    # --- drag ----------------------------------------------------------------------------------------
    def flags(self, index):
        base = super().flags(index)
        return base | Qt.ItemFlag.ItemIsDragEnabled if index.isValid() else base

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [CLAIM_IDS_MIME, "text/plain"]

    def mimeData(self, indexes) -> QMimeData:  # noqa: N802
        ids = list(dict.fromkeys(self.record(i.row()).id for i in indexes if i.isValid()))
        return claim_ids_mime(ids)

    def supportedDragActions(self):  # noqa: N802
        return Qt.DropAction.CopyAction | Qt.DropAction.LinkAction
