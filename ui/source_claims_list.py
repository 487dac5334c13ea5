"""The Sources page's list of the claims drawn from the source in the reader, in the order of the text.

A source with thousands of claims (a book drafted at once) lists the first MAX_LISTED and says how many more
there are and where they are all listed; each row's tooltip (the claim in full) is made when asked for.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QHeaderView, QToolTip, QTreeWidget, QTreeWidgetItem, QWidget

from ui.formatting import claim_tooltip_html, date_text, one_line

# rows listed: 5,000 rows (with their tooltips) held the GUI thread for 0.4 s at every opening of the source
MAX_LISTED = 1_000
ID_ROLE = Qt.ItemDataRole.UserRole


class SourceClaimsList(QTreeWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sourceClaims")
        self.setRootIsDecorated(False)
        self.setHeaderLabels(["Claim", "Actor", "Said", "Grade", "Denials"])
        self.header().setStretchLastSection(False)
        self.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col, width in ((1, 140), (2, 84), (3, 48), (4, 56)):
            self.setColumnWidth(col, width)
        self.setAlternatingRowColors(True)
        self._items: dict[int, QTreeWidgetItem] = {}
        self._claims: dict[int, object] = {}

    def set_claims(self, claims, current: int | None) -> None:
        """List ``claims`` (in the text's order), selecting ``current``; signals are not emitted."""
        self.blockSignals(True)
        self.clear()
        ordered = sorted(claims, key=lambda c: c.span_start)
        self._claims = {c.id: c for c in ordered}
        self._items = {}
        items = []
        for c in ordered[:MAX_LISTED]:
            item = QTreeWidgetItem(
                [
                    one_line(c.statement or c.quote, 120),
                    c.actor_name or "Unknown actor",
                    date_text(c.said),
                    c.grade,
                    str(c.denial_count) if c.denial_count else "",
                ]
            )
            item.setData(0, ID_ROLE, c.id)
            self._items[c.id] = item
            items.append(item)
        if len(ordered) > MAX_LISTED:
            more = QTreeWidgetItem(
                [
                    f"{len(ordered) - MAX_LISTED:,} more claims of this source are not listed here; "
                    f"\u201cShow this source's claims in Claims\u201d lists all {len(ordered):,}."
                ]
            )
            more.setFlags(Qt.ItemFlag.NoItemFlags)
            items.append(more)
        self.addTopLevelItems(items)
        if current in self._items:
            self.setCurrentItem(self._items[current])
        self.blockSignals(False)

    def select(self, claim_id: int) -> None:
        """Make a listed claim the current row (without signals); a claim not listed leaves no row current."""
        self.blockSignals(True)
        item = self._items.get(claim_id)
        self.setCurrentItem(item)
        if item is not None:
            self.scrollToItem(item)
        self.blockSignals(False)

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ToolTip:
            item = self.itemAt(event.pos())
            claim = self._claims.get(item.data(0, ID_ROLE)) if item is not None else None
            if claim is not None and self.columnAt(event.pos().x()) == 0:
                QToolTip.showText(event.globalPos(), claim_tooltip_html(claim), self.viewport())
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)
