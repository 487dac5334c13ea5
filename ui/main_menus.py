"""The main window's actions, menus and toolbar: what each command is called, its shortcut and where it shows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSize, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QToolBar, QWidget

from ui.icons import icon

if TYPE_CHECKING:
    from ui.main_window import MainWindow

PAGES = ("sources", "actors", "claims", "briefs", "search")
PAGE_LABELS = {
    "sources": "Sources",
    "actors": "Actors",
    "claims": "Claims",
    "briefs": "Briefs",
    "search": "Search results",
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


def build_actions(w: MainWindow) -> None:
    """The window's commands, as attributes of the window (``w.export_action``, ``w.go_actions[page]``)."""
    std = QKeySequence.StandardKey
    w.new_brief_action = make_action(
        w, "&New brief...", w.new_brief, std.New, tip="Create a brief and open it", icon_name="brief"
    )
    w.open_library_action = make_action(
        w, "&Open library...", w.choose_library, std.Open, tip="Open another library file"
    )
    w.new_library_action = make_action(
        w, "New &library...", w.new_library, "Ctrl+Shift+N", tip="Create an empty library and open it"
    )
    w.import_action = make_action(
        w,
        "&Import...",
        w.import_files,
        "Ctrl+I",
        tip="Import files as sources (text, Markdown, HTML, Word, PDF)",
        icon_name="import",
    )
    w.import_folder_action = make_action(
        w, "Import &folder...", w.import_folder, tip="Import every file in a folder"
    )
    w.export_action = make_action(
        w,
        "&Export...",
        w.export_current,
        "Ctrl+E",
        tip="Export the current brief to Word",
        icon_name="export",
    )
    w.save_action = make_action(
        w, "&Save brief", w.save_current, std.Save, tip="Save the current brief (a revision is kept)"
    )
    w.settings_action = make_action(w, "Se&ttings...", w.edit_settings, std.Preferences)
    if w.settings_action.shortcut().isEmpty():
        w.settings_action.setShortcut(QKeySequence("Ctrl+,"))
    w.quit_action = make_action(w, "&Quit", w.quit, std.Quit)
    if w.quit_action.shortcut().isEmpty():
        w.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
    w.undo_action = w.undo_stack.createUndoAction(w, "&Undo")
    w.undo_action.setShortcut(std.Undo)
    w.undo_action.setIcon(icon("undo"))
    w.redo_action = w.undo_stack.createRedoAction(w, "&Redo")
    w.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence(std.Redo)])
    w.redo_action.setIcon(icon("redo"))
    w.brief_list_action = make_action(
        w,
        "Brief &list",
        shortcut="Ctrl+Shift+L",
        tip="Show or hide the list of briefs beside the open briefs",
    )
    w.brief_list_action.setCheckable(True)
    w.brief_list_action.setChecked(True)
    w.brief_list_action.toggled.connect(w._show_brief_list)
    w.find_action = make_action(
        w, "&Find...", w.focus_search, std.Find, tip="Search sources, claims and actors"
    )
    w.page_actions = QActionGroup(w)
    w.page_actions.setExclusive(True)
    w.go_actions: dict[str, QAction] = {}
    for i, name in enumerate(PAGES):
        a = make_action(w, PAGE_LABELS[name], lambda _c=False, n=name: w.open_page(n), f"Ctrl+{i + 1}")
        a.setCheckable(True)
        w.page_actions.addAction(a)
        w.go_actions[name] = a
    w.about_action = make_action(w, "&About Briefdesk", w.about)
    w.export_action.setEnabled(False)
    w.save_action.setEnabled(False)


def build_menus(w: MainWindow) -> None:
    """The menu bar; page actions with shortcuts are also added to the window so they work in any page."""
    bar = w.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addAction(w.new_brief_action)
    file_menu.addSeparator()
    file_menu.addAction(w.open_library_action)
    w.recent_menu = file_menu.addMenu("Recent &libraries")
    file_menu.addAction(w.new_library_action)
    file_menu.addSeparator()
    file_menu.addAction(w.import_action)
    file_menu.addAction(w.import_folder_action)
    file_menu.addAction(w.save_action)
    file_menu.addAction(w.export_action)
    file_menu.addSeparator()
    file_menu.addAction(w.settings_action)
    file_menu.addSeparator()
    file_menu.addAction(w.quit_action)

    edit_menu = bar.addMenu("&Edit")
    edit_menu.addAction(w.undo_action)
    edit_menu.addAction(w.redo_action)
    edit_menu.addSeparator()
    edit_menu.addAction(w.find_action)

    view_menu = bar.addMenu("&View")
    for name in PAGES:
        view_menu.addAction(w.go_actions[name])
    view_menu.addSeparator()
    view_menu.addAction(w.brief_list_action)

    source_menu = bar.addMenu("&Source")
    for a in (w.sources.claim_action, w.sources.denial_action, w.sources.corroboration_action):
        source_menu.addAction(a)
        w.addAction(a)
    source_menu.addAction(w.sources.draft_action)
    w.addAction(w.sources.draft_action)
    source_menu.addSeparator()
    source_menu.addAction(w.sources.edit_source_action)
    source_menu.addAction(w.sources.show_claims_action)
    w.addAction(w.sources.edit_source_action)

    claim_menu = bar.addMenu("&Claim")
    for a in w.claims.claim_actions:
        claim_menu.addAction(a)
        if a is not w.claims.delete_action:
            w.addAction(a)

    help_menu = bar.addMenu("&Help")
    help_menu.addAction(w.about_action)


def build_toolbar(w: MainWindow) -> None:
    tb = QToolBar("Main", w)
    tb.setObjectName("mainToolBar")
    tb.setMovable(False)
    tb.setIconSize(QSize(18, 18))
    tb.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    tb.addAction(w.new_brief_action)
    tb.addAction(w.import_action)
    tb.addAction(w.export_action)
    tb.addSeparator()
    tb.addAction(w.undo_action)
    tb.addAction(w.redo_action)
    spacer = QWidget(tb)
    spacer.setSizePolicy(
        spacer.sizePolicy().horizontalPolicy().Expanding, spacer.sizePolicy().verticalPolicy().Preferred
    )
    tb.addWidget(spacer)
    tb.addWidget(w.search_field)
    w.addToolBar(tb)
    w.toolbar = tb
