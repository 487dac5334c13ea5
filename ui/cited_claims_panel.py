"""Cited claims and outline panels for the brief editor.

``CitedClaimsPanel.update_body(body)`` reads, on a read worker, each claim the body cites (in order of first
citation) with ``lib.claims.with_links``; each row shows the claim and its denials beside it, and flags a
denial the brief does not cite. ``select_claim(id)`` selects a row; activating a row emits
``claim_activated``. A change to a claim it shows (an edit, a new or removed link: the window's own or, on
a team library, another analyst's) reloads it. ``OutlinePanel`` lists the headings; activating one emits ``line_activated(line)``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from app._text import counted
from app.brief_model import BriefModel, parse_brief
from app.brief_model.render import heading_texts
from app.citations import cited_claim_ids as _cited_claim_ids
from app.domain import Change, Entity
from ui import theme


def cited_claim_ids(body: str | BriefModel) -> list[int]:
    """The claims the brief cites (not in code), in order of first citation."""
    model = parse_brief(body) if isinstance(body, str) else body
    return _cited_claim_ids(model.citations)


def _label(c) -> str:
    said = c.said.isoformat() if c.said else "undated"
    return f"c{c.id} {c.actor_name or 'unknown actor'} ({said}, {c.source_reliability}{c.credibility}): " + (
        c.statement or c.quote
    )


RELOAD_DEBOUNCE_MS = 300


class CitedClaimsPanel(QTreeWidget):
    claim_activated = Signal(int)

    def __init__(self, lib, jobs, parent=None) -> None:
        super().__init__(parent)
        self.lib, self.jobs = lib, jobs
        self.setColumnCount(2)
        self.setHeaderLabels(["Cited claim", "Denials"])
        self.setWordWrap(True)
        self._gen = 0
        self._ids: list[int] = []
        self._shown: set[int] = set()  # the cited claims and the claims denying them
        self._reload = QTimer(self)
        self._reload.setSingleShot(True)
        self._reload.setInterval(RELOAD_DEBOUNCE_MS)
        self._reload.timeout.connect(lambda: self._load(self._ids))
        self.itemActivated.connect(self._activated)
        jobs.library_changed.connect(self._library_changed)

    def update_body(self, body: str | BriefModel) -> None:
        self._load(cited_claim_ids(body))

    def _library_changed(self, changes: tuple[Change, ...]) -> None:
        for c in changes:
            touched = {c.id} if c.entity is Entity.CLAIM else set()
            touched |= {ident for kind, ident in c.affected if kind is Entity.CLAIM}
            if touched & self._shown:
                self._reload.start()
                return

    def _load(self, ids: list[int]) -> None:
        self._ids = ids
        self._gen += 1
        gen, lib = self._gen, self.lib

        def load():
            # one batch for all cited claims (unknown ids are left out: the checks and the preview show them)
            links = lib.claims.with_links_many(ids)
            return [links[i] for i in ids if i in links]

        self.jobs.read(load, lambda rows: self._show(gen, rows, set(ids)), owner=self)

    def _show(self, gen: int, rows, cited: set[int]) -> None:
        if gen != self._gen:
            return
        self._shown = set(cited) | {d.claim.id for cw in rows for d in cw.denials}
        self.clear()
        for cw in rows:
            item = QTreeWidgetItem(
                [_label(cw.claim), counted(len(cw.denials), "denial") if cw.denials else ""]
            )
            item.setData(0, Qt.ItemDataRole.UserRole, cw.claim.id)
            item.setToolTip(0, _label(cw.claim))
            uncited = [d for d in cw.denials if d.claim.id not in cited]
            if uncited:
                item.setText(1, f"{counted(len(cw.denials), 'denial')}, {len(uncited)} not cited")
                item.setForeground(1, theme.colors().denial_accent)
            for d in cw.denials:
                text = ("" if d.claim.id in cited else "not cited: ") + _label(d.claim)
                child = QTreeWidgetItem(["", text])
                child.setData(0, Qt.ItemDataRole.UserRole, d.claim.id)
                child.setToolTip(1, text)
                item.addChild(child)
            self.addTopLevelItem(item)
        self.expandAll()

    def claim_ids(self) -> list[int]:
        return [
            self.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) for i in range(self.topLevelItemCount())
        ]

    def select_claim(self, claim_id: int) -> None:
        for i in range(self.topLevelItemCount()):
            item = self.topLevelItem(i)
            if item.data(0, Qt.ItemDataRole.UserRole) == claim_id:
                self.setCurrentItem(item)
                self.scrollToItem(item)
                return

    def _activated(self, item: QTreeWidgetItem, _col: int) -> None:
        self.claim_activated.emit(int(item.data(0, Qt.ItemDataRole.UserRole)))


class OutlinePanel(QTreeWidget):
    line_activated = Signal(int)  # 0-based line number

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.itemActivated.connect(
            lambda item, _c: self.line_activated.emit(item.data(0, Qt.ItemDataRole.UserRole))
        )
        self.itemClicked.connect(
            lambda item, _c: self.line_activated.emit(item.data(0, Qt.ItemDataRole.UserRole))
        )

    def update_body(self, body: str | BriefModel) -> None:
        """List the headings the brief model finds (as a reader sees them: setext ones included, an indented
        '#' line or one in code not), each shown as the preview shows its words (``heading_texts``: inline
        Markdown rendered, citations left out) without its portion mark, so that the titles fit; the heading
        as written is the tooltip."""
        model = parse_brief(body) if isinstance(body, str) else body
        self.clear()
        stack: list[tuple[int, QTreeWidgetItem]] = []
        for h, shown in zip(model.headings, heading_texts(model), strict=True):
            item = QTreeWidgetItem([shown or "(empty heading)"])
            item.setToolTip(0, h.raw_title.strip())
            item.setData(0, Qt.ItemDataRole.UserRole, model.line_col(h.start)[0] - 1)
            while stack and stack[-1][0] >= h.level:
                stack.pop()
            (stack[-1][1].addChild(item) if stack else self.addTopLevelItem(item))
            stack.append((h.level, item))
        self.expandAll()
