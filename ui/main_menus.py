"""The main window's actions, menus and toolbar: what each command is called, its shortcut and where it shows."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence, QUndoStack
from PySide6.QtWidgets import QToolBar, QWidget

from ui.icons import icon

PAGES = ("sources", "actors", "claims", "briefs", "search", "timeline")
PAGE_LABELS = {
    "sources": "Sources",
    "actors": "Actors",
    "claims": "Claims",
    "briefs": "Briefs",
    "search": "Search results",
    "timeline": "Timeline",
}


def make_action(
    parent: QObject, text: str, slot=None, shortcut=None, *, tip: str = "", icon_name: str = ""
) -> QAction:
    """An action with its shortcut, status tip and icon, connected to ``slot``."""
    a = QAction(text, parent)
    if shortcut is not None:
        a.setShortcut(QKeySequence(shortcut))
    if tip:
        a.setStatusTip(tip)
        a.setToolTip(tip)
    if icon_name:
        a.setIcon(icon(icon_name))
    if slot is not None:
        a.triggered.connect(slot)
    return a


class _StackAction(QAction):
    """Undo or Redo with a fixed label, enabled and described (tooltip) as the undo stack says."""

    def __init__(self, stack: QUndoStack, *, redo: bool, parent: QObject) -> None:
        self.label, self.key = ("Redo", "Ctrl+Shift+Z") if redo else ("Undo", "Ctrl+Z")
        super().__init__(icon("redo" if redo else "undo"), self.label, parent)
        self.setObjectName("toolbarRedo" if redo else "toolbarUndo")
        self.triggered.connect(stack.redo if redo else stack.undo)
        (stack.canRedoChanged if redo else stack.canUndoChanged).connect(self.setEnabled)
        (stack.redoTextChanged if redo else stack.undoTextChanged).connect(self.describe)
        self.setEnabled(stack.canRedo() if redo else stack.canUndo())
        self.describe(stack.redoText() if redo else stack.undoText())

    def describe(self, what: str) -> None:
        self.setToolTip(f"{self.label} {what} ({self.key})" if what else f"{self.label} ({self.key})")


class MainMenus:
    """Part of ``MainWindow``: builds its actions (as attributes of the window), its menu bar and toolbar.
    Kept apart from the window's behaviour so that what each command is called and where it shows can be
    read in one place."""

    def _build_actions(self) -> None:
        """The window's commands, as attributes of the window (``self.export_action``, ``self.go_actions[page]``)."""
        std = QKeySequence.StandardKey
        self.new_brief_action = make_action(
            self,
            "&New brief...",
            self.new_brief,
            std.New,
            tip="Create a brief and open it",
            icon_name="brief",
        )
        self.open_library_action = make_action(
            self, "&Open library...", self.choose_library, std.Open, tip="Open another library file"
        )
        self.open_team_library_action = make_action(
            self,
            "Open &team library...",
            self.choose_team_library,
            tip="Connect to a team library on a PostgreSQL server",
        )
        self.new_library_action = make_action(
            self,
            "New &library...",
            self.new_library,
            "Ctrl+Shift+N",
            tip="Create an empty library and open it",
        )
        self.import_action = make_action(
            self,
            "&Import...",
            self.import_files,
            "Ctrl+I",
            tip="Import files as sources (text, Markdown, HTML, Word, PDF)",
            icon_name="import",
        )
        self.import_folder_action = make_action(
            self, "Import &folder...", self.import_folder, tip="Import every file in a folder"
        )
        self.export_action = make_action(
            self,
            "&Export...",
            self.export_current,
            "Ctrl+E",
            tip="Export the current brief to Word",
            icon_name="export",
        )
        self.save_action = make_action(
            self,
            "&Save brief",
            self.save_current,
            std.Save,
            tip="Save the current brief (a revision is kept)",
        )
        self.settings_action = make_action(self, "Se&ttings...", self.edit_settings, std.Preferences)
        if self.settings_action.shortcut().isEmpty():
            self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.quit_action = make_action(self, "&Quit", self.quit, std.Quit)
        if self.quit_action.shortcut().isEmpty():
            self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.undo_action = self.undo_stack.createUndoAction(self, "&Undo")
        self.undo_action.setShortcut(std.Undo)
        self.undo_action.setIcon(icon("undo"))
        self.redo_action = self.undo_stack.createRedoAction(self, "&Redo")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence(std.Redo)])
        self.redo_action.setIcon(icon("redo"))
        self.brief_list_action = make_action(
            self,
            "Brief &list",
            shortcut="Ctrl+Shift+L",
            tip="Show or hide the list of briefs beside the open briefs",
        )
        self.brief_list_action.setCheckable(True)
        self.brief_list_action.setChecked(True)
        self.brief_list_action.toggled.connect(self._show_brief_list)
        self.brief_side_action = make_action(
            self,
            "Brief &side panel",
            shortcut="Ctrl+Shift+B",
            tip="Show or fold the outline, checks and cited claims beside the open brief",
        )
        self.brief_side_action.setCheckable(True)
        self.brief_side_action.setChecked(True)
        self.brief_side_action.toggled.connect(lambda on: self._brief_layout("side", on))
        self.brief_preview_action = make_action(
            self,
            "Brief &preview",
            shortcut="Ctrl+Alt+P",
            tip="Show or hide the preview beside the open brief (hidden, the text takes its width)",
        )
        self.brief_preview_action.setCheckable(True)
        self.brief_preview_action.setChecked(True)
        self.brief_preview_action.toggled.connect(lambda on: self._brief_layout("preview", on))
        self.ach_action = make_action(
            self,
            "Competing &hypotheses",
            lambda: self.show_analysis("ach"),
            "Ctrl+Shift+H",
            tip="The open brief's analysis of competing hypotheses: its matrix and ranking",
        )
        self.assumptions_action = make_action(
            self,
            "&Key assumptions",
            lambda: self.show_analysis("assumptions"),
            "Ctrl+Shift+K",
            tip="The open brief's key assumptions",
        )
        self.activity_action = make_action(
            self,
            "&Who changed what...",
            self.show_activity,
            tip="The library's recent changes: who changed which record, and when",
        )
        self.find_action = make_action(
            self, "&Find...", self.focus_search, std.Find, tip="Search sources, claims and actors"
        )
        self.page_actions = QActionGroup(self)
        self.page_actions.setExclusive(True)
        self.go_actions: dict[str, QAction] = {}
        for i, name in enumerate(PAGES):
            a = make_action(
                self, PAGE_LABELS[name], lambda _c=False, n=name: self.open_page(n), f"Ctrl+{i + 1}"
            )
            a.setCheckable(True)
            self.page_actions.addAction(a)
            self.go_actions[name] = a
        self.about_action = make_action(self, "&About Briefdesk", self.about)
        self.guide_action = make_action(
            self,
            "&User guide",
            self.show_guide,
            std.HelpContents,
            tip="How to work in Briefdesk, with pictures",
        )
        if self.guide_action.shortcut().isEmpty():
            self.guide_action.setShortcut(QKeySequence("F1"))
        self.keys_action = make_action(
            self, "&Keyboard shortcuts", self.show_keyboard, "Ctrl+/", tip="Every command with a key"
        )
        self.report_action = make_action(
            self,
            "&Report a problem...",
            self.report_problem,
            tip="Copy the version, the system and the end of the log, to send to whoever supports Briefdesk",
        )
        self.export_action.setEnabled(False)
        self.save_action.setEnabled(False)

    def _build_menus(self) -> None:
        """The menu bar; page actions with shortcuts are also added to the window so they work in any page."""
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.new_brief_action)
        file_menu.addSeparator()
        file_menu.addAction(self.open_library_action)
        file_menu.addAction(self.open_team_library_action)
        self.recent_menu = file_menu.addMenu("Recent &libraries")
        file_menu.addAction(self.new_library_action)
        file_menu.addSeparator()
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.import_folder_action)
        file_menu.addAction(self.save_action)
        file_menu.addAction(self.export_action)
        file_menu.addSeparator()
        file_menu.addAction(self.settings_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)

        edit_menu = bar.addMenu("&Edit")
        edit_menu.addAction(self.undo_action)
        edit_menu.addAction(self.redo_action)
        edit_menu.addSeparator()
        edit_menu.addAction(self.find_action)

        view_menu = bar.addMenu("&View")
        for name in PAGES:
            view_menu.addAction(self.go_actions[name])
        view_menu.addSeparator()
        view_menu.addAction(self.brief_list_action)
        view_menu.addAction(self.brief_side_action)
        view_menu.addAction(self.brief_preview_action)
        view_menu.addAction(self.ach_action)
        view_menu.addAction(self.assumptions_action)
        view_menu.addSeparator()
        view_menu.addAction(self.activity_action)
        self.addAction(self.ach_action)
        self.addAction(self.assumptions_action)

        source_menu = bar.addMenu("&Source")
        for a in (self.sources.claim_action, self.sources.denial_action, self.sources.corroboration_action):
            source_menu.addAction(a)
            self.addAction(a)
        source_menu.addAction(self.sources.draft_action)
        self.addAction(self.sources.draft_action)
        source_menu.addSeparator()
        source_menu.addAction(self.sources.edit_source_action)
        source_menu.addAction(self.sources.show_claims_action)
        source_menu.addAction(self.sources.provenance_action)
        self.addAction(self.sources.edit_source_action)

        claim_menu = bar.addMenu("&Claim")
        for a in self.claims.claim_actions:
            claim_menu.addAction(a)
            if a is not self.claims.delete_action:
                self.addAction(a)

        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.guide_action)
        help_menu.addAction(self.keys_action)
        help_menu.addSeparator()
        help_menu.addAction(self.report_action)
        help_menu.addSeparator()
        help_menu.addAction(self.about_action)

    def _toolbar_undo_redo(self, *, redo: bool = False) -> QAction:
        """The toolbar's Undo (or Redo): always labelled just "Undo", so that its button keeps its width
        and never squeezes the search field; what it would undo is in its tooltip and the Edit menu."""
        a = _StackAction(self.undo_stack, redo=redo, parent=self)
        if redo:
            self.toolbar_redo_action = a
        else:
            self.toolbar_undo_action = a
        return a

    def _build_toolbar(self) -> None:
        tb = QToolBar("Main", self)
        tb.setObjectName("mainToolBar")
        tb.setMovable(False)
        tb.setIconSize(QSize(18, 18))
        tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        tb.addAction(self.new_brief_action)
        tb.addAction(self.import_action)
        tb.addAction(self.export_action)
        tb.addSeparator()
        tb.addAction(self._toolbar_undo_redo())
        tb.addAction(self._toolbar_undo_redo(redo=True))
        spacer = QWidget(tb)
        spacer.setSizePolicy(
            spacer.sizePolicy().horizontalPolicy().Expanding, spacer.sizePolicy().verticalPolicy().Preferred
        )
        tb.addWidget(spacer)
        tb.addWidget(self.search_field)
        self.addToolBar(tb)
        self.toolbar = tb
