"""The brief editor: a Markdown editor with highlighting, autosave and citation by drag and drop.

Integration surface (for the main window):

- ``BriefEditor(lib, jobs, brief_id, parent=None)``: loads the brief through ``jobs.read``.
- Signals: ``title_changed(str)``, ``claim_activated(int)`` (a citation activated), ``modified_changed(bool)``.
- ``export_action`` saves the text and opens the export dialog (``ui.export_dialog``).
- Actions (attributes, add them to menus/toolbars): ``save_action`` (Ctrl+S), ``export_action`` (Ctrl+E),
  ``properties_action``, ``revisions_action``, ``pick_claim_action`` (Ctrl+K).
- ``save()`` (explicit save, revision reason "save"), ``flush()`` (save now if modified; call on close),
  ``brief_id``.
- ``preview``: the live preview (``ui.preview_view.PreviewView``); clicking a citation emits
  ``claim_activated``.
- Side tabs: ``outline``, ``cited_claims``, ``checks`` (``ui.checks_panel.ChecksPanel``), ``ach`` (the
  analysis of competing hypotheses, ``ui.ach_pane.AchPane``) and ``assumptions`` (``ui.assumptions_pane``);
  their changes go on ``undo_stack`` (the window's; the panes make their own without one).
- Drops: mime type ``application/x-briefdesk-claim-ids`` with a text payload of comma-separated claim ids
  (e.g. ``b"12,14"``) inserts ``[@c12; @c14]`` at the drop point (or adds them to the citation the drop point
  is inside); plain text is inserted as is.
- Citations, headings and code are read by the brief model (``app.brief_model``), as the checks and the
  exports read them: the outline, the cited claims, the highlighting, and Ctrl+K / drops inside a citation
  (``[@c1, @c2]`` or ``[@c1; @c2]``), which add to it in its own separator. Directional formatting characters
  are shown (and marked), never applied unseen.

Autosave: the body is written with ``set_body(reason="autosave")`` on the write worker ``AUTOSAVE_MS`` after
typing stops, and at the latest ``AUTOSAVE_MAX_MS`` after the first unsaved change however steadily the analyst
types (a kill -9 then loses at most the last few seconds). One autosave is in flight at a time; changes made
meanwhile are written when it finishes. On opening, a body last stored by an autosave (not an explicit save)
is announced in the status line with its time, so after a crash the analyst knows what they are looking at.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QMimeData, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QTextCursor, QTextOption
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.brief_model import BriefModel, Citation, parse_brief
from app.brief_model.render import heading_texts
from app.brief_model.text import drop_forbidden
from app.briefs import LOCK_HEARTBEAT
from app.errors import BriefLockedError
from ui.ach_pane import AchPane
from ui.assumptions_pane import AssumptionsPane
from ui.brief_editor_lock import EditorLocking
from ui.checks_panel import ChecksPanel
from ui.cited_claims_panel import CitedClaimsPanel, OutlinePanel
from ui.claim_mime import CLAIM_IDS_MIME, citation_for, claim_ids_from_mime
from ui.markdown_highlighter import MarkdownHighlighter
from ui.preview_view import PreviewView

MODEL_ON_GUI_THREAD = 200_000  # characters; a longer brief is read on a worker
AUTOSAVE_MS = 2000  # after typing stops
PREVIEW_MIN_WIDTH = 1200  # the editor at least this wide: the preview is shown beside the text at first
AUTOSAVE_MAX_MS = 4000  # after the first unsaved change, however fast the typing (plus the write itself)


def group_at(model: BriefModel, position: int) -> list[Citation]:
    """The citation bracket ``position`` is inside (after its '[', up to its ']'), as its keys; [] if none."""
    keys = [c for c in model.citations if c.group_start < position < c.group_end]
    return keys


def add_to_group(model: BriefModel, keys: list[Citation], ids: list[int]) -> tuple[int, str]:
    """Where to insert, and what, to add claims ``ids`` to the bracket of ``keys`` (those it already holds
    are left out), in the bracket's own separator."""
    text = model.body[keys[0].group_start : keys[0].group_end]
    sep = ", " if "," in text and ";" not in text else "; "
    have = {c.ident for c in keys if c.kind == "claim"}
    # just after the last key: any trailing separator and spaces stay where they are
    return keys[-1].end, "".join(f"{sep}@c{i}" for i in dict.fromkeys(ids) if i not in have)


def _scrolled(pane: QWidget, parent: QWidget) -> QScrollArea:
    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(pane)
    return area


class _TextEdit(QPlainTextEdit):
    cite = None  # the BriefEditor's insert_citation, set by it

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # noqa: N802 - Qt override
        return source.hasFormat(CLAIM_IDS_MIME) or super().canInsertFromMimeData(source)

    def insertFromMimeData(self, source: QMimeData) -> None:  # noqa: N802 - Qt override
        ids = claim_ids_from_mime(source)
        if ids and self.cite is not None:
            self.cite(ids)
        elif ids:
            self.textCursor().insertText(citation_for(ids))
        else:
            super().insertFromMimeData(source)


class BriefEditor(EditorLocking, QWidget):
    title_changed = Signal(str)
    claim_activated = Signal(int)
    modified_changed = Signal(bool)

    def __init__(self, lib, jobs, brief_id: int, parent: QWidget | None = None, *, undo_stack=None) -> None:
        super().__init__(parent)
        self.lib, self.jobs, self.brief_id = lib, jobs, brief_id
        self.title = ""
        self._loading = False
        self.editor = _TextEdit(self)
        self.editor.setAcceptDrops(True)
        self.editor.cite = self.insert_citation
        option = self.editor.document().defaultTextOption()
        option.setFlags(option.flags() | QTextOption.Flag.ShowDefaultIgnorables)  # bidi controls are seen
        self.editor.document().setDefaultTextOption(option)
        self.highlighter = MarkdownHighlighter(self.editor.document())
        self.model: BriefModel | None = None  # the model of the text as last read
        self.status = QLabel(self)
        self.save_error: BaseException | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self._build_banner()
        lay.addWidget(self.banner)
        self.preview = PreviewView(lib, jobs, self)
        self.preview.claim_activated.connect(self.claim_activated)
        self.outline = OutlinePanel(self)
        self.outline.line_activated.connect(self.go_to)
        self.cited_claims = CitedClaimsPanel(lib, jobs, self)
        self.cited_claims.claim_activated.connect(self.claim_activated)
        self.preview.claim_activated.connect(self.cited_claims.select_claim)
        self.side = QTabWidget(self)
        self.side.addTab(self.outline, "Outline")
        self.side.addTab(self.cited_claims, "Cited claims")
        self.checks = ChecksPanel(lib, jobs, brief_id, self.editor, self)
        self.checks.jump_requested.connect(self.go_to)
        self.side.addTab(self.checks, "Checks")
        # Structured analysis (ui.ach_pane, ui.assumptions_pane): wide tables, so the side widens while shown.
        # In scroll areas, so their buttons never force the side wider than the analyst made it.
        self.ach = AchPane(lib, jobs, brief_id, undo_stack, self)
        self.ach.claim_activated.connect(self.claim_activated)
        self._ach_area = _scrolled(self.ach, self)
        self.side.addTab(self._ach_area, "ACH")
        self.side.setTabToolTip(
            self.side.count() - 1, "Analysis of competing hypotheses: the matrix and ranking"
        )
        self.assumptions = AssumptionsPane(lib, jobs, brief_id, undo_stack, self)
        self._assumptions_area = _scrolled(self.assumptions, self)
        self.side.addTab(self._assumptions_area, "Assumptions")
        self.side.setTabToolTip(self.side.count() - 1, "Key assumptions check")
        self._narrow_sizes: list[int] | None = None
        self.side.currentChanged.connect(self._side_tab_changed)
        # The panes' names stand on the side's edge, so all of them show at 1280 px (across the top, "Checks"
        # was cut off); clicking the pane shown folds the side to its edge and gives the text the room.
        self.side.setTabPosition(QTabWidget.TabPosition.West)
        self.side.setObjectName("briefSide")
        self.side.tabBarClicked.connect(self._side_tab_clicked)
        self._side_stack = self.side.findChild(QStackedWidget)
        self._side_open = True
        self._side_width = 260
        self.splitter = QSplitter(self)
        self.splitter.setObjectName("briefSplit")
        self.splitter.addWidget(self.side)
        self.splitter.addWidget(self.editor)
        self.splitter.addWidget(self.preview)
        self.splitter.setSizes([260, 620, 420])  # the text gets the most room
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self.splitter.setCollapsible(1, False)  # the text never disappears
        self._preview_open = True
        self._preview_stale = False
        self._laid_out = False
        self._panels_timer = QTimer(self)
        self._panels_timer.setSingleShot(True)
        self._panels_timer.setInterval(400)
        self._panels_timer.timeout.connect(self._update_panels)
        lay.addWidget(self.splitter, 1)
        # under the text: its word count and save state, and the preview's switch in sight (at 1280 px the
        # preview starts hidden, and a View menu entry alone was easy to miss)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(self.status, 1)
        self.preview_button = QToolButton(self)
        self.preview_button.setObjectName("previewToggle")
        self.preview_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.preview_button.setAutoRaise(True)
        bottom.addWidget(self.preview_button, 0)
        lay.addLayout(bottom, 0)

        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(lambda: self._write("autosave"))
        self._autosave_deadline = QTimer(self)  # not restarted by typing: steady typing still gets saved
        self._autosave_deadline.setSingleShot(True)
        self._autosave_deadline.setInterval(AUTOSAVE_MAX_MS)
        self._autosave_deadline.timeout.connect(lambda: self._write("autosave"))
        self._writing = 0  # saves on the write worker
        self._write_again = False  # typed while it was: autosave again when it is done
        self.recovered_note = ""  # "restored from the autosave of ..." when the stored body came from one
        self.editor.textChanged.connect(self._on_text_changed)
        self.editor.document().modificationChanged.connect(self.modified_changed)

        self.save_action = self._action("&Save", QKeySequence.StandardKey.Save, self.save)
        self.export_action = self._action("&Export...", QKeySequence("Ctrl+E"), self.export)
        self.export_action.setToolTip("Export this brief to Word")
        self.properties_action = self._action("Brief &properties...", None, self.edit_properties)
        self.revisions_action = self._action("&Revisions...", None, self.show_revisions)
        self.pick_claim_action = self._action("&Cite a claim...", QKeySequence("Ctrl+K"), self.pick_claim)
        # One analyst edits a brief's text at a time (app.briefs: lock): until this window holds the brief's
        # lock the text is read-only; if someone else holds it, the banner names them.
        self.lock_state = "pending"  # pending | mine | held (by someone else) | lost (taken over) | none
        self._lock_asked = False  # a lock request is on its way and its answer has not come
        self._heartbeat = QTimer(self)
        self._heartbeat.setInterval(int(LOCK_HEARTBEAT.total_seconds() * 1000))
        self._heartbeat.timeout.connect(self._renew_lock)
        self.editor.setReadOnly(True)
        self.jobs.library_changed.connect(self._library_changed)
        # shown and hidden from the window's View menu (Ctrl+Shift+B, Ctrl+Alt+P) for the brief in front
        self.side_action = self._action("Side &panel", None, None)
        self.side_action.setCheckable(True)
        self.side_action.setChecked(True)
        self.side_action.toggled.connect(self.set_side_shown)
        self.preview_action = self._action("&Preview", None, None)
        self.preview_action.setToolTip("Show the brief as it will read, beside the text (Ctrl+Alt+P)")
        self.preview_action.setCheckable(True)
        self.preview_action.setChecked(True)
        self.preview_action.toggled.connect(self.set_preview_shown)
        self.preview_button.setDefaultAction(self.preview_action)
        self.jobs.read(lambda: lib.briefs.get(brief_id), self._loaded, owner=self)
        self.jobs.read(
            lambda: lib.briefs.last_saved(brief_id), self._save_state_loaded, lambda _exc: None, owner=self
        )
        if getattr(lib, "read_only", False):  # a library opened read-only: the text can be read, not typed
            self.editor.setReadOnly(True)
            for action in (self.save_action, self.properties_action, self.pick_claim_action):
                action.setEnabled(False)
            self.recovered_note = "read-only: the library cannot be written"
            self._update_status()

    def _action(self, text, shortcut, slot) -> QAction:
        a = QAction(text, self)
        if shortcut is not None:
            a.setShortcut(shortcut)
        a.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        if slot is not None:
            a.triggered.connect(slot)
        self.addAction(a)
        return a

    def _loaded(self, brief) -> None:
        if self.lock_state == "pending":
            self._take_lock()
        self._loading = True
        self.editor.setPlainText(drop_forbidden(brief.body))  # an older library may still hold them
        self.editor.document().setModified(False)
        self._loading = False
        self.title = brief.title
        self.brief = brief
        self._schedule_preview()
        self._update_panels()
        self.checks.schedule()
        self.title_changed.emit(brief.title)
        self._update_status()

    def _update_panels(self) -> None:
        """Read the text into the brief model (off the GUI thread when it is long), then show it."""
        body = self.body()
        if len(body) < MODEL_ON_GUI_THREAD:
            self._model_read(parse_brief(body))
        else:
            self.jobs.read(lambda: parse_brief(body), self._model_read, lambda _exc: None, owner=self)

    def _model_read(self, model: BriefModel) -> None:
        if model.body != self.body():
            return  # typed since: the next reading follows
        self.model = model
        body = model.body
        self.outline.update_body(model)
        self.cited_claims.update_body(model)
        self.highlighter.set_model(model)
        judgments = [" ".join(body[b.text_start : b.end].split()) for b in model.key_judgments]
        self.assumptions.set_judgments(judgments)
        self.ach.set_judgments(judgments)

    def show_pane(self, name: str) -> None:
        """Bring a side pane forward: "ach", "assumptions", "checks", "cited_claims" or "outline"."""
        area = {"ach": self._ach_area, "assumptions": self._assumptions_area}.get(name)
        widget = area if area is not None else getattr(self, name)
        self.set_side_shown(True)
        self.side.setCurrentWidget(widget)
        focus = {"ach": self.ach.table, "assumptions": self.assumptions.table}.get(name, widget)
        focus.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # --- the layout: side panel and preview, for screens from 1280 to 1920 px wide ---------------------
    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if not self._laid_out:
            self._laid_out = True
            QTimer.singleShot(0, self._first_layout)  # once the page has laid the editor out at its width

    def _first_layout(self) -> None:
        """The preview beside the text when there is room for both (the editor 1200 px wide or more, e.g.
        a 1920 px screen), else the text alone, wide enough to write in; the analyst's own choice of the last
        session wins."""
        from ui.settings import window_state

        saved = window_state().value("brief/preview")
        shown = saved == "shown" if saved in ("shown", "hidden") else self.width() >= PREVIEW_MIN_WIDTH
        if shown != self._preview_open:
            self._choosing = True  # the layout's choice, not the analyst's: not remembered
            try:
                self.preview_action.setChecked(shown)
            finally:
                self._choosing = False

    def side_shown(self) -> bool:
        return self._side_open

    def preview_shown(self) -> bool:
        return self._preview_open

    def set_side_shown(self, shown: bool) -> None:
        """Fold the side panel to its edge (its panes' names stay, a click opens one) or open it again."""
        if shown == self._side_open:
            return
        self._side_open = shown
        sizes = self.splitter.sizes()
        if not shown:
            self._side_width = max(sizes[0], 160)
            if self._side_stack is not None:
                self._side_stack.hide()
            edge = self.side.tabBar().sizeHint().width() + 2
            self.splitter.setSizes([edge, sizes[1] + sizes[0] - edge, sizes[2]])
        else:
            if self._side_stack is not None:
                self._side_stack.show()
            width = self._side_width
            self.splitter.setSizes([width, max(sizes[1] - (width - sizes[0]), 240), sizes[2]])
        if self.side_action.isChecked() != shown:
            self.side_action.setChecked(shown)

    def _side_tab_clicked(self, index: int) -> None:
        if index == self.side.currentIndex() or not self._side_open:
            self.set_side_shown(not self._side_open or index != self.side.currentIndex())

    def set_preview_shown(self, shown: bool) -> None:
        """Show the preview beside the text, or give the text its width (a hidden preview is not rendered)."""
        if shown == self._preview_open:
            return
        self._preview_open = shown
        sizes = self.splitter.sizes()
        if not shown:
            self._preview_width = sizes[2]
            self.preview.hide()
            self.splitter.setSizes([sizes[0], sizes[1] + sizes[2], 0])
        else:
            self.preview.show()
            # the width it had, but never a sliver: at least 2/5 of the room, and the text keeps 360 px
            width = max(getattr(self, "_preview_width", 0), sizes[1] * 2 // 5, 320)
            width = min(width, sizes[1] - 360) if sizes[1] > 600 else sizes[1] * 2 // 5
            self.splitter.setSizes([sizes[0], sizes[1] - width, width])
            if self._preview_stale and getattr(self, "brief", None) is not None:
                self._preview_stale = False
                self.preview.schedule(self.brief, self.body())
        if self.preview_action.isChecked() != shown:
            self.preview_action.setChecked(shown)
        if self._laid_out and self.isVisible() and not getattr(self, "_choosing", False):
            from ui.settings import window_state

            window_state().setValue("brief/preview", "shown" if shown else "hidden")

    def _schedule_preview(self) -> None:
        if self._preview_open:
            self.preview.schedule(self.brief, self.body())
        else:
            self._preview_stale = True

    def _side_tab_changed(self, index: int) -> None:
        """The analysis panes hold wide tables: give the side about half the width while one is shown, and
        the text its room back after."""
        wide = self.side.widget(index) in (self._ach_area, self._assumptions_area)
        sizes = self.splitter.sizes()
        total = sum(sizes)
        if wide and self._narrow_sizes is None and total > 0:
            self._narrow_sizes = sizes
            side = max(sizes[0], total * 11 // 20)
            rest = total - side
            self.splitter.setSizes([side, rest * 3 // 5, rest - rest * 3 // 5])
        elif not wide and self._narrow_sizes is not None:
            self.splitter.setSizes(self._narrow_sizes)
            self._narrow_sizes = None

    def go_to(self, line: int, column: int = 0) -> None:
        block = self.editor.document().findBlockByNumber(line)
        cursor = QTextCursor(block)
        cursor.movePosition(QTextCursor.MoveOperation.Right, n=min(column, max(block.length() - 1, 0)))
        self.editor.setTextCursor(cursor)
        self.editor.centerCursor()
        self.editor.setFocus()

    def body(self) -> str:
        return self.editor.toPlainText()

    def _on_text_changed(self) -> None:
        self._update_status()
        if getattr(self, "brief", None) is not None:
            self._schedule_preview()
            self._panels_timer.start()
            self.checks.schedule()
        if not self._loading:
            self._autosave.start()
            if not self._autosave_deadline.isActive():
                self._autosave_deadline.start()

    def _save_state_loaded(self, state) -> None:
        """Say so when the text shown is what an autosave stored (e.g. after a crash), not an explicit save."""
        if state is None or state.reason != "autosave" or not self._writable_library():
            return
        when = state.saved_at.replace(tzinfo=dt.UTC).astimezone()
        self.recovered_note = f"restored from the autosave of {when:%Y-%m-%d %H:%M:%S} (see Revisions)"
        self._update_status()

    def _update_status(self) -> None:
        words = len(self.body().split())
        failed = f"  —  not saved: {self.save_error}" if self.save_error is not None else ""
        recovered = f"  —  {self.recovered_note}" if self.recovered_note and not failed else ""
        self.status.setText(f"{words} words{failed}{recovered}")

    def _write(self, reason: str) -> None:
        self._autosave.stop()
        self._autosave_deadline.stop()
        if self.editor.isReadOnly():
            return
        if reason == "autosave" and not self.editor.document().isModified():
            return
        if reason == "autosave" and self._writing > 0:  # one autosave at a time: the queue never grows
            self._write_again = True
            return
        body, bid = self.body(), self.brief_id
        self.editor.document().setModified(False)
        self._writing += 1
        self.jobs.write(
            lambda: self.lib.briefs.set_body(bid, body, reason=reason), self._saved, self._save_failed
        )

    def _write_finished(self) -> None:
        self._writing = max(0, self._writing - 1)
        if self._write_again and self._writing == 0:
            self._write_again = False
            self._write("autosave")

    def _saved(self, _change) -> None:
        self._write_finished()
        if self.recovered_note:
            self.recovered_note = ""
            self._update_status()
        if self.save_error is not None:
            self.save_error = None
            self.status.setToolTip("")
            self._update_status()

    def _save_failed(self, exc: BaseException) -> None:
        """A failed write leaves the text marked unsaved and says why; nothing typed is lost."""
        self._writing = max(0, self._writing - 1)
        self._write_again = False
        self.editor.document().setModified(True)
        self.save_error = exc
        self.status.setToolTip(str(exc))
        self._update_status()
        if isinstance(exc, BriefLockedError):
            self._lock_lost(exc)
        else:
            self._show_banner(f"Not saved: {exc} Your text is kept here.", save_copy=True)

    def save(self) -> None:
        self._write("save")

    def export(self) -> None:
        """Save what is typed, then open the export dialog for this brief."""
        from ui.export_dialog import ExportDialog

        self.flush()
        self.export_dialog = ExportDialog(self.lib, self.jobs, self.brief_id, parent=self)
        self.export_dialog.open()

    def flush(self) -> None:
        if self.editor.document().isModified() or self._autosave.isActive() or self._write_again:
            self._write_again = False
            self._write("save")
        self.jobs.wait()

    def insert_citation(self, ids: list[int]) -> None:
        """Insert ``[@cN]`` at the cursor, or add ``@cN`` to the citation the cursor is inside (``; @cN`` or
        ``, @cN``, as that citation separates its keys; a claim it holds already is not added twice)."""
        if not ids:
            return
        cursor = self.editor.textCursor()
        model = parse_brief(self.body())
        keys = group_at(model, cursor.position())
        if keys:
            at, text = add_to_group(model, keys, ids)
            cursor.setPosition(at)
            if text:
                cursor.insertText(text)
            self.editor.setTextCursor(cursor)
            return
        cursor.insertText(citation_for(ids))
        self.editor.setTextCursor(cursor)

    def citation_context(self) -> tuple[str, list[int]]:
        """For the claim picker: the section the cursor is in, and the claims of the citation it is inside."""
        model = parse_brief(self.body())
        position = self.editor.textCursor().position()
        keys = group_at(model, position)
        heading = next((h for h in reversed(model.headings) if h.start <= position), None)
        section = (
            heading_texts(model)[heading.index] if heading else ""
        )  # as the outline and the preview show it
        return section, [c.ident for c in keys if c.kind == "claim"]

    def edit_properties(self) -> None:
        from ui.brief_properties_dialog import BriefPropertiesDialog

        if BriefPropertiesDialog(self.lib, self.jobs, self.brief_id, self).exec():
            self.jobs.read(lambda: self.lib.briefs.get(self.brief_id), self._properties_changed, owner=self)

    def _properties_changed(self, brief) -> None:
        self.brief = brief
        if brief.title != self.title:
            self.title = brief.title
            self.title_changed.emit(brief.title)
        self._schedule_preview()

    def show_revisions(self) -> None:
        from ui.revisions_dialog import RevisionsDialog

        self.flush()
        dlg = RevisionsDialog(self.lib, self.jobs, self.brief_id, self.body(), self)
        if dlg.exec() and dlg.restored_body is not None:
            self.reload_body(dlg.restored_body)

    def reload_body(self, body: str) -> None:
        """Replace the text with a body already stored (e.g. a restored revision), keeping it unmodified."""
        self._autosave.stop()
        self._autosave_deadline.stop()
        self._loading = True
        self.editor.setPlainText(drop_forbidden(body))
        self.editor.document().setModified(False)
        self._loading = False

    def pick_claim(self) -> None:
        from ui.claim_picker_dialog import ClaimPickerDialog

        section, in_citation = self.citation_context()
        dlg = ClaimPickerDialog(self.lib, self.jobs, self, section=section, in_citation=in_citation)
        if dlg.exec():
            self.insert_citation(dlg.chosen_ids())
