"""Cited claims and outline panels for the brief editor.

``CitedClaimsPanel.update_body(body)`` reads, on a read worker, each claim the body cites (in order of first
citation) with ``lib.claims.with_links``; each row shows the claim and its denials beside it, and flags a
denial the brief does not cite. ``select_claim(id)`` selects a row; activating a row emits
``claim_activated``. ``OutlinePanel`` lists the headings; activating one emits ``line_activated(line)``.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from app._text import counted
from app.citations import parse_citations
from ui import theme

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")


def cited_claim_ids(body: str) -> list[int]:
    keys = dict.fromkeys(c.key for c in parse_citations(body) if c.key.startswith("c"))
    return [int(k[1:]) for k in keys if k[1:].isdigit()]


def _label(c) -> str:
    said = c.said.isoformat() if c.said else "undated"
    return f"c{c.id} {c.actor_name or 'unknown actor'} ({said}, {c.source_reliability}{c.credibility}): " + (
        c.statement or c.quote
    )


class CitedClaimsPanel(QTreeWidget):
    claim_activated = Signal(int)

    def __init__(self, lib, jobs, parent=None) -> None:
        super().__init__(parent)
        self.lib, self.jobs = lib, jobs
        self.setColumnCount(2)
        self.setHeaderLabels(["Cited claim", "Denials"])
        self.setWordWrap(True)
        self._gen = 0
        self.itemActivated.connect(self._activated)

    def update_body(self, body: str) -> None:
        self._gen += 1
        gen, ids, lib = self._gen, cited_claim_ids(body), self.lib

        def load():
            # one batch for all cited claims (unknown ids are left out: the checks and the preview show them)
            links = lib.claims.with_links_many(ids)
            return [links[i] for i in ids if i in links]

        self.jobs.read(load, lambda rows: self._show(gen, rows, set(ids)))

    def _show(self, gen: int, rows, cited: set[int]) -> None:
        if gen != self._gen:
            return
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

    def update_body(self, body: str) -> None:
        self.clear()
        stack: list[tuple[int, QTreeWidgetItem]] = []
        fence = False
        for n, line in enumerate(body.split("\n")):
            if line.lstrip().startswith("```"):
                fence = not fence
            m = None if fence else _HEADING.match(line)
            if not m:
                continue
            level = len(m.group(1))
            item = QTreeWidgetItem([m.group(2)])
            item.setData(0, Qt.ItemDataRole.UserRole, n)
            while stack and stack[-1][0] >= level:
                stack.pop()
            (stack[-1][1].addChild(item) if stack else self.addTopLevelItem(item))
            stack.append((level, item))
        self.expandAll()
