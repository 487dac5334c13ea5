"""Briefs as a lazy table: title, status, marking, last updated."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ui.paged_model import Column, PagedTableModel


class BriefListModel(PagedTableModel):
    columns = (
        Column("Title", None, 260),
        Column("Status", None, 60),
        Column("Marking", None, 90),
        Column("Updated", None, 130),
    )

    def __init__(self, lib, jobs, parent=None) -> None:
        super().__init__(jobs, parent)
        self.lib = lib
        self.text = ""

    def set_text(self, text: str) -> None:
        text = text.strip()
        if text != self.text or not self._started:
            self.text = text
            self.reset()

    def page_loader(self):
        lib, text = self.lib, self.text or None

        def load(offset: int, limit: int):
            return lib.briefs.list(offset=offset, limit=limit, text=text).items

        return load

    def cell(self, b, column: int, role: int):
        if role == Qt.ItemDataRole.DisplayRole:
            marking = b.default_marking or (
                "" if b.marking_scheme.value == "none" else b.marking_scheme.value
            )
            return (b.title, b.status.value, marking, b.updated.strftime("%Y-%m-%d %H:%M"))[column]
        if role == Qt.ItemDataRole.ToolTipRole:  # the whole title and what a narrow list leaves out
            marking = b.default_marking or b.marking_scheme.value
            lines = [b.title, f"{b.status.value} \u00b7 {marking} \u00b7 updated {b.updated:%Y-%m-%d %H:%M}"]
            if b.author:
                lines.append(f"By {b.author}")
            return "\n".join(lines)
        return None
