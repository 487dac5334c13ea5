"""Claim picker (Ctrl+K in the brief editor): type to search claims, Enter picks the selected one.

Searches run through ``jobs.read`` with ``lib.claims.list(ClaimFilter(text=...), limit=50,
with_total="estimate")``; a result older than the latest query is dropped. ``total_label`` says how many claims
match: counted exactly when that is quick, "about N" when an exact count would read much of the full-text index
(the commonest words: 50-160 ms on a million claims; the estimate takes a few ms).
``chosen_ids()`` gives the picked claim ids.

Context from the editor (read by the brief model): ``section``, the heading the cursor is under, and
``in_citation``, the claims of the citation the cursor is inside; the dialog says where the claim will go
("Adds to [@c3, @c7] in Key Judgments") and marks the claims that citation already holds.
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

from app._text import MAX_SEARCH_CHARS
from app.domain_lists import ClaimFilter

SEARCH_DEBOUNCE_MS = 150
LIMIT = 50


def total_text(page) -> str:
    """'12 claims match', 'About 720,000 claims match; the newest 50 are listed', 'No claim matches'."""
    n = page.total
    if n == 0:
        return "No claim matches."
    shown = len(page.items)
    noun = "claim matches" if n == 1 else "claims match"
    if page.estimated:
        rounded = int(float(f"{n:.2g}"))  # two significant figures: it is an estimate
        return f"About {rounded:,} {noun}; {shown} are listed."
    return f"{n:,} {noun}." if shown >= n else f"{n:,} {noun}; {shown} are listed."


def describe(c) -> str:
    said = c.said.isoformat() if c.said else "undated"
    badge = "  [contested]" if c.denial_count else ""
    grade = f"{c.source_reliability}{c.credibility}"
    return (
        f"c{c.id}  {c.actor_name or 'unknown actor'}, {said}  [{grade}]{badge}\n    {c.statement or c.quote}"
    )


class ClaimPickerDialog(QDialog):
    def __init__(
        self, lib, jobs, parent=None, *, section: str = "", in_citation: list[int] | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Cite a claim")
        self.lib, self.jobs = lib, jobs
        self.in_citation = list(in_citation or [])
        where = f" in {section}" if section else ""
        if self.in_citation:
            held = ", ".join(f"@c{i}" for i in self.in_citation)
            text = f"Adds to the citation [{held}]{where}; a claim it holds is not added twice."
        else:
            text = f"Inserts a new citation{where}."
        self.context = QLabel(text, self)
        self.context.setObjectName("pickerContext")
        self.context.setWordWrap(True)
        self.query = QLineEdit(self)
        self.query.setMaxLength(MAX_SEARCH_CHARS)  # longer is refused by the services
        self.query.setPlaceholderText("Search claims by statement, quote or actor")
        self.results = QListWidget(self)
        self.total_label = QLabel("", self)
        self.total_label.setObjectName("pickerTotal")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Cite")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.results.itemActivated.connect(lambda _item: self.accept())
        lay = QVBoxLayout(self)
        lay.addWidget(self.context)
        lay.addWidget(self.query)
        lay.addWidget(self.results)
        lay.addWidget(self.total_label)
        lay.addWidget(buttons)
        self.resize(640, 420)
        self._gen = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._search)
        self.query.textChanged.connect(lambda _t: self._timer.start(SEARCH_DEBOUNCE_MS))
        self.query.returnPressed.connect(self.accept)
        self._search()

    def _search(self) -> None:
        self._gen += 1
        gen, text, lib = self._gen, self.query.text().strip(), self.lib
        flt = ClaimFilter(text=text or None)
        self.jobs.read(
            lambda: lib.claims.list(flt, limit=LIMIT, with_total="estimate"),
            lambda page: self._show(gen, page),
        )

    def _show(self, gen: int, page) -> None:
        if gen != self._gen:
            return
        self.total_label.setText(total_text(page))
        rows = page.items
        self.results.clear()
        for c in rows:
            held = "  (already in this citation)" if c.id in self.in_citation else ""
            item = QListWidgetItem(describe(c) + held)
            item.setData(Qt.ItemDataRole.UserRole, c.id)
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)

    def chosen_ids(self) -> list[int]:
        items = self.results.selectedItems() or (
            [self.results.currentItem()] if self.results.currentItem() else []
        )
        return [int(i.data(Qt.ItemDataRole.UserRole)) for i in items]
