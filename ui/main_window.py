"""The main window: a navigator (Sources, Actors, Claims, Briefs, Search), the pages, menus, the search field,
the status bar with counts, undo/redo, library switching, imports by menu or by dropping files.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QUndoStack
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from app._text import counted
from app.domain import Action, Change
from ui import theme
from ui.actors_view import ActorsView
from ui.briefs_view import BriefsView
from ui.change_watcher import ChangeWatcher
from ui.claims_view import ClaimsView
from ui.context import UiContext
from ui.error_dialog import log_path, show_error
from ui.icons import icon
from ui.index_upkeep import IndexUpkeep
from ui.jobs import Jobs
from ui.main_menus import PAGE_LABELS, PAGES, MainMenus
from ui.search_view import SearchField, SearchResultsView
from ui.settings import Settings
from ui.sources_view import SourcesView
from ui.timeline_view import TimelineView
from ui.window_files import WindowFiles
from ui.window_layout import WindowLayout

log = logging.getLogger(__name__)

APP_NAME = "Briefdesk"
DASH = "\u2014"
COUNTS_DEBOUNCE_MS = 400

_open_windows: list[MainWindow] = []


def open_windows() -> list[MainWindow]:
    return list(_open_windows)


class MainWindow(MainMenus, WindowLayout, WindowFiles, QMainWindow):
    library_switched = Signal(object)  # the new MainWindow
    interactive = Signal(float)  # seconds from window creation to the first rows shown

    def __init__(
        self,
        lib,
        settings: Settings | None = None,
        *,
        start_page: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._t0 = time.perf_counter()
        self.lib = lib
        self.settings = settings or Settings.load()
        self.jobs = Jobs(self)
        self.undo_stack = QUndoStack(self)
        self.ctx = UiContext(
            lib=lib,
            jobs=self.jobs,
            undo_stack=self.undo_stack,
            settings=self.settings,
            report_error=self.report_error,
            show_message=self.show_message,
        )
        self.jobs.job_failed.connect(self.report_error)
        self.setObjectName("mainWindow")
        self.setWindowIcon(icon("briefdesk"))
        self.setAcceptDrops(True)
        self._closing = False
        self.team_dialog = None  # File > Open team library, while it is open
        self.activity_dialog = None  # View > Who changed what, once opened
        self._interactive_sent = False

        # --- pages -----------------------------------------------------------------------------------
        self.sources = SourcesView(self.ctx, self)
        self.actors = ActorsView(self.ctx, self)
        self.claims = ClaimsView(self.ctx, self)
        self.briefs = BriefsView(self.ctx, self)
        self.search_results = SearchResultsView(self)
        self.timeline = TimelineView(self.ctx, self)
        self.pages: dict[str, QWidget] = {
            "sources": self.sources,
            "actors": self.actors,
            "claims": self.claims,
            "briefs": self.briefs,
            "search": self.search_results,
            "timeline": self.timeline,
        }
        self.stack = QStackedWidget(self)
        for name in PAGES:
            self.stack.addWidget(self.pages[name])
        self.navigator = QListWidget(self)
        self.navigator.setObjectName("navigator")
        self.navigator.setAccessibleName("Navigator")
        for i, name in enumerate(PAGES):
            item = QListWidgetItem(icon(name), PAGE_LABELS[name])
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setToolTip(f"{PAGE_LABELS[name]} (Ctrl+{i + 1})")
            self.navigator.addItem(item)
        self.navigator.setIconSize(QSize(18, 18))
        self.navigator.setMinimumWidth(150)
        self.navigator.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.navigator.setMaximumWidth(220)
        self.navigator.currentRowChanged.connect(self._page_changed)
        self.split = QSplitter(Qt.Orientation.Horizontal, self)
        self.split.setObjectName("mainSplit")
        self.split.addWidget(self.navigator)
        self.split.addWidget(self.stack)
        self.split.setStretchFactor(0, 0)
        self.split.setStretchFactor(1, 1)
        self.split.setSizes([150, 1130])
        self.split.setCollapsible(1, False)
        self.setCentralWidget(self.split)

        # --- search ----------------------------------------------------------------------------------
        self.search_field = SearchField(lib, self.jobs, self)
        self.search_field.results_ready.connect(self.search_results.set_hits)
        self.search_field.searching.connect(lambda q: q.strip() and self.go_to("search"))
        self.search_field.moved.connect(self.search_results.move)
        self.search_field.open_requested.connect(self._open_current_hit)
        self.search_results.hit_activated.connect(self.open_hit)

        # --- wiring between pages --------------------------------------------------------------------
        self.sources.claim_activated.connect(self.show_claim)
        self.sources.claims_of_source_requested.connect(self._claims_of_source)
        self.claims.show_in_source_requested.connect(self.show_in_source)
        self.actors.claims_of_actor_requested.connect(self._claims_of_actor)
        self.actors.timeline_of_actor_requested.connect(self.show_timeline)
        self.timeline.claim_activated.connect(self.show_claim)
        self.briefs.claim_activated.connect(self.show_claim)
        self.briefs.title_changed.connect(lambda _t: self._update_title())
        self.briefs.current_editor_changed.connect(self._editor_changed)

        self._build_actions()
        self.briefs.list_toggled.connect(self._brief_list_toggled)
        self._build_menus()
        self._build_toolbar()

        # --- status bar ------------------------------------------------------------------------------
        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("countsLabel")
        self.statusBar().addPermanentWidget(self.counts_label)
        self._counts_timer = QTimer(self)
        self._counts_timer.setSingleShot(True)
        self._counts_timer.timeout.connect(self.refresh_counts)
        self._counts_stale = False
        self.jobs.library_changed.connect(self._counts_changed)
        for model in (self.claims.model, self.sources.model, self.actors.model, self.briefs.model):
            model.page_loaded.connect(self._rows_shown)

        # --- other analysts' changes, and the connection to a team library ---------------------------
        self.connection_label = QLabel(self)
        self.connection_label.setObjectName("connectionLabel")
        self.connection_label.setWordWrap(True)
        self.connection_label.setVisible(False)
        self.statusBar().addWidget(self.connection_label, 1)
        self.watcher = ChangeWatcher(lib, self.jobs, self)
        self.watcher.refresh_everything.connect(self.refresh_everything)
        self.watcher.connection_lost.connect(self._connection_lost)
        self.watcher.connection_restored.connect(self._connection_restored)
        QTimer.singleShot(0, self.watcher.start)
        self.index_upkeep = IndexUpkeep(lib, self.jobs, self)  # merges a bulk-loaded search index, later
        self.index_label = QLabel(self)  # a team library's phrase index being built here
        self.index_label.setObjectName("indexLabel")
        self.index_label.setVisible(False)
        self.statusBar().addWidget(self.index_label)
        self.index_upkeep.pairs.progressed.connect(self._pair_index_progress)
        self.index_upkeep.pairs.finished.connect(self._pair_index_done)
        self.index_upkeep.start()

        self.undo_stack.cleanChanged.connect(self._clean_changed)
        if getattr(lib, "read_only", False):
            self._enforce_read_only()
        else:
            QTimer.singleShot(0, self._prune_change_log)
        self._splitters_restored = False
        self._restore_geometry(start_page)
        self._update_title()
        self.settings.add_recent_library(lib.path)
        self._save_settings_quietly()
        self._rebuild_recent_menu()
        QTimer.singleShot(0, self.refresh_counts)
        _open_windows.append(self)

    # --- pages ---------------------------------------------------------------------------------------
    def go_to(self, name: str) -> None:
        self.navigator.setCurrentRow(PAGES.index(name))

    def open_page(self, name: str) -> None:
        """Go to a page from the keyboard or the View menu, and put the keyboard in it: its list, or on the
        Briefs page the open brief's text, so arrows and Enter work at once."""
        self.go_to(name)
        if name == "briefs":
            editor = self.briefs.current_editor()
            target = editor.editor if editor is not None else self.briefs.table
        elif name == "search":
            target = self.search_results.list
        else:
            target = getattr(self, name).table
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def current_page(self) -> str:
        row = self.navigator.currentRow()
        return PAGES[row] if 0 <= row < len(PAGES) else "claims"

    def _page_changed(self, row: int) -> None:
        if not 0 <= row < len(PAGES):
            return
        self.stack.setCurrentIndex(row)
        self.go_actions[PAGES[row]].setChecked(True)
        self._update_title()

    def _clean_changed(self, _clean: bool) -> None:
        self._update_title()

    def _update_title(self) -> None:
        if getattr(self.lib, "is_team", False):
            from app.storage import postgres

            parts = postgres.address_parts(self.lib.location)
            if parts["service"] and not parts["host"]:
                where = f", service {parts['service']}"
            else:
                where = f" on {parts['host'] or 'this computer'}"
            name = f"{parts['database'] or parts['service']} (team library{where})"
        else:
            name = Path(str(self.lib.path)).stem
        if self.current_page() == "briefs":
            editor = self.briefs.current_editor()
            if editor is not None and editor.title:
                name = editor.title
        read_only = " (read-only)" if getattr(self.lib, "read_only", False) else ""
        self.setWindowTitle(f"{APP_NAME} {DASH} {name}{read_only}")
        self.setWindowFilePath(str(self.lib.path))

    def _prune_change_log(self) -> None:
        """Drop change-log rows older than the days the Activity window promises, once per open (a write on
        the worker; a busy or unreachable library just keeps them until the next open)."""

        def failed(exc: BaseException) -> None:
            log.warning("change log not pruned: %s", exc)

        self.jobs.write(self.lib.changes.prune, None, failed, owner=self)

    def read_only_actions(self) -> list:
        """Every action that changes the library (kept disabled while it is open read-only)."""
        return [
            self.new_brief_action,
            self.import_action,
            self.import_folder_action,
            self.save_action,
            self.claims.add_denial_action,
            self.claims.add_corroboration_action,
            self.claims.add_qualification_action,
            self.claims.edit_action,
            self.claims.delete_action,
            self.sources.claim_action,
            self.sources.denial_action,
            self.sources.corroboration_action,
            self.sources.edit_source_action,
            self.sources.draft_action,
        ]

    def _enforce_read_only(self) -> None:
        """A library that cannot be written (Library.read_only_reason) is shown read-only: the title says so,
        the status bar says why, and every editing action stays disabled (views that enable their actions
        on a selection are overruled as they do); drops are refused and open briefs cannot be typed in."""
        self.read_only_label = QLabel(f"Read-only: {self.lib.read_only_reason}; edits are disabled", self)
        self.read_only_label.setObjectName("readOnlyLabel")
        self.read_only_label.setToolTip(
            "Briefdesk cannot write to this library, so it was opened read-only. Copy it to a folder you can "
            "write to (or change the folder's permissions) and open it again to edit."
        )
        self.statusBar().addWidget(self.read_only_label)
        self.setAcceptDrops(False)
        for action in self.read_only_actions():
            action.setEnabled(False)
            action.changed.connect(lambda a=action: a.isEnabled() and a.setEnabled(False))

    def _editor_changed(self, editor) -> None:
        self.save_action.setEnabled(editor is not None)
        self._sync_export(editor)
        if editor is not None:
            editor.export_action.changed.connect(lambda e=editor: self._sync_export(e))
            editor.side_action.toggled.connect(lambda _on, e=editor: self._sync_brief_layout(e))
            editor.preview_action.toggled.connect(lambda _on, e=editor: self._sync_brief_layout(e))
        self._sync_brief_layout(editor)
        self._update_title()

    def _brief_layout(self, part: str, shown: bool) -> None:
        """View > Brief side panel / Brief preview, for the brief in front."""
        editor = self.briefs.current_editor()
        if editor is None:
            return
        (editor.set_side_shown if part == "side" else editor.set_preview_shown)(shown)

    def _sync_brief_layout(self, editor) -> None:
        if editor is not self.briefs.current_editor():
            return
        for action, shown in (
            (self.brief_side_action, editor is None or editor.side_shown()),
            (self.brief_preview_action, editor is None or editor.preview_shown()),
        ):
            action.blockSignals(True)
            action.setChecked(shown)
            action.blockSignals(False)
            action.setEnabled(editor is not None)

    def _sync_export(self, editor) -> None:
        if editor is not self.briefs.current_editor():
            return
        enabled = editor is not None and editor.export_action.isEnabled()
        self.export_action.setEnabled(enabled)
        self.export_action.setToolTip(
            "Export the current brief to Word"
            if enabled or editor is None
            else editor.export_action.toolTip() or "Export is not available"
        )

    # --- navigation between pages --------------------------------------------------------------------
    def show_claim(self, claim_id: int) -> None:
        """The Claims page with this claim and its denials side by side."""
        self.go_to("claims")
        self.claims.show_claim(claim_id, select=True)

    def show_in_source(self, claim) -> None:
        self.go_to("sources")
        self.sources.open_source(claim.source_id, claim_id=claim.id)

    def _claims_of_source(self, source_id: int, title: str) -> None:
        self.go_to("claims")
        self.claims.set_source_filter((source_id, title))

    def show_analysis(self, pane: str) -> None:
        """The open brief's ACH matrix (``pane`` "ach") or key assumptions ("assumptions"), beside its text."""
        editor = self.briefs.current_editor()
        self.go_to("briefs")
        if editor is None:
            self.show_message("Open a brief first: its hypotheses and assumptions are beside its text.")
            return
        editor.show_pane(pane)

    def show_timeline(self, actor: str = "", tag: str = "") -> None:
        """The Timeline page for one actor (or one tag)."""
        self.go_to("timeline")
        self.timeline.set_filter(actor=actor or None, tag=tag or None)

    def _claims_of_actor(self, name: str) -> None:
        self.go_to("claims")
        self.claims.set_actor_filter(name)

    def focus_search(self) -> None:
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def _open_current_hit(self) -> None:
        hit = self.search_results.current_hit()
        if hit is not None:
            self.open_hit(hit)

    def open_hit(self, hit) -> None:
        """Open a search hit: a source in the reader (at the match), a claim beside its links, an actor's claims."""
        if hit.entity == "source":
            self.go_to("sources")
            span = None
            from app.search import MARK_CLOSE, MARK_OPEN

            snippet = hit.snippet
            if MARK_OPEN in snippet:
                word = snippet.split(MARK_OPEN, 1)[1].split(MARK_CLOSE, 1)[0]
                span = ("find", word)
            self.sources.open_source(hit.id, find=span[1] if span is not None else None)
        elif hit.entity == "claim":
            self.show_claim(hit.id)
        elif hit.entity == "actor":
            self._claims_of_actor(hit.title)

    # --- briefs --------------------------------------------------------------------------------------
    def new_brief(self) -> None:
        from ui.brief_properties_dialog import BriefPropertiesDialog

        brief_id = BriefPropertiesDialog.new_brief(self.lib, self.jobs, self, self.settings.brief_defaults())
        if brief_id is not None:
            self.go_to("briefs")
            self.briefs.open_brief(brief_id)

    def export_current(self) -> None:
        editor = self.briefs.current_editor()
        if editor is None:
            self.show_message("Open a brief to export it.")
            return
        if editor.export_action.isEnabled():
            editor.export_action.trigger()

    def save_current(self) -> None:
        editor = self.briefs.current_editor()
        if editor is not None:
            editor.save()
            self.show_message("Brief saved.")

    # --- activity, switching libraries --------------------------------------------------------------
    def show_activity(self):
        """View > Who changed what (one window per main window; shown again if open). Returns it."""
        from ui.activity_dialog import ActivityDialog

        if self.activity_dialog is None:
            self.activity_dialog = ActivityDialog(
                self.lib, self.jobs, show_record=self.show_record, parent=self
            )
        self.activity_dialog.show()
        self.activity_dialog.raise_()
        self.activity_dialog.activateWindow()
        return self.activity_dialog

    def show_record(self, kind: str, ident: int) -> None:
        """Go to a claim, source or brief by id (from the activity list)."""
        if kind == "claim":
            self.go_to("claims")
            self.claims.show_claim(ident, select=True)
        elif kind == "source":
            self.go_to("sources")
            self.sources.open_source(ident)
        elif kind == "brief":
            self.go_to("briefs")
            self.briefs.open_brief(ident)

    def switch_to_library(self, lib):
        """Show ``lib`` in a new window and close this one. Returns the new window."""
        window = MainWindow(lib, self.settings, start_page=self.current_page())
        window.show()
        self.library_switched.emit(window)
        self.close()
        return window

    # --- settings, about, errors ---------------------------------------------------------------------
    def edit_settings(self) -> None:
        from ui.settings_dialog import SettingsDialog

        dlg = SettingsDialog(self.settings, self)
        if dlg.exec():
            from PySide6.QtWidgets import QApplication

            theme.apply(QApplication.instance(), self.settings.get("appearance"))

    def about(self) -> None:
        from ui.about_dialog import AboutDialog

        AboutDialog(library=str(self.lib.path), log_file=log_path(), parent=self).exec()

    def show_guide(self) -> None:
        """The user guide (docs/user-guide.md) in a window of its own, beside the work."""
        from ui.help import GuideWindow

        if getattr(self, "guide_window", None) is None:
            self.guide_window = GuideWindow(self)
            self.guide_window.finished.connect(lambda _r: setattr(self, "guide_window", None))
        self.guide_window.show()
        self.guide_window.raise_()
        self.guide_window.activateWindow()

    def show_keyboard(self) -> None:
        from ui.help import KeyboardDialog, menu_actions, menu_shortcuts, page_shortcuts

        pages = {PAGE_LABELS[name]: self.pages[name] for name in PAGES}
        groups = menu_shortcuts(self.menuBar()) + page_shortcuts(pages, menu_actions(self.menuBar()))
        dlg = KeyboardDialog(groups, self)
        dlg.finished.connect(dlg.deleteLater)
        self.keyboard_dialog = dlg
        dlg.open()

    def report_problem(self) -> None:
        """Version, system and the end of the log, copied to the clipboard (nothing is sent)."""
        from ui.help import ReportDialog, problem_report

        report = problem_report(library=str(self.lib.path), log_file=log_path())
        dlg = ReportDialog(report, log_file=log_path(), parent=self)
        dlg.finished.connect(dlg.deleteLater)
        self.report_dialog = dlg
        dlg.open()

    def report_error(self, exc: BaseException) -> None:
        if self._closing:
            log.error("error while closing: %s", exc)
            return
        show_error(self, exc)

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, 5000)

    def refresh_everything(self) -> None:
        """Reload every page's rows (many changes by others at once, or the library came back)."""
        for model in (self.claims.model, self.sources.model, self.actors.model, self.briefs.model):
            if getattr(model, "_started", True):
                model.refresh()
        self.refresh_counts()

    def _connection_lost(self, message: str) -> None:
        """The team library's server went away: say so in the window (no dialog every few seconds); what is
        typed stays in the editors, which keep it unsaved and can save it to a file."""
        self.connection_label.setText(f"\u26a0 {message}")
        self.connection_label.setToolTip(message)
        self.connection_label.setVisible(True)

    def _pair_index_progress(self, progress) -> None:
        """Say while this window builds the team library's phrase index (minutes on a large library), so a
        slower phrase search meanwhile has its reason on screen."""
        share = f", {100 * progress.done // progress.total} %" if progress.total else ""
        self.index_label.setText(f"Building the phrase search index ({progress.table}{share})")
        self.index_label.setToolTip(
            "Other analysts can go on working. Searches for phrases in quotes are slower until it is done."
        )
        self.index_label.setVisible(True)

    def _pair_index_done(self, result) -> None:
        was_building = self.index_label.isVisible()
        self.index_label.setVisible(False)
        if isinstance(result, BaseException):
            self.show_message(f"The phrase search index could not be built: {result}")
        elif was_building and getattr(result, "status", "") == "built":
            self.show_message("The phrase search index is built: phrase searches are fast again.")

    def _connection_restored(self) -> None:
        self.connection_label.setVisible(False)
        self.show_message("Reconnected to the library; unsaved text is being saved.")
        self.briefs.retry_saves()
        self.refresh_everything()

    def _save_settings_quietly(self) -> None:
        try:
            self.settings.save()
        except OSError as exc:
            log.warning("could not save settings: %s", exc)

    # --- counts --------------------------------------------------------------------------------------
    def _counts_changed(self, changes: tuple[Change, ...]) -> None:
        """Records created, deleted or merged: counted again now, so the status bar keeps up with the lists
        (an edit changes no count: counted after a pause, in case)."""
        if any(ch.action is not Action.UPDATED for ch in changes):
            self.refresh_counts()
        else:
            self._counts_stale = True
            self._counts_timer.start(COUNTS_DEBOUNCE_MS)

    def refresh_counts(self) -> None:
        self._counts_stale = False
        self._counts_timer.stop()
        lib = self.lib

        def shown(counts: dict) -> None:
            self.counts_label.setText(
                " \u00b7 ".join(
                    counted(counts[key], key[:-1])
                    for key in ("sources", "claims", "links", "actors", "briefs")
                )
            )

        self.jobs.background(lib.counts, shown, lambda exc: log.warning("counts failed: %s", exc))

    def _rows_shown(self, _n: int) -> None:
        if self._counts_stale:  # a list shows the change: the counts beside it say it at the same time
            self.refresh_counts()
        if not self._interactive_sent:
            self._interactive_sent = True
            self.interactive.emit(time.perf_counter() - self._t0)

    def _show_brief_list(self, shown: bool) -> None:
        if shown != self.briefs.list_shown():
            self.go_to("briefs")
            self.briefs.show_list(shown)

    def _brief_list_toggled(self, shown: bool) -> None:
        if self.brief_list_action.isChecked() != shown:
            self.brief_list_action.blockSignals(True)
            self.brief_list_action.setChecked(shown)
            self.brief_list_action.blockSignals(False)

    # --- layout ----------------------------------------------------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._splitters_restored:
            # Once the window has its real size: restored before, the splitters would be rescaled.
            self._splitters_restored = True
            QTimer.singleShot(0, self._restore_splitters)

    def _restore_splitters(self) -> None:
        super()._restore_splitters()
        self._brief_list_toggled(self.briefs.list_shown())

    def quit(self) -> None:
        for w in list(_open_windows):
            w.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        try:
            self.briefs.flush_all()
        except Exception as exc:  # noqa: BLE001
            answer = QMessageBox.question(
                self,
                APP_NAME,
                f"A brief could not be saved: {exc}\n\nClose anyway?",
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        self._closing = True
        self.watcher.stop()
        self.index_upkeep.stop()
        self.briefs.release_all()
        self.save_state()
        self.jobs.wait()
        super().closeEvent(event)
        if self in _open_windows:
            _open_windows.remove(self)
        try:
            self.lib.close()
        except Exception as exc:  # noqa: BLE001
            log.warning("closing the library: %s", exc)
