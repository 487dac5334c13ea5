"""The Sources page: a lazy, sortable, filterable table; the reader with the source's claims highlighted;
the source's claims below it; claims and denials made from a selection; the source's metadata edited.

    sources table  |  header (title, outlet, date, grade)   [Edit source...]
                   |  reader (full text, claims highlighted)
                   |  this source's claims
"""

from __future__ import annotations

import logging
import re

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app._text import MAX_SEARCH_CHARS, counted
from app.domain import RELIABILITY_GRADES, Action, Change, Entity, SourceKind
from app.errors import StaleEditError
from app.extract.suggest import attributed_speaker, candidates_for_source, suggest_actor
from ui.claim_choice_dialog import ClaimChoiceDialog
from ui.claim_dialog import ClaimDialog
from ui.context import UiContext
from ui.formatting import date_text, grade_tooltip, one_line, provenance_text
from ui.paged_model import ID_ROLE
from ui.source_claims_list import SourceClaimsList
from ui.source_dialog import SourceDialog, source_fields
from ui.source_reader_view import SourceReaderView, body_parts
from ui.source_table_model import SourceTableModel
from ui.stale_edit_dialog import ask_about_stale_edit
from ui.tables import configure_table
from ui.undo_commands import CreateClaimCommand, EditSourceCommand, run_command

log = logging.getLogger(__name__)

FILTER_DEBOUNCE_MS = 250


def _find_word(body: str, word: str) -> tuple[int, int] | None:
    """Where ``word`` first occurs in ``body``, ignoring case."""
    match = re.search(re.escape(word), body, re.IGNORECASE)
    return match.span() if match else None


class SourcesView(QWidget):
    claim_activated = Signal(int)  # "show this claim in the Claims page"
    claims_of_source_requested = Signal(int, str)  # source id, title

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.lib, self.jobs = ctx.lib, ctx.jobs
        self.current_source = None
        self.active_dialog = None
        self.stale_dialog = None  # the StaleEditDialog while one is open
        self._load_gen = 0
        self._pending_span: tuple[int, int] | None = None
        self._pending_claim: int | None = None
        self._remembered_id: int | None = None
        self._extra_pages = 0  # pages read past the list's end to show the source in the reader
        self._follow_id: int | None = None  # the source opened from elsewhere (an import, a claim)
        table = self._build_table()
        self._build_reader()
        self._build_actions()
        buttons = self._build_buttons()
        self._build_claims_list()
        self._lay_out(table, buttons)
        self._show_header(None)
        self.jobs.library_changed.connect(self._library_changed)

    def _build_table(self) -> QWidget:
        """The filter bar (text, kind, grade) over the lazy sources table."""
        self.filter_text = QLineEdit(self)
        self.filter_text.setMaxLength(MAX_SEARCH_CHARS)  # longer is refused by the services
        self.filter_text.setPlaceholderText("Filter sources (title and text)")
        self.filter_text.setClearButtonEnabled(True)
        self.kind_filter = QComboBox(self)
        self.kind_filter.addItem("All kinds", None)
        for k in SourceKind:
            self.kind_filter.addItem(k.value.capitalize(), k.value)
        self.grade_filter = QComboBox(self)
        self.grade_filter.addItem("All grades", None)
        for g in RELIABILITY_GRADES:
            self.grade_filter.addItem(f"Grade {g}", g)
            self.grade_filter.setItemData(
                self.grade_filter.count() - 1, grade_tooltip(g), Qt.ItemDataRole.ToolTipRole
            )
        self.kind_filter.setAccessibleName("Kind filter")
        self.grade_filter.setAccessibleName("Grade filter")
        self.model = SourceTableModel(self.lib, self.jobs, self)
        self.table = QTableView(self)
        self.table.setObjectName("sourcesTable")
        configure_table(self.table, self.model)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._table_menu)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.timeout.connect(self._apply_filter)
        self.filter_text.textChanged.connect(lambda _t: self._filter_timer.start(FILTER_DEBOUNCE_MS))
        self.filter_text.returnPressed.connect(self._apply_filter)
        self.kind_filter.currentIndexChanged.connect(self._apply_filter)
        self.grade_filter.currentIndexChanged.connect(self._apply_filter)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.model.page_loaded.connect(self._open_first_if_none)
        self.model.modelAboutToBeReset.connect(self._remember_current)
        self.model.modelReset.connect(self._restore_current)
        self.model.load_failed.connect(self.ctx.report_error)

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.filter_text, 3)
        bar.addWidget(self.kind_filter, 1)
        bar.addWidget(self.grade_filter, 1)
        left = QWidget(self)
        left_lay = QVBoxLayout(left)
        left_lay.setContentsMargins(0, 0, 0, 0)
        left_lay.addLayout(bar)
        left_lay.addWidget(self.table)
        return left

    def _build_reader(self) -> None:
        """The source's header and its full text with the claims highlighted."""
        self.header = QLabel(self)
        self.header.setObjectName("readerHeader")
        self.header.setWordWrap(True)
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.reader = SourceReaderView(self)
        self.reader.setObjectName("sourceReader")
        self.reader.claim_clicked.connect(self._reader_claim_clicked)
        self.reader.selection_changed_span.connect(self._selection_changed)
        self.reader.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.reader.customContextMenuRequested.connect(self._reader_menu)

    def _build_actions(self) -> None:
        """Claim, denial and corroboration from the selection; draft claims; edit the source. Shown in the
        Source menu, the reader's context menu and the buttons over the reader."""
        self.claim_action = QAction("&Claim from selection...", self)
        self.claim_action.setShortcut(QKeySequence("Ctrl+Shift+C"))
        self.claim_action.setToolTip("Make a claim from the selected words (Ctrl+Shift+C)")
        self.claim_action.triggered.connect(lambda: self.claim_from_selection())
        self.denial_action = QAction("&Denial from selection...", self)
        self.denial_action.setShortcut(QKeySequence("Ctrl+Shift+D"))
        self.denial_action.setToolTip("Make a claim from the selected words that denies another claim")
        self.denial_action.triggered.connect(lambda: self.claim_from_selection(link_kind="denies"))
        self.corroboration_action = QAction("C&orroboration from selection...", self)
        self.corroboration_action.triggered.connect(
            lambda: self.claim_from_selection(link_kind="corroborates")
        )
        self.edit_source_action = QAction("&Edit source...", self)
        self.edit_source_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.edit_source_action.triggered.connect(self.edit_source)
        self.draft_action = QAction("D&raft claims from the text...", self)
        self.draft_action.setShortcut(QKeySequence("Ctrl+Shift+X"))
        self.draft_action.setToolTip(
            "Propose the attributed statements and denials in this source (Ctrl+Shift+X)"
        )
        self.draft_action.triggered.connect(self.draft_claims)
        self.draft_action.setEnabled(False)
        self.show_claims_action = QAction("Show this source's claims in Claims", self)
        self.show_claims_action.triggered.connect(self._request_claims_of_source)
        self.provenance_action = QAction("Pro&venance...", self)
        self.provenance_action.setToolTip(
            "What this source derives from (a rewrite of a wire story, a translation...) and what derives from it"
        )
        self.provenance_action.triggered.connect(self.show_provenance)
        self.provenance_action.setEnabled(False)
        for a in (self.claim_action, self.denial_action, self.corroboration_action):
            a.setEnabled(False)
        self.edit_source_action.setEnabled(False)
        self.show_claims_action.setEnabled(False)

    def _build_buttons(self) -> QHBoxLayout:
        self.claim_button = QPushButton("Claim from selection", self)
        self.claim_button.clicked.connect(self.claim_action.trigger)
        self.denial_button = QPushButton("Denial from selection", self)
        self.denial_button.clicked.connect(self.denial_action.trigger)
        self.edit_button = QPushButton("Edit source...", self)
        self.edit_button.clicked.connect(self.edit_source_action.trigger)
        self.draft_button = QPushButton("Draft claims...", self)
        self.draft_button.setToolTip(self.draft_action.toolTip())
        self.draft_button.clicked.connect(self.draft_action.trigger)
        for b in (self.claim_button, self.denial_button, self.edit_button, self.draft_button):
            b.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.claim_button)
        buttons.addWidget(self.denial_button)
        buttons.addWidget(self.draft_button)
        buttons.addStretch(1)
        buttons.addWidget(self.edit_button)
        return buttons

    def _build_claims_list(self) -> None:
        """This source's claims, under the reader."""
        self.claims_list = SourceClaimsList(self)
        self.claims_list.currentItemChanged.connect(self._claims_list_current)
        self.claims_list.itemActivated.connect(
            lambda item, _c: self.claim_activated.emit(int(item.data(0, Qt.ItemDataRole.UserRole)))
        )

    def _lay_out(self, table: QWidget, buttons: QHBoxLayout) -> None:
        """Table | (header, buttons, reader / claims list)."""
        reader_box = QWidget(self)
        reader_lay = QVBoxLayout(reader_box)
        reader_lay.setContentsMargins(0, 0, 0, 0)
        reader_lay.addWidget(self.header)
        reader_lay.addLayout(buttons)
        reader_lay.addWidget(self.reader.part_bar)
        reader_lay.addWidget(self.reader, 1)
        self.right_split = QSplitter(Qt.Orientation.Vertical, self)
        self.right_split.setObjectName("sourcesReaderSplit")
        self.right_split.addWidget(reader_box)
        self.right_split.addWidget(self.claims_list)
        self.right_split.setStretchFactor(0, 4)
        self.right_split.setStretchFactor(1, 1)
        self.split = QSplitter(Qt.Orientation.Horizontal, self)
        self.split.setObjectName("sourcesSplit")
        self.split.addWidget(table)
        self.split.addWidget(self.right_split)
        self.split.setStretchFactor(0, 1)
        self.split.setStretchFactor(1, 1)
        self.split.setSizes([640, 510])
        self.right_split.setSizes([520, 160])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.split)

    # --- list ----------------------------------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802 - load the first page only when the page is seen
        super().showEvent(event)
        self.model.ensure_started()

    def _apply_filter(self) -> None:
        self._filter_timer.stop()
        self.model.set_filter(
            text=self.filter_text.text().strip() or None,
            kind=self.kind_filter.currentData(),
            reliability=self.grade_filter.currentData(),
        )

    def _remember_current(self) -> None:
        idx = self.table.currentIndex()
        self._remembered_id = idx.data(ID_ROLE) if idx.isValid() else None

    def _restore_current(self) -> None:
        if self._remembered_id is not None:
            QTimer.singleShot(0, self._reselect_remembered)

    def _reselect_remembered(self) -> None:
        """Select the row of the source shown in the reader after the list was reloaded; when it lies past
        the rows held, read further pages (a few at most) so the list shows it."""
        wanted = self._remembered_id
        if wanted is None or self._select_row_of(wanted, load=False):
            self._extra_pages = 0
            return
        if wanted == self._follow_id and self._extra_pages < 5 and self.model.canFetchMore():
            self._extra_pages += 1
            self.model.page_loaded.connect(
                lambda _n: self._reselect_remembered(), Qt.ConnectionType.SingleShotConnection
            )
            self.model.fetchMore()
            return
        self._extra_pages = 0
        self._follow_id = None
        self.table.clearSelection()

    def _select_row_of(self, source_id: int | None, *, load: bool = True) -> bool:
        row = self.model.row_of(source_id) if source_id is not None else -1
        if row < 0:
            return False
        self.table.blockSignals(not load)
        self.table.selectionModel().blockSignals(not load)
        self.table.selectRow(row)
        self.table.scrollTo(self.model.index(row, 0))
        self.table.selectionModel().blockSignals(False)
        self.table.blockSignals(False)
        return True

    def _open_first_if_none(self, rows: int) -> None:
        """On the first page ever shown, open the first source in the reader, so the page is not empty."""
        self.model.page_loaded.disconnect(self._open_first_if_none)
        if rows and self.current_source is None and not self.table.currentIndex().isValid():
            self.table.selectRow(0)

    def _row_changed(self, current, _previous) -> None:
        if not current.isValid():
            return
        source_id = current.data(ID_ROLE)
        if self.current_source is None or self.current_source.id != source_id:
            self.load_source(source_id)

    def _table_menu(self, pos) -> None:
        idx = self.table.indexAt(pos)
        if not idx.isValid():
            return
        menu = QMenu(self)
        menu.addAction(self.edit_source_action)
        menu.addAction(self.show_claims_action)
        menu.addAction(self.provenance_action)
        menu.exec(self.table.viewport().mapToGlobal(pos))

    # --- reader --------------------------------------------------------------------------------------
    def open_source(
        self,
        source_id: int,
        *,
        span: tuple[int, int] | None = None,
        claim_id: int | None = None,
        find: str | None = None,
    ) -> None:
        """Show a source in the reader (selecting its row if loaded), then jump to ``span``, a claim, or the
        first place holding the word ``find`` (looked for on the worker: a body can be tens of megabytes)."""
        self._pending_span, self._pending_claim = span, claim_id
        self._remembered_id = self._follow_id = source_id  # a list refresh on its way selects this row
        if not self._select_row_of(source_id, load=False):
            self.table.clearSelection()
        self.load_source(source_id, find=find)

    def load_source(self, source_id: int, *, find: str | None = None) -> None:
        self._load_gen += 1
        gen, lib = self._load_gen, self.lib

        def read():
            source = lib.sources.get(source_id)
            found = _find_word(source.body, find) if find else None
            return source, lib.claims.for_source(source_id), body_parts(source.body), found

        self.jobs.read(read, lambda result: self._source_loaded(gen, *result), self.ctx.report_error)

    def _source_loaded(self, gen: int, source, claims, parts=None, found=None) -> None:
        if gen != self._load_gen:
            return
        if found is not None and self._pending_span is None:
            self._pending_span = found
        self.current_source = source
        self.reader.set_source(source, claims, parts=parts)
        self._show_header(source)
        self.claims_list.set_claims(claims, self.reader.selected_claim_id)
        for w in (
            self.edit_button,
            self.edit_source_action,
            self.show_claims_action,
            self.provenance_action,
            self.draft_action,
            self.draft_button,
        ):
            w.setEnabled(True)
        self._selection_changed(self.reader.selection_span() is not None)
        if self._pending_claim is not None:
            self.select_claim(self._pending_claim)
        elif self._pending_span is not None:
            self.reader.show_span(*self._pending_span)
        self._pending_span = self._pending_claim = None

    def _show_header(self, s) -> None:
        if s is None:
            self.header.setText("<i>No source selected.</i>")
            return
        import html

        esc = html.escape
        meta = " \u00b7 ".join(
            p for p in (s.outlet, s.authors, date_text(s.published, empty=""), s.kind.value) if p
        )
        grade = f"<span title='{esc(grade_tooltip(s.reliability))}'><b>Grade {esc(s.reliability)}</b></span>"
        url = f"<br><span style='color:gray'>{esc(s.url)}</span>" if s.url else ""
        who = f"<br><span style='color:gray'>{esc(provenance_text(s))}</span>"
        self.header.setText(
            f"<b style='font-size:large'>{esc(s.title)}</b><br>{esc(meta)} \u00b7 {grade}{url}{who}"
        )
        tip = f"{s.descriptor}\n\n" if s.descriptor else ""
        self.header.setToolTip(f"{tip}Global id {s.uuid}" if s.uuid else s.descriptor or "")

    def _claims_list_current(self, item, _previous) -> None:
        if item is not None:
            self.reader.select_claim(int(item.data(0, Qt.ItemDataRole.UserRole)))

    def _reader_claim_clicked(self, claim_id: int) -> None:
        self.select_claim(claim_id, scroll=False)

    def select_claim(self, claim_id: int, *, scroll: bool = True) -> None:
        """Select a claim of the current source: in the reader and in the claims list."""
        self.reader.select_claim(claim_id, scroll=scroll)
        self.claims_list.select(claim_id)

    def selected_claim_id(self) -> int | None:
        return self.reader.selected_claim_id

    def _selection_changed(self, has_selection: bool) -> None:
        for w in (
            self.claim_action,
            self.denial_action,
            self.corroboration_action,
            self.claim_button,
            self.denial_button,
        ):
            w.setEnabled(has_selection)

    def _reader_menu(self, pos) -> None:
        menu = self.reader.createStandardContextMenu(pos)
        menu.addSeparator()
        menu.addAction(self.claim_action)
        menu.addAction(self.denial_action)
        menu.addAction(self.corroboration_action)
        claim = self.reader.claim_at_point(pos)
        if claim is not None:
            menu.addSeparator()
            show = menu.addAction(f"Show claim c{claim.id} in Claims")
            show.triggered.connect(lambda: self.claim_activated.emit(claim.id))
        menu.exec(self.reader.viewport().mapToGlobal(pos))

    def _request_claims_of_source(self) -> None:
        if self.current_source is not None:
            self.claims_of_source_requested.emit(self.current_source.id, self.current_source.title)

    # --- claims from a selection ---------------------------------------------------------------------
    def draft_claims(self) -> None:
        """Open the Draft claims dialog for the source in the reader."""
        from ui.draft_claims_dialog import DraftClaimsDialog

        if self.current_source is None:
            return
        dlg = DraftClaimsDialog(self.lib, self.jobs, self.current_source.id, self)
        dlg.span_selected.connect(lambda a, b: self.reader.show_span(a, b))
        dlg.created.connect(
            lambda changes: self.ctx.show_message(
                f"Created {counted(sum(1 for c in changes if c.entity == 'claim'), 'claim')} from the source."
            )
        )
        self.draft_dialog = dlg
        dlg.open()

    def claim_from_selection(self, *, link_kind: str | None = None) -> None:
        """Open the claim dialog for the selected words; for a denial, first choose the claim it denies."""
        span = self.reader.selection_span()
        source = self.current_source
        if span is None or source is None:
            self.ctx.show_message("Select the words of the claim in the source first.")
            return
        if link_kind is None:
            self._open_claim_dialog(source, span, None, None)
            return
        noun = "deny" if link_kind == "denies" else "corroborate"
        picker = ClaimChoiceDialog(
            self.lib,
            self.jobs,
            title=f"Which claim does it {noun}?",
            prompt=f"\u201c{one_line(self.reader.body[span[0] : span[1]], 200)}\u201d\n\n"
            f"Choose the claim these words {noun}:",
            button="Choose",
            parent=self,
        )
        self.active_dialog = picker

        def chosen(result: int) -> None:
            target = picker.chosen_id()
            picker.deleteLater()
            if result and target is not None:
                self._open_claim_dialog(source, span, link_kind, target)

        picker.finished.connect(chosen)
        picker.open()

    def _open_claim_dialog(self, source, span, link_kind, target) -> None:
        lib, jobs = self.lib, self.jobs
        quote = source.body[span[0] : span[1]]

        def candidates():
            cands = candidates_for_source(lib, source.id)
            target_claim = lib.claims.get(target) if target is not None else None
            return cands, target_claim, attributed_speaker(source, span)

        def show(result) -> None:
            cands, target_claim, attributed = result
            if attributed is not None:  # the same person as a known actor named in full ("Sullivan")
                known = next((c for c in cands if attributed.name in c.needles()), None)
                suggested = known or attributed
            else:
                suggested = suggest_actor(source.body, span[0], span[1], cands)
            heading = ""
            if target_claim is not None:
                verb = "denies" if link_kind == "denies" else "corroborates"
                heading = (
                    f"This claim {verb} c{target_claim.id}, {target_claim.actor_name or 'unknown actor'}: "
                    f"\u201c{one_line(target_claim.quote, 160)}\u201d"
                )
            dlg = ClaimDialog(
                source_title=f"s{source.id} {source.title}",
                quote=quote,
                span=span,
                suggested=suggested,
                outlet=source.outlet,
                actors=cands,
                heading=heading,
                submit=lambda values, done, failed: self._create_claim(
                    source.id, values, link_kind, target, done, failed
                ),
                parent=self,
            )
            dlg.finished.connect(dlg.deleteLater)
            self.active_dialog = dlg
            dlg.open()

        jobs.read(candidates, show, self.ctx.report_error)

    def _create_claim(self, source_id: int, values: dict, link_kind, target, done, failed) -> None:
        fields = dict(values, source_id=source_id)
        if not fields.get("actor"):
            fields.pop("actor", None)
            fields.pop("role", None)
            fields.pop("affiliation", None)
        cmd = CreateClaimCommand(
            self.lib,
            self.jobs,
            fields=fields,
            link_kind=link_kind,
            link_to=target,
            on_error=self.ctx.report_error,
        )

        def created(_result) -> None:
            done()
            if cmd.claim_id is not None:
                self._pending_claim = cmd.claim_id
                self.load_source(source_id)
                self.ctx.show_message(f"Claim c{cmd.claim_id} created.")

        run_command(self.ctx.undo_stack, cmd, on_done=created, on_error=failed)

    # --- source metadata -----------------------------------------------------------------------------
    def show_provenance(self) -> None:
        """The Provenance view of the source shown: its derived chain; what it derives from, editable."""
        source = self.current_source
        if source is None:
            return
        from ui.provenance_view import ProvenanceDialog

        dlg = ProvenanceDialog(self.ctx, source_id=source.id, parent=self)
        dlg.open_node.connect(lambda node: self.open_source(node.source_id))
        self.active_dialog = dlg
        dlg.open()

    def edit_source(self) -> None:
        source = self.current_source
        if source is None:
            return
        before = source_fields(source)

        def submit(values, done, failed) -> None:
            cmd = EditSourceCommand(
                self.lib,
                self.jobs,
                source_id=source.id,
                before=before,
                after=values,
                on_error=self.ctx.report_error,
                version=source.version,
            )
            if not cmd.after:
                done()
                return
            self._save_source_edit(cmd, dlg, done, failed)

        dlg = SourceDialog(source, submit=submit, parent=self)
        dlg.finished.connect(dlg.deleteLater)
        self.active_dialog = dlg
        dlg.open()

    def _save_source_edit(self, cmd: EditSourceCommand, dlg, done, failed) -> None:
        """Run the edit; when another analyst changed the source since the editor opened, ask (compare,
        reload, keep my edit, copy) instead of overwriting their change."""
        lib, source_id = self.lib, cmd.source_id

        def keep(now) -> None:
            again = EditSourceCommand(
                lib,
                self.jobs,
                source_id=source_id,
                before=source_fields(now),
                after=cmd.after,
                on_error=self.ctx.report_error,
                version=now.version,
            )
            if not again.after:  # they made the very same change
                done()
                return
            self._save_source_edit(again, dlg, done, failed)

        def failed_or_stale(exc: BaseException) -> None:
            if not isinstance(exc, StaleEditError):
                failed(exc)
                return
            ask_about_stale_edit(
                self,
                self.jobs,
                exc,
                yours=cmd.after,
                read_stored=lambda: lib.sources.get(source_id),
                shown=source_fields,
                on_reload=lambda: (dlg.reject(), self._reload_and_edit(source_id)),
                on_keep=keep,
                on_cancel=lambda: failed(exc),
            )

        run_command(self.ctx.undo_stack, cmd, on_done=lambda _r: done(), on_error=failed_or_stale)

    def _reload_and_edit(self, source_id: int) -> None:
        """Show the source as stored now, then open its editor again (after a refused stale edit)."""

        def shown(src) -> None:
            self.current_source = src
            self._show_header(src)
            self.edit_source()

        self.jobs.read(lambda: self.lib.sources.get(source_id), shown, self.ctx.report_error)

    # --- refresh -------------------------------------------------------------------------------------
    def _library_changed(self, changes: tuple[Change, ...]) -> None:
        source_ids: set[int] = set()
        structural = False
        reload_current = False
        current = self.current_source.id if self.current_source is not None else None
        for ch in changes:
            if ch.entity is Entity.SOURCE:
                source_ids.add(ch.id)
                if ch.action is not Action.UPDATED:
                    structural = True
                if ch.id == current:
                    reload_current = ch.action is not Action.DELETED
                    if ch.action is Action.DELETED:
                        self.current_source = None
                        self.reader.clear_source()
                        self._show_header(None)
                        self.claims_list.clear()
            elif ch.entity in (Entity.CLAIM, Entity.LINK):
                rec = ch.after or ch.before
                sid = getattr(rec, "source_id", None)
                if ch.entity is Entity.CLAIM and sid is not None:
                    source_ids.add(sid)  # its claim count changed
                if sid == current or ch.entity is Entity.LINK or any(k == "claim" for k, _ in ch.affected):
                    reload_current = current is not None
        if structural:
            self.model.refresh()
        elif source_ids:
            self.model.refresh_ids(sorted(source_ids))
        if reload_current and current is not None:
            self.load_source(current)
