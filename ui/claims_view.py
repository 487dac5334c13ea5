"""The Claims page: the claim list on the left, the selected claim with its denials and corroborations on
the right, side by side; filters (text, status, tag, actor, source, contested only) above the list.

Dragging a claim from the list onto the Denials (or Corroborations) group on the right links it. Pressing
the mouse on a row does not change the claim shown on the right until the button is released without a
drag, so the claim you drag is never the one you drop it on. Link, unlink, edit and delete are undoable.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app._text import MAX_SEARCH_CHARS
from app.domain import Action, Change, ClaimStatus, Entity, LinkKind
from app.domain_lists import CORROBORATION_FILTERS, ClaimFilter
from app.errors import StaleEditError
from app.extract.suggest import ActorCandidate, candidates_for_source
from ui.claim_choice_dialog import ClaimChoiceDialog
from ui.claim_dialog import ClaimDialog
from ui.claim_links_view import ClaimLinksView
from ui.claim_table_model import BADGE_COLUMN, CLAIM_COLUMN, ClaimTableModel
from ui.claim_table_view import BadgeDelegate, ClaimTableView
from ui.context import UiContext
from ui.formatting import claim_summary
from ui.paged_model import ID_ROLE
from ui.stale_edit_dialog import ask_about_stale_edit
from ui.tables import ColumnFitter, configure_table
from ui.undo_commands import DeleteClaimCommand, EditClaimCommand, LinkCommand, UnlinkCommand, run_command

log = logging.getLogger(__name__)

FILTER_DEBOUNCE_MS = 250


def claim_fields(claim) -> dict:
    """The fields of a claim the edit dialog changes, as ``lib.claims.update`` takes them."""
    return {
        "quote": claim.quote,
        "statement": claim.statement,
        "said": claim.said,
        "credibility": claim.credibility,
        "status": claim.status.value,
        "tags": list(claim.tags),
        "notes": claim.notes,
    }


class ClaimsView(QWidget):
    show_in_source_requested = Signal(object)  # ClaimRecord

    def __init__(self, ctx: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.lib, self.jobs = ctx.lib, ctx.jobs
        self.active_dialog = None
        self.stale_dialog = None  # the StaleEditDialog while one is open
        self._gen = 0
        self._count_gen = 0
        self._source_filter: tuple[int, str] | None = None
        self._tags_loaded = False
        filter_rows = self._build_filters()
        self._build_table()
        self._build_links()
        self._lay_out(filter_rows)
        self._build_actions()
        self._update_actions()
        self._connect_filters()
        self.jobs.library_changed.connect(self._library_changed)

    def _build_filters(self) -> tuple[QHBoxLayout, QHBoxLayout]:
        """Text and actor over status, tag, contested only, the source chip and the count."""
        self.text_filter = QLineEdit(self)
        self.text_filter.setMaxLength(MAX_SEARCH_CHARS)  # longer is refused by the services
        self.text_filter.setPlaceholderText("Filter claims (words in statement or quote)")
        self.text_filter.setClearButtonEnabled(True)
        self.status_filter = QComboBox(self)
        self.status_filter.addItem("Any status", None)
        for s in ClaimStatus:
            self.status_filter.addItem(s.value.capitalize(), s.value)
        self.tag_filter = QComboBox(self)
        self.tag_filter.addItem("Any tag", None)
        self.tag_filter.setAccessibleName("Tag filter")
        self.actor_filter = QLineEdit(self)
        self.actor_filter.setMaxLength(MAX_SEARCH_CHARS)  # longer is refused by the services
        self.actor_filter.setPlaceholderText("Actor")
        self.actor_filter.setClearButtonEnabled(True)
        self.contested_filter = QCheckBox("&Contested only", self)
        self.corroboration_filter = QComboBox(self)
        self.corroboration_filter.setObjectName("corroborationFilter")
        self.corroboration_filter.setAccessibleName("Corroboration filter")
        self.corroboration_filter.addItem("Any corroboration", None)
        for key, label in CORROBORATION_FILTERS.items():
            self.corroboration_filter.addItem(label, key)
        self.corroboration_filter.setToolTip(
            "Independently corroborated: a claim with an origin of its own corroborates it. Single origin: "
            "nothing independent does (rewrites and reports of one statement are one origin)."
        )
        self.source_chip = QToolButton(self)
        self.source_chip.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.source_chip.setToolTip("Claims from this source only; click to show all sources")
        self.source_chip.clicked.connect(lambda: self.set_source_filter(None))
        self.source_chip.setVisible(False)
        self.count_label = QLabel(self)
        self.count_label.setObjectName("claimCount")

        row1 = QHBoxLayout()
        row1.setContentsMargins(0, 0, 0, 0)
        row1.addWidget(self.text_filter, 3)
        row1.addWidget(self.actor_filter, 2)
        row2 = QHBoxLayout()
        row2.setContentsMargins(0, 0, 0, 0)
        row2.addWidget(self.status_filter)
        row2.addWidget(self.tag_filter)
        row2.addWidget(self.contested_filter)
        row2.addWidget(self.corroboration_filter)
        row2.addWidget(self.source_chip)
        row2.addStretch(1)
        row2.addWidget(self.count_label)
        return row1, row2

    def _build_table(self) -> None:
        """The lazy claim table, shown as actor, claim, grade, contested, said, source, status."""
        self.model = ClaimTableModel(self.lib, self.jobs, self)
        self.table = ClaimTableView(self)
        self.table.setObjectName("claimsTable")
        configure_table(self.table, self.model)
        self.table.setItemDelegateForColumn(BADGE_COLUMN, BadgeDelegate(self.table))
        self.table.horizontalHeader().setStretchLastSection(True)
        # Shown as: actor, claim, grade, contested, said, source, status: what is said, how it is graded and
        # whether it is denied fit in the pane without scrolling sideways.
        header = self.table.horizontalHeader()
        header.moveSection(header.visualIndex(CLAIM_COLUMN), 1)
        header.moveSection(header.visualIndex(1), 4)
        self.table.setColumnWidth(0, 120)
        self.table.setColumnWidth(CLAIM_COLUMN, 300)
        # the claim takes the room left; source, then status, give way on a narrow screen (1280 px), where
        # the header was cut off at the right edge: both are in the pane beside the list
        self.column_fitter = ColumnFitter(self.table, stretch=CLAIM_COLUMN, optional=[5, 6], min_stretch=200)
        self.table.claim_chosen.connect(self.show_claim)
        self.table.doubleClicked.connect(lambda idx: self.edit_claim_id(idx.data(ID_ROLE)))
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._table_menu)
        self.model.modelReset.connect(
            lambda: QTimer.singleShot(0, lambda: self.table.select_id(self.shown_id()))
        )
        self.model.page_loaded.connect(lambda _n: self._reselect_if_needed())
        self.model.page_loaded.connect(self._show_first_if_none)
        self._recheck_shown = False
        self.model.modelAboutToBeReset.connect(self._before_reset)
        self.model.page_loaded.connect(self._drop_shown_if_unlisted)
        self.model.load_failed.connect(self.ctx.report_error)

    def _build_links(self) -> None:
        """The shown claim with its denials, corroborations and qualifications (drop a claim to link it)."""
        self.links = ClaimLinksView(self)
        self.links.link_requested.connect(self.link)
        self.links.unlink_requested.connect(self.unlink)
        self.links.show_in_source_requested.connect(self.show_in_source_requested)
        self.links.claim_activated.connect(lambda cid: self.show_claim(cid, select=True))
        self.links.edit_requested.connect(lambda c: self.edit_claim_id(c.id))
        self.links.delete_requested.connect(lambda c: self.delete_claim(c.id))
        self.links.provenance_requested.connect(self.show_provenance)

    def _lay_out(self, filter_rows: tuple[QHBoxLayout, QHBoxLayout]) -> None:
        left = QWidget(self)
        left_lay = QVBoxLayout(left)
        left_lay.setContentsMargins(0, 0, 0, 0)
        for row in filter_rows:
            left_lay.addLayout(row)
        left_lay.addWidget(self.table)

        self.split = QSplitter(Qt.Orientation.Horizontal, self)
        self.split.setObjectName("claimsSplit")
        self.split.addWidget(left)
        self.split.addWidget(self.links)
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 2)
        self.split.setSizes([680, 460])
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        lay.addWidget(self.split)

    def _build_actions(self) -> None:
        """Add denial, corroboration, qualification; edit, delete, show in source (the Claim menu)."""
        self.add_denial_action = QAction("Add &denial...", self)
        self.add_denial_action.setShortcut(QKeySequence("Ctrl+Alt+D"))
        self.add_denial_action.setToolTip("Choose a claim that denies the selected claim")
        self.add_denial_action.triggered.connect(lambda: self.link_by_menu(LinkKind.DENIES))
        self.add_corroboration_action = QAction("Add c&orroboration...", self)
        self.add_corroboration_action.setShortcut(QKeySequence("Ctrl+Alt+R"))
        self.add_corroboration_action.triggered.connect(lambda: self.link_by_menu(LinkKind.CORROBORATES))
        self.add_qualification_action = QAction("Add &qualification...", self)
        self.add_qualification_action.triggered.connect(lambda: self.link_by_menu(LinkKind.QUALIFIES))
        self.edit_action = QAction("&Edit claim...", self)
        self.edit_action.triggered.connect(lambda: self.edit_claim_id(self.shown_id()))
        self.delete_action = QAction("De&lete claim", self)
        self.delete_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.delete_action.triggered.connect(lambda: self.delete_claim(self.shown_id()))
        self.table.addAction(self.delete_action)
        self.show_in_source_action = QAction("Show in &source", self)
        self.show_in_source_action.setShortcut(QKeySequence("Ctrl+Shift+O"))
        self.show_in_source_action.triggered.connect(self._show_current_in_source)
        self.provenance_action = QAction("&Provenance...", self)
        self.provenance_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.provenance_action.setToolTip(
            "Where this claim came from: its chain back to its origins, and what it is reported from"
        )
        self.provenance_action.triggered.connect(lambda: self.show_provenance(self.shown_id()))
        self.claim_actions = [
            self.add_denial_action,
            self.add_corroboration_action,
            self.add_qualification_action,
            self.edit_action,
            self.delete_action,
            self.show_in_source_action,
            self.provenance_action,
        ]

    def _connect_filters(self) -> None:
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.timeout.connect(self.apply_filter)
        for w in (self.text_filter, self.actor_filter):
            w.textChanged.connect(lambda _t: self._filter_timer.start(FILTER_DEBOUNCE_MS))
            w.returnPressed.connect(self.apply_filter)
        self.status_filter.currentIndexChanged.connect(self.apply_filter)
        self.tag_filter.currentIndexChanged.connect(self.apply_filter)
        self.contested_filter.toggled.connect(self.apply_filter)
        self.corroboration_filter.currentIndexChanged.connect(self.apply_filter)

    # --- filters -------------------------------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802 - nothing is read until the page is seen
        super().showEvent(event)
        if not self._tags_loaded:
            self._tags_loaded = True
            self.load_tags()
        if not self.model._started:
            self.apply_filter()

    def load_tags(self) -> None:
        lib = self.lib
        self.jobs.read(lib.claims.tags, self._fill_tags, self.ctx.report_error)

    def _fill_tags(self, tags: list[str]) -> None:
        current = self.tag_filter.currentData()
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem("Any tag", None)
        for t in tags:
            self.tag_filter.addItem(t, t)
        idx = self.tag_filter.findData(current) if current else 0
        self.tag_filter.setCurrentIndex(max(0, idx))
        self.tag_filter.blockSignals(False)

    def current_filter(self) -> ClaimFilter:
        return ClaimFilter(
            text=self.text_filter.text().strip() or None,
            actor_name=self.actor_filter.text().strip() or None,
            status=self.status_filter.currentData(),
            tag=self.tag_filter.currentData(),
            contested=self.contested_filter.isChecked(),
            source_id=self._source_filter[0] if self._source_filter else None,
            corroboration=self.corroboration_filter.currentData(),
        )

    def apply_filter(self) -> None:
        self._filter_timer.stop()
        flt = self.current_filter()
        # the claim on the right must be one the filtered list shows (the model reloads on a new filter only)
        self._recheck_shown = flt != self.model.filter or not self.model._started
        self.model.set_filter(flt)
        self._count(flt)

    def _count(self, flt: ClaimFilter) -> None:
        """The number of matching claims, counted in the background (never delays the list)."""
        self._count_gen += 1
        gen, lib = self._count_gen, self.lib
        self.count_label.setText("counting\u2026")

        def shown(n: int) -> None:
            if gen == self._count_gen:
                self.count_label.setText(f"{n:,} claim{'s' if n != 1 else ''}")

        def count() -> int | None:
            if gen != self._count_gen:  # superseded by a newer filter before it started: skip the query
                return None
            return lib.claims.count(flt)

        def done(n: int | None) -> None:
            if n is not None:
                shown(n)

        self.jobs.background(count, done, lambda exc: self.count_label.setText(""))

    def set_source_filter(self, source: tuple[int, str] | None) -> None:
        self._source_filter = source
        if source is None:
            self.source_chip.setVisible(False)
        else:
            title = source[1] if len(source[1]) < 40 else source[1][:39] + "\u2026"
            self.source_chip.setText(f"Source: {title}  \u2715")
            self.source_chip.setVisible(True)
        self.apply_filter()

    def set_actor_filter(self, name: str) -> None:
        self.actor_filter.setText(name)
        self.apply_filter()

    def clear_filters(self) -> None:
        for w in (self.text_filter, self.actor_filter):
            w.blockSignals(True)
            w.clear()
            w.blockSignals(False)
        for combo in (self.status_filter, self.tag_filter):
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.contested_filter.blockSignals(True)
        self.contested_filter.setChecked(False)
        self.contested_filter.blockSignals(False)
        self.set_source_filter(None)

    # --- the claim shown on the right ----------------------------------------------------------------
    def shown_id(self) -> int | None:
        return self.links.claim_id()

    def show_claim(self, claim_id: int | None, *, select: bool = False) -> None:
        """Show a claim with its links on the right (and select it in the list if it is loaded)."""
        self._gen += 1
        gen, lib = self._gen, self.lib
        self.table.shown_id = claim_id
        if select:
            self.table.select_id(claim_id)
        if claim_id is None:
            self.links.show_claim(None)
            self._update_actions()
            return

        def read():
            data = lib.claims.with_links(claim_id)
            # which corroborations are independent of it, and what it is reported from (app.provenance)
            others = [lc.claim.id for lc in (*data.corroborations, *data.corroborates)]
            notes = lib.provenance.independence(claim_id, others) if others else {}
            return data, notes, lib.provenance.report(claim_id)

        self.jobs.read(read, lambda result: self._shown(gen, result), self._show_failed)

    def _shown(self, gen: int, result) -> None:
        if gen != self._gen:
            return
        data, notes, report = result
        self.links.show_claim(data, independence=notes, report=report)
        self._update_actions()

    def _show_failed(self, exc: BaseException) -> None:
        from app.errors import NotFoundError

        if isinstance(exc, NotFoundError):
            self.table.shown_id = None
            self.links.show_claim(None)
            self._update_actions()
        else:
            self.ctx.report_error(exc)

    def _show_first_if_none(self, rows: int) -> None:
        """On the first page ever shown, show the first claim on the right, so both panes have content."""
        self.model.page_loaded.disconnect(self._show_first_if_none)
        if rows and self.shown_id() is None and self.table.shown_id is None:
            # the first contested claim if the page has one: its denials fill the right pane
            records = [self.model.record(r) for r in range(min(rows, self.model.rowCount()))]
            first = next((r for r in records if r.denial_count), records[0])
            self.show_claim(first.id, select=True)

    def _before_reset(self) -> None:
        shown = self.shown_id()
        if shown is not None and self.model.row_of(shown) >= 0:
            self._recheck_shown = True  # listed before the reload: if it drops out, so does the right pane

    def _drop_shown_if_unlisted(self, rows: int) -> None:
        """After a new filter (or a reload) the right pane never keeps a claim the list no longer shows: it
        shows the list's first claim instead, or nothing when the list is empty."""
        if not self._recheck_shown or self.model.is_loading():
            return
        self._recheck_shown = False
        shown = self.shown_id() if self.shown_id() is not None else self.table.shown_id
        if shown is None or self.model.row_of(shown) >= 0:
            return
        first = self.model.record(0) if rows else None
        self.show_claim(first.id if first is not None else None, select=first is not None)

    def _reselect_if_needed(self) -> None:
        if self.shown_id() is not None and not self.table.selectionModel().hasSelection():
            self.table.select_id(self.shown_id())

    def _update_actions(self) -> None:
        has = self.shown_id() is not None
        for a in self.claim_actions:
            a.setEnabled(has)

    def show_provenance(self, claim_id: int | None) -> None:
        """The Provenance view of a claim: its chain as a graph; Enter on a node opens its source."""
        if claim_id is None:
            return
        from ui.provenance_view import ProvenanceDialog, open_request

        dlg = ProvenanceDialog(self.ctx, claim_id=claim_id, parent=self)
        dlg.open_node.connect(lambda node: self.show_in_source_requested.emit(open_request(node)))
        self.active_dialog = dlg
        dlg.open()

    def _show_current_in_source(self) -> None:
        if self.links.data is not None:
            self.show_in_source_requested.emit(self.links.data.claim)

    def _table_menu(self, pos) -> None:
        idx = self.table.indexAt(pos)
        if not idx.isValid():
            return
        cid = idx.data(ID_ROLE)
        if cid != self.shown_id():
            self.show_claim(cid, select=True)
        menu = QMenu(self)
        for a in self.claim_actions:
            menu.addAction(a)
        menu.exec(self.table.viewport().mapToGlobal(pos))

    # --- linking -------------------------------------------------------------------------------------
    def link(self, from_claim_id: int, kind, to_claim_id: int) -> None:
        """Record "claim ``from_claim_id`` <kind> claim ``to_claim_id``" (undoable)."""
        cmd = LinkCommand(
            self.lib,
            self.jobs,
            from_claim_id=from_claim_id,
            kind=kind,
            to_claim_id=to_claim_id,
            on_error=self.ctx.report_error,
        )
        noun = {
            LinkKind.DENIES: "denial",
            LinkKind.CORROBORATES: "corroboration",
            LinkKind.QUALIFIES: "qualification",
        }[LinkKind.parse(kind)]
        run_command(
            self.ctx.undo_stack,
            cmd,
            on_done=lambda _r: self.ctx.show_message(
                f"c{from_claim_id} linked as a {noun} of c{to_claim_id}."
            ),
        )

    def unlink(self, linked) -> None:
        link = linked.link
        cmd = UnlinkCommand(
            self.lib,
            self.jobs,
            link_id=link.id,
            description=f"Unlink c{link.from_claim_id} {link.kind.value} c{link.to_claim_id}",
            on_error=self.ctx.report_error,
        )
        run_command(self.ctx.undo_stack, cmd, on_done=lambda _r: self.ctx.show_message("Link removed."))

    def link_by_menu(self, kind: LinkKind) -> None:
        target = self.shown_id()
        if target is None:
            return
        noun = {
            LinkKind.DENIES: "denies",
            LinkKind.CORROBORATES: "corroborates",
            LinkKind.QUALIFIES: "qualifies",
        }
        claim = self.links.data.claim
        dlg = ClaimChoiceDialog(
            self.lib,
            self.jobs,
            title=f"Which claim {noun[kind]} c{target}?",
            prompt=f"Choose the claim that {noun[kind]}:\n{claim_summary(claim)}",
            button="Link",
            exclude={target},
            parent=self,
        )
        self.active_dialog = dlg

        def finished(result: int) -> None:
            chosen = dlg.chosen_id()
            dlg.deleteLater()
            if result and chosen is not None:
                self.link(chosen, kind, target)

        dlg.finished.connect(finished)
        dlg.open()

    # --- edit and delete -----------------------------------------------------------------------------
    def edit_claim_id(self, claim_id: int | None) -> None:
        if claim_id is None:
            return
        lib = self.lib

        def read():
            claim = lib.claims.get(claim_id)
            return claim, lib.sources.get(claim.source_id), candidates_for_source(lib, claim.source_id)

        self.jobs.read(read, lambda r: self._open_editor(*r), self.ctx.report_error)

    def _open_editor(self, claim, source, actors=()) -> None:
        before = {**claim_fields(claim), "actor_id": claim.actor_id}
        lib, jobs = self.lib, self.jobs

        def submit(values: dict, done, failed) -> None:
            after = {
                k: values[k] for k in ("quote", "statement", "said", "credibility", "status", "tags", "notes")
            }
            if after["quote"] == claim.quote:
                after.pop("quote")
            if not after.get("statement"):
                after.pop("statement")  # a claim keeps a statement once it has one
            name, role, affiliation = values["actor"], values["role"], values["affiliation"]
            actor_same = (name, role, affiliation) == (
                claim.actor_name,
                claim.actor_role,
                claim.actor_affiliation,
            )

            def with_actor(actor_id) -> None:
                after["actor_id"] = actor_id
                cmd = EditClaimCommand(
                    lib,
                    jobs,
                    claim_id=claim.id,
                    before=before,
                    after=after,
                    on_error=self.ctx.report_error,
                    version=claim.version,
                )
                if not cmd.after:
                    done()
                    return
                yours = {k: v for k, v in cmd.after.items() if k != "actor_id"}
                if "actor_id" in cmd.after:
                    yours["actor_id"] = name or None
                self._save_edit(cmd, yours, dlg, done, failed)

            if actor_same:
                with_actor(claim.actor_id)
            elif not name:
                with_actor(None)
            else:
                jobs.write(
                    lambda: lib.actors.get_or_create(name=name, role=role, affiliation=affiliation).id,
                    with_actor,
                    failed,
                )

        dlg = ClaimDialog(
            source_title=f"s{source.id} {source.title}",
            quote=claim.quote,
            claim=claim,
            suggested=ActorCandidate(claim.actor_name),
            actors=list(actors),
            submit=submit,
            parent=self,
        )
        dlg.finished.connect(dlg.deleteLater)
        self.active_dialog = dlg
        dlg.open()

    def _save_edit(self, cmd: EditClaimCommand, yours: dict, dlg, done, failed) -> None:
        """Run the edit; when another analyst changed the claim since the editor opened, ask (compare,
        reload, keep my edit, copy) instead of overwriting their change."""
        lib, jobs, claim_id = self.lib, self.jobs, cmd.claim_id

        def keep(now) -> None:
            again = EditClaimCommand(
                lib,
                jobs,
                claim_id=claim_id,
                before={**claim_fields(now), "actor_id": now.actor_id},
                after=cmd.after,
                on_error=self.ctx.report_error,
                version=now.version,
            )
            if not again.after:  # they made the very same change
                done()
                return
            self._save_edit(again, yours, dlg, done, failed)

        def failed_or_stale(exc: BaseException) -> None:
            if not isinstance(exc, StaleEditError):
                failed(exc)
                return
            ask_about_stale_edit(
                self,
                jobs,
                exc,
                yours=yours,
                read_stored=lambda: lib.claims.get(claim_id),
                shown=lambda now: {**claim_fields(now), "actor_id": now.actor_name or None},
                on_reload=lambda: (dlg.reject(), self.edit_claim_id(claim_id)),
                on_keep=keep,
                on_cancel=lambda: failed(exc),
                labels={"actor_id": "actor"},
            )

        run_command(self.ctx.undo_stack, cmd, on_done=lambda _r: done(), on_error=failed_or_stale)

    def delete_claim(self, claim_id: int | None) -> None:
        if claim_id is None:
            return
        cmd = DeleteClaimCommand(self.lib, self.jobs, claim_id=claim_id, on_error=self.ctx.report_error)
        run_command(
            self.ctx.undo_stack,
            cmd,
            on_done=lambda _r: self.ctx.show_message(f"Claim c{claim_id} deleted (Ctrl+Z to undo)."),
        )

    # --- refresh -------------------------------------------------------------------------------------
    def _library_changed(self, changes: tuple[Change, ...]) -> None:
        shown = self.shown_id()
        touched: set[int] = set()
        structural = False
        reshow = False
        for ch in changes:
            if ch.entity is Entity.CLAIM:
                touched.add(ch.id)
                if ch.action in (Action.CREATED, Action.DELETED, Action.RESTORED):
                    structural = True
                if ch.id == shown and ch.action is Action.DELETED:
                    self.show_claim(None)
                    shown = None
            elif ch.entity is Entity.LINK:
                if self.contested_filter.isChecked() or self.corroboration_filter.currentData():
                    structural = True
            elif ch.entity in (Entity.REPORT, Entity.DERIVATION):  # provenance: independence may change
                reshow = True
                structural = structural or bool(self.corroboration_filter.currentData())
            elif ch.entity in (Entity.SOURCE, Entity.ACTOR):
                structural = structural or ch.action is not Action.UPDATED
                reshow = True
                if ch.action is Action.UPDATED:
                    structural = True  # sorted by actor or source, rows may move; titles change
            for kind, ident in ch.affected:
                if kind == "claim":
                    touched.add(ident)
            if ch.entity is Entity.CLAIM and ch.action in (Action.CREATED, Action.UPDATED, Action.RESTORED):
                rec = ch.after
                if rec is not None and rec.tags and any(self.tag_filter.findData(t) < 0 for t in rec.tags):
                    self.load_tags()
        if structural:
            self.model.refresh()
            self._count(self.current_filter())
        elif touched:
            self.model.refresh_ids(sorted(touched))
        if shown is not None and (shown in touched or reshow):
            self.show_claim(shown)
