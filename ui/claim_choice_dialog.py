"""Choose one claim: type to search (SQL full-text through ``lib.claims.list``), Enter chooses.

Used where an action needs a second claim: "Denial from selection" (which claim it denies) and the
"Add denial..." / "Add corroboration..." menu commands.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
)

from app.domain_lists import ClaimFilter
from ui.formatting import claim_summary, claim_tooltip_html

DEBOUNCE_MS = 150
LIMIT = 100


class ClaimChoiceDialog(QDialog):
    def __init__(
        self,
        lib,
        jobs,
        *,
        title: str,
        prompt: str,
        button: str = "Choose",
        exclude: set[int] | None = None,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.lib, self.jobs = lib, jobs
        self.exclude = exclude or set()
        self.prompt = QLabel(prompt, self)
        self.prompt.setWordWrap(True)
        self.query = QLineEdit(self)
        self.query.setPlaceholderText("Search claims by statement, quote or actor")
        self.query.setClearButtonEnabled(True)
        self.results = QListWidget(self)
        self.results.setAlternatingRowColors(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(button)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.results.itemActivated.connect(lambda _i: self.accept())
        self.query.returnPressed.connect(self.accept)
        lay = QVBoxLayout(self)
        lay.addWidget(self.prompt)
        lay.addWidget(self.query)
        lay.addWidget(self.results)
        lay.addWidget(self.buttons)
        self.resize(680, 440)
        self._gen = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.search)
        self.query.textChanged.connect(lambda _t: self._timer.start(DEBOUNCE_MS))
        self.search()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - arrows in the query move through the results
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.results.count():
            row = self.results.currentRow() + (1 if event.key() == Qt.Key.Key_Down else -1)
            self.results.setCurrentRow(max(0, min(self.results.count() - 1, row)))
            return
        super().keyPressEvent(event)

    def search(self) -> None:
        self._gen += 1
        gen, text, lib = self._gen, self.query.text().strip(), self.lib
        flt = ClaimFilter(text=text or None)
        self.jobs.read(
            lambda: lib.claims.list(flt, limit=LIMIT, with_total=False).items,
            lambda rows: self._show(gen, rows),
        )

    def _show(self, gen: int, rows) -> None:
        if gen != self._gen:
            return
        self.results.clear()
        for c in rows:
            if c.id in self.exclude:
                continue
            item = QListWidgetItem(claim_summary(c) + ("  [contested]" if c.denial_count else ""))
            item.setData(Qt.ItemDataRole.UserRole, c.id)
            item.setToolTip(claim_tooltip_html(c))
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.results.count() > 0)

    def chosen_id(self) -> int | None:
        item = self.results.currentItem()
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def accept(self) -> None:
        if self.chosen_id() is not None:
            super().accept()
