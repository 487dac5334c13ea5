"""Actors as a lazy table: name, role, affiliation, claims."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ui.paged_model import Column, PagedTableModel


class ActorTableModel(PagedTableModel):
    columns = (
        Column("Name", "name", 220),
        Column("Role", None, 200),
        Column("Affiliation", "affiliation", 200),
        Column("Claims", None, 60, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
    )

    def __init__(self, lib, jobs, parent=None) -> None:
        super().__init__(jobs, parent)
        self.lib = lib
        self.text = ""
        self.sort_key, self.descending = "name", False

    def set_text(self, text: str) -> None:
        text = text.strip()
        if text != self.text or not self._started:
            self.text = text
            self.reset()

    def page_loader(self):
        lib, text, sort, desc = self.lib, self.text or None, self.sort_key, self.descending

        def load(offset: int, limit: int):
            return lib.actors.list(
                text=text, sort=sort, descending=desc, offset=offset, limit=limit, with_total=False
            ).items

        return load

    def cell(self, a, column: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            return (a.name, a.role, a.affiliation, str(a.claim_count))[column]
        if role == Qt.ItemDataRole.ToolTipRole and a.aliases:
            return "Also known as: " + ", ".join(a.aliases)
        return None
