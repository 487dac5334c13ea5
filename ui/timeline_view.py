"""The Timeline page: who said what, when, for one actor, one tag (a topic) or the whole library.

Claims are listed in order of the date said; a claim whose date said is unknown is placed by its source's
date of publication and marked "(published)". Each claim's denials, corroborations and qualifications are
its children. A claim its own actor later qualified or contradicted is marked "position changed later" (in
the palette's qualification colour), and the later claim "changes position". Activating a claim opens it on
the Claims page (``claim_activated``). Reads run on the read pool (``lib.timeline.build``), a page of
``PAGE_SIZE`` claims at a time ("More" reads the next).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app._text import counted
from app.analysis.model import LinkNote, Timeline, TimelineEntry
from ui import theme
from ui.context import UiContext

PAGE_SIZE = 500
HEADERS = ("Date", "Claim", "Actor", "Grade", "Denials, corroborations, changes of position")


def _when(e: TimelineEntry) -> str:
    if e.date is None:
        return "undated"
    return e.date.isoformat() + (" (published)" if e.date_kind == "published" else "")


def _note(n: LinkNote) -> str:
    when = n.date.isoformat() if n.date else "undated"
    return f"c{n.claim_id} ({n.actor_name or 'no actor'}, {when}, {n.grade}{', retracted' if n.retracted else ''})"


class TimelineView(QWidget):
    claim_activated = Signal(int)
    loaded = Signal(object)  # the Timeline shown

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timelineView")
        self.ctx = ctx
        self.lib: Any = ctx.lib
        self.timeline: Timeline | None = None
        self.entries: list[TimelineEntry] = []
        self.error_text = ""
        self._gen = 0
        self._started = False

        self.actor = QComboBox(self)
        self.actor.setEditable(True)
        self.actor.setMinimumWidth(220)
        self.actor.lineEdit().setPlaceholderText("Any actor (a name or part of one)")
        self.tag = QComboBox(self)
        self.tag.setEditable(True)
        self.tag.setMinimumWidth(140)
        self.tag.lineEdit().setPlaceholderText("Any tag")
        self.date_from = QLineEdit(self)
        self.date_from.setPlaceholderText("from YYYY-MM-DD")
        self.date_to = QLineEdit(self)
        self.date_to.setPlaceholderText("to YYYY-MM-DD")
        for w in (self.date_from, self.date_to):
            w.setMaximumWidth(130)
            w.returnPressed.connect(self.refresh)
        self.actor.lineEdit().returnPressed.connect(self.refresh)
        self.tag.lineEdit().returnPressed.connect(self.refresh)
        self.actor.activated.connect(lambda _i: self.refresh())
        self.tag.activated.connect(lambda _i: self.refresh())
        show = QPushButton("Show", self)
        show.clicked.connect(self.refresh)
        row = QHBoxLayout()
        row.addWidget(QLabel("Actor:", self))
        row.addWidget(self.actor, 2)
        row.addWidget(QLabel("Tag:", self))
        row.addWidget(self.tag, 1)
        row.addWidget(self.date_from)
        row.addWidget(self.date_to)
        row.addWidget(show)

        self.tree = QTreeWidget(self)
        self.tree.setObjectName("timelineTree")
        self.tree.setColumnCount(len(HEADERS))
        self.tree.setHeaderLabels(list(HEADERS))
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.tree.itemActivated.connect(self._activated)
        self.table = self.tree  # the main window puts the keyboard in a page's ``table``

        self.status = QLabel(self)
        self.more = QPushButton("More", self)
        self.more.clicked.connect(self.load_more)
        self.more.hide()
        bottom = QHBoxLayout()
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.more)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addLayout(row)
        lay.addWidget(self.tree, 1)
        lay.addLayout(bottom)

        self._reload_timer = QTimer(self)
        self._reload_timer.setSingleShot(True)
        self._reload_timer.setInterval(300)
        self._reload_timer.timeout.connect(self.refresh)
        ctx.jobs.library_changed.connect(self._library_changed)
        theme.on_change(self, lambda: self._started and self.refresh())  # row colours follow the palette

    def showEvent(self, event: Any) -> None:  # noqa: N802
        super().showEvent(event)
        self.ensure_started()

    def ensure_started(self) -> None:
        if self._started:
            return
        self._started = True
        self._load_choices()
        self.refresh()

    def _load_choices(self) -> None:
        lib = self.lib

        def load() -> tuple[list[str], list[str]]:
            return [a.name for a in lib.actors.list(limit=2000).items], lib.claims.tags()

        self.ctx.jobs.read(load, self._choices, lambda _exc: None)

    def _choices(self, data: tuple[list[str], list[str]]) -> None:
        names, tags = data
        for combo, values in ((self.actor, names), (self.tag, tags)):
            text = combo.currentText()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem("")
            combo.addItems(values)
            combo.setEditText(text)
            combo.blockSignals(False)

    def set_filter(self, *, actor: str | None = None, tag: str | None = None) -> None:
        """Show one actor's (or one tag's) timeline; the other filters are cleared."""
        self._started = True
        self.actor.setEditText(actor or "")
        self.tag.setEditText(tag or "")
        self.date_from.clear()
        self.date_to.clear()
        self.refresh()

    def _library_changed(self, changes: Any) -> None:
        if not self._started:
            return
        for change in changes:
            if change.entity in ("claim", "link", "source", "actor"):
                self._reload_timer.start()
                return

    # --- reading -------------------------------------------------------------------------------------
    def refresh(self) -> None:
        self._read(0)

    def load_more(self) -> None:
        self._read(len(self.entries))

    def _read(self, offset: int) -> None:
        self._gen += 1
        gen, lib = self._gen, self.lib
        actor = self.actor.currentText().strip() or None
        tag = self.tag.currentText().strip() or None
        start = self.date_from.text().strip() or None
        end = self.date_to.text().strip() or None

        def load() -> Timeline:
            return lib.timeline.build(
                actor=actor, tag=tag, date_from=start, date_to=end, offset=offset, limit=PAGE_SIZE
            )

        self.status.setText("Reading\u2026")
        self.ctx.jobs.read(load, lambda t: self._show(gen, t, offset), lambda exc: self._failed(gen, exc))

    def _failed(self, gen: int, exc: BaseException) -> None:
        if gen != self._gen:
            return
        self.error_text = str(exc)
        self.tree.clear()
        self.entries = []
        self.status.setText(str(exc))
        self.more.hide()

    def _show(self, gen: int, t: Timeline, offset: int) -> None:
        if gen != self._gen:
            return
        self.error_text = ""
        self.timeline = t
        if offset == 0:
            self.tree.clear()
            self.entries = []
        self.entries += t.entries
        for e in t.entries:
            self.tree.addTopLevelItem(self._item(e))
        scope = [t.actor] if t.actor else []
        if t.tag:
            scope.append(f"tag \u2018{t.tag}\u2019")
        changes = sum(1 for e in self.entries if e.position_changed)
        text = f"{len(self.entries)} of {counted(t.total, 'claim')}"
        if scope:
            text += " for " + ", ".join(scope)
        if changes:
            text += f"; {counted(changes, 'change')} of position"
        if any(e.date_kind == "published" for e in self.entries):
            text += ". (published): the date said is unknown, the source's date is shown"
        self.status.setText(text + ".")
        self.more.setVisible(len(self.entries) < t.total)
        self.loaded.emit(t)

    def _item(self, e: TimelineEntry) -> QTreeWidgetItem:
        c = e.claim
        statement = " ".join((c.statement or c.quote).split())
        marks = []
        if e.denied_by:
            marks.append(counted(len(e.denied_by), "denial"))
        if e.corroborated_by:
            marks.append(counted(len(e.corroborated_by), "corroboration"))
        if e.revised_by:
            marks.append("position changed later")
        if e.revises:
            marks.append("changes position")
        if c.status.value == "retracted":
            marks.append("retracted")
        item = QTreeWidgetItem(
            [_when(e), f"c{c.id}  {statement}", c.actor_name or "", c.grade, "; ".join(marks)]
        )
        item.setData(0, Qt.ItemDataRole.UserRole, c.id)
        item.setToolTip(1, f"c{c.id} {c.actor_name or 'unknown actor'}: {statement}")
        if e.date_kind == "published":
            item.setToolTip(0, "The date said is unknown: this is the source's date of publication.")
            item.setForeground(0, theme.colors().muted_text)
        colors = theme.colors()
        if e.revised_by or e.revises:
            accent = QColor(colors.qualification_accent)
            accent.setAlpha(60)
            for col in range(len(HEADERS)):
                item.setBackground(col, accent)
            item.setToolTip(
                4,
                "\n".join(
                    [
                        f"Position changed later: {n.kind.replace('ies', 'ied')} by {_note(n)}"
                        for n in e.revised_by
                    ]
                    + [f"Changes position: {n.kind} {_note(n)}" for n in e.revises]
                ),
            )
        if e.denied_by:
            item.setForeground(4, colors.denial_accent)
        for title, group in (
            ("Denied by", e.denied_by),
            ("Corroborated by", e.corroborated_by),
            ("Qualified by", e.qualified_by),
            ("Denies", e.denies),
            ("Corroborates", e.corroborates),
            ("Qualifies", e.qualifies),
        ):
            for n in group:
                child = QTreeWidgetItem(["", f"{title} {_note(n)}", n.actor_name, n.grade, ""])
                child.setData(0, Qt.ItemDataRole.UserRole, n.claim_id)
                if title == "Denied by":
                    child.setForeground(1, colors.denial_accent)
                elif title == "Corroborated by":
                    child.setForeground(1, colors.corroboration_accent)
                item.addChild(child)
        return item

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        claim_id = item.data(0, Qt.ItemDataRole.UserRole)
        if claim_id is not None:
            self.claim_activated.emit(int(claim_id))
