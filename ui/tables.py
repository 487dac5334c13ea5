"""Shared setup for the pages' lazy tables (Sources, Actors, Claims, Briefs)."""

from __future__ import annotations

from PySide6.QtCore import Qt
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
