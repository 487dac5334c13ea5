"""Actors as a lazy table: name, role, affiliation, claims."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt

from ui.paged_model import ID_ROLE, Column, PagedTableModel

ACTOR_IDS_MIME = "application/x-briefdesk-actor-ids"  # dragged onto another actor: merge into them


def actor_ids_mime(ids: list[int]) -> QMimeData:
    mime = QMimeData()
    mime.setData(ACTOR_IDS_MIME, ",".join(str(i) for i in ids).encode("ascii"))
    return mime


def actor_ids_from_mime(mime: QMimeData) -> list[int]:
    if not mime.hasFormat(ACTOR_IDS_MIME):
        return []
    raw = bytes(mime.data(ACTOR_IDS_MIME)).decode("ascii", "replace")
    return [int(p) for p in raw.split(",") if p.strip().isdigit()]


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

    def flags(self, index):
        base = super().flags(index)
        if index.isValid():
            base |= Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
        return base

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [ACTOR_IDS_MIME]

    def mimeData(self, indexes) -> QMimeData:  # noqa: N802
        ids = list(dict.fromkeys(i.data(ID_ROLE) for i in indexes if i.isValid()))
        return actor_ids_mime([i for i in ids if i is not None])

    def supportedDragActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.LinkAction

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.LinkAction
