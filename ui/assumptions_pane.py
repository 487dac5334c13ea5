"""The key assumptions pane beside a brief: each assumption the judgments rest on, rated solid, caveated or
unsupported, the key judgment it underpins (or the whole brief), and why.

Select a row to edit it in the form below the table; "Add" records the form as a new assumption, "Update"
changes the selected one, Delete (the key or the button) removes it. Every change goes through
``lib.assumptions`` on the write worker and onto the window's undo stack. ``set_judgments(texts)`` gives the
brief's key judgments (the editor passes them as the text changes) for the "Underpins" choice.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app._text import counted
from app.analysis.model import AssumptionRating, AssumptionRecord
from ui import theme
from ui.analysis_undo import run_revertible

HEADERS = ("#", "Assumption", "Rating", "Underpins", "Why")
RATING_TIPS = {
    "solid": "Solid: well supported; it would hold in most circumstances.",
    "caveated": "Caveated: correct with caveats, or only in some circumstances.",
    "unsupported": "Unsupported: questionable or unsupported; a key uncertainty.",
}


def rating_color(rating: AssumptionRating) -> QColor:
    c = theme.colors()
    base = {
        AssumptionRating.SOLID: c.corroboration_accent,
        AssumptionRating.CAVEATED: c.qualification_accent,
        AssumptionRating.UNSUPPORTED: c.denial_accent,
    }[rating]
    color = QColor(base)
    color.setAlpha(90)
    return color


class AssumptionsPane(QWidget):
    loaded = Signal(object)  # the list of AssumptionRecord shown

    def __init__(
        self,
        lib: Any,
        jobs: Any,
        brief_id: int,
        undo_stack: QUndoStack | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("assumptionsPane")
        self.lib, self.jobs, self.brief_id = lib, jobs, brief_id
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self.items: list[AssumptionRecord] = []
        self.judgments: list[str] = []
        self.error_text = ""
        self._gen = 0
        self._select_after: int | None = None

        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setObjectName("assumptionsTable")
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.verticalHeader().setVisible(False)
        # rows as tall as their wrapped text at the current column widths (kept so as columns resize)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.installEventFilter(self)

        self.text = QLineEdit(self)
        self.text.setPlaceholderText("What the judgments take for granted")
        self.rating = QComboBox(self)
        for r in AssumptionRating:
            self.rating.addItem(r.value, r.value)
            self.rating.setItemData(
                self.rating.count() - 1, RATING_TIPS[r.value], Qt.ItemDataRole.ToolTipRole
            )
        self.underpins = QComboBox(self)
        # its items quote the key judgments: never let the longest set the pane's width
        self.underpins.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.underpins.setMinimumContentsLength(16)
        self.why = QPlainTextEdit(self)
        self.why.setPlaceholderText("Why it is rated so: what supports it, what would break it")
        self.why.setMaximumHeight(70)
        self.why.setTabChangesFocus(True)
        form = QFormLayout()
        form.addRow("Assumption:", self.text)
        form.addRow("Rating:", self.rating)
        form.addRow("Underpins:", self.underpins)
        form.addRow("Why:", self.why)
        self.add_button = QPushButton("Add", self)
        self.add_button.clicked.connect(self.add_from_form)
        self.update_button = QPushButton("Update", self)
        self.update_button.clicked.connect(self.update_from_form)
        self.delete_button = QPushButton("Delete", self)
        self.delete_button.clicked.connect(self.delete_selected)
        self.new_button = QPushButton("New", self)
        self.new_button.setToolTip("Clear the form for a new assumption")
        self.new_button.clicked.connect(self.clear_form)
        buttons = QHBoxLayout()
        for b in (self.add_button, self.update_button, self.delete_button, self.new_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        self.status = QLabel(self)
        self.status.setWordWrap(True)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.addWidget(self.summary)
        lay.addWidget(self.table, 1)
        lay.addLayout(form)
        lay.addLayout(buttons)
        lay.addWidget(self.status)
        self._fill_underpins()
        self._selection_changed()

        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(150)
        self._reload_timer.timeout.connect(self.reload)
        jobs.library_changed.connect(self._library_changed)
        theme.on_change(self, self.reload)  # rating colours follow the palette
        self.reload()

    # --- reading -------------------------------------------------------------------------------------
    def reload(self) -> None:
        self._gen += 1
        gen, lib, brief_id = self._gen, self.lib, self.brief_id
        self.jobs.read(
            lambda: lib.assumptions.list(brief_id),
            lambda items: self._show(gen, items),
            self._failed,
            owner=self,
        )

    def _failed(self, exc: BaseException) -> None:
        self.error_text = str(exc)
        self.status.setText(f"The assumptions could not be read: {exc}")

    def _library_changed(self, changes: Any) -> None:
        for change in changes:
            if change.entity == "assumption" and ("brief", self.brief_id) in change.affected:
                self._reload_timer.start()
                return

    def _show(self, gen: int, items: list[AssumptionRecord]) -> None:
        if gen != self._gen:
            return
        keep = self._select_after if self._select_after is not None else self.selected_id()
        self._select_after = None
        self.items = list(items)
        self.table.blockSignals(True)
        self.table.setRowCount(len(items))
        for row, a in enumerate(items):
            cells = (
                str(a.position),
                a.text,
                a.rating.value,
                "the whole brief" if a.judgment is None else f"key judgment {a.judgment}",
                a.why,
            )
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, a.id)
                item.setToolTip(text if col != 2 else RATING_TIPS[a.rating.value])
                if col == 2:
                    item.setBackground(rating_color(a.rating))
                if (
                    col == 3
                    and a.judgment is not None
                    and self.judgments
                    and a.judgment > len(self.judgments)
                ):
                    item.setForeground(theme.colors().denial_accent)
                    item.setToolTip(
                        f"The brief has {counted(len(self.judgments), 'key judgment')}; there is no {a.judgment}."
                    )
                self.table.setItem(row, col, item)
        self.table.blockSignals(False)
        tally = {r.value: sum(1 for a in items if a.rating is r) for r in AssumptionRating}
        if items:
            self.summary.setText(
                f"{counted(len(items), 'key assumption')}: {tally['solid']} solid, {tally['caveated']} caveated, "
                f"{tally['unsupported']} unsupported."
            )
        else:
            self.summary.setText(
                "No key assumptions recorded. List what the judgments take for granted and how well each holds."
            )
        if keep is not None:
            self.select(keep)
        self._selection_changed()
        self.loaded.emit(self.items)

    # --- key judgments -------------------------------------------------------------------------------
    def set_judgments(self, texts: list[str]) -> None:
        """The brief's key judgments (in order), for the "Underpins" choice."""
        if texts == self.judgments:
            return
        self.judgments = list(texts)
        self._fill_underpins()

    def _fill_underpins(self) -> None:
        current = self.underpins.currentData()
        self.underpins.blockSignals(True)
        self.underpins.clear()
        self.underpins.addItem("The whole brief", None)
        count = max(len(self.judgments), max((a.judgment or 0 for a in self.items), default=0))
        for n in range(1, count + 1):
            text = self.judgments[n - 1] if n <= len(self.judgments) else "(not in the brief)"
            short = " ".join(text.split())
            short = short if len(short) <= 70 else short[:69] + "\u2026"
            self.underpins.addItem(f"Key judgment {n}: {short}", n)
            self.underpins.setItemData(self.underpins.count() - 1, text, Qt.ItemDataRole.ToolTipRole)
        index = self.underpins.findData(current)
        self.underpins.setCurrentIndex(max(index, 0))
        self.underpins.blockSignals(False)

    # --- selection and the form ----------------------------------------------------------------------
    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        value = self.table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)
        return int(value) if value is not None else None

    def select(self, assumption_id: int) -> None:
        for row, a in enumerate(self.items):
            if a.id == assumption_id:
                self.table.selectRow(row)
                return

    def _selection_changed(self) -> None:
        chosen = self.selected_id()
        record = next((a for a in self.items if a.id == chosen), None)
        self.update_button.setEnabled(record is not None)
        self.delete_button.setEnabled(record is not None)
        if record is not None:
            self.text.setText(record.text)
            self.rating.setCurrentIndex(self.rating.findData(record.rating.value))
            if record.judgment is not None and self.underpins.findData(record.judgment) < 0:
                self._fill_underpins()
            self.underpins.setCurrentIndex(max(self.underpins.findData(record.judgment), 0))
            self.why.setPlainText(record.why)

    def clear_form(self) -> None:
        self.table.clearSelection()
        self.text.clear()
        self.why.clear()
        self.rating.setCurrentIndex(0)
        self.underpins.setCurrentIndex(0)
        self.text.setFocus()

    def _form(self) -> dict[str, Any]:
        return {
            "text": self.text.text(),
            "rating": self.rating.currentData(),
            "why": self.why.toPlainText(),
            "judgment": self.underpins.currentData(),
        }

    # --- writing -------------------------------------------------------------------------------------
    def _run(self, text: str, do: Any, select_after: int | None = None, on_done: Any = None) -> None:
        def done(change: Any) -> None:
            self.error_text = ""
            self.status.setText("")
            self._select_after = (
                change.id if select_after is None and change.after is not None else select_after
            )
            if on_done is not None:
                on_done()
            self._reload_timer.stop()  # read it back now, not after the change notice's delay
            self.reload()

        run_revertible(
            self.undo_stack,
            self.lib,
            self.jobs,
            text,
            do,
            self.lib.assumptions.revert,
            on_done=done,
            on_error=self._write_failed,
        )

    def _write_failed(self, exc: BaseException) -> None:
        self.error_text = str(exc)
        self.status.setText(str(exc))

    def add_from_form(self) -> None:
        values = self._form()
        lib, brief_id = self.lib, self.brief_id
        self._run(
            "Add key assumption",
            lambda: lib.assumptions.add(brief_id, values.pop("text"), **values),
        )

    def update_from_form(self) -> None:
        chosen = self.selected_id()
        if chosen is None:
            self.status.setText("Select the assumption to change first.")
            return
        values = self._form()
        record = next((a for a in self.items if a.id == chosen), None)
        version = record.version if record is not None else None
        lib = self.lib
        self._run(
            f"Change key assumption {record.position if record else chosen}",
            lambda: lib.assumptions.update(chosen, if_version=version, **values),
        )

    def delete_selected(self) -> None:
        chosen = self.selected_id()
        if chosen is None:
            return
        lib = self.lib
        self._run("Delete key assumption", lambda: lib.assumptions.delete(chosen), on_done=self.clear_form)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Delete and self.selected_id() is not None:
                self.delete_selected()
                return True
        return super().eventFilter(watched, event)
