"""Someone else changed the record you were editing: compare, then reload, keep your edit, or copy it.

Shown when a save is refused with ``StaleEditError`` (the record's version moved on since the edit began).
Nothing was written, and nothing is ever written without the analyst's say-so:

- "Compare" shows each field you edited beside the value stored now (by whom).
- "Reload" drops your edit and opens the record as it is stored now, so you make your change on top of theirs.
- "Keep my edit" saves the fields YOU changed on top of the stored version you just compared with; fields
  the other analyst changed and you did not keep their value. If the record moved on again meanwhile, that
  save is refused in turn (it is made with the compared version), so nothing is overwritten unseen.
- "Copy my edit" puts your edited fields on the clipboard as text, and the editor stays open.
- "Cancel" goes back to your editor with your text in it.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.errors import StaleEditError


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(getattr(value, "value", value))


class StaleEditDialog(QDialog):
    """``choice`` is "reload", "keep" or "cancel" after it closes."""

    def __init__(
        self,
        exc: StaleEditError,
        *,
        yours: Mapping[str, object],
        stored: Mapping[str, object],
        labels: Mapping[str, str] | None = None,
        can_keep: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Changed by someone else")
        self.choice = "cancel"
        self.message = QLabel(
            f"<p>{html.escape(str(exc))}</p><p>Your edit is not lost while this window is open. Compare it "
            "with what is stored now, then reload theirs, keep your edit on top of theirs, or copy it.</p>",
            self,
        )
        self.message.setWordWrap(True)
        self._labels = dict(labels or {})
        who = exc.changed_by or "them"
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels(["Field", "Your edit", f"Stored now (by {who})"])
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self._yours = dict(yours)
        rows = [k for k in yours if _text(yours[k]) != _text(stored.get(k))]
        for key in rows:
            r = self.table.rowCount()
            self.table.insertRow(r)
            for col, value in enumerate((self._label(key), yours[key], stored.get(key))):
                self.table.setItem(r, col, QTableWidgetItem(_text(value)))
        self.table.resizeColumnsToContents()
        self.table.setVisible(False)
        self.differences = rows
        buttons = QDialogButtonBox(self)
        self.reload_button = QPushButton("Reload", self)
        self.reload_button.setToolTip("Drop your edit and open the record as it is stored now")
        self.keep_button = QPushButton("Keep my edit", self)
        self.keep_button.setToolTip(
            "Save the fields you changed on top of the stored version; their other changes stay"
        )
        self.keep_button.setEnabled(can_keep)
        self.copy_button = QPushButton("Copy my edit", self)
        self.copy_button.setToolTip("Put the fields you changed on the clipboard")
        self.compare_button = QPushButton("Compare", self)
        self.compare_button.setCheckable(True)
        self.compare_button.setToolTip("Your edit beside what is stored now")
        buttons.addButton(self.reload_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.keep_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.compare_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.reload_button.clicked.connect(lambda: self._close_with("reload"))
        self.keep_button.clicked.connect(lambda: self._close_with("keep"))
        self.copy_button.clicked.connect(self.copy_yours)
        self.compare_button.toggled.connect(self.table.setVisible)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.message)
        lay.addWidget(self.table, 1)
        lay.addWidget(buttons)
        self.resize(680, 240)

    def _label(self, key: str) -> str:
        return self._labels.get(key, key.replace("_", " "))

    def yours_text(self) -> str:
        """Your edited fields as plain text, one "field: value" block each."""
        return "\n\n".join(f"{self._label(k)}: {_text(v)}" for k, v in self._yours.items()) + "\n"

    def copy_yours(self) -> None:
        QApplication.clipboard().setText(self.yours_text())
        self.copy_button.setText("Copied")

    def _close_with(self, choice: str) -> None:
        self.choice = choice
        self.accept()


def ask_about_stale_edit(
    parent: QWidget,
    jobs: Any,
    exc: StaleEditError,
    *,
    yours: Mapping[str, object],
    read_stored: Callable[[], Any],
    shown: Callable[[Any], Mapping[str, object]],
    on_reload: Callable[[], None],
    on_keep: Callable[[Any], None],
    on_cancel: Callable[[], None],
    labels: Mapping[str, str] | None = None,
) -> None:
    """Read the record as stored now (``read_stored``, off the GUI thread), show the dialog with
    ``shown(record)`` beside ``yours``; then ``on_reload()``, ``on_keep(record)`` (the record compared with:
    save on top of its version) or ``on_cancel()``. The dialog is ``parent.stale_dialog`` while open."""

    def show(record: Any) -> None:
        stored = shown(record) if record is not None else {}
        dlg = StaleEditDialog(
            exc, yours=yours, stored=stored, labels=labels, can_keep=record is not None, parent=parent
        )
        parent.stale_dialog = dlg  # type: ignore[attr-defined]

        def closed(_result: int) -> None:
            parent.stale_dialog = None  # type: ignore[attr-defined]
            dlg.deleteLater()
            if dlg.choice == "reload":
                on_reload()
            elif dlg.choice == "keep" and record is not None:
                on_keep(record)
            else:
                on_cancel()

        dlg.finished.connect(closed)
        dlg.open()

    jobs.read(read_stored, show, lambda _e: show(None))
