"""Checks panel: ``app.checks`` findings for the text being typed, with jumps and quick fixes.

``ChecksPanel(lib, jobs, brief_id, editor, parent)`` where ``editor`` is the QPlainTextEdit. ``schedule()``
debounces (``DEBOUNCE_MS``) and runs ``LiveChecker.check(body)`` on a read worker, one check at a time (the
checker is not for two threads at once); a result for text that has changed since is replaced by a new check.
Activating a finding emits ``jump_requested(line0, column0)``. Fixes (context menu, or the "Fix" button):
text fixes are applied to the editor as one undoable edit when the text is still the one checked; a waiver
asks for a reason and is written with ``lib.briefs.add_waiver``; ``set_field`` writes ``lib.briefs.update``.
Key judgments are listed with their stated confidence and the ceiling their support allows.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics, QTextCursor
from PySide6.QtWidgets import (
    QHeaderView,
    QInputDialog,
    QLabel,
    QMenu,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.checks import FixKind, LiveChecker, Severity
from app.domain import Change

DEBOUNCE_MS = 500
_ROLE = Qt.ItemDataRole.UserRole


class WrappingDelegate(QStyledItemDelegate):
    """A tree column whose text wraps: a row is as tall as its text at the column's width (a tree's own
    size hint measures text on one line, so a long finding was cut off)."""

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:  # noqa: N802
        tree = self.parent()
        base = super().sizeHint(option, index)
        depth, parent = 0, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        icon = option.decorationSize.width() + 6 if index.data(Qt.ItemDataRole.DecorationRole) else 0
        width = tree.columnWidth(index.column()) - tree.indentation() * (depth + 1) - icon - 8
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        if width <= 40 or not text:
            return base
        metrics = QFontMetrics(option.font)
        rect = metrics.boundingRect(0, 0, width, 100_000, int(Qt.TextFlag.TextWordWrap), text)
        return QSize(base.width(), max(base.height(), rect.height() + 6))


class ChecksPanel(QWidget):
    jump_requested = Signal(int, int)  # 0-based line, 0-based column
    checked = Signal(object)  # the CheckReport shown

    def __init__(self, lib, jobs, brief_id: int, editor, parent=None) -> None:
        super().__init__(parent)
        self.lib, self.jobs, self.brief_id, self.editor = lib, jobs, brief_id, editor
        self.checker = LiveChecker(lib, brief_id)
        self.report = None
        self._checked_body: str | None = None
        self._checked_brief = None  # the brief's record as the shown findings saw it
        self._running = False
        self._again = False
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(["Finding", "Where"])
        # Findings wrap within the panel's width (at 1280 px they were cut off, with a scroll bar); "line 12"
        # keeps the width it needs.
        self.tree.setWordWrap(True)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.setItemDelegateForColumn(0, WrappingDelegate(self.tree))
        # rows are as tall as their wrapped text at the column's width: measured again when it changes
        header.sectionResized.connect(
            lambda index, _old, _new: index == 0 and self.tree.scheduleDelayedItemsLayout()
        )
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._menu)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemClicked.connect(self._activated)
        self.fix_button = QPushButton("Fix...", self)
        self.fix_button.clicked.connect(lambda: self._menu(None))
        # a quick fix refused (someone changed that property meanwhile) is said here until the next fix
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.notice.hide()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.notice)
        lay.addWidget(self.tree)
        lay.addWidget(self.fix_button)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.check_now)
        jobs.library_changed.connect(self._library_changed)

    def schedule(self) -> None:
        self._timer.start(DEBOUNCE_MS)

    def _library_changed(self, changes: tuple[Change, ...]) -> None:
        if changes and all(self._own_text_saved(c) for c in changes):
            return  # the editor saving this brief's text: nothing the checker has loaded changed
        if not self._running:
            self.checker.invalidate()
        self.schedule()

    def _own_text_saved(self, change) -> bool:
        if getattr(change, "entity", None) != "brief" or getattr(change, "id", None) != self.brief_id:
            return False
        before, after = change.before, change.after
        if before is None or after is None:
            return False
        fields = (
            "title",
            "marking_scheme",
            "default_marking",
            "author",
            "organisation",
            "status",
            "summary_statement",
        )
        return all(getattr(before, f) == getattr(after, f) for f in fields)

    def check_now(self) -> None:
        if self._running:
            self._again = True
            return
        self._running = True
        body, checker = self.editor.toPlainText(), self.checker
        self.jobs.read(
            lambda: (body, checker.check(body), checker.brief), self._done, self._failed, owner=self
        )

    def _done(self, result) -> None:
        self._running = False
        body, report, brief = result
        if self._again or body != self.editor.toPlainText():
            self._again = False
            self.schedule()
            if body != self.editor.toPlainText():
                return
        self._checked_body, self._checked_brief, self.report = body, brief, report
        self._show(report)
        self.checked.emit(report)

    def _fix_refused(self, exc) -> None:
        """A quick fix that could not be written (someone changed that property meanwhile): said in the panel,
        and the checks run again on the brief as it is now."""
        self.checker.invalidate()
        self.check_now()
        self.notice.setText(f"The fix was not applied. {exc}")
        self.notice.show()

    def _failed(self, exc) -> None:
        self._running = False
        self.tree.clear()
        self.tree.addTopLevelItem(QTreeWidgetItem([f"The checks could not run: {exc}", ""]))

    def _icon(self, severity):
        sp = {
            Severity.ERROR: QStyle.StandardPixmap.SP_MessageBoxCritical,
            Severity.WARNING: QStyle.StandardPixmap.SP_MessageBoxWarning,
        }.get(severity, QStyle.StandardPixmap.SP_MessageBoxInformation)
        return self.style().standardIcon(sp)

    def _show(self, report) -> None:
        self.tree.clear()
        for f in report.findings:
            item = QTreeWidgetItem(
                [f"{f.rule}: {f.message}", f"line {f.line}" if f.where == "body" else f.where]
            )
            item.setIcon(0, self._icon(f.severity))
            item.setToolTip(0, f.message)
            item.setData(0, _ROLE, ("finding", f))
            self.tree.addTopLevelItem(item)
        if not report.findings:
            self.tree.addTopLevelItem(QTreeWidgetItem(["No findings.", ""]))
        if report.judgments:
            group = QTreeWidgetItem(["Key judgments: confidence ceiling", ""])
            for j in report.judgments:
                stated = j.confidence or "not stated"
                why = ("; ".join(j.reasons)) if j.reasons else "support allows high confidence"
                child = QTreeWidgetItem(
                    [f"KJ{j.index}: stated {stated}, ceiling {j.ceiling} ({why})", f"line {j.line}"]
                )
                child.setToolTip(0, j.text)
                child.setData(0, _ROLE, ("judgment", j))
                group.addChild(child)
            self.tree.addTopLevelItem(group)
            group.setExpanded(True)

    def findings(self):
        return list(self.report.findings) if self.report else []

    def _activated(self, item, _col=0) -> None:
        data = item.data(0, _ROLE)
        if data and getattr(data[1], "line", None):
            self.jump_requested.emit(data[1].line - 1, max(data[1].column - 1, 0))

    def _menu(self, pos) -> None:
        item = self.tree.currentItem()
        data = item.data(0, _ROLE) if item else None
        if not data or data[0] != "finding" or not data[1].fixes:
            return
        menu = QMenu(self)
        for fix in data[1].fixes:
            menu.addAction(fix.label, lambda fix=fix: self.apply_fix(fix))
        menu.exec(
            self.tree.viewport().mapToGlobal(pos)
            if pos is not None
            else self.fix_button.mapToGlobal(self.fix_button.rect().bottomLeft())
        )

    def apply_fix(self, fix, reason: str | None = None) -> bool:
        """Apply one fix; returns False when nothing was done (text changed since the check, or cancelled)."""
        self.notice.hide()
        if fix.kind in (FixKind.REPLACE_TEXT, FixKind.INSERT_TEXT):
            if self.editor.toPlainText() != self._checked_body:
                self.schedule()
                return False
            cursor = QTextCursor(self.editor.document())
            cursor.setPosition(fix.start)
            if fix.kind is FixKind.REPLACE_TEXT:
                cursor.setPosition(fix.end, QTextCursor.MoveMode.KeepAnchor)
            cursor.insertText(fix.text)
            self.editor.setTextCursor(cursor)
            self.check_now()
            return True
        lib, bid = self.lib, self.brief_id
        if fix.kind is FixKind.ADD_WAIVER:
            if reason is None:
                reason, ok = QInputDialog.getText(
                    self, "Waive the balance rule", f"Why is no denial of c{fix.claim_id} cited here?"
                )
                if not ok:
                    return False
            if not reason.strip():
                return False
            self.jobs.write(
                lambda: lib.briefs.add_waiver(brief_id=bid, claim_id=fix.claim_id, reason=reason.strip())
            )
            return True
        if fix.kind is FixKind.SET_FIELD:
            seen = self._checked_brief
            if seen is None:
                return False
            self.jobs.write(
                lambda: lib.briefs.set_field_seen(bid, fix.field, fix.text, seen=seen),
                None,
                self._fix_refused,
            )
            return True
        return False
