"""Shared setup for the pages' lazy tables (Sources, Actors, Claims, Briefs)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView


def configure_table(view: QTableView, model) -> None:
    """Whole-row single selection, fixed row height, the model's column widths, and sorting by the
    model's sort column (the indicator set before sorting is enabled, so no extra sort runs)."""
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 10)
    view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setStretchLastSection(False)
    for i, col in enumerate(model.columns):
        view.setColumnWidth(i, col.width)
    col = model.sort_column()
    if col >= 0:  # the indicator first: enabling sorting sorts by the indicated column
        header.setSortIndicator(
            col, Qt.SortOrder.DescendingOrder if model.descending else Qt.SortOrder.AscendingOrder
        )
        view.setSortingEnabled(True)
    header.setSortIndicatorShown(col >= 0)


class ColumnFitter(QObject):
    """Keeps a table's columns inside its width, so that nothing is cut off at the right edge: the
    ``stretch`` column takes the room left (at least ``min_stretch`` px), and the ``optional`` columns, least
    needed first, are hidden while there is no room for them (their values stay in the row's tooltip or the
    pane beside the list) and come back when the table widens."""

    def __init__(
        self, view: QTableView, *, stretch: int, optional: Sequence[int], min_stretch: int = 180
    ) -> None:
        super().__init__(view)
        self.view, self.stretch, self.optional, self.min_stretch = view, stretch, list(optional), min_stretch
        header = view.horizontalHeader()
        self.widths = {i: header.sectionSize(i) for i in range(header.count())}
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        header.sectionResized.connect(self._resized)
        view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        view.viewport().installEventFilter(self)
        self.fit()

    def _resized(self, index: int, _old: int, new: int) -> None:
        if index != self.stretch and new > 0:
            self.widths[index] = new  # the analyst's own width for that column

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.Resize:
            self.fit()
        return False

    def fit(self) -> None:
        header = self.view.horizontalHeader()
        available = self.view.viewport().width()
        if available <= 0:
            return
        fixed = [i for i in range(header.count()) if i != self.stretch and i not in self.optional]
        room = (
            available
            - self.min_stretch
            - sum(self.widths.get(i, 0) for i in fixed if not header.isSectionHidden(i))
        )
        shown = set()
        for i in reversed(self.optional):  # most needed first
            if self.widths.get(i, 0) <= room:
                room -= self.widths.get(i, 0)
                shown.add(i)
        for i in self.optional:
            hide = i not in shown
            if header.isSectionHidden(i) != hide:
                header.setSectionHidden(i, hide)
                if not hide:
                    header.resizeSection(i, self.widths.get(i, 80))

    def hidden(self) -> list[int]:
        header = self.view.horizontalHeader()
        return [i for i in self.optional if header.isSectionHidden(i)]
