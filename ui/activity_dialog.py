"""View > Who changed what: the library's recent changes, newest first, by analyst.

Every stored change is in the library's change log (who, when, what, which record) for 7 days; this window
lists them (``lib.changes.recent``), read on the read pool, and follows new changes, the analyst's own and
other analysts' (the window's change watcher announces those on ``jobs.library_changed``). "Show" (or a
double-click) takes the main window to the record; a record that was deleted since is said so.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.changes import ENTITY_NOUNS, KEEP
from app.errors import NotFoundError

ROWS = 300
REFRESH_DEBOUNCE_MS = 400
# the record "Show" goes to, for an entry about this kind of record: (kind the window shows, how)
SHOWABLE = {"claim": "claim", "report": "claim", "source": "source", "brief": "brief", "ach_row": "brief"}
_ACTION_WORDS = {"linked": "linked", "unlinked": "unlinked", "restored": "restored (undo)"}


def _local(at: Any) -> str:
    """A UTC time from the log as local time, to the minute."""
    import datetime as dt

    if not isinstance(at, dt.datetime):
        return str(at)
    return at.replace(tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M")


class ActivityDialog(QDialog):
    def __init__(
        self,
        lib: Any,
        jobs: Any,
        *,
        show_record: Callable[[str, int], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Who changed what")
        self.lib, self.jobs = lib, jobs
        self._show_record = show_record
        self.entries: list[Any] = []
        self._gen = 0
        self.analyst = QComboBox(self)
        self.analyst.addItem("Everyone", None)
        self.analyst.currentIndexChanged.connect(lambda _i: self.refresh())
        self.note = QLabel(
            f"Changes stored in the last {KEEP.days} days, newest first (several saves of one record in a row "
            "by one analyst show once). Times are local.",
            self,
        )
        self.note.setWordWrap(True)
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels(["When", "Who", "What", "Record"])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.itemDoubleClicked.connect(lambda _item: self.show_selected())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.status = QLabel(self)
        self.show_button = QPushButton("&Show", self)
        self.show_button.setToolTip("Go to this record in the main window")
        self.show_button.clicked.connect(self.show_selected)
        self.refresh_button = QPushButton("&Refresh", self)
        self.refresh_button.clicked.connect(self.refresh)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.addButton(self.show_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.refresh_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        top = QHBoxLayout()
        top.addWidget(QLabel("&Analyst:", self, buddy=self.analyst))
        top.addWidget(self.analyst, 1)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.note)
        lay.addWidget(self.table, 1)
        lay.addWidget(self.status)
        lay.addWidget(buttons)
        self.resize(820, 480)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.refresh)
        jobs.library_changed.connect(self._library_changed)
        self._update_buttons()
        self.refresh()

    # --- loading -------------------------------------------------------------------------------------
    def refresh(self) -> None:
        self._gen += 1
        gen = self._gen
        by = self.analyst.currentData()
        lib = self.lib

        def read() -> tuple[list[Any], list[str]]:
            return lib.changes.recent(limit=ROWS, by=by), lib.changes.analysts()

        self.jobs.read(read, lambda r: self._loaded(gen, *r), self._failed)

    def _library_changed(self, _changes: object) -> None:
        self._timer.start(REFRESH_DEBOUNCE_MS)

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(f"Could not read the changes: {exc}")

    def _loaded(self, gen: int, entries: list[Any], analysts: list[str]) -> None:
        if gen != self._gen:
            return  # a newer refresh is on its way
        self._fill_analysts(analysts)
        self.entries = entries
        self.table.setRowCount(0)
        for e in entries:
            r = self.table.rowCount()
            self.table.insertRow(r)
            what = _ACTION_WORDS.get(e.action, e.action)
            record = f"{e.noun} {e.ref}" + (f": {e.label}" if e.label else "")
            for col, text in enumerate((_local(e.at), e.by or "?", what, record)):
                item = QTableWidgetItem(text)
                if col == 3:
                    item.setToolTip(record)
                self.table.setItem(r, col, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        who = self.analyst.currentData()
        self.status.setText(
            f"{len(entries)} change{'s' if len(entries) != 1 else ''}"
            + (f" by {who}" if who else "")
            + (f" (the newest {ROWS})" if len(entries) == ROWS else "")
        )
        self._update_buttons()

    def _fill_analysts(self, analysts: list[str]) -> None:
        current = self.analyst.currentData()
        known = [self.analyst.itemData(i) for i in range(1, self.analyst.count())]
        if known == analysts:
            return
        self.analyst.blockSignals(True)
        self.analyst.clear()
        self.analyst.addItem("Everyone", None)
        for name in analysts:
            self.analyst.addItem(name, name)
        index = self.analyst.findData(current) if current else 0
        self.analyst.setCurrentIndex(max(index, 0))
        self.analyst.blockSignals(False)

    # --- going to a record ---------------------------------------------------------------------------
    def selected(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        return self.entries[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        e = self.selected()
        self.show_button.setEnabled(e is not None and e.entity in SHOWABLE and e.action != "deleted")

    def show_selected(self) -> None:
        e = self.selected()
        if e is None or e.entity not in SHOWABLE:
            return
        if e.action == "deleted":
            self.status.setText(f"The {e.noun} {e.ref} was deleted by {e.by or 'someone'}.")
            return
        kind, ident, lib = SHOWABLE[e.entity], e.entity_id, self.lib
        stores = {"claim": lib.claims, "source": lib.sources, "brief": lib.briefs}
        # read first: a record changed here and deleted since (here or by another analyst) is said so in the
        # list's words, not as an error from the page that cannot find it
        self.jobs.read(
            lambda: stores[kind].get(ident),
            lambda _record: self._show_record(kind, ident),
            lambda exc: self._not_shown(e, kind, ident, exc),
        )

    def _not_shown(self, e: Any, kind: str, ident: int, exc: BaseException) -> None:
        if not isinstance(exc, NotFoundError):
            self.status.setText(f"Could not open the {kind}: {exc}")
            return
        gone = next(
            (
                d
                for d in self.entries
                if d.action == "deleted" and SHOWABLE.get(d.entity) == kind and d.entity_id == ident
            ),
            None,
        )
        ref = ENTITY_NOUNS.get(kind, (kind, ""))[1] + str(ident)
        if gone is not None:
            self.status.setText(
                f"The {kind} {ref} was deleted by {gone.by or 'someone'} at {_local(gone.at)}; it cannot be shown."
            )
        else:
            self.status.setText(f"The {kind} {ref} no longer exists (it was deleted); it cannot be shown.")

    def select_row(self, row: int) -> None:
        self.table.selectRow(row)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)
