"""Draft claims (Ctrl+Shift+X in the source reader): the extractor's proposals for one source, claims on the
left and denials on the right (each beside the claim it answers); the analyst ticks, edits or rejects each,
then creates the accepted ones in one transaction.

A proposal whose sentence reports someone else's words ("according to the ministry", "citing a Western
official") is not first hand: its "Reported from" column names where it came from (an existing claim, or an
original that did not survive), and the selected proposal's "Record as reported from" box keeps or drops the
reported-from link that is created with it (app.extract.reported)."""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app._text import counted
from app.errors import BriefdeskError
from app.extract import Extraction, Proposal, apply, propose
from app.extract.model import ReportProposal
from ui.formatting import one_line
from ui.jobs import Jobs

KEY_ROLE = Qt.ItemDataRole.UserRole


class DraftClaimsDialog(QDialog):
    span_selected = Signal(int, int)  # show this quote in the source reader
    created = Signal(list)  # the Change records of what was created

    def __init__(
        self, lib, jobs: Jobs, source_id: int, parent: QWidget | None = None, *, extractor=None
    ) -> None:
        super().__init__(parent)
        self.lib, self.jobs, self.source_id = lib, jobs, source_id
        self.extractor = extractor
        self.proposals: dict[str, Proposal] = {}
        # the reported-from link drafting proposed for each proposal: kept when the analyst unticks it
        self.proposed_reports: dict[str, ReportProposal] = {}
        self.order: list[str] = []
        self.error_text = ""
        self.setWindowTitle("Draft claims from the source")
        self.resize(1000, 620)

        self.status = QLabel("Reading the source...", self)
        self.status.setObjectName("draftStatus")
        self.status.setWordWrap(True)
        self.claims_list = self._list(["", "Speaker", "Said", "Quote", "Reported from"])
        self.denials_list = self._list(["", "Speaker", "Answers", "Quote", "Reported from"])
        left = QGroupBox("Claims", self)
        QVBoxLayout(left).addWidget(self.claims_list)
        right = QGroupBox("Denials (each beside the claim it answers)", self)
        QVBoxLayout(right).addWidget(self.denials_list)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([520, 480])

        self.statement_edit = QLineEdit(self)
        self.actor_edit = QLineEdit(self)
        self.role_edit = QLineEdit(self)
        self.affiliation_edit = QLineEdit(self)
        self.said_edit = QLineEdit(self)
        self.said_edit.setPlaceholderText("YYYY-MM-DD, or empty when the text gives no date")
        self.quote_label = QLabel(self)
        self.quote_label.setWordWrap(True)
        self.quote_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form_box = QGroupBox("Selected proposal", self)
        form = QFormLayout(form_box)
        form.addRow("Quote:", self.quote_label)
        form.addRow("Statement:", self.statement_edit)
        row = QHBoxLayout()
        row.addWidget(self.actor_edit, 2)
        row.addWidget(QLabel("Role:", self))
        row.addWidget(self.role_edit, 2)
        row.addWidget(QLabel("Affiliation:", self))
        row.addWidget(self.affiliation_edit, 2)
        form.addRow("Speaker:", row)
        form.addRow("Date said:", self.said_edit)
        self.report_box = QCheckBox(self)
        self.report_box.setObjectName("draftReportedFrom")
        self.report_box.setEnabled(False)
        self.report_box.toggled.connect(self._report_toggled)
        form.addRow("Not first hand:", self.report_box)
        for edit in (
            self.statement_edit,
            self.actor_edit,
            self.role_edit,
            self.affiliation_edit,
            self.said_edit,
        ):
            edit.editingFinished.connect(self._commit_edit)
            edit.setEnabled(False)
        self.current_key: str | None = None

        self.buttons = QDialogButtonBox(self)
        self.create_button = self.buttons.addButton("Create claims", QDialogButtonBox.ButtonRole.AcceptRole)
        self.create_button.setEnabled(False)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.create_accepted)
        self.buttons.rejected.connect(self.reject)

        lay = QVBoxLayout(self)
        lay.addWidget(self.status)
        lay.addWidget(split, 1)
        lay.addWidget(form_box)
        lay.addWidget(self.buttons)

        lib_, sid, ex = lib, source_id, extractor
        self.jobs.read(lambda: propose(lib_, sid, ex), self._proposed, self._failed)

    def _list(self, headers: list[str]) -> QTreeWidget:
        tree = QTreeWidget(self)
        tree.setRootIsDecorated(False)
        tree.setHeaderLabels(headers)
        tree.setColumnWidth(0, 28)
        tree.setColumnWidth(1, 160)
        tree.setColumnWidth(2, 84)
        tree.setAlternatingRowColors(True)
        tree.currentItemChanged.connect(lambda cur, _prev: self._select(cur))
        tree.itemChanged.connect(lambda _item, col: col == 0 and self._update_counts())
        return tree

    # --- proposals ------------------------------------------------------------------------------------
    def _proposed(self, extraction: Extraction) -> None:
        self.extraction = extraction
        for p in extraction.proposals:
            self.proposals[p.key] = p
            self.order.append(p.key)
            if p.reports is not None:
                self.proposed_reports[p.key] = p.reports
        self._fill()
        skipped = (
            f" {len(extraction.skipped)} already recorded as claims were left out."
            if extraction.skipped
            else ""
        )
        notice = f" {extraction.notice}" if extraction.notice else ""
        left_out = (
            f" {counted(len(extraction.unattributed), 'sentence')} reporting speech without a speaker drafting "
            f"could recognise {'was' if len(extraction.unattributed) == 1 else 'were'} left out."
            if extraction.unattributed
            else ""
        )
        notice += left_out
        if self.proposed_reports:
            n = len(self.proposed_reports)
            notice += (
                f" {counted(n, 'proposal')} {'is' if n == 1 else 'are'} not first hand: "
                f"{'it is' if n == 1 else 'each is'} created with a reported-from link (see Reported from)."
            )
        if not extraction.proposals:
            self.status.setText(
                (extraction.notice or "No attributed statements were found in this source.")
                + skipped
                + left_out
            )
        else:
            self.status.setText(
                f"{counted(len(extraction.claims), 'claim')} and {counted(len(extraction.denials), 'denial')} proposed. Untick what is "
                f"wrong, select one to edit it, then create the rest.{skipped}{notice}"
            )
        self._update_counts()
        first = self.claims_list.topLevelItem(0) or self.denials_list.topLevelItem(0)
        if first is not None:
            first.treeWidget().setCurrentItem(first)

    def _fill(self) -> None:
        for tree in (self.claims_list, self.denials_list):
            tree.blockSignals(True)
            tree.clear()
        for key in self.order:
            p = self.proposals[key]
            said = p.said.isoformat() if p.said else ""
            if p.kind == "denial":
                answers = p.denies or (f"c{p.denies_claim_id}" if p.denies_claim_id else "")
                if p.denies and p.denies in self.proposals:
                    answers = f"{p.denies}: {one_line(self.proposals[p.denies].quote, 40)}"
                item = QTreeWidgetItem(["", p.actor, answers, one_line(p.quote, 200)])
                tree = self.denials_list
            else:
                item = QTreeWidgetItem(["", p.actor, said, one_line(p.quote, 200)])
                tree = self.claims_list
            item.setData(0, KEY_ROLE, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Checked)
            item.setToolTip(3, p.quote)
            item.setText(4, report_text(self.proposed_reports.get(key)))
            item.setText(0, "")
            item.setData(1, Qt.ItemDataRole.ToolTipRole, f"{p.actor} ({p.role})" if p.role else p.actor)
            tree.addTopLevelItem(item)
        for tree in (self.claims_list, self.denials_list):
            tree.blockSignals(False)

    def items(self) -> list[QTreeWidgetItem]:
        out = []
        for tree in (self.claims_list, self.denials_list):
            out.extend(tree.topLevelItem(i) for i in range(tree.topLevelItemCount()))
        return out

    def item_for(self, key: str) -> QTreeWidgetItem | None:
        return next((i for i in self.items() if i.data(0, KEY_ROLE) == key), None)

    def set_accepted(self, key: str, accepted: bool) -> None:
        item = self.item_for(key)
        if item is not None:
            item.setCheckState(0, Qt.CheckState.Checked if accepted else Qt.CheckState.Unchecked)

    def accepted(self) -> list[Proposal]:
        keys = {i.data(0, KEY_ROLE) for i in self.items() if i.checkState(0) == Qt.CheckState.Checked}
        return [self.proposals[k] for k in self.order if k in keys]

    def _update_counts(self) -> None:
        n = len(self.accepted())
        self.create_button.setText(f"Create {n} claim{'s' if n != 1 else ''}")
        self.create_button.setEnabled(n > 0)

    # --- editing --------------------------------------------------------------------------------------
    def _select(self, item: QTreeWidgetItem | None) -> None:
        self._commit_edit()
        if item is None:
            return
        other = self.denials_list if item.treeWidget() is self.claims_list else self.claims_list
        other.blockSignals(True)
        other.setCurrentItem(None)
        other.blockSignals(False)
        key = item.data(0, KEY_ROLE)
        p = self.proposals[key]
        self.current_key = key
        self.quote_label.setText(f"\u201c{p.quote}\u201d")
        self.statement_edit.setText(p.statement)
        self.actor_edit.setText(p.actor)
        self.role_edit.setText(p.role)
        self.affiliation_edit.setText(p.affiliation)
        self.said_edit.setText(p.said.isoformat() if p.said else "")
        offered = self.proposed_reports.get(key)
        self.report_box.blockSignals(True)
        self.report_box.setEnabled(offered is not None)
        self.report_box.setChecked(p.reports is not None)
        self.report_box.setText(
            f"Record as reported from {report_text(offered)} (\u201c{offered.phrase}\u201d)"
            if offered is not None
            else "No: drafting found no report cue (according to, citing, told, a report by) in its sentence"
        )
        self.report_box.blockSignals(False)
        for edit in (
            self.statement_edit,
            self.actor_edit,
            self.role_edit,
            self.affiliation_edit,
            self.said_edit,
        ):
            edit.setEnabled(True)
        self.span_selected.emit(p.start, p.end)

    def _commit_edit(self) -> None:
        key = self.current_key
        if key is None or key not in self.proposals:
            return
        p = self.proposals[key]
        said_text = self.said_edit.text().strip()
        said = p.said
        if not said_text:
            said = None
        else:
            try:
                said = dt.date.fromisoformat(said_text)
            except ValueError:
                self.status.setText(
                    f"\u201c{said_text}\u201d is not a date; write the date said as YYYY-MM-DD."
                )
                return
        changed = dataclasses.replace(
            p,
            statement=self.statement_edit.text().strip() or p.statement,
            actor=self.actor_edit.text().strip(),
            role=self.role_edit.text().strip(),
            affiliation=self.affiliation_edit.text().strip(),
            said=said,
        )
        if changed != p:
            self.proposals[key] = changed
            item = self.item_for(key)
            if item is not None:
                item.setText(1, changed.actor)
                if changed.kind == "claim":
                    item.setText(2, changed.said.isoformat() if changed.said else "")

    def _report_toggled(self, on: bool) -> None:
        """Keep or drop the selected proposal's reported-from link."""
        key = self.current_key
        if key is None or key not in self.proposed_reports:
            return
        self.proposals[key] = dataclasses.replace(
            self.proposals[key], reports=self.proposed_reports[key] if on else None
        )
        item = self.item_for(key)
        if item is not None:
            item.setText(4, report_text(self.proposed_reports[key]) if on else "(first hand)")

    # --- creating -------------------------------------------------------------------------------------
    def create_accepted(self) -> None:
        self._commit_edit()
        chosen = self.accepted()
        if not chosen:
            return
        self.create_button.setEnabled(False)
        lib, sid = self.lib, self.source_id
        self.jobs.write(lambda: apply(lib, sid, chosen), self._created, self._failed)

    def _created(self, changes: list) -> None:
        self.created.emit(changes)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._update_counts()
        self.error_text = str(exc) if isinstance(exc, BriefdeskError) else f"{exc.__class__.__name__}: {exc}"
        self.status.setText(f"Nothing was created: {self.error_text}")


def report_text(r: ReportProposal | None) -> str:
    """What a proposal is reported from, as the list shows it: 'c5 Defence Ministry (s2)', or the named
    original that did not survive."""
    if r is None:
        return ""
    if r.claim_id is not None:
        return r.claim_label or f"c{r.claim_id}"
    return f"{r.origin_name} (no surviving original)"
