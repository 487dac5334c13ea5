"""The ACH pane beside a brief: its competing hypotheses, the matrix of claims against them, the ranking.

- The matrix is a table: a claim per row (its grade and weight), a hypothesis per column, a rating per cell
  on Heuer's scale, coloured from the palette (consistent green, inconsistent red); the last column says
  whether the claim is diagnostic. Any column sorts (click its header; the Claim column restores the
  analyst's order). Non-diagnostic claims are greyed; a cell the matrix suggests from a denial shows the
  suggestion in italics until it is accepted.
- Keyboard: on a cell, C rates consistent (C again: very consistent), I inconsistent (I again: very), N
  neutral, A not applicable; 1 to 6 pick CC, C, N, I, II, NA; Delete clears; Enter on a suggested cell
  accepts the suggestion. F2 or a double-click on a hypothesis's header rewords it.
- Every change goes through ``lib.ach`` on the write worker and onto the window's undo stack
  (``ui.analysis_undo``): Ctrl+Z undoes a rating, a new hypothesis, a removed claim.
- Reads run on the read pool; the pane reloads when the library reports a change to this brief's analysis or
  to claims and links (grades and denials move the weights).
"""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.analysis.model import RATING_ORDER, AchMatrix, Rating, Suggestion
from ui import theme
from ui.ach_matrix_model import FIXED, KEY_HELP, SORT_ROLE, AchMatrixModel, SortProxy
from ui.analysis_undo import run_revertible

DOUBLE_TAP_S = 0.9  # C then C (or I then I) within this many seconds: very consistent (very inconsistent)
ANALYSIS_ENTITIES = {"hypothesis", "ach_row", "ach_rating"}


class AchPane(QWidget):
    """The pane. ``reload()`` reads the matrix; ``rate(hypothesis_id, claim_id, rating)`` rates a cell."""

    claim_activated = Signal(int)
    loaded = Signal(object)  # the AchMatrix shown

    def __init__(
        self,
        lib: Any,
        jobs: Any,
        brief_id: int,
        undo_stack: QUndoStack | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("achPane")
        self.lib, self.jobs, self.brief_id = lib, jobs, brief_id
        self.undo_stack = undo_stack if undo_stack is not None else QUndoStack(self)
        self.matrix: AchMatrix | None = None
        self.judgments: list[str] = []
        self.error_text = ""
        self._gen = 0
        self._last_key: tuple[str, int, int, float] | None = None
        self._keep: tuple[int | None, int | None] = (None, None)

        self.new_hypothesis = QLineEdit(self)
        self.new_hypothesis.setPlaceholderText("A new hypothesis (Enter adds it)")
        self.new_hypothesis.returnPressed.connect(self.add_hypothesis)
        add_h = QPushButton("Add hypothesis", self)
        add_h.clicked.connect(self.add_hypothesis)
        top = QHBoxLayout()
        top.addWidget(self.new_hypothesis, 1)
        top.addWidget(add_h)

        self.ranking = QLabel(self)
        self.ranking.setObjectName("achRanking")
        self.ranking.setWordWrap(True)
        self.ranking.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.model = AchMatrixModel(self)
        self.proxy = SortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(self)
        self.table.setObjectName("achMatrix")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.horizontalHeader().setSectionsClickable(True)
        self.table.horizontalHeader().sectionDoubleClicked.connect(self._header_double_clicked)
        self.table.installEventFilter(self)
        self.table.doubleClicked.connect(self._double_clicked)
        self.table.setToolTip(KEY_HELP)

        self.add_cited_button = QPushButton("Add cited", self)
        self.add_cited_button.setToolTip("Add every claim the brief cites that is not in the matrix yet")
        self.add_cited_button.clicked.connect(self.add_cited)
        self.add_claim_button = QPushButton("Add claim\u2026", self)
        self.add_claim_button.clicked.connect(self.pick_claim)
        self.remove_claim_button = QPushButton("Remove claim", self)
        self.remove_claim_button.clicked.connect(self.remove_current_claim)
        self.reword_button = QPushButton("Reword\u2026", self)
        self.reword_button.setToolTip("Reword the selected cell's hypothesis (F2)")
        self.reword_button.clicked.connect(self.reword_current_hypothesis)
        self.tie_button = QPushButton("Key judgment\u2026", self)
        self.tie_button.setToolTip(
            "Tie the selected cell's hypothesis to the key judgment that states it (the checks then hold that "
            "judgment's likelihood to the ranking)"
        )
        self.tie_button.clicked.connect(self.tie_current_hypothesis)
        self.delete_hypothesis_button = QPushButton("Delete hypothesis", self)
        self.delete_hypothesis_button.setToolTip("Delete the selected cell's hypothesis and its ratings")
        self.delete_hypothesis_button.clicked.connect(self.delete_current_hypothesis)
        # two short rows, so the pane stays usable at half the editor's width
        claim_buttons, hypothesis_buttons = QHBoxLayout(), QHBoxLayout()
        for b in (self.add_cited_button, self.add_claim_button, self.remove_claim_button):
            claim_buttons.addWidget(b)
        for b in (self.reword_button, self.tie_button, self.delete_hypothesis_button):
            hypothesis_buttons.addWidget(b)
        claim_buttons.addStretch(1)
        hypothesis_buttons.addStretch(1)

        self.sensitivity = QLabel(self)
        self.sensitivity.setObjectName("achSensitivity")
        self.sensitivity.setWordWrap(True)
        self.suggestions = QListWidget(self)
        self.suggestions.setObjectName("achSuggestions")
        self.suggestions.setMaximumHeight(90)
        self.suggestions.itemActivated.connect(
            lambda item: self.accept_suggestion(item.data(Qt.ItemDataRole.UserRole))
        )
        self.status = QLabel(self)
        self.status.setWordWrap(True)

        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.addLayout(top)
        lay.addWidget(self.ranking)
        lay.addWidget(self.table, 1)
        lay.addLayout(claim_buttons)
        lay.addLayout(hypothesis_buttons)
        lay.addWidget(self.sensitivity)
        lay.addWidget(self.suggestions)
        lay.addWidget(self.status)

        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(150)
        self._reload_timer.timeout.connect(self.reload)
        jobs.library_changed.connect(self._library_changed)
        theme.on_change(self, self.reload)  # cell colours follow the palette
        self.reload()

    # --- reading -------------------------------------------------------------------------------------
    def reload(self) -> None:
        self._gen += 1
        gen, lib, brief_id = self._gen, self.lib, self.brief_id
        self.jobs.read(
            lambda: lib.ach.matrix(brief_id), lambda m: self._show(gen, m), self._failed, owner=self
        )

    def _failed(self, exc: BaseException) -> None:
        self.error_text = str(exc)
        self.status.setText(f"The matrix could not be read: {exc}")

    def _library_changed(self, changes: Any) -> None:
        for change in changes:
            mine = ("brief", self.brief_id) in change.affected or (
                change.entity == "brief" and change.id == self.brief_id
            )
            if (change.entity in ANALYSIS_ENTITIES and mine) or change.entity in ("claim", "link", "source"):
                self._reload_timer.start()
                return

    def _show(self, gen: int, m: AchMatrix) -> None:
        if gen != self._gen:
            return
        hyp, claim = self._current_ids()
        if self._keep != (None, None):
            hyp, claim = self._keep
            self._keep = (None, None)
        self.matrix = m
        self.model.set_matrix(m)
        self._size_columns(m)
        self._select(hyp, claim)
        self._show_ranking(m)
        self._show_suggestions(m)
        complete = m.complete
        rated = sum(len(r.ratings) for r in m.rows)
        cells = len(m.rows) * len(m.hypotheses)
        if not m.hypotheses:
            self.sensitivity.setText(
                "Add the hypotheses the brief weighs, then rate each claim against them."
            )
        elif not m.rows:
            self.sensitivity.setText("Add the claims to weigh: the cited ones, or any from the library.")
        else:
            text = f"Sensitivity: {m.sensitivity.summary}"
            if not complete:
                text += f" {rated} of {cells} cells rated; an unrated cell counts as no inconsistency."
            self.sensitivity.setText(text)
        candidates = len(m.candidates)
        self.add_cited_button.setEnabled(candidates > 0)
        self.add_cited_button.setText(f"Add cited ({candidates})" if candidates else "Add cited")
        if self.status.text().startswith("The matrix could not be read"):
            self.status.setText("")
        self.loaded.emit(m)

    def _size_columns(self, m: AchMatrix) -> None:
        """The claim column takes the room left; the others are as wide as their widest possible text.
        Measured from the fonts, not from the cells: sizing to contents asked every cell of a 50 x 1,000
        matrix for its size on each reload (tens of seconds)."""
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        cells, heads = self.table.fontMetrics(), header.fontMetrics()
        bold = QFont(header.font())
        bold.setBold(True)  # a hypothesis tied to a key judgment has a bold label
        heads_bold = QFontMetrics(bold)
        pad = (
            2 * self.table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self.table) + 10
        )

        def width(header_text: str, *texts: str) -> int:
            widest = max((cells.horizontalAdvance(t) for t in texts), default=0)
            return max(
                widest, heads.horizontalAdvance(header_text), heads_bold.horizontalAdvance(header_text)
            )

        last = len(FIXED) + len(m.hypotheses)
        weights = {self.model.data(self.model.index(r, 2)) for r in range(len(m.rows))}
        suggested = {s.hypothesis_id for s in m.suggestions}
        sizes = {1: width("Grade", "B2"), 2: width("Weight", *(str(w) for w in weights))}
        for i, h in enumerate(m.hypotheses):
            sizes[len(FIXED) + i] = width(h.label, "CC !" if h.id in suggested else "CC")
        sizes[last] = width("Diagnostic", "yes, critical" if any(r.critical for r in m.rows) else "yes")
        for col, w in sizes.items():
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(col, w + pad)

    def _show_ranking(self, m: AchMatrix) -> None:
        if not m.ranking:
            self.ranking.setText("No hypotheses yet.")
            return
        lines = [
            f"<b>{s.rank}. {s.label}</b> {_esc(s.text)} "
            f"<span style='color:{theme.colors().muted_text.name()}'>({s.score:.2f})</span>"
            for s in m.ranking
        ]
        self.ranking.setText("Least inconsistent first:<br>" + "<br>".join(lines))

    def _show_suggestions(self, m: AchMatrix) -> None:
        self.suggestions.clear()
        label = {h.id: h.label for h in m.hypotheses}
        for s in m.suggestions:
            verb = "Conflict" if s.kind == "conflict" else "Suggested"
            item = QListWidgetItem(
                f"{verb}: {label[s.hypothesis_id]} c{s.claim_id} \u2192 {s.rating.value}. {s.reason}"
            )
            item.setData(Qt.ItemDataRole.UserRole, s)
            item.setToolTip(s.reason + "\nEnter or double-click accepts it.")
            self.suggestions.addItem(item)
        self.suggestions.setVisible(bool(m.suggestions))

    # --- selection -----------------------------------------------------------------------------------
    def _current_ids(self) -> tuple[int | None, int | None]:
        index = self.table.currentIndex()
        if not index.isValid():
            return None, None
        source = self.proxy.mapToSource(index)
        return self.model.hypothesis_at(source.column()), self.model.claim_at(source.row())

    def _select(self, hyp: int | None, claim: int | None) -> None:
        row = self.model.row_of(claim) if claim is not None else None
        col = self.model.column_of(hyp) if hyp is not None else None
        if row is None and self.model.rowCount() and self.model.matrix and self.model.matrix.hypotheses:
            row, col = 0, len(FIXED)
        if row is None:
            return
        source = self.model.index(row, col if col is not None else len(FIXED))
        self.table.setCurrentIndex(self.proxy.mapFromSource(source))

    # --- writing -------------------------------------------------------------------------------------
    def _run(
        self,
        text: str,
        do: Any,
        keep: tuple[int | None, int | None] | None = None,
        done_message: str = "",
        on_done: Any = None,
    ) -> None:
        if keep is not None:
            self._keep = keep

        def done(_change: Any) -> None:
            self.error_text = ""
            self.status.setText(done_message)
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
            self.lib.ach.revert,
            on_done=done,
            on_error=self._write_failed,
        )

    def _write_failed(self, exc: BaseException) -> None:
        self.error_text = str(exc)
        self.status.setText(str(exc))

    def rate(self, hypothesis_id: int, claim_id: int, rating: Rating | None) -> None:
        label = self._label(hypothesis_id)
        text = (
            f"Clear c{claim_id} against {label}"
            if rating is None
            else f"Rate c{claim_id} {rating.value} against {label}"
        )
        lib = self.lib
        self._run(text, lambda: lib.ach.rate(hypothesis_id, claim_id, rating), keep=(hypothesis_id, claim_id))

    def _label(self, hypothesis_id: int) -> str:
        if self.matrix is not None:
            for h in self.matrix.hypotheses:
                if h.id == hypothesis_id:
                    return h.label
        return f"h{hypothesis_id}"

    def add_hypothesis(self) -> None:
        text = self.new_hypothesis.text().strip()
        if not text:
            self.status.setText("Type the hypothesis first.")
            return
        lib, brief_id = self.lib, self.brief_id
        self._run(
            "Add hypothesis",
            lambda: lib.ach.add_hypothesis(brief_id, text),
            on_done=self.new_hypothesis.clear,
        )

    def add_cited(self) -> None:
        lib, brief_id = self.lib, self.brief_id
        self._run("Add the cited claims to the matrix", lambda: lib.ach.add_cited(brief_id))

    def add_claims(self, claim_ids: list[int]) -> None:
        if not claim_ids:
            return
        lib, brief_id = self.lib, self.brief_id
        self._run(
            f"Add {', '.join(f'c{c}' for c in claim_ids)} to the matrix",
            lambda: lib.ach.add_claims(brief_id, claim_ids),
            keep=(None, claim_ids[0]),
        )

    def pick_claim(self) -> None:
        from ui.claim_picker_dialog import ClaimPickerDialog

        dlg = ClaimPickerDialog(self.lib, self.jobs, self)
        dlg.setWindowTitle("Add a claim to the matrix")
        if dlg.exec():
            self.add_claims(dlg.chosen_ids())

    def remove_current_claim(self) -> None:
        _hyp, claim = self._current_ids()
        if claim is None:
            self.status.setText("Select a claim's row first.")
            return
        lib, brief_id = self.lib, self.brief_id
        self._run(f"Remove c{claim} from the matrix", lambda: lib.ach.remove_claims(brief_id, [claim]))

    def _current_hypothesis(self) -> int | None:
        hyp, _claim = self._current_ids()
        if hyp is None:
            self.status.setText("Select a cell in the hypothesis's column first.")
        return hyp

    def reword_current_hypothesis(self) -> None:
        hyp = self._current_hypothesis()
        if hyp is not None:
            self.reword_hypothesis(hyp)

    def reword_hypothesis(self, hypothesis_id: int, text: str | None = None) -> None:
        if text is None:
            current = next(
                (h.text for h in (self.matrix.hypotheses if self.matrix else ()) if h.id == hypothesis_id), ""
            )
            text, ok = QInputDialog.getText(
                self, "Reword hypothesis", self._label(hypothesis_id), text=current
            )
            if not ok:
                return
        lib, new = self.lib, text
        self._run(
            f"Reword {self._label(hypothesis_id)}", lambda: lib.ach.update_hypothesis(hypothesis_id, text=new)
        )

    def set_judgments(self, texts: list[str]) -> None:
        """The brief's key judgments (the editor passes them as its text changes), to tie hypotheses to."""
        self.judgments = list(texts)

    def tie_current_hypothesis(self) -> None:
        hyp = self._current_hypothesis()
        if hyp is None:
            return
        choices = ["None (not stated by a key judgment)"] + [
            f"Key judgment {n}: {_short(t)}" for n, t in enumerate(self.judgments, start=1)
        ]
        current = next(
            (h.judgment for h in (self.matrix.hypotheses if self.matrix else ()) if h.id == hyp), None
        )
        index = current if current is not None and current <= len(self.judgments) else 0
        choice, ok = QInputDialog.getItem(
            self, "Key judgment", f"The key judgment that states {self._label(hyp)}:", choices, index, False
        )
        if ok:
            self.tie_hypothesis(hyp, choices.index(choice) or None)

    def tie_hypothesis(self, hypothesis_id: int, judgment: int | None) -> None:
        lib = self.lib
        what = f"key judgment {judgment}" if judgment else "no key judgment"
        self._run(
            f"Tie {self._label(hypothesis_id)} to {what}",
            lambda: lib.ach.update_hypothesis(hypothesis_id, judgment=judgment),
            done_message=f"{self._label(hypothesis_id)} is now stated by {what}.",
        )

    def delete_current_hypothesis(self) -> None:
        hyp = self._current_hypothesis()
        if hyp is None:
            return
        lib, label = self.lib, self._label(hyp)
        self._run(
            f"Delete {label}",
            lambda: lib.ach.delete_hypothesis(hyp),
            done_message=f"{label} deleted with its ratings (Undo brings it back).",
        )

    def accept_suggestion(self, s: Suggestion | None = None) -> None:
        if s is None:
            index = self.table.currentIndex()
            if not index.isValid():
                return
            source = self.proxy.mapToSource(index)
            s = self.model.suggestion(source.row(), source.column())
            if s is None:
                return
        self.rate(s.hypothesis_id, s.claim_id, s.rating)

    # --- keyboard ------------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if self.handle_key(event):
                return True
        return super().eventFilter(watched, event)

    def handle_key(self, event: QKeyEvent) -> bool:
        """Rate the current cell from a key press (see the module's docstring); True when it was one."""
        if event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
            return False
        index = self.table.currentIndex()
        if not index.isValid():
            return False
        source = self.proxy.mapToSource(index)
        hyp, claim = self.model.hypothesis_at(source.column()), self.model.claim_at(source.row())
        key = event.key()
        if key == Qt.Key.Key_F2 and hyp is not None:
            self.reword_hypothesis(hyp)
            return True
        if hyp is None or claim is None:
            return False
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            s = self.model.suggestion(source.row(), source.column())
            if s is not None:
                self.accept_suggestion(s)
                return True
            return False
        if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.rate(hyp, claim, None)
            return True
        text = event.text().lower()
        rating: Rating | None = None
        if text in ("1", "2", "3", "4", "5", "6"):
            rating = RATING_ORDER[int(text) - 1]
        elif text in ("c", "i", "n", "a"):
            now = time.monotonic()
            again = (
                self._last_key is not None
                and self._last_key[:3] == (text, hyp, claim)
                and now - self._last_key[3] < DOUBLE_TAP_S
            )
            rating = {"c": Rating.C, "i": Rating.I, "n": Rating.N, "a": Rating.NA}[text]
            if again and text == "c":
                rating = Rating.CC
            elif again and text == "i":
                rating = Rating.II
            self._last_key = (text, hyp, claim, now)
        if rating is None:
            return False
        self.rate(hyp, claim, rating)
        return True

    def _header_double_clicked(self, logical: int) -> None:
        hyp = self.model.hypothesis_at(logical)
        if hyp is not None:
            self.reword_hypothesis(hyp)

    def _double_clicked(self, index: QModelIndex) -> None:
        source = self.proxy.mapToSource(index)
        if source.column() == 0:
            claim = self.model.claim_at(source.row())
            if claim is not None:
                self.claim_activated.emit(claim)


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
