"""Draft claims (Ctrl+Shift+X in the source reader): the extractor's proposals for one source, claims on the
left and denials on the right (each beside the claim it answers); the analyst ticks, edits or rejects each,
then creates the accepted ones in one transaction.

A proposal whose sentence reports someone else's words ("according to the ministry", "citing a Western
official") is not first hand: its "Reported from" column names where it came from (an existing claim, or an
original that did not survive), and the selected proposal's "Record as reported from" box keeps or drops the
reported-from link that is created with it (app.extract.reported).

Everything drafting can get wrong is editable before creating: the speaker, the date said, the statement,
the quote (kept verbatim: the edited words must be found in the source, and the proposal then points at
them), and which claim a denial answers (another proposal, a claim already recorded from the source, or
none; giving a claim something to answer makes it a denial, answering nothing makes a denial a claim).
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app._text import counted, find_quote
from app.domain import CREDIBILITY_MEANING
from app.errors import BriefdeskError
from app.extract import Extraction, Proposal, apply, propose
from app.extract.model import ReportProposal
from ui.formatting import one_line
from ui.jobs import Jobs

KEY_ROLE = Qt.ItemDataRole.UserRole
# what a proposal can deny, in the Denies list: the nearest in the source when there are more (a source that
# drafts 5,000 proposals made a list of 5,000 rows, rebuilt at each selection)
MAX_ANSWERS = 200
LEFT_OUT_SHOWN = 20  # sentences left out listed in the status line's tooltip
QUOTE_WINDOW_CHARS = 50_000  # an edited quote is looked for this far either side of the proposal


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
        self._items: dict[str, QTreeWidgetItem] = {}  # each proposal's row
        self.error_text = ""
        self.setWindowTitle("Draft claims from the source")
        # as wide as a 1280 px screen allows (the quotes are what the analyst reads), never wider than it
        screen = parent.screen() if parent is not None else QGuiApplication.primaryScreen()
        room = screen.availableGeometry() if screen is not None else None
        self.resize(
            min(1180, room.width() - 40) if room else 1180, min(660, room.height() - 60) if room else 660
        )

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
        self.quote_edit = QPlainTextEdit(self)
        self.quote_edit.setObjectName("draftQuote")
        self.quote_edit.setTabChangesFocus(True)
        self.quote_edit.setFixedHeight(3 * self.fontMetrics().lineSpacing() + 12)
        self.quote_edit.setToolTip(
            "The source's own words: shorten or extend the quote here; the words must be found in the source."
        )
        self.answers_combo = QComboBox(self)
        self.answers_combo.setObjectName("draftAnswers")
        self.answers_combo.setToolTip(
            "The claim this proposal denies: another proposal, or a claim already recorded from this source"
        )
        self.answers_combo.setMinimumContentsLength(40)
        self.answers_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.answers_combo.activated.connect(lambda _i: self._answer_chosen())
        form_box = QGroupBox("Selected proposal", self)
        form = QFormLayout(form_box)
        form.addRow("&Quote:", self.quote_edit)
        form.addRow("&Denies:", self.answers_combo)
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
        self.quote_edit.setEnabled(False)
        self.answers_combo.setEnabled(False)
        self.quote_edit.installEventFilter(self)  # leaving the quote commits it, as the line edits do
        self.current_key: str | None = None
        self.body = ""
        self.existing: list = []  # the claims already recorded from the source
        self.status_text = ""

        self.credibility = QComboBox(self)
        self.credibility.setObjectName("draftCredibility")
        for n, meaning in CREDIBILITY_MEANING.items():
            self.credibility.addItem(f"{n} \u2013 {meaning}", n)
        self.credibility.setCurrentIndex(self.credibility.findData(6))
        self.credibility.setToolTip(
            "The information's credibility (Admiralty code) given to every created claim; drafting cannot judge "
            "it, so it starts at 6, truth cannot be judged. Grade each claim once you have weighed it."
        )
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
        bottom = QHBoxLayout()
        bottom.addWidget(QLabel("Credibility of the created claims:", self))
        bottom.addWidget(self.credibility)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        lay.addLayout(bottom)

        lib_, sid, ex = lib, source_id, extractor

        def read():
            return propose(lib_, sid, ex), lib_.sources.get(sid).body, lib_.claims.for_source(sid)

        self.jobs.read(read, self._read, self._failed)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802
        from PySide6.QtCore import QEvent

        if obj is self.quote_edit and event.type() == QEvent.Type.FocusOut:
            self._commit_edit()
        elif (
            obj is self.quote_edit
            and event.type() == QEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Escape
            and self.current_key in self.proposals
        ):  # take back the quote's edit (not close the dialog)
            self.quote_edit.setPlainText(self.proposals[self.current_key].quote)
            self.status.setText(self.status_text)
            return True
        return super().eventFilter(obj, event)

    def _read(self, result) -> None:
        extraction, self.body, self.existing = result
        self._proposed(extraction)

    def _list(self, headers: list[str]) -> QTreeWidget:
        tree = QTreeWidget(self)
        tree.setRootIsDecorated(False)
        tree.setHeaderLabels(headers)
        tree.setColumnWidth(0, 28)
        tree.setColumnWidth(1, 160)
        tree.setColumnWidth(2, 84)
        # the quote takes the room left; "Reported from" keeps a fixed width at the right
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        if len(headers) > 4:
            tree.setColumnWidth(4, 120)
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
            f"could recognise {'was' if len(extraction.unattributed) == 1 else 'were'} left out (point here to "
            "read them)."
            if extraction.unattributed
            else ""
        )
        shown = extraction.unattributed[:LEFT_OUT_SHOWN]
        self.status.setToolTip(
            "Left out, no speaker recognised (add a claim by hand if one should be drafted):\n\n"
            + "\n".join(f"\u2022 {s[:300]}" for s in shown)
            + (
                f"\n\u2026 and {len(extraction.unattributed) - len(shown)} more (briefdesk extract lists them all)"
                if len(extraction.unattributed) > len(shown)
                else ""
            )
            if shown
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
                f"wrong, select one to edit it (its quote, speaker, date, or the claim a denial answers), then "
                f"create the rest.{skipped}{notice}"
            )
        self.status_text = self.status.text()
        self._update_counts()
        first = self.claims_list.topLevelItem(0) or self.denials_list.topLevelItem(0)
        if first is not None:
            first.treeWidget().setCurrentItem(first)

    def _answers_text(self, p: Proposal) -> str:
        if p.denies and p.denies in self.proposals:
            return f"{p.denies}: {one_line(self.proposals[p.denies].quote, 40)}"
        if p.denies_claim_id:
            found = next((c for c in self.existing if c.id == p.denies_claim_id), None)
            return f"c{p.denies_claim_id}" + (f": {one_line(found.quote, 40)}" if found else "")
        return p.denies or ""

    def _fill(self) -> None:
        unchecked = {i.data(0, KEY_ROLE) for i in self.items() if i.checkState(0) == Qt.CheckState.Unchecked}
        for tree in (self.claims_list, self.denials_list):
            tree.blockSignals(True)
            tree.clear()
        self._items = {}
        rows: dict[QTreeWidget, list[QTreeWidgetItem]] = {self.claims_list: [], self.denials_list: []}
        for key in self.order:
            p = self.proposals[key]
            said = p.said.isoformat() if p.said else ""
            if p.kind == "denial":
                item = QTreeWidgetItem(["", p.actor, self._answers_text(p), one_line(p.quote, 200)])
                tree = self.denials_list
            else:
                item = QTreeWidgetItem(["", p.actor, said, one_line(p.quote, 200)])
                tree = self.claims_list
            item.setData(0, KEY_ROLE, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(0, Qt.CheckState.Unchecked if key in unchecked else Qt.CheckState.Checked)
            item.setToolTip(3, p.quote)
            item.setText(4, report_text(self.proposed_reports.get(key)))
            item.setText(0, "")
            item.setData(1, Qt.ItemDataRole.ToolTipRole, f"{p.actor} ({p.role})" if p.role else p.actor)
            rows[tree].append(item)
            self._items[key] = item
        for tree, items in rows.items():
            tree.addTopLevelItems(items)
        # "Reported from" only while some proposal is not first hand: otherwise the quotes take its room
        reported = bool(self.proposed_reports)
        for tree in (self.claims_list, self.denials_list):
            tree.setColumnHidden(4, not reported)
            tree.blockSignals(False)

    def items(self) -> list[QTreeWidgetItem]:
        out = []
        for tree in (self.claims_list, self.denials_list):
            out.extend(tree.topLevelItem(i) for i in range(tree.topLevelItemCount()))
        return out

    def item_for(self, key: str) -> QTreeWidgetItem | None:
        return self._items.get(key)

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
        self.quote_edit.setPlainText(p.quote)
        self._fill_answers(p)
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
            self.quote_edit,
            self.answers_combo,
        ):
            edit.setEnabled(True)
        self.span_selected.emit(p.start, p.end)

    def _fill_answers(self, p: Proposal) -> None:
        """What this proposal can deny: nothing, the other proposals (claims first), the source's claims."""
        combo = self.answers_combo
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("Nothing (create it as a claim)", None)
        others = [self.proposals[k] for k in self.order if k != p.key]
        existing = list(self.existing)
        left_out = max(0, len(others) + len(existing) - MAX_ANSWERS)
        if left_out:  # keep the nearest to this proposal in the source, and what it denies now

            def distance(start: int) -> int:
                return abs(start - p.start)

            near = sorted(
                [(distance(o.start), 0, i) for i, o in enumerate(others)]
                + [(distance(c.span_start), 1, i) for i, c in enumerate(existing)]
            )[:MAX_ANSWERS]
            keep_p = {i for _d, kind, i in near if kind == 0}
            keep_c = {i for _d, kind, i in near if kind == 1}
            others = [o for i, o in enumerate(others) if i in keep_p or o.key == p.denies]
            existing = [c for i, c in enumerate(existing) if i in keep_c or c.id == p.denies_claim_id]
            left_out = len(self.proposals) - 1 + len(self.existing) - len(others) - len(existing)
        others.sort(key=lambda o: o.kind != "claim")
        for o in others:
            combo.addItem(f"{o.key} \u00b7 {o.actor or 'no speaker'}: {one_line(o.quote, 70)}", f"p:{o.key}")
        for c in existing:
            who = c.actor_name or "no actor"
            combo.addItem(f"c{c.id} (recorded) \u00b7 {who}: {one_line(c.quote, 70)}", f"c:{c.id}")
        if left_out:
            combo.addItem(f"({counted(left_out, 'more')} further away in the source not listed)", "more")
            combo.model().item(combo.count() - 1).setEnabled(False)
        if p.kind == "denial" and p.denies in self.proposals:
            current = combo.findData(f"p:{p.denies}")
        elif p.kind == "denial" and p.denies_claim_id:
            current = combo.findData(f"c:{p.denies_claim_id}")
        else:
            current = 0
        combo.setCurrentIndex(max(0, current))
        combo.blockSignals(False)

    def _answer_chosen(self) -> None:
        """The analyst chose what the selected proposal denies: it becomes a denial of that, or a claim."""
        key = self.current_key
        if key is None or key not in self.proposals:
            return
        self._commit_edit()
        p = self.proposals[key]
        data = self.answers_combo.currentData()
        if data is None:
            changed = dataclasses.replace(p, kind="claim", denies=None, denies_claim_id=None)
        elif data.startswith("p:"):
            changed = dataclasses.replace(p, kind="denial", denies=data[2:], denies_claim_id=None)
        else:
            changed = dataclasses.replace(p, kind="denial", denies=None, denies_claim_id=int(data[2:]))
        if changed == p:
            return
        self.proposals[key] = changed
        self._fill()
        item = self.item_for(key)
        if item is not None:
            item.treeWidget().setCurrentItem(item)
        self._update_counts()

    def _commit_edit(self) -> bool:
        """Take the edits of the selected proposal; False (with the reason shown) when one is refused."""
        key = self.current_key
        if key is None or key not in self.proposals:
            return True
        p = self.proposals[key]
        start, end = p.start, p.end
        quote_text = self.quote_edit.toPlainText()
        if " ".join(quote_text.split()) != " ".join(p.quote.split()):
            # looked for around the proposal: reading a 40 MB source whole held the GUI thread for seconds
            lo = max(0, p.start - QUOTE_WINDOW_CHARS)
            hi = min(len(self.body), p.end + QUOTE_WINDOW_CHARS)
            try:
                start, end = find_quote(self.body[lo:hi], quote_text, near=p.start - lo)
                start, end = start + lo, end + lo
            except BriefdeskError as exc:
                where = (
                    f" In a source this long, the words are looked for within {QUOTE_WINDOW_CHARS:,} characters "
                    "of the proposal."
                    if (lo, hi) != (0, len(self.body))
                    else ""
                )
                self.status.setText(
                    f"{exc}{where} A quote must be the source's own words: edit it to words the source has (Esc "
                    f"in the quote takes the edit back). The quote of {key} is unchanged."
                )
                return False
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
                return False
        changed = dataclasses.replace(
            p,
            quote=self.body[start:end] if (start, end) != (p.start, p.end) else p.quote,
            start=start,
            end=end,
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
                item.setText(3, one_line(changed.quote, 200))
                item.setToolTip(3, changed.quote)
                if changed.kind == "claim":
                    item.setText(2, changed.said.isoformat() if changed.said else "")
            if (changed.start, changed.end) != (p.start, p.end):
                self.quote_edit.blockSignals(True)
                self.quote_edit.setPlainText(changed.quote)
                self.quote_edit.blockSignals(False)
                self.span_selected.emit(changed.start, changed.end)
                for other in self.items():  # denials showing this quote as what they answer
                    q = self.proposals[other.data(0, KEY_ROLE)]
                    if q.kind == "denial" and q.denies == key:
                        other.setText(2, self._answers_text(q))
        if self.status.text() != self.status_text:
            self.status.setText(self.status_text)
        return True

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
        if not self._commit_edit():
            return
        chosen = self.accepted()
        if not chosen:
            return
        self.create_button.setEnabled(False)
        lib, sid, credibility = self.lib, self.source_id, int(self.credibility.currentData())
        self.jobs.write(lambda: apply(lib, sid, chosen, credibility=credibility), self._created, self._failed)

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
