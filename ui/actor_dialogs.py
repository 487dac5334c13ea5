"""Fixing actors: the actor dialog (name, role, affiliation, aliases) and the merge dialog (which actor the
selected ones are merged into).

Both only collect values; the Actors page runs the change as an undoable command and, like the claim
dialog, the actor dialog stays open with what was typed when the library refuses it (a name another actor
already has).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app._text import counted, norm_key
from app.errors import BriefdeskError, ValidationError
from ui import theme

DEBOUNCE_MS = 150
LIMIT = 500


def split_aliases(text: str) -> list[str]:
    """Aliases as typed: separated by semicolons or line breaks (a name may hold a comma: "Reyes, Dana")."""
    return [a.strip() for a in re.split(r"[;\n]", text) if a.strip()]


class ActorDialog(QDialog):
    """Edit an actor. ``values()`` is what ``lib.actors.update`` takes."""

    def __init__(
        self,
        actor,
        *,
        submit: Callable[[dict, Callable[[], None], Callable[[BaseException], None]], None] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Edit actor a{actor.id}")
        self.setMinimumWidth(520)
        self.actor = actor
        self._submit = submit
        self.name = QLineEdit(actor.name, self)
        self.role = QLineEdit(actor.role, self)
        self.role.setPlaceholderText("Role or title, e.g. Foreign minister")
        self.affiliation = QLineEdit(actor.affiliation, self)
        self.affiliation.setPlaceholderText("Country or organisation")
        self.aliases = QLineEdit("; ".join(actor.aliases), self)
        self.aliases.setPlaceholderText("Other names and spellings, separated by semicolons")
        self.aliases.setToolTip(
            "Drafting and the claim dialog match these names to this actor; separate them with semicolons."
        )
        claims = QLabel(
            f"{counted(actor.claim_count, 'claim')} attributed to this actor."
            if actor.claim_count
            else "No claim is attributed to this actor.",
            self,
        )
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setStyleSheet(theme.error_style())
        self.error.setVisible(False)
        form = QFormLayout()
        form.addRow("&Name:", self.name)
        form.addRow("&Role:", self.role)
        form.addRow("A&ffiliation:", self.affiliation)
        form.addRow("A&liases:", self.aliases)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(claims)
        lay.addWidget(self.error)
        lay.addWidget(self.buttons)
        QTimer.singleShot(0, self.name.setFocus)

    def values(self) -> dict:
        name = " ".join(self.name.text().split())
        if not name:
            raise ValidationError("An actor needs a name.")
        return {
            "name": name,
            "role": self.role.text().strip(),
            "affiliation": self.affiliation.text().strip(),
            "aliases": split_aliases(self.aliases.text()),
        }

    def show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))

    def accept(self) -> None:
        try:
            values = self.values()
        except BriefdeskError as exc:
            self.show_error(str(exc))
            return
        if self._submit is None:
            super().accept()
            return
        self.buttons.setEnabled(False)

        def done() -> None:
            self.buttons.setEnabled(True)
            QDialog.accept(self)

        def failed(exc: BaseException) -> None:
            self.buttons.setEnabled(True)
            self.show_error(str(exc) if isinstance(exc, BriefdeskError) else f"{type(exc).__name__}: {exc}")

        self._submit(values, done, failed)


def _name_words(actor) -> set[str]:
    return {
        w for n in (actor.name, *actor.aliases) for w in norm_key(n).replace("-", " ").split() if len(w) > 2
    }


class MergeActorsDialog(QDialog):
    """Choose the actor to keep; the ``merging`` actors' claims and names go to them. Actors who share a
    name word with those merged (a surname, a spelling) are listed first."""

    def __init__(self, lib, jobs, merging: list, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lib, self.jobs = lib, jobs
        self.merging = list(merging)
        self.exclude = {a.id for a in merging}
        self._words = set().union(*(_name_words(a) for a in merging)) if merging else set()
        names = ", ".join(a.name for a in merging[:3]) + (
            f" and {len(merging) - 3} more" if len(merging) > 3 else ""
        )
        claims = sum(a.claim_count for a in merging)
        self.setWindowTitle("Merge actors")
        self.prompt = QLabel(
            f"Merge {names} into the actor chosen below: {counted(claims, 'claim')} "
            f"{'moves' if claims == 1 else 'move'} to them, and the merged names become their aliases. "
            "Edit > Undo puts everything back.",
            self,
        )
        self.prompt.setWordWrap(True)
        self.query = QLineEdit(self)
        self.query.setPlaceholderText("Filter actors (name, role, affiliation, alias)")
        self.query.setClearButtonEnabled(True)
        self.results = QListWidget(self)
        self.results.setAlternatingRowColors(True)
        # a long line is cut at its end with "...", the whole of it in the tooltip: no sideways scrolling
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.merge_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.merge_button.setText("Merge")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.results.itemActivated.connect(lambda _i: self.accept())
        self.query.returnPressed.connect(self.accept)
        lay = QVBoxLayout(self)
        lay.addWidget(self.prompt)
        lay.addWidget(self.query)
        lay.addWidget(self.results)
        lay.addWidget(self.buttons)
        self.resize(760, 440)
        self._gen = 0
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.search)
        self.query.textChanged.connect(lambda _t: self._timer.start(DEBOUNCE_MS))
        self.search()

    def keyPressEvent(self, event) -> None:  # noqa: N802 - arrows in the filter move through the list
        if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.results.count():
            row = self.results.currentRow() + (1 if event.key() == Qt.Key.Key_Down else -1)
            self.results.setCurrentRow(max(0, min(self.results.count() - 1, row)))
            return
        super().keyPressEvent(event)

    def search(self) -> None:
        self._timer.stop()
        self._gen += 1
        gen, text, lib = self._gen, self.query.text().strip() or None, self.lib
        self.jobs.read(
            lambda: lib.actors.list(text=text, limit=LIMIT, with_total=False).items,
            lambda rows: self._show(gen, rows),
        )

    def _show(self, gen: int, rows) -> None:
        if gen != self._gen:
            return
        self.results.clear()
        candidates = [a for a in rows if a.id not in self.exclude]
        candidates.sort(key=lambda a: (not (_name_words(a) & self._words), -a.claim_count, a.name.casefold()))
        for a in candidates:
            aliases = f"  \u2014 also {', '.join(a.aliases)}" if a.aliases else ""
            item = QListWidgetItem(f"a{a.id}  {a.label}  ({counted(a.claim_count, 'claim')}){aliases}")
            item.setToolTip(item.text())
            item.setData(Qt.ItemDataRole.UserRole, a.id)
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)
        self.merge_button.setEnabled(self.results.count() > 0)

    def chosen_id(self) -> int | None:
        item = self.results.currentItem()
        return int(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def accept(self) -> None:
        if self.chosen_id() is not None:
            super().accept()
