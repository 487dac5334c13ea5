"""The ACH matrix as a Qt table model (``AchMatrixModel``) for ``ui.ach_pane``: a claim per row, a hypothesis per
column, ratings coloured from the palette, suggestions in italics, and the sort keys its proxy sorts by."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from app.analysis.model import RATING_MEANING, AchMatrix, Rating, Suggestion
from ui import theme

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
FIXED = ("Claim", "Grade", "Weight")  # then one column per hypothesis, then "Diagnostic"
_SORT_RATING = {"CC": 0, "C": 1, "N": 2, "I": 3, "II": 4, "NA": 5}
KEY_HELP = (
    "Keys on a cell: C consistent (twice: very), I inconsistent (twice: very), N neutral, A not applicable, "
    "1-6 for CC, C, N, I, II, NA, Delete clears, Enter accepts a suggestion."
)


def rating_colors(rating: Rating) -> tuple[QColor | None, QColor | None]:
    """Background and text colour of a rated cell, from the palette in use (light or dark)."""
    c = theme.colors()
    if rating in (Rating.CC, Rating.C):
        base = QColor(c.corroboration_accent)
    elif rating in (Rating.I, Rating.II):
        base = QColor(c.denial_accent)
    elif rating is Rating.NA:
        return None, QColor(c.muted_text)
    else:
        return None, None
    strong = rating in (Rating.CC, Rating.II)
    base.setAlpha(150 if strong else 70)
    return base, None


class AchMatrixModel(QAbstractTableModel):
    """The matrix as a table model (read-only: ratings change through the pane's commands)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.matrix: AchMatrix | None = None
        self._suggested: dict[tuple[int, int], Suggestion] = {}

    def set_matrix(self, matrix: AchMatrix) -> None:
        self.beginResetModel()
        self.matrix = matrix
        self._suggested = {}
        for s in matrix.suggestions:
            self._suggested.setdefault((s.claim_id, s.hypothesis_id), s)
        self.endResetModel()

    # --- shape ---------------------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() or self.matrix is None else len(self.matrix.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        if parent.isValid() or self.matrix is None:
            return 0
        return len(FIXED) + len(self.matrix.hypotheses) + 1

    def hypothesis_at(self, column: int) -> int | None:
        """The hypothesis id of a rating column (None for the other columns)."""
        if self.matrix is None:
            return None
        i = column - len(FIXED)
        return self.matrix.hypotheses[i].id if 0 <= i < len(self.matrix.hypotheses) else None

    def column_of(self, hypothesis_id: int) -> int | None:
        if self.matrix is None:
            return None
        for i, h in enumerate(self.matrix.hypotheses):
            if h.id == hypothesis_id:
                return len(FIXED) + i
        return None

    def claim_at(self, row: int) -> int | None:
        if self.matrix is None or not 0 <= row < len(self.matrix.rows):
            return None
        return self.matrix.rows[row].claim_id

    def row_of(self, claim_id: int) -> int | None:
        if self.matrix is None:
            return None
        for i, r in enumerate(self.matrix.rows):
            if r.claim_id == claim_id:
                return i
        return None

    def suggestion(self, row: int, column: int) -> Suggestion | None:
        claim, hyp = self.claim_at(row), self.hypothesis_at(column)
        if claim is None or hyp is None:
            return None
        return self._suggested.get((claim, hyp))

    # --- content -------------------------------------------------------------------------------------
    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or self.matrix is None:
            return None
        hyp_index = section - len(FIXED)
        hyps = self.matrix.hypotheses
        if role == Qt.ItemDataRole.DisplayRole:
            if section < len(FIXED):
                return FIXED[section]
            if hyp_index < len(hyps):
                return hyps[hyp_index].label
            return "Diagnostic"
        if role == Qt.ItemDataRole.ToolTipRole and 0 <= hyp_index < len(hyps):
            h = hyps[hyp_index]
            score = self.matrix.score_of(h.id)
            tied = f"\nStated by key judgment {h.judgment}." if h.judgment else ""
            return (
                f"{h.label}: {h.text}{tied}\nRank {score.rank}, weighted inconsistency {score.score:.2f} "
                f"({score.inconsistent} I or II, {score.unrated} unrated)\nDouble-click or F2 to reword."
            )
        if role == Qt.ItemDataRole.ToolTipRole and section == len(FIXED) + len(hyps):
            return "Diagnostic: the claim's ratings differ across the hypotheses. Critical: were it wrong, another hypothesis would lead."
        return None

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or self.matrix is None:
            return None
        row = self.matrix.rows[index.row()]
        col = index.column()
        hyp = self.hypothesis_at(col)
        last = len(FIXED) + len(self.matrix.hypotheses)
        if hyp is not None:
            return self._cell(row, hyp, index.row(), col, role)
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return f"c{row.claim_id}  {' '.join((row.claim.statement or row.claim.quote).split())}"
            if col == 1:
                return row.grade
            if col == 2:
                text = f"{row.effective_weight:.2f}"
                return text + (" retracted" if row.retracted else " denied" if row.denial_grades else "")
            if col == last:
                return ("yes" if row.diagnostic else "no") + (", critical" if row.critical else "")
        if role == Qt.ItemDataRole.ToolTipRole:
            c = row.claim
            if col == 0:
                said = c.said.isoformat() if c.said else "undated"
                return f"c{c.id} {c.actor_name or 'unknown actor'}, {said} [{row.grade}]\n{c.statement or c.quote}"
            if col == 2:
                if row.retracted:
                    return "Retracted: this claim weighs nothing."
                why = f"From its grade {row.grade}: {row.weight:.2f}."
                if row.denial_grades:
                    why += (
                        f" Denied by claims graded {', '.join(row.denial_grades)}: weight \u00d7 weight / "
                        f"(weight + denials) = {row.effective_weight:.2f}."
                    )
                return why
        if role == Qt.ItemDataRole.ForegroundRole and col == 0 and not row.diagnostic:
            return QColor(theme.colors().muted_text)
        if role == SORT_ROLE:
            if col == 0:
                return row.position
            if col == 1:
                return (row.claim.source_reliability, row.claim.credibility)
            if col == 2:
                return -row.effective_weight
            if col == last:
                return (0 if row.critical else 1 if row.diagnostic else 2, row.position)
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (1, 2):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _cell(self, row: Any, hyp: int, r: int, col: int, role: int) -> Any:
        rating: Rating | None = row.ratings.get(hyp)
        suggested = self.suggestion(r, col)
        if role == Qt.ItemDataRole.DisplayRole:
            if rating is not None:
                return rating.value + (" !" if suggested is not None else "")
            return f"{suggested.rating.value}?" if suggested is not None else ""
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = []
            if rating is not None:
                lines.append(f"{rating.value}: {RATING_MEANING[rating.value]}")
                note = row.notes.get(hyp)
                if note:
                    lines.append(note)
            else:
                lines.append("Not rated")
            if suggested is not None:
                lines.append(f"Suggested {suggested.rating.value} (Enter accepts): {suggested.reason}")
            lines.append(KEY_HELP)
            return "\n".join(lines)
        if role == Qt.ItemDataRole.BackgroundRole and rating is not None:
            return rating_colors(rating)[0]
        if role == Qt.ItemDataRole.ForegroundRole:
            if rating is None and suggested is not None:
                return QColor(theme.colors().muted_text)
            if rating is not None:
                return rating_colors(rating)[1]
        if role == Qt.ItemDataRole.FontRole and rating is None and suggested is not None:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == SORT_ROLE:
            return (_SORT_RATING.get(rating.value, 9) if rating is not None else 8, row.position)
        return None


class SortProxy(QSortFilterProxyModel):
    def lessThan(
        self, left: QModelIndex | QPersistentModelIndex, right: QModelIndex | QPersistentModelIndex
    ) -> bool:  # noqa: N802
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        try:
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)
